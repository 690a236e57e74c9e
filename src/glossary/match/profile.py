"""The scorer's view of a name: its significant words (folded form, skeleton, other reading,
consonants) and its script, and the one-string form the index keeps of it.

Example:
    >>> [w.form for w in profile("Abdul Qader al-Saleh").words]
    ['abdalqadir', 'salih']
    >>> decode(encode(profile("Kafr Nabl (Idlib)"))) == profile("Kafr Nabl (Idlib)")
    True
"""

from __future__ import annotations

import re
from functools import lru_cache, partial
from itertools import repeat
from typing import NamedTuple

from glossary.names import script, tokens


class Word(NamedTuple):
    """One significant word of a name, as the scorer sees it (``opt``: "1" when it was in
    parentheses, a qualifier or abbreviation that may be left out: Kafr Nabl (Idlib);
    ``loose``: "1" when a Latin word writes a vowel e, for a or for i: see `Token`)."""

    form: str
    skel: str
    alt: str
    cons: str
    opt: str = ""
    loose: str = ""


class Profile(NamedTuple):
    """A name cut into words, with its script (``arabic`` or ``latin``)."""

    script: str
    words: tuple[Word, ...]


def profile(text: str) -> Profile:
    """The scorer's view of a name: its significant words and its script.

    Example:
        >>> [w.form for w in profile("Abdul Qader al-Saleh").words]
        ['abdalqadir', 'salih']
    """
    main = main_part(text)
    words = [Word(t.form, t.skel, t.alt, t.cons, "", "1" if t.loose else "") for t in tokens(main) if not t.article]
    if main is not text:
        for part in parenthesized(text):
            words.extend(Word(t.form, t.skel, t.alt, t.cons, "1", "1" if t.loose else "")
                         for t in tokens(part) if not t.article)
    return Profile(script(text), tuple(words))


_PARENS = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*")


def main_part(text: str) -> str:
    """A name without its parenthesized parts, if any is left (the same object when it has none).

    Example:
        >>> main_part("ISLAMIC JIHAD UNION (IJU)")
        'ISLAMIC JIHAD UNION'
    """
    if "(" not in text and "[" not in text:
        return text
    main = _PARENS.sub(" ", text).strip()
    return main if any(c.isalpha() for c in main) else text


def parenthesized(text: str) -> list[str]:
    """The parenthesized parts of a name: qualifiers and abbreviations (Idlib, ETIM, JAK-A)."""
    if "(" not in text and "[" not in text:
        return []
    return [m.strip(" ()[]") for m in _PARENS.findall(text) if m.strip(" ()[]")]


_SEP_WORD = "\x1e"
_SEP_FIELD = "\x1f"
WORD, FIELD = _SEP_WORD, _SEP_FIELD
"""What `encode` writes between words, and between a word's fields (form, skel, alt, cons, opt, loose)."""


def encode(p: Profile) -> str:
    """A profile as one string (for the index and its cache)."""
    return ("a" if p.script == "arabic" else "l") + _SEP_WORD.join(_SEP_FIELD.join(w) for w in p.words)


@lru_cache(maxsize=1 << 15)
def decode(s: str) -> Profile:
    """The profile `encode` wrote."""
    if len(s) <= 1:
        words: tuple[Word, ...] = ()
    else:
        parts = s[1:].split(_SEP_WORD)
        if s.count(_SEP_FIELD) == (len(Word._fields) - 1) * len(parts):  # every field written: build in C
            words = tuple(map(_new_word, map(str.split, parts, repeat(_SEP_FIELD, len(parts)))))
        else:
            words = tuple(Word(*w.split(_SEP_FIELD)) for w in parts)
    return Profile("arabic" if s[:1] == "a" else "latin", words)


_new_word = partial(tuple.__new__, Word)


def other_script_names(query: str) -> list[str]:
    """The main part and the parenthesized names of a query that writes them in two scripts
    (split at ``;``), else nothing.

    Example:
        >>> other_script_names("Kafr Nabl (كفر نبل)")
        ['Kafr Nabl', 'كفر نبل']
    """
    parts = parenthesized(query)
    if not parts:
        return []
    main = main_part(query)
    if main is query:
        return []
    scripts = {script(main)} | {script(p) for p in parts}
    if len(scripts) < 2:
        return []
    return [main.strip()] + [n.strip() for p in parts for n in p.split(";") if n.strip()]


def same_letters(q: Profile, prof: str, qfolded: str) -> bool:
    """Whether an encoded profile has the query's folded letters (``qfolded``: its words' forms
    joined), parenthesized words included (Kafr Nabl (Idlib) is not Kafr Nabl (Hama), though
    both are Kafr Nabl)."""
    p = decode(prof)
    if "".join(w.form for w in p.words) == qfolded:
        return True
    # an Arabic article glued inside a word (ديرالزور) keeps the words apart: compare unspaced
    return q.script == "arabic" and p.script == "arabic" and len(p.words) != len(q.words) and all(
        not w.opt for w in (*p.words, *q.words))


def same_consonants(a: str, b: str) -> bool:
    """Whether two encoded profiles have the same words by skeleton (either reading of a word),
    as a name in one script and the same name in the other do (Bashar al-Asad, بشار الأسد)."""
    wa, wb = decode(a).words, decode(b).words
    if len(wa) != len(wb):
        return False
    sa = {x for w in wa for x in (w.skel, w.alt) if x}
    sb = {x for w in wb for x in (w.skel, w.alt) if x}
    return all(w.skel in sb or w.alt in sb for w in wa) and all(w.skel in sa or w.alt in sa for w in wb)
