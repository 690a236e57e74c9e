"""Arabic letters and marks as the romanization schemes see them, and the code both kinds of
scheme share: cleaning the input (`clean`) and rebuilding Arabic from reversed tokens (`rebuild`)."""

from __future__ import annotations

import re
import unicodedata

from glossary.names.tables import TABLES

FATHA, DAMMA, KASRA = "\u064E", "\u064F", "\u0650"
FATHATAN, DAMMATAN, KASRATAN = "\u064B", "\u064C", "\u064D"
SHADDA, SUKUN, DAGGER = "\u0651", "\u0652", "\u0670"
ALIF, WASLA, MADDA, MAQSURA, TAA, WAW, YA, LAM = "ا", "ٱ", "آ", "ى", "ة", "و", "ي", "ل"
HAMZAS = frozenset("ءأإؤئ")
SUN = frozenset("تثدذرزسشصضطظلن")
"""Sun letters: the article's lam assimilates to them in pronunciation (a fact of
Arabic, not of a scheme; whether the romanization shows it is the ``assimilate`` flag)."""
VOWEL_MARKS = frozenset((FATHA, DAMMA, KASRA, FATHATAN, DAMMATAN, KASRATAN, DAGGER))
_SHORT = FATHA + DAMMA + KASRA + FATHATAN + DAMMATAN + KASRATAN

_REMOVE = "\u0640\u061C\u200B\u200C\u200D\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\uFEFF"
PERSIAN_READINGS = {"ک": "ك", "ی": "ي", "ە": "ه", "ہ": "ه", "ۃ": "ة", "ھ": "ه"}
"""The letters of Persian, Kurdish and Urdu spelling that are an Arabic letter in another hand (and
come from their keyboards typing Arabic), and that letter (`tools/letter_variants.py` reads them
too, as letters the schemes read)."""
VARIANTS = {**TABLES["arabic"]["variants"], **PERSIAN_READINGS}
"""Each letter no scheme has a column for, and the letter(s) it is read as (Persian ک ی …)."""
_CLEAN = str.maketrans({**{c: None for c in _REMOVE}, **VARIANTS})
_PUNCT = str.maketrans({"،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ",", "۔": ".",
                        **{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}})
_ARABIC_LETTERS = frozenset(chr(c) for a, b in ((0x0620, 0x063F), (0x0641, 0x064A), (0x066E, 0x066F), (0x0671, 0x06D3),
                                                (0x06D5, 0x06D5), (0x06EE, 0x06EF), (0x06FA, 0x06FF), (0x0750, 0x077F),
                                                (0x08A0, 0x08C8), (0xFB50, 0xFDFF), (0xFE70, 0xFEFC))
                            for c in range(a, b + 1))
"""Arabic letters and presentation forms (no marks, no tatweel): a set, where a regex character
class would take longer to compile at import than the set takes to build."""
_WORD = re.compile("([\u0621-\u063F\u0641-\u065F\u0670-\u06D3\u06D5\u06FA-\u06FF]+)")


PERSIAN_LETTERS = frozenset("یکگپچژ")
"""Letters of the Persian alphabet that Arabic spelling does not use (ی and ک also come from a
Persian keyboard typing Arabic)."""
_SCRIPT_RUN = re.compile("[\u0621-\u065F\u0670-\u06FF\u0750-\u077F\u08A0-\u08FF\u200C]+")
_NOT_BEFORE_SILENT_HEH = frozenset("اآأإٱوؤهء")


def silent_heh(word: str) -> bool:
    """Whether a word (as written) ends in a Persian silent ه, read as ة: it is written with a
    Persian letter and ends in ه after a consonant. Persian spelling ends a word so where Arabic
    writes ة (کتابخانه, library, read Kitābkhānah), and so does Arabic typed on a Persian keyboard
    (حدیقه for حديقة, garden). After ا و ه the ه is a consonant (شاه, کوه); a mark written on the ه
    keeps it as written.

    Example:
        >>> silent_heh("کتابخانه"), silent_heh("شاه"), silent_heh("كتابخانه")
        (True, False, False)
    """
    return len(word) > 2 and word[-1] == "ه" and word[-2] not in _NOT_BEFORE_SILENT_HEH \
        and not PERSIAN_LETTERS.isdisjoint(word)


def _silent_heh(match: re.Match[str]) -> str:
    word = match.group()
    return word[:-1] + TAA if silent_heh(word) else word


def clean(text: str) -> str:
    """NFKC, then drop tatweel, bidi controls and joiners; Persian ک ی to Arabic ك ي, and the
    letters of other Arabic-script orthographies to the letters the schemes read
    (`glossary.names.tables.VARIANTS_FILE`: ڪ to ك, ݣ to گ, ې to ي …); in a word written with a
    Persian letter, a final ه after a consonant to ة (`silent_heh`).

    Example:
        >>> clean("ﺟﻴـــﺶ\u200f")
        'جيش'
        >>> clean("کتابخانه شاه")
        'كتابخانة شاه'
    """
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    if not PERSIAN_LETTERS.isdisjoint(text):
        text = _SCRIPT_RUN.sub(_silent_heh, text)
    return text.translate(_CLEAN)


def has_arabic(text: str) -> bool:
    """Whether the text contains at least one Arabic letter."""
    return not _ARABIC_LETTERS.isdisjoint(text)


_NO_SUKUN = frozenset((ALIF, WASLA, MAQSURA, TAA, MADDA, "إ"))


def rebuild(tokens: list[str], *, vocalized: bool, double: bool) -> str:
    """Reassemble Arabic from reverse-mapped tokens of a strict transliteration.

    Sukun is not written in ISO 233 and shadda is a doubled letter, so in vocalized
    text (any short vowel present) a doubled letter becomes letter + shadda and a
    consonant followed by another letter takes sukun, except long vowels, the article's
    lam and the word's last letter (pause). Unvocalized text is left letter for letter.
    """
    out: list[str] = []
    word: list[list[str]] = []  # [letter, marks...]

    def flush() -> None:
        units = word
        if vocalized and double:
            merged: list[list[str]] = []
            i = 0
            while i < len(units):
                letter, k = units[i][0], i
                while (k + 1 < len(units) and units[k + 1][0] == letter and len(units[k]) == 1
                       and letter not in _NO_SUKUN):
                    k += 1
                run = k - i + 1  # n equal letters: (n % 2) plain, then n // 2 under shadda
                merged.extend([letter] for _ in range(run % 2))
                merged.extend([letter, SHADDA] for _ in range(run // 2))
                if run > 1:
                    merged[-1].extend(units[k][1:])
                else:
                    merged[-1] = units[k]
                i = k + 1
            units = merged
        if vocalized:
            for p, unit in enumerate(units[:-1]):
                letter, marks = unit[0], unit[1:]
                before = units[p - 1] if p else None
                if any(m in VOWEL_MARKS for m in marks) or letter in _NO_SUKUN or not units[p + 1][0].strip():
                    continue
                if before is not None and ((letter == WAW and DAMMA in before) or (letter == YA and KASRA in before)):
                    continue  # a long vowel
                if letter == LAM and before is not None and (before[0] in (ALIF, WASLA) or (
                        p == 1 and before[0] == LAM and KASRA in before)):
                    continue  # the article's lam
                unit.append(SUKUN)
        out.extend("".join(u) for u in units)
        word.clear()

    for token in tokens:
        if token in VOWEL_MARKS or token in (SHADDA, SUKUN):
            if word:
                word[-1].append(token)
            else:
                out.append(token)
        elif token in _ARABIC_LETTERS:
            word.append([token])
        else:
            flush()
            out.append(token)
    flush()
    return "".join(out)
