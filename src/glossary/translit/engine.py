"""Compile a scheme table into a fast mapper: the only rule code of `glossary.translit`.

Two kinds of table (``kind`` in the YAML header):

* ``charmap`` (Buckwalter, Safe Buckwalter, ISO 233): one Latin sign per Arabic
  character, compiled into a `str.translate` table (plus doubling of a letter under
  shadda when the table says ``shadda: double``); the reverse map is built from the
  same table, and a collision is a `SchemeError` unless ``reverse-prefer`` settles it.
* ``transcription`` (ALA-LC, DIN 31635, BGN/PCGN, simple): letters and vowels from the
  table, and a small word-level pass for what differs between schemes: the article and
  sun letters, prefixes, tāʾ marbūṭa in pause and construct, long vowels, diphthongs,
  shadda, nisba, hamza by position, digraph separators and capitalisation.

Input is cleaned first (`clean`): NFKC (presentation forms, ligatures such as ﻻ and ﷲ),
then tatweel, bidi controls and joiners are removed and Persian ک ی become ك ي.
Every mapper is total: any `str` in, a `str` out, never an exception.
"""

from __future__ import annotations

import functools

from glossary.errors import Problem, SchemeError
from glossary.translit._schema import Scheme
from glossary.translit.charmap import Charmap
from glossary.translit.letters import (
    _PUNCT,
    _WORD,
    ALIF,
    DAGGER,
    DAMMA,
    DAMMATAN,
    FATHA,
    FATHATAN,
    HAMZAS,
    KASRA,
    KASRATAN,
    LAM,
    MADDA,
    MAQSURA,
    SHADDA,
    SUKUN,
    SUN,
    TAA,
    VOWEL_MARKS,
    WASLA,
    WAW,
    YA,
    clean,
    has_arabic,
    rebuild,
)
from glossary.translit.tables import load, scheme_names, sources_hash

__all__ = ["Charmap", "Transcriber", "clean", "compiled", "has_arabic", "load", "rebuild", "scheme_names",
           "sources_hash"]


@functools.cache
def compiled(name: str) -> Charmap | Transcriber:
    """The compiled mapper of a scheme, built once per process."""
    scheme = load(name)
    return Charmap(scheme) if scheme.kind == "charmap" else Transcriber(scheme)


class _Unit:
    """One letter with its marks."""

    __slots__ = ("hamza", "letter", "shadda", "sukun", "vowel")

    def __init__(self, letter: str) -> None:
        self.letter = letter
        self.vowel = ""
        self.shadda = False
        self.sukun = False
        self.hamza = letter in HAMZAS


def _units(word: str) -> list[_Unit]:
    units: list[_Unit] = []
    for char in word:
        if "\u064B" <= char <= "\u065F" or char == DAGGER:
            if not units:
                continue  # a mark with no letter before it: nothing to romanize
            unit = units[-1]
            if char == SHADDA:
                unit.shadda = True
            elif char == SUKUN:
                unit.sukun = True
            elif char in ("\u0654", "\u0655"):
                unit.hamza = True
            elif char in VOWEL_MARKS and unit.vowel != DAGGER:
                unit.vowel = char
        else:
            units.append(_Unit(char))
    return units


