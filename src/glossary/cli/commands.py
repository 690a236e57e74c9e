"""The commands that look names up: resolve, search, list, validate, translit, schemes (and, from
`glossary.cli.lookup`, lookup and show).

Each parses its options, calls the API (`glossary.Glossary`, `glossary.translit`) and prints JSON
or a table (`glossary.cli.tables`, laid out by `glossary.cli.layout`); messages and headings
come from the message catalogs (`glossary.i18n`).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from ..errors import EXIT_NO_RESULT, EXIT_USAGE
from .lookup import COMMANDS as CARD_COMMANDS
from .state import State, dump, encoding_option, json_option, locale_option, pass_state, read_names, type_option

if TYPE_CHECKING:
    from ..model import EntityType


@click.command()
@click.argument("names", nargs=-1, required=True)
@type_option
@click.option("--threshold", type=click.FloatRange(0, 1), help="Score (0-1) a match needs; default: the resolver's.")
@click.option("--limit", type=click.IntRange(1, 100), default=5, show_default=True, help="Candidates to list.")
@click.option("--explain", is_flag=True,
              help="Add the normalized keys on both sides and each candidate's evidence (with --json: every feature).")
@encoding_option
@locale_option
@json_option
@pass_state
def resolve(state: State, names: tuple[str, ...], etype: EntityType | None, threshold: float | None, limit: int,
            explain: bool, encoding: str | None, locale: str | None, as_json: bool) -> None:
    """Resolve names to entity ids (machine-oriented). '-' reads one name per line and writes JSON Lines.

    Exits 1 when a name given on the command line found nothing; with '-' a miss is "match": null.

    Example: printf 'Jaish al-Ezzah\\nحمص\\n' | glossary resolve -
    """
    t = state.messages(locale)
    queries, batch = read_names(names, t, encoding)
    if not batch and not all(q.strip() for q in queries):
        raise click.BadParameter(t.gettext("an empty name finds nothing: give a name"), param_hint="NAMES")
    results = state.glossary.resolve_many(queries, type=etype, threshold=threshold, limit=limit, explain=explain)
    if batch or as_json:
        missed = False
        for r in results:
            missed |= r.status == "none"
            state.echo(dump(r.to_dict()))
    else:
        from .tables import explanation, resolutions

        items = list(results)
        missed = any(r.status == "none" for r in items)
        state.table(resolutions(items, state.locale(locale)))
        for r in items if explain else ():
            head, table = explanation(r, state.locale(locale))
            state.echo("")
            state.echo(head)
            if table[1]:
                state.table(table)
    if missed and not batch:
        sys.exit(EXIT_NO_RESULT)


@click.command()
@click.argument("query")
@type_option
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="Rows to show.")
@locale_option
@json_option
@pass_state
def search(state: State, query: str, etype: EntityType | None, limit: int, locale: str | None, as_json: bool) -> None:
    """Entities whose names contain or start like QUERY, either script, ranked, with their Arabic names.

    Exits 1 when nothing is found.

    Example: glossary search حمص
    """
    t = state.messages(locale)
    if not query.strip():
        raise click.BadParameter(t.gettext("an empty query finds nothing: give part of a name"), param_hint="QUERY")
    g = state.glossary
    hits = g.search(query, type=etype, limit=limit)

    def arabic_of(eid: str) -> str:
        e = g.get(eid)
        return (e.arabic or "") if e else ""

    if as_json:
        state.echo(dump([{**h.to_dict(), "arabic": arabic_of(h.id) or None} for h in hits]))
    elif hits:
        from .tables import search_hits

        state.table(search_hits(hits, arabic_of, state.locale(locale)))
    else:
        state.echo(t.gettext("no entity matches “{query}”").format(query=query))
    if not hits:
        sys.exit(EXIT_NO_RESULT)


@click.command(name="list")
@type_option
@locale_option
@json_option
@pass_state
def list_(state: State, etype: EntityType | None, locale: str | None, as_json: bool) -> None:
    """List every entity (optionally of one type), in file order.

    Example: glossary list --type media
    """
    entities = state.glossary.list(type=etype)
    if as_json:
        state.echo(dump([e.to_dict() for e in entities]))
    else:
        from .tables import entity_list

        state.table(entity_list(entities, state.messages(locale)))


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False))
@locale_option
@json_option
@pass_state
def validate(state: State, paths: tuple[str, ...], locale: str | None, as_json: bool) -> None:
    """Check glossary files (default: the loaded ones); one 'file:line:col: message' per problem, exit 2 if any.

    Example: glossary validate my-glossary.yaml
    """
    from ..store import count_valid, read_sources, resolve_paths

    t = state.messages(locale)
    sources = read_sources(resolve_paths(paths or state.paths or None))
    valid, problems = count_valid(sources, progress=state.bar)
    state.bar.close()
    files = [s.path for s in sources]
    if as_json:
        state.echo(dump({"files": files, "entities": valid, "problems": [p.to_dict() for p in problems]}))
    else:
        for p in problems:
            state.echo(str(p))
        in_files = t.ngettext("{n} file", "{n} files", len(files)).format(n=t.count(len(files)))
        if problems:
            state.echo(t.ngettext("{n} problem in {files}", "{n} problems in {files}", len(problems)).format(
                n=t.count(len(problems)), files=in_files), err=True)
        else:
            state.echo(t.ngettext("ok: {n} entity in {files}", "ok: {n} entities in {files}", valid).format(
                n=t.count(valid), files=in_files))
    if problems:
        sys.exit(EXIT_USAGE)


@click.command()
@click.argument("text")
@click.option("--scheme", default="ala-lc", show_default=True, help="Romanization scheme (see 'glossary schemes').")
@click.option("--all", "all_schemes", is_flag=True, help="Every scheme.")
@click.option("--only", "--field", "only", metavar="SCHEME",
              help="Print only the romanization in SCHEME, one line per text, nothing else (copy-ready; "
                   "instead of --scheme, --all and --json).")
@encoding_option
@locale_option
@json_option
@pass_state
def translit(state: State, text: str, scheme: str, all_schemes: bool, only: str | None, encoding: str | None,
             locale: str | None, as_json: bool) -> None:
    """Romanize Arabic text; exact when vocalized or known to the glossary, else marked approximate.

    '-' reads one text per line and writes JSON Lines (with --only: one romanization per line).

    Example: glossary translit --all "جَيْش العِزَّة"
    """
    from ..translit import SCHEMES

    t = state.messages(locale)
    if only is not None:  # it wins over --scheme, --all and --json: one plain line per text
        scheme = only
    if scheme not in SCHEMES:
        raise click.BadParameter(t.gettext("unknown scheme {scheme} (expected one of: {schemes})").format(
            scheme=repr(scheme), schemes=", ".join(SCHEMES)), param_hint="--only" if only else "--scheme")
    texts, batch = read_names((text,), t, encoding)
    g = state.glossary
    if only is not None:
        for x in texts:
            state.echo(g.transliterate(x, scheme).text)
        return

    def one(x: str) -> dict[str, Any]:
        if all_schemes:
            return {"input": x, "romanizations": {k: v.to_dict() for k, v in g.transliterate_all(x).items()}}
        return {"input": x, **g.transliterate(x, scheme).to_dict()}

    if batch or as_json:
        for x in texts:
            state.echo(dump(one(x)))
        return
    if all_schemes:
        from .tables import romanizations_table

        rows = [(k, v.text, v.exact) for k, v in g.transliterate_all(text).items()]
        state.table(romanizations_table(rows, t))
    else:
        r = g.transliterate(text, scheme)
        note = "" if r.exact else "  " + state.paint.style("~" + t.label("approximate"), "dim")
        state.echo(state.paint.cell(r.text) + note)


@click.command()
@locale_option
@json_option
@pass_state
def schemes(state: State, locale: str | None, as_json: bool) -> None:
    """List the romanization schemes, with the standard each follows and an example.

    Example: glossary schemes
    """
    from ..translit import describe_schemes

    rows = describe_schemes()
    if as_json:
        state.echo(dump(rows))
    else:
        from .tables import schemes_table

        state.table(schemes_table(rows, state.messages(locale)))


COMMANDS = [*CARD_COMMANDS, resolve, search, list_, validate, translit, schemes]
