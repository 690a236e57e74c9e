"""The compiled core (`glossary.match._core`) answers as the pure-Python resolver does, bit for bit:
ids, statuses, scores and levels, every feature the model reads, and the candidates its voting
levels find (fuzzy and letter n-grams, ties at the cut included, in the order they are found), on
the speed benchmark's glossary and queries (misspelt ones above all) and on random glossaries. In
CI the core must be built (a build that failed silently would otherwise skip this file)."""

from __future__ import annotations

import importlib.util
import os
import random
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.match import Index, Resolver
from glossary.match import core as facade
from glossary.match.candidates import gather, gather_many
from glossary.match.features import LEVELS, _particles_only, view_of_profile
from glossary.match.profile import encode
from glossary.model import Entity, Variant

from ._data import FAMILIES, crowded_names, crowded_parts

ROOT = Path(__file__).resolve().parents[2]

if facade.native() is None:
    if os.environ.get("CI") and os.environ.get(facade.PURE_ENV, "") in ("", "0"):
        pytest.fail(f"the compiled core is not built in CI: {facade.REASON}", pytrace=False)
    pytest.skip(f"compiled core not in use: {facade.REASON}", allow_module_level=True)


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("resolve_speed", ROOT / "bench" / "resolve_speed.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _answers(resolver: Resolver, queries: list[str], **options: object) -> list[tuple[object, ...]]:
    """Everything a resolution says, scores as exact floats."""
    out: list[tuple[object, ...]] = []
    for r in resolver.resolve_many(queries, **options):  # type: ignore[arg-type]
        out.append((r.query, r.status, r.match and r.match.id,
                    tuple((c.id, c.score, c.name, c.level, c.weak) for c in r.candidates)))
    return out


def _same(index: Index, queries: list[str], **options: object) -> None:
    compiled = _answers(Resolver(index), queries, **options)
    with facade.pure_python():
        python = _answers(Resolver(index), queries, **options)
    assert compiled == python


def _same_rows(index: Index, queries: list[str]) -> None:
    """The core's feature rows and probabilities of every candidate equal the Python ones."""
    with facade.pure_python():
        py = Resolver(index)
    core = Resolver(index)._compiled()
    weights = index.weights
    store = index.store
    for q in queries:
        found, scored, rows = py.candidates(q)
        nids = sorted(found.levels)
        names = store.name_rows(nids)
        ents = store.entity_rows({r.entity for r in names.values()})
        core.add_names(nids, [names[n].profile for n in nids], [names[n].entity for n in nids],
                       [ents[names[n].entity].type for n in nids], [":" in names[n].kind for n in nids])
        v = view_of_profile(q, found.profile)
        spec = (encode(found.profile), v.letters <= 3, _particles_only(found.profile.words, weights), nids,
                [LEVELS.index(found.levels[n]) for n in nids])
        got, got_rows = core.score(spec)
        assert got_rows == rows, q
        assert [(p, nid) for p, nid, *_ in got] == [(c.probability, c.nid) for c in scored], q


def _same_found(index: Index, queries: list[str]) -> None:
    """The core's candidate names of each query (`gather_many`) are the Python ones (`gather`): the
    same names at the same levels, found in the same order."""
    python = [list(gather(index.store, q).levels.items()) for q in queries]
    compiled = [list(f.levels.items()) for f in gather_many(index.store, queries)]
    for q, c, p in zip(queries, compiled, python):
        assert c == p, q


def _synthetic(entities: int, queries: int, seed: int, misspelt: float) -> tuple[Index, list[str]]:
    """The benchmark's glossary and queries (``misspelt``: the share no key finds)."""
    mod = _bench()
    rng = random.Random(seed)
    ents = mod.synthetic(entities, rng)
    return Index.build(ents), [q for q, _ in mod.queries(ents, queries, rng, misspelt)]


@pytest.fixture(scope="module")
def bench() -> tuple[Index, list[str]]:
    return _synthetic(3000, 700, 11, 0.2)


def test_bench_queries_answer_alike(bench: tuple[Index, list[str]]) -> None:
    index, qs = bench
    _same(index, qs)


def test_bench_queries_with_options_answer_alike(bench: tuple[Index, list[str]]) -> None:
    index, qs = bench
    _same(index, qs[:200], type="person", limit=2, threshold=0.5, margin=0.2)


def test_bench_feature_rows_are_equal(bench: tuple[Index, list[str]]) -> None:
    index, qs = bench
    _same_rows(index, qs[:300])


@pytest.fixture(scope="module")
def misspelt() -> tuple[Index, list[str]]:
    """The benchmark's glossary at 5,000 entities and queries that are all misspelt: no key finds
    them, so every one goes through the fuzzy and letter n-gram levels (most break ties at the cut)."""
    return _synthetic(5000, 500, 13, 1.0)


def test_bench_queries_find_alike(bench: tuple[Index, list[str]]) -> None:
    index, qs = bench
    _same_found(index, qs)


def test_misspelt_queries_find_and_answer_alike(misspelt: tuple[Index, list[str]]) -> None:
    index, qs = misspelt
    _same_found(index, qs)
    _same(index, qs)


def test_crowded_pairs_and_ties_find_alike() -> None:
    # glossaries of tests/match/test_fuzzy.py where the fuzzy level's bounds bite: pairs too
    # common to count that only raise the names found, a budget spent, ties at the cut broken by
    # the words' places and then by their letters, single words voting when no pair finds a name
    others = crowded_parts()
    names = crowded_names()
    names += [f"Kamal Nabil F{i}" for i in range(30)] + ["Kamal Samir Idlibi", "Samir Kamal Idlibi"]
    names += [f"Bashar Kamal {f}" for f in FAMILIES] + [f"Sami {x} Foz" for x in others[:60]] + ["Sami Khalid Foz"]
    names += [f"Hisham {x} al-Shaar" for x in others[:14]] + ["Hisham Anas al-Sharaa", "Hisham Bilal al-Sharaa"]
    index = Index.build([Entity(id=f"e{i}", type="person", romanized=n) for i, n in enumerate(names)])
    queries = ["Kamal Mahmud al-Samee", "Bashar Kamal al-Hasdimi", "Kamal Samir Iblibi", "Hisham al-Sharaa",
               "Sami Khabid Foz", "Kamal Foz", "Bashar Foz", "Kamal", "Mahmud al-Shamee", "Kamal Nabel",
               "Samir Kamal Idlibi Foz", "Darim Kamal", "Kamal Mahmod Tlass", "Hisham Anaz al-Shaar"]
    _same_found(index, queries)
    _same(index, queries)


def test_one_resolve_and_a_stream_answer_as_a_list(bench: tuple[Index, list[str]]) -> None:
    index, qs = bench
    r = Resolver(index)
    assert [r.resolve(q) for q in qs[:20]] == list(r.resolve_many(iter(qs[:20]))) == list(r.resolve_many(qs[:20]))


_WORDS = ["Jaysh", "Jaish", "al-Izza", "al-Ezzah", "Liwa", "al-Islam", "Ahrar", "al-Sham", "ash-Sham", "Kafr",
          "Nabl", "Nabuda", "Muhammad", "Mohammed", "al-Zubaydi", "Khalid", "Hasan", "Hassan", "Abd", "al-Qadir",
          "Deir", "ez-Zor", "Abu", "Umm", "bin", "(Idlib)", "HTS", "Mogadishu", "Magadiscio", "Lueleburgaz",
          "جيش", "العزة", "الشام", "محمد", "حسن", "كفر", "نبل", "حماة", "أبو", "Izz", "Sharqiya", "Hama", "Hamam"]
_NAME = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4).map(" ".join)
_TYPES = st.sampled_from(["group", "place", "person"])
_QUERY = st.one_of(_NAME, _NAME.map(lambda s: s.replace("a", "e", 1)), _NAME.map(lambda s: s[:-1]),
                   st.text(alphabet="abdhiklmnorstuyzجحسلمنهيا -", min_size=1, max_size=14))


