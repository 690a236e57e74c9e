"""The learned vocalizer: short vowels, shadda, sukūn and capitalization for unseen words.

A linear-chain CRF over the letters (one score per label from named features of a window of
letters, see `FEATURES`, and one per pair of consecutive labels, the file's ``transitions``),
trained by ``tools/train_vocalizer.py`` on the vocalized LoC lexicon
(`glossary.translit.lexicon`), scores each label of each letter (`glossary.translit.labels`);
the word's labels are chosen together, by Viterbi over the letters' log-probabilities (each
letter's scores normalized, which leaves the best path the CRF's) plus the transitions, where
an independent choice per letter would mix the vowels of two patterns. A second linear model gives the probability that the word is a
proper name (capitalized in ALA-LC). Labels known beforehand can be fixed (`Model.predict_many`'s
``fixed``: a known stem's, `glossary.translit.lexicon.Lexicon.partial_key`): the search then
chooses the other letters' labels around them. The word then takes the best of that path and
the label sequences its shapes carry in the training words that keep its fixed labels
(`Patterns`: Arabic words follow patterns, and the letters alone do not see the whole word's). Nothing here
imports more than numpy; the compiled kernel (`glossary.translit._vocal`, where built) computes
the same labels faster.

The model file (``data/vocalizer.npz``, plain arrays, ``allow_pickle=False``) carries a
JSON header: the training script, the data it was fitted on (path and sha256), the
feature list in order (a test checks it equals `FEATURES`), the labels, and the library
versions. It is read on first use (`default`), in about 10 ms.

Confidence. `Model.predict` returns, with the labels, the probability that the word is
right: the product over the letters of the chosen label's probability given the labels chosen
on either side of it (`Model._conditional`: the softmax of the letter's scores plus the
transitions from and to its neighbours; `Model.raw`), which is over-confident, mapped through a logistic fit (Platt scaling, the
header's ``calibration``) made on words held out of a first training run; a word whose stem's labels were fixed
has its own fit (``stem_calibration``), its probability being over the letters the model
chose. ``bench/translit_eval.py`` checks both against held-out accuracy.

Example:
    >>> model = default()
    >>> labels_, confidence = model.predict("مكتبة")
    >>> len(labels_) == 5 and 0.0 < confidence <= 1.0
    True
"""

from __future__ import annotations

import functools
import io
import json
import math
import os
import sys
import zipfile
from collections.abc import Callable
from itertools import cycle, repeat
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from glossary.translit import labels
from glossary.translit.labels import CASE_FEATURES, case_features
from glossary.translit.patterns import PATTERN_LETTERS, SHAPE, Patterns, coarse_shape, fine_shape

__all__ = ["CASE_FEATURES", "FEATURES", "MODEL_PATH", "PATTERN_LETTERS", "PURE_ENV", "Model", "Patterns",
           "case_features", "coarse_shape", "default", "features", "fine_shape", "implementation", "write"]

MODEL_PATH = Path(__file__).with_name("data") / "vocalizer.npz"

FEATURES = (
    "a: the letter",
    "b: letters -1..0",
    "c: letters 0..+1",
    "d: letters -1..+1",
    "e: letters -2..0",
    "f: letters 0..+2",
    "g: letters -2..+2",
    "h: letters -3..0",
    "k: letters 0..+3",
    "m: letters -3..+3",
    "v: the word's first two letters and the distance from the start",
    "x: the word's last two letters and the distance from the end",
    "z: letters -4..+4",
    "R: the shape of letters -4..-1, the letter, the shape of +1..+4 (long-vowel letters, hamza, ة kept; "
    "other consonants C)",
)
"""Per-letter features, in the order `features` builds them (word padded with ^ and $)."""

BEAM = 8.0
"""Labels whose log-probability is more than this below the letter's best are not searched."""

PURE_ENV = "GLOSSARY_PURE_PYTHON"
"""Set to 1 to use this module's numpy code even where the compiled kernel is built (as for the
resolver, `glossary.match.core`)."""


def _compiled_module() -> Any | None:
    """The compiled kernel's module (`glossary.translit._vocal`), or None: not built, or
    ``GLOSSARY_PURE_PYTHON`` set."""
    return implementation()[2]


@functools.cache
def _import() -> tuple[Any | None, str]:
    try:
        from . import _vocal
    except ImportError as e:
        return None, f"the compiled kernel is not built ({e}); reinstall with a C++ compiler for speed"
    return _vocal, "compiled kernel loaded"


