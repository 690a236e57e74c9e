"""Evaluate the resolver on a glossary and a query file, next to three baselines.

    python bench/resolve_eval.py GLOSSARY QUERIES.tsv [--misses] [--threshold T]

GLOSSARY is a glossary YAML file or an entities TSV (``id type romanized arabic english``);
QUERIES.tsv has ``query expected category`` (``-`` and category ``negative`` for a query
that must resolve to nothing). Printed per category: top-1 accuracy on positives (the
answer is a match and it is the expected entity) and the false-accept rate on negatives
(any match at all), for

* ``resolver``: `glossary.match.Resolver` at its default threshold;
* ``exact``: lower-cased exact name equality;
* ``unidecode``: unidecode + lower-case equality;
* ``rf-tsr``: rapidfuzz ``token_sort_ratio`` nearest neighbour over all names, at the
  threshold that maximises (accuracy on positives - false accepts on negatives) on
  this same data (so it is an optimistic baseline).

``--misses`` lists every resolver miss and false accept with the candidates.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Query, load_glossary, load_queries

from glossary.match import Index, Resolver
from glossary.model import Entity

Answer = Callable[[str], "str | None"]


def _names(entities: Sequence[Entity]) -> list[tuple[str, str]]:
    return [(n.text, e.id) for e in entities for n in e.names()]


def exact_baseline(entities: Sequence[Entity]) -> Answer:
    table: dict[str, set[str]] = defaultdict(set)
    for text, eid in _names(entities):
        table[text.strip().lower()].add(eid)
    return lambda q: next(iter(table[k])) if len(table.get(k := q.strip().lower(), ())) == 1 else None


def unidecode_baseline(entities: Sequence[Entity]) -> Answer:
    from unidecode import unidecode

    def key(s: str) -> str:
        return " ".join(unidecode(s).lower().split())

    table: dict[str, set[str]] = defaultdict(set)
    for text, eid in _names(entities):
        table[key(text)].add(eid)
    return lambda q: next(iter(table[k])) if len(table.get(k := key(q), ())) == 1 else None


def rapidfuzz_scores(entities: Sequence[Entity], queries: Sequence[Query]) -> list[tuple[str | None, float]]:
    """Nearest name by token_sort_ratio (default processor) for every query: (entity, score)."""
    from rapidfuzz import fuzz, process, utils

    names = _names(entities)
    choices = [t for t, _ in names]
    out = []
    for q in queries:
        hit = process.extractOne(q.text, choices, scorer=fuzz.token_sort_ratio, processor=utils.default_process)
        out.append((names[hit[2]][1], hit[1] / 100) if hit else (None, 0.0))
    return out


def best_threshold(queries: Sequence[Query], scored: Sequence[tuple[str | None, float]]) -> float:
    """The threshold maximising positives right minus negatives accepted (rates)."""
    pos = [q for q in queries if q.expected]
    neg = [q for q in queries if not q.expected]
    best, best_t = -9.0, 1.0
    for t in [x / 100 for x in range(30, 101)]:
        ok = sum(1 for q, (e, s) in zip(queries, scored) if q.expected and s >= t and e == q.expected)
        fa = sum(1 for q, (e, s) in zip(queries, scored) if not q.expected and s >= t)
        v = ok / max(len(pos), 1) - fa / max(len(neg), 1)
        if v > best:
            best, best_t = v, t
    return best_t


def table(queries: Sequence[Query], systems: dict[str, list[str | None]]) -> list[str]:
    cats = sorted({q.category for q in queries if q.expected}) + ["ALL positives", "negative"]
    head = f"{'category':<16}{'n':>6}" + "".join(f"{name:>12}" for name in systems)
    lines = [head, "-" * len(head)]
    for cat in cats:
        if cat == "negative":
            idx = [i for i, q in enumerate(queries) if not q.expected]
        elif cat == "ALL positives":
            idx = [i for i, q in enumerate(queries) if q.expected]
        else:
            idx = [i for i, q in enumerate(queries) if q.expected and q.category == cat]
        if not idx:
            continue
        cells = []
        for answers in systems.values():
            if cat == "negative":
                v = sum(1 for i in idx if answers[i] is not None) / len(idx)
                cells.append(f"{100 * v:10.1f}%FA")
            else:
                v = sum(1 for i in idx if answers[i] == queries[i].expected) / len(idx)
                cells.append(f"{100 * v:11.1f}%")
        lines.append(f"{cat:<16}{len(idx):>6}" + "".join(cells))
    return lines


def subset(queries: Sequence[Query], cats: set[str]) -> list[int]:
    return [i for i, q in enumerate(queries) if (q.category in cats) or not q.expected]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("glossary")
    ap.add_argument("queries", nargs="+")
    ap.add_argument("--misses", action="store_true", help="list resolver misses and false accepts")
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--targeted", default="latin,scholarly,arabic",
                    help="categories for the summary line (default: latin,scholarly,arabic)")
    args = ap.parse_args(argv)
    entities = load_glossary(args.glossary)
    queries = [q for path in args.queries for q in load_queries(path)]
    t0 = time.perf_counter()
    index = Index.build(entities)
    t1 = time.perf_counter()
    resolver = Resolver(index)
    results = [resolver.resolve(q.text, threshold=args.threshold) for q in queries]
    t2 = time.perf_counter()
    ours = [r.match.id if r.match else None for r in results]
    rf = rapidfuzz_scores(entities, queries)
    t_rf = best_threshold(queries, rf)
    systems = {
        "resolver": ours,
        "exact": [exact_baseline(entities)(q.text) for q in queries],
        "unidecode": [unidecode_baseline(entities)(q.text) for q in queries],
        f"rf-tsr@{t_rf:.2f}": [e if s >= t_rf else None for e, s in rf],
    }
    print(f"glossary {args.glossary}: {len(entities)} entities; queries {', '.join(args.queries)}: {len(queries)}")
    print(f"index built in {t1 - t0:.2f} s; {len(queries)} queries resolved in {t2 - t1:.2f} s")
    print()
    print("\n".join(table(queries, systems)))
    targeted = set(args.targeted.split(","))
    idx = subset(queries, targeted)
    sub_q = [queries[i] for i in idx]
    if {q.category for q in sub_q if q.expected} - targeted == set() and {q.category for q in queries} - targeted - {"negative"}:
        rf_sub = [rf[i] for i in idx]
        t_sub = best_threshold(sub_q, rf_sub)
        sub_sys = {name: [ans[i] for i in idx] for name, ans in systems.items() if not name.startswith("rf")}
        sub_sys[f"rf-tsr@{t_sub:.2f}"] = [e if s >= t_sub else None for e, s in rf_sub]
        print()
        print(f"targeted categories only ({args.targeted}) + negatives:")
        print("\n".join(table(sub_q, sub_sys)[-2:]))
    if args.misses:
        print()
        for q, r in zip(queries, results):
            got = r.match.id if r.match else None
            if got != q.expected:
                kind = "FALSE ACCEPT" if not q.expected else ("WRONG" if got else "MISS")
                cands = "; ".join(f"{c.id}={c.score:.2f}/{c.level}/{c.name}" for c in r.candidates[:3])
                print(f"{kind:12} [{q.category}] {q.text!r} -> {got} (expected {q.expected}; {r.status}) | {cands}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
