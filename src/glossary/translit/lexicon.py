"""The word lexicon: Arabic words as written, vocalized so that every scheme follows.

Source: the CAMeL Lab table of Arabic words and their most frequent ALA-LC romanization in
Library of Congress catalogue records (``../shared/data/translit/lexicon/alalc_words.tsv``,
BSD-3-Clause, ``data/LICENSE.camel-lab``). ``tools/build_lexicon.py`` aligns each pair to
the letters (`glossary.translit._align`): the labels it stores are those for which the
engine's ALA-LC table gives back the catalogue's romanization, so DIN 31635, BGN/PCGN and
the rest follow from the same vocalization. Pairs that do not align are listed by the
build script with their reason, not shipped.

Look-up (`Lexicon.lookup`), in order:

1. the word as written (after `glossary.translit.labels.key`): ``via="word"``;
2. proclitics and the article split off a known stem, fewest letters first: و ف ب ك ل س
   and their pairs (وب، ول، فب …), then ال or لل (li- + the article), so that والتوزيع,
   بدمشق, للدراسات are found when توزيع (or التوزيع, or any clitic form of it), دمشق,
   دراسات are: ``via="clitics"``. The stem is any word of the lexicon, or the stem of
   one (its clitics removed). The article's sun letter takes shadda; the scheme decides
   how to write it (al-Shām, aš-Šām, ash Shām). A chain the lexicon's own words mostly read
   as part of a word is not split off a stem without the article (`words_of_their_own`:
   fa-, wa-bi-, wa-li- in the shipped lexicon; فراس is Firās, not fa-Rās).

A hit carries the word's labels and whether the catalogue capitalizes it (a proper name). A
clitic form (or a stem alone, found through its clitic forms) takes the case a logistic model
learned from the lexicon's own clitic forms gives it (`fit_case_model`): it reads the form's
proclitics, the stem's own case, how the stem's other clitic forms are written, with the
article and without (`family_counts`), and the stem's letters (`case_evidence`), so that a
catalogue's title-initial capitals do not blur it.

A word neither finds can still begin with a known stem: `Lexicon.partial_key` gives the
labels of a known stem followed by one of the lexicon's suffixes (counted from its own
words, `suffixes_of`, and kept in the file's header), ``?`` for the letters the vocalizer
then chooses (``via="stem"``; `glossary.translit.words`). Held out (``bench/translit_eval.py``,
5 of 10 folds), such words are read better than by the vocalizer alone; see the README.
Measured on fold 0 (3,596 held-out words left to the model; ALA-LC ignoring case / exact:
the model alone 44.2/34.4, with the counted suffixes and fixed stem labels 45.4/35.5) and
not kept: any ending as a suffix (the longest known start of 3+ letters) 39.7/30.8 (the
stem's labels agree with the truth on 82% of those letters, the model's on 88%: a shared
start is mostly not a shared stem); the stem's last letter fixed too 32.2/24.9; the most
frequent stem rather than the longest 38.5/29.9; the suffix's labels counted from the
lexicon instead of the model's 37.5/29.2; the stem's capitalization 39.7/30.3; the stem's
labels as a bonus of 3 or 5 to the model's scores instead of fixed 45.0-45.5 / 35.0-35.5.

The case of such a word is a second logistic model's (`stem_rows`, `Lexicon.stem_case`): it
weighs what the lexicon knows of the stem (the entry's case, whether the entry is itself a clitic
form, the suffix, the proclitics, the entry's family) with the vocalizer's capitalization of the
word's letters, whose held-out log-odds it is fitted on (`letter_logits`). Chosen on the
selection folds 5 and 6 of ``bench/translit_eval.py`` (stem words right ignoring case, 767 and
739): case right 575 / 559 with the vocalizer's capitalization alone (the code before), 569 /
534 with the entry's case alone, 610 / 578 with this model (the pipeline: 35 and 19 more words
exact). In the one-off script that chose its inputs (a letter model of its own: L2 3, features of
10 words or more), 614 / 579 with the log-odds, 598 / 574 with the word's letters as features of
their own instead, 608 / 579 with both, 596 / 568 with neither; the L2 of 3, 10 and 30 within
two words of each other (30, the clitic model's, kept).

File format (``data/lexicon.txt.gz``, gzip of UTF-8 lines, read once on first use): a
JSON header line; the word keys; their values; the stem keys; their values (counts in the
header, with the suffixes and the case models' settings); then six tab-separated lines: the
stems of `family_counts` and their counts (``capitalized,lower`` with the article, then without),
the clitic case model's features and their weights (the bias's name is empty), the stem case
model's. A value is the labels
followed by the case digit (1 a proper name, 0 not).
Splitting the lines and zipping them into dicts keeps the load near 20 ms.

Example:
    >>> lex = default()
    >>> lex.lookup("والتوزيع").via
    'word'
"""

from __future__ import annotations

import bisect
import functools
import json
import math
import re
import zlib
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from glossary.translit import labels
from glossary.translit.letters import SUN

__all__ = ["LEXICON_PATH", "Hit", "Lexicon", "StemReading", "case_evidence", "case_rows", "core_of", "default",
           "family_counts", "fit_case_model", "letter_logits", "spelling_variants", "splits", "stem_evidence",
           "stem_rows", "suffixes_of", "words_of_their_own"]

LEXICON_PATH = Path(__file__).with_name("data") / "lexicon.txt.gz"

_CHAINS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")
"""Proclitic sequences tried before a stem (wa-, fa- may precede bi-, li-, ka-). Not the future
particle sa- (س), which a word lookup cannot tell from a word's own first letter: 17 of the
catalogue's 76,278 forms open with it, and on the selection folds 5 and 6 of
``bench/translit_eval.py`` the held-out words read as sa- and a known stem were right (case
aside) 2 times of 7 (سنجار read sa-Najjār for Sinjār; ستيب, the news agency Step, sa-Tīb)."""

_SHADDA_OF = {"a": "A", "i": "I", "u": "U", ".": "~"}
_PLAIN_OF = {"A": "a", "I": "i", "U": "u", "~": "."}


class Hit(NamedTuple):
    """A word found in the lexicon: its labels, whether it is a proper name, and how."""

    labels: str
    case: int
    via: str  # "word" | "clitics" | "variant" (`Lexicon.variant`) | "stem" (`Lexicon.partial_key`: ``?`` to choose)
    lean: float = 0.0
    """For a ``stem`` hit, the stem case model's score of what the lexicon knows of it (`Lexicon.stem_case`
    adds the word's letters); 0.0 otherwise."""


_STARTS = frozenset([c + a for c in _CHAINS for a in ("", "ال")] + ["لل", "ولل", "فلل"])
"""What may stand before a stem's first letter: proclitics and the article (`spelling_variants`)."""

_SEATS = "اأإآ"
VARIANT_POSITIONS = 3
"""At most this many letters of a word are spelt otherwise by `spelling_variants` (at most 4 x 4 x 4 x 2 keys)."""

