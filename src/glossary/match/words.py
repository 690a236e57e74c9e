"""How alike two words are (`word_similarity`), 0 to 1, in one script or across the two.

1 when the folded forms are equal; less when only the consonants agree; a letter ratio above
a floor; only the consonants across scripts. The general facts of spelling that decide it
(a long vowel written or not, taa marbuta written -eh, an h left unwritten, g for qaf) are
the helpers below, each with the spellings that called for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from glossary.names import Token, equivalents, opposites, tokens

from .params import DEFAULT, Params


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


def ratio(a: str, b: str) -> float:
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


def ratios(a: str, bs: list[str]) -> list[float]:
    """`ratio` of ``a`` and each of ``bs``, in one rapidfuzz call once rapidfuzz is loaded."""
    if _INDEL is None:
        return [ratio(a, b) for b in bs]
    from rapidfuzz.distance import Indel
    from rapidfuzz.process import extract

    out = [0.0] * len(bs)
    for _, v, k in extract(a, bs, scorer=Indel.normalized_similarity, limit=None):
        out[k] = v
    return out


@lru_cache(maxsize=1 << 17)
def word_similarity(q: Token, n: Token, cross: bool, params: Params = DEFAULT, person: int = 0) -> float:
    """Similarity of two words, 0-1 (cross: the two are in different scripts).

    In a person's name (``person`` true) vowels count more: Hamud and Ahmad, Ammar and Umar
    share their consonants but are different names. A family name (``person`` = `FAMILY`)
    may vary its vowels as its region says it (Otri, Atri, Itri), letter for letter.

    Example:
        >>> from glossary.match.profile import profile
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
            r = ratio(q.cons, n.cons)
            if r >= 0.8:
                return params.skeleton_equal * r
        return 0.0
    if _eh_for_a(q.form, n.form) or _eh_for_a(n.form, q.form):
        return 0.95  # taa marbuta written -eh (Usameh ~ Usama, Hamzeh ~ Hamza)
    r = ratio(q.form, n.form)
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
    rc = ratio(q.cons, n.cons) if q.cons and n.cons else 0.0
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


def _g_for_q(a: Token, b: Token) -> bool:
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


def _eh_for_a(a: str, b: str) -> bool:
    """Whether folded ``a`` is ``b`` with its final -a written -eh, as Levantine spellings write
    taa marbuta (the folds keep -eh, as often a real h: Saleh, Fateh)."""
    return a.endswith("ih") and b.endswith("a") and len(b) >= 4 and a[:-2] == b[:-1]
