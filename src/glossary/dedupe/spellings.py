"""Token-aware similarity of two names, in either script, and the words it compares.

A name's words (`unit_key`, `similarity`) are its tokens (`glossary.names.Token`) without
articles, compared by folded form and consonant skeleton alone. `similarity` aligns the words of two names and weighs each pair
by how distinctive it is, telling two spellings of one word (Haqq, Hak) from two
different words (Hasan, Husayn). `glossary.dedupe.cluster` builds on it.

Example:
    >>> unit_key("Jaish el-Izzah")
    ('latin', 'jaysh iza')
    >>> similarity("Liwa al-Haqq", "Liwaa al-Haq") >= 0.8
    True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import NamedTuple, TypeVar

from rapidfuzz.distance import OSA, Indel

from ..names import Token, listed_factors, script, tokens

Weight = Callable[[str], float]
"""A word's weight (its folded form in, 0-1 out): generic words weigh less."""


def generic_weight(form: str) -> float:
    """The generic-word factor of a folded word (1.0 unless `tables/generic.yaml` lists it).

    Example:
        >>> generic_weight("jaysh") < 1.0 == generic_weight("izza")
        True
    """
    return listed_factors().get(form, 1.0)


SAME_SKELETON = 0.92
"""Two words with one consonant skeleton and vowels (Haqq, Hak) are at least this alike."""
FLOOR = 0.9
"""Two different words (Liwa, Jabhat) weigh at least this much, however generic: Liwa al-Nasr is not
Jabhat al-Nasr, and they earn nothing."""


def unit_key(text: str) -> tuple[str, str]:
    """The key-collision key of a spelling: its script and its meaningful folded words.

    Example:
        >>> unit_key("Jaish el-Izzah") == unit_key("Jaysh al-Izza")
        True
    """
    return unit_key_of(text, split_words(text))


def unit_key_of(text: str, words: tuple[Token, ...]) -> tuple[str, str]:
    """`unit_key` from the spelling's words (`split_name`), already split."""
    return script(text), " ".join(w.form for w in words) or text.strip().casefold()


_V = TypeVar("_V")


class Split(NamedTuple):
    """A spelling split once for everything dedupe asks of it."""

    words: tuple[Token, ...]
    """The words that carry meaning (articles dropped; Arabic ال kept off), with their folded form
    and skeleton alone: two words with both equal are one word here."""
    alt: str
    """The name's skeleton read the other way (`glossary.names.keys`' ``skeleton_alt``), or ""."""


def split_name(text: str) -> Split:
    """Split a spelling afresh (`_split` remembers).

    Example:
        >>> [(w.form, w.skel) for w in split_name("Liwa al-Haqq").words]
        [('liwa', 'l'), ('haq', 'ħk')]
    """
    words, sk, alt = [], [], []
    for t in tokens(text):
        if t.article:
            continue
        f = t.form
        if len(f) > 3 and f.startswith("ال"):
            f = f[2:]
        words.append(Token(f, t.skel))
        sk.append(t.skel)
        alt.append(t.alt or t.skel)
    skeleton, other = "".join(sk), "".join(alt)  # as glossary.names.keys joins them
    return Split(tuple(words), other if other != skeleton else "")


_SPLIT: dict[str, Split] = {}
"""`split_name` by spelling: the same names are split for resolving, clustering and scoring."""
_SPLIT_MAX = 1 << 18
"""Spellings remembered; past this the memo starts again (memory stays bounded)."""


def _split(text: str) -> Split:
    """`split_name`, remembered."""
    split = _SPLIT.get(text)
    if split is None:
        split = split_name(text)
        prime(((text, split),))
    return split


def split_words(text: str) -> tuple[Token, ...]:
    """The words of a spelling (`Split.words`), remembered."""
    return _split(text).words


def skeleton_keys(text: str) -> tuple[str, str]:
    """The skeleton and other skeleton of `glossary.names.keys`, from the remembered split.

    Example:
        >>> from glossary.names import keys
        >>> skeleton_keys("Kafr Nabl al-Sharqi") == tuple(keys("Kafr Nabl al-Sharqi")[2:])
        True
    """
    split = _split(text)
    return "".join(w.skel for w in split.words), split.alt


def prime(split: Iterable[tuple[str, Split]]) -> None:
    """Remember spellings split elsewhere (by `split_name`, in a worker process)."""
    keep(_SPLIT, split, _SPLIT_MAX)


def keep(memo: dict[str, _V], pairs: Iterable[tuple[str, _V]], most: int) -> None:
    """Put ``(text, value)`` pairs in a memo of at most ``most`` texts (all forgotten when it is full:
    memory stays bounded)."""
    for text, value in pairs:
        if len(memo) >= most:
            memo.clear()
        memo[text] = value


def similarity(a: str, b: str, weight: Weight = generic_weight) -> float:
    """Token-aware similarity (0-1) of two names, in any script.

    Each word of the shorter name is aligned with its closest word in the other
    (rapidfuzz ratio on the folded words, at least `SAME_SKELETON` when their
    consonant skeletons agree); the score is a weighted mean over both names' words,
    a pair weighing as its lighter word, so a generic word that matches counts for
    little and a distinctive one that differs costs a lot.

    Example:
        >>> similarity("Jaysh al-Islam", "Jaish al-Islam")
        1.0
        >>> similarity("Jaysh al-Islam", "Jaysh al-Izza") < 0.8
        True
    """
    return similarity_of(split_words(a), split_words(b), weight)


