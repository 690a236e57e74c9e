"""glossary: a bilingual Arabic–English entity glossary, variant resolver and transliterator.

The API comes first; the command line is a thin client of it::

    >>> import glossary
    >>> g = glossary.load()                       # the shipped glossary
    >>> g.resolve("Jeish al-Ezza").match.id
    'jaysh-al-izza'

Importing this package is cheap: heavy dependencies load when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import attributes
from .errors import GlossaryError, Problem
from .glossary import Glossary, load
from .model import Entity, Name, NameKind

if TYPE_CHECKING:
    from .match import Match, Resolution, SearchHit
    from .translit import Transliteration, transliterate

__all__ = [
    "Entity",
    "Glossary",
    "GlossaryError",
    "Match",
    "Name",
    "NameKind",
    "Problem",
    "Resolution",
    "SearchHit",
    "Transliteration",
    "load",
    "transliterate",
]

__getattr__ = attributes(__name__, {
    "Match": "match",
    "Resolution": "match",
    "SearchHit": "match",
    "Transliteration": "translit",
    "transliterate": "translit",
})
