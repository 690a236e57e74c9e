"""The resolver forest's LightGBM settings, held out by entity: each setting fitted on the same folds.

    PYTHONHASHSEED=0 python bench/resolve_forest.py --fold 2 [--folds 3] [--cache DIR]
        [--settings 'shipped;before;{"num_leaves": 15}']

Cross-validation by entity as ``bench/resolve_eval.py`` and ``bench/resolve_misses.py`` do it:
the fold's transducers and `PAIR` + `CONTEXT` features are computed once (fitted on the other
folds' spellings; ``--cache`` keeps them, about 330 MB a fold, and reads them again), then for
each setting the forest is fitted as `train_matcher.fit` fits it: the threshold and margin from
out-of-fold predictions of ``--folds`` - 1 inner folds of the training entities (as
``bench/resolve_eval.py`` cross-validates; ``--inner 5``: as the shipped model is fitted), then the forest
on all of them, and the held-out fold's spellings answered (the acronym table as shipped). The
forests are LightGBM's (``predict_proba``), as `train_matcher.fit_forest` fits them, without the
round trip through the shipped arrays (the same trees).

A setting is ``shipped`` (`train_matcher.FOREST`), ``before`` (`train_matcher.PAIR_FOREST`, which
the resolver forest had too until this script chose its own) or a JSON object of LightGBM
settings replacing some of the shipped ones. Printed per setting, over the held-out fold's latin,
scholarly and arabic spellings and its negatives:

* as fitted: right and wrong entities, Arabic right, negatives accepted and the share of the
  fold's spellings asked of the glossary without their entity that match (``absent``), at the
  threshold and margin chosen inside the training folds (the result);
* the held-out log loss of every candidate row;
* ranking: the most right answers at no more than 1% wrong entities and 2% accepted negatives,
  and then also at no more absent entities' spellings matched than the first setting as fitted,
  with the threshold and margin chosen on the held-out answers themselves: a comparison of how
  well the settings rank, NOT a result (the threshold is fitted on what it is measured on).

Choose settings on some folds and report another: `train_matcher.FOREST` was chosen on folds 0
and 1 and is reported on fold 2.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import train_matcher as tm

CATS = ("latin", "scholarly", "arabic")


def fold_features(c: tm.Corpus, fold: np.ndarray, k: int, cache: Path | None) -> tuple[np.ndarray, np.ndarray]:
    """Fold ``k``'s `PAIR` and `CONTEXT` features of every candidate row (transducers fitted on the
    other folds), read from ``cache`` when kept there."""
    if cache is not None and (cache / f"pair_{k}.npy").exists():
        return np.load(cache / f"pair_{k}.npy"), np.load(cache / f"ctx_{k}.npy")
    rows, queries = c.rows, c.queries
    qmask = (fold != k)[np.array(rows.query)]
    forward = tm.fit_transducer(tm.transducer_pairs(rows, queries, qmask))
    backward = tm.fit_transducer([(y, x) for x, y in tm.transducer_pairs(rows, queries, qmask)])
    pair, ctx = tm.features(rows, queries, c.index, forward, backward)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        np.save(cache / f"pair_{k}.npy", pair)
        np.save(cache / f"ctx_{k}.npy", ctx)
    return pair, ctx


def settings_of(spec: str) -> dict[str, Any]:
    if spec == "shipped":
        return dict(tm.FOREST)
    if spec == "before":
        return dict(tm.PAIR_FOREST)
    return {**tm.FOREST, **json.loads(spec)}


def evaluate(c: tm.Corpus, fold: np.ndarray, k: int, inner_folds: int, pair: np.ndarray, ctx: np.ndarray,
             settings: dict[str, Any], keep: dict[str, Any] | None = None) -> dict[str, Any]:
    """One setting fitted as `train_matcher.fit` fits the resolver forest (threshold and margin from
    ``inner_folds`` folds of the training entities), fold ``k`` answered. ``keep`` (a dict) receives
    the fitted forest, the acronym table and the held-out `train_matcher.Answers` (``forest``,
    ``acronym``, ``held``) for a caller that asks the same model more."""
    import lightgbm as lgb

    rows, queries = c.rows, c.queries
    rq = np.array(rows.query)
    full = np.hstack([pair, ctx])
    train = fold != k
    qmask = train[rq]
    cat = np.array([q.category for q in queries])
    learn = (train & np.isin(cat, [*tm.LEARNED, "negative", tm.OWN, tm.LONE, tm.WITHOUT, tm.ONE_SCRIPT]))[rq]
    acronym = tm.acronym_probability(rows, queries, qmask, pair)
    inner = tm.entity_fold(queries, inner_folds)[rq]

    def fitted(mask: np.ndarray) -> Any:
        model = lgb.LGBMClassifier(**settings, random_state=tm.SEED, n_jobs=1, deterministic=True,
                                   force_row_wise=True, verbose=-1)
        return model.fit(full[mask], rows.label[mask])

    oof = np.zeros(len(rq))
    for d in range(inner_folds):
        into = qmask & (inner == d)
        oof[into] = fitted(learn & (inner != d)).predict_proba(full[into])[:, 1]
    oof = tm.with_acronyms(rows, pair, oof, acronym)
    ans = tm.answers(rows, pair, oof, len(queries), np.nonzero(qmask)[0])
    idx = np.nonzero(train)[0]
    threshold, margin = tm.choose_decision([queries[i] for i in idx],
                                           tm.Answers([ans.top[i] for i in idx], ans.p1[idx], ans.p2[idx],
                                                      ans.weak[idx]))
    asked = len(c.real) + len(c.without)  # the corpus's spellings, then the same asked without their entity
    test = np.nonzero((fold[rq] == k) & (rq < asked))[0]
    p = np.zeros(len(rq))
    forest = fitted(learn)
    p[test] = forest.predict_proba(full[test])[:, 1]
    p = tm.with_acronyms(rows, pair, p, acronym)
    held = tm.answers(rows, pair, p, len(queries), test)
    if keep is not None:
        keep.update(forest=forest, acronym=acronym, held=held)
    which = [i for i, q in enumerate(c.real) if fold[i] == k]
    expected = [c.real[i].expected for i in which]
    kind = np.array([c.real[i].category for i in which])
    target, negative, arabic = np.isin(kind, CATS), kind == "negative", kind == "arabic"
    absent = [i for i in range(len(c.real), asked) if fold[i] == k]  # (all of category WITHOUT)

    def tally(t: float, m: float) -> tuple[int, int, int, int, int]:
        got = held.decide(t, m)
        g = [got[i] for i in which]
        right = [x == e for x, e in zip(g, expected)]
        wrong = [x is not None and x != e for x, e in zip(g, expected)]
        return (int(np.sum(np.array(right) & target)), int(np.sum(np.array(wrong) & target)),
                int(np.sum(np.array(right) & arabic)), sum(1 for x, n in zip(g, negative) if n and x is not None),
                sum(1 for i in absent if got[i] is not None))

    right, wrong, ar, neg, gone = tally(threshold, margin)
    curve = [(float(t), m, *tally(float(t), m)) for t in np.round(np.arange(0.30, 0.996, 0.005), 3)
             for m in (0.0, 0.05, 0.1, 0.2, 0.3, 0.5)]
    y = rows.label[test].astype(float)
    q = np.clip(p[test], 1e-6, 1 - 1e-6)
    return {"threshold": threshold, "margin": margin, "n": int(target.sum()), "right": right, "wrong": wrong,
            "arabic": int(arabic.sum()), "arabic_right": ar, "negatives": int(negative.sum()), "accepted": neg,
            "absent": len(absent), "absent_matched": gone,
            "log_loss": float(-np.mean(y * np.log(q) + (1 - y) * np.log(1 - q))), "curve": curve}


def ranking(r: dict[str, Any], absent_cap: float | None = None) -> tuple[float, float, float, float]:
    """The most right answers of a setting's held-out curve at no more than 1% wrong entities and 2%
    accepted negatives (and ``absent_cap``: that share of the spellings asked without their entity
    matched): right, wrong, accepted negatives, absent matched, as shares."""
    n, neg, ab = r["n"], r["negatives"], max(r["absent"], 1)
    best = (0.0, 0.0, 0.0, 0.0)
    for _t, _m, right, wrong, _a, accepted, gone in r["curve"]:
        if wrong <= tm.MAX_WRONG * n and accepted <= tm.MAX_FALSE_ACCEPTS * neg and right / n > best[0] \
                and (absent_cap is None or gone / ab <= absent_cap + 1e-12):
            best = (right / n, wrong / n, accepted / neg, gone / ab)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--fold", type=int, required=True, help="the held-out fold")
    ap.add_argument("--cache", type=Path, help="keep each fold's features here (and read them again)")
    ap.add_argument("--inner", type=int, default=0,
                    help="inner folds for the threshold and margin (default: --folds - 1, as resolve_eval's "
                         "cross-validation; the shipped model takes 5)")
    ap.add_argument("--settings", default="shipped;before",
                    help="';'-separated: shipped, before, or a JSON object of LightGBM settings")
    args = ap.parse_args()
    t0 = time.perf_counter()
    c = tm.corpus()
    fold = tm.entity_fold(c.queries, args.folds)
    pair, ctx = fold_features(c, fold, args.fold, args.cache)
    print(f"fold {args.fold} of {args.folds}: features in {time.perf_counter() - t0:.0f} s", flush=True)
    print(f"{'setting':<62} {'thr':>5} {'marg':>4} {'right':>7} {'wrong':>6} {'arabic':>6} {'neg':>6} "
          f"{'absent':>6} {'logloss':>7}")
    results = []
    for spec in args.settings.split(";"):
        t1 = time.perf_counter()
        r = evaluate(c, fold, args.fold, args.inner or args.folds - 1, pair, ctx, settings_of(spec))
        results.append((spec, r))
        n = r["n"]
        print(f"{spec:<62} {r['threshold']:5.3f} {r['margin']:4.2f} {r['right'] / n:7.2%} {r['wrong'] / n:6.2%} "
              f"{r['arabic_right'] / r['arabic']:6.1%} {r['accepted'] / r['negatives']:6.2%} "
              f"{r['absent_matched'] / max(r['absent'], 1):6.2%} {r['log_loss']:7.4f}  ({time.perf_counter() - t1:.0f} s)",
              flush=True)
    first = results[0][1]
    cap = first["absent_matched"] / max(first["absent"], 1)
    print(f"\nranking, the threshold and margin chosen on the held-out answers themselves (a comparison of the "
          f"settings, not a result): the most right at <= 1% wrong and <= 2% of negatives; then also at no more "
          f"absent entities' spellings matched than {results[0][0]} as fitted ({cap:.2%})")
    for spec, r in results:
        a, b = ranking(r), ranking(r, cap)
        print(f"{spec:<62} {a[0]:7.2%} at {a[1]:.2%} wrong, {a[2]:.2%} neg, {a[3]:.2%} absent | "
              f"{b[0]:7.2%} at {b[1]:.2%} wrong, {b[2]:.2%} neg, {b[3]:.2%} absent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
