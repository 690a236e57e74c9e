"""The Latin words' path of `glossary.names.normalize.tokens`: each word's folded form, skeleton
and other reading, and across words the article, compounds and case endings.

Example:
    >>> [t.form for t in latin_tokens([latin_word(w) for w in "abdul qader al saleh".split()])]
    ['abdalqadir', 'al', 'salih']
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .fold import (
    GLUED_ARTICLE,
    compound,
    cons_word,
    consonants,
    fold_word,
    glue,
    is_article,
    may_glue,
    skeleton_word,
)
from .token import Token


class LatinWord(NamedTuple):
    """What `tokens` needs of one prepared Latin word (`latin_word`)."""

    spelling: str
    """Its consonant spelling (dj -> j, ch -> sh)."""
    form: str
    """Its folded form."""
    may_glue: bool
    """Whether it may glue to a neighbour (a compound: Abd al-, al-Din)."""
    token: Token | None
    """Its token (None when the word has no letters left to make one)."""
    other: str
    """The consonant spelling of its other reading ("" when it has none)."""


@lru_cache(maxsize=1 << 16)
def latin_word(w: str) -> LatinWord:
    """What `tokens` needs of one prepared Latin word (see `LatinWord`)."""
    c = consonants(w)
    f = fold_word(c)
    other = _other_reading(w, c)
    tok = latin_token(c) if c else None
    if tok is not None and other:
        tok = _with_other(tok, other)
    return LatinWord(c, f, may_glue(c, f), tok, other)


def _other_reading(w: str, c: str) -> str:
    """The consonant spelling of a word read the other way its letters allow, else "": ch is
    French sh (Bachar) but Dutch and Indonesian kh or h (Mochammad, Achmad, Rachim); sy between
    vowels is Indonesian sh (Ba'asyir) or s and y (Masyaf, مصياف)."""
    if "ch" in w and not _CH_NOT_KH.search(w):
        return consonants(w.replace("ch", "h"))
    if "sy" in w and "sh" in c:
        return consonants(w.replace("sy", "siy"))
    return ""


def _with_other(tok: Token, other: str) -> Token:
    """``tok`` with the other reading's skeleton as its ``alt`` (unless it has one already)."""
    if tok.alt:
        return tok
    alt = skeleton_word(compound(other))
    return tok._replace(alt=alt) if alt != tok.skel else tok


_CH_NOT_KH = re.compile(r"[st]ch")
"""German sch and French tch, whose ch is no kh."""


def latin_tokens(infos: list[LatinWord]) -> tuple[Token, ...]:
    """The tokens of Latin words from `latin_word`: articles found, compounds glued (a compound
    of a word with another reading has it too: Abdul Rachim)."""
    if not infos:
        return ()
    n = len(infos)
    arts = [is_article(x.form, infos[i + 1].form if i + 1 < n else None) for i, x in enumerate(infos)]
    if any(x.may_glue for x in infos):
        words, oarts = glue([x.spelling for x in infos], arts)
        others: list[str] = []
        if any(x.other for x in infos):
            others, other_arts = glue([x.other or x.spelling for x in infos], arts)
            if other_arts != oarts:
                others = []  # read the other way, the words glue otherwise: no other reading
        toks = []
        for i, w in enumerate(words):
            if oarts[i]:
                toks.append(LATIN_ARTICLE)
                continue
            tok = latin_token(w)
            toks.append(_with_other(tok, others[i]) if others and others[i] != w else tok)
        return _liaisons(toks)
    return _liaisons([LATIN_ARTICLE if a else (x.token or latin_token(x.spelling)) for x, a in zip(infos, arts)])


_LIAISON = re.compile(r"(.+?)([ui])(sh|th|dh|[ltdrzsn])")
"""A folded word ending in a case vowel and the next word's article, as names read aloud with
their case endings write it: Ansarul Islam, Ansaril Muslimin (anṣāru l-, anṣāri l-), Ahlus
Sunna, Hizbut Tahrir, Biladis Sudan (the article's l assimilated to a sun letter)."""


_NAME_ENDINGS = frozenset("rdn")
"""Consonants after i that end far more names (Qadir, Khalid, Husayn) than they spell an article."""


def _liaisons(toks: list[Token]) -> tuple[Token, ...]:
    """``toks`` with the other reading of each word that may end in a case vowel and the next
    word's article: the stem's skeleton as ``alt`` (Ansarul ~ Ansar, Biladis ~ Bilad). Only an
    other reading, since the letters are as often the word's own (Rasul, Jibril, Khalid): -u
    needs a stem of two consonants (Ahlul, Ahlus), the commoner -i three (Biladis, not Khalil)
    and no -ir, -id, -in; a compound (Abd al-Jalil) has no case ending before its last part."""
    for i in range(len(toks) - 1):
        tok, nxt = toks[i], toks[i + 1]
        if tok.alt or nxt.article:
            continue
        m = _LIAISON.fullmatch(tok.form)
        if m is None or m[3] != "l" and not nxt.form.startswith(m[3]) or tok.form.startswith("abd"):
            continue  # the l of the article before a moon letter; a sun letter doubled; no compound
        if m[2] == "i" and m[3] in _NAME_ENDINGS:
            continue  # Abd al-Qadir Rafiq, Khalid Dawud: a name's own ending
        stem = skeleton_word(m[1])
        if len(stem) >= (2 if m[2] == "u" else 3) and stem != tok.skel:
            toks[i] = tok._replace(alt=stem)
    return tuple(toks)


LATIN_ARTICLE = Token("al", "", article=True)

_LOOSE_E = re.compile(r"(?<!e)e(?![eiy])")
"""A vowel written e (not ee, long i, nor ei/ey, the diphthong ay): `Token.loose`."""


@lru_cache(maxsize=1 << 16)
def latin_token(w: str) -> Token:
    """The token of one Latin word (consonant spellings already folded)."""
    c = compound(w)
    sk = skeleton_word(c)
    alt = skeleton_word(c[2:]) if GLUED_ARTICLE.match(c) else ""
    return Token(fold_word(w), sk, alt if alt != sk else "", cons_word(c), loose=_LOOSE_E.search(c) is not None)

