"""The `glossary` command group: its options, its error handling, and `main`.

Exit status: 0 ok, 1 no result (lookup/resolve found nothing), 2 usage or input error.
Errors go to stderr, so stdout stays valid JSON / JSON Lines.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from typing import Any

import click

from ..errors import EXIT_USAGE, GlossaryError
from . import commands
from .state import State

_LAZY_COMMANDS = {"dedupe": "dedupe", "apply": "dedupe", "export": "exchange", "import": "exchange", "add": "exchange", "edit": "exchange", "serve": "serve"}
"""Commands of a module imported only when one of them is asked for (its ``COMMANDS``): they
pull in the dataset readers, which a lookup does not need."""


class _Group(click.Group):
    """Turns a `GlossaryError` raised by any command into problems on stderr and exit 2, and
    registers the lazily imported commands (`_LAZY_COMMANDS`) when they are named or listed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *_LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in _LAZY_COMMANDS:
            from importlib import import_module

            for command in import_module(f".{_LAZY_COMMANDS[cmd_name]}", __package__).COMMANDS:
                self.add_command(command)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GlossaryError as e:
            lines: Iterable[str] = [str(p) for p in e.problems] or [str(e)]
            for line in lines:
                click.echo(line, err=True)
            ctx.exit(EXIT_USAGE)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--glossary", "paths", multiple=True, type=click.Path(dir_okay=False),
              help="Glossary file to load (repeatable). Default: $GLOSSARY_PATH (':'-separated), else the shipped glossary.")
@click.version_option(package_name="glossary")
@click.pass_context
def cli(ctx: click.Context, paths: tuple[str, ...]) -> None:
    """Bilingual Arabic–English entity glossary: look up, resolve, search and romanize names.

    Example: glossary lookup "Jaish al-Izzah"
    """
    ctx.obj = State(paths)


for _command in commands.COMMANDS:
    cli.add_command(_command)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `glossary` command (``argv``: arguments instead of the process's own)."""
    if argv is not None:
        cli.main(args=argv, prog_name="glossary")
        return
    # Run as the command, this is the whole process: what is alive when it ends lives until it
    # exits. Moving it out of the cyclic garbage collector's way spares the collection at exit, a
    # walk over every object (a batch's index: millions). Not before the command: a batch freezes
    # its index itself (`Resolver.resolve_many`, which leaves a caller's frozen objects alone),
    # and freezing the modules first saved nothing measurable on a lookup (0.108 s of CPU either way).
    try:
        cli.main(prog_name="glossary")
    finally:
        gc.freeze()