@settings(max_examples=150, deadline=None)
@given(names=st.lists(st.tuples(_NAME, _TYPES, st.one_of(st.none(), _NAME)), min_size=1, max_size=14),
       queries=st.lists(_QUERY, min_size=1, max_size=6))
def test_random_glossaries_answer_alike(names: list[tuple[str, str, str | None]], queries: list[str]) -> None:
    ents = [Entity(id=f"e{i}", type=t, romanized=n,  # type: ignore[arg-type]
                   variants=(Variant(v, source="German"),) if v else ()) for i, (n, t, v) in enumerate(names)]
    index = Index.build(ents)
    _same_found(index, queries)
    _same(index, queries)
    _same_rows(index, queries)


def test_letter_transducer_is_the_python_one() -> None:
    from glossary.match import matcher

    m = matcher()
    core = Resolver(Index.build([]))._compiled()
    pairs = [("جيش", "jaysh"), ("jaysh", "jaish"), ("", "a"), ("a", ""), ("abcdefghijklmnopqrstuvwxyz", "ab"),
             ("ab", "abcdefghij"), ("محمد", "mohammed"), ("x" * 70, "y" * 60), ("qadir", "kader"), ("é", "ə")]
    for a, b in pairs:
        assert core.llr(a, b) == m.forward.llr(a, b), (a, b)
        assert core.llr(a, b, False) == m.backward.llr(a, b), (a, b)


