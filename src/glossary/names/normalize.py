"""Name keys at four levels, from strict to loose (DESIGN.md section 3).

Pure, total and idempotent string functions: no glossary, no exception on any ``str``
(empty, marks only, bidi controls, lone surrogates, a megabyte), and ``f(f(x)) == f(x)``.
The folding rules are data (``tables/*.yaml``, read by `glossary.names.tables`), applied word by
word by `glossary.names.fold` (Latin words: `glossary.names.latin`).

Step order:

1. `exact`: letters written with dots joined (M.E.N.A. -> MENA) -> delete invisible
   characters (bidi controls, zero widths, tatweel, lone surrogates) -> NFKC (presentation forms become letters) -> casefold -> NFKC ->
   every apostrophe, ʿayn and hamza mark becomes ``'``; other punctuation, symbols
   and hyphens become a space -> spaces collapsed.
2. `arabic`: `exact` -> harakat and Quranic marks deleted -> alef forms, ة/ه, ى/ي,
   Persian and Urdu letters, hamza seats folded -> spaces removed (كفر نبل = كفرنبل).
   (In `tokens`, the words of ``not_article`` in tables/arabic.yaml keep their opening ال:
   ألوية, إلياس; لل and وال open with li-/wa- and the article: للدعوة, والجهاد.)
3. `folded` (romanized Latin): `exact` -> Arabizi digits inside words (3 -> ʿayn,
   7 -> h ...) -> apostrophes dropped -> letters with a meaning (ḏ -> dh, š -> sh)
   -> other accents stripped (NFD; unidecode for what is left of Latin only) ->
   per word: consonant spellings (dj -> j, ch -> sh) -> the article in every form,
   sun letters assimilated (ash-Sham, ez-Zor -> al) -> compounds joined (Abd al-Qadir,
   Nur al-Din, Nasr Allah) -> compound spellings, taa marbuta endings, vowel and
   diphthong folds, doubled letters, repeated to a fixed point. Arabic words get the
   `arabic` folds.
4. `skeleton` (cross-script): the words of step 3 before their vowel folds, Latin
   and Arabic letters mapped to one set of consonant classes, vowels/w/y/ʿayn/hamza
   and articles dropped, runs collapsed, a final h-class letter dropped.

Example:
    >>> folded("Jaish el-Ezzah"), folded("Jaysh al-3izza")
    ('jaysh al iza', 'jaysh al iza')
    >>> skeleton("Jaysh al-Izza") == skeleton("جيش العزة")
    True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from .fold import (
    AR_ARTICLE,
    AR_GLUE_PREV,
    AR_MAP,
    AR_MAP_TAA,
    AR_NOT_ARTICLE,
    ARABIZI_RUN,
    DIGITS,
    TAA,
    WORD_RUN,
    arabizi,
    cons_word,
    consonants,
    expand,
    fold_word,
    glue,
    glue_arabic,
    is_arabic,
    is_article,
    may_glue,
    skeleton_word,
    strip_accents,
)
from .latin import LATIN_ARTICLE, latin_token, latin_tokens, latin_word
from .tables import TABLES
from .token import Token

__all__ = ["Keys", "arabic", "exact", "folded", "keys", "script", "skeleton", "tokens"]

_LAT = TABLES["latin"]
_INVISIBLE = frozenset(expand(_LAT["invisible"]))
_APOSTROPHES = frozenset(_LAT["apostrophes"])
_SPACE_CATEGORIES = frozenset(_LAT["space_categories"])


class _CharMap(dict[int, "str | None"]):
    """A ``str.translate`` table filled lazily, one code point at a time."""

    def __init__(self, rule: Callable[[str], str | None]) -> None:
        super().__init__()
        self._rule = rule

    def __missing__(self, key: int) -> str | None:
        value = self._rule(chr(key))
        self[key] = value
        return value


def _exact_rule(ch: str) -> str | None:
    """What `exact` does with one character."""
    if ch in _INVISIBLE:
        return None
    if ch in _APOSTROPHES:
        return "'"
    cat = unicodedata.category(ch)
    if cat in ("Cs", "Cf", "Co", "Cn"):
        return None  # lone surrogates from a bad file, format controls, private use, unassigned
    if cat in _SPACE_CATEGORIES:
        # a compatibility form of punctuation (fullwidth ＇ －, small ﹐) is what NFKC makes of it
        compat = unicodedata.normalize("NFKC", ch)
        return "".join(_exact_rule(c) or "" for c in compat) or " " if compat != ch else " "
    return ch


_EXACT_MAP = _CharMap(_exact_rule)
_ASCII_PUNCT = str.maketrans({c: (" " if c != "'" and c != "`" else "'") for c in map(chr, range(128)) if not c.isalnum()})

_AR_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


# Letters written with a dot after each (M.E.N.A., S.A.L., U.S.A.): one word, as a dotless
# spelling would write it; a lone initial (Adnan S. Hasan) stays a word of its own.
_DOTTED = re.compile(r"(?<![^\W_])[^\W\d_](?:\.[^\W\d_])+\.?(?![^\W_])")


def _undot(m: re.Match[str]) -> str:
    return m.group(0).replace(".", "")


def exact(text: str) -> str:
    """Level 1: Unicode-normalized, case-folded, punctuation unified, spaces collapsed.

    Args:
        text: any string.

    Returns:
        The exact key (words separated by one space).

    Example:
        >>> exact("  Jaysh  al‑ʿIzza ") , exact("ﺟﻴﺶ ﺍﻟﻌﺰﺓ")
        ("jaysh al 'izza", 'جيش العزة')
    """
    if not text.isascii() and not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)  # fullwidth Ｓ．Ａ． is S.A. for the dotted letters too
    if "." in text:
        text = _DOTTED.sub(_undot, text)
    if text.isascii():
        return " ".join(text.lower().translate(_ASCII_PUNCT).replace("`", "'").split())
    s = text.translate(_EXACT_MAP)
    for _ in range(3):
        t = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", s).casefold()).translate(_EXACT_MAP)
        t = " ".join(t.split())
        if t == s:
            break
        s = t
    return s


def _arabic_spaced(text: str) -> str:
    """`exact` then the Arabic letter folds, spaces kept."""
    s = exact(text)
    if s.isascii():
        return s
    for _ in range(3):
        t = exact(s.translate(AR_MAP))
        if t == s:
            break
        s = t
    return s


def arabic(text: str) -> str:
    """Level 2: Arabic script without harakat, with alef/yeh/taa forms unified, no spaces.

    Args:
        text: any string (Latin letters pass through as in `exact`).

    Returns:
        The Arabic key.

    Example:
        >>> arabic("جَيْشُ العِزَّةِ") == arabic("جيش العزه"), arabic("كفر نبل") == arabic("كفرنبل")
        (True, True)
    """
    s = _arabic_spaced(text).replace(" ", "")
    if not s.isascii():
        for _ in range(3):  # joining words can join a letter and a lone mark: NFKC again
            t = exact(s).replace(" ", "")
            if t == s:
                break
            s = t
    return s


# ---------------------------------------------------------------- Latin folding tables

_HAS_DIGIT = re.compile("[0-9]")
_LATIN_EXTRA = re.compile("[^\x00-\x7f\u0600-\u06ff]")  # anything but ASCII and Arabic: accents to fold
_AR_SIMPLE = re.compile("[\u0621-\u063a\u0641-\u064a]+")  # Arabic letters only: nothing for NFKC to do


def _prepare(text: str) -> str:
    """`exact`, Latin accents folded, Arabizi digits inside words, apostrophes dropped."""
    s = exact(text)
    if not s.isascii():
        s = s.translate(DIGITS)
        if _LATIN_EXTRA.search(s):
            s = strip_accents(s)
    if _HAS_DIGIT.search(s):
        s = ARABIZI_RUN.sub(arabizi, s).replace("'", "")
        return ARABIZI_RUN.sub(arabizi, s)  # again: a'2 touches a letter once ' is gone
    return s.replace("'", "")


@lru_cache(maxsize=1 << 14)
def tokens(text: str) -> tuple[Token, ...]:
    """The words of a name with their folded form and skeleton.

    Args:
        text: a name in any script.

    Returns:
        One `Token` per word, articles included (``article=True``).

    Example:
        >>> [t.form for t in tokens("Abdul Qader al-Saleh")]
        ['abdalqadir', 'al', 'salih']
    """
    if text.isascii() and "." not in text and not _HAS_DIGIT.search(text):
        # Latin letters only, no dotted initials, no Arabizi digits: what `_prepare` and the
        # Latin steps below do, with one cached call per word (`latin_word`)
        return latin_tokens([latin_word(w) for w in text.lower().translate(_ASCII_PREPARE).split()])
    prepared = _prepare(text)
    if prepared.isascii():
        return latin_tokens([latin_word(w) for w in prepared.split()])
    raw: list[str] = []
    for w in WORD_RUN.findall(prepared):
        if is_arabic(w[0]):
            t = w.translate(AR_MAP_TAA)
            if _AR_SIMPLE.fullmatch(t):
                raw.append(t)
            else:
                raw.extend(exact(t).split())
        else:
            raw.append(consonants(w))
    if not any(is_arabic(w[0]) for w in raw):
        return latin_tokens([latin_word(w) for w in WORD_RUN.findall(prepared)])
    words: list[str] = []
    for w in glue_arabic(raw):
        while is_arabic(w[0]):
            # (prefixes looked for again after each article, so that what is left of a word
            # reads the same when folded again: folding stays idempotent)
            if w.startswith(_LIL) and len(w) > 4 and w not in AR_GLUE_PREV:
                w = "\u0627" + w[1:]  # li- + al- written لل (للدعوة): the article, li- ignored
            elif w.startswith(_WAL) and len(w) > 5:
                w = w[1:]  # wa- + al- (والجهاد): the article, wa- (and) ignored
            if not (w.startswith(AR_ARTICLE) and len(w) > 3 and w not in AR_NOT_ARTICLE):
                break
            words.append(AR_ARTICLE)
            w = w[2:]
        words.append(w)
    # Arabic text, perhaps with Latin words in it: the article and compounds of each script
    n = len(words)
    folds = [w if is_arabic(w[0]) else fold_word(w) for w in words]
    arts = [False] * n
    glued = False
    for i, w in enumerate(words):
        if is_arabic(w[0]):
            arts[i] = w == AR_ARTICLE
        else:
            arts[i] = is_article(folds[i], folds[i + 1] if i + 1 < n else None)
            glued = glued or may_glue(w, folds[i])
    if glued:
        words, arts = glue(words, arts)
    out: list[Token] = []
    last = len(words) - 1
    for i, w in enumerate(words):
        if arts[i]:
            out.append(_ARTICLE_TOKENS[AR_ARTICLE] if is_arabic(w[0]) else LATIN_ARTICLE)
        elif is_arabic(w[0]):
            out.append(_arabic_token(w, i != last))
        else:
            out.append(latin_token(w))
    return tuple(out)


_ASCII_PREPARE = str.maketrans({c: (" " if c != "'" and c != "`" else None) for c in map(chr, range(128)) if not c.isalnum()})
"""`exact` of ASCII text (punctuation a space) with `_prepare`'s apostrophes dropped."""

