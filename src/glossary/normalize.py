"""Name keys at four levels, from strict to loose (DESIGN.md section 3).

Pure, total and idempotent string functions: no glossary, no exception on any ``str``
(empty, marks only, bidi controls, lone surrogates, a megabyte), and ``f(f(x)) == f(x)``.
The folding rules are data (``tables/*.yaml``, compiled into ``glossary._tables``).

Step order:

1. `exact`: delete invisible characters (bidi controls, zero widths, tatweel, lone
   surrogates) -> NFKC (presentation forms become letters) -> casefold -> NFKC ->
   every apostrophe, ʿayn and hamza mark becomes ``'``; other punctuation, symbols
   and hyphens become a space -> spaces collapsed.
2. `arabic`: `exact` -> harakat and Quranic marks deleted -> alef forms, ة/ه, ى/ي,
   Persian and Urdu letters, hamza seats folded -> spaces removed (كفر نبل = كفرنبل).
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

from glossary._tables import TABLES, TABLES_HASH

__all__ = ["TABLES_HASH", "Keys", "Token", "arabic", "arabic_key", "exact", "folded", "keys", "script", "skeleton", "tokens"]

_LAT = TABLES["latin"]
_AR = TABLES["arabic"]
_SK = TABLES["skeleton"]


def _expand(entries: list[str]) -> list[str]:
    """Characters of a table list whose entries may be ``a-b`` ranges."""
    out: list[str] = []
    for e in entries:
        if len(e) == 3 and e[1] == "-":
            out.extend(chr(c) for c in range(ord(e[0]), ord(e[2]) + 1))
        else:
            out.append(e)
    return out


_INVISIBLE = frozenset(_expand(_LAT["invisible"]))
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
        return " "
    return ch


_EXACT_MAP = _CharMap(_exact_rule)
_ASCII_PUNCT = str.maketrans({c: (" " if c != "'" and c != "`" else "'") for c in map(chr, range(128)) if not c.isalnum()})

_AR_DELETE = frozenset(_expand(_AR["delete"]))
_AR_FOLD: dict[str, str] = _AR["fold"]
_AR_MAP = str.maketrans({**{c: None for c in _AR_DELETE}, **_AR_FOLD})
_AR_MAP_TAA = str.maketrans({**{c: None for c in _AR_DELETE}, **{k: v for k, v in _AR_FOLD.items() if k != "\u0629"}})
_DIGITS = str.maketrans({**{k: v for k, v in _AR_FOLD.items() if v.isdigit()}, **{c: None for c in _AR_DELETE}})
_AR_ARTICLE: str = _AR["article"]
_AR_GLUE_NEXT = frozenset(s.translate(_AR_MAP) for s in _AR["glue_next"])
_AR_GLUE_PREV = frozenset(s.translate(_AR_MAP) for s in _AR["glue_previous"])
_AR_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\u08a0" <= ch <= "\u08ff"


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
        t = exact(s.translate(_AR_MAP))
        if t == s:
            break
        s = t
    return s


def arabic_key(text: str) -> str:
    """Same as `arabic` (the name `glossary.core` uses)."""
    return arabic(text)


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

def _rules(pairs: list[list[str]]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p), r) for p, r in pairs)


_CONSONANTS = _rules(_LAT["consonants"])
_COMPOUNDS = _rules(_LAT["compounds"])
_ENDINGS = _rules(_LAT["endings"])
_VOWELS = _rules(_LAT["vowels"])
_FINAL = _rules(_LAT["final"])
_ARTICLES_RAW: list[str] = _LAT["articles"]
_SUN = tuple(sorted(_LAT["sun_letters"], key=len, reverse=True))
_ART_VOWELS = frozenset(_LAT["article_vowels"])
_GLUE_NEXT = re.compile(_LAT["glue_next_pattern"])
_GLUE_PREV_RAW = re.compile(_LAT["glue_previous_raw"])
_GLUE_PREV = frozenset(_LAT["glue_previous"])
_GLUE_PREV_ART = frozenset(_LAT["glue_previous_with_article"])
_LETTERS = str.maketrans(_LAT["letters"])
_ARABIZI = dict(_LAT["arabizi"])
_ARABIZI_RUN = re.compile(r"(?<=[a-z])[0-9][0-9']*|[0-9][0-9']*(?=[a-z])")
_ARABIZI_UNIT = re.compile("|".join(re.escape(k) for k in sorted(_ARABIZI, key=len, reverse=True)))
_TOKEN = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]+|[^\W\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]+")
_SK_LATIN: dict[str, str] = _SK["latin"]
_SK_UNIT = re.compile("|".join(re.escape(k) for k in sorted(_SK_LATIN, key=len, reverse=True)) + "|.", re.DOTALL)
_SK_ARABIC = str.maketrans({**{c: "" for c in map(chr, range(0x600, 0x700)) if c not in _SK["arabic"]}, **_SK["arabic"]})
_H = "ħ"
# w and y are consonants at the start of a word (Walid, Yusuf, و, ي), vowels elsewhere (Eastern
# and Western must not share a skeleton). See tables/skeleton.yaml.
_INITIAL_LAT: dict[str, str] = dict(_SK.get("initial_latin", {}))
_INITIAL_AR: dict[str, str] = dict(_SK.get("initial_arabic", {}))
_TAA = "\u0629"


def _arabizi(m: re.Match[str]) -> str:
    return _ARABIZI_UNIT.sub(lambda u: _ARABIZI[u.group(0)], m.group(0))


def _strip_accents(s: str) -> str:
    """Letters with a meaning first (ḏ -> dh), then other accents (NFD), then unidecode."""
    s = s.translate(_LETTERS)
    if s.isascii():
        return s
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c) or _is_arabic(c))
    if s.isascii():
        return s
    out = []
    for c in s:
        if c.isascii() or _is_arabic(c) or c == _H or not c.isalpha() or "LATIN" not in unicodedata.name(c, ""):
            out.append(c)
        else:
            # unidecode folds other European Latin letters (after NFKC, never Arabic: DESIGN.md 5)
            from unidecode import unidecode

            out.append("".join(x for x in unidecode(c).lower() if x.isalnum()))
    return unicodedata.normalize("NFC", "".join(out))


_HAS_DIGIT = re.compile("[0-9]")
_LATIN_EXTRA = re.compile("[^\x00-\x7f\u0600-\u06ff]")  # anything but ASCII and Arabic: accents to fold
_AR_SIMPLE = re.compile("[\u0621-\u063a\u0641-\u064a]+")  # Arabic letters only: nothing for NFKC to do


def _prepare(text: str) -> str:
    """`exact`, Latin accents folded, Arabizi digits inside words, apostrophes dropped."""
    s = exact(text)
    if not s.isascii():
        s = s.translate(_DIGITS)
        if _LATIN_EXTRA.search(s):
            s = _strip_accents(s)
    if _HAS_DIGIT.search(s):
        s = _ARABIZI_RUN.sub(_arabizi, s).replace("'", "")
        return _ARABIZI_RUN.sub(_arabizi, s)  # again: a'2 touches a letter once ' is gone
    return s.replace("'", "")


@lru_cache(maxsize=1 << 16)
def _consonants(tok: str) -> str:
    for pat, rep in _CONSONANTS:
        tok = pat.sub(rep, tok)
    return tok


@lru_cache(maxsize=1 << 16)
def _fold_word(tok: str) -> str:
    """Per-word Latin folding, repeated to a fixed point."""
    for _ in range(6):
        t = tok
        for group in (_CONSONANTS, _COMPOUNDS, _ENDINGS, _VOWELS, _FINAL):
            for pat, rep in group:
                t = pat.sub(rep, t)
        t = _WORDS.get(t, t)
        if t == tok:
            break
        tok = t
    return tok


_WORDS: dict[str, str] = {}
_WORDS.update({_fold_word(k): v for k, v in _LAT["words"].items()})
_ARTICLES = frozenset(_fold_word(a) for a in _ARTICLES_RAW)
_fold_word.cache_clear()


@lru_cache(maxsize=1 << 16)
def _compound(tok: str) -> str:
    """The compound spellings of a word (Abdulkadir -> abdalkadir), before vowel folds."""
    for pat, rep in _COMPOUNDS:
        tok = pat.sub(rep, tok)
    return tok


@lru_cache(maxsize=1 << 16)
def _skeleton_word(tok: str) -> str:
    """Consonant classes of one word (Latin or Arabic), runs collapsed, final h dropped."""
    if tok and _is_arabic(tok[0]):
        s = _INITIAL_AR.get(tok[0], "") + tok.replace(_TAA, "").translate(_SK_ARABIC)
    else:
        if tok.isdigit():
            return tok  # a number in a name (Branch 216); digits inside words are dropped
        s = _INITIAL_LAT.get(tok[:1], "") + "".join(_SK_LATIN.get(u, "") for u in _SK_UNIT.findall(tok))
    s = re.sub(r"(.)\1+", r"\1", s.replace("mb", "nb"))  # Latin folds mb to nb: so must the skeleton
    return s[:-1] if s.endswith(_H) else s


@lru_cache(maxsize=1 << 16)
def _cons_word(tok: str) -> str:
    """Consonant classes of one word, doubled letters single, vowels dropped without merging."""
    if tok.isdigit():
        return tok
    tok = re.sub(r"(.)\1+", r"\1", tok)
    if _is_arabic(tok[0]):
        s = _INITIAL_AR.get(tok[0], "") + tok.replace(_TAA, "").translate(_SK_ARABIC)
    else:
        s = _INITIAL_LAT.get(tok[:1], "") + "".join(_SK_LATIN.get(u, "") for u in _SK_UNIT.findall(tok))
    s = s.replace("mb", "nb")
    return s[:-1] if s.endswith(_H) else s


class Token(NamedTuple):
    """One word of a name: folded form, skeleton, whether it is the article, alternative skeleton.

    ``alt`` is the skeleton the word would have read another way (an article glued to
    the word, Alwasl ~ al-Wasl; a construct taa marbuta left unpronounced), else "".
    ``cons`` is the consonant-class sequence without merging across vowels (Hamam has
    three consonants, حماة two), for the scorer; it is not a key level.
    """

    form: str
    skel: str
    article: bool
    alt: str
    cons: str


def _is_article(tok: str, nxt: str | None) -> bool:
    """Whether a folded word is the article (al, el; ash before sh, ez before z ...)."""
    if tok in _ARTICLES:
        return True
    if nxt and len(tok) >= 2 and tok[0] in _ART_VOWELS:
        cons = tok[1:]
        return cons in _SUN and nxt.startswith(cons) and len(nxt) > len(cons)
    return False


def _glue_arabic(words: list[str]) -> list[str]:
    """Join Arabic compound names: عبد + next word, previous word + الله / الدين."""
    out: list[str] = []
    for w in words:
        if out and _is_arabic(w[0]) and _is_arabic(out[-1][0]):
            if out[-1] in _AR_GLUE_NEXT or w in _AR_GLUE_PREV:
                out[-1] += w
                continue
        out.append(w)
    return out


def _may_glue(w: str, f: str) -> bool:
    """Whether a Latin word (consonant form ``w``, folded ``f``) can join a neighbour (`_glue`)."""
    return bool(_GLUE_NEXT.match(f) or _GLUE_PREV_RAW.match(w) or f in _GLUE_PREV or f in _GLUE_PREV_ART)


def _glue(words: list[str], arts: list[bool]) -> tuple[list[str], list[bool]]:
    """Join Latin compound names: Abd + next word, previous word + Allah / al-Din."""
    out: list[str] = []
    oarts: list[bool] = []
    i = 0
    n = len(words)
    while i < n:
        w = words[i]
        latin = not _is_arabic(w[0])
        f = _fold_word(w) if latin else w
        if latin and not arts[i] and i + 1 < n and _GLUE_NEXT.match(f):
            j = i + 1
            while j < n and arts[j]:
                j += 1
            if j < n and not _is_arabic(words[j][0]):
                out.append(("abdal" if (f != "abd" or j > i + 1) else "abd") + words[j])
                oarts.append(False)
                i = j + 1
                continue
        prev_ok = bool(out) and not oarts[-1] and out[-1].isalpha() and not _is_arabic(out[-1][0])
        if latin and prev_ok and not arts[i] and (_GLUE_PREV_RAW.match(w) or f in _GLUE_PREV):
            out[-1] += w
            i += 1
            continue
        if latin and prev_ok and arts[i] and i + 1 < n and _fold_word(words[i + 1]) in _GLUE_PREV_ART:
            out[-1] += "al" + words[i + 1]
            i += 2
            continue
        out.append(w)
        oarts.append(arts[i])
        i += 1
    return out, oarts


_GLUED_ARTICLE = re.compile(r"^[aeiu]l(?=.{3})")


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
    prepared = _prepare(text)
    if prepared.isascii():
        raw = [_consonants(w) for w in prepared.split()]
        arabic_text = False
    else:
        raw = []
        for w in _TOKEN.findall(prepared):
            if _is_arabic(w[0]):
                t = w.translate(_AR_MAP_TAA)
                if _AR_SIMPLE.fullmatch(t):
                    raw.append(t)
                else:
                    raw.extend(exact(t).split())
            else:
                raw.append(_consonants(w))
        arabic_text = any(_is_arabic(w[0]) for w in raw)
    if arabic_text:
        words: list[str] = []
        for w in _glue_arabic(raw):
            while _is_arabic(w[0]) and w.startswith(_AR_ARTICLE) and len(w) > 3:
                words.append(_AR_ARTICLE)
                w = w[2:]
            words.append(w)
    else:
        words = raw
    if not words:
        return ()
    n = len(words)
    if arabic_text:
        folds = [w if _is_arabic(w[0]) else _fold_word(w) for w in words]
    else:
        folds = [_fold_word(w) for w in words]
    arts = [False] * n
    glue = False
    for i, w in enumerate(words):
        if arabic_text and _is_arabic(w[0]):
            arts[i] = w == _AR_ARTICLE
        else:
            arts[i] = _is_article(folds[i], folds[i + 1] if i + 1 < n else None)
            glue = glue or _may_glue(w, folds[i])
    if glue:
        words, arts = _glue(words, arts)
    out: list[Token] = []
    last = len(words) - 1
    for i, w in enumerate(words):
        if arts[i]:
            out.append(_ARTICLE_TOKENS[_AR_ARTICLE] if arabic_text and _is_arabic(w[0]) else _LATIN_ARTICLE)
        elif arabic_text and _is_arabic(w[0]):
            out.append(_arabic_token(w, i != last))
        else:
            out.append(_latin_token(w))
    return tuple(out)


_ARTICLE_TOKENS: dict[str, Token] = {_AR_ARTICLE: Token(_AR_ARTICLE, "", True, "", "")}
_LATIN_ARTICLE = Token("al", "", True, "", "")


@lru_cache(maxsize=1 << 16)
def _latin_token(w: str) -> Token:
    """The token of one Latin word (consonant spellings already folded)."""
    c = _compound(w)
    sk = _skeleton_word(c)
    alt = _skeleton_word(c[2:]) if _GLUED_ARTICLE.match(c) else ""
    return Token(_fold_word(w), sk, False, alt if alt != sk else "", _cons_word(c))


@lru_cache(maxsize=1 << 16)
def _arabic_token(w: str, construct: bool) -> Token:
    """The token of one Arabic word; ``construct``: another word follows (ة may be read t)."""
    alt = ""
    if w.endswith(_TAA) and construct:
        alt = _skeleton_word(w[:-1])
        sk = _skeleton_word(w[:-1] + "\u062a")
        cons = _cons_word(w[:-1] + "\u062a")
    else:
        sk = _skeleton_word(w)
        cons = _cons_word(w)
    return Token(w.replace(_TAA, "\u0647"), sk, False, alt if alt != sk else "", cons)


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
