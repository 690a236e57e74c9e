"""Word-level folding rules of `glossary.names.normalize`, compiled once from ``tables/*.yaml``.

The rules for one word: consonant spellings, the article and its sun-letter forms,
compound names (Abd al-, al-Din, Allah), the per-word folding of vowels and endings, and
the consonant skeleton of one word. `glossary.names.normalize` and `glossary.names.latin`
string them together and state the order (``__all__`` lists what they use); everything
here is pure and memoized per word.

Example:
    >>> fold_word(consonants("sharqiyyah")), skeleton_word("sharqiyyah")
    ('sharqiya', 'xrk')
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import NamedTuple

from .tables import TABLES

__all__ = ["ARABIZI_RUN", "AR_ARTICLE", "AR_GLUE_PREV", "AR_MAP", "AR_MAP_TAA", "AR_NOT_ARTICLE", "DIGITS",
           "GLUED_ARTICLE", "TAA", "WORD_RUN", "arabizi", "compound", "cons_word", "consonants", "expand", "fold_word",
           "glue", "glue_arabic", "is_arabic", "is_article", "may_glue", "skeleton_word", "strip_accents"]

_LAT = TABLES["latin"]
_AR = TABLES["arabic"]
_SK = TABLES["skeleton"]


def expand(entries: list[str]) -> list[str]:
    """Characters of a table list whose entries may be ``a-b`` ranges."""
    out: list[str] = []
    for e in entries:
        if len(e) == 3 and e[1] == "-":
            out.extend(chr(c) for c in range(ord(e[0]), ord(e[2]) + 1))
        else:
            out.append(e)
    return out


_AR_DELETE = frozenset(expand(_AR["delete"]))
_AR_FOLD: dict[str, str] = {
    # a letter of another orthography (ݣ ڵ ې ۀ …, tables/letter_variants.tsv) folds as the letter it is read as
    **{c: "".join(_AR["fold"].get(t, t) for t in target) for c, target in _AR["variants"].items()
       if c not in _AR_DELETE},
    **_AR["fold"],
}
AR_MAP = str.maketrans({**{c: None for c in _AR_DELETE}, **_AR_FOLD})
AR_MAP_TAA = str.maketrans({**{c: None for c in _AR_DELETE}, **{k: v for k, v in _AR_FOLD.items() if k != "\u0629"}})
DIGITS = str.maketrans({**{k: v for k, v in _AR_FOLD.items() if v.isdigit()}, **{c: None for c in _AR_DELETE}})
AR_ARTICLE: str = _AR["article"]
_AR_GLUE_NEXT = frozenset(s.translate(AR_MAP) for s in _AR["glue_next"])
AR_GLUE_PREV = frozenset(s.translate(AR_MAP) for s in _AR["glue_previous"])
AR_NOT_ARTICLE = frozenset(m for s in _AR["not_article"] for m in (s.translate(AR_MAP), s.translate(AR_MAP_TAA)))


def is_arabic(ch: str) -> bool:
    """Whether a character is an Arabic letter or mark (the word is Arabic)."""
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\u08a0" <= ch <= "\u08ff"


_Rules = tuple[tuple[re.Pattern[str], str], ...]
"""One table's rewrite rules, compiled: (pattern, replacement) in order."""


class _Latin(NamedTuple):
    """The Latin rules of tables/latin.yaml and skeleton.yaml, compiled (`_latin`)."""

    consonants: _Rules
    compounds: _Rules
    endings: _Rules
    vowels: _Rules
    final: _Rules
    words: dict[str, str]
    """Folded word -> its replacement (the ``words`` table, its keys folded)."""
    articles: frozenset[str]
    """The article's forms, folded."""
    glue_next: re.Pattern[str]
    glue_previous_raw: re.Pattern[str]
    skeleton_unit: re.Pattern[str]
    """One unit of a Latin skeleton (a letter, or a digraph of `_SK_LATIN`), longest first."""


def _compiled(pairs: list[list[str]]) -> _Rules:
    return tuple((re.compile(p), r) for p, r in pairs)


