"""One word of a name (`Token`): the one word type of the keys, the scorer and dedupe.

`glossary.names.tokens` cuts a name into tokens. Each holds the word's folded form and
consonant skeleton (the key levels of DESIGN.md section 3), the skeleton it would have read
another way, and its consonants for the scorer; dedupe compares words by form and skeleton
alone (`glossary.dedupe.spellings`).
"""

from __future__ import annotations

from typing import NamedTuple


class Token(NamedTuple):
    """One word of a name: folded form, skeleton, alternative skeleton, consonants, flags.

    ``alt`` is the skeleton the word would have read another way (an article glued to
    the word, Alwasl ~ al-Wasl; a construct taa marbuta left unpronounced), else "".
    ``cons`` is the consonant-class sequence without merging across vowels (Hamam has
    three consonants, حماة two), for the scorer; it is not a key level.
    ``loose`` is true when a Latin word writes a vowel e, which stands for a as often as
    for i (Jamel is Jamal, Hamed is Hamid): its a and i are not told apart.
    ``opt`` is true for a word of a parenthesized part of a name, a qualifier or abbreviation
    that may be left out (Kafr Nabl (Idlib)): `glossary.match.profile` sets it.
    ``article`` is true for the article itself (al-, ال, ash- before sh ...).

    Example:
        >>> Token("jaysh", "jx")
        Token(form='jaysh', skel='jx', alt='', cons='', opt=False, loose=False, article=False)
    """

    form: str
    skel: str
    alt: str = ""
    cons: str = ""
    opt: bool = False
    loose: bool = False
    article: bool = False
