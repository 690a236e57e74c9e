"""The index cache: one SQLite file per glossary content, read without loading it whole.

A warm ``glossary lookup`` opens the file, reads the few rows its keys point at, and
never parses YAML. The file is named by the glossary files' content hash, the folding
tables' hash and the schema version, so any change to the glossary or to the
normalizer makes a new file. It holds the keys and each entity's JSON
(`Entity.to_dict`); lists of numbers are packed as little arrays, never pickled. It
also keeps babel's text for what a card shows in each interface language (scores, the
sources' dates and languages: `glossary.i18n.locale_strings`), so a card loads no
CLDR data.
It is written to a temporary file and renamed into place; a missing, stale or corrupt
file (or one with another schema) is rebuilt silently; an unwritable cache directory
means no cache.

Where: ``$GLOSSARY_CACHE_DIR``, else ``$XDG_CACHE_HOME/glossary``, else
``~/.cache/glossary``.

Example:
    >>> import tempfile
    >>> from glossary.model import Entity
    >>> from glossary.index import Index
    >>> d = Path(tempfile.mkdtemp())
    >>> ents = [Entity(id="hama", type="place", romanized="Hama", arabic="حماة")]
    >>> Index.cached("abc", lambda: ents, cache_dir=d).ids()
    ['hama']
    >>> Index.cached("abc", lambda: [], cache_dir=d).store.__class__.__name__  # warm: build not called
    'SqliteStore'
"""

from __future__ import annotations

import os
import sqlite3
import sys
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glossary.names.tables import sources_hash

if TYPE_CHECKING:
    from glossary.index import EntityRow, Index, MemoryStore, NameRow, Store
    from glossary.model import Entity

SCHEMA = 12
"""Bump when the file layout or what the keys mean changes (2: babel's text for cards; 3: a lone h kept in
skeletons; 4: ch also read kh; 5: sy also read s-y;
6: a variant spelling has the document frequency of its word; 7: compounds keep
the other reading of their words; 12: a name beginning with the article has an acronym with its a)."""

_DDL = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE entities(eidx INTEGER PRIMARY KEY, id TEXT NOT NULL, type TEXT NOT NULL, label TEXT NOT NULL,
                      json TEXT NOT NULL);
CREATE INDEX entities_id ON entities(id);
CREATE TABLE names(nid INTEGER PRIMARY KEY, eidx INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL,
                   prof TEXT NOT NULL);