@cache
def _latin() -> _Latin:
    """The Latin rules, compiled on first use: some 40 patterns and the ``words`` table folded,
    about 1.2 ms of a cold lookup that a name found by its exact key does not need."""
    units = "|".join(re.escape(k) for k in sorted(_SK_LATIN, key=len, reverse=True)) + "|."
    latin = _Latin(consonants=_compiled(_LAT["consonants"]), compounds=_compiled(_LAT["compounds"]),
                   endings=_compiled(_LAT["endings"]), vowels=_compiled(_LAT["vowels"]), final=_compiled(_LAT["final"]),
                   words={}, articles=frozenset(), glue_next=re.compile(_LAT["glue_next_pattern"]),
                   glue_previous_raw=re.compile(_LAT["glue_previous_raw"]), skeleton_unit=re.compile(units, re.DOTALL))
    latin = latin._replace(words={_fold(latin, k): v for k, v in _LAT["words"].items()})
    return latin._replace(articles=frozenset(_fold(latin, a) for a in _LAT["articles"]))


_SUN = tuple(sorted(_LAT["sun_letters"], key=len, reverse=True))
_ART_VOWELS = frozenset(_LAT["article_vowels"])
_GLUE_PREV = frozenset(_LAT["glue_previous"])
_GLUE_PREV_ART = frozenset(_LAT["glue_previous_with_article"])
_LETTERS = str.maketrans(_LAT["letters"])
_ARABIZI = dict(_LAT["arabizi"])
ARABIZI_RUN = re.compile(r"(?<=[a-z])[0-9][0-9']*|[0-9][0-9']*(?=[a-z])")
WORD_RUN = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]+|[^\W\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]+")
_SK_LATIN: dict[str, str] = _SK["latin"]
_SK_ARABIC = str.maketrans({**{c: "" for c in map(chr, range(0x600, 0x700)) if c not in _SK["arabic"]}, **_SK["arabic"]})
_H = "ħ"
# w and y are consonants at the start of a word (Walid, Yusuf, و, ي), vowels elsewhere (Eastern
# and Western must not share a skeleton). See tables/skeleton.yaml.
_INITIAL_LAT: dict[str, str] = dict(_SK.get("initial_latin", {}))
_INITIAL_AR: dict[str, str] = dict(_SK.get("initial_arabic", {}))
TAA = "\u0629"


@cache
def _arabizi_unit() -> re.Pattern[str]:
    """One Arabizi digit sign, longest first (compiled on first use: few names have digits)."""
    return re.compile("|".join(re.escape(k) for k in sorted(_ARABIZI, key=len, reverse=True)))


def arabizi(m: re.Match[str]) -> str:
    return _arabizi_unit().sub(lambda u: _ARABIZI[u.group(0)], m.group(0))


def strip_accents(s: str) -> str:
    """Letters with a meaning first (ḏ -> dh), then other accents (NFD), then unidecode."""
    s = s.translate(_LETTERS)
    if s.isascii():
        return s
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c) or is_arabic(c))
    if s.isascii():
        return s
    out = []
    for c in s:
        if c.isascii() or is_arabic(c) or c == _H or not c.isalpha() or "LATIN" not in unicodedata.name(c, ""):
            out.append(c)
        else:
            # unidecode folds other European Latin letters (after NFKC, never Arabic: DESIGN.md 5)
            from unidecode import unidecode

            out.append("".join(x for x in unidecode(c).lower() if x.isalnum()))
    return unicodedata.normalize("NFC", "".join(out))


def _apply(rules: tuple[tuple[re.Pattern[str], str], ...], tok: str) -> str:
    """Apply one table's rewrite rules in order."""
    for pat, rep in rules:
        tok = pat.sub(rep, tok)
    return tok


@lru_cache(maxsize=1 << 16)
def consonants(tok: str) -> str:
    """The consonant spellings of a word (dj -> j, ch -> sh)."""
    return _apply(_latin().consonants, tok)


@lru_cache(maxsize=1 << 16)
def fold_word(tok: str) -> str:
    """Per-word Latin folding, repeated to a fixed point."""
    return _fold(_latin(), tok)


def _fold(latin: _Latin, tok: str) -> str:
    """`fold_word` with these rules (while `_latin` folds the tables' own words, without theirs)."""
    for _ in range(6):
        t = tok
        for group in (latin.consonants, latin.compounds, latin.endings, latin.vowels, latin.final):
            t = _apply(group, t)
        t = latin.words.get(t, t)
        if t == tok:
            break
        tok = t
    return tok


@lru_cache(maxsize=1 << 16)
def compound(tok: str) -> str:
    """The compound spellings of a word (Abdulkadir -> abdalkadir), before vowel folds."""
    return _apply(_latin().compounds, tok)


