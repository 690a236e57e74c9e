"""Resolve any spelling of a name, either script, to its entity, with a learned, calibrated score.

`Resolver.resolve` finds the query's candidate names (`glossary.match.candidates`: keys at
every level, acronyms, and when nothing agrees letter for letter, the fuzzy and letter n-gram
levels), describes each (query, name) pair with numbers (`glossary.match.features`) and asks the
shipped model (`glossary.match.model`) how likely each name is the query's. Every score is that
probability, measured on held-out real spellings (``bench/resolve_eval.py``). An entity's score
is its best name's. The best entity is the match when its score reaches the threshold and no
other entity also reaches it within the margin; the answer is ``ambiguous`` when the best two
are within the margin of each other and together reach the threshold (Idlib the city and Idlib
the governorate). Threshold and margin come with the model, fitted so that at most 1% of real spellings get a wrong entity and at most 2% of
real names of other entities get one at all.

Some evidence is weak by nature and never makes a match on its own, whatever the model says
(`Match.weak` says which), unless the query spells a name exactly: a query of three letters or
fewer (as written), a query of particles and generic words alone (Abu, Umm, Bin, Jaysh), a name whose consonant skeleton alone
agrees with the query in the same script, no word and not half the letters agreeing, and a variant the
glossary records in another language (``{text: Syrien, source: German}``) unless spelt exactly. Such a
candidate is listed, and a dedupe sends it to review.

A Latin name with one comma, a few words on each side (``HADDAD, Omar``; ``Khalil, Ahmad
Yusuf``), may be a person's name written family name first, as sanctions lists and catalogues
write them, and a name may open with titles (Dr., Sheikh, Colonel, العقيد: `without_titles`): it
is also read the other way round, without those titles, or both (`other_readings`), and such a
reading answers when its best candidate is a person and scores higher than the best of the name
as written and of the readings before it (`Resolution.reading` says which answered). A place's
name may say what the place is (City of Homs, Idlib city, مدينة إدلب): it is also read without
those words, and that reading answers when its best candidate is a place scoring higher (a
settlement called what it is is the place itself; an administrative unit, Idlib Governorate, is
not the town of its name and keeps its words), or be followed by its region or country after a
comma (Saraqib, Syria; سراقب، سوريا): it is also read without them. A reading never undoes a match
of the name as written, nor answers with evidence too weak to match (a short name). A cell may hold a
name in both scripts, or two spellings, side by side (Idlib / إدلب, Idlib (إدلب), Idlib | Idleb): each
part is read, and
the best part answers when it scores higher than the cell as written, unless two parts match two
different entities (then the cell answers as written).
A person's name of four words or more that matches nothing (a sanctions list's chain of given,
father's, grandfather's and family names) is also read as its given and family names
(`given_and_family`), answering for a person whose every name word the query holds, in order.
An Arabic-script query that matches nothing as written is asked again as its romanization
(`romanized`: the vowels Arabic does not write, read from the translit lexicon and vocalizer), a
Latin one without its diacritics (`unmarked`: Ḥalfāyā as Halfaya), and that reading answers when it
scores higher; a romanization that matches nothing is also asked without its diacritics (held out by
entity, ``bench/resolve_romanized.py``: Arabic spellings 51.6% -> 63.3% right, scholarly 78.5% ->
80.4%, all 69.31% -> 70.95%).

``explain=True`` adds the keys on both sides and, per candidate, its features and their
contributions to the model's log-odds (a candidate found through its initials alone, the cell of
the acronym table that scored it: ``acronym``). Arguments are checked (`glossary.match.options`).

Example:
    >>> from glossary.match import Index
    >>> from glossary.model import Entity
    >>> r = Resolver(Index.build([Entity(id="jaysh-al-izza", type="group", romanized="Jaysh al-Izza",
    ...                                  arabic="جيش العزة", english="Army of Glory")]))
    >>> [(x.status, x.match and x.match.level) for x in r.resolve_many(["Jeish el-Izza", "ﺟﻴﺶ ﺍﻟﻌﺰﺓ", "Jaysh al-Islam"])]
    [('match', 'folded'), ('match', 'exact'), ('none', None)]
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import islice
from typing import Any, NamedTuple

from glossary.model import EntityType, script_of
from glossary.names import settlements, titles, tokens

from .candidates import Found, gather, gather_many
from .core import WEAK, native, new_core
from .features import CONTEXT, LEVELS, PAIR, View, _particles_only, context_features, pair_features, view_of_profile
from .index import Index
from .keys import describe_keys, query_keys
from .model import ACRONYM_CELLS, Matcher, acronym_cell, matcher
from .options import check_options, check_query
from .profile import ARABIC_COMMA, decode, encode
from .results import Match, Resolution, Status
from .rows import NameRow

_LEVEL_RANK = {"exact": 0, "arabic": 1, "folded": 1, "skeleton": 2, "acronym": 3, "fuzzy": 4, "ngram": 5}
"""Which of an entity's equally likely names to show: the one found at the strictest level."""
_F = {name: k for k, name in enumerate(PAIR)}
SKELETON_LETTERS = 0.5
"""A same-script name found at the skeleton level with no word spelt alike and fewer than half its
letters in common with the query (rapidfuzz's ratio of the folded words joined) agrees with it by
its skeleton alone (`Match.weak` ``skeleton``)."""
_SAME = 0.01
"""Names of one entity this close in probability are equally likely (the strictest is shown)."""


