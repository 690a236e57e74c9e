"""Resolve any spelling of a name, either script, to its entity.

`Resolver.resolve` gathers candidate names from key collisions at every level
(exact, arabic/folded, skeleton, acronym), scores each with `glossary.score.score`,
and, when nothing reaches the threshold, widens to a bounded fuzzy search (`glossary.fuzzy`:
names sharing words with the query, exactly or one letter away, best-voted first). The best entity
wins if it reaches the threshold and no other entity comes within ``margin`` of it
(then the answer is ``ambiguous`` and lists both). Every result names the matched
name, its level and score; ``explain=True`` adds the keys on both sides. A query that
finds no match is read again the ways lists write names: "SURNAME, Given" as "Given
SURNAME", and "Latin name (Arabic name)" as each of its names alone.

Example:
    >>> from glossary.index import Index
    >>> from glossary.model import Entity
    >>> r = Resolver(Index.build([Entity(id="jaysh-al-izza", type="group", romanized="Jaysh al-Izza",
    ...                                  arabic="جيش العزة", english="Army of Glory")]))
    >>> [(x.status, x.match and x.match.level) for x in r.resolve_many(["Jeish el-Izza", "ﺟﻴﺶ ﺍﻟﻌﺰﺓ", "جيش العزه", "Jaysh al-Islam"])]
    [('match', 'folded'), ('match', 'exact'), ('match', 'arabic'), ('none', None)]
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any, Literal

from glossary.fuzzy import candidates
from glossary.index import Index, query_acronym, query_keys
from glossary.names import exact, script
from glossary.names import readings
from glossary.profile import Profile, decode, main_part, parenthesized, profile
from glossary.score import DEFAULT, Params, score

Level = Literal["exact", "arabic", "folded", "skeleton", "fuzzy", "acronym"]
Status = Literal["match", "ambiguous", "none"]

THRESHOLD = 0.72
"""Default score a best candidate needs to be a match."""
MARGIN = 0.025
"""A second entity within this of the best makes the answer ambiguous."""
_NON_EXACT_CAP = 0.97
"""No spelling but the exact one scores above this, so raw spelling breaks ties."""
_FUZZY_BELOW = 0.9
"""Widen to the fuzzy search when the best key-collision candidate scores below this: a weak
key match (al-Samee has the consonants of al-Azm, 0.88) may be outscored by a name one letter
off (al-Shami); a strong one is not."""
_LEVEL_OF = {"=": "exact", "~": "folded", "#": "skeleton", "%": "fuzzy"}


@dataclass(frozen=True, slots=True)
class Match:
    """One candidate entity: how and how well one of its names matched."""

    id: str
    label: str
    type: str
    score: float
    name: str
    level: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a match."""
        return {"id": self.id, "label": self.label, "type": self.type, "score": round(self.score, 4),
                "name": self.name, "level": self.level}


