"""Resolve any spelling of a name, either script, to its entity.

`Resolver.resolve` gathers candidate names from key collisions at every level
(exact, arabic/folded, skeleton, acronym), scores each with `glossary.match.score.score`,
and, when nothing reaches the threshold, widens to a bounded fuzzy search
(`glossary.match.fuzzy`: names sharing words with the query, exactly or one letter away,
best-voted first). The best entity wins if it reaches the threshold and no other entity
comes within ``margin`` of it (then the answer is ``ambiguous`` and lists both). Every
result names the matched name, its level and score; ``explain=True`` adds the keys on both
sides. A query that finds no match is read again the ways lists write names: "SURNAME,
Given" as "Given SURNAME", and "Latin name (Arabic name)" as each of its names alone.
Arguments are checked (`glossary.match.options`).

Example:
    >>> from glossary.match import Index
    >>> from glossary.model import Entity
    >>> r = Resolver(Index.build([Entity(id="jaysh-al-izza", type="group", romanized="Jaysh al-Izza",
    ...                                  arabic="جيش العزة", english="Army of Glory")]))
    >>> [(x.status, x.match and x.match.level) for x in r.resolve_many(["Jeish el-Izza", "ﺟﻴﺶ ﺍﻟﻌﺰﺓ", "جيش العزه", "Jaysh al-Islam"])]
    [('match', 'folded'), ('match', 'exact'), ('match', 'arabic'), ('none', None)]
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any, NamedTuple

from glossary.model import EntityType
from glossary.names import exact, readings

from .fuzzy import candidates
from .index import Index
from .keys import describe_keys, query_acronym, query_keys
from .options import MARGIN, THRESHOLD, check_options, check_query
from .params import DEFAULT, Params
from .profile import Profile, decode, other_script_names, profile, same_consonants, same_letters
from .results import Match, Resolution, Status
from .score import score

_NON_EXACT_CAP = 0.97
"""No spelling but the exact one scores above this, so raw spelling breaks ties."""
_FUZZY_BELOW = 0.9
"""Widen to the fuzzy search when the best key-collision candidate scores below this: a weak
key match (al-Samee has the consonants of al-Azm, 0.88) may be outscored by a name one letter
off (al-Shami); a strong one is not."""
_LEVEL_OF = {"=": "exact", "~": "folded", "#": "skeleton", "%": "fuzzy"}


class Best(NamedTuple):
    """An entity's best name so far."""

    score: float
    nid: int
    """The name's number in the index."""
    level: str
    whole: bool
    """Whether the name agrees with the query letter for letter once folded."""


class Cross(NamedTuple):
    """A candidate name in the other script than the query's, scored only if needed (`Resolver._merge_cross`)."""

    nid: int
    entity: int
    profile: str
    """Its encoded profile."""
    type: str
    """Its entity's type."""
    level: str


