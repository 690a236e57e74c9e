"""Fit the matcher from real spellings: the letter transducers and the two forests.

    python tools/train_matcher.py [--data ../shared/data/resolve/train] [--out src/glossary/match/data/matcher.json]
    python tools/train_matcher.py --check     # the shipped file is what this code and data give

Data: the training corpus (``entities.tsv``: one canonical name per entity in each script it has;
``queries.tsv``: real spellings of those entities, and real names of other entities as negatives;
see its SOURCES.md). Every query is resolved against a glossary of ALL the corpus's entities the
way the resolver does it (`glossary.match.candidates`); each candidate name is a row, right when
its entity is the query's. Fitted, in order:

1. the transducers (`glossary.match.transducer`): name letters -> query letters, and back, by hard
   EM (Viterbi re-estimation) on the right rows' joined word forms;
2. the pair forest (`PAIR` features): how likely two spellings are of one thing, alone: fitted on
   the pairs dedupe scores (`spelling_pair_rows`: the corpus's spellings in pools of some hundred
   entities, paired by `glossary.dedupe.cluster.spelling_pairs`), which its clustering reads;
3. the resolver forest (`PAIR` + `CONTEXT`): the same, knowing the query's other candidates;
4. the resolver's threshold and margin: from out-of-fold predictions (K folds by entity, each
   predicted by forests fitted on the other folds), the most right answers with at most 1% wrong
   entities and 2% accepted negatives;
5. the acronym table (`acronym_probability`): how often an entity found through its initials alone
   is the abbreviation's, by query length and by how many entities share the initials (the
   forests never learn from abbreviations; held out: ``bench/resolve_acronyms.py``).

Rows of the categories latin, scholarly and arabic train the forests (alias, english and
abbreviation spellings are other names, not other spellings: they are measured, not learned from),
with the negatives, the entities' own names (`own_names`), particles and letters alone (`lone_words`)
and each spelling asked of a glossary without its entity (`without_entity`); the transducers learn
from latin, scholarly and arabic spellings.

Measured and not adopted (``--small``): the forests also fitted on the spellings asked of small
glossaries of 50 entities beside their rivals (`small_glossaries`), since a glossary in use is
small and the shipped forests know only the corpus's one large glossary's word weights and
rivals. Held out (``bench/resolve_eval.py --folds 3 --sets cv`` with and without
``--small-training``, the same run of the code): the large glossary 68.3% right at 1.00% wrong
(67.0% at 0.97% without), small glossaries 86.1% of Latin and 66.3% of Arabic spellings right
(75.0% and 62.0%) at 0.9% false accepts of spellings whose entity is hidden (0.4%). But the
shipped fit of it accepted 14 of the own set's 140 hard negatives (6 without), all look-alikes
of another entity (Liwa al-Islam for Jaysh al-Islam, Khalid for Muhammad al-Zubaydi), left the
external set where it was (86.0% against 86.7%), and the corpus has too few such look-alikes
for the forests to learn that a different head word or given name makes another entity.
With ``--small --lookalikes`` (`look_alikes`: the entities' names with the head word or given
name swapped, asked of the small glossary holding the entity, as negatives), held out in the
same way: the large glossary 68.2% right at 1.06% wrong, 1.1% of negatives; small glossaries
85.2% Latin, 62.6% Arabic; look-alikes accepted 1.1% (Latin) and 3.5% (Arabic), where the
shipped fit accepts **34.4% and 47.4%**. Not adopted either: fitted on everything it kept the
own set's 6 of 140 but lost 7 external spellings (85.6%), and on the shipped glossary it matched
a generic head with a word the glossary lacks to an entity sharing only the head more often
(13 of 220 such names against 7: كتائب + any word → Kataib al-Baath): the other half of the same
fact (the head kept, the distinctive word swapped) was not among its negatives. With it (the
look-alikes now also keep a name's head and swap the rest; the same held-out measures, this
code): the large glossary 68.5% right at **1.12% wrong** (shipped 67.0% at 0.97%), 1.1% of
negatives (1.5%); small glossaries 84.7% Latin, 62.6% Arabic (75.0%, 61.1%); look-alikes
accepted 0.8% and 2.4% (shipped 28.0% and 32.4%); fitted on everything: dev 100%, own 5 of 140
hard negatives (6), the shipped glossary's head-and-unknown-word names 4 of 220 (7), but external
**84.6% with 2 wrong** (86.7%, none). Not adopted: the two measures nearest the data we are judged
on, the large glossary's wrong entities and the external sample, got worse. Also measured and not adopted (branch ``dropped-words``):
word weights times a factor learned from the words spellings add to a name (``learn_dropped``;
held out, the same three folds: 67.04% right, 0.99% wrong, 1.18% of negatives against 67.00%,
0.97%, 1.49%; README, "How a name is resolved"). And measured, not adopted (branch ``decider``): a forest
fitted on the out-of-fold answers to decide the match instead of threshold and margin; fitted on
the targeted spellings and negatives with 5 inner folds, held out 70.7% right, 0.81% wrong, 1.41%
of negatives, but 4.1% of the spellings asked without their entity matched (3.0%); at as many of
those matches as threshold and margin make, it answered fewer spellings right (README, the same
section). Nor (``bench/resolve_without_weight.py``) the rows of spellings asked without their entity
weighed 0.4 instead of 1 in the resolver forest: held out 68.6% right at 1.03% wrong (67.0% at
0.97%), but more spellings of absent entities matched (2.68% against 2.36%), and at as many of
those, fewer right (66.1% against 67.3%). Everything is seeded and single-threaded: the same data gives the
same file, byte for byte (a test checks the shipped file's header against the code).

This module is also the library `bench/resolve_eval.py` cross-validates with.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import platform
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from glossary.match import Index
from glossary.match.candidates import gather
from glossary.match.features import CONTEXT, PAIR, context_features, pair_features, view, view_of_profile
from glossary.match.model import ACRONYM_CELLS, acronym_cell
from glossary.match.profile import decode
from glossary.match.transducer import Transducer
from glossary.model import ENTITY_TYPES, Entity, script_of

DATA = ROOT.parent / "shared" / "data" / "resolve" / "train"
OUT = ROOT / "src" / "glossary" / "match" / "data" / "matcher.json"
TRAIN_CATEGORIES = ("latin", "scholarly", "arabic")
"""Spellings the models learn from (with the negatives and the entities' own names, `own_names`)."""
LONE = "lone"
"""The category of a particle, generic word or letter asked alone (`lone_words`)."""
ONE_SCRIPT = "one-script"
"""The category of a spelling asked of a glossary knowing its entity in the other script only."""
WITHOUT = "without"
"""The category of a spelling asked of the glossary without its entity (`without_entity`)."""
LEARNED = TRAIN_CATEGORIES
"""Categories whose rows train the forests. Not the abbreviations: fitted with them too, the forests
got 2.7 points fewer spellings right out of fold at the same error rates (73.2% against 75.9%)."""
OWN = "own"
SMALL = "small"
"""The category of a spelling asked of a small glossary that has its entity (`small_glossaries`)."""
SMALL_WITHOUT = "small-without"
"""The category of a spelling asked of a small glossary without its entity (`small_glossaries`)."""
LOOKALIKE = "small-lookalike"
"""The category of an entity's name with its head word or given name swapped, asked of a small
glossary that has the entity (`look_alikes`): another entity."""
SMALL_SIZE = 50
"""Entities in each glossary of `small_glossaries`."""
"""The category of an entity's own name asked as a query (`own_names`)."""
SEED = 7
MAX_WRONG = 0.01
MAX_FALSE_ACCEPTS = 0.02
PAIR_FOREST = {"n_estimators": 150, "learning_rate": 0.05, "num_leaves": 31, "min_child_samples": 20,
               "subsample": 0.8, "subsample_freq": 1, "colsample_bytree": 0.8}
"""LightGBM settings of the pair forest (fitted with one thread and a fixed seed). 150 trees: the
first half of the 300 it had (boosting adds trees in order, so the forest is the old one cut),
which halves the forest's time in dedupe's clustering. Chosen for speed among three settings on
the training corpus's dedupe held out by entity (`bench/dedupe_eval.py --corpus`, 3 folds, each
fold's cluster threshold chosen on the other two; the setting itself on all three, so these are
a comparison, not a clean held-out figure): unknown clusters' pairwise F1 0.809 -> 0.810, B-cubed 0.876 -> 0.882, every fold
choosing 0.8 (`glossary.dedupe.cluster.LEARNED_PROBABILITY`, 0.9 before); known names 76.99% ->
76.08% right, 1.00% -> 0.91% wrong (joined at 0.98: at 0.97 the cut forest gives 77.38% and 1.08%,
the same trade). Fitted with the resolver forest's settings instead (`FOREST`: 200 trees of 15
leaves): F1 0.801, known names 75.42% right. Not tried: fewer trees with a higher learning rate
(the resolver forest's probabilities saturated so)."""
FOREST = {**PAIR_FOREST, "n_estimators": 200, "num_leaves": 15, "min_child_samples": 100}
"""LightGBM settings of the resolver's forest: smaller trees with more rows in each leaf than the
pair forest's (`PAIR_FOREST`: both forests had 300 trees of 31 leaves before). Chosen on folds 0 and 1 of the
3-fold cross-validation by entity among 19 settings (`bench/resolve_forest.py`, which fits every
setting on the same fold features): the old trees were overfitted (held-out log loss 0.087; 15
leaves and 100 rows a leaf: 0.080), and with the threshold set on the held-out answers themselves
(a comparison of rankings, the two folds' mean) they answered 68.9% right at 1% wrong and 2% of
negatives against 72.4% for these settings (300 trees of 15 leaves 72.8%; 200 kept for speed).
Higher learning rates with fewer trees (0.1, 0.15) ranked far worse: their probabilities saturate.
Reported on fold 2, which chose nothing: log loss 0.054 -> 0.052; ranking 64.8% -> 66.4%; as fitted
with 5 inner folds, as this script fits the shipped threshold, as many right (71.4% -> 71.2%) and
more negatives accepted (1.96% -> 3.68%) (README, "The resolver forest's settings")."""
EM_ROUNDS = 3


@dataclass(frozen=True)
class Query:
    """One spelling of the corpus: its text, its entity (None for a negative) and its category;
    ``without``: an entity the glossary is taken not to have for this query (`without_entity`)."""

    text: str
    expected: str | None
    category: str
    without: str | None = None
    script_only: str | None = None
    """Ask the glossary as if the expected entity had names in this script only (`one_script`)."""


def read_entities(path: Path) -> list[Entity]:
    """The corpus's entities (``id type romanized arabic english``; an unknown type is ``other``)."""
    with path.open(encoding="utf-8", newline="") as f:
        return [Entity(id=r["id"], type=r["type"] if r["type"] in ENTITY_TYPES else "other",  # type: ignore[arg-type]
                       romanized=r["romanized"] or None, arabic=r["arabic"] or None, english=r["english"] or None)
                for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]


def read_queries(path: Path) -> list[Query]:
    """The corpus's spellings (``query expected category``; ``-`` expects nothing)."""
    with path.open(encoding="utf-8", newline="") as f:
        return [Query(r["query"], None if r["expected"] in ("", "-") else r["expected"], r["category"])
                for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]


def own_names(entities: Sequence[Entity]) -> list[Query]:
    """Each entity's own names as queries (category `OWN`). The corpus leaves out the spellings equal
    to a canonical name, but a glossary is asked its own names all the time: without these, the
    forests would know the exact level from a few hundred rows."""
    return [Query(n.text, e.id, OWN) for e in entities for n in e.names()]


def lone_words() -> list[Query]:
    """Negatives no real list holds: a particle, a generic word or a single letter asked alone (Abu,
    Umm, bin, Jaysh, Kafr, b, ب) names no entity. From the tables of generic words
    (``names/tables/generic.yaml``) and the two alphabets; category `LONE`."""
    from glossary.names import listed_factors, particles

    words = sorted({*particles(), *(w for w, f in listed_factors().items() if f < 1.0)})
    letters = [chr(c) for c in range(ord("a"), ord("z") + 1)] + [chr(c) for c in range(0x0628, 0x064B)
                                                                 if chr(c).isalpha()]
    return [Query(w, None, LONE) for w in words + letters if w]


def without_entity(queries: Sequence[Query]) -> list[Query]:
    """Each spelling of the learned categories asked again of a glossary without its entity: a
    negative (category `WITHOUT`) among the very names a lookup of an unknown spelling meets
    (Khalid al-Zubaydi when only Muhammad al-Zubaydi is known). Real lists are mostly names the
    glossary lacks; the corpus's own negatives are a tenth of its queries."""
    return [Query(q.text, None, WITHOUT, q.expected) for q in queries if q.category in TRAIN_CATEGORIES]


def one_script(queries: Sequence[Query], entities: Sequence[Entity]) -> list[Query]:
    """Each spelling of the learned categories asked again of a glossary that knows its entity in the
    other script only (category `ONE_SCRIPT`): a Latin spelling of a place the glossary records in
    Arabic alone, and the reverse. A glossary may know an entity in one script (DESIGN.md section 2);
    the corpus's entities nearly all have a romanized name."""
    scripts = {e.id: {n.script for n in e.names()} for e in entities}
    out = []
    for q in queries:
        if q.category in TRAIN_CATEGORIES and q.expected:
            other = "latin" if script_of(q.text) == "arabic" else "arabic"
            if other in scripts[q.expected]:
                out.append(Query(q.text, q.expected, ONE_SCRIPT, script_only=other))
    return out


@dataclass
class Small:
    """One small glossary of `small_glossaries`: its index, the spellings asked of it, their rows."""

    index: Index
    queries: list[Query]
    rows: Rows


def small_glossaries(entities: Sequence[Entity], queries: Sequence[Query], mask: np.ndarray, rows: Rows, *,
                     size: int = SMALL_SIZE, seed: int = SEED, lookalikes: bool = False) -> list[Small]:
    """The spellings of the learned categories under ``mask`` asked again of small glossaries.

    A glossary in use has tens or hundreds of entities, not the corpus's thousands: a word's weight
    (its document frequency) and a query's rivals differ, and a forest fitted on one large glossary
    alone learns that large glossary (an Arabic name sharing only its generic head with one entity
    of 25 was matched to it at 0.95). So the entities with such spellings are shuffled (seeded) and
    cut into groups of ``size`` / 2; each group makes a glossary with as many of its rivals (the
    other entities its spellings find in the large glossary, ``rows``: Muhammad al-Zubaydi beside
    Khalid al-Zubaydi), filled up with others at random. Asked of it: its group's spellings (category
    `SMALL`), the same spellings with their own entity hidden, and the next group's spellings, whose
    entities it lacks (both category `SMALL_WITHOUT`, no entity expected): without the rivals and the
    hidden entities, a small glossary's negatives are all easy, and a forest fitted on them accepts
    any name sharing a word with the query.
    """
    rng = np.random.default_rng(seed)
    by_entity: defaultdict[str, list[Query]] = defaultdict(list)
    for q, m in zip(queries, mask):
        if m and q.category in TRAIN_CATEGORIES and q.expected:
            by_entity[q.expected].append(q)
    rivals: defaultdict[str, set[str]] = defaultdict(set)
    for k, e in zip(rows.query, rows.entity):
        q = queries[k]
        if mask[k] and q.category in TRAIN_CATEGORIES and q.expected and e != q.expected:
            rivals[q.expected].add(e)
    ids = [str(i) for i in rng.permutation(sorted(by_entity))]
    half = max(size // 2, 1)
    groups = [ids[i:i + half] for i in range(0, len(ids), half)]
    if len(groups) < 3:
        return []
    known = {e.id: e for e in entities}
    swaps = _swaps(entities) if lookalikes else {}
    out = []
    for j, group in enumerate(groups):
        absent = groups[(j + 1) % len(groups)]
        away = {*group, *absent}
        near = sorted({r for e in group for r in rivals[e]} - away)
        filler = [near[int(i)] for i in rng.permutation(len(near))[:half]]
        others = sorted(set(ids) - away - set(filler))
        filler += [others[int(i)] for i in rng.choice(len(others), size=min(half - len(filler), len(others)),
                                                      replace=False)]
        index = Index.build([known[i] for i in sorted({*group, *filler})])
        asked = [Query(q.text, q.expected, SMALL) for e in group for q in by_entity[e]]
        asked += [Query(q.text, None, SMALL_WITHOUT, without=e) for e in group for q in by_entity[e]]
        asked += [Query(q.text, None, SMALL_WITHOUT, without=e) for e in absent for q in by_entity[e]]
        if lookalikes:
            asked += [Query(t, None, LOOKALIKE) for e in group for t in look_alikes(known[e], swaps, rng)]
        out.append(Small(index, asked, candidate_rows(index, asked)))
    return out


def _swaps(entities: Sequence[Entity]) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(kind, script) -> the corpus's words of that kind, as written, with their skeletons: kind
    ``head`` the first words that are generic (``names/tables/generic.yaml``: Jaysh, Liwa, Kafr,
    Tall, كتائب), kind ``given`` persons' first words that are not, kind ``rest`` the last words
    of names with a head (al-Islam, Nabl)."""
    from glossary.match.profile import profile as profile_of
    from glossary.names import listed_factors, particles

    generic = {w for w, f in listed_factors().items() if 0.0 < f < 1.0} - set(particles())
    found: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for e in entities:
        for n in e.names():
            words = n.text.split()
            first = profile_of(words[0]).words if len(words) >= 2 else ()
            if len(first) != 1 or not first[0].skel:
                continue
            kind = "head" if first[0].form in generic else ("given" if e.type == "person" else "")
            if kind:
                found[kind, n.script].setdefault(words[0], first[0].skel)
            last = profile_of(words[-1]).words if len(words) >= 2 else ()
            if kind == "head" and len(last) == 1 and last[0].skel and last[0].form not in generic:
                found["rest", n.script].setdefault(words[-1], last[0].skel)
    return {k: sorted(v.items()) for k, v in sorted(found.items())}


def look_alikes(entity: Entity, swaps: dict[tuple[str, str], list[tuple[str, str]]],
                rng: np.random.Generator) -> list[str]:
    """The entity's names of two words or more with their first word swapped for another of its
    kind (`_swaps`: a generic head for another head, a person's given name for another given
    name; never one with the same consonant skeleton, which may be a spelling of it), and a name
    with a head also with the words after it swapped for another such name's last word: Liwa
    al-Islam and Jaysh al-Nasr from Jaysh al-Islam, Khalid al-Zubaydi from Muhammad al-Zubaydi. A
    general fact of names, not of any one: another head, another given name or another name after
    the same head makes another entity."""
    from glossary.match.profile import profile as profile_of

    out = []
    for n in entity.names():
        words = n.text.split()
        first = profile_of(words[0]).words if len(words) >= 2 else ()
        if len(first) != 1 or not first[0].skel:
            continue
        for kind in ("head", "given"):
            pool = swaps.get((kind, n.script), [])
            if not any(w == words[0] for w, _ in pool):
                continue
            other = [w for w, sk in pool if sk != first[0].skel]
            if other:
                out.append(" ".join([other[int(rng.integers(len(other)))], *words[1:]]))
            if kind == "head":  # the head kept, the words after it another name's
                last = profile_of(words[-1]).words
                rest = [w for w, sk in swaps.get(("rest", n.script), []) if not last or sk != last[-1].skel]
                if rest:
                    out.append(" ".join([words[0], rest[int(rng.integers(len(rest)))]]))
            break
    return out


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Rows:
    """One row per (query, candidate name): what the features are computed from."""

    query: list[int]
    """The query's number."""
    entity: list[str]
    level: list[str]
    etype: list[str]
    name: list[str]
    """The candidate name's text."""
    profile: list[str]
    """Its encoded profile (as the index keeps it)."""
    label: np.ndarray
    """1 when the row's entity is the query's."""


def candidate_rows(index: Index, queries: Sequence[Query]) -> Rows:
    """Every candidate name of every query, found as the resolver finds them."""
    store = index.store
    qi: list[int] = []
    ent: list[str] = []
    lvl: list[str] = []
    typ: list[str] = []
    txt: list[str] = []
    prof: list[str] = []
    lab: list[int] = []
    names_of: defaultdict[str, list[tuple[int, str]]] = defaultdict(list)  # entity -> its names (number, script)
    for nid, row in store.name_rows(range(len(store.names))).items():  # type: ignore[attr-defined]
        names_of[row.entity].append((nid, "arabic" if row.profile[:1] == "a" else "latin"))
    for k, q in enumerate(queries):
        gone = store.entity_number(q.without) if q.without else None
        hidden = ()
        if q.script_only and q.expected:
            e = store.entity_number(q.expected)
            hidden = tuple(nid for nid, sc in names_of[e] if sc != q.script_only)
        found = gather(store, q.text, without=() if gone is None else (gone,), without_names=hidden)
        rows = store.name_rows(found.levels)
        ents = store.entity_rows({r.entity for r in rows.values()})
        for nid in sorted(found.levels):
            r = rows[nid]
            e = ents[r.entity]
            qi.append(k)
            ent.append(e.id)
            lvl.append(found.levels[nid])
            typ.append(e.type)
            txt.append(r.text)
            prof.append(r.profile)
            lab.append(int(e.id == q.expected))
    return Rows(qi, ent, lvl, typ, txt, prof, np.array(lab, dtype=np.int8))


def transducer_pairs(rows: Rows, queries: Sequence[Query], mask: np.ndarray) -> list[tuple[str, str]]:
    """(name letters, query letters) of the right rows under ``mask``, each pair once, in row order."""
    out: dict[tuple[str, str], None] = {}
    for r in np.nonzero(mask & (rows.label == 1))[0]:
        q = queries[rows.query[r]]
        if q.category in TRAIN_CATEGORIES:
            pair = (view_of_profile(rows.name[r], decode(rows.profile[r])).forms, view(q.text).forms)
            if pair[0] and pair[1]:
                out[pair] = None
    return list(out)


def fit_transducer(pairs: Sequence[tuple[str, str]], *, rounds: int = EM_ROUNDS, max_emit: int = 3,
                   smoothing: float = 0.5) -> Transducer:
    """Emission probabilities by hard EM: start from letters spread evenly over the target, then
    re-count the best path's emissions ``rounds`` times (add-``smoothing`` per source letter)."""
    letters = Counter(c for _, y in pairs for c in y)
    total = sum(letters.values())
    background = {c: math.log(v / total) for c, v in sorted(letters.items())}
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for x, y in pairs:
        n, m = len(x), len(y)
        for i, ch in enumerate(x):
            a, b = round(i * m / n), round((i + 1) * m / n)
            counts[ch][y[a:b]] += 1.0
            for k in range(max_emit + 1):
                counts[ch][y[a:a + k]] += 0.1
    t = Transducer(_normalized(counts, smoothing), background, max_emit=max_emit)
    for _ in range(rounds):
        counts = defaultdict(Counter)
        for x, y in pairs:
            path = _best_path(t, x, y)
            for ch, seg in path or ():
                counts[ch][seg] += 1.0
        t = Transducer(_normalized(counts, smoothing), background, max_emit=max_emit)
    return t


def _normalized(counts: dict[str, Counter[str]], smoothing: float) -> dict[str, dict[str, float]]:
    out = {}
    for ch in sorted(counts):
        c = counts[ch]
        total = sum(c.values()) + smoothing * (len(c) + 1)
        out[ch] = {seg: round(math.log((v + smoothing) / total), 6) for seg, v in sorted(c.items())}
    return out


def _best_path(t: Transducer, x: str, y: str) -> list[tuple[str, str]] | None:
    """The emissions of the best way ``x`` writes ``y`` (None when there is none)."""
    n, m = len(x), len(y)
    neg = -1e18
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, str] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i, ch in enumerate(x):
        table = t.emit.get(ch, {})
        for j in range(m + 1):
            b = best[i][j]
            if b <= neg:
                continue
            for k in range(min(t.max_emit, m - j) + 1):
                seg = y[j:j + k]
                v = b + table.get(seg, t.floor)
                if v > best[i + 1][j + k]:
                    best[i + 1][j + k] = v
                    back[i + 1][j + k] = (j, seg)
    if best[n][m] <= neg:
        return None
    path, j = [], m
    for i in range(n, 0, -1):
        step = back[i][j]
        if step is None:
            return None
        path.append((x[i - 1], step[1]))
        j = step[0]
    return path[::-1]


def features(rows: Rows, queries: Sequence[Query], index: Index, forward: Transducer,
             backward: Transducer) -> tuple[np.ndarray, np.ndarray]:
    """The `PAIR` and `CONTEXT` feature matrices of the rows."""
    weights = index.weights
    pair = np.zeros((len(rows.query), len(PAIR)), dtype=np.float64)
    for r in range(len(rows.query)):
        q = view(queries[rows.query[r]].text)
        n = view_of_profile(rows.name[r], decode(rows.profile[r]))
        pair[r] = pair_features(q, n, rows.level[r], rows.etype[r], weights, forward, backward)
    ctx = np.zeros((len(rows.query), len(CONTEXT)), dtype=np.float64)
    by_query: defaultdict[int, list[int]] = defaultdict(list)
    for r, k in enumerate(rows.query):
        by_query[k].append(r)
    for rs in by_query.values():
        ctx[rs] = context_features([rows.entity[r] for r in rs], [pair[r] for r in rs])
    return pair, ctx


def fit_forest(x: np.ndarray, y: np.ndarray,
               settings: dict[str, Any] | None = None) -> list[dict[str, list[float] | list[int]]]:
    """A LightGBM forest as `glossary.match.forest.Forest` arrays (``settings``: `FOREST` by default)."""
    import lightgbm as lgb

    model = lgb.LGBMClassifier(**(FOREST if settings is None else settings), random_state=SEED, n_jobs=1,
                               deterministic=True, force_row_wise=True, verbose=-1)
    model.fit(x, y)
    return trees_of(model.booster_.dump_model())


def trees_of(dump: dict[str, object]) -> list[dict[str, list[float] | list[int]]]:
    """LightGBM's model dump as forest arrays (split nodes numbered depth first, root 0)."""
    return [_tree(info["tree_structure"]) for info in dump["tree_info"]]  # type: ignore[attr-defined, index]


def _tree(root: dict[str, object]) -> dict[str, list[float] | list[int]]:
    t: dict[str, list[float] | list[int]] = {"feature": [], "threshold": [], "left": [], "right": [], "value": [],
                                             "leaf": []}

    def walk(node: dict[str, object]) -> int:
        if "split_feature" not in node:
            t["leaf"].append(float(node["leaf_value"]))  # type: ignore[arg-type]
            return ~(len(t["leaf"]) - 1)
        if node["decision_type"] != "<=":
            raise ValueError(f"unsupported split {node['decision_type']!r}")
        i = len(t["feature"])
        t["feature"].append(int(node["split_feature"]))  # type: ignore[call-overload]
        t["threshold"].append(float(node["threshold"]))  # type: ignore[arg-type]
        t["value"].append(float(node["internal_value"]))  # type: ignore[arg-type]
        t["left"].append(0)
        t["right"].append(0)
        t["left"][i] = walk(node["left_child"])  # type: ignore[arg-type]
        t["right"][i] = walk(node["right_child"])  # type: ignore[arg-type]
        return i

    walk(root)
    return t


def predict(trees: list[dict[str, list[float] | list[int]]], x: np.ndarray) -> np.ndarray:
    """The forest's probabilities for each row of ``x`` (as the resolver computes them)."""
    from glossary.match.forest import Forest

    f = Forest(trees)
    return np.array([f.probability(row) for row in x.tolist()])


def entity_fold(queries: Sequence[Query], k: int) -> np.ndarray:
    """Each query's fold, by its entity (a negative by its own text): the same entity, the same fold."""
    return np.array([int(hashlib.md5((q.expected or q.without or "-" + q.text).encode()).hexdigest(), 16) % k
                     for q in queries])  # (a one-script spelling has its entity: the same fold too)


@dataclass
class Answers:
    """Per query, as the resolver decides (`glossary.match.resolve`): the best entity, its probability,
    the second entity's (0 when none), and whether the best entity's shown name is weak evidence."""

    top: list[str | None]
    p1: np.ndarray
    p2: np.ndarray
    weak: np.ndarray

    def decide(self, threshold: float, margin: float) -> list[str | None]:
        """The match of each query (None: no match, or ambiguous)."""
        ok = (self.p1 >= threshold) & ~self.weak & ((self.p2 < threshold) | (self.p2 < self.p1 - margin))
        return [t if a else None for t, a in zip(self.top, ok)]


def answers(rows: Rows, pair: np.ndarray, p: np.ndarray, n_queries: int, select: np.ndarray | None = None) -> Answers:
    """The `Answers` of the queries whose rows are ``select``ed (all rows by default), each entity
    shown by its best name, or its strictest as likely, as `glossary.match.resolve` shows it."""
    from glossary.match.resolve import _LEVEL_RANK, _SAME, _weak

    by_query: defaultdict[int, list[int]] = defaultdict(list)
    for r in (range(len(rows.query)) if select is None else select):
        by_query[rows.query[r]].append(int(r))  # rows of a query are in name order
    out = Answers([None] * n_queries, np.zeros(n_queries), np.zeros(n_queries), np.zeros(n_queries, dtype=bool))
    for k, rs in by_query.items():
        rs.sort(key=lambda r: (-p[r], _LEVEL_RANK[rows.level[r]]))
        best: dict[str, tuple[float, int]] = {}  # entity -> (its probability, the row shown)
        for r in rs:
            had = best.get(rows.entity[r])
            if had is None:
                best[rows.entity[r]] = (float(p[r]), r)
            elif _LEVEL_RANK[rows.level[r]] < _LEVEL_RANK[rows.level[had[1]]] and (
                    p[r] >= had[0] - _SAME or rows.level[r] == "exact"):
                best[rows.entity[r]] = (had[0], r)
        ranked = list(best.items())  # in the order of their best rows: best first
        e, (p1, r) = ranked[0]
        out.top[k], out.p1[k] = e, p1
        out.weak[k] = _weak(pair[r], rows.level[r]) is not None
        out.p2[k] = ranked[1][1][0] if len(ranked) > 1 else 0.0
    return out


def choose_decision(queries: Sequence[Query], ans: Answers) -> tuple[float, float]:
    """The threshold and margin with the most right answers (latin, scholarly, arabic) at no more
    than `MAX_WRONG` wrong entities and `MAX_FALSE_ACCEPTS` accepted negatives, over ``queries``
    (those whose ``ans`` are out of fold)."""
    cat = np.array([q.category for q in queries])
    target = np.isin(cat, TRAIN_CATEGORIES)
    negative = cat == "negative"
    expected = [q.expected for q in queries]
    best = (-1.0, 0.95, 0.0)
    found = (0.0, 0.0, 0.0, 0.0)
    for t in np.round(np.arange(0.30, 0.996, 0.005), 3):
        for m in (0.0, 0.05, 0.1, 0.2, 0.3, 0.5):
            got = ans.decide(float(t), m)
            accept = np.array([g is not None for g in got])
            right = np.array([g is not None and g == x for g, x in zip(got, expected)])
            ok = right[target].mean()
            wrong = (accept & ~right)[target].mean()
            fa = accept[negative].mean()
            if wrong <= MAX_WRONG and fa <= MAX_FALSE_ACCEPTS and ok > best[0]:
                best = (ok, float(t), m)
                found = (ok, wrong, fa, accept[cat == WITHOUT].mean() if (cat == WITHOUT).any() else 0.0)
    if best[0] < 0:
        raise ValueError(f"no threshold keeps wrong entities <= {MAX_WRONG} and false accepts <= {MAX_FALSE_ACCEPTS}")
    print(f"decision: threshold {best[1]}, margin {best[2]}: out of fold {100 * found[0]:.1f}% right, "
          f"{100 * found[1]:.2f}% wrong, {100 * found[2]:.2f}% false accepts, "
          f"{100 * found[3]:.2f}% of spellings matched without their entity", file=sys.stderr)
    return best[1], best[2]


PAIR_POOL = 800
"""Entities whose spellings `spelling_pair_rows` compares at once (a dataset's name column holds some
hundreds of names, not the corpus's thousands)."""


def spelling_pair_rows(queries: Sequence[Query], mask: np.ndarray, forward: Transducer, backward: Transducer, *,
                       pool: int = PAIR_POOL, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """The pairs dedupe scores, among the corpus's spellings: the distinct spellings of the learned
    categories under ``mask`` (a spelling of two entities left out), in pools of ``pool`` entities
    (shuffled, seeded), one unit per folded key (`glossary.dedupe.spellings.unit_key`), paired as
    `glossary.dedupe.cluster.spelling_pairs` pairs them; each pair in both directions, a row of
    `PAIR` features as `glossary.match.pairs.PairScorer` computes them (entity type unknown, the
    pool's own word weights). Label: the two spell one entity."""
    from glossary.dedupe.cluster import _idf_weight, spelling_pairs
    from glossary.dedupe.spellings import split_words, unit_key
    from glossary.match.pairs import spelling_weights

    owner: defaultdict[str, set[str]] = defaultdict(set)
    for q, m in zip(queries, mask):
        if m and q.category in LEARNED and q.expected:
            owner[q.text.strip()].add(q.expected)
    by_entity: defaultdict[str, list[str]] = defaultdict(list)
    for t in sorted(owner):
        if t and len(owner[t]) == 1:
            by_entity[next(iter(owner[t]))].append(t)
    ids = [str(i) for i in np.random.default_rng(seed).permutation(sorted(by_entity))]
    xs: list[list[float]] = []
    ys: list[float] = []
    for start in range(0, len(ids), pool):
        units: dict[tuple[str, str], tuple[str, str]] = {}
        for e in ids[start:start + pool]:
            for t in by_entity[e]:
                units.setdefault(unit_key(t), (t, e))
        texts = [t for t, _ in units.values()]
        ents = [e for _, e in units.values()]
        words = [split_words(t) for t in texts]
        views = [view(t) for t in texts]
        weights = spelling_weights(views)
        # (without the romanized cross-script pairs, which came after this forest: refitted with them, each
        # fold's forest gave dedupe's held-out unknown clusters F1 0.814 against 0.816, README "Evaluation")
        for i, j, lv in spelling_pairs(texts, words, [unit_key(t)[0] for t in texts], _idf_weight(words),
                                       romanized=False):
            for a, b in ((i, j), (j, i)):
                xs.append(pair_features(views[a], views[b], lv, "", weights, forward, backward))
                ys.append(float(ents[i] == ents[j]))
    return np.array(xs, dtype=np.float64).reshape(-1, len(PAIR)), np.array(ys)


def fit(index: Index, queries: Sequence[Query], rows: Rows, train: np.ndarray, *,
        decision_folds: int = 0, small: Sequence[Small] = ()) -> dict[str, object]:
    """The matcher's parts fitted on the queries under ``train`` (a mask over queries), the forests
    also on the rows of the ``small`` glossaries (`small_glossaries` of those queries).

    ``decision_folds`` > 1: the threshold and margin come from out-of-fold predictions of that
    many folds of the training queries (by entity; the transducers are the ones fitted on all of
    them); otherwise they are left at 0.9 and 0.
    """
    qmask = train[np.array(rows.query)]
    forward = fit_transducer(transducer_pairs(rows, queries, qmask))
    backward = fit_transducer([(b, a) for a, b in transducer_pairs(rows, queries, qmask)])
    pair, ctx = features(rows, queries, index, forward, backward)
    full = np.hstack([pair, ctx])
    cat = np.array([q.category for q in queries])
    learn = train & np.isin(cat, [*LEARNED, "negative", OWN, LONE, WITHOUT, ONE_SCRIPT])
    lrows = learn[np.array(rows.query)]
    more = [small_features(s, forward, backward) for s in small]
    more_full = np.vstack([full[lrows], *(np.hstack(m) for m in more)])
    more_label = np.concatenate([rows.label[lrows], *(s.rows.label for s in small)])
    acronym = acronym_probability(rows, queries, qmask, pair)
    threshold, margin = 0.9, 0.0
    if decision_folds > 1:
        folds = entity_fold(queries, decision_folds)
        oof = np.zeros(len(rows.query))
        rf = folds[np.array(rows.query)]
        more_fold = np.concatenate([rf[lrows], *(entity_fold(s.queries, decision_folds)[np.array(s.rows.query, dtype=int)]
                                                  for s in small)])
        for k in range(decision_folds):
            test_rows = qmask & (rf == k)
            keep = more_fold != k
            oof[test_rows] = predict(fit_forest(more_full[keep], more_label[keep]), full[test_rows])
        oof = with_acronyms(rows, pair, oof, acronym)
        ans = answers(rows, pair, oof, len(queries), np.nonzero(qmask)[0])
        idx = np.nonzero(train)[0]
        sub = Answers([ans.top[i] for i in idx], ans.p1[idx], ans.p2[idx], ans.weak[idx])
        threshold, margin = choose_decision([queries[i] for i in idx], sub)
    return {
        "forward": forward, "backward": backward,
        "pair": fit_forest(*spelling_pair_rows(queries, train, forward, backward), PAIR_FOREST),
        "resolver": fit_forest(more_full, more_label),
        "threshold": threshold, "margin": margin, "acronym": acronym, "features": (pair, ctx),
    }


@dataclass
class Corpus:
    """The training corpus as every fit and evaluation reads it (`corpus`)."""

    entities: list[Entity]
    real: list[Query]
    """The corpus's own spellings, negatives included."""
    without: list[Query]
    single: list[Query]
    queries: list[Query]
    """``real``, ``without``, ``single``, then the entities' own names and lone words."""
    index: Index
    rows: Rows


def corpus(data: Path = DATA) -> Corpus:
    """The corpus's entities and spellings, with the negatives and extra queries made from them
    (`without_entity`, `one_script`, `own_names`, `lone_words`), its glossary and every
    query's candidate rows."""
    entities = read_entities(data / "entities.tsv")
    real = read_queries(data / "queries.tsv")
    without = without_entity(real)
    single = one_script(real, entities)
    queries = real + without + single + own_names(entities) + lone_words()
    index = Index.build(entities)
    return Corpus(entities, real, without, single, queries, index, candidate_rows(index, queries))


def small_features(small: Small, forward: Transducer, backward: Transducer) -> tuple[np.ndarray, np.ndarray]:
    """The `PAIR` and `CONTEXT` features of a small glossary's rows (its own word weights)."""
    return features(small.rows, small.queries, small.index, forward, backward)


def acronym_probability(rows: Rows, queries: Sequence[Query], mask: np.ndarray,
                        pair: np.ndarray) -> dict[str, float]:
    """How often an entity found at the acronym level alone (its name's initials are the query) is the
    query's, by `ACRONYM_CELLS`, over the corpus's abbreviations under ``mask`` (rows): the resolver's
    probability for such a candidate. Too few of them are spellings for the forests to learn it.

    Each abbreviation counts twice, as the forests' spellings do (`without_entity`): asked of the
    glossary with its entity (each entity found is a candidate, right or wrong) and without it (the
    other entities found, all wrong, and unique if only one is left). A cell's estimate is
    (right + 1) / (candidates + 2), so a cell the corpus never fills says 0.5.
    """
    found: defaultdict[int, dict[str, bool]] = defaultdict(dict)
    short = pair[:, PAIR.index("short")]
    for r in np.nonzero(mask)[0]:
        if rows.level[r] == "acronym" and queries[rows.query[r]].category == "abbreviation":
            found[rows.query[r]][rows.entity[r]] = bool(short[r])
    right = [0] * len(ACRONYM_CELLS)
    seen = [0] * len(ACRONYM_CELLS)
    for k, ents in found.items():
        expected = queries[k].expected
        is_short = any(ents.values())
        for e in ents:
            cell = acronym_cell(is_short, len(ents))
            seen[cell] += 1
            right[cell] += e == expected
        rest = [e for e in ents if e != expected]
        for e in rest:
            seen[acronym_cell(is_short, len(rest))] += 1
    return {c: round((right[i] + 1) / (seen[i] + 2), 4) for i, c in enumerate(ACRONYM_CELLS)}


def acronym_rows(rows: Rows, pair: np.ndarray, acronym: dict[str, float]) -> dict[int, float]:
    """Each acronym-level row's probability from the table of `acronym_probability` (as the resolver
    scores them: the query's acronym-level entities counted over all its rows)."""
    by_query: defaultdict[int, set[str]] = defaultdict(set)
    at = [r for r, lv in enumerate(rows.level) if lv == "acronym"]
    for r in at:
        by_query[rows.query[r]].add(rows.entity[r])
    short = pair[:, PAIR.index("short")]
    return {r: acronym[ACRONYM_CELLS[acronym_cell(bool(short[r]), len(by_query[rows.query[r]]))]] for r in at}


def with_acronyms(rows: Rows, pair: np.ndarray, p: np.ndarray, acronym: dict[str, float]) -> np.ndarray:
    """``p`` with each acronym-level row at its `acronym_probability` (as the resolver scores them)."""
    out = p.copy()
    for r, x in acronym_rows(rows, pair, acronym).items():
        out[r] = x
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--folds", type=int, default=5, help="folds for the threshold (out-of-fold predictions)")
    ap.add_argument("--small", action="store_true",
                    help="also fit the forests on spellings asked of small glossaries (measured, not adopted: see above)")
    ap.add_argument("--lookalikes", action="store_true",
                    help="with --small: fit on look-alikes too (`look_alikes`)")
    ap.add_argument("--check", action="store_true",
                    help="fit again and compare with the file at --out, byte for byte (exit 1 if they differ)")
    args = ap.parse_args(argv)
    import lightgbm

    t0 = time.perf_counter()
    c = corpus(args.data)
    entities, queries, index, rows = c.entities, c.queries, c.index, c.rows
    print(f"{len(entities)} entities, {len(queries)} queries, {len(rows.query)} candidate rows", file=sys.stderr)
    everything = np.ones(len(queries), dtype=bool)
    small = small_glossaries(entities, queries, everything, rows, lookalikes=args.lookalikes) if args.small else []
    if small:
        print(f"{len(small)} small glossaries, {sum(len(s.rows.query) for s in small)} candidate rows", file=sys.stderr)
    parts = fit(index, queries, rows, everything, decision_folds=args.folds, small=small)
    header = {
        "format": 1,
        "trained_by": "tools/train_matcher.py",
        "data": {name: {"path": f"shared/data/resolve/train/{name}", "sha256": sha256(args.data / name)}
                 for name in ("entities.tsv", "queries.tsv")},
        "categories": [*LEARNED, "negative", OWN, LONE, WITHOUT, ONE_SCRIPT, *((SMALL, SMALL_WITHOUT) if small else ()),
                       *((LOOKALIKE,) if small and args.lookalikes else ())],
        "pair_features": list(PAIR),
        "context_features": list(CONTEXT),
        "forest": FOREST, "pair_forest": PAIR_FOREST, "seed": SEED, "em_rounds": EM_ROUNDS, **({"small_glossaries": SMALL_SIZE} if small else {}),
        **({"look_alikes": True} if small and args.lookalikes else {}),
        "versions": {"python": platform.python_version(), "numpy": np.__version__, "lightgbm": lightgbm.__version__},
        "threshold": parts["threshold"], "margin": parts["margin"], "acronym": parts["acronym"],
        "max_wrong": MAX_WRONG, "max_false_accepts": MAX_FALSE_ACCEPTS,
    }
    doc = {"header": header, "forward": parts["forward"].to_dict(), "backward": parts["backward"].to_dict(),  # type: ignore[attr-defined]
           "pair": parts["pair"], "resolver": parts["resolver"]}
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'the same bytes' if same else 'DIFFERS from a fit of this code and data'}",
              file=sys.stderr)
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes) in {time.perf_counter() - t0:.0f} s; "
          f"threshold {parts['threshold']}, margin {parts['margin']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
