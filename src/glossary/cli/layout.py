"""Text in columns for a terminal or a pipe: tables and cards, words never broken.

One layout for both outputs, so that what a test renders at 40, 80 or 120 columns is what a
person sees; a terminal only adds what `Paint` draws on top (bold headings, dim labels, and
bidi isolates around right-to-left cells), a pipe gets none of it unless asked. Rules:

* a cell wraps between words; a word is never cut (an id may fold after its hyphens, as a
  slug's parts are words), so a word wider than its column makes the line overflow instead;
* a table too wide for the terminal first wraps its widest columns, then drops its
  least useful columns (`Column.drop`), the id column folding before the text columns;
* no line ends in spaces; lines are padded by terminal cells, not characters (a haraka takes
  none, a wide character two, a bidi control none);
* in a right-to-left card (``rtl``: the Arabic interface) labels stand at the right edge and
  their text to their left, every line right-aligned.

Example:
    >>> print(table([Column("name"), Column("id", fold=True, weight=0.5), Column("score", align="right")],
    ...             [["Jaysh al-Izza", "jaysh-al-izza", "0.97"]], 30))
    name           id       score
    Jaysh al-Izza  jaysh-    0.97
                   al-izza
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

GAP = "  "
"""Between two columns."""
FSI, PDI = "\u2068", "\u2069"
"""FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: a cell between them is laid out on its own
by a bidi-aware terminal, without reordering its neighbours (Unicode UAX #9, X5c and X6a)."""
_SGR = {"bold": ("\x1b[1m", "\x1b[22m"), "dim": ("\x1b[2m", "\x1b[22m")}


def cells(text: str) -> int:
    """Terminal cells a text takes: a combining mark (a haraka) or a format control none, a wide character two.

    >>> cells("Jaysh"), cells("جَيْش"), cells("名前"), cells(FSI + "حمص" + PDI)
    (5, 3, 4, 3)
    """
    if text.isascii():
        return len(text)
    n = 0
    for c in text:
        if unicodedata.combining(c) or unicodedata.category(c) == "Cf":
            continue
        n += 2 if unicodedata.east_asian_width(c) in "WF" else 1
    return n


def has_rtl(text: str) -> bool:
    """Whether a text holds a right-to-left letter (Arabic, Hebrew, Syriac, Thaana, N'Ko ...)."""
    return not text.isascii() and any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


_DASHES = "–—"
"""Dashes between two words (Liberation–Tahrir): a line may break after one, in any text."""
FOLD_MIN = 10
"""Cells an id column may shrink to: a part of an id longer than that is cut (folded)."""


def _pieces(word: str, fold: bool) -> list[str]:
    """A word's unbreakable parts: the word, split after a dash between words, and for an id
    (``fold``) after each of its hyphens."""
    breaks = _DASHES + "-" if fold else _DASHES
    if not any(b in word for b in breaks):
        return [word]
    out, start = [], 0
    for i, c in enumerate(word):
        if c in breaks and 0 < i < len(word) - 1:
            out.append(word[start:i + 1])
            start = i + 1
    out.append(word[start:])
    return out


def _cut(piece: str, width: int) -> list[str]:
    """An id's part in chunks of at most ``width`` cells (at least one character each)."""
    out, line, used = [], "", 0
    for c in piece:
        n = cells(c)
        if line and used + n > width:
            out.append(line)
            line, used = "", 0
        line, used = line + c, used + n
    return out + [line]


def wrap(text: str, width: int, *, fold: bool = False) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken only between words or after a dash
    between words; a word wider than ``width`` stands alone on a longer line. An id (``fold``)
    also breaks after its hyphens, and a part of it wider than ``width`` is cut. Each line of the
    text is wrapped apart, and one that fits keeps its spacing (aligned romanizations).

    >>> wrap("Free Syrian Army · Army of Victory", 18)
    ['Free Syrian Army ·', 'Army of Victory']
    >>> wrap("Counterterrorism unit", 8), wrap("Liberation–Tahrir al-Sham", 12)
    (['Counterterrorism', 'unit'], ['Liberation–', 'Tahrir', 'al-Sham'])
    >>> wrap("hayat-tahrir-al-sham", 14, fold=True), wrap("2018-idlib-demilitarization", 10, fold=True)
    (['hayat-tahrir-', 'al-sham'], ['2018-', 'idlib-', 'demilitari', 'zation'])
    """
    out: list[str] = []
    for para in text.split("\n"):
        if cells(para) <= width:
            out.append(para.rstrip())
            continue
        line, used = "", 0
        for word in para.split():
            parts = _pieces(word, fold)
            if fold:
                parts = [chunk for p in parts for chunk in _cut(p, width)]
            for k, part in enumerate(parts):
                n = cells(part)
                sep = "" if k or not line else " "
                if line and used + len(sep) + n <= width:
                    line, used = line + sep + part, used + len(sep) + n
                    continue
                if line:
                    out.append(line)
                line, used = part, n
        out.append(line)
    return out


def longest_word(text: str, *, fold: bool = False) -> int:
    """Cells of the widest unbreakable part of a text: the least width its column may have."""
    return max((cells(p) for w in text.split() for p in _pieces(w, fold)), default=0)


@dataclass(frozen=True, slots=True)
class Paint:
    """What a terminal adds to the text: styles (``color``) and bidi isolates (``bidi``)."""

    color: bool = False
    bidi: bool = False

    def style(self, text: str, style: str | None) -> str:
        if not self.color or not style or not text:
            return text
        on, off = _SGR[style]
        return f"{on}{text}{off}"

    def cell(self, text: str, style: str | None = None) -> str:
        """One line of a cell: isolated when it holds right-to-left text, then styled."""
        if self.bidi and has_rtl(text):
            text = f"{FSI}{text}{PDI}"
        return self.style(text, style)


PLAIN = Paint()
"""No styles, no isolates: a pipe's output."""


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its heading, alignment, whether it folds (an id), when it is dropped.

    ``drop``: columns that do not fit are dropped highest ``drop`` first; 0 is never dropped.
    ``weight``: its share of the spare width against the others' (an id folds before text wraps).
    """

    header: str
    align: str = "left"
    fold: bool = False
    drop: int = 0
    weight: float = 1.0


def _widths(columns: Sequence[Column], table: Sequence[Sequence[str]], width: int) -> list[int | None]:
    """Each column's width, or None for a dropped column."""
    soft = [max(longest_word(r[c], fold=col.fold) for r in table) for c, col in enumerate(columns)]
    hard = [min(n, FOLD_MIN) if col.fold else n for n, col in zip(soft, columns)]  # an id cut inside its parts
    widths = [{id(r): max(cells(line) for line in r[c].split("\n")) for r in table} for c in range(len(columns))]
    widest = [set(w.values()) for w in widths]
    most = [max(w) for w in widest]
    kept = list(range(len(columns)))

    def room(ks: list[int]) -> int:
        return width - len(GAP) * (len(ks) - 1)

    def fits(least: list[int]) -> bool:
        return sum(least[k] for k in kept) <= room(kept)

    for c in sorted((c for c, col in enumerate(columns) if col.drop), key=lambda c: -columns[c].drop):
        if fits(hard):
            break
        kept.remove(c)
    least = soft if fits(soft) else hard
    sizes = {k: least[k] for k in kept}
    for _ in range(4):  # share the spare cells; a column that needs fewer once wrapped hands them back
        spare = room(kept) - sum(sizes.values())
        need = {k: most[k] - sizes[k] for k in kept if most[k] > sizes[k]}
        if spare <= 0 or not need:
            break
        for k, give in _share(spare, need, {k: columns[k].weight for k in need}).items():
            sizes[k] += give
        for k in kept:  # (only the cells wider than their column are wrapped again)
            sizes[k] = max([least[k], *(n for n in widest[k] if n <= sizes[k]),
                            *(cells(line) for r in table if widths[k][id(r)] > sizes[k]
                              for line in wrap(r[k], sizes[k], fold=columns[k].fold))])
    return [sizes.get(c) for c in range(len(columns))]


def _share(spare: int, need: dict[int, int], weight: dict[int, float]) -> dict[int, int]:
    """Cells for each column out of ``spare``, max-min fair by weight: a column needing less than its
    share gets all it needs (so narrow columns stay whole), the others split what is left.

    >>> _share(10, {0: 2, 1: 30, 2: 30}, {0: 1.0, 1: 1.0, 2: 1.0})
    {0: 2, 1: 4, 2: 4}
    """
    out = {k: 0 for k in need}
    left = dict(need)
    while spare > 0 and left:
        total = sum(weight[k] for k in left)
        whole = [k for k in left if left[k] <= spare * weight[k] / total]
        if whole:
            for k in whole:
                out[k] += left[k]
                spare -= left.pop(k)
            continue
        shares = {k: int(spare * weight[k] / total) for k in left}
        for k in sorted(left, key=lambda k: -weight[k] * left[k]):  # the cells rounding left, neediest first
            if sum(shares.values()) < spare:
                shares[k] += 1
        for k, n in shares.items():
            out[k] += n
        break
    return out


def table(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int, paint: Paint = PLAIN) -> str:
    """Rows under their headings in aligned columns fitted to ``width`` (see the module docstring)."""
    grid = [[c.header for c in columns], *([str(x) for x in r] for r in rows)]
    widths = _widths(columns, grid, width)
    out = []
    for i, r in enumerate(grid):
        cols = [(wrap(cell, w, fold=col.fold), w, col) for cell, w, col in zip(r, widths, columns) if w is not None]
        for k in range(max(len(lines) for lines, _, _ in cols)):
            parts = []
            for lines, w, col in cols:
                text = lines[k] if k < len(lines) else ""
                pad = " " * (w - cells(text))
                shown = paint.cell(text, "bold" if i == 0 else None) if text else ""
                parts.append(pad + shown if col.align == "right" else shown + pad)
            out.append(GAP.join(parts).rstrip(" "))
    return "\n".join(out)


def card(head: str, rows: Sequence[tuple[str, str]], width: int, paint: Paint = PLAIN, *, rtl: bool = False) -> str:
    """A card: its head line, then each row's label and its text wrapped beside it; right to left
    (labels at the right edge, every line right-aligned) when ``rtl``. Where the text would get
    fewer than 16 cells beside its label, it goes under it instead."""
    key_width = max((cells(k) for k, _ in rows), default=0)
    text_width = width - key_width - len(GAP)
    beside = text_width >= 16
    if not beside:
        text_width = width - len(GAP)
    lines: list[tuple[str, str, str | None]] = [("", head, "bold")]  # (label shown, text, style of the text)
    for key, text in rows:
        wrapped = wrap(text, text_width)
        if not beside:
            lines.append((key, "", None))
            lines += [("", t if rtl else GAP + t, None) for t in wrapped]  # indented under its label (flush right: RTL)
            continue
        lines += [(key if n == 0 else "", t, None) for n, t in enumerate(wrapped)]
    out = []
    for n, (key, text, style) in enumerate(lines):
        if n == 0:  # the head line spans the card; its parts (a name in each script) are isolated apart
            shown = GAP.join(paint.cell(part, style) for part in text.split(GAP))
            out.append((" " * (width - cells(text)) + shown) if rtl else shown)
            continue
        label = paint.cell(key, "dim") if key else ""
        if not beside and key:
            out.append((" " * (width - cells(key)) + label) if rtl else label)
            continue
        if not beside:
            out.append((" " * (width - cells(text)) + paint.cell(text)) if rtl else paint.cell(text).rstrip(" "))
            continue
        if rtl:
            out.append((" " * (width - key_width - len(GAP) - cells(text)) + paint.cell(text) + GAP
                        + " " * (key_width - cells(key)) + label).rstrip(" "))
        else:
            out.append((label + " " * (key_width - cells(key)) + GAP + paint.cell(text)).rstrip(" "))
    return "\n".join(out)
