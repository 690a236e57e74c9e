"""Letter similarity of two strings (rapidfuzz's Indel ratio), without importing rapidfuzz for a
single lookup.

Example:
    >>> ratio("sarmada", "sermada"), ratio("", "")
    (0.8571428571428572, 1.0)
"""

from __future__ import annotations

from collections.abc import Callable


def _indel_py(a: str, b: str) -> float:
    """rapidfuzz's ``Indel.normalized_similarity`` in plain Python, to the last bit: computed as
    rapidfuzz does, 1 - (total - 2·LCS) / total (2·LCS / total can differ in the last bit, and a
    process's answers would then depend on how many names it scored before)."""
    if not a or not b:
        return 1.0 if a == b else 0.0
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b):
            cur.append(prev[j] + 1 if ca == cb else max(prev[j + 1], cur[j]))
        prev = cur
    total = len(a) + len(b)
    return 1.0 - (total - 2 * prev[-1]) / total


_INDEL: Callable[[str, str], float] | None = None
_PY_CALLS = [0]


def ratio(a: str, b: str) -> float:
    """Letter similarity of two words, 0-1: plain Python for the first few hundred calls (a
    single lookup need not import rapidfuzz, 30 ms), rapidfuzz after (same results, faster)."""
    global _INDEL
    if _INDEL is None:
        if _PY_CALLS[0] < 300:
            _PY_CALLS[0] += 1
            return _indel_py(a, b)
        from rapidfuzz.distance import Indel

        _INDEL = Indel.normalized_similarity
    return _INDEL(a, b)


def ratios(a: str, bs: list[str]) -> list[float]:
    """`ratio` of ``a`` and each of ``bs``, in one rapidfuzz call once rapidfuzz is loaded."""
    if _INDEL is None:
        return [ratio(a, b) for b in bs]
    from rapidfuzz.distance import Indel
    from rapidfuzz.process import extract

    out = [0.0] * len(bs)
    for _, v, k in extract(a, bs, scorer=Indel.normalized_similarity, limit=None):
        out[k] = v
    return out