@dataclass(frozen=True, slots=True)
class Resolution:
    """The answer for one query: ``match``, ``ambiguous`` (see candidates) or ``none``."""

    query: str
    status: Status
    match: Match | None
    candidates: tuple[Match, ...]
    explanation: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a resolution (one JSON Lines row)."""
        d: dict[str, Any] = {"query": self.query, "status": self.status,
                             "match": self.match.to_dict() if self.match else None,
                             "candidates": [c.to_dict() for c in self.candidates]}
        if self.explanation is not None:
            d["explain"] = self.explanation
        return d


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One entity found by `Resolver.search`, with the name that matched."""

    id: str
    label: str
    type: str
    name: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a search hit."""
        return {"id": self.id, "label": self.label, "type": self.type, "name": self.name, "score": round(self.score, 4)}


class Resolver:
    """Resolves names against one index.

    Args:
        index: the glossary's `Index`.
        params: scorer constants (the evaluation harness varies them).
    """

    def __init__(self, index: Index, *, params: Params = DEFAULT) -> None:
        self.index = index
        self.params = params

    # -- resolve ----------------------------------------------------------------
    def resolve(self, query: str, *, type: str | None = None, threshold: float | None = None, limit: int = 5,
                explain: bool = False, margin: float = MARGIN) -> Resolution:
        """Resolve one name.

        Args:
            query: any spelling, either script.
            type: only entities of this type.
            threshold: score a match needs (default `THRESHOLD`).
            limit: candidates listed.
            explain: add the keys on both sides and the level of each candidate.
            margin: a second entity this close to the best makes the answer ambiguous.

        Returns:
            A `Resolution`.
        """
        return self._resolve(query if isinstance(query, str) else str(query), type=type, threshold=threshold,
                             limit=limit, explain=explain, margin=margin, reread=True)

    def _resolve(self, query: str, *, type: str | None, threshold: float | None, limit: int, explain: bool,
                 margin: float, reread: bool) -> Resolution:
        """`resolve`; ``reread``: read a query that finds no match in its other orthographies too
        (not a reading itself)."""
        thr = THRESHOLD if threshold is None else threshold
        store = self.index.store
        best: dict[int, _Best] = {}  # entity -> (score, name, level, letter for letter)
        ex = exact(query)
        if ex and type is None and not explain:
            exact_hits = store.lookup_by_key(["=" + ex])
            if exact_hits:
                # an exact spelling scores 1.0; nothing else can come within the margin of it
                # (every other level is capped at 0.97), so only the exact names need looking
                # at, and no other key need be made
                for nid, row in sorted(store.name_rows(exact_hits["=" + ex]).items()):
                    if row[0] not in best:
                        best[row[0]] = (1.0, nid, "exact", True)
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
        cross: list[tuple[int, int, str, str, str]] = []  # names in the other script, scored if needed
        self._score(qprof, levels, type, best, cross, arabic_q)
        acr = query_acronym(query)
        if acr and _top(best) < thr:
            for nid, row in store.name_rows(store.lookup(["^" + acr])).items():
                if self._type_ok(row[0], type) and best.get(row[0], (0.0,))[0] < 0.85:
                    best[row[0]] = (0.85, nid, "acronym", False)
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
            for alt in _other_script_names(query):
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

    def _answer(self, query: str, best: dict[int, _Best], thr: float, limit: int, margin: float,
                qkeys: list[str] | None = None) -> Resolution:
        """The resolution from the best score of each entity (``qkeys``: explain with them)."""
        store = self.index.store
        # (a candidate that scored nothing is no suggestion: "did you mean" lists only names alike)
        ranked = sorted(((e, v) for e, v in best.items() if v[0] > 0.0),
                        key=lambda kv: (-kv[1][0], not kv[1][3], kv[0]))[:limit] if len(best) > 1 \
            else [(e, v) for e, v in best.items() if v[0] > 0.0]
        rows = store.entity_rows(e for e, _ in ranked)
        names = store.name_rows(v[1] for _, v in ranked)
        cands = tuple(
            Match(rows[e][0], rows[e][2], rows[e][1], s, names[nid][1], lvl) for e, (s, nid, lvl, _) in ranked
        )
        status: Status = "none"
        match = None
        if cands and cands[0].score >= thr:
            # a name that agrees letter for letter once folded outranks one whose letters only
            # come close, however close (al-Sharaa, not al-Shaar, for "Sharaa": both cap at 0.97)
            if (len(cands) > 1 and cands[1].score >= thr and cands[1].score >= cands[0].score - margin
                    and (best[ranked[1][0]][3] or not best[ranked[0][0]][3])):
                status = "ambiguous"
            else:
                status, match = "match", cands[0]
        expl = self._explain(query, qkeys, cands) if qkeys is not None else None
        return Resolution(query, status, match, cands, expl)

    def _merge_swapped(self, best: dict[int, _Best], c: Match) -> None:
        """Keep a candidate of another reading of the query (swapped, one script alone) if it beats
        what its entity has."""
        store = self.index.store
        eidx = store.entity_number(c.id)
        if eidx is None:
            return
        nid = next((n for n in store.lookup(["=" + exact(c.name)]) if store.name_rows([n])[n][0] == eidx), None)
        if nid is not None and c.score > best.get(eidx, (0.0,))[0]:
            best[eidx] = (c.score, nid, c.level, False)

    def resolve_many(self, queries: Iterable[str], **options: Any) -> Iterator[Resolution]:
        """Resolve many names with one index; each distinct name is resolved once.

        After a few hundred names a cached index is loaded into memory, which is faster
        per name than reading the cache file each time, and the objects alive then (the
        index, above all) are moved out of the cyclic garbage collector's way (`gc.freeze`):
        they live as long as the batch, and a full collection would otherwise walk every one.
        """
        seen: dict[str, Resolution] = {}
        for i, q in enumerate(queries):
            if i == 200:
                self.index = self.index.in_memory()
                gc.freeze()
            r = seen.get(q)
            if r is None:
                r = self.resolve(q, **options)
                if len(seen) < 100_000:
                    seen[q] = r
            yield r

    def _type_ok(self, eidx: int, type: str | None) -> bool:
        return type is None or self.index.store.entity_rows([eidx])[eidx][1] == type

    def _score(self, qprof: Profile, levels: dict[int, str], type: str | None,
               best: dict[int, _Best], cross: list[tuple[int, int, str, str, str]],
               arabic_q: bool) -> None:
        """Score the names in ``levels`` in the query's script into ``best``; the others are only
        queued in ``cross`` (scored by `_merge_cross` if their entity has no same-script name)."""
        if not levels:
            return
        store = self.index.store
        rows = store.name_rows(levels)
        ents = store.entity_rows({r[0] for r in rows.values()})
        qfolded = None
        for nid in sorted(rows):
            eidx, _text, _kind, prof = rows[nid]
            etype = ents[eidx][1]
            if type is not None and etype != type:
                continue
            level = levels[nid]
            # A name in the query's script says more than consonants across scripts (Bushra is
            # not Bashar, though بشار has the consonants of both): cross-script scores count only
            # for entities with no same-script name among the candidates.
            if (prof[:1] == "a") != arabic_q:
                cross.append((nid, eidx, prof, etype, level))
                continue
            if level != "exact" and qfolded is None:
                qfolded = "".join(w.form for w in qprof.words)
            s, level, whole = self._name_score(qprof, qfolded, arabic_q, prof, etype, level)
            old = best.get(eidx)
            if old is None or s > old[0] or s == old[0] and whole and not old[3]:
                best[eidx] = (s, nid, level, whole)

    def _name_score(self, qprof: Profile, qfolded: str | None, arabic_q: bool, prof: str, etype: str,
                    level: str) -> tuple[float, str, bool]:
        """A name's score (capped at `_NON_EXACT_CAP` below the exact level), its level, and whether
        it agrees with the query letter for letter once folded (see `_answer`)."""
        if level == "exact":
            return 1.0, level, True
        if level == "folded" and _same_letters(qprof, prof, qfolded or ""):
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

    def _merge_cross(self, qprof: Profile, best: dict[int, _Best],
                     cross: list[tuple[int, int, str, str, str]], arabic_q: bool, thr: float, margin: float) -> None:
        """Entities found through names in the other script whose names in the query's script do
        not name it: their consonants decide. Not when the entity's best name in the query's
        script spells that same name (Bushra is not Bashar, though بشار has the consonants of
        both: "Bashar al-Asad" says which vowels بشار الأسد has); yes when it is another name
        (an alias), or shares nothing with the query (a folding that went astray: Masyaf read
        "mashaf" as Indonesian sy)."""
        # (a cross-script score is at most params.cross_script: below a best far enough above
        # it, an alias's could neither win nor make the answer ambiguous, and is not computed)
        aliases = _top(best) < self.params.cross_script + margin
        pending = [c for c in cross if (b := best.get(c[1], (0.0,))[0]) == 0.0 or aliases and b < thr]
        if not pending:
            return
        qfolded = "".join(w.form for w in qprof.words)
        found: dict[int, _Best] = {}
        person: dict[int, bool] = {}
        store = self.index.store
        mine_prof: dict[int, str] = {}  # entity -> its best name in the query's script, encoded
        for nid, eidx, prof, etype, level in pending:
            mine = best.get(eidx)
            if mine is not None and mine[0] > 0.0:
                if eidx not in mine_prof:
                    mine_prof[eidx] = store.name_rows([mine[1]])[mine[1]][3]
                if _same_consonants(mine_prof[eidx], prof):
                    continue  # the entity's name in the query's script is this one spelt out: no alias
            s, level, whole = self._name_score(qprof, qfolded, arabic_q, prof, etype, level)
            old = found.get(eidx)
            if old is None or s > old[0]:
                found[eidx] = (s, nid, level, whole)
                person[eidx] = etype == "person"
        for eidx, v in found.items():
            mine = best.get(eidx)
            if mine is None or mine[0] == 0.0:
                if v[0] > 0.0:
                    best[eidx] = v
            elif v[0] > mine[0] and v[0] >= thr:
                if score(decode(mine_prof[eidx]), decode(store.name_rows([v[1]])[v[1]][3]), self.index.weights,
                         person=person[eidx]) < thr:
                    best[eidx] = v  # the query's script names it otherwise: an alias

    def _fuzzy(self, qprof: Profile, full: bool, memo: dict[str, Any] | None = None) -> set[int]:
        """Fuzzy candidates for a query (`glossary.fuzzy.candidates`)."""
        return candidates(self.index.store, qprof, full=full, memo=memo)

    def _explain(self, query: str, qkeys: list[str], cands: tuple[Match, ...]) -> dict[str, Any]:
        return {
            "query_keys": _key_dict(qkeys),
            "candidates": [{"id": c.id, "name": c.name, "level": c.level, "keys": _key_dict(query_keys(c.name))}
                           for c in cands],
        }

    # -- search -----------------------------------------------------------------
    def search(self, query: str, *, type: str | None = None, limit: int = 20) -> list[SearchHit]:
        """Names that start like or contain the query, either script, ranked.

        A word of a name starting with the query's last word ranks first, a name
        containing it next, then resolver candidates (fuzzy).
        """
        store = self.index.store
        qprof = profile(query)
        hits: dict[int, tuple[float, int]] = {}
        if qprof.words:
            last = qprof.words[-1].form
            for rank, contains in ((1.0, False), (0.8, True)):
                for _form, nids in store.forms_like(last, contains, 200):
                    rows = store.name_rows(nids[:200])
                    for nid, row in rows.items():
                        others = decode(row[3]).words
                        ok = all(any(o.form.startswith(w.form) or w.form in o.form for o in others)
                                 for w in qprof.words[:-1])
                        if ok and hits.get(row[0], (0.0,))[0] < rank:
                            hits[row[0]] = (rank, nid)
                if len(hits) >= limit:
                    break
        res = self.resolve(query, limit=limit, type=type)
        ents = store.entity_rows(hits)
        out = []
        for eidx, (s, nid) in hits.items():
            if type is None or ents[eidx][1] == type:
                out.append(SearchHit(ents[eidx][0], ents[eidx][2], ents[eidx][1], store.name_rows([nid])[nid][1], s))
        known = {h.id for h in out}
        for c in res.candidates:
            if c.id not in known and c.score > 0.3:
                out.append(SearchHit(c.id, c.label, c.type, c.name, 0.6 * c.score))
        out.sort(key=lambda h: (-h.score, h.label))
        return out[:limit]


_Best = tuple[float, int, str, bool]
"""An entity's best name so far: score, name number, level, and whether the name agrees with the
query letter for letter once folded."""


def _top(best: dict[int, _Best]) -> float:
    """The best score so far (0 when there is no candidate)."""
    return max((v[0] for v in best.values()), default=0.0)


def _same_consonants(a: str, b: str) -> bool:
    """Whether two encoded profiles have the same words by skeleton (either reading of a word),
    as a name in one script and the same name in the other do (Bashar al-Asad, بشار الأسد)."""
    wa, wb = decode(a).words, decode(b).words
    if len(wa) != len(wb):
        return False
    sa = {x for w in wa for x in (w.skel, w.alt) if x}
    sb = {x for w in wb for x in (w.skel, w.alt) if x}
    return all(w.skel in sb or w.alt in sb for w in wa) and all(w.skel in sa or w.alt in sa for w in wb)


def _other_script_names(query: str) -> list[str]:
    """The main part and the parenthesized names of a query that writes them in two scripts
    (split at ``;``), else nothing.

    Example:
        >>> _other_script_names("Kafr Nabl (كفر نبل)")
        ['Kafr Nabl', 'كفر نبل']
    """
    parts = parenthesized(query)
    if not parts:
        return []
    main = main_part(query)
    if main is query:
        return []
    scripts = {script(main)} | {script(p) for p in parts}
    if len(scripts) < 2:
        return []
    return [main.strip()] + [n.strip() for p in parts for n in p.split(";") if n.strip()]


def _same_letters(q: Profile, prof: str, qfolded: str) -> bool:
    """Whether a name has the query's folded letters, parenthesized words included (Kafr Nabl
    (Idlib) is not Kafr Nabl (Hama), though both are Kafr Nabl)."""
    p = decode(prof)
    if "".join(w.form for w in p.words) == qfolded:
        return True
    # an Arabic article glued inside a word (ديرالزور) keeps the words apart: compare unspaced
    return q.script == "arabic" and p.script == "arabic" and len(p.words) != len(q.words) and all(
        not w.opt for w in (*p.words, *q.words))


def _key_dict(keys: list[str]) -> dict[str, Any]:
    names = {"=": "exact", "~": "folded", "#": "skeleton", "%": "words"}
    out: dict[str, Any] = {}
    for k in keys:
        name = names.get(k[0], "other")
        if name in out:
            out[name + "_alt"] = k[1:]
        else:
            out[name] = k[1:]
    return out
