"""The scorer: how well a query names one of an entity's names, 0 to 1.

Token-aware and one-to-one. Both sides are cut into words (`glossary.names.tokens`,
articles left out); each pair of words gets a similarity (1 when the folded forms are
equal; less when only the consonants agree; a rapidfuzz ratio above a floor; only the
consonants across scripts); pairs are aligned greedily, best first, each word used at
most once. The score is a weighted Dice coefficient over `glossary.weights.Weights`:
every word weighs its inverse document frequency in the loaded glossary times a factor for
generic words (``tables/generic.yaml``: Jaysh, Liwa, Brigade, Kafr ...), so that sharing
"Jaysh" makes two names barely alike while sharing a rare word makes them close.

Person names: a middle name that one side lacks costs little ("Muhammad Ali Hasan
al-Zubaydi" is Muhammad al-Zubaydi), but a different given name costs a lot (Khalid
al-Zubaydi is not Muhammad al-Zubaydi). A Latin query matched only through the
consonants of an Arabic-only name scores below a Latin-to-Latin match.

Example:
    >>> from glossary.profile import profile
    >>> w = Weights({}, 1)
    >>> round(score(profile("Jaish al-Izzah"), profile("Jaysh al-Izza"), w), 2)
    1.0
    >>> score(profile("Jaysh al-Islam"), profile("Jaysh al-Izza"), w) < 0.5
    True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from glossary.names import equivalents, opposites, tokens
from glossary.profile import Profile, Word
from glossary.weights import Weights


@dataclass(frozen=True, slots=True, eq=False)
class Params:
    """Scorer constants (the evaluation harness tunes them; the defaults are the tuned ones)."""

    consonants_equal: float = 0.86
    """A word pair whose consonants agree (Sermada ~ Sarmada): this plus a share of the letter ratio."""
    skeleton_equal: float = 0.72
    """A pair whose merged skeletons agree but not their consonants (Hamam ~ Hama)."""
    fuzzy_floor: float = 0.72
    """A letter ratio below this counts as no match."""
    cross_script: float = 0.9
    """Factor on a Latin-to-Arabic (or reverse) score, which compares consonants only."""
    middle_name: float = 0.3
    """Weight of a word one side may leave out and the other has: a person's middle name, a
    parenthesized qualifier, times the word's generic factor (bin, ould weigh next to nothing,
    Muhammad half). A name's word the query lacks weighs the same whatever it is, Muhammad
    too (but a particle: generic factor at most ``_PARTICLE``), so that two people who differ
    only in a middle name the query lacks tie, and the answer is ambiguous."""
    consonant_changed: float = 0.7
    """Factor on the letter ratio of two words of five letters or more, one letter apart, whose
    consonants differ (Qabbafi ~ Qabbani): below any accepted pair, so that it helps a name
    whose other words agree, never decides alone."""
    qualifier_for_word: float = 0.8
    """Factor on a pair of a parenthesized qualifier and a word of the name itself: Tall
    (al-Qusayr) is a Tall in al-Qusayr, not Tall al-Qasr."""
    given_name_mismatch: float = 0.55
    """Factor when two person names both have given names and these differ."""
    joined: float = 0.93
    """Score when the names are equal with spaces removed (Kafranbel ~ Kafr Nabl) but not word by word."""
    reordered: float = 0.9
    """Factor on a person's name whose words all agree with the other's, in another order."""


DEFAULT = Params()

_PARTICLE = 0.2
"""Generic factor at or below which a word is a particle (bin, ould, titles), not a name."""


def _indel_py(a: str, b: str) -> float:
    """rapidfuzz's ``Indel.normalized_similarity`` in plain Python, to the last bit: computed as
    rapidfuzz does, 1 - (total - 2·LCS) / total (2·LCS / total can differ in the last bit, and a
    process's answers would then depend on how many names it scored before)."""
    if not a or not b:
        return 1.0 if a == b else 0.0
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b):
            cur.append(prev[j] + 1 if ca == cb else max(prev[j + 1], cur[j]))
        prev = cur
    total = len(a) + len(b)
    return 1.0 - (total - 2 * prev[-1]) / total


_INDEL: Callable[[str, str], float] | None = None
_PY_CALLS = [0]


def _ratio(a: str, b: str) -> float:
    """Letter similarity of two words, 0-1: plain Python for the first few hundred calls (a
    single lookup need not import rapidfuzz, 30 ms), rapidfuzz after (same results, faster)."""
    global _INDEL
    if _INDEL is None:
        if _PY_CALLS[0] < 300:
            _PY_CALLS[0] += 1
            return _indel_py(a, b)
        from rapidfuzz.distance import Indel

        _INDEL = Indel.normalized_similarity
    return _INDEL(a, b)


