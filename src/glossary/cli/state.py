"""What every command shares: the glossary, the interface language and how output looks
(`State`), the common options, and names read from the command line or standard input.

Output: on a terminal (standard output is one, or ``FORCE_COLOR`` is set) headings are bold and
labels dim, unless ``NO_COLOR`` is set (then not one escape byte is written) or ``TERM`` is
``dumb``; cells holding right-to-left text are isolated (FSI ... PDI) so that a bidi-aware
terminal does not reorder a row around them (``--bidi``/``--no-bidi`` on the group: ask for it
in a pipe too, or turn it off); a card is short unless ``--full``. Piped, the same layout in plain
text. The width is the terminal's, else ``$COLUMNS``, else 80.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..errors import GlossaryError
from ..model import ENTITY_TYPES
from .layout import Paint

if TYPE_CHECKING:
    from ..glossary import Glossary
    from ..i18n import Locale
    from .progress import Bar
    from .tables import Table

F = TypeVar("F", bound=Callable[..., Any])


def _env_on(name: str) -> bool:
    return bool(os.environ.get(name))


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (OSError, ValueError):
        return False


class State:
    """What the group's options give every command: the glossary (loaded lazily), the language, the output."""

    def __init__(self, paths: tuple[str, ...], locale: str | None = None, bidi: bool | None = None) -> None:
        self.paths = paths
        self.locale_option = locale
        self.bidi_option = bidi

    @cached_property
    def bar(self) -> Bar:
        """The progress bar on standard error while a large glossary is read (drawn on a terminal only)."""
        from .progress import Bar

        return Bar(self.err_terminal, self.messages(None), color=not _env_on("NO_COLOR"))

    @cached_property
    def glossary(self) -> Glossary:
        from ..glossary import load

        return load(self.paths or None, progress=self.bar)

    # -- output ---------------------------------------------------------------
    @cached_property
    def terminal(self) -> bool:
        """Whether standard output is a terminal (``FORCE_COLOR`` says so too)."""
        return _isatty(sys.stdout) or _env_on("FORCE_COLOR")

    @cached_property
    def err_terminal(self) -> bool:
        return _isatty(sys.stderr) or _env_on("FORCE_COLOR")

    def _paint(self, terminal: bool) -> Paint:
        color = terminal and not _env_on("NO_COLOR") and (_env_on("FORCE_COLOR") or os.environ.get("TERM") != "dumb")
        return Paint(color=color, bidi=terminal if self.bidi_option is None else self.bidi_option)

    @cached_property
    def paint(self) -> Paint:
        """Styles and bidi isolates for standard output."""
        return self._paint(self.terminal)

    @cached_property
    def err_paint(self) -> Paint:
        return self._paint(self.err_terminal)

    @cached_property
    def width(self) -> int:
        """Columns to lay output out in: the terminal's (``$COLUMNS`` first), else ``$COLUMNS``, else 80."""
        try:
            columns = int(os.environ.get("COLUMNS", "0"))
        except ValueError:
            columns = 0
        if columns <= 0 and _isatty(sys.stdout):
            import shutil

            columns = shutil.get_terminal_size().columns
        return max(20, columns or 80)

    def echo(self, text: str, *, err: bool = False) -> None:
        """A line (or lines) of text on standard output (standard error with ``err``), escapes as `paint` left them."""
        click.echo(text, err=err, color=True)

    def table(self, tbl: Table, *, err: bool = False) -> None:
        """A table (`glossary.cli.tables`) laid out for standard output (standard error with ``err``)."""
        from .layout import table

        columns, rows = tbl
        self.echo(table(columns, rows, self.width, self.err_paint if err else self.paint), err=err)

    # -- language -------------------------------------------------------------
    def messages(self, option: str | None) -> Locale:
        """The interface language: the command's ``--locale``, the group's, else the environment's.
        Without the index (no babel text kept): for messages and headings."""
        from ..i18n import Locale

        return Locale(self.code(option))

    def locale(self, option: str | None) -> Locale:
        """The interface language with babel's text kept in the index cache (no CLDR data to load)."""
        from ..i18n import Locale

        code = self.code(option)
        return Locale(code, known=self.glossary.index.locale_text(code))

    def code(self, option: str | None) -> str:
        from ..i18n import locale_code

        try:
            return locale_code(option or self.locale_option)
        except ValueError as e:
            raise click.BadParameter(str(e), param_hint="--locale") from None


pass_state = click.make_pass_decorator(State)


def json_option(f: F) -> F:
    """``--json``: machine-readable output (UTF-8, one schema per result type)."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON (UTF-8) instead of a table.")(f)


def type_option(f: F) -> F:
    """``--type T``: restrict to one entity type."""
    return click.option("--type", "etype", type=click.Choice(ENTITY_TYPES), help="Only entities of this type.")(f)


def locale_option(f: F) -> F:
    """``--locale``: the interface language (messages, headings, labels, dates, digits)."""
    return click.option("--locale", metavar="LANG", default=None,
                        help="Interface language: en or ar (default: $LC_ALL, $LC_MESSAGES, $LANG, else en).")(f)


def encoding_option(f: F) -> F:
    """``--encoding``: how standard input's bytes are read (a BOM decides when none is given)."""
    return click.option("--encoding", default=None, metavar="CODEC",
                        help="Encoding of standard input (default: UTF-8, or UTF-16 when a BOM says so), "
                             "e.g. cp1256 for Arabic Windows.")(f)


def dump(obj: Any) -> str:
    """An object as one line of JSON (UTF-8, not escaped)."""
    return json.dumps(obj, ensure_ascii=False)


def stdin_bytes(t: Locale) -> Any:
    """Standard input's bytes; a `GlossaryError` when it is closed (``<&-``)."""
    if sys.stdin is None:
        raise GlossaryError(t.gettext("standard input is closed: give the names as arguments, or pipe them in"))
    return sys.stdin.buffer


def read_names(values: tuple[str, ...], t: Locale, encoding: str | None = None) -> tuple[list[str], bool]:
    """The names to work on and whether they came from stdin (``-``), read in ``encoding``
    (default: UTF-8, or what a byte-order mark says); undecodable bytes become U+FFFD, so that
    a batch never stops on one bad line.

    Raises:
        click.UsageError: ``-`` mixed with names.
        click.BadParameter: an unknown encoding.
        GlossaryError: standard input is closed.
    """
    if values == ("-",):
        from ..dedupe.encoding import decoded_lines

        try:
            return list(decoded_lines(stdin_bytes(t), encoding)), True
        except LookupError:
            raise click.BadParameter(t.gettext("unknown encoding {name}").format(name=repr(encoding)),
                                     param_hint="--encoding") from None
    if "-" in values:
        raise click.UsageError(t.gettext("'-' (read names from stdin) cannot be mixed with names"))
    return list(values), False


def target(state: State, to: str | None, *, command: str = "COMMAND") -> str:
    """The glossary file a command changes (``add``, ``edit``, ``apply``): ``--to``, else the one
    ``--glossary`` or ``$GLOSSARY_PATH`` names; a usage error when none or several are loaded."""
    if to:
        return to
    listed = list(state.paths) or [p for p in os.environ.get("GLOSSARY_PATH", "").split(os.pathsep) if p.strip()]
    if len(listed) == 1:
        return listed[0]
    if listed:
        raise click.UsageError("several glossaries are loaded: say which one to change with --to FILE")
    raise click.UsageError(f"say which glossary file to change: glossary --glossary FILE {command} (or --to FILE)")
