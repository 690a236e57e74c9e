"""Exchange: the glossary out to translators' and researchers' tools, and back in through review.

`export` writes one format (`FORMATS`); `read_file` reads an export (TBX v3 or v2, entity CSV,
JSON Lines, the alias table in CSV or Parquet) back as entity mappings; `glossary.exchange.merge`
resolves them against a loaded glossary and writes a review file that ``glossary apply`` takes.
Nothing here writes a glossary file.

Example:
    >>> import glossary
    >>> text = export(glossary.load(), "jsonl", types=["media"])
    >>> text.splitlines()[0][:40]
    '{"id": "reuters", "type": "media", "roma'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import GlossaryError, Problem
from . import tables, tbx
from .common import SCHEME_TAGS, select

if TYPE_CHECKING:
    from ..glossary import Glossary
    from ..model import Entity

__all__ = ["DEFAULT_SCHEMES", "FORMATS", "IMPORT_FORMATS", "export", "format_of", "read_file"]

Writer = Callable[["Glossary", Sequence["Entity"], Sequence[str]], "str | bytes"]

FORMATS: dict[str, Writer] = {
    "tbx": lambda g, es, ss: tbx.write_tbx(g, es, ss, version=3),
    "tbx2": lambda g, es, ss: tbx.write_tbx(g, es, ss, version=2),
    "omegat": tables.omegat,
    "memoq": tables.memoq,
    "crowdin": tables.crowdin,
    "csv": tables.entity_csv,
    "jsonl": tables.entity_jsonl,
    "aliases": tables.aliases_csv,
    "aliases-parquet": tables.aliases_parquet,
}
"""Export formats by name (see `glossary.exchange.tbx` and `glossary.exchange.tables`)."""
DEFAULT_SCHEMES = ("ala-lc",)
"""Romanizations exported when no scheme is named."""
IMPORT_FORMATS = ("tbx", "csv", "jsonl", "aliases", "aliases-parquet")


def export(glossary: Glossary, fmt: str, *, schemes: Sequence[str] = DEFAULT_SCHEMES,
           types: Iterable[str] = ()) -> str | bytes:
    """The glossary (or its entities of ``types``) in one format: text, or bytes for Parquet.

    Raises:
        ValueError: an unknown format or scheme.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    unknown = [s for s in schemes if s not in SCHEME_TAGS]
    if unknown:
        raise ValueError(f"unknown scheme {unknown[0]!r} (expected one of: {', '.join(SCHEME_TAGS)})")
    return FORMATS[fmt](glossary, select(glossary, types), list(dict.fromkeys(schemes)))


def format_of(path: str, data: bytes) -> str:
    """An import file's format, from its content (XML, Parquet, JSON) and its header."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data[:4] == b"PAR1":
        return "aliases-parquet"
    if head.startswith(b"<"):
        return "tbx"
    if head.startswith(b"{"):
        return "jsonl"
    first = head.split(b"\n", 1)[0]
    if first.startswith(b"entity_id,"):
        return "aliases"
    if first.startswith(b"id,"):
        return "csv"
    raise GlossaryError([Problem(path, 1, 1, "unknown format: expected TBX, the entity CSV (id,type,…), JSON Lines "
                                             "or the alias table (entity_id,…); give --format")])


def read_file(path: str, fmt: str | None = None) -> list[tuple[int, dict[str, Any]]]:
    """The entities of an exchange file as ``(line or row, mapping)`` pairs, in file order.

    Raises:
        GlossaryError: the file cannot be read or is not of its format (``file:line:col``).
    """
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise GlossaryError([Problem(path, 1, 1, f"cannot read file: {e.strerror or e}")]) from None
    fmt = fmt or format_of(path, data)
    if fmt == "tbx":
        return list(tbx.read_tbx(data, path))
    if fmt == "aliases-parquet":
        import polars as pl

        try:
            frame = pl.read_parquet(data)
        except Exception as e:  # noqa: BLE001  (polars raises several kinds for a bad file)
            raise GlossaryError([Problem(path, 1, 1, f"not a Parquet file: {e}")]) from None
        return list(tables.read_aliases([(i + 2, r) for i, r in enumerate(frame.iter_rows(named=True))]))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise GlossaryError([Problem(path, line, 1, f"file is not UTF-8: byte 0x{data[e.start]:02x} at offset {e.start}")]) from None
    if fmt == "jsonl":
        return list(tables.read_jsonl(text, path))
    if fmt == "aliases":
        return list(tables.read_aliases(list(tables._rows(text, path))))
    if fmt == "csv":
        return list(tables.read_entity_csv(text, path))
    raise ValueError(f"cannot import {fmt!r} (expected one of: {', '.join(IMPORT_FORMATS)})")
