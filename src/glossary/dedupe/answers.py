"""The resolver's answers for a column's distinct names, each spelling group resolved once.

`resolve_names` splits every name into words (`glossary.dedupe.spellings.unit_key`), groups the
names by that key, resolves each group's most frequent spelling, and resolves the other
spellings only where that found something (see its docstring for why this gives the
same answers). With many names the work runs in forked worker processes, one per core,
which inherit the glossary's in-memory index: first the word splitting, then both
rounds of resolving, through one pool. The words come back to the parent, so that
clustering (`glossary.dedupe.cluster`) does not split the same names again.

Example:
    >>> resolve_options(type="place")
    {'limit': 3, 'type': 'place'}
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar

from ..model import EntityType
from ..names import Token
from .spellings import Split, prime, split_name, unit_key_of

if TYPE_CHECKING:
    from ..match import Resolution

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` while names are resolved."""

_T = TypeVar("_T")
_R = TypeVar("_R")
_Run = Callable[[Callable[[_T], list[_R]], Sequence[_T]], Iterator[list[_R]]]


class Resolving(Protocol):
    """What dedupe needs of a glossary: `glossary.Glossary` has it, a test fake can too."""

    def resolve_many(self, names: Iterable[str], *, type: EntityType | None = None, threshold: float | None = None,
                     limit: int = 5) -> Iterator[Resolution]: ...


class Known(NamedTuple):
    """An entity the resolver named, as dedupe keeps it."""

    id: str
    label: str
    score: float


class Answer(NamedTuple):
    """A resolver's answer reduced to what dedupe keeps (plain values: it crosses processes)."""

    status: str
    match: Known | None
    """The best entity, or None."""
    candidates: tuple[Known, ...]


def _answer(res: Any) -> Answer:
    m = res.match
    return Answer(res.status, Known(m.id, m.label, float(m.score)) if m is not None else None,
                  tuple(Known(c.id, c.label, float(c.score)) for c in res.candidates[:3]))


def resolve_options(*, type: str | None = None, threshold: float | None = None) -> dict[str, Any]:
    """The options dedupe passes to ``resolve_many`` (shared with `glossary.dedupe.spark`).

    Example:
        >>> resolve_options(threshold=0.9)
        {'limit': 3, 'threshold': 0.9}
    """
    options: dict[str, Any] = {"limit": 3}
    if type:
        options["type"] = type
    if threshold is not None:
        options["threshold"] = threshold
    return options


def _in_memory(glossary: Resolving) -> Resolving:
    """A resolver over the glossary's index loaded into memory: fast for many names, and safe to fork
    (an SQLite connection is not)."""
    index = getattr(glossary, "index", None)
    if index is None or not hasattr(index, "in_memory"):
        return glossary
    from ..match import Resolver

    resolver: Resolving = Resolver(index.in_memory())
    return resolver


CHUNK = 500
"""Names per job sent to a worker process."""
_SPLIT_CHUNK = 2000
"""Names per word-splitting job: splitting is cheap, sending it to a worker is not."""
_MIN_FORK = 4 * CHUNK
"""Fewer names than this are resolved in this process: starting workers would cost more."""

_WORKER: dict[str, Any] = {}
"""In a forked worker: the resolver and options it inherited."""


def _split_job(texts: list[str]) -> list[tuple[tuple[str, str], tuple[Any, ...]]]:
    # plain tuples: they cross the process boundary faster than named ones
    return [(unit_key_of(t, sp.words), (tuple((w.form, w.skel) for w in sp.words), sp.alt))
            for t in texts for sp in (split_name(t),)]


def _resolve_job(names: list[str]) -> list[Answer]:
    return [_answer(r) for r in _WORKER["resolver"].resolve_many(names, **_WORKER["options"])]


def _runner(resolver: Resolving, options: dict[str, Any], n: int) -> AbstractContextManager[_Run[Any, Any]]:
    """A way to run jobs in order (`glossary.match.memory.forked`): a pool of forked workers, which
    inherit the loaded index, for ``n`` names or more than `_MIN_FORK`, else here."""
    from ..match.memory import forked

    return forked(_WORKER, {"resolver": resolver, "options": options}, n >= _MIN_FORK)


def _chunks(items: Sequence[_T], size: int) -> list[list[_T]]:
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


def resolve_names(glossary: Resolving, texts: Sequence[str], counts: Mapping[str, int], *,
                  options: Mapping[str, Any] | None = None, progress: Progress | None = None) -> dict[str, Answer]:
    """Resolve distinct names, each spelling group once where that gives the same answer.

    Spellings sharing a folded key (`glossary.dedupe.spellings.unit_key`) are first resolved through their most
    frequent spelling; when that finds nothing, none of them can match a name by its
    keys, and all share the answer. The others, and every spelling of a group that did
    resolve, are resolved one by one, so known names get their own exact answer.

    Args:
        glossary: anything with ``resolve_many`` (a `glossary.Glossary`).
        texts: distinct, stripped names.
        counts: rows per name (picks each group's representative).
        options: passed to ``resolve_many``.
        progress: called as names are resolved.

    Returns:
        Each name's `Answer`.
    """
    total = len(texts)
    out: dict[str, Answer] = {}
    with _runner(_in_memory(glossary), dict(options or {}), total) as run:
        groups: dict[tuple[str, str], list[str]] = {}
        for part, split in zip(_chunks(texts, _SPLIT_CHUNK), run(_split_job, _chunks(texts, _SPLIT_CHUNK))):
            prime((t, Split(tuple(Token(form, skel) for form, skel in words), alt))
                  for t, (_k, (words, alt)) in zip(part, split))
            for t, (key, _w) in zip(part, split):
                groups.setdefault(key, []).append(t)
        reps = [min(g, key=lambda t: (-counts.get(t, 0), t)) for g in groups.values()]

        def resolve(names: list[str], done: int) -> Iterator[Answer]:
            for answers in run(_resolve_job, _chunks(names, CHUNK)):
                yield from answers
                done += len(answers)
                if progress:
                    progress("resolve", done, total)

        again: list[str] = []
        for rep, members, answer in zip(reps, groups.values(), resolve(reps, 0)):
            out[rep] = answer
            rest = [m for m in members if m != rep]
            if answer.status == "none":
                out.update((m, answer) for m in rest)
            else:
                again += rest
        out.update(zip(again, resolve(again, len(reps))))
    if progress:
        progress("resolve", total, total)
    return out
