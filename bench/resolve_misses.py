"""Where the held-out spellings of each category go, and why: misses bucketed, with examples.

    PYTHONHASHSEED=0 python bench/resolve_misses.py [--folds 3] [--report 0] [--examples 15] [--cache FILE]

Cross-validation by entity exactly as ``bench/resolve_eval.py`` does it (the model of fold k is
`train_matcher.fit` on the other folds' queries, thresholds from out-of-fold predictions inside
them); only the folds in ``--report`` are fitted and reported (fitting all of them is what
``resolve_eval.py`` does). Every latin, scholarly and arabic spelling of a reported fold is put in
one bucket:

  a  right          the expected entity is the match
  b  first, under   the expected entity is the best candidate but no match: below the threshold,
                    within the margin of a second one, or weak evidence (which is said)
  c  not first      the expected entity is a candidate, another one ranks first
  d  no candidate   the expected entity is not among the candidates at all
  e  wrong          another entity is the match

With per-bucket detail: for (c) the level of the winner and of the expected entity's best name,
for (d) whether the query went to the wide levels (fuzzy, ngram) and whether the expected entity
has any name in the query's script, and for every bucket whether the expected entity has a name
in the query's script (else only cross-script evidence can find it). ``--cache`` keeps each
fold's rows and probabilities (pickle) so that the report can be read again without fitting.
"""

from __future__ import annotations

import argparse
import pickle
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import train_matcher as tm

from glossary.match import Index
from glossary.match.forest import Forest
from glossary.model import script_of

CATS = ("latin", "scholarly", "arabic")
BUCKETS = ("a right", "b first, under", "c not first", "d no candidate", "e wrong")


def compute(folds: int, report: Sequence[int]) -> dict[str, object]:
    """Fit the reported folds as resolve_eval does and keep what the report reads."""
    t0 = time.perf_counter()
    c = tm.corpus()
    real, queries, index, rows = c.real, c.queries, c.index, c.rows
    print(f"{len(rows.query)} candidate rows ({time.perf_counter() - t0:.0f} s)", file=sys.stderr, flush=True)
    fold = tm.entity_fold(queries, folds)
    row_q = np.array(rows.query)
    out: dict[str, object] = {"folds": folds, "report": list(report), "n_real": len(real), "fold": fold[:len(real)],
                              "rows": rows, "per_fold": {}}
    for k in report:
        parts = tm.fit(index, queries, rows, fold != k, decision_folds=folds - 1)
        pair, ctx = parts["features"]  # type: ignore[misc]
        test = np.nonzero((fold[row_q] == k) & (row_q < len(real)))[0]
        forest = Forest(parts["resolver"])  # type: ignore[arg-type]
        full = np.hstack([pair, ctx])
        p = np.zeros(len(rows.query))
        p[test] = [forest.probability(x) for x in full[test].tolist()]
        p = tm.with_acronyms(rows, pair, p, parts["acronym"])  # type: ignore[arg-type]
        ans = tm.answers(rows, pair, p, len(queries), test)  # type: ignore[arg-type]
        out["per_fold"][k] = {  # type: ignore[index]
            "threshold": parts["threshold"], "margin": parts["margin"], "test": test, "p": p[test],
            "pair": pair[test], "top": ans.top[:len(real)], "p1": ans.p1[:len(real)], "p2": ans.p2[:len(real)],
            "weak": ans.weak[:len(real)],
        }
        print(f"fold {k}: threshold {parts['threshold']}, margin {parts['margin']} "
              f"({time.perf_counter() - t0:.0f} s)", file=sys.stderr, flush=True)
    return out


