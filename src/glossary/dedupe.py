"""Dedupe name columns: every row resolved to a known entity where possible, the rest clustered.

`decide` works on one column's distinct names and their counts (datasets repeat heavily,
so each distinct name is resolved once): names the resolver matches get the entity's id;
the others are clustered (`glossary.cluster`), a cluster that joins a known entity's
spellings lends it its id, and each decision carries a score and a review flag.
`dedupe_file` streams a file through `glossary.formats` twice (count, then write) and
can write the proposals to a review file (`glossary.review`).

Example:
    >>> d = Decision("Jaish al-Izzah", "match", "jaysh-al-izza", "Jaysh al-Izza", 0.9712, None, False, 3)
    >>> d.added()   # the <col>_id, _canonical, _score, _cluster and _review cells
    ('jaysh-al-izza', 'Jaysh al-Izza', 0.971, None, False)
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from .cluster import Cluster, cluster_names
from .dedupe_answers import Answer, Progress, resolve_names, resolve_options
from .formats import EXTENSIONS, Added, Format, detect_format, scan, spool, spool_path, write

if TYPE_CHECKING:
    from .errors import Problem

ACCEPT_MARGIN = 0.04
"""Dedupe gives an id only to a match scoring at least the resolver's threshold plus this."""
REVIEW_MARGIN = 0.08
"""A match scoring less than the threshold plus this is flagged for review."""
CLUSTER_REVIEW = 0.92
"""A cluster of several spellings whose weakest link scores less than this is flagged."""
JOIN_REVIEW = 0.97
"""A spelling that joined a known entity through a cluster is flagged below this."""
DEFAULT_THRESHOLD = 0.8
"""The resolver's threshold when it does not say its own."""


class GlossaryLike(Protocol):
    """What dedupe needs of a glossary: `glossary.Glossary` has it, a test fake can too."""

    def resolve_many(self, names: Iterable[str], **options: Any) -> Iterator[Any]: ...


@dataclass(frozen=True, slots=True)
class Decision:
    """What a distinct name became: the columns written for every row holding it."""

    name: str
    status: str
    """``match`` (the resolver), ``joined`` (a cluster with a known entity's spellings),
    ``cluster`` (unknown, with other spellings), ``singleton`` (unknown, alone)."""
    id: str | None
    canonical: str
    score: float
    cluster: str | None
    review: bool
    count: int = 0

    def added(self) -> Added:
        """The values of the ``<col>_id … <col>_review`` columns."""
        return (self.id, self.canonical, round(self.score, 3), self.cluster, self.review)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a decision."""
        return {"name": self.name, "status": self.status, "id": self.id, "canonical": self.canonical,
                "score": round(self.score, 3), "cluster": self.cluster, "review": self.review, "count": self.count}


@dataclass(slots=True)
class ColumnResult:
    """One column's decisions (by distinct raw value), clusters and summary counts."""

    column: str
    decisions: dict[str, Decision]
    clusters: list[Cluster]
    near: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    """For unknown names: the resolver's best candidates (id, score), for the review file."""

    def summary(self) -> dict[str, dict[str, int]]:
        """Distinct names and rows: total, resolved, clustered, singletons, to review."""
        out: dict[str, dict[str, int]] = {}
        kinds: dict[str, Callable[[Decision], bool]] = {"names": lambda d: True, "resolved": lambda d: d.id is not None,
                 "clustered": lambda d: d.status == "cluster", "singletons": lambda d: d.status == "singleton",
                 "review": lambda d: d.review}
        for kind, pred in kinds.items():
            ds = [d for d in self.decisions.values() if pred(d)]
            out[kind] = {"distinct": len(ds), "rows": sum(d.count for d in ds)}
        return out