class Candidate(NamedTuple):
    """One candidate name, scored."""

    probability: float
    nid: int
    entity: int
    level: str
    weak: str | None
    """Why this name may not make a match alone (see the module docstring), else None."""
    row: int
    """Its row among the query's feature rows."""


class Resolver:
    """Resolves names against one index.

    Args:
        index: the glossary's `Index`.
        model: the fitted matcher (default: the shipped one, `glossary.match.model.matcher`).
        compiled: False to score with the pure-Python reference even where the compiled core
            is built (`glossary.match.core`; `glossary.match.core.pure_python` makes every part
            pure, candidate voting too).
    """

    def __init__(self, index: Index, *, model: Matcher | None = None, compiled: bool = True) -> None:
        self.index = index
        self.model = model if model is not None else matcher()
        self._core: Any = None
        self._core_made = not compiled or native() is None

    def _compiled(self) -> Any:
        """The compiled scorer of this resolver (`glossary.match.core`), or None: pure Python."""
        if not self._core_made:
            self._core_made = True
            self._core = new_core(self.model, self.index.weights, [_LEVEL_RANK[lv] for lv in LEVELS],
                                  skeleton_letters=SKELETON_LETTERS, same=_SAME)
        return self._core

    @property
    def threshold(self) -> float:
        """The score a match needs unless a query says otherwise (the model's)."""
        return self.model.threshold

    def resolve(self, query: str, *, type: EntityType | None = None, threshold: float | None = None, limit: int = 5,
                explain: bool = False, margin: float | None = None) -> Resolution:
        """Resolve one name.

        Args:
            query: any spelling, either script.
            type: only entities of this type.
            threshold: probability a match needs, 0 to 1 (default: the model's, `threshold`).
            limit: candidates listed, at least 1.
            explain: add the keys on both sides, and each candidate's features and contributions.
            margin: a second entity reaching the threshold this close to the best makes the answer
                ambiguous, 0 to 1 (default: the model's).

        Returns:
            A `Resolution`.

        Raises:
            TypeError: ``query`` is no ``str``.
            ValueError: an unknown type, a threshold or margin outside 0-1, a limit below 1.
        """
        check_query(query)
        check_options(type=type, threshold=threshold, limit=limit, margin=margin)
        return self._resolve(query, type=type, threshold=threshold, limit=limit, explain=explain, margin=margin)

    def resolve_many(self, queries: Iterable[str], *, type: EntityType | None = None, threshold: float | None = None,
                     limit: int = 5, explain: bool = False, margin: float | None = None) -> Iterator[Resolution]:
        """Resolve many names with one index; each distinct name is resolved once (options as `resolve`).

        After a few hundred names (and one per 50 entities of the glossary) a cached index is
        loaded into memory, which is faster per name than reading the cache file each time, and
        the objects alive then (the
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
        return self._batch(queries if isinstance(queries, (list, tuple)) else iter(queries), type=type,
                           threshold=threshold, limit=limit, explain=explain, margin=margin)

    def _batch(self, queries: Iterable[str], **options: Any) -> Iterator[Resolution]:
        """`resolve_many` once its arguments are checked: a list (or tuple) of names in chunks of
        `CHUNK`, each chunk's distinct new names scored in one call of the compiled core; names
        from an iterator one at a time, as they come (a stream read line by line is answered line
        by line)."""
        seen: dict[str, Resolution] = {}
        froze = False
        chunk = CHUNK if isinstance(queries, (list, tuple)) else 1
        # a cached index is loaded whole once the batch is long enough to pay for it: past 200
        # names, and past one name per 50 entities (a million entities take some 20 s to load)
        switch = max(200, len(self.index) // 50)
        it = iter(queries)
        done = 0
        try:
            while True:
                part = list(islice(it, chunk))
                if not part:
                    break
                if done < switch <= done + len(part):
                    self.index = self.index.in_memory()
                    if gc.get_freeze_count() == 0:
                        gc.freeze()
                        froze = True
                done += len(part)
                for q in part:
                    check_query(q)
                new = [q for q in dict.fromkeys(part) if q not in seen]
                answers = dict(zip(new, self._resolve_many(new, **options)))
                for q in part:
                    r = seen.get(q) or answers[q]
                    if len(seen) < 100_000:
                        seen[q] = r
                    yield r
        finally:
            if froze:
                gc.unfreeze()

    def candidates(self, query: str, *, type: str | None = None) -> tuple[Found, list[Candidate], list[list[float]]]:
        """Every candidate name of ``query`` with its probability (best first), and the feature rows
        (`PAIR` then `CONTEXT`) the model read."""
        store = self.index.store
        found = gather(store, query)
        if not found.levels:
            return found, [], []
        rows = store.name_rows(found.levels)
        ents = store.entity_rows({r.entity for r in rows.values()})
        nids = [nid for nid in sorted(rows) if type is None or ents[rows[nid].entity].type == type]
        m = self.model
        q = view_of_profile(query, found.profile)
        weights = self.index.weights
        pair = [pair_features(q, _view(rows[nid].text, rows[nid].profile), found.levels[nid],
                              ents[rows[nid].entity].type, weights, m.forward, m.backward) for nid in nids]
        entity_ids = [ents[rows[nid].entity].id for nid in nids]
        full = [x + c for x, c in zip(pair, context_features(entity_ids, pair))]
        prob = m.resolver.probability
        acronyms = _acronym_entities(found, rows)
        out = [Candidate(prob(x) if found.levels[nid] != "acronym" else m.acronym_probability(bool(x[_F["short"]]), acronyms),
                         nid, rows[nid].entity, found.levels[nid],
                         _weak(x, found.levels[nid], rows[nid].kind), k) for k, (nid, x) in enumerate(zip(nids, full))]
        out.sort(key=lambda c: (-c.probability, _LEVEL_RANK[c.level], c.nid))
        return found, out, full

    def _resolve(self, query: str, *, type: str | None, threshold: float | None, limit: int, explain: bool,
                 margin: float | None) -> Resolution:
        """`resolve` once its arguments are checked."""
        return self._resolve_many([query], type=type, threshold=threshold, limit=limit, explain=explain,
                                  margin=margin)[0]

    def _resolve_many(self, queries: Sequence[str], *, type: str | None, threshold: float | None, limit: int,
                      explain: bool, margin: float | None) -> list[Resolution]:
        """`resolve` of each query: scored and ranked by the compiled core in one call when it is
        built (`glossary.match.core`), else (and for ``explain``) by the Python code below."""
        thr = self.model.threshold if threshold is None else threshold
        mg = self.model.margin if margin is None else margin
        readings = [(k, r, kind) for k, q in enumerate(queries) for r, kind in other_readings(q)]
        every = [*queries, *(r for _, r, _ in readings)] if readings else queries
        core = None if explain else self._compiled()
        decided = max(limit, 2)  # the decision reads the best two entities, however few are listed
        if core is None:
            out = []
            for query in every:
                found, scored, rows = self.candidates(query, type=type)
                out.append(self._answer(query, found, _shown(scored, decided), rows if explain else None, thr, mg,
                                        limit))
        else:
            founds = gather_many(self.index.store, every)
            ranked = self._core_ranked(core, every, founds, type, decided)
            out = [self._answer(q, f, r, None, thr, mg, limit) for q, f, r in zip(every, founds, ranked)]
        n = len(queries)
        matched: dict[int, set[str]] = {}  # the entities the parts of a cell match (`parts`)
        for j, (k, _, kind) in enumerate(readings):
            if kind == "part" and out[n + j].match is not None:
                matched.setdefault(k, set()).add(out[n + j].match.id)  # type: ignore[union-attr]
        for j, (k, reading, kind) in enumerate(readings):  # each query's best reading, as written first
            alt, best = out[n + j], out[k]
            if not alt.candidates or len(matched.get(k, ())) > 1:  # two parts, two entities: as written
                continue
            if alt.status != "match" and (best.status == "match" or alt.candidates[0].weak is not None):
                continue  # a reading never undoes a match, nor answers with evidence too weak to match
            if (kind == "part" or alt.candidates[0].type == kind) and (
                    not best.candidates or alt.candidates[0].score > best.candidates[0].score):
                out[k] = replace(alt, query=queries[k], reading=reading)
        options = {"type": type, "threshold": threshold, "limit": limit, "explain": explain, "margin": margin}
        return self._plain_readings(queries, self._given_and_family(queries, out[:n], **options), **options)

    def _given_and_family(self, queries: Sequence[str], out: list[Resolution], **options: Any) -> list[Resolution]:
        """``out`` with each person's name written out that matched nothing answered by its given and
        family names (`given_and_family`) instead, where that finds a person whose every name word
        the query holds (`_words_within`) and scores higher. Asked after the other readings, of the
        names that matched nothing only: a long name that matches as written costs no second look-up."""
        asked = [(k, text) for k, (q, r) in enumerate(zip(queries, out))
                 if r.status != "match" and (text := given_and_family(q)) is not None]
        if not asked:
            return out
        for (k, text), alt in zip(asked, self._resolve_many([text for _, text in asked], **options)):
            best, top = out[k], alt.candidates[0] if alt.candidates else None
            if top is None or top.type != "person" or (alt.status != "match" and top.weak is not None) \
                    or not _words_within(top.name, queries[k]):
                continue
            if not best.candidates or top.score > best.candidates[0].score:
                out[k] = replace(alt, query=queries[k], reading=text)
        return out

    def _plain_readings(self, queries: Sequence[str], out: list[Resolution], **options: Any) -> list[Resolution]:
        """``out`` with each query that matched nothing answered by its plain reading instead (an
        Arabic-script query's romanization, `romanized`; a Latin query without its diacritics,
        `unmarked`), where that scores higher than the query as written did."""
        texts = {k: romanized(q) or unmarked(q) for k, (q, r) in enumerate(zip(queries, out)) if r.status != "match"}
        asked = [(k, text) for k, text in texts.items() if text is not None]
        if not asked:
            return out
        answers = self._resolve_many([text for _, text in asked], **options)
        for (k, text), alt in zip(asked, answers):
            best = out[k]
            if alt.candidates and (not best.candidates or alt.candidates[0].score > best.candidates[0].score):
                out[k] = replace(alt, query=queries[k], reading=text)
        return out

    def _core_ranked(self, core: Any, queries: Sequence[str], founds: Sequence[Found], type: str | None,
                     limit: int) -> list[list[Candidate]]:
        """The candidates `_shown` would list, scored and ranked by the compiled core in one call."""
        store = self.index.store
        weights = self.index.weights
        specs = []
        wanted: dict[int, None] = {}
        for q, found in zip(queries, founds):
            nids = sorted(found.levels)
            wanted.update(dict.fromkeys(nids))
            p = found.profile
            letters = sum(ch.isalpha() for ch in q)
            specs.append((encode(p), letters <= 3, _particles_only(p.words, weights), nids,
                          [_LEVEL_NUMBER[found.levels[n]] for n in nids]))
        missing = core.missing(wanted)
        if missing:
            names = store.name_rows(missing)
            ents = store.entity_rows({r.entity for r in names.values()})
            rows = [names[n] for n in missing]
            core.add_names(missing, [r.profile for r in rows], [r.entity for r in rows],
                           [ents[r.entity].type for r in rows], [":" in r.kind for r in rows])
        return [[Candidate(p, nid, e, LEVELS[lv], WEAK[wk], row) for p, nid, e, lv, wk, row in ranked]
                for ranked in core.rank_many(specs, type, limit)]

    def _answer(self, query: str, found: Found, ranked: Sequence[Candidate], rows: list[list[float]] | None,
                thr: float, mg: float, limit: int) -> Resolution:
        """The `Resolution` of a query from its ranked candidates (`_shown`, at least the best two):
        the decision, the first ``limit`` candidates listed, and ``explain`` when ``rows`` (the
        feature rows) are given."""
        store = self.index.store
        ents = store.entity_rows(c.entity for c in ranked)
        names = store.name_rows(c.nid for c in ranked)
        arabic_query = found.profile.script == "arabic"
        cands = tuple(Match(ents[c.entity].id, ents[c.entity].label, ents[c.entity].type, c.probability,
                            names[c.nid].text, _shown_level(c.level, arabic_query, names[c.nid].profile), c.weak)
                      for c in ranked)
        status: Status = "none"
        match = None
        if cands and cands[0].weak is None:
            first, second = cands[0].score, cands[1].score if len(cands) > 1 else 0.0
            if first >= thr and not (second >= thr and second >= first - mg):
                status, match = "match", cands[0]
            elif second >= first - mg and first + second >= thr:
                # two entities equally likely, together likely enough: one of them, not which
                status = "ambiguous"
        expl = self._explain(found, ranked[:limit], rows, thr, mg) if rows is not None else None
        return Resolution(query, status, match, cands[:limit], expl)

    def _explain(self, found: Found, ranked: Sequence[Candidate], rows: list[list[float]], thr: float,
                 mg: float) -> dict[str, Any]:
        store = self.index.store
        names = store.name_rows(c.nid for c in ranked)
        ents = store.entity_rows(c.entity for c in ranked)
        acronyms = _acronym_entities(found, store.name_rows(nid for nid, lv in found.levels.items() if lv == "acronym"))
        out = []
        for c in ranked:
            x = rows[c.row]
            if c.level == "acronym":  # scored by the acronym table, not the forest
                cell = ACRONYM_CELLS[acronym_cell(bool(x[_F["short"]]), acronyms)]
                out.append({
                    "id": ents[c.entity].id, "name": names[c.nid].text, "level": c.level,
                    "probability": round(c.probability, 4), "weak": c.weak,
                    "keys": describe_keys(query_keys(names[c.nid].text)), "acronym": cell,
                })
                continue
            base, contrib = self.model.resolver.contributions(x)
            by_size = sorted(range(len(x)), key=lambda k: -abs(contrib[k]))
            out.append({
                "id": ents[c.entity].id, "name": names[c.nid].text, "level": c.level, "probability": round(c.probability, 4),
                "weak": c.weak, "keys": describe_keys(query_keys(names[c.nid].text)), "base": round(base, 4),
                "features": {_NAMES[k]: round(x[k], 4) for k in by_size},
                "contributions": {_NAMES[k]: round(contrib[k], 4) for k in by_size if contrib[k]},
            })
        return {"query_keys": describe_keys(found.keys), "threshold": thr, "margin": mg, "candidates": out}


_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


def inverted(query: str) -> str | None:
    """A Latin name written family name first, turned round, or None: one comma, no brackets,
    letters on both sides, at most three words before it and four after (a family name and
    given names). The resolver also reads such a query this way (see the module docstring).

    Example:
        >>> inverted("HADDAD, Omar"), inverted("Khalil, Ahmad Yusuf")
        ('Omar HADDAD', 'Ahmad Yusuf Khalil')
        >>> inverted("Omar Haddad"), inverted("A, B, C"), inverted("سراقب، سوريا")
        (None, None, None)
    """
    if query.count(",") != 1 or "(" in query or "[" in query or _ARABIC.search(query):
        return None
    left, right = (part.strip() for part in query.split(","))
    if not any(c.isalpha() for c in left) or not any(c.isalpha() for c in right):
        return None
    if len(left.split()) > 3 or len(right.split()) > 4:
        return None
    return f"{right} {left}"


def without_titles(query: str) -> str | None:
    """A name without the titles, honorifics and ranks it opens with (`glossary.names.titles`:
    Dr., Sheikh, Colonel, العقيد), or None: it opens with none, or is nothing else.

    Example:
        >>> without_titles("Dr. Sheikh Omar Haddad"), without_titles("العقيد عمر حداد")
        ('Omar Haddad', 'عمر حداد')
        >>> without_titles("Omar Haddad"), without_titles("Sheikh")
        (None, None)
    """
    words = query.split()
    k = 0
    while k < len(words) and _word_kind(words[k]) == "title":
        k += 1
    return " ".join(words[k:]) if 0 < k < len(words) else None


_NOT_A_NAME = re.compile(r"[,;/|()\[\]\d]")
"""What a person's name written out (`given_and_family`) never holds: a comma (family name first), the
separators of several names in a cell, brackets, digits."""
NAME_HEADS = frozenset({"abd", "abdul", "abdel", "abdal", "abu", "abou", "umm", "um"})
"""Words that open a compound given name with the next word (Abdul Malik, Abu Bakr, Umm Khalid)."""


def given_and_family(query: str) -> str | None:
    """A Latin-script person's name of four words or more read as its first given name and its last
    word, the family name, or None: sanctions lists and registers write a person's full chain of
    names (given name, father's, grandfather's, family: Mustafa Ahmad Hussein AL-BAKOUR), datasets
    and glossaries the given and family names (Mustafa al-Bakour). A compound given name keeps its
    head (`NAME_HEADS`: Abdul Basit ... AL-SAROUT). `Resolver` takes this reading's answer only for a
    person whose every name word the query holds, in order (`_words_within`: Jamil Ahmad Khalil
    AL-SALEH is not Jamil Hassan al-Saleh).

    Example:
        >>> given_and_family("Mustafa Ahmad Hussein AL-BAKOUR"), given_and_family("Abdul Basit Mahmoud AL-SAROUT")
        ('Mustafa AL-BAKOUR', 'Abdul Basit AL-SAROUT')
        >>> [given_and_family(q) for q in ("Omar Haddad", "HADDAD, Omar Ali Hasan", "Idlib / Hama / Homs / Hasakah")]
        [None, None, None]
    """
    if _ARABIC.search(query) or _NOT_A_NAME.search(query):
        return None
    words = query.split()
    if len(words) < 4:
        return None
    first = 2 if words[0].lower().rstrip("-.") in NAME_HEADS else 1
    if len(words) <= first + 1:
        return None
    return " ".join(words[:first] + words[-1:])


def _words_within(name: str, query: str) -> bool:
    """Whether every word of ``name`` stands in ``query``, in order (one word a word: the same consonant
    skeleton or three quarters of its letters, `glossary.match.letters.ratio`; articles aside)."""
    from .letters import ratio

    have = [t for t in tokens(query) if not t.article]
    k = 0
    for w in (t for t in tokens(name) if not t.article):
        while k < len(have) and not (have[k].skel == w.skel or ratio(have[k].form, w.form) >= 0.75):
            k += 1
        if k == len(have):
            return False
        k += 1
    return True


@lru_cache(maxsize=1 << 16)
def _word_kind(word: str) -> str:
    """``title``, ``settlement``, ``of`` or ``""``: what one written word is to `without_titles`
    and `without_settlement` (its folded forms, articles aside; cached: names repeat their words)."""
    forms = [t.form for t in tokens(word) if not t.article]
    if not forms:
        return ""
    if all(f in titles() for f in forms):
        return "title"
    if all(f in settlements() for f in forms):
        return "settlement"
    return "of" if forms == ["uf"] else ""


def without_settlement(query: str) -> str | None:
    """A name without the words that say what a settlement is, before it or after it
    (`glossary.names.settlements`: City of Homs, Idlib city, مدينة إدلب), or None.

    Example:
        >>> without_settlement("City of Homs"), without_settlement("Idlib city"), without_settlement("مدينة إدلب")
        ('Homs', 'Idlib', 'إدلب')
        >>> without_settlement("Idlib Governorate"), without_settlement("City")
        (None, None)
    """
    words = query.split()
    start, end = 0, len(words)
    while start < end and (_word_kind(words[start]) == "settlement" or (start and _word_kind(words[start]) == "of")):
        start += 1
    while end > start and _word_kind(words[end - 1]) == "settlement":
        end -= 1
    return " ".join(words[start:end]) if (start or end < len(words)) and start < end else None


MAX_PARTS = 8
"""The most names `parts` reads in one cell."""
_SPACED_DASH = re.compile(r"\s+[-–—]\s+")
_PART_SEPARATOR = re.compile(r"\s+/\s+|\s*[|｜;؛]\s*")
_PARENTHESIZED = re.compile(r"^(.*?)\s*[(\[]([^()\[\]]+)[)\]]\s*$")


def parts(query: str) -> list[str]:
    """The names a cell holds side by side: parts split by `` / ``, ``|`` or ``;`` (Idlib /
    إدلب; Idlib; Idleb), or a name with its other-script names in brackets (Idlib (إدلب), أبو نزار
    (Abu Nizar; Abu Nezar)); none when it holds one name, or more than `MAX_PARTS`.

    Example:
        >>> parts("Idlib / إدلب"), parts("Idlib (إدلب)"), parts("Kafr Nabl (Idlib)"), parts("and/or")
        (['Idlib', 'إدلب'], ['Idlib', 'إدلب'], [], [])
        >>> parts("أبو نزار (Abu Nizar; Abu Nezar)")
        ['أبو نزار', 'Abu Nizar', 'Abu Nezar']
    """
    m = _PARENTHESIZED.match(query)
    if m and any(c.isalpha() for c in m.group(1)) and bool(_ARABIC.search(m.group(1))) != bool(_ARABIC.search(m.group(2))):
        found = [m.group(1), *(p for p in _PART_SEPARATOR.split(m.group(2)) if any(c.isalpha() for c in p))]
    else:
        found = [p for p in _PART_SEPARATOR.split(query) if any(c.isalpha() for c in p)]
    # more names than a cell holds side by side is a list, not a name: read as written (and each
    # reading costs a resolution: a hostile cell of a thousand parts must not cost a thousand)
    return [p.strip() for p in found] if 1 < len(found) <= MAX_PARTS else []


def qualified(query: str) -> str | None:
    """A place's name before a comma or a spaced dash and the region or country that qualifies
    it (Saraqib, Syria; Aleppo - Aleppo Governorate; سراقب، سوريا), or None: one Latin comma
    (else one spaced dash), in Arabic script one Arabic comma, at most three words after it.

    Example:
        >>> qualified("Saraqib, Syria"), qualified("Saraqib - Syria"), qualified("Saraqib"), qualified("A, B, C")
        ('Saraqib', 'Saraqib', None, None)
        >>> qualified("سراقب، سوريا")
        'سراقب'
    """
    if _ARABIC.search(query):
        split = query.split(ARABIC_COMMA)
    else:
        split = query.split(",") if "," in query else _SPACED_DASH.split(query)
    if len(split) != 2:
        return None
    left, right = (part.strip() for part in split)
    if not any(c.isalpha() for c in left) or not any(c.isalpha() for c in right) or len(right.split()) > 3:
        return None
    return left


def romanized(query: str) -> str | None:
    """An Arabic-script query romanized in ALA-LC as `glossary.translit` reads unvocalized text (the
    word lexicon, else the learned vocalizer; no glossary), or None (another script, or nothing to
    add). The resolver asks it of an Arabic query that matched nothing as written: the Latin names
    of a glossary carry the vowels that Arabic does not write, and the lexicon and the vocalizer,
    learned from catalogue records, know them better than the letter transducer does.

    Example:
        >>> romanized("حلب"), romanized("Halab")
        ('Ḥalab', None)
    """
    if script_of(query) != "arabic":
        return None
    from glossary.translit import transliterate  # (its lexicon and model load on first use)

    text = transliterate(query, "ala-lc").text
    return text if text.strip() and text != query else None


_UNMARKED = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
                           "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ħ": "h", "Ħ": "H", "ŧ": "t", "ð": "d", "þ": "th"})
"""Latin letters whose mark Unicode does not decompose (`unmarked`)."""


def unmarked(query: str) -> str | None:
    """A Latin-script query without its diacritics (the marks Unicode decomposes, and ı ł ø đ ß æ œ
    ħ written plain), or None (another script, or no mark to drop). The resolver asks it of a Latin
    query that matched nothing as written: gazetteers, sanctions lists and datasets write most names
    in plain letters, and a scholarly or local spelling differs from them by its marks alone more
    often than the model, which reads marks as letters that differ, can tell (Ḥalfāyā, Söğüt).
    Signs for ʿayn and hamza (ʻ ʼ) are letters here, not marks: they stay.

    Example:
        >>> unmarked("al-Laṭāminah"), unmarked("Söğüt"), unmarked("Halfaya"), unmarked("حلب")
        ('al-Lataminah', 'Sogut', None, None)
    """
    if script_of(query) != "latin":
        return None
    text = unicodedata.normalize("NFKD", query.translate(_UNMARKED))
    text = unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))
    return text if text != query else None


def other_readings(query: str) -> list[tuple[str, str]]:
    """The other ways a query may be read, each with the type of entity it is for (see the module
    docstring): as a person's name turned round (`inverted`), without the titles it opens with
    (`without_titles`), or both; as a place's name without the words saying it is a city, a town
    or a village (`without_settlement`), or without the region after its comma (`qualified`);
    each of the names a cell holds side by side (`parts`: ``part``, any type)."""
    out: list[tuple[str, str]] = []
    turned = inverted(query)
    if turned is not None:
        out.append((turned, "person"))
    for text in (query, turned):
        bare = without_titles(text) if text is not None else None
        if bare is not None and (bare, "person") not in out:
            out.append((bare, "person"))
    place = without_settlement(query)
    if place is not None:
        out.append((place, "place"))
    before = qualified(query)
    if before is not None:
        out.append((before, "place"))
    out.extend((part, "part") for part in parts(query))
    return out


def _acronym_entities(found: Found, rows: Mapping[int, NameRow]) -> int:
    """How many entities the query's acronym finds among ``rows`` (name number -> row): the acronym
    table's cell (`glossary.match.model.acronym_cell`; the compiled core counts them alike)."""
    return len({r.entity for nid, r in rows.items() if found.levels[nid] == "acronym"})