JOINERLESS = frozenset("اأإآٱدذرزو")
"""Letters that never join the letter after them: a space after one is not seen, and writers
leave it out (`Lexicon.joined`)."""
JOINED_HEAD = 3
"""The fewest letters of the first word of a `Lexicon.joined` reading."""
TEXT_CASE_FORMS = 2
"""The fewest lower-case forms with a proclitic that make a capitalized whole word lower-case in running
text (`Lexicon.text_case`)."""

_FINAL_VARIANTS = {"ى": "ي", "ي": "ى", "ه": "ة"}


def spelling_variants(key: str) -> list[str]:
    """Other spellings of a word that writers use for it, the word itself left out.

    Arabic as typed omits or misplaces the hamza of an alif and confuses three final letters,
    and the catalogue's forms are no exception: a stem's first alif (at the start of the word,
    or after proclitics and the article) may be written with any seat, ا أ إ آ (اسلام for إسلام,
    الاعلامي for الإعلامي, إوراق for أوراق); a hamza seat or a waṣla inside a word may be a bare ا
    (ٱ also آ or أ: المٱثر for المآثر); a final ى may be ي and the reverse (السامرائى, الملتقي),
    and a final ه a ة (الحضاره). Not a bare ا inside a word written with a hamza (ثامر is not
    ثأمر: a bare ا there is a long ā), nor a final ة written ه, nor ئ and ؤ: on the selection
    fold 5 of ``bench/translit_eval.py`` each of these lost more held-out words than it gained.
    Only the first ``VARIANT_POSITIONS`` letters that have another spelling vary.

    Example:
        >>> spelling_variants("اسلامى")
        ['اسلامي', 'أسلامى', 'أسلامي', 'إسلامى', 'إسلامي', 'آسلامى', 'آسلامي']
    """
    options: list[str] = []
    varied = 0
    last = len(key) - 1
    for i, c in enumerate(key):
        other = ""
        if varied < VARIANT_POSITIONS:
            if c in _SEATS and key[:i] in _STARTS:
                other = _SEATS.replace(c, "")
            elif c in "أإآ":
                other = "ا"
            elif c == "ٱ":
                other = "اآأ"
            if i == last and i > 0 and c in _FINAL_VARIANTS:
                other += _FINAL_VARIANTS[c]
            varied += bool(other)
        options.append(c + other)
    out = [""]
    for letters in options:
        out = [head + c for head in out for c in letters]
    return out[1:]


def core_of(key: str, marks: str) -> tuple[str, str, str]:
    """Split a labelled word into (proclitics with the article, stem, stem labels).

    The stem's first letter loses the shadda the article gave it (the sun letter).

    Example:
        >>> core_of("والتوزيع", "a..Aoi..")
        ('وال', 'توزيع', 'aoi..')
    """
    i = 0
    while i < len(marks) and marks[i] in labels.PROCLITIC:
        i += 1
    article = False
    if key[i:i + 1] in ("و", "ف", "ب", "ك") and marks[i:i + 1] in ("a", "i") and key[i + 1:i + 3] == "ال" \
            and marks[i + 1:i + 3] == ".." and len(key) > i + 3:
        i, article = i + 3, True
    elif key[i:i + 2] in ("ال", "ٱل", "لل") and marks[i:i + 2] == ".." and len(key) > i + 2:
        i, article = i + 2, True
    stem, stem_marks = key[i:], marks[i:]
    if article and stem[0] in SUN and stem_marks[0] in _PLAIN_OF:
        stem_marks = _PLAIN_OF[stem_marks[0]] + stem_marks[1:]
    return key[:i], stem, stem_marks


def splits(key: str, own: Collection[str] = ()) -> list[tuple[str, str, str]]:
    """The ways to read a word as (proclitics, article ``""``/``"al"``/``"lil"``, stem),
    fewest letters split off first (لل counts as one: li- and the article are one letter
    more than li- alone), the article before a bare proclitic. ``own``: chains not split off a stem
    without the article (`words_of_their_own`).

    Example:
        >>> splits("بدمشق")
        [('', '', 'بدمشق'), ('ب', '', 'دمشق')]
    """
    out: list[tuple[int, str, str, str]] = []
    for chain in _CHAINS:
        if not key.startswith(chain):
            continue
        rest = key[len(chain):]
        if len(rest) >= 2 and _bare_ok(chain, rest) and chain not in own:
            out.append((len(chain), chain, "", rest))
        if rest.startswith("ال") and len(rest) >= 4 and not chain.endswith("ل"):
            out.append((len(chain) + 2, chain, "al", rest[2:]))
        if rest.startswith("لل") and len(rest) >= 4 and not chain.endswith("ل"):
            # لل is li- + the article before a stem in ل as well (للقاء): read the article first
            out.append((len(chain), chain, "lil", rest[2:]))
    out.sort(key=lambda x: (x[0], bool(x[1] or x[2]), not x[2]))  # the word itself first
    return [(chain, article, stem) for _, chain, article, stem in out]


_PROCLITIC_ORDER = re.compile("[وف]?[بلكس]?")
"""The order Arabic writes proclitics in: a conjunction (wa-, fa-), then a preposition or particle
(bi-, li-, ka-, sa-), each at most once: wa-bi-, fa-li-, wa-sa-, never bi-wa- nor wa-fa-."""


def _chained(chain: str, stem: str, stem_marks: str) -> bool:
    """Whether proclitics ``chain`` may stand before a lexicon word whose own labels open with
    proclitics (وعباس, wa-ʻAbbās): both together must keep `_PROCLITIC_ORDER` (بوعباس is Bū-ʻAbbās,
    not bi-wa-ʻAbbās).

    Example:
        >>> _chained("و", "بدمشق", "biao."), _chained("ب", "وعباس", "waA..")
        (True, False)
    """
    n = 0
    while n < len(stem_marks) and stem_marks[n] in labels.PROCLITIC:
        n += 1
    return n == 0 or _PROCLITIC_ORDER.fullmatch(chain + stem[:n]) is not None


def _bare_ok(chain: str, stem: str) -> bool:
    """Whether proclitics may stand before a stem without the article: sa- (future) only
    before an imperfect verb's prefix (ي ت ن أ); ka- only before the article (ka-al-): a word
    beginning with ك or س is otherwise read as it is written."""
    if chain.endswith("س"):
        return stem[0] in "يتنأ"
    return not chain.endswith("ك")


BARE_MIN = 20
"""The fewest lexicon words a proclitic chain must stand before (without the article) for
`words_of_their_own` to judge it."""
BARE_SHARE = 0.5
"""The share of those words the catalogue must read with the chain as proclitics for the chain to be
split off a word the lexicon lacks (`words_of_their_own`)."""


