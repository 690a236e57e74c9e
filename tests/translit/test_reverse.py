"""Reversibility: reverse(forward(x)) == x for the letter-for-letter schemes.

Buckwalter and Safe Buckwalter are one character for one character, so the property
holds for any string of Arabic letters, marks, tatweel and spaces (in NFC, which
`transliterate` applies first). ISO 233, as the shared vectors read it, writes no sign
for sukūn, doubles a letter for shadda and writes alif waṣlah like alif, so its reverse
rebuilds sukūn and shadda by rule: the property holds for well-formed vocalized words
(syllables of consonant + vowel, closed by a consonant with sukūn or lengthened by a long
vowel letter) and for unvocalized words without a doubled letter.
"""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from glossary.translit import reverse, transliterate

LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيٱ"
MARKS = "\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652\u0670"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.mark.parametrize("scheme", ["buckwalter", "safe-buckwalter"])
@given(text=st.text(st.sampled_from(LETTERS + MARKS + "ـ ")))
def test_buckwalter_round_trip(scheme: str, text: str) -> None:
    text = nfc(text)
    assert reverse(transliterate(text, scheme).text, scheme) == text


@pytest.mark.parametrize("scheme", ["buckwalter", "safe-buckwalter"])
def test_buckwalter_reverse_keeps_other_characters(scheme: str) -> None:
    assert reverse("2015 ،", scheme) == "2015 ،"


CONSONANTS = "بتثجحخدذرزسشصضطظعغفقكمنهءأئؤ"  # no lam: the article's lam is the one left bare
LONG = {"\u064E": "ا", "\u064F": "و", "\u0650": "ي"}


@st.composite
def vocalized_word(draw: st.DrawFn) -> str:
    """Syllables C(ّ)V, C(ّ)V + long vowel letter, or C(ّ)V + C + sukūn; a final C."""
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        onset = draw(st.sampled_from(CONSONANTS))
        assume(not parts or parts[-1][-2:-1] != onset)  # C + sukūn + same C is written with shadda
        vowel = draw(st.sampled_from(list(LONG)))
        syllable = onset + ("\u0651" if draw(st.booleans()) else "") + vowel
        coda = draw(st.sampled_from(["", "long", "closed"]))
        if coda == "long":
            syllable += LONG[vowel]
        elif coda == "closed":
            syllable += draw(st.sampled_from(CONSONANTS.replace("ء", ""))) + "\u0652"
        parts.append(syllable)
    final = draw(st.sampled_from(CONSONANTS + "ة"))
    assume(parts[-1][-2:-1] != final)
    return "".join(parts) + final


@given(st.lists(vocalized_word(), min_size=1, max_size=3))
def test_iso233_round_trip_vocalized(words: list[str]) -> None:
    text = nfc(" ".join(words))
    assert reverse(transliterate(text, "iso233").text, "iso233") == text


@given(st.lists(st.text(st.sampled_from(LETTERS.replace("ٱ", "").replace("إ", "")), min_size=1, max_size=6),
                min_size=1, max_size=3),
       st.booleans())
def test_iso233_round_trip_unvocalized(words: list[str], hamza_below: bool) -> None:
    if hamza_below:
        words = ["إ" + w for w in words]
    text = " ".join(words)
    assume(all(a != b for a, b in itertools.pairwise(text)))  # a doubled letter reads as shadda
    assume("اء" not in text)  # collides with إ under the vectors' convention: see the xfail below
    assert reverse(transliterate(text, "iso233").text, "iso233") == text


@pytest.mark.xfail(reason="ISO 233 as the vectors read it writes إ as ʾˌ (alif + hamza sign), which is also "
                          "what alif followed by a bare hamza gives: the two cannot be told apart in reverse",
                   strict=True)
def test_iso233_alif_then_hamza_is_ambiguous() -> None:
    assert reverse(transliterate("اء", "iso233").text, "iso233") == "اء"


@pytest.mark.parametrize(("latin", "arabic"), [
    ("ʾlllāh", "اللّٰه"),                 # lam + lam-with-shadda after the article's alif
    ("ʾllh", "الله"),                     # unvocalized: two lams, no shadda
    ("liwaʾˌ", "لِوَاء"),                 # ʾˌ is alif + hamza inside a word
    ("ʾˌidlib", "إِدْلِب"),               # and hamza-below alif at its start
])
def test_iso233_reverse_rules(latin: str, arabic: str) -> None:
    assert reverse(latin, "iso233") == nfc(arabic)
