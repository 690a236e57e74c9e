"""Tabular files for `dedupe`: their formats, and reading their rows as both passes do.

A file is CSV, TSV, JSON Lines or Parquet (`detect_format`). Pass 1 (`glossary.dedupe.scan`)
counts each name column's distinct values and finds bad rows into a `Scan`; pass 2
(`glossary.dedupe.write`) copies the input to the output, every row and column in order,
adding the decision columns (`SUFFIXES`) for each name column. Memory is bounded by distinct
names, not rows. Both passes read records the same way: `read_records` for CSV/TSV (the raw text
of each, so that a bad row passes through byte for byte), `jsonl_lines` for JSON Lines.

Example:
    >>> detect_format("events.tsv"), detect_format("x.jsonl"), detect_format("-", "parquet")
    ('tsv', 'jsonl', 'parquet')
"""

from __future__ import annotations

import csv
import json
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any, Literal

from ..errors import GlossaryError, Problem

Format = Literal["csv", "tsv", "jsonl", "parquet"]
FORMATS: tuple[str, ...] = ("csv", "tsv", "jsonl", "parquet")
EXTENSIONS: dict[str, str] = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl",
               ".parquet": "parquet", ".pq": "parquet"}
SUFFIXES: tuple[str, ...] = ("id", "canonical", "score", "cluster", "review")
"""The columns added for each name column, as ``<column>_<suffix>``, in this order."""

Added = tuple[str | None, str | None, float | None, str | None, bool]
"""One name's decision as written: (id, canonical, score, cluster, review)."""

_MAX_REPORTED = 1000
"""Bad rows (and overlong cells) remembered with their line number (all are counted and passed through)."""
MAX_NAME_LENGTH = 1_000
"""Characters a cell may have to be read as a name. A longer one (a paragraph pasted into a name
column, a whole document) is left unresolved, with a warning naming its line: resolving and
clustering cost grows faster than a name's length, so without this bound one 1 MB cell took
minutes, and its cluster id would have been the megabyte itself. The longest names in real
glossaries (sanctions lists' organisation names) are under 300 characters."""


def detect_format(path: str, fmt: str | None = None) -> Format:
    """The file's format: ``fmt`` if given, else from the extension (``-`` defaults to CSV).

    Raises:
        GlossaryError: the extension is not one we know and no ``fmt`` was given.
    """
    if fmt:
        if fmt not in FORMATS:
            raise GlossaryError(f"unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})")
        return fmt  # type: ignore[return-value]
    if path == "-":
        return "csv"
    ext = os.path.splitext(path)[1].lower()
    if ext not in EXTENSIONS:
        raise GlossaryError([Problem(path, 1, 1, f"unknown file extension {ext or '(none)'!r} "
                                     f"(expected one of: {', '.join(EXTENSIONS)}); use --format")])
    return EXTENSIONS[ext]  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class BadRow:
    """A row passed through untouched: its first line (1-based) and why."""

    line: int
    reason: str


@dataclass(slots=True)
class Scan:
    """What pass 1 learnt: header, row count, each name column's value counts, bad rows."""

    path: str
    fmt: Format
    header: list[str]
    counts: dict[str, Counter[str]]
    rows: int = 0
    bad_rows: int = 0
    bad: list[BadRow] = field(default_factory=list)
    exact_only: bool = False
    """True when only the exact (Python) path keeps every row: bad rows, blank lines, ..."""
    bom: bool = False
    newline: str = "\n"
    encoding: str = "utf-8"
    """The encoding the file was read in (its rows' undecodable bytes are counted in `undecodable`)."""
    undecodable: int = 0
    long: list[BadRow] = field(default_factory=list)
    """Cells longer than `MAX_NAME_LENGTH`, left unresolved (the first `_MAX_REPORTED`)."""
    long_cells: int = 0
    not_names: Counter[str] = field(default_factory=Counter)
    """Per column, cells that hold no name (no letter at all: a number, a dash), left unresolved."""

    def problems(self) -> list[Problem]:
        """The remembered bad rows as `Problem`s (``path:line:1: reason``)."""
        return [Problem(self.path, b.line, 1, b.reason) for b in self.bad]

    def warnings(self) -> list[Problem]:
        """The overlong cells (``path:line:1: ...``), then one line per column with cells that are no names."""
        out = [Problem(self.path, b.line, 1, b.reason) for b in self.long]
        for column, n in self.not_names.items():
            out.append(Problem(self.path, 1, 1, f"column {column!r}: {n:,} cell(s) hold no letter (a number, a dash): "
                                                "no name, left unresolved"))
        return out

    def note_long(self, line: int, column: str, length: int) -> None:
        """Leave a cell too long to be a name unresolved, and remember its line (the first `_MAX_REPORTED`)."""
        self.long_cells += 1
        if len(self.long) < _MAX_REPORTED:
            self.long.append(BadRow(line, f"cell in column {column!r} is {length:,} characters long (more than "
                                          f"{MAX_NAME_LENGTH:,}): no name, left unresolved"))

    def count_name(self, column: str, value: str, line: int) -> None:
        """Count one cell of a name column: a name, or noted as too long or as no name."""
        if len(value) > MAX_NAME_LENGTH:
            self.note_long(line, column, len(value))
        elif value and not is_name(value):
            self.not_names[column] += 1
        else:
            self.counts[column][value] += 1

    def note_bad(self, line: int, reason: str) -> None:
        """Count a bad row, passed through as it is, and remember its line (the first `_MAX_REPORTED`)."""
        self.bad_rows += 1
        self.exact_only = True
        if len(self.bad) < _MAX_REPORTED:
            self.bad.append(BadRow(line, reason))


