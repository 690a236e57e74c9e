"""The glossary's values: `Entity`, its `Name`s, and the small records it holds.

Pure data, no I/O: the store builds these from files, everything above reads them.
An entity records each name once; `Entity.names()` lists every name it can be
called by (canonical forms, variants, abbreviations, former names), each tagged with
its `NameKind` and script, which is what the index keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal

EntityType = Literal["group", "place", "person", "media", "event", "other"]
ENTITY_TYPES: tuple[str, ...] = ("group", "place", "person", "media", "event", "other")


def entity_type(value: object) -> EntityType:
    """``value`` as an entity type; ValueError naming the types when it is none.

    Example:
        >>> entity_type("bogus")
        Traceback (most recent call last):
        ValueError: unknown type 'bogus' (expected one of: group, place, person, media, event, other)
    """
    if value not in ENTITY_TYPES:
        raise ValueError(f"unknown type {value!r} (expected one of: {', '.join(ENTITY_TYPES)})")
    return value  # type: ignore[return-value]


REFERENCE_FIELDS: tuple[str, ...] = ("part_of", "located_in", "allied_with", "opposed_to", "related")
"""Fields whose values are lists of entity ids (checked for dangling references)."""
DATED_FIELDS: tuple[str, ...] = ("part_of", "located_in", "allied_with", "opposed_to")
"""Reference fields whose entries may carry a period: ``{id: x, from: "2015", until: "2019-11"}``."""

Script = Literal["arabic", "latin", "mixed", "none"]


class NameKind(str, Enum):
    """Where a name comes from in its entity."""

    ROMANIZED = "romanized"
    ARABIC = "arabic"
    VOCALIZED = "vocalized"
    ENGLISH = "english"
    VARIANT = "variant"
    ABBREVIATION = "abbreviation"
    FORMER = "former"


_ARABIC_LETTER = re.compile("[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
"""A character of the Arabic blocks (letters, marks, digits and punctuation of the script all count)."""
_ASCII_LETTER = re.compile("[A-Za-z]")


def script_of(text: str) -> Script:
    """Which script a name is written in: ``arabic``, ``latin``, ``mixed`` or ``none``.

    Example:
        >>> script_of("جيش العزة"), script_of("Jaysh al-Izza"), script_of("123")
        ('arabic', 'latin', 'none')
    """
    if text.isascii():
        return "latin" if _ASCII_LETTER.search(text) else "none"
    has_ar = _ARABIC_LETTER.search(text) is not None
    rest = _ARABIC_LETTER.sub("", text) if has_ar else text
    has_lat = not rest.isascii() and any(ch.isalpha() for ch in rest) or _ASCII_LETTER.search(rest) is not None
    if has_ar and has_lat:
        return "mixed"
    return "arabic" if has_ar else "latin" if has_lat else "none"


@dataclass(frozen=True, slots=True)
class Name:
    """One name of an entity, in one script."""

    text: str
    kind: NameKind
    script: Script
    scheme: str | None = None
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a name."""
        d: dict[str, Any] = {"text": self.text, "kind": self.kind.value, "script": self.script}
        if self.scheme:
            d["scheme"] = self.scheme
        if self.source:
            d["source"] = self.source
        return d


@dataclass(frozen=True, slots=True)
class Variant:
    """A spelling seen in sources, either script (``scheme``/``source``/``note`` optional)."""

    text: str
    scheme: str | None = None
    source: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any] | str:
        """A bare string when nothing but the text is known, else a mapping."""
        if not (self.scheme or self.source or self.note):
            return self.text
        d: dict[str, Any] = {"text": self.text}
        for k in ("scheme", "source", "note"):
            if getattr(self, k):
                d[k] = getattr(self, k)
        return d


