"""Evaluate `glossary dedupe` against ground truth, next to clustering baselines in the same run.

The dataset (deterministic, ``--seed``): the development glossary's entities
(bench/data/dedupe/dev_glossary.yaml) plus synthetic unknown names built from
bench/data/dedupe/lexicon.tsv (groups, places, people, in both scripts). Half of the
development entities are left out of the glossary the resolver sees; every entity is
spelled several ways: its names, the real spellings of dev_queries.tsv, and noisy
variants (romanization habits, article forms, taa marbuta endings, case, Arabic
orthographic variants, typos). Each spelling gets a row count.

Printed: resolution accuracy for names of entities in the glossary (right id / wrong id
/ none), how many spellings of left-out entities wrongly got an id, and for the clusters
of unknown names pairwise precision/recall/F1 and B-cubed F1, for `glossary.dedupe` and
for three baselines: OpenRefine's fingerprint and 2-gram fingerprint key collision, and
rapidfuzz threshold clustering (single linkage on token_sort_ratio).

Usage: python bench/dedupe_eval.py [--seed 0] [--unknown 150] [--csv dataset.csv]

``--corpus``: the same figures on the training corpus's real spellings (``../shared/data/resolve/train``),
held out: its entities are cut into ``--folds`` folds by entity as `bench/resolve_eval.py` cuts them;
for each fold a matcher is fitted on the other folds' spellings only (`tools/train_matcher.py`'s
`fit`, threshold and margin from out-of-fold answers of those folds), and the fold's own real
spellings (latin, scholarly, arabic) make the dataset, each distinct spelling repeated 1-4 times.
Half of the fold's entities are in the glossary, with every entity of the other folds; the other
half are not, and their spellings are the unknown names to cluster. Figures are pooled over the
folds (pairs and B-cubed over the items of every fold, each fold clustered on its own).
``--models DIR`` keeps each fold's fitted matcher (``fold-K-of-N.json``): a later run with the
same matching code re-reads it instead of fitting again, and ``--fold K`` fits (or reads) and
scores that fold alone, so that the folds can be fitted in parallel processes.

    python bench/dedupe_eval.py --corpus [--folds 3] [--models DIR] [--fold K]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from itertools import combinations
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "dedupe"
Truth = dict[str, str]  # spelling -> entity id

# -- noise ---------------------------------------------------------------------------
_LATIN_SWAPS = [("u", ["ou", "oo"]), ("i", ["ee", "e"]), ("ay", ["ai", "ei"]), ("aw", ["ow", "au"]),
                ("q", ["k", "g"]), ("j", ["dj", "g"]), ("sh", ["ch"]), ("dh", ["z", "th"]), ("th", ["s", "t"]),
                ("gh", ["g"]), ("kh", ["h"]), ("a", ["e"]), ("y", ["i"])]
_ARTICLES = ["al-", "al ", "el-", "El-", "Al-", "Al ", "", "ul-", "il-"]
_SUN = "tdrzsnl"


def latin_variant(name: str, rng: random.Random) -> str:
    """One realistic Latin re-spelling of a romanized name."""
    s = name
    for _ in range(rng.randint(1, 3)):
        rule = rng.random()
        if rule < 0.3 and "al-" in s.lower():
            art = rng.choice(_ARTICLES)
            s = re.sub(r"\b[aA]l-", lambda _m, a=art: a, s, count=1)
            m = re.search(r"\b[aA]l-([a-zA-Z])", name)
            if art == "al-" and m and m.group(1).lower() in _SUN and rng.random() < 0.5:
                s = re.sub(r"\bal-" + m.group(1), "a" + m.group(1).lower() + "-" + m.group(1), s, count=1)
        elif rule < 0.65:
            src, dsts = rng.choice(_LATIN_SWAPS)
            idx = [m.start() for m in re.finditer(src, s)]
            if idx:
                i = rng.choice(idx)
                s = s[:i] + rng.choice(dsts) + s[i + len(src):]
        elif rule < 0.75:
            s = re.sub(r"a\b", rng.choice(["ah", "eh", "at", "e"]), s, count=1)
        elif rule < 0.83:
            s = re.sub(r"([bcdfghjklmnpqrstvz])\1", r"\1", s) if re.search(r"([a-z])\1", s) else \
                re.sub(r"([aeiou])([bdlmnrst])([aeiou])", r"\1\2\2\3", s, count=1)
        elif rule < 0.9:
            s = rng.choice([s.upper(), s.lower(), s.replace("-", " ")])
        else:
            s = re.sub(r"\b([AEIOUaeiou])", lambda m: rng.choice(["'", "ʿ", "‘"]) + m.group(1), s, count=1)
    if rng.random() < 0.2:  # a typo
        s = _typo(s, rng, "abdefhiklmnorstuy")
    return re.sub(r"[^\S\0]+", " ", s).strip() or name


def arabic_variant(name: str, rng: random.Random) -> str:
    """One realistic Arabic-script re-spelling: hamza and taa forms, harakat, tatweel, spacing, typos."""
    s = name
    for _ in range(rng.randint(1, 2)):
        rule = rng.random()
        if rule < 0.2:
            s = s.replace("أ", "ا").replace("إ", "ا") if re.search("[أإ]", s) else re.sub(r"\bا", "أ", s, count=1)
        elif rule < 0.35:
            s = re.sub("ة\\b", "ه", s) if "ة" in s else re.sub("ه\\b", "ة", s)
        elif rule < 0.45:
            s = re.sub("ي\\b", "ى", s)
        elif rule < 0.6:
            chars = list(s)
            i = rng.randrange(len(chars))
            if "\u0621" <= chars[i] <= "\u064a":
                chars.insert(i + 1, rng.choice("\u064e\u064f\u0650\u0651"))
            s = "".join(chars)
        elif rule < 0.7:
            letters = [i for i, c in enumerate(s) if "\u0628" <= c <= "\u064a" and i + 1 < len(s) and s[i + 1] != " "]
            if letters:
                i = rng.choice(letters)
                s = s[:i + 1] + "ـ" + s[i + 1:]
        elif rule < 0.8:
            s = s.replace("عبد ال", "عبدال").replace("أبو ", "ابو ") if rng.random() < 0.5 else s.replace("ي", "ی", 1)
        else:
            s = s.replace("ك", "ک")
    if rng.random() < 0.1:
        s = _typo(s, rng, "")
    return s


def _typo(s: str, rng: random.Random, alphabet: str) -> str:
    """One slip of the hand inside a word of four letters or more: a letter dropped, swapped or struck wrong.

    Marked with a trailing NUL (removed by `build`), so that the spelling gets the count of a slip: one or two rows.
    """
    spots = [i for i in range(1, len(s) - 2) if s[i - 1:i + 3].isalpha()]
    if not spots:
        return s
    i = rng.choice(spots)
    op = rng.random()
    if op < 0.4 or not alphabet:
        return s[:i] + s[i + 1:] + "\0"
    if op < 0.7:
        return s[:i] + s[i + 1] + s[i] + s[i + 2:] + "\0"
    return s[:i] + rng.choice(alphabet) + s[i + 1:] + "\0"


# -- the dataset ---------------------------------------------------------------------
def _synthetic(n: int, rng: random.Random, taken: set[str]) -> list[dict[str, str]]:
    lex: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with open(DATA / "lexicon.tsv", encoding="utf-8") as f:
        for row in csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t"):
            lex[row["kind"]].append((row["romanized"], row["arabic"]))
    out: list[dict[str, str]] = []
    seen = set(taken)
    for _attempt in range(100 * n):  # the lexicon allows some 900 names
        if len(out) >= n:
            break
        kind = rng.choices(["group", "place", "person"], [0.45, 0.2, 0.35])[0]
        if kind == "group":
            parts = [rng.choice(lex["group-prefix"]), rng.choice(lex["group-word"])]
        elif kind == "place":
            parts = [rng.choice(lex["place-prefix"]), rng.choice(lex["place-word"])]
        else:
            parts = [("Abu", "أبو"), rng.choice(lex["person-kunya"]), rng.choice(lex["person-nisba"])]
        rom = " ".join(p[0] for p in parts)
        eid = re.sub(r"[^a-z0-9]+", "-", rom.lower()).strip("-")
        if eid in seen:
            continue
        seen.add(eid)
        out.append({"id": eid, "type": kind, "romanized": rom, "arabic": " ".join(p[1] for p in parts)})
    return out


def build(seed: int, n_unknown: int) -> tuple[list[dict[str, str]], list[dict[str, str]], Truth, Counter[str]]:
    """(known entities, unknown entities, truth: spelling -> id, row counts per spelling)."""
    rng = random.Random(seed)
    from ruamel.yaml import YAML

    dev = YAML(typ="safe").load((DATA / "dev_glossary.yaml").read_text(encoding="utf-8"))["entities"]
    half = sorted(dev, key=lambda e: hashlib.blake2b(f"{seed}:{e['id']}".encode()).hexdigest())
    known, left_out = half[: len(dev) // 2], half[len(dev) // 2:]
    unknown = left_out + _synthetic(n_unknown, rng, {e["id"] for e in dev})
    queries: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with open(DATA / "dev_queries.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            queries[row["expected"]].append((row["query"], row["category"]))
    truth: Truth = {}
    counts: Counter[str] = Counter()
    known_ids = {e["id"] for e in known}
    for e in sorted(known + unknown, key=lambda e: e["id"]):
        inside = e["id"] in known_ids
        base = [e.get("romanized"), e.get("arabic")] + ([e.get("english")] if inside else [])
        spellings = [s for s in base if s]
        # real spellings; English names and aliases are other names, not spellings, when the entity is unknown
        spellings += [q for q, cat in queries.get(e["id"], []) if inside or cat in ("latin", "scholarly", "arabic")]
        for _ in range(rng.randint(3, 6)):
            if e.get("romanized"):
                spellings.append(latin_variant(e["romanized"], rng))
        for _ in range(rng.randint(1, 3)):
            if e.get("arabic"):
                spellings.append(arabic_variant(e["arabic"], rng))
        weight = rng.paretovariate(1.2) * 20
        for k, s in enumerate(dict.fromkeys(spellings)):
            slip = s.endswith("\0")
            s = s.rstrip("\0")
            if truth.get(s, e["id"]) != e["id"]:
                continue  # one spelling, two entities: leave it out of the truth
            truth[s] = e["id"]
            counts[s] += rng.randint(1, 2) if slip else max(1, int(weight / (k + 1)))
    return known, unknown, truth, counts


# -- metrics -------------------------------------------------------------------------
def pairwise(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 over items (pairs in one predicted / gold cluster)."""
    return _pairwise_of(_pair_counts(pred, gold))