CREATE TABLE keys(k TEXT PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE posting(s TEXT PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE near(d TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE forms(f TEXT PRIMARY KEY, df INTEGER NOT NULL, v BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE locale_text(locale TEXT NOT NULL, kind TEXT NOT NULL, k TEXT NOT NULL, v TEXT NOT NULL,
                         PRIMARY KEY (locale, kind, k)) WITHOUT ROWID;
"""


def cache_dir() -> Path:
    """The cache directory (not created here)."""
    env = os.environ.get("GLOSSARY_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "glossary"


def cache_path(content_hash: str, directory: Path) -> Path:
    """The cache file for a glossary content hash."""
    safe = "".join(c for c in content_hash if c.isalnum())[:64] or "empty"
    return directory / f"index-{safe}-{sources_hash()}-v{SCHEMA}.sqlite"


def _pack(nids: Sequence[int]) -> bytes:
    return array("i", nids).tobytes()


def _unpack(blob: bytes) -> array[int]:
    a = array("i")
    a.frombytes(blob)
    return a


def write(store: MemoryStore, path: Path, content_hash: str) -> None:
    """Write an in-memory index to ``path`` atomically (temporary file, then rename)."""
    import json

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        con = sqlite3.connect(tmp)
        try:
            con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _DDL)
            objects = store.objects or []
            con.executemany("INSERT INTO entities VALUES (?,?,?,?,?)", (
                (i, row[0], row[1], row[2],
                 json.dumps(objects[i].to_dict(), ensure_ascii=False, default=str) if objects else store.json[i])
                for i, row in enumerate(store.entities)))
            con.executemany("INSERT INTO names VALUES (?,?,?,?,?)", ((i, *row) for i, row in enumerate(store.names)))
            con.executemany("INSERT INTO keys VALUES (?,?)", ((k, _pack(v)) for k, v in store.keys.items()))
            con.executemany("INSERT INTO posting VALUES (?,?)", ((k, _pack(v)) for k, v in store.posting.items()))
            con.executemany("INSERT INTO near VALUES (?,?)", ((k, " ".join(v)) for k, v in store.near.items()))
            con.executemany("INSERT INTO forms VALUES (?,?,?)", (
                (f, store.dfs.get(f, 0), _pack(v)) for f, v in store.form_posting.items()))
            con.executemany("INSERT INTO locale_text VALUES (?,?,?,?)", _locale_strings(store))
            meta = {"schema": str(SCHEMA), "tables": sources_hash(), "content": content_hash,
                    "entities": str(store.n_entities)}
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
    import json

    from glossary.i18n import locale_strings

    if store.objects is not None:
        sources = [(s.date, s.language) for e in store.objects for s in e.sources]
    else:
        sources = [(s.get("date"), s.get("language")) for js in store.json for s in json.loads(js).get("sources") or ()
                   if isinstance(s, dict)]
    return locale_strings((d for d, _ in sources if d), (lang for _, lang in sources if lang))


class SqliteStore:
    """An index read from its cache file on demand (implements `glossary.index.Store`).

    Any SQLite error while reading (a file damaged after it was opened) switches to an
    index rebuilt in memory by ``fallback``.
    """

    def __init__(self, con: sqlite3.Connection, n_entities: int, fallback: Callable[[], MemoryStore]) -> None:
        self.con = con
        self.n_entities = n_entities
        self._fallback = fallback
        self._memory: MemoryStore | None = None
        self.dfs: dict[str, int] = {}

    def _rows(self, sql: str, args: Sequence[Any]) -> list[Any]:
        if self._memory is not None:
            raise _Switched
        try:
            return self.con.execute(sql, args).fetchall()
        except sqlite3.Error:
            self._memory = self._fallback()
            raise _Switched from None

    def _in(self, table: str, col: str, cols: str, values: Sequence[str]) -> list[Any]:
        out: list[Any] = []
        values = list(values)
        for i in range(0, len(values), 500):
            chunk = values[i : i + 500]
            out += self._rows(f"SELECT {col}, {cols} FROM {table} WHERE {col} IN ({','.join('?' * len(chunk))})", chunk)
        return out

    def lookup(self, keys: Sequence[str]) -> list[int]:
        return [n for v in self.lookup_by_key(keys).values() for n in v]

    def lookup_by_key(self, keys: Sequence[str]) -> dict[str, Sequence[int]]:
        try:
            return {k: _unpack(v) for k, v in self._in("keys", "k", "v", keys)}
        except _Switched:
            assert self._memory is not None
            return self._memory.lookup_by_key(keys)

    def word_postings(self, skels: Sequence[str]) -> dict[str, Sequence[int]]:
        try:
            return {k: _unpack(v) for k, v in self._in("posting", "s", "v", skels)}
        except _Switched:
            assert self._memory is not None
            return self._memory.word_postings(skels)

    def near_skeletons(self, dels: Sequence[str]) -> dict[str, Sequence[str]]:
        try:
            return {k: v.split(" ") for k, v in self._in("near", "d", "v", dels)}
        except _Switched:
            assert self._memory is not None
            return self._memory.near_skeletons(dels)

    def name_rows(self, nids: Iterable[int]) -> dict[int, NameRow]:
        ids = sorted(set(nids))
        try:
            rows = []
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                rows += self._rows(f"SELECT nid, eidx, text, kind, prof FROM names WHERE nid IN ({','.join('?' * len(chunk))})",
                                   chunk)
            return {r[0]: (r[1], r[2], r[3], r[4]) for r in rows}
        except _Switched:
            assert self._memory is not None
            return self._memory.name_rows(ids)

    def entity_rows(self, eidxs: Iterable[int]) -> dict[int, EntityRow]:
        ids = sorted(set(eidxs))
        try:
            rows = []
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                rows += self._rows(f"SELECT eidx, id, type, label FROM entities WHERE eidx IN ({','.join('?' * len(chunk))})",
                                   chunk)
            return {r[0]: (r[1], r[2], r[3]) for r in rows}
        except _Switched:
            assert self._memory is not None
            return self._memory.entity_rows(ids)

    def df(self, forms: Iterable[str]) -> dict[str, int]:
        try:
            return {f: d for f, d in self._in("forms", "f", "df", list(forms))}
        except _Switched:
            assert self._memory is not None
            return self._memory.df(forms)

    def entity_number(self, id: str) -> int | None:
        try:
            rows = self._rows("SELECT eidx FROM entities WHERE id = ?", [id])
        except _Switched:
            assert self._memory is not None
            return self._memory.entity_number(id)
        return int(rows[0][0]) if rows else None

    def entity_dict(self, id: str) -> dict[str, Any] | None:
        import json

        try:
            rows = self._rows("SELECT json FROM entities WHERE id = ?", [id])
        except _Switched:
            assert self._memory is not None
            return self._memory.entity_dict(id)
        if not rows:
            return None
        d: dict[str, Any] = json.loads(rows[0][0])
        return d

    def ids(self) -> list[str]:
        try:
            return [r[0] for r in self._rows("SELECT id FROM entities ORDER BY eidx", [])]
        except _Switched:
            assert self._memory is not None
            return self._memory.ids()

    def forms_like(self, prefix: str, contains: bool, limit: int) -> list[tuple[str, Sequence[int]]]:
        try:
            if contains:
                rows = self._rows("SELECT f, v FROM forms WHERE instr(f, ?) > 0 LIMIT ?", [prefix, limit])
            else:
                rows = self._rows("SELECT f, v FROM forms WHERE f >= ? AND f < ? ORDER BY f LIMIT ?",
                                  [prefix, prefix + "\U0010ffff", limit])
            return [(f, _unpack(v)) for f, v in rows]
        except _Switched:
            assert self._memory is not None
            return self._memory.forms_like(prefix, contains, limit)

    def locale_text(self, locale: str, kind: str, key: str) -> str | None:
        """Babel's text kept for a locale (`glossary.i18n.Locale` ``known``), or None."""
        if self._memory is not None:
            return None
        try:
            row = self.con.execute("SELECT v FROM locale_text WHERE locale = ? AND kind = ? AND k = ?",
                                   (locale, kind, key)).fetchone()
        except sqlite3.Error:  # babel answers instead
            return None
        return None if row is None else str(row[0])

    def load_all(self) -> Store:
        """Everything in memory: faster per lookup for a long batch."""
        from glossary.index import MemoryStore

        if self._memory is not None:
            return self._memory
        try:
            st = MemoryStore()
            st.n_entities = self.n_entities
            con = self.con
            for _eidx, id_, type_, label, js in con.execute("SELECT eidx, id, type, label, json FROM entities ORDER BY eidx"):
                st.entities.append((id_, type_, label))
                st.json.append(js)
            st.names = [(e, t, k, p) for _n, e, t, k, p in con.execute("SELECT * FROM names ORDER BY nid")]
            st.keys = {k: list(_unpack(v)) for k, v in con.execute("SELECT k, v FROM keys")}
            st.posting = {k: list(_unpack(v)) for k, v in con.execute("SELECT s, v FROM posting")}
            st.near = {k: v.split(" ") for k, v in con.execute("SELECT d, v FROM near")}
            for f, d, v in con.execute("SELECT f, df, v FROM forms"):
                st.dfs[f] = d
                st.form_posting[f] = list(_unpack(v))
            return st
        except sqlite3.Error:
            self._memory = self._fallback()
            return self._memory


class _Switched(Exception):
    """The cache failed while reading; the in-memory fallback answers instead."""


def _open(path: Path, content_hash: str) -> tuple[sqlite3.Connection, int] | None:
    """Open a cache file and check its header; None when it is missing or unusable."""
    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        meta = dict(con.execute("SELECT k, v FROM meta").fetchall())
        if (meta.get("schema"), meta.get("tables"), meta.get("content")) != (str(SCHEMA), sources_hash(), content_hash):
            con.close()
            return None
        return con, int(meta["entities"])
    except (sqlite3.Error, ValueError, KeyError):
        return None


def open_cached(cls: type[Index], content_hash: str, build: Callable[[], Sequence[Entity]],
                directory: Path | None) -> Index | None:
    """`Index.from_cache`: the cache file when usable, else None."""
    from glossary.index import build_store

    directory = cache_dir() if directory is None else directory
    opened = _open(cache_path(content_hash, directory), content_hash)
    if opened is None:
        return None
    con, n = opened
    return cls(SqliteStore(con, n, lambda: build_store(build())))


def open_or_build(cls: type[Index], content_hash: str, build: Callable[[], Sequence[Entity]],
                  directory: Path | None) -> Index:
    """`Index.cached`: the cache file when usable, else a fresh index (written to the cache when possible)."""
    from glossary.index import build_store

    found = open_cached(cls, content_hash, build, directory)
    if found is not None:
        return found
    directory = cache_dir() if directory is None else directory
    path = cache_path(content_hash, directory)
    store = build_store(build())
    try:
        write(store, path, content_hash)
    except (OSError, sqlite3.Error) as e:  # read-only or full disk: work without a cache
        print(f"glossary: index cache not written ({e})", file=sys.stderr) if os.environ.get("GLOSSARY_DEBUG") else None
    return cls(store)
