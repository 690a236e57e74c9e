"""The vowel patterns of word shapes: how often each label sequence occurs among the training
words of one shape, for `glossary.translit.vocalizer.Model` to weigh a word's Viterbi path
against (`Patterns`). Two shapes: the coarse one (`coarse_shape`: long-vowel letters, hamza, ة
and ى kept, every other letter C; the shape feature R of `glossary.translit.vocalizer.FEATURES`
reads it too) and the fine one (`fine_shape`: the letters of the patterns' augments kept).
``tools/train_vocalizer.py`` counts them (`patterns`) into the model file.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

__all__ = ["PATTERN_LETTERS", "SHAPE", "Patterns", "coarse_shape", "fine_shape", "keeps"]

SHAPE = str.maketrans({"ا": "A", "آ": "A", "و": "W", "ي": "Y", "ة": "T", "ى": "Q", "أ": "H", "إ": "H",
                        "ؤ": "H", "ئ": "H", "ء": "H"})
"""The letters the coarse shape keeps, as `coarse_shape` writes them (every other letter is C)."""


def coarse_shape(word: str) -> str:
    """A word's long-vowel letters (A W Y), hamza (H), tāʾ marbūṭa (T) and alif maqṣūrah (Q),
    every other letter C (the shape of feature R of `glossary.translit.vocalizer.FEATURES`).

    Example:
        >>> coarse_shape("مكتبة")
        'CCCCT'
    """
    return "".join(c if c in "AWYTQH" else "C" for c in word.translate(SHAPE))


PATTERN_LETTERS = "سألتمونيهاةىءأإؤئآ"
"""The letters a word's fine shape keeps (`fine_shape`): the letters of the Arabic patterns'
augments (سألتمونيها, the letters that pattern a root), hamza seats, tāʾ marbūṭa, alif maqṣūrah."""


def fine_shape(word: str) -> str:
    """A word's letters with every letter not in `PATTERN_LETTERS` written C: near the pattern a
    word's vowels follow, without its root (a root letter that is also an augment letter stays:
    the shape does not know the root).

    Example:
        >>> fine_shape("مكتبة")
        'مCتCة'
    """
    return "".join(c if c in PATTERN_LETTERS else "C" for c in word)


class Patterns:
    """How often each word shape carries each label sequence in the training words (the model
    file's ``patterns``): by the coarse shape (`coarse_shape`: long-vowel letters, hamza, ة kept) and by
    the fine shape (`fine_shape`). A word's candidates are the Viterbi path and every sequence
    either of its shapes shows; each is scored by its path score (the letters' log-probabilities
    and the transition scores, as the Viterbi search sums them) plus ``weight`` times the mean of
    its two log-frequencies (add-one: (count + 1) / (shape's words + sequences + 1)). Arabic words
    are built on patterns (mafʿal, fiʿālah, mufaʿʿil …): a sequence of vowels that many words of
    the same shape carry is likelier than the letters alone say."""

    def __init__(self, text: str, weight: float) -> None:
        self.weight = weight
        self.tables: dict[str, tuple[dict[str, int], int]] = {}
        grouped: dict[str, dict[str, int]] = {}
        for line in text.split("\n") if text else ():
            kind, shape, marks, count = line.split("\t")
            grouped.setdefault(kind + shape, {})[marks] = int(count)
        for key, table in grouped.items():
            self.tables[key] = (table, sum(table.values()) + len(table) + 1)

    def choose(self, word: str, best: str, logp: npt.NDArray[np.float32], start: list[float],
               step: list[list[float]], labels: str, known: str | None = None) -> str:
        """The labels of one word (``logp``: its letters x labels) among ``best`` (the Viterbi
        path) and its shapes' sequences (those that keep ``known``'s labels: `keeps`); ties go to the first in sorted order."""
        coarse, total_c = self.tables.get("c" + coarse_shape(word), ({}, 1))
        fine, total_f = self.tables.get("f" + fine_shape(word), ({}, 1))
        if not coarse and not fine:
            return best
        rows: list[list[float]] = logp.tolist()
        index = {c: k for k, c in enumerate(labels)}
        chosen, top = best, -math.inf
        for option in sorted({best, *coarse, *fine}):
            if known and not all(keeps(k, c) for k, c in zip(known, option)):
                continue
            ks = [index[c] for c in option]
            score = start[ks[0]] + rows[0][ks[0]]
            for i in range(1, len(ks)):
                score = score + step[ks[i]][ks[i - 1]] + rows[i][ks[i]]
            lc = math.log((coarse.get(option, 0) + 1) / total_c)
            lf = math.log((fine.get(option, 0) + 1) / total_f)
            score = score + self.weight * (lc + lf) / 2.0
            if score > top:
                chosen, top = option, score
        return chosen


def keeps(known: str, label: str) -> bool:
    """Whether a label keeps a fixed one: ``?`` lets any label, ``*`` any shadda label (a
    shadda written without its vowel: `glossary.translit.labels.ANY_SHADDA`), else the same."""
    return known == "?" or label == known or (known == "*" and label in "AUI~")
