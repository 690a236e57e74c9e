"""Other orthographies of a Latin name: Turkish, Slavic, and the j of a Slavic or German diphthong.

The folding of `glossary.names.normalize` reads a Latin name the English, French and German ways
and in the scholarly systems. A name written the Turkish way (Cisr eş-Şuğur), the Czech or
Polish way (Chán Šajchún, Dżisr asz-Szughur) or with a Slavic j (Shejkh-Miskin, Banijas) is
misread there: Turkish c is j, Czech ch is kh, Slavic j is y. `readings` gives the name as
each orthography whose marks it shows would spell it in English letters; the resolver tries
them only for a query its usual reading leaves without a match. The orthographies, their
marks and their rewrites are data: ``tables/orthographies.yaml``.

Example:
    >>> readings("Cisr eş-Şuğur")
    [Reading(text='jisr esh-shughur', known_words_only=False)]
    >>> [r.text for r in readings("Chán Šajchún") + readings("Shejkh-Miskin") + readings("Jaysh al-Izza")]
    ['khán shaykhún', 'sheykh-miskin']
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import NamedTuple

from .tables import TABLES

_Orthography = tuple[re.Pattern[str], re.Pattern[str] | None, tuple[tuple[re.Pattern[str], str], ...], bool]


class Reading(NamedTuple):
    """A name as another orthography writes it (``text``, lower-cased); ``known_words_only``: worth
    resolving only when a word it rewrote is a word of the glossary (a guess English spellings
    often meet)."""

    text: str
    known_words_only: bool = False


@cache
def _orthographies() -> tuple[_Orthography, ...]:
    """Each orthography of the table compiled: its marks as one pattern, its exclusion, its rewrites."""
    out = []
    for spec in TABLES["orthographies"].values():
        marks = re.compile("|".join(f"(?:{m})" for m in spec["marks"]))
        unless = re.compile(spec["unless"]) if spec.get("unless") else None
        rewrites = tuple((re.compile(p), r) for p, r in spec["rewrites"])
        out.append((marks, unless, rewrites, bool(spec.get("known_words_only"))))
    return tuple(out)


def readings(text: str) -> list[Reading]:
    """The name as each other orthography whose marks it shows would write it (lower-cased), the
    ones that differ from it, in table order; none for a name without such marks.

    Args:
        text: a name, any script (a name in Arabic script has no readings).

    Returns:
        The other readings.

    Example:
        >>> [r.text for r in readings("Beşar Esad")], readings("Maşyāf")
        (['beshar esad'], [])
    """
    low = unicodedata.normalize("NFC", text).lower()
    out: list[Reading] = []
    for marks, unless, rewrites, known_only in _orthographies():
        if not marks.search(low) or unless is not None and unless.search(low):
            continue
        s = low
        for pattern, replacement in rewrites:
            s = pattern.sub(replacement, s)
        if s != low and all(r.text != s for r in out):
            out.append(Reading(s, known_only))
    return out
