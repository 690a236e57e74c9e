"""What the service answers, without HTTP: reconciliation, suggest, data extension, cards' data.

A `Service` holds one loaded `glossary.Glossary` (its index built once, kept in memory, shared by
every request) and answers in plain values that `glossary.serve.shapes` writes in each API
version's JSON and `glossary.serve.pages` as HTML. It is not thread-safe: the application calls
it from one thread.

Reconciliation (`Service.reconcile`): the query's name is resolved by `Glossary.resolve`
(restricted to the query's type when it names one). A candidate's ``score`` (0-100) is the
resolver's score times 100; its ``match`` is true only where the resolver's answer is ``match``
and this candidate is that match. Properties (`glossary.serve.properties`) then narrow or boost:
each gives every candidate an agreement from 0 to 1 (a name value resolved to that entity, a
``located_in`` that reaches the place named, a type, a link); the score becomes the mean of the
resolver's score and the agreements, times 100; a candidate that disagrees with a property
(agreement below 0.5) is no match, and with a ``required`` condition (1.0) not a candidate at
all. A query with properties only takes its name from a name property, else gathers the
entities that agree with its entity, link or id conditions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import ENTITY_TYPES, Entity, script_of
from .errors import MAX_IDS, MAX_LIMIT, RequestError, bad
from .properties import LINK_PREFIX, Property, Relations, catalogue, language, values
from .queries import Condition, Query, Ref

if TYPE_CHECKING:
    from ..glossary import Glossary
    from ..match import Resolution, SearchHit

AGREES = 0.5
"""An agreement (0-1) from which a candidate counts as agreeing with a property."""
_NAME_CANDIDATES = 10
"""Candidates read when a property's value is resolved as a name."""
TYPE_NAMES = {t: t.capitalize() for t in ENTITY_TYPES}
"""Display names of the entity types."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One entity proposed for a query, scored 0-100, with what the score is made of."""

    entity: Entity
    name: str
    lang: str
    dir: str
    description: str
    score: float
    match: bool
    resolver_score: float | None
    level: str | None
    agreements: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Shown:
    """An entity as a list shows it: a name in the asker's script, its language and direction, a description."""

    id: str
    name: str
    lang: str
    dir: str
    description: str
    type: str


