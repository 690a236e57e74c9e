"""The `Glossary`: loaded glossary files, and what you can ask of them.

`load()` opens the files, notes their status (size, times, inode) and makes sure they are
valid, without parsing them when it need not: the content hash that names the on-disk index
cache is taken from a record of that status when the files are unchanged since it was written
(`glossary.store.known_content_hash`), else from the files' bytes, and files whose content
has an index cache were valid when it was built. Only files without one are parsed and
validated at load (they must be parsed to build it anyway), and any problem raises
`GlossaryError` there, not at the first question. So a warm `glossary lookup` neither parses
YAML nor reads the files, whatever their size.
"""

from __future__ import annotations

import builtins
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Entity, EntityType, entity_type
from .store import (
    Progress,
    Source,
    check,
    content_hash,
    fingerprint,
    known_content_hash,
    read_sources,
    remember_content_hash,
    resolve_paths,
    stat_files,
    stream_entities,
)

if TYPE_CHECKING:
    from .match import Index, Resolution, Resolver, SearchHit
    from .translit import Transliteration

PathArg = str | os.PathLike[str]
"""A file's path, as a string or a path object."""
_STREAM_BYTES = 1 << 20
"""Glossary files larger than this together are checked and indexed as they are read, one entity at
a time, never held whole (their entities are parsed again if all of them are asked for)."""


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
        self._record: tuple[list[object], str | None] | None = None
        self._progress: Progress | None = None

    @classmethod
    def _of_files(cls, paths: Sequence[Path], *, cache_dir: Path | None = None) -> Glossary:
        """A glossary whose files are read only when needed (see the module docstring)."""
        taken = time.time_ns()  # before looking at the files: what changed after this is not trusted
        stats = stat_files(paths)
        g = cls.__new__(cls)  # no sources yet: `sources` reads them on first use
        g.paths = [p for p, _ in stats]
        g._cache_dir = cache_dir
        g._stats, g._stats_ns = stats, taken
        g._record = None
        g._progress = None
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
    def entities(self) -> list[Entity]:
        """All entities, in file order. Raises `GlossaryError` if any file is invalid."""
        from .errors import GlossaryError

        entities, problems = check(self.sources)
        if problems:
            raise GlossaryError(problems)
        return entities

    def _large(self) -> bool:
        return "entities" not in self.__dict__ and sum(len(s.data) for s in self.sources) > _STREAM_BYTES

    def _check(self) -> None:
        """Parse and validate the files; raise `GlossaryError`. A large glossary is indexed as it
        is checked, in one reading and without keeping its entities (`index`: its stream raises
        every problem once read, before a cache is written): the index is what nearly every
        command on it asks for next, and reading it twice cost an eighth of a first lookup."""
        if not self._large():
            self.entities  # noqa: B018
            return
        self.index  # noqa: B018

    def _entities_for_index(self) -> Iterable[Entity]:
        """The entities to index: a large glossary's as they are read (`glossary.store.stream_entities`)."""
        return stream_entities(self.sources, progress=self._progress) if self._large() else self.entities

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
    def _directory(self) -> Path:
        """The index cache's folder."""
        from .match import cache_dir

        return self._cache_dir or cache_dir()

    @cached_property
    def _cached(self) -> Index | None:
        """The index from the on-disk cache when one matches these files, else None (none is built).

        Files unchanged since their content hash was recorded open its cache without being
        read; otherwise they are read and hashed.
        """
        from .match import open_cached

        if self._stats is not None:
            fp = fingerprint(self._stats)
            known = known_content_hash(fp, self._directory)
            self._record = (fp, known)
            if known is not None:
                found = open_cached(known, lambda: self.entities, self._directory)
                if found is not None:
                    return found
        found = open_cached(self.content_hash, lambda: self.entities, self._directory)
        if found is not None:
            self._remember()
        return found

    def _remember(self) -> None:
        """Record the files' content hash under their status, unless it is recorded already."""
        if self._record is not None and self._record[1] != self.content_hash:
            remember_content_hash(self._record[0], self.content_hash, self._stats_ns, self._directory)

    @cached_property
    def index(self) -> Index:
        """The name index, from the on-disk cache when it matches these files, else built (and cached)."""
        from .match import build_cached

        found = self._cached
        if found is not None:
            return found
        index = build_cached(self.content_hash, self._entities_for_index, self._directory)
        self._remember()
        if self._progress is not None:
            self._progress("ready", self.paths[0] if self.paths else "", 0, 0)
        return index

    @cached_property
    def resolver(self) -> Resolver:
        """The resolver over this glossary's index."""
        from .match import Resolver

        return Resolver(self.index)

    def resolve(self, name: str, *, type: EntityType | None = None, threshold: float | None = None, limit: int = 5,
                explain: bool = False) -> Resolution:
        """Resolve one name, any spelling, either script, to its entity.

        Args:
            name: the name (a ``str``).
            type: only entities of this type (one of `glossary.model.ENTITY_TYPES`).
            threshold: score (0 to 1) a match needs; default: the resolver's.
            limit: candidates listed (at least 1).
            explain: add the keys on both sides and the level of each candidate.

        Raises:
            TypeError: ``name`` is not a ``str``.
            ValueError: an unknown type, a threshold outside 0-1, a limit below 1.

        Example:
            >>> load().resolve("جيش العزة").match.id
            'jaysh-al-izza'
        """
        return self.resolver.resolve(name, type=type, threshold=threshold, limit=limit, explain=explain)

    def resolve_many(self, names: Iterable[str], *, type: EntityType | None = None, threshold: float | None = None,
                     limit: int = 5, explain: bool = False) -> Iterator[Resolution]:
        """Resolve many names with one index, each distinct name once (options as `resolve`).

        Raises:
            TypeError: ``names`` is one ``str`` (give a list of names) or not iterable; a name is no ``str``.
            ValueError: as `resolve`.
        """
        return self.resolver.resolve_many(names, type=type, threshold=threshold, limit=limit, explain=explain)

    def search(self, query: str, *, type: EntityType | None = None, limit: int = 20) -> builtins.list[SearchHit]:
        """Entities whose names contain or start like the query, either script, ranked (options as `resolve`)."""
        from .match import search

        return search(self.resolver, query, type=type, limit=limit)

    # -- transliteration ------------------------------------------------------
    def vocalized_for(self, text: str) -> str | None:
        """The vocalized form of a name the glossary knows in Arabic script, ``""`` for a name it
        knows without one (romanized as a proper name), else None: the look-up ``known`` of
        `glossary.translit.transliterate`, one look-up by Arabic key in the index
        (`glossary.match.memory.add_vocalized`; a warm index answers from its cache file, without
        reading the entities).

        Example:
            >>> load().vocalized_for("جيش العزه"), load().vocalized_for("كفرنبل")
            ('جَيْش العِزَّة', '')
        """
        from .names import arabic

        key = arabic(text)
        return self.index.store.vocalized_for(key) if key else None

    def transliterate(self, text: str, scheme: str = "ala-lc") -> Transliteration:
        """Romanize Arabic text word by word, each name the glossary knows (longest first, up to
        its longest name's words) from its vocalized form: exact (`glossary.translit.transliterate`).

        Example:
            >>> load().transliterate("مدينة حلب").text
            'Madīnat Ḥalab'
        """
        from .translit import transliterate

        return transliterate(text, scheme, known=self.vocalized_for, span=max(4, self.index.store.vocal_span))

    def transliterate_all(self, text: str) -> dict[str, Transliteration]:
        """`transliterate` in every scheme, the text read once (`glossary.translit.transliterate_all`)."""
        from .translit import transliterate_all

        return transliterate_all(text, known=self.vocalized_for, span=max(4, self.index.store.vocal_span))

    def list(self, *, type: EntityType | None = None) -> builtins.list[Entity]:
        """All entities, optionally of one type, in file order.

        Raises:
            ValueError: an unknown type.
        """
        if type is not None:
            entity_type(type)
        return [e for e in self.entities if type is None or e.type == type]


