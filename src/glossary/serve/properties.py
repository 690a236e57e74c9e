"""The properties the service knows: what a reconciliation query may name and data extension fetches.

One catalogue, `PROPERTIES` (plus one ``ids.<scheme>`` property per link scheme the loaded
glossary uses, `catalogue`), serves every route that speaks of properties: the manifest's
property proposals, ``suggest/property``, the ``properties`` (0.2) or ``conditions`` (1.0) of a
query, and data extension. Each `Property` says what kind of value it holds:

* ``name``: a name of the entity (``arabic``, ``english``, ``romanized``, ``vocalized``, each
  scheme's romanization ``romanized.<scheme>``, ``variants``…). In a query its value is resolved
  like the query itself, and a candidate agrees as far as the resolver finds it by that value.
* ``entity``: ids of other entities (``part_of``, ``located_in``, ``allied_with``, ``opposed_to``,
  ``related``). In a query the value is an id (``{"id": …}``) or a name, resolved to an id; a
  candidate agrees when it points at that entity, through a chain of ``part_of``/``located_in``
  for those two (al-Lataminah is located in Hama Governorate, which is located in Syria).
* ``type``: the entity's type; ``link``: an id in another knowledge base (``ids.wikidata``);
  ``text``: free text (``notes``, ``active``), fetched but never matched.

`values` gives an entity's values of a property as data extension returns them (strings with
their language and direction, entities as ``{"id", "name"}``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ..model import REFERENCE_FIELDS, Entity, script_of

Kind = Literal["name", "entity", "type", "link", "text"]


@dataclass(frozen=True, slots=True)
class Property:
    """One property: its id, a readable name and description, and the kind of its values."""

    id: str
    name: str
    kind: Kind
    description: str

    @property
    def matchable(self) -> bool:
        """Whether a query may name it (free text is only fetched)."""
        return self.kind != "text"


_BASE: tuple[Property, ...] = (
    Property("arabic", "Arabic", "name", "The canonical name in Arabic script"),
    Property("vocalized", "Arabic, vocalized", "name", "The Arabic name with its short vowels (harakat)"),
    Property("english", "English", "name", "The English name or translation"),
    Property("romanized", "Romanized", "name", "The preferred romanization (house style)"),
    Property("variants", "Variant spellings", "name", "Spellings seen in sources, either script"),
    Property("abbreviations", "Abbreviations", "name", "Abbreviations and acronyms"),
    Property("former_names", "Former names", "name", "Names the entity used to go by"),
    Property("type", "Type", "type", "The entity's type: group, place, person, media, event or other"),
    Property("part_of", "Part of", "entity", "Entities this one belongs to (in a chain: part of part of …)"),
    Property("located_in", "Located in", "entity", "Places this entity is in (in a chain: located in …)"),
    Property("allied_with", "Allied with", "entity", "Allies"),
    Property("opposed_to", "Opposed to", "entity", "Adversaries"),
    Property("related", "Related", "entity", "Other related entities"),
    Property("active", "Active", "text", "When the entity was active"),
    Property("notes", "Notes", "text", "Notes"),
)

SCHEME_PREFIX = "romanized."
"""Romanization properties are ``romanized.<scheme>`` (``romanized.ala-lc``)."""
LINK_PREFIX = "ids."
"""Links to other knowledge bases are ``ids.<scheme>`` (``ids.wikidata``)."""
CHAINED = ("part_of", "located_in")
"""Reference fields followed transitively when a query names them."""


def catalogue(schemes: Iterable[str], link_schemes: Iterable[str]) -> dict[str, Property]:
    """Every property, by id: the fixed ones, one per romanization scheme, one per link scheme.

    Example:
        >>> list(catalogue(["ala-lc"], ["wikidata"]))[-2:]
        ['romanized.ala-lc', 'ids.wikidata']
    """
    out = {p.id: p for p in _BASE}
    for s in schemes:
        out[SCHEME_PREFIX + s] = Property(SCHEME_PREFIX + s, f"Romanized ({s})", "name",
                                          f"The Arabic name romanized in the {s} scheme")
    for s in sorted(set(link_schemes)):
        out[LINK_PREFIX + s] = Property(LINK_PREFIX + s, f"{s} id", "link", f"The entity's id in {s}")
    return out


def language(text: str, field: str) -> tuple[str, str]:
    """The language tag and direction of a name: Arabic script is ``ar``/``rtl``, an English name
    ``en``, any other Latin name a romanization of Arabic, ``ar-Latn`` (BCP 47).

    Example:
        >>> language("جيش العزة", "variants"), language("Army of Glory", "english")
        (('ar', 'rtl'), ('en', 'ltr'))
    """
    script = script_of(text)
    if script == "arabic":
        return "ar", "rtl"
    if script == "mixed":
        return "ar", "auto"
    return ("en", "ltr") if field == "english" else ("ar-Latn", "ltr")


def _text(text: str, field: str, with_lang: bool) -> dict[str, Any]:
    if not with_lang:
        return {"str": text}
    lang, direction = language(text, field)
    return {"str": text, "lang": lang, "dir": direction}


def values(entity: Entity, prop: Property, *, label_of: Callable[[str], str],
           romanizations: Callable[[Entity], Mapping[str, str]], type_name: Callable[[str], str],
           with_lang: bool) -> list[dict[str, Any]]:
    """An entity's values of one property, as data extension returns them.

    Args:
        entity: the entity.
        prop: the property (from `catalogue`).
        label_of: the display name of a referenced entity id.
        romanizations: the entity's romanization in each scheme.
        type_name: the display name of an entity type.
        with_lang: add ``lang`` and ``dir`` to strings (API 1.0); 0.2 has no room for them.
    """
    pid = prop.id
    if prop.kind == "type":
        return [{"id": entity.type, "name": type_name(entity.type)}]
    if prop.kind == "entity":
        return [{"id": ref, "name": label_of(ref)} for ref in getattr(entity, pid)]
    if prop.kind == "link":
        value = entity.ids.get(pid[len(LINK_PREFIX):])
        return [{"str": str(value)}] if value is not None else []
    if pid.startswith(SCHEME_PREFIX):
        text = romanizations(entity).get(pid[len(SCHEME_PREFIX):])
        return [_text(text, "romanized", with_lang)] if text else []
    texts: list[str]
    if pid == "variants":
        texts = [v.text for v in entity.variants]
    elif pid == "abbreviations":
        texts = list(entity.abbreviations)
    elif pid == "former_names":
        texts = [t for f in entity.former_names for t in (f.romanized, f.arabic, f.english) if t]
    else:
        value = getattr(entity, pid)
        texts = [value] if value else []
    return [_text(t, pid, with_lang) for t in texts]


class Relations:
    """Which entities point at which, per reference field, chains followed for `CHAINED` fields.

    Example:
        >>> ents = [Entity(id="syria", type="place"), Entity(id="hama", type="place", located_in=("syria",)),
        ...         Entity(id="latamina", type="place", located_in=("hama",))]
        >>> sorted(Relations(ents).pointing("located_in", "syria"))
        ['hama', 'latamina']
    """

    def __init__(self, entities: Iterable[Entity]) -> None:
        direct: dict[str, dict[str, tuple[str, ...]]] = {f: {} for f in REFERENCE_FIELDS}
        for e in entities:
            for f in REFERENCE_FIELDS:
                if getattr(e, f):
                    direct[f][e.id] = getattr(e, f)
        self._direct = direct
        self._inverse: dict[str, dict[str, set[str]]] = {f: {} for f in REFERENCE_FIELDS}
        for f, targets in direct.items():
            for source in targets:
                for target in self.reached(f, source):
                    self._inverse[f].setdefault(target, set()).add(source)

    def reached(self, field: str, source: str) -> set[str]:
        """The ids ``source`` points at through ``field`` (a chain of them for `CHAINED` fields)."""
        direct = self._direct[field]
        seen: set[str] = set()
        todo = list(direct.get(source, ()))
        while todo:
            target = todo.pop()
            if target in seen:
                continue
            seen.add(target)
            if field in CHAINED:
                todo.extend(direct.get(target, ()))
        return seen

    def pointing(self, field: str, target: str) -> set[str]:
        """The ids that point at ``target`` through ``field`` (see `reached`)."""
        return self._inverse[field].get(target, set())
