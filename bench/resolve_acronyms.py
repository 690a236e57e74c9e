"""The acronym table of the matcher, held out: abbreviations resolved with a table fitted on other entities.

    python bench/resolve_acronyms.py [--folds 3]

An entity found only through its initials (HTS for Hay'at Tahrir al-Sham) is scored by a table,
not by the forests (`tools/train_matcher.py`'s `acronym_probability`): too few of the training
corpus's spellings are abbreviations for the forests to learn them. The table has a cell for a
short query (at most 3 letters: such a query never makes a match alone) or not, and for an
acronym that finds one entity or several. This script measures it the way the CV table measures
the forests: the corpus's entities are cut into ``--folds`` folds by entity; for each, the table is
fitted on the other folds' abbreviations and the fold's abbreviations (``abbreviation`` spellings
of ``../shared/data/resolve/train``) are resolved with the shipped forests (which never learn from
abbreviations) twice: against a glossary of all the corpus's entities (right, wrong, no match),
and against one without the fold's entities (any match is another entity's: a false accept).
Next to it in the same run: the table before it, one probability for every acronym-level entity
(the mean over the same rows, which is under the threshold: such an entity never matched).
Then the external sample's abbreviations with the table fitted on the whole corpus (the shipped one).
"""

from __future__ import annotations

import argparse
import copy
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "bench"))

import train_matcher as tm
from _common import load_glossary, load_queries

from glossary.match import Index, Resolver, matcher
from glossary.match.model import ACRONYM_CELLS, Matcher
from glossary.model import Entity

SHARED = ROOT.parent / "shared" / "data" / "resolve"


def with_table(table: dict[str, float]) -> Matcher:
    """The shipped matcher with ``table`` as its acronym table."""
    m = copy.copy(matcher())
    m.acronym = tuple(table[c] for c in ACRONYM_CELLS)
    return m


def outcomes(entities: Sequence[Entity], queries: Sequence[tm.Query], model: Matcher) -> Counter[str]:
    """right / wrong / none of each query resolved against a glossary of ``entities``."""
    r = Resolver(Index.build(entities), model=model)
    out: Counter[str] = Counter()
    for q, res in zip(queries, r.resolve_many([q.text for q in queries])):
        got = res.match.id if res.status == "match" and res.match is not None else None
        out["none" if got is None else "right" if got == q.expected else "wrong"] += 1
    return out


def line(label: str, c: Counter[str], n: int) -> str:
    return (f"{label:<52} {c['right']:>5} {100 * c['right'] / max(n, 1):6.1f}%  {c['wrong']:>5}"
            f" {100 * c['wrong'] / max(n, 1):5.1f}%  {n:>5}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=3)
    args = ap.parse_args(argv)
    entities = tm.read_entities(tm.DATA / "entities.tsv")
    abbr = [q for q in tm.read_queries(tm.DATA / "queries.tsv") if q.category == "abbreviation"]
    index = Index.build(entities)
    rows = tm.candidate_rows(index, abbr)
    m = matcher()
    pair, _ = tm.features(rows, abbr, index, m.forward, m.backward)
    fold = tm.entity_fold(abbr, args.folds)
    qfold = fold[np.array(rows.query, dtype=int)]
    tables: dict[str, Counter[str]] = {"table": Counter(), "one probability": Counter()}
    absent: dict[str, Counter[str]] = {"table": Counter(), "one probability": Counter()}
    print(f"{len(abbr)} abbreviations of the training corpus, {args.folds} folds by entity\n")
    print(f"{'held out (table fitted on the other folds)':<52} {'right':>12}  {'wrong':>11}  {'n':>5}")
    for k in range(args.folds):
        test = [q for q, f in zip(abbr, fold) if f == k]
        table = tm.acronym_probability(rows, abbr, qfold != k, pair)
        hits = [r for r in np.nonzero(qfold != k)[0] if rows.level[r] == "acronym"]
        one = round(float(np.mean(rows.label[hits])), 4) if hits else 0.0
        held = {e.id for e in entities if any(q.expected == e.id for q in test)}
        others = [e for e in entities if e.id not in held]
        print(f"fold {k}: table {table}; one probability {one}")
        for name, model in (("table", with_table(table)), ("one probability", with_table(dict.fromkeys(ACRONYM_CELLS, one)))):
            got = outcomes(entities, test, model)
            tables[name] += got
            print(line(f"  {name}, entity in the glossary", got, len(test)))
            gone = outcomes(others, test, model)
            absent[name] += gone
            print(line(f"  {name}, entity absent (a match is wrong)", Counter(wrong=gone["right"] + gone["wrong"]),
                       len(test)))
    n = len(abbr)
    print("\nall folds")
    for name, got in tables.items():
        print(line(f"  {name}, entity in the glossary", got, n))
        print(line(f"  {name}, entity absent", Counter(wrong=absent[name]["right"] + absent[name]["wrong"]), n))
    ext_entities = load_glossary(SHARED / "external" / "entities.tsv")
    ext = [q for q in load_queries(SHARED / "external" / "queries.tsv") if q.category == "abbreviation"]
    everything = np.ones(len(rows.query), dtype=bool)
    table = tm.acronym_probability(rows, abbr, everything, pair)
    one = round(float(np.mean(rows.label[[r for r in range(len(rows.query)) if rows.level[r] == "acronym"]])), 4)
    print(f"\nexternal abbreviations ({len(ext)}), tables fitted on the whole corpus: {table}; one probability {one}")
    for name, model in (("table", with_table(table)), ("one probability", with_table(dict.fromkeys(ACRONYM_CELLS, one)))):
        print(line(f"  {name}", outcomes(ext_entities, ext, model), len(ext)))  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
