"""Decide a name column: every name resolved to a known entity where possible, the rest clustered.

`decide` works on one column's distinct names and their counts (datasets repeat heavily,
so each distinct name is resolved once: `glossary.dedupe.answers`): names the resolver
matches get the entity's id; the others are clustered (`glossary.dedupe.cluster`), a
cluster that joins a known entity's spellings lends it its id, and each `Decision` carries
a score and a review flag.

Example:
    >>> d = Decision("Jaish al-Izzah", "match", "jaysh-al-izza", "Jaysh al-Izza", 0.9712, None, False, 3)
    >>> d.added()   # the <col>_id, _canonical, _score, _cluster and _review cells
    ('jaysh-al-izza', 'Jaysh al-Izza', 0.971, None, False)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from ..match import matcher
from .answers import Answer, Progress, Resolving, resolve_names, resolve_options
from .cluster import JOIN_PROBABILITY, Cluster, cluster_names
from .formats import Added

ACCEPT_MARGIN = 0.04
"""Dedupe gives an id only to a match scoring at least the resolver's threshold plus this."""
REVIEW_MARGIN = 0.08
"""A match scoring less than the threshold plus this is flagged for review."""
CLUSTER_REVIEW = 0.92
"""A cluster of several spellings whose weakest link scores less than this is flagged."""
JOIN_REVIEW = 1.0
"""A spelling that joined a known entity through a cluster is flagged below this: always. Held out
on the training corpus (`bench/dedupe_eval.py --corpus --join-threshold`), the ids the learned
clustering's joins add at 0.98 are about 75% right (73% before a join also needed the entity to be
the spelling's best candidate), the resolver's own matches about 99%: a join is a lead for review,
not a decision to trust unread (it was 0.97 of the rules' similarity). The joins of a spelling the
resolver leans to the entity (`glossary.dedupe.cluster.JOIN_LEANING`) added 127 right ids, no wrong
one and 15 ids of entities the glossary lacks on the same folds: flagged too."""


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


class _Matched(NamedTuple):
    """A name the resolver matched well enough for an id."""

    id: str
    label: str
    score: float
    doubtful: bool
    """Flagged for review (a score close to the threshold)."""


def decide(glossary: Resolving, names: Mapping[str, int], *, column: str = "name", type: str | None = None,
           threshold: float | None = None, cluster_threshold: float | None = None,
           reserved: Iterable[str] | None = None,
           progress: Progress | None = None, answers: Mapping[str, Answer] | None = None,
           cluster_method: str = "learned", pair_model: Any = None,
           join_threshold: float | None = None) -> ColumnResult:
    """Resolve each distinct name once, cluster the unknown ones, and decide every name.

    Args:
        glossary: a `glossary.Glossary` (or anything with its ``resolve_many``).
        names: each distinct raw value and how many rows hold it; blank values are skipped.
        column: the column's name (for the summary and the review file).
        type: only resolve to entities of this type.
        threshold: the resolver's match threshold (default: its own).
        cluster_threshold: what two unknown spellings need to share a cluster (`cluster_names`' threshold:
            a pair probability, or with ``cluster_method="rules"`` a similarity; default: the method's own).
        reserved: ids a new cluster must not take (default: the glossary's entity ids).
        progress: called while names are resolved.
        answers: the resolver's answers for the stripped names, when resolved elsewhere
            (`resolve_names` on Spark workers); resolved here when None.
        cluster_method: ``learned`` (the matcher's pair forest) or ``rules`` (`cluster_names`).
        pair_model: the fitted matcher whose pair forest clusters (default: the shipped one).
        join_threshold: ``learned``: the pair probability an unknown spelling needs to join a known
            entity's cluster and take its id (default `glossary.dedupe.cluster.JOIN_PROBABILITY`).

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
    cut = threshold if threshold is not None else matcher().threshold
    options = resolve_options(type=type, threshold=threshold)
    matched: dict[str, _Matched] = {}
    near: dict[str, list[tuple[str, float]]] = {}
    leaning: dict[str, tuple[str, float]] = {}  # an unmatched name's best candidate and its probability
    labels: dict[str, str] = {}
    if answers is None:
        answers = resolve_names(glossary, texts, text_count, options=options, progress=progress)
    for text in texts:
        res = answers[text]
        if res.match is not None:
            labels[res.match.id] = res.match.label
        if res.status == "match" and res.match is not None and res.match.score >= cut + ACCEPT_MARGIN:
            eid, label, score = res.match
            matched[text] = _Matched(eid, label, score, score < cut + REVIEW_MARGIN)
        else:  # a weak match is no id in a dataset: it is clustered, and its entity offered for review
            near[text] = [(cand.id, round(cand.score, 3)) for cand in res.candidates[:3]]
            if res.candidates:
                leaning[text] = (res.candidates[0].id, res.candidates[0].score)
            for cand in res.candidates[:3]:
                labels.setdefault(cand.id, cand.label)
    if reserved is None:
        entities = getattr(glossary, "entities", ())
        reserved = [e.id for e in entities]
    unknown = [(t, text_count[t]) for t in texts if t not in matched]
    anchors = {t: m.id for t, m in matched.items() if not m.doubtful}
    clusters = cluster_names(unknown + [(t, text_count[t]) for t in anchors], anchors=anchors,
                             threshold=cluster_threshold, reserved=set(reserved), method=cluster_method,
                             model=pair_model,  # (no entity type: the pair forest was fitted without one)
                             join_threshold=JOIN_PROBABILITY if join_threshold is None else join_threshold,
                             leaning=leaning)
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


def decide_columns(glossary: Resolving, counts: Mapping[str, Mapping[str, int]], **options: Any) -> list[ColumnResult]:
    """Decide several name columns of one dataset together: every distinct name is resolved and
    clustered once, over the names of all the columns, so that a spelling gets one decision and
    one cluster id in whichever column it stands, and each cluster is one proposal.

    Args:
        glossary: as `decide` takes it.
        counts: per column (in order), each distinct raw value and how many rows hold it there.
        options: `decide`'s keyword arguments (``type``, ``threshold``, ``cluster_threshold``,
            ``reserved``, ``progress``).

    Returns:
        One `ColumnResult` per column, in order: its own values' decisions (with its own row
        counts) and the clusters and candidates of its names, shared with the other columns.

    Example:
        >>> class NoMatch:
        ...     def resolve_many(self, names, **options):
        ...         from glossary.match import Resolution
        ...         return [Resolution(n, "none", None, []) for n in names]
        >>> a, b = decide_columns(NoMatch(), {"actor": {"Liwa al-Haqq": 2}, "target": {"Liwaa al-Haq": 1}},
        ...                       reserved=())
        >>> a.decisions["Liwa al-Haqq"].cluster == b.decisions["Liwaa al-Haq"].cluster
        True
    """
    merged: Counter[str] = Counter()
    for names in counts.values():
        for raw, n in names.items():
            merged[raw] += n
    whole = decide(glossary, merged, column=", ".join(counts), **options)
    if len(counts) == 1:  # one column: its counts are the merged ones, its result the whole one
        return [ColumnResult(next(iter(counts)), whole.decisions, whole.clusters, whole.near)]
    out = []
    for column, names in counts.items():
        decisions = {r: replace(whole.decisions[r], count=n) for r, n in names.items() if r in whole.decisions}
        here = {d.name.strip() for d in decisions.values()}
        clusters = [c for c in whole.clusters if any(t in here for t, _ in c.members)]
        near = {t: v for t, v in whole.near.items() if t in here}
        out.append(ColumnResult(column, decisions, clusters, near))
    return out