def _ratios(a: str, bs: list[str]) -> list[float]:
    """`_ratio` of ``a`` and each of ``bs``, in one rapidfuzz call once rapidfuzz is loaded."""
    if _INDEL is None:
        return [_ratio(a, b) for b in bs]
    from rapidfuzz.distance import Indel
    from rapidfuzz.process import extract

    out = [0.0] * len(bs)
    for _, v, k in extract(a, bs, scorer=Indel.normalized_similarity, limit=None):
        out[k] = v
    return out


@lru_cache(maxsize=1 << 17)
def word_similarity(q: Word, n: Word, cross: bool, params: Params = DEFAULT, person: int = 0) -> float:
    """Similarity of two words, 0-1 (cross: the two are in different scripts).

    In a person's name (``person`` true) vowels count more: Hamud and Ahmad, Ammar and Umar
    share their consonants but are different names. A family name (``person`` = `FAMILY`)
    may vary its vowels as its region says it (Otri, Atri, Itri), letter for letter.

    Example:
        >>> from glossary.profile import profile
        >>> a, b, c = (profile(x).words[0] for x in ("Sermada", "Sarmada", "Salqin"))
        >>> word_similarity(a, b, False) > 0.86, word_similarity(a, c, False)
        (True, 0.0)
    """
    if not cross and q.form == n.form:
        return 1.0
    opp = opposites()
    if q.form in opp and n.form in opp and opp[q.form] != opp[n.form]:
        return 0.0  # Western is never Eastern, however alike the letters
    eq = equivalents().get(q.form + " " + n.form)
    if eq is not None:
        return eq  # a translation (Sham ~ Levant) or a unit of neighbouring rank (Brigade ~ Battalion)
    cons_eq = bool(q.cons) and q.cons == n.cons
    # (an empty alt is no reading: a word without consonants, Aiay, is not another word's alt)
    skel_eq = bool(q.skel) and (q.skel == n.skel or len(q.skel) > 1 and (q.skel == n.alt or q.alt != "" and q.alt == n.skel))
    if cross:
        if cons_eq or (skel_eq and len(q.cons) > 1 and (q.skel == n.alt or q.alt == n.skel)):
            return 0.95
        if skel_eq:
            return params.skeleton_equal
        if len(q.cons) >= 3 and len(n.cons) >= 3:
            r = _ratio(q.cons, n.cons)
            if r >= 0.8:
                return params.skeleton_equal * r
        return 0.0
    if _eh_for_a(q.form, n.form) or _eh_for_a(n.form, q.form):
        return 0.95  # taa marbuta written -eh (Usameh ~ Usama, Hamzeh ~ Hamza)
    r = _ratio(q.form, n.form)
    alt_eq = len(q.skel) > 1 and (q.skel == n.alt or q.alt != "" and q.alt == n.skel)  # glued article, construct taa
    if len(q.cons) <= 1:
        cons_eq = alt_eq = False  # one consonant in common says little (Izza, Azaz)
    family_spelling = person == FAMILY and cons_eq and _vowels_swapped(q.form, n.form)
    if person == 1 and cons_eq and (_long_vowel_apart(q.form, n.form) or _glide_apart(q.form, n.form)
                                    or not q.loose and not n.loose and _a_for_i(q.form, n.form)):
        # a given name's written long vowel counts (عمر is not عمار, Saad not Said), and so does
        # a written a or i (Jamal is not Jamil) unless one side writes it e (Jamel)
        return 0.5 + 0.3 * r
    # (the other reading of a word cut otherwise has the same letters: Nurul ~ Nur al-)
    cut = alt_eq and not cons_eq and (q.form.startswith(n.form) or n.form.startswith(q.form))
    # (a vowel written e stands for a or i: Ammer is Ammar, Hamed Hamid)
    e_for = (q.loose or n.loose) and _a_for_i(q.form, n.form)
    if (cons_eq or alt_eq) and person and r < 0.8 and not family_spelling and not cut and not e_for:
        return 0.5 + 0.3 * r  # same consonants, other vowels: in a person's name, another name
    if cons_eq or alt_eq:
        if len(q.cons) == 2 and not alt_eq:
            return 0.4 + 0.6 * r  # two consonants in common: the vowels must agree too (Diwar, Daraya)
        return params.consonants_equal + (1 - params.consonants_equal) * r
    if q.form.startswith("al") and q.form[2:] == n.form or n.form.startswith("al") and n.form[2:] == q.form:
        return 0.95  # an article glued to the word: Alwasl ~ al-Wasl
    if _h_dropped(q.form, n.form) or _h_dropped(n.form, q.form):
        return _H_DROPPED  # ḥ or h inside a word, unwritten as French spellings leave it (Mafouz, Moamed)
    if person != 1 and _g_for_q(q, n):
        return params.consonants_equal  # g for qaf, as Libya and the Gulf say it (Gaddafi, Gassim)
    if r < params.fuzzy_floor:
        return 0.0
    if r >= 0.85:
        return r * params.consonants_equal  # one letter in a long word (Shawagh ~ Shawakh)
    rc = _ratio(q.cons, n.cons) if q.cons and n.cons else 0.0
    if min(len(q.form), len(n.form)) <= 4 and r < 0.8:
        return 0.0  # short words one letter apart are as often different names (Rifaat, Riad)
    if rc < 0.75:
        # one consonant changed in a longer word (Qabbafi ~ Qabbani): a typo as often as another name
        return params.consonant_changed * r if r >= 0.8 and min(len(q.form), len(n.form)) >= 5 else 0.0
    return min(r, rc) * params.consonants_equal