def load(paths: PathArg | Sequence[PathArg] | None = None, *, cache_dir: PathArg | None = None,
         progress: Progress | None = None) -> Glossary:
    """Load glossary files: ``paths``, else ``$GLOSSARY_PATH``, else the shipped glossary.

    Args:
        paths: one file (``"mine.yaml"``) or several, loaded together (ids unique across them).
        cache_dir: the index cache's folder (default: `glossary.match.cache_dir`).
        progress: told how reading a file goes while it is checked or indexed
            (`glossary.store.Progress`: a progress bar).

    Returns:
        The `Glossary`, its files checked (see the module docstring: a file whose content has an
        index cache is not parsed again).

    Raises:
        TypeError: ``paths`` is neither a path nor a sequence of paths.
        GlossaryError: a file cannot be opened, or has problems (every one, as ``file:line:column``).

    Example:
        >>> load("no-such-file.yaml")
        Traceback (most recent call last):
        glossary.errors.GlossaryError: no-such-file.yaml:1:1: cannot read file: No such file or directory
    """
    g = Glossary._of_files(resolve_paths(_path_list(paths)), cache_dir=None if cache_dir is None else Path(cache_dir))
    g._progress = progress
    if g._cached is None:
        g._check()  # parsed and validated now: raises GlossaryError with every problem
    return g


def _path_list(paths: PathArg | Sequence[PathArg] | None) -> builtins.list[PathArg] | None:
    """``paths`` as a list, one path made a list of one; TypeError for anything else."""
    if paths is None:
        return None
    if isinstance(paths, (str, os.PathLike)):
        return [paths]
    if isinstance(paths, (bytes, bytearray)) or not isinstance(paths, Iterable):
        raise TypeError(f"paths must be a path or a sequence of paths, not {paths.__class__.__name__}")
    out = builtins.list(paths)
    for p in out:
        if not isinstance(p, (str, os.PathLike)):
            raise TypeError(f"a glossary path must be a str or a path, not {p.__class__.__name__}")
    return out
