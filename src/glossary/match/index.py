"""The name index: a `glossary.match.rows.Store` and what the resolver asks of it.

`Index.build` keys the entities in memory (`glossary.match.memory`); an index read from its
cache file (`glossary.match.cache`) answers the same, and `Index.in_memory` loads it whole for
a long batch.

Example:
    >>> from glossary.match.keys import query_keys
    >>> from glossary.model import Entity
    >>> idx = Index.build([Entity(id="jaysh-al-izza", type="group", romanized="Jaysh al-Izza",
    ...                           arabic="جيش العزة")])
    >>> len(idx), idx.ids(), sorted({idx.name_row(n).text for n in idx.lookup(query_keys("Jaish al-Izzah"))})
    (1, ['jaysh-al-izza'], ['Jaysh al-Izza', 'جيش العزة'])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from .memory import MemoryStore, build_store
from .rows import NameRow, Store
from .weights import Weights

if TYPE_CHECKING:
    from glossary.model import Entity

class Index:
    """Names of a glossary keyed for lookup: built in memory, or opened from its cache file
    (`glossary.match.cache`)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._weights: Weights | None = None

    @classmethod
    def build(cls, entities: Sequence[Entity]) -> Index:
        """An in-memory index of these entities."""
        return cls(build_store(entities))

    # -- what the resolver asks ------------------------------------------------
    @property
    def weights(self) -> Weights:
        """Word weights from this glossary's document frequencies."""
        if self._weights is None:
            store = self.store
            df = store.dfs if isinstance(store, MemoryStore) else _LazyDF(store)
            self._weights = Weights(df, store.n_entities)
        return self._weights

    def lookup(self, keys: Sequence[str]) -> list[int]:
        """Name numbers holding any of these keys (as `glossary.match.keys.query_keys` writes them)."""
        return self.store.lookup(keys)

    def locale_text(self, locale: str) -> Callable[[str, str], str | None] | None:
        """Babel's text the cache keeps for ``locale`` (`glossary.i18n.Locale` ``known``), or None."""
        read = getattr(self.store, "locale_text", None)
        if read is None:
            return None

        def known(kind: str, key: str) -> str | None:
            text: str | None = read(locale, kind, key)
            return text

        return known

    def name_row(self, nid: int) -> NameRow:
        """One name of the index, by its number."""
        return self.store.name_rows([nid])[nid]

    def entity(self, id: str) -> Entity | None:
        """The entity with this id, rebuilt from the index (no YAML read)."""
        d = self.store.entity_dict(id)
        if d is None:
            return None
        if isinstance(self.store, MemoryStore) and self.store.objects is not None:
            i = self.store.entity_number(id)
            return None if i is None else self.store.objects[i]
        from glossary.model import entity_from_dict

        return entity_from_dict(d)

    def ids(self) -> list[str]:
        """Every entity id, in glossary order."""
        return self.store.ids()

    def __len__(self) -> int:
        return self.store.n_entities

    def in_memory(self) -> Index:
        """This index with everything loaded into memory (fast for many lookups)."""
        if isinstance(self.store, MemoryStore):
            return self
        load = getattr(self.store, "load_all", None)
        return Index(load()) if load is not None else self


class _LazyDF(dict[str, int]):
    """Document frequencies read from a store on first use of each word."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store

    def __missing__(self, key: str) -> int:
        value = self._store.df([key]).get(key, 0)
        self[key] = value
        return value

    def get(self, key: str, default: Any = 0) -> Any:
        return self[key]