FAMILY = 2
"""``person`` of `word_similarity` for a pair in which one word ends its name and neither begins
one: a family name, whose vowels vary where a given name's make another name."""


def _one_letter_apart(a: str, b: str) -> str:
    """The two letters of the one place where words of one length differ, letter for letter
    (Atri, Otri: "ao"), else ""."""
    if len(a) != len(b):
        return ""
    diff = [x + y for x, y in zip(a, b) if x != y]
    return diff[0] if len(diff) == 1 else ""


def _vowels_swapped(a: str, b: str) -> bool:
    """Whether two folded words differ in one vowel alone, letter for letter (Atri ~ Otri; not
    Iraqi ~ Raqqawi, whose consonants agree too, nor Hamsu ~ Humsi)."""
    d = _one_letter_apart(a, b)
    return bool(d) and d[0] in _VOWELS and d[1] in _VOWELS


_VOWELS = frozenset("aeiou")

_LONG_VOWELS = str.maketrans("", "", "\u0627\u0648\u064a\u0649")  # ا و ي ى


def _long_vowel_apart(a: str, b: str) -> bool:
    """Whether two Arabic-script words differ only in a long vowel written or not (حسن ~ حسين,
    سعد ~ سعيد, محمد ~ محمود: other names), not in a letter written twice (داود ~ داوود)."""
    if a == b or not a or not "\u0600" <= a[0] <= "\u06ff" or a.translate(_LONG_VOWELS) != b.translate(_LONG_VOWELS):
        return False
    return _undoubled(a) != _undoubled(b)


def _glide_apart(a: str, b: str) -> bool:
    """Whether two folded Latin words differ only in a y after a vowel and before a consonant
    or the end (Sad ~ Sayd: Saad is سعد, Said سعيد; Husan ~ Husayn), as a long vowel or diphthong
    written or not. A y before a vowel is a consonant that spellings drop (Fayiz ~ Faiz)."""
    if len(a) < len(b):
        a, b = b, a
    if len(a) != len(b) + 1:
        return False
    k = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), len(b))
    return (a[k] == "y" and 0 < k and a[k - 1] in _VOWELS and (k + 1 == len(a) or a[k + 1] not in _VOWELS)
            and a[:k] + a[k + 1 :] == b)


_H_DROPPED = 0.9
"""Similarity of two words one of which leaves out an h inside the word (Mafouz ~ Mahfouz)."""

_H_DIGRAPH = frozenset("kgsctdz")
"""Letters before h that make a digraph with it (kh, gh, sh, ch, th, dh, zh): no h of its own."""


def _h_dropped(a: str, b: str) -> bool:
    """Whether folded ``b`` is ``a`` with one h inside the word left out, not a digraph's h and
    not the first or last letter, in a word long enough that the h was not the difference
    between two names (Mahfuz ~ Mafuz, Muhamad ~ Muamad; not Rahma ~ Rama)."""
    if len(a) != len(b) + 1 or len(b) < 5:
        return False
    k = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), len(b))
    return 0 < k < len(b) and a[k] == "h" and a[k - 1] not in _H_DIGRAPH and a[k + 1 :] == b[k:]


def _a_for_i(a: str, b: str) -> bool:
    """Whether two folded words differ in one letter alone, a in one and i in the other
    (Jamal ~ Jamil, Hamad ~ Hamid, Karam ~ Karim)."""
    return _one_letter_apart(a, b) in ("ai", "ia")


_G_QAF = re.compile(r"(?<!n)g(?!h)")


def _g_for_q(a: Word, b: Word) -> bool:
    """Whether one Latin word writes g where the other has the consonants of q (or k): qaf said
    g, as in Libya, the Gulf and Bedouin speech (Gaddafi ~ Qadhafi, Gassim ~ Qasim). Not for a
    given name, where g is as often jim (Gamal is Jamal, not Kamal)."""
    for g, o in ((a, b), (b, a)):
        if "g" in g.form and ("q" in o.form or "k" in o.form):
            read = _G_QAF.sub("q", g.form)
            if read != g.form:
                t = tokens(read)
                return len(t) == 1 and t[0].cons == o.cons
    return False


