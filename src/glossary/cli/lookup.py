"""The commands that show an entity's card: ``lookup`` (by any name) and ``show`` (by id).

On a terminal a card is short (its names, type, the romanization in ``--scheme`` and how it
matched) unless ``--full``; piped it is whole, as scripts read it. Its rows are
`glossary.card.card_rows`, laid out by `glossary.cli.layout.card`: right to left in an Arabic
interface. Neither imports rich.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import click

from ..errors import EXIT_NO_RESULT
from .layout import PLAIN, Paint
from .state import State, dump, json_option, locale_option, pass_state, type_option

if TYPE_CHECKING:
    from ..card import Headed, Romanization
    from ..i18n import Locale
    from ..match import Match
    from ..model import Entity, EntityType

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
"""What an id looks like (`glossary.store.validate`): a word like it is a mistyped id, not a name."""
SHORT = ("id", "type", "english", "arabic", "romanized", "schemes", "match")
"""The rows of a short card (by `glossary.i18n.Locale.label` key)."""


def full_option(f: Callable[..., None]) -> Callable[..., None]:
    f = click.option("--scheme", default="ala-lc", show_default=True,
                     help="Romanization scheme a short card shows (see 'glossary schemes').")(f)
    return click.option("--full/--short", "full", default=None,
                        help="The whole card, or the short one. Default: short on a terminal, whole when piped.")(f)


def _romanizations(state: State, text: str | None) -> list[tuple[str, str, bool, str]]:
    """The card's romanizations, through the glossary (an approximate one says its source)."""
    if not text:
        return []
    results = state.glossary.transliterate_all(text)
    return [(name, t.text, t.exact, t.source) for name, t in results.items()]


def _label_of(state: State) -> Callable[[str], str]:
    def label(ref: str) -> str:
        e = state.glossary.get(ref)
        return (e.english or e.label) if e else ref

    return label


def _check_scheme(t: Locale, scheme: str) -> None:
    from ..translit import SCHEMES

    if scheme not in SCHEMES:
        raise click.BadParameter(t.gettext("unknown scheme {scheme} (expected one of: {schemes})").format(
            scheme=repr(scheme), schemes=", ".join(SCHEMES)), param_hint="--scheme")


def print_card(state: State, entity: Entity, t: Locale, *, full: bool | None, scheme: str,
               match: Match | None = None) -> None:
    """An entity's card, short or whole (see the module docstring)."""
    state.echo(render_card(entity, t, label_of=_label_of(state), romanizations=_romanizations(state, entity.vocalized or entity.arabic),
                           whole=full if full is not None else not state.terminal, scheme=scheme, match=match,
                           width=state.width, paint=state.paint))


def render_card(entity: Entity, t: Locale, *, label_of: Callable[[str], str],
                romanizations: Sequence[Romanization], whole: bool, scheme: str, width: int,
                paint: Paint = PLAIN, match: Match | None = None) -> str:
    """An entity's card as text: whole, or short (`SHORT` rows, the romanization in ``scheme``, and
    a last line saying how to see the rest), laid out right to left in a right-to-left language."""
    from ..card import card_rows, title
    from .layout import card

    roms = list(romanizations) if whole else [r for r in romanizations if r[0] == scheme]
    rows = card_rows(entity, locale=t, label_of=label_of, romanizations=roms, match=match)
    if not whole:
        keep = {t.label(k) for k in SHORT}
        hidden = len([r for r in rows if r[0] not in keep])
        rows = [r for r in rows if r[0] in keep]
        if hidden:
            more = t.ngettext("{n} more field: glossary show {id} --full",
                              "{n} more fields: glossary show {id} --full", hidden)
            rows.append(("…", more.format(n=t.count(hidden), id=entity.id)))
    return card(title(entity), rows, width, paint, rtl=t.rtl)


def print_headed(state: State, headed: Headed, t: Locale) -> None:
    """A line and a table under it (did you mean, ambiguous)."""
    from .tables import headed as headed_table

    head, headers, rows = headed
    state.echo(state.paint.cell(head))
    if headers:
        state.table(headed_table(headers, rows, t))


