"""Speed of `glossary dedupe` on 1,000,000 rows holding 50,000 distinct spellings, CSV and Parquet.

Builds the file once (deterministic: names from bench/data/dedupe/lexicon.tsv and the dev
glossary, re-spelt with the noise of bench/dedupe_eval.py, rows drawn from a Zipf-like
law), then runs the installed command in a child process per format and reports its
wall time and peak memory (the child's maximum resident set size). The glossary is the
development glossary (bench/data/dedupe/dev_glossary.yaml); its index cache is warmed
first, as a user's would be after the first command.

Usage: python bench/dedupe_speed.py [--rows 1000000] [--distinct 50000] [--dir /tmp/dedupe-speed]
                                   [--repeat 3] [--stages]

``--repeat N`` reports the median of N runs per format (the machine may be shared);
``--methods learned,rules`` (the default) times each clustering method (``--cluster-method``), their runs
alternated; ``--stages`` adds where the time went in each run: counting (pass 1), resolving, clustering,
the rest of deciding, and writing (pass 2), timed inside the child process.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from dedupe_eval import DATA, arabic_variant, build, latin_variant


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


# Run in the child with --stages: time the stages of glossary.dedupe.file.dedupe_file, print them on stderr.
STAGES = """
import json, sys, time
import glossary.dedupe.column as c, glossary.dedupe.file as f
from glossary.cli import main
spent = {}
def timed(name, fn):
    def run(*a, **k):
        t = time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - t
    return run
f.scan, f.write = timed("count", f.scan), timed("write", f.write)
c.resolve_names, c.cluster_names = timed("resolve", c.resolve_names), timed("cluster", c.cluster_names)
f.decide_columns = timed("decide", f.decide_columns)
sys.argv[0] = "glossary"
try:
    main()
finally:
    spent["decide"] -= spent.get("resolve", 0.0) + spent.get("cluster", 0.0)
    print("STAGES " + json.dumps(spent), file=sys.stderr)
"""


def run(args: list[str]) -> tuple[float, float, dict[str, float]]:
    """Wall seconds, peak resident megabytes and (with the stages wrapper) stage seconds of one child process.

    The peak is this run's only when it exceeds earlier runs' (the kernel keeps the children's maximum).
    """
    t0 = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    p = subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    stages = next((json.loads(line[7:]) for line in p.stderr.splitlines() if line.startswith("STAGES ")), {})
    return wall, max(peak, before) / 1024, stages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--distinct", type=int, default=50_000)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/dedupe-speed"))
    ap.add_argument("--formats", default="csv,parquet")
    ap.add_argument("--repeat", type=int, default=1, help="runs per format; the median is reported")
    ap.add_argument("--stages", action="store_true", help="time each stage inside the child process")
    ap.add_argument("--methods", default="learned,rules",
                    help="clustering methods (--cluster-method), each run alternated with the others")
    args = ap.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    src = args.dir / f"events-{args.rows}-{args.distinct}.csv"
    if not src.exists():
        t0 = time.perf_counter()
        make(src, args.rows, args.distinct)
        print(f"built {src} in {time.perf_counter() - t0:.1f} s")
    glossary = str(DATA / "dev_glossary.yaml")
    cmd = [sys.executable, "-c", "from glossary.cli import main; main()",
           "--glossary", glossary]
    os.environ["GLOSSARY_CACHE_DIR"] = str(args.dir / "cache")
    subprocess.run([*cmd, "resolve", "Hama"], stdout=subprocess.DEVNULL, check=False)  # warm the index cache
    if args.stages:
        cmd = [sys.executable, "-c", STAGES, "--glossary", glossary]
    print(f"{args.rows:,} rows, {args.distinct:,} distinct spellings, column 'actor'; {os.cpu_count()} cores")
    names = ("count", "resolve", "cluster", "decide", "write")
    methods = args.methods.split(",")
    print(f"{'format':<8} {'method':<8} {'wall':>8} {'peak RSS':>10}"
          + ("".join(f" {n:>8}" for n in names) if args.stages else ""))
    for fmt in args.formats.split(","):
        inp = src.with_suffix("." + fmt)
        out = args.dir / f"out.{fmt}"
        runs: dict[str, list[tuple[float, float, dict[str, float]]]] = {m: [] for m in methods}
        for _ in range(args.repeat):  # the methods alternated, so that the machine's load falls on both
            for m in methods:
                runs[m].append(run([*cmd, "dedupe", str(inp), "--column", "actor", "-o", str(out), "--no-progress",
                                    "--json", "--cluster-method", m]))
        for m in methods:
            wall = statistics.median(r[0] for r in runs[m])
            peak = max(r[1] for r in runs[m])
            line = f"{fmt:<8} {m:<8} {wall:7.2f}s {peak:8.0f} MB"
            if args.stages:
                line += "".join(f" {statistics.median(r[2].get(n, 0.0) for r in runs[m]):7.2f}s" for n in names)
            if args.repeat > 1:
                line += "   runs: " + ", ".join(f"{r[0]:.1f}" for r in runs[m])
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
