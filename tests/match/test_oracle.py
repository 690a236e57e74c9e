"""On small random glossaries: the index finds what a scan finds, and the scores are the model's."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from glossary.match import Index, Resolver, matcher
from glossary.match.candidates import gather
from glossary.match.features import PAIR, context_features, pair_features, view
from glossary.match.keys import query_keys
from glossary.match.resolve import given_and_family, romanized
from glossary.model import Entity

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


@settings(max_examples=120, deadline=None)
@given(names=st.lists(st.tuples(_NAME, _TYPES), min_size=1, max_size=10), query=_NAME)
def test_every_name_sharing_a_key_is_a_candidate_at_its_strictest_level(names: list[tuple[str, str]], query: str) -> None:
    """Blocking loses no name a key finds: each name sharing a key with the query is a candidate, at
    the strictest level they share (scanned here name by name, without the index)."""
    ents = _glossary(names)
    found = gather(Index.build(ents).store, query)
    order = {"=": "exact", "~": "folded", "%": "folded", "#": "skeleton"}
    qk = query_keys(query)
    for nid, e in enumerate(ents):
        shared = [k for k in qk if k in set(query_keys(e.romanized or ""))]
        if shared:
            assert found.levels[nid] == order[shared[0][0]], (query, e.romanized, shared)


@settings(max_examples=80, deadline=None)
@given(names=st.lists(st.tuples(_NAME, _TYPES), min_size=1, max_size=10), query=_NAME)
# an Arabic query romanized, then read as its given and family names (the reading shown: the romanization)
@example(names=[("Jaysh Jaysh", "group"), ("كفر Jaysh", "person")], query="كفر جيش جيش جيش")
def test_scores_are_the_models_probabilities(names: list[tuple[str, str]], query: str) -> None:
    """Each candidate's score is the shipped model's probability of its features, recomputed here
    from the pieces (features, context, forest) for every candidate name; the answer follows the
    model's threshold and margin. (A query that matched nothing as written may be answered by a
    reading, its romanization, `resolve.romanized`, or a long name's given and family names,
    `resolve.given_and_family`: its scores are then the reading's.)"""
    ents = _glossary(names)
    idx = Index.build(ents)
    m = matcher()
    res = Resolver(idx).resolve(query, limit=len(ents))
    assert res.reading is None or res.reading in (romanized(query), given_and_family(query))
    asked = res.reading or query
    if res.reading is not None:  # (a reading answered by a reading of its own shows as itself: ask it)
        asked = Resolver(idx).resolve(res.reading, limit=len(ents)).reading or res.reading
    found = gather(idx.store, asked)
    q = view(asked)
    nids = sorted(found.levels)
    rows = [pair_features(q, view(ents[n].romanized or ""), found.levels[n], ents[n].type, idx.weights, m.forward,
                          m.backward) for n in nids]
    ctx = context_features([ents[n].id for n in nids], rows)
    best: dict[str, float] = {}
    acronyms = len({ents[n].id for n in nids if found.levels[n] == "acronym"})
    for n, x, c in zip(nids, rows, ctx):
        short = bool(x[PAIR.index("short")])
        p = m.acronym_probability(short, acronyms) if found.levels[n] == "acronym" else m.resolver.probability(x + c)
        best[ents[n].id] = max(best.get(ents[n].id, 0.0), p)
    assert {c.id: c.score for c in res.candidates} == {e: p for e, p in best.items() if p > 0.0}
    ranked = sorted(best.values(), reverse=True)
    if res.status == "match":
        assert ranked[0] >= m.threshold and res.match is not None and res.match.weak is None
        assert len(ranked) < 2 or ranked[1] < m.threshold or ranked[1] < ranked[0] - m.margin
    elif res.status == "ambiguous":
        assert ranked[1] >= ranked[0] - m.margin and ranked[0] + ranked[1] >= m.threshold
    else:
        second = ranked[1] if len(ranked) > 1 else 0.0
        assert not ranked or res.candidates[0].weak is not None or (
            ranked[0] < m.threshold and not (second >= ranked[0] - m.margin and ranked[0] + second >= m.threshold))
