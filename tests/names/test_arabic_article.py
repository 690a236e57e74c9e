"""Where an Arabic word holds the article, and where it only looks so (issue #4)."""

from __future__ import annotations

import pytest

from glossary.names import folded, skeleton, tokens


@pytest.mark.parametrize("word", ["ألوية", "إلياس", "أَلْوِيَة"])
def test_hamza_alef_lam_is_no_article(word: str) -> None:
    assert not any(t.article for t in tokens(word))


def test_alwiya_skeleton_meets_the_romanization() -> None:
    assert skeleton("ألوية") == skeleton("Alwiya")


@pytest.mark.parametrize(("word", "rest"), [("للدعوة", "دعوه"), ("والجهاد", "جهاد")])
def test_li_and_wa_before_the_article(word: str, rest: str) -> None:
    toks = tokens(word)
    assert [t.article for t in toks] == [True, False] and toks[-1].form == rest


@pytest.mark.parametrize("word", ["لله", "والي", "والتر"])
def test_short_words_keep_their_letters(word: str) -> None:
    assert folded(word) == word.replace("ة", "ه")


@pytest.mark.parametrize("word", ["الوية", "الويه"])  # ألوية written without its hamza
def test_listed_words_keep_their_opening_alef_lam_without_hamza(word: str) -> None:
    assert not any(t.article for t in tokens(word))


def test_hamza_on_the_article_is_a_slip() -> None:
    # a hamza written on the article's alef does not make it part of the word
    assert folded("ألجيش الحر") == folded("الجيش الحر")
    assert skeleton("ألجيش الحر") == skeleton("Al-Jaysh al-Hurr")


@pytest.mark.parametrize("text", ["الوالالا", "الوللدعوة", "والوالجيش"])
def test_prefixes_after_an_article_fold_idempotently(text: str) -> None:
    # found by the property test: what is left after an article may open with wa- + al- again
    once = folded(text)
    assert folded(once) == once