def _undoubled(s: str) -> str:
    """``s`` with each run of one letter written once."""
    return "".join(c for i, c in enumerate(s) if i == 0 or c != s[i - 1])


_JOINED_LETTERS = 0.8
"""Letter ratio two names spaced otherwise need, beside equal consonants (Kafranbel ~ Kafr Nabl
0.82; Ansarallah ~ Nasr al-Ali 0.67 is another name)."""

def _eh_for_a(a: str, b: str) -> bool:
    """Whether folded ``a`` is ``b`` with its final -a written -eh, as Levantine spellings write
    taa marbuta (the folds keep -eh, as often a real h: Saleh, Fateh)."""
    return a.endswith("ih") and b.endswith("a") and len(b) >= 4 and a[:-2] == b[:-1]


def _first(words: tuple[Word, ...], weights: Weights) -> int:
    """Position of the first word that is not a particle or a very common prefix (Abu, Muhammad, bin)."""
    for i, w in enumerate(words):
        if weights.factor(w.form) >= 0.7 and (i == 0 or words[i - 1].form not in weights.kunya):
            return i
        if w.form in weights.kunya and i + 1 < len(words):
            return i + 1  # Abu Bakr: Bakr is the name that must agree
    return 0


def _droppable(words: tuple[Word, ...], weights: Weights) -> list[bool]:
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


def _all_paired(qw: tuple[Word, ...], mq: list[int], nw: tuple[Word, ...], mn: list[bool], weights: Weights) -> bool:
    """Whether every word of both names is paired, but particles (bin, ould, titles)."""
    factor = weights.factor
    return (all(j >= 0 or factor(w.form) <= 0.2 for w, j in zip(qw, mq))
            and all(m or factor(w.form) <= 0.2 for w, m in zip(nw, mn)))


_Joined = tuple[tuple[Word, ...], tuple[str, ...], str, str, str, str]
_JOINED: dict[int, _Joined] = {}
"""id of a profile's words -> (the words, their forms, forms joined, consonants joined, both
unglued): what `score` compares of a whole name, computed once per profile (the tuple is kept
in the entry, so its id is not reused while the entry lives)."""


def _joined(words: tuple[Word, ...]) -> _Joined:
    info = _JOINED.get(id(words))
    if info is None:
        if len(_JOINED) >= 1 << 16:
            _JOINED.clear()
        forms = tuple([w.form for w in words])
        fj = "".join(forms)
        cj = "".join([w.cons for w in words])
        info = _JOINED[id(words)] = (words, forms, fj, cj, _unglued_form(fj), _unglued(cj))
    return info


def _person_words(words: tuple[Word, ...], weights: Weights) -> tuple[tuple[Word, ...], int, list[bool]]:
    """(the words, `_first`, `_droppable`) of a person's name, once per profile and weights."""
    cache = weights._person
    info = cache.get(id(words))
    if info is None:
        if len(cache) >= 1 << 16:
            cache.clear()
        info = cache[id(words)] = (words, _first(words, weights), _droppable(words, weights))
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
    if not cross and qj[1] == nj[1]:
        return 1.0
    lq, ln = len(qw), len(nw)
    pairs: list[tuple[float, int, int, int]] = []
    sim = word_similarity
    nforms = nj[1]
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
    wcache = weights._cache
    mismatch = weights._mismatch
    equiv = equivalents()
    qforms = qj[1]
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
        pq = weights._person.get(id(qw)) or _person_words(qw, weights)
        pn = weights._person.get(id(nw)) or _person_words(nw, weights)
    reordered = False
    if not qall or not nall:  # words left unpaired
        qdrop = pq[2] if person else None
        ndrop = pn[2] if person else None
        middle = params.middle_name
        factor = weights._generic.get
        unmatched = weights._unmatched.get
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
        fq, fn = pq[1], pn[1]
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
        if result < params.joined and lq != ln and qj[5] == nj[5]:
            result = params.joined * 0.95  # the same consonants, spaced otherwise (Bukamal ~ أبو كمال)
        result *= params.cross_script
    elif result < params.joined and lq != ln:
        if qj[2] == nj[2] or qj[4] == nj[4]:
            result = params.joined  # (an article glued the other way: Albu Kamal ~ al-Bukamal)
        elif qj[3] == nj[3] and _ratio(qj[2], nj[2]) >= _JOINED_LETTERS:
            result = max(result, params.joined * 0.95)
    return result


def _unglued_form(joined: str) -> str:
    """Folded words joined, without an article glued to the front (Albu Kamal ~ Bukamal)."""
    return joined[2:] if joined.startswith("al") and len(joined) > 5 else joined


def _unglued(cons: str) -> str:
    """Consonants of joined words, without a glued article's l in front."""
    return cons[1:] if cons.startswith("l") and len(cons) > 3 else cons
