"""An index read from its SQLite cache file on demand (`SqliteStore`).

The file's tables are those `glossary.match.cache` writes; name numbers are kept as arrays of
32-bit integers (`pack`, `unpack`), never pickled. Any SQLite error while reading (a file
damaged after it was opened) switches the store to an index rebuilt in memory.
"""

from __future__ import annotations

import gc
import sqlite3
from array import array
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any

from .memory import MemoryStore
from .rows import EntityRow, NameRow, Store

POSTINGS_KEPT = 8_000_000
"""Name numbers of word skeletons a `SqliteStore` keeps once read (32 MB)."""
_INT_SIZE = array("i").itemsize
"""Bytes of a name number in the file."""


def pack(nids: Sequence[int]) -> bytes:
    """Name numbers as the cache file keeps them (an index's arrays as they are, without a copy)."""
    if isinstance(nids, array) and nids.typecode == "i":
        return nids.tobytes()
    return array("i", nids).tobytes()


def unpack(blob: bytes) -> array[int]:
    """The name numbers `pack` wrote."""
    a = array("i")
    a.frombytes(blob)
    return a


class SqliteStore:
    """An index read from its cache file on demand (implements `glossary.match.rows.Store`).

    Any SQLite error while reading (a file damaged after it was opened) switches to an
    index rebuilt in memory by ``fallback``.
    """

    def __init__(self, con: sqlite3.Connection, n_entities: int, fallback: Callable[[], MemoryStore]) -> None:
        self.con = con
        self.n_entities = n_entities
        self._fallback = fallback
        self._memory: MemoryStore | None = None
        self.dfs: dict[str, int] = {}
        self.vocal_span = 1
        self._postings: dict[str, array[int] | None] = {}  # skeleton -> its names (None: none), as read
        self._postings_size = 0

    def _rows(self, sql: str, args: Sequence[Any]) -> list[Any]:
        if self._memory is not None:
            raise _Switched
        try:
            return self.con.execute(sql, args).fetchall()
        except sqlite3.Error:
            self._memory = self._fallback()
            raise _Switched from None

    def _in(self, table: str, col: str, cols: str, values: Sequence[str | int], and_: str = "",
            args: Sequence[Any] = ()) -> list[Any]:
        """The rows whose ``col`` is one of ``values``, ``col`` first, asked 500 values at a time
        (``and_``: a further condition, with its ``args``)."""
        out: list[Any] = []
        values = list(values)
        for i in range(0, len(values), 500):
            chunk = values[i : i + 500]
            out += self._rows(f"SELECT {col}, {cols} FROM {table} WHERE {col} IN ({','.join('?' * len(chunk))}){and_}",
                              [*chunk, *args])
        return out

    def lookup(self, keys: Sequence[str]) -> list[int]:
        return [n for v in self.lookup_by_key(keys).values() for n in v]

    def lookup_by_key(self, keys: Sequence[str]) -> dict[str, Sequence[int]]:
        try:
            return {k: unpack(v) for k, v in self._in("keys", "k", "v", keys)}
        except _Switched:
            assert self._memory is not None
            return self._memory.lookup_by_key(keys)

    def lookup_at_most(self, keys: Sequence[str], most: int) -> dict[str, Sequence[int]]:
        """`lookup_by_key` of the keys holding at most ``most`` names: SQLite reads a longer blob's
        length from its record header, so a trigram of a third of a million names costs nothing
        (at 1,000,000 entities the letter n-grams of a batch read about 0.8 MB a query otherwise)."""
        try:
            return {k: unpack(v) for k, v in self._in("keys", "k", "v", keys, " AND length(v) <= ?", [most * _INT_SIZE])}
        except _Switched:
            assert self._memory is not None
            return self._memory.lookup_at_most(keys, most)

    def word_postings(self, skels: Sequence[str]) -> dict[str, Sequence[int]]:
        """The names of each word skeleton. Kept once read (up to `POSTINGS_KEPT` name numbers, then
        forgotten all at once): a batch asks the same common words again and again, and at
        1,000,000 entities one such word holds a quarter of a million names."""
        kept = self._postings
        wanted = [s for s in skels if s not in kept]
        read: dict[str, array[int]] = {}
        if wanted:
            try:
                read = {k: unpack(v) for k, v in self._in("posting", "s", "v", wanted)}
            except _Switched:
                assert self._memory is not None
                return self._memory.word_postings(skels)
        out: dict[str, Sequence[int]] = {s: v for s in skels if (v := read[s] if s in read else kept.get(s)) is not None}
        if wanted:  # (after the answer: what is forgotten now may be asked for in it)
            size = sum(map(len, read.values()))
            if self._postings_size + size > POSTINGS_KEPT:
                kept.clear()
                self._postings_size = 0
            if size <= POSTINGS_KEPT:
                for s in wanted:
                    kept[s] = read.get(s)
                self._postings_size += size
        return out

    def near_skeletons(self, dels: Sequence[str]) -> dict[str, Sequence[str]]:
        try:
            return {k: v.split(" ") for k, v in self._in("near", "d", "v", dels)}
        except _Switched:
            assert self._memory is not None
            return self._memory.near_skeletons(dels)

    def name_rows(self, nids: Iterable[int]) -> dict[int, NameRow]:
        ids = sorted(set(nids))
        try:
            rows = self._in("names", "nid", "eidx, text, kind, prof", ids)
            return {nid: NameRow(e, text, kind, prof) for nid, e, text, kind, prof in rows}
        except _Switched:
            assert self._memory is not None
            return self._memory.name_rows(ids)

    def entity_rows(self, eidxs: Iterable[int]) -> dict[int, EntityRow]:
        ids = sorted(set(eidxs))
        try:
            rows = self._in("entities", "eidx", "id, type, label", ids)
            return {eidx: EntityRow(id_, type_, label) for eidx, id_, type_, label in rows}
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
            return [(f, unpack(v)) for f, v in rows]
        except _Switched:
            assert self._memory is not None
            return self._memory.forms_like(prefix, contains, limit)

    def vocalized_for(self, key: str) -> str | None:
        try:
            rows = self._rows("SELECT v FROM vocalized WHERE k = ?", [key])
        except _Switched:
            assert self._memory is not None
            return self._memory.vocalized_for(key)
        return str(rows[0][0]) if rows else None

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
        """Everything in memory: faster per lookup for a long batch.

        The cyclic garbage collector is paused meanwhile (and left as it was found): the store is
        a million containers without a cycle, and collections while they are made would walk
        each of them again and again (0.4-0.8 s of 1.4-1.8 s on a glossary of 100,000 entities).
        """
        if self._memory is not None:
            return self._memory
        collecting = gc.isenabled()
        gc.disable()
        try:
            st = MemoryStore()
            st.n_entities = self.n_entities
            con = self.con
            # (rows made by tuple.__new__ from the fetched tuples, without NamedTuple's argument handling:
            # a glossary of 100,000 entities has some 230,000 names)
            st.entities = list(map(_new_entity, con.execute("SELECT id, type, label FROM entities ORDER BY eidx")))
            st.json = [js for (js,) in con.execute("SELECT json FROM entities ORDER BY eidx")]
            st.names = list(map(_new_name, con.execute("SELECT eidx, text, kind, prof FROM names ORDER BY nid")))
            # (name numbers as arrays of C ints, as `build_store` keeps them: the compiled core reads
            # them in place)
            st.keys = {k: unpack(v) for k, v in con.execute("SELECT k, v FROM keys")}
            st.posting = {k: unpack(v) for k, v in con.execute("SELECT s, v FROM posting")}
            st.near = {k: v.split(" ") for k, v in con.execute("SELECT d, v FROM near")}
            for f, d, v in con.execute("SELECT f, df, v FROM forms"):
                st.dfs[f] = d
                st.form_posting[f] = unpack(v)
            st.vocalized = dict(con.execute("SELECT k, v FROM vocalized"))
            st.vocal_span = self.vocal_span
            return st
        except sqlite3.Error:
            self._memory = self._fallback()
            return self._memory
        finally:
            if collecting:
                gc.enable()


_new_entity = partial(tuple.__new__, EntityRow)
_new_name = partial(tuple.__new__, NameRow)


class _Switched(Exception):
    """The cache failed while reading; the in-memory fallback answers instead."""
