"""Dump every answer the resolver and dedupe give on the evaluation sets, one JSON line each.

    python bench/dump_answers.py OUT_DIR [--synthetic 20000] [--entities 100000] [--only NAME ...]

A change that must not change behaviour (a refactoring, a speed-up) is checked by dumping
before and after it and comparing the folders byte for byte (``diff -r``). Written, one
file per set:

* ``dev``, ``own``, ``external``, ``train``: `Resolution.to_dict` of every query of
  ``../shared/data/resolve/dev_queries.tsv`` (against dev_glossary.yaml),
  ``bench/data/own_queries.tsv`` (own_entities.tsv), ``external/queries.tsv`` and
  ``train/queries.tsv`` (their entities.tsv), resolved one by one as ``resolve_eval.py`` does;
* ``dev-api``: the dev queries through the public API (`glossary.load` of the YAML file, its
  index cache written, then read), once with ``explain=True`` and as a batch (`resolve_many`),
  and the ``search`` hits of each;
* ``synthetic``: the first ``--synthetic`` queries of ``resolve_speed.py``'s synthetic glossary
  of ``--entities`` entities (its default seed), resolved as a batch;
* ``dedupe-seedN``: `glossary.dedupe.decide` on ``dedupe_eval.py``'s dataset of seed N (0, 1,
  2): every decision, then every cluster, then the near candidates;
* ``cli``: the ``glossary`` command (``lookup``, ``resolve``, ``search``, ``list``, ``show``,
  ``translit``, ``dedupe``, ``validate``) on the shipped glossary and a few inputs, piped and on
  a forced-colour terminal: each command line with its exit status, stdout and stderr (and the
  files ``dedupe`` wrote).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import load_glossary, load_queries

from glossary.match import Index, Resolver

RESOLVE = HERE.parents[1] / "shared" / "data" / "resolve"
SETS = {
    "dev": (RESOLVE / "dev_glossary.yaml", RESOLVE / "dev_queries.tsv"),
    "own": (HERE / "data" / "own_entities.tsv", HERE / "data" / "own_queries.tsv"),
    "external": (RESOLVE / "external" / "entities.tsv", RESOLVE / "external" / "queries.tsv"),
    "train": (RESOLVE / "train" / "entities.tsv", RESOLVE / "train" / "queries.tsv"),
}
DEDUPE_SEEDS = (0, 1, 2)


def _write(path: Path, rows: Iterable[object]) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def dump_set(name: str, out: Path) -> int:
    """One evaluation set, each query resolved alone."""
    glossary, queries = SETS[name]
    resolver = Resolver(Index.build(load_glossary(glossary)))
    return _write(out / f"{name}.jsonl", (resolver.resolve(q.text).to_dict() for q in load_queries(queries)))


def dump_api(out: Path) -> int:
    """The dev queries through `glossary.load`: explained, batched, and searched."""
    import glossary

    glossary_file, query_file = SETS["dev"]
    texts = [q.text for q in load_queries(query_file)]
    rows: list[object] = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(2):  # the first builds the index cache, the second reads it
            g = glossary.load([glossary_file], cache_dir=Path(tmp))
            rows += [g.resolve(t, explain=True).to_dict() for t in texts]
            rows += [r.to_dict() for r in g.resolve_many(texts, limit=3)]
            rows += [[h.to_dict() for h in g.search(t)] for t in texts]
    return _write(out / "dev-api.jsonl", rows)


def dump_synthetic(out: Path, entities: int, queries: int) -> int:
    """`resolve_speed.py`'s synthetic glossary and the first of its queries, as a batch."""
    import resolve_speed

    rng = random.Random(7)
    ents = resolve_speed.synthetic(entities, rng)
    qs = resolve_speed.queries(ents, 20_000, rng, 0.2)[:queries]
    resolver = Resolver(Index.build(ents))
    return _write(out / "synthetic.jsonl", (r.to_dict() for r in resolver.resolve_many(q for q, _ in qs)))


def dump_dedupe(out: Path, seed: int) -> int:
    """`dedupe_eval.py`'s dataset of one seed through `glossary.dedupe.decide`."""
    import dedupe_eval

    from glossary.dedupe import decide

    known, _unknown, _truth, counts = dedupe_eval.build(seed, 150)
    with tempfile.TemporaryDirectory() as tmp:
        col = decide(dedupe_eval._glossary(known, Path(tmp)), counts, column="actor")  # type: ignore[arg-type]
    rows: list[object] = [col.decisions[k].to_dict() for k in sorted(col.decisions)]
    rows += [c.to_dict() for c in col.clusters]
    rows += [[k, col.near[k]] for k in sorted(col.near)]
    return _write(out / f"dedupe-seed{seed}.jsonl", rows)


