"""The shipped glossary: valid, covers the source article, and every name finds its own entity."""

from __future__ import annotations

import pytest

import glossary
from glossary.model import NameKind

G = glossary.load()
ENTITIES = G.entities
NAMES = [(e.id, n.text) for e in ENTITIES for n in e.names() if n.kind is not NameKind.VOCALIZED]


def test_counts() -> None:
    assert len(ENTITIES) >= 80
    assert {e.type for e in ENTITIES} == {"group", "place", "person", "media", "event", "other"}


@pytest.mark.parametrize(("entity_id", "name"), NAMES)
def test_every_name_finds_its_entity(entity_id: str, name: str) -> None:
    res = G.resolve(name, limit=10)
    assert res.status != "none", name
    if res.status == "ambiguous":
        assert entity_id in {c.id for c in res.candidates}, (name, res.to_dict())
    else:
        assert res.match.id == entity_id, (name, res.to_dict())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Kafranbel", "kafr-nabl"),
        ("Jaish al-Izzah", "jaysh-al-izza"),
        ("جيش العزة", "jaysh-al-izza"),
        ("Army of Glory", "jaysh-al-izza"),
        ("Homs al-Adiyyeh", None),
        ("عنب بلدي", None),
    ],
)
def test_issue_examples(query: str, expected: str | None) -> None:
    res = G.resolve(query)
    assert res.status == "match", res.to_dict()
    if expected:
        assert res.match.id == expected


def test_infobox_arabic_kept_as_variant() -> None:
    izza = G.get("jaysh-al-izza")
    assert izza is not None and izza.arabic == "جيش العزة"
    assert "جيش العزاوية" in [v.text for v in izza.variants]
