"""Mark labels: one ASCII character per Arabic letter, saying which marks it carries.

The lexicon (`glossary.translit.lexicon`) stores and the vocalizer
(`glossary.translit.vocalizer`) predicts a word's vocalization as one label per letter:

=====  ==========================================  =====  ==========================================
``.``  no mark (a long-vowel letter; a final         ``~``  shadda
       letter read in pause)                          ``A``  shadda + fatḥa
``a``  fatḥa                                         ``U``  shadda + ḍamma
``u``  ḍamma                                         ``I``  shadda + kasra
``i``  kasra                                         ``d``  dagger alif: ā not written (هٰذا, إلٰه)
``o``  sukūn                                         ``F``  tanwīn fatḥ before a final alif (-an)
``w``  a proclitic with fatḥa (wa- fa- ka- la- sa-)  ``Y``  a final ي read as ى (مصطفي: Muṣṭafá)
``b``  a proclitic with kasra (bi- li-)              ``M``  an ا read as آ (الاداب: al-Ādāb)
=====  ==========================================  =====  ==========================================

A vowel label on a word's LAST letter means the vowel is pronounced (bayna, ʻalayhi,
ḥaqqaqahu): the lexicon and the vocalizer say so, and `glossary.translit.words` writes it
after the engine's pausal reading. A proclitic (``w``, ``b``) that is not directly before
the article is romanized apart, ``wa-``, ``bi-``, with the scheme's prefix separator.

`apply` writes the marks in NFC order (a vowel before shadda), as the vectors store them.

Example:
    >>> apply("محمد", "uaA.")
    'مُحَمَّد'
    >>> apply("وتحقيق", "waoi..")
    'وَتَحْقِيق'
    >>> apply("مصطفي", "uoaaY")
    'مُصْطَفَى'
"""

from __future__ import annotations

import re

__all__ = ["ANY_SHADDA", "CASE_FEATURES", "LABELS", "PREFIX_VOWEL", "PROCLITIC", "VOWELS", "apply", "case_features",
           "combine", "is_letter", "key", "read", "strip"]

_FATHA, _DAMMA, _KASRA, _SUKUN, _SHADDA = "\u064E", "\u064F", "\u0650", "\u0652", "\u0651"

LABELS = ".auio~AUIwbdFYM"
"""Every label, in the order the vocalizer's classes use."""

ANY_SHADDA = "*"
"""In labels a caller fixes beforehand (`glossary.translit.vocalizer.Model.predict_many`'s
``fixed``): a shadda written without its vowel, one of ``A U I ~``, the model choosing which."""

PROCLITIC = frozenset("wb")
VOWELS = frozenset("auiAUI")

_MARKS = {".": "", "a": _FATHA, "u": _DAMMA, "i": _KASRA, "o": _SUKUN, "~": _SHADDA,
          "A": _FATHA + _SHADDA, "U": _DAMMA + _SHADDA, "I": _KASRA + _SHADDA,
          "w": _FATHA, "b": _KASRA, "d": "\u0670", "F": "\u064B", "Y": "", "M": ""}
_LETTER_FOR = {"Y": "ى", "M": "آ"}

PREFIX_VOWEL = {"و": "a", "ف": "a", "ب": "i", "ل": "i", "ك": "a"}
"""The vowel each proclitic takes before the article (wa-al-, bi-al-)."""

_STRIP = re.compile("[\u064B-\u0652\u0656-\u065F\u0670]")
_LETTER = re.compile("[\u0621-\u063A\u0641-\u064A\u0671-\u06D3\u06D5\u06FA-\u06FF]")


def combine(shadda: str, vowel: str) -> str:
    """The label for shadda (``"~"`` or ``""``) and a vowel (``"a" "i" "u" "o"`` or ``""``).

    Example:
        >>> combine("~", "a"), combine("", ""), combine("", "o")
        ('A', '.', 'o')
    """
    if shadda:
        return vowel.upper() if vowel in ("a", "i", "u") else "~"
    return vowel or "."


def apply(word: str, marks: str) -> str:
    """Interleave letters with the marks their labels stand for (``len(word) == len(marks)``)."""
    out = []
    for letter, label in zip(word, marks):
        out.append(_LETTER_FOR.get(label, letter))
        out.append(_MARKS[label])
    return "".join(out)


def strip(text: str) -> str:
    """Remove the vowel marks, shadda, sukūn and dagger alif (hamza marks stay: NFC has
    composed them into their letters).

    Example:
        >>> strip("جَيْش العِزَّة")
        'جيش العزة'
    """
    return _STRIP.sub("", text)


def key(text: str) -> str:
    """The look-up form of a word: cleaned (`glossary.translit.engine.clean`), marks
    stripped, and ى before another letter written ي (alif maqṣūra ends a word; inside one
    it is a dotless ya typed for ي: حسىن).

    Example:
        >>> key("حُسَىْن")
        'حسين'
    """
    from glossary.translit.letters import clean

    word = strip(clean(text))
    if "ى" in word[:-1]:
        word = _MEDIAL_MAQSURA.sub("ي", word)
    return word


_MEDIAL_MAQSURA = re.compile("ى(?=[\u0621-\u064A])")

_LABEL_OF_MARKS = {"": "?", _FATHA: "a", _DAMMA: "u", _KASRA: "i", _SUKUN: "o", _SHADDA: "~",
                   _SHADDA + _FATHA: "A", _SHADDA + _DAMMA: "U", _SHADDA + _KASRA: "I", "\u0670": "d", "\u064B": "F"}


def read(text: str) -> tuple[str, str]:
    """A word's look-up key (`key`) and the labels of the marks written on it, ``?`` for a
    letter without any (a mark combination without a label counts as none).

    Example:
        >>> read("مُحمد")
        ('محمد', 'u???')
    """
    from glossary.translit.letters import clean

    letters: list[str] = []
    marks: list[str] = []
    for char in clean(text):
        if _STRIP.match(char):
            if letters:
                marks[-1] += char
        else:
            letters.append(char)
            marks.append("")
    word = "".join(letters)
    if "ى" in word[:-1]:
        word = _MEDIAL_MAQSURA.sub("ي", word)
    written = "".join(_LABEL_OF_MARKS.get("".join(sorted(m, reverse=True)) if _SHADDA in m else m, "?")
                      for m in marks)
    if len(word) > 1 and word[-1] == "ا" and written[-1] == "F":  # اً is typed for ـًا: the tanwīn is the letter's
        written = written[:-2] + "F."
    return word, written


def is_letter(char: str) -> bool:
    """Whether one character is an Arabic letter (after `glossary.translit.engine.clean`)."""
    return _LETTER.match(char) is not None


CASE_FEATURES = (
    "L: the word's length (up to 9)",
    "P: the first 1-4 letters",
    "Q: the last 1-4 letters",
    "T: every three letters",
)
"""Word features of the capitalization model, in the order `case_features` builds them."""


def case_features(word: str) -> list[str]:
    """The named letter features of a word's capitalization: the vocalizer's capitalization model
    (`glossary.translit.vocalizer`) reads them, and the lexicon's case model of clitic forms reads
    them of the stem (`glossary.translit.lexicon.case_evidence`).

    Example:
        >>> case_features("حلب")[:3]
        ['L3', 'P^ح', 'Qب$']
    """
    p = "^" + word + "$"
    out = [f"L{min(len(word), 9)}"]
    for k in (1, 2, 3, 4):
        out.append("P" + p[:k + 1])
        out.append("Q" + p[-k - 1:])
    out.extend("T" + p[k:k + 3] for k in range(len(p) - 2))
    return out
