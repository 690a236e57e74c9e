"""Errors users see: one `Problem` type for every file we read, and the exit codes.

A `Problem` is a plain value with a 1-based line and column; ``str(problem)`` is
``path:line:column: message``, the form editors and CI logs understand.
Parsers report 0-based positions: turn them into a `Problem` with `problem_at`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EXIT_OK = 0
"""The command did what was asked."""
EXIT_NO_RESULT = 1
"""lookup/resolve found nothing (near misses may still print)."""
EXIT_USAGE = 2
"""Bad option, unreadable or invalid input file, standard input or output closed or full."""
EXIT_INTERRUPTED = 130
"""Interrupted (Ctrl-C): 128 + SIGINT, as the shell reports it."""
EXIT_BROKEN_PIPE = 141
"""The reader of standard output went away (``glossary list | head -1``): 128 + SIGPIPE, as the
shell reports a program that SIGPIPE stopped; nothing is printed."""


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One problem in one file, 1-based position.

    Example:
        >>> str(Problem("glossary.yaml", 41, 14, "unknown type 'grop'"))
        "glossary.yaml:41:14: unknown type 'grop'"
    """

    path: str
    line: int
    column: int
    message: str = field(compare=True)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of a problem."""
        return {"path": self.path, "line": self.line, "column": self.column, "message": self.message}


def problem_at(path: str, line0: int, column0: int, message: str) -> Problem:
    """Build a `Problem` from a parser's 0-based line and column."""
    return Problem(path, line0 + 1, column0 + 1, message)


class GlossaryError(Exception):
    """Bad input: carries every `Problem` found, sorted by position.

    The command line prints each problem on stderr and exits with `EXIT_USAGE`.
    """

    def __init__(self, problems: list[Problem] | str) -> None:
        if isinstance(problems, str):
            self.problems: list[Problem] = []
            message = problems
        else:
            self.problems = sorted(problems)
            message = "\n".join(str(p) for p in self.problems)
        super().__init__(message)


class SchemeError(GlossaryError):
    """A transliteration scheme table is invalid, or the scheme is unknown."""