def implementation() -> tuple[str, str, Any | None]:
    """Which code the models of this process use by default: ``compiled`` or ``python``, why, and
    the kernel's module (None for python).

    Example:
        >>> implementation()[0] in ("compiled", "python")
        True
    """
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        return "python", f"{PURE_ENV} is set", None
    module, reason = _import()
    return ("compiled" if module is not None else "python"), reason, module

def features(word: str) -> list[list[str]]:
    """The named features of each letter of a word (letters only, no marks).

    Example:
        >>> features("حلب")[0][:4]
        ['aح', 'b^ح', 'cحل', 'd^حل']
    """
    flat = _flat(word)
    k = len(FEATURES)
    return [flat[i:i + k] for i in range(0, len(flat), k)]


_TEMPLATES = "abcdefghkmvxzR"
"""The first letter of each feature's name, in the order of `FEATURES`."""


def _flat(word: str) -> list[str]:
    """`features` of every letter in one list, ``len(FEATURES)`` per letter."""
    return [t + k for t, k in zip(cycle(_TEMPLATES), _keys(word))]


def _keys(word: str) -> list[str]:
    """`_flat` without the templates' letters: what each template's table is keyed by."""
    p = "^^^^" + word + "$$$$"
    shape = "^^^^" + coarse_shape(word) + "$$$$"
    n = len(word)
    head, tail = word[:2], word[-2:]
    out: list[str] = []
    for i in range(n):
        j = i + 4
        s = i if i < 4 else 4
        e = n - 1 - i if n - 1 - i < 4 else 4
        c = p[j]
        out += (  # the order of FEATURES
            c, p[j - 1:j + 1], p[j:j + 2], p[j - 1:j + 2], p[j - 2:j + 1], p[j:j + 3], p[j - 2:j + 3],
            p[j - 3:j + 1], p[j:j + 4], p[j - 3:j + 4], f"{head}{s}", f"{tail}{e}", p[j - 4:j + 5],
            shape[j - 4:j] + c + shape[j + 1:j + 5],
        )
    return out


MASKED = (("M", "ا", False), ("Y", "ي", True), ("w", "وفكلس", False), ("b", "بل", False))
"""The labels only some letters may carry: (label, those letters, only as the word's last)."""


