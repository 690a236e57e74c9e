"""The cross-script join of `glossary.dedupe.cluster`: an Arabic cluster and a Latin one that
spell the same name (`script_joins`).

Units are compared by their words' consonant skeletons (one alphabet for both scripts) and by
the whole name's skeleton keys; a pair that reaches 0.8 is ranked by how alike the Latin
spelling and the Arabic one romanized look, and two clusters join only when each is the
other's best partner.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import NamedTuple

from rapidfuzz.distance import Indel

from ..names import Token, folded, skeleton_factors
from .pairs import BLOCK_CAP
from .spellings import frame, keep, similarity_of, skeleton_keys


class _Link(NamedTuple):
    """How alike two clusters are: the rank that picks partners, and the score their join keeps."""

    rank: float
    score: float


class _Partner(NamedTuple):
    """A cluster's best partner in the other script so far."""

    rank: float
    unit: int


def script_joins(find: Callable[[int], int], texts: list[str], words: list[tuple[Token, ...]],
                 scripts: list[str]) -> list[tuple[int, int, float]]:
    """The Arabic and Latin clusters to join, as ``(arabic root, latin root, score)`` in the order to join
    them: clusters whose spellings share consonant skeletons, mutual best partners only.

    Args:
        find: the root of a unit's cluster.
        texts: each unit's first spelling.
        words: each unit's words (`glossary.dedupe.spellings.split_words`: the skeletons come from them).
        scripts: each unit's script.
    """
    best = _links(find, texts, words, scripts)
    best_a: dict[int, _Partner] = {}
    best_b: dict[int, _Partner] = {}
    for (a, b), link in sorted(best.items()):
        if a not in best_a or link.rank > best_a[a].rank:
            best_a[a] = _Partner(link.rank, b)
        if b not in best_b or link.rank > best_b[b].rank:
            best_b[b] = _Partner(link.rank, a)
    return [(a, p.unit, min(best[(a, p.unit)].score, 0.95)) for a, p in sorted(best_a.items())
            if p.unit in best_b and best_b[p.unit].unit == a]


def script_pairs(texts: list[str], words: list[tuple[Token, ...]], scripts: list[str]) -> list[tuple[int, int]]:
    """Every (Arabic unit, Latin unit) pair whose consonant skeletons are alike (what `script_joins`
    chooses partners among), in order: the cross-script pairs `glossary.dedupe.cluster` scores."""
    return sorted(_links(lambda u: u, texts, words, scripts, ranked=False))


def _links(find: Callable[[int], int], texts: list[str], words: list[tuple[Token, ...]],
           scripts: list[str], *, ranked: bool = True) -> dict[tuple[int, int], _Link]:
    """(Arabic root, Latin root) -> their best link, for the clusters whose skeletons reach 0.8
    (``ranked``: the rank also reads the Arabic spelling romanized; otherwise it is the score)."""
    collapsed: dict[str, str] = {}  # a skeleton with its doubled letters single (ħkk -> ħk)
    for ws in words:
        for w in ws:
            if w.skel and w.skel not in collapsed:
                collapsed[w.skel] = re.sub(r"(.)\1+", r"\1", w.skel)
    # each word as its skeleton alone, in both of the fields `similarity_of` compares
    skel = [tuple(Token(collapsed[w.skel], collapsed[w.skel]) for w in ws if w.skel) for ws in words]
    df: Counter[str] = Counter(w for ws in skel for w in {x.form for x in ws})
    total = max(len(texts), 2)
    generic = skeleton_factors()

    weights: dict[str, float] = {}

    def weight(w: str) -> float:
        got = weights.get(w)
        if got is None:
            idf = math.log(1 + total / (1 + df.get(w, 0))) / math.log(1 + total)
            got = weights[w] = generic.get(w, 1.0) * min(1.0, 0.25 + idf)
        return got

    # whole-name skeletons, with the normalizer's alternative (an initial al- that may be the article)
    whole = [{k for k in skeleton_keys(x) if len(k) >= 3} for x in texts]
    blocks: dict[str, list[int]] = defaultdict(list)
    for u, ws in enumerate(skel):
        for key in {x.form for x in ws if len(x.form) >= 2} | {"*" + k for k in whole[u]}:
            blocks[key].append(u)
    roman: dict[int, str] = {}

    def latin(u: int) -> str:
        if u not in roman:
            roman[u] = frame(folded(romanize(texts[u]) if scripts[u] == "arabic" else texts[u]))
        return roman[u]

    best: dict[tuple[int, int], _Link] = {}
    for key in sorted(blocks):
        us = blocks[key]
        ar = [u for u in us if scripts[u] == "arabic"]
        la = [u for u in us if scripts[u] != "arabic"]
        if not ar or not la or len(ar) * len(la) > BLOCK_CAP * 4:
            continue
        for a in ar:
            for b in la:
                pair = (find(a), find(b))
                sim = max(similarity_of(skel[a], skel[b], weight), 0.95 if whole[a] & whole[b] else 0.0)
                if sim < 0.8:
                    continue
                rank = sim + 0.5 * Indel.normalized_similarity(latin(a), latin(b)) if ranked else sim
                if pair not in best or rank > best[pair].rank:
                    best[pair] = _Link(rank, sim)
    return best


_ROMANIZED: dict[str, str] = {}
"""Texts `romanize` has romanized (the shipped lexicon and model: the same text, the same answer),
up to `_ROMANIZED_MAX`: a dedupe asks for its Arabic units more than once, and `remember` keeps
what forked workers romanized ahead of the asking (`glossary.dedupe.cluster.spelling_pairs`)."""
_ROMANIZED_MAX = 1 << 17


def romanize(text: str) -> str:
    """Arabic text in the house style (the ``simple`` scheme), for comparing it with Latin spellings."""
    got = _ROMANIZED.get(text)
    if got is None:
        from ..translit import transliterate

        got = transliterate(text, "simple").text
        remember([(text, got)])
    return got


def remember(romanized: Iterable[tuple[str, str]]) -> None:
    """Keep ``(text, romanize(text))`` pairs for `romanize` (all forgotten once `_ROMANIZED_MAX` are kept)."""
    keep(_ROMANIZED, romanized, _ROMANIZED_MAX)
