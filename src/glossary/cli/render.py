"""Rich renderables for the command line: entity cards, result tables, problem lists.

Builds renderables only; it looks nothing up (the CLI passes in what it found).
Labels, dates, language names and digits follow the chosen locale (``en`` or ``ar``):
a `glossary.i18n.Locale`, our label catalog and babel's CLDR data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..i18n import LABELS, Locale

__all__ = ["LABELS", "Locale", "card", "entity_list", "headed_table", "resolutions", "romanizations_table",
           "schemes_table", "search_hits"]

if TYPE_CHECKING:
    from ..model import Entity
    from ..match import Resolution, SearchHit


def _table(plain: bool, *headers: str) -> Table:
    """A result table; a column headed ``id`` never wraps (ids are copied into other commands)."""
    table = Table(box=None if plain else box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    for h in headers:
        table.add_column(h, overflow="fold", no_wrap=h == "id")
    return table


def _plain(value: RenderableType | str) -> RenderableType:
    """Glossary text as it is: a string is never read as rich markup or emoji codes (a note
    saying "[sic]" keeps it; "[/x]" is no markup error)."""
    return Text(value) if isinstance(value, str) else value


def _cells(*values: RenderableType | str) -> list[RenderableType]:
    return [_plain(v) for v in values]


def card(head: str, rows: Sequence[tuple[str, str]]) -> RenderableType:
    """An entity card: its head line (`glossary.cli.card.title`) and its rows (`glossary.cli.card.card_rows`)."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    for key, text in rows:
        grid.add_row(key, Text(text))
    return Group(Text(head, style="bold"), grid)


def headed_table(head: str, headers: Sequence[str], rows: Sequence[Sequence[str]], *, plain: bool) -> RenderableType:
    """A line and a table under it (`glossary.cli.card.did_you_mean` and `glossary.cli.card.ambiguous`)."""
    if not headers:
        return Text(head)
    table = _table(plain, *headers)
    for r in rows:
        table.add_row(*_cells(*r))
    return Group(Text(head), table)


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
