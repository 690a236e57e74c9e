"""Generic words (``tables/generic.yaml``) with their words folded: the one reader of that table.

A generic word (Jaysh, Liwa, Brigade, Kafr ...) says little about which name it is in; the
table gives each a factor, lists the words to ignore, the least weight of a word one name
lacks (``mismatch``), the words that open a kunya (Abu, Umm), the titles that open a
person's name as written (``titles``: Dr, Sheikh, Colonel), the words that say what a
settlement is (``settlements``: city, village, مدينة), direction words that never
pair (``opposites``) and words that translate or neighbour each other (``equivalents``).
Every word is folded as `glossary.names.tokens` folds it, so that tables are looked up by
folded form; the result is generated into ``_generated/folded.py`` (`folded_tables`), used
while it was made from the tables on disk.

Example:
    >>> factors()["jaysh"] < 1.0, factors()["uf"], "jaysh" in listed_factors()
    (True, 0.0, True)
"""

from __future__ import annotations

import re
from functools import cache

from .normalize import tokens
from .tables import TABLES, sources_hash


def _folded_set(words: list[str]) -> dict[str, None]:
    out: dict[str, None] = {}
    for word in words:
        for t in tokens(word):
            if not t.article:
                out[t.form] = None
    return out


def folded_tables() -> dict[str, dict[str, float]]:
    """Every table of ``tables/generic.yaml`` with its words folded (see the module docstring):
    ``generic``, the factors of the words as the table writes them (`factors` adds their -eh
    spellings); ``mismatch`` and ``opposite`` with each -a word also written -eh (`_with_eh`);
    ``skeleton``, a factor by skeleton (doubled letters single); ``equivalent`` ("a b" -> how
    alike) and ``translation`` ("form skeleton" -> 1, see `translations`)."""
    table = TABLES["generic"]
    listed: dict[str, float] = {}
    for word, factor in table["generic"].items():
        for f in _folded_set([word]):
            listed[f] = float(factor)
    for f in _folded_set(table["ignore"]):
        listed[f] = 0.0
    skeleton: dict[str, float] = {}
    for word, factor in sorted(table["generic"].items()):
        for t in tokens(word):
            if not t.article:
                skeleton.setdefault(re.sub(r"(.)\1+", r"\1", t.skel), float(factor))
    mismatch = {f: float(v) for word, v in table["mismatch"].items() for f in _folded_set([word])}
    opposite: dict[str, float] = {}  # folded word -> its group's number
    for number, group in enumerate(table["opposites"]):
        for f in _folded_set(group):
            opposite[f] = float(number)
            mismatch.setdefault(f, 0.9)
    equivalent: dict[str, float] = {}  # "a b" (two folded words) -> how alike
    for group in table["equivalents"]:
        forms = list(_with_eh(dict.fromkeys(_folded_set(group["words"]), 0.0)))
        for a in forms:
            for b in forms:
                if a != b:
                    equivalent[a + " " + b] = max(equivalent.get(a + " " + b, 0.0), float(group["similarity"]))
    translation: dict[str, float] = {}  # "form skeleton": the skeleton of one of the form's translations
    for group in table["equivalents"]:
        if group["similarity"] < 0.95:
            continue
        for a in group["words"]:
            for b in group["words"]:
                if a != b and a.isascii() == b.isascii():
                    for form in _with_eh(dict.fromkeys(_folded_set([a]), 0.0)):
                        translation.update(dict.fromkeys((form + " " + t.skel for t in tokens(b) if t.skel), 1.0))
    return {"generic": listed, "skeleton": skeleton, "mismatch": _with_eh(mismatch),
            "kunya": dict.fromkeys(_folded_set(table["kunya"]), 1.0), "title": dict.fromkeys(_folded_set(table["titles"]), 1.0),
            "settlement": dict.fromkeys(_folded_set(table["settlements"]), 1.0),
            "opposite": _with_eh(opposite),
            "equivalent": equivalent, "translation": translation}


def _with_eh(table: dict[str, float]) -> dict[str, float]:
    """A table of folded words with each -a word also written -eh, as Levantine spellings write
    taa marbuta (Liweh for Liwa)."""
    out = dict(table)
    for form, v in table.items():
        if form.endswith("a") and len(form) >= 4:
            out.setdefault(form[:-1] + "ih", v)
    return out


@cache
def _tables() -> dict[str, dict[str, float]]:
    """`folded_tables`, from the generated module while it was made from the tables on disk."""
    from ._generated.folded import FOLDED, FROM_TABLES

    return FOLDED if FROM_TABLES == sources_hash() else folded_tables()


@cache
def factors() -> dict[str, float]:
    """Folded generic word (and its -eh spelling) -> factor; 0 for a word to ignore."""
    return _with_eh(listed_factors())


def listed_factors() -> dict[str, float]:
    """`factors` of the words as the table writes them, no -eh spelling added."""
    return _tables()["generic"]


def skeleton_factors() -> dict[str, float]:
    """A generic word's skeleton (doubled letters single) -> its factor, the first word in
    alphabetical order deciding."""
    return _tables()["skeleton"]


def mismatch() -> dict[str, float]:
    """Folded word -> least weight when the other name lacks it (``mismatch``; a direction word 0.9)."""
    return _tables()["mismatch"]


@cache
def kunya() -> frozenset[str]:
    """Folded words that make a kunya with the next word (Abu, Umm)."""
    return frozenset(_tables()["kunya"])


@cache
def titles() -> frozenset[str]:
    """Folded titles, honorifics and ranks that open a person's name as written (``titles``:
    Dr, Sheikh, Colonel, عقيد)."""
    return frozenset(_tables()["title"])


@cache
def settlements() -> frozenset[str]:
    """Folded words that say what a settlement is (``settlements``: city, village, مدينة)."""
    return frozenset(_tables()["settlement"])


def opposites() -> dict[str, float]:
    """Folded direction word -> its group (``opposites``): words of two groups never pair."""
    return _tables()["opposite"]


def equivalents() -> dict[str, float]:
    """Two folded words of one ``equivalents`` group, as "a b" -> how alike the pair is:
    translations (Sham ~ Levant) and unit words of neighbouring rank."""
    return _tables()["equivalent"]


@cache
def translations() -> dict[str, tuple[str, ...]]:
    """Folded word -> the skeletons of its translations: the other words of an ``equivalents``
    group of similarity 0.95 or more, in the same script (Army -> the skeleton of Jaysh), for
    finding candidates (a skeleton is the same in both scripts: جيش has that of Jaysh)."""
    out: dict[str, list[str]] = {}
    for pair in _tables()["translation"]:
        form, skel = pair.split(" ")
        out.setdefault(form, []).append(skel)
    return {form: tuple(skels) for form, skels in out.items()}


@cache
def particles() -> frozenset[str]:
    """Folded words that say next to nothing of a name: those the scorer ignores (of, and, fi),
    titles, filiation (bin, ould) and settlement words (city, village): generic factor at most
    0.2."""
    return frozenset(f for f, v in factors().items() if v <= 0.2)

