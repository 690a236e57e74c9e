"""What an entity card says, as rows of text: `card_rows`, one ``(label, text)`` row per field.

`glossary.cli.layout.card` lays the rows out (the same on a terminal and in a pipe), and
`glossary.cli.lookup` chooses the short or the whole card; the HTTP service shows the same rows.
`did_you_mean` and `ambiguous` are the line and the table a lookup shows instead of a card.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .i18n import Locale
    from .model import Entity
    from .match import Match, Resolution

_GAP = "  "
"""Between two columns."""
Romanization = tuple[str, str, bool] | tuple[str, str, bool, str]
"""A card's romanization: scheme, text, exact, and optionally its source (`glossary.translit`)."""


def title(entity: Entity) -> str:
    """The card's first line: the entity's label, and its Arabic name when that differs."""
    if entity.arabic and entity.arabic != entity.label:
        return f"{entity.label}  {entity.arabic}"
    return entity.label


def card_rows(entity: Entity, *, locale: Locale, label_of: Callable[[str], str],
              romanizations: Sequence[Romanization] = (), match: Match | None = None) -> list[tuple[str, str]]:
    """The card of an entity, one ``(label, text)`` row per field that has a value.

    Args:
        entity: the entity to show.
        locale: interface language for labels, dates, digits, language names.
        label_of: display name of a referenced id (relations are shown by name).
        romanizations: ``(scheme, text, exact)``, or ``(scheme, text, exact, source)``; inexact ones
            are marked approximate, with their source (``lexicon``, ``model``, ``rule``) when given.
        match: the match that led here, shown last.
    """
    L = locale.label
    rows: list[tuple[str, str]] = []

    def row(key: str, value: str | None) -> None:
        if value:
            rows.append((L(key), value))

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
        row(ref_field, " · ".join(label_of(r.id) + _period(r.from_, r.until, locale) for r in entity.relations(ref_field)))
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
        width = max(len(r[0]) for r in romanizations) + len(_GAP)
        row("schemes", "\n".join(r[0].ljust(width) + r[1] + ("" if r[2] else f"  ~{L('approximate')}" + (
            f" ({r[3]})" if len(r) > 3 else "")) for r in romanizations))
    if match is not None:
        row("match", f"“{match.name}” · {match.level} · {L('score')} {locale.number(match.score)}")
    return rows


def _period(start: str | None, end: str | None, locale: Locale) -> str:
    """A dated relation's period, after its name: `` (2015)``, `` (from 2019-11)``, `` (until 2019-11)``."""
    L, d = locale.label, locale.digits
    if start is None and end is None:
        return ""
    if start == end:
        return f" ({d(str(start))})"
    bits = ([f"{L('from')} {d(start)}"] if start else []) + ([f"{L('until')} {d(end)}"] if end else [])
    return f" ({' '.join(bits)})"


Headed = tuple[str, list[str], list[list[str]]]
"""A line, and a table under it: headers and rows (none when there is nothing to list)."""


def did_you_mean(query: str, candidates: Sequence[Match], locale: Locale) -> Headed:
    """What a lookup shows on a miss: the nearest entities."""
    head = f"{locale.label('no_match')} “{query}”"
    if not candidates:
        return head, [], []
    return head, [locale.label("did_you_mean"), locale.label("id"), locale.label("score")], [
        [f"{c.label} ({c.name})" if c.name != c.label else c.label, c.id, locale.number(c.score)] for c in candidates]


def ambiguous(resolution: Resolution, locale: Locale) -> Headed:
    """An ambiguous answer: the entities that fit, best first."""
    return (f"{locale.label('ambiguous')}: “{resolution.query}”",
            [locale.label("name"), locale.label("id"), locale.label("type"), locale.label("score")],
            [[c.label, c.id, locale.label(c.type), locale.number(c.score)] for c in resolution.candidates])