def _name(t: Locale, value: str, what: str) -> str:
    if not value.strip():
        raise click.BadParameter(t.gettext("an empty name finds nothing: give a name"), param_hint=what)
    return value


@click.command()
@click.argument("name")
@type_option
@full_option
@locale_option
@json_option
@pass_state
def lookup(state: State, name: str, etype: EntityType | None, full: bool | None, scheme: str, locale: str | None,
           as_json: bool) -> None:
    """Find the entity a name refers to (any spelling, either script) and show its card.

    Exits 1 when nothing matches (the nearest entities are listed). When several entities fit
    equally, they are listed and the first one's card follows.

    Example: glossary lookup "جيش العزة"
    """
    t = state.messages(locale)
    _name(t, name, "NAME")
    _check_scheme(t, scheme)
    g = state.glossary
    res = g.resolve(name, type=etype)
    if as_json:  # (no card module imported: a script calling lookup per name starts faster)
        entity = g.get(res.match.id) if res.match and res.status == "match" else None
        roms = _romanizations(state, entity.vocalized or entity.arabic) if entity else []
        out = res.to_dict()
        out["entity"] = entity.to_dict() if entity else None
        out["romanizations"] = {s: {"text": x, "exact": e} for s, x, e, _ in roms}
        state.echo(dump(out))
        if res.status == "none":
            sys.exit(EXIT_NO_RESULT)
        return
    from .. import card

    loc = state.locale(locale)
    if res.status == "ambiguous":
        print_headed(state, card.ambiguous(res, loc), loc)
        best = g.get(res.candidates[0].id) if res.candidates else None
        if best is not None:
            state.echo("")
            print_card(state, best, loc, full=full, scheme=scheme, match=res.candidates[0])
    elif res.match is not None and (entity := g.get(res.match.id)) is not None:
        print_card(state, entity, loc, full=full, scheme=scheme, match=res.match)
    else:
        print_headed(state, card.did_you_mean(name, res.candidates, loc), loc)
        sys.exit(EXIT_NO_RESULT)


@click.command()
@click.argument("entity_id", metavar="ID")
@full_option
@locale_option
@json_option
@pass_state
def show(state: State, entity_id: str, full: bool | None, scheme: str, locale: str | None, as_json: bool) -> None:
    """Show one entity by its id. A name instead of an id shows the entity it names (said on stderr);
    an unknown id exits 1, listing the nearest entities.

    Example: glossary show kafr-nabl --locale ar
    """
    t = state.messages(locale)
    _name(t, entity_id, "ID")
    _check_scheme(t, scheme)
    g = state.glossary
    entity = g.get(entity_id)
    near: Sequence[Match] = ()
    if entity is None:
        slug = _SLUG.match(entity_id) is not None
        res = g.resolve(entity_id.replace("-", " ") if slug else entity_id)
        near = res.candidates
        # a name (not a mistyped id) that names one entity: that entity, said so on stderr
        if not slug and res.status == "match" and res.match is not None and (entity := g.get(res.match.id)):
            state.echo(t.gettext("“{name}” is no id: showing {id} (glossary lookup finds entities by name)").format(
                name=entity_id, id=entity.id), err=True)
    if entity is None:
        if as_json:
            state.echo(dump(None))
        else:
            from ..card import did_you_mean

            loc = state.locale(locale)
            head, headers, rows = did_you_mean(entity_id, near, loc)
            head = loc.gettext("no entity with id “{id}”").format(id=entity_id)
            print_headed(state, (head, headers, rows), loc)
        sys.exit(EXIT_NO_RESULT)
    if as_json:
        out = entity.to_dict()
        out["romanizations"] = {s: {"text": x, "exact": e} for s, x, e, _ in _romanizations(state, entity.vocalized or entity.arabic)}
        state.echo(dump(out))
    else:
        print_card(state, entity, state.locale(locale), full=full, scheme=scheme)


COMMANDS = [lookup, show]
