"""A query that matches nothing as written, asked again as its plain reading: held out by entity.

    PYTHONHASHSEED=0 python bench/resolve_romanized.py [--folds 3] [--report 0,1,2] [--cache DIR]

`glossary.match.resolve.romanized`: the resolver asks an Arabic-script query that matched nothing
(no match, or ambiguous) again as its ALA-LC romanization (`glossary.translit`: the word lexicon,
else the learned vocalizer; no glossary), and keeps that answer when its best candidate scores
higher than the query's as written; a Latin query, and a romanization that matches nothing, it asks
again without diacritics (`glossary.match.resolve.unmarked`: Ḥalfāyā as Halfaya). Measured here as
``bench/resolve_forest.py`` cross-validates (each fold's transducers, features and forest fitted on
the other folds' entities, threshold and margin from 2 inner folds; ``--cache`` keeps each fold's
features): the held-out fold's spellings (targeted, negatives, and those asked without their
entity) that matched nothing are read again, their candidate rows scored by the same fold's model,
and the better answer kept as the resolver keeps it. Printed per fold and pooled: right and wrong
(latin, scholarly, arabic), Arabic and scholarly right and wrong, negatives accepted (of them
Arabic-script), and the share of spellings asked without their entity that match: as written, with
the romanized reading alone (the resolver before the Latin reading), and with both readings as the
resolver reads; then the fold's Arabic spellings asked as if their entity had Latin names only
(`train_matcher.one_script`: a translator's Arabic name against a Latin glossary), right and wrong,
as written and with the romanized reading. The lexicon and vocalizer are learned from Library of
Congress catalogue records, which share nothing with the training corpus; nothing here was chosen
on these folds (the scheme, ALA-LC, and the rule, the resolver's own for its other readings, were
set before measuring; the Latin reading's letters and rule likewise). The romanization's own
readings (a place's name without "city", the parts of a cell) are the resolver's and are not
applied here.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "bench"))

import resolve_forest as rf
import train_matcher as tm

from glossary.match.resolve import romanized, unmarked
from glossary.model import script_of


def fold_answers(c: tm.Corpus, fold: np.ndarray, k: int, cache: Path | None) -> tuple[dict[str, object], tm.Answers]:
    """Fold ``k`` fitted as `resolve_forest.evaluate` fits it: what it keeps (with the fold's
    transducers and, under ``romanized``, the answers with the romanized reading alone), and the
    answers with the plain reading of every spelling that matched nothing (as the resolver reads)."""
    pair, ctx = rf.fold_features(c, fold, k, cache)
    keep: dict[str, object] = {}
    r = rf.evaluate(c, fold, k, 2, pair, ctx, rf.settings_of("shipped"), keep)
    pairs = tm.transducer_pairs(c.rows, c.queries, (fold != k)[np.array(c.rows.query)])
    keep.update(threshold=r["threshold"], margin=r["margin"], pair=pair, ctx=ctx,
                transducers=(tm.fit_transducer(pairs), tm.fit_transducer([(y, x) for x, y in pairs])))
    asked = [i for i in range(len(c.real) + len(c.without)) if fold[i] == k]
    held: Any = keep["held"]
    keep["romanized"], keep["readings"] = with_reading(c, keep, c.queries, held, asked, nested=False)
    merged, keep["asked"] = with_reading(c, keep, c.queries, held, asked, plain)
    return keep, merged


def plain(text: str) -> str | None:
    """The resolver's plain reading of a query: an Arabic one romanized, a Latin one without its diacritics."""
    return romanized(text) or unmarked(text)


def with_reading(c: tm.Corpus, keep: dict[str, object], queries: list[tm.Query], held: tm.Answers, asked: list[int],
                 reader: Callable[[str], str | None] = romanized, nested: bool = True) -> tuple[tm.Answers, int]:
    """``held`` (the answers of ``queries``) with each query of ``asked`` that matched nothing answered
    by its ``reader``'s reading (the romanization of an Arabic-script one by default) where that
    scores higher, by the fold's model in ``keep``, and how many were asked again. As `Resolver`
    reads: when ``nested``, a reading that matches nothing is itself read again the same way (an
    Arabic query's romanization, without its diacritics)."""
    written = held.decide(float(keep["threshold"]), float(keep["margin"]))  # type: ignore[arg-type]
    texts = {i: reader(queries[i].text) for i in asked if written[i] is None}
    which = [i for i, t in texts.items() if t is not None]
    reading = [dataclasses.replace(queries[i], text=texts[i]) for i in which]  # type: ignore[arg-type]
    forward, backward = keep["transducers"]  # type: ignore[misc]
    forest: Any = keep["forest"]
    acronym: Any = keep["acronym"]
    rows2 = tm.candidate_rows(c.index, reading)
    pair2, ctx2 = tm.features(rows2, reading, c.index, forward, backward)
    p2 = forest.predict_proba(np.hstack([pair2, ctx2]))[:, 1] if len(rows2.query) else np.zeros(0)
    alt = tm.answers(rows2, pair2, tm.with_acronyms(rows2, pair2, p2, acronym), len(reading))
    if nested and reading:
        alt, _ = with_reading(c, keep, reading, alt, list(range(len(reading))), reader)
    merged = tm.Answers(list(held.top), held.p1.copy(), held.p2.copy(), held.weak.copy())
    for j, i in enumerate(which):
        if alt.top[j] is not None and (held.top[i] is None or alt.p1[j] > held.p1[i]):
            merged.top[i], merged.p1[i], merged.p2[i], merged.weak[i] = alt.top[j], alt.p1[j], alt.p2[j], alt.weak[j]
    return merged, len(which)


