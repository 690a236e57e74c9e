"""Word accuracy of unvocalized romanization on held-out lexicon words, next to baselines.

Usage: ``python bench/translit_eval.py [--folds 10] [--evaluate 5] [--compare] [--repeat 5]``

Data: ``../shared/data/translit/lexicon/alalc_words.tsv`` (Arabic word as written, its most
frequent ALA-LC romanization in LoC records). Words are split into ``--folds`` folds by
the CRC-32 of their look-up key (a spelling and its variants keyed alike stay together).
For each evaluated fold the lexicon is built and the vocalizer trained (the shipped
configuration, ``tools/train_vocalizer.py``) on the OTHER folds only, then every word of
the fold is romanized: none of them is in that lexicon; finding its stem through clitics
(بدمشق from دمشق) is allowed, that is generalization. Training the letter models takes
minutes per fold (the CRF 2.7-3.1 minutes, the SGD model under one, on a shared two-core machine, in
December 2026), so by default 5 of the 10 folds are evaluated (each model trained on the
9 others).

Scoring. Every held-out word counts, also the 7.4% whose catalogue romanization no ALA-LC
reading of the letters gives (`tools/data/lexicon_unaligned.tsv`): they are the ceiling.
A word is right "ignoring case" when it equals the catalogue's form after lowercasing,
and "exact" when it also has the catalogue's capitalization. The word is read alone, in
the middle of a sentence (no sentence-initial capital), and a final ة in the construct
state the catalogue's form shows (-at): that state belongs to the word's context, not to
the word.

Rows, all on the same held-out words: the full pipeline (lexicon with clitics, then a
known stem with a suffix whose letters the model completes, then the model), the same with
the letter model before the CRF (`train_vocalizer.train_sgd`, fitted on the same folds), the pipeline
before the stems (the same lexicon without its suffixes), the same with the model's labels
chosen letter by letter (the SGD model's, no Viterbi over the label transitions), the pipeline
without spelling variants, without two lexicon words written as one (`Lexicon.joined`),
splitting proclitics in any order (`Lexicon.ordered`), keeping a stem's nominative behind a
preposition (`Lexicon.governed`), not reading a word from a longer word of the lexicon
or a word with its stem (`Lexicon.sibling_key`), casing a word read from a known stem by the
vocalizer alone (without `Lexicon.stem_case`), each clitic form as its stem (without the clitic case
model; every such lexicon is made by `like`), its parts (lexicon via
clitics else rule; model alone, with and without Viterbi, and with the SGD letter model), the pipeline on the held-out
words written partly vocalized (`partly_vocalized`: their shaddas alone, their first
letter's vowel alone, one vowel or sukūn; each next to the same words unmarked), the rule path
(consonants and long vowels as written: the output before issue 19), mishkal when
installed (``pip install 'glossary[vocalize]'``), and with ``--compare`` a back-off table
of letter windows trained on the same folds (the model this one was chosen over). Then:
the shared vectors with their marks stripped (shipped lexicon and model: these names may
be in the lexicon, so this is not a held-out figure), the model's confidence against its
accuracy, the load times, and speed (words per CPU second of the process, median of
``--repeat`` runs: on a shared machine wall time measures the neighbours too).
"""

from __future__ import annotations

import argparse
import collections
import csv
import math
import random
import statistics
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

import build_lexicon  # noqa: E402
import train_vocalizer  # noqa: E402

from glossary.translit import engine, labels, transliterate, words  # noqa: E402
from glossary.translit._align import Aligned  # noqa: E402
from glossary.translit.lexicon import Lexicon  # noqa: E402
from glossary.translit.render import case as apply_case  # noqa: E402
from glossary.translit.render import render  # noqa: E402
from glossary.translit.vocalizer import Model  # noqa: E402

VECTORS = ROOT.parent / "shared" / "data" / "translit" / "vectors.tsv"
TRANSCRIPTIONS = ("ala-lc", "din31635", "bgn-pcgn", "simple")


