"""Shared helpers for the benchmarks: load a glossary (YAML or TSV) and a query file.

Glossaries: a ``.yaml`` file goes through `glossary.store.load_entities`; a ``.tsv`` file
has the columns ``id  type  romanized  arabic  english`` (the external set's
entities.tsv). Queries: ``query  expected  category`` (``expected`` is ``-`` for a
negative; further columns are ignored; lines starting with ``#`` are comments).
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from glossary.model import ENTITY_TYPES, Entity


@dataclass(frozen=True)
class Query:
    """One evaluation query."""

    text: str
    expected: str | None
    category: str


def load_glossary(path: str | Path) -> list[Entity]:
    """Entities from a glossary YAML file or an entities TSV file."""
    path = Path(path)
    if path.suffix in (".yaml", ".yml"):
        from glossary.store import load_entities

        return load_entities([path])
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"):
            etype = row["type"] if row["type"] in ENTITY_TYPES else "other"
            out.append(Entity(id=row["id"], type=etype,  # type: ignore[arg-type]
                              romanized=row.get("romanized") or None, arabic=row.get("arabic") or None,
                              english=row.get("english") or None))
    return out


def load_queries(path: str | Path) -> list[Query]:
    """Queries from a TSV file (header ``query expected category``)."""
    out = []
    with Path(path).open(encoding="utf-8", newline="") as f:
        rows = csv.reader((line for line in f if not line.startswith("#")), delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows)
        qi, ei, ci = header.index("query"), header.index("expected"), header.index("category")
        for row in rows:
            if len(row) <= max(qi, ei, ci):
                continue
            exp = row[ei].strip()
            out.append(Query(row[qi], None if exp in ("", "-") else exp, row[ci].strip()))
    return out