CLI_RUNS: list[tuple[list[str], str]] = [
    (["lookup", "Jaish al-Izzah"], ""),
    (["lookup", "جيش العزة", "--locale", "ar"], ""),
    (["lookup", "Jabhat al-Izza al-Kubra"], ""),
    (["lookup", "Kafranbel", "--json"], ""),
    (["lookup", "Idlib", "--type", "place"], ""),
    (["resolve", "--json", "Jeish al-Ezza", "Idlib", "zzzz qqqq"], ""),
    (["resolve", "Jeish al-Ezza", "حمص", "Latamneh"], ""),
    (["resolve", "--explain", "--limit", "3", "-"], "Jaish al-Ezzah\nكفرنبل\nnothing like it\n"),
    (["search", "حمص"], ""),
    (["search", "Jaysh", "--json", "--limit", "7"], ""),
    (["list"], ""),
    (["list", "--type", "media", "--json"], ""),
    (["show", "kafr-nabl"], ""),
    (["show", "kafr-nabl", "--locale", "ar", "--json"], ""),
    (["show", "no-such-id"], ""),
    (["translit", "--all", "جَيْش العِزَّة"], ""),
    (["translit", "--json", "--scheme", "din31635", "جسر الشغور"], ""),
    (["translit", "-"], "حلب\nدير الزور\n"),
    (["validate"], ""),
    (["validate", "{tests}/data/invalid/unknown-type.yaml", "{tests}/data/invalid/dangling-ref.yaml"], ""),
    (["dedupe", "{bench}/data/dedupe/events.csv", "--column", "actor", "--column", "location", "--no-progress",
      "-o", "{tmp}/out.csv", "--review-file", "{tmp}/review.yaml"], ""),
    (["dedupe", "{bench}/data/dedupe/events.csv", "--column", "actor", "--json", "--no-progress"], ""),
]
"""Each command line (``{tests}``, ``{bench}`` and ``{tmp}`` filled in) and its standard input."""


def dump_cli(out: Path) -> int:
    """`CLI_RUNS` through ``python -m glossary`` of this checkout, piped, then on a forced-colour terminal."""
    import os
    import subprocess

    rows: list[object] = []
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src"), "GLOSSARY_CACHE_DIR": f"{tmp}/cache",
               "COLUMNS": "80"}
        for var in ("GLOSSARY_PATH", "NO_COLOR", "FORCE_COLOR"):
            env.pop(var, None)
        for colour in (False, True):
            for argv, stdin in CLI_RUNS:
                args = [a.format(tests=HERE.parent / "tests", bench=HERE, tmp=tmp) for a in argv]
                run = subprocess.run([sys.executable, "-m", "glossary", *args], input=stdin.encode(), capture_output=True,
                                     env={**env, "FORCE_COLOR": "1"} if colour else env, check=False)

                def text(data: bytes) -> str:  # (paths as the command lines write them: two checkouts compare)
                    return data.decode("utf-8", "replace").replace(tmp, "{tmp}").replace(str(HERE.parent), "{repo}")

                written = {p.name: text(p.read_bytes()) for p in sorted(Path(tmp).glob("*.*"))}
                for p in Path(tmp).glob("*.*"):
                    p.unlink()
                rows.append({"argv": argv, "colour": colour, "exit": run.returncode, "stdout": text(run.stdout),
                             "stderr": text(run.stderr), "files": written})
    return _write(out / "cli.jsonl", rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--entities", type=int, default=100_000, help="synthetic glossary size")
    ap.add_argument("--synthetic", type=int, default=20_000, help="synthetic queries dumped")
    ap.add_argument("--only", nargs="*", help="only these dumps (file names without .jsonl)")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    jobs: dict[str, Callable[[], int]] = {name: (lambda name=name: dump_set(name, args.out)) for name in SETS}
    jobs["dev-api"] = lambda: dump_api(args.out)
    jobs["synthetic"] = lambda: dump_synthetic(args.out, args.entities, args.synthetic)
    for seed in DEDUPE_SEEDS:
        jobs[f"dedupe-seed{seed}"] = lambda seed=seed: dump_dedupe(args.out, seed)
    jobs["cli"] = lambda: dump_cli(args.out)
    for name, job in jobs.items():
        if args.only and name not in args.only:
            continue
        t = time.perf_counter()
        n = job()
        print(f"{name}: {n} lines in {time.perf_counter() - t:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
