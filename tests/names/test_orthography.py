"""Other orthographies of a Latin name (tables/orthographies.yaml): what each reads, and what none does."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.names import folded
from glossary.names import readings


@pytest.mark.parametrize(
    ("name", "reads_as"),
    [
        ("Cisr eş-Şuğur", "Jisr ash-Shughur"),     # Turkish: c, ş, ğ
        ("Beşar Esad", "Beshar Esad"),             # Turkish ş alone
        ("Menbiç", "Menbij"),                      # Turkish final ç for jim
        ("İdlib", "Idlib"),                        # Turkish capital dotted I
        ("Chán Šajchún", "Khan Shaykhun"),         # Czech: ch, š, j
        ("Dżisr asz-Szughur", "Jisr ash-Shughur"), # Polish: dż, sz
        ("Džabla", "Jabla"),                       # Serbo-Croatian dž
        ("Shejkh-Miskin", "Shaykh Miskin"),        # a diphthong's j, no other mark
        ("Banijas", "Baniyas"),
    ],
)
def test_a_reading_spells_the_name_the_english_way(name: str, reads_as: str) -> None:
    assert folded(reads_as) in {folded(r.text) for r in readings(name)}, readings(name)


@pytest.mark.parametrize(
    "name",
    [
        "Jaysh al-Izza",   # English: j at the start of a word is j
        "Hajj Ali",        # a doubled j is no diphthong
        "Djamel",          # French dj
        "Maşyāf",          # BGN: ş is sad, with a long vowel beside it
        "Ḩalab",
        "جيش العزة",       # Arabic script has no readings
        "",
    ],
)
def test_names_without_the_marks_have_no_reading(name: str) -> None:
    assert readings(name) == []


def test_a_slavic_name_is_read_once() -> None:
    # its j is the slavic reading's already: no second, diphthong-only reading
    assert [r.text for r in readings("Chan Szajchun")] == ["khan shaykhun"]


def test_only_the_diphthong_guess_asks_for_known_words() -> None:
    # English spellings write a j after a vowel too (Mujahidin): that reading must find a word
    found = readings("Banijas") + readings("Cisr eş-Şuğur") + readings("Šam")
    assert [r.known_words_only for r in found] == [True, False, False]


@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_total_on_any_text(text: str) -> None:
    out = readings(text)
    assert isinstance(out, list) and all(isinstance(r.text, str) and r.text for r in out)