class Service:
    """Answers over one glossary (see the module docstring).

    Args:
        glossary: the loaded glossary; its index should be in memory (`glossary.serve.load`).
        title: the service's name in its manifests.
    """

    def __init__(self, glossary: Glossary, *, title: str = "glossary") -> None:
        from ..translit import SCHEMES

        self.glossary = glossary
        self.title = title
        self.entities = glossary.list()
        self.properties: dict[str, Property] = catalogue(SCHEMES, (k for e in self.entities for k in e.ids))
        self.relations = Relations(self.entities)
        self._links: dict[str, dict[str, set[str]]] = {}
        for e in self.entities:
            for scheme, value in e.ids.items():
                self._links.setdefault(scheme, {}).setdefault(_norm(str(value)), set()).add(e.id)
        self._romanized: dict[str, list[tuple[str, str, bool]]] = {}

    # -- entities ------------------------------------------------------------
    def entity(self, id: str) -> Entity:
        """The entity with this id; 404 when there is none."""
        e = self.glossary.get(id)
        if e is None:
            raise RequestError(404, f"unknown entity id {id!r}")
        return e

    def label_of(self, id: str) -> str:
        """The display name of a referenced entity (its English name, else its label)."""
        e = self.glossary.get(id)
        return (e.english or e.label) if e else id

    def romanizations(self, entity: Entity) -> list[tuple[str, str, bool]]:
        """``(scheme, text, exact)`` for every scheme, of the entity's vocalized or Arabic name (kept)."""
        found = self._romanized.get(entity.id)
        if found is None:
            from ..translit import transliterate_all

            text = entity.vocalized or entity.arabic
            found = [(s, t.text, t.exact) for s, t in transliterate_all(text, known=self.glossary.vocalized_for).items()
                     ] if text else []
            if len(self._romanized) < 100_000:
                self._romanized[entity.id] = found
        return found

    def shown(self, entity: Entity, *, arabic: bool) -> Shown:
        """How a list shows ``entity``: its Arabic name when the asker wrote in Arabic, else its label."""
        if arabic and entity.arabic:
            name, field = entity.arabic, "arabic"
        else:
            name = entity.label
            field = "romanized" if name == entity.romanized else "english" if name == entity.english else "arabic"
        lang, direction = language(name, field)
        other = entity.label if name != entity.label else entity.arabic
        bits = [b for b in (other, entity.english if entity.english not in (name, other) else None) if b]
        bits.append(TYPE_NAMES[entity.type].lower())
        return Shown(entity.id, name, lang, direction, " · ".join(bits), entity.type)

    # -- reconciliation ------------------------------------------------------
    def reconcile(self, queries: Sequence[Query]) -> list[list[Candidate]]:
        """Candidates for each query, best first (see the module docstring)."""
        memo: dict[str, Resolution] = {}
        return [self._one(q, memo) for q in queries]

    def _resolve(self, text: str, memo: dict[str, Resolution], *, limit: int, type: str | None = None) -> Resolution:
        """`Glossary.resolve`, each (text, options) once per batch."""
        key = f"{type}\0{limit}\0{text}"
        r = memo.get(key)
        if r is None:
            r = memo[key] = self.glossary.resolve(text, type=type, limit=limit)  # type: ignore[arg-type]
        return r

    def _one(self, q: Query, memo: dict[str, Resolution]) -> list[Candidate]:
        if q.every_type:
            return []
        text = q.text.strip() if q.text is not None else None
        conditions = list(q.conditions)
        if not text:
            text = next((v for c in conditions if self._kind(c) == "name" for v in c.values if isinstance(v, str)), None)
        base: dict[str, tuple[float, str | None]] = {}
        match_id: str | None = None
        if text:
            fetch = q.limit if not conditions and not q.ids else max(q.limit, 20)
            res = self._resolve(text, memo, type=q.types[0] if len(q.types) == 1 else None,
                                limit=min(fetch + (10 if len(q.types) > 1 else 0), MAX_LIMIT + 10))
            for m in res.candidates:
                base.setdefault(m.id, (m.score, m.level))
            if res.status == "match" and res.match is not None:
                match_id = res.match.id
            pool = list(base)
        else:
            pool = self._pool(conditions, q)
        if q.ids:
            pool = [i for i in pool if i in q.ids] if text else [i for i in q.ids if self.glossary.get(i)]
        arabic = text is not None and script_of(text) == "arabic"
        out = []
        for eid in pool:
            entity = self.glossary.get(eid)
            if entity is None or (q.types and entity.type not in q.types):
                continue
            agreements = [(c.pid, self._agreement(c, entity, memo)) for c in conditions]
            if any(a < AGREES for (_, a), c in zip(agreements, conditions) if c.required):
                continue
            resolver = base.get(eid)
            parts = ([resolver[0]] if resolver else [1.0] if q.ids else []) + [a for _, a in agreements]
            score = 100 * sum(parts) / len(parts) if parts else 0.0
            is_match = (eid == match_id or (not text and len(q.ids) == 1)) and all(a >= AGREES for _, a in agreements)
            shown = self.shown(entity, arabic=arabic)
            out.append(Candidate(entity, shown.name, shown.lang, shown.dir, shown.description, round(score, 2), is_match,
                                 resolver[0] if resolver else None, resolver[1] if resolver else None,
                                 tuple(agreements)))
        out.sort(key=lambda c: (-c.score, not c.match, c.entity.id))
        return out[:q.limit]

    def _kind(self, c: Condition) -> str:
        return "name" if c.pid == "name" else self.properties[c.pid].kind

    def _pool(self, conditions: Iterable[Condition], q: Query) -> list[str]:
        """Entities for a query without a name: those its entity, link or type conditions point at."""
        found: dict[str, None] = {}
        for c in conditions:
            kind = self._kind(c)
            for v in c.values:
                if kind == "entity":
                    for target in self._targets(v, {}):
                        found.update(dict.fromkeys(sorted(self.relations.pointing(c.pid, target))))
                elif kind == "link":
                    scheme = c.pid[len(LINK_PREFIX):]
                    ident = v.id if isinstance(v, Ref) else v
                    found.update(dict.fromkeys(sorted(self._links.get(scheme, {}).get(_norm(ident), ()))))
                elif kind == "type":
                    found.update(dict.fromkeys(e.id for e in self.entities if e.type == (v.id if isinstance(v, Ref) else v)))
        if not found and not q.ids:
            return []
        return list(found)

    def _targets(self, v: str | Ref, memo: dict[str, Resolution]) -> set[str]:
        """The entities a value names: its id, else what its text resolves to (all that tie when ambiguous)."""
        if isinstance(v, Ref):
            if self.glossary.get(v.id) is not None or not v.name:
                return {v.id}
            v = v.name
        r = self._resolve(v, memo, limit=_NAME_CANDIDATES)
        if r.status == "match" and r.match is not None:
            return {r.match.id}
        if r.status == "ambiguous" and r.candidates:
            top = r.candidates[0].score
            return {c.id for c in r.candidates if c.score >= top - 0.05}
        return set()

    def _agreement(self, c: Condition, entity: Entity, memo: dict[str, Resolution]) -> float:
        """How far ``entity`` agrees with the condition (0-1), its values combined by its quantifier."""
        kind = self._kind(c)
        scores = []
        for v in c.values:
            if kind == "name":
                if isinstance(v, Ref) and v.id == entity.id:
                    s = 1.0
                else:
                    text = v if isinstance(v, str) else v.name
                    found = self._resolve(text, memo, limit=_NAME_CANDIDATES) if text else None
                    s = max((m.score for m in found.candidates if m.id == entity.id), default=0.0) if found else 0.0
            elif kind == "entity":
                s = 1.0 if self._targets(v, memo) & self.relations.reached(c.pid, entity.id) else 0.0
            elif kind == "type":
                s = 1.0 if entity.type == (v.id if isinstance(v, Ref) else v) else 0.0
            else:
                ident = v.id if isinstance(v, Ref) else v
                value = entity.ids.get(c.pid[len(LINK_PREFIX):])
                s = 1.0 if value is not None and _norm(str(value)) == _norm(ident) else 0.0
            scores.append(s)
        if c.quantifier == "all":
            return min(scores)
        best = max(scores)
        return 1.0 - best if c.quantifier == "none" else best

    # -- suggest, properties, extension --------------------------------------
    def suggest_entities(self, prefix: str, *, type: str | None, cursor: int, limit: int) -> list[Shown]:
        """Entities whose names start like or contain ``prefix``, either script (``cursor``: how many to skip)."""
        if type is not None and type not in ENTITY_TYPES:
            raise bad(f"unknown type {type!r} (expected one of: {', '.join(ENTITY_TYPES)})")
        if not prefix.strip():
            return []
        hits = self.search(prefix, type=type, limit=min(cursor + limit, 1000))[cursor:cursor + limit]
        arabic = script_of(prefix) == "arabic"
        return [self.shown(self.entity(h.id), arabic=arabic) for h in hits]

    def search(self, query: str, *, type: str | None = None, limit: int = 20) -> list[SearchHit]:
        """`Glossary.search`, types checked."""
        if type is not None and type not in ENTITY_TYPES:
            raise bad(f"unknown type {type!r} (expected one of: {', '.join(ENTITY_TYPES)})")
        return self.glossary.search(query, type=type, limit=limit)  # type: ignore[arg-type]

    def suggest_types(self, prefix: str) -> list[str]:
        """Entity types whose id or name starts with ``prefix`` (all for an empty prefix)."""
        p = prefix.strip().casefold()
        return [t for t in ENTITY_TYPES if t.startswith(p) or TYPE_NAMES[t].casefold().startswith(p)]

    def suggest_properties(self, prefix: str) -> list[Property]:
        """Properties whose id, or a word of whose name, starts with ``prefix`` (all for an empty one)."""
        p = prefix.strip().casefold()
        return [prop for prop in self.properties.values()
                if prop.id.casefold().startswith(p) or any(w.startswith(p) for w in prop.name.casefold().split())]

    def propose(self, type: str | None, limit: int | None) -> list[Property]:
        """Properties worth fetching for entities of ``type`` (any type: all of them)."""
        if type is not None and type not in ENTITY_TYPES:
            raise bad(f"unknown type {type!r} (expected one of: {', '.join(ENTITY_TYPES)})")
        props = list(self.properties.values())
        return props[:limit] if limit else props

    def extend(self, ids: Sequence[str], pids: Sequence[str], *, with_lang: bool) -> dict[str, dict[str, list[dict[str, object]]]]:
        """Each id's values of each property (data extension). 404 for an unknown id, 400 for an unknown property."""
        if len(ids) > MAX_IDS:
            raise RequestError(413, f"too many ids in one request: {len(ids):,} (at most {MAX_IDS:,})")
        unknown_p = [p for p in pids if p not in self.properties]
        if unknown_p:
            raise bad(f"unknown property {unknown_p[0]!r} (expected one of: {', '.join(self.properties)})")
        unknown = [i for i in ids if self.glossary.get(i) is None]
        if unknown:
            raise RequestError(404, f"unknown entity id{'s' if len(unknown) > 1 else ''}: {', '.join(map(repr, unknown[:10]))}")
        return {i: {p: values(self.entity(i), self.properties[p], label_of=self.label_of, romanizations=self._scheme_texts,
                              type_name=TYPE_NAMES.__getitem__, with_lang=with_lang) for p in pids} for i in ids}

    def _scheme_texts(self, entity: Entity) -> dict[str, str]:
        return {s: t for s, t, _ in self.romanizations(entity)}


def _norm(ident: str) -> str:
    """A link id as compared: spaces trimmed, case folded (Q123 = q123)."""
    return ident.strip().casefold()
