"""Fixtures for the dedupe tests: a small glossary file and the glossary loaded from it."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture()
def glossary_file(tmp_path: Path) -> Path:
    """A writable copy of the small test glossary."""
    p = tmp_path / "glossary.yaml"
    shutil.copy(DATA / "glossary.yaml", p)
    return p


@dataclass
class _Match:
    id: str
    label: str
    score: float
    name: str = ""
    level: str = "folded"
    type: str = "other"


@dataclass
class _Resolution:
    query: str
    status: str
    match: _Match | None
    candidates: list[_Match] = field(default_factory=list)


class FakeGlossary:
    """The shape dedupe needs of a Glossary: resolve_many, get, entities (folded-key lookup)."""

    def __init__(self, path: Path) -> None:
        from glossary.normalize import keys
        from glossary.store import check, read_sources

        self.entities, problems = check(read_sources([path]))
        assert not problems
        self._by_key: dict[str, Any] = {}
        for e in self.entities:
            for n in e.names():
                self._by_key.setdefault(keys(n.text).folded, e)

    def get(self, id: str) -> Any:
        return next((e for e in self.entities if e.id == id), None)

    def resolve_many(self, names: Iterable[str], **options: Any) -> Iterator[_Resolution]:
        from glossary.normalize import keys

        for name in names:
            e = self._by_key.get(keys(name).folded)
            if e is None:
                yield _Resolution(name, "none", None, [])
            else:
                m = _Match(e.id, e.label, 1.0 if name in {n.text for n in e.names()} else 0.9, name)
                yield _Resolution(name, "match", m, [m])


@pytest.fixture()
def small(glossary_file: Path) -> Any:
    """The small glossary, loaded (a stand-in while the resolver is being written)."""
    from glossary import load

    g = load([glossary_file], cache_dir=glossary_file.parent / "cache")
    return g if REAL else FakeGlossary(glossary_file)


def _resolver_works() -> bool:
    try:
        from glossary import load

        return load([DATA / "glossary.yaml"], cache_dir=Path("/nonexistent")).resolve("Hamah").match is not None
    except Exception:  # noqa: BLE001
        return False


REAL = _resolver_works()
