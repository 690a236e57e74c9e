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
   how to write it (al-Shām, aš-Šām, ash Shām).

A hit carries the word's labels and whether the catalogue capitalizes it (a proper name). A
clitic form takes the case the lexicon's clitic forms of the same stem suggest, which a
catalogue's title-initial capitals do not blur (`clitic_cases`: held out, 5 of 10 folds, the
words found through a known stem 63.3% -> 67.0% exact).

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

File format (``data/lexicon.txt.gz``, gzip of UTF-8 lines, read once on first use): a
JSON header line; the word keys; their values; the stem keys; their values (counts in the
header, with the suffixes and the table of `clitic_cases`); then three lines, the stems whose
clitic forms are mostly capitalized, mostly not, and as often each (tab-separated). A value
is the labels followed by the case digit (1 a proper name, 0 not).
Splitting the lines and zipping them into dicts keeps the load near 20 ms.

Example:
    >>> lex = default()
    >>> lex.lookup("والتوزيع").via
    'word'
"""

from __future__ import annotations

import functools
import json
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from glossary.translit import labels
from glossary.translit.letters import SUN

__all__ = ["LEXICON_PATH", "Hit", "Lexicon", "clitic_cases", "core_of", "default", "splits", "suffixes_of"]

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
    via: str  # "word" | "clitics" | "stem" (`Lexicon.partial_key`: ``?`` for letters left to choose)


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


def splits(key: str) -> list[tuple[str, str, str]]:
    """The ways to read a word as (proclitics, article ``""``/``"al"``/``"lil"``, stem),
    fewest letters split off first (لل counts as one: li- and the article are one letter
    more than li- alone), the article before a bare proclitic.

    Example:
        >>> splits("بدمشق")
        [('', '', 'بدمشق'), ('ب', '', 'دمشق')]
    """
    out: list[tuple[int, str, str, str]] = []
    for chain in _CHAINS:
        if not key.startswith(chain):
            continue
        rest = key[len(chain):]
        if len(rest) >= 2 and _bare_ok(chain, rest):
            out.append((len(chain), chain, "", rest))
        if rest.startswith("ال") and len(rest) >= 4 and not chain.endswith("ل"):
            out.append((len(chain) + 2, chain, "al", rest[2:]))
        if rest.startswith("لل") and len(rest) >= 4 and not chain.endswith("ل"):
            # لل is li- + the article before a stem in ل as well (للقاء): read the article first
            out.append((len(chain), chain, "lil", rest[2:]))
    out.sort(key=lambda x: (x[0], bool(x[1] or x[2]), not x[2]))  # the word itself first
    return [(chain, article, stem) for _, chain, article, stem in out]


def _bare_ok(chain: str, stem: str) -> bool:
    """Whether proclitics may stand before a stem without the article: sa- (future) only
    before an imperfect verb's prefix (ي ت ن أ); ka- only before the article (ka-al-): a word
    beginning with ك or س is otherwise read as it is written."""
    if chain.endswith("س"):
        return stem[0] in "يتنأ"
    return not chain.endswith("ك")


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


STEM_MINIMUM = 2
"""The fewest letters of a known stem that `Lexicon.partial_key` reads a word from."""

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


_VOTES = ("up", "low", "tie")
"""How a stem's clitic forms are written, as the file groups the stems (`_vote`; ``none`` is not stored)."""


def _vote(capitalized: int, lower: int) -> str:
    """How a stem's clitic forms are written: ``up``, ``low``, ``tie`` or ``none`` (no clitic form)."""
    if capitalized + lower == 0:
        return "none"
    return "up" if capitalized > lower else "low" if lower > capitalized else "tie"


def _cell(words: Mapping[str, str], stem: str, vote: str) -> str:
    """The `clitic_cases` cell of a clitic form of ``stem``, without its proclitics: the stem's own
    case as a word (``none`` when it is none) and how its other clitic forms are written."""
    return f"{words[stem][-1] if stem in words else 'none'}:{vote}"


CLITIC_CELL_MINIMUM = 20
"""Clitic forms a cell of `clitic_cases` needs to count its proclitics apart (else the cell without them)."""


def clitic_cases(words: Mapping[str, str]) -> tuple[dict[str, int], dict[str, str]]:
    """Whether a clitic form of a known stem is capitalized, learned from the lexicon's own clitic
    forms, and how each stem's clitic forms are written (`_vote`), which the table reads.

    A catalogue capitalizes a title's first word as well as proper names, so a stem's own case
    says little about its clitic forms (دراسات is Dirāsāt, first in titles; ودراسات is
    wa-dirāsāt). The evidence for a clitic form of stem S: the case of S as a word of its own
    (``1``, ``0`` or ``none``), how S's other clitic forms are written (`_vote`), and its
    proclitics as written (وال, ب, لل …). Each clitic form of the lexicon is counted in the cell
    of its evidence, itself left out (as a word the lexicon lacks would find it); a cell says
    the case most of its forms have (a tie: nothing), with its proclitics when at least
    `CLITIC_CELL_MINIMUM` forms fill it, else without them. Returned: the table
    (``{"BARE:VOTE": case, "BARE:VOTE:PROCLITICS": case}``, kept in the header for review) and
    each stem's vote (``none`` left out).
    """
    family: dict[str, list[int]] = {}
    of: dict[str, tuple[str, str]] = {}
    for key, value in words.items():
        head, stem, _ = core_of(key, value[:-1])
        if head:
            family.setdefault(stem, [0, 0])[value[-1] != "1"] += 1
            of[key] = (head, stem)
    cells: dict[str, list[int]] = {}
    for key, (head, stem) in of.items():
        up, low = family[stem]
        gold = words[key][-1] == "1"
        cell = _cell(words, stem, _vote(up - gold, low - (not gold)))
        cells.setdefault(cell, [0, 0])[gold] += 1
        cells.setdefault(f"{cell}:{head}", [0, 0])[gold] += 1
    table = {cell: int(n[1] > n[0]) for cell, n in sorted(cells.items())
             if n[0] != n[1] and (cell.count(":") == 1 or sum(n) >= CLITIC_CELL_MINIMUM)}
    return table, {stem: _vote(up, low) for stem, (up, low) in sorted(family.items())}


