"""What every command shares: the glossary and consoles (`State`), the common options, and
names read from the command line or standard input.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..model import ENTITY_TYPES

if TYPE_CHECKING:
    from rich.console import Console

    from ..glossary import Glossary

F = TypeVar("F", bound=Callable[..., Any])


class State:
    """What the group's options give every command: the glossary (loaded lazily) and the consoles."""

    def __init__(self, paths: tuple[str, ...]) -> None:
        self.paths = paths

    @cached_property
    def glossary(self) -> Glossary:
        from ..glossary import load

        return load(self.paths or None)

    @cached_property
    def console(self) -> Console:
        from rich.console import Console

        return Console(highlight=False, emoji=False)

    @cached_property
    def err(self) -> Console:
        from rich.console import Console

        return Console(stderr=True, highlight=False, emoji=False)

    @property
    def plain(self) -> bool:
        """No box art when stdout is not a terminal or NO_COLOR is set."""
        return not self.console.is_terminal or self.console.no_color


pass_state = click.make_pass_decorator(State)


def json_option(f: F) -> F:
    """``--json``: machine-readable output (UTF-8, one schema per result type)."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON (UTF-8) instead of a table.")(f)


def type_option(f: F) -> F:
    """``--type T``: restrict to one entity type."""
    return click.option("--type", "etype", type=click.Choice(ENTITY_TYPES), help="Only entities of this type.")(f)


def locale_option(f: F) -> F:
    """``--locale``: the card's language (labels, dates, digits)."""
    return click.option("--locale", type=click.Choice(["en", "ar"]), default="en", show_default=True,
                        help="Language of the card's labels, dates and digits.")(f)


def dump(obj: Any) -> str:
    """An object as one line of JSON (UTF-8, not escaped)."""
    return json.dumps(obj, ensure_ascii=False)


def read_names(values: tuple[str, ...]) -> tuple[list[str], bool]:
    """The names to work on and whether they came from stdin (``-``)."""
    if values == ("-",):
        # Undecodable bytes become U+FFFD: a batch never stops on one bad line.
        stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline=None)
        return [line.rstrip("\r\n") for line in stdin], True
    if "-" in values:
        raise click.UsageError("'-' (read names from stdin) cannot be mixed with names")
    return list(values), False
