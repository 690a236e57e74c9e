"""What an entity card says, as rows of text; and the plain layout of cards and small tables.

`card_rows` is the card's content, one ``(label, text)`` row per field, for both layouts:
`glossary.cli.render.card` lays the rows out with rich on a terminal; `plain_card` and
`plain_table` lay them out here, as aligned columns wrapped to the width, when the output
goes to a pipe or a file. There rich would draw nothing a terminal needs (no colour, no box)
and would cost a lookup some 20 ms (importing rich, measuring the cells): 107 ms against 83.

Example:
    >>> print(plain_table(["name", "id"], [["Idlib", "idlib"], ["Idlib Governorate", "idlib-governorate"]], 80))
    name               id
    Idlib              idlib
    Idlib Governorate  idlib-governorate
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..i18n import Locale
    from ..model import Entity
    from ..match import Match, Resolution

_GAP = "  "
"""Between two columns."""


def title(entity: Entity) -> str:
    """The card's first line: the entity's label, and its Arabic name when that differs."""
    if entity.arabic and entity.arabic != entity.label:
        return f"{entity.label}  {entity.arabic}"
    return entity.label


def card_rows(entity: Entity, *, locale: Locale, label_of: Callable[[str], str],
              romanizations: Sequence[tuple[str, str, bool]] = (), match: Match | None = None) -> list[tuple[str, str]]:
    """The card of an entity, one ``(label, text)`` row per field that has a value.

    Args:
        entity: the entity to show.
        locale: interface language for labels, dates, digits, language names.
        label_of: display name of a referenced id (relations are shown by name).
        romanizations: ``(scheme, text, exact)`` triples; inexact ones are marked.
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
    from ..model import REFERENCE_FIELDS

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
        width = max(len(scheme) for scheme, _, _ in romanizations) + len(_GAP)
        row("schemes", "\n".join(scheme.ljust(width) + text + ("" if exact else f"  ~{L('approximate')}")
                                 for scheme, text, exact in romanizations))
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


def plain_headed(headed: Headed, columns: int) -> str:
    """`did_you_mean` or `ambiguous` as text."""
    head, headers, rows = headed
    return head + ("\n" + plain_table(headers, rows, columns) if headers else "")


def piped() -> bool:
    """Whether standard output is no terminal (a pipe, a file) and nothing asks for colour."""
    return not sys.stdout.isatty() and not os.environ.get("FORCE_COLOR")


def width() -> int:
    """Columns to lay plain output out in: ``$COLUMNS``, else 80 (as rich does off a terminal)."""
    try:
        return max(20, int(os.environ.get("COLUMNS", "80")))
    except ValueError:
        return 80


def plain_card(head: str, rows: Sequence[tuple[str, str]], columns: int) -> str:
    """A card as text: its head line, then each row's label and its text wrapped beside it."""
    key_width = max((cells(k) for k, _ in rows), default=0)
    text_width = max(10, columns - key_width - len(_GAP))
    out = [head]
    for key, text in rows:
        for k, line in enumerate(_wrap(text, text_width)):
            out.append(((key + " " * (key_width - cells(key))) if k == 0 else " " * key_width) + _GAP + line)
    return "\n".join(out)


def plain_table(headers: Sequence[str], rows: Sequence[Sequence[str]], columns: int) -> str:
    """Rows under their headers in aligned columns; the widest column wraps to fit ``columns``."""
    table = [list(headers), *(list(r) for r in rows)]
    widths = [max(cells(line) for r in table for line in r[c].split("\n")) for c in range(len(headers))]
    over = sum(widths) + len(_GAP) * (len(widths) - 1) - columns
    if over > 0:
        widest = widths.index(max(widths))
        widths[widest] = max(10, widths[widest] - over)
    out = []
    for r in table:
        cols = [_wrap(cell, w) for cell, w in zip(r, widths)]
        for k in range(max(len(c) for c in cols)):
            parts = [(c[k] if k < len(c) else "") for c in cols]
            out.append(_GAP.join(p + " " * (w - cells(p)) for p, w in zip(parts, widths)).rstrip())
    return "\n".join(out)


def cells(text: str) -> int:
    """Terminal cells a text takes: a combining mark (a haraka) none, a wide character two."""
    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken between words (a longer word is cut),
    each of its own lines wrapped apart."""
    out: list[str] = []
    for para in text.split("\n"):
        if cells(para) <= width:
            out.append(para)  # as written: its spaces may align columns (the romanizations)
            continue
        line, used = "", 0
        for word in para.split():
            n = cells(word)
            if line and used + 1 + n <= width:
                line, used = line + " " + word, used + 1 + n
                continue
            if line:
                out.append(line)
            while n > width:  # a word longer than the line: cut it
                cut = _fit(word, width)
                out.append(word[:cut])
                word = word[cut:]
                n = cells(word)
            line, used = word, n
        out.append(line)
    return out


def _fit(word: str, width: int) -> int:
    """How many characters of ``word`` fill ``width`` cells (at least one)."""
    used = 0
    for i, c in enumerate(word):
        used += cells(c)
        if used > width:
            return max(1, i)
    return len(word)