def words_of_their_own(words: Mapping[str, str]) -> list[str]:
    """The proclitic chains (`_CHAINS`) not to split off a word the lexicon lacks before a stem
    without the article: those that, of the lexicon's own words written as the chain and another of
    its words (not one with the article), at least `BARE_MIN`, the catalogue reads with the chain as
    proclitics less than `BARE_SHARE` of the time (a chain seen before fewer words is split as
    `_bare_ok` allows). Counted from the lexicon itself: wa- before a known word is wa- for 97% of
    the catalogue's such words, bi- 74%, li- 66%, but fa- 14% (فراس is Firās, فخرو Fakhrū), wa-li-
    26%, wa-bi- 44%: a word opening with such letters is mostly a word of its own. Sorted, so the
    file is reproducible.

    Example:
        >>> words = {f"{i}س": "a.0" for i in range(20)}
        >>> words |= {f"ب{i}س": "bi.a0" for i in range(20)} | {f"ف{i}س": "a.a.0" for i in range(20)}
        >>> words_of_their_own(words)
        ['ف']
    """
    seen: dict[str, list[int]] = {}
    for key, value in words.items():
        for chain in _CHAINS[1:]:
            stem = key[len(chain):]
            if key.startswith(chain) and len(stem) >= 2 and _bare_ok(chain, stem) and stem in words \
                    and not stem.startswith(("ال", "ٱل")):
                slot = seen.setdefault(chain, [0, 0])
                slot[0] += 1
                slot[1] += all(m in labels.PROCLITIC for m in value[:len(chain)])
    return sorted(c for c, (n, split) in seen.items() if n >= BARE_MIN and split < BARE_SHARE * n)


def _assemble(chain: str, article: str, stem: str, stem_marks: str) -> str:
    """Labels of proclitics + article + a stem's labels (the sun letter takes shadda)."""
    out = []
    for k, letter in enumerate(chain):
        vowel = labels.PREFIX_VOWEL.get(letter, "a")
        before_article = article == "al" and k == len(chain) - 1
        out.append(vowel if before_article else ("b" if vowel == "i" else "w"))
    if article:
        out.append("..")
        if stem[0] in SUN and stem_marks[0] in _SHADDA_OF:
            stem_marks = _SHADDA_OF[stem_marks[0]] + stem_marks[1:]
    elif chain[-1:] in ("و", "ف", "ب", "ك") and stem[:2] in ("ال", "ٱل") and stem_marks[:2] == "..":
        out[-1] = labels.PREFIX_VOWEL[chain[-1]]  # a stem that has its article: the engine writes wa-al-
    return "".join(out) + stem_marks


PRONOUNS = ("هما", "هم", "هن", "ها", "ه", "كما", "كم", "كن")
"""Attached pronouns a noun writes its case vowel before (kitābuhu, kitābihi, kitābuhum), longest first."""
_PREPOSITIONS = frozenset("بلك")


def governed(chain: str, article: str, stem: str, marks: str) -> str:
    """A stem's labels behind ``chain`` when a preposition there governs it (bi-, li-, ka-): the
    noun is then genitive, so a nominative u before an attached pronoun (`PRONOUNS`) becomes i, and
    the pronoun's hu follows it (bi-kitābihi, li-uṣūlihim; its own vowel, where the labels write one).
    A stem read from a form without the preposition keeps that form's case otherwise.

    In the catalogue (`bench/translit_eval.py`'s forms, one-off counts): of the 333 forms with a
    preposition and an attached pronoun, 89% write i before it (u 2%); of 104 stems written with u
    before the pronoun alone or after wa-/fa-, 97 write i in their form with a preposition. An
    accusative a is left (65% become i, but a verb after li- keeps it, and a final ه after a is as
    often a tāʾ marbūṭa written so), and so is an article (a noun with one takes no pronoun).

    Example:
        >>> governed("ب", "", "كتابه", "ia.uu")
        'ia.ii'
    """
    if article or _PREPOSITIONS.isdisjoint(chain) or core_of(stem, marks)[0]:
        return marks
    for pronoun in PRONOUNS:
        k = len(stem) - len(pronoun) - 1  # the letter before the pronoun, after one letter at least
        if k >= 1 and stem.endswith(pronoun):
            if marks[k] not in "uU":
                return marks
            vowel = "I" if marks[k] == "U" else "i"
            own = marks[k + 1]
            if pronoun[0] == "ه" and own == "u":
                own = "i"
            return marks[:k] + vowel + own + marks[k + 2:]
    return marks


STEM_MINIMUM = 2
"""The fewest letters of a known stem that `Lexicon.partial_key` reads a word from."""
SIBLING_MINIMUM = 4
"""The fewest letters of a stem that `Lexicon.sibling_key` reads from another word with that stem."""

SUFFIX_LONGEST = 4
SUFFIX_COUNT = 30
SUFFIX_AGREEMENT = 0.6


def suffixes_of(words: Mapping[str, str]) -> list[str]:
    """The endings (1 to ``SUFFIX_LONGEST`` letters) that the lexicon's own words show to
    be suffixes: a word that is another word of the lexicon (ة read ت before the ending)
    plus this ending, at least ``SUFFIX_COUNT`` times, and in at least ``SUFFIX_AGREEMENT``
    of those pairs the longer word keeps the shorter one's labels up to its last letter
    (ـات, ـية, ـها, ـين, ـهم: yes; ـن, ـت, ـاء: mostly unrelated words that share letters).
    Sorted, so the file is reproducible.

    Example:
        >>> suffixes_of({"كتاب": "ia..0", "كتابها": "ia.u.a0"} | {f"ك{i}": "a.0" for i in range(2)})
        []
    """
    pairs: dict[str, list[int]] = {}
    for word, value in words.items():
        for k in range(1, SUFFIX_LONGEST + 1):
            stem = word[:-k]
            if len(stem) < STEM_MINIMUM:
                break
            known = words.get(stem)
            if known is None and stem[-1] == "ت":
                known = words.get(stem[:-1] + "ة")
            if known is not None:
                slot = pairs.setdefault(word[-k:], [0, 0])
                slot[0] += 1
                slot[1] += known[:len(stem) - 1] == value[:len(stem) - 1]
    return sorted(s for s, (n, same) in pairs.items() if n >= SUFFIX_COUNT and same >= SUFFIX_AGREEMENT * n)


CASE_L2 = 30.0
"""The L2 penalty of `fit_case_model` (chosen on folds 5-7 of ``bench/translit_eval.py`` among 3, 10
and 30; 10 and 30 within 0.1 point of each other)."""
CASE_MIN_COUNT = 10
"""A feature enters the case model when at least this many of the lexicon's forms have it."""
CASE_PRUNE = 0.05
"""Case weights smaller than this (absolute) are dropped; the rest are kept to two decimals."""


def _with_article(head: str) -> bool:
    return head.endswith(("ال", "لل"))


def _slot(head: str, capitalized: bool) -> int:
    return (0 if _with_article(head) else 2) + (0 if capitalized else 1)


