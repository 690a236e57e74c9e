"""The index returns exactly what a brute-force scan returns, on small random glossaries."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.match import MARGIN, THRESHOLD, Index, Resolver
from glossary.match.keys import query_keys
from glossary.match.profile import profile
from glossary.match.score import score
from glossary.model import Entity
from glossary.names import exact

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


def _brute_force(ents: list[Entity], idx: Index, query: str) -> tuple[str, str | None]:
    """Score every name of every entity (no index), then decide as the resolver does."""
    q = profile(query)
    qk = query_keys(query)
    best: dict[str, float] = {}
    for e in ents:
        for n in e.names():
            nk = query_keys(n.text)
            if exact(n.text) == exact(query):
                s = 1.0
            elif qk[1:2] and qk[1] in nk and qk[1][0] == "~":
                s = 0.97
            else:
                s = min(0.97, score(q, profile(n.text), idx.weights, person=e.type == "person"))
            best[e.id] = max(best.get(e.id, 0.0), s)
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < THRESHOLD:
        return "none", None
    if len(ranked) > 1 and ranked[1][1] >= THRESHOLD and ranked[1][1] >= ranked[0][1] - MARGIN:
        return "ambiguous", None
    return "match", ranked[0][0]


@settings(max_examples=120, deadline=None)
@given(names=st.lists(st.tuples(_NAME, _TYPES), min_size=1, max_size=10), query=_NAME)
def test_resolution_equals_full_scan(names: list[tuple[str, str]], query: str) -> None:
    """Status and match are those of scoring every name in the glossary (no index, no blocking)."""
    ents = _glossary(names)
    idx = Index.build(ents)
    r = Resolver(idx).resolve(query, limit=len(ents))
    assert (r.status, r.match and r.match.id) == _brute_force(ents, idx, query)
