"""How much the resolver forest should learn from spellings asked without their entity: held out.

    PYTHONHASHSEED=0 python bench/resolve_without_weight.py --report 0 --weights 1,0.4,0.15 --save DIR
    python bench/resolve_without_weight.py --pool DIR          # the folds saved in DIR, pooled

`tools/train_matcher.py` asks every learned spelling again of a glossary without its entity
(`without_entity`, category ``without``): a negative among the very names that an unknown
spelling meets. Those rows teach the forest that a name spelt alike can be another entity's,
which a glossary in use (lacking most of a dataset's names) needs; but they are as many as the
real spellings, and the spellings asked of a glossary that has their entity (the cross-validation
the issue's targets are read on) pay for them with caution. This script measures the rows' weight
in the resolver forest (the other rows weigh 1), cross-validation by entity exactly as
``bench/resolve_eval.py`` cuts it: for the held-out fold K, the transducers and features are
fitted on the other folds once, then for each weight the threshold and margin are chosen from
out-of-fold predictions of ``--inner`` folds of the training entities (as `train_matcher.fit`
chooses them: the most right answers at no more than 1% wrong entities and 2% accepted
negatives), and the forest fitted on all training rows answers the held-out fold's spellings
against a glossary of ALL entities. Printed per weight: the targeted (latin, scholarly, arabic)
spellings right and wrong, Arabic and Latin right, negatives accepted, and the held-out fold's
spellings asked without their entity that were matched (a wrong match by construction).

``--pool`` adds, from the saved answers, a comparison of rankings (not a result: the cut is read
on the held-out answers themselves): each weight's right answers at the threshold (margin as
chosen) where as many spellings without their entity are matched as with weight 1 as fitted.
The forests are LightGBM's (`predict_proba`), as `train_matcher.fit_forest` fits them; about
7 minutes of features and 1.5 minutes a weight per fold on one core.

Measured (``--report 0,1,2 --weights 1,0.4``, one process; README, "How a name is resolved"):
weight 0.4 answers 68.58% of the held-out targeted spellings right against 67.03% at 1.03%
wrong entities against 0.97%, but matches 2.68% of the spellings asked without their entity
against 2.36%; at as many of those matches it answers fewer right (66.09% against 67.26%). Not
adopted (the shipped fit weighs every row 1), for the reason the decider was not: a glossary in
use lacks most of a dataset's names.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "src"))

import train_matcher as tm

FOLDS = 3
GROUPS = (("targeted", tm.TRAIN_CATEGORIES), ("arabic", ("arabic",)), ("latin", ("latin",)),
          ("negative", ("negative",)), ("without", (tm.WITHOUT,)))


def run_fold(k: int, weights: list[float], inner: int) -> dict[str, object]:
    """Fit the fold's transducers and features once, then a forest per weight; its answers."""
    import lightgbm as lgb

    t0 = time.perf_counter()
    c = tm.corpus()
    queries, index, rows = c.queries, c.index, c.rows
    fold = tm.entity_fold(queries, FOLDS)
    train = fold != k
    row_q = np.array(rows.query)
    qmask = train[row_q]
    pairs = tm.transducer_pairs(rows, queries, qmask)
    forward = tm.fit_transducer(pairs)
    backward = tm.fit_transducer([(b, a) for a, b in pairs])
    pair, ctx = tm.features(rows, queries, index, forward, backward)
    full = np.hstack([pair, ctx])
    cat = np.array([q.category for q in queries])
    lrows = (train & np.isin(cat, [*tm.LEARNED, "negative", tm.OWN, tm.LONE, tm.WITHOUT, tm.ONE_SCRIPT]))[row_q]
    acronym = tm.acronym_probability(rows, queries, qmask, pair)
    rowcat = cat[row_q]
    print(f"fold {k}: features in {time.perf_counter() - t0:.0f} s, {int(lrows.sum())} rows to learn from",
          file=sys.stderr, flush=True)

    def forest(mask: np.ndarray, weight: np.ndarray) -> object:
        m = lgb.LGBMClassifier(**tm.FOREST, random_state=tm.SEED, n_jobs=1, deterministic=True,
                               force_row_wise=True, verbose=-1)
        m.fit(full[mask], rows.label[mask], sample_weight=weight[mask])
        return m

    sel = np.nonzero((fold == k) & np.isin(cat, [*tm.TRAIN_CATEGORIES, "negative", tm.WITHOUT]))[0]
    test_rows = np.nonzero(np.isin(row_q, sel))[0]
    inner_fold = tm.entity_fold(queries, inner)[row_q]
    idx = np.nonzero(train)[0]
    out: dict[str, object] = {"fold": k, "cat": cat[sel], "expected": [queries[i].expected for i in sel],
                              "variants": {}}
    for w in weights:
        weight = np.where(rowcat == tm.WITHOUT, w, 1.0)
        oof = np.zeros(len(rows.query))
        for j in range(inner):
            te = qmask & (inner_fold == j)
            oof[te] = forest(lrows & (inner_fold != j), weight).predict_proba(full[te])[:, 1]  # type: ignore[attr-defined]
        ans = tm.answers(rows, pair, tm.with_acronyms(rows, pair, oof, acronym), len(queries), np.nonzero(qmask)[0])
        thr, mg = tm.choose_decision([queries[i] for i in idx],
                                     tm.Answers([ans.top[i] for i in idx], ans.p1[idx], ans.p2[idx], ans.weak[idx]))
        p = np.zeros(len(rows.query))
        p[test_rows] = forest(lrows, weight).predict_proba(full[test_rows])[:, 1]  # type: ignore[attr-defined]
        a = tm.answers(rows, pair, tm.with_acronyms(rows, pair, p, acronym), len(queries), test_rows)
        out["variants"][w] = {"threshold": thr, "margin": mg, "top": [a.top[i] for i in sel],  # type: ignore[index]
                              "p1": a.p1[sel], "p2": a.p2[sel], "weak": a.weak[sel]}
        print(f"fold {k}, weight {w}: done ({time.perf_counter() - t0:.0f} s)", file=sys.stderr, flush=True)
    return out


