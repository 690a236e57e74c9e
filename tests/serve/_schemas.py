"""The specification's JSON Schemas as validators, by API version and schema name.

Each version's schemas are loaded into a `referencing` registry by their ``$id`` as draft-7
resources (``openapi.json`` declares a dialect `referencing` would not detect), so that
``$ref: "type.json"`` and the Swagger reference of ``authentication`` resolve offline.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

jsonschema = pytest.importorskip("jsonschema")
referencing = pytest.importorskip("referencing")
from referencing.jsonschema import DRAFT7  # noqa: E402

from ._http import SPEC  # noqa: E402

VERSIONS = ("0.2", "1.0-draft")


def spec_available() -> bool:
    return (SPEC / "0.2" / "schemas").is_dir()


@cache
def _registry(version: str) -> tuple[Any, dict[str, dict[str, Any]]]:
    folder = SPEC / version / "schemas"
    docs = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}
    registry = referencing.Registry().with_resources((d["$id"], DRAFT7.create_resource(d)) for d in docs.values())
    return registry, docs


def validator(version: str, name: str) -> Any:
    """A draft-7 validator of the schema ``name`` (file stem) of API ``version``."""
    registry, docs = _registry(version)
    return jsonschema.Draft7Validator(docs[name], registry=registry)


def check(version: str, name: str, data: Any) -> None:
    """Fails the test, with every error, unless ``data`` is valid against the schema."""
    errors = sorted(validator(version, name).iter_errors(data), key=lambda e: list(e.path))
    assert not errors, f"{version}/{name}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def examples(version: str) -> list[tuple[str, Path, bool]]:
    """Every example of the specification: (schema name, file, whether it is valid)."""
    out = []
    for path in sorted((SPEC / version / "examples").glob("*/*/*.json")):
        out.append((path.parts[-3], path, path.parts[-2] == "valid"))
    return out