def family_counts(words: Mapping[str, str]) -> dict[str, tuple[int, int, int, int]]:
    """How the lexicon writes each stem's clitic forms (`core_of`: a head of proclitics or the
    article): capitalized and not with the article (al-, wa-al-, lil-), capitalized and not
    without it (wa-, bi-, li-). Stems without clitic forms are left out.

    Example:
        >>> words = {"الحوار": "..ia..0", "بالحوار": "i..ia..0", "ودمشق": "wiao.1", "دمشق": "iao.1"}
        >>> family_counts(words)
        {'حوار': (0, 2, 0, 0), 'دمشق': (0, 0, 1, 0)}
    """
    family: dict[str, list[int]] = {}
    for key, value in words.items():
        head, stem, _ = core_of(key, value[:-1])
        if head:
            family.setdefault(stem, [0, 0, 0, 0])[_slot(head, value[-1] == "1")] += 1
    return {stem: (c[0], c[1], c[2], c[3]) for stem, c in sorted(family.items())}


def _counts(text: str) -> tuple[int, int, int, int]:
    a, b, c, d = (int(x) for x in text.split(","))
    return a, b, c, d


def _vote(capitalized: int, lower: int) -> str:
    if capitalized + lower == 0:
        return "none"
    return "up" if capitalized > lower else "low" if lower > capitalized else "tie"


def case_evidence(head: str, stem: str, stem_case: str, counts: tuple[int, int, int, int]) -> dict[str, float]:
    """What the case model (`fit_case_model`) reads of a form: its ``head`` (proclitics and
    article as written; "" for the stem alone), the stem's own case as a word of the lexicon
    (``"1"``, ``"0"``, ``"none"``), how the stem's other clitic forms are written (``counts``, as
    `family_counts`, the form itself not among them), and the stem's letters
    (`glossary.translit.labels.case_features`): named features and their values.

    A catalogue capitalizes a title's first word as well as proper names, so a stem's own case
    says little about its clitic forms (دراسات is Dirāsāt, first in titles; ودراسات wa-dirāsāt),
    and forms with the article tell more about forms with the article than the others do.

    Example:
        >>> sorted(case_evidence("و", "دمشق", "1", (0, 0, 1, 0)))[:3]
        ['a=0|s=1|same=up|other=none', 'gL4', 'gP^د']
    """
    up_a, low_a, up_n, low_n = counts
    article = int(_with_article(head))
    same, other = ((up_a, low_a), (up_n, low_n)) if article else ((up_n, low_n), (up_a, low_a))
    agree, vote_same, vote_other = _vote(up_a + up_n, low_a + low_n), _vote(*same), _vote(*other)
    out = {f"h={head}|s={stem_case}|same={vote_same}|other={vote_other}": 1.0,
           f"a={article}|s={stem_case}|same={vote_same}|other={vote_other}": 1.0,
           f"s={stem_case}|v={agree}": 1.0, f"h={head}|s={stem_case}|v={agree}": 1.0}
    for name, n in (("upA", up_a), ("lowA", low_a), ("upN", up_n), ("lowN", low_n)):
        out[name] = out[f"{name}|a={article}"] = math.log1p(n)
    for feature in labels.case_features(stem):
        out["g" + feature] = 1.0
    return out


def case_rows(words: Mapping[str, str],
              family: Mapping[str, tuple[int, int, int, int]]) -> tuple[list[dict[str, float]], list[int]]:
    """The case model's training rows: every clitic form of the lexicon, and every word that is the
    stem of clitic forms, each read as a word the lexicon lacks would be (its own form left out of
    its stem's counts; a stem alone has no case of its own to read), and whether it is capitalized."""
    rows, gold = [], []
    for key, value in words.items():
        head, stem, _ = core_of(key, value[:-1])
        counts = list(family.get(stem, (0, 0, 0, 0)))
        capitalized = value[-1] == "1"
        if head:
            counts[_slot(head, capitalized)] -= 1
            stem_case = words[stem][-1] if stem in words else "none"
        elif sum(counts):
            stem_case = "none"
        else:
            continue  # a word with no clitic forms: the vocalizer's capitalization model decides such words
        rows.append(case_evidence(head, stem, stem_case, (counts[0], counts[1], counts[2], counts[3])))
        gold.append(int(capitalized))
    return rows, gold


def fit_case_model(rows: list[dict[str, float]], gold: list[int], *, l2: float = CASE_L2,
                   min_count: int = CASE_MIN_COUNT, prune: float = CASE_PRUNE) -> dict[str, float]:
    """A logistic regression of ``gold`` on ``rows`` (`case_rows`), L2-penalized, fitted by L-BFGS
    in numpy (deterministic: the same rows give the same weights): feature -> weight, the bias
    under ``""``. Features of fewer than ``min_count`` rows are not fitted; weights under
    ``prune`` are dropped. Fewer than ``min_count`` rows fit nothing (``{}``: a clitic form then
    takes its stem's case).

    Held out (``bench/translit_eval.py``'s folds 5-7, which the README never reports; held-out
    words found through a known stem and right ignoring case), the share whose case is right:
    the table this replaced (a stem's own case, its clitic forms' majority, the form's proclitics)
    79.3%; the same table counting a stem alone among the forms 79.8%, with the article's forms
    and the others counted apart 80.0%; this model without the stem's letters 80.4%, with them
    81.0% (scikit-learn's liblinear on the same rows 81.0%; these with the study's features, whose
    rare proclitic chains were one category and a clitic form's stem as the look-up split it), and
    as built here (each chain its own feature, the stem as `core_of` reads the form's labels) 81.3%.
    """
    import numpy as np

    if len(rows) < min_count:
        return {}
    counted: dict[str, int] = {}
    for row in rows:
        for feature in row:
            counted[feature] = counted.get(feature, 0) + 1
    vocabulary = {f: i for i, f in enumerate(sorted(f for f, n in counted.items() if n >= min_count))}
    index, value, row_of = [], [], []
    for r, row in enumerate(rows):
        for feature, v in row.items():
            j = vocabulary.get(feature)
            if j is not None:
                index.append(j)
                value.append(v)
                row_of.append(r)
    idx, val, rid = np.array(index, np.int64), np.array(value, np.float64), np.array(row_of, np.int64)
    y = np.array(gold, np.float64)
    n, d = len(rows), len(vocabulary)

    def loss(x: Any) -> tuple[float, Any]:
        w, b = x[:-1], x[-1]
        z = np.bincount(rid, weights=w[idx] * val, minlength=n) + b
        p = 1.0 / (1.0 + np.exp(-z))
        grad = np.bincount(idx, weights=(p - y)[rid] * val, minlength=d) + l2 * w
        return float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * (w @ w)), np.append(grad, np.sum(p - y))

    x = np.zeros(d + 1)
    f, g = loss(x)
    steps: list[tuple[Any, Any]] = []
    for _ in range(500):  # L-BFGS, 10 pairs, backtracking (Armijo) line search
        q, alphas = g.copy(), []
        for s, t in reversed(steps):
            a = (s @ q) / (t @ s)
            alphas.append(a)
            q -= a * t
        q *= (steps[-1][0] @ steps[-1][1]) / (steps[-1][1] @ steps[-1][1]) if steps else 1.0 / max(1.0, np.abs(g).max())
        for (s, t), a in zip(steps, reversed(alphas)):
            q += s * (a - (t @ q) / (t @ s))
        step, slope = 1.0, -(g @ q)
        while True:
            x_new = x - step * q
            f_new, g_new = loss(x_new)
            if f_new <= f + 1e-4 * step * slope or step < 1e-10:
                break
            step /= 2
        steps = [*steps[-9:], (x_new - x, g_new - g)]
        done = abs(f - f_new) < 1e-7 * max(1.0, abs(f))
        x, f, g = x_new, f_new, g_new
        if done:
            break
    names = sorted(vocabulary, key=vocabulary.__getitem__)
    out = {name: round(float(w), 2) for name, w in zip(names, x[:-1]) if abs(w) >= prune}
    out[""] = round(float(x[-1]), 2)
    return out


