"""Names per second for every romanization scheme, next to plain baselines.

Usage: ``python bench/translit_speed.py [--names 100000] [--repeat 5]``

The names are built from the words of the shared test vectors (vocalized, plus the same
words with their vowel marks stripped), one to four words each, with a fixed seed. Each
scheme romanizes every name through the public `glossary.transliterate` (which builds
a `Transliteration` and checks exactness); the time is the median of ``--repeat`` runs,
interleaved across mappers. The transcription schemes and ISO 233 cache per word, so
the figures are for names that share words, as name columns do; ``--distinct-words``
makes every word new (no cache hit) for the cold figure.
Baselines in the same run: a plain `str.translate` with the Buckwalter table (the floor
for any table-driven scheme), CAMeL Tools' ``ar2bw`` CharMapper and unidecode, each
skipped with a note when it is not installed.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from glossary.translit import SCHEMES, transliterate

VECTORS = ROOT / "tests" / "translit" / "data" / "vectors.tsv"
HARAKAT = re.compile("[\u064B-\u0652\u0670]")


def make_names(count: int, *, distinct: bool = False, seed: int = 5) -> list[str]:
    """``count`` names of one to four words drawn from the vectors' vocabulary, or with
    ``distinct`` of random vocalized words (almost never repeated)."""
    rows = list(csv.DictReader(VECTORS.open(encoding="utf-8"), delimiter="\t"))
    words = sorted({w for row in rows for w in row["arabic"].split()})
    words += [HARAKAT.sub("", w) for w in words]
    rng = random.Random(seed)

    def word() -> str:
        if not distinct:
            return rng.choice(words)
        syllables = (rng.choice("بتجحدرسشعفقكلمنهوي") + rng.choice("\u064E\u064F\u0650") + rng.choice(["", "ا", "ّ"])
                     for _ in range(rng.randint(2, 4)))
        return "".join(syllables) + rng.choice("بتدرسلمنة")

    return [" ".join(word() for _ in range(rng.randint(1, 4))) for _ in range(count)]


def rates(mappers: dict[str, Callable[[str], object]], names: list[str], repeat: int) -> dict[str, float]:
    """Median names per second of each mapper; the passes are interleaved (one pass of
    every mapper per round) so that a change of machine load hits all of them alike."""
    times: dict[str, list[float]] = {label: [] for label in mappers}
    for _ in range(repeat):
        for label, function in mappers.items():
            start = time.perf_counter()
            for name in names:
                function(name)
            times[label].append(time.perf_counter() - start)
    return {label: len(names) / statistics.median(t) for label, t in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--distinct-words", action="store_true", help="no repeated words (cold caches)")
    args = parser.parse_args()
    names = make_names(args.names, distinct=args.distinct_words)
    mappers: dict[str, Callable[[str], object]] = {}

    bw = {
        "ء": "'", "آ": "|", "أ": ">", "ؤ": "&", "إ": "<", "ئ": "}", "ا": "A", "ب": "b", "ة": "p", "ت": "t",
        "ث": "v", "ج": "j", "ح": "H", "خ": "x", "د": "d", "ذ": "*", "ر": "r", "ز": "z", "س": "s", "ش": "$",
        "ص": "S", "ض": "D", "ط": "T", "ظ": "Z", "ع": "E", "غ": "g", "ـ": "_", "ف": "f", "ق": "q", "ك": "k",
        "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ى": "Y", "ي": "y", "ً": "F", "ٌ": "N", "ٍ": "K",
        "َ": "a", "ُ": "u", "ِ": "i", "ّ": "~", "ْ": "o", "ٰ": "`", "ٱ": "{",
    }
    table = str.maketrans(bw)
    mappers["str.translate (Buckwalter table)"] = lambda s: s.translate(table)
    try:
        from camel_tools.utils.charmap import CharMapper

        mappers["camel-tools ar2bw CharMapper"] = CharMapper.builtin_mapper("ar2bw").map_string
    except ImportError:
        print("camel-tools: not installed, baseline skipped (pip install camel-tools)")
    try:
        from unidecode import unidecode

        mappers["unidecode"] = unidecode
    except ImportError:
        print("unidecode: not installed, baseline skipped")
    for scheme in SCHEMES:
        transliterate(names[0], scheme)  # load and compile the table outside the timing
        mappers[f"glossary {scheme}"] = lambda s, k=scheme: transliterate(s, k)
    results = list(rates(mappers, names, args.repeat).items())

    floor = results[0][1]
    print(f"{len(names):,} names ({sum(map(len, names)) / len(names):.1f} characters on average), "
          f"median of {args.repeat} runs, Python {sys.version.split()[0]}")
    print(f"{'mapper':40} {'names/s':>12} {'vs str.translate':>18}")
    for label, value in results:
        print(f"{label:40} {value:12,.0f} {floor / value:17.1f}x")


if __name__ == "__main__":
    main()
