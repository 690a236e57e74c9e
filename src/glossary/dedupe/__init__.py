"""Dedupe: name columns resolved to known entities, the rest clustered, the results reviewed.

`decide` (`column`) decides one column's distinct names (`decide_columns`: several columns
as one, so that a spelling gets one decision and one cluster id wherever it stands) (`answers`: each spelling group resolved
once; `cluster`, `pairs`, `scripts`, `spellings`: the unknown ones grouped, in either script);
`dedupe_file` (`file`) does it for the name columns of a CSV, TSV, JSON Lines or Parquet file
(`formats`, `scan`, `write`: read twice, never held whole); `review` writes the proposals and
applies what a person accepted; `spark` runs the same on a PySpark column. Names are imported
from their modules on first use (importing the package loads neither rapidfuzz nor polars).

Example:
    >>> from glossary.dedupe import cluster_names
    >>> [c.label for c in cluster_names([("Liwa al-Haqq", 5), ("Liwaa al-Haq", 2)])]
    ['Liwa al-Haqq']
"""

from typing import TYPE_CHECKING

from .._lazy import attributes

if TYPE_CHECKING:
    from .cluster import Cluster, cluster_names
    from .column import ColumnResult, Decision, decide, decide_columns
    from .file import DedupeSummary, dedupe_file
    from .review import ApplySummary, apply_review, write_review
    from .spark import resolve_column
    from .spellings import similarity, unit_key

__all__ = ["ApplySummary", "Cluster", "ColumnResult", "Decision", "DedupeSummary", "apply_review", "cluster_names",
           "decide", "decide_columns", "dedupe_file", "resolve_column", "similarity", "unit_key", "write_review"]

__getattr__ = attributes(__name__, {
    "ApplySummary": "review", "Cluster": "cluster", "ColumnResult": "column", "Decision": "column",
    "DedupeSummary": "file", "apply_review": "review", "cluster_names": "cluster", "decide": "column", "decide_columns": "column",
    "dedupe_file": "file", "resolve_column": "spark", "similarity": "spellings", "unit_key": "spellings",
    "write_review": "review",
})
