"""The ``dedupe`` and ``apply`` commands: thin clients of `glossary.dedupe`.

The command group imports this module only when one of them is asked for (``COMMANDS``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from ..dedupe.formats import FORMATS
from ..model import ENTITY_TYPES
from .state import State, json_option, pass_state

if TYPE_CHECKING:
    from rich.table import Table

    from ..dedupe import ApplySummary, DedupeSummary
    from ..model import EntityType
    from ..dedupe.answers import Progress


def _summary_table(s: DedupeSummary, *, plain: bool) -> Table:
    from rich import box
    from rich.table import Table

    t = Table(box=None if plain else box.SIMPLE_HEAD, title=None if plain else f"{s.path}: {s.rows:,} rows")
    t.add_column("column")
    for h in ("distinct names", "resolved", "clustered", "singletons", "to review"):
        t.add_column(h, justify="right")
    for c in s.columns:
        m = c.summary()

        def cell(k: str, m: dict[str, dict[str, int]] = m) -> str:
            return f"{m[k]['distinct']:,} ({m[k]['rows']:,} rows)"

        t.add_row(c.column, cell("names"), cell("resolved"), cell("clustered"), cell("singletons"), cell("review"))
    return t


@contextmanager
def _progress(state: State, enabled: bool) -> Iterator[Progress | None]:
    if not enabled or not state.err.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=state.err, transient=True) as bar:
        task = bar.add_task("resolving names", total=None)

        def update(stage: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--column", "-c", "columns", multiple=True, required=True, help="A name column (repeatable).")
@click.option("-o", "--output", "out", default="-", show_default=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="Output file; its extension sets its format (default: the input's).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Input format (default: from FILE's extension).")
@click.option("--to", "out_fmt", type=click.Choice(FORMATS), help="Output format (default: from OUT's extension).")
@click.option("--review-file", type=click.Path(dir_okay=False), help="Write the proposals here (YAML) for review.")
@click.option("--type", "etype", type=click.Choice(ENTITY_TYPES), help="Only resolve to entities of this type.")
@click.option("--threshold", type=click.FloatRange(0, 1), help="Score (0-1) a match needs; default: the resolver's.")
@click.option("--cluster-threshold", type=click.FloatRange(0, 1), default=0.80, show_default=True,
              help="Similarity (0-1) two unknown spellings need to share a cluster.")
@click.option("--progress/--no-progress", default=True, help="Progress bar on stderr (only on a terminal).")
@json_option
@pass_state
def dedupe(state: State, file: str, columns: tuple[str, ...], out: str, fmt: str | None, out_fmt: str | None,
           review_file: str | None, etype: EntityType | None, threshold: float | None, cluster_threshold: float,
           progress: bool, as_json: bool) -> None:
    """Resolve name columns to known entities and cluster the unknown spellings.

    Reads CSV, TSV, JSON Lines or Parquet (FILE '-' is stdin) and writes every row and
    column in order plus, per column, <col>_id, <col>_canonical, <col>_score,
    <col>_cluster and <col>_review. The summary goes to stderr (--json: stdout when
    the output is a file). Bad rows are passed through and reported with their line.

    Example: glossary dedupe events.csv --column actor --column "موقع" -o out.csv --review-file review.yaml
    """
    from ..dedupe import dedupe_file

    if out == "-" and (out_fmt or fmt) == "parquet":
        raise click.UsageError("Parquet cannot go to standard output: give -o FILE.parquet")
    with _progress(state, progress) as update:
        summary = dedupe_file(state.glossary, file, list(columns), out=out, fmt=fmt, out_fmt=out_fmt,
                              review_file=review_file, type=etype, threshold=threshold,
                              cluster_threshold=cluster_threshold, progress=update)
    for p in summary.problems:
        click.echo(str(p), err=True)
    if summary.bad_rows > len(summary.problems):
        click.echo(f"{summary.path}: {summary.bad_rows - len(summary.problems)} more bad row(s) passed through",
                   err=True)
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False), err=out == "-")
        return
    state.err.print(_summary_table(summary, plain=state.plain or not state.err.is_terminal))
    bad = f", {summary.bad_rows:,} bad row(s) passed through" if summary.bad_rows else ""
    state.err.print(f"{summary.rows:,} rows{bad} -> {'stdout' if out == '-' else out}"
                    + (f"; proposals in {review_file}" if review_file else ""))


def _target(state: State, to: str | None) -> str:
    """The glossary file ``apply`` changes: --to, else the one --glossary or $GLOSSARY_PATH names."""
    if to:
        return to
    listed = list(state.paths) or [p for p in os.environ.get("GLOSSARY_PATH", "").split(os.pathsep) if p.strip()]
    if len(listed) == 1:
        return listed[0]
    if listed:
        raise click.UsageError("several glossaries are loaded: say which one to change with --to FILE")
    raise click.UsageError("say which glossary file to change: glossary --glossary FILE apply REVIEW (or --to FILE)")


@click.command(name="apply")
@click.argument("review", type=click.Path(dir_okay=False, exists=True))
@click.option("--to", "to", type=click.Path(dir_okay=False, exists=True),
              help="The glossary file to change (default: the one given with --glossary).")
@json_option
@pass_state
def apply_(state: State, review: str, to: str | None, as_json: bool) -> None:
    """Add what a review file accepted to a glossary file, its comments, order and formatting kept.

    The file is written atomically, and only when something changed: applying the
    same review twice changes nothing the second time.

    Example: glossary --glossary my-glossary.yaml apply review.yaml
    """
    from ..dedupe import apply_review

    summary = apply_review(review, _target(state, to))
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False))
        return
    _print_apply(state, summary)


def _print_apply(state: State, s: ApplySummary) -> None:
    from rich import box
    from rich.table import Table

    if not s.written:
        state.console.print(f"{s.glossary}: nothing to change ({s.unchanged} accepted proposal(s) already there, "
                            f"{s.rejected} not accepted)")
        return
    t = Table(box=None if state.plain else box.SIMPLE_HEAD)
    t.add_column("change")
    t.add_column("entity")
    t.add_column("spellings")
    for eid in s.entities:
        t.add_row("new entity", eid, "")
    for eid, texts in s.variants.items():
        t.add_row("new variants", eid, ", ".join(texts))
    state.console.print(t)
    n_var = sum(len(v) for v in s.variants.values())
    state.console.print(f"{s.glossary}: {len(s.entities)} entit{'y' if len(s.entities) == 1 else 'ies'} and "
                        f"{n_var} variant(s) added; {s.unchanged} already there, {s.rejected} not accepted")


COMMANDS = [dedupe, apply_]
