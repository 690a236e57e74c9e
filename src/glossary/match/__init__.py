"""Matching: the name index and its cache, the scorer, and the resolver built on them.

A glossary's names are keyed (`keys`, `memory`) into an `Index`, kept on disk by `cache`
(an SQLite file named by the glossary's content and by the code that shapes it) and read
back by `sqlite`. The `Resolver` looks a query's keys up, scores the candidate names
(`profile`: a name as the scorer sees it; `weights`, `words`, `score`: how alike two
names are; `params`: the scorer's constants), widens to the `fuzzy` level when nothing
comes close, and answers with `results` (`options`: the defaults and checks of what a query
may ask); `search` ranks names that start like a query.
The names below are what the other packages use.

Example:
    >>> from glossary.match import Index, Resolver
    >>> from glossary.model import Entity
    >>> r = Resolver(Index.build([Entity(id="jaysh-al-izza", type="group", romanized="Jaysh al-Izza")]))
    >>> r.resolve("Jaish al-Izzah").match.id
    'jaysh-al-izza'
"""

from .cache import build_cached, cache_dir, open_cached, open_or_build
from .index import Index
from .params import DEFAULT, Params
from .options import MARGIN, THRESHOLD
from .resolve import Resolver
from .results import Match, Resolution, SearchHit
from .search import search

__all__ = [
    "DEFAULT",
    "MARGIN",
    "THRESHOLD",
    "Index",
    "Match",
    "Params",
    "Resolution",
    "Resolver",
    "SearchHit",
    "build_cached",
    "cache_dir",
    "open_cached",
    "open_or_build",
    "search",
]