def _pair_counts(pred: dict[str, str], gold: dict[str, str]) -> Counter[str]:
    """Pairs of the gold items in one predicted cluster, in one gold cluster, and in both (counts
    add up over folds)."""
    def pairs(assign: dict[str, str]) -> set[tuple[str, str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for item, c in assign.items():
            groups[c].append(item)
        return {p for g in groups.values() for p in combinations(sorted(g), 2)}

    p, g = pairs({s: pred[s] for s in gold}), pairs(gold)
    return Counter({"tp": len(p & g), "pred": len(p), "gold": len(g)})


def _pairwise_of(tally: Counter[str]) -> tuple[float, float, float]:
    prec = tally["tp"] / tally["pred"] if tally["pred"] else 1.0
    rec = tally["tp"] / tally["gold"] if tally["gold"] else 1.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> float:
    """B-cubed F1 over items."""
    return _bcubed_of(*_bcubed_items(pred, gold))


def _bcubed_items(pred: dict[str, str], gold: dict[str, str]) -> tuple[list[float], list[float]]:
    """Each item's B-cubed precision and recall (lists add up over folds)."""
    pc: dict[str, set[str]] = defaultdict(set)
    gc: dict[str, set[str]] = defaultdict(set)
    for item in gold:
        pc[pred[item]].add(item)
        gc[gold[item]].add(item)
    return ([len(pc[pred[i]] & gc[gold[i]]) / len(pc[pred[i]]) for i in gold],
            [len(pc[pred[i]] & gc[gold[i]]) / len(gc[gold[i]]) for i in gold])


def _bcubed_of(precision: list[float], recall: list[float]) -> float:
    prec, rec = sum(precision) / len(precision), sum(recall) / len(recall)
    return 2 * prec * rec / (prec + rec)


# -- baselines -----------------------------------------------------------------------
def _asciify(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def fingerprint(s: str) -> str:
    """OpenRefine's fingerprint keyer: trim, lowercase, ASCII-fold, punctuation out, unique sorted tokens."""
    s = _asciify(s.strip().lower())
    s = re.sub(r"[^\w\s]", "", s)
    return " ".join(sorted(set(s.split())))


def ngram_fingerprint(s: str, n: int = 2) -> str:
    """OpenRefine's n-gram fingerprint keyer: lowercase, punctuation and spaces out, unique sorted n-grams."""
    s = re.sub(r"[^\w]", "", _asciify(s.lower()))
    return "".join(sorted({s[i:i + n] for i in range(max(1, len(s) - n + 1))}))


def key_clusters(items: list[str], key: Callable[[str], str]) -> dict[str, str]:
    """Key collision clustering: items with one key share a cluster."""
    return {s: key(s) or s for s in items}


def rapidfuzz_clusters(items: list[str], cutoff: float = 85) -> dict[str, str]:
    """Single-linkage clusters of pairs whose token_sort_ratio (default_process) reaches the cutoff."""
    from rapidfuzz import fuzz, process, utils

    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    m = process.cdist(items, items, scorer=fuzz.token_sort_ratio, processor=utils.default_process,
                      score_cutoff=cutoff, workers=-1)
    for a, b in zip(*m.nonzero()):
        if a < b:
            parent[find(a)] = find(b)
    return {s: str(find(i)) for i, s in enumerate(items)}


# -- the run -------------------------------------------------------------------------
def _glossary(known: list[dict[str, str]], tmp: Path) -> object:
    from glossary import load

    path = tmp / "eval-glossary.yaml"
    ents = [{k: e[k] for k in ("id", "type", "romanized", "arabic", "english") if e.get(k)} for e in known]
    from ruamel.yaml import YAML

    with open(path, "w", encoding="utf-8") as f:
        YAML(typ="safe", pure=True).dump({"entities": ents}, f)
    return load([path], cache_dir=tmp / "cache")


# -- the training corpus, held out ----------------------------------------------------
CORPUS_CATEGORIES = ("latin", "scholarly", "arabic")
"""The real spellings a corpus dataset is made of (the targeted categories of `bench/resolve_eval.py`)."""


def _train_matcher() -> Any:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    import train_matcher

    return train_matcher


def fold_matcher(k: int, folds: int, models: Path | None) -> Any:
    """The matcher fitted without fold ``k``'s entities (read from ``models`` when kept there)."""
    from glossary.match.features import CONTEXT, PAIR
    from glossary.match.model import Matcher

    path = models / f"fold-{k}-of-{folds}.json" if models else None
    if path is not None and path.exists():
        return Matcher(json.loads(path.read_text(encoding="utf-8")))
    tm = _train_matcher()
    c = tm.corpus()
    fold = tm.entity_fold(c.queries, folds)
    t0 = time.perf_counter()
    parts = tm.fit(c.index, c.queries, c.rows, fold != k, decision_folds=folds - 1)
    header = {"pair_features": list(PAIR), "context_features": list(CONTEXT), "threshold": parts["threshold"],
              "margin": parts["margin"], "acronym": parts["acronym"], "held_out_fold": k, "folds": folds}
    doc = {"header": header, "forward": parts["forward"].to_dict(), "backward": parts["backward"].to_dict(),
           "pair": parts["pair"], "resolver": parts["resolver"]}
    print(f"fold {k}: fitted in {time.perf_counter() - t0:.0f} s (threshold {parts['threshold']}, "
          f"margin {parts['margin']})", file=sys.stderr, flush=True)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return Matcher(doc)


class _FoldResolver:
    """What dedupe asks of a glossary (``resolve_many``), answered by a fold's matcher. (No ``index``:
    dedupe would load it into a resolver of the shipped model.)"""

    def __init__(self, resolver: Any) -> None:
        self._resolver = resolver

    def resolve_many(self, names: Any, **options: Any) -> Any:
        return self._resolver.resolve_many(names, **options)


def corpus_dataset(k: int, folds: int, seed: int) -> tuple[list[Any], set[str], Truth, Counter[str], int]:
    """Fold ``k``'s dataset: (the glossary's entities, the fold's entities in it, truth, row counts,
    spellings left out as two entities' spelling)."""
    tm = _train_matcher()
    entities = tm.read_entities(tm.DATA / "entities.tsv")
    real = tm.read_queries(tm.DATA / "queries.tsv")
    fold_of = dict(zip((e.id for e in entities), tm.entity_fold([tm.Query(e.id, e.id, "own") for e in entities], folds)))
    held = sorted((e.id for e in entities if fold_of[e.id] == k),
                  key=lambda i: hashlib.blake2b(f"{seed}:{i}".encode()).hexdigest())
    inside = set(held[: len(held) // 2])
    glossary = [e for e in entities if fold_of[e.id] != k or e.id in inside]
    rng = random.Random(f"{seed}:{k}")
    owners: dict[str, set[str]] = defaultdict(set)
    for q in real:
        if q.category in CORPUS_CATEGORIES and q.expected is not None and fold_of.get(q.expected) == k:
            owners[q.text.strip()].add(q.expected)
    truth: Truth = {}
    counts: Counter[str] = Counter()
    for text in sorted(owners):
        if len(owners[text]) == 1 and text:
            truth[text] = next(iter(owners[text]))
            counts[text] = rng.randint(1, 4)
    return glossary, inside, truth, counts, sum(len(v) > 1 for v in owners.values())


GRID = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.97)
"""The learned method's cluster thresholds tried on each fold (`corpus_eval`)."""


def _run(resolver: Any, model: Any, counts: Counter[str], glossary: list[Any], answers: Any, method: str,
         cluster_threshold: float | None, join_threshold: float | None = None) -> tuple[Any, float]:
    """One decision of a fold's dataset (the resolver's answers given), and the time it took."""
    from glossary.dedupe import decide

    t0 = time.perf_counter()
    col = decide(resolver, counts, column="name", threshold=model.threshold, reserved=[e.id for e in glossary],
                 cluster_method=method, pair_model=model, cluster_threshold=cluster_threshold, answers=answers,
                 join_threshold=join_threshold if method == "learned" else None)
    return col, time.perf_counter() - t0


def corpus_eval(folds: int, only: int | None, seed: int, models: Path | None, cutoff: float,
                cluster_threshold: float | None = None, join_threshold: float | None = None) -> int:
    """`--corpus`: dedupe on held-out real spellings, pooled over the folds, next to the baselines.

    The learned clustering's threshold is chosen for each fold on the other folds' results (the
    cut of `GRID` with the best pooled pairwise F1 there), unless ``cluster_threshold`` is given."""
    from glossary.dedupe.answers import resolve_names, resolve_options
    from glossary.dedupe.cluster import LEARNED_PROBABILITY
    from glossary.match import Index, Resolver

    per_fold: dict[int, dict[str, tuple[Counter[str], list[float], list[float], float, Counter[str]]]] = {}
    base: dict[int, Counter[str]] = {}
    ks = [only] if only is not None else list(range(folds))
    for k in ks:
        model = fold_matcher(k, folds, models)
        glossary, inside, truth, counts, shared = corpus_dataset(k, folds, seed)
        resolver = _FoldResolver(Resolver(Index.build(glossary), model=model))
        t0 = time.perf_counter()
        options = resolve_options(threshold=model.threshold)
        answers = resolve_names(resolver, list(counts), counts, options=options)  # type: ignore[arg-type]
        resolving = time.perf_counter() - t0
        kn = [s for s in truth if truth[s] in inside]
        un = [s for s in truth if truth[s] not in inside]
        base[k] = Counter({"spellings": len(truth), "rows": sum(counts.values()), "shared": shared,
                           "known": len(kn), "known_rows": sum(counts[s] for s in kn), "unknown": len(un),
                           "unknown_entities": len({truth[s] for s in un}), "glossary": len(glossary)})
        gold = {s: truth[s] for s in un}
        runs: dict[str, tuple[str, float | None]] = {"rules (before)": ("rules", None)}
        grid = [cluster_threshold] if cluster_threshold is not None else sorted({*GRID, LEARNED_PROBABILITY})
        runs.update({f"learned {t:g}": ("learned", t) for t in grid})
        fold: dict[str, tuple[Counter[str], list[float], list[float], float, Counter[str]]] = {}
        for name, (method, thr) in runs.items():
            col, took = _run(resolver, model, counts, glossary, answers, method, thr, join_threshold)
            d = col.decisions
            ids = Counter({"right": sum(d[s].id == truth[s] for s in kn),
                           "wrong": sum(d[s].id not in (None, truth[s]) for s in kn),
                           "right_rows": sum(counts[s] for s in kn if d[s].id == truth[s]),
                           "wrong_rows": sum(counts[s] for s in kn if d[s].id not in (None, truth[s])),
                           "false_ids": sum(d[s].id is not None for s in un)})
            pred = {s: (d[s].cluster or f"id:{d[s].id}") for s in un}
            bp, br = _bcubed_items(pred, gold)
            fold[name] = (_pair_counts(pred, gold), bp, br, took + resolving, ids)
        baselines: list[tuple[str, Callable[[list[str]], dict[str, str]]]] = [
            ("fingerprint key collision (OpenRefine)", lambda u: key_clusters(u, fingerprint)),
            ("2-gram fingerprint key collision (OpenRefine)", lambda u: key_clusters(u, ngram_fingerprint)),
        ]
        baselines += [(f"rapidfuzz token_sort_ratio >= {c:g}, single link", (lambda u, c=c: rapidfuzz_clusters(u, c)))
                      for c in (cutoff - 10, cutoff - 5, cutoff, cutoff + 5, cutoff + 10)]
        for name, run in baselines:
            t1 = time.perf_counter()
            pred = run(un)
            bp, br = _bcubed_items(pred, gold)
            fold[name] = (_pair_counts(pred, gold), bp, br, time.perf_counter() - t1, Counter())
        per_fold[k] = fold
        print(f"fold {k}: {len(glossary):,} entities in the glossary ({len(inside)} of the fold's); "
              f"{len(kn):,} known and {len(un):,} unknown spellings; resolved in {resolving:.1f} s", file=sys.stderr,
              flush=True)
    # the learned threshold of each fold: the best pooled F1 of the other folds (or the one given)
    chosen: dict[int, str] = {}
    for k in ks:
        others = [j for j in ks if j != k]
        def f1_of(name: str, among: list[int]) -> float:
            tally: Counter[str] = Counter()
            for j in among:
                tally.update(per_fold[j][name][0])
            return _pairwise_of(tally)[2]
        learned = [n for n in per_fold[k] if n.startswith("learned ")]
        # (one fold alone has no others to choose on: the shipped threshold, which is no held-out choice)
        chosen[k] = (max(learned, key=lambda n: f1_of(n, others)) if others and len(learned) > 1
                     else learned[0] if len(learned) == 1 else f"learned {LEARNED_PROBABILITY:g}")
    learned_row = ("glossary dedupe, learned (threshold given)" if cluster_threshold is not None
                   else "glossary dedupe, learned (threshold held out)" if len(ks) > 1
                   else "glossary dedupe, learned (shipped threshold)")
    t = Counter()
    for b in base.values():
        t.update(b)
    print(f"training corpus, held out ({'fold ' + str(only) if only is not None else f'{folds} folds'}, seed {seed}): "
          f"{t['spellings']:,} distinct real spellings ({', '.join(CORPUS_CATEGORIES)}), {t['rows']:,} rows; "
          f"{t['shared']} spellings of two entities left out; glossaries of {t['glossary'] // len(ks):,} "
          f"entities on average")
    picked = ", ".join(f"fold {k}: {chosen[k][8:]}" for k in ks)
    if cluster_threshold is not None:
        print(f"learned: the cluster threshold given, {cluster_threshold:g}")
    elif len(ks) > 1:
        print(f"learned: the cluster threshold of each fold chosen on the other folds' results ({picked}); "
              f"shipped {LEARNED_PROBABILITY:g}")
    else:
        print(f"learned: one fold, no other to choose its threshold on: the shipped one, {LEARNED_PROBABILITY:g} "
              f"(not chosen on held-out results)")

    def pooled(name_of: Callable[[int], str]) -> tuple[Counter[str], list[float], list[float], float, Counter[str]]:
        tally: Counter[str] = Counter()
        ids: Counter[str] = Counter()
        bp: list[float] = []
        br: list[float] = []
        spent = 0.0
        for k in ks:
            c, p_, r_, s_, i_ = per_fold[k][name_of(k)]
            tally.update(c)
            ids.update(i_)
            bp += p_
            br += r_
            spent += s_
        return tally, bp, br, spent, ids

    rows = {learned_row: pooled(lambda k: chosen[k]),
            "glossary dedupe, rules (before)": pooled(lambda k: "rules (before)")}
    for name in per_fold[ks[0]]:
        if name.startswith("learned ") or name == "rules (before)":
            continue
        rows[name] = pooled(lambda k, name=name: name)
    print(f"\nknown names ({t['known']:,} spellings, {t['known_rows']:,} rows):")
    print(f"  {'method':<46} {'right id':>9} {'wrong id':>9} {'no id':>7}  unknown names given an id")
    for name in (learned_row, "glossary dedupe, rules (before)"):
        ids = rows[name][4]
        print(f"  {name:<46} {ids['right'] / t['known']:9.2%} {ids['wrong'] / t['known']:9.2%} "
              f"{(t['known'] - ids['right'] - ids['wrong']) / t['known']:7.2%}  "
              f"{ids['false_ids']:,}/{t['unknown']:,} ({ids['false_ids'] / t['unknown']:.2%})")
    print(f"\nclusters of unknown names ({t['unknown']:,} spellings of {t['unknown_entities']:,} entities):")
    print(f"  {'method':<46} {'P':>6} {'R':>6} {'F1':>6} {'B3 F1':>6} {'time':>7}")
    for name, (tally, bp, br, spent, _ids) in rows.items():
        p, r, f1 = _pairwise_of(tally)
        print(f"  {name:<46} {p:6.3f} {r:6.3f} {f1:6.3f} {_bcubed_of(bp, br):6.3f} {spent:6.2f}s")
    if cluster_threshold is None:
        print("\nlearned, each threshold on every fold (a comparison of cuts, not a held-out result):")
        for name in per_fold[ks[0]]:
            if name.startswith("learned "):
                tally, bp, br, _s, ids = pooled(lambda k, name=name: name)
                p, r, f1 = _pairwise_of(tally)
                print(f"  {name:<46} {p:6.3f} {r:6.3f} {f1:6.3f} {_bcubed_of(bp, br):6.3f}  known right "
                      f"{ids['right'] / t['known']:.2%}, wrong {ids['wrong'] / t['known']:.2%}; unknown given an id "
                      f"{ids['false_ids'] / t['unknown']:.2%}")
    return 0


EXTERNAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "resolve" / "external" / "queries.tsv"


def external_eval(path: Path = EXTERNAL) -> int:
    """`--external`: the external sample's real spellings (latin, scholarly, arabic; a spelling of
    two entities left out), one row each, deduped against the shipped glossary with each clustering
    method: pairwise and B-cubed figures of the clusters. Its entities are none of the training
    corpus's, and neither the pair forest nor its threshold saw them."""
    from glossary import load
    from glossary.dedupe import decide

    owner: dict[str, set[str]] = defaultdict(set)
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["expected"] and row["category"] in CORPUS_CATEGORIES:
                owner[row["query"].strip()].add(row["expected"])
    truth = {t: next(iter(e)) for t, e in sorted(owner.items()) if t and len(e) == 1}
    counts = Counter(dict.fromkeys(truth, 1))
    g = load()
    print(f"external sample ({path.name}): {len(truth):,} distinct spellings of {len(set(truth.values()))} "
          f"entities, the shipped glossary ({len(g.entities)} entities)")
    print(f"  {'method':<46} {'P':>6} {'R':>6} {'F1':>6} {'B3 F1':>6} {'time':>7}")
    for method in ("learned", "rules"):
        t0 = time.perf_counter()
        d = decide(g, counts, cluster_method=method).decisions
        took = time.perf_counter() - t0
        pred = {s: (d[s].cluster or f"id:{d[s].id}") for s in truth}
        p, r, f1 = pairwise(pred, truth)
        name = f"glossary dedupe, {method}" + (" (before)" if method == "rules" else "")
        print(f"  {name:<46} {p:6.3f} {r:6.3f} {f1:6.3f} {bcubed(pred, truth):6.3f} {took:6.2f}s")
    for c in (75.0, 80.0, 85.0, 90.0):
        t0 = time.perf_counter()
        pred = rapidfuzz_clusters(list(truth), c)
        p, r, f1 = pairwise(pred, truth)
        print(f"  {f'rapidfuzz token_sort_ratio >= {c:g}, single link':<46} {p:6.3f} {r:6.3f} {f1:6.3f} "
              f"{bcubed(pred, truth):6.3f} {time.perf_counter() - t0:6.2f}s")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--unknown", type=int, default=150, help="synthetic unknown names")
    ap.add_argument("--cutoff", type=float, default=85, help="rapidfuzz baseline cutoff")
    ap.add_argument("--csv", type=Path, help="also write the dataset (one row per occurrence) here")
    ap.add_argument("--corpus", action="store_true", help="the training corpus's real spellings, held out by fold")
    ap.add_argument("--external", action="store_true", help="the external sample's real spellings (../shared)")
    ap.add_argument("--folds", type=int, default=3, help="with --corpus: folds by entity")
    ap.add_argument("--fold", type=int, help="with --corpus: this fold alone")
    ap.add_argument("--models", type=Path, help="with --corpus: keep (and re-read) each fold's fitted matcher here")
    ap.add_argument("--cluster-threshold", type=float, help="with --corpus: dedupe's cluster threshold (default: its own)")
    ap.add_argument("--join-threshold", type=float,
                    help="with --corpus: the pair probability an unknown spelling needs to join a known entity")
    args = ap.parse_args(argv)
    if args.external:
        return external_eval()
    if args.corpus:
        return corpus_eval(args.folds, args.fold, args.seed, args.models, args.cutoff, args.cluster_threshold,
                           args.join_threshold)
    from glossary.dedupe import decide

    known, unknown, truth, counts = build(args.seed, args.unknown)
    known_ids = {e["id"] for e in known}
    if args.csv:
        rng = random.Random(args.seed)
        rows = [(s, truth[s]) for s, n in counts.items() for _ in range(n)]
        rng.shuffle(rows)
        with open(args.csv, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["row", "actor", "truth"])
            w.writerows((i + 1, s, t) for i, (s, t) in enumerate(rows))
    kn = [s for s in truth if truth[s] in known_ids]
    un = [s for s in truth if truth[s] not in known_ids]
    gold = {s: truth[s] for s in un}
    rows_kn = sum(counts[s] for s in kn)
    decided: dict[str, tuple[dict[str, str], float]] = {}
    print(f"dataset (seed {args.seed}): {len(known) + len(unknown)} entities, {len(known)} in the glossary, "
          f"{len(unknown)} not ({len(unknown) - args.unknown} dev + {args.unknown} synthetic); "
          f"{len(truth):,} distinct spellings, {sum(counts.values()):,} rows")
    print(f"\nknown names ({len(kn)} spellings, {rows_kn:,} rows), and unknown names given an id "
          f"(wrongly, of {len(un)}):")
    print(f"  {'method':<44} {'right id':>9} {'(rows)':>7} {'wrong id':>9} {'(rows)':>7} {'no id':>7} {'unknown':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        g = _glossary(known, Path(tmp))
        for method in ("learned", "rules"):
            t0 = time.perf_counter()
            col = decide(g, counts, column="actor", cluster_method=method)  # type: ignore[arg-type]
            took = time.perf_counter() - t0
            d = col.decisions
            right = sum(d[s].id == truth[s] for s in kn)
            wrong = sum(d[s].id not in (None, truth[s]) for s in kn)
            right_rows = sum(counts[s] for s in kn if d[s].id == truth[s])
            wrong_rows = sum(counts[s] for s in kn if d[s].id not in (None, truth[s]))
            false_ids = sum(d[s].id is not None for s in un)
            name = f"glossary dedupe, {method}" + (" (before)" if method == "rules" else "")
            print(f"  {name:<44} {right / len(kn):9.2%} {right_rows / rows_kn:7.2%} {wrong / len(kn):9.2%} "
                  f"{wrong_rows / rows_kn:7.2%} {(len(kn) - right - wrong) / len(kn):7.2%} {false_ids / len(un):8.2%}")
            decided[name] = ({s: (d[s].cluster or f"id:{d[s].id}") for s in un}, took)
    print(f"\nclusters of unknown names ({len(un)} spellings of {len(set(gold.values()))} entities):")
    print(f"  {'method':<44} {'P':>6} {'R':>6} {'F1':>6} {'B3 F1':>6} {'time':>7}")
    methods: list[tuple[str, Callable[[], dict[str, str]]]] = [
        (name, (lambda v=v: v[0])) for name, v in decided.items()]
    methods += [
        ("fingerprint key collision (OpenRefine)", lambda: key_clusters(un, fingerprint)),
        ("2-gram fingerprint key collision (OpenRefine)", lambda: key_clusters(un, ngram_fingerprint)),
    ]
    # rapidfuzz at each cutoff: the baseline's best is picked with the answers, in its favour
    methods += [(f"rapidfuzz token_sort_ratio >= {c:g}, single link",
                 (lambda c=c: rapidfuzz_clusters(un, c))) for c in (args.cutoff - 10, args.cutoff - 5, args.cutoff,
                                                                 args.cutoff + 5, args.cutoff + 10)]
    best_baseline = 0.0
    ours_f1 = 0.0
    for name, run in methods:
        t0 = time.perf_counter()
        pred = run()
        dt = decided[name][1] if name in decided else time.perf_counter() - t0
        p, r, f1 = pairwise(pred, gold)
        print(f"  {name:<44} {p:6.3f} {r:6.3f} {f1:6.3f} {bcubed(pred, gold):6.3f} {dt:6.2f}s")
        if name not in decided:
            best_baseline = max(best_baseline, f1)
        elif name == "glossary dedupe, learned":
            ours_f1 = f1
    print(f"\nglossary dedupe (learned) F1 - best baseline F1 = {ours_f1 - best_baseline:+.3f}"
          f"  (time for glossary dedupe: resolving and clustering all {len(truth):,} spellings)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
