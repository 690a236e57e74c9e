"""The scorer: how well a query names one of an entity's names, 0 to 1.

Token-aware and one-to-one. Both sides are cut into words (`glossary.names.tokens`,
articles left out); each pair of words gets a similarity (`glossary.match.words`); pairs
are aligned greedily, best first, each word used at most once. The score is a weighted Dice
coefficient over `glossary.match.weights.Weights`: every word weighs its inverse document
frequency in the loaded glossary times a factor for generic words (``tables/generic.yaml``:
Jaysh, Liwa, Brigade, Kafr ...), so that sharing "Jaysh" makes two names barely alike while
sharing a rare word makes them close.

Person names: a middle name that one side lacks costs little ("Muhammad Ali Hasan
al-Zubaydi" is Muhammad al-Zubaydi), but a different given name costs a lot (Khalid
al-Zubaydi is not Muhammad al-Zubaydi). A Latin query matched only through the
consonants of an Arabic-only name scores below a Latin-to-Latin match.

Example:
    >>> from glossary.match.profile import profile
    >>> w = Weights({}, 1)
    >>> round(score(profile("Jaish al-Izzah"), profile("Jaysh al-Izza"), w), 2)
    1.0
    >>> score(profile("Jaysh al-Islam"), profile("Jaysh al-Izza"), w) < 0.5
    True
"""

from __future__ import annotations

from typing import NamedTuple

from glossary.names import Token, equivalents

from .params import DEFAULT, Params
from .profile import Profile
from .weights import PersonWords, Weights
from .words import FAMILY, ratio, word_similarity

_PARTICLE = 0.2
"""Generic factor at or below which a word is a particle (bin, ould, titles), not a name."""


_JOINED_LETTERS = 0.8
"""Letter ratio two names spaced otherwise need, beside equal consonants (Kafranbel ~ Kafr Nabl
0.82; Ansarallah ~ Nasr al-Ali 0.67 is another name)."""


def _first(words: tuple[Token, ...], weights: Weights) -> int:
    """Position of the first word that is not a particle or a very common prefix (Abu, Muhammad, bin)."""
    for i, w in enumerate(words):
        if weights.factor(w.form) >= 0.7 and (i == 0 or words[i - 1].form not in weights.kunya):
            return i
        if w.form in weights.kunya and i + 1 < len(words):
            return i + 1  # Abu Bakr: Bakr is the name that must agree
    return 0


def _droppable(words: tuple[Token, ...], weights: Weights) -> list[bool]:
    """Person-name words that may be left out: middle names, and what follows bin/ould (filiation)."""
    last = len(words) - 1
    out = [0 < i < last for i in range(len(words))]
    after = False
    for i, w in enumerate(words):
        if after:
            out[i] = True
        if weights.factor(w.form) <= 0.2 and i > 0:
            after = True
            out[i] = True
    return out


_NAMED_BY = 3
"""Words of a person's name that, all agreeing, name the person without the rest."""


def _all_paired(qw: tuple[Token, ...], mq: list[int], nw: tuple[Token, ...], mn: list[bool], weights: Weights) -> bool:
    """Whether every word of both names is paired, but particles (bin, ould, titles)."""
    factor = weights.factor
    return (all(j >= 0 or factor(w.form) <= 0.2 for w, j in zip(qw, mq))
            and all(m or factor(w.form) <= 0.2 for w, m in zip(nw, mn)))


class Joined(NamedTuple):
    """What `score` compares of a whole name."""

    words: tuple[Token, ...]
    """The name's words (kept, so that their id is not reused while the entry lives)."""
    forms: tuple[str, ...]
    letters: str
    """The folded forms joined."""
    consonants: str
    """The consonants joined."""
    unglued_letters: str
    """`letters` without an article glued to the front."""
    unglued_consonants: str
    """`consonants` without a glued article's l in front."""


_JOINED: dict[int, Joined] = {}
"""id of a profile's words -> its `Joined`, computed once per profile."""


def _joined(words: tuple[Token, ...]) -> Joined:
    info = _JOINED.get(id(words))
    if info is None:
        if len(_JOINED) >= 1 << 16:
            _JOINED.clear()
        forms = tuple([w.form for w in words])
        fj = "".join(forms)
        cj = "".join([w.cons for w in words])
        info = _JOINED[id(words)] = Joined(words, forms, fj, cj, _unglued_form(fj), _unglued(cj))
    return info


def _person_words(words: tuple[Token, ...], weights: Weights) -> PersonWords:
    """The `PersonWords` of a person's name, once per profile and weights."""
    cache = weights.person_words
    info = cache.get(id(words))
    if info is None:
        if len(cache) >= 1 << 16:
            cache.clear()
        info = cache[id(words)] = PersonWords(words, _first(words, weights), _droppable(words, weights))
    return info


