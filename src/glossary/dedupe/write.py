"""Pass 2 of `dedupe` (`glossary.dedupe.formats`): the input copied to the output, every row and column in order, plus the decisions.

Three writers, one result: polars (a left join with ``maintain_order="left"``, then
``sink_csv``/``sink_parquet``) whenever pass 1 found the file clean or the input is
Parquet; the exact path, plain Python ``csv``, which passes bad rows and blank lines
through byte for byte; and JSON Lines, which appends the new members to each object's
own text.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Mapping
from typing import Any

from ..errors import GlossaryError, Problem
from .formats import (
    SUFFIXES,
    Added,
    Format,
    Scan,
    dialect,
    json_key,
    jsonl_lines,
    open_text,
    read_records,
    spool_path,
    undecodable,
)


def write(s: Scan, out: str, out_fmt: Format, decisions: Mapping[str, Mapping[str, Added]]) -> None:
    """Pass 2: copy ``s.path`` to ``out`` adding ``<col>_<suffix>`` columns from ``decisions``.

    ``decisions[col][value]`` is the decision for a cell; a value not in it (an empty cell)
    gets empty columns. Written to a temporary file, then renamed over ``out``.

    Raises:
        GlossaryError: bad rows cannot be passed through to another format.
    """
    if out_fmt != s.fmt and (s.bad_rows or s.fmt == "jsonl" or out_fmt == "jsonl"):
        raise GlossaryError([Problem(s.path, 1, 1, f"cannot convert {s.fmt} to {out_fmt}"
                                     + (f": {s.bad_rows} bad row(s) can only pass through to {s.fmt}" if s.bad_rows else
                                        " (JSON Lines in and out only)"))])
    special = os.path.exists(out) and not os.path.isfile(out)  # /dev/stdout, a pipe: write through a copy
    if not special:
        out = os.path.realpath(out)  # a symbolic link: its target is written, the link stays
    tmp = spool_path(out_fmt) if special else f"{out}.{os.getpid()}.tmp"
    try:
        if s.fmt == "jsonl":
            _write_jsonl(s, tmp, decisions)
        elif s.fmt == "parquet" or out_fmt != s.fmt or not s.exact_only:
            try:
                _write_polars(s, tmp, out_fmt, decisions)
            except Exception:
                if s.fmt == "parquet" or out_fmt != s.fmt:
                    raise
                _write_csv(s, tmp, decisions)  # polars disagreed with pass 1: the exact path keeps every row
        else:
            _write_csv(s, tmp, decisions)
        if special:
            import shutil

            with open(tmp, "rb") as src, open(out, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
        else:
            os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def _csv_cells(a: Added) -> list[str]:
    ident, canonical, score, cluster, review = a
    return [ident or "", canonical or "", "" if score is None else f"{score:.3f}", cluster or "",
            "true" if review else "false"]


_EMPTY: Added = (None, None, None, None, False)


def _write_csv(s: Scan, out: str, decisions: Mapping[str, Mapping[str, Added]]) -> None:
    cols = [(s.header.index(c), {k: _csv_cells(v) for k, v in decisions[c].items()}) for c in s.counts]
    empty = _csv_cells(_EMPTY)
    n = len(s.header)
    with open_text(s.path) as f, open(out, "w", encoding="utf-8", errors="surrogateescape", newline="") as g:
        records = read_records(f, s.fmt)
        _line, header, raw = next(records)
        term = "\r\n" if raw.endswith("\r\n") else "\n"
        w = csv.writer(g, lineterminator=term, **dialect(s.fmt))
        w.writerow(header + [f"{c}_{x}" for c in s.counts for x in SUFFIXES])
        for _line, row, raw in records:
            if len(row) != n or undecodable(raw) or row[0].startswith("\0csv error"):
                g.write(raw)  # blank or bad: untouched
                continue
            extra: list[str] = []
            for i, m in cols:
                extra += m.get(row[i], empty)
            w.writerow(row + extra)


def _json_cells(col: str, a: Added) -> str:
    return "".join(f", {json.dumps(f'{col}_{x}')}: {json.dumps(v, ensure_ascii=False)}" for x, v in zip(SUFFIXES, a))


def _write_jsonl(s: Scan, out: str, decisions: Mapping[str, Mapping[str, Added]]) -> None:
    empty = {c: _json_cells(c, _EMPTY).encode() for c in s.counts}
    cache: dict[str, dict[str, bytes]] = {c: {} for c in s.counts}
    with open(out, "wb") as g:
        for _number, raw, obj in jsonl_lines(s.path):
            if not isinstance(obj, dict):
                g.write(raw)  # blank or bad: untouched
                continue
            body = raw.rstrip()
            tail = raw[len(body):]
            parts = []
            for c in s.counts:
                key = json_key(obj.get(c))
                if key is None or key not in decisions[c]:
                    parts.append(empty[c])
                    continue
                if key not in cache[c]:
                    cache[c][key] = _json_cells(c, decisions[c][key]).encode()
                parts.append(cache[c][key])
            added = b"".join(parts)
            if not obj:
                added = added[2:]  # '{}' has no member to follow
            # The line's own text is kept; the new members go before its closing brace.
            g.write(body[:-1].rstrip() + added + b"}" + (tail or b""))


def _write_polars(s: Scan, out: str, out_fmt: Format, decisions: Mapping[str, Mapping[str, Added]]) -> None:
    import polars as pl

    text = out_fmt != "parquet"
    if s.fmt == "parquet":
        lf = pl.scan_parquet(s.path)
    else:
        lf = pl.scan_csv(s.path, separator="\t" if s.fmt == "tsv" else ",", quote_char=None if s.fmt == "tsv" else '"',
                         infer_schema=False, has_header=True, encoding="utf8")
    for c in s.counts:
        keys = list(decisions[c])
        vals = list(decisions[c].values())
        names = [f"{c}_{x}" for x in SUFFIXES]
        if text:
            cells = [_csv_cells(v) for v in vals]
            # None, not "": polars quotes an empty string, and the exact path writes nothing.
            data: dict[str, Any] = {n: [r[i] or None for r in cells] for i, n in enumerate(names)}
            schema: dict[str, Any] = {n: pl.String for n in names}
        else:
            data = {n: [v[i] for v in vals] for i, n in enumerate(names)}
            schema = dict(zip(names, (pl.String, pl.String, pl.Float64, pl.String, pl.Boolean)))
        m = pl.DataFrame({"__key": keys, **data}, schema={"__key": pl.String, **schema})
        lf = lf.join(m.lazy(), left_on=pl.col(c).cast(pl.String), right_on="__key", how="left", maintain_order="left")
        if "__key" in lf.collect_schema().names():
            lf = lf.drop("__key")
        empty = [x or None for x in _csv_cells(_EMPTY)] if text else list(_EMPTY)
        lf = lf.with_columns(pl.col(n).fill_null(e) for n, e in zip(names, empty) if e is not None)
    if out_fmt == "parquet":
        lf.sink_parquet(out)
    else:
        lf.sink_csv(out, separator="\t" if out_fmt == "tsv" else ",",
                    quote_style="never" if out_fmt == "tsv" else "necessary", include_bom=s.bom,
                    line_terminator=s.newline)
