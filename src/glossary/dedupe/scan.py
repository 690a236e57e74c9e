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
from .formats import MAX_NAME_LENGTH, SUFFIXES, Format, Scan, is_name, jsonl_lines, open_text, read_records, undecodable


def _check_columns(path: str, header: Sequence[str], columns: Sequence[str]) -> None:
    missing = [c for c in columns if c not in header]
    if missing:
        raise GlossaryError([Problem(path, 1, 1, f"no column {m!r} (columns: {', '.join(map(repr, header))})")
                             for m in missing])
    clash = [f"{c}_{s}" for c in columns for s in SUFFIXES if f"{c}_{s}" in header]
    if clash:
        raise GlossaryError([Problem(path, 1, 1, f"column {clash[0]!r} already exists: dedupe would overwrite it")])


def scan(path: str, fmt: Format, columns: Sequence[str], encoding: str = "utf-8") -> Scan:
    """Pass 1: header, rows, value counts of ``columns``, bad rows (see the module docstring).

    A cell longer than `MAX_NAME_LENGTH` characters, or without a letter, is not counted: it is
    no name, and stays unresolved (`Scan.warnings`). ``encoding`` is what the (UTF-8) file was
    read from, for the reason given for undecodable rows.

    Raises:
        GlossaryError: unreadable file, or a column that does not exist (naming those that do).
    """
    try:
        if fmt == "parquet":
            s = _scan_parquet(path, columns)
        elif fmt == "jsonl":
            s = _scan_jsonl(path, columns, encoding)
        else:
            s = _scan_csv(path, fmt, columns, encoding)
    except OSError as e:
        raise GlossaryError([Problem(path, 1, 1, f"cannot read file: {e.strerror or e}")]) from e
    s.encoding = encoding
    return s


def _only_names(s: Scan, column: str, counts: Counter[str]) -> bool:
    """Keep the names among counted values (the fast paths'); False when one is too long (its line must be found)."""
    if any(len(k) > MAX_NAME_LENGTH for k in counts):
        return False
    for k in [k for k in counts if k and not is_name(k)]:
        s.not_names[column] += counts.pop(k)
    s.counts[column] = counts
    return True


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


def _scan_csv(path: str, fmt: Format, columns: Sequence[str], encoding: str = "utf-8") -> Scan:
    with open_text(path) as f:
        first = _header_record(path, read_records(f, fmt), columns)
    header = first[1]
    if len(set(header)) == len(header) and not first[2].startswith("\ufeff"):
        rows = _plain_rows(path, fmt, len(header))
        if rows is not None:
            try:
                s = _scan_plain(path, fmt, header, columns, rows, first[2])
                if s is not None:
                    return s
            except ImportError:  # without polars, the exact path counts too
                pass
    return _scan_exact(path, fmt, columns, encoding)


def _scan_plain(path: str, fmt: Format, header: list[str], columns: Sequence[str], rows: int, first: str) -> Scan | None:
    """Count a clean delimited file with polars (its rows are known good); None when a cell is too
    long to be a name (the exact path then finds its line)."""
    import polars as pl

    s = Scan(path, fmt, header, {}, rows=rows, newline="\r\n" if first.endswith("\r\n") else "\n")
    lf = pl.scan_csv(path, separator="\t" if fmt == "tsv" else ",", quote_char=None, infer_schema=False,
                     has_header=True)
    for c in columns:
        vc = lf.group_by(c).len().drop_nulls().collect()
        if not _only_names(s, c, Counter(dict(zip(vc[c].to_list(), vc["len"].to_list())))):
            return None
    return s


def _scan_exact(path: str, fmt: Format, columns: Sequence[str], encoding: str = "utf-8") -> Scan:
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
                s.undecodable += 1
                s.note_bad(line, f"bad row passed through: bytes that are not {_codec(encoding)}")
                continue
            if "\n" in raw.rstrip("\r\n"):
                s.exact_only = True
            s.rows += 1
            for c, i in where:
                s.count_name(c, row[i], line)
    return s


def _codec(encoding: str) -> str:
    return "UTF-8" if encoding in ("utf-8", "utf-8-sig") else encoding


def _scan_jsonl(path: str, columns: Sequence[str], encoding: str = "utf-8") -> Scan:
    s = Scan(path, "jsonl", [], {c: Counter() for c in columns}, exact_only=True)
    keys: dict[str, None] = {}
    for number, _raw, obj in jsonl_lines(path):
        if obj is None:
            continue
        if isinstance(obj, str):
            if obj.startswith("bytes that are not"):
                s.undecodable += 1
                obj = f"bytes that are not {_codec(encoding)}"
            s.note_bad(number, f"bad row passed through: {obj}")
            continue
        s.rows += 1
        for k in obj:
            keys.setdefault(k)
        for c in columns:
            value = obj.get(c)
            if isinstance(value, str):
                s.count_name(c, value, number)
            elif isinstance(value, (int, float)):  # a number (or true/false): no name
                s.not_names[c] += 1
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
        s = Scan(path, "parquet", header, {}, rows=rows)
        for c in columns:
            vc = lf.group_by(pl.col(c).cast(pl.String)).len().drop_nulls().collect()
            counts = Counter(dict(zip(vc[c].to_list(), vc["len"].to_list())))
            if not _only_names(s, c, counts):  # the rows (1-based) of the overlong cells, as their lines
                long = (lf.with_row_index("__row").filter(pl.col(c).cast(pl.String).str.len_chars() > MAX_NAME_LENGTH)
                        .select("__row", pl.col(c).cast(pl.String).str.len_chars().alias("__n")).collect())
                for row, n in zip(long["__row"].to_list(), long["__n"].to_list()):
                    s.note_long(row + 1, c, n)
                for k in [k for k in counts if len(k) > MAX_NAME_LENGTH]:
                    del counts[k]
                _only_names(s, c, counts)
    except (pl.exceptions.PolarsError, OSError) as e:
        raise GlossaryError([Problem(path, 1, 1, f"cannot read Parquet: {e}")]) from e
    return s
