"""Evaluate the learned resolver honestly: never on what it was fitted on, next to baselines.

    python bench/resolve_eval.py [--folds 5] [--sets cv,dev,own,external] [--reference dc00fcd] [--misses 20]

1. **Cross-validation by entity** on the training corpus (``../shared/data/resolve/train``): the
   entities are cut into ``--folds`` folds; for each fold, the transducers, both forests and the
   threshold and margin (from out-of-fold predictions inside the other folds) are fitted on the
   other folds' spellings only (`tools/train_matcher.py`'s `fit`), and the held-out fold's
   spellings are resolved against a glossary of ALL entities. Printed per category: right
   answers (the expected entity is the match), wrong entities, false accepts of negatives
   (any match), and the calibration of the scores (reliability table, Brier score).
2. **Held-out sets** never fitted on: ``dev``, ``own`` (bench/data) and ``external``, resolved
   with the shipped model (fitted on the whole training corpus, which shares no entity and no
   name with them).

Baselines in the same run: ``rules``, the hand-written rules engine this model replaced (run from
the commit ``--reference`` in a temporary copy of its source: it needs no fitting, so it answers
every fold the same), and ``rf-tsr``, rapidfuzz ``token_sort_ratio`` nearest name at a threshold
chosen on the training folds (cross-validation) or on the set itself (held-out sets: optimistic).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "bench"))

import train_matcher as tm
from _common import load_glossary, load_queries

from glossary.match import Index, Resolver
from glossary.match.features import PAIR
from glossary.match.forest import Forest
from glossary.model import Entity, script_of

SHARED = ROOT.parent / "shared" / "data" / "resolve"
REFERENCE = "dc00fcd"
"""The last commit of the hand-written rules engine."""
CATEGORIES = ("latin", "scholarly", "arabic", "alias", "english", "abbreviation")
TARGETED = tm.TRAIN_CATEGORIES

# -- baselines -----------------------------------------------------------------------------------
def rapidfuzz_nearest(entities: Sequence[Entity], texts: Sequence[str]) -> list[tuple[str | None, float]]:
    """For each text, the entity of its nearest name by rapidfuzz token_sort_ratio, and the ratio (0-1)."""
    from rapidfuzz import fuzz, process, utils

    names = [(n.text, e.id) for e in entities for n in e.names()]
    choices = [utils.default_process(t) for t, _ in names]
    out: list[tuple[str | None, float]] = []
    for i in range(0, len(texts), 1000):
        chunk = [utils.default_process(t) for t in texts[i:i + 1000]]
        m = process.cdist(chunk, choices, scorer=fuzz.token_sort_ratio, workers=-1, dtype=np.uint8)
        best = m.argmax(axis=1)
        out += [(names[b][1], m[r, b] / 100) for r, b in enumerate(best)]
    return out


def rf_threshold(queries: Sequence[tm.Query], scored: Sequence[tuple[str | None, float]]) -> float:
    """The threshold with the most right answers minus wrong ones minus false accepts (rates)."""
    pos = [i for i, q in enumerate(queries) if q.expected]
    neg = [i for i, q in enumerate(queries) if not q.expected]
    best, best_t = -9.0, 1.0
    for t in np.arange(0.5, 1.001, 0.01):
        right = sum(scored[i][1] >= t and scored[i][0] == queries[i].expected for i in pos)
        wrong = sum(scored[i][1] >= t and scored[i][0] != queries[i].expected for i in pos)
        fa = sum(scored[i][1] >= t for i in neg)
        v = (right - wrong) / max(len(pos), 1) - fa / max(len(neg), 1)
        if v > best:
            best, best_t = v, float(t)
    return best_t


_RUNNER = """
import json, sys
sys.path[:0] = [sys.argv[1] + "/src", sys.argv[1] + "/bench"]
from _common import load_glossary, load_queries
from glossary.index import Index
from glossary.resolve import Resolver
r = Resolver(Index.build(load_glossary(sys.argv[2])))
for q in load_queries(sys.argv[3]):
    res = r.resolve(q.text)
    print(json.dumps(res.match.id if res.match else None))