def report(data: dict[str, object], examples: int) -> None:
    entities = {e.id: e for e in tm.read_entities(tm.DATA / "entities.tsv")}
    real = tm.read_queries(tm.DATA / "queries.tsv")
    rows: tm.Rows = data["rows"]  # type: ignore[assignment]
    fold: np.ndarray = data["fold"]  # type: ignore[assignment]
    from glossary.match.candidates import _goes_wide, _keyed

    store = Index.build(list(entities.values())).store
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    detail: dict[str, Counter[str]] = defaultdict(Counter)
    samples: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k, f in data["per_fold"].items():  # type: ignore[attr-defined]
        thr, margin = f["threshold"], f["margin"]
        by_q: defaultdict[int, list[tuple[float, int]]] = defaultdict(list)
        for r, pr in zip(f["test"], f["p"]):
            by_q[rows.query[r]].append((float(pr), int(r)))
        got = tm.Answers(f["top"], f["p1"], f["p2"], f["weak"]).decide(thr, margin)
        for i, q in enumerate(real):
            if fold[i] != k or q.category not in CATS:
                continue
            e = entities[q.expected]
            qscript = "arabic" if script_of(q.text) == "arabic" else "latin"
            own_script = any(n.script == qscript for n in e.names())
            cand = sorted(by_q.get(i, []), reverse=True)
            ents: dict[str, tuple[float, int]] = {}
            for pr, r in cand:
                ents.setdefault(rows.entity[r], (pr, r))
            a, top = got[i], f["top"][i]
            if a == q.expected:
                b = BUCKETS[0]
            elif a is not None:
                b = BUCKETS[4]
            elif q.expected not in ents:
                b = BUCKETS[3]
            elif top == q.expected:
                b = BUCKETS[1]
            else:
                b = BUCKETS[2]
            cat = q.category
            tally[cat][b] += 1
            tally[cat][f"{b} | entity has no {qscript} name"] += not own_script
            tally[cat]["n"] += 1
            tally[cat]["n | entity has no " + qscript + " name"] += not own_script
            levels = sorted({rows.level[r] for _, r in cand}, key=tm_rank)
            why = ""
            if b == BUCKETS[1]:
                why = ("weak" if f["weak"][i] else "under threshold" if f["p1"][i] < thr else "ambiguous (margin)")
                detail[cat][f"b: {why}"] += 1
            elif b == BUCKETS[2]:
                lv_e = rows.level[ents[q.expected][1]]
                lv_w = rows.level[ents[top][1]]
                same = "same script" if rows.profile[ents[q.expected][1]][:1] == rows.profile[ents[top][1]][:1] else "other script"
                detail[cat][f"c: expected at {lv_e}, winner at {lv_w}"] += 1
                detail[cat][f"c: expected's best name in the {'query' if _name_script(rows.profile[ents[q.expected][1]]) == qscript else 'other'} script"] += 1
                why = f"winner {top} at {lv_w} {ents[top][0]:.3f}; expected at {lv_e} {ents[q.expected][0]:.3f} ({same})"
            elif b == BUCKETS[3]:
                lv, _, _ = _keyed(store, q.text)
                wide = _goes_wide(lv)
                detail[cat][f"d: {'went wide (fuzzy+ngram tried)' if wide else 'stopped at exact/folded keys'}"] += 1
                detail[cat][f"d: candidates found {len(ents)} entities; levels {'+'.join(levels) or 'none'}"] += 1
                detail[cat][f"d: entity has a {qscript} name: {own_script}"] += 1
                why = f"{len(ents)} candidates ({'+'.join(levels) or 'none'}); wide {wide}"
            elif b == BUCKETS[4]:
                why = f"matched {a} at {rows.level[ents[a][1]]} {ents[a][0]:.3f}; expected " + (
                    f"at {ents[q.expected][0]:.3f}" if q.expected in ents else "no candidate")
            if b != BUCKETS[0] or len(samples[cat, b]) < 3 * examples:
                top_e = entities.get(top) if top else None
                line = (f"{q.text!r}  expected {q.expected} {_names(e)}"
                        f"  top {top} {_names(top_e) if top_e else ''} p1 {f['p1'][i]:.3f} p2 {f['p2'][i]:.3f}"
                        f"  thr {thr}  [{why}]")
                samples[cat, b].append(line)
    print("\n## buckets, held-out fold(s) " + ", ".join(str(k) for k in data["per_fold"]) +  # type: ignore[attr-defined]
          f" of {data['folds']} (cross-validation by entity)\n")
    head = f"{'bucket':<22}" + "".join(f"{c:>22}" for c in CATS)
    print(head)
    print("-" * len(head))
    for b in BUCKETS + ("n",):
        cells = []
        for c in CATS:
            n = tally[c]["n"]
            cells.append(f"{tally[c][b]:>7} {100 * tally[c][b] / max(n, 1):5.1f}%" + f"{'':>8}")
        print(f"{b:<22}" + "".join(f"{x:>22}" for x in cells))
    print("\nof which the expected entity has no name in the query's script (only cross-script evidence):")
    for b in BUCKETS + ("n",):
        cells = []
        for c in CATS:
            v = sum(n for key, n in tally[c].items() if key.startswith(b + " | "))
            cells.append(f"{v:>7}")
        print(f"{b:<22}" + "".join(f"{x:>22}" for x in cells))
    for c in CATS:
        print(f"\n{c} detail:")
        for key, n in sorted(detail[c].items()):
            print(f"  {key:<70}{n:>6}")
    rnd = random.Random(0)
    for c in CATS:
        for b in BUCKETS:
            s = samples[c, b]
            if not s:
                continue
            print(f"\n### {c} / {b}: {tally[c][b]} (a sample of {min(examples, len(s))})")
            for line in rnd.sample(s, min(examples, len(s))):
                print("  " + line)


def _name_script(profile: str) -> str:
    return "arabic" if profile[:1] == "a" else "latin"


def _names(e) -> str:  # type: ignore[no-untyped-def]
    return "{" + " | ".join(n.text for n in e.names()) + "}"


def tm_rank(level: str) -> int:
    from glossary.match.resolve import _LEVEL_RANK

    return _LEVEL_RANK[level]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--report", default="0", help="the folds to fit and report, comma-separated")
    ap.add_argument("--examples", type=int, default=15)
    ap.add_argument("--cache", type=Path, help="pickle of the fitted folds' rows and probabilities (read if it exists)")
    args = ap.parse_args(argv)
    if args.cache and args.cache.exists():
        data = pickle.loads(args.cache.read_bytes())
    else:
        data = compute(args.folds, [int(x) for x in args.report.split(",")])
        if args.cache:
            args.cache.write_bytes(pickle.dumps(data))
    report(data, args.examples)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
