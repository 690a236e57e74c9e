"""The learned vocalizer: short vowels, shadda, sukūn and capitalization for unseen words.

A linear classifier per letter (one score per label from named features of a window of
letters, see `FEATURES`), trained by ``tools/train_vocalizer.py`` on the
vocalized LoC lexicon (`glossary.translit.lexicon`), predicts one label per letter
(`glossary.translit.labels`); a second linear model gives the probability that the word
is a proper name (capitalized in ALA-LC). Nothing here imports more than numpy.

The model file (``data/vocalizer.npz``, plain arrays, ``allow_pickle=False``) carries a
JSON header: the training script, the data it was fitted on (path and sha256), the
feature list in order (a test checks it equals `FEATURES`), the labels, and the library
versions. It is read on first use (`default`), in about 10 ms.

Confidence. `Model.predict` returns, with the labels, the probability that the word is
right: the product over the letters of the softmax probability of the chosen label
(`Model.raw`), which is over-confident, mapped through a logistic fit (Platt scaling, the
header's ``calibration``) made on words held out of a first training run.
``bench/translit_eval.py`` checks it against held-out accuracy.

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
from itertools import cycle, repeat
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from glossary.translit import labels

__all__ = ["CASE_FEATURES", "FEATURES", "MODEL_PATH", "Model", "case_features", "default", "features", "write"]

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

CASE_FEATURES = (
    "L: the word's length (up to 9)",
    "P: the first 1-4 letters",
    "Q: the last 1-4 letters",
    "T: every three letters",
)
"""Word features of the capitalization model, in the order `case_features` builds them."""

_SHAPE = str.maketrans({"ا": "A", "آ": "A", "و": "W", "ي": "Y", "ة": "T", "ى": "Q", "أ": "H", "إ": "H",
                        "ؤ": "H", "ئ": "H", "ء": "H"})


def _shape(word: str) -> str:
    return "".join(c if c in "AWYTQH" else "C" for c in word.translate(_SHAPE))


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
    shape = "^^^^" + _shape(word) + "$$$$"
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


def case_features(word: str) -> list[str]:
    """The named features of the capitalization model.

    Example:
        >>> case_features("حلب")[:3]
        ['L3', 'P^ح', 'Qب$']
    """
    p = "^" + word + "$"
    out = [f"L{min(len(word), 9)}"]
    for k in (1, 2, 3, 4):
        out.append("P" + p[:k + 1])
        out.append("Q" + p[-k - 1:])
    out.extend("T" + p[k:k + 3] for k in range(len(p) - 2))
    return out


class Model:
    """A loaded vocalizer (use `default` for the shipped one).

    Args:
        weights: Int8 array (features x labels) of the letter model, and ``scale`` the
            float32 factor of each label's column.
        bias: Float32 array (labels,).
        tables: One table per template of `FEATURES` (in order): its key -> row of ``weights``.
        case_weights: Float32 array (case features,), and ``case_bias``.
        case_vocabulary: Case feature names.
        header: The file's JSON header.
    """

    def __init__(self, weights: npt.NDArray[np.int8], scale: npt.NDArray[np.float32], bias: npt.NDArray[np.float32],
                 tables: list[dict[str, int]],
                 case_weights: npt.NDArray[np.float32], case_bias: float, case_vocabulary: list[str],
                 header: dict[str, Any]) -> None:
        self.weights = np.vstack([weights, np.zeros((1, weights.shape[1]), dtype=weights.dtype)])
        self.scale = scale
        self.bias = bias
        self.bias_row = len(weights)
        self.tables = tables
        self.case_weights = case_weights
        self.case_list = [*case_weights.tolist(), 0.0]  # index -1: a feature the model lacks adds nothing
        self.case_bias = case_bias
        self.case_index = dict(zip(case_vocabulary, range(len(case_vocabulary))))
        self.header = header
        self.labels = str(header["labels"])
        fit = header.get("calibration")
        self.calibration = (float(fit["a"]), float(fit["b"])) if fit else None

    def scores(self, word: str) -> npt.NDArray[np.float32]:
        """Label scores of each letter (letters x labels), bias included."""
        keys = _keys(word)
        rows = list(map(dict.get, cycle(self.tables), keys, repeat(self.bias_row, len(keys))))  # zeros when unknown
        summed = self.weights[rows].reshape(len(word), len(FEATURES), -1).sum(axis=1, dtype=np.float32)
        result: npt.NDArray[np.float32] = summed * self.scale + self.bias
        return result

    def predict(self, word: str) -> tuple[str, float]:
        """The labels of a word (letters only) and the probability that the word is right
        (calibrated: see the module docstring)."""
        marks, raw = self.raw(word)
        return (marks, self._calibrated(raw)) if word else (marks, raw)

    def predict_many(self, words: list[str]) -> list[tuple[str, float]]:
        """`predict` for several words at once (one pass through numpy; the same answers)."""
        if len(words) < 2 or not all(words):
            return [self.predict(w) for w in words]
        keys: list[str] = []
        for word in words:
            keys += _keys(word)
        rows = list(map(dict.get, cycle(self.tables), keys, repeat(self.bias_row, len(keys))))
        s = self.weights[rows].reshape(len(keys) // len(FEATURES), len(FEATURES), -1).sum(axis=1, dtype=np.float32)
        s = s * self.scale + self.bias
        best = s.argmax(axis=1)
        top = s[np.arange(len(s)), best]
        letter_p = 1.0 / np.exp(s - top[:, None]).sum(axis=1)
        starts = np.cumsum([0] + [len(w) for w in words[:-1]])
        word_p = np.multiply.reduceat(letter_p, starts).tolist()
        chosen = "".join([self.labels[k] for k in best.tolist()])
        out = []
        at = 0
        for word, raw in zip(words, word_p):
            out.append((chosen[at:at + len(word)], self._calibrated(raw)))
            at += len(word)
        return out

    def _calibrated(self, raw: float) -> float:
        if not self.calibration:
            return raw
        p = min(max(raw, 1e-9), 1 - 1e-9)
        z = self.calibration[0] * math.log(p / (1 - p)) + self.calibration[1]
        return 1.0 / (1.0 + math.exp(-z))

    def raw(self, word: str) -> tuple[str, float]:
        """The labels and the uncalibrated probability: the product over the letters of the
        softmax probability of each chosen label."""
        if not word:
            return "", 1.0
        s = self.scores(word)
        best = s.argmax(axis=1)
        top = s[np.arange(len(word)), best]
        prob = float(np.prod(1.0 / np.exp(s - top[:, None]).sum(axis=1)))
        return "".join([self.labels[k] for k in best.tolist()]), prob

    def capitalized(self, word: str) -> float:
        """The probability that a word is a proper name (capitalized in ALA-LC)."""
        names = case_features(word)
        rows = map(self.case_index.get, names, repeat(-1, len(names)))
        total = self.case_bias + sum(map(self.case_list.__getitem__, rows))
        return 1.0 / (1.0 + math.exp(-total)) if total > -500 else 0.0

    @classmethod
    def read(cls, path: Path | str | io.BytesIO) -> Model:
        """Read a model file (``.npz`` of plain arrays; no pickle)."""
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
        tables = []
        start = 0
        for count in counts:  # the rows are grouped by template, in the order of FEATURES
            tables.append(dict(zip(keys[start:start + count], range(start, start + count))))
            start += count
        return cls(weights, scale, bias, tables, case_weights, case_bias, case_vocabulary, header)


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