class Lexicon:
    """Word and stem tables (use `default` for the shipped lexicon).

    Args:
        words: Word key -> labels + case digit.
        stems: Stem key -> labels + case digit, for stems that are not themselves a word
            of ``words`` without clitics.
        header: What the file says about itself.
    """

    def __init__(self, words: Mapping[str, str], stems: Mapping[str, str], header: dict[str, Any] | None = None,
                 votes: Mapping[str, str] | None = None):
        self.words = words
        self.stems = stems
        self.header = header or {}
        self.suffixes = frozenset(self.header.get("suffixes", ()))
        self._votes = votes
        self._vote_lines: list[str] = []
        self.cases: Mapping[str, int] = self.header.get("clitic_cases", {})

    @property
    def votes(self) -> Mapping[str, str]:
        """How each stem's clitic forms are written (`clitic_cases`; a stem without them is left out),
        read from the file's lines on first use (most look-ups need none)."""
        if self._votes is None:
            self._votes = {stem: vote for vote, line in zip(_VOTES, self._vote_lines) for stem in line.split("\t") if stem}
        return self._votes

    def clitic_case(self, head: str, stem: str, case: int) -> int:
        """The case of a clitic form (``head``: its proclitics and article as written) of a known
        stem whose own value says ``case``: as `clitic_cases` learned it, else ``case``."""
        cell = _cell(self.words, stem, self.votes.get(stem, "none"))
        found = self.cases.get(f"{cell}:{head}")
        if found is None:
            found = self.cases.get(cell)
        return case if found is None else found

    def lookup(self, word: str) -> Hit | None:
        """The labels of a word (raw text: it is keyed first, `glossary.translit.labels.key`), or None."""
        return self.lookup_key(labels.key(word))

    def lookup_key(self, key: str) -> Hit | None:
        """`lookup` of a word already keyed."""
        value = self.words.get(key)
        if value is not None:
            return Hit(value[:-1], int(value[-1]), "word")
        for chain, article, stem in splits(key):
            value = self.words.get(stem) if chain and not article else None
            if value is None:
                value = self._stem(stem)
            if value is not None:
                return Hit(_assemble(chain, article, stem, value[:-1]),
                           self.clitic_case(key[:len(key) - len(stem)], stem, int(value[-1])), "clitics")
        return None

    def partial_key(self, key: str) -> Hit | None:
        """The labels of a word the lexicon lacks, as far as a known stem is its start: the
        word (after proclitics and the article are split off, `splits`) is a known stem of
        at least ``STEM_MINIMUM`` letters followed by one of the lexicon's ``suffixes``
        (`suffixes_of`: endings after which the stem keeps its vowels); the longest such
        stem gives its labels to the letters before its last, and ``?`` marks the letters
        left to the model: the stem's last letter (its vowel is the one a suffix changes)
        and the suffix. A stem ending in ة is found for ت before a suffix (مدرسة →
        مدرستين). ``via="stem"``; None when no stem fits.

        Example:
            >>> default().partial_key("ومكتباتهم")
            Hit(labels='waoaa.???', case=0, via='stem')
        """
        if not self.suffixes:
            return None
        best: tuple[int, str] | None = None
        for chain, article, rest in splits(key):
            top = max(best[0] if best else 0, STEM_MINIMUM - 1, len(rest) - 1 - SUFFIX_LONGEST)
            for n in range(len(rest) - 1, top, -1):
                if rest[n:] not in self.suffixes:
                    continue
                head = rest[:n]
                value = self._head(chain, article, head)
                if value is None and head[-1] == "ت":
                    value = self._head(chain, article, head[:-1] + "ة")
                if value is not None:
                    known = value[:n - 1] + "?" * (len(rest) - n + 1)
                    best = (n, _assemble(chain, article, rest, known) + value[-1])
                    break
        if best is None:
            return None
        return Hit(best[1][:-1], int(best[1][-1]), "stem")

    def _head(self, chain: str, article: str, head: str) -> str | None:
        """The value of a known stem after ``chain`` and ``article`` (as `lookup_key` reads it)."""
        if not chain and not article:
            return self.words.get(head)
        if not article:
            value = self.words.get(head)
            if value is not None:
                return value
        return self._stem(head)

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
        table, votes = clitic_cases(words)
        return cls(words, stems, {**(header or {}), "suffixes": suffixes_of(words), "clitic_cases": table}, votes)

    def dumps(self) -> bytes:
        """The file's bytes (gzip; the same lexicon gives the same bytes)."""
        header = {**self.header, "words": len(self.words), "stems": len(self.stems)}
        lines = [json.dumps(header, ensure_ascii=False, sort_keys=True)]
        lines += list(self.words) + list(self.words.values()) + list(self.stems) + list(self.stems.values())
        lines += ["\t".join(sorted(s for s, v in self.votes.items() if v == vote)) for vote in _VOTES]
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
        lexicon._vote_lines = lines[1 + 2 * n + 2 * m:1 + 2 * n + 2 * m + len(_VOTES)]
        return lexicon


@functools.cache
def default() -> Lexicon:
    """The shipped lexicon, read once."""
    return Lexicon.loads(LEXICON_PATH.read_bytes())
