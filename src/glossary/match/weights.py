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
from typing import NamedTuple

from glossary.names import Token, factors, kunya, mismatch

GENERIC_MISMATCH = 0.6
"""Least weight of an unmatched word, particles aside (see `Weights.unmatched`)."""


class PersonWords(NamedTuple):
    """What the scorer needs of a person's name under one glossary's weights (`Weights.person_words`)."""

    words: tuple[Token, ...]
    """The name's words (kept, so that their id is not reused while the entry lives)."""
    first: int
    """Position of the first word that is not a particle or a very common prefix (Abu, bin)."""
    droppable: list[bool]
    """Which words may be left out: middle names, and what follows bin/ould (filiation)."""


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
        self.generic = factors()
        self.mismatch = mismatch()
        self.kunya = kunya()
        # what is computed once per word or name, read directly by the scorer's inner loop
        self.computed: dict[str, float] = {}
        self.computed_unmatched: dict[str, float] = {}
        self.person_words: dict[int, PersonWords] = {}

    def unmatched(self, form: str) -> float:
        """Weight of a word the other name lacks: at least ``GENERIC_MISMATCH``, or the word's own
        mismatch weight (tables/generic.yaml), particles aside. A generic word that differs
        (Jaysh, Liwa) still says the two are different things; a common word (al-Hawa in many
        place names) is cheap to match on, not to leave out: "Khan (Idlib)" is not Khan al-Hawa
        (Idlib) more than it is Khan Fatima (Idlib)."""
        u = self.computed_unmatched.get(form)
        if u is None:
            u = self._unmatched_new(form)
            if len(self.computed_unmatched) < 200_000:
                self.computed_unmatched[form] = u
        return u

    def _unmatched_new(self, form: str) -> float:
        w = self(form)
        m = self.mismatch.get(form)
        if m is not None:
            return max(w, m)
        return max(w, GENERIC_MISMATCH) if self.generic.get(form, 1.0) >= 0.3 else w

    def factor(self, form: str) -> float:
        """The generic-word factor of a folded word (1 when not listed)."""
        return self.generic.get(form, 1.0)

    def __call__(self, form: str) -> float:
        w = self.computed.get(form)
        if w is None:
            d = self.df.get(form, 0)
            idf = 1.0 if d <= 1 else max(0.1, math.log(1 + self.n / d) / self._norm)
            w = idf * self.generic.get(form, 1.0)
            if len(self.computed) < 200_000:
                self.computed[form] = w
        return w
