"""The scorer's view of a name: its significant words (`glossary.names.Token`: folded form,
skeleton, other reading, consonants) and its script, and the one-string form the index keeps of it.

Example:
    >>> [w.form for w in profile("Abdul Qader al-Saleh").words]
    ['abdalqadir', 'salih']
    >>> decode(encode(profile("Kafr Nabl (Idlib)"))) == profile("Kafr Nabl (Idlib)")
    True
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import repeat
from typing import NamedTuple

from glossary.names import Token, script, tokens


class Profile(NamedTuple):
    """A name cut into words, with its script (``arabic`` or ``latin``): its tokens but the
    articles, those of its parenthesized parts (a qualifier or abbreviation that may be left
    out: Kafr Nabl (Idlib)) marked ``opt``."""

    script: str
    words: tuple[Token, ...]


def profile(text: str) -> Profile:
    """The scorer's view of a name: its significant words and its script.

    Example:
        >>> [w.form for w in profile("Abdul Qader al-Saleh").words]
        ['abdalqadir', 'salih']
    """
    main = main_part(text)
    words = [t for t in tokens(main) if not t.article]
    if main is not text:
        for part in parenthesized(text):
            words.extend(t._replace(opt=True) for t in tokens(part) if not t.article)
    return Profile(script(text), tuple(words))


_PARENS = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*")


ARABIC_COMMA = "\u060c"
"""What follows an Arabic comma qualifies the name before it, as a parenthesized part does (تبسه، الجزائر:
Tebessa, Algeria; the way Arabic and Persian gazetteers write a place with its country or province).
The Latin comma is not read so: it also stands between a family name and given names (MAKENGA,
Emmanuel) and before a company's legal form."""


def main_part(text: str) -> str:
    """A name without its parenthesized parts and what follows an Arabic comma, if any is left (the
    same object when it has none).

    Example:
        >>> main_part("ISLAMIC JIHAD UNION (IJU)")
        'ISLAMIC JIHAD UNION'
        >>> main_part("تبسه، الجزائر")
        'تبسه'
    """
    if "(" not in text and "[" not in text and ARABIC_COMMA not in text:
        return text
    main = _PARENS.sub(" ", text).split(ARABIC_COMMA, 1)[0].strip()
    return main if any(c.isalpha() for c in main) else text


def parenthesized(text: str) -> list[str]:
    """The parenthesized parts of a name and those after an Arabic comma: qualifiers and abbreviations
    (Idlib, ETIM, JAK-A; الجزائر in تبسه، الجزائر)."""
    if "(" not in text and "[" not in text and ARABIC_COMMA not in text:
        return []
    parts = [m.strip(" ()[]") for m in _PARENS.findall(text) if m.strip(" ()[]")]
    if ARABIC_COMMA in text:
        parts += [q.strip() for q in _PARENS.sub(" ", text).split(ARABIC_COMMA)[1:] if q.strip()]
    return parts


WORD = "\x1e"
FIELD = "\x1f"
"""What `encode` writes between words, and between a word's fields (form, skel, alt, cons, opt, loose:
the flags as "1" or "")."""


def encode(p: Profile) -> str:
    """A profile as one string (for the index and its cache)."""
    return ("a" if p.script == "arabic" else "l") + WORD.join(
        FIELD.join((w.form, w.skel, w.alt, w.cons, "1" if w.opt else "", "1" if w.loose else "")) for w in p.words)


@lru_cache(maxsize=1 << 15)
def decode(s: str) -> Profile:
    """The profile `encode` wrote."""
    words: tuple[Token, ...] = ()
    if len(s) > 1:
        parts = s[1:].split(WORD)
        # (tuple.__new__ builds each token without NamedTuple's argument handling: a batch decodes
        # a profile per candidate name)
        words = tuple([_new_token(Token, (form, skel, alt, cons, opt == "1", loose == "1", False))
                       for form, skel, alt, cons, opt, loose in map(str.split, parts, repeat(FIELD, len(parts)))])
    return Profile("arabic" if s[:1] == "a" else "latin", words)


_new_token = tuple.__new__


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