def similarity_of(a: tuple[Token, ...], b: tuple[Token, ...], weight: Weight, *, strict: bool = True) -> float:
    """`similarity` over words; ``strict=False`` forgives two-edit slips (Halabi, Haabi) that strict counts as
    different words."""
    if a == b:
        return 1.0 if a else 0.0
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    wa = [weight(w.form) for w in a]
    wb = [weight(w.form) for w in b]
    total = sum(wa) + sum(wb)
    if total <= 0:
        return Indel.normalized_similarity(" ".join(w.form for w in a), " ".join(w.form for w in b))
    used: set[int] = set()
    got = 0.0
    for i, x in enumerate(a):
        best, best_j = 0.0, -1
        for j, y in enumerate(b):
            if j not in used:
                sim = _pair(x, y).similarity
                if sim > best:
                    best, best_j = sim, j
        if best_j >= 0:
            used.add(best_j)
            wi, wj = wa[i], wb[best_j]
            pair = _pair(x, b[best_j])
            if wi and wj and (pair.different if strict else pair.different_leniently):
                total += max(wi, FLOOR) - wi + max(wj, FLOOR) - wj  # two different words, generic or not
            else:  # two spellings of one word weigh as the lighter (a misspelt Jaysh is still generic)
                m = min(wi, wj)
                got += best * 2 * m
                total -= wi + wj - 2 * m
    score = got / total if total > 0 else 0.0  # (every weight given back: two words of weight 0 alike)
    if len(a) != len(b):  # one name cut into words differently (Kafranbel, Kafr Nabl)
        ca, cb = "".join(w.form for w in a), "".join(w.form for w in b)
        joined = Indel.normalized_similarity(ca, cb)
        if "".join(w.skel for w in a) == "".join(w.skel for w in b) and len(ca) >= 6:
            joined += 0.06
        score = max(score, min(joined, 1.0) * min(1.0, 2 * total / (len(a) + len(b))))
    return score


class _Pair(NamedTuple):
    """How two words compare."""

    similarity: float
    """At least `SAME_SKELETON` when skeleton and vowels agree."""
    different: bool
    """They are different words, not two spellings of one (`_different`)."""
    different_leniently: bool
    """They are different words even to the lenient eye, which forgives two-edit slips."""


@lru_cache(maxsize=1 << 18)
def _pair(x: Token, y: Token) -> _Pair:
    """How two words compare (`_Pair`)."""
    if x == y:
        return _Pair(1.0, False, False)
    sim = Indel.normalized_similarity(x.form, y.form)
    if sim < SAME_SKELETON and x.skel and x.skel == y.skel and _same_vowels(x.form, y.form):
        sim = SAME_SKELETON
    return _Pair(sim, _different(x, y, True), _different(x, y, False))


def _different(x: Token, y: Token, strict: bool = True) -> bool:
    """Two aligned words that are different words, not two spellings of one.

    Two edits or more, unless skeleton and vowels agree (Hasan, Husayn; Idlibi, Libi); one
    edit on the first letter that changes the skeleton (أحمد, محمد); for Arabic script,
    different long vowels (محمد, محمود).
    """
    if x.form == y.form:
        return False
    if not strict:
        return OSA.normalized_similarity(x.form, y.form) < 0.6
    vx, vy = _vowels(x.form), _vowels(y.form)
    if x.skel == y.skel and vx == vy:
        return False
    if "\u0600" <= x.form[:1] <= "\u06ff":
        if vx != vy:
            return True
    elif x.skel == y.skel and _same_vowels(x.form, y.form):
        return False  # vowels spelt differently, not different vowels (Harakat, Harekat; Qurashi, Qureshi)
    d = OSA.distance(x.form, y.form)
    return d >= 2 or (d == 1 and x.form[0] != y.form[0] and x.skel != y.skel)


_VOWELS = str.maketrans("eo", "iu")


def _vowels(form: str) -> str:
    """The vowels of a folded word (long-vowel letters for Arabic): Hasan and Husayn differ here."""
    if form and "\u0600" <= form[0] <= "\u06ff":
        return "".join(c for c in form if c in "اويى")
    return "".join(c for c in form.translate(_VOWELS) if c in "aiu")


_FRAME = [("ay", "i"), ("ey", "i"), ("aw", "u"), ("ow", "u"), ("y", "i"), ("w", "u"), ("o", "u"), ("e", ""),
          ("a", ""), (" ", "")]


def frame(text: str) -> str:
    """Consonants and long vowels as unvocalized Arabic writes them (Husayn, حسين -> hsin; Hasan, حسن -> hsn)."""
    for x, y in _FRAME:
        text = text.replace(x, y)
    return text


def _same_vowels(x: str, y: str) -> bool:
    """Same long vowels: Arabic letters ا و ي, or the vowels a Latin spelling writes beyond a and e."""
    if "\u0600" <= x[:1] <= "\u06ff":
        return _vowels(x) == _vowels(y)

    def long_vowels(form: str) -> str:  # where they stand among the consonants: Muhammad .u.. Mahmud ...u.
        form = re.sub(r"(ih|ah|eh|at|a|e|h)$", "", form)  # taa marbuta endings, as many as romanizers write
        return re.sub(r"([iu])\1+", r"\1", "".join(c if c in "iu" else "." for c in frame(form)))

    return long_vowels(x) == long_vowels(y)