def one_script(c: tm.Corpus, fold: np.ndarray, k: int, keep: dict[str, object]) -> np.ndarray:
    """The fold's Arabic spellings asked of the glossary as if their entity had Latin names only
    (`train_matcher.one_script`: what a translator's Arabic name meets in a Latin glossary), by the
    fold's model: right and wrong as written, right and wrong with the romanized reading, asked."""
    rows, queries = c.rows, c.queries
    rq = np.array(rows.query)
    thr, mg = float(keep["threshold"]), float(keep["margin"])  # type: ignore[arg-type]
    pair: Any = keep["pair"]
    forest: Any = keep["forest"]
    acronym: Any = keep["acronym"]
    start = len(c.real) + len(c.without)
    sel = [i for i in range(start, start + len(c.single)) if fold[i] == k and script_of(queries[i].text) == "arabic"]
    test = np.nonzero(np.isin(rq, sel))[0]
    p = np.zeros(len(rq))
    p[test] = forest.predict_proba(np.hstack([pair, keep["ctx"]])[test])[:, 1]  # type: ignore[list-item]
    held = tm.answers(rows, pair, tm.with_acronyms(rows, pair, p, acronym), len(queries), test)
    written, got = held.decide(thr, mg), with_reading(c, keep, queries, held, sel, nested=False)[0].decide(thr, mg)
    exp = {i: queries[i].expected for i in sel}
    return np.array([sum(written[i] == exp[i] for i in sel), sum(written[i] not in (None, exp[i]) for i in sel),
                     sum(got[i] == exp[i] for i in sel), sum(got[i] not in (None, exp[i]) for i in sel), len(sel)])


def tally(c: tm.Corpus, fold: np.ndarray, k: int, answers: tm.Answers, threshold: float, margin: float) -> np.ndarray:
    """right, wrong, targeted; Arabic right, wrong, Arabic; negatives accepted, Arabic-script ones
    accepted, negatives; absent matched, absent; scholarly right, wrong, scholarly."""
    got = answers.decide(threshold, margin)
    out = np.zeros(14, dtype=np.int64)
    for i, q in enumerate(c.real):
        if fold[i] != k:
            continue
        g = got[i]
        if q.category in rf.CATS:
            out[0] += g == q.expected
            out[1] += g is not None and g != q.expected
            out[2] += 1
            if q.category in ("arabic", "scholarly"):
                at = 3 if q.category == "arabic" else 11
                out[at] += g == q.expected
                out[at + 1] += g is not None and g != q.expected
                out[at + 2] += 1
        elif q.category == "negative":
            out[6] += g is not None
            out[7] += g is not None and script_of(q.text) == "arabic"
            out[8] += 1
    for i in range(len(c.real), len(c.real) + len(c.without)):
        if fold[i] == k:
            out[9] += got[i] is not None
            out[10] += 1
    return out


def line(name: str, t: np.ndarray) -> str:
    return (f"  {name:<38} right {t[0] / t[2]:7.2%}  wrong {t[1] / t[2]:6.2%}  | arabic right {t[3] / t[5]:6.1%}  "
            f"wrong {t[4] / t[5]:6.2%} (of {t[5]})  | negatives {t[6] / t[8]:6.2%} ({t[6]} of {t[8]}, "
            f"{t[7]} Arabic-script)  | absent matched {t[9] / max(t[10], 1):6.2%}  | scholarly right "
            f"{t[11] / max(t[13], 1):6.1%} wrong {t[12] / max(t[13], 1):6.2%}")


def single_line(o: np.ndarray) -> str:
    return (f"  {o[4]} Arabic spellings, their entity with Latin names only: as written right {o[0] / o[4]:.2%} "
            f"wrong {o[1] / o[4]:.2%}; with the romanized reading right {o[2] / o[4]:.2%} wrong {o[3] / o[4]:.2%}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--report", default="0,1,2")
    ap.add_argument("--cache", type=Path, help="keep each fold's features here (and read them again)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    c = tm.corpus()
    fold = tm.entity_fold(c.queries, args.folds)
    single = np.zeros(5, dtype=np.int64)
    names = ("as written", "with the romanized reading", "with both readings (as the resolver)")
    pooled = {name: np.zeros(14, dtype=np.int64) for name in names}
    for k in (int(x) for x in args.report.split(",")):
        keep, merged = fold_answers(c, fold, k, args.cache)
        thr, mg = float(keep["threshold"]), float(keep["margin"])  # type: ignore[arg-type]
        print(f"fold {k} of {args.folds} (threshold {thr}, margin {mg}; {keep['readings']} Arabic-script "
              f"spellings that matched nothing romanized, {keep['asked']} Arabic or Latin read plain; "
              f"{time.perf_counter() - t0:.0f} s):", flush=True)
        for name, ans in zip(names, (keep["held"], keep["romanized"], merged)):
            t = tally(c, fold, k, ans, thr, mg)  # type: ignore[arg-type]
            pooled[name] += t
            print(line(name, t), flush=True)
        o = one_script(c, fold, k, keep)
        single += o
        print(single_line(o), flush=True)
    print("pooled:")
    for name, t in pooled.items():
        print(line(name, t))
    print(single_line(single))
    return 0


if __name__ == "__main__":
    sys.exit(main())