class Model:
    """A loaded vocalizer (use `default` for the shipped one).

    Args:
        weights: Int8 array (features x labels) of the letter model, and ``scale`` the
            float32 factor of each label's column.
        bias: Float32 array (labels,).
        vocabulary: The feature keys, one template of `FEATURES` after another (in order), each
            key's row of ``weights`` its place here; ``counts``: how many keys each template has.
            (`tables` maps them back, made on first use: the compiled kernel reads the list.)
        case_weights: Float32 array (case features,), and ``case_bias``.
        case_vocabulary: Case feature names.
        header: The file's JSON header.
        transitions: Float32 array (labels + 1, labels): the score of a label (column) after
            a label (row; the last row: the word's first letter). None: each letter's best
            label, chosen alone (the files before Viterbi decoding).
        patterns: The file's ``patterns`` (`Patterns`: lines of kind ``c`` or ``f``, shape,
            labels and count, tab-separated), weighed by ``pattern_weight`` (0: not used).
        compiled: Whether to answer through the compiled kernel (`glossary.translit._vocal`: the
            same labels, the same probabilities to float32 rounding, several times faster). None:
            where it is built and ``GLOSSARY_PURE_PYTHON`` is not set. The kernel is made on
            first use.
    """

    def __init__(self, weights: npt.NDArray[np.int8], scale: npt.NDArray[np.float32], bias: npt.NDArray[np.float32],
                 vocabulary: list[str], counts: list[int],
                 case_weights: npt.NDArray[np.float32], case_bias: float, case_vocabulary: list[str],
                 header: dict[str, Any], transitions: npt.NDArray[np.float32] | None = None,
                 compiled: bool | None = None, patterns: str | Callable[[], str] = "",
                 pattern_weight: float = 0.0) -> None:
        self._pattern_source: str | Callable[[], str] = patterns if pattern_weight else ""
        self.pattern_weight = pattern_weight
        self._pattern_table: Patterns | None = None
        self._raw_weights = weights
        self._kernel: Any = None
        self._use_kernel = compiled is not False
        if compiled and _compiled_module() is None:
            raise ImportError(f"the vocalizer's compiled kernel (glossary.translit._vocal) is not used: "
                              f"{implementation()[1]}")
        self.scale = scale
        self.bias = bias
        self.bias_row = len(weights)
        self.vocabulary = vocabulary[:sum(counts)]
        self.counts = list(counts)
        self.case_weights = case_weights
        self.case_bias = case_bias
        self.case_vocabulary = case_vocabulary
        self.header = header
        self.transitions = transitions
        if transitions is not None:  # as lists, for the search in plain Python: step[current][previous]
            self.step = transitions[:-1].T.tolist()
            self.start = transitions[-1].tolist()
        self.labels = str(header["labels"])
        fit = header.get("calibration")
        self.calibration = (float(fit["a"]), float(fit["b"])) if fit else None
        fit = header.get("stem_calibration")
        self.stem_calibration = (float(fit["a"]), float(fit["b"])) if fit else self.calibration

    # made on first use, not at load (`read`): the compiled kernel needs only the case index
    @functools.cached_property
    def weights(self) -> npt.NDArray[np.int8]:
        """The letter model's weights and a row of zeros (``bias_row``: a feature the model lacks)."""
        return np.vstack([self._raw_weights, np.zeros((1, self._raw_weights.shape[1]), dtype=self._raw_weights.dtype)])

    @functools.cached_property
    def tables(self) -> list[dict[str, int]]:
        """One table per template of `FEATURES` (in order): its key -> row of ``weights``."""
        out, start = [], 0
        for count in self.counts:
            out.append(dict(zip(self.vocabulary[start:start + count], range(start, start + count))))
            start += count
        return out

    @functools.cached_property
    def case_index(self) -> dict[str, int]:
        """Each case feature's row of ``case_weights``."""
        return dict(zip(self.case_vocabulary, range(len(self.case_vocabulary))))

    @functools.cached_property
    def case_list(self) -> list[float]:
        """``case_weights`` as a list, and 0.0 at index -1 (a feature the model lacks adds nothing)."""
        return [*self.case_weights.tolist(), 0.0]

    @property
    def implementation(self) -> str:
        """``compiled`` or ``python``: what answers `predict_many`, `raw` and `capitalized`."""
        return "compiled" if self._native() is not None else "python"

    def _native(self) -> Any | None:
        """The compiled kernel of this model (made on first use), or None: pure Python."""
        if self._kernel is None and self._use_kernel:
            module = _compiled_module()
            if module is None:
                self._use_kernel = False
                return None
            try:
                self._kernel = module.Vocalizer(
                    self.vocabulary, self.counts,
                    np.ascontiguousarray(self._raw_weights, dtype=np.int8),
                    np.ascontiguousarray(self.scale, dtype=np.float32),
                    np.ascontiguousarray(self.bias, dtype=np.float32),
                    None if self.transitions is None else np.ascontiguousarray(self.transitions, dtype=np.float32),
                    self.case_index, np.ascontiguousarray(self.case_weights, dtype=np.float32), float(self.case_bias),
                    self.labels, BEAM, sys.version_info >= (3, 12), self._pattern_text(),
                    self.pattern_weight if self.transitions is not None else 0.0, PATTERN_LETTERS, SHAPE)
            except ValueError as e:  # a model the kernel cannot hold: numpy answers
                print(f"glossary: the vocalizer's compiled kernel not used ({e})", file=sys.stderr)
                self._use_kernel = False
        return self._kernel

    def scores(self, word: str) -> npt.NDArray[np.float32]:
        """Label scores of each letter (letters x labels), bias included."""
        keys = _keys(word)
        rows = list(map(dict.get, cycle(self.tables), keys, repeat(self.bias_row, len(keys))))  # zeros when unknown
        summed = self.weights[rows].reshape(len(word), len(FEATURES), -1).sum(axis=1, dtype=np.float32)
        result: npt.NDArray[np.float32] = summed * self.scale + self.bias
        return result

    def _mask(self, s: npt.NDArray[np.float32], words: list[str]) -> None:
        """Rule out (score -1e4) the labels a letter cannot carry: those that rewrite a letter,
        ``M`` (آ) on anything but ا and ``Y`` (ى) on anything but a final ي, and the proclitics'
        (`MASKED`: ``w`` on و ف ك ل س, ``b`` on ب ل). The lexicon has no other, but a letter the
        model seldom saw could get one (گ read as آ: Mūʼāādīshū; a ة read as a proclitic)."""
        masked = [(k, allowed, last) for label, allowed, last in MASKED if (k := self.labels.find(label)) >= 0]
        at = 0
        rows: list[int] = []
        columns: list[int] = []
        for word in words:
            end = len(word) - 1
            for i, c in enumerate(word):
                for k, allowed, last in masked:
                    if c not in allowed or (last and i != end):
                        rows.append(at + i)
                        columns.append(k)
            at += len(word)
        if rows:
            s[rows, columns] = -1e4

    def predict(self, word: str, fixed: str | None = None) -> tuple[str, float]:
        """The labels of a word (letters only) and the probability that the word is right
        (calibrated: see the module docstring). ``fixed``: labels known beforehand, one per
        letter, ``?`` where the model chooses (`predict_many`)."""
        if fixed is not None and word:
            return self.predict_many([word], [fixed])[0]
        marks, raw = self.raw(word)
        return (marks, self._calibrated(raw)) if word else (marks, raw)

    def predict_many(self, words: list[str], fixed: list[str | None] | None = None,
                     raw: bool = False) -> list[tuple[str, float]]:
        """`predict` for several words at once (one pass through numpy; the same answers).

        ``fixed`` (one entry per word, None for none): labels the caller already knows, one
        per letter, ``?`` where the model chooses, ``*`` where it chooses among the shadda labels
        (`glossary.translit.labels.ANY_SHADDA`). A known letter keeps its label, and the
        Viterbi search chooses the others around it (the transition scores see the known
        labels); the probability is then that of the letters the model chose. ``raw``: the
        probabilities uncalibrated."""
        kernel = self._native()
        if kernel is not None:
            got: list[tuple[str, float]] = kernel.predict_many(words, fixed or None)
            return got if raw else [(m, self._calibrated(p)) if w else (m, p) for (m, p), w in zip(got, words)]
        if not fixed and (len(words) < 2 or not all(words)):
            return [self.raw(w) if raw else self.predict(w) for w in words]
        if not all(words):
            out = [("", 1.0)] * len(words)
            chosen_ = [k for k, w in enumerate(words) if w]
            for k, answer in zip(chosen_, self.predict_many([words[k] for k in chosen_],
                                                            [fixed[k] for k in chosen_] if fixed else None, raw)):
                out[k] = answer
            return out
        keys: list[str] = []
        for word in words:
            keys += _keys(word)
        rows = list(map(dict.get, cycle(self.tables), keys, repeat(self.bias_row, len(keys))))
        s = self.weights[rows].reshape(len(keys) // len(FEATURES), len(FEATURES), -1).sum(axis=1, dtype=np.float32)
        s = s * self.scale + self.bias
        self._mask(s, words)
        lengths = [len(w) for w in words]
        if fixed:
            at_, label_, shadda_ = [], [], []
            at = 0
            for word, known in zip(words, fixed):
                if known:
                    for i, c in enumerate(known):
                        if c == labels.ANY_SHADDA:
                            shadda_.append(at + i)
                        elif c != "?":
                            at_.append(at + i)
                            label_.append(self.labels.index(c))
                at += len(word)
            if at_:
                s[at_] = -1e4  # only the known label is left, with probability 1
                s[at_, label_] = 0.0
            if shadda_:  # a shadda written alone: the labels without one go
                s[np.ix_(shadda_, [k for k, c in enumerate(self.labels) if c not in "AUI~"])] = -1e4
        best, letter_p = self._decode(s, lengths, words, fixed)
        starts = np.cumsum([0] + lengths[:-1])
        word_p = np.multiply.reduceat(letter_p, starts).tolist()
        chosen = "".join([self.labels[k] for k in best.tolist()])
        out = []
        at = 0
        for word, p in zip(words, word_p):
            out.append((chosen[at:at + len(word)], p if raw else self._calibrated(p)))
            at += len(word)
        return out

    def _decode(self, s: npt.NDArray[np.float32], lengths: list[int], words: list[str],
                fixed: list[str | None] | None = None) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float32]]:
        """The best labels of the letters of words (scores ``s``: letters x labels, the words
        one after the other) and each chosen label's softmax probability. With the file's
        ``transitions`` the labels of a word are chosen together (Viterbi: the sum of the
        letters' log-probabilities and of the transition scores of consecutive labels is
        the largest); without, each letter's best label. With the file's ``patterns`` a word
        then takes the best of the Viterbi path and its shapes' label sequences that keep its
        fixed labels (`Patterns`)."""
        s = s - s.max(axis=1, keepdims=True)
        logp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
        if self.transitions is None:
            best = logp.argmax(axis=1)
        else:
            best = self._viterbi(logp, lengths)
        patterns = self._patterns()
        if patterns is not None and self.transitions is not None:
            chosen: list[int] = best.tolist()
            index = {c: k for k, c in enumerate(self.labels)}
            at = 0
            for k, (word, n) in enumerate(zip(words, lengths)):
                path = "".join([self.labels[j] for j in chosen[at:at + n]])
                option = patterns.choose(word, path, logp[at:at + n], self.start, self.step, self.labels,
                                         fixed[k] if fixed else None)
                if option != path:
                    chosen[at:at + n] = [index[c] for c in option]
                at += n
            best = np.array(chosen, dtype=np.intp)
        if self.transitions is None:
            return best, np.exp(logp[np.arange(len(logp)), best])
        return best, self._conditional(logp, best, lengths)

    def _conditional(self, logp: npt.NDArray[np.float32], best: npt.NDArray[np.intp],
                     lengths: list[int]) -> npt.NDArray[np.float64]:
        """Each chosen label's probability given the labels chosen on either side of it: the
        softmax over the letter's labels of its log-probability plus the transition from the
        previous chosen label (the word's start for the first letter) and to the next one. Their
        product is the word's raw probability (a CRF's letter scores alone leave the transitions
        out, and say less: held out, `bench/translit_eval.py`'s confidence tables)."""
        assert self.transitions is not None
        table = self.transitions.astype(np.float64)  # rows: the previous label (last: the start)
        n_labels = table.shape[1]
        x = logp.astype(np.float64)
        firsts = np.cumsum([0] + lengths[:-1])
        previous = np.concatenate(([n_labels], best[:-1]))
        previous[firsts] = n_labels
        x += table[previous]
        inner = np.ones(len(best), dtype=bool)
        inner[np.cumsum(lengths) - 1] = False
        following = np.concatenate((best[1:], [0]))
        x[inner] += table[:n_labels, following[inner]].T
        x -= x.max(axis=1, keepdims=True)
        return np.exp(x[np.arange(len(x)), best] - np.log(np.exp(x).sum(axis=1)))

    def _pattern_text(self) -> str:
        """The file's ``patterns`` (read from the file on first use: a model file read from a
        path leaves them there, which keeps its load as quick as before them)."""
        if callable(self._pattern_source):
            self._pattern_source = self._pattern_source()
        return self._pattern_source

    def _patterns(self) -> Patterns | None:
        """The label sequences of the word shapes (read on first use), or None: the file has none."""
        if self._pattern_table is None and self._pattern_source:
            self._pattern_table = Patterns(self._pattern_text(), self.pattern_weight)
        return self._pattern_table

    def _viterbi(self, logp: npt.NDArray[np.float32], lengths: list[int]) -> npt.NDArray[np.intp]:
        """Viterbi over each word's labels. Only the labels within ``BEAM`` (log-probability)
        of the letter's best are candidates (1.3 a letter on average), which keeps the
        search in plain Python cheap; a label ``BEAM`` below the best would need the
        transitions of both its sides to gain more than that."""
        ok = logp >= logp.max(axis=1, keepdims=True) - BEAM
        letter_of, label_of = np.nonzero(ok)
        flat_labels: list[int] = label_of.tolist()
        flat_values: list[float] = logp[letter_of, label_of].tolist()
        counts_ = ok.sum(axis=1)
        counts: list[int] = counts_.tolist()
        flat_ends: list[int] = np.cumsum(counts_).tolist()  # where each letter's candidates end
        step, start = self.step, self.start
        out: list[int] = []
        at = letter = 0
        for n in lengths:
            if at + n == flat_ends[letter + n - 1]:  # one candidate a letter: nothing to search
                out += flat_labels[at:at + n]
                at += n
                letter += n
                continue
            c = counts[letter]
            labels_ = flat_labels[at:at + c]
            scores = [v + start[k] for k, v in zip(labels_, flat_values[at:at + c])]
            at += c
            letter += 1
            history = [labels_]
            backs: list[list[int]] = []
            for _ in range(1, n):
                c = counts[letter]
                here = flat_labels[at:at + c]
                if c == 1 and len(labels_) == 1:
                    scores = [scores[0] + step[here[0]][labels_[0]] + flat_values[at]]
                    at += 1
                    letter += 1
                    backs.append([0])
                    history.append(here)
                    labels_ = here
                    continue
                new_scores = []
                back = []
                for k, v in zip(here, flat_values[at:at + c]):
                    column = step[k]
                    totals = [score + column[p] for p, score in zip(labels_, scores)]
                    top = max(totals)
                    back.append(totals.index(top))
                    new_scores.append(top + v)
                at += c
                letter += 1
                backs.append(back)
                history.append(here)
                labels_, scores = here, new_scores
            j = scores.index(max(scores))
            path = [history[-1][j]]
            for back, previous in zip(reversed(backs), reversed(history[:-1])):
                j = back[j]
                path.append(previous[j])
            out += reversed(path)
        return np.array(out, dtype=np.intp)

    def _calibrated(self, raw: float) -> float:
        return _platt(raw, self.calibration)

    def confidence(self, raw: float, source: str = "model") -> float:
        """The calibrated probability of a raw one (`raw`, or `predict_many` with ``raw``):
        for ``source="stem"`` (some letters fixed by a known stem, the product over the
        others) the header's ``stem_calibration``, else its ``calibration``."""
        return _platt(raw, self.stem_calibration if source == "stem" else self.calibration)

    def raw(self, word: str) -> tuple[str, float]:
        """The labels and the uncalibrated probability: the product over the letters of the
        softmax probability of each chosen label."""
        if not word:
            return "", 1.0
        kernel = self._native()
        if kernel is not None:
            answer: tuple[str, float] = kernel.predict_many([word])[0]
            return answer
        s = self.scores(word)
        self._mask(s, [word])
        best, letter_p = self._decode(s, [len(word)], [word])
        return "".join([self.labels[k] for k in best.tolist()]), float(np.prod(letter_p))

    def capitalized(self, word: str) -> float:
        """The probability that a word is a proper name (capitalized in ALA-LC)."""
        kernel = self._native()
        if kernel is not None:
            p: float = kernel.capitalized(word)
            return p
        names = case_features(word)
        rows = map(self.case_index.get, names, repeat(-1, len(names)))
        total = self.case_bias + sum(map(self.case_list.__getitem__, rows))
        return 1.0 / (1.0 + math.exp(-total)) if total > -500 else 0.0

    @classmethod
    def read(cls, path: Path | str | io.BytesIO, compiled: bool | None = None, patterns: bool = True) -> Model:
        """Read a model file (``.npz`` of plain arrays; no pickle); ``compiled`` as for `Model`;
        ``patterns=False`` leaves the file's `Patterns` out (the Viterbi path alone)."""
        with np.load(path, allow_pickle=False) as npz:
            header = json.loads(bytes(npz["header"]).decode("utf-8"))
            keys = bytes(npz["vocabulary"]).decode("utf-8").split("\n")
            counts = npz["template_counts"].tolist()
            case_vocabulary = bytes(npz["case_vocabulary"]).decode("utf-8").split("\n")
            scale = npz["scale"].astype(np.float32)
            weights = npz["weights"]
            bias = npz["bias"].astype(np.float32)
            case_weights = npz["case_weights"].astype(np.float32)
            case_bias = float(npz["case_bias"][0])
            transitions = npz["transitions"].astype(np.float32) if "transitions" in npz.files else None
            sequences: str | Callable[[], str] = ""
            if patterns and "patterns" in npz.files:
                sequences = functools.partial(_read_patterns, path) if isinstance(path, (str, Path)) else \
                    bytes(npz["patterns"]).decode("utf-8")
            pattern_weight = float(npz["pattern_weight"][0]) if "pattern_weight" in npz.files else 0.0
        # (the rows are grouped by template, in the order of FEATURES)
        return cls(weights, scale, bias, keys, counts, case_weights, case_bias, case_vocabulary, header, transitions,
                   compiled=compiled, patterns=sequences, pattern_weight=pattern_weight if sequences else 0.0)


def _read_patterns(path: Path | str) -> str:
    with np.load(path, allow_pickle=False) as npz:
        return bytes(npz["patterns"]).decode("utf-8")


def _platt(raw: float, fit: tuple[float, float] | None) -> float:
    """A raw probability through a logistic fit of its logit (Platt scaling); itself without one."""
    if not fit:
        return raw
    p = min(max(raw, 1e-9), 1 - 1e-9)
    z = fit[0] * math.log(p / (1 - p)) + fit[1]
    return 1.0 / (1.0 + math.exp(-z))


def write(path: Path | str, arrays: dict[str, npt.NDArray[Any]]) -> None:
    """Write an ``.npz`` byte for byte reproducibly (fixed member dates, sorted names, stored)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, buffer.getvalue())


@functools.cache
def default() -> Model:
    """The shipped model, read once."""
    return Model.read(MODEL_PATH)
