"""The index cache: one SQLite file per glossary content, read without loading it whole.

A warm ``glossary lookup`` opens the file, reads the few rows its keys point at, and
never parses YAML. The file is named by the glossary files' content hash and by
`code_hash`, a checksum of the code and tables that shape an index (every source file of
`glossary.names` and `glossary.match`, the folding tables, and the modules that decide what
an entity holds and says), so any change to the glossary or to the normalizer makes a new
file. It holds the keys and each entity's JSON (`Entity.to_dict`); lists of numbers are
packed as little arrays, never pickled. It also keeps babel's text for what a card shows
in each interface language (scores, the sources' dates and languages:
`glossary.i18n.locale_strings`), so a card loads no CLDR data.
It is written to a temporary file and renamed into place; a missing, stale or corrupt
file (or one made by other code) is rebuilt silently; an unwritable cache directory
means no cache. A cache file exists only for files that were valid when it was built.

Where: ``$GLOSSARY_CACHE_DIR``, else ``$XDG_CACHE_HOME/glossary``, else
``~/.cache/glossary`` (`cache_dir`).

Example:
    >>> import tempfile
    >>> from glossary.model import Entity
    >>> d = Path(tempfile.mkdtemp())
    >>> ents = [Entity(id="hama", type="place", romanized="Hama", arabic="حماة")]
    >>> open_or_build("abc", lambda: ents, d).ids()
    ['hama']
    >>> open_or_build("abc", lambda: [], d).store.__class__.__name__  # warm: build not called
    'SqliteStore'
"""

from __future__ import annotations

import functools
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING

from glossary.store import fingerprint, known_content_hash, remember_content_hash

from .index import Index
from .memory import MemoryStore, build_store
from .sqlite import SqliteStore

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from glossary.model import Entity

SHAPED_BY = ("names", "match", "model.py", "i18n.py", "store/read.py", "store/validate.py")
"""What shapes an index, in the package folder: these folders' source files and tables (and
generated modules), and these modules."""

_DDL = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE entities(eidx INTEGER PRIMARY KEY, id TEXT NOT NULL, type TEXT NOT NULL, label TEXT NOT NULL,
                      json TEXT NOT NULL);
CREATE TABLE names(nid INTEGER PRIMARY KEY, eidx INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL,
                   prof TEXT NOT NULL);
