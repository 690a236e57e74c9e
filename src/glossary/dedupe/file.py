"""Dedupe a file: its name columns decided (`glossary.dedupe.column`), the decisions written beside them.

`dedupe_file` streams a CSV, TSV, JSON Lines or Parquet file twice, counting then writing
(`glossary.dedupe.scan`, `glossary.dedupe.write`), and can write the proposals to a review
file (`glossary.dedupe.review`).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ..errors import Problem
from .answers import Progress, Resolving
from .column import ColumnResult, decide
from .formats import EXTENSIONS, Format, detect_format, spool, spool_path
from .review import write_review
from .scan import scan
from .write import write


@dataclass(slots=True)
class DedupeSummary:
    """What `dedupe_file` did: rows, bad rows, and per column the decision counts."""

    path: str
    out: str
    format: str
    rows: int
    bad_rows: int
    columns: list[ColumnResult]
    problems: list[Problem]
    review_file: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape (``--json``): counts only, never the names themselves."""
        return {"path": self.path, "out": self.out, "format": self.format, "rows": self.rows,
                "bad_rows": self.bad_rows, "review_file": self.review_file,
                "columns": {c.column: c.summary() for c in self.columns},
                "problems": [p.to_dict() for p in self.problems]}


@contextmanager
def _few_collections() -> Iterator[None]:
    """Keep the cyclic garbage collector out of the way: it would walk every name and answer held, again and again.

    What is alive already (the glossary's index) is frozen out of its sight, unless the caller froze
    objects of its own (then it is left to them, as `glossary.match.Resolver.resolve_many` does),
    and it starts only after 100,000 new objects instead of 700; both are restored after.
    """
    threshold = gc.get_threshold()
    freeze = gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    gc.set_threshold(max(threshold[0], 100_000), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if freeze:
            gc.unfreeze()


def dedupe_file(glossary: Resolving, path: str, columns: Sequence[str], *, out: str, fmt: str | None = None,
                out_fmt: str | None = None, review_file: str | None = None, type: str | None = None,
                threshold: float | None = None, cluster_threshold: float = 0.80,
                progress: Progress | None = None) -> DedupeSummary:
    """Dedupe ``columns`` of a CSV, TSV, JSON Lines or Parquet file into ``out``.

    The output is the input, every row and column in order, plus for each column
    ``<col>_id``, ``<col>_canonical``, ``<col>_score``, ``<col>_cluster`` and
    ``<col>_review``. Bad rows are passed through untouched and listed in the summary.

    Args:
        glossary: the loaded glossary.
        path: the input file (``-``: standard input, spooled to a temporary file).
        columns: the name columns; each must exist.
        out: the output file (``-``: standard output).
        fmt: the input format; default from the extension.
        out_fmt: the output format; default from ``out``'s extension, else the input's.
        review_file: where to write the proposals (YAML), if anywhere.
        type: only resolve to entities of this type.
        threshold: the resolver's match threshold.
        cluster_threshold: the similarity two unknown spellings need to share a cluster.
        progress: called while names are resolved.

    Raises:
        GlossaryError: unreadable input, a missing column (naming the columns that exist).
    """
    import sys

    ifmt: Format = detect_format(path, fmt)
    ofmt: Format = ifmt
    if out_fmt:
        ofmt = detect_format(out, out_fmt)
    elif out != "-" and os.path.splitext(out)[1].lower() in EXTENSIONS:
        ofmt = detect_format(out)
    tmp_in = spool(sys.stdin.buffer, "." + ifmt) if path == "-" else None
    tmp_out = spool_path(ofmt) if out == "-" else None
    try:
        with _few_collections():  # many small objects, no cycles: collecting finds nothing
            s = scan(tmp_in or path, ifmt, columns)
            if tmp_in:
                s.path = tmp_in
            results = [decide(glossary, s.counts[c], column=c, type=type, threshold=threshold,
                              cluster_threshold=cluster_threshold, progress=progress) for c in columns]
            write(s, tmp_out or out, ofmt, {r.column: {k: d.added() for k, d in r.decisions.items()} for r in results})
            if tmp_out:
                import shutil

                with open(tmp_out, "rb") as f:
                    sys.stdout.flush()
                    shutil.copyfileobj(f, sys.stdout.buffer, 1 << 20)
                    sys.stdout.buffer.flush()
            if review_file:
                write_review(review_file, results, glossary, source=path)
            problems = [p.__class__(path, p.line, p.column, p.message) for p in s.problems()]
            return DedupeSummary(path, out, ifmt, s.rows, s.bad_rows, results, problems, review_file)
    finally:
        for t in (tmp_in, tmp_out):
            if t and os.path.exists(t):
                os.remove(t)