@dataclass
class Row:
    key: str
    gold: str
    freq: int
    aligned: Aligned | None

    @property
    def construct(self) -> bool:
        return self.key.endswith("ة") and self.gold.endswith("t")


@dataclass
class Tally:
    n: int = 0
    ci: int = 0
    exact: int = 0
    by_source: dict[str, list[int]] = field(default_factory=lambda: collections.defaultdict(lambda: [0, 0, 0]))

    def add(self, got: str, gold: str, source: str = "") -> bool:
        right_ci = got.lower() == gold.lower()
        self.n += 1
        self.ci += right_ci
        self.exact += got == gold
        if source:
            slot = self.by_source[source]
            slot[0] += 1
            slot[1] += right_ci
            slot[2] += got == gold
        return right_ci


def load_rows() -> list[Row]:
    """Every source row, keyed; one row per key (the most frequent), aligned where it aligns."""
    from glossary.translit._align import align

    out: dict[str, Row] = {}
    for arabic, alalc, freq in build_lexicon.read_rows(build_lexicon.SOURCE):
        key = labels.key(arabic)
        if key and key not in out:
            result = align(arabic, alalc)
            out[key] = Row(key, alalc, freq, result if isinstance(result, Aligned) else None)
    return list(out.values())


def fold_of(key: str, folds: int) -> int:
    return zlib.crc32(key.encode("utf-8")) % folds


def ala() -> engine.Transcriber:
    mapper = engine.compiled("ala-lc")
    assert isinstance(mapper, engine.Transcriber)
    return mapper


class NoVariants(Lexicon):
    """A lexicon that does not read a word it lacks as another spelling (`Lexicon.variant`)."""

    def variant(self, key: str) -> None:
        return None


class NoOrder(Lexicon):
    """A lexicon that splits proclitics off a word with proclitics of its own in any order
    (`Lexicon.ordered`: bi-wa-ʻAbbās; the lexicon before the order was kept)."""

    def ordered(self, chain: str, word: str, marks: str) -> bool:
        return True


class NoGenitive(Lexicon):
    """A lexicon that keeps a stem's case vowel before an attached pronoun behind a preposition
    (`Lexicon.governed`: bi-kitābuhu; the lexicon before the genitive was read)."""

    def governed(self, chain: str, article: str, stem: str, marks: str) -> str:
        return marks


class NoSiblings(Lexicon):
    """A lexicon that does not read a word it lacks from a word of its own with the same stem and
    another ending (`Lexicon.sibling_key`, whose reading `Lexicon.partial_reading` asks for)."""

    def sibling_reading(self, key: str, readings: object = None, unknown: object = None) -> None:
        return None


class NoJoined(Lexicon):
    """A lexicon that does not read a word it lacks as two of its words written as one (`Lexicon.joined`)."""

    def joined(self, key: str) -> None:
        return None


def like(lexicon: Lexicon, cls: type[Lexicon] = Lexicon, header: dict[str, Any] | None = None,
         case_weights: Mapping[str, float] | None = None, stem_weights: Mapping[str, float] | None = None) -> Lexicon:
    """``lexicon``'s tables and models in a ``cls``, with one of them changed."""
    return cls(lexicon.words, lexicon.stems, lexicon.header if header is None else header, lexicon.family,
               lexicon.case_weights if case_weights is None else case_weights,
               lexicon.stem_weights if stem_weights is None else stem_weights)


