"""An index held in dictionaries (`MemoryStore`), and how one is built from entities.

Each name of each entity (`glossary.model.Entity.names`) is keyed at every level
(`glossary.match.keys.query_keys`: exact, folded/arabic, skeleton and its other reading),
plus an acronym key for Latin names of several words (Hay'at Tahrir al-Sham -> HTS), a
key for every two of its words and one for each run of three letters (`keys.gram_keys`).
For the fuzzy fallback, each word's skeleton points at the names holding it, and a deletion
neighbourhood (every skeleton with one letter left out) finds the skeletons one edit away, so a
misspelt word still finds its names without scanning the glossary.

Example:
    >>> from glossary.model import Entity
    >>> st = build_store([Entity(id="jaysh-al-izza", type="group", romanized="Jaysh al-Izza", arabic="جيش العزة")])
    >>> sorted({st.names[n].text for n in st.lookup(query_keys("Jaish al-Izzah"))})
    ['Jaysh al-Izza', 'جيش العزة']
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from itertools import accumulate, chain
from typing import TYPE_CHECKING, Any, NamedTuple

from glossary.names import arabic, exact

from .keys import acronym_words, acronyms_of, deletions, gram_keys, pair_keys, query_keys
from .profile import Profile, encode, parenthesized, profile
from .rows import EntityRow, NameRow
from .weights import Weights

if TYPE_CHECKING:
    from glossary.model import Entity, Name


class MemoryStore:
    """An index held in dictionaries (built from entities, or loaded from the cache)."""

    def __init__(self) -> None:
        self.n_entities = 0
        self.entities: list[EntityRow] = []
        self.objects: list[Entity] | None = None
        self.json: list[str] = []
        self.names: list[NameRow] = []
        self.keys: dict[str, array[int]] = {}
        self.posting: dict[str, array[int]] = {}
        self.near: dict[str, list[str]] = {}
        self.form_posting: dict[str, array[int]] = {}
        self.dfs: dict[str, int] = {}
        self.vocalized: dict[str, str] = {}
        """The vocalized form of each Arabic name by its Arabic key, ``""`` for one without (`add_vocalized`)."""
        self.vocal_span = 1
        """The most words of any vocalized name."""
        self.sources: set[tuple[str | None, str | None]] | None = None
        """The date and language of every entity's sources, when built here (what the cache's babel text
        is for: `glossary.match.cache.write`); None for a store read from the cache."""
        self._by_id: dict[str, int] | None = None
        self._sorted_forms: list[str] | None = None

    def lookup(self, keys: Sequence[str]) -> list[int]:
        out: list[int] = []
        for k in keys:
            hit = self.keys.get(k)
            if hit:
                out.extend(hit)
        return out

    def lookup_by_key(self, keys: Sequence[str]) -> dict[str, Sequence[int]]:
        return {k: self.keys[k] for k in keys if k in self.keys}

    def lookup_at_most(self, keys: Sequence[str], most: int) -> dict[str, Sequence[int]]:
        return {k: v for k in keys if (v := self.keys.get(k)) is not None and len(v) <= most}

    def word_postings(self, skels: Sequence[str]) -> dict[str, Sequence[int]]:
        return {s: self.posting[s] for s in skels if s in self.posting}

    def near_skeletons(self, dels: Sequence[str]) -> dict[str, Sequence[str]]:
        return {d: self.near[d] for d in dels if d in self.near}

    def name_rows(self, nids: Iterable[int]) -> dict[int, NameRow]:
        return {n: self.names[n] for n in nids}

    def entity_rows(self, eidxs: Iterable[int]) -> dict[int, EntityRow]:
        return {e: self.entities[e] for e in eidxs}

    def df(self, forms: Iterable[str]) -> dict[str, int]:
        return {f: self.dfs[f] for f in forms if f in self.dfs}

    def entity_number(self, id: str) -> int | None:
        if self._by_id is None:
            self._by_id = {row.id: i for i, row in enumerate(self.entities)}
        return self._by_id.get(id)

    def entity_dict(self, id: str) -> dict[str, Any] | None:
        i = self.entity_number(id)
        if i is None:
            return None
        if self.objects is not None:
            return self.objects[i].to_dict()
        import json

        d: dict[str, Any] = json.loads(self.json[i])
        return d

    def ids(self) -> list[str]:
        return [row.id for row in self.entities]

    def vocalized_for(self, key: str) -> str | None:
        return self.vocalized.get(key)

    def forms_like(self, prefix: str, contains: bool, limit: int) -> list[tuple[str, Sequence[int]]]:
        if self._sorted_forms is None:
            self._sorted_forms = sorted(self.form_posting)
        forms = self._sorted_forms
        if contains:
            hits = [f for f in forms if prefix in f]
        else:
            import bisect

            i = bisect.bisect_left(forms, prefix)
            hits = []
            while i < len(forms) and forms[i].startswith(prefix) and len(hits) < limit:
                hits.append(forms[i])
                i += 1
        return [(f, self.form_posting[f]) for f in hits[:limit]]


def build_store(entities: Iterable[Entity]) -> MemoryStore:
    """Key every name of every entity (see the module docstring).

    Given a sequence, the store keeps the entities. Given an iterator (a large glossary streamed
    from its files), it keeps each one's JSON instead, as a store read back from the cache does:
    a fraction of their memory, and the same index.

    The entities are keyed a chunk at a time (`chunk_keys`: by forked workers for a streamed glossary
    on several cores, `_keyed`), and each chunk's postings are added to the index's, its name numbers
    after every earlier chunk's: the same index as one name at a time.

    The cyclic garbage collector is paused while the index is made: it would otherwise walk the
    index's objects, millions of them and none in a cycle, again and again as they are added (a
    quarter of the build at 100,000 entities; `bench/large_glossary.py`).
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_store(entities)
    finally:
        if enabled:
            gc.enable()