"""


def rules_engine(commit: str, glossary: Path, queries: Path) -> list[str | None] | None:
    """The answers of the rules engine at ``commit`` (None when git cannot give its source)."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src", "bench/_common.py"],
                                 capture_output=True, check=False)
        if archive.returncode != 0:
            return None
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        run = subprocess.run([sys.executable, "-c", _RUNNER, tmp, str(glossary), str(queries)], capture_output=True,
                             text=True, env=env, check=False)
        if run.returncode != 0:
            print(run.stderr[-2000:], file=sys.stderr)
            return None
        return [json.loads(line) for line in run.stdout.splitlines()]


# -- tables --------------------------------------------------------------------------------------
def table(queries: Sequence[tm.Query], systems: dict[str, Sequence[str | None]]) -> list[str]:
    """Per category and system: right answers and wrong entities; false accepts of negatives."""
    head = f"{'category':<14}{'n':>6}" + "".join(f"{s[:18]:>20}" for s in systems)
    sub = f"{'':<20}" + "".join(f"{'right':>11}{'wrong':>9}" for _ in systems)
    lines = [head, sub, "-" * len(head)]
    groups = [(c, [i for i, q in enumerate(queries) if q.category == c]) for c in CATEGORIES]
    groups.append(("TARGETED", [i for i, q in enumerate(queries) if q.category in TARGETED]))
    groups.append(("ALL positive", [i for i, q in enumerate(queries) if q.expected and q.category in CATEGORIES]))
    groups.append(("negative", [i for i, q in enumerate(queries) if q.category == "negative"]))
    for name, idx in groups:
        if not idx:
            continue
        cells = []
        for answers in systems.values():
            if name == "negative":
                cells.append(f"{100 * sum(answers[i] is not None for i in idx) / len(idx):9.1f}%FA{'':>8}")
                continue
            right = sum(answers[i] == queries[i].expected for i in idx) / len(idx)
            wrong = sum(answers[i] is not None and answers[i] != queries[i].expected for i in idx) / len(idx)
            cells.append(f"{100 * right:10.1f}%{100 * wrong:8.2f}%")
        lines.append(f"{name:<14}{len(idx):>6}" + "".join(cells))
    return lines


def calibration(p: np.ndarray, right: np.ndarray) -> list[str]:
    """Reliability table of the best candidate's score against whether it is the right entity."""
    lines = [f"{'score':<12}{'n':>7}{'mean score':>12}{'right':>8}", "-" * 39]
    edges = [0.0, 0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0001]
    for lo, hi in itertools.pairwise(edges):
        s = (p >= lo) & (p < hi)
        if s.any():
            lines.append(f"[{lo:.2f},{min(hi, 1):.2f}){int(s.sum()):>7}{p[s].mean():>12.3f}{right[s].mean():>8.3f}")
    lines.append(f"Brier score {np.mean((p - right) ** 2):.4f} over {len(p)} answers")
    return lines


