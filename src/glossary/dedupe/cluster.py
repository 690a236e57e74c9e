"""Clustering of spellings: pure functions over ``(spelling, count)`` pairs, no glossary.

`cluster_names` groups the spellings of one name, in either script:

1. key collision: spellings with the same `glossary.names.keys` folded key (the
   `arabic` key for Arabic script) are one unit;
2. ``learned`` (the default): candidate pairs of units (`learned_links`: nearest neighbours within
   blocks, by letter trigrams, and across scripts by consonant skeletons and by the trigrams of an
   Arabic name romanized) are scored by the
   matcher's pair forest (`glossary.match.pairs`: the probability, learned from real spellings,
   that two names spell one thing) and joined most likely first while it reaches the threshold;
   two names of as many words also need the rules' similarity (below; an Arabic name romanized
   against a Latin one), and a cluster that holds a known entity is joined only at
   `JOIN_PROBABILITY` and, when the resolver's answers are given (``leaning``), only by a spelling
   whose best candidate that entity is (at the threshold itself by a spelling still alone whose best
   candidate it is at `JOIN_LEANING` or more); then a spelling alone in its cluster joins a cluster `RARE` times as
   frequent when it is one slip from that cluster's most frequent spelling (the slips of the
   pen, as the rules join them: the pair forest knows no frequencies);
   ``rules`` (the reference it is measured against): nearest-neighbour merging within blocks
   (`glossary.dedupe.pairs`) by a token-aware score (`glossary.dedupe.spellings`: words aligned
   with rapidfuzz, generic words such as Jaysh or Liwa weighing less), strongest pair first while
   the score reaches the threshold and the two clusters' leading spellings still look alike, then
   the cross-script join (`glossary.dedupe.scripts`): an Arabic cluster and a Latin cluster whose
   spellings share a skeleton key, each the other's best partner;
3. naming: each cluster is named after its most frequent spelling, with an id slugged
   from it (unique, and never one of the ``reserved`` ids).

Spellings already known (``anchors``: spelling -> entity id) take part, so that a new
spelling can join a known entity, but no cluster ever holds two entities. Everything
is sorted, so the same input gives the same clusters and ids.

Example:
    >>> cs = cluster_names([("Liwa al-Haqq", 5), ("Liwaa al-Haq", 2), ("لواء الحق", 3), ("Jaysh al-Islam", 4)])
    >>> [(c.id, c.label, c.count) for c in cs]
    [('liwa-al-haqq', 'Liwa al-Haqq', 10), ('jaysh-al-islam', 'Jaysh al-Islam', 4)]
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..names import Token, keys, script
from ..store.write import slug
from .pairs import ROMAN_NEIGHBOURS, candidate_pairs, gram_pairs
from .scripts import remember, romanize, script_joins, script_pairs
from .spellings import Weight, generic_weight, similarity_of, skeleton_keys, split_words, unit_key

LEARNED_PROBABILITY = 0.8
"""The pair probability two unknown spellings need to share a cluster (``learned``): the cut with the
best pairwise F1 of the training corpus's held-out folds (`bench/dedupe_eval.py --corpus`, README
"Evaluation"; each fold's figure there is read at the cut the other folds chose)."""
JOIN_PROBABILITY = 0.98
"""The pair probability a spelling needs to join a cluster holding an entity, and so take its id:
the certainty a review proposal needs to be offered accepted
(`glossary.dedupe.review.ACCEPT_PROBABILITY`). A look-alike of a known name is often another entity
of the same name (GeoNames' many Al Birahs), and an id in a dataset is a decision, not a proposal."""
JOIN_LEANING = 0.6
"""The resolver's probability for an entity, a spelling's best candidate, at which the spelling, still
alone in its cluster, joins a cluster holding that entity at the clustering threshold instead of
`JOIN_PROBABILITY`: the pair says the two spell one thing, the resolver (which compares the spelling
with every name of the glossary) which entity it leans to, and a spelling the resolver matched says
the dataset holds that entity. Alone: a cluster of several spellings would carry into the entity
spellings the resolver never linked to it. Held out on the training corpus's folds, 0.3 gained the
most known names (each fold's choice made on the other two), but it let an Arabic spelling the
resolver matched wrongly carry three Latin ones into its entity on the synthetic benchmark, which
must not get worse: 0.6 is the least value that keeps it (README "Evaluation")."""
SIMILARITY = 0.80
"""The rules' `similarity` two spellings need to be merged (``rules``), and what two names of as many
words need besides their pair probability (``learned``; an Arabic name romanized when the other is
Latin): the pair forest, fitted on real spellings of places and people, barely saw two names that
differ only in one word (Abu Hasan and Abu Husayn al-Shami, Abu Ahmad al-Dimashqi and أبو خالد
الدمشقي), which the rules tell apart."""
RARE = 5
"""A spelling merged only by the lenient score must be this many times rarer than its partner."""


