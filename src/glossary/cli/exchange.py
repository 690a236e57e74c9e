"""The ``export``, ``import``, ``add`` and ``edit`` commands: exchange formats and safe editing.

``add`` and ``edit`` change one glossary file (`glossary.store.edit`).

Both lock the file, apply every option, validate the whole result together with the other
loaded files (every problem at once, each pointed at the option that caused it or at a line
that exists), and replace the file atomically; ``--dry-run`` prints the diff instead.
The command group imports this module only when one of them is asked for (``COMMANDS``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click

from ..errors import GlossaryError, Problem
from ..model import ENTITY_TYPES
from .state import State, json_option, pass_state, target


def others(state: State, path: str) -> list[Any]:
    """The other loaded glossary files (their bytes), checked with the edited one."""
    from ..store import read_sources, resolve_paths

    listed = resolve_paths(list(state.paths) or None)
    mine = os.path.abspath(path)
    return read_sources([p for p in listed if os.path.abspath(p) != mine]) if state.paths or os.environ.get(
        "GLOSSARY_PATH") else []


def _ids_elsewhere(sources: list[Any]) -> dict[str, str]:
    from ..store import check

    entities, _ = check(sources)
    return {e.id: f"{e.origin.path}:{e.origin.line}" if e.origin else "another file" for e in entities}


def _assignments(pairs: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """``FIELD=VALUE`` options as (option text, field, value); a malformed one is a usage error."""
    out = []
    for pair in pairs:
        field, eq, value = pair.partition("=")
        if not eq or not field.strip():
            raise click.UsageError(f"--set {pair!r}: expected FIELD=VALUE (e.g. --set english='Army of Glory')")
        out.append((f"--set {pair}", field.strip(), value))
    return out


def _finish(gf: Any, sources: list[Any], problems: list[Problem], causes: dict[tuple[str, str | None], str],
            entity_id: str, dry_run: bool, as_json: bool, messages: list[str]) -> None:
    """Validate, relocate problems, then print the diff (--dry-run) or save."""
    from ..store.edit import diff, position, relocate

    def blame(eid: str, key: str | None) -> Problem | None:
        cause = causes.get((eid, key)) or causes.get((eid, None))
        if cause is None:
            return None
        return Problem(str(gf.path), *position(gf, eid, key), f"{cause}: ")

    found = relocate(gf.problems(sources), gf, blame)
    if problems or found:
        raise GlossaryError(problems + found)
    if dry_run:
        click.echo(diff(gf), nl=False)
        return
    written = gf.save(sources)
    if as_json:
        click.echo(json.dumps({"glossary": str(gf.path), "id": entity_id, "written": written, "notes": messages},
                              ensure_ascii=False))
        return
    for m in messages:
        click.echo(m, err=True)
    click.echo(f"{gf.path}: {entity_id} {'saved' if written else 'unchanged'}")


_COMMON = [
    click.option("--to", "to", type=click.Path(dir_okay=False, exists=True),
                 help="The glossary file to change (default: the one given with --glossary)."),
    click.option("--dry-run", is_flag=True, help="Print the diff; change nothing."),
]


def _common(f: Any) -> Any:
    for option in reversed(_COMMON):
        f = option(f)
    return json_option(f)


@click.command()
@click.option("--id", "entity_id", help="The new entity's id (a slug); default: made from --romanized or --english.")
@click.option("--type", "etype", required=True, type=click.Choice(ENTITY_TYPES), help="The entity's type.")
@click.option("--romanized", help="Preferred romanization (house style).")
@click.option("--arabic", help="Canonical Arabic script.")
@click.option("--vocalized", help="The Arabic with its harakat.")
@click.option("--english", help="English name.")
@click.option("--variant", "variants", multiple=True, help="A spelling seen in sources (repeatable).")
@click.option("--set", "sets", multiple=True, metavar="FIELD=VALUE",
              help="Any other field (repeatable); lists and mappings in YAML: --set 'part_of=[free-syrian-army]'.")
@_common
@pass_state
def add(state: State, entity_id: str | None, etype: str, romanized: str | None, arabic: str | None,
        vocalized: str | None, english: str | None, variants: tuple[str, ...], sets: tuple[str, ...], to: str | None,
        dry_run: bool, as_json: bool) -> None:
    """Add an entity to a glossary file: validated first, comments and order kept, written atomically.

    The id must be new across every loaded file; it is never changed behind your back.

    Example: glossary --glossary mine.yaml add --type group --romanized "Liwa Shuhada al-Ghab" --arabic "لواء شهداء الغاب"
    """
    from ..store.edit import GlossaryFile, locked, new_entity, parse_value

    path = target(state, to)
    sources = others(state, path)
    fields: dict[str, Any] = {"id": entity_id, "type": etype, "romanized": romanized, "arabic": arabic,
                              "vocalized": vocalized, "english": english, "variants": list(variants) or None}
    causes: dict[tuple[str, str | None], str] = {}
    problems: list[Problem] = []
    for option, field, raw in _assignments(sets):
        try:
            fields[field] = parse_value(field, raw)
        except ValueError as e:
            problems.append(Problem(path, 1, 1, f"{option}: {e}"))
    with locked(path):
        gf = GlossaryFile(path)
        new_id = new_entity(gf, fields, _ids_elsewhere(sources))
        for key in fields:
            causes[(new_id, key)] = f"new entity {new_id!r}: --{key.replace('_', '-')}" if key in (
                "type", "romanized", "arabic", "vocalized", "english", "variants") else f"new entity {new_id!r}"
        causes.update({(new_id, field): f"{option}" for option, field, _ in _assignments(sets)})
        causes[(new_id, None)] = f"new entity {new_id!r}"
        _finish(gf, sources, problems, causes, new_id, dry_run, as_json, [])


@click.command()
@click.argument("entity_id", metavar="ID")
@click.option("--set", "sets", multiple=True, metavar="FIELD=VALUE",
              help="Set a field (repeatable); FIELD= removes it; lists in YAML: --set 'located_in=[hama]'.")
@click.option("--add-variant", "add_variants", multiple=True, metavar="TEXT", help="Add a spelling (repeatable).")
@click.option("--scheme", help="The romanization scheme of the spellings added (e.g. ala-lc).")
@click.option("--source", "variant_source", help="Where the spellings added were seen.")
@click.option("--remove-variant", "remove_variants", multiple=True, metavar="TEXT", help="Remove a spelling (repeatable).")
@_common
@pass_state
def edit(state: State, entity_id: str, sets: tuple[str, ...], add_variants: tuple[str, ...], scheme: str | None,
         variant_source: str | None, remove_variants: tuple[str, ...], to: str | None, dry_run: bool,
         as_json: bool) -> None:
    """Change one entity of a glossary file: validated first, comments, order and quoting kept, atomic.

    Every problem is reported at once, each naming the option that caused it; nothing is
    written then. A second writer waits for the first (an advisory lock).

    Example: glossary --glossary mine.yaml edit jaysh-al-izza --set english="Army of Glory" --add-variant "جيش العزة" --dry-run
    """
    from ..store.edit import GlossaryFile, add_variant, locked, position, remove_variant, set_field

    if not (sets or add_variants or remove_variants):
        raise click.UsageError("nothing to change: give --set, --add-variant or --remove-variant")
    if (scheme or variant_source) and not add_variants:
        raise click.UsageError("--scheme and --source describe the spellings of --add-variant")
    path = target(state, to)
    sources = others(state, path)
    assignments = _assignments(sets)
    problems: list[Problem] = []
    messages: list[str] = []
    causes: dict[tuple[str, str | None], str] = {}
    with locked(path):
        gf = GlossaryFile(path)
        for option, field, raw in assignments:
            try:
                set_field(gf, entity_id, field, raw)
                causes[(entity_id, field)] = option
            except ValueError as e:
                problems.append(Problem(path, *position(gf, entity_id, field), f"{option}: {e}"))
        for text in remove_variants:
            try:
                remove_variant(gf, entity_id, text)
            except GlossaryError as e:
                problems += [Problem(p.path, p.line, p.column, f"--remove-variant {text}: {p.message}") for p in e.problems]
        for text in add_variants:
            if not add_variant(gf, entity_id, text, scheme=scheme, source=variant_source):
                messages.append(f"{Path(path).name}: {entity_id} already records {text!r}")
            else:
                owner = next((e.get("id") for e in gf.entities if hasattr(e, "get") and e.get("id") != entity_id
                              and text in gf.names_of(e)), None)
                if owner:
                    messages.append(f"{Path(path).name}: note: {text!r} is also a name of {owner!r}")
        if add_variants:
            causes[(entity_id, "variants")] = "--add-variant"
        _finish(gf, sources, problems, causes, entity_id, dry_run, as_json, messages)


def _schemes(values: tuple[str, ...]) -> list[str]:
    from ..exchange import DEFAULT_SCHEMES
    from ..exchange.common import SCHEME_TAGS

    if "all" in values:
        return list(SCHEME_TAGS)
    if "none" in values:
        return []
    return list(values) or list(DEFAULT_SCHEMES)


_EXPORTS = ("tbx", "tbx2", "omegat", "memoq", "crowdin", "csv", "jsonl", "aliases")


@click.command(name="export")
@click.option("--format", "fmt", required=True, type=click.Choice(_EXPORTS),
              help="tbx (TBX-Basic v3), tbx2 (martif), omegat, memoq, crowdin, csv, jsonl, aliases (CSV, or "
                   "Parquet with -o FILE.parquet).")
@click.option("--scheme", "schemes", multiple=True,
              type=click.Choice(["ala-lc", "bgn-pcgn", "din31635", "iso233", "buckwalter", "safe-buckwalter",
                                 "simple", "all", "none"]),
              help="Romanizations to add (repeatable; default ala-lc). Only exact ones become terms.")
@click.option("--type", "types", multiple=True, type=click.Choice(ENTITY_TYPES), help="Only these types (repeatable).")
@click.option("-o", "--output", "out", default="-", type=click.Path(dir_okay=False, allow_dash=True),
              help="Output file (default: stdout).")
@pass_state
def export_(state: State, fmt: str, schemes: tuple[str, ...], types: tuple[str, ...], out: str) -> None:
    """Write the glossary in a format translators' and researchers' tools import.

    TBX-Basic is valid against the TBX-Core RELAX NG and the TBX-Basic dialect rules; CSV
    cells that a spreadsheet would run as a formula are neutralized; memoQ and Crowdin CSV
    start with a UTF-8 BOM.

    Example: glossary export --format tbx --scheme ala-lc --scheme din31635 -o glossary.tbx
    """
    import sys

    from ..exchange import export
    from ..store.write import write_atomic

    if fmt == "aliases" and out.endswith((".parquet", ".pq")):
        fmt = "aliases-parquet"
    data = export(state.glossary, fmt, schemes=_schemes(schemes), types=types)
    if out == "-":
        if isinstance(data, bytes):
            raise click.UsageError("Parquet cannot go to standard output: give -o FILE.parquet")
        sys.stdout.buffer.write(data.encode("utf-8"))
        return
    if isinstance(data, bytes):
        Path(out).write_bytes(data)
    else:
        write_atomic(out, data)


@click.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@click.option("--format", "fmt", type=click.Choice(["tbx", "csv", "jsonl", "aliases", "aliases-parquet"]),
              help="The file's format (default: from its content).")
@click.option("-o", "--review-file", "review", required=True, type=click.Path(dir_okay=False),
              help="Write the proposals here (YAML), for `glossary apply`.")
@json_option
@pass_state
def import_(state: State, file: str, fmt: str | None, review: str, as_json: bool) -> None:
    """Preview an import: new entities, new variants and conflicts, written as a review file.

    Every incoming name is resolved against the loaded glossary first. Nothing is written
    to a glossary: edit the review file, then run `glossary apply` on it.

    Example: glossary --glossary mine.yaml import colleague.tbx -o review.yaml
    """
    from ..exchange import read_file
    from ..exchange.merge import preview, render
    from ..store.write import write_atomic

    p = preview(state.glossary, read_file(file, fmt), source=file)
    write_atomic(review, render(p, name=Path(review).name))
    if as_json:
        click.echo(json.dumps(p.to_dict(), ensure_ascii=False))
        return
    click.echo(f"{file}: {len(p.entities)} new entit{'y' if len(p.entities) == 1 else 'ies'}, "
               f"{sum(len(v['spellings']) for v in p.variants)} new variant(s) of {len(p.variants)} known "
               f"entit{'y' if len(p.variants) == 1 else 'ies'}, {len(p.conflicts)} conflict(s), {p.unchanged} "
               f"already known -> {review}")
    for c in p.conflicts:
        what = c.get("message") or f"{c['name']!r} is claimed by {' and '.join(c['claimed_by'])}"
        click.echo(f"{file}:{c['line']}:1: conflict: {what}", err=True)


COMMANDS = [export_, import_, add, edit]
