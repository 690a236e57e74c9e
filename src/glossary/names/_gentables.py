"""Generate ``_generated/tables.py`` and ``_generated/folded.py`` from ``tables/*.yaml``.

Both exist for the start-up time of a cold ``glossary lookup``: the first holds the tables
as `glossary.names.tables` reads them from YAML (35 ms of imports saved), the second the
generic-word tables with their words folded (`glossary.names.generic.folded_tables`, some
200 words: 17 ms saved). Each records the tables' `sources_hash`; a generated module made
from other tables is not used (see `glossary.names.tables`), and
``tests/names/test_tables.py`` checks that regenerating changes nothing. Run after editing
a table or a fold::

    python -m glossary.names._gentables

Example:
    >>> "SOURCES_HASH" in render()
    True
"""

from __future__ import annotations

import pprint
from pathlib import Path

GENERATED = Path(__file__).resolve().with_name("_generated")
OUTPUT = GENERATED / "tables.py"
FOLDED_OUTPUT = GENERATED / "folded.py"


def render() -> str:
    """The text of ``_generated/tables.py``: the YAML files as they are now."""
    from .tables import read_yaml, sources_hash

    body = pprint.pformat(read_yaml(), width=100, sort_dicts=True)
    return (
        '"""Folding tables compiled from glossary/names/tables/*.yaml. Generated: do not edit.\n\n'
        'Regenerate with ``python -m glossary.names._gentables``.\n"""\n\n'
        "from typing import Any\n\n"
        f"SOURCES_HASH = {sources_hash()!r}\n\n"
        f"TABLES: dict[str, Any] = {body}\n"
    )


def render_folded() -> str:
    """The text of ``_generated/folded.py``: `glossary.names.generic.folded_tables` as it is now
    (run in a fresh process after ``tables.py`` is written, since folding reads the tables)."""
    from .generic import folded_tables
    from .tables import sources_hash

    body = pprint.pformat(folded_tables(), width=100, sort_dicts=True)
    return (
        '"""The generic-word tables with their words folded. Generated: do not edit.\n\n'
        "Regenerate with ``python -m glossary.names._gentables`` (after editing a table or a fold).\n\"\"\"\n\n"
        f"FROM_TABLES = {sources_hash()!r}\n\n"
        f"FOLDED: dict[str, dict[str, float]] = {body}\n"
    )


def main() -> None:
    """Write ``_generated/tables.py``, then ``_generated/folded.py`` (folded with those tables)."""
    import subprocess
    import sys

    OUTPUT.write_text(render(), encoding="utf-8")
    code = ("from glossary.names._gentables import FOLDED_OUTPUT, render_folded; "
            "FOLDED_OUTPUT.write_text(render_folded(), encoding='utf-8')")
    subprocess.run([sys.executable, "-c", code], check=True)


if __name__ == "__main__":
    main()
