"""The `glossary` command group: its options, its error handling, and `main`.

Exit status: 0 ok, 1 no result (lookup/resolve/search/show found nothing), 2 usage, input or
stream error (a bad option, an unreadable or invalid file, standard input or output closed or
full: one line on stderr, never a traceback), 130 interrupted, 141 (128 + SIGPIPE) when the
reader of standard output went away (``glossary list | head -1``): quietly, as a program that
SIGPIPE stopped reports in the shell, so a pipeline's status still tells a cut-off output from
a finished one, and "no result" (1) keeps its one meaning. Errors go to stderr, so stdout
stays valid JSON / JSON Lines; standard output and error are always UTF-8.
"""

from __future__ import annotations

import errno
import gc
import os
import sys
from collections.abc import Iterable
from typing import Any

import click

from ..errors import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, EXIT_USAGE, GlossaryError
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
        except KeyboardInterrupt:
            ctx.exit(EXIT_INTERRUPTED)
        except OSError as e:  # a stream: closed, full, gone (a file's problems are GlossaryErrors)
            if e.errno == errno.EPIPE:
                ctx.exit(EXIT_BROKEN_PIPE)
            _say(_stream_error(e))
            ctx.exit(EXIT_USAGE)
        finally:
            if isinstance(ctx.obj, State) and "bar" in ctx.obj.__dict__:
                ctx.obj.bar.close()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--glossary", "paths", multiple=True, type=click.Path(dir_okay=False),
              help="Glossary file to load (repeatable). Default: $GLOSSARY_PATH (':'-separated), else the shipped glossary.")
@click.option("--locale", metavar="LANG", default=None,
              help="Interface language of every command: en or ar (default: $LC_ALL, $LC_MESSAGES, $LANG, else en).")
@click.option("--bidi/--no-bidi", default=None,
              help="Isolate right-to-left cells (FSI...PDI) for a bidi-aware terminal. Default: on a terminal only.")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=lambda c, p, v: _version(c, v),
              help="Show the version and which resolver runs (compiled core or pure Python), and exit.")
@click.pass_context
def cli(ctx: click.Context, paths: tuple[str, ...], locale: str | None, bidi: bool | None) -> None:
    """Bilingual Arabic–English entity glossary: look up, resolve, search and romanize names.

    Example: glossary lookup "Jaish al-Izzah"
    """
    ctx.obj = State(paths, locale, bidi)


def _version(ctx: click.Context, value: bool) -> None:
    """``--version``: the package's version, and whether the resolver's compiled core and the
    vocalizer's compiled kernel are in use (a warning on stderr when they are not built: the
    pure-Python code answers the same, slower)."""
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import PackageNotFoundError, version

    from ..match import core
    from ..translit import vocalizer

    try:
        v = version("glossary")
    except PackageNotFoundError:  # run from a source tree
        v = "unknown"
    click.echo(f"glossary, version {v}")
    click.echo(f"resolver: {core.IMPLEMENTATION} ({core.REASON})")
    if core.IMPLEMENTATION != "compiled" and os.environ.get(core.PURE_ENV, "") in ("", "0"):
        click.echo("warning: the compiled resolver core is not built; the pure-Python resolver gives the same "
                   "answers, about 10 times slower", err=True)
    kind, reason, _ = vocalizer.implementation()
    click.echo(f"vocalizer: {kind} ({reason})")
    if kind != "compiled" and os.environ.get(vocalizer.PURE_ENV, "") in ("", "0"):
        click.echo("warning: the vocalizer's compiled kernel is not built; the numpy model gives the same "
                   "vowels, about 3 times slower through `translit`", err=True)
    ctx.exit()


for _command in commands.COMMANDS:
    cli.add_command(_command)


class _Closed:
    """Standard output or error when the process was started with it closed (``>&-``): writing
    to it is an error the group reports (`_stream_error`), as writing to a full disk is."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "it is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    @property
    def buffer(self) -> _Closed:
        return self


def _streams() -> None:
    """Standard output and error in UTF-8 whatever the locale (undecodable text replaced, never an
    error); a closed one replaced by `_Closed` (standard error: by nothing, silently)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, _Closed() if name == "stdout" else open(os.devnull, "w", encoding="utf-8"))
        elif hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (OSError, ValueError):
                pass


def _utf8(arg: str) -> str:
    """An argument as the UTF-8 it was typed in, even when the locale (C, POSIX) decoded it as ASCII."""
    if arg.isascii() or not any("\udc80" <= c <= "\udcff" for c in arg):
        return arg
    return os.fsencode(arg).decode("utf-8", errors="replace")


def _say(message: str) -> None:
    try:
        click.echo(message, err=True)
    except (OSError, ValueError):
        pass


def _stream_error(e: OSError) -> str:
    """One line for an error on a stream: ``glossary: cannot write output: No space left on device``."""
    from ..i18n import Locale, locale_code

    t = Locale(locale_code())
    what = e.strerror or str(e)
    if e.filename:
        return f"{e.filename}: {what}"
    return t.gettext("glossary: cannot write to standard output: {reason}").format(reason=what)


def _finish(code: int) -> int:
    """Write out what is buffered for standard output; a failure there (a full disk, a reader
    gone) decides the exit status as it would have during the command."""
    try:
        sys.stdout.flush()
    except OSError as e:
        if e.errno == errno.EPIPE:
            code = EXIT_BROKEN_PIPE
        else:
            _say(_stream_error(e))
            code = code or EXIT_USAGE
        try:  # nothing more to write: the interpreter's last flush must not fail again
            fd = os.open(os.devnull, os.O_WRONLY)
            os.dup2(fd, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until the process ends
    return code


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `glossary` command (``argv``: arguments instead of the process's own)."""
    _streams()
    code: Any = 0
    try:
        cli.main(args=argv if argv is not None else [_utf8(a) for a in sys.argv[1:]], prog_name="glossary")
    except SystemExit as e:
        code = e.code
    finally:
        # Run as the command, this is the whole process: what is alive when it ends lives until it
        # exits. Moving it out of the cyclic garbage collector's way spares the collection at exit, a
        # walk over every object (a batch's index: millions). Not before the command: a batch freezes
        # its index itself (`Resolver.resolve_many`, which leaves a caller's frozen objects alone),
        # and freezing the modules first saved nothing measurable on a lookup (0.108 s of CPU either way).
        if argv is None:
            gc.freeze()
    if code is not None and not isinstance(code, int):
        _say(str(code))
        code = 1
    sys.exit(_finish(code or 0))
