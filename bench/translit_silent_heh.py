"""Persian-spelled names romanized with and without the silent-hāʾ reading, against their Latin spellings.

    python bench/translit_silent_heh.py

Data: the training corpus (``../shared/data/resolve/train``): every Arabic-script spelling with a word
that has a Persian letter (ی ک گ پ چ ژ) and ends in ه after a consonant (as کتابخانه, library, does), and
the Latin spellings of its entity (its romanized name, its latin and scholarly spellings). Each is
romanized in the ``simple`` scheme twice in this run, with `glossary.translit.letters.clean` reading
that ه as ة and without (``PERSIAN_LETTERS`` emptied: the code before), and scored by the best
rapidfuzz ``ratio`` of its lower-case ASCII letters to one of the entity's Latin spellings. Nothing
here was fitted: the reading is a fact of Persian spelling, not a parameter.
"""

from __future__ import annotations

import csv
import statistics
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rapidfuzz import fuzz  # noqa: E402

import glossary.translit.letters as letters  # noqa: E402
from glossary.translit import transliterate  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "resolve" / "train"


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if c.isalpha() and c.isascii())


def main() -> None:
    with (DATA / "entities.tsv").open(encoding="utf-8") as f:
        entities = {r["id"]: r for r in csv.DictReader(f, delimiter="\t")}
    with (DATA / "queries.tsv").open(encoding="utf-8") as f:
        queries = list(csv.DictReader(f, delimiter="\t"))
    latin: dict[str, set[str]] = {}
    for q in queries:
        if q["category"] in ("latin", "scholarly") and q["expected"]:
            latin.setdefault(q["expected"], set()).add(q["query"])
    persian = letters.PERSIAN_LETTERS
    picked = [q for q in queries
              if q["category"] == "arabic" and q["expected"] and any(map(letters.silent_heh, q["query"].split()))]
    scores: dict[str, list[float]] = {}
    for name, table in (("ه read as ة (now)", persian), ("ه as written (before)", frozenset())):
        letters.PERSIAN_LETTERS = table
        scores[name] = [max(fuzz.ratio(_ascii(transliterate(q["query"], "simple").text), _ascii(n))
                            for n in {entities[q["expected"]]["romanized"]} | latin.get(q["expected"], set()))
                        for q in picked]
    letters.PERSIAN_LETTERS = persian
    print(f"{len(picked)} Arabic-script spellings of the training corpus with such a word")
    for name, s in scores.items():
        print(f"  {name:24} best ratio to a Latin spelling of the entity: mean {statistics.mean(s):.1f}, "
              f"median {statistics.median(s):.1f}")
    now, before = scores.values()
    print(f"  closer {sum(a > b for a, b in zip(now, before))}, farther {sum(a < b for a, b in zip(now, before))}, "
          f"the same {sum(a == b for a, b in zip(now, before))}")


if __name__ == "__main__":
    main()
