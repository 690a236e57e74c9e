"""Search: entities whose names start like or contain the query, either script, ranked.

A name whose first word starts with the query's last word ranks first (1.0), a name with a
later word starting so next (0.9), a name with a word containing it after that (0.8), each only
when the query's other words begin or sit inside words of the same name, and each less 0.01 for
every word the name has beyond the query's (five at most); then the resolver's
candidates (fuzzy), at 0.6 of their probability, when it found them on evidence of their own
(a candidate the resolver marks weak, such as one found through a query of three letters, is
left out).

Words are compared by their folded forms, which drop what spelling varies on (doubled
letters, vowel length): a query that folding reduces to under half of the letters typed
("zzzz" folds to "z") is no prefix of anything, and a word is searched inside names only when
its folded form has at least three letters.

Example:
    >>> from glossary.match import Index
    >>> from glossary.model import Entity
    >>> r = Resolver(Index.build([Entity(id="hama", type="place", romanized="Hama", arabic="حماة"),
    ...                           Entity(id="hamah-brigade", type="group", romanized="Liwa Hamah")]))
    >>> [(h.id, h.score) for h in search(r, "ham")]
    [('hama', 1.0), ('hamah-brigade', 0.89)]
"""

from __future__ import annotations

from typing import NamedTuple

from glossary.model import EntityType

from ..names import Token
from .options import check_options, check_query
from .profile import decode, profile
from .resolve import Resolver
from .results import SearchHit


class _Found(NamedTuple):
    """An entity's best rank so far and the name that earned it."""

    rank: float
    nid: int


CONTAINS = 3
"""A query word is looked for inside the words of names only when its folded form has this many letters."""
LONGER = 0.01
"""What each word a name has beyond the query's costs its rank (five at most): "Idlib" before
"Idlib Governorate" before "Idlib demilitarized zone"."""
KEPT = 0.5
"""The share of the letters typed that the query's folded words must keep to be a prefix."""


def _kept(query: str, words: tuple[Token, ...]) -> bool:
    """Whether folding kept enough of what was typed for the folded words to be searched by prefix.

    Example:
        >>> _kept("zzzz", profile("zzzz").words), _kept("Hamma", profile("Hamma").words)
        (False, True)
    """
    typed = sum(c.isalpha() for c in query)
    return sum(len(w.form) for w in words) >= KEPT * typed


def search(resolver: Resolver, query: str, *, type: EntityType | None = None, limit: int = 20) -> list[SearchHit]:
    """Names that start like or contain the query, either script, ranked (see the module docstring).

    Args:
        resolver: the resolver over the glossary's index.
        query: any part of a name, either script.
        type: only entities of this type.
        limit: hits listed, at least 1.

    Raises:
        TypeError: ``query`` is no ``str``.
        ValueError: an unknown type, a limit below 1.
    """
    check_query(query)
    check_options(type=type, limit=limit)
    store = resolver.index.store
    qprof = profile(query)
    hits: dict[int, _Found] = {}
    if qprof.words and _kept(query, qprof.words):
        last = qprof.words[-1].form
        for contains in (False, True):
            if contains and len(last) < CONTAINS:
                break
            for _form, nids in store.forms_like(last, contains, 200):
                rows = store.name_rows(nids[:200])
                for nid, row in rows.items():
                    others = decode(row.profile).words
                    ok = all(any(o.form.startswith(w.form) or w.form in o.form for o in others)
                             for w in qprof.words[:-1])
                    if not ok:
                        continue
                    rank = 0.8 if contains else 1.0 if others and others[0].form.startswith(last) else 0.9
                    rank -= LONGER * min(max(len(others) - len(qprof.words), 0), 5)
                    if row.entity not in hits or hits[row.entity].rank < rank:
                        hits[row.entity] = _Found(rank, nid)
            if len(hits) >= limit:
                break
    res = resolver.resolve(query, limit=limit, type=type)
    ents = store.entity_rows(hits)
    out = []
    for eidx, (s, nid) in hits.items():
        if type is None or ents[eidx].type == type:
            out.append(SearchHit(ents[eidx].id, ents[eidx].label, ents[eidx].type, store.name_rows([nid])[nid].text, s))
    known = {h.id for h in out}
    for c in res.candidates:
        if c.id not in known and c.score > 0.3 and c.weak is None:
            out.append(SearchHit(c.id, c.label, c.type, c.name, 0.6 * c.score))
    out.sort(key=lambda h: (-h.score, h.label))
    return out[:limit]
