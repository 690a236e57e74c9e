"""The scheme tables: which schemes ship (`scheme_names`), where their YAML is, and each one parsed
once (`load`), from the generated module `_schemes` when it matches the tables on disk.

`glossary.translit.engine` compiles what `load` returns into mappers.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from glossary.errors import SchemeError
from glossary.translit._schema import Scheme, parse_scheme

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


@functools.cache
def load(name: str) -> Scheme:
    """Parse ``schemes/<name>.yaml`` once (cached).

    Raises:
        SchemeError: The scheme is unknown or its table is invalid.
    """
    if name not in scheme_names():
        raise SchemeError(f"unknown scheme {name!r} (expected one of: {', '.join(scheme_names())})")
    generated = _generated()
    if name in generated:
        return generated[name]
    file = schemes_folder() / f"{name}.yaml"
    return parse_scheme(file.read_text(encoding="utf-8"), str(file))


@functools.cache
def _generated() -> dict[str, Scheme]:
    """The schemes of the generated module, if it matches the tables on disk (else none)."""
    try:
        from ._schemes import SCHEMES, SOURCES_HASH
    except ImportError:
        return {}
    return dict(SCHEMES) if SOURCES_HASH == sources_hash(scheme_names()) else {}


def sources_hash(names: tuple[str, ...]) -> str:
    """A checksum of the scheme tables' names and bytes, which the generated module records
    (CRC-32 and length: it tells an edited table from the generated one, no adversary involved;
    zlib is built in, hashlib is not). Here, not in `_genschemes`: every card checks it."""
    import zlib

    folder = schemes_folder()
    crc, size = 0, 0
    for name in names:
        data = name.encode() + b"\0" + (folder / f"{name}.yaml").read_bytes()
        crc, size = zlib.crc32(data, crc), size + len(data)
    return f"{crc:08x}-{size}"


@functools.cache
def scheme_names() -> tuple[str, ...]:
    """The names of the shipped schemes, from the file names (no YAML is parsed)."""
    return tuple(sorted(p.name[:-5] for p in schemes_folder().iterdir() if p.name.endswith(".yaml")))


@functools.cache
def schemes_folder() -> Path | Traversable:
    """The folder of the scheme tables: next to this module (importlib.resources, about 10 ms to
    import, only for an install that has no such folder: a zip)."""
    here = Path(__file__).with_name("schemes")
    if here.is_dir():
        return here
    from importlib import resources

    return resources.files("glossary.translit") / "schemes"