def pipeline_word(row: Row, lexicon: Lexicon | None, model: Model | None) -> tuple[str, str, float]:
    """The pipeline's ALA-LC for one held-out word (mid-sentence, the catalogue's construct
    state): the romanization, its source and its confidence."""
    segments = words.analyze(row.key, lexicon=lexicon, model=model)
    found = list(words.units(segments))  # two for two lexicon words written as one (`Lexicon.joined`)
    mapper = ala()
    latins = []
    for unit in found:
        if unit.marks:
            latins.append(apply_case(render(unit.key, unit.marks, mapper, pausal=not row.construct)[0], unit.case))
        else:
            latins.append(mapper.cached_word(unit.vocalized, False, not row.construct)[0])
    unit = found[0]
    source: str = unit.source
    if source == "lexicon":
        hit = lexicon.lookup(row.key) if lexicon is not None else None
        source = f"lexicon ({hit.via if hit is not None else 'joined' if len(found) > 1 else 'variant'})"
    return mapper.prefix_sep.join(latins), source, math.prod(u.confidence for u in found)


_MARK = {"a": "\u064E", "u": "\u064F", "i": "\u0650", "o": "\u0652", "~": "\u0651"}


def partly_vocalized(row: Row, rng: random.Random) -> dict[str, str]:
    """A held-out word written as partly vocalized text writes it, from its catalogue reading:
    its shaddas alone (محمّد; words with a shadda before their last letter), its first letter's
    vowel alone (words whose first letter has one), one vowel or sukūn on a letter drawn at
    random (not the last)."""
    if row.aligned is None or row.aligned.word != row.key:
        return {}
    key, marks = row.key, row.aligned.marks
    out = {}
    if any(m in "AUI" for m in marks[:-1]):
        out["shaddas alone"] = "".join(c + (_MARK["~"] if m in "AUI~" else "") for c, m in zip(key, marks))
    if marks[0] in "aui":
        out["the first letter's vowel alone"] = key[0] + _MARK[marks[0]] + key[1:]
    vowels = [k for k, m in enumerate(marks[:-1]) if m in "auio"]
    if vowels:
        k = rng.choice(vowels)
        out["one vowel or sukūn"] = key[:k + 1] + _MARK[marks[k]] + key[k + 1:]
    return out


def vocalized_word(row: Row, vocalized: str) -> str:
    return ala().cached_word(engine.clean(vocalized), False, not row.construct)[0]


class Backoff:
    """The model this one was chosen over: for each letter, the majority label of the widest
    letter window seen in training (9 letters down to the letter alone)."""

    CONTEXTS = ((4, 4), (3, 4), (4, 3), (3, 3), (2, 3), (3, 2), (2, 2), (1, 2), (2, 1), (1, 1), (0, 1), (1, 0),
                (0, 0))

    def __init__(self, entries: Iterable[tuple[str, str, int]]) -> None:
        counts: list[dict[str, collections.Counter[str]]] = [collections.defaultdict(collections.Counter)
                                                               for _ in self.CONTEXTS]
        for key, marks, _ in entries:
            p = "^^^^" + key + "$$$$"
            for i, label in enumerate(marks):
                j = i + 4
                for table, (left, right) in zip(counts, self.CONTEXTS):
                    table[p[j - left:j + right + 1]][label] += 1
        self.tables = [{k: c.most_common(1)[0][0] for k, c in t.items()} for t in counts]

    def predict(self, key: str) -> str:
        p = "^^^^" + key + "$$$$"
        out = []
        for i in range(len(key)):
            j = i + 4
            label = "."
            for table, (left, right) in zip(self.tables, self.CONTEXTS):
                found = table.get(p[j - left:j + right + 1])
                if found:
                    label = found
                    break
            out.append(label)
        return "".join(out)


