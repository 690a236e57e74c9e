"""Extract, update and compile the message catalogs, with babel's own commands.

    python tools/catalogs.py           # pybabel extract, update, compile (in that order)
    python tools/catalogs.py --check   # exit 1 when a catalog is stale (what tests/test_catalogs.py checks)

``pybabel extract`` gathers every message of ``src/glossary`` (the ``gettext`` and ``ngettext``
calls, and `glossary.i18n.N_` where a message is only named) into ``locale/glossary.pot``;
``pybabel update`` merges it into each language's ``locale/<code>/LC_MESSAGES/glossary.po``
(where a translator writes the translations); ``pybabel compile`` writes the ``.mo`` files the
tool reads. The compiled files are committed beside their sources (see `glossary.i18n`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "glossary"
LOCALE = PACKAGE / "locale"
TEMPLATE = LOCALE / "glossary.pot"
KEYWORDS = ["-k", "N_"]
"""Besides babel's defaults (_, gettext, ngettext, ...)."""


def extract(output: Path = TEMPLATE) -> None:
    """``pybabel extract``: the template, every message of the package (sorted, no line numbers)."""
    CommandLineInterface().run(["pybabel", "-q", "extract", *KEYWORDS, "--no-location", "--sort-output",
                                "--project", "glossary", "--copyright-holder", "The glossary developers",
                                "--msgid-bugs-address", "", "-o", str(output), str(PACKAGE)])


def update() -> None:
    """``pybabel update``: each language's catalog gets the template's new messages (and drops the gone)."""
    CommandLineInterface().run(["pybabel", "-q", "update", "--no-fuzzy-matching", "--ignore-obsolete", "-D", "glossary",
                                "-i", str(TEMPLATE), "-d", str(LOCALE)])


def compile_() -> None:
    """``pybabel compile``: the ``.mo`` files the tool reads."""
    CommandLineInterface().run(["pybabel", "-q", "compile", "--statistics", "-D", "glossary", "-d", str(LOCALE)])


def main(argv: list[str]) -> int:
    if "--check" in argv:
        import subprocess

        return subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                str(ROOT / "tests" / "test_catalogs.py")])
    extract()
    update()
    compile_()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