def decide(glossary: GlossaryLike, names: Mapping[str, int], *, column: str = "name", type: str | None = None,
           threshold: float | None = None, cluster_threshold: float = 0.80, reserved: Iterable[str] | None = None,
           progress: Progress | None = None, answers: Mapping[str, Answer] | None = None) -> ColumnResult:
    """Resolve each distinct name once, cluster the unknown ones, and decide every name.

    Args:
        glossary: a `glossary.Glossary` (or anything with its ``resolve_many``).
        names: each distinct raw value and how many rows hold it; blank values are skipped.
        column: the column's name (for the summary and the review file).
        type: only resolve to entities of this type.
        threshold: the resolver's match threshold (default: its own).
        cluster_threshold: the similarity two unknown spellings need to share a cluster.
        reserved: ids a new cluster must not take (default: the glossary's entity ids).
        progress: called while names are resolved.
        answers: the resolver's answers for the stripped names, when resolved elsewhere
            (`resolve_names` on Spark workers); resolved here when None.

    Returns:
        A `ColumnResult`; ``decisions`` has one entry per non-blank raw value.
    """
    raw_by_text: dict[str, list[str]] = {}
    for raw in sorted(names):
        text = raw.strip()
        if text:
            raw_by_text.setdefault(text, []).append(raw)
    texts = list(raw_by_text)
    text_count = {t: names[rs[0]] if len(rs) == 1 else sum(names[r] for r in rs) for t, rs in raw_by_text.items()}
    cut = threshold if threshold is not None else _default_threshold()
    options = resolve_options(type=type, threshold=threshold)
    matched: dict[str, tuple[str, str, float, bool]] = {}
    near: dict[str, list[tuple[str, float]]] = {}
    labels: dict[str, str] = {}
    if answers is None:
        answers = resolve_names(glossary, texts, text_count, options=options, progress=progress)
    for text in texts:
        res = answers[text]
        if res.match is not None:
            labels[res.match[0]] = res.match[1]
        if res.status == "match" and res.match is not None and res.match[2] >= cut + ACCEPT_MARGIN:
            eid, label, score = res.match
            matched[text] = (eid, label, score, score < cut + REVIEW_MARGIN)
        else:  # a weak match is no id in a dataset: it is clustered, and its entity offered for review
            near[text] = [(cand[0], round(cand[2], 3)) for cand in res.candidates[:3]]
            for cand in res.candidates[:3]:
                labels.setdefault(cand[0], cand[1])
    if reserved is None:
        entities = getattr(glossary, "entities", ())
        reserved = [e.id for e in entities]
    unknown = [(t, text_count[t]) for t in texts if t not in matched]
    anchors = {t: v[0] for t, v in matched.items() if not v[3]}
    clusters = cluster_names(unknown + [(t, text_count[t]) for t in anchors], anchors=anchors,
                             threshold=cluster_threshold, reserved=set(reserved))
    # each stripped name's decision, as the Decision fields after its name (the raw values and counts come last)
    by_text: dict[str, tuple[str, str | None, str, float, str | None, bool]] = {}
    for t, (eid, label, score, doubt) in matched.items():
        by_text[t] = ("match", eid, label, score, None, doubt)
    low = cut - REVIEW_MARGIN
    for c in clusters:
        several = len(c.members) > 1
        for t, _n in c.members:
            if t in by_text:
                continue
            if c.entity is not None:
                by_text[t] = ("joined", c.entity, labels.get(c.entity, c.entity), c.confidence, None,
                              c.confidence < JOIN_REVIEW)
                continue
            doubtful = any(s >= low for _i, s in near.get(t, ()))
            if several:
                by_text[t] = ("cluster", None, c.label, c.confidence, c.id, doubtful or c.confidence < CLUSTER_REVIEW)
            else:
                by_text[t] = ("singleton", None, c.label, 1.0, c.id, doubtful)
    decisions = {r: Decision(r, *by_text[t], names[r]) for t, raws in raw_by_text.items() for r in raws}
    return ColumnResult(column, decisions, clusters, near)


def _default_threshold() -> float:
    try:
        from .match import THRESHOLD
    except ImportError:  # pragma: no cover - the resolver ships with the package
        return DEFAULT_THRESHOLD
    return float(THRESHOLD)



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

    What is alive already (the glossary's index) is frozen out of its sight, and it starts only after
    100,000 new objects instead of 700; both are restored after.
    """
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold[0], 100_000), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def dedupe_file(glossary: GlossaryLike, path: str, columns: Sequence[str], *, out: str, fmt: str | None = None,
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
                from .review import write_review

                write_review(review_file, results, glossary, source=path)
            problems = [p.__class__(path, p.line, p.column, p.message) for p in s.problems()]
            return DedupeSummary(path, out, ifmt, s.rows, s.bad_rows, results, problems, review_file)
    finally:
        for t in (tmp_in, tmp_out):
            if t and os.path.exists(t):
                os.remove(t)
