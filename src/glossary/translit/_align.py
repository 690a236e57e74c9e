"""Align an ALA-LC romanization with the Arabic letters it romanizes: the vocalized form.

Build-time code (``tools/build_lexicon.py``, ``bench/translit_eval.py``); nothing on the
look-up path imports it.

`align(arabic, alalc)` finds mark labels (one per letter, see `glossary.translit.labels`)
such that the engine's own ALA-LC table, given the vocalized word, gives back the
romanization (ignoring case). It does not trust a hand-written model of the engine: a
depth-first search proposes labels letter by letter, pruned by what each reading can
write (the letter's consonant, doubled under shadda, then its vowel, a long vowel merging
the next letter: ـَا ā, ـُو ū, ـِي ī, ـَى á, ـَوْ aw, ـَيْ ay, ـُوّ ūw, ـِيّ ī/īy), and every
complete proposal is romanized (`glossary.translit.render.render`, the engine plus what
the labels add) and kept only if it reproduces the target. Proposals are tried cheapest
first: a reading a fully vocalized text would spell otherwise costs more (a dagger alif,
a medial ا standing alone, ا read as آ, ي read as ى, a pronounced final vowel, tanwīn,
shadda, the nisba ـِيّ where ALA-LC writes ـِي alike), ties in a fixed order, so the result
is deterministic and the plainest reading wins.

Proclitics and the article are read from the romanization's hyphens, as LoC writes
them (rules 16, 17): ``wa-``, ``fa-``, ``bi-``, ``li-``, ``ka-``, ``la-``, ``sa-`` for
و ف ب ل ك ل س, ``al-`` for ال, ``lil-`` for لل, chained (``wa-bi-al-``, ``wa-lil-``). A
proclitic directly before the article is the engine's (it writes wa-al-, bi-al-); any
other gets the label ``w`` or ``b`` (its vowel) and is written apart. A sun letter after
the article takes shadda (the assimilation, not a doubling: the engine knows it).

The catalogue's own conventions that a fully vocalized text would not show are read as
general facts, each a label: a final vowel it writes (bayna, ʻalayhi: not a name in
pause), tanwīn -an, a dagger alif (هذا hādhā), ى written ي at the end (مصطفي Muṣṭafá),
ا written for آ (الاداب al-Ādāb), ى inside a word read as ي (`glossary.translit.labels.key`).

A pair that cannot be aligned gets a reason (`Failure.reason`), one of `REASONS`.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from glossary.translit import engine, labels, render
from glossary.translit.letters import ALIF, MADDA, MAQSURA, SUN, TAA, WASLA, WAW, YA

__all__ = ["REASONS", "Aligned", "Failure", "align", "parse_clitics"]

PROCLITICS = {"wa": "و", "fa": "ف", "bi": "ب", "li": "ل", "ka": "ك", "la": "ل", "sa": "س"}
_HAMZA_LETTERS = frozenset("ءأإؤئ")
_MAX_TRIES = 64  # complete proposals romanized by the engine before giving up on a pair
_MAX_PROPOSALS = 512

REASONS = {
    "hyphen": "a hyphenated part that is not a proclitic or the article (compounds written as one word, "
              "sa-, la-, ʻAbd-al-, Bin-)",
    "clitic-spelling": "a proclitic or article romanized unlike its letters (li-al- for لل, bil-, wal-)",
    "letters": "no reading of the letters writes the romanization (other-language values such as e, o, "
               "v; a letter romanized as another; typos)",
    "final-vowel": "a vowel or -an written after the last letter (case endings, -hu, -an): the engine "
                   "romanizes in pause",
    "prime": "differs only in the digraph prime ʹ (rule 21), which the catalogue omits or adds",
    "engine": "the letters align but the engine writes another romanization (long vowel or hamza rules)",
    "characters": "characters outside ALA-LC or Arabic letters (digits, Latin, marks)",
}


@dataclass(frozen=True, slots=True)
class Aligned:
    """A vocalization that reproduces the lexicon's romanization.

    Attributes:
        word: The Arabic word (cleaned, without marks).
        marks: One label per letter (`glossary.translit.labels`).
        construct: The romanization ends in -t for a final ة (construct state).
        case: Capitalization bits: 1 the stem is capitalized, 2 the first letter is.
    """

    word: str
    marks: str
    construct: bool
    case: int


@dataclass(frozen=True, slots=True)
class Failure:
    """A pair that could not be aligned, and why (a key of `REASONS`)."""

    word: str
    alalc: str
    reason: str
    detail: str = ""


def _fold(text: str) -> str:
    """Lowercase NFC (compare ignoring case); ʹ kept."""
    return unicodedata.normalize("NFC", text).lower()


def parse_clitics(word: str, alalc: str) -> tuple[str, str, str, str] | str:
    """Split the proclitics and the article off a lexicon pair, following the hyphens.

    Returns ``(prefix letters, article, stem letters, stem romanization)`` where article is
    ``""``, ``"al"`` or ``"lil"``; or a reason string when the hyphens do not read as
    clitics.

    Example:
        >>> parse_clitics("وبالمغرب", "wa-bi-al-Maghrib")
        ('وب', 'al', 'مغرب', 'Maghrib')
        >>> parse_clitics("للنشر", "lil-Nashr")
        ('', 'lil', 'نشر', 'Nashr')
    """
    parts = alalc.split("-")
    at = 0
    prefixes = ""
    while len(parts) > 1 and parts[0].lower() in PROCLITICS and word[at:at + 1] == PROCLITICS[parts[0].lower()]:
        if parts[1].lower() == "al" and word[at:at + 2] == "لل":
            break  # li-al- written for لل: not LoC's lil-
        prefixes += word[at]
        at += 1
        parts = parts[1:]
    article = ""
    if len(parts) > 1 and parts[0].lower() == "al" and word[at:at + 2] in ("ال", "ٱل"):
        article, at, parts = "al", at + 2, parts[1:]
    elif len(parts) > 1 and parts[0].lower() == "lil" and word[at:at + 2] == "لل" and not prefixes[-1:] == "ل":
        article, at, parts = "lil", at + 2, parts[1:]
    if len(parts) > 1:
        lead = parts[0].lower()
        clitic = lead in PROCLITICS or lead in ("al", "lil", "bil", "wal", "fal", "kal", "l", "b")
        return "clitic-spelling" if clitic else "hyphen"
    if at >= len(word):
        return "hyphen"
    return prefixes, article, word[at:], parts[0]


def _base(letter: str, initial: bool) -> str | None:
    """The consonant a letter writes before its vowel ('' for a vowel carrier), None when the
    letter is read only as a vowel (ة ى, medial ا)."""
    if letter in _HAMZA_LETTERS:
        return "" if initial else "ʼ"
    if letter in (ALIF, WASLA):
        return "" if initial else None
    if letter in (TAA, MAQSURA, MADDA):
        return None
    return _letters().get(letter)


@functools.cache
def _exceptions() -> frozenset[str]:
    return frozenset(engine.load("ala-lc").exceptions)


@functools.cache
def _letters() -> dict[str, str]:
    return dict(engine.load("ala-lc").letters)


def _readings(letters: str, i: int, last: str, after_article: bool,
              construct_ok: bool) -> Iterator[tuple[str, str, str, int]]:
    """Readings of ``letters[i:]``: (labels of the letters it covers, Latin it writes, the
    kind of vowel it ends on: none | short | long_a | long_u | long, and a cost: a reading
    that a fully vocalized text would spell otherwise costs more)."""
    n = len(letters)
    letter = letters[i]
    final = i == n - 1
    if letter == TAA:
        if not final:
            yield "o", "t", "none", 1
        elif last in ("short", "long_a"):
            yield ".", "h", "short", 0
            if construct_ok:
                yield ".", "t", "short", 0
        return
    if letter == MAQSURA:
        yield ".", "á", "long_a", 1
        return
    if letter == MADDA:
        yield ".", "ā" if i == 0 else "ʼā", "long_a", 0
        return
    if letter in (ALIF, WASLA) and i > 0:
        if final and last == "long_u":
            yield ".", "", "long_u", 0  # the silent alif after ū (faʻalū)
        if letter == ALIF:
            yield "M", "ʼā", "long_a", 1  # ا written for آ (القران: al-Qurʼān)
        yield ".", "ā", "long_a", 2
        return
    if letter == ALIF and i == 0:
        yield "M", "ā", "long_a", 1  # ا written for آ (الاداب: al-Ādāb)
    base = _base(letter, i == 0)
    if base is None:
        return
    sun_after_article = after_article and i == 0 and letter in SUN
    for shadda in (True,) if sun_after_article else (False, True):
        if shadda and not base:
            continue
        cons = base * 2 if shadda and not sun_after_article else base
        yield from _vowels(letters, i, "~" if shadda else "", cons, int(shadda and not sun_after_article))


def _vowels(letters: str, i: int, sh: str, cons: str, cost: int) -> Iterator[tuple[str, str, str, int]]:
    """The readings of letter ``i`` once its consonant (``cons``, with shadda ``sh``) is
    written: its vowel, merged with a following long-vowel letter where the engine merges."""
    n = len(letters)
    nxt = letters[i + 1] if i + 1 < n else ""
    nxt_final = i + 1 == n - 1
    if i == n - 1:
        if cons or not sh:
            yield labels.combine(sh, ""), cons, "none", cost
        if n > 1:  # a pronounced final vowel (bayna, ʻalayhi): not a name in pause
            for v in ("a", "i", "u"):
                yield labels.combine(sh, v), cons + v, "short", cost + 1
        if not sh:
            yield "d", cons + "ā", "long_a", cost + 2  # dagger alif (طه: Ṭāhā)
        return
    if nxt == ALIF:
        yield labels.combine(sh, "a") + ".", cons + "ā", "long_a", cost
        if nxt_final and not sh:
            yield "F.", cons + "an", "short", cost + 1  # tanwīn fatḥ (abadan)
    if nxt == MAQSURA and nxt_final:
        yield labels.combine(sh, "a") + ".", cons + "á", "long_a", cost
        yield labels.combine(sh, "i") + ".", cons + "ī", "long", cost
    if nxt == WAW:
        yield labels.combine(sh, "u") + ".", cons + "ū", "long_u", cost
        yield labels.combine(sh, "a") + "o", cons + "aw", "short", cost
        if nxt_final:
            yield labels.combine(sh, "u") + "~", cons + "ūw", "none", cost
        else:  # ـُوّ: ūw, then the waw's own vowel (rule 11a1: Qūwāt)
            for lab, latin, kind, more in _vowels(letters, i + 1, "~", "", cost):
                if lab[0] != "~":
                    yield labels.combine(sh, "u") + lab, cons + "ūw" + latin, kind, more
    if nxt == YA:
        yield labels.combine(sh, "i") + ".", cons + "ī", "long", cost
        if nxt_final:
            yield labels.combine(sh, "a") + "Y", cons + "á", "long_a", cost + 1  # ي written for ى (مصطفي)
        yield labels.combine(sh, "a") + "o", cons + "ay", "short", cost
        if nxt_final:  # the nisba: ALA-LC writes ـِيّ and ـِي alike, so it comes second
            yield labels.combine(sh, "i") + "~", cons + "ī", "long", cost + 1
        else:  # ـِيّ medial: īy, then the ya's own vowel (rule 11b1: al-Miṣrīyah)
            for lab, latin, kind, more in _vowels(letters, i + 1, "~", "", cost):
                if lab[0] != "~":
                    yield labels.combine(sh, "i") + lab, cons + "īy" + latin, kind, more
    for v in ("a", "i", "u"):
        yield labels.combine(sh, v), cons + v, "short", cost
    if cons:
        yield labels.combine(sh, "o"), cons, "none", cost
    if not sh and nxt != ALIF:
        yield "d", cons + "ā", "long_a", cost + 2  # dagger alif (هذا: hādhā; الرحمن: al-Raḥmān)


def _stem_proposals(letters: str, target: str, *, after_article: bool, construct_ok: bool) -> list[str]:
    """Label strings for the stem whose readings write ``target`` (ʹ removed), cheapest
    first (ties in the order of the readings)."""
    n = len(letters)
    out: list[str] = []
    found: list[tuple[int, int, str]] = []

    def walk(i: int, j: int, last: str, cost: int) -> None:
        if len(found) >= _MAX_PROPOSALS:
            return
        if i == n:
            if j == len(target):
                found.append((cost, len(found), "".join(out)))
            return
        for marks, latin, kind, more in _readings(letters, i, last, after_article, construct_ok):
            if target.startswith(latin, j):
                out.append(marks)
                walk(i + len(marks), j + len(latin), kind, cost + more)
                out.pop()

    walk(0, 0, "none", 0)
    return [marks for _, _, marks in sorted(found)]


def vocalize(word: str, marks: str) -> str:
    """The vocalized word for letters and labels (`glossary.translit.labels.apply`)."""
    return labels.apply(word, marks)


def romanize_alalc(word: str, marks: str, *, construct: bool) -> str:
    """The ALA-LC romanization of a labelled word read alone (or in construct), as the
    word-by-word pipeline writes it (`glossary.translit.render.render`)."""
    mapper = engine.compiled("ala-lc")
    assert isinstance(mapper, engine.Transcriber)
    return render.render(word, marks, mapper, pausal=not construct)[0]


def align(word: str, alalc: str) -> Aligned | Failure:
    """Vocalize one lexicon pair so that the engine reproduces its ALA-LC romanization.

    Args:
        word: The Arabic word as the lexicon writes it (marks are dropped).
        alalc: Its ALA-LC romanization.

    Returns:
        `Aligned` (labels, construct state, case) or `Failure` with a reason.

    Example:
        >>> a = align("والتوزيع", "wa-al-Tawzīʻ")
        >>> a.marks, a.case, vocalize(a.word, a.marks)
        ('a..Aoi..', 1, 'وَالتَّوْزِيع')
        >>> align("وتحقيق", "wa-taḥqīq").marks
        'waoi..'
        >>> align("سلسلة", "Silsilat").construct
        True
    """
    word = labels.key(word)
    alalc = unicodedata.normalize("NFC", alalc.strip())
    if not word or not all(labels.is_letter(c) for c in word):
        return Failure(word, alalc, "characters")
    case = _case(alalc)
    parsed = parse_clitics(word, alalc)
    if isinstance(parsed, str):
        return Failure(word, alalc, parsed)
    prefixes, article, stem, stem_latin = parsed
    target = _fold(stem_latin)
    plain = target.replace("ʹ", "")
    construct_ok = word.endswith(TAA) and target.endswith("t")
    head = ""
    for k, p in enumerate(prefixes):
        engine_reads = article == "al" and k == len(prefixes) - 1
        vowel = _fold(alalc.split("-")[k])[-1:]
        head += labels.PREFIX_VOWEL[p] if engine_reads else ("b" if vowel == "i" else "w")
    if article:
        head += ".."
    tries = 0
    near: str | None = None
    proposals = _stem_proposals(stem, plain, after_article=bool(article), construct_ok=construct_ok)
    if word[render.proclitics(head):] in _exceptions():  # الله, بن: the table's fixed output, whatever the marks
        proposals.append("." * len(stem))
    for stem_marks in proposals:
        marks = head + stem_marks
        got = _fold(romanize_alalc(word, marks, construct=construct_ok))
        if got == _fold(alalc):
            return Aligned(word, marks, construct_ok, case)
        if near is None and got.replace("ʹ", "") == _fold(alalc).replace("ʹ", ""):
            near = marks
        tries += 1
        if tries >= _MAX_TRIES:
            break
    if near is not None:
        return Failure(word, alalc, "prime", vocalize(word, near))
    if tries:
        return Failure(word, alalc, "engine")
    if _writes_after_last(stem, plain, after_article=bool(article)):
        return Failure(word, alalc, "final-vowel")
    bad = {c for c in plain if c not in _ALALC_CHARS}
    return Failure(word, alalc, "characters" if bad and not bad <= _OTHER_LANGUAGE else "letters",
                   "".join(sorted(bad)))


_ALALC_CHARS = frozenset("abdfghijklmnqrstuwyzāīūáḥṣḍṭẓʻʼ")
_OTHER_LANGUAGE = frozenset("ceopvxéèêëîïôöüûçğışñøàâäẖḳḵ")


def _writes_after_last(stem: str, target: str, *, after_article: bool) -> bool:
    """Whether the target is the stem's romanization plus a vowel (or -an) in pause."""
    for tail in ("a", "i", "u", "an", "un", "in", "hu", "hi"):
        if target.endswith(tail) and len(target) > len(tail):
            cut = target[: -len(tail)]
            if _stem_proposals(stem, cut, after_article=after_article, construct_ok=False):
                return True
            if tail in ("hu", "hi") and _stem_proposals(stem, cut + "h", after_article=after_article,
                                                         construct_ok=False):
                return True
    return False


def _case(alalc: str) -> int:
    """Capitalization bits of a romanization: 1 the stem (last part) is capitalized, 2 the first letter is."""
    parts = alalc.split("-")

    def upper(part: str) -> bool:
        return any(c.isupper() for c in part[:3])

    bits = 1 if upper(parts[-1]) else 0
    if len(parts) > 1 and upper(parts[0]):
        bits |= 2
    return bits
