"""Generate `glossary._tables` from the folding tables in ``tables/*.yaml``.

The YAML files are the source of truth a translator reviews; parsing YAML costs about
35 ms of imports, too much for a cold ``glossary lookup``, so their content is written
once into a plain Python module. ``tests/normalize/test_tables.py`` checks that
regenerating changes nothing. Run after editing a table::

    python -m glossary._gentables

pyarabic supplies the Arabic mark classes: every character of
``pyarabic.araby.TASHKEEL`` and ``pyarabic.araby.SMALL`` is added to the Arabic
``delete`` list, so the tables never miss a mark pyarabic knows.

Example:
    >>> "TABLES_HASH" in render()
    True
"""

from __future__ import annotations

import hashlib
import pprint
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent
TABLE_FILES = ("arabic.yaml", "latin.yaml", "skeleton.yaml", "generic.yaml", "orthographies.yaml")
OUTPUT = _HERE / "_tables.py"


def load_sources() -> dict[str, Any]:
    """Read every table file (ruamel.yaml, safe loader) into one mapping keyed by file stem."""
    from ruamel.yaml import YAML  # only at generation time, never on the lookup path

    yaml = YAML(typ="safe", pure=True)
    data: dict[str, Any] = {}
    for name in TABLE_FILES:
        data[name.removesuffix(".yaml")] = yaml.load((_HERE / "tables" / name).read_text(encoding="utf-8"))
    from pyarabic import araby  # letter classes come from pyarabic (DESIGN.md section 5)

    delete = list(data["arabic"]["delete"])
    for ch in (*araby.TASHKEEL, *araby.SMALL):
        if ch not in delete and not any(_in_range(ch, r) for r in delete):
            delete.append(ch)
    data["arabic"]["delete"] = delete
    return data


def _in_range(ch: str, entry: str) -> bool:
    """Whether ``ch`` is ``entry`` or inside an ``a-b`` range entry."""
    if len(entry) == 3 and entry[1] == "-":
        return entry[0] <= ch <= entry[2]
    return ch == entry


def render() -> str:
    """The text of the generated module."""
    data = load_sources()
    body = pprint.pformat(data, width=100, sort_dicts=True)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    return (
        '"""Folding tables compiled from glossary/tables/*.yaml. Generated: do not edit.\n\n'
        'Regenerate with ``python -m glossary._gentables``.\n"""\n\n'
        "from typing import Any\n\n"
        f"TABLES_HASH = {digest!r}\n\n"
        f"TABLES: dict[str, Any] = {body}\n"
    )


FOLDED_OUTPUT = _HERE / "_folded.py"


def render_folded() -> str:
    """The text of ``_folded.py``: `glossary.weights.folded_tables` as it is now (run in a fresh
    process after ``_tables.py`` is written, since folding reads the tables)."""
    from glossary._tables import TABLES_HASH
    from glossary.weights import folded_tables

    body = pprint.pformat(folded_tables(), width=100, sort_dicts=True)
    return (
        '"""The generic-word tables with their words folded. Generated: do not edit.\n\n'
        "Regenerate with ``python -m glossary._gentables`` (after editing a table or a fold).\n\"\"\"\n\n"
        f"FROM_TABLES = {TABLES_HASH!r}\n\n"
        f"FOLDED: dict[str, dict[str, float]] = {body}\n"
    )


def main() -> None:
    """Write ``_tables.py`` next to this module, then ``_folded.py`` (folded with those tables)."""
    import subprocess
    import sys

    OUTPUT.write_text(render(), encoding="utf-8")
    code = "from glossary._gentables import FOLDED_OUTPUT, render_folded; FOLDED_OUTPUT.write_text(render_folded(), encoding='utf-8')"
    subprocess.run([sys.executable, "-c", code], check=True)


if __name__ == "__main__":
    main()