def _build_store(entities: Iterable[Entity]) -> MemoryStore:
    import json

    st = MemoryStore()
    keep = isinstance(entities, Sequence)
    st.objects = list(entities) if keep else None
    # (name numbers kept as arrays of C ints from the start: a fraction of a list's memory, the compiled
    # core reads them in place, and no list is copied into an array at the end)
    keys_: defaultdict[str, array[int]] = defaultdict(_ints)
    posting: dict[str, array[int]] = {}
    form_posting: dict[str, array[int]] = {}
    dfs: defaultdict[str, int] = defaultdict(int)
    spellings: defaultdict[str, set[str]] = defaultdict(set)  # form -> other spellings of its word
    # names of several Latin words, with their `acronym_words`: they get acronym keys once weights are known
    several_latin: list[tuple[int, str]] = []
    clashes: set[str] = set()
    st.sources = set()
    source = st.objects if st.objects is not None else entities
    for items, chunk in _keyed(source, parallel=not keep):
        assert chunk.base == len(st.names), "a chunk keyed for other name numbers"
        for e, names, encs, initials, links, spelled in items:
            eidx = len(st.entities)
            st.entities.append(EntityRow(e.id, e.type, e.label))
            add_vocalized(st, e, clashes, spelled.__getitem__)
            st.sources.update((s.date, s.language) for s in e.sources)
            if st.objects is None:  # as `glossary.match.cache.write` writes it
                st.json.append(json.dumps(e.to_dict(), ensure_ascii=False, default=str))
            for name, enc, ini in zip(names, encs, initials):
                nid = len(st.names)
                lang = language_of(name.source) if name.source else None
                kind = f"{name.kind.value}:{lang}" if lang else name.kind.value
                st.names.append(NameRow(eidx, name.text, kind, enc))
                if ini:
                    several_latin.append((nid, ini))
            for a, b in links:
                spellings[a].add(b)
        _extend(keys_, chunk.keys)
        _extend(posting, chunk.posting)
        _extend(form_posting, chunk.form_posting)
        for f, n in zip(*chunk.dfs):
            dfs[f] += n
    for f, df in _spelling_df(dfs, spellings).items():
        dfs[f] = df
    st.n_entities = len(st.entities)
    weights = Weights(dfs, st.n_entities)
    for nid, initials in several_latin:
        for acr in acronyms_of(initials, lambda f: weights(f) == 0.0):
            if acr:
                keys_["^" + acr].append(nid)
    near: defaultdict[str, list[str]] = defaultdict(list)
    for sk in posting:
        if len(sk) >= 3:
            for d in dict.fromkeys(deletions(sk)):
                near[d].append(sk)
    st.keys, st.posting, st.form_posting = dict(keys_), posting, form_posting
    st.near, st.dfs = dict(near), dict(dfs)
    return st


