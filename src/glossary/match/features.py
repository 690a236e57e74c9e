"""What the learned scorer knows of a (query, candidate name) pair: numbers, in a fixed order.

`pair_features` describes one pair, whatever else the query found; `context_features` adds what
the other candidate entities of the same query look like (a name that is the only one alike
says more than one of several). `PAIR` and `CONTEXT` name the numbers, in order; the model file
(``match/data/matcher.json``) lists the names it was fitted on, and `glossary.match.model`
refuses a file whose list differs.

The pair's words are aligned one to one, best pair first, preferring equal folded forms, then
equal consonants, then equal skeletons, then the letter ratio; the alignment is read through
several channels (folded forms equal, consonants equal, skeletons equal, letter ratios), each
weighed by the words' inverse document frequency in the loaded glossary
(`glossary.match.weights.Weights`). The whole names are compared too, joined (Kafranbel ~ Kafr
Nabl), and by the learned letter transducer (`glossary.match.transducer`), in both directions and
word by word. Evidence that is weak by nature is a feature of its own: the level at which the
candidate was found (a consonant skeleton alone, the fuzzy or letter n-gram levels), a query of
three letters or fewer as written, a query of particles alone (Abu, Umm, Bin), a name in the other script.

Example:
    >>> from glossary.match.profile import profile
    >>> from glossary.match.transducer import Transducer
    >>> from glossary.match.weights import Weights
    >>> t = Transducer({}, {})
    >>> f = dict(zip(PAIR, pair_features(view("Jaish al-Izzah"), view("Jaysh al-Izza"), "folded", "group",
    ...                                   Weights({}, 1), t, t)))
    >>> f["d_eq"], f["lv_folded"], f["short"]
    (1.0, 1.0, 0.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from glossary.names import Token, particles

from .letters import ratio
from .profile import Profile, profile
from .transducer import NO_PATH, Transducer
from .weights import Weights

LEVELS = ("exact", "folded", "skeleton", "fuzzy", "acronym", "ngram")
"""The levels a candidate can be found at (`glossary.match.candidates`), strictest first."""

PAIR: tuple[str, ...] = (
    "lq", "ln", "qlen", "nlen", "cross", "q_arabic",
    *(f"lv_{lv}" for lv in LEVELS),
    "person", "place", "short", "particles_only",
    "j_rf", "j_rc", "j_rs", "j_ce", "j_se",
    "d_sim", "d_eq", "d_ce", "d_se", "d_rf", "d_rc", "c_sim", "c_eq", "c_ce", "c_se",
    "matched", "weakest", "order", "uq_max", "un_max", "uq_n", "un_n", "uq_opt", "un_opt",
    "first", "last", "first_eq", "qidf_max", "qidf_sum", "nidf_sum",
    "t_fwd", "t_rev", "w_min", "w_mean", "w_bad",
)
"""The pair features, in the order the model reads them."""

CONTEXT: tuple[str, ...] = ("o_t", "t_gap", "o_dsim", "o_jrf", "n_entities", "sib", "sib_dsim", "sib_t")
"""The context features (after `PAIR` in the resolver's model): the best other entity's
transducer score, this one's lead over it, the best other entity's aligned and joined letter
similarity, and how many entities the query found; for a name in the other script than the
query's, whether its entity has a name in the query's script among the candidates too, and that
name's best aligned similarity and transducer score (a name in the query's own script says which
vowels the entity has: Bushra is not Bashar, though بشار has the consonants of both)."""

_T_FWD, _D_SIM, _J_RF, _CROSS = PAIR.index("t_fwd"), PAIR.index("d_sim"), PAIR.index("j_rf"), PAIR.index("cross")

_WORD_BAD = 0.5
"""A word pair the transducer scores below this (per letter, over chance) is counted as badly
explained (`w_bad`)."""


class View(NamedTuple):
    """A name as the features read it: its profile and its words' letters joined."""

    text: str
    profile: Profile
    forms: str
    """Folded forms of its words, joined (the transducer's input)."""
    cons: str
    skel: str
    letters: int
    """Letters of the name as written (either script), the short-query test of `PAIR`'s ``short``."""


