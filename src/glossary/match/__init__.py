"""Matching: the name index and its cache, and the learned resolver built on them.

A glossary's names are keyed (`keys`, `memory`) into an `Index`, kept on disk by `cache`
(an SQLite file named by the glossary's content and by the code that shapes it) and read
back by `sqlite`. The `Resolver` finds a query's candidate names (`candidates`: keys, acronyms,
the `fuzzy` level and letter n-grams), describes each pair (`profile`: a name as the features
see it; `weights`: word rarity; `features`; `letters`: letter ratios; `transducer`: learned
letter correspondences) and scores it with the shipped model (`model`, `forest`), a calibrated
probability; it answers with `results` (`options`: the checks of what a query may ask);
`search` ranks names that start like a query; `pairs` asks the model's pair forest how likely two
names alone spell one thing (dedupe's clusters). The names below are what the other packages use.

Example:
    >>> from glossary.match import Index, Resolver
    >>> from glossary.model import Entity
    >>> r = Resolver(Index.build([Entity(id="jaysh-al-izza", type="group", romanized="Jaysh al-Izza")]))
    >>> r.resolve("Jaish al-Izzah").match.id
    'jaysh-al-izza'
"""

from .cache import build_cached, cache_dir, open_cached, open_or_build
from .index import Index
from .model import Matcher, matcher
from .resolve import Resolver
from .results import Match, Resolution, SearchHit
from .search import search

__all__ = [
    "Index",
    "Match",
    "Matcher",
    "Resolution",
    "Resolver",
    "SearchHit",
    "build_cached",
    "cache_dir",
    "matcher",
    "open_cached",
    "open_or_build",
    "search",
]