def is_name(value: str) -> bool:
    """Whether a cell can be a name: it holds a letter (any script). ``5``, ``-``, ``?`` are not.

    >>> is_name("حمص"), is_name("9K111 Fagot"), is_name("5"), is_name("--")
    (True, True, False, False)
    """
    return any(c.isalpha() for c in value)


def dialect(fmt: Format) -> dict[str, Any]:
    if fmt == "tsv":
        return {"delimiter": "\t", "quoting": csv.QUOTE_NONE, "quotechar": None}
    return {"delimiter": ",", "quotechar": '"', "doublequote": True}


def open_text(path: str) -> IO[str]:
    # surrogateescape: undecodable bytes survive reading and writing unchanged.
    return open(path, encoding="utf-8", errors="surrogateescape", newline="")


def read_records(f: IO[str], fmt: Format) -> Iterator[tuple[int, list[str], str]]:
    """Each CSV/TSV record: (first line, fields, raw text exactly as read). A field may be as long as
    its line (the csv module's default limit, 128 KiB, would make a long cell a bad row: it is read,
    then left unresolved, `MAX_NAME_LENGTH`)."""
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 31 - 1))
    buf: list[str] = []

    def lines() -> Iterator[str]:
        for line in f:
            buf.append(line)
            yield line

    reader = csv.reader(lines(), **dialect(fmt))
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            row = [f"\0csv error: {e}"]
        raw = "".join(buf)
        buf.clear()
        yield start, row, raw
        start = reader.line_num + 1


def undecodable(raw: str) -> bool:
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def json_key(value: Any) -> str | None:
    """The name a JSON value holds: a string; a number, a boolean, null, a list or an object hold none."""
    return value if isinstance(value, str) else None


def jsonl_lines(path: str) -> Iterator[tuple[int, bytes, dict[str, Any] | str | None]]:
    """Each line: (number, raw bytes, the object, or a reason it is bad, or None when blank)."""
    with open(path, "rb") as f:
        for number, raw in enumerate(f, 1):
            if not raw.strip():
                yield number, raw, None
                continue
            try:
                obj = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                yield number, raw, "bytes that are not UTF-8"
                continue
            except ValueError as e:
                yield number, raw, f"not JSON: {e}"
                continue
            yield number, raw, obj if isinstance(obj, dict) else f"not a JSON object: {type(obj).__name__}"


def spool_path(fmt: str) -> str:
    """A new empty temporary file for one format."""
    import tempfile

    fd, path = tempfile.mkstemp(prefix="glossary-dedupe-", suffix="." + fmt)
    os.close(fd)
    return path


def spool(stream: IO[bytes], suffix: str) -> str:
    """Copy a stream (standard input) to a temporary file and return its path."""
    import shutil
    import tempfile

    fd, path = tempfile.mkstemp(prefix="glossary-dedupe-", suffix=suffix)
    with os.fdopen(fd, "wb") as f:
        shutil.copyfileobj(stream, f, 1 << 20)
    return path
