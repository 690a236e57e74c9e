"""Every level is total and idempotent on any string (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary import names as nz

LEVELS = [nz.exact, nz.arabic, nz.folded, nz.skeleton]

# Alphabets that exercise the rules: Arabic letters and marks, presentation forms,
# bidi controls, apostrophes, Latin with accents, Arabizi digits, surrogates.
_PIECES = st.sampled_from(
    list("abdeghiklnoqrstuwyz '-`ʿʾ’‘´ʻ 2357960")
    + list("اأإآٱبتثجحخدذرزسشصضطظعغفقكلمنهوؤيئىةءپچژکگیۀ")
    + list("\u064b\u064e\u064f\u0650\u0651\u0652\u0670\u0640")
    + list("\ufe8d\ufe9f\ufef4\ufeb6\ufef5\ufe70\ufe71\ufefb")
    + list("\u200e\u200f\u202a\u202b\u202e\u2066\u2069\u200b\u200c\u200d\ufeff\u061c")
    + list("āīūḥṣḍṭẓḏṯġḫšéèêëïîôöüçğşıøßæœ")
    + ["\ud800", "\udfff", "\u0301", "\u0327", "ħ", "ال", "al-", "abd", "abdul ", "allah", " din", "ud-", "el ", "the "]
)
_TEXT = st.one_of(st.text(), st.lists(_PIECES, max_size=25).map("".join))


@pytest.mark.parametrize("level", LEVELS, ids=lambda f: f.__name__)
@settings(max_examples=600, deadline=None)
@given(text=_TEXT)
def test_total_and_idempotent(level, text):
    once = level(text)
    assert isinstance(once, str)
    assert level(once) == once


@pytest.mark.parametrize("level", LEVELS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    "text",
    ["", " ", "\u064e\u0651", "\u200f\u202b\u2066", "\ud800abc\udfff", "\u0301", "ـــ", "'''", "3", "7'", "x" * 1_000_000,
     "جيش " * 200_000],
    ids=["empty", "space", "only-marks", "only-bidi", "surrogates", "lone-mark", "tatweel", "apostrophes", "digit",
         "arabizi-alone", "1MB-latin", "1MB-arabic"],
)
def test_edge_inputs(level, text):
    once = level(text)
    assert level(once) == once


def test_keys_total_on_surrogates():
    k = nz.keys("\ud800Jaysh\udfff")
    assert k.exact == "jaysh"
    k.exact.encode("utf-8")  # keys are always valid UTF-8 (they go into SQLite)


def test_compound_never_glues_a_number() -> None:
    """Found by hypothesis: 'abdul 2' folded to 'abdal2', whose 2 then read as Arabizi hamza."""
    assert nz.folded(nz.folded("abdul 2")) == nz.folded("abdul 2")
