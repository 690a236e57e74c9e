"""The folding tables (``tables/*.yaml``) as data: one mapping keyed by file stem.

The YAML files are the source of truth a translator reviews; parsing them costs about
35 ms of imports, too much for a cold ``glossary lookup``, so their content is also
generated into ``_generated/tables.py`` (``python -m glossary.names._gentables``). That
module is used only while it was made from the tables on disk (`sources_hash`, recorded
as ``SOURCES_HASH``): an edited table is read from its YAML until it is regenerated, and
``tests/names/test_tables.py`` fails until then.

pyarabic supplies the Arabic mark classes: every character of ``pyarabic.araby.TASHKEEL``
and ``pyarabic.araby.SMALL`` is added to the Arabic ``delete`` list, so the tables never
miss a mark pyarabic knows.

Example:
    >>> sorted(TABLES)
    ['arabic', 'generic', 'latin', 'orthographies', 'skeleton']
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

FILES = ("arabic.yaml", "latin.yaml", "skeleton.yaml", "generic.yaml", "orthographies.yaml")
VARIANTS_FILE = "letter_variants.tsv"
"""The Arabic-script letters of other orthographies (Persian, Urdu, Pashto, Kurdish, Maghrebi …) and
the letter each is read as, one row a letter with its reason (written by ``tools/letter_variants.py``):
the Arabic fold (`glossary.names.fold`) and the romanization (`glossary.translit.letters`) both read
them, as ``TABLES["arabic"]["variants"]``."""


@cache
def folder() -> Path | Traversable:
    """The folder of the table files: next to this module (importlib.resources, about 10 ms to
    import, only for an install that has no such folder: a zip)."""
    here = Path(__file__).with_name("tables")
    if here.is_dir():
        return here
    from importlib import resources

    return resources.files("glossary.names") / "tables"


@cache
def sources_hash() -> str:
    """A checksum of the table files' names and bytes (CRC-32 and length: it tells an edited table
    from the generated one, no adversary involved; zlib is built in, hashlib is not)."""
    import zlib

    crc, size = 0, 0
    for name in (*FILES, VARIANTS_FILE):
        data = name.encode() + b"\0" + (folder() / name).read_bytes()
        crc, size = zlib.crc32(data, crc), size + len(data)
    return f"{crc:08x}-{size}"


def read_yaml() -> dict[str, Any]:
    """Read every table file (ruamel.yaml, safe loader), the Arabic marks completed from pyarabic."""
    from pyarabic import araby  # letter classes come from pyarabic (DESIGN.md section 5)
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    data: dict[str, Any] = {}
    for name in FILES:
        data[name.removesuffix(".yaml")] = yaml.load((folder() / name).read_text(encoding="utf-8"))
    delete = list(data["arabic"]["delete"])
    for ch in (*araby.TASHKEEL, *araby.SMALL):
        if ch not in delete and not any(_in_range(ch, r) for r in delete):
            delete.append(ch)
    data["arabic"]["delete"] = delete
    data["arabic"]["variants"] = read_variants((folder() / VARIANTS_FILE).read_text(encoding="utf-8"))
    return data


def read_variants(text: str) -> dict[str, str]:
    """The rows of `VARIANTS_FILE` (tab-separated: letter, code point, Unicode name, read as, reason;
    ``#`` comments): each letter and the letter(s) it is read as.

    Example:
        >>> read_variants("# letter\\tcode\\tname\\tread as\\treason\\nڪ\\tU+06AA\\tSWASH KAF\\tك\\tsame letter\\n")
        {'ڪ': 'ك'}
    """
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            letter, _, _, target, _ = line.split("\t")
            out[letter] = target
    return out


def _in_range(ch: str, entry: str) -> bool:
    """Whether ``ch`` is ``entry`` or inside an ``a-b`` range entry."""
    if len(entry) == 3 and entry[1] == "-":
        return entry[0] <= ch <= entry[2]
    return ch == entry


def _load() -> dict[str, Any]:
    """The generated tables while they were made from the files on disk, else the files."""
    from ._generated.tables import SOURCES_HASH, TABLES

    return TABLES if SOURCES_HASH == sources_hash() else read_yaml()


TABLES: dict[str, Any] = _load()
"""Every table, by file stem (``arabic``, ``latin``, ``skeleton``, ``generic``, ``orthographies``); the
Arabic one also holds the letter variants of `VARIANTS_FILE` (``variants``)."""
