"""Search: entities whose names start like or contain the query, either script, ranked.

A word of a name starting with the query's last word ranks first (1.0), a name containing it
next (0.8), each only when the query's other words begin or sit inside words of the same
name; then the resolver's candidates (fuzzy), at 0.6 of their score.

Example:
    >>> from glossary.match import Index
    >>> from glossary.model import Entity
    >>> r = Resolver(Index.build([Entity(id="hama", type="place", romanized="Hama", arabic="حماة"),
    ...                           Entity(id="hamah-brigade", type="group", romanized="Liwa Hamah")]))
    >>> [(h.id, h.score) for h in search(r, "ham")]
    [('hama', 1.0), ('hamah-brigade', 1.0)]
"""

from __future__ import annotations

from typing import NamedTuple

from glossary.model import EntityType

from .options import check_options, check_query
from .profile import decode, profile
from .resolve import Resolver
from .results import SearchHit


class _Found(NamedTuple):
    """An entity's best rank so far and the name that earned it."""

    rank: float
    nid: int


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
    if qprof.words:
        last = qprof.words[-1].form
        for rank, contains in ((1.0, False), (0.8, True)):
            for _form, nids in store.forms_like(last, contains, 200):
                rows = store.name_rows(nids[:200])
                for nid, row in rows.items():
                    others = decode(row.profile).words
                    ok = all(any(o.form.startswith(w.form) or w.form in o.form for o in others)
                             for w in qprof.words[:-1])
                    if ok and (row.entity not in hits or hits[row.entity].rank < rank):
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
        if c.id not in known and c.score > 0.3:
            out.append(SearchHit(c.id, c.label, c.type, c.name, 0.6 * c.score))
    out.sort(key=lambda h: (-h.score, h.label))
    return out[:limit]
