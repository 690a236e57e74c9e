"""Which names of the glossary a query may be: its candidates, found without scanning the glossary.

Levels, strictest first (`glossary.match.features.LEVELS`):

1. key collisions (`glossary.match.keys.query_keys`): ``exact``, ``folded`` (the folded or Arabic
   key, or the same words in another order), ``skeleton`` (consonants, across scripts);
2. ``acronym``: a query that looks like one (HTS) and the initials of a name's words;
3. only when no name agrees at the exact or folded level: ``fuzzy`` (names sharing words with the
   query, exactly or one letter away: `glossary.match.fuzzy`) and ``ngram`` (the names sharing
   the most rare runs of three letters with the query's folded words joined: Magadiscio finds
   Mogadishu, Ljuleburgaz Lueleburgaz, whose words no key or one-letter edit reaches).

A name agreeing at the exact or folded level is never outranked by one the wider levels find
(measured on the training corpus: the wider levels change no answer there), so they are skipped,
which keeps a lookup of a known spelling fast. Each level's work is bounded (`NGRAMS`,
`GRAM_CAP`, and the fuzzy level's own budgets).

Example:
    >>> from glossary.match import Index
    >>> from glossary.model import Entity
    >>> idx = Index.build([Entity(id="mogadishu", type="place", romanized="Mogadishu")])
    >>> gather(idx.store, "Magadiscio").levels
    {0: 'ngram'}
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from typing import Any, NamedTuple

from . import fuzzy
from .core import native
from .fuzzy import candidates as fuzzy_candidates
from .fuzzy import query_words, word_groups
from .keys import gram_keys, query_acronym, query_keys
from .memory import MemoryStore
from .profile import Profile, profile
from .rows import Store

NGRAMS = 10
"""Names the letter n-gram level hands on (at most)."""
GRAM_CAP = 1000
"""A trigram held by more names than this says too little to count (and would cost a long walk)."""
_LEVEL_OF = {"=": "exact", "~": "folded", "%": "folded", "#": "skeleton"}
_BOUNDS = (fuzzy._FUZZY_CANDIDATES, fuzzy._NEAR_CAP, fuzzy._PAIR_CAP, fuzzy._RAISE_CAP, fuzzy._RAISE,
           fuzzy._VOTE_BUDGET, fuzzy._TIE_CAP, NGRAMS, GRAM_CAP)
"""The voting levels' constants, as the compiled core's ``wide_many`` takes them."""


class Found(NamedTuple):
    """A query's candidate names: name number -> the strictest level it was found at."""

    levels: dict[int, str]
    profile: Profile
    keys: list[str]
    """The query's keys (for ``explain``)."""


def gather(store: Store, query: str, *, without: Collection[int] = (), without_names: Collection[int] = ()) -> Found:
    """The candidate names of ``query`` at every level (see the module docstring), leaving out the
    names of the entities numbered in ``without`` and the names numbered in ``without_names`` (as
    if the glossary had not them: what a query of an entity the glossary lacks, or knows in one
    script only, finds; for training and for dedupe)."""
    levels, qprof, qkeys = _keyed(store, query)
    if without or without_names:
        levels = _without(store, levels, without, without_names)
    if _goes_wide(levels):
        wide: dict[int, str] = {}
        memo: dict[str, Any] = {}
        for full in (False, True):
            for nid in sorted(fuzzy_candidates(store, qprof, full=full, memo=memo)):
                wide.setdefault(nid, "fuzzy")
        for nid in ngram_candidates(store, "".join(w.form for w in qprof.words)):
            wide.setdefault(nid, "ngram")
        for nid, lv in (_without(store, wide, without, without_names) if without or without_names else wide).items():
            levels.setdefault(nid, lv)
    return Found(levels, qprof, qkeys)


def gather_many(store: Store, queries: Sequence[str]) -> list[Found]:
    """`gather` of each query (no name left out). Where the compiled core is built and the index is
    held in memory (`glossary.match.memory.MemoryStore`: a batch's, once it is long enough), the
    fuzzy and letter n-gram levels of the whole batch are counted in one call of the core
    (``wide_many``), the same names as `gather` finds (``tests/match/test_core_parity.py``)."""
    core = native()
    if core is None or not isinstance(store, MemoryStore):
        return [gather(store, q) for q in queries]
    keyed = [_keyed(store, q) for q in queries]
    wide = [k for k, (levels, _, _) in enumerate(keyed) if _goes_wide(levels)]
    if wide:
        answers = core.wide_many(store, [wide_spec(keyed[k][1]) for k in wide], _BOUNDS)
        for k, (fuzzy, ngram) in zip(wide, answers):
            levels = keyed[k][0]
            for nid in fuzzy:
                levels.setdefault(nid, "fuzzy")
            for nid in ngram:
                levels.setdefault(nid, "ngram")
    return [Found(*k) for k in keyed]