class Resolver:
    """Resolves names against one index.

    Args:
        index: the glossary's `Index`.
        params: scorer constants (the evaluation harness varies them).
    """

    def __init__(self, index: Index, *, params: Params = DEFAULT) -> None:
        self.index = index
        self.params = params

    def resolve(self, query: str, *, type: EntityType | None = None, threshold: float | None = None, limit: int = 5,
                explain: bool = False, margin: float = MARGIN) -> Resolution:
        """Resolve one name.

        Args:
            query: any spelling, either script.
            type: only entities of this type.
            threshold: score a match needs, 0 to 1 (default `THRESHOLD`).
            limit: candidates listed, at least 1.
            explain: add the keys on both sides and the level of each candidate.
            margin: a second entity this close to the best makes the answer ambiguous, 0 to 1.

        Returns:
            A `Resolution`.

        Raises:
            TypeError: ``query`` is no ``str``.
            ValueError: an unknown type, a threshold or margin outside 0-1, a limit below 1.
        """
        check_query(query)
        check_options(type=type, threshold=threshold, limit=limit, margin=margin)
        return self._resolve(query, type=type, threshold=threshold, limit=limit, explain=explain, margin=margin,
                             reread=True)

    def resolve_many(self, queries: Iterable[str], *, type: EntityType | None = None, threshold: float | None = None,
                     limit: int = 5, explain: bool = False, margin: float = MARGIN) -> Iterator[Resolution]:
        """Resolve many names with one index; each distinct name is resolved once (options as `resolve`).

        After a few hundred names a cached index is loaded into memory, which is faster
        per name than reading the cache file each time, and the objects alive then (the
        index, above all) are moved out of the cyclic garbage collector's way (`gc.freeze`)
        until the batch ends: they live as long as it does, and a full collection would
        otherwise walk every one. A caller who froze objects of its own is left alone (what
        it froze could not be told from what the batch would freeze), and the collector is
        left as it was found.

        Raises:
            TypeError: ``queries`` is one ``str`` (give a list of names) or not iterable; a name
                is no ``str`` (when the batch reaches it).
            ValueError: as `resolve`.
        """
        if isinstance(queries, (str, bytes)):
            raise TypeError(f"resolve_many takes an iterable of names, not one name: resolve_many([{queries!r}])")
        check_options(type=type, threshold=threshold, limit=limit, margin=margin)
        return self._batch(iter(queries), type=type, threshold=threshold, limit=limit, explain=explain,
                           margin=margin)

    def _batch(self, queries: Iterator[str], **options: Any) -> Iterator[Resolution]:
        """`resolve_many` once its arguments are checked."""
        seen: dict[str, Resolution] = {}
        froze = False
        try:
            for i, q in enumerate(queries):
                if i == 200:
                    self.index = self.index.in_memory()
                    if gc.get_freeze_count() == 0:
                        gc.freeze()
                        froze = True
                check_query(q)
                r = seen.get(q)
                if r is None:
                    r = self._resolve(q, **options, reread=True)
                    if len(seen) < 100_000:
                        seen[q] = r
                yield r
        finally:
            if froze:
                gc.unfreeze()

    def _resolve(self, query: str, *, type: str | None, threshold: float | None, limit: int, explain: bool,
                 margin: float, reread: bool) -> Resolution:
        """`resolve`; ``reread``: read a query that finds no match in its other orthographies too
        (not a reading itself)."""
        thr = THRESHOLD if threshold is None else threshold
        store = self.index.store
        best: dict[int, Best] = {}  # entity -> its best name so far
        ex = exact(query)
        if ex and type is None and not explain:
            exact_hits = store.lookup_by_key(["=" + ex])
            if exact_hits:
                # an exact spelling scores 1.0; nothing else can come within the margin of it
                # (every other level is capped at 0.97), so only the exact names need looking
                # at, and no other key need be made
                for nid, row in sorted(store.name_rows(exact_hits["=" + ex]).items()):
                    if row.entity not in best:
                        best[row.entity] = Best(1.0, nid, "exact", True)
                return self._answer(query, best, thr, limit, margin)
        qprof = profile(query)
        levels: dict[int, str] = {}
        arabic_q = qprof.script == "arabic"
        qkeys = query_keys(query)
        hits = store.lookup_by_key(qkeys)
        for k in reversed(qkeys):  # loosest first, so that the strictest level wins
            for nid in hits.get(k, ()):
                levels[nid] = _LEVEL_OF[k[0]]
        if any(k[0] == "=" for k in hits) and type is None:
            levels = {nid: lv for nid, lv in levels.items() if lv == "exact"}  # as above
        cross: list[Cross] = []  # names in the other script, scored if needed
        self._score(qprof, levels, type, best, cross, arabic_q)
        acr = query_acronym(query)
        if acr and _top(best) < thr:
            for nid, row in store.name_rows(store.lookup(["^" + acr])).items():
                if self._type_ok(row.entity, type) and _score_of(best, row.entity) < 0.85:
                    best[row.entity] = Best(0.85, nid, "acronym", False)
        if _top(best) < _FUZZY_BELOW:
            memo: dict[str, Any] = {}
            found = self._fuzzy(qprof, full=False, memo=memo)
            more = {nid: "fuzzy" for nid in found if nid not in levels}
            self._score(qprof, more, type, best, cross, arabic_q)
            if _top(best) < thr:
                # still no match: look one letter away from the words the glossary knows too
                more = {nid: "fuzzy" for nid in self._fuzzy(qprof, full=True, memo=memo)
                        if nid not in levels and nid not in found}
                self._score(qprof, more, type, best, cross, arabic_q)
        self._merge_cross(qprof, best, cross, arabic_q, thr, margin)  # only names in the other script
        if query.count(",") == 1 and _top(best) < thr:
            # "SURNAME, Given" (sanctions lists, bibliographies): also read it "Given SURNAME"
            head, tail = query.split(",")
            swapped = self._resolve(f"{tail.strip()} {head.strip()}", type=type, threshold=thr, limit=limit,
                                    explain=False, margin=margin, reread=reread)
            for c in swapped.candidates:
                self._merge_swapped(best, c)
        if _top(best) < thr:
            # "Latin name (Arabic name)", "اسم (Name; Other Name)": each script's names on their own
            for alt in other_script_names(query):
                for c in self._resolve(alt, type=type, threshold=thr, limit=limit, explain=False, margin=margin,
                                       reread=reread).candidates:
                    self._merge_swapped(best, c)
        if reread and _top(best) < thr:
            # still nothing: a name written the Turkish or Slavic way (Cisr eş-Şuğur, Chán Šajchún)
            # (a reading is not the query's own spelling: never exact, as every other level)
            for reading in readings(query):
                if reading.known_words_only and not self._knows_a_new_word(qprof, reading.text):
                    continue
                for c in self._resolve(reading.text, type=type, threshold=thr, limit=limit, explain=False,
                                       margin=margin, reread=False).candidates:
                    self._merge_swapped(best, replace(c, score=min(c.score, _NON_EXACT_CAP),
                                                      level="folded" if c.level == "exact" else c.level))
        return self._answer(query, best, thr, limit, margin, qkeys if explain else None)

    def _knows_a_new_word(self, qprof: Profile, text: str) -> bool:
        """Whether a reading of the query has a word, not the query's, that the glossary knows."""
        mine = {w.skel for w in qprof.words}
        new = [w.skel for w in profile(text).words if w.skel and w.skel not in mine]
        return bool(new) and bool(self.index.store.word_postings(new))

    def _answer(self, query: str, best: dict[int, Best], thr: float, limit: int, margin: float,
                qkeys: list[str] | None = None) -> Resolution:
        """The resolution from the best name of each entity (``qkeys``: explain with them)."""
        store = self.index.store
        # (a candidate that scored nothing is no suggestion: "did you mean" lists only names alike)
        ranked = sorted(((e, b) for e, b in best.items() if b.score > 0.0),
                        key=lambda eb: (-eb[1].score, not eb[1].whole, eb[0]))[:limit] if len(best) > 1 \
            else [(e, b) for e, b in best.items() if b.score > 0.0]
        rows = store.entity_rows(e for e, _ in ranked)
        names = store.name_rows(b.nid for _, b in ranked)
        cands = tuple(Match(rows[e].id, rows[e].label, rows[e].type, b.score, names[b.nid].text, b.level)
                      for e, b in ranked)
        status: Status = "none"
        match = None
        if cands and cands[0].score >= thr:
            # a name that agrees letter for letter once folded outranks one whose letters only
            # come close, however close (al-Sharaa, not al-Shaar, for "Sharaa": both cap at 0.97)
            first, second = ranked[0][1], ranked[1][1] if len(ranked) > 1 else None
            if (second is not None and cands[1].score >= thr and cands[1].score >= cands[0].score - margin
                    and (second.whole or not first.whole)):
                status = "ambiguous"
            else:
                status, match = "match", cands[0]
        expl = self._explain(qkeys, cands) if qkeys is not None else None
        return Resolution(query, status, match, cands, expl)

    def _merge_swapped(self, best: dict[int, Best], c: Match) -> None:
        """Keep a candidate of another reading of the query (swapped, one script alone) if it beats
        what its entity has."""
        store = self.index.store
        eidx = store.entity_number(c.id)
        if eidx is None:
            return
        nid = next((n for n in store.lookup(["=" + exact(c.name)]) if store.name_rows([n])[n].entity == eidx), None)
        if nid is not None and c.score > _score_of(best, eidx):
            best[eidx] = Best(c.score, nid, c.level, False)

    def _type_ok(self, eidx: int, type: str | None) -> bool:
        return type is None or self.index.store.entity_rows([eidx])[eidx].type == type

    def _score(self, qprof: Profile, levels: dict[int, str], type: str | None, best: dict[int, Best],
               cross: list[Cross], arabic_q: bool) -> None:
        """Score the names in ``levels`` in the query's script into ``best``; the others are only
        queued in ``cross`` (scored by `_merge_cross` if their entity has no same-script name)."""
        if not levels:
            return
        store = self.index.store
        rows = store.name_rows(levels)
        ents = store.entity_rows({r.entity for r in rows.values()})
        qfolded = None
        for nid in sorted(rows):
            eidx, prof = rows[nid].entity, rows[nid].profile
            etype = ents[eidx].type
            if type is not None and etype != type:
                continue
            level = levels[nid]
            # A name in the query's script says more than consonants across scripts (Bushra is
            # not Bashar, though بشار has the consonants of both): cross-script scores count only
            # for entities with no same-script name among the candidates.
            if (prof[:1] == "a") != arabic_q:
                cross.append(Cross(nid, eidx, prof, etype, level))
                continue
            if level != "exact" and qfolded is None:
                qfolded = "".join(w.form for w in qprof.words)
            s, level, whole = self._name_score(qprof, qfolded, arabic_q, prof, etype, level)
            old = best.get(eidx)
            if old is None or s > old.score or s == old.score and whole and not old.whole:
                best[eidx] = Best(s, nid, level, whole)

    def _name_score(self, qprof: Profile, qfolded: str | None, arabic_q: bool, prof: str, etype: str,
                    level: str) -> tuple[float, str, bool]:
        """A name's score (capped at `_NON_EXACT_CAP` below the exact level), its level, and whether
        it agrees with the query letter for letter once folded (see `_answer`)."""
        if level == "exact":
            return 1.0, level, True
        if level == "folded" and same_letters(qprof, prof, qfolded or ""):
            # the same letters once folded: the same name
            return _NON_EXACT_CAP, "arabic" if arabic_q and prof[:1] == "a" else level, True
        p = decode(prof)
        s = score(qprof, p, self.index.weights, person=etype == "person", params=self.params)
        # (in the same order: Muhammad Abd al-Rahman scores 1.0 for Abd al-Rahman Muhammad too)
        return min(_NON_EXACT_CAP, s), level, s >= 1.0 and self._letters(p) == self._letters(qprof)

    def _letters(self, p: Profile) -> str:
        """A name's folded words joined, those the scorer ignores left out (the a of a-Sharaa)."""
        factor = self.index.weights.factor
        return "".join(w.form for w in p.words if factor(w.form) > 0.0)

    def _merge_cross(self, qprof: Profile, best: dict[int, Best], cross: list[Cross], arabic_q: bool, thr: float,
                     margin: float) -> None:
        """Entities found through names in the other script whose names in the query's script do
        not name it: their consonants decide. Not when the entity's best name in the query's
        script spells that same name (Bushra is not Bashar, though بشار has the consonants of
        both: "Bashar al-Asad" says which vowels بشار الأسد has); yes when it is another name
        (an alias), or shares nothing with the query (a folding that went astray: Masyaf read
        "mashaf" as Indonesian sy)."""
        # (a cross-script score is at most params.cross_script: below a best far enough above
        # it, an alias's could neither win nor make the answer ambiguous, and is not computed)
        aliases = _top(best) < self.params.cross_script + margin
        pending = [c for c in cross if (had := _score_of(best, c.entity)) == 0.0 or aliases and had < thr]
        if not pending:
            return
        qfolded = "".join(w.form for w in qprof.words)
        found: dict[int, Best] = {}
        person: dict[int, bool] = {}
        store = self.index.store
        mine_prof: dict[int, str] = {}  # entity -> its best name in the query's script, encoded
        for c in pending:
            mine = best.get(c.entity)
            if mine is not None and mine.score > 0.0:
                if c.entity not in mine_prof:
                    mine_prof[c.entity] = store.name_rows([mine.nid])[mine.nid].profile
                if same_consonants(mine_prof[c.entity], c.profile):
                    continue  # the entity's name in the query's script is this one spelt out: no alias
            s, level, whole = self._name_score(qprof, qfolded, arabic_q, c.profile, c.type, c.level)
            old = found.get(c.entity)
            if old is None or s > old.score:
                found[c.entity] = Best(s, c.nid, level, whole)
                person[c.entity] = c.type == "person"
        for eidx, b in found.items():
            mine = best.get(eidx)
            if mine is None or mine.score == 0.0:
                if b.score > 0.0:
                    best[eidx] = b
            elif b.score > mine.score and b.score >= thr:
                if score(decode(mine_prof[eidx]), decode(store.name_rows([b.nid])[b.nid].profile), self.index.weights,
                         person=person[eidx]) < thr:
                    best[eidx] = b  # the query's script names it otherwise: an alias

    def _fuzzy(self, qprof: Profile, full: bool, memo: dict[str, Any] | None = None) -> set[int]:
        """Fuzzy candidates for a query (`glossary.match.fuzzy.candidates`)."""
        return candidates(self.index.store, qprof, full=full, memo=memo)

    def _explain(self, qkeys: list[str], cands: tuple[Match, ...]) -> dict[str, Any]:
        return {
            "query_keys": describe_keys(qkeys),
            "candidates": [{"id": c.id, "name": c.name, "level": c.level, "keys": describe_keys(query_keys(c.name))}
                           for c in cands],
        }


def _top(best: dict[int, Best]) -> float:
    """The best score so far (0 when there is no candidate)."""
    return max((b.score for b in best.values()), default=0.0)


def _score_of(best: dict[int, Best], eidx: int) -> float:
    """An entity's best score so far (0 when it is no candidate)."""
    b = best.get(eidx)
    return 0.0 if b is None else b.score