# -- cross-validation ----------------------------------------------------------------------------
def cross_validate(folds: int, reference: str, misses: int, small_training: bool = False) -> None:
    t0 = time.perf_counter()
    c = tm.corpus()
    entities, real, without, single, queries, index, rows = c.entities, c.real, c.without, c.single, c.queries, c.index, c.rows
    fold = tm.entity_fold(queries, folds)
    row_q = np.array(rows.query)
    answers: list[str | None] = [None] * len(queries)
    top_p = np.zeros(len(queries))
    rf = rapidfuzz_nearest(entities, [q.text for q in real])
    rf_answers: list[str | None] = [None] * len(real)
    chosen = []
    small_tally: Counter[str] = Counter()
    for k in range(folds):
        small = tm.small_glossaries(entities, queries, fold != k, rows, lookalikes=_LOOKALIKES[0]) if small_training else []
        parts = tm.fit(index, queries, rows, fold != k, decision_folds=folds - 1, small=small)
        pair, ctx = parts["features"]  # type: ignore[misc]
        test = np.nonzero(fold[row_q] == k)[0]
        forest = Forest(parts["resolver"])  # type: ignore[arg-type]
        full = np.hstack([pair, ctx])
        p = np.zeros(len(rows.query))
        p[test] = [forest.probability(x) for x in full[test].tolist()]
        p = tm.with_acronyms(rows, pair, p, parts["acronym"])  # type: ignore[arg-type]
        thr, margin = parts["threshold"], parts["margin"]
        chosen.append((thr, margin))
        ans = tm.answers(rows, pair, p, len(queries), test)  # type: ignore[arg-type]
        got = ans.decide(thr, margin)  # type: ignore[arg-type]
        for i in {rows.query[r] for r in test}:
            answers[i], top_p[i], _TOPS[i], _P2[i] = got[i], ans.p1[i], ans.top[i], ans.p2[i]
        small_tally += small_held_out(entities, queries, fold == k, rows, parts, seed=tm.SEED + 100 + k)
        tr = [i for i in range(len(real)) if fold[i] != k]
        t_rf = rf_threshold([real[i] for i in tr], [rf[i] for i in tr])
        for i in range(len(real)):
            if fold[i] == k:
                rf_answers[i] = rf[i][0] if rf[i][1] >= t_rf else None
        print(f"fold {k}: threshold {thr}, margin {margin}, rf-tsr threshold {t_rf:.2f} "
              f"({time.perf_counter() - t0:.0f} s)", file=sys.stderr, flush=True)
    n = len(real)
    systems: dict[str, Sequence[str | None]] = {"learned": answers[:n]}
    ref = rules_engine(reference, tm.DATA / "entities.tsv", tm.DATA / "queries.tsv")
    if ref is not None:
        systems[f"rules@{reference}"] = ref
    systems["rf-tsr"] = rf_answers
    print(f"\n## Cross-validation by entity, {folds} folds: {len(entities):,} entities in the glossary, "
          f"{len(real):,} real spellings, each resolved by a model that never saw its entity")
    print(f"(thresholds chosen per fold on the other folds: {', '.join(f'{t}/{m}' for t, m in chosen)})\n")
    print("\n".join(table(real, systems)))
    gone = sum(a is not None for a in answers[n:n + len(without)]) / max(len(without), 1)
    print(f"{'without':<14}{len(without):>6}{100 * gone:8.1f}%FA   (latin, scholarly, arabic spellings asked of "
          f"the glossary without their entity)")
    one = answers[n + len(without):n + len(without) + len(single)]
    print(f"{'one-script':<14}{len(single):>6}{100 * sum(a == q.expected for a, q in zip(one, single)) / max(len(single), 1):9.1f}%"
          f"   (the same, of a glossary knowing their entity in the other script only)")
    print("\n".join(small_table(small_tally)))
    print("\n".join(outcomes(real, answers, rows, p2_of=_P2, p1_of=top_p, threshold=[chosen[f][0] for f in fold[:n]])))
    scored = np.array([i for i, q in enumerate(real) if q.category in TARGETED or q.category == "negative"])
    right = np.array([_TOPS.get(i) == real[i].expected for i in scored], dtype=float)
    print("\ncalibration (latin, scholarly, arabic and negatives: the best candidate's score, held out):\n")
    print("\n".join(calibration(top_p[scored], right)))
    if misses:
        _misses(real, answers, top_p, misses)
    print(f"\n({time.perf_counter() - t0:.0f} s)")


def small_held_out(entities: Sequence[Entity], queries: Sequence[tm.Query], held: np.ndarray, rows: tm.Rows,
                   parts: dict[str, object], *, seed: int) -> Counter[str]:
    """The held-out spellings asked of small glossaries (`train_matcher.small_glossaries` of the
    held-out entities: 25 whose spellings are asked and 25 of their rivals; asked again with their
    entity hidden, and the spellings of 25 more it lacks), decided by the fold's model: counts of
    right, wrong and accepted-without, by script."""
    forest = Forest(parts["resolver"])  # type: ignore[arg-type]
    thr, margin = parts["threshold"], parts["margin"]
    out: Counter[str] = Counter()
    for s in tm.small_glossaries(entities, queries, held, rows, seed=seed, lookalikes=True):
        pair, ctx = tm.small_features(s, parts["forward"], parts["backward"])  # type: ignore[arg-type]
        p = np.array([forest.probability(x) for x in np.hstack([pair, ctx]).tolist()])
        p = tm.with_acronyms(s.rows, pair, p, parts["acronym"])  # type: ignore[arg-type]
        got = tm.answers(s.rows, pair, p, len(s.queries)).decide(thr, margin)  # type: ignore[arg-type]
        for q, g in zip(s.queries, got):
            script = "arabic" if script_of(q.text) == "arabic" else "latin"
            out[f"{q.category} {script} n"] += 1
            if q.category == tm.SMALL:
                out[f"{q.category} {script} right"] += g == q.expected
                out[f"{q.category} {script} wrong"] += g is not None and g != q.expected
            else:
                out[f"{q.category} {script} accepted"] += g is not None
    return out


