"""What an index holds, row by row, and what the resolver reads of it (`Store`).

Two stores implement `Store`: `glossary.match.memory.MemoryStore` (dictionaries, built from
entities or loaded whole) and `glossary.match.sqlite.SqliteStore` (the cache file, read on
demand). Names and entities are numbered in glossary order; the keys, postings and forms
point at those numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple, Protocol


class NameRow(NamedTuple):
    """A name in the index."""

    entity: int
    """The number of its entity."""
    text: str
    kind: str
    """Its `glossary.model.NameKind` value; for a variant whose source names a language other than
    English or Arabic, ``:`` and that language's code (``variant:de`` for {text: Syrien, source:
    German}: `glossary.match.memory.language_of`)."""
    profile: str
    """Its profile as `glossary.match.profile.encode` writes it."""


class EntityRow(NamedTuple):
    """An entity in the index."""

    id: str
    type: str
    label: str


class Store(Protocol):
    """What the resolver reads from an index (in memory or in SQLite)."""

    n_entities: int
    vocal_span: int
    """The most words of any name with a vocalized form (`vocalized_for`)."""

    def lookup(self, keys: Sequence[str]) -> list[int]: ...
    def lookup_by_key(self, keys: Sequence[str]) -> dict[str, Sequence[int]]: ...
    def lookup_at_most(self, keys: Sequence[str], most: int) -> dict[str, Sequence[int]]:
        """`lookup_by_key` of the keys that find at most ``most`` names (the others left out unread)."""
        ...
    def word_postings(self, skels: Sequence[str]) -> dict[str, Sequence[int]]: ...
    def near_skeletons(self, dels: Sequence[str]) -> dict[str, Sequence[str]]: ...
    def name_rows(self, nids: Iterable[int]) -> dict[int, NameRow]: ...
    def entity_rows(self, eidxs: Iterable[int]) -> dict[int, EntityRow]: ...
    def df(self, forms: Iterable[str]) -> dict[str, int]: ...
    def entity_number(self, id: str) -> int | None: ...
    def entity_dict(self, id: str) -> dict[str, Any] | None: ...
    def ids(self) -> list[str]: ...
    def forms_like(self, prefix: str, contains: bool, limit: int) -> list[tuple[str, Sequence[int]]]: ...
    def vocalized_for(self, key: str) -> str | None: ...
