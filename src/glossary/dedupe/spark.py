"""Dedupe a column of a PySpark DataFrame with the same resolver and clusters as the command line.

``pip install "glossary[spark]"``, then::

    from glossary.dedupe.spark import resolve_column
    out = resolve_column(events, "actor", glossary_paths=["my-glossary.yaml"])

adds ``actor_id``, ``actor_canonical``, ``actor_score``, ``actor_cluster`` and
``actor_review``, each row getting exactly what `glossary dedupe` gives it on the same
data. How:

1. the column's distinct values are counted on the cluster (``groupBy``), and only
   those counts come to the driver (bounded by distinct names, as on one machine);
2. the distinct names, partitioned by their spelling group (`glossary.dedupe.spellings.unit_key`),
   are resolved on the workers (``mapPartitions``): the glossary files' bytes are
   broadcast once, and each Python worker builds the index once and keeps it;
3. the driver clusters the unknown names and decides every name (`glossary.dedupe.column.decide_columns`,
   the same function the command line uses; several columns are decided together);
4. the decisions are broadcast-joined back onto the rows.

Requires pyspark only (plain Python on the workers, no pandas); Java 17 for pyspark 4.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .formats import SUFFIXES

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

    from ..glossary import Glossary

_WORKER: dict[str, Any] = {}
"""On a worker: the glossary built from the broadcast sources, by content hash."""


def _worker_glossary(sources: list[tuple[str, bytes]]) -> Glossary:
    from ..glossary import Glossary
    from ..store import Source, content_hash

    srcs = [Source(p, b) for p, b in sources]
    key = content_hash(srcs)
    if key not in _WORKER:
        g = Glossary(srcs)
        from ..match import Resolver

        g.__dict__["resolver"] = Resolver(g.index.in_memory())  # many lookups: keep the index in memory
        _WORKER[key] = g
    glossary: Glossary = _WORKER[key]
    return glossary


def _resolve_partition(sources: Any, options: dict[str, Any]) -> Any:
    """The ``mapPartitions`` function: (name, count) rows in, one (name, answer fields...) tuple per name out."""

    def run(rows: Iterator[Any]) -> Iterator[tuple[Any, ...]]:
        import json

        from .answers import resolve_names

        counts = {r[0]: int(r[1]) for r in rows}
        if not counts:
            return
        answers = resolve_names(_worker_glossary(sources.value), sorted(counts), counts, options=options)
        for name, a in answers.items():
            yield (name, a.status, *(a.match or (None, None, None)), json.dumps([list(c) for c in a.candidates],
                                                                                 ensure_ascii=False))

    return run


def resolve_column(df: DataFrame, column: str | Sequence[str], *, glossary: Glossary | None = None,
                   glossary_paths: Sequence[str] | None = None, type: str | None = None,
                   threshold: float | None = None, cluster_threshold: float | None = None,
                   partitions: int | None = None, cluster_method: str = "learned") -> DataFrame:
    """Add ``<column>_id``, ``_canonical``, ``_score``, ``_cluster`` and ``_review`` to a DataFrame.

    Args:
        df: any DataFrame with the column (its values are read as strings).
        column: the name column, or several (``["actor", "target"]``): decided together, as the
            command line decides the columns of one file (`glossary.dedupe.column.decide_columns`:
            a spelling gets one decision and one cluster id in whichever column it stands).
        glossary: a loaded glossary (default: `glossary.load(glossary_paths)`).
        glossary_paths: glossary files, when ``glossary`` is not given.
        type: only resolve to entities of this type.
        threshold: the resolver's match threshold.
        cluster_threshold: what two unknown spellings need to share a cluster (a pair probability, or
            with ``cluster_method="rules"`` a similarity; default: the method's own).
        partitions: partitions for the distinct names (default: Spark's default parallelism).
        cluster_method: ``learned`` or ``rules`` (`glossary.dedupe.cluster.cluster_names`).

    Returns:
        ``df`` with the five columns added for each column (rows are neither dropped nor duplicated).

    Raises:
        GlossaryError: a column does not exist (naming those that do).

    Example:
        >>> resolve_column(spark.read.parquet("events.parquet"), "actor")  # doctest: +SKIP
    """
    import json

    from pyspark.sql import functions as F

    from ..errors import GlossaryError, Problem
    from ..glossary import load
    from .answers import Answer, Known, resolve_options
    from .column import decide_columns
    from .spellings import unit_key

    columns = [column] if isinstance(column, str) else list(dict.fromkeys(column))
    for c in columns:
        if c not in df.columns:
            raise GlossaryError([Problem("<DataFrame>", 1, 1, f"no column {c!r} (columns: "
                                         f"{', '.join(map(repr, df.columns))})")])
    g = glossary or load(glossary_paths)
    spark = df.sparkSession
    counts: dict[str, dict[str, int]] = {}
    texts: dict[str, int] = {}
    for c in columns:
        key = F.col(c).cast("string")
        counts[c] = {r[0]: int(r[1]) for r in df.where(key.isNotNull()).groupBy(key.alias("k")).count().collect()}
        for raw, n in counts[c].items():
            if raw.strip():
                texts[raw.strip()] = texts.get(raw.strip(), 0) + n
    answers: dict[str, Answer] = {}
    if texts:
        names = spark.createDataFrame([(t, n, "\x1f".join(unit_key(t))) for t, n in sorted(texts.items())],
                                      "name string, count long, grp string")
        names = names.repartition(partitions or spark.sparkContext.defaultParallelism, "grp").select("name", "count")
        sources = spark.sparkContext.broadcast([(s.path, s.data) for s in g.sources])
        options = resolve_options(type=type, threshold=threshold)
        for name, status, eid, label, score, cands in names.rdd.mapPartitions(
                _resolve_partition(sources, options)).collect():
            match = Known(eid, label, float(score)) if eid is not None else None
            answers[name] = Answer(status, match, tuple(Known(c[0], c[1], float(c[2])) for c in json.loads(cands)))
    results = decide_columns(g, counts, type=type, threshold=threshold, cluster_threshold=cluster_threshold,
                             cluster_method=cluster_method, answers=answers)
    out = df
    for c, col in zip(columns, results):
        names_out = [f"{c}_{s}" for s in SUFFIXES]
        rows = [(k, *d.added()) for k, d in sorted(col.decisions.items())]
        schema = "__key string, " + ", ".join(f"`{n}` {t}" for n, t in
                                              zip(names_out, ("string", "string", "double", "string", "boolean")))
        mapping = spark.createDataFrame(rows, schema) if rows else spark.createDataFrame([], schema)
        out = out.join(F.broadcast(mapping), F.col(c).cast("string") == F.col("__key"), "left").drop("__key")
        out = out.withColumn(names_out[4], F.coalesce(F.col(names_out[4]), F.lit(False)))
    return out
