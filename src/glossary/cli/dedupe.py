"""The ``dedupe`` and ``apply`` commands: thin clients of `glossary.dedupe`.

The command group imports this module only when one of them is asked for (``COMMANDS``).
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click

from ..dedupe.formats import FORMATS
from ..errors import GlossaryError
from ..model import ENTITY_TYPES
from .state import State, encoding_option, json_option, locale_option, pass_state, target

if TYPE_CHECKING:
    from ..dedupe import ApplySummary
    from ..i18n import Locale
    from ..model import EntityType


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
@click.option("--cluster-threshold", type=click.FloatRange(0, 1),
              help="What two unknown spellings need to share a cluster: the learned pair probability (default "
                   "0.8), or with --cluster-method rules the similarity (default 0.8).")
@click.option("--cluster-method", type=click.Choice(["learned", "rules"]), default="learned", show_default=True,
              help="Cluster unknown spellings with the learned pair model, or with the similarity rules it replaced.")
@click.option("--progress/--no-progress", default=True, help="Progress bar on stderr (only on a terminal).")
@encoding_option
@locale_option
@json_option
@pass_state
def dedupe(state: State, file: str, columns: tuple[str, ...], out: str, fmt: str | None, out_fmt: str | None,
           review_file: str | None, etype: EntityType | None, threshold: float | None,
           cluster_threshold: float | None, cluster_method: str, progress: bool, encoding: str | None,
           locale: str | None, as_json: bool) -> None:
    """Resolve name columns to known entities and cluster the unknown spellings.

    Reads CSV, TSV, JSON Lines or Parquet (FILE '-' is stdin) and writes every row and
    column in order plus, per column, <col>_id, <col>_canonical, <col>_score,
    <col>_cluster and <col>_review. The summary goes to stderr (--json: stdout when
    the output is a file). Bad rows are passed through and reported with their line, as are
    cells too long to be a name (over 1,000 characters: left unresolved). The input is UTF-8
    unless a byte-order mark says UTF-16 or --encoding names another (cp1256 for Arabic
    from Windows); the output is always UTF-8.

    Example: glossary dedupe events.csv --column actor --column "موقع" -o out.csv --review-file review.yaml
    """
    from ..dedupe import dedupe_file

    t = state.messages(locale)
    if out == "-" and (out_fmt or fmt) == "parquet":
        raise click.UsageError(t.gettext("Parquet cannot go to standard output: give -o FILE.parquet"))
    if encoding:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise click.BadParameter(t.gettext("unknown encoding {name}").format(name=repr(encoding)),
                                     param_hint="--encoding") from None
    if file == "-" and sys.stdin is None:
        raise GlossaryError(t.gettext("standard input is closed: give a file, or pipe one in"))
    bar = state.bar if progress else None
    summary = dedupe_file(state.glossary, file, list(dict.fromkeys(columns)), out=out, fmt=fmt, out_fmt=out_fmt,
                          review_file=review_file, type=etype, threshold=threshold,
                          cluster_threshold=cluster_threshold, cluster_method=cluster_method, encoding=encoding,
                          progress=(lambda stage, done, total: bar(stage, file, done, total)) if bar else None)
    state.bar.close()
    for p in [*summary.problems, *summary.warnings]:
        state.echo(str(p), err=True)
    if summary.bad_rows > len(summary.problems):
        more = summary.bad_rows - len(summary.problems)
        state.echo(t.ngettext("{path}: {n} more bad row passed through", "{path}: {n} more bad rows passed through",
                              more).format(path=summary.path, n=t.count(more)), err=True)
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False), err=out == "-")
        return
    from .tables import dedupe_summary

    if state.err_terminal:
        state.echo(state.err_paint.style(t.ngettext("{path}: {n} row", "{path}: {n} rows", summary.rows).format(
            path=summary.path, n=t.count(summary.rows)), "bold"), err=True)
    state.table(dedupe_summary(summary, t), err=True)
    line = t.ngettext("{n} row", "{n} rows", summary.rows).format(n=t.count(summary.rows))
    if summary.bad_rows:
        line += t.ngettext(", {n} bad row passed through", ", {n} bad rows passed through", summary.bad_rows).format(
            n=t.count(summary.bad_rows))
    line += " -> " + (t.gettext("stdout") if out == "-" else out)
    if review_file:
        line += t.gettext("; proposals in {file}").format(file=review_file)
    state.echo(line, err=True)


@click.command(name="apply")
@click.argument("review", type=click.Path(dir_okay=False, exists=True))
@click.option("--to", "to", type=click.Path(dir_okay=False, exists=True),
              help="The glossary file to change (default: the one given with --glossary).")
@locale_option
@json_option
@pass_state
def apply_(state: State, review: str, to: str | None, locale: str | None, as_json: bool) -> None:
    """Add what a review file accepted to a glossary file, its comments, order and formatting kept.

    The file is written atomically, and only when something changed: applying the
    same review twice changes nothing the second time.

    Example: glossary --glossary my-glossary.yaml apply review.yaml
    """
    from ..dedupe import apply_review

    summary = apply_review(review, target(state, to, command="apply REVIEW"))
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False))
        return
    _print_apply(state, summary, state.messages(locale))


def _print_apply(state: State, s: ApplySummary, t: Locale) -> None:
    from .layout import Column

    if not s.written:
        state.echo(t.gettext("{file}: nothing to change ({same} accepted proposal(s) already there, "
                             "{rejected} not accepted)").format(file=s.glossary, same=t.count(s.unchanged),
                                                                 rejected=t.count(s.rejected)))
        return
    rows = [[t.gettext("new entity"), eid, ""] for eid in s.entities]
    rows += [[t.gettext("new variants"), eid, ", ".join(texts)] for eid, texts in s.variants.items()]
    state.table(([Column(t.gettext("change")), Column(t.label("id"), fold=True, weight=0.5),
                  Column(t.gettext("spellings"))], rows))
    n_var = sum(len(v) for v in s.variants.values())
    added = t.ngettext("{n} entity", "{n} entities", len(s.entities)).format(n=t.count(len(s.entities)))
    variants = t.ngettext("{n} variant", "{n} variants", n_var).format(n=t.count(n_var))
    state.echo(t.gettext("{file}: {entities} and {variants} added; {same} already there, {rejected} not accepted").format(
        file=s.glossary, entities=added, variants=variants, same=t.count(s.unchanged), rejected=t.count(s.rejected)))


COMMANDS = [dedupe, apply_]
