"""Build the vocalized word lexicon (``src/glossary/translit/data/lexicon.txt.gz``).

Usage: ``python tools/build_lexicon.py [--source TSV] [--check]``

Reads the CAMeL Lab / Library of Congress table of Arabic words and their most frequent
ALA-LC romanization (``../shared/data/translit/lexicon/alalc_words.tsv``: arabic, alalc,
freq), aligns every pair to its letters (`glossary.translit._align.align`: the labels for
which the engine's own ALA-LC table reproduces the romanization, ignoring case), and
writes:

* the lexicon (`glossary.translit.lexicon`), words best first (by catalogue frequency),
  with the suffixes its words show (`glossary.translit.lexicon.suffixes_of`) in its header;
  a spelling that two rows share after keying (ى inside a word read ي) keeps the more
  frequent row;
* ``LICENSE.camel-lab`` beside it (BSD-3-Clause: the notice ships with the data);
* ``tools/data/lexicon_unaligned.tsv``: every pair that did not align, with its reason
  (`glossary.translit._align.REASONS`) — none is dropped silently.

It prints the counts per reason. ``--check`` rebuilds in memory and exits 1 when the
shipped files differ (the build is deterministic: same input, same bytes).
"""

from __future__ import annotations

import argparse
import collections
import csv
import hashlib
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from glossary.translit._align import REASONS, Aligned, Failure, align  # noqa: E402
from glossary.translit.lexicon import LEXICON_PATH, Lexicon  # noqa: E402

SOURCE = ROOT.parent / "shared" / "data" / "translit" / "lexicon" / "alalc_words.tsv"
SOURCE_NAME = "../shared/data/translit/lexicon/alalc_words.tsv"
UNALIGNED = ROOT / "tools" / "data" / "lexicon_unaligned.tsv"


def read_rows(path: Path) -> list[tuple[str, str, int]]:
    """(arabic, alalc, freq) rows, most frequent first (ties in file order)."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = [(r["arabic"], r["alalc"], int(r["freq"])) for r in csv.DictReader(f, delimiter="\t")]
    order = sorted(range(len(rows)), key=lambda k: (-rows[k][2], k))
    return [rows[k] for k in order]


def align_rows(rows: list[tuple[str, str, int]]) -> tuple[list[tuple[Aligned, int]], list[tuple[Failure, int]]]:
    """Align every row; returns the aligned pairs and the failures, each with its frequency."""
    done: list[tuple[Aligned, int]] = []
    failed: list[tuple[Failure, int]] = []
    for arabic, alalc, freq in rows:
        result = align(arabic, alalc)
        if isinstance(result, Failure):
            failed.append((result, freq))
        else:
            done.append((result, freq))
    return done, failed


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(source: Path) -> tuple[bytes, str, dict[str, int]]:
    """The lexicon file's bytes, the unaligned list's text and the counts."""
    rows = read_rows(source)
    done, failed = align_rows(rows)
    seen: set[str] = set()
    entries = []
    repeated = 0
    for a, _ in done:
        if a.word in seen:
            repeated += 1
            continue
        seen.add(a.word)
        entries.append((a.word, a.marks, a.case))
    header = {
        "format": 1,
        "script": "tools/build_lexicon.py",
        "source": SOURCE_NAME,
        "sha256": sha256(source),
        "license": "LICENSE.camel-lab (BSD-3-Clause, New York University Abu Dhabi)",
        "rows": len(rows),
        "aligned": len(done),
    }
    lexicon = Lexicon.build(entries, header)
    counts = collections.Counter(f.reason for f, _ in failed)
    stats = {"rows": len(rows), "aligned": len(done), "repeated": repeated, "words": len(lexicon.words),
             "stems": len(lexicon.stems), **{f"unaligned:{k}": counts[k] for k in REASONS}}
    lines = ["arabic\talalc\tfreq\treason\tdetail"]
    for f, freq in sorted(failed, key=lambda x: (list(REASONS).index(x[0].reason), -x[1], x[0].word)):
        lines.append(f"{f.word}\t{f.alalc}\t{freq}\t{f.reason}\t{f.detail}")
    return lexicon.dumps(), "\n".join(lines) + "\n", stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped files would change")
    args = parser.parse_args()
    data, unaligned, stats = build(args.source)
    for key, value in stats.items():
        reason = REASONS.get(key.partition(":")[2], "")
        print(f"{key:28} {value:7,}  {reason}")
    print(f"aligned {stats['aligned'] / stats['rows']:.1%} of the rows; lexicon {len(data):,} bytes")
    license_src = args.source.with_name("LICENSE.camel-lab")
    license_dst = LEXICON_PATH.with_name("LICENSE.camel-lab")
    if args.check:
        same = (LEXICON_PATH.read_bytes() == data and UNALIGNED.read_text(encoding="utf-8") == unaligned
                and license_dst.read_bytes() == license_src.read_bytes())
        print("up to date" if same else "STALE: run python tools/build_lexicon.py")
        return 0 if same else 1
    LEXICON_PATH.parent.mkdir(parents=True, exist_ok=True)
    LEXICON_PATH.write_bytes(data)
    shutil.copyfile(license_src, license_dst)
    UNALIGNED.parent.mkdir(parents=True, exist_ok=True)
    UNALIGNED.write_text(unaligned, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
