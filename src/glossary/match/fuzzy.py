"""The fuzzy level of the resolver: names no key finds, found without scanning the glossary.

A misspelt name shares most of its words with the right one, exactly or one letter away.
`candidates` looks up every two of the query's words at once (pair keys, so that a name
sharing two words is found however common each word is alone) and, failing that, each word
alone; a word one letter away comes from the deletion neighbourhood of the glossary's word
skeletons (`glossary.match.keys.deletions`). Each name gets votes (the words' rarity; for a word
one letter away, half its own rarity), every step within a budget of names (past it, a pair
only raises the names found already); the best few go to the scorer.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from glossary.names import Token, particles, translations

from .keys import deletions
from .letters import ratios
from .profile import FIELD, WORD, Profile
from .rows import Store

_FUZZY_CANDIDATES = 12
"""Names the fuzzy level hands to the scorer (at most)."""
_NEAR_CAP = 32
"""Skeletons one letter away looked at per word (at most)."""
_PAIR_CAP = 200
"""Names of one pair key counted (a pair more common than this counts only while nothing else has)."""
_RAISE_CAP = 2000
"""Names of a pair key too common to count read (at most) to raise the names already found."""
_RAISE = 0.25
"""Share of its weight such a pair adds to a name it holds."""
_VOTE_BUDGET = 500
"""Names counted over all pair keys, the rarest keys first."""
_TIE_CAP = 128
"""Names tied at the cut looked at to break the tie."""


def candidates(store: Store, qprof: Profile, *, full: bool, memo: dict[str, Any] | None = None) -> set[int]:
    """Names sharing words with the query, exactly or one letter away (bounded, no scan).

    A query of several words looks up every two of its words at once (pair keys), so a
    name that shares two words is found however common each word is; a one-word query,
    or one whose pairs find nothing, looks up each word alone. Each name gets votes
    (the words' weights; half its own for a skeleton one letter away); the best few are scored.
    Words one letter away are looked for only around the query's words the glossary does
    not know (a misspelt word is mostly unknown), unless ``full``: the second pass, for a
    query the first left without a match (a misspelling that made another known word).
    ``memo`` (a dict, empty for the first pass) carries the first pass's pair votes to the
    second, which then counts only the pairs the first did not.
    """
    words = query_words(qprof)
    if not words:
        return set()
    exact_groups = word_groups(words, full=full)
    # A word votes by how rare its skeleton is (a misspelt word is unknown to the glossary,
    # but its skeleton may be common: Zuaydi -> st, as Ziyad and Zita)
    postings = dict(store.word_postings(list({x for g in exact_groups for x in g})))
    n = max(store.n_entities, 1)
    norm = math.log(1 + n)

    def rarity(size: int) -> float:
        return max(0.05, min(math.log(1 + n / max(1, size)) / norm, 1.0))

    most = [max((len(postings.get(x, ())) for x in g), default=0) for g in exact_groups]
    wts = [rarity(m) for m in most]
    near_groups = _near_groups(store, exact_groups, [full or not m for m in most])
    # a word one letter away votes by its own rarity, halved: a misspelt word is unknown (the
    # rarest), but the common Nabil one letter from "Iblibi" says little
    near_all = sorted({x for g in near_groups for x in g} - postings.keys())
    if near_all:
        postings.update(store.word_postings(near_all))
    near_wts = {k: 0.5 * rarity(len(postings[k])) for g in near_groups for k in g if k in postings}
    votes: dict[int, float] = {}
    counted: set[str] = set()
    if memo is not None and "votes" in memo:
        votes.update(memo["votes"])
        counted = memo["counted"]
    if len(words) >= 2:
        _pair_votes(store, exact_groups, near_groups, wts, near_wts, votes, counted)
    if memo is not None and "votes" not in memo:
        memo["votes"], memo["counted"] = dict(votes), counted
    if not votes:
        _word_votes(postings, exact_groups, near_groups, wts, near_wts, votes)
    if not votes:
        return set()
    # the best few, and none far below the best
    ranked = sorted(votes.items(), key=itemgetter(1), reverse=True)
    if len(ranked) > _FUZZY_CANDIDATES and ranked[_FUZZY_CANDIDATES][1] == ranked[_FUZZY_CANDIDATES - 1][1]:
        ranked = _break_ties(store, ranked, words)
    ranked = ranked[:_FUZZY_CANDIDATES]
    least = 0.4 * ranked[0][1]
    return {nid for nid, v in ranked if v >= least}


def query_words(qprof: Profile) -> list[Token]:
    """The query's words that look for names (at most 6): a particle finds nothing ("Army of X"
    shares "of" with every "Y of Z", "Hama city" "city" with every X City)."""
    skip = particles()
    return [w for w in qprof.words if w.skel and w.form not in skip][:6]


def word_groups(words: list[Token], *, full: bool) -> list[list[str]]:
    """The skeletons each word looks up: its own, its other reading, its translations' (Army of the
    Mujahidin: Jaysh al-Mujahidin); and in the second pass (``full``) a Latin word written with
    its taa marbuta pronounced t, as before a genitive, read as the word written without it
    (Gama'at, Gama'a; not the scorer: Maarat is no Umar)."""
    trans = translations()
    return [sorted({s for s in (w.skel, w.alt, _without_taa(w) if full else "", *trans.get(w.form, ())) if s})
            for w in words]


def _without_taa(w: Token) -> str:
    """The skeleton of a Latin word ending in -at read as taa marbuta (its form ends in -a), without
    the t ("" for any other word)."""
    return w.skel[:-1] if len(w.skel) > 2 and w.skel.endswith("t") and w.form.endswith("a") else ""


def _break_ties(store: Store, ranked: list[tuple[int, float]], words: list[Token]) -> list[tuple[int, float]]:
    """``ranked`` with the names tied at the cut ordered by how many of the query's first and last
    words they hold in the same place, by skeleton and by folded spelling (Hisham al-Sharaa: the
    al-Sharaa before the al-Shaar), then by how alike those words' letters are (Bashar Kamal
    al-Hasdimi: the al-Hashimi first among a hundred Bashar Kamal X); ties: first found first.
    "Bashar Foz" shares two words with every Bashar X Foz and every X Bashar Foz alike; the
    candidates must include the Bashar X Foz, all of them alike (so that the answer is
    ambiguous, not the first one found)."""
    cut = ranked[_FUZZY_CANDIDATES - 1][1]
    i = _FUZZY_CANDIDATES - 1  # ranked is sorted: the tied run is found by walking from the cut
    while i and ranked[i - 1][1] == cut:
        i -= 1
    j, end = _FUZZY_CANDIDATES, min(len(ranked), i + _TIE_CAP)
    while j < end and ranked[j][1] == cut:
        j += 1
    head, tied = ranked[:i], ranked[i:j]
    rows = store.name_rows([nid for nid, _ in tied])
    w0, wn = words[0], words[-1]
    # the name's first and last words as `encode` writes them, compared in place (no split)
    ff, lf = w0.form + FIELD, wn.form + FIELD
    first = tuple(FIELD + x + FIELD for x in {w0.skel, w0.alt} - {""})
    last = tuple(FIELD + x + FIELD for x in {wn.skel, wn.alt} - {""})
    strs = [rows[nid].profile for nid, _ in tied]
    starts = [s.rfind(WORD) + 1 or 1 for s in strs]  # where the last word begins
    neg = [-(a + b + c + d) for a, b, c, d in zip(
        [s.startswith(ff, 1) for s in strs], [s.startswith(lf, p) for s, p in zip(strs, starts)],
        [s.startswith(first, s.find(FIELD, 1)) for s in strs],
        [s.startswith(last, s.find(FIELD, p)) for s, p in zip(strs, starts)])]
    order = sorted(range(len(tied)), key=neg.__getitem__)  # stable: first found first
    # only the run of equal agreement that straddles the cut needs its letters compared
    slots = _FUZZY_CANDIDATES - i
    level = neg[order[slots - 1]]
    lo = slots - 1
    while lo and neg[order[lo - 1]] == level:
        lo -= 1
    hi = slots
    while hi < len(order) and neg[order[hi]] == level:
        hi += 1
    tied = [tied[k] for k in order]
    if hi > slots:
        run = tied[lo:hi]
        # the run's first and last folded words, cut out of the strings read above (where each
        # word begins is known: the first at 1, the last at its start)
        at = order[lo:hi]
        firsts = [_field(strs[k], 1) for k in at]
        lasts = [_field(strs[k], starts[k]) for k in at]
        key = [0.0] * len(run)
        for forms, q in ((firsts, w0.form), (lasts, wn.form)):
            if forms.count(q) < len(forms):  # (a word the whole run shares orders nothing)
                for k, v in enumerate(ratios(q, forms)):
                    key[k] -= v
        tied[lo:hi] = [run[k] for k in sorted(range(len(run)), key=key.__getitem__)]
    return head + tied


def _field(s: str, start: int) -> str:
    """The field of an encoded profile that begins at ``start`` (a word's folded form)."""
    end = s.find(FIELD, start)
    return s[start:end] if end >= 0 else s[start:]


def _near_groups(store: Store, exact_groups: list[list[str]], wanted: list[bool]) -> list[list[str]]:
    """For each word (where ``wanted``), the glossary's skeletons one letter longer or with one
    letter changed. (Not one letter shorter: indexing each skeleton under itself finds those
    too, but on the 100,000-entity benchmark it gained 28 right answers and 4 wrong ones: a
    common name one letter shorter, Ahmad for Mahmud, crowds the right name out.)"""
    dels = list({d for g, w in zip(exact_groups, wanted) if w
                 for s in g for d in (s, *(deletions(s) if len(s) >= 3 else ()))})
    near = store.near_skeletons(dels) if dels else {}
    out: list[list[str]] = []
    for g, w in zip(exact_groups, wanted):
        ng: set[str] = set()
        if w:
            for s in g:
                ng.update(near.get(s, ()))  # one letter more
                if len(s) >= 3:
                    for d in deletions(s):
                        ng.update(near.get(d, ()))  # one letter changed (not one less: see the note)
        out.append(sorted(ng - set(g))[:_NEAR_CAP] if ng else [])
    return out


def _pair_votes(store: Store, exact_groups: list[list[str]], near_groups: list[list[str]], wts: list[float],
                near_wts: dict[str, float], votes: dict[int, float], counted: set[str]) -> None:
    """Votes from pair keys: names sharing two of the query's words (at most one approximate)."""
    wanted: dict[str, float] = {}
    pair_of: dict[str, int] = {}  # key -> the pair of query words it stands for (i * 8 + j)

    def want(sa: str, sb: str, v: float) -> None:
        k = "&" + sa + " " + sb if sa <= sb else "&" + sb + " " + sa
        if k not in counted and v > wanted.get(k, -1.0):
            wanted[k] = v
            pair_of[k] = pair

    for i in range(len(exact_groups)):
        for j in range(i + 1, len(exact_groups)):
            pair = i * 8 + j
            wi, wj = wts[i], wts[j]
            for sa in exact_groups[i]:
                for sb in exact_groups[j]:
                    want(sa, sb, wi + wj)
                for sb in near_groups[j]:
                    want(sa, sb, wi + near_wts.get(sb, 0.025))
            for sa in near_groups[i]:
                for sb in exact_groups[j]:
                    want(sa, sb, near_wts.get(sa, 0.025) + wj)
    # the rarest and weightiest pairs first
    hits = sorted(store.lookup_by_key(list(wanted)).items(), key=lambda kv: (len(kv[1]) / wanted[kv[0]], kv[0]))
    budget = _VOTE_BUDGET
    get = votes.get
    taken: dict[tuple[int, int], float] = {}
    keys_per_pair = Counter(pair_of.values())
    for k, nids in hits:
        v = wanted[k]
        # A pair only raises the names found already when it is too common to count once the
        # rarer pairs have found the candidates: by a quarter of its weight, enough to order
        # names tied otherwise (Sami Khabid Foz: of the names one letter from Khabid and with
        # Foz, the one with Sami too) but not to leave a name found by its rarer pairs below
        # the cut (0.4 of the best's votes), and not at all past _RAISE_CAP names. Or when the
        # budget is spent: by its whole weight (Kamal Samir X, the one among them whose X is
        # one letter from the query's).
        common = bool(votes) and len(nids) > _PAIR_CAP
        if common or budget <= 0 and len(nids) > 8:
            if not common or len(nids) <= _RAISE_CAP:
                add = _RAISE * v if common else v
                for nid in votes.keys() & nids:
                    votes[nid] += add
                counted.add(k)
            continue
        # a name counts each pair of the query's words once, by its best key: the skeleton and
        # the other readings of one word (ة read t or not) are not two words in common
        p = pair_of[k]
        if keys_per_pair[p] == 1:  # (the common case: no other key to count twice)
            for nid in nids[:_PAIR_CAP] if len(nids) > _PAIR_CAP else nids:
                votes[nid] = get(nid, 0.0) + v
        else:
            for nid in nids[:_PAIR_CAP] if len(nids) > _PAIR_CAP else nids:
                had = taken.get((nid, p), 0.0)
                if v > had:
                    votes[nid] = get(nid, 0.0) + v - had
                    taken[nid, p] = v
        budget -= len(nids)
        counted.add(k)


def _word_votes(postings: dict[str, Sequence[int]], exact_groups: list[list[str]], near_groups: list[list[str]],
                wts: list[float], near_wts: dict[str, float], votes: dict[int, float]) -> None:
    """Votes from single words, the rarest first, within a budget: never a scan. A word's own
    skeletons come before those one letter away (the rarest first), each name counted once.
    ``postings``: the names of every skeleton in the groups (read once by `candidates`)."""
    order = sorted(range(len(exact_groups)), key=lambda i: sum(len(postings.get(x, ())) for x in exact_groups[i]))
    budget = 4 * _VOTE_BUDGET
    get = votes.get
    for i in order:
        mine: dict[int, float] = {}
        near = sorted(near_groups[i], key=lambda sk: len(postings.get(sk, ())))
        w = wts[i]
        for group, exact in ((exact_groups[i], True), (near, False)):
            for sk in group:
                if budget <= 0:
                    break
                before = len(mine)
                v = w if exact else near_wts.get(sk, 0.025)
                for nid in postings.get(sk, ())[:budget]:
                    mine.setdefault(nid, v)
                budget -= len(mine) - before
        for nid, v in mine.items():
            votes[nid] = get(nid, 0.0) + v
        if budget <= 0:
            break