class StemReading(NamedTuple):
    """How `Lexicon.partial_key` reads a word the lexicon lacks: after ``chain`` and ``article``,
    ``rest`` is a stem of ``n`` letters that the lexicon's ``entry`` (value ``value``) writes too,
    followed by a suffix (``kind="forward"``: the entry is the stem) or with another ending than
    the entry's (``kind="sibling"``, `Lexicon.sibling_key`)."""

    chain: str
    article: str
    rest: str
    n: int
    entry: str
    value: str
    kind: str


STEM_CASE_LETTERS_L2 = 1 / 0.3
"""The L2 penalty of the letter model whose held-out log-odds `stem_rows` gives its rows: that of the
vocalizer's capitalization model (``tools/train_vocalizer.py``: scikit-learn's C=0.3)."""
STEM_CASE_LETTERS_MIN_COUNT = 5
"""The letter model's least feature count, the vocalizer's too."""


def stem_evidence(reading: StemReading, counts: tuple[int, int, int, int]) -> dict[str, float]:
    """What the stem case model reads of a word read from a known stem (`StemReading`), besides the
    word's letters: the entry's case as a word of the lexicon and whether the entry is itself a
    clitic form, with the reading's kind, its proclitics and article, and the word's suffix; and
    how the entry's stem's clitic forms are written (``counts``, `family_counts`).

    A catalogue capitalizes the first word of a title as well as proper names, so the entry's case
    says less of a word made from it than of the entry (Dirāsāt, but dirāsatuhā), and the
    vocalizer's capitalization, which reads the letters alone, says other things: the model weighs
    the two (`Lexicon.stem_case`).

    Example:
        >>> reading = StemReading("و", "", "دمشقي", 4, "دمشق", "iao.1", "forward")
        >>> sorted(stem_evidence(reading, (0, 0, 3, 0)))[:3]
        ['e=1|s=ي', 'e=1|v=up', 'h=و|e=1']
    """
    return _evidence(_stem_facts(reading, core_of(reading.entry, reading.value[:-1])[0], counts))


StemFacts = tuple[str, str, str, str, str, str, str]
"""What `stem_evidence` reads, as categories: the reading's kind, proclitics and article, the entry's
case, the word's suffix, whether the entry is a clitic form, and its family's vote."""


def _stem_facts(reading: StemReading, entry_head: str, counts: tuple[int, int, int, int]) -> StemFacts:
    chain, article, rest, n, _, value, kind = reading
    up_a, low_a, up_n, low_n = counts
    return (kind, chain, article, value[-1], rest[n:], "clitic" if entry_head else "word",
            _vote(up_a + up_n, low_a + low_n))


def _evidence(facts: StemFacts) -> dict[str, float]:
    kind, chain, article, case, suffix, own, vote = facts
    where = "article" if article else "chain" if chain else ""
    return {f"k={kind}|h={where}|e={case}": 1.0, f"e={case}|s={suffix}": 1.0, f"s={suffix}": 1.0,
            f"h={chain + article}|e={case}": 1.0, f"k={kind}|e={case}|src={own}": 1.0, f"e={case}|v={vote}": 1.0}


def letter_logits(words: Mapping[str, str], folds: int = 2) -> dict[str, float]:
    """Each word's capitalization log-odds from its letters (`glossary.translit.labels.case_features`),
    by a logistic model fitted on the other folds of ``words`` (the k-th word in fold k % ``folds``):
    what the vocalizer's capitalization model says of a word it has not seen."""
    keys = list(words)
    out: dict[str, float] = {}
    for fold in range(folds):
        rows = [{f: 1.0 for f in labels.case_features(k)} for j, k in enumerate(keys) if j % folds != fold]
        gold = [int(words[k][-1]) for j, k in enumerate(keys) if j % folds != fold]
        weights = fit_case_model(rows, gold, l2=STEM_CASE_LETTERS_L2, min_count=STEM_CASE_LETTERS_MIN_COUNT)
        for j in range(fold, len(keys), folds):
            out[keys[j]] = weights.get("", 0.0) + sum(weights.get(f, 0.0) for f in labels.case_features(keys[j]))
    return out


def stem_rows(lexicon: Lexicon, logits: Mapping[str, float]) -> tuple[list[dict[str, float]], list[int]]:
    """The stem case model's training rows: every word of the lexicon that `Lexicon.partial_key`
    reads from another word (as it would read it if the lexicon lacked it), its `stem_evidence`
    and its letters' held-out log-odds (``logits``, `letter_logits`) under ``"p"``; and whether
    it is capitalized."""
    rows, gold = [], []
    for key, value in lexicon.words.items():
        reading = lexicon.partial_reading(key)
        if reading is not None:
            rows.append({**lexicon.stem_evidence(reading), "p": logits[key]})
            gold.append(int(value[-1]))
    return rows, gold