_NAMES = (*PAIR, *CONTEXT)
_LEVEL_NUMBER = {lv: k for k, lv in enumerate(LEVELS)}
CHUNK = 256
"""Names of a list `Resolver.resolve_many` scores in one call of the compiled core."""


def _shown(scored: Sequence[Candidate], limit: int) -> list[Candidate]:
    """Each entity once, best first, by its best name's probability (``scored``: best first), shown
    by its strictest name as likely, or by a name spelt exactly as the query whatever its
    probability (جيش العزة: the Arabic name itself, not a romanization the model rates a hair
    higher); at most ``limit``, none at probability 0."""
    best: dict[int, Candidate] = {}
    for c in scored:  # best first: an entity's first candidate is its best name ...
        had = best.get(c.entity)
        if had is None:
            best[c.entity] = c
        elif _LEVEL_RANK[c.level] < _LEVEL_RANK[had.level] and (c.probability >= had.probability - _SAME
                                                               or c.level == "exact"):
            # ... shown by its strictest name as likely, with the best probability of its names
            best[c.entity] = c._replace(probability=had.probability)
    return [c for c in best.values() if c.probability > 0.0][:limit]


@lru_cache(maxsize=1 << 16)
def _view(text: str, profile: str) -> View:
    """The features' view of an indexed name (its profile decoded once)."""
    return view_of_profile(text, decode(profile))


def _shown_level(level: str, arabic_query: bool, profile: str) -> str:
    """The level a match is reported at: the folded level of an Arabic query and an Arabic name is the
    ``arabic`` key level (DESIGN.md section 3)."""
    return "arabic" if level == "folded" and arabic_query and profile[:1] == "a" else level


def _weak(x: Sequence[float], level: str, kind: str = "") -> str | None:
    """Why a candidate may not make a match alone, if it may not (see the module docstring)."""
    if ":" in kind and level != "exact":
        return "language"
    if x[_F["particles_only"]] and level != "exact":
        return "particles"
    if x[_F["short"]] and level != "exact":
        return "short"
    if level == "skeleton" and not x[_F["cross"]] and x[_F["d_eq"]] == 0.0 and x[_F["j_rf"]] < SKELETON_LETTERS:
        return "skeleton"
    return None