def small_table(tally: Counter[str]) -> list[str]:
    """`small_held_out`'s counts as lines."""
    out = [f"\nthe same held-out latin, scholarly and arabic spellings asked of small glossaries "
           f"({tm.SMALL_SIZE} entities: {tm.SMALL_SIZE // 2} of theirs, {tm.SMALL_SIZE // 2} of their rivals):\n"]
    for script in ("latin", "arabic"):
        n = tally[f"{tm.SMALL} {script} n"]
        if n:
            out.append(f"  {'small ' + script:<20}{n:>6}{100 * tally[f'{tm.SMALL} {script} right'] / n:9.1f}% right"
                       f"{100 * tally[f'{tm.SMALL} {script} wrong'] / n:8.2f}% wrong")
    for script in ("latin", "arabic"):
        n = tally[f"{tm.LOOKALIKE} {script} n"]
        if n:
            out.append(f"  {'look-alike ' + script:<20}{n:>6}{100 * tally[f'{tm.LOOKALIKE} {script} accepted'] / n:9.1f}%FA"
                       f"   (a name of the glossary with its head word or given name swapped)")
    for script in ("latin", "arabic"):
        n = tally[f"{tm.SMALL_WITHOUT} {script} n"]
        if n:
            out.append(f"  {'without ' + script:<20}{n:>6}{100 * tally[f'{tm.SMALL_WITHOUT} {script} accepted'] / n:9.1f}%FA"
                       f"   (asked of a small glossary lacking their entity: hidden, or never there)")
    return out


_LOOKALIKES = [False]
"""Whether ``--small-training`` fits on look-alikes too (``--lookalikes``)."""

_TOPS: dict[int, str | None] = {}
"""Each query's best candidate entity (accepted or not), for the calibration and the misses."""
_P2: dict[int, float] = {}
"""Each query's second entity's probability (0 when none)."""


def outcomes(real: Sequence[tm.Query], answers: Sequence[str | None], rows: tm.Rows, *, p2_of: dict[int, float],
             p1_of: np.ndarray, threshold: Sequence[float]) -> list[str]:
    """Where the targeted spellings go, held out: right, wrong, or why not answered: the right
    entity is no candidate (candidate generation), is the best candidate below the threshold,
    is the best candidate but a second one is as likely (ambiguous) or it is weak evidence, or
    another entity is the best candidate (ranking). The measured reason of the misses."""
    cands: defaultdict[int, set[str]] = defaultdict(set)
    for q, e in zip(rows.query, rows.entity):
        if q < len(real):
            cands[q].add(e)
    kinds: Counter[str] = Counter()
    idx = [i for i, q in enumerate(real) if q.category in TARGETED]
    for i in idx:
        q, a, top = real[i], answers[i], _TOPS.get(i)
        if a == q.expected:
            kinds["right"] += 1
        elif a is not None:
            kinds["wrong entity"] += 1
        elif q.expected not in cands[i]:
            kinds["none: the right entity is no candidate"] += 1
        elif top == q.expected and p1_of[i] < threshold[i]:
            kinds["none: the right entity first, below the threshold"] += 1
        elif top == q.expected:
            kinds["none: the right entity first, ambiguous or weak evidence"] += 1
        else:
            kinds["none: another entity ranked first"] += 1
    out = [f"\nwhere the {len(idx):,} latin, scholarly and arabic spellings go (held out):\n"]
    for k in ("right", "wrong entity", "none: the right entity is no candidate",
              "none: the right entity first, below the threshold",
              "none: the right entity first, ambiguous or weak evidence", "none: another entity ranked first"):
        out.append(f"  {k:<58}{kinds[k]:>7}{100 * kinds[k] / max(len(idx), 1):8.1f}%")
    return out


