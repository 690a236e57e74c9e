"""Dedupe a file: its name columns decided (`glossary.dedupe.column`), the decisions written beside them.

`dedupe_file` streams a CSV, TSV, JSON Lines or Parquet file twice, counting then writing
(`glossary.dedupe.scan`, `glossary.dedupe.write`), and can write the proposals to a review
file (`glossary.dedupe.review`). Standard input, or a file that cannot be read twice (a FIFO,
``<(command)``), is copied to a temporary file first; a file in another encoding than UTF-8
(`glossary.dedupe.encoding`) is transcoded to one, and most of its rows unreadable in the
encoding is an error that suggests another.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem
from .answers import Progress, Resolving
from .column import ColumnResult, decide_columns
from .encoding import check_decoded, is_utf8, sniff, transcode
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
    warnings: list[Problem] = field(default_factory=list)
    """Cells left unresolved: longer than `glossary.dedupe.formats.MAX_NAME_LENGTH` (by line), or no name."""
    encoding: str = "utf-8"

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape (``--json``): counts only, never the names themselves."""
        return {"path": self.path, "out": self.out, "format": self.format, "encoding": self.encoding,
                "rows": self.rows, "bad_rows": self.bad_rows, "review_file": self.review_file,
                "columns": {c.column: c.summary() for c in self.columns},
                "problems": [p.to_dict() for p in self.problems], "warnings": [p.to_dict() for p in self.warnings]}


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
                threshold: float | None = None, cluster_threshold: float | None = None, encoding: str | None = None,
                progress: Progress | None = None, cluster_method: str = "learned") -> DedupeSummary:
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
        cluster_threshold: what two unknown spellings need to share a cluster (a pair probability, or
            with ``cluster_method="rules"`` a similarity; default: the method's own).
        encoding: the input's text encoding (default: UTF-8, or UTF-16/32 when a byte-order
            mark says so); the output is UTF-8 whatever it is.
        progress: called while names are resolved.
        cluster_method: ``learned`` or ``rules`` (`glossary.dedupe.cluster.cluster_names`).

    Raises:
        GlossaryError: unreadable input, a missing column (naming the columns that exist), most
            rows unreadable in the encoding (suggesting another).
        LookupError: an unknown encoding.
    """
    import sys

    ifmt: Format = detect_format(path, fmt)
    ofmt: Format = ifmt
    if out_fmt:
        ofmt = detect_format(out, out_fmt)
    elif out != "-" and os.path.splitext(out)[1].lower() in EXTENSIONS:
        ofmt = detect_format(out)
    temporary: list[str] = []
    tmp_out = spool_path(ofmt) if out == "-" else None
    try:
        source, codec, raw = _readable(path, ifmt, encoding, temporary)
        with _few_collections():  # many small objects, no cycles: collecting finds nothing
            s = scan(source, ifmt, columns, encoding=codec)
            check_decoded(path, s.undecodable, s.rows + s.bad_rows, codec, _head(raw))
            results = decide_columns(glossary, {c: s.counts[c] for c in columns}, type=type, threshold=threshold,
                                     cluster_threshold=cluster_threshold, cluster_method=cluster_method,
                                     progress=progress)
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
            warnings = [p.__class__(path, p.line, p.column, p.message) for p in s.warnings()]
            return DedupeSummary(path, out, ifmt, s.rows, s.bad_rows, results, problems, review_file, warnings, codec)
    finally:
        for t in (*temporary, tmp_out):
            if t and os.path.exists(t):
                os.remove(t)


def _head(path: str) -> bytes:
    """The first bytes of a file (to guess its encoding); none when it cannot be read again."""
    try:
        with open(path, "rb") as f:
            return f.read(1 << 16)
    except OSError:
        return b""


def _readable(path: str, fmt: Format, encoding: str | None, temporary: list[str]) -> tuple[str, str, str]:
    """A UTF-8 file both passes can read, the encoding the input was in, and the input's own
    bytes (a file): ``path`` itself, or a temporary copy (of standard input, of a FIFO,
    transcoded from another encoding), listed in ``temporary``."""
    import stat
    import sys

    from ..errors import GlossaryError

    source = path
    if path == "-" or (os.path.exists(path) and not stat.S_ISREG(os.stat(path).st_mode)):
        if path == "-" and sys.stdin is None:
            raise GlossaryError("standard input is closed: give the names as arguments, or pipe them in")
        try:
            if path == "-":
                source = spool(sys.stdin.buffer, "." + fmt)
            else:
                with open(path, "rb") as f:
                    source = spool(f, "." + fmt)
        except OSError as e:
            raise GlossaryError([Problem(path, 1, 1, f"cannot read file: {e.strerror or e}")]) from e
        temporary.append(source)
    if fmt == "parquet":
        return source, "utf-8", source  # (Parquet's strings are UTF-8)
    try:
        with open(source, "rb") as f:
            codec = sniff(f.read(4), encoding)
    except OSError:
        return source, sniff(b"", encoding), source  # (scan reports the file that cannot be read)
    if is_utf8(codec):
        return source, codec, source
    utf8 = spool_path(fmt)
    temporary.append(utf8)
    with open(source, "rb") as src, open(utf8, "wb") as dst:
        transcode(src, dst, codec)
    return utf8, codec, source
