"""The commands that look names up: lookup, resolve, search, show, list, validate, translit, schemes.

Each parses its options, calls the API (`glossary.Glossary`, `glossary.translit`) and renders:
JSON, a plain layout when piped (`glossary.cli.card`), or rich on a terminal
(`glossary.cli.render`, imported only then).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from ..errors import EXIT_NO_RESULT, EXIT_USAGE
from .state import State, dump, json_option, locale_option, pass_state, read_names, type_option

if TYPE_CHECKING:
    from ..i18n import Locale
    from ..model import Entity, EntityType
    from .card import Headed


def _romanizations(state: State, text: str | None) -> list[tuple[str, str, bool]]:
    if not text:
        return []
    from ..translit import transliterate_all

    results = transliterate_all(text, known=state.glossary.vocalized_for)
    return [(name, t.text, t.exact) for name, t in results.items()]


def _locale(state: State, code: str) -> Locale:
    """The card's language, with babel's text kept in the index cache (no CLDR data to load)."""
    from ..i18n import Locale

    return Locale(code, known=state.glossary.index.locale_text(code))


def _label_of(state: State) -> Callable[[str], str]:
    def label(ref: str) -> str:
        e = state.glossary.get(ref)
        return (e.english or e.label) if e else ref

    return label


@click.command()
@click.argument("name")
@type_option
@locale_option
@json_option
@pass_state
def lookup(state: State, name: str, etype: EntityType | None, locale: str, as_json: bool) -> None:
    """Find the entity a name refers to (any spelling, either script) and show its card.

    Example: glossary lookup "جيش العزة"
    """
    g = state.glossary
    res = g.resolve(name, type=etype)
    entity = g.get(res.match.id) if res.match else None
    roms = _romanizations(state, entity.vocalized or entity.arabic) if entity and res.status == "match" else []
    if as_json:  # (rich not imported: a script calling lookup per name starts faster)
        out = res.to_dict()
        out["entity"] = entity.to_dict() if entity and res.status == "match" else None
        out["romanizations"] = {s: {"text": t, "exact": e} for s, t, e in roms}
        click.echo(dump(out))
        if res.status == "none":
            sys.exit(EXIT_NO_RESULT)
        return
    from . import card

    loc = _locale(state, locale)
    if res.status == "ambiguous":
        _print_headed(state, card.ambiguous(res, loc))
    elif entity is not None:
        _print_card(state, entity, card.card_rows(entity, locale=loc, label_of=_label_of(state), romanizations=roms,
                                                  match=res.match))
    else:
        _print_headed(state, card.did_you_mean(name, res.candidates, loc))
    if res.status == "none":
        sys.exit(EXIT_NO_RESULT)


@click.command()
@click.argument("names", nargs=-1, required=True)
@type_option
@click.option("--threshold", type=click.FloatRange(0, 1), help="Score (0-1) a match needs; default: the resolver's.")
@click.option("--limit", type=click.IntRange(1, 100), default=5, show_default=True, help="Candidates to list.")
@click.option("--explain", is_flag=True, help="Add the normalized keys on both sides.")
@json_option
@pass_state
def resolve(state: State, names: tuple[str, ...], etype: EntityType | None, threshold: float | None, limit: int,
            explain: bool, as_json: bool) -> None:
    """Resolve names to entity ids (machine-oriented). '-' reads one name per line and writes JSON Lines.

    Exits 1 when a name given on the command line found nothing; with '-' a miss is "match": null.

    Example: printf 'Jaish al-Ezzah\\nحمص\\n' | glossary resolve -
    """
    queries, batch = read_names(names)
    results = state.glossary.resolve_many(queries, type=etype, threshold=threshold, limit=limit, explain=explain)
    if batch or as_json:
        missed = False
        for r in results:
            missed |= r.status == "none"
            click.echo(dump(r.to_dict()))
    else:
        from .render import resolutions

        items = list(results)
        missed = any(r.status == "none" for r in items)
        state.console.print(resolutions(items, plain=state.plain))
    if missed and not batch:
        sys.exit(EXIT_NO_RESULT)


@click.command()
@click.argument("query")
@type_option
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="Rows to show.")
@json_option
@pass_state
def search(state: State, query: str, etype: EntityType | None, limit: int, as_json: bool) -> None:
    """Entities whose names contain or start like QUERY, either script, ranked.

    Example: glossary search حمص
    """
    hits = state.glossary.search(query, type=etype, limit=limit)
    if as_json:
        click.echo(dump([h.to_dict() for h in hits]))
    else:
        from .render import search_hits

        state.console.print(search_hits(hits, plain=state.plain))
    if not hits:
        sys.exit(EXIT_NO_RESULT)


@click.command()
@click.argument("entity_id", metavar="ID")
@locale_option
@json_option
@pass_state
def show(state: State, entity_id: str, locale: str, as_json: bool) -> None:
    """Show one entity by its id.

    Example: glossary show kafr-nabl --locale ar
    """
    from . import card

    entity = state.glossary.get(entity_id)
    if entity is None:
        if as_json:
            click.echo(dump(None))
        else:
            near = state.glossary.resolve(entity_id.replace("-", " ")).candidates
            _print_headed(state, card.did_you_mean(entity_id, near, _locale(state, locale)))
        sys.exit(EXIT_NO_RESULT)
    roms = _romanizations(state, entity.vocalized or entity.arabic)
    if as_json:
        out = entity.to_dict()
        out["romanizations"] = {s: {"text": t, "exact": e} for s, t, e in roms}
        click.echo(dump(out))
    else:
        _print_card(state, entity, card.card_rows(entity, locale=_locale(state, locale), label_of=_label_of(state),
                                                  romanizations=roms))


def _print_card(state: State, entity: Entity, rows: list[tuple[str, str]]) -> None:
    """A card: laid out plain when piped (rich is not even imported), with rich on a terminal."""
    from .card import piped, plain_card, title, width

    if piped():
        click.echo(plain_card(title(entity), rows, width()))
    else:
        from .render import card

        state.console.print(card(title(entity), rows))


def _print_headed(state: State, headed: Headed) -> None:
    """A line and a table under it (did you mean, ambiguous): plain when piped, as `_print_card`."""
    from .card import piped, plain_headed, width

    if piped():
        click.echo(plain_headed(headed, width()))
    else:
        from .render import headed_table

        state.console.print(headed_table(*headed, plain=state.plain))


@click.command(name="list")
@type_option
@json_option
@pass_state
def list_(state: State, etype: EntityType | None, as_json: bool) -> None:
    """List every entity (optionally of one type), in file order.

    Example: glossary list --type media
    """
    entities = state.glossary.list(type=etype)
    if as_json:
        click.echo(dump([e.to_dict() for e in entities]))
    else:
        from .render import entity_list

        state.console.print(entity_list(entities, plain=state.plain))


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False))
@json_option
@pass_state
def validate(state: State, paths: tuple[str, ...], as_json: bool) -> None:
    """Check glossary files (default: the loaded ones); one 'file:line:col: message' per problem, exit 2 if any.

    Example: glossary validate my-glossary.yaml
    """
    from ..store import check, read_sources, resolve_paths

    sources = read_sources(resolve_paths(paths or state.paths or None))
    entities, problems = check(sources)
    files = [s.path for s in sources]
    if as_json:
        click.echo(dump({"files": files, "entities": len(entities), "problems": [p.to_dict() for p in problems]}))
    else:
        for p in problems:
            click.echo(str(p))
        summary = f"{len(problems)} problem(s) in {len(files)} file(s)" if problems else \
            f"ok: {len(entities)} entities in {len(files)} file(s)"
        click.echo(summary, err=bool(problems))
    if problems:
        sys.exit(EXIT_USAGE)


@click.command()
@click.argument("text")
@click.option("--scheme", default="ala-lc", show_default=True, help="Romanization scheme (see 'glossary schemes').")
@click.option("--all", "all_schemes", is_flag=True, help="Every scheme.")
@json_option
@pass_state
def translit(state: State, text: str, scheme: str, all_schemes: bool, as_json: bool) -> None:
    """Romanize Arabic text; exact when vocalized or known to the glossary, else marked approximate.

    '-' reads one text per line and writes JSON Lines.

    Example: glossary translit --all "جَيْش العِزَّة"
    """
    from ..translit import SCHEMES, transliterate, transliterate_all

    if scheme not in SCHEMES:
        raise click.BadParameter(f"unknown scheme {scheme!r} (expected one of: {', '.join(SCHEMES)})", param_hint="--scheme")
    texts, batch = read_names((text,))
    known = state.glossary.vocalized_for

    def one(t: str) -> dict[str, Any]:
        if all_schemes:
            return {"input": t, "romanizations": {k: v.to_dict() for k, v in transliterate_all(t, known=known).items()}}
        return {"input": t, **transliterate(t, scheme, known=known).to_dict()}

    if batch or as_json:
        for t in texts:
            click.echo(dump(one(t)))
        return
    from .render import Locale, romanizations_table

    if all_schemes:
        rows = [(k, v.text, v.exact) for k, v in transliterate_all(text, known=known).items()]
        state.console.print(romanizations_table(rows, locale=Locale(), plain=state.plain))
    else:
        r = transliterate(text, scheme, known=known)
        state.console.print(r.text if r.exact else f"{r.text}  [dim]~approximate[/dim]")


@click.command()
@json_option
@pass_state
def schemes(state: State, as_json: bool) -> None:
    """List the romanization schemes, with the standard each follows and an example.

    Example: glossary schemes
    """
    from ..translit import describe_schemes

    rows = describe_schemes()
    if as_json:
        click.echo(dump(rows))
    else:
        from .render import schemes_table

        state.console.print(schemes_table(rows, plain=state.plain))


COMMANDS = [lookup, resolve, search, show, list_, validate, translit, schemes]