_Flat = tuple[list[str], "array[int]", "array[int]"]
"""Postings of one chunk of entities, flat: the keys, how many name numbers each has, and their name
numbers one key after the other."""


def _flat(table: dict[str, array[int]]) -> _Flat:
    """A chunk's postings as `_Flat` (a few objects to send back from a worker, not one per key)."""
    counts, nids = array("i"), array("i")
    for a in table.values():
        counts.append(len(a))
        nids.extend(a)
    return list(table), counts, nids


def _extend(target: dict[str, array[int]], flat: _Flat) -> None:
    """Add a chunk's postings (`_Flat`) to the index's: its name numbers follow every earlier chunk's.
    The keys new to the index are added by C loops (most keys of a chunk: a name's own keys), in the
    chunk's order; a Python loop runs over the keys the index has already."""
    keys, counts, nids = flat
    ends = list(accumulate(counts))
    pieces = dict(zip(keys, map(nids.__getitem__, map(slice, chain((0,), ends), ends))))
    for k in target.keys() & pieces.keys():
        target[k].extend(pieces.pop(k))
    target.update(pieces)


def _ints() -> array[int]:
    """An empty array of name numbers."""
    return array("i")


def name_keys(text: str) -> tuple[Profile, str, list[str]]:
    """One name's profile, the profile encoded (`glossary.match.profile.encode`) and its keys, each as
    many times as the index adds the name under it: its query keys and those of its parenthesized
    parts, then its word-pair keys, then its letter n-gram keys. What the build does for each name;
    it depends on the text alone, so that workers can do it."""
    p = profile(text)
    extra = ["=" + exact(x) for x in parenthesized(text) if exact(x)]
    out = list(dict.fromkeys(query_keys(text) + extra))
    out += pair_keys([(w.skel, w.alt) for w in p.words])
    out += gram_keys("".join(w.form for w in p.words))
    return p, encode(p), out


class _Chunk(NamedTuple):
    """What the index gets from one chunk of entities keyed (`chunk_keys`)."""

    base: int
    """The name number of the chunk's first name."""
    entities: list[tuple[list[str], list[str], list[tuple[str, str]], dict[str, str]]]
    """Per entity: its names' encoded profiles, each name's `glossary.match.keys.acronym_words`
    ("" for a name that is not of several Latin words), the forms its names spell one word with
    (`_link_spellings`: each pair both ways) and the Arabic key of each of its `arabic_texts`."""
    keys: _Flat
    """Each key (`name_keys`) -> the names under it, as often as each is added, the keys in sort order."""
    posting: _Flat
    """Each word's skeleton (and its other reading) -> the names holding it, once a name."""
    form_posting: _Flat
    """Each word's folded form -> the names holding it, once a name."""
    dfs: tuple[list[str], list[int]]
    """Each folded form and how many of the chunk's entities have it."""


def chunk_keys(base: int, jobs: Sequence[tuple[list[str], list[str]]]) -> _Chunk:
    """Key a run of entities, given as their names' texts and their `arabic_texts`, whose first name
    is numbered ``base``: `name_keys` of each name, and what the index adds for it (a worker's job:
    a chunk sends back each key once, not once a name)."""
    keys: defaultdict[str, array[int]] = defaultdict(_ints)
    posting: defaultdict[str, array[int]] = defaultdict(_ints)
    form_posting: defaultdict[str, array[int]] = defaultdict(_ints)
    dfs: defaultdict[str, int] = defaultdict(int)
    out = []
    nid = base
    for texts, spelled in jobs:
        keyed = [(t, *name_keys(t)) for t in texts]
        spellings: defaultdict[str, set[str]] = defaultdict(set)
        _link_spellings([(0, p) for _t, p, _enc, _k in keyed], spellings)
        forms: set[str] = set()
        for _t, p, _enc, nkeys in keyed:
            for k in nkeys:
                keys[k].append(nid)
            for w in p.words:
                forms.add(w.form)
                for sk in {w.skel, w.alt} - {""}:
                    if not posting[sk] or posting[sk][-1] != nid:
                        posting[sk].append(nid)
                if not form_posting[w.form] or form_posting[w.form][-1] != nid:
                    form_posting[w.form].append(nid)
            nid += 1
        for f in forms:
            dfs[f] += 1
        out.append(([enc for _t, _p, enc, _k in keyed],
                    [acronym_words(t) if p.script == "latin" and len(p.words) >= 2 else "" for t, p, _e, _k in keyed],
                    [(a, b) for a, others in spellings.items() for b in sorted(others)],
                    {t: arabic(t) for t in spelled}))
    # (the keys in their sort order: the index then gets each chunk's new keys as one sorted run, which
    # the cache's write, writing them in key order, sorts faster)
    return _Chunk(base, out, _flat({k: keys[k] for k in sorted(keys)}), _flat(posting), _flat(form_posting),
                  (list(dfs), list(dfs.values())))


