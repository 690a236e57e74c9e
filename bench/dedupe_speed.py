"""Speed of `glossary dedupe` on 1,000,000 rows holding 50,000 distinct spellings, CSV and Parquet.

Builds the file once (deterministic: names from bench/data/dedupe/lexicon.tsv and the dev
glossary, re-spelt with the noise of bench/dedupe_eval.py, rows drawn from a Zipf-like
law), then runs the installed command in a child process per format and reports its
wall time and peak memory (the child's maximum resident set size). The glossary is the
development glossary (bench/data/dedupe/dev_glossary.yaml); its index cache is warmed
first, as a user's would be after the first command.

Usage: python bench/dedupe_speed.py [--rows 1000000] [--distinct 50000] [--dir /tmp/dedupe-speed]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from dedupe_eval import DATA, arabic_variant, build, latin_variant  # noqa: E402


def spellings(n: int, seed: int = 0) -> list[str]:
    """``n`` distinct spellings: the eval dataset's, then more noisy variants of its names."""
    rng = random.Random(seed)
    known, unknown, truth, _counts = build(seed, 800)
    out = dict.fromkeys(truth)
    bases = [(e.get("romanized"), e.get("arabic")) for e in known + unknown]
    while len(out) < n:
        rom, ar = rng.choice(bases)
        s = latin_variant(rom, rng) if rom and (not ar or rng.random() < 0.7) else arabic_variant(ar, rng)
        out.setdefault(s.rstrip("\0"))
    names = list(out)[:n]
    rng.shuffle(names)
    return names


def make(path: Path, rows: int, distinct: int) -> None:
    """Write the CSV (and its Parquet twin): event_id, date, actor, place, fatalities, notes."""
    names = spellings(distinct)
    rng = random.Random(1)
    weights = [1 / (k + 1) ** 0.8 for k in range(len(names))]
    actors = names[:]  # every spelling at least once, the rest by weight
    actors += rng.choices(names, weights, k=rows - len(names))
    rng.shuffle(actors)
    places = ["Hama", "حماة", "Idlib", "إدلب", "Kafr Nabl", "Halab", "Latakia", "al-Lataminah"]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["event_id", "date", "actor", "place", "fatalities", "notes"])
        for i, a in enumerate(actors):
            w.writerow([i + 1, f"2019-{1 + i % 12:02d}-{1 + i % 28:02d}", a, places[i % len(places)], i % 7,
                        "shelling reported by local sources"])
    import polars as pl

    pl.read_csv(path, infer_schema=False).write_parquet(path.with_suffix(".parquet"))


def run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident megabytes of one child process."""
    t0 = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--distinct", type=int, default=50_000)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/dedupe-speed"))
    ap.add_argument("--formats", default="csv,parquet")
    args = ap.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    src = args.dir / f"events-{args.rows}-{args.distinct}.csv"
    if not src.exists():
        t0 = time.perf_counter()
        make(src, args.rows, args.distinct)
        print(f"built {src} in {time.perf_counter() - t0:.1f} s")
    glossary = str(DATA / "dev_glossary.yaml")
    # the dedupe command, whether or not glossary.cli imports glossary.cli_dedupe yet
    cmd = [sys.executable, "-c", "import glossary.cli_dedupe; from glossary.cli import main; main()",
           "--glossary", glossary]
    os.environ["GLOSSARY_CACHE_DIR"] = str(args.dir / "cache")
    subprocess.run([*cmd, "resolve", "Hama"], stdout=subprocess.DEVNULL, check=False)  # warm the index cache
    print(f"{args.rows:,} rows, {args.distinct:,} distinct spellings, column 'actor'; {os.cpu_count()} cores")
    print(f"{'format':<8} {'wall':>8} {'peak RSS':>10}")
    for fmt in args.formats.split(","):
        inp = src.with_suffix("." + fmt)
        out = args.dir / f"out.{fmt}"
        wall, peak = run([*cmd, "dedupe", str(inp), "--column", "actor", "-o", str(out), "--no-progress", "--json"])
        print(f"{fmt:<8} {wall:7.2f}s {peak:8.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
