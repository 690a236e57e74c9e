"""Word similarity edge cases of the scorer."""

from __future__ import annotations

import pytest

from glossary.score import profile, word_similarity


@pytest.mark.parametrize("cross", [False, True])
def test_word_without_consonants_is_no_other_reading(cross: bool) -> None:
    # "AIAI" keeps no consonant: its empty skeleton must not pass for a word's (empty) other reading
    q = profile("Mohamed").words[0]
    n = profile("AIAI").words[0]
    assert n.skel == "" and q.alt == ""
    assert word_similarity(q, n, cross) == 0.0


def test_glued_article_reading_still_counts() -> None:
    q, n = profile("Alwasl").words[0], profile("al-Wasl").words[0]
    assert word_similarity(q, n, False) >= 0.9