CREATE TABLE keys(k TEXT PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE posting(s TEXT PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE near(d TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE forms(f TEXT PRIMARY KEY, df INTEGER NOT NULL, v BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE vocalized(k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE locale_text(locale TEXT NOT NULL, kind TEXT NOT NULL, k TEXT NOT NULL, v TEXT NOT NULL,
                         PRIMARY KEY (locale, kind, k)) WITHOUT ROWID;
"""
_INDEXES = "CREATE INDEX entities_id ON entities(id);"
"""Made once the rows are in (one sort), not row by row."""
_WRITING = "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
"""How a cache file is written: no journal and no syncs (it is written to a temporary file and
renamed into place, so a crash leaves no cache, never a broken one)."""


def cache_dir() -> Path:
    """The cache directory (not created here), absolute: a relative ``$GLOSSARY_CACHE_DIR`` or
    ``$XDG_CACHE_HOME`` is taken from the working directory."""
    env = os.environ.get("GLOSSARY_CACHE_DIR")
    if env:
        return Path(env).absolute()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return ((Path(xdg) if xdg else Path.home() / ".cache") / "glossary").absolute()


def code_hash(directory: Path) -> str:
    """A checksum of the names and bytes of the files in `SHAPED_BY` (CRC-32 and length, as
    the generated tables are checked: it tells edited code from other code, no adversary
    involved; zlib is built in, hashlib is not). It is remembered in ``directory``/code under
    the files' status, as the glossary files' content hash is (`glossary.store.known_content_hash`):
    a warm command stats the 40-odd files instead of reading them (0.66 ms)."""
    return _code_hash(directory)


@functools.cache
def _code_hash(directory: Path) -> str:
    root = Path(__file__).parents[1]
    if not root.is_dir():  # a zipped install: importlib.resources reads it (10 ms to import)
        from importlib import resources

        return _checksum(_entries(resources.files("glossary")))
    taken = time.time_ns()  # before looking at the files: what changed after this is not trusted
    files = sorted(_files(root), key=lambda f: f[0])  # (in order: the status record compares lists)
    status = fingerprint([(path, st) for _name, path, st in files])
    known = known_content_hash(status, directory / "code")
    if known is None:
        known = _checksum((name, Path(path)) for name, path, _st in files)
        remember_content_hash(status, known, taken, directory / "code")
    return known


def _checksum(files: Iterable[tuple[str, Path | Traversable]]) -> str:
    import zlib

    crc, size = 0, 0
    for name, file in sorted(files, key=lambda nf: nf[0]):
        data = name.encode() + b"\0" + file.read_bytes()
        crc, size = zlib.crc32(data, crc), size + len(data)
    return f"{crc:08x}-{size}"


def _files(root: Path) -> Iterator[tuple[str, str, os.stat_result]]:
    """The files of `SHAPED_BY` under the package folder ``root``: path in the package, path, status."""
    for name in SHAPED_BY:
        path = os.path.join(root, name)
        if os.path.isdir(path):
            yield from _folder_files(name, path)
        else:
            yield name, path, os.stat(path)


def _folder_files(name: str, folder: str) -> Iterator[tuple[str, str, os.stat_result]]:
    """The source files and tables under a folder (``__pycache__`` left out)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            inner = f"{name}/{entry.name}"
            if entry.is_dir():
                if entry.name != "__pycache__":
                    yield from _folder_files(inner, entry.path)
            elif entry.name.endswith((".py", ".yaml", ".tsv")):
                yield inner, entry.path, entry.stat()


def _entries(root: Traversable) -> Iterator[tuple[str, Traversable]]:
    """`_files` in an install that is no folder (a zip), without their status."""
    for name in SHAPED_BY:
        entry = root
        for part in name.split("/"):
            entry = entry / part
        yield from _traversed(name, entry) if entry.is_dir() else [(name, entry)]


def _traversed(name: str, folder: Traversable) -> Iterator[tuple[str, Traversable]]:
    for entry in folder.iterdir():
        inner = f"{name}/{entry.name}"
        if entry.is_dir():
            if entry.name != "__pycache__":
                yield from _traversed(inner, entry)
        elif entry.name.endswith((".py", ".yaml", ".tsv")):
            yield inner, entry


def cache_path(content_hash: str, directory: Path) -> Path:
    """The cache file for a glossary content hash (and this code)."""
    safe = "".join(c for c in content_hash if c.isalnum())[:64] or "empty"
    return directory / f"index-{safe}-{code_hash(directory)}.sqlite"


def write(store: MemoryStore, path: Path, content_hash: str) -> None:
    """Write an in-memory index to ``path`` atomically (temporary file, then rename).

    The tables keyed by text get their rows in key order: every row goes at the end of its B-tree (in
    the order of a dict, every row went to a page anywhere in it). Their rows are made by C iterators
    (`zip`, `map`): a Python generator's frame for each of a large glossary's millions of keys was a
    fifth of the write. The postings are arrays of C ints (`build_store`), which SQLite binds as the
    blobs they are (`glossary.match.sqlite.pack`'s bytes)."""
    import json

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        con = sqlite3.connect(tmp)
        try:
            con.executescript(_WRITING + _DDL)
            objects = store.objects or []
            con.executemany("INSERT INTO entities VALUES (?,?,?,?,?)", (
                (i, row.id, row.type, row.label,
                 json.dumps(objects[i].to_dict(), ensure_ascii=False, default=str) if objects else store.json[i])
                for i, row in enumerate(store.entities)))
            con.executemany("INSERT INTO names VALUES (?,?,?,?,?)", ((i, *row) for i, row in enumerate(store.names)))
            for table, postings in (("keys", store.keys), ("posting", store.posting)):
                order = sorted(postings)
                con.executemany(f"INSERT INTO {table} VALUES (?,?)", zip(order, map(postings.__getitem__, order)))
            con.executemany("INSERT INTO near VALUES (?,?)", ((k, " ".join(v)) for k, v in sorted(store.near.items())))
            forms = sorted(store.form_posting)
            con.executemany("INSERT INTO forms VALUES (?,?,?)", zip(
                forms, map(store.dfs.get, forms, repeat(0)), map(store.form_posting.__getitem__, forms)))
            con.executemany("INSERT INTO vocalized VALUES (?,?)", sorted(store.vocalized.items()))
            con.executemany("INSERT INTO locale_text VALUES (?,?,?,?)", _locale_strings(store))
            con.execute(_INDEXES)  # (not executescript: it would commit first)
            meta = {"code": code_hash(path.parent), "content": content_hash, "entities": str(store.n_entities),
                    "vocal_span": str(store.vocal_span)}
            con.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
            con.commit()
        finally:
            con.close()
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _locale_strings(store: MemoryStore) -> Iterator[tuple[str, str, str, str]]:
    """Babel's text for the scores and for the sources' dates and languages (see the module docstring)."""
    from glossary.i18n import locale_strings

    assert store.sources is not None, "a store read from the cache is not written again"
    return locale_strings((d for d, _ in store.sources if d), (lang for _, lang in store.sources if lang))


def _open(path: Path, content_hash: str) -> tuple[sqlite3.Connection, dict[str, str]] | None:
    """Open a cache file and check its header; None when it is missing or unusable."""
    if not path.is_file():
        return None
    try:
        # (as_uri takes an absolute path only: a relative GLOSSARY_CACHE_DIR once made every command rebuild)
        con = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        meta = dict(con.execute("SELECT k, v FROM meta").fetchall())
        if (meta.get("code"), meta.get("content")) != (code_hash(path.parent), content_hash):
            con.close()
            return None
        int(meta["entities"]), int(meta["vocal_span"])
        return con, meta
    except (sqlite3.Error, ValueError, KeyError):
        return None


def open_cached(content_hash: str, build: Callable[[], Sequence[Entity]], directory: Path) -> Index | None:
    """The index from the cache file for ``content_hash`` in ``directory``, or None when there is no
    usable one (nothing is built or written). ``build`` (the entities) is called only if the file
    fails while being read."""
    opened = _open(cache_path(content_hash, directory), content_hash)
    if opened is None:
        return None
    con, meta = opened
    store = SqliteStore(con, int(meta["entities"]), lambda: build_store(build()))
    store.vocal_span = int(meta["vocal_span"])
    return Index(store)


def open_or_build(content_hash: str, build: Callable[[], Sequence[Entity]], directory: Path) -> Index:
    """The index from the cache file for ``content_hash`` in ``directory`` when usable, else one
    built from ``build()`` and written to the cache when possible.

    Args:
        content_hash: hash of the glossary files' content (names the cache file).
        build: returns the entities; called only when the cache cannot answer.
        directory: where cache files live (`cache_dir` for the user's).
    """
    found = open_cached(content_hash, build, directory)
    return found if found is not None else build_cached(content_hash, build, directory)


def build_cached(content_hash: str, build: Callable[[], Iterable[Entity]], directory: Path) -> Index:
    """An index built from ``build()`` and written to the cache file for ``content_hash`` in
    ``directory`` when possible (an unwritable folder means no cache, never an error). ``build``
    may give an iterator: a large glossary streamed from its files is never held whole."""
    store = build_store(build())
    try:
        write(store, cache_path(content_hash, directory), content_hash)
    except (OSError, sqlite3.Error) as e:  # read-only or full disk: work without a cache
        print(f"glossary: index cache not written ({e})", file=sys.stderr) if os.environ.get("GLOSSARY_DEBUG") else None
    return Index(store)