class Transcriber:
    """A transcription scheme compiled from its table (see the module docstring)."""

    def __init__(self, scheme: Scheme) -> None:
        self.s = scheme
        c = scheme.context
        self.letters = scheme.letters
        self.v = scheme.vowels
        self.hamza = c.get("hamza") or {"initial": "", "medial": ""}
        self.madda = c.get("madda") or {"initial": "", "medial": ""}
        self.wasla = c.get("alif-wasla") or "i"
        self.taa = c.get("taa-marbuta") or {"pausal": "", "construct": "", "after-long-a": ""}
        self.nisba = c.get("nisba") or {"final": self.v.get(KASRA + YA, ""), "medial": ""}
        self.article = c.get("article") or {"form": "al", "separator": "-", "assimilate": False,
                                            "capitalize-first": False}
        self.prefixes: dict[str, str] = c.get("prefixes") or {}
        self.prefix_sep = c.get("prefix-separator") or ""
        self.elide = c.get("elide-article-after") or ""
        self.elided_joiner = c.get("elided-joiner") or ""
        self.digraphs = frozenset(c.get("digraphs") or ())
        self.digraph_sep = c.get("digraph-separator") or ""
        self.capitalize = bool(c.get("capitalize"))
        missing = [k for k in (FATHA, DAMMA, KASRA, FATHA + ALIF, DAMMA + WAW, KASRA + YA, FATHA + WAW + SUKUN,
                               FATHA + YA + SUKUN, DAMMA + WAW + SHADDA, FATHA + MAQSURA, DAGGER, FATHATAN,
                               DAMMATAN, KASRATAN) if k not in self.v]
        if missing:
            raise SchemeError([Problem(scheme.path, 1, 1, f"vowels: missing {', '.join(map(ascii, missing))}")])

        self.cached_word = functools.lru_cache(maxsize=1 << 16)(self._word)

    def __call__(self, text: str) -> tuple[str, bool]:
        """Romanize cleaned text; returns the text and whether it was fully vocalized."""
        parts = _WORD.split(text)
        out: list[str] = []
        exact = True
        last = len(parts) - 1
        for k in range(1, last, 2):
            out.append(parts[k - 1].translate(_PUNCT))
            joined = k + 2 < last + 1 and not parts[k + 1].strip()
            pausal = not joined or pausal_before(parts[k + 2])
            latin, ok = self.cached_word(parts[k], k == 1, pausal)
            out.append(latin)
            exact = exact and ok
        out.append(parts[last].translate(_PUNCT))
        return "".join(out), exact

    def _word(self, word: str, first: bool, pausal: bool) -> tuple[str, bool]:
        return self.word(_units(word), first=first, pausal=pausal)

    def word(self, units: list[_Unit], *, first: bool, pausal: bool) -> tuple[str, bool]:
        """Romanize one word; ``pausal`` is False when a tāʾ marbūṭa may be in construct
        (another word of the name follows and is not an adjective)."""
        if not units:
            return "", True
        skeleton = "".join(u.letter for u in units)
        fixed = self.s.exceptions.get(skeleton)
        if fixed is not None:
            if fixed.case == "lower" or (fixed.case == "name" and not self.capitalize):
                return (_cap(fixed.text) if first and self.capitalize else fixed.text.lower()), True
            return fixed.text, True
        prefix, start = _article(units)
        has_article = start > 0
        pausal = pausal or has_article
        stem, exact = self.stem(units, start, after_article=has_article, pausal=pausal)
        if self.capitalize:
            stem = _cap(stem)
        if not has_article:
            return stem, exact
        head = units[start].letter
        assimilate = bool(self.article["assimilate"]) and head in SUN
        cons = self.letters.get(head, head) if assimilate else "l"
        sep = self.article["separator"] or ""
        if prefix and prefix in self.elide:
            lead = self.prefixes.get(prefix, "") + self.elided_joiner + cons + sep
        else:
            art = "a" + cons if assimilate else (self.article["form"] or "")
            if first and not prefix and self.article["capitalize-first"]:
                art = _cap(art)
            lead = (self.prefixes.get(prefix, "") + self.prefix_sep if prefix else "") + art + sep
        return lead + stem, exact

    def stem(self, units: list[_Unit], start: int, *, after_article: bool, pausal: bool) -> tuple[str, bool]:
        """Romanize the letters from ``start`` on (after any prefix and article)."""
        out: list[str] = []
        self._last = "none"  # the last vowel written: none | short | long_a | long_u | long
        self._tail = ""  # the last consonant written, while no vowel follows it
        exact = True
        n = len(units)
        j = start
        while j < n:
            u = units[j]
            letter = u.letter
            initial = j == start
            vowel = u.vowel
            if letter in (ALIF, WASLA) and (initial or vowel):
                if not vowel:
                    vowel = KASRA if letter == WASLA or after_article else FATHA
                    exact = exact and letter == WASLA
            elif letter == ALIF:
                self._emit(out, "" if j == n - 1 and self._last == "long_u" else self.v[FATHA + ALIF], "long_a")
                j += 1
                continue
            elif letter == MAQSURA:
                self._emit(out, self.v[FATHA + MAQSURA], "long_a")
                j += 1
                continue
            elif letter == TAA:
                if self._last == "none":
                    self._emit(out, self.v[FATHA], "short")
                if j < n - 1:
                    suffix = self.letters.get("ت", "t")
                elif self._last == "long_a" and pausal:
                    suffix = self.taa["after-long-a"]
                else:
                    suffix = self.taa["pausal" if pausal else "construct"]
                self._emit(out, suffix, "short")
                j += 1
                continue
            elif letter == MADDA:
                self._emit(out, self.madda["initial" if initial else "medial"], "long_a")
                j += 1
                continue
            elif u.hamza:
                self._consonant(out, self.hamza["initial" if initial else "medial"])
                if initial and not vowel:
                    vowel = KASRA if letter == "إ" else FATHA
                    exact = exact and letter == "إ"
            else:
                cons = self.letters.get(letter, letter)
                if u.shadda and not (initial and after_article):
                    cons += cons
                self._consonant(out, cons)
            if not vowel and not u.sukun and j < n - 1:
                nxt = units[j + 1]
                if not (nxt.letter == ALIF or (nxt.letter == MAQSURA and j + 1 == n - 1)):
                    exact = False
            j = self._vowel(units, j, vowel, out)
        return "".join(out), exact

    def _consonant(self, out: list[str], cons: str) -> None:
        if not cons:
            return
        if self._tail and self.digraph_sep and self._tail[-1] + cons[0] in self.digraphs:
            out.append(self.digraph_sep)
        out.append(cons)
        self._tail = cons

    def _emit(self, out: list[str], latin: str, kind: str) -> None:
        out.append(latin)
        self._last = kind
        if latin:
            self._tail = ""

    def _vowel(self, units: list[_Unit], j: int, vowel: str, out: list[str]) -> int:
        """Write the vowel after ``units[j]``, merging a following long-vowel letter;
        returns the index of the next unit to romanize."""
        n = len(units)
        if vowel == DAGGER:
            self._emit(out, self.v[DAGGER], "long_a")
            return j + 1
        nxt = units[j + 1] if j + 1 < n else None
        after = units[j + 2].letter if j + 2 < n else ""
        # a bare letter before a bare و or ي is read as a long vowel (ـُو, ـِي); a sukūn
        # written on the letter says otherwise (ʻuḍw, naḥw, waḥy): the و or ي is a consonant
        if nxt is not None and not nxt.hamza:
            bare = not nxt.vowel and not nxt.shadda
            if nxt.letter == ALIF and nxt.vowel in ("", FATHA):  # ـَاَ: a vocalizer's stray fatha on alif
                if vowel in (FATHA, ""):
                    self._emit(out, self.v[FATHA + ALIF], "long_a")
                    return j + 2
                if vowel == FATHATAN:
                    self._emit(out, self.v[FATHATAN], "short")
                    return j + 2
            elif nxt.letter == MAQSURA and j + 1 == n - 1 and vowel in (FATHA, KASRA, ""):
                self._emit(out, self.v[KASRA + YA] if vowel == KASRA else self.v[FATHA + MAQSURA], "long_a")
                return j + 2
            elif nxt.letter == WAW:
                if nxt.shadda and vowel == DAMMA:
                    self._emit(out, self.v[DAMMA + WAW + SHADDA], "short")
                    self._tail = ""
                    return self._vowel(units, j + 1, nxt.vowel, out)
                if bare and vowel == DAMMA:
                    self._emit(out, self.v[DAMMA + WAW], "long_u")
                    return j + 2
                if bare and vowel == FATHA and (nxt.sukun or after != ALIF):
                    self._emit(out, self.v[FATHA + WAW + SUKUN], "short")
                    return j + 2
                if bare and not vowel and not units[j].sukun and not nxt.sukun and after not in (ALIF, MAQSURA):
                    self._emit(out, self.v[DAMMA + WAW], "long_u")
                    return j + 2
            elif nxt.letter == YA:
                if nxt.shadda and vowel in (KASRA, ""):
                    if j + 1 == n - 1:
                        self._emit(out, self.nisba["final"], "long")
                        return j + 2
                    self._emit(out, self.nisba["medial"], "short")
                    self._tail = ""
                    return self._vowel(units, j + 1, nxt.vowel, out)
                if bare and vowel == KASRA:
                    self._emit(out, self.v[KASRA + YA], "long")
                    return j + 2
                if bare and vowel == FATHA and (nxt.sukun or after != ALIF):
                    self._emit(out, self.v[FATHA + YA + SUKUN], "short")
                    return j + 2
                if bare and not vowel and not units[j].sukun and not nxt.sukun and after not in (ALIF, MAQSURA):
                    self._emit(out, self.v[KASRA + YA], "long")
                    return j + 2
        if not vowel:
            self._last = "none"
        elif j == n - 1 and vowel in (FATHA, DAMMA, KASRA):
            self._last = "short"  # names are romanized in pause: no case ending
        else:
            self._emit(out, self.v.get(vowel, ""), "short")
        return j + 1


