"""glossary: a bilingual Arabic–English entity glossary, variant resolver and transliterator.

The API comes first; the command line is a thin client of it::

    >>> import glossary
    >>> g = glossary.load()                       # the shipped glossary
    >>> g.resolve("Jeish al-Ezza").match.id
    'jaysh-al-izza'

Importing this package is cheap: heavy dependencies load when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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

_LAZY = {
    "Match": "match",
    "Resolution": "match",
    "SearchHit": "match",
    "Transliteration": "translit",
    "transliterate": "translit",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'glossary' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{module}", __name__), name)