def _misses(real: Sequence[tm.Query], answers: Sequence[str | None], top_p: np.ndarray, n: int) -> None:
    import random

    rnd = random.Random(0)
    wrong = [i for i, q in enumerate(real) if q.category in TARGETED and answers[i] and answers[i] != q.expected]
    fa = [i for i, q in enumerate(real) if q.category == "negative" and answers[i]]
    miss = [i for i, q in enumerate(real) if q.category in TARGETED and not answers[i]]
    for label, idx in (("WRONG", wrong), ("FALSE ACCEPT", fa), ("MISS", miss)):
        print(f"\n{label}: {len(idx)} (a sample of {min(n, len(idx))})")
        for i in rnd.sample(idx, min(n, len(idx))):
            q = real[i]
            print(f"  [{q.category}] {q.text!r} -> {answers[i] or _TOPS.get(i)} at {top_p[i]:.3f} (expected {q.expected})")


# -- held-out sets -------------------------------------------------------------------------------
SETS = {
    "dev": (SHARED / "dev_glossary.yaml", SHARED / "dev_queries.tsv"),
    "own": (ROOT / "bench" / "data" / "own_entities.tsv", ROOT / "bench" / "data" / "own_queries.tsv"),
    "external": (SHARED / "external" / "entities.tsv", SHARED / "external" / "queries.tsv"),
}


def held_out(name: str, reference: str, misses: int) -> None:
    gpath, qpath = SETS[name]
    entities = load_glossary(gpath)
    queries = [tm.Query(q.text, q.expected, q.category) for q in load_queries(qpath)]
    resolver = Resolver(Index.build(entities))
    t = time.perf_counter()
    results = [resolver.resolve(q.text) for q in queries]
    dt = time.perf_counter() - t
    systems: dict[str, Sequence[str | None]] = {"learned": [r.match.id if r.match else None for r in results]}
    ref = rules_engine(reference, gpath, qpath)
    if ref is not None:
        systems[f"rules@{reference}"] = ref
    rf = rapidfuzz_nearest(entities, [q.text for q in queries])
    t_rf = rf_threshold(queries, rf)
    systems[f"rf-tsr@{t_rf:.2f}"] = [e if s >= t_rf else None for e, s in rf]
    print(f"\n## {name}: {len(entities)} entities, {len(queries)} queries ({gpath.name}, {qpath.name}); "
          f"{len(queries) / dt:,.0f} queries/s\n")
    print("\n".join(table(queries, systems)))
    if misses:
        top = np.array([r.candidates[0].score if r.candidates else 0.0 for r in results])
        for i, r in enumerate(results):
            if r.candidates:
                _TOPS[i] = r.candidates[0].id
        _misses(queries, systems["learned"], top, misses)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--sets", default="cv,dev,own,external")
    ap.add_argument("--reference", default=REFERENCE, help="commit of the rules engine (baseline)")
    ap.add_argument("--misses", type=int, default=0, help="list a sample of this many misses of each kind")
    ap.add_argument("--lookalikes", action="store_true",
                    help="with --small-training: fit on look-alikes too (train_matcher.look_alikes)")
    ap.add_argument("--small-training", action="store_true",
                    help="fit the folds on small glossaries too (train_matcher.small_glossaries; measured, not adopted)")
    args = ap.parse_args(argv)
    _LOOKALIKES[0] = args.lookalikes
    print(f"model: {PAIR.__len__()} pair features; shipped threshold from src/glossary/match/data/matcher.json")
    for name in args.sets.split(","):
        if name == "cv":
            cross_validate(args.folds, args.reference, args.misses, args.small_training)
        else:
            _TOPS.clear()
            held_out(name, args.reference, args.misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