@lru_cache(maxsize=1 << 16)
def view(text: str) -> View:
    """The `View` of a name (cached: a glossary's names recur across queries)."""
    p = profile(text)
    return _view_of(text, p)


def view_of_profile(text: str, p: Profile) -> View:
    """The `View` of a name whose profile is known already (decoded from the index)."""
    return _view_of(text, p)


def _view_of(text: str, p: Profile) -> View:
    w = p.words
    return View(text, p, "".join(t.form for t in w), "".join(t.cons for t in w), "".join(t.skel for t in w),
                sum(ch.isalpha() for ch in text))


def _channels(a: Token, b: Token, cross: bool) -> tuple[bool, bool, bool, float, float, float]:
    """How two words agree: folded forms equal, consonants equal, skeletons equal (either reading),
    letter ratio of the forms (same script only), of the consonants, and the alignment order."""
    eq = not cross and a.form == b.form
    ce = len(a.cons) >= 2 and a.cons == b.cons
    se = len(a.skel) >= 2 and (a.skel == b.skel or a.skel == b.alt or (a.alt != "" and a.alt == b.skel))
    rf = 1.0 if eq else (ratio(a.form, b.form) if not cross else 0.0)
    rc = ratio(a.cons, b.cons) if a.cons and b.cons else 0.0
    order = max(1.0 if eq else 0.0, 0.9 if ce else 0.0, 0.85 if se else 0.0, rf, 0.8 * rc)
    return eq, ce, se, rf, rc, order


def pair_features(q: View, n: View, level: str, etype: str, weights: Weights,
                  forward: Transducer, backward: Transducer) -> list[float]:
    """The `PAIR` features of query ``q`` and candidate name ``n``.

    Args:
        q: the query's view.
        n: the name's view.
        level: where the candidate was found (one of `LEVELS`).
        etype: the entity's type.
        weights: word weights of the loaded glossary.
        forward: the transducer from a name's letters to a query's.
        backward: the transducer from a query's letters to a name's.

    Returns:
        The features, in `PAIR` order.
    """
    qp, np_ = q.profile, n.profile
    cross = qp.script != np_.script
    qw, nw = qp.words, np_.words
    lq, ln = len(qw), len(nw)
    wq = [weights(w.form) for w in qw]
    wn = [weights(w.form) for w in nw]
    # words aligned one to one, the best pair first (among equals, the closest in position)
    sims: dict[tuple[int, int], tuple[bool, bool, bool, float, float, float]] = {}
    pairs: list[tuple[float, int, int, int]] = []
    for i, a in enumerate(qw):
        for j, b in enumerate(nw):
            s = sims[i, j] = _channels(a, b, cross)
            if s[5] > 0.5:
                pairs.append((-s[5], abs(i - j), i, j))
    pairs.sort()
    mq, mn = [-1] * lq, [-1] * ln
    for _, _, i, j in pairs:
        if mq[i] < 0 and mn[j] < 0:
            mq[i], mn[j] = j, i
    total = sum(wq) + sum(wn)
    d = [0.0] * 6  # order, eq, ce, se, rf, rc: weighed by the pair's weight
    c = [0.0] * 4  # order, eq, ce, se: counted
    weakest, matched, in_order, last = 1.0, 0, True, -1
    wsum = wllr = 0.0
    wmin, wbad = 9.0, 0
    for i, j in enumerate(mq):
        if j < 0:
            continue
        eq, ce, se, rf, rc, order = sims[i, j]
        w = wq[i] + wn[j]
        d[0] += order * w
        d[1] += eq * w
        d[2] += ce * w
        d[3] += se * w
        d[4] += rf * w
        d[5] += rc * w
        c[0] += order
        c[1] += eq
        c[2] += ce
        c[3] += se
        weakest = min(weakest, order)
        matched += 1
        in_order = in_order and j > last
        last = j
        v = forward.llr(nw[j].form, qw[i].form)
        wmin = min(wmin, v)
        wbad += v < _WORD_BAD
        wsum += w
        wllr += v * w
    words = lq + ln
    return [
        lq, ln, len(q.forms), len(n.forms), float(cross), float(qp.script == "arabic"),
        *(float(level == lv) for lv in LEVELS),
        float(etype == "person"), float(etype == "place"), float(q.letters <= 3), float(_particles_only(qw, weights)),
        ratio(q.forms, n.forms) if not cross else 0.0, ratio(q.cons, n.cons), ratio(q.skel, n.skel),
        float(len(q.cons) >= 2 and q.cons == n.cons), float(len(q.skel) >= 2 and q.skel == n.skel),
        *(x / total if total > 0 else 0.0 for x in d),
        *(2 * x / words if words else 0.0 for x in c),
        matched, weakest if matched else 0.0, float(in_order),
        max((wq[i] for i in range(lq) if mq[i] < 0), default=0.0),
        max((wn[j] for j in range(ln) if mn[j] < 0), default=0.0),
        sum(1 for x in mq if x < 0), sum(1 for x in mn if x < 0),
        sum(1 for i in range(lq) if mq[i] < 0 and qw[i].opt), sum(1 for j in range(ln) if mn[j] < 0 and nw[j].opt),
        sims[0, 0][5] if lq and ln else 0.0, sims[lq - 1, ln - 1][5] if lq and ln else 0.0,
        float(bool(lq and ln and sims[0, 0][0])),
        max(wq, default=0.0), sum(wq), sum(wn),
        forward.llr(n.forms, q.forms), backward.llr(q.forms, n.forms),
        wmin if matched else NO_PATH, wllr / wsum if wsum > 0 else NO_PATH, float(wbad),
    ]