def wide_spec(qprof: Profile) -> tuple[list[list[str]], list[list[str]], tuple[str, str, str] | None,
                                       tuple[str, str, str] | None, list[str]]:
    """What the compiled core's ``wide_many`` reads of a query: the skeletons each significant word
    looks up in the fuzzy level's first and second pass (`glossary.match.fuzzy.word_groups`), its
    first and last such word (form, skeleton, other reading: for ties at the cut), and the letter
    trigram keys of its folded words joined (`ngram_candidates`)."""
    words = query_words(qprof)
    grams = gram_keys("".join(w.form for w in qprof.words))
    if not words:
        return [], [], None, None, grams
    w0, wn = words[0], words[-1]
    return (word_groups(words, full=False), word_groups(words, full=True), (w0.form, w0.skel, w0.alt),
            (wn.form, wn.skel, wn.alt), grams)


def _keyed(store: Store, query: str) -> tuple[dict[int, str], Profile, list[str]]:
    """The names the query's keys and acronym find (by level), its profile and its keys."""
    qprof = profile(query)
    qkeys = query_keys(query)
    hits = store.lookup_by_key(qkeys)
    levels: dict[int, str] = {}
    for k in reversed(qkeys):  # loosest first, so that the strictest level wins
        for nid in hits.get(k, ()):
            levels[nid] = _LEVEL_OF[k[0]]
    acr = query_acronym(query)
    if acr:
        for nid in store.lookup(["^" + acr]):
            levels.setdefault(nid, "acronym")
    return levels, qprof, qkeys


def _goes_wide(levels: dict[int, str]) -> bool:
    """Whether the fuzzy and n-gram levels are looked at: no name agrees at the exact or folded level."""
    return not any(lv in ("exact", "folded") for lv in levels.values())


def _without(store: Store, levels: dict[int, str], entities: Collection[int], names: Collection[int]) -> dict[int, str]:
    rows = store.name_rows(levels) if entities else {}
    return {nid: lv for nid, lv in levels.items() if nid not in names and (not entities or rows[nid].entity not in entities)}


def ngram_candidates(store: Store, forms: str, *, limit: int = NGRAMS, cap: int = GRAM_CAP) -> list[int]:
    """The names sharing the most rare letter trigrams with ``forms`` (a name's folded words
    joined), each trigram weighing its inverse document frequency among the names; ties go to
    the lower name number (rarity counted against the number of entities).

    Example:
        >>> from glossary.match import Index
        >>> from glossary.model import Entity
        >>> idx = Index.build([Entity(id="a", type="place", romanized="Lueleburgaz"),
        ...                    Entity(id="b", type="place", romanized="Luxor")])
        >>> ngram_candidates(idx.store, "ljuliburgaz"), ngram_candidates(idx.store, "luksur")
        ([0], [1, 0])
    """
    return ngram_votes(list(store.lookup_at_most(gram_keys(forms), cap).values()), store.n_entities, limit, cap)


def ngram_votes(postings: Sequence[Sequence[int]], n_entities: int, limit: int, cap: int) -> list[int]:
    """The ``limit`` numbers most voted for by ``postings`` (each a trigram's numbers; one held by
    more than ``cap`` does not vote, the others weigh their rarity among ``n_entities``), ties to the
    lower number: counted in the compiled core where it is built (`glossary.match.core`), else here."""
    core = native()
    if core is not None:
        votes: list[int] = core.ngram_votes(list(postings), n_entities, limit, cap)
        return votes
    return _ngram_votes(postings, n_entities, limit, cap)


def _ngram_candidates_py(store: Store, forms: str, *, limit: int = NGRAMS, cap: int = GRAM_CAP) -> list[int]:
    """`ngram_candidates` in pure Python (the reference the compiled core is tested against)."""
    return _ngram_votes(list(store.lookup_by_key(gram_keys(forms)).values()), store.n_entities, limit, cap)


def _ngram_votes(postings: Sequence[Sequence[int]], n_entities: int, limit: int, cap: int) -> list[int]:
    n = max(n_entities, 1)
    votes: dict[int, float] = {}
    get = votes.get
    for nids in postings:
        if len(nids) > cap:
            continue
        w = math.log(1 + n / len(nids))
        for nid in nids:
            votes[nid] = get(nid, 0.0) + w
    return [nid for nid, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]
