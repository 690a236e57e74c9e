"""Rich renderables for the command line: entity cards, result tables, problem lists.

Builds renderables only; it looks nothing up (the CLI passes in what it found).
Labels, dates, language names and digits follow the chosen locale (``en`` or ``ar``)
through babel's CLDR data; the Arabic labels are the small catalog below.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from .model import Entity
    from .resolve import Match, Resolution, SearchHit

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "id": "id", "type": "type", "english": "English", "arabic": "Arabic", "vocalized": "vocalized",
        "romanized": "romanized", "variants": "variants", "abbreviations": "abbreviations",
        "former_names": "former names", "part_of": "part of", "located_in": "located in",
        "allied_with": "allied with", "opposed_to": "opposed to", "related": "related", "active": "active",
        "ids": "links", "notes": "notes", "sources": "sources", "schemes": "romanizations", "match": "matched",
        "until": "until", "approximate": "approximate", "did_you_mean": "did you mean", "no_match": "no match for",
        "ambiguous": "ambiguous: several entities fit", "score": "score", "name": "name", "level": "level",
        "query": "query", "status": "status",
        "group": "group", "place": "place", "person": "person", "media": "media", "event": "event", "other": "other",
    },
    "ar": {
        "id": "المعرّف", "type": "النوع", "english": "الإنجليزية", "arabic": "العربية", "vocalized": "بالتشكيل",
        "romanized": "بالحروف اللاتينية", "variants": "صيغ أخرى", "abbreviations": "اختصارات",
        "former_names": "أسماء سابقة", "part_of": "جزء من", "located_in": "يقع في", "allied_with": "حليف لـ",
        "opposed_to": "خصم لـ", "related": "ذو صلة", "active": "فترة النشاط", "ids": "روابط", "notes": "ملاحظات",
        "sources": "المصادر", "schemes": "الكتابة بالحروف اللاتينية", "match": "المطابقة", "until": "حتى",
        "approximate": "تقريبي", "did_you_mean": "هل تقصد", "no_match": "لا نتيجة لـ",
        "ambiguous": "نتيجة ملتبسة: أكثر من كيان", "score": "الدرجة", "name": "الاسم", "level": "المستوى",
        "query": "الاستعلام", "status": "الحالة",
        "group": "جماعة", "place": "مكان", "person": "شخص", "media": "وسيلة إعلام", "event": "حدث", "other": "أخرى",
    },
}
_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


class Locale:
    """Labels, dates, numbers and language names in one interface language."""

    def __init__(self, code: str = "en") -> None:
        self.code = code if code in LABELS else "en"

    def label(self, key: str) -> str:
        """The label for a field or word."""
        return LABELS[self.code].get(key, LABELS["en"].get(key, key))

    def digits(self, text: str) -> str:
        """Arabic-Indic digits in Arabic output (CLDR's default numbering system for ar)."""
        return text.translate(_ARABIC_DIGITS) if self.code == "ar" else text

    def number(self, value: float) -> str:
        """A score, formatted by babel for the locale."""
        from babel.numbers import format_decimal

        return self.digits(format_decimal(round(value, 2), format="0.00", locale=self.code))

    def date(self, value: str) -> str:
        """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD) in the locale's long form; other text unchanged."""
        from babel.dates import format_date, format_skeleton

        parts = value.split("-")
        try:
            if len(parts) == 3:
                out = format_date(_dt.date(*map(int, parts)), format="long", locale=self.code)
            elif len(parts) == 2:
                out = format_skeleton("yMMMM", _dt.date(int(parts[0]), int(parts[1]), 1), locale=self.code)
            else:
                out = value
        except (ValueError, TypeError):
            out = value
        return self.digits(out)

    def language(self, code: str) -> str:
        """A language's name in the locale (babel/CLDR), or the code itself."""
        from babel import Locale as _BabelLocale

        try:
            return str(_BabelLocale(self.code).languages.get(code, code))
        except Exception:  # noqa: BLE001 - an unknown locale code must never break a card
            return code


def _table(plain: bool, *headers: str) -> Table:
    """A result table; a column headed ``id`` never wraps (ids are copied into other commands)."""
    table = Table(box=None if plain else box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    for h in headers:
        table.add_column(h, overflow="fold", no_wrap=h == "id")
    return table


def _names(entity: Entity) -> Text:
    text = Text(entity.label, style="bold")
    if entity.arabic and entity.arabic != entity.label:
        text.append("  ")
        text.append(entity.arabic, style="bold")
    return text


def card(
    entity: Entity,
    *,
    locale: Locale,
    label_of: Callable[[str], str],
    romanizations: Sequence[tuple[str, str, bool]] = (),
    match: Match | None = None,
) -> RenderableType:
    """An entity as a readable card.

    Args:
        entity: the entity to show.
        locale: interface language for labels, dates, digits, language names.
        label_of: display name of a referenced id (relations are shown by name).
        romanizations: ``(scheme, text, exact)`` triples; inexact ones are marked.
        match: the match that led here, shown at the bottom.
    """
    L = locale.label
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")

    def row(key: str, value: RenderableType | str | None) -> None:
        if value:
            grid.add_row(L(key), value)

    row("id", entity.id)
    row("type", L(entity.type))
    for key in ("english", "arabic", "vocalized", "romanized"):
        row(key, getattr(entity, key))
    row("variants", " · ".join(v.text for v in entity.variants))
    row("abbreviations", " · ".join(entity.abbreviations))
    formers = []
    for former in entity.former_names:
        main = former.romanized or former.english or former.arabic or ""
        others = (former.arabic if former.arabic != main else None, former.english if former.english != main else None)
        extra = ", ".join(x for x in others if x)
        until = f" — {L('until')} {locale.digits(former.until)}" if former.until else ""
        formers.append(main + (f" ({extra})" if extra else "") + until)
    row("former_names", "\n".join(formers))
    from .model import REFERENCE_FIELDS

    for ref_field in REFERENCE_FIELDS:
        refs = getattr(entity, ref_field)
        row(ref_field, " · ".join(label_of(r) for r in refs))
    row("active", locale.digits(entity.active) if entity.active else None)
    row("ids", " · ".join(f"{k}: {v}" for k, v in entity.ids.items()))
    row("notes", entity.notes)
    sources = []
    for src in entity.sources:
        bits = [x for x in (src.publisher, f"“{src.title}”" if src.title else None) if x]
        if src.date:
            bits.append(locale.date(src.date))
        if src.language:
            bits.append(locale.language(src.language))
        if src.url:
            bits.append(src.url)
        sources.append(", ".join(bits))
    row("sources", "\n".join(sources))
    if romanizations:
        rom = Table.grid(padding=(0, 2))
        rom.add_column(style="dim", no_wrap=True)
        rom.add_column(overflow="fold")
        for scheme, text, exact in romanizations:
            rom.add_row(scheme, Text(text) if exact else Text.assemble(text, (f"  ~{L('approximate')}", "dim")))
        row("schemes", rom)
    if match is not None:
        row("match", f"“{match.name}” · {match.level} · {L('score')} {locale.number(match.score)}")
    return Group(_names(entity), grid)


def did_you_mean(query: str, candidates: Sequence[Match], *, locale: Locale, plain: bool) -> RenderableType:
    """What `lookup` prints on a miss: the nearest entities."""
    head = Text(f"{locale.label('no_match')} “{query}”")
    if not candidates:
        return head
    table = _table(plain, locale.label("did_you_mean"), locale.label("id"), locale.label("score"))
    for c in candidates:
        table.add_row(f"{c.label} ({c.name})" if c.name != c.label else c.label, c.id, locale.number(c.score))
    return Group(head, table)


def ambiguous(resolution: Resolution, *, locale: Locale, plain: bool) -> RenderableType:
    """An ambiguous answer: the entities that fit, best first."""
    table = _table(plain, locale.label("name"), locale.label("id"), locale.label("type"), locale.label("score"))
    for c in resolution.candidates:
        table.add_row(c.label, c.id, locale.label(c.type), locale.number(c.score))
    return Group(Text(f"{locale.label('ambiguous')}: “{resolution.query}”"), table)


def resolutions(items: Sequence[Resolution], *, plain: bool) -> Table:
    """`resolve` results as a table: query, status, entity, matched name, level, score."""
    table = _table(plain, "query", "status", "id", "matched name", "level", "score")
    for r in items:
        m = r.match
        table.add_row(r.query, r.status, m.id if m else "", m.name if m else "", m.level if m else "",
                      f"{m.score:.2f}" if m else "")
    return table


def search_hits(hits: Sequence[SearchHit], *, plain: bool) -> Table:
    """`search` results: entity, Arabic, type, the name that matched, score."""
    table = _table(plain, "id", "name", "type", "matched", "score")
    for h in hits:
        table.add_row(h.id, h.label, h.type, h.name, f"{h.score:.2f}")
    return table


def entity_list(entities: Sequence[Entity], *, plain: bool) -> Table:
    """`list`: one row per entity with both scripts."""
    table = _table(plain, "id", "type", "romanized", "arabic", "english")
    for e in entities:
        table.add_row(e.id, e.type, e.romanized or "", e.arabic or "", e.english or "")
    return table


def schemes_table(rows: Sequence[Mapping[str, Any]], *, plain: bool) -> Table:
    """`schemes`: each romanization scheme with its standard and an example."""
    table = _table(plain, "scheme", "standard", "example")
    for r in rows:
        table.add_row(str(r["name"]), str(r.get("standard", "")),
                      f"{r.get('example_input', '')} → {r.get('example_output', '')}")
    return table


def romanizations_table(rows: Sequence[tuple[str, str, bool]], *, locale: Locale, plain: bool) -> Table:
    """`translit --all`: one row per scheme, inexact results marked."""
    table = _table(plain, "scheme", "romanization", "")
    for scheme, text, exact in rows:
        table.add_row(scheme, text, "" if exact else Text(f"~{locale.label('approximate')}", style="dim"))
    return table