class Lexicon:
    """Word and stem tables (use `default` for the shipped lexicon).

    Args:
        words: Word key -> labels + case digit.
        stems: Stem key -> labels + case digit, for stems that are not themselves a word
            of ``words`` without clitics.
        header: What the file says about itself.
        family: How each stem's clitic forms are written (`family_counts`); None: read from the
            file's lines on first use (`loads`).
        case_weights: The case model of clitic forms (`fit_case_model`); None: read from the
            file on first use; empty: a clitic form takes its stem's case.
        stem_weights: The case model of words read from a known stem (`stem_rows`); None: read
            from the file on first use; empty: the vocalizer's capitalization decides them.
    """

    def __init__(self, words: Mapping[str, str], stems: Mapping[str, str], header: dict[str, Any] | None = None,
                 family: Mapping[str, tuple[int, int, int, int]] | None = None,
                 case_weights: Mapping[str, float] | None = None, stem_weights: Mapping[str, float] | None = None):
        self.words = words
        self.stems = stems
        self.header = header or {}
        self.suffixes = frozenset(self.header.get("suffixes", ()))
        self.own = frozenset(self.header.get("own", ()))
        """Proclitic chains not split off a stem without the article (`words_of_their_own`)."""
        self._family = family
        self._case_weights = case_weights
        self._stem_weights = stem_weights
        self._leans: dict[StemFacts, float] = {}  # the stem case model's lean of each kind of facts (`_stem_hit`)
        self._tail: list[str] = []  # the file's last lines (`loads`), read on first use
        self._raw: dict[str, str] | None = None
        self._rank: dict[str, int] | None = None  # each word's place in the file (`_ranks`)
        self._sorted: list[str] | None = None  # the words and stems in order (`sibling_key`), made on first use

    @property
    def family(self) -> Mapping[str, tuple[int, int, int, int]]:
        """How each stem's clitic forms are written (`family_counts`), read from the file on first use."""
        if self._family is None:
            self._family = {stem: _counts(c) for stem, c in self._family_text().items()}
        return self._family

    def _family_text(self) -> dict[str, str]:
        """The file's `family_counts`, each stem's counts as written (read on first use, parsed one stem at
        a time by `clitic_case`: parsing them all would cost a first look-up some 30 ms)."""
        if self._raw is None:
            stems, counts = (self._tail + ["", ""])[:2]
            self._raw = dict(zip(stems.split("\t"), counts.split("\t"))) if stems else {}
        return self._raw

    def _counts_of(self, stem: str) -> tuple[int, int, int, int]:
        if self._family is not None:
            return self._family.get(stem, (0, 0, 0, 0))
        text = self._family_text().get(stem)
        return _counts(text) if text else (0, 0, 0, 0)

    @property
    def case_weights(self) -> Mapping[str, float]:
        """The case model of clitic forms (`fit_case_model`): feature -> weight, the bias under ``""``."""
        if self._case_weights is None:
            names, weights = (self._tail[2:] + ["", ""])[:2]
            self._case_weights = {n: float(w) for n, w in zip(names.split("\t"), weights.split("\t")) if w}
        return self._case_weights

    def clitic_case(self, key: str, labels_: str, case: int) -> int:
        """The case of a word the lexicon lacks, read as a known stem with proclitics or the
        article (``labels_``), or as the stem alone of known clitic forms; ``case``: the case its
        stem's entry has, which stands when the case model is empty."""
        weights = self.case_weights
        if not weights:
            return case
        head, stem, _ = core_of(key, labels_)
        counts = self._counts_of(stem)
        stem_case = (self.words[stem][-1] if stem in self.words else "none") if head else "none"
        z = weights.get("", 0.0)
        for feature, v in case_evidence(head, stem, stem_case, counts).items():
            z += weights.get(feature, 0.0) * v
        return int(z >= 0.0)

    def lookup(self, word: str) -> Hit | None:
        """The labels of a word (raw text: it is keyed first, `glossary.translit.labels.key`), or None."""
        return self.lookup_key(labels.key(word))

    def text_case(self, key: str, value: str) -> int:
        """The case of a whole word of the lexicon (``value``: its labels and case) in running text.

        The catalogue's romanization of a word as written is capitalized whenever the word most
        often opens a title (Madīnat, Qaryat, Taʼrīkh, Thawrah: common nouns), and the lexicon keeps
        the most frequent one; written with a proclitic other than the article (wa-, bi-, li- …) the
        same word mostly stands inside a title, where only a proper name is capitalized. So a
        capitalized word without proclitics or article of its own, whose forms with such a proclitic
        are at least `TEXT_CASE_FORMS` lower-case and mostly so, is written lower-case: مدينة
        (Madīnat as written, wa-madīnat and bi-madīnat) is lower-case inside a sentence, دمشق
        (bi-Dimashq, wa-Dimashq) keeps its capital. Never the other way round (a word capitalized
        in its clitic forms is as often a publisher's name's as a proper name), and not a word with
        the article, whose forms with wa-al-, bi-al-, lil- are as often an institution's name
        (Wizārat al-Tarbiyah wa-al-Taʻlīm). Measured over the catalogue's 998 such forms of stems
        that have at least three (a one-off count; nothing is fitted): the rule gives a form's case
        from its stem's other forms for 86.9% of them, the stem's own case for 70.5%. Words held out
        of the lexicon never come here whole, but as another spelling of a lexicon word
        (`variant`; the README gives the held-out count).

        Example:
            >>> [default().text_case(w, default().words[w]) for w in ("مدينة", "دمشق")]
            [0, 1]
        """
        if value[-1] != "1" or core_of(key, value[:-1])[0]:
            return int(value[-1])
        counts = self._counts_of(key)
        return 0 if counts[3] >= TEXT_CASE_FORMS and counts[3] > counts[2] else 1

    def lookup_key(self, key: str) -> Hit | None:
        """`lookup` of a word already keyed (a whole word cased for running text: `text_case`)."""
        value = self.words.get(key)
        if value is not None:
            return Hit(value[:-1], self.text_case(key, value), "word")
        for chain, article, stem in splits(key, self.own):
            value = self.words.get(stem) if chain and not article else None
            if value is not None and not self.ordered(chain, stem, value[:-1]):
                value = None
            if value is None:
                value = self._stem(stem)
            if value is not None:
                marks = _assemble(chain, article, stem, self.governed(chain, article, stem, value[:-1]))
                return Hit(marks, self.clitic_case(key, marks, int(value[-1])), "clitics")
        return None

    def variant(self, key: str) -> tuple[str, Hit] | None:
        """A word the lexicon lacks as written, read as the lexicon's most frequent word that
        one of its `spelling_variants` spells (the lexicon's words are in the catalogue's order of
        frequency): its key and its labels (``via="variant"``), or None. Only whole words of the
        lexicon are asked: a variant found through a stem and proclitics gained no more held-out
        words than it lost (selection fold 5 of ``bench/translit_eval.py``).

        Example:
            >>> default().variant("اسلام")[0]
            'إسلام'
        """
        found = [v for v in spelling_variants(key) if v in self.words]
        if not found:
            return None
        if len(found) > 1:
            found.sort(key=self._ranks().__getitem__)
        value = self.words[found[0]]
        return found[0], Hit(value[:-1], self.text_case(found[0], value), "variant")

    def joined(self, key: str) -> tuple[tuple[str, Hit], tuple[str, Hit]] | None:
        """A word the lexicon lacks read as two of its words written without the space between
        them, which a letter that never joins the next (`JOINERLESS`: ا أ إ آ ٱ د ذ ر ز و) hides:
        a whole lexicon word of at least `JOINED_HEAD` letters ending in such a letter, then a
        lexicon word that opens with ال, as a whole word (الله, الدين) or read as the article and
        a stem of three letters or more (الرحمن when only رحمن is known): عبدالرحمن is عبد +
        الرحمن, نورالدين نور + الدين. Each part's key and labels, or None. The catalogue writes
        such a form with a hyphen (ʻAbd-al-Raḥmān), and so does `glossary.translit.words`.

        Chosen on the selection fold 5 of ``bench/translit_eval.py``: it read 8 held-out words
        there, 4 of them as the catalogue does and none the model had right (the other 4 are the
        catalogue's own spellings: Ḥamīduddīn, Abdelnasser). Over the whole catalogue, a head of
        two letters split lexicon words wrongly (كواليس as كو + اليس, مواليد as مو + اليد), and so
        did a second part read as the article and a stem of two letters (استراليا as استر +
        اليا, وزوالها as وزو + الها); without the article, two whole lexicon words after such a
        letter split 1,508 of the catalogue's words wrongly for 16 rightly (سكرتير as سكر + تير).

        Example:
            >>> [part for part, _ in default().joined("عبدالرحمن")]
            ['عبد', 'الرحمن']
        """
        for cut in range(JOINED_HEAD, len(key) - 3):
            if key[cut - 1] not in JOINERLESS or not key.startswith("ال", cut):
                continue
            value = self.words.get(key[:cut])
            if value is None:
                continue
            rest = key[cut:]
            whole = self.words.get(rest)  # the parts of a compound keep the catalogue's case (Nūr-al-Dīn)
            hit = Hit(whole[:-1], int(whole[-1]), "word") if whole is not None else self.lookup_key(rest)
            if hit is None:
                continue
            article, stem, _ = core_of(rest, hit.labels)
            if whole is not None or (article == "ال" and len(stem) >= 3):
                return (key[:cut], Hit(value[:-1], int(value[-1]), "word")), (rest, hit)
        return None

    def partial_key(self, key: str) -> Hit | None:
        """The labels of a word the lexicon lacks, as far as a known stem is its start: the
        word (after proclitics and the article are split off, `splits`) is a known stem of
        at least ``STEM_MINIMUM`` letters followed by one of the lexicon's ``suffixes``
        (`suffixes_of`: endings after which the stem keeps its vowels); the longest such
        stem gives its labels to the letters before its last, and ``?`` marks the letters
        left to the model: the stem's last letter (its vowel is the one a suffix changes)
        and the suffix. A stem ending in ة is found for ت before a suffix (مدرسة →
        مدرستين). A lexicon word with a longer stem of the word (`sibling_key`) is taken instead,
        and so is one with any stem of it when no known stem fits. ``via="stem"``; None when
        neither fits.

        Example:
            >>> default().partial_key("ومكتباتهم")[:3]
            ('waoaa.???', 0, 'stem')
        """
        reading = self.partial_reading(key)
        return self._stem_hit(reading) if reading is not None else None

    def partial_reading(self, key: str) -> StemReading | None:
        """`partial_key`'s reading of a word, before its labels are assembled (the stem case model's
        training rows read the lexicon's own words so, `stem_rows`)."""
        if not self.suffixes:
            return None
        best: StemReading | None = None
        readings = splits(key, self.own)
        for chain, article, rest in readings:
            top = max(best[3] if best else 0, STEM_MINIMUM - 1, len(rest) - 1 - SUFFIX_LONGEST)
            for n in range(len(rest) - 1, top, -1):
                if rest[n:] not in self.suffixes:
                    continue
                head = rest[:n]
                value = self._head(chain, article, head)
                if value is None and head[-1] == "ت":
                    head = head[:-1] + "ة"
                    value = self._head(chain, article, head)
                if value is not None:
                    best = StemReading(chain, article, rest, n, head, value, "forward")
                    break
        if best is None:
            return self.sibling_reading(key, readings)
        # a word of the lexicon with a longer stem of this one says more of it (`sibling_key`)
        return self.sibling_reading(key, readings, unknown=len(best.rest) - best.n + 1) or best

    def sibling_key(self, key: str, readings: list[tuple[str, str, str]] | None = None,
                    unknown: int | None = None) -> Hit | None:
        """A word the lexicon lacks, read from a word of the lexicon that writes its stem with
        another ending: the word's own letters with one of the lexicon's ``suffixes`` added (سلسل
        from سلسلة; a final ة as ت before it), or its stem with another of them in place of its own,
        after the same proclitics and article (`splits`). The letters before
        the stem's last take that word's labels; the model reads the stem's last letter and what
        follows. The fact is the one `suffixes_of` counts and `partial_key` uses (a word with a suffix
        keeps its stem's labels up to the stem's last letter), read across two words that share the
        stem. The stem keeps at least `SIBLING_MINIMUM` letters; the longest stem first (also against
        a known stem `partial_key` found: كتابيين reads كتابي from كتابيات rather than كتاب), then the
        lexicon's most frequent word. ``readings``: the word's `splits`, when the caller has them;
        ``unknown``: only a reading that leaves fewer letters than this to the model (`partial_key`
        has found a stem leaving that many). ``via="stem"``; None when none fits.

        Held out, on the selection folds 5 and 6 of ``bench/translit_eval.py`` (the same fold models):
        the pipeline 5,231 -> 5,258 and 5,138 -> 5,159 words right ignoring case (of 7,549 and 7,546;
        351 and 341 words the model read alone before); the word with a suffix added alone,
        5,247 and 5,152; the stem at least three letters, 5,254 and 5,155; preferred to a shorter
        known stem too, 5,261 and 5,162 (the code now).

        Example:
            >>> default().sibling_key("سلسل")[:3]  # from سلسلة, silsilah: the model reads the last letter
            ('ioi?', 1, 'stem')
        """
        reading = self.sibling_reading(key, readings, unknown)
        return self._stem_hit(reading) if reading is not None else None

    def sibling_reading(self, key: str, readings: list[tuple[str, str, str]] | None = None,
                        unknown: int | None = None) -> StemReading | None:
        """`sibling_key`'s reading of a word, before its labels are assembled (`partial_reading` asks it)."""
        if not self.suffixes:
            return None
        if self._sorted is None:  # every word and stem, in order: the words that extend a stem follow it
            self._sorted = sorted(self.words.keys() | self.stems.keys())
        keys, rank = self._sorted, self._ranks()
        best: tuple[tuple[int, int, str], StemReading] | None = None
        for chain, article, rest in splits(key, self.own) if readings is None else readings:
            lowest = SIBLING_MINIMUM if unknown is None else max(SIBLING_MINIMUM, len(rest) + 2 - unknown)
            for n in range(len(rest), lowest - 1, -1):  # the stem: the whole word, or before a suffix
                own = rest[n:]
                if own and own not in self.suffixes:
                    continue
                stem = rest[:-1] + "ت" if not own and rest[-1] == "ة" else rest[:n]
                at = bisect.bisect_right(keys, stem)
                while at < len(keys) and keys[at].startswith(stem):
                    other = keys[at]
                    at += 1
                    if other[n:] == own or other[n:] not in self.suffixes:
                        continue
                    value = self._head(chain, article, other)
                    if value is None:
                        continue
                    order = (-n, rank.get(other, len(rank)), value[:n - 1] + value[-1])
                    if best is None or order < best[0]:
                        best = (order, StemReading(chain, article, rest, n, other, value, "sibling"))
                if best is not None:
                    break
            if best is not None:
                break
        return best[1] if best is not None else None

    def _stem_hit(self, reading: StemReading) -> Hit:
        """The hit of a `StemReading`: the entry's labels before the stem's last letter, ``?`` for the
        rest; the stem case model's lean (`stem_evidence`) and the case it gives without the word's
        letters (the entry's own case when there is no such model)."""
        chain, article, rest, n, _, value, _ = reading
        marks = _assemble(chain, article, rest, value[:n - 1] + "?" * (len(rest) - n + 1))
        weights = self.stem_weights
        if not weights:
            return Hit(marks, int(value[-1]), "stem")
        facts = self._stem_facts(reading)
        lean = self._leans.get(facts)
        if lean is None:  # few kinds of facts (chains, suffixes, votes are few): each scored once
            lean = weights.get("", 0.0) + sum(weights.get(f, 0.0) * v for f, v in _evidence(facts).items())
            self._leans[facts] = lean
        return Hit(marks, int(lean >= 0.0), "stem", lean)

    def stem_evidence(self, reading: StemReading) -> dict[str, float]:
        """What the stem case model reads of a `StemReading` (`stem_evidence`), with its entry's family."""
        return _evidence(self._stem_facts(reading))

    def _stem_facts(self, reading: StemReading) -> StemFacts:
        """`_stem_facts` of a reading, its entry split once and its family counted here."""
        head, stem, _ = core_of(reading.entry, reading.value[:-1])
        return _stem_facts(reading, head, self._counts_of(stem))

    def stem_case(self, hit: Hit, capitalized: float) -> int:
        """The case of a ``stem`` hit, given the vocalizer's probability that the word is a proper name
        (`glossary.translit.vocalizer.Model.capitalized`): the stem case model's lean plus its weight
        of the probability's log-odds; that probability alone when there is no such model."""
        weights = self.stem_weights
        if not weights:
            return int(capitalized >= 0.5)
        p = min(max(capitalized, 1e-6), 1.0 - 1e-6)
        return int(hit.lean + weights.get("p", 0.0) * math.log(p / (1.0 - p)) >= 0.0)

    @property
    def stem_weights(self) -> Mapping[str, float]:
        """The stem case model (`fit_case_model` on `stem_rows`): feature -> weight, the bias under ``""``,
        the vocalizer's log-odds under ``"p"``; read from the file on first use."""
        if self._stem_weights is None:
            names, weights = (self._tail[4:] + ["", ""])[:2]
            self._stem_weights = {n: float(w) for n, w in zip(names.split("\t"), weights.split("\t")) if w}
        return self._stem_weights

    def _ranks(self) -> dict[str, int]:
        """Each word's place in the file, most frequent first (made on first use)."""
        if self._rank is None:
            self._rank = {w: i for i, w in enumerate(self.words)}
        return self._rank

    def _head(self, chain: str, article: str, head: str) -> str | None:
        """The value of a known stem after ``chain`` and ``article`` (as `lookup_key` reads it)."""
        if not chain and not article:
            return self.words.get(head)
        if not article:
            value = self.words.get(head)
            if value is not None and self.ordered(chain, head, value[:-1]):
                return value
        return self._stem(head)

    def ordered(self, chain: str, word: str, marks: str) -> bool:
        """Whether ``chain`` may be split off before the lexicon word ``word`` (labels ``marks``):
        their proclitics together keep the order Arabic writes them in (`_chained`). Held out, on
        the selection folds 5 and 6 of ``bench/translit_eval.py``: of 15 words read otherwise, 7 right
        that were read bi-wa-, li-wa- or bi-li- before (بوسعيد, Būsaʻīd), none lost; on folds 0-4
        the pipeline 69.0% -> 69.1% ignoring case (its row "splitting proclitics in any order")."""
        return _chained(chain, word, marks)

    def governed(self, chain: str, article: str, stem: str, marks: str) -> str:
        """A stem's labels behind ``chain``, genitive after a preposition (`governed`). Held out, on
        the selection folds 5 and 6 of ``bench/translit_eval.py``: 13 words read otherwise, 11 with the
        case vowel the catalogue writes (5 of them differ in the pronoun's own vowel, -ih against -ihi,
        one in its stem), one lost (بأوجه, whose ه is the word's own: bi-awjih), one a catalogue slip
        (bi-tanẓīmaḥā); 2 more words right ignoring case on each."""
        return governed(chain, article, stem, marks)

    def _stem(self, stem: str) -> str | None:
        value = self.stems.get(stem)
        if value is not None:
            return value
        value = self.words.get(stem)
        if value is not None and core_of(stem, value[:-1])[0] == "":
            return value
        return None

    def __len__(self) -> int:
        return len(self.words)

    @classmethod
    def build(cls, entries: Iterable[tuple[str, str, int]], header: dict[str, Any] | None = None) -> Lexicon:
        """A lexicon from (key, labels, case) entries, best first (a repeated key keeps the first)."""
        words: dict[str, str] = {}
        for key, marks, case in entries:
            words.setdefault(key, marks + str(case & 1))
        stems: dict[str, str] = {}
        for key, value in words.items():
            head, stem, stem_marks = core_of(key, value[:-1])
            if head and stem not in stems and (stem not in words or core_of(stem, words[stem][:-1])[0]):
                stems[stem] = stem_marks + value[-1]
        family = family_counts(words)
        weights = fit_case_model(*case_rows(words, family))
        model = {"l2": CASE_L2, "min_count": CASE_MIN_COUNT, "prune": CASE_PRUNE, "weights": len(weights)}
        lexicon = cls(words, stems, {**(header or {}), "suffixes": suffixes_of(words), "own": words_of_their_own(words),
                                     "case_model": model}, family, weights, {})
        lexicon._stem_weights = fit_case_model(*stem_rows(lexicon, letter_logits(words)))
        lexicon.header["stem_case_model"] = {**model, "weights": len(lexicon._stem_weights),
                                             "letters_l2": STEM_CASE_LETTERS_L2}
        return lexicon

    def dumps(self) -> bytes:
        """The file's bytes (gzip; the same lexicon gives the same bytes)."""
        header = {**self.header, "words": len(self.words), "stems": len(self.stems)}
        lines = [json.dumps(header, ensure_ascii=False, sort_keys=True)]
        lines += list(self.words) + list(self.words.values()) + list(self.stems) + list(self.stems.values())
        lines += ["\t".join(self.family), "\t".join(",".join(map(str, c)) for c in self.family.values())]
        lines += ["\t".join(self.case_weights), "\t".join(str(w) for w in self.case_weights.values())]
        lines += ["\t".join(self.stem_weights), "\t".join(str(w) for w in self.stem_weights.values())]
        packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip framing, mtime 0: reproducible
        return packer.compress("\n".join(lines).encode("utf-8")) + packer.flush()

    @classmethod
    def loads(cls, data: bytes) -> Lexicon:
        """Read the file's bytes (`dumps`)."""
        lines = zlib.decompress(data, 47).decode("utf-8").split("\n")
        header = json.loads(lines[0])
        n, m = int(header["words"]), int(header["stems"])
        words = dict(zip(lines[1:1 + n], lines[1 + n:1 + 2 * n]))
        stems = dict(zip(lines[1 + 2 * n:1 + 2 * n + m], lines[1 + 2 * n + m:1 + 2 * n + 2 * m]))
        lexicon = cls(words, stems, header)
        lexicon._tail = lines[1 + 2 * n + 2 * m:1 + 2 * n + 2 * m + 6]
        return lexicon


@functools.cache
def default() -> Lexicon:
    """The shipped lexicon, read once."""
    return Lexicon.loads(LEXICON_PATH.read_bytes())
