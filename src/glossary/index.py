"""The name index: normalized keys -> names -> entities, in memory or from an on-disk cache.

Each name of each entity (`Entity.names`) is keyed at every level of
`glossary.names` (exact, folded/arabic, skeleton and its other reading), plus an
acronym key for names of several words (Hay'at Tahrir al-Sham -> HTS). For the fuzzy
fallback, each word's skeleton points at the names holding it, and a deletion
neighbourhood (every skeleton with one letter left out) finds the skeletons one edit
away, so a misspelt word still finds its names without scanning the glossary.

`Index.build` makes an in-memory index; `Index.cached` answers from an SQLite file
named by the glossary's content hash (see `glossary.indexcache`), so a warm lookup
parses no YAML.

Example:
    >>> from glossary.model import Entity
    >>> idx = Index.build([Entity(id="jaysh-al-izza", type="group", romanized="Jaysh al-Izza",
    ...                           arabic="جيش العزة")])
    >>> len(idx), idx.ids(), sorted({idx.name_row(n)[1] for n in idx.lookup(query_keys("Jaish al-Izzah"))})
    (1, ['jaysh-al-izza'], ['Jaysh al-Izza', 'جيش العزة'])
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from glossary.names import arabic, exact, tokens
from glossary.profile import Profile, encode, main_part, parenthesized, profile
from glossary.weights import Weights

if TYPE_CHECKING:
    from glossary.model import Entity

NameRow = tuple[int, str, str, str]
"""A name in the index: (entity number, text, kind, encoded profile)."""
EntityRow = tuple[str, str, str]
"""An entity in the index: (id, type, label)."""

_ACRONYM_VOWELS = str.maketrans("oe", "ui")


_ARABIC = re.compile("[\u0600-\u06ff]")


def query_keys(text: str) -> list[str]:
    """The lookup keys of a name, prefixed by level (``=`` exact, ``~`` folded, ``%`` folded words
    in any order, ``#`` skeleton), for the whole name and for it without parenthesized parts.

    Example:
        >>> query_keys("Deir ez-Zor")
        ['=deir ez zor', '~dayrzur', '%dayr zur', '#trsr']
    """
    out: dict[str, None] = {}
    ex = exact(text)
    if ex:
        out["=" + ex] = None
    main = main_part(text)
    for part in (text, main) if main is not text else (text,):
        toks = [t for t in tokens(part) if not t.article]
        forms = [t.form for t in toks]
        folded = "".join(forms)
        if folded:
            out["~" + folded] = None
        if not part.isascii() and _ARABIC.search(part):
            every = tokens(part)
            ar = "".join(t.form for t in every) if all(_ARABIC.match(t.form) for t in every) else arabic(part)
            if ar:
                out["~" + ar] = None  # the Arabic key keeps articles glued inside words (ديرالزور)
        if len(forms) > 1:
            out["%" + " ".join(sorted(forms))] = None  # the same words in another order (AL-ASSAD, Bashar)
        if toks:
            sk = "".join(t.skel for t in toks)
            if sk:
                out["#" + sk] = None
            alt = "".join(t.alt or t.skel for t in toks)
            if alt:
                out["#" + alt] = None
    return list(out)


def acronym(text: str, ignore: Callable[[str], bool]) -> str:
    """The initials of a Latin name's significant words ("" unless there are 2 to 7).

    Example:
        >>> acronym("Hay'at Tahrir al-Sham", lambda f: False), acronym("Free Syrian Army", lambda f: False)
        ('hts', 'fsa')
    """
    return acronyms(text, ignore)[0]


def acronyms(text: str, ignore: Callable[[str], bool]) -> list[str]:
    """`acronym`, and when the name begins with the article, its initials with the article's
    a too, as English writes the acronyms of al-Qaida's branches (AQAP, AQIM) and al-Nusra
    Front's (ANF). ``[""]`` for a name with none.

    Example:
        >>> acronyms("al-Qaida in the Arabian Peninsula", lambda f: f in {"in", "the"})
        ['qap', 'aqap']
    """
    if any("\u0600" <= c <= "\u06ff" for c in text):
        return [""]
    toks = tokens(text)
    initials = [t.form[0] for t in toks if not t.article and t.form and t.form[0].isalpha() and not ignore(t.form)]
    if not 2 <= len(initials) <= 7:
        return [""]
    out = ["".join(initials).translate(_ACRONYM_VOWELS)]
    if toks[0].article and len(initials) < 7:
        out.append("a" + out[0])
    return out


def query_acronym(text: str) -> str:
    """The acronym key of a query that looks like one (HTS, SOHR: one word of 2-7 capitals), else ""."""
    s = text.strip().replace(".", "")
    if 2 <= len(s) <= 7 and s.isascii() and s.isalpha() and sum(c.isupper() for c in s) >= 2:
        return s.lower().translate(_ACRONYM_VOWELS)
    return ""


def pair_keys(words: Sequence[tuple[str, str]], limit: int = 6) -> list[str]:
    """Keys for every two words of a name (skeletons, either reading): names sharing two words
    with a query are found in one lookup, however common each word is alone.

    Example:
        >>> pair_keys([("ħlt", ""), ("sbt", ""), ("bsm", "")])
        ['&sbt ħlt', '&bsm ħlt', '&bsm sbt']
    """
    out: dict[str, None] = {}
    ws = [tuple(dict.fromkeys(x for x in w if x)) for w in words[:limit]]
    for i in range(len(ws)):
        for j in range(i + 1, len(ws)):
            for a in ws[i]:
                for b in ws[j]:
                    out["&" + " ".join(sorted((a, b)))] = None
    return list(out)


def deletions(s: str) -> list[str]:
    """``s`` with each letter left out in turn (the deletion neighbourhood of a skeleton)."""
    return [s[:i] + s[i + 1 :] for i in range(len(s))]


class Store(Protocol):
    """What the resolver reads from an index (in memory or in SQLite)."""

    n_entities: int

    def lookup(self, keys: Sequence[str]) -> list[int]: ...
    def lookup_by_key(self, keys: Sequence[str]) -> dict[str, Sequence[int]]: ...
    def word_postings(self, skels: Sequence[str]) -> dict[str, Sequence[int]]: ...
    def near_skeletons(self, dels: Sequence[str]) -> dict[str, Sequence[str]]: ...
    def name_rows(self, nids: Iterable[int]) -> dict[int, NameRow]: ...
    def entity_rows(self, eidxs: Iterable[int]) -> dict[int, EntityRow]: ...
    def df(self, forms: Iterable[str]) -> dict[str, int]: ...
    def entity_number(self, id: str) -> int | None: ...
    def entity_dict(self, id: str) -> dict[str, Any] | None: ...
    def ids(self) -> list[str]: ...
    def forms_like(self, prefix: str, contains: bool, limit: int) -> list[tuple[str, Sequence[int]]]: ...


class MemoryStore:
    """An index held in dictionaries (built from entities, or loaded from the cache)."""

    def __init__(self) -> None:
        self.n_entities = 0
        self.entities: list[EntityRow] = []
        self.objects: list[Entity] | None = None
        self.json: list[str] = []
        self.names: list[NameRow] = []
        self.keys: dict[str, list[int]] = {}
        self.posting: dict[str, list[int]] = {}
        self.near: dict[str, list[str]] = {}
        self.form_posting: dict[str, list[int]] = {}
        self.dfs: dict[str, int] = {}
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
            self._by_id = {row[0]: i for i, row in enumerate(self.entities)}
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
        return [row[0] for row in self.entities]

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


def build_store(entities: Sequence[Entity]) -> MemoryStore:
    """Key every name of every entity (see the module docstring)."""
    st = MemoryStore()
    st.objects = list(entities)
    st.n_entities = len(entities)
    keys_: defaultdict[str, list[int]] = defaultdict(list)
    posting: defaultdict[str, list[int]] = defaultdict(list)
    form_posting: defaultdict[str, list[int]] = defaultdict(list)
    dfs: defaultdict[str, int] = defaultdict(int)
    spellings: defaultdict[str, set[str]] = defaultdict(set)  # form -> other spellings of its word
    profiles: list[tuple[int, Profile]] = []
    for eidx, e in enumerate(entities):
        st.entities.append((e.id, e.type, e.label))
        forms: set[str] = set()
        first = len(profiles)
        for name in e.names():
            nid = len(st.names)
            p = profile(name.text)
            st.names.append((eidx, name.text, name.kind.value, encode(p)))
            profiles.append((nid, p))
            extra = ["=" + exact(x) for x in parenthesized(name.text) if exact(x)]
            for k in dict.fromkeys(query_keys(name.text) + extra):
                keys_[k].append(nid)
            for k in pair_keys([(w.skel, w.alt) for w in p.words]):
                keys_[k].append(nid)
            for w in p.words:
                forms.add(w.form)
                for s in {w.skel, w.alt} - {""}:
                    if not posting[s] or posting[s][-1] != nid:
                        posting[s].append(nid)
                if not form_posting[w.form] or form_posting[w.form][-1] != nid:
                    form_posting[w.form].append(nid)
        for f in forms:
            dfs[f] += 1
        _link_spellings(profiles[first:], spellings)
    for f, df in _spelling_df(dfs, spellings).items():
        dfs[f] = df
    weights = Weights(dfs, len(entities))
    for nid, p in profiles:
        if p.script == "latin" and len(p.words) >= 2:
            for acr in acronyms(st.names[nid][1], lambda f: weights(f) == 0.0):
                if acr:
                    keys_["^" + acr].append(nid)
    near: defaultdict[str, list[str]] = defaultdict(list)
    for s in posting:
        if len(s) >= 3:
            for d in dict.fromkeys(deletions(s)):
                near[d].append(s)
    st.keys, st.posting, st.near, st.form_posting, st.dfs = dict(keys_), dict(posting), dict(near), dict(form_posting), dict(dfs)
    return st


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


class Index:
    """Names of a glossary keyed for lookup; build it in memory or open its cache."""

    def __init__(self, store: Store, *, rebuild: Callable[[], Index] | None = None) -> None:
        self.store = store
        self._rebuild = rebuild
        self._weights: Weights | None = None

    @classmethod
    def build(cls, entities: Sequence[Entity]) -> Index:
        """An in-memory index of these entities."""
        return cls(build_store(entities))

    @classmethod
    def cached(cls, content_hash: str, build: Callable[[], Sequence[Entity]], *, cache_dir: Path | None = None) -> Index:
        """The index from the cache file for ``content_hash``; built (and written) when missing or unusable.

        Args:
            content_hash: hash of the glossary files' content (names the cache file).
            build: returns the entities; called only when the cache cannot answer.
            cache_dir: where cache files live (default: `glossary.indexcache.cache_dir`).
        """
        from glossary.indexcache import open_or_build

        return open_or_build(cls, content_hash, build, cache_dir)

    @classmethod
    def from_cache(cls, content_hash: str, build: Callable[[], Sequence[Entity]], *,
                   cache_dir: Path | None = None) -> Index | None:
        """The index from the cache file for ``content_hash``, or None when there is no usable one
        (nothing is built or written). ``build`` is called only if the file fails while being read."""
        from glossary.indexcache import open_cached

        return open_cached(cls, content_hash, build, cache_dir)

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
        """Name numbers holding any of these keys (as `query_keys` writes them)."""
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
        """One name: (entity number, text, kind, encoded profile)."""
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
