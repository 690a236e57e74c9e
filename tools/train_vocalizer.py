"""Train the vocalizer (``src/glossary/translit/data/vocalizer.npz``) on the aligned lexicon.

Usage: ``python tools/train_vocalizer.py [--source TSV] [--check]``

The training data are the lexicon pairs that align (``tools/build_lexicon.py``: the same
source file, the same alignment), one word at a time: the features of each letter
(`glossary.translit.vocalizer.features`) and its label. The letter model is a linear-chain
CRF (`train_crf`: python-crfsuite, L-BFGS with L1 and L2 penalties, `CRF`): a weight for each
feature and label and one for each pair of consecutive labels, fitted on whole words, so the
labels a word takes together are what is learned; the model file carries both kinds of weight
for the Viterbi search of `glossary.translit.vocalizer.Model`. The capitalization model is a
logistic regression on `glossary.translit.vocalizer.case_features` (the word is capitalized in
the catalogue: a proper name). The word confidence is calibrated on a tenth of the words held
out of a first fit (`calibrate`, Platt scaling), then the models are fitted on all the words.
Features seen in fewer than ``MIN_COUNT`` letters are dropped; weights are stored as int8 with
one scale per label, and a feature whose weights all round to within `CRF_PRUNE` of zero is
dropped (it keeps the file small and its load under 30 ms).

Before the CRF (`train_sgd`, ``train(..., letters="sgd")``, which ``bench/translit_eval.py``
fits on the same folds for its "before" rows), each letter's label was fitted alone, by a
linear classifier (stochastic gradient descent on the logistic loss: scikit-learn
``SGDClassifier``, one-vs-rest, averaged, fixed seed; int8 weights within ``PRUNE`` dropped:
word accuracy -0.2 on a held-out fold), and the transitions were counted apart (`transitions`:
how much likelier each label is after the previous one than alone, log ratio, weight
``TRANSITION_WEIGHT``). Chosen on folds 5 and 6 (which the bench never reports), the same
features and data: labels right on every held-out aligned word, model alone, without the
shapes' sequences (below), SGD 60.8% (fold 5), the CRF 62.8% (62.6% with its weights as int8,
pruned); with the shapes' sequences at
the weight each does best with, the pipeline's ALA-LC ignoring case 67.6% / 66.6% (SGD,
weight 4) against 68.0% / 67.3% (CRF, weight 2; weights 1, 3 and 4: 67.9 / 66.9, 68.1 / 67.2,
68.0 / 67.2), the words left to the model 43.8% / 44.4% against 44.8% / 45.9%. On fold 5's
training words the CRF kept 66,600 features where the SGD model kept 84,500 (shipped: 72,208
against 88,704), and takes about four minutes to fit on two
cores (the SGD model under one).

Two models were measured on held-out folds of the lexicon before this one was kept
(``bench/translit_eval.py --compare``): a back-off table of letter windows (majority label
of the widest window seen, 9 letters down to 1) and this linear model. Alone on 37,946
held-out words, ALA-LC ignoring case: back-off 53.3%, linear 56.8% (exact 27.1% and 44.0%:
the back-off has no capitalization model). Viterbi over the label transitions, the same
weights (the same command, 5 folds): model alone 56.8% -> 57.5% (exact 44.0% -> 44.4%),
the words the pipeline leaves to the model (17,791) 43.8% -> 44.4% (33.9% -> 34.4%),
the pipeline 65.8% -> 66.1% (49.5% -> 49.7%).

Measured on fold 0 alone (7,602 held-out words, 3,596 left to the model; ignoring case /
exact, model alone and left to the model) and not kept:

* transition weight 1.5 or 2 instead of 1: 57.1/44.2 and 56.8/43.8 alone (1: 57.3/44.3);
* ``alpha`` 3e-6 or 3e-7 instead of 1e-6, with Viterbi: left to the model 43.9 and 43.8
  (1e-6: 44.2);
* a character CNN (PyTorch: 32-d letter embeddings, three width-5 convolutions of 128
  channels, residual, a label head and a pooled capitalization head; 8 epochs, 10 minutes):
  alone 55.7/43.1, left to the model 44.7/34.9 (this linear model without Viterbi:
  56.3/43.5 and 43.1/33.6). Averaged with the linear model's log-probabilities: 57.9/45.2
  and 45.0/35.6, but three 640x128 matrix products per letter put the model near 5,000
  words/s in numpy, a quarter of the target;
* with the CRF (fold 5, which the bench never reports; trained on the other nine folds'
  63,184 aligned words, 6,986 held-out aligned words; one-off scripts, not in the repository):
  a bidirectional LSTM (PyTorch: 64-d letter embeddings, two layers of 128 a direction,
  dropout 0.25, 12 epochs of Adam, about 6 minutes on two cores), its log-probabilities added
  to the CRF's letter scores before the Viterbi search. Labels right on every letter: the CRF
  62.6% (63.2% with the shapes' sequences), the LSTM alone 63.1%, the sum 66.8% (66.1% with
  the shapes' sequences); the pipeline, ALA-LC on all 7,549 held-out words, 69.2% -> 70.1%
  ignoring case, 56.1% -> 56.7% exact (the words left to the model 44.7% -> 47.9%). Not
  adopted: some 3.3 million multiply-adds a word (6.2 letters; the first layer's input projection read per
  letter from a table), 1,500 words/s in numpy batches, where the target through the model is
  20,000; smaller LSTMs lose the gain (two layers of 64: 58.2% alone, the sum 64.2%; one layer
  of 64: 50.6%, the sum 60.8%, below the CRF alone);
* the SGD model's letter scores added to the CRF's (a quarter or half of them: one linear model
  over both models' features, no cost at run time): labels right 63.2% -> 64.4% (fold 5) and
  62.7% -> 63.9% (fold 6), but the pipeline lost what the words left to it are: 69.19% ->
  69.04% and 68.05% -> 67.85% ignoring case (left to the model 44.7% -> 44.5% and 44.9% ->
  44.5%): the gain was on words the lexicon reads anyway;
* more capitalization features (letter pairs, the word's long-vowel shape, first and last
  5-6 letters): case right on 77.8% of the words left to the model (76.7% now), exact
  34.4 -> 34.9: within noise of one fold, not adopted without a five-fold run.

Where the words left to the model go (fold 0, without Viterbi): 33.6% right, 9.5% right
but for case, 13.0% unreachable (no ALA-LC reading of the letters gives the catalogue's
form), 43.9% with wrong labels: of those, 60% on one letter, mostly in the middle of the
word, and mostly the quality of a short vowel (kasra read fatḥa 281 letters, ḍamma read
fatḥa 254, fatḥa read kasra 225) or a vowel against sukūn (fatḥa/sukūn 199 + 125).

The labels a word's shapes carry (`patterns`, weighed by ``PATTERN_WEIGHT``; what follows was
measured with the SGD letter model, whose weight is ``SGD_PATTERN_WEIGHT``): the model file
keeps, for each coarse shape (long-vowel letters, hamza and ة kept, other letters C) and each
fine shape (the letters of the patterns' augments سألتمونيها, hamza seats, ة and ى kept), how
often each label sequence occurs in the training words; a word takes the best of its Viterbi
path and those sequences that keep its fixed labels (a known stem's), each scored by its path
score plus the weight times the mean of its two add-one log-frequencies. Chosen on folds 5 and 6 of
``bench/translit_eval.py``'s ten (which reports folds 0-4), labels right on every held-out
aligned word, model alone: Viterbi 60.8% / 59.6%; coarse shape, weight 2: 62.8 / 62.2, weight 3:
62.5 / 62.6; coarse and fine, weight 4: 63.1 / 62.7 (kept), weight 3: 63.0 / 62.4; the fine
shape alone, weight 4: 61.4 (fold 6); the sequences seen once left out (4.5 times fewer
sequences), coarse and fine, weight 4: 62.5 (fold 6); a weight of each shape's own instead of
4 times their mean (coarse, fine: 2, 2 is the kept one): 2, 3: 63.2 / 62.6; 1, 3: 63.2 / 62.5;
3, 1: 62.7 / 62.6; 3, 3: 62.6 / 62.5; 4, 2: 62.3 / 62.1 (none better on both); a third shape
at weight 1 (the coarse shape with its last two letters written, the fine with its last three,
the fine with its first): 62.8 / 62.8, 63.1 / 62.7, 63.2 / 62.6 (none better on both); another
weight for the words the capitalization model calls names (half the words), 0, 2 or 3 against
4: 61.8 / 60.8, 63.0 / 62.3, 63.2 / 62.6 (names follow the patterns too); the letter model's
examples weighed by 1 + log of their word's catalogue frequency: 62.7 / 61.6 (held-out words are
rare ones); the transition weight again, with the patterns (0.5, 0.75, 1.25, 1.5 against 1;
pattern weight 3, 4, 5): 0.5 and 4 gave 63.3 / 62.9, +0.1 and +0.2 on the two folds, within
their noise; not changed. Words whose
stem's labels are fixed (the pipeline's ``stem`` words), ALA-LC ignoring case / exact, their
Viterbi path kept against weighed with the sequences that keep the fixed labels: fold 5 (1,151
words) 52.4 / 40.2 against 53.1 / 41.1, fold 6 (1,126) 49.7 / 38.5 against 50.2 / 38.6 (kept).

The script is deterministic: run twice, it writes the same bytes (``--check`` verifies
the shipped file). scikit-learn is needed here only, never at run time.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import platform
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

from build_lexicon import SOURCE, SOURCE_NAME, read_rows  # noqa: E402

from glossary.translit import labels as label_set  # noqa: E402
from glossary.translit.vocalizer import (  # noqa: E402
    CASE_FEATURES,
    FEATURES,
    MODEL_PATH,
    Model,
    case_features,
    coarse_shape,
    features,
    fine_shape,
    write,
)

MIN_COUNT = 3
PRUNE = 8  # a feature whose int8 weights all lie within ±8 is dropped (about half of them; word accuracy -0.2)
CASE_MIN_COUNT = 5
TRANSITION_WEIGHT = 1.0  # the weight of the label-transition scores in the Viterbi decoding (see `transitions`)
PATTERN_WEIGHT = 2.0  # the weight of the shapes' label sequences (see `patterns`) with the CRF, chosen on folds 5 and 6
SGD_PATTERN_WEIGHT = 4.0  # the same, for the SGD letter model (chosen on folds 5 and 6 before the CRF)
CRF = {"c1": 0.1, "c2": 0.3, "max_iterations": 300, "feature.minfreq": MIN_COUNT, "feature.possible_transitions": True}
"""python-crfsuite's settings of the letter model (`train_crf`): L1 and L2 penalties chosen on fold 5 of
``bench/translit_eval.py``'s ten (labels right on every held-out aligned word, model alone, no shapes'
sequences: c2 0.01 (100 iterations) 60.3%, 0.1 62.0%, 0.3 62.8%, 1.0 61.2%; c1 0.05 with c2 0.1 62.3%,
c1 0.1 with c2 0.3 62.8% (kept: as good, with 130,389 non-zero weights against 214,597); the SGD
model 60.8%)."""
CRF_PRUNE = 2  # the CRF's int8 weights within ±2 dropped: fold 5 (c2 0.1), labels right 64.4% against 64.5% unpruned
# at pattern weight 2, 62.6% both at weight 4; 86k features kept of 114k
PARAMS = {"letters": "crf", "crf": CRF, "crf_prune": CRF_PRUNE, "case_C": 0.3,
          "min_count": MIN_COUNT, "case_min_count": CASE_MIN_COUNT, "pattern_weight": PATTERN_WEIGHT,
          "sgd": {"loss": "log_loss", "alpha": 1e-6, "max_iter": 15, "average": True, "seed": 0, "prune": PRUNE,
                  "transition_weight": TRANSITION_WEIGHT, "pattern_weight": SGD_PATTERN_WEIGHT}}

Entry = tuple[str, str, int]  # (key, labels, case)


def entries_from(source: Path) -> list[Entry]:
    """The aligned pairs of the source, one per key (the most frequent that aligns), as
    ``tools/build_lexicon.py`` ships them."""
    return [entry for _, _, entry in rows_from(source) if entry is not None]


def rows_from(source: Path) -> list[tuple[str, str, Entry | None]]:
    """Every written form of the source once: its key, the catalogue's romanization of its
    most frequent row, and its entry (the most frequent row that aligns; None if none does)."""
    from glossary.translit._align import Aligned, align

    gold: dict[str, str] = {}
    entry: dict[str, Entry] = {}
    for arabic, alalc, _ in read_rows(source):
        result = align(arabic, alalc)
        gold.setdefault(result.word, alalc)
        if isinstance(result, Aligned):
            entry.setdefault(result.word, (result.word, result.marks, result.case))
    return [(key, alalc, entry.get(key)) for key, alalc in gold.items() if key]


def _vocabulary(rows: Iterable[Sequence[str]], min_count: int) -> list[str]:
    counts: collections.Counter[str] = collections.Counter()
    for names in rows:
        counts.update(names)
    return sorted(name for name, c in counts.items() if c >= min_count)


def _matrix(rows: list[list[str]], index: dict[str, int]) -> Any:
    from scipy import sparse  # type: ignore[import-untyped]

    indptr = [0]
    indices: list[int] = []
    for names in rows:
        indices.extend(sorted({index[n] for n in names if n in index}))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), len(index)))


def transitions(entries: Sequence[Entry], weight: float = TRANSITION_WEIGHT) -> npt.NDArray[np.float32]:
    """Label-transition scores for the Viterbi decoding (`glossary.translit.vocalizer.Model`):
    row ``p``, column ``c`` is ``weight * log(P(c | previous label p) / P(c))``, counted over
    the training words' labels with one added to every count; the last row is the word's
    start (``p`` = no label yet). The letter model already gives ``log P(c | letters)``; the
    ratio adds what the previous label says beyond that (a product of experts)."""
    n = len(label_set.LABELS)
    pairs = np.ones((n + 1, n), dtype=np.float64)
    single = np.ones(n, dtype=np.float64)
    for _, marks, _ in entries:
        previous = n
        for c in marks:
            k = label_set.LABELS.index(c)
            pairs[previous, k] += 1
            single[k] += 1
            previous = k
    ratio = np.log(pairs / pairs.sum(axis=1, keepdims=True)) - np.log(single / single.sum())
    return (weight * ratio).astype(np.float32)


def patterns(entries: Sequence[Entry]) -> str:
    """The label sequences of each word shape in the training words, with their counts, for
    `glossary.translit.patterns.Patterns`: one line per (kind, shape, labels), ``c`` for the
    coarse shape (long-vowel letters, hamza and ة kept, other letters C), ``f`` for the fine
    shape (`glossary.translit.vocalizer.fine_shape`: the letters of the Arabic patterns' augments
    kept), sorted."""
    counts: collections.Counter[tuple[str, str, str]] = collections.Counter()
    for key, marks, _ in entries:
        counts["c", coarse_shape(key), marks] += 1
        counts["f", fine_shape(key), marks] += 1
    return "\n".join(f"{kind}\t{shape}\t{marks}\t{n}" for (kind, shape, marks), n in sorted(counts.items()))


def train(entries: Sequence[Entry], *, letters: str = "crf", max_iter: int = 15,
          seed: int = 0) -> dict[str, npt.NDArray[Any]]:
    """Fit both models; returns the arrays of the model file (header added by `arrays`).
    ``letters``: ``crf`` (the shipped letter model, `train_crf`) or ``sgd`` (the model before it,
    `train_sgd`: each letter's label alone, the transitions counted apart), which the bench
    measures in the same run."""
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    if letters == "crf":
        vocabulary, weights, bias, steps, prune = *train_crf(entries), CRF_PRUNE
    elif letters == "sgd":
        vocabulary, weights, bias = train_sgd(entries, max_iter=max_iter, seed=seed)
        steps, prune = transitions(entries), PRUNE
    else:
        raise ValueError(f"no letter model {letters!r}: crf or sgd")
    scale = np.maximum(np.abs(weights).max(axis=0), 1e-12) / 127.0
    quantized = np.rint(weights / scale).astype(np.int8)
    strong = np.flatnonzero(np.abs(quantized).max(axis=1) > prune).tolist()
    # rows grouped by template in the order of FEATURES (each group sorted): the file stores
    # each name without its template's letter, and a count per template
    templates = [f[0] for f in FEATURES]
    keep = sorted(strong, key=lambda k: (templates.index(vocabulary[k][0]), vocabulary[k]))
    counts = [sum(1 for k in keep if vocabulary[k][0] == t) for t in templates]
    words = [case_features(key) for key, _, _ in entries]
    case_vocabulary = _vocabulary(words, CASE_MIN_COUNT)
    case_index = {name: k for k, name in enumerate(case_vocabulary)}
    logistic = LogisticRegression(C=PARAMS["case_C"], max_iter=5000)
    logistic.fit(_matrix(words, case_index), np.array([case & 1 for _, _, case in entries]))
    return {
        "vocabulary": np.frombuffer("\n".join(vocabulary[k][1:] for k in keep).encode("utf-8"), dtype=np.uint8),
        "template_counts": np.array(counts, dtype=np.int32),
        "weights": quantized[keep],
        "scale": scale.astype(np.float32),
        "bias": bias.astype(np.float32),
        "case_vocabulary": np.frombuffer("\n".join(case_vocabulary).encode("utf-8"), dtype=np.uint8),
        "case_weights": logistic.coef_[0].astype(np.float32),
        "case_bias": logistic.intercept_.astype(np.float32),
        "transitions": steps,
        "patterns": np.frombuffer(patterns(entries).encode("utf-8"), dtype=np.uint8),
        "pattern_weight": np.array([PATTERN_WEIGHT if letters == "crf" else SGD_PATTERN_WEIGHT], dtype=np.float32),
    }


def train_crf(entries: Sequence[Entry]) -> tuple[list[str], npt.NDArray[np.float64], npt.NDArray[np.float64],
                                                 npt.NDArray[np.float32]]:
    """The letter model as a linear-chain CRF (python-crfsuite: L-BFGS on the words' likelihood,
    `CRF` settings): the same features as `train_sgd`, but each word's labels fitted together with
    the transitions between them, where the SGD model fits each letter alone and counts the
    transitions apart. Returns the feature names, their weights (one column per label; a feature
    the CRF never paired with a label weighs 0 there), the bias (0; a label no training word has:
    never chosen) and the transitions (the start row 0: the first letter's features say where the
    word starts)."""
    import tempfile

    import pycrfsuite  # type: ignore[import-not-found]

    trainer = pycrfsuite.Trainer(verbose=False)
    for key, marks, _ in entries:
        trainer.append(features(key), list(marks))
    trainer.set_params(CRF)
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "letters.crfsuite")
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        info = tagger.info()
        state, steps = dict(info.state_features), dict(info.transitions)
        tagger.close()
    names = sorted({name for name, _ in state})
    index = {name: k for k, name in enumerate(names)}
    n = len(label_set.LABELS)
    weights = np.zeros((len(names), n), dtype=np.float64)
    for (name, label), w in state.items():
        weights[index[name], label_set.LABELS.index(label)] = w
    table = np.zeros((n + 1, n), dtype=np.float32)
    for (a, b), w in steps.items():
        table[label_set.LABELS.index(a), label_set.LABELS.index(b)] = w
    seen = {label for _, label in state}
    bias = np.array([0.0 if label in seen else -1e4 for label in label_set.LABELS])  # never seen: never chosen
    return names, weights, bias, table


def train_sgd(entries: Sequence[Entry], *, max_iter: int = 15,
              seed: int = 0) -> tuple[list[str], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """The letter model before the CRF: a linear classifier per letter, fitted by stochastic
    gradient descent on the logistic loss (scikit-learn ``SGDClassifier``, one-vs-rest, averaged,
    fixed seed), on features seen in at least ``MIN_COUNT`` letters. Returns the feature names,
    their weights (one column per label) and the bias."""
    from sklearn.linear_model import SGDClassifier  # type: ignore[import-untyped]

    letters = [names for key, _, _ in entries for names in features(key)]
    targets = np.array([label_set.LABELS.index(c) for _, marks, _ in entries for c in marks])
    vocabulary = _vocabulary(letters, MIN_COUNT)
    index = {name: k for k, name in enumerate(vocabulary)}
    X = _matrix(letters, index)
    clf = SGDClassifier(loss="log_loss", alpha=PARAMS["sgd"]["alpha"], max_iter=max_iter, tol=None,
                        random_state=seed, average=True)
    clf.fit(X, targets)
    n_labels = len(label_set.LABELS)
    weights = np.zeros((len(vocabulary), n_labels), dtype=np.float64)
    bias = np.full(n_labels, -1e4, dtype=np.float64)  # a label never seen in training is never chosen
    coef = clf.coef_ if len(clf.classes_) > 2 else np.vstack([-clf.coef_[0], clf.coef_[0]])
    intercept = clf.intercept_ if len(clf.classes_) > 2 else np.array([-clf.intercept_[0], clf.intercept_[0]])
    for row, label in enumerate(clf.classes_):
        weights[:, label] = coef[row]
        bias[label] = intercept[row]
    return vocabulary, weights, bias


def calibrate(rows: Sequence[tuple[str, str, Entry | None]]) -> tuple[dict[str, float], dict[str, float]]:
    """Fit the word confidence where the model is used: a lexicon and a model built without
    one tenth of the words (CRC-32 of the key mod 10 == 9) romanize the words of that tenth
    that the lexicon does not find (not even through clitics), all of them, aligned or not;
    a logistic fit of "the ALA-LC equals the catalogue's, ignoring case" on the logit of the
    model's raw probability gives ``a`` and ``b`` (Platt scaling). Two fits: the words the
    model labels alone, and those whose start a known stem labels (`Lexicon.partial_key`:
    the raw probability is then over the other letters)."""
    import zlib

    from sklearn.linear_model import LogisticRegression

    from glossary.translit import engine
    from glossary.translit.lexicon import Lexicon
    from glossary.translit.render import render

    def held(key: str) -> bool:
        return zlib.crc32(key.encode("utf-8")) % 10 == 9

    entries = [e for key, _, e in rows if e is not None and not held(key)]
    lexicon = Lexicon.build(entries)
    model = model_of(train(entries))
    mapper = engine.compiled("ala-lc")
    assert isinstance(mapper, engine.Transcriber)
    points: dict[bool, tuple[list[float], list[bool]]] = {False: ([], []), True: ([], [])}
    for key, alalc, _ in rows:
        if not held(key) or lexicon.lookup_key(key) is not None or not all(label_set.is_letter(c) for c in key):
            continue
        stem = lexicon.partial_key(key)
        marks, raw = model.predict_many([key], [stem.labels if stem else None], raw=True)[0]
        construct = key.endswith("ة") and alalc.endswith("t")
        logits, right = points[stem is not None]
        logits.append(_logit(raw))
        right.append(render(key, marks, mapper, pausal=not construct)[0].lower() == alalc.lower())
    fits = []
    for logits, right in (points[False], points[True]):
        fit = LogisticRegression(C=1e4).fit(np.array(logits)[:, None], np.array(right))
        fits.append({"a": round(float(fit.coef_[0][0]), 6), "b": round(float(fit.intercept_[0]), 6),
                     "words": len(right)})
    return fits[0], fits[1]


def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return float(np.log(p / (1 - p)))


def model_of(arrays: dict[str, npt.NDArray[Any]], header: dict[str, Any] | None = None) -> Model:
    """The in-memory `Model` of trained arrays (the bench uses it without writing a file)."""
    import io

    full = dict(arrays)
    header = header or {"labels": label_set.LABELS}
    full["header"] = np.frombuffer(json.dumps(header).encode(), dtype=np.uint8)
    buffer = io.BytesIO()
    np.savez(buffer, **full)  # type: ignore[arg-type]
    buffer.seek(0)
    return Model.read(buffer)


def header_for(source: Path, n_entries: int, n_letters: int) -> dict[str, Any]:
    from importlib import metadata

    import scipy
    import sklearn  # type: ignore[import-untyped]

    return {
        "format": 1,
        "script": "tools/train_vocalizer.py",
        "data": {"path": SOURCE_NAME, "sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
                 "words": n_entries, "letters": n_letters,
                 "selection": "pairs aligned by tools/build_lexicon.py, one per written form"},
        "features": list(FEATURES),
        "case_features": list(CASE_FEATURES),
        "labels": label_set.LABELS,
        "params": PARAMS,
        "versions": {"python": platform.python_version(), "numpy": np.__version__,
                     "scikit-learn": sklearn.__version__, "scipy": scipy.__version__,
                     "python-crfsuite": metadata.version("python-crfsuite")},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped file would change")
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    rows = rows_from(args.source)
    entries = [entry for _, _, entry in rows if entry is not None]
    calibration, stem_calibration = calibrate(rows)
    arrays = train(entries)
    header = header_for(args.source, len(entries), sum(len(k) for k, _, _ in entries))
    header["calibration"] = calibration
    header["stem_calibration"] = stem_calibration
    arrays["header"] = np.frombuffer(json.dumps(header, ensure_ascii=False, sort_keys=True).encode(), dtype=np.uint8)
    target = args.output.with_suffix(".tmp.npz") if args.check else args.output
    write(target, arrays)
    print(f"{len(entries):,} words, {header['data']['letters']:,} letters; "
          f"{len(arrays['weights']):,} features kept; {target.stat().st_size:,} bytes")
    if args.check:
        same = target.read_bytes() == args.output.read_bytes()
        target.unlink()
        print("up to date" if same else "STALE: run python tools/train_vocalizer.py")
        return 0 if same else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