def score(q: Profile, n: Profile, weights: Weights, *, person: bool = False, params: Params = DEFAULT) -> float:
    """How well query profile ``q`` names ``n``, 0-1 (see the module docstring).

    Args:
        q: the query's profile.
        n: one name's profile.
        weights: word weights of the loaded glossary.
        person: the name is a person's (middle names may be dropped, given names must agree).
        params: scorer constants.

    Returns:
        The score; 1.0 when every word agrees in folded form.
    """
    qw, nw = q.words, n.words
    if not qw or not nw:
        return 0.0
    cross = q.script != n.script
    qj = _JOINED.get(id(qw)) or _joined(qw)
    nj = _JOINED.get(id(nw)) or _joined(nw)
    if not cross and qj.forms == nj.forms:
        return 1.0
    lq, ln = len(qw), len(nw)
    pairs: list[tuple[float, int, int, int]] = []
    sim = word_similarity
    nforms = nj.forms
    for i, a in enumerate(qw):
        af = a.form
        for j, b in enumerate(nw):
            s = 1.0 if not cross and af == nforms[j] else sim(
                a, b, cross, params, person and (FAMILY if i and j and (i == lq - 1 or j == ln - 1) else 1))
            if a.opt != b.opt:
                s *= params.qualifier_for_word
            if s > 0.0:
                pairs.append((-s, i - j if i >= j else j - i, i, j))
    pairs.sort()  # best first; among equals, the pair closest in position (one-to-one, in order)
    mq = [-1] * lq  # query word -> the name word it is paired with (-1: none)
    mn = [False] * ln
    left = min(lq, ln)
    wcache = weights.computed
    mismatch = weights.mismatch
    equiv = equivalents()
    qforms = qj.forms
    matched = total = 0.0
    weakest = 1.0  # the least similar pair taken
    for neg, _, i, j in pairs:
        if mq[i] >= 0 or mn[j]:
            continue
        mq[i] = j
        mn[j] = True
        weakest = min(weakest, -neg)
        form = nforms[j]
        w = wcache.get(form)
        if w is None:
            w = weights(form)  # the glossary's word decides how much the pair weighs
        if neg > -0.9 and form in mismatch and qforms[i] + " " + form in equiv:
            # two head words only alike (Brigade ~ Battalion) weigh as much as left unpaired:
            # the pair says a little more than none, not that the names agree
            w = max(w, mismatch[form])
        matched += -2 * neg * w
        total += 2 * w
        left -= 1
        if not left:
            break  # one side is used up: no other pair can be taken
    qall = -1 not in mq
    nall = False not in mn
    if person:
        pq = weights.person_words.get(id(qw)) or _person_words(qw, weights)
        pn = weights.person_words.get(id(nw)) or _person_words(nw, weights)
    reordered = False
    if not qall or not nall:  # words left unpaired
        qdrop = pq.droppable if person else None
        ndrop = pn.droppable if person else None
        middle = params.middle_name
        factor = weights.generic.get
        unmatched = weights.computed_unmatched.get
        # A person named by three words or more that all agree with the other name: what
        # the other name has beyond them (a family name, al-Kubaysi) may be left out too.
        qdrop_all = person and nall and ln >= _NAMED_BY and weakest >= 0.85
        ndrop_all = person and qall and lq >= _NAMED_BY and weakest >= 0.85
        for i, a in enumerate(qw):
            if mq[i] < 0:
                if a.opt or qdrop_all or qdrop and qdrop[i]:
                    total += middle * factor(a.form, 1.0)
                else:
                    u = unmatched(a.form)
                    total += weights.unmatched(a.form) if u is None else u
        for j, b in enumerate(nw):
            if not mn[j]:
                if b.opt or ndrop_all or ndrop and ndrop[j]:
                    f = factor(b.form, 1.0)
                    total += middle * f if f <= _PARTICLE else middle
                else:
                    u = unmatched(b.form)
                    total += weights.unmatched(b.form) if u is None else u
    result = matched / total if total > 0 else 0.0
    if person and lq > 1 and ln > 1:
        fq, fn = pq.first, pn.first
        if (mq[0] == 0 and qw[0].form not in weights.kunya
                and word_similarity(qw[0], nw[0], cross, params, person) >= 0.85):
            fq = fn = 0  # the same first word (Muhammad Hasan Abbas ~ Muhammad Abbas)
        j0 = mq[fq]
        if j0 != fn and weakest >= 0.85 and _all_paired(qw, mq, nw, mn, weights):
            # every word of each name agrees with one of the other, in another order:
            # the same name written surname first (DJAMEL MOUSTFA ~ Mostafa Djamel)
            result *= params.reordered
            reordered = True
        elif j0 != fn:
            result *= params.given_name_mismatch  # the given names differ: another person
        elif not reordered and word_similarity(qw[fq], nw[fn], cross, params, person) < 0.85:
            result *= (1 + params.given_name_mismatch) / 2  # given names only alike
    if cross:
        if result < params.joined and lq != ln and qj.unglued_consonants == nj.unglued_consonants:
            result = params.joined * 0.95  # the same consonants, spaced otherwise (Bukamal ~ أبو كمال)
        result *= params.cross_script
    elif result < params.joined and lq != ln:
        if qj.letters == nj.letters or qj.unglued_letters == nj.unglued_letters:
            result = params.joined  # (an article glued the other way: Albu Kamal ~ al-Bukamal)
        elif qj.consonants == nj.consonants and ratio(qj.letters, nj.letters) >= _JOINED_LETTERS:
            result = max(result, params.joined * 0.95)
    return result


def _unglued_form(joined: str) -> str:
    """Folded words joined, without an article glued to the front (Albu Kamal ~ Bukamal)."""
    return joined[2:] if joined.startswith("al") and len(joined) > 5 else joined


def _unglued(cons: str) -> str:
    """Consonants of joined words, without a glued article's l in front."""
    return cons[1:] if cons.startswith("l") and len(cons) > 3 else cons
