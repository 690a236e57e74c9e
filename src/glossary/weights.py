"""Word weights for the scorer: how much a word says about a name.

A word weighs its inverse document frequency in the loaded glossary times a factor for
generic words (``tables/generic.yaml``: Jaysh, Liwa, Brigade, Kafr ...): sharing "Jaysh"
makes two names barely alike, sharing a rare word makes them close. A word one name has and
the other lacks weighs at least ``GENERIC_MISMATCH`` (or its own mismatch weight), particles
(bin, ould, titles) aside.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

from glossary.normalize import tokens

if TYPE_CHECKING:
    from glossary.profile import Word


def _folded_set(words: list[str]) -> dict[str, None]:
    out: dict[str, None] = {}
    for word in words:
        for t in tokens(word):
            if not t.article:
                out[t.form] = None
    return out


def folded_tables() -> dict[str, dict[str, float]]:
    """The generic, mismatch and kunya tables of ``tables/generic.yaml`` with their words folded,
    and the translations' skeletons (see `translations`: "form skeleton" -> 1) (``glossary._gentables``
    writes them into ``glossary._folded``, so that a lookup need not fold some 200 words, about
    17 ms; ``tests/normalize/test_tables.py`` checks that file is current)."""
    from glossary._tables import TABLES

    table = TABLES["generic"]
    generic: dict[str, float] = {}
    for word, factor in table["generic"].items():
        for f in _folded_set([word]):
            generic[f] = float(factor)
    for f in _folded_set(table["ignore"]):
        generic[f] = 0.0
    mismatch = {f: float(v) for word, v in table["mismatch"].items() for f in _folded_set([word])}
    opposite: dict[str, float] = {}  # folded word -> its group's number
    for number, group in enumerate(table["opposites"]):
        for f in _folded_set(group):
            opposite[f] = float(number)
            mismatch.setdefault(f, 0.9)
    equivalent: dict[str, float] = {}  # "a b" (two folded words) -> how alike
    for group in table["equivalents"]:
        forms = list(_with_eh(dict.fromkeys(_folded_set(group["words"]), 0.0)))
        for a in forms:
            for b in forms:
                if a != b:
                    equivalent[a + " " + b] = max(equivalent.get(a + " " + b, 0.0), float(group["similarity"]))
    translation: dict[str, float] = {}  # "form skeleton": the skeleton of one of the form's translations
    for group in table["equivalents"]:
        if group["similarity"] < 0.95:
            continue
        for a in group["words"]:
            for b in group["words"]:
                if a != b and a.isascii() == b.isascii():
                    for form in _with_eh(dict.fromkeys(_folded_set([a]), 0.0)):
                        translation.update(dict.fromkeys((form + " " + t.skel for t in tokens(b) if t.skel), 1.0))
    return {"generic": _with_eh(generic), "mismatch": _with_eh(mismatch),
            "kunya": dict.fromkeys(_folded_set(table["kunya"]), 1.0), "opposite": _with_eh(opposite),
            "equivalent": equivalent, "translation": translation}


def equivalents() -> dict[str, float]:
    """Two folded words of one ``equivalents`` group in tables/generic.yaml, as "a b" -> how alike
    the pair is: translations (Sham ~ Levant) and unit words of neighbouring rank."""
    return _tables()["equivalent"]


@lru_cache(maxsize=1)
def translations() -> dict[str, tuple[str, ...]]:
    """Folded word -> the skeletons of its translations: the other words of an ``equivalents``
    group of similarity 0.95 or more, in the same script (Army -> the skeleton of Jaysh), for
    finding candidates (a skeleton is the same in both scripts: جيش has that of Jaysh)."""
    out: dict[str, list[str]] = {}
    for pair in _tables()["translation"]:
        form, skel = pair.split(" ")
        out.setdefault(form, []).append(skel)
    return {form: tuple(skels) for form, skels in out.items()}


@lru_cache(maxsize=1)
def particles() -> frozenset[str]:
    """Folded words that say next to nothing of a name: those the scorer ignores (of, and, fi),
    titles, filiation (bin, ould) and settlement words (city, village): generic factor at most
    0.2 in tables/generic.yaml."""
    return frozenset(f for f, v in _generic().items() if v <= 0.2)


def opposites() -> dict[str, float]:
    """Folded direction word -> its group (``opposites`` in tables/generic.yaml): words of two
    groups never pair."""
    return _tables()["opposite"]


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict[str, float]]:
    """`folded_tables`, from the generated module while it was made from the current tables."""
    from glossary._tables import TABLES_HASH

    try:
        from glossary._folded import FOLDED, FROM_TABLES
    except ImportError:  # pragma: no cover - only before the first generation
        return folded_tables()
    return FOLDED if FROM_TABLES == TABLES_HASH else folded_tables()


def _mismatch() -> dict[str, float]:
    """Folded word -> least weight when the other name lacks it (``mismatch`` in tables/generic.yaml)."""
    return _tables()["mismatch"]


def _kunya() -> frozenset[str]:
    """Folded words that make a kunya with the next word (Abu, Umm)."""
    return frozenset(_tables()["kunya"])


def _generic() -> dict[str, float]:
    """Folded generic word -> factor (0 for an ignored word), from ``tables/generic.yaml``."""
    return _tables()["generic"]


def _with_eh(table: dict[str, float]) -> dict[str, float]:
    """A table of folded words with each -a word also written -eh (Liweh for Liwa: see `_eh_for_a`)."""
    out = dict(table)
    for form, v in table.items():
        if form.endswith("a") and len(form) >= 4:
            out.setdefault(form[:-1] + "ih", v)
    return out


GENERIC_MISMATCH = 0.6
"""Least weight of an unmatched word, particles aside (see `Weights.unmatched`)."""


class Weights:
    """Word weights: inverse document frequency in the glossary times the generic factor.

    Args:
        df: folded word -> number of entities with a name containing it.
        n: number of entities.

    Example:
        >>> w = Weights({"jaysh": 40, "iza": 1}, 100)
        >>> w("iza") > w("jaysh") > 0, w("uf")  # "of", folded
        (True, 0.0)
    """

    def __init__(self, df: Mapping[str, int], n: int) -> None:
        self.df = df
        self.n = max(n, 1)
        self._norm = math.log(1 + self.n)
        self._cache: dict[str, float] = {}
        self._generic = _generic()
        self._mismatch = _mismatch()
        self.kunya = _kunya()
        self._unmatched: dict[str, float] = {}
        self._person: dict[int, tuple[tuple[Word, ...], int, list[bool]]] = {}

    def unmatched(self, form: str) -> float:
        """Weight of a word the other name lacks: at least ``GENERIC_MISMATCH``, or the word's own
        mismatch weight (tables/generic.yaml), particles aside. A generic word that differs
        (Jaysh, Liwa) still says the two are different things; a common word (al-Hawa in many
        place names) is cheap to match on, not to leave out: "Khan (Idlib)" is not Khan al-Hawa
        (Idlib) more than it is Khan Fatima (Idlib)."""
        u = self._unmatched.get(form)
        if u is None:
            u = self._unmatched_new(form)
            if len(self._unmatched) < 200_000:
                self._unmatched[form] = u
        return u

    def _unmatched_new(self, form: str) -> float:
        w = self(form)
        m = self._mismatch.get(form)
        if m is not None:
            return max(w, m)
        return max(w, GENERIC_MISMATCH) if self._generic.get(form, 1.0) >= 0.3 else w

    def factor(self, form: str) -> float:
        """The generic-word factor of a folded word (1 when not listed)."""
        return self._generic.get(form, 1.0)

    def __call__(self, form: str) -> float:
        w = self._cache.get(form)
        if w is None:
            d = self.df.get(form, 0)
            idf = 1.0 if d <= 1 else max(0.1, math.log(1 + self.n / d) / self._norm)
            w = idf * self._generic.get(form, 1.0)
            if len(self._cache) < 200_000:
                self._cache[form] = w
        return w