def evaluate(rows: list[Row], folds: int, evaluate_folds: int, compare: bool,
             mishkal: Callable[[str], str] | None) -> dict[str, Tally]:
    from glossary.translit import vocalizer

    tallies: dict[str, Tally] = collections.defaultdict(Tally)
    calibration: dict[str, list[tuple[float, bool]]] = {"model": [], "stem": []}
    # the fold models map their confidence through the shipped model's calibration (fitted on
    # a tenth of the words held out of its first training run, tools/train_vocalizer.py)
    shipped = vocalizer.default().header
    calibrated = {"labels": shipped["labels"], "calibration": shipped.get("calibration"),
                  "stem_calibration": shipped.get("stem_calibration")}
    for fold in range(evaluate_folds):
        start = time.perf_counter()
        train_rows = [r for r in rows if fold_of(r.key, folds) != fold and r.aligned is not None]
        test_rows = [r for r in rows if fold_of(r.key, folds) == fold]
        entries = [(r.key, r.aligned.marks, r.aligned.case) for r in sorted(train_rows, key=lambda r: -r.freq)
                   if r.aligned is not None]
        lexicon = Lexicon.build(entries)
        # the same lexicon without its suffixes: no word is read from a known stem (the pipeline before)
        no_stems = like(lexicon, header={**lexicon.header, "suffixes": []})
        # the same lexicon with each clitic form cased as its stem (the lexicon before its case model)
        stem_case = like(lexicon, case_weights={})
        # the same lexicon without its stem case model: a word read from a known stem cased by the vocalizer
        vocalizer_case = like(lexicon, stem_weights={})
        # the same lexicon without other spellings of a hamza or a final letter (the lexicon before them)
        no_variants = like(lexicon, NoVariants)
        # the same lexicon splitting proclitics in any order (the lexicon before the order was kept)
        no_order = like(lexicon, NoOrder)
        # the same lexicon keeping a stem's nominative behind a preposition (the lexicon before the genitive)
        no_genitive = like(lexicon, NoGenitive)
        # the same lexicon not reading a word from another with its stem (the lexicon before that)
        no_siblings = like(lexicon, NoSiblings)
        # the same lexicon without two of its words written as one (the lexicon before them)
        no_joined = like(lexicon, NoJoined)
        arrays = train_vocalizer.train(entries)
        model = train_vocalizer.model_of(arrays, calibrated)
        # the same model without the shapes' label sequences (`Patterns`): the model before them
        no_patterns = train_vocalizer.model_of({k: v for k, v in arrays.items()
                                                if k not in ("patterns", "pattern_weight")}, calibrated)
        # the letter model before the CRF (per letter by SGD, transitions counted apart), the same folds
        sgd_arrays = train_vocalizer.train(entries, letters="sgd")
        sgd = train_vocalizer.model_of(sgd_arrays, calibrated)
        # the SGD model with each letter's label chosen alone (no Viterbi): the model before that
        # (a CRF's letter scores alone are not a classifier of their own: its transitions are half the model)
        alone = train_vocalizer.model_of({k: v for k, v in sgd_arrays.items() if k != "transitions"}, calibrated)
        backoff = Backoff(entries) if compare else None
        mapper = ala()
        rng = random.Random(fold)
        for row in test_rows:
            assert row.key not in lexicon.words
            got, source, confidence = pipeline_word(row, lexicon, model)
            plain = got
            right = tallies["pipeline: lexicon via clitics, else known stem, else model"].add(got, row.gold, source)
            if source in calibration:
                calibration[source].append((confidence, right))
            got, source, _ = pipeline_word(row, lexicon, sgd)
            tallies["the pipeline, the SGD letter model (before the CRF)"].add(got, row.gold, source)
            got, source, _ = pipeline_word(row, lexicon, no_patterns)
            tallies["the pipeline without the shapes' label sequences (before)"].add(got, row.gold, source)
            got, source, _ = pipeline_word(row, no_variants, model)
            tallies["the pipeline without spelling variants (before)"].add(got, row.gold, source)
            got, source, _ = pipeline_word(row, no_order, model)
            tallies["the pipeline splitting proclitics in any order (before)"].add(got, row.gold, source)
            got, source, _ = pipeline_word(row, no_genitive, model)
            tallies["the pipeline keeping the nominative behind a preposition (before)"].add(got, row.gold, source)
            got, source, _ = pipeline_word(row, no_siblings, model)
            tallies["the pipeline not reading a word from another with its stem (before)"].add(got, row.gold, source)
            got, source, _ = pipeline_word(row, no_joined, model)
            tallies["the pipeline without two lexicon words written as one (before)"].add(got, row.gold, source)
            got, source, _ = pipeline_word(row, stem_case, model)
            tallies["the pipeline, a clitic form cased as its stem (before)"].add(got, row.gold, source)
            got, source, _ = pipeline_word(row, vocalizer_case, model)
            tallies["the pipeline, a stem word cased by the vocalizer alone (before)"].add(got, row.gold, source)
            got, source, _ = pipeline_word(row, no_stems, model)
            tallies["the pipeline before: no stems (lexicon, else model)"].add(got, row.gold, source)
            got, source, _ = pipeline_word(row, no_stems, alone)
            tallies["the same, the SGD model's labels chosen letter by letter (no Viterbi)"].add(got, row.gold, source)
            got, source, _ = pipeline_word(row, lexicon, None)
            tallies["lexicon via clitics, else rule (no model)"].add(got, row.gold, source)
            got, _, _ = pipeline_word(row, None, model)
            tallies["model alone (no lexicon)"].add(got, row.gold)
            got, _, _ = pipeline_word(row, None, sgd)
            tallies["model alone, the SGD letter model (before the CRF)"].add(got, row.gold)
            got, _, _ = pipeline_word(row, None, no_patterns)
            tallies["model alone, without the shapes' label sequences"].add(got, row.gold)
            got, _, _ = pipeline_word(row, None, alone)
            tallies["model alone, the SGD model's labels chosen letter by letter"].add(got, row.gold)
            tallies["rule: consonants and long vowels (before #19)"].add(
                mapper.cached_word(row.key, False, not row.construct)[0], row.gold)
            if backoff is not None:
                marks = backoff.predict(row.key)
                tallies["back-off letter windows alone (--compare)"].add(
                    render(row.key, marks, mapper, pausal=not row.construct)[0], row.gold)
            if mishkal is not None:
                tallies["mishkal (optional extra)"].add(vocalized_word(row, mishkal(row.key)), row.gold)
            for name, text in partly_vocalized(row, rng).items():
                tallies[f"partly vocalized: {name}"].add(pipeline_word(Row(text, row.gold, row.freq, row.aligned),
                                                                       lexicon, model)[0], row.gold)
                tallies[f"partly vocalized: {name}; the same words unmarked"].add(plain, row.gold)
        print(f"  fold {fold + 1}/{evaluate_folds}: {len(test_rows):,} held-out words, "
              f"{len(entries):,} training words, {time.perf_counter() - start:.0f} s", flush=True)
    tallies["_calibration"] = Tally()
    for source, points in calibration.items():
        _print_calibration(source, points)
    return tallies


