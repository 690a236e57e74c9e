"""Abbreviations: letters written with dots, company words (issue #4)."""

from __future__ import annotations

import pytest

from glossary.names import exact, folded


@pytest.mark.parametrize(("text", "key"), [("M.E.N.A. CRYSTAL", "mena crystal"), ("OFF-SHORE S.A.L.", "off shore sal"),
                                           ("U.S.A", "usa"), ("ﺟ.ﺶ", "جش")])
def test_dotted_letters_are_one_word(text: str, key: str) -> None:
    assert exact(text) == key


@pytest.mark.parametrize("text", ["Adnan S. Hasan", "Mr. A. B. Smith", "Dr.Ahmed", "3.5 km"])
def test_a_lone_initial_or_a_dotted_word_stays_apart(text: str) -> None:
    assert "." not in exact(text) and len(exact(text).split()) == len(text.replace(".", " ").split())


@pytest.mark.parametrize(("short", "long"), [("Co.", "Company"), ("LTD", "Limited"), ("Corp", "Corporation"),
                                             ("Intl", "International")])
def test_company_abbreviations_fold_to_the_word(short: str, long: str) -> None:
    assert folded(short) == folded(long)
