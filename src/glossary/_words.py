"""One word of a name as the keys and the scorer see it (`Token`), and the Latin words' path
of `glossary.normalize.tokens`: each word's folded form, skeleton and other reading, and
across words the article, compounds and case endings.

Example:
    >>> [t.form for t in _latin_tokens([_latin_word(w) for w in "abdul qader al saleh".split()])]
    ['abdalqadir', 'al', 'salih']
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from glossary._fold import (
    _GLUED_ARTICLE,
    _compound,
    _cons_word,
    _consonants,
    _fold_word,
    _glue,
    _is_article,
    _may_glue,
    _skeleton_word,
)


class Token(NamedTuple):
    """One word of a name: folded form, skeleton, whether it is the article, alternative skeleton.

    ``alt`` is the skeleton the word would have read another way (an article glued to
    the word, Alwasl ~ al-Wasl; a construct taa marbuta left unpronounced), else "".
    ``cons`` is the consonant-class sequence without merging across vowels (Hamam has
    three consonants, حماة two), for the scorer; it is not a key level.
    ``loose`` is true when a Latin word writes a vowel e, which stands for a as often as
    for i (Jamel is Jamal, Hamed is Hamid): its a and i are not told apart.
    """

    form: str
    skel: str
    article: bool
    alt: str
    cons: str
    loose: bool = False


_LatinWord = tuple[str, str, bool, "Token | None", str]


@lru_cache(maxsize=1 << 16)
def _latin_word(w: str) -> _LatinWord:
    """What `tokens` needs of one prepared Latin word: its consonant spelling, folded form,
    whether it may glue to a neighbour, its token (None when the word has no letters left to
    make one), and the consonant spelling of its other reading ("" when it has none)."""
    c = _consonants(w)
    f = _fold_word(c)
    other = _other_reading(w, c)
    tok = _latin_token(c) if c else None
    if tok is not None and other:
        tok = _with_other(tok, other)
    return c, f, _may_glue(c, f), tok, other


def _other_reading(w: str, c: str) -> str:
    """The consonant spelling of a word read the other way its letters allow, else "": ch is
    French sh (Bachar) but Dutch and Indonesian kh or h (Mochammad, Achmad, Rachim); sy between
    vowels is Indonesian sh (Ba'asyir) or s and y (Masyaf, مصياف)."""
    if "ch" in w and not _CH_NOT_KH.search(w):
        return _consonants(w.replace("ch", "h"))
    if "sy" in w and "sh" in c:
        return _consonants(w.replace("sy", "siy"))
    return ""


def _with_other(tok: Token, other: str) -> Token:
    """``tok`` with the other reading's skeleton as its ``alt`` (unless it has one already)."""
    if tok.alt:
        return tok
    alt = _skeleton_word(_compound(other))
    return tok._replace(alt=alt) if alt != tok.skel else tok


_CH_NOT_KH = re.compile(r"[st]ch")
"""German sch and French tch, whose ch is no kh."""


def _latin_tokens(infos: list[_LatinWord]) -> tuple[Token, ...]:
    """The tokens of Latin words from `_latin_word`: articles found, compounds glued (a compound
    of a word with another reading has it too: Abdul Rachim)."""
    if not infos:
        return ()
    n = len(infos)
    arts = [_is_article(x[1], infos[i + 1][1] if i + 1 < n else None) for i, x in enumerate(infos)]
    if any(x[2] for x in infos):
        words, oarts = _glue([x[0] for x in infos], arts)
        others: list[str] = []
        if any(x[4] for x in infos):
            others, other_arts = _glue([x[4] or x[0] for x in infos], arts)
            if other_arts != oarts:
                others = []  # read the other way, the words glue otherwise: no other reading
        toks = []
        for i, w in enumerate(words):
            if oarts[i]:
                toks.append(_LATIN_ARTICLE)
                continue
            tok = _latin_token(w)
            toks.append(_with_other(tok, others[i]) if others and others[i] != w else tok)
        return _liaisons(toks)
    return _liaisons([_LATIN_ARTICLE if a else (x[3] or _latin_token(x[0])) for x, a in zip(infos, arts)])


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
        stem = _skeleton_word(m[1])
        if len(stem) >= (2 if m[2] == "u" else 3) and stem != tok.skel:
            toks[i] = tok._replace(alt=stem)
    return tuple(toks)


_LATIN_ARTICLE = Token("al", "", True, "", "")

_LOOSE_E = re.compile(r"(?<!e)e(?![eiy])")
"""A vowel written e (not ee, long i, nor ei/ey, the diphthong ay): `Token.loose`."""


@lru_cache(maxsize=1 << 16)
def _latin_token(w: str) -> Token:
    """The token of one Latin word (consonant spellings already folded)."""
    c = _compound(w)
    sk = _skeleton_word(c)
    alt = _skeleton_word(c[2:]) if _GLUED_ARTICLE.match(c) else ""
    return Token(_fold_word(w), sk, False, alt if alt != sk else "", _cons_word(c), _LOOSE_E.search(c) is not None)