def _print_calibration(source: str, points: list[tuple[float, bool]]) -> None:
    if not points:
        return
    print(f"\nConfidence against held-out accuracy ({source} words of the pipeline, ALA-LC ignoring case):")
    print(f"  {'confidence':>12} {'words':>7} {'mean conf.':>10} {'accuracy':>9}")
    edges = (0.0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.01)
    for lo, hi in zip(edges, edges[1:]):
        inside = [(c, r) for c, r in points if lo <= c < hi]
        if inside:
            mean = statistics.fmean(c for c, _ in inside)
            accuracy = sum(r for _, r in inside) / len(inside)
            print(f"  {lo:>5.1f}-{min(hi, 1.0):<5.1f} {len(inside):>7,} {mean:>10.2f} {accuracy:>9.1%}")


def print_table(tallies: dict[str, Tally]) -> None:
    print(f"\n{'held-out words, ALA-LC':60} {'words':>7} {'ignoring case':>14} {'exact':>7}")
    for name, t in tallies.items():
        if name.startswith("_") or not t.n:
            continue
        print(f"{name:60} {t.n:>7,} {t.ci / t.n:>14.1%} {t.exact / t.n:>7.1%}")
        for source, (n, ci, exact) in sorted(t.by_source.items()):
            print(f"  {'by source: ' + source:58} {n:>7,} {ci / n:>14.1%} {exact / n:>7.1%}")


