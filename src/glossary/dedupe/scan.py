"""Pass 1 of `dedupe`: each name column's distinct values counted, bad rows found (`scan`).

Two engines, one result:

* the exact path, plain Python: CSV/TSV through `csv`, JSON Lines line by line. It
  notes bad rows (wrong column count, undecodable bytes, a line that is not a JSON
  object) with their line numbers, for pass 2 to pass them through;
* the fast path, polars (``scan_csv``, ``scan_parquet``), taken for Parquet always and for
  CSV/TSV when every line is a clean record (`_plain_rows`): no bad row, no blank line,
  no duplicate header and no line break inside a field, i.e. when both engines read the
  same table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from ..errors import GlossaryError, Problem
from .formats import SUFFIXES, Format, Scan, json_key, jsonl_lines, open_text, read_records, undecodable

def _check_columns(path: str, header: Sequence[str], columns: Sequence[str]) -> None:
    missing = [c for c in columns if c not in header]
    if missing:
        raise GlossaryError([Problem(path, 1, 1, f"no column {m!r} (columns: {', '.join(map(repr, header))})")
                             for m in missing])
    clash = [f"{c}_{s}" for c in columns for s in SUFFIXES if f"{c}_{s}" in header]
    if clash:
        raise GlossaryError([Problem(path, 1, 1, f"column {clash[0]!r} already exists: dedupe would overwrite it")])


def scan(path: str, fmt: Format, columns: Sequence[str]) -> Scan:
    """Pass 1: header, rows, value counts of ``columns``, bad rows (see the module docstring).

    Raises:
        GlossaryError: unreadable file, or a column that does not exist (naming those that do).
    """
    try:
        if fmt == "parquet":
            return _scan_parquet(path, columns)
        if fmt == "jsonl":
            return _scan_jsonl(path, columns)
        return _scan_csv(path, fmt, columns)
    except OSError as e:
        raise GlossaryError([Problem(path, 1, 1, f"cannot read file: {e.strerror or e}")]) from e


_BLOCK = 1 << 23
"""Bytes read at a time when checking a delimited file's lines."""


def _plain_rows(path: str, fmt: Format, n: int) -> int | None:
    """Rows of a file every line of which is a clean record (UTF-8, no quote, ``n`` fields), else None.

    Such a file splits on its delimiter alone, so polars and `csv` read it alike and polars may count it.
    The lines are checked a block at a time with numpy: fields per line from where the delimiters and
    line breaks fall, never a Python step per line.
    """
    import codecs

    import numpy as np

    sep = ord("\t" if fmt == "tsv" else ",")
    dec = codecs.getincrementaldecoder("utf-8")()
    lines, tail = 0, b""
    with open(path, "rb") as f:
        while True:
            block = f.read(_BLOCK)
            try:  # decoding whole blocks is fast; a bad byte sends the file to the exact path
                dec.decode(block, final=not block)
            except UnicodeDecodeError:
                return None
            if not block:
                break
            data = tail + block
            cut = data.rfind(b"\n") + 1
            data, tail = data[:cut], data[cut:]
            if not data:
                continue
            if fmt == "csv" and b'"' in data:
                return None
            arr = np.frombuffer(data, dtype=np.uint8)
            ends = np.flatnonzero(arr == 10)
            starts = np.concatenate(([0], ends[:-1] + 1))
            if ((_per_line(arr, sep, starts, ends) != n - 1).any()
                    or (ends - starts == _per_line(arr, 13, starts, ends)).any()):  # a blank line is \r at most
                return None
            lines += len(ends)
    if tail:  # the last line has no line break
        return None
    return lines - 1


def _per_line(arr: Any, byte: int, starts: Any, ends: Any) -> Any:
    """How many times ``byte`` occurs in each line (``starts`` to ``ends``) of a numpy byte array."""
    import numpy as np

    at = np.flatnonzero(arr == byte)
    return np.searchsorted(at, ends) - np.searchsorted(at, starts)


def _header_record(path: str, records: Iterator[tuple[int, list[str], str]], columns: Sequence[str]) -> tuple[int, list[str], str]:
    """The header record (its byte-order mark dropped from the first name); its columns checked."""
    first = next(records, None)
    if first is None:
        raise GlossaryError([Problem(path, 1, 1, "empty file: expected a header row")])
    header = first[1]
    if header and header[0].startswith("\ufeff"):
        header[0] = header[0][1:]
    _check_columns(path, header, columns)
    return first