_LIL = "\u0644\u0644"  # لل
_WAL = "\u0648\u0627\u0644"  # وال


_ARTICLE_TOKENS: dict[str, Token] = {AR_ARTICLE: Token(AR_ARTICLE, "", article=True)}
@lru_cache(maxsize=1 << 16)
def _arabic_token(w: str, construct: bool) -> Token:
    """The token of one Arabic word; ``construct``: another word follows (ة may be read t)."""
    alt = ""
    if w.endswith(TAA) and construct:
        alt = skeleton_word(w[:-1])
        sk = skeleton_word(w[:-1] + "\u062a")
        cons = cons_word(w[:-1] + "\u062a")
    else:
        sk = skeleton_word(w)
        cons = cons_word(w)
    return Token(w.replace(TAA, "\u0647"), sk, alt if alt != sk else "", cons)


def folded(text: str) -> str:
    """Level 3: romanization-folded words, the article written ``al``.

    Args:
        text: a name in any script (Arabic words get the `arabic` folds).

    Returns:
        Folded words separated by one space.

    Example:
        >>> folded("ad-Dawla al-Islamiyya") == folded("al-Dawlah al-Islamiyah")
        True
    """
    return " ".join(t.form for t in tokens(text))


def skeleton(text: str) -> str:
    """Level 4: consonant classes shared by both scripts, articles dropped.

    Args:
        text: a name in any script.

    Returns:
        One skeleton per word, separated by one space.

    Example:
        >>> skeleton("Hizballah"), skeleton("حزب الله")
        ('ħsbl', 'ħsbl')
    """
    return " ".join(t.skel for t in tokens(text) if t.skel and not t.article)


def script(text: str) -> str:
    """``arabic`` if the text has an Arabic letter, else ``latin`` (the side a key lives on)."""
    return "arabic" if _AR_LETTER.search(text) else "latin"


class Keys(NamedTuple):
    """The compact lookup keys of one name (words joined without spaces, articles left out)."""

    exact: str
    folded: str
    skeleton: str
    skeleton_alt: str


def keys(text: str) -> Keys:
    """The compact lookup keys of a name at the exact, folded/arabic and skeleton levels.

    Args:
        text: a name.

    Returns:
        `Keys`; ``folded`` is the Arabic-folded word sequence for Arabic-script names;
        ``skeleton_alt`` reads glued articles and construct taa marbuta the other way
        ("" when there is no other reading).

    Example:
        >>> keys("Kafranbel").skeleton == keys("Kafr Nabl").skeleton
        True
    """
    toks = [t for t in tokens(text) if not t.article]
    sk = "".join(t.skel for t in toks)
    alt = "".join(t.alt or t.skel for t in toks)
    return Keys(exact(text), "".join(t.form for t in toks), sk, alt if alt != sk else "")
