"""The index returns exactly what a brute-force scan returns, on small random glossaries."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.index import Index, query_keys
from glossary.model import Entity
from glossary.resolve import THRESHOLD, Resolver
from glossary.score import profile, score

_WORDS = ["Jaysh", "Jaish", "al-Izza", "al-Ezzah", "Liwa", "al-Islam", "Ahrar", "al-Sham", "ash-Sham", "Kafr",
          "Nabl", "Nabuda", "Muhammad", "Mohammed", "al-Zubaydi", "Khalid", "Hasan", "Hassan", "Abd", "al-Qadir",
          "Deir", "ez-Zor", "جيش", "العزة", "الشام", "محمد", "حسن", "كفر", "نبل", "Izz", "Sharqiya", "Hama", "Hamam"]
_NAME = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4).map(" ".join)
_TYPES = st.sampled_from(["group", "place", "person"])


def _glossary(names: list[tuple[str, str]]) -> list[Entity]:
    return [Entity(id=f"e{i}", type=t, romanized=n) for i, (n, t) in enumerate(names)]  # type: ignore[arg-type]


@settings(max_examples=80, deadline=None)
@given(names=st.lists(st.tuples(_NAME, _TYPES), min_size=1, max_size=12), query=_NAME)
def test_key_lookup_equals_scan(names: list[tuple[str, str]], query: str) -> None:
    ents = _glossary(names)
    idx = Index.build(ents)
    qk = set(query_keys(query))
    expected = {i for i, (n, _t) in enumerate(names) if qk & set(query_keys(n))}
    got = {idx.name_row(nid)[0] for nid in idx.lookup(sorted(qk))}
    assert got == expected


@settings(max_examples=80, deadline=None)
@given(names=st.lists(st.tuples(_NAME, _TYPES), min_size=1, max_size=10), query=_NAME)
def test_resolver_finds_what_a_full_scan_accepts(names: list[tuple[str, str]], query: str) -> None:
    """Every entity a scan of all names scores above the threshold is among the resolver's candidates."""
    ents = _glossary(names)
    idx = Index.build(ents)
    r = Resolver(idx).resolve(query, limit=len(ents))
    got = {c.id: c.score for c in r.candidates}
    q = profile(query)
    for i, (n, t) in enumerate(names):
        s = score(q, profile(n), idx.weights, person=t == "person")
        if s >= THRESHOLD:
            assert f"e{i}" in got and got[f"e{i}"] >= min(s, 0.97) - 1e-9