def test_ngram_votes_are_the_python_ones(bench: tuple[Index, list[str]]) -> None:
    from glossary.match import candidates

    index, qs = bench
    native = facade.native()
    assert native is not None
    for q in qs[:200]:
        forms = "".join(w.form for w in gather(index.store, q).profile.words)
        assert candidates.ngram_candidates(index.store, forms) == candidates._ngram_candidates_py(index.store, forms)


def test_pure_python_is_forced_by_the_environment() -> None:
    code = "from glossary.match import core; print(core.IMPLEMENTATION, core.native() is None)"
    env = {**os.environ, facade.PURE_ENV: "1", "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split() == ["python", "True"]


def test_the_voting_levels_read_postings_as_arrays_and_as_lists_alike(bench: tuple[Index, list[str]]) -> None:
    """The index keeps its postings as arrays of C ints (built and loaded alike), which the core reads in
    place; a store holding lists instead finds the same names at the same levels, in the same order."""
    import copy
    from array import array

    index, qs = bench
    store = index.store
    assert {type(v) for v in store.keys.values()} == {array} and {type(v) for v in store.posting.values()} == {array}
    listed = copy.copy(store)
    listed.keys = {k: list(v) for k, v in store.keys.items()}
    listed.posting = {k: list(v) for k, v in store.posting.items()}
    got = [(list(f.levels.items()), f.keys) for f in gather_many(store, qs)]
    assert got == [(list(f.levels.items()), f.keys) for f in gather_many(listed, qs)]
    assert any(level in ("fuzzy", "ngram") for levels, _ in got for _, level in levels)


def test_a_forest_with_one_leaf_trees_scores_as_in_python(bench: tuple[Index, list[str]]) -> None:
    """Trees of a single leaf (LightGBM writes them when no split helps) among the others: the
    core adds their leaf, as Python does. (It once read whether a tree splits from a stale stack
    slot, and walked such a tree into another's nodes.)"""
    import copy

    from glossary.match import matcher
    from glossary.match.forest import Forest, Tree

    index, qs = bench
    model = copy.copy(matcher())
    one_leaf = Tree([], [], [], [], [], [0.125])._asdict()
    trees = matcher().resolver.to_list()
    model.resolver = Forest([one_leaf, *trees[:150], {**one_leaf, "leaf": [-0.25]}, *trees[150:], one_leaf])
    compiled = _answers(Resolver(index, model=model), qs[:300])
    with facade.pure_python():
        python = _answers(Resolver(index, model=model), qs[:300])
    assert compiled == python
    assert compiled != _answers(Resolver(index), qs[:300])  # (the leaves moved the scores)


def test_pair_probabilities_are_the_python_ones(bench: tuple[Index, list[str]]) -> None:
    """Dedupe's pair scores (`glossary.match.pairs.PairScorer`): the core's features and pair forest
    give the Python path's probabilities, bit for bit, on spellings of both scripts at every level."""
    from glossary.match.pairs import PairScorer

    _index, qs = bench
    texts = [*qs[:300], "Abu", "حلب", "Halab", "b", "أبو محمد", "Liwa al-Haqq", "لواء الحق"]
    rng = random.Random(5)
    pairs = [(rng.randrange(len(texts)), rng.randrange(len(texts)), rng.choice(LEVELS)) for _ in range(2000)]
    compiled = PairScorer(texts)
    assert compiled._core is not None
    assert compiled.probabilities(pairs) == PairScorer(texts, compiled=False).probabilities(pairs)


def test_learned_clusters_are_the_python_ones(bench: tuple[Index, list[str]]) -> None:
    from glossary.dedupe import cluster_names

    _index, qs = bench
    names = [(q, 1 + k % 4) for k, q in enumerate(qs[:400])]
    compiled = [c.to_dict() for c in cluster_names(names)]
    with facade.pure_python():
        python = [c.to_dict() for c in cluster_names(names)]
    assert compiled == python


def test_pairs_scored_in_forked_workers_are_scored_as_here(bench: tuple[Index, list[str]],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from glossary.match import pairs as pairs_module

    _index, qs = bench
    texts = qs[:200]
    rng = random.Random(7)
    pairs = [(rng.randrange(len(texts)), rng.randrange(len(texts)), rng.choice(LEVELS)) for _ in range(600)]
    here = pairs_module.PairScorer(texts).probabilities(pairs)
    monkeypatch.setattr(pairs_module, "MIN_FORK", 10)
    monkeypatch.setattr("glossary.match.memory.cores", lambda: 2)
    assert pairs_module.PairScorer(texts).probabilities(pairs) == here