def _particles_only(words: Sequence[Token], weights: Weights) -> bool:
    """Whether a query has no word but particles and generic words (Abu, Umm, Bin, al-)."""
    skip = particles()
    return all(w.form in skip or weights.factor(w.form) <= 0.3 for w in words)


def context_features(entities: Sequence[str], rows: Sequence[Sequence[float]]) -> list[list[float]]:
    """The `CONTEXT` features of each candidate row of one query (``entities[k]``: row k's entity).

    Example:
        >>> x = [0.0] * len(PAIR)
        >>> context_features(["a", "b"], [x, x])[0][4]
        2.0
    """
    best: dict[str, tuple[float, float, float]] = {}
    own: dict[str, tuple[float, float]] = {}  # entity -> its names in the query's script: best similarity, transducer
    for e, r in zip(entities, rows):
        t, ds, jr = best.get(e, (NO_PATH, 0.0, 0.0))
        best[e] = (max(t, r[_T_FWD]), max(ds, r[_D_SIM]), max(jr, r[_J_RF]))
        if not r[_CROSS]:
            od, ot = own.get(e, (0.0, NO_PATH))
            own[e] = (max(od, r[_D_SIM]), max(ot, r[_T_FWD]))
    # the two best entities by each measure, so that "the best other" is one look-up per row
    tops = [sorted(((v[k], e) for e, v in best.items()), reverse=True)[:2] for k in range(3)]
    n = float(len(best))
    out = []
    defaults = (NO_PATH, 0.0, 0.0)
    for e, r in zip(entities, rows):
        other = [next((v for v, x in top if x != e), defaults[k]) for k, top in enumerate(tops)]
        sib = own.get(e) if r[_CROSS] else None
        out.append([other[0], r[_T_FWD] - other[0], other[1], other[2], n,
                    float(sib is not None), sib[0] if sib else 0.0, sib[1] if sib else NO_PATH])
    return out
