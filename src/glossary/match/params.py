"""The scorer's constants (`Params`): the evaluation harness tunes them; the defaults are the tuned ones."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, eq=False)
class Params:
    """Scorer constants (the evaluation harness tunes them; the defaults are the tuned ones)."""

    consonants_equal: float = 0.86
    """A word pair whose consonants agree (Sermada ~ Sarmada): this plus a share of the letter ratio."""
    skeleton_equal: float = 0.72
    """A pair whose merged skeletons agree but not their consonants (Hamam ~ Hama)."""
    fuzzy_floor: float = 0.72
    """A letter ratio below this counts as no match."""
    cross_script: float = 0.9
    """Factor on a Latin-to-Arabic (or reverse) score, which compares consonants only."""
    middle_name: float = 0.3
    """Weight of a word one side may leave out and the other has: a person's middle name, a
    parenthesized qualifier, times the word's generic factor (bin, ould weigh next to nothing,
    Muhammad half). A name's word the query lacks weighs the same whatever it is, Muhammad
    too (but a particle: generic factor at most ``_PARTICLE``), so that two people who differ
    only in a middle name the query lacks tie, and the answer is ambiguous."""
    consonant_changed: float = 0.7
    """Factor on the letter ratio of two words of five letters or more, one letter apart, whose
    consonants differ (Qabbafi ~ Qabbani): below any accepted pair, so that it helps a name
    whose other words agree, never decides alone."""
    qualifier_for_word: float = 0.8
    """Factor on a pair of a parenthesized qualifier and a word of the name itself: Tall
    (al-Qusayr) is a Tall in al-Qusayr, not Tall al-Qasr."""
    given_name_mismatch: float = 0.55
    """Factor when two person names both have given names and these differ."""
    joined: float = 0.93
    """Score when the names are equal with spaces removed (Kafranbel ~ Kafr Nabl) but not word by word."""
    reordered: float = 0.9
    """Factor on a person's name whose words all agree with the other's, in another order."""


DEFAULT = Params()