def vectors(mishkal: Callable[[str], str] | None) -> None:
    if not VECTORS.exists():
        return
    with VECTORS.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["scheme"] in TRANSCRIPTIONS]
    print("\nShared vectors with their marks stripped (shipped lexicon and model; names may be in the lexicon):")
    print(f"  {'scheme':10} {'names':>6} {'pipeline':>9} {'ign. case':>9} {'rule':>6} {'mishkal':>8}")
    for scheme in TRANSCRIPTIONS:
        sub = [r for r in rows if r["scheme"] == scheme]
        full = [transliterate(labels.strip(r["arabic"]), scheme).text for r in sub]
        rule = [transliterate(labels.strip(r["arabic"]), scheme, lexicon=False, model=False).text for r in sub]
        ok = sum(a == r["expected"] for a, r in zip(full, sub)) / len(sub)
        ok_ci = sum(a.lower() == r["expected"].lower() for a, r in zip(full, sub)) / len(sub)
        ok_rule = sum(a == r["expected"] for a, r in zip(rule, sub)) / len(sub)
        mk = "-"
        if mishkal is not None:
            got = [transliterate(labels.strip(r["arabic"]), scheme, lexicon=False, vocalizer=mishkal).text for r in sub]
            mk = f"{sum(a == r['expected'] for a, r in zip(got, sub)) / len(sub):.0%}"
        print(f"  {scheme:10} {len(sub):>6} {ok:>9.0%} {ok_ci:>9.0%} {ok_rule:>6.0%} {mk:>8}")


def speed(repeat: int) -> None:
    from glossary.translit import lexicon as lexicon_module
    from glossary.translit import vocalizer

    lex = lexicon_module.default()
    model = vocalizer.default()
    # the numpy model, the specification the compiled kernel (glossary.translit._vocal) follows, A/B in this run
    numpy_model = vocalizer.Model.read(vocalizer.MODEL_PATH, compiled=False)
    rng = random.Random(7)
    known = rng.sample(sorted(lex.words), 20_000)
    # words the shipped lexicon holds are never new to the model: read distinct words without the lexicon
    model_words = rng.sample(sorted(lex.words), 20_000)

    def rate(function: Callable[[], object], n: int, clear: bool = True) -> float:
        times = []
        function()
        for _ in range(repeat):
            if clear:
                engine.compiled("ala-lc").cached_word.cache_clear()  # type: ignore[union-attr]
            start = time.process_time()  # this process's CPU: other load on the machine does not count
            function()
            times.append(time.process_time() - start)
        return n / statistics.median(times)

    def texts(ws: list[str], size: int = 10) -> list[str]:
        return [" ".join(ws[k:k + size]) for k in range(0, len(ws), size)]

    known_texts = texts(known)
    model_texts = texts(model_words)
    # words the lexicon lacks, each a known word and a suffix (through the stem path, else the model)
    suffixed = [w + rng.choice(("ات", "ها", "ين", "هم", "ية")) for w in rng.sample(sorted(lex.words), 40_000)]
    unknown = [w for w in dict.fromkeys(suffixed) if lex.lookup_key(w) is None][:20_000]
    unknown_texts = texts(unknown)
    stem_share = sum(lex.partial_key(w) is not None for w in unknown) / len(unknown)
    print(f"\nSpeed, ALA-LC, words per CPU second (median of {repeat} runs; distinct words, the engine's word "
          f"cache cleared before each run unless said; the model: {model.implementation}, and the numpy model "
          "where said):")
    print(f"  lexicon words, 10-word texts:        "
          f"{rate(lambda: [transliterate(t) for t in known_texts], len(known)):>10,.0f}")
    print(f"  the same, engine word cache warm:    "
          f"{rate(lambda: [transliterate(t) for t in known_texts], len(known), clear=False):>10,.0f}")
    print(f"  lexicon words, one call per word:    "
          f"{rate(lambda: [transliterate(w) for w in known], len(known)):>10,.0f}")
    print(f"  model (no lexicon), 10-word texts:   "
          f"{rate(lambda: [transliterate(t, lexicon=False) for t in model_texts], len(model_words)):>10,.0f}")
    numpy_rate = rate(lambda: [transliterate(t, lexicon=False, model=numpy_model) for t in model_texts],
                      len(model_words))
    print(f"  the same, numpy model:               {numpy_rate:>10,.0f}")
    print(f"  model (no lexicon), one call a word: "
          f"{rate(lambda: [transliterate(w, lexicon=False) for w in model_words], len(model_words)):>10,.0f}")
    print(f"  unknown words (a word + suffix, {stem_share:.0%} through a stem), 10-word texts: "
          f"{rate(lambda: [transliterate(t) for t in unknown_texts], len(unknown)):>10,.0f}")
    print(f"  the same, numpy model:               "
          f"{rate(lambda: [transliterate(t, model=numpy_model) for t in unknown_texts], len(unknown)):>10,.0f}")
    print(f"  model.predict alone:                 "
          f"{rate(lambda: [model.predict(w) for w in model_words], len(model_words)):>10,.0f}")
    print(f"  the same, numpy model:               "
          f"{rate(lambda: [numpy_model.predict(w) for w in model_words], len(model_words)):>10,.0f}")
    print(f"  rule only, 10-word texts:            "
          f"{rate(lambda: [transliterate(t, lexicon=False, model=False) for t in known_texts], len(known)):>10,.0f}")