def tally(cat: np.ndarray, expected: list[str | None], got: list[str | None]) -> dict[str, tuple[int, int, int]]:
    """Per group: (spellings, right, matched)."""
    out = {}
    for name, cats in GROUPS:
        ii = np.nonzero(np.isin(cat, cats))[0]
        right = sum(got[i] is not None and got[i] == expected[i] for i in ii)
        out[name] = (len(ii), right, sum(got[i] is not None for i in ii))
    return out


def decide(v: dict[str, Any], threshold: float | None = None) -> list[str | None]:
    a = tm.Answers(v["top"], v["p1"], v["p2"], v["weak"])
    got: list[str | None] = a.decide(float(v["threshold"] if threshold is None else threshold), float(v["margin"]))
    return got


def show(folds: list[dict[str, object]]) -> None:
    weights = list(folds[0]["variants"])  # type: ignore[call-overload]
    print(f"held out: folds {', '.join(str(f['fold']) for f in folds)} of {FOLDS} (by entity), pooled")
    print(f"{'weight':>7} {'thresholds':>18} {'right':>7} {'wrong':>6} {'arabic':>7} {'latin':>7} {'neg. FA':>8} "
          f"{'without matched':>16}")
    pooled: dict[float, dict[str, list[int]]] = {}
    for w in weights:
        sums: dict[str, list[int]] = {name: [0, 0, 0] for name, _ in GROUPS}
        for f in folds:
            t = tally(f["cat"], f["expected"], decide(f["variants"][w]))  # type: ignore[arg-type, index]
            for name, had in sums.items():
                sums[name] = [a + b for a, b in zip(had, t[name])]
        pooled[w] = sums
        tg, ar, la, ng, wo = (sums[n] for n, _ in GROUPS)
        cuts = ", ".join(f"{f['variants'][w]['threshold']}/{f['variants'][w]['margin']}" for f in folds)  # type: ignore[index]
        print(f"{w:>7} {cuts:>18} {100 * tg[1] / tg[0]:>6.2f}% {100 * (tg[2] - tg[1]) / tg[0]:>5.2f}% "
              f"{100 * ar[1] / ar[0]:>6.1f}% {100 * la[1] / la[0]:>6.1f}% {100 * ng[2] / ng[0]:>7.2f}% "
              f"{100 * wo[2] / wo[0]:>15.2f}%")
    base = weights[0]
    target = pooled[base]["without"][2]
    print(f"\nrankings compared (a comparison, not a result): each weight at the one threshold over all folds where "
          f"no more spellings without their entity are matched than weight {base} matched as fitted ({target})")
    for w in weights:
        best = None
        for cut in np.round(np.arange(0.5, 0.996, 0.0025), 4):
            sums = {name: [0, 0, 0] for name, _ in GROUPS}
            for f in folds:
                r = tally(f["cat"], f["expected"], decide(f["variants"][w], float(cut)))  # type: ignore[arg-type, index]
                for name, had in sums.items():
                    sums[name] = [a + b for a, b in zip(had, r[name])]
            if sums["without"][2] <= target:
                best = (float(cut), sums)
                break
        if best is None:
            continue
        at, sums = best
        tg, ng = sums["targeted"], sums["negative"]
        print(f"  weight {w}: threshold {at}: right {100 * tg[1] / tg[0]:.2f}%, wrong {100 * (tg[2] - tg[1]) / tg[0]:.2f}%, "
              f"negatives {100 * ng[2] / ng[0]:.2f}%, without matched {sums['without'][2]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--report", default="0", help="held-out folds to fit, comma-separated")
    ap.add_argument("--weights", default="1,0.4,0.15", help="weights of the `without` rows; the first is the reference")
    ap.add_argument("--inner", type=int, default=2, help="inner folds for the threshold and margin")
    ap.add_argument("--save", type=Path, help="directory to keep each fold's answers in")
    ap.add_argument("--pool", type=Path, help="pool the folds saved in this directory (no fitting)")
    args = ap.parse_args(argv)
    if args.pool:
        folds = [pickle.loads(p.read_bytes()) for p in sorted(args.pool.glob("fold-*.pkl"))]
        if not folds:
            print(f"no fold-*.pkl in {args.pool}", file=sys.stderr)
            return 2
        show(folds)
        return 0
    weights = [float(w) for w in args.weights.split(",")]
    folds = []
    for k in (int(x) for x in args.report.split(",")):
        f = run_fold(k, weights, args.inner)
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"fold-{k}.pkl").write_bytes(pickle.dumps(f))
        folds.append(f)
    show(folds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