_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 16)
def skeleton_word(tok: str) -> str:
    """Consonant classes of one word (Latin or Arabic), runs collapsed, final h dropped."""
    if tok and is_arabic(tok[0]):
        s = _INITIAL_AR.get(tok[0], "") + tok.replace(TAA, "").translate(_SK_ARABIC)
    else:
        if tok.isdigit():
            return tok  # a number in a name (Branch 216); digits inside words are dropped
        tok = _DOUBLED.sub(r"\1", tok)  # a letter written twice before a digraph (Hissham: s, sh)
        s = _INITIAL_LAT.get(tok[:1], "") + "".join(_SK_LATIN.get(u, "") for u in _latin().skeleton_unit.findall(tok))
    s = _DOUBLED.sub(r"\1", s.replace("mb", "nb"))  # Latin folds mb to nb: so must the skeleton
    return s[:-1] if s.endswith(_H) and len(s) > 1 else s  # (a lone h stays: Hawa, هوى)


@lru_cache(maxsize=1 << 16)
def cons_word(tok: str) -> str:
    """Consonant classes of one word, doubled letters single, vowels dropped without merging."""
    if tok.isdigit():
        return tok
    tok = _DOUBLED.sub(r"\1", tok)
    if is_arabic(tok[0]):
        s = _INITIAL_AR.get(tok[0], "") + tok.replace(TAA, "").translate(_SK_ARABIC)
    else:
        s = _INITIAL_LAT.get(tok[:1], "") + "".join(_SK_LATIN.get(u, "") for u in _latin().skeleton_unit.findall(tok))
    s = s.replace("mb", "nb")
    return s[:-1] if s.endswith(_H) and len(s) > 1 else s


def is_article(tok: str, nxt: str | None) -> bool:
    """Whether a folded word is the article (al, el; ash before sh, ez before z ...)."""
    if tok in _latin().articles:
        return True
    if nxt and len(tok) >= 2 and tok[0] in _ART_VOWELS:
        cons = tok[1:]
        return cons in _SUN and nxt.startswith(cons) and len(nxt) > len(cons)
    return False


def glue_arabic(words: list[str]) -> list[str]:
    """Join Arabic compound names: عبد + next word, previous word + الله / الدين."""
    out: list[str] = []
    for w in words:
        if out and is_arabic(w[0]) and is_arabic(out[-1][0]) and (out[-1] in _AR_GLUE_NEXT or w in AR_GLUE_PREV):
            out[-1] += w
            continue
        out.append(w)
    return out


def may_glue(w: str, f: str) -> bool:
    """Whether a Latin word (consonant form ``w``, folded ``f``) can join a neighbour (`glue`)."""
    latin = _latin()
    return bool(latin.glue_next.match(f) or latin.glue_previous_raw.match(w) or f in _GLUE_PREV or f in _GLUE_PREV_ART)


def glue(words: list[str], arts: list[bool]) -> tuple[list[str], list[bool]]:
    """Join Latin compound names: Abd + next word, previous word + Allah / al-Din."""
    rules = _latin()
    out: list[str] = []
    oarts: list[bool] = []
    i = 0
    n = len(words)
    while i < n:
        w = words[i]
        latin = not is_arabic(w[0])
        f = fold_word(w) if latin else w
        if latin and not arts[i] and i + 1 < n and rules.glue_next.match(f):
            j = i + 1
            while j < n and arts[j]:
                j += 1
            if j < n and words[j][0].isalpha() and not is_arabic(words[j][0]):
                out.append(("abdal" if (f != "abd" or j > i + 1) else "abd") + words[j])
                oarts.append(False)
                i = j + 1
                continue
        prev_ok = bool(out) and not oarts[-1] and out[-1].isalpha() and not is_arabic(out[-1][0])
        if latin and prev_ok and not arts[i] and (rules.glue_previous_raw.match(w) or f in _GLUE_PREV):
            out[-1] += w
            i += 1
            continue
        if latin and prev_ok and arts[i] and i + 1 < n and fold_word(words[i + 1]) in _GLUE_PREV_ART:
            out[-1] += "al" + words[i + 1]
            i += 2
            continue
        out.append(w)
        oarts.append(arts[i])
        i += 1
    return out, oarts


GLUED_ARTICLE = re.compile(r"^[aeiu]l(?=.{3})")