def arabic_texts(entity: Entity) -> list[str]:
    """The Arabic names and vocalized forms `add_vocalized` keys (`glossary.names.arabic`)."""
    return [t for pair in _vocalized_pairs(entity) for t in pair if t]


def _vocalized_pairs(entity: Entity) -> list[tuple[str | None, str | None]]:
    """The entity's Arabic name and vocalized form, then each former name's."""
    return [(entity.arabic, entity.vocalized), *((f.arabic, f.vocalized) for f in entity.former_names)]


PARALLEL_CHUNK = 4096
"""Entities per job sent to a worker while a large glossary is indexed. A chunk sends back each of its
keys once: for the 100,000 entities of `bench/large_glossary.py`'s file, 2.2 million keys for 14
million name numbers in chunks of 4,096, 4.5 million in chunks of 256 (the first lookup's build
12.2 and 12.8 s against 14.4 and 15.4 s, alternated; a one-off script)."""
_AHEAD = 4
"""Jobs per worker sent ahead of the one being merged."""


def cores() -> int:
    """Processors this process may use, at most 8 (the forked pools of the build and of dedupe)."""
    import os

    return min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 8)


@contextmanager
def forked(worker: dict[str, Any], inherited: Mapping[str, Any], wanted: bool,
           most: int | None = None) -> Iterator[Callable[[Callable[[Any], Any], Sequence[Any]], Iterator[Any]]]:
    """A way to run jobs in order, ``run(function, jobs)``: in a pool of forked workers, one per core
    (`cores`, and no more than ``most``: a caller with few jobs), when ``wanted`` on a machine of several
    cores that can fork, else here. ``inherited`` is put in ``worker`` (a module's dict the job
    functions read) meanwhile: the workers inherit it (a loaded index, a scorer) and send back only
    their answers."""
    import multiprocessing as mp

    worker.update(inherited)
    try:
        if wanted and cores() > 1 and "fork" in mp.get_all_start_methods():
            with mp.get_context("fork").Pool(min(cores(), most or cores())) as pool:
                yield pool.imap
        else:
            yield map
    finally:
        worker.clear()


_Keyed = tuple[list[tuple["Entity", list["Name"], list[str], list[str], list[tuple[str, str]], dict[str, str]]],
               _Chunk]


def _keyed(entities: Iterable[Entity], *, parallel: bool) -> Iterator[_Keyed]:
    """The entities in chunks of `PARALLEL_CHUNK`, in order: each chunk's entities with their names and
    what `chunk_keys` gives for each (encoded profiles, acronym words, spelling links, Arabic keys),
    and the chunk's `chunk_keys`. ``parallel``: keyed by a pool of forked workers (one per core, up
    to 8) when there are several cores, while this process reads on (a large glossary streamed from
    its files: parsing and checking stay here, in order)."""
    import multiprocessing as mp
    from collections import deque
    from itertools import islice

    it = iter(entities)
    base = 0

    def chunks() -> Iterator[tuple[int, list[tuple[Entity, list[Name]]]]]:
        nonlocal base
        while chunk := [(e, list(e.names())) for e in islice(it, PARALLEL_CHUNK)]:
            yield base, chunk
            base += sum(len(names) for _e, names in chunk)

    def job(first: int, chunk: list[tuple[Entity, list[Name]]]) -> tuple[int, list[tuple[list[str], list[str]]]]:
        return first, [([n.text for n in names], arabic_texts(e)) for e, names in chunk]

    def joined(chunk: list[tuple[Entity, list[Name]]], keyed: _Chunk) -> _Keyed:
        return [(e, names, *per) for (e, names), per in zip(chunk, keyed.entities)], keyed

    n = cores()
    if not parallel or n < 2 or "fork" not in mp.get_all_start_methods():
        for first, chunk in chunks():
            yield joined(chunk, chunk_keys(*job(first, chunk)))
        return
    with mp.get_context("fork").Pool(n) as pool:
        pending: deque[tuple[list[tuple[Entity, list[Name]]], Any]] = deque()
        source = chunks()
        while True:
            nxt = next(source, None)
            if nxt is not None:
                pending.append((nxt[1], pool.apply_async(chunk_keys, job(*nxt))))
            if pending and (nxt is None or len(pending) >= _AHEAD * n):
                done, result = pending.popleft()
                yield joined(done, result.get())
            if nxt is None and not pending:
                return


