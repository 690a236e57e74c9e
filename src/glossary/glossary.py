"""The `Glossary`: loaded glossary files, and what you can ask of them.

Loading is lazy and cheap: `load()` checks that the files can be opened and notes their
status (size, times, inode). The content hash that names the on-disk index cache is taken
from a record of that status when the files are unchanged since it was written
(`glossary.store.known_content_hash`), else from the files' bytes. The YAML is parsed
and validated only when entities are needed and the index cache cannot answer. So a warm
`glossary lookup` neither parses YAML nor reads the files, whatever their size.
"""

from __future__ import annotations

import builtins
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Entity
from .store import (
    Source,
    check,
    content_hash,
    fingerprint,
    known_content_hash,
    read_sources,
    remember_content_hash,
    resolve_paths,
    stat_files,
)

if TYPE_CHECKING:
    from .errors import Problem
    from .match import Index, Resolution, Resolver, SearchHit
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
        self._cache_dir = cache_dir
        self._stats: list[tuple[str, os.stat_result]] | None = None
        self._stats_ns = 0

    @classmethod
    def _of_files(cls, paths: Sequence[Path], *, cache_dir: Path | None = None) -> Glossary:
        """A glossary whose files are read only when needed (see the module docstring)."""
        taken = time.time_ns()  # before looking at the files: what changed after this is not trusted
        stats = stat_files(paths)
        g = cls.__new__(cls)  # no sources yet: `sources` reads them on first use
        g.paths = [p for p, _ in stats]
        g._cache_dir = cache_dir
        g._stats, g._stats_ns = stats, taken
        return g

    @cached_property
    def sources(self) -> builtins.list[Source]:
        """The files' paths and bytes (read on first use). Raises `GlossaryError` if one cannot be read."""
        return read_sources([Path(p) for p in self.paths])

    @cached_property
    def content_hash(self) -> str:
        """Hash of the files' names and bytes (`glossary.store.content_hash`): names the index cache."""
        return content_hash(self.sources)

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
        """The name index, from the on-disk cache when it matches these files.

        Files unchanged since their content hash was recorded open its cache without being
        read; otherwise they are read and hashed, and the cache is opened or built.
        """
        from .match import cache_dir, open_cached, open_or_build

        directory = self._cache_dir or cache_dir()
        if self._stats is not None:
            fp = fingerprint(self._stats)
            known = known_content_hash(fp, directory)
            if known is not None:
                found = open_cached(known, lambda: self.entities, directory)
                if found is not None:
                    return found
            index = open_or_build(self.content_hash, lambda: self.entities, directory)
            if known != self.content_hash:
                remember_content_hash(fp, self.content_hash, self._stats_ns, directory)
            return index
        return open_or_build(self.content_hash, lambda: self.entities, directory)

    @cached_property
    def resolver(self) -> Resolver:
        """The resolver over this glossary's index."""
        from .match import Resolver

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
        from .match import search

        return search(self.resolver, query, **options)

    # -- transliteration ------------------------------------------------------
    def vocalized_for(self, text: str) -> str | None:
        """The vocalized form of a name the glossary knows in Arabic script, else None."""
        from .names import arabic

        res = self.resolve(text, limit=5)
        found = [res.match] if res.match else [c for c in res.candidates if c.score >= 1.0] if res.status == "ambiguous" else []
        key = arabic(text)
        for m in found:
            if m.level not in ("exact", "arabic"):
                continue
            entity = self.get(m.id)
            forms = [(entity.arabic, entity.vocalized)] if entity else []
            forms += [(f.arabic, f.vocalized) for f in entity.former_names] if entity else []
            for written, vocalized in forms:
                if written and vocalized and arabic(written) == key:
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

    Opens the files only; reading, parsing and validation happen when first needed
    (`Glossary.problems` lists the problems, `Glossary.entities` raises `GlossaryError`).
    Raises `GlossaryError` when a file cannot be opened.
    """
    return Glossary._of_files(resolve_paths(paths), cache_dir=cache_dir)