def _cap(text: str) -> str:
    """Capitalise the first cased letter, skipping ʻayn/hamza signs before it."""
    for i, char in enumerate(text):
        if char.lower() != char.upper():
            return text[:i] + char.upper() + text[i + 1:]
    return text


def _article(units: list[_Unit]) -> tuple[str, int]:
    """Find a prefix (و ف ب ك ل) and the article; returns (prefix letter, stem start).

    The article needs two letters after it, and its lam takes no vowel (a lam with a
    vowel is part of the word: وَالِد). ``لل`` at the start is li- + the article.
    """
    n = len(units)

    def bare(u: _Unit) -> bool:
        return not u.shadda and u.vowel in ("", FATHA)

    def lam(u: _Unit) -> bool:
        return u.letter == LAM and not u.shadda and not u.vowel

    if n >= 4 and units[0].letter in (ALIF, WASLA) and bare(units[0]) and lam(units[1]):
        return "", 2
    if n >= 5 and units[0].letter in "وفبك" and not units[0].shadda and units[0].vowel != DAMMA \
            and units[1].letter in (ALIF, WASLA) and not units[1].vowel and lam(units[2]):
        return units[0].letter, 3
    if n >= 4 and units[0].letter == LAM and units[0].vowel in ("", KASRA) and not units[0].shadda \
            and lam(units[1]):
        return LAM, 2
    return "", 0