@dataclass(frozen=True, slots=True)
class FormerName:
    """A name the entity used to go by."""

    romanized: str | None = None
    arabic: str | None = None
    english: str | None = None
    vocalized: str | None = None
    until: str | None = None
    variants: tuple[Variant, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a former name (empty fields left out)."""
        d: dict[str, Any] = {}
        for k in ("romanized", "arabic", "vocalized", "english", "until"):
            v = getattr(self, k)
            if v is not None:
                d[k] = v
        if self.variants:
            d["variants"] = [v.to_dict() for v in self.variants]
        return d


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact or a spelling comes from."""

    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    language: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a source (empty fields left out)."""
        return {k: getattr(self, k) for k in ("title", "publisher", "date", "url", "language") if getattr(self, k) is not None}


@dataclass(frozen=True, slots=True)
class Period:
    """When the ``index``-th entry of a reference field held (``from_``/``until``: ``YYYY[-MM[-DD]]``)."""

    field: str
    index: int
    from_: str | None = None
    until: str | None = None


@dataclass(frozen=True, slots=True)
class Relation:
    """One entry of a reference field: the id it names, and the period it held, when known."""

    field: str
    id: str
    from_: str | None = None
    until: str | None = None

    def to_dict(self) -> dict[str, Any] | str:
        """A bare id when undated (as the file writes it), else ``{"id", "from", "until"}``."""
        if self.from_ is None and self.until is None:
            return self.id
        d: dict[str, Any] = {"id": self.id}
        if self.from_ is not None:
            d["from"] = self.from_
        if self.until is not None:
            d["until"] = self.until
        return d


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an entity was defined (1-based line and column)."""

    path: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world entity, recorded once with all its names.

    Example:
        >>> e = Entity(id="jaysh-al-izza", type="group", romanized="Jaysh al-Izza",
        ...            arabic="جيش العزة", english="Army of Glory")
        >>> [n.text for n in e.names()]
        ['Jaysh al-Izza', 'جيش العزة', 'Army of Glory']
    """

    id: str
    type: EntityType
    romanized: str | None = None
    arabic: str | None = None
    vocalized: str | None = None
    english: str | None = None
    variants: tuple[Variant, ...] = ()
    abbreviations: tuple[str, ...] = ()
    former_names: tuple[FormerName, ...] = ()
    ids: Mapping[str, str] = field(default_factory=dict)
    part_of: tuple[str, ...] = ()
    located_in: tuple[str, ...] = ()
    allied_with: tuple[str, ...] = ()
    opposed_to: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    active: str | None = None
    notes: str | None = None
    sources: tuple[Source, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)
    origin: Origin | None = field(default=None, compare=False)
    periods: tuple[Period, ...] = ()
    """Dates of the dated entries of the reference fields, by field and position (see `relations`)."""

    @property
    def label(self) -> str:
        """The name to show first: romanized, else English, else Arabic, else the id."""
        return self.romanized or self.english or self.arabic or self.id

    def references(self) -> Iterator[tuple[str, str]]:
        """Each ``(field, id)`` this entity points at."""
        for f in REFERENCE_FIELDS:
            for ref in getattr(self, f):
                yield f, ref

    def relations(self, field: str | None = None) -> Iterator[Relation]:
        """Each entry of the reference fields (or of one), in order, with its period when dated.

        Example:
            >>> e = entity_from_dict({"id": "x", "type": "group", "romanized": "X",
            ...                       "part_of": ["a", {"id": "b", "until": "2019-11"}]})
            >>> e.part_of, [r.to_dict() for r in e.relations("part_of")]
            (('a', 'b'), ['a', {'id': 'b', 'until': '2019-11'}])
        """
        dated = {(p.field, p.index): p for p in self.periods}
        for f in (field,) if field is not None else REFERENCE_FIELDS:
            for i, ref in enumerate(getattr(self, f)):
                p = dated.get((f, i))
                yield Relation(f, ref, p.from_, p.until) if p else Relation(f, ref)

    def names(self) -> Iterator[Name]:
        """Every name of the entity, canonical forms first, duplicates (same text) once."""
        seen: set[str] = set()

        def one(text: str | None, kind: NameKind, scheme: str | None = None, source: str | None = None) -> Iterator[Name]:
            if text and text not in seen:
                seen.add(text)
                yield Name(text, kind, script_of(text), scheme, source)

        yield from one(self.romanized, NameKind.ROMANIZED)
        yield from one(self.arabic, NameKind.ARABIC)
        yield from one(self.vocalized, NameKind.VOCALIZED)
        yield from one(self.english, NameKind.ENGLISH)
        for v in self.variants:
            yield from one(v.text, NameKind.VARIANT, v.scheme, v.source)
        for a in self.abbreviations:
            yield from one(a, NameKind.ABBREVIATION)
        for f in self.former_names:
            for text in (f.romanized, f.arabic, f.vocalized, f.english):
                yield from one(text, NameKind.FORMER)
            for v in f.variants:
                yield from one(v.text, NameKind.FORMER, v.scheme, v.source)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of an entity: the file's fields, empty ones left out, extras kept."""
        d: dict[str, Any] = {"id": self.id, "type": self.type}
        for k in ("romanized", "arabic", "vocalized", "english"):
            if getattr(self, k) is not None:
                d[k] = getattr(self, k)
        if self.variants:
            d["variants"] = [v.to_dict() for v in self.variants]
        if self.abbreviations:
            d["abbreviations"] = list(self.abbreviations)
        if self.former_names:
            d["former_names"] = [f.to_dict() for f in self.former_names]
        if self.ids:
            d["ids"] = dict(self.ids)
        for f in REFERENCE_FIELDS:
            if getattr(self, f):
                d[f] = [r.to_dict() for r in self.relations(f)] if self.periods else list(getattr(self, f))
        for k in ("active", "notes"):
            if getattr(self, k) is not None:
                d[k] = getattr(self, k)
        if self.sources:
            d["sources"] = [s.to_dict() for s in self.sources]
        d.update(self.extra)
        return d


_ENTITY_FIELDS = frozenset(
    ("id", "type", "romanized", "arabic", "vocalized", "english", "variants", "abbreviations", "former_names", "ids",
     "active", "notes", "sources", *REFERENCE_FIELDS)
)
KNOWN_FIELDS: frozenset[str] = _ENTITY_FIELDS
"""Entity fields with a meaning; any other field is kept as an extra."""


def _variant(v: Any) -> Variant:
    if isinstance(v, str):
        return Variant(v)
    return Variant(str(v["text"]), v.get("scheme"), v.get("source"), v.get("note"))


def entity_from_dict(d: Mapping[str, Any], origin: Origin | None = None) -> Entity:
    """Build an `Entity` from its plain (already validated) mapping, as `Entity.to_dict()` gives it.

    Example:
        >>> e = entity_from_dict({"id": "hama", "type": "place", "arabic": "حماة", "population_note": "x"})
        >>> e.arabic, dict(e.extra)
        ('حماة', {'population_note': 'x'})
        >>> entity_from_dict(e.to_dict()) == e
        True
    """
    former = tuple(
        FormerName(
            romanized=f.get("romanized"), arabic=f.get("arabic"), english=f.get("english"),
            vocalized=f.get("vocalized"), until=f.get("until"),
            variants=tuple(_variant(v) for v in f.get("variants") or ()),
        )
        for f in d.get("former_names") or ()
    )
    sources = tuple(
        Source(title=s) if isinstance(s, str) else Source(**{k: s.get(k) for k in ("title", "publisher", "date", "url", "language")})
        for s in d.get("sources") or ()
    )
    refs: dict[str, tuple[str, ...]] = {}
    periods: list[Period] = []
    for f in REFERENCE_FIELDS:
        ids = []
        for i, ref in enumerate(d.get(f) or ()):
            if isinstance(ref, Mapping):
                ids.append(str(ref["id"]))
                if ref.get("from") is not None or ref.get("until") is not None:
                    periods.append(Period(f, i, ref.get("from"), ref.get("until")))
            else:
                ids.append(ref)
        refs[f] = tuple(ids)
    return Entity(
        id=d["id"], type=d["type"],
        romanized=d.get("romanized"), arabic=d.get("arabic"), vocalized=d.get("vocalized"), english=d.get("english"),
        variants=tuple(_variant(v) for v in d.get("variants") or ()),
        abbreviations=tuple(d.get("abbreviations") or ()),
        former_names=former,
        ids=dict(d.get("ids") or {}),
        active=d.get("active"), notes=d.get("notes"),
        sources=sources,
        extra={k: v for k, v in d.items() if k not in _ENTITY_FIELDS},
        origin=origin,
        periods=tuple(periods),
        **refs,
    )
