"""Which pairs of spellings are worth scoring (`candidate_pairs`): nearest neighbours within blocks.

Units sharing a block key (the first and last three letters of a distinctive word, its
skeleton, the whole name's skeleton) are compared with rapidfuzz's ``token_sort_ratio``; each
unit keeps its `NEIGHBOURS` best, so that `glossary.dedupe.cluster` scores a few pairs per
spelling, never all of them.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..names import Token
from .spellings import Weight

BLOCK_CAP = 400
"""Blocks larger than this are too generic to compare inside (other keys still pair)."""
NEIGHBOURS = 6
"""Each spelling is scored against its six nearest neighbours: enough to connect a cluster."""


def blocks(words: list[tuple[Token, ...]], scripts: list[str], weight: Weight) -> dict[tuple[str, str], list[int]]:
    """Units by blocking key, within one script: the first and last three letters of each
    significant word, its skeleton, and the whole name's skeleton."""
    out: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, ws in enumerate(words):
        keys = {w for w in ws if weight(w.form) >= 0.5 and len(w.form) >= 2} or set(ws)
        for form, skel in ((w.form, w.skel) for w in keys):
            out[(scripts[i], "^" + form[:3])].append(i)
            out[(scripts[i], form[-3:] + "$")].append(i)
            if len(skel) >= 2:
                out[(scripts[i], "=" + skel)].append(i)
        whole = "".join(w.skel for w in ws)
        if len(whole) >= 3:
            out[(scripts[i], "*" + whole)].append(i)
    return out


def candidate_pairs(words: list[tuple[Token, ...]], scripts: list[str], weight: Weight) -> list[tuple[int, int]]:
    """Pairs of units worth scoring, most alike first: each unit's nearest neighbours in its blocks."""
    import numpy as np
    from rapidfuzz import fuzz, process

    blocks_of = blocks(words, scripts, weight)
    # token_sort_ratio is ratio over the words sorted: sort each name's words once, not in every comparison
    texts = [" ".join(sorted(" ".join(w.form for w in ws).split())) for ws in words]
    found_i, found_j, found_s = [], [], []
    for key in sorted(blocks_of):
        members = blocks_of[key]
        if len(members) < 2 or len(members) > BLOCK_CAP:
            continue
        block = [texts[i] for i in members]
        m = process.cdist(block, block, scorer=fuzz.ratio, score_cutoff=72, workers=1)
        a, b = m.nonzero()
        keep = a != b
        a, b = a[keep], b[keep]
        idx = np.asarray(members)
        found_i.append(idx[a])
        found_j.append(idx[b])
        found_s.append(m[a, b])
    if not found_i or not sum(len(x) for x in found_i):  # (blocks compared, none alike enough)
        return []
    return _nearest(np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_s), len(words))


def _nearest(src: Any, dst: Any, score: Any, n: int) -> list[tuple[int, int]]:
    """Each unit's `NEIGHBOURS` best-scoring neighbours (ties: the lower index) as pairs (lo, hi), best first.

    ``src``, ``dst`` and ``score`` are numpy arrays of scored pairs, in both directions, repeats allowed.
    """
    import numpy as np

    bits = score.astype(np.float32).view(np.int32).astype(np.int64)  # a positive float's bits sort as it does
    top = int(bits.max())
    r = top - int(bits.min()) + 1
    if n * n * r < 1 << 62:  # one integer per entry, ordered by (unit, -score, neighbour): a plain sort does
        keys = np.sort((src.astype(np.int64) * r + (top - bits)) * n + dst)
        first = np.ones(len(keys), dtype=bool)
        first[1:] = keys[1:] != keys[:-1]
        src, rest = np.divmod(keys[first], r * n)
        below, dst = np.divmod(rest, n)
        score = (top - below).astype(np.int32).view(np.float32)
    else:  # pragma: no cover - tens of millions of units
        order = np.lexsort((dst, -score, src))
        src, dst, score = src[order], dst[order], score[order]
        first = np.ones(len(src), dtype=bool)
        first[1:] = (src[1:] != src[:-1]) | (dst[1:] != dst[:-1])
        src, dst, score = src[first], dst[first], score[first]
    start = np.searchsorted(src, src, side="left")
    keep = np.arange(len(src)) - start < NEIGHBOURS
    lo, hi, score = np.minimum(src[keep], dst[keep]), np.maximum(src[keep], dst[keep]), score[keep]
    _, where = np.unique(lo.astype(np.int64) * n + hi, return_index=True)
    lo, hi, score = lo[where], hi[where], score[where]
    order = np.lexsort((hi, lo, -score.astype(np.float64)))
    return list(zip(lo[order].tolist(), hi[order].tolist()))


GRAM_NEIGHBOURS = 10
"""Each spelling's nearest spellings by letter trigrams (`gram_pairs`)."""
GRAM_CAP = 300
"""A trigram shared by more spellings than this says too little to vote."""
ROMAN_NEIGHBOURS = 3
"""Each Arabic spelling's nearest Latin spellings by the trigrams of its romanization
(`glossary.dedupe.cluster.roman_pairs`). Held out on the training corpus's three folds (``bench/dedupe_eval.py
--corpus``, the folds it is reported on: a flat choice, made for cost), unknown clusters' pairwise F1 0.816,
0.816 and 0.815 with 3, 5 and 10; 0.810 without them."""


def gram_pairs(forms: list[str], asking: list[bool] | None = None, neighbours: int = GRAM_NEIGHBOURS,
               ) -> list[tuple[int, int]]:
    """Each unit's ``neighbours`` nearest units by rare letter trigrams of its folded words
    joined (``forms``), as the resolver's letter n-gram level finds names (Magadiscio, Mogadishu):
    pairs (lo, hi), each once, in order. Given ``asking`` (one flag a unit), only the units flagged
    look, and only among the others (an Arabic spelling romanized, among the Latin ones).

    Example:
        >>> gram_pairs(["kafranbel", "kafrnabl", "lataminah"])
        [(0, 1)]
        >>> gram_pairs(["kafranbel", "kafrnabl", "kafranbil"], asking=[True, False, False])  # not (1, 2)
        [(0, 1), (0, 2)]
    """
    from glossary.match.candidates import ngram_votes
    from glossary.match.keys import gram_keys

    grams = [gram_keys(f) for f in forms]
    among = list(range(len(forms))) if asking is None else [i for i, a in enumerate(asking) if not a]
    postings: dict[str, list[int]] = defaultdict(list)  # by the unit's place in ``among``
    for n, i in enumerate(among):
        for g in grams[i]:
            postings[g].append(n)
    out: set[tuple[int, int]] = set()
    for i, gs in enumerate(grams):
        if not gs or not among or (asking is not None and not asking[i]):
            continue
        near = ngram_votes([postings[g] for g in gs if g in postings], len(among), neighbours + (asking is None),
                           GRAM_CAP)
        out.update((min(i, j), max(i, j)) for j in (among[n] for n in near) if j != i)
    return sorted(out)