def add_vocalized(st: MemoryStore, entity: Entity, clashes: set[str],
                  arabic_key: Callable[[str], str] = arabic) -> None:
    """Note the entity's Arabic names by their Arabic key (`glossary.names.arabic`, or ``arabic_key``
    when it is known already: no harakat, alef and taa forms unified, no spaces) with their vocalized
    form, or ``""`` for a name without one: the look-up that romanizes a name the glossary knows
    exactly, or at least as a proper name (`glossary.Glossary.vocalized_for`).

    The entity's ``arabic`` and ``vocalized`` (either is a key), and each former name's; a key
    that two names vocalize differently (``clashes``) is left out: the glossary does not say
    which reading a text means. A vocalized form wins over a name known without one.
    """
    for written, vocalized in _vocalized_pairs(entity):
        if not vocalized:
            key = arabic_key(written) if written else ""
            if key and key not in clashes:
                st.vocalized.setdefault(key, "")
            continue
        for key in {arabic_key(written or vocalized), arabic_key(vocalized)}:
            if not key or key in clashes:
                continue
            if st.vocalized.get(key) == "":
                st.vocalized[key] = vocalized
            elif st.vocalized.setdefault(key, vocalized) != vocalized:
                clashes.add(key)
                del st.vocalized[key]
        st.vocal_span = max(st.vocal_span, len(vocalized.split()))


@lru_cache(maxsize=256)
def language_of(source: str) -> str | None:
    """The code of the language a variant's ``source`` names, when it names one other than English or
    Arabic (in English or in Arabic, as babel writes the names): ``German`` -> ``de``; else None.

    Example:
        >>> language_of("German"), language_of("English"), language_of("Reuters")
        ('de', None, None)
    """
    names = _language_names()
    code = names.get(source.strip().casefold())
    return None if code in (None, "en", "ar") else code


@lru_cache(maxsize=1)
def _language_names() -> dict[str, str]:
    from babel import Locale

    out: dict[str, str] = {}
    for locale in ("ar", "en"):
        for code, name in Locale(locale).languages.items():
            if "_" not in code:
                out[name.casefold()] = code
    return out


def _link_spellings(profiles: list[tuple[int, Profile]], spellings: defaultdict[str, set[str]]) -> None:
    """Record the forms of one entity's names that spell one word (same skeleton, letters alike:
    Najjar and its variant Najjer), so that a rare spelling weighs as its word does."""
    by_skel: dict[str, set[str]] = {}
    for _, p in profiles:
        for w in p.words:
            if w.skel:
                by_skel.setdefault(w.skel, set()).add(w.form)
    for forms in by_skel.values():
        if len(forms) > 1:
            for a in forms:
                for b in forms:
                    if a != b and _alike(a, b):
                        spellings[a].add(b)


def _alike(a: str, b: str) -> bool:
    from rapidfuzz.distance import Indel

    return Indel.normalized_similarity(a, b) >= 0.7


def _spelling_df(dfs: Mapping[str, int], spellings: Mapping[str, set[str]]) -> dict[str, int]:
    """The document frequency of each linked form: the most of its spellings' (a variant spelling
    only one entity uses is still the common word it spells)."""
    return {f: max(dfs[f], *(dfs[o] for o in others)) for f, others in spellings.items()}