def _scan_csv(path: str, fmt: Format, columns: Sequence[str]) -> Scan:
    with open_text(path) as f:
        first = _header_record(path, read_records(f, fmt), columns)
    header = first[1]
    if len(set(header)) == len(header) and not first[2].startswith("\ufeff"):
        rows = _plain_rows(path, fmt, len(header))
        if rows is not None:
            try:
                return _scan_plain(path, fmt, header, columns, rows, first[2])
            except ImportError:  # without polars, the exact path counts too
                pass
    return _scan_exact(path, fmt, columns)


def _scan_plain(path: str, fmt: Format, header: list[str], columns: Sequence[str], rows: int, first: str) -> Scan:
    """Count a clean delimited file with polars (its rows are known good)."""
    import polars as pl

    s = Scan(path, fmt, header, {}, rows=rows, newline="\r\n" if first.endswith("\r\n") else "\n")
    lf = pl.scan_csv(path, separator="\t" if fmt == "tsv" else ",", quote_char=None, infer_schema=False,
                     has_header=True)
    for c in columns:
        vc = lf.group_by(c).len().drop_nulls().collect()
        s.counts[c] = Counter(dict(zip(vc[c].to_list(), vc["len"].to_list())))
    return s


def _scan_exact(path: str, fmt: Format, columns: Sequence[str]) -> Scan:
    with open_text(path) as f:
        records = read_records(f, fmt)
        first = _header_record(path, records, columns)
        header = first[1]
        bom = first[2].startswith("\ufeff")
        s = Scan(path, fmt, header, {c: Counter() for c in columns}, bom=bom)
        s.exact_only = len(set(header)) != len(header) or undecodable(first[2]) or not first[2].endswith("\n")
        s.newline = "\r\n" if first[2].endswith("\r\n") else "\n"
        where = [(c, header.index(c)) for c in columns]
        n = len(header)
        for line, row, raw in records:
            if not row:
                s.exact_only = True  # a blank line: kept as it is, which polars would not do
                continue
            if len(row) != n or row[0].startswith("\0csv error"):
                what = row[0][1:] if row[0].startswith("\0csv error") else f"expected {n} fields, found {len(row)}"
                s.note_bad(line, f"bad row passed through: {what}")
                continue
            if undecodable(raw):
                s.note_bad(line, "bad row passed through: bytes that are not UTF-8")
                continue
            if "\n" in raw.rstrip("\r\n"):
                s.exact_only = True
            s.rows += 1
            for c, i in where:
                s.counts[c][row[i]] += 1
    return s


def _scan_jsonl(path: str, columns: Sequence[str]) -> Scan:
    s = Scan(path, "jsonl", [], {c: Counter() for c in columns}, exact_only=True)
    keys: dict[str, None] = {}
    for number, _raw, obj in jsonl_lines(path):
        if obj is None:
            continue
        if isinstance(obj, str):
            s.note_bad(number, f"bad row passed through: {obj}")
            continue
        s.rows += 1
        for k in obj:
            keys.setdefault(k)
        for c in columns:
            key = json_key(obj.get(c))
            if key is not None:
                s.counts[c][key] += 1
    s.header = list(keys)
    if s.rows or not s.bad_rows:
        _check_columns(path, s.header, columns)
    return s


def _scan_parquet(path: str, columns: Sequence[str]) -> Scan:
    import polars as pl

    try:
        lf = pl.scan_parquet(path)
        header = list(lf.collect_schema().names())
        _check_columns(path, header, columns)
        rows = int(lf.select(pl.len()).collect().item())
        counts: dict[str, Counter[str]] = {}
        for c in columns:
            vc = lf.group_by(pl.col(c).cast(pl.String)).len().drop_nulls().collect()
            counts[c] = Counter(dict(zip(vc[c].to_list(), vc["len"].to_list())))
    except (pl.exceptions.PolarsError, OSError) as e:
        raise GlossaryError([Problem(path, 1, 1, f"cannot read Parquet: {e}")]) from e
    return Scan(path, "parquet", header, counts, rows=rows)
