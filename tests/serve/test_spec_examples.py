"""The validator itself: the specification's examples validate as their folders say.

Every response test relies on `_schemas.check`; if the registry failed to resolve a ``$ref``,
or a schema were read wrongly, these examples would show it: the valid ones must pass and the
invalid ones must fail, each against the schema its folder names.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ._http import SPEC
from ._schemas import VERSIONS, examples, validator

assert SPEC.is_dir(), f"the specification's schemas and examples are expected at {SPEC} (../shared beside the clone)"

CASES = [(v, name, path, valid) for v in VERSIONS for name, path, valid in examples(v)
         if (SPEC / v / "schemas" / f"{name}.json").exists()]


@pytest.mark.parametrize(("version", "name", "path", "valid"), CASES,
                         ids=[f"{v}/{n}/{'valid' if ok else 'invalid'}/{p.stem}" for v, n, p, ok in CASES])
def test_example_validates_as_its_folder_says(version: str, name: str, path: Path, valid: bool) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    errors = list(validator(version, name).iter_errors(data))
    assert (not errors) == valid, [e.message for e in errors[:3]]


def test_every_version_has_both_kinds_of_example() -> None:
    for v in VERSIONS:
        kinds = {valid for _, _, _, valid in (c for c in CASES if c[0] == v)}
        assert kinds == {True, False}, v
    assert len(CASES) >= 70