PARTICLES = frozenset("من في إلى الى على عن مع حتى منذ أو او ثم أم بل لكن لا لم لن قد إن ان أن كي".split())
"""Words that never complete an iḍāfah (prepositions, conjunctions, verbal particles; also as
written without hamza): a tāʾ marbūṭa before one is in pause, not in construct (marḥalah
thāniyah min, not thāniyat min)."""


@functools.lru_cache(maxsize=1 << 14)
def pausal_before(word: str) -> bool:
    """Whether a tāʾ marbūṭa stays in pause before ``word`` (vocalized or not): a nisba
    adjective (`_adjective`) or a particle (`PARTICLES`) cannot be the second term of a construct.

    Example:
        >>> pausal_before("سورية"), pausal_before("مِن"), pausal_before("الشام")
        (True, True, False)
    """
    return _adjective(word) or "".join(u.letter for u in _units(word)) in PARTICLES


@functools.lru_cache(maxsize=1 << 14)
def _adjective(word: str) -> bool:
    """Whether an indefinite next word looks like a nisba adjective (ـيّ, ـية):
    then a tāʾ marbūṭa before it stays pausal (madīnah Sūrīyah)."""
    units = _units(word)
    if _article(units)[1]:
        return False
    letters = "".join(u.letter for u in units)
    return letters.endswith("ية") or (letters.endswith(YA) and units[-1].shadda)


