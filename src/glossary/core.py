"""The `Glossary`: loaded glossary files, and what you can ask of them.

Loading is lazy and cheap: `load()` reads the files' bytes and hashes them; the YAML is
parsed and validated only when entities are needed and the on-disk index cache (keyed
by that hash) cannot answer. So a warm `glossary lookup` never parses YAML.
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Entity
from .store import Source, check, content_hash, read_sources, resolve_paths

if TYPE_CHECKING:
    from .errors import Problem
    from .index import Index
    from .resolve import Resolution, Resolver, SearchHit
    from .translit import Transliteration


class Glossary:
    """One or more glossary files loaded together (ids unique across them).

    Example:
        >>> g = load()
        >>> g.resolve("Jaish al-Izzah").match.id
        'jaysh-al-izza'
        >>> g.get("jaysh-al-izza").arabic
        'جيش العزة'
    """

    def __init__(self, sources: Sequence[Source], *, cache_dir: Path | None = None) -> None:
        self.sources = list(sources)
        self.paths = [s.path for s in self.sources]
        self.content_hash = content_hash(self.sources)
        self._cache_dir = cache_dir

    # -- entities -------------------------------------------------------------
    @cached_property
    def _checked(self) -> tuple[list[Entity], list[Problem]]:
        return check(self.sources)

    @property
    def problems(self) -> list[Problem]:
        """Every problem in the files (empty when they are valid)."""
        return self._checked[1]

    @cached_property
    def entities(self) -> list[Entity]:
        """All entities, in file order. Raises `GlossaryError` if any file is invalid."""
        from .errors import GlossaryError

        entities, problems = self._checked
        if problems:
            raise GlossaryError(problems)
        return entities

    @cached_property
    def _by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}

    def get(self, id: str) -> Entity | None:
        """The entity with this id, or None (answered from the index cache when warm)."""
        if "entities" in self.__dict__:
            return self._by_id.get(id)
        return self.index.entity(id)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.entities)

    def __len__(self) -> int:
        return len(self.index)

    # -- index and resolver ---------------------------------------------------
    @cached_property
    def index(self) -> Index:
        """The name index, from the on-disk cache when it matches these files."""
        from .index import Index

        return Index.cached(self.content_hash, lambda: self.entities, cache_dir=self._cache_dir)

    @cached_property
    def resolver(self) -> Resolver:
        """The resolver over this glossary's index."""
        from .resolve import Resolver

        return Resolver(self.index)

    def resolve(self, name: str, **options: Any) -> Resolution:
        """Resolve one name, any spelling, either script, to its entity.

        Options (keyword-only) are those of `Resolver.resolve`: ``type``, ``threshold``,
        ``limit``, ``explain``.
        """
        return self.resolver.resolve(name, **options)

    def resolve_many(self, names: Iterable[str], **options: Any) -> Iterator[Resolution]:
        """Resolve many names with one index (same options as `resolve`)."""
        return self.resolver.resolve_many(names, **options)

    def search(self, query: str, **options: Any) -> list[SearchHit]:
        """Entities whose names contain or start like the query, ranked."""
        return self.resolver.search(query, **options)

    # -- transliteration ------------------------------------------------------
    def vocalized_for(self, text: str) -> str | None:
        """The vocalized form of a name the glossary knows in Arabic script, else None."""
        from .normalize import arabic as arabic_key

        res = self.resolve(text, limit=5)
        found = [res.match] if res.match else [c for c in res.candidates if c.score >= 1.0] if res.status == "ambiguous" else []
        key = arabic_key(text)
        for m in found:
            if m.level not in ("exact", "arabic"):
                continue
            entity = self.get(m.id)
            forms = [(entity.arabic, entity.vocalized)] if entity else []
            forms += [(f.arabic, f.vocalized) for f in entity.former_names] if entity else []
            for written, vocalized in forms:
                if written and vocalized and arabic_key(written) == key:
                    return vocalized
        return None

    def transliterate(self, text: str, scheme: str = "ala-lc") -> Transliteration:
        """Romanize Arabic text, exactly when the glossary knows its vocalization."""
        from .translit import transliterate

        return transliterate(text, scheme, known=self.vocalized_for)

    def list(self, *, type: str | None = None) -> builtins.list[Entity]:
        """All entities, optionally of one type, in file order."""
        return [e for e in self.entities if type is None or e.type == type]


def load(paths: Sequence[str | os.PathLike[str]] | None = None, *, cache_dir: Path | None = None) -> Glossary:
    """Load glossary files: ``paths``, else ``$GLOSSARY_PATH``, else the shipped glossary.

    Reads the files' bytes only; parsing and validation happen when first needed
    (`Glossary.problems` lists them, `Glossary.entities` raises `GlossaryError`).
    Raises `GlossaryError` when a file cannot be read.
    """
    return Glossary(read_sources(resolve_paths(paths)), cache_dir=cache_dir)