_LOAD = """
import time, sys
sys.path.insert(0, {src!r})
import numpy
from glossary.translit import lexicon, vocalizer
t0 = time.process_time()
lexicon.default()
t1 = time.process_time()
vocalizer.default()
t2 = time.process_time()
print((t1 - t0) * 1000, (t2 - t1) * 1000)
"""


def load_times(repeat: int) -> None:
    """Median load time (CPU) of the lexicon and of the model, in fresh processes, modules
    imported (numpy too: the CLI imports it anyway)."""
    import subprocess

    from glossary.translit import lexicon, vocalizer

    runs = [subprocess.run([sys.executable, "-c", _LOAD.format(src=str(ROOT / "src"))], capture_output=True,
                           text=True, check=True).stdout.split() for _ in range(repeat)]
    lex_ms = statistics.median(float(r[0]) for r in runs)
    model_ms = statistics.median(float(r[1]) for r in runs)
    print(f"\nLoad (CPU), fresh process, median of {repeat}: lexicon {lex_ms:.0f} ms "
          f"({lexicon.LEXICON_PATH.stat().st_size:,} bytes), model {model_ms:.0f} ms "
          f"({vocalizer.MODEL_PATH.stat().st_size:,} bytes)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--evaluate", type=int, default=5, help="how many of the folds to evaluate")
    parser.add_argument("--compare", action="store_true", help="also the back-off letter-window model")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args()
    start = time.perf_counter()
    mishkal: Callable[[str], str] | None = None
    try:
        from glossary.translit import mishkal_vocalizer

        mishkal = mishkal_vocalizer()
    except ImportError:
        print("mishkal not installed: its row is left out (pip install 'glossary[vocalize]')")
    rows = load_rows()
    unaligned = sum(r.aligned is None for r in rows)
    print(f"{len(rows):,} distinct written forms; {unaligned:,} ({unaligned / len(rows):.1%}) have a catalogue "
          f"form no ALA-LC reading gives; {args.evaluate} of {args.folds} folds evaluated")
    tallies = evaluate(rows, args.folds, args.evaluate, args.compare, mishkal)
    print_table(tallies)
    vectors(mishkal)
    if not args.no_speed:
        load_times(max(args.repeat, 5))
        speed(args.repeat)
    print(f"\n{time.perf_counter() - start:.0f} s in all")


if __name__ == "__main__":
    main()
