"""Rich renderables for the command line: entity cards, result tables, problem lists.

Builds renderables only; it looks nothing up (the CLI passes in what it found).
Labels, dates, language names and digits follow the chosen locale (``en`` or ``ar``):
a `glossary.i18n.Locale`, our label catalog and babel's CLDR data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from .i18n import LABELS, Locale

__all__ = ["LABELS", "Locale", "ambiguous", "card", "did_you_mean", "entity_list", "resolutions", "romanizations_table",
           "schemes_table", "search_hits"]

if TYPE_CHECKING:
    from .model import Entity
    from .resolve import Match, Resolution, SearchHit


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


def _plain(value: RenderableType | str) -> RenderableType:
    """Glossary text as it is: a string is never read as rich markup or emoji codes (a note
    saying "[sic]" keeps it; "[/x]" is no markup error)."""
    return Text(value) if isinstance(value, str) else value


def _cells(*values: RenderableType | str) -> list[RenderableType]:
    return [_plain(v) for v in values]


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
            grid.add_row(L(key), _plain(value))

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
        # one aligned Text, not a nested table: rich measures a table in a table cell twice over
        width = max(len(scheme) for scheme, _, _ in romanizations) + 2
        rom = Text()
        for k, (scheme, text, exact) in enumerate(romanizations):
            rom.append(("\n" if k else "") + scheme.ljust(width), "dim")
            rom.append(text)
            if not exact:
                rom.append(f"  ~{L('approximate')}", "dim")
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
        table.add_row(*_cells(f"{c.label} ({c.name})" if c.name != c.label else c.label, c.id, locale.number(c.score)))
    return Group(head, table)


def ambiguous(resolution: Resolution, *, locale: Locale, plain: bool) -> RenderableType:
    """An ambiguous answer: the entities that fit, best first."""
    table = _table(plain, locale.label("name"), locale.label("id"), locale.label("type"), locale.label("score"))
    for c in resolution.candidates:
        table.add_row(*_cells(c.label, c.id, locale.label(c.type), locale.number(c.score)))
    return Group(Text(f"{locale.label('ambiguous')}: “{resolution.query}”"), table)


def resolutions(items: Sequence[Resolution], *, plain: bool) -> Table:
    """`resolve` results as a table: query, status, entity, matched name, level, score."""
    table = _table(plain, "query", "status", "id", "matched name", "level", "score")
    for r in items:
        m = r.match
        table.add_row(*_cells(r.query, r.status, m.id if m else "", m.name if m else "", m.level if m else "",
                              f"{m.score:.2f}" if m else ""))
    return table


def search_hits(hits: Sequence[SearchHit], *, plain: bool) -> Table:
    """`search` results: entity, Arabic, type, the name that matched, score."""
    table = _table(plain, "id", "name", "type", "matched", "score")
    for h in hits:
        table.add_row(*_cells(h.id, h.label, h.type, h.name, f"{h.score:.2f}"))
    return table


def entity_list(entities: Sequence[Entity], *, plain: bool) -> Table:
    """`list`: one row per entity with both scripts."""
    table = _table(plain, "id", "type", "romanized", "arabic", "english")
    for e in entities:
        table.add_row(*_cells(e.id, e.type, e.romanized or "", e.arabic or "", e.english or ""))
    return table


def schemes_table(rows: Sequence[Mapping[str, Any]], *, plain: bool) -> Table:
    """`schemes`: each romanization scheme with its standard and an example."""
    table = _table(plain, "scheme", "standard", "example")
    for r in rows:
        table.add_row(*_cells(str(r["name"]), str(r.get("standard", "")),
                              f"{r.get('example_input', '')} → {r.get('example_output', '')}"))
    return table


def romanizations_table(rows: Sequence[tuple[str, str, bool]], *, locale: Locale, plain: bool) -> Table:
    """`translit --all`: one row per scheme, inexact results marked."""
    table = _table(plain, "scheme", "romanization", "")
    for scheme, text, exact in rows:
        table.add_row(*_cells(scheme, text, "" if exact else Text(f"~{locale.label('approximate')}", style="dim")))
    return table