@dataclass(frozen=True, slots=True)
class Cluster:
    """Spellings of one name: most frequent first, with the weakest link's score."""

    id: str
    label: str
    members: tuple[tuple[str, int], ...]
    confidence: float
    entity: str | None = None
    """The known entity this cluster joined (its anchored spellings are among members)."""

    @property
    def count(self) -> int:
        """Rows (occurrences) over all spellings."""
        return sum(n for _, n in self.members)

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of a cluster."""
        return {"id": self.id, "label": self.label, "entity": self.entity, "confidence": round(self.confidence, 3),
                "count": self.count, "spellings": [{"text": t, "count": n} for t, n in self.members]}


class _Sets:
    """Union-find over unit indexes; a set holds at most one entity and knows its weakest link."""

    def __init__(self, n: int, anchors: list[str | None]) -> None:
        self.parent = list(range(n))
        self.anchor = list(anchors)
        self.weakest = [1.0] * n

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int, score: float) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return False
        ai, aj = self.anchor[ri], self.anchor[rj]
        if ai is not None and aj is not None and ai != aj:
            return False
        lo, hi = min(ri, rj), max(ri, rj)
        self.parent[hi] = lo
        self.anchor[lo] = ai if ai is not None else aj
        self.weakest[lo] = min(self.weakest[ri], self.weakest[rj], score)
        return True


def cluster_names(
    names: Iterable[tuple[str, int]],
    *,
    anchors: Mapping[str, str] | None = None,
    weight: Weight | None = None,
    threshold: float | None = None,
    reserved: Collection[str] = (),
    method: str = "learned",
    join_threshold: float = JOIN_PROBABILITY,
    model: Any = None,
    leaning: Mapping[str, str | tuple[str, float]] | None = None,
) -> list[Cluster]:
    """Group spellings of the same name (see the module docstring for the steps).

    Args:
        names: ``(spelling, count)`` pairs; repeated spellings are added up, blank ones ignored.
        anchors: spellings already resolved, to the entity id they resolved to.
        weight: a folded word's weight for the rules' `similarity`; default: IDF over these names
            times the generic factor.
        threshold: ``learned``: the pair probability two spellings need to be merged (default
            `LEARNED_PROBABILITY`); ``rules``: the `similarity` (default `SIMILARITY`).
        reserved: ids a new cluster must not take (the glossary's entity ids).
        method: ``learned`` (the matcher's pair forest) or ``rules`` (the similarity rules, kept as
            the reference the learned one is measured against).
        join_threshold: ``learned``: the pair probability a spelling needs to join a cluster that
            holds an entity (and so to take its id), unless the resolver leans to that entity
            (`JOIN_LEANING`).
        model: the fitted matcher whose pair forest scores (default: the shipped one), with the
            spellings' own word weights and no entity type, as `tools/train_matcher.py` fits it.
        leaning: ``learned``: for spellings the resolver did not match, the entity of its best
            candidate, or that entity and its probability; when given, a spelling joins a cluster
            holding an entity only if that entity is its own best candidate, and at the clustering
            threshold when that candidate's probability is at least `JOIN_LEANING` (`_join_learned`).

    Returns:
        Clusters without an entity, most rows first, then clusters that joined an entity.
        A cluster holding only anchored spellings is left out.

    Example:
        >>> [c.members for c in cluster_names([("حلب", 2), ("Halab", 3), ("Aleppo", 1)], method="rules")]
        [(('Halab', 3), ('حلب', 2)), (('Aleppo', 1),)]
    """
    anchors = anchors or {}
    counts: Counter[str] = Counter()
    for text, n in names:
        if text.strip():
            counts[text] += n
    for text in anchors:
        counts.setdefault(text, 0)
    spellings = sorted(counts)
    # 1. key collision: one unit per folded key (and script)
    unit_of: dict[tuple[str, str], int] = {}
    unit_words: list[tuple[Token, ...]] = []
    unit_script: list[str] = []
    unit_anchor: list[str | None] = []
    member_unit: list[int] = []
    unit_leaning: list[dict[str, float]] = []  # each unit's spellings' best candidates, at their best probability
    for s in spellings:
        words = split_words(s)
        key = unit_key(s)
        u = unit_of.get(key)
        a = anchors.get(s)
        if u is None or (a is not None and unit_anchor[u] not in (None, a)):  # two entities stay apart
            u = len(unit_words)
            unit_of.setdefault(key, u)
            unit_words.append(words)
            unit_script.append(key[0])
            unit_anchor.append(a)
            unit_leaning.append({})
        elif a is not None:
            unit_anchor[u] = a
        if leaning is not None and s in leaning:
            lean = leaning[s]
            entity, p = (lean, 0.0) if isinstance(lean, str) else lean
            unit_leaning[u][entity] = max(p, unit_leaning[u].get(entity, 0.0))
        member_unit.append(u)
    n = len(unit_words)
    weight = weight or _idf_weight(unit_words)
    sets = _Sets(n, unit_anchor)
    unit_count = [0] * n
    for u, s in zip(member_unit, spellings):
        unit_count[u] += counts[s]
    unit_text = [""] * n
    best_count = [-1] * n
    for u, sp in zip(member_unit, spellings):
        if counts[sp] > best_count[u]:
            unit_text[u], best_count[u] = sp, counts[sp]
    if method == "learned":
        _join_learned(sets, unit_text, unit_words, unit_script, weight,
                      LEARNED_PROBABILITY if threshold is None else threshold, join_threshold,
                      model=model, counts=unit_count, leaning=unit_leaning if leaning is not None else None)
        return _name(_groups(sets, member_unit, spellings), sets, counts, anchors, reserved)
    if method != "rules":
        raise ValueError(f"no clustering method {method!r}: learned or rules")
    threshold = SIMILARITY if threshold is None else threshold
    # 2. nearest neighbours within blocks, most alike first; a pair already joined is not scored
    lead = list(range(n))  # each set's most frequent unit
    total = unit_count[:]  # rows per set (at its root)

    def join(i: int, j: int, score: float, strict: bool) -> None:
        ri, rj = sets.find(i), sets.find(j)
        li, lj = lead[ri], lead[rj]
        if (li != i or lj != j) and similarity_of(unit_words[li], unit_words[lj], weight, strict=strict) < threshold:
            return  # single linkage would chain two different names
        if sets.union(i, j, score):
            r = sets.find(i)
            lead[r] = min((li, lj), key=lambda u: (-unit_count[u], u))
            total[r] = total[ri] + total[rj]

    slips = []
    for i, j in candidate_pairs(unit_words, unit_script, weight):
        if sets.find(i) == sets.find(j):
            continue
        score = similarity_of(unit_words[i], unit_words[j], weight)
        if score >= threshold:
            join(i, j, score, True)
        else:
            lenient = similarity_of(unit_words[i], unit_words[j], weight, strict=False)
            if lenient >= threshold:
                slips.append((-lenient, i, j))
    for neg, i, j in sorted(slips):
        ri, rj = sets.find(i), sets.find(j)
        if ri != rj and min(total[ri], total[rj]) * RARE <= max(total[ri], total[rj]):
            join(i, j, -neg, False)  # a slip of the pen is rare beside the spelling it mangles; two names are not
    # 3. cross-script join on the skeleton key
    for arabic, latin, link in script_joins(sets.find, unit_text, unit_words, unit_script):
        sets.union(arabic, latin, link)
    return _name(_groups(sets, member_unit, spellings), sets, counts, anchors, reserved)


def _groups(sets: _Sets, member_unit: list[int], spellings: list[str]) -> dict[int, list[str]]:
    """Each cluster's spellings, by its root."""
    groups: dict[int, list[str]] = defaultdict(list)
    for u, s in zip(member_unit, spellings):
        groups[sets.find(u)].append(s)
    return groups


def _join_learned(sets: _Sets, texts: list[str], words: list[tuple[Token, ...]], scripts: list[str],
                  weight: Weight, threshold: float, join_threshold: float, model: Any = None,
                  counts: list[int] | None = None, leaning: list[dict[str, float]] | None = None) -> None:
    """Steps 2 and 3 of ``learned``: the scored pairs joined, most likely first (single linkage),
    a pair of two names of as many words (two or more) only when the rules' similarity agrees
    (an Arabic name romanized when the other is Latin), and a cluster holding an entity only at
    ``join_threshold`` and (``leaning``: each unit's resolver best candidates, at their
    probabilities) by a unit whose best candidate, if it has any, is that entity; under
    ``join_threshold``, by a unit alone in its cluster whose best candidate the entity is at
    `JOIN_LEANING` or more. Then, given the units' rows (``counts``), the slips of the pen, as the rules
    join them (the pair forest, fitted on spellings without their frequencies, cannot know that a
    rare spelling one slip from a common one is a misspelling of it): of a scored pair under the
    threshold, a unit alone in its cluster joins the other's cluster when that cluster has at least
    `RARE` times its rows, neither holds an entity, and the unit is alike to the cluster's most
    frequent spelling, of its script, when two-edit slips are forgiven (lenient similarity at least
    `SIMILARITY`); the likeliest first. Not a cluster of several spellings: it would chain two names
    (held out on the training corpus and on the synthetic benchmark, README "Evaluation")."""
    latin: dict[int, tuple[Token, ...]] = {}  # each unit's words, an Arabic one's as romanized

    def as_latin(u: int) -> tuple[Token, ...]:
        if u not in latin:
            latin[u] = split_words(romanize(texts[u])) if scripts[u] == "arabic" else words[u]
        return latin[u]

    unit_rows = list(counts) if counts is not None else [0] * len(texts)
    total = list(counts) if counts is not None else None  # rows per set (at its root)
    size = [1] * len(texts)  # units per set (at its root)
    lead = list(range(len(texts)))  # each set's unit of the most rows (at its root)

    def union(i: int, j: int, p: float) -> None:
        ri, rj = sets.find(i), sets.find(j)
        if sets.union(i, j, p) and total is not None:
            r = sets.find(i)
            lead[r] = min((lead[ri], lead[rj]), key=lambda u: (-unit_rows[u], u))
            total[r], size[r] = total[ri] + total[rj], size[ri] + size[rj]

    under = []
    for p, i, j in learned_links(texts, words, scripts, weight, model=model):
        if p < threshold:
            under.append((p, i, j))
            continue
        ri, rj = sets.find(i), sets.find(j)
        if ri == rj:
            continue
        ai, aj = sets.anchor[ri], sets.anchor[rj]
        if ai is not None or aj is not None:
            # the unit that would take the entity: the entity is its own best candidate
            u, entity = (j, ai) if aj is None else (i, aj)
            # under `JOIN_PROBABILITY`: a unit alone, whose own best candidate the entity is at `JOIN_LEANING`
            if p < join_threshold and (leaning is None or leaning[u].get(entity, 0.0) < JOIN_LEANING
                                       or size[sets.find(u)] != 1):
                continue
            if leaning is not None and ai != aj and leaning[u] and entity not in leaning[u]:
                continue
        if len(words[i]) == len(words[j]) >= 2:
            a, b = (words[i], words[j]) if scripts[i] == scripts[j] else (as_latin(i), as_latin(j))
            if similarity_of(a, b, weight) < SIMILARITY:
                continue
        union(i, j, p)
    if total is None:
        return
    # a slip: one unit alone, of one script with the cluster's most frequent spelling and alike to it
    # when two-edit slips are forgiven, and rarer than the cluster by `RARE` times; never into a
    # cluster that holds an entity
    slips = []
    for p, i, j in under:
        for u, v in ((i, j), (j, i)):
            ru, rv = sets.find(u), sets.find(v)
            if ru == rv or size[ru] != 1 or total[ru] * RARE > total[rv] or sets.anchor[ru] is not None \
                    or sets.anchor[rv] is not None or scripts[u] != scripts[lead[rv]]:
                continue
            lenient = similarity_of(words[u], words[lead[rv]], weight, strict=False)
            if lenient >= SIMILARITY:
                slips.append((-lenient, -p, u, v))
    for _neg, negp, u, v in sorted(slips):
        ru, rv = sets.find(u), sets.find(v)
        if ru != rv and size[ru] == 1 and total[ru] * RARE <= total[rv]:
            union(u, v, -negp)


def learned_links(texts: list[str], words: list[tuple[Token, ...]], scripts: list[str], weight: Weight, *,
                  model: Any = None) -> list[tuple[float, int, int]]:
    """The candidate pairs of units (`spelling_pairs`) scored by the learned pair model
    (`glossary.match.pairs`), most likely first: ``(probability, i, j)``."""
    from glossary.match.pairs import PairScorer

    pairs = spelling_pairs(texts, words, scripts, weight)
    if not pairs:
        return []
    import numpy as np

    probs = np.array(PairScorer(texts, model=model).probabilities(pairs))
    firsts, seconds, _levels = zip(*pairs)
    i, j = np.array(firsts), np.array(seconds)
    order = np.lexsort((j, i, -probs))
    return list(zip(probs[order].tolist(), i[order].tolist(), j[order].tolist()))


FORK_UNITS = 5_000
"""Units from which `spelling_pairs` finds the pairs of blocks and of trigrams in forked workers while
it finds the cross-script pairs here (fewer are paired here alone: starting workers costs more)."""
_FORKED: dict[str, Any] = {}
"""In a forked worker: the units `spelling_pairs` pairs."""


def _pairs_of(kind: str) -> list[tuple[Any, Any]]:
    """One of `spelling_pairs`' sources of pairs over the units in `_FORKED`, or (``roman``) the
    Arabic units' texts with their romanizations (what `_join_learned` and `_name` ask next)."""
    from glossary.match.features import view

    units = _FORKED
    if kind == "blocks":
        return candidate_pairs(units["words"], units["scripts"], units["weight"])
    if kind == "roman":
        return [(t, romanize(t)) for t, s in zip(units["texts"], units["scripts"]) if s == "arabic"]
    return gram_pairs([view(t).forms for t in units["texts"]])


def spelling_pairs(texts: list[str], words: list[tuple[Token, ...]], scripts: list[str],
                   weight: Weight, *, romanized: bool = True) -> list[tuple[int, int, str]]:
    """The pairs of units worth scoring, in order, each with the level the resolver would have found
    the one from the other at (``skeleton`` when their skeleton keys meet, else ``fuzzy`` or
    ``ngram``): each unit's nearest neighbours in the blocks of `candidate_pairs`, its nearest by
    letter trigrams (`gram_pairs`), and across scripts the units whose consonant skeletons are alike
    (`script_pairs`) and the nearest by the trigrams of an Arabic unit romanized (`roman_pairs`). For
    `FORK_UNITS` units or more on a machine of several cores, the first two are found in forked workers
    while the skeletons' pairs are found here; the workers also romanize the Arabic units (`romanize`,
    which keeps them for `roman_pairs`, `_join_learned` and `_name`). (`tools/train_matcher.py` fits the
    pair forest on these pairs without `roman_pairs` (``romanized=False``): the forest fitted before them
    scores them as well as one refitted with them, held out.)"""
    from glossary.match.features import view
    from glossary.match.memory import cores, forked

    skel = [{x for x in skeleton_keys(t) if x} for t in texts]  # (`keys`' skeletons, from the split kept)
    units = {"texts": texts, "words": words, "scripts": scripts, "weight": weight}
    parallel = len(texts) >= FORK_UNITS and cores() > 1
    with forked(_FORKED, units, parallel, most=2) as run:
        found = run(_pairs_of, ["blocks", "grams", "roman"] if parallel else ["blocks", "grams"])  # (started now)
        across = script_pairs(texts, words, scripts)
        for t in texts:  # meanwhile, the views the pair scorer reads next (`view` remembers them)
            view(t)
        blocks, grams, *roman = found
    if roman:
        remember(roman[0])
    pairs: dict[tuple[int, int], str] = {}
    for i, j in blocks:
        pairs[(i, j)] = "skeleton" if skel[i] & skel[j] else "fuzzy"
    for i, j in grams:
        pairs.setdefault((i, j), "skeleton" if skel[i] & skel[j] else "ngram")
    for a, b in across:
        i, j = min(a, b), max(a, b)
        pairs.setdefault((i, j), "skeleton" if skel[i] & skel[j] else "fuzzy")
    for i, j in roman_pairs(texts, scripts) if romanized else ():
        pairs.setdefault((i, j), "skeleton" if skel[i] & skel[j] else "ngram")
    return [(i, j, lv) for (i, j), lv in sorted(pairs.items())]


def roman_pairs(texts: list[str], scripts: list[str]) -> list[tuple[int, int]]:
    """The cross-script pairs that letter trigrams find: each Arabic unit romanized (`romanize`) and its
    `ROMAN_NEIGHBOURS` nearest Latin units (`gram_pairs`). Consonant skeletons (`script_pairs`) miss the
    pairs whose vowels or letters the two scripts write apart (Latamneh and اللطامنة: the article, the
    long vowels); the romanized reading carries the vowels the lexicon and the vocalizer give. Empty
    unless both scripts are there."""
    from glossary.match.features import view

    arabic = [s == "arabic" for s in scripts]
    if all(arabic) or not any(arabic):
        return []
    return gram_pairs([view(romanize(t) if a else t).forms for t, a in zip(texts, arabic)], asking=arabic,
                      neighbours=ROMAN_NEIGHBOURS)


def _idf_weight(unit_words: list[tuple[Token, ...]]) -> Weight:
    df: Counter[str] = Counter(w for words in unit_words for w in {x.form for x in words})
    total = max(len(unit_words), 2)
    memo: dict[str, float] = {}

    def weight(form: str) -> float:
        w = memo.get(form)
        if w is None:
            idf = math.log(1 + total / (1 + df.get(form, 0))) / math.log(1 + total)
            w = memo[form] = generic_weight(form) * min(1.0, 0.25 + idf)
        return w

    return weight


def _name(groups: dict[int, list[str]], sets: _Sets, counts: Counter[str], anchors: Mapping[str, str],
          reserved: Collection[str]) -> list[Cluster]:
    out: list[tuple[int, str, Cluster]] = []
    taken = set(reserved)
    ordered = []
    for root, members in groups.items():
        ms = tuple(sorted(((s, counts[s]) for s in members), key=lambda m: (-m[1], script(m[0]) == "arabic", m[0])))
        entity = sets.anchor[root]
        if entity is not None and all(s in anchors for s, _ in ms):
            continue
        ordered.append((entity is not None, -sum(c for _, c in ms), ms[0][0], root, ms))
    ordered.sort()
    for anchored, _neg, label, root, ms in ordered:
        base = slug(next((s for s, _ in ms if script(s) != "arabic"), "")) or _arabic_slug(label) or "name"
        cid, k = base, 2
        while cid in taken:
            cid, k = f"{base}-{k}", k + 1
        taken.add(cid)
        conf = sets.weakest[root] if len(ms) > 1 else 1.0
        out.append((0, cid, Cluster(cid, label, ms, conf, sets.anchor[root] if anchored else None)))
    return [c for _, _, c in out]


def _arabic_slug(text: str) -> str:
    return slug(romanize(text)) or slug(keys(text).skeleton.replace("ħ", "h").replace("7", "h"))
