"""The command line: ``glossary [--glossary PATH]... COMMAND``, a thin client of the API.

`main` holds the command group (its options and error handling) and runs it; `commands` the
commands that look names up (lookup, resolve, search, show, list, validate, translit,
schemes), `dedupe` the dataset commands (dedupe, apply, imported only when asked for);
`state` what they share; `card` what an entity card says and its plain layout, `render` the
rich renderables of a terminal. Each command parses its options, calls the API and renders.
"""

from .main import cli, main

__all__ = ["cli", "main"]
