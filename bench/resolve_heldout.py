"""The resolver end to end, held out by entity: every reading it makes, as `glossary resolve` runs.

    PYTHONHASHSEED=0 python bench/resolve_heldout.py --models DIR [--folds 3] [--report 0,1,2] [--misses FILE]

`bench/resolve_eval.py` cross-validates the model on the trainer's candidate rows: each spelling
as written. The resolver also reads a query other ways (family name first, without titles or
settlement words, the parts of a cell, a place without its region after a comma, an Arabic
query's romanization, a Latin one without diacritics: `glossary.match.resolve`), each measured on
its own when it was added. This script runs `Resolver.resolve_many` itself, with each fold's
matcher (transducers, forests, threshold and margin fitted on the other folds' entities only:
`bench/dedupe_eval.py`'s `fold_matcher`, kept in ``--models DIR`` and read again from there), on
the held-out fold's real spellings of the training corpus (``../shared/data/resolve/train``):

* against a glossary of every entity (the issue's protocol): right, wrong and "right entity
  first, no match" per category (latin, scholarly, arabic, and the three together), and the
  real negatives accepted;
* against a glossary without half of the fold's entities (chosen by hash, as
  `bench/dedupe_eval.py --corpus` leaves them out): how many spellings of those absent entities
  match another entity.

Printed per fold and pooled. ``--misses FILE`` writes every held-out targeted spelling that was
not answered right (category, spelling, expected, answer, status, best candidates, reading) as
TSV, for reading. A change to the resolver's readings or decision is measured by running this
on the code before and after with the same ``--models`` (the folds' matchers do not change);
choose on one fold and report the others.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "bench"))

CATS = ("latin", "scholarly", "arabic")


def fold_run(k: int, folds: int, models: Path, misses: Any) -> Counter[str]:
    """Fold ``k``'s counts: ``(category, outcome)`` keys as `line` reads them."""
    import dedupe_eval
    import train_matcher as tm

    from glossary.match import Index, Resolver

    model = dedupe_eval.fold_matcher(k, folds, models)
    entities = tm.read_entities(tm.DATA / "entities.tsv")
    real = tm.read_queries(tm.DATA / "queries.tsv")
    own = [tm.Query(e.id, e.id, "own") for e in entities]
    fold_of = dict(zip((e.id for e in entities), tm.entity_fold(own, folds)))
    negative_fold = tm.entity_fold(real, folds)
    held = [i for i, q in enumerate(real)
            if (q.category in CATS and fold_of.get(q.expected or "") == k)
            or (q.category == "negative" and negative_fold[i] == k)]
    out: Counter[str] = Counter()
    full = Resolver(Index.build(entities), model=model)
    answers = list(full.resolve_many([real[i].text for i in held]))
    for i, r in zip(held, answers):
        q = real[i]
        got = r.match.id if r.match is not None else None
        if q.category == "negative":
            out["negative", "n"] += 1
            out["negative", "accepted"] += got is not None
            continue
        for cat in (q.category, "targeted"):
            out[cat, "n"] += 1
            out[cat, "right"] += got == q.expected
            out[cat, "wrong"] += got is not None and got != q.expected
            out[cat, "first"] += got is None and bool(r.candidates) and r.candidates[0].id == q.expected
        if misses is not None and got != q.expected:
            misses.writerow([k, q.category, q.text, q.expected, got or "", r.status,
                             " ".join(f"{c.id}:{c.score:.3f}" for c in r.candidates[:3]), r.reading or ""])
    absent = sorted((e.id for e in entities if fold_of[e.id] == k),
                    key=lambda i: hashlib.blake2b(f"0:{i}".encode()).hexdigest())
    gone = set(absent[len(absent) // 2:])
    part = Resolver(Index.build([e for e in entities if e.id not in gone]), model=model)
    asked = [i for i in held if real[i].category in CATS and real[i].expected in gone]
    for r in part.resolve_many([real[i].text for i in asked]):
        out["absent", "n"] += 1
        out["absent", "matched"] += r.match is not None
    return out


def line(name: str, t: Counter[str]) -> str:
    cells = []
    for cat in (*CATS, "targeted"):
        n = max(t[cat, "n"], 1)
        cells.append(f"{cat} {t[cat, 'right'] / n:6.2%} right {t[cat, 'wrong'] / n:5.2%} wrong "
                     f"{t[cat, 'first'] / n:6.2%} first (of {t[cat, 'n']:,})")
    neg, ab = max(t["negative", "n"], 1), max(t["absent", "n"], 1)
    return (f"{name}\n  " + "\n  ".join(cells) + f"\n  negatives accepted {t['negative', 'accepted']} of "
            f"{t['negative', 'n']:,} ({t['negative', 'accepted'] / neg:.2%}); spellings of absent entities matched "
            f"{t['absent', 'matched']} of {t['absent', 'n']:,} ({t['absent', 'matched'] / ab:.2%})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", type=Path, required=True,
                    help="each fold's fitted matcher (fold-K-of-N.json), fitted and kept there when missing")
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--report", default="0,1,2", help="the folds to run, comma-separated")
    ap.add_argument("--misses", type=Path, help="write the spellings not answered right here (TSV)")
    args = ap.parse_args(argv)
    ks = [int(x) for x in args.report.split(",")]
    if any(not 0 <= k < args.folds for k in ks):
        ap.error(f"--report takes folds 0 to {args.folds - 1}")
    t0 = time.perf_counter()
    pooled: Counter[str] = Counter()
    with args.misses.open("w", encoding="utf-8", newline="") if args.misses else contextlib.nullcontext() as f:
        writer = csv.writer(f, delimiter="\t", lineterminator="\n") if f is not None else None
        if writer is not None:
            writer.writerow(["fold", "category", "spelling", "expected", "answer", "status", "candidates", "reading"])
        for k in ks:
            t = fold_run(k, args.folds, args.models, writer)
            pooled.update(t)
            print(line(f"fold {k} of {args.folds} ({time.perf_counter() - t0:.0f} s):", t), flush=True)
    if len(ks) > 1:
        print(line(f"folds {args.report} pooled:", pooled))
    return 0


if __name__ == "__main__":
    sys.exit(main())
