"""The vocalizer's compiled kernel (`glossary.translit._vocal`) answers as the numpy model does.

The numpy code of `glossary.translit.vocalizer.Model` is the specification: the kernel must give
the same labels for every word (with and without labels fixed beforehand), the same raw
probabilities to float32 rounding (the softmax's exponentials are computed by numpy on one side,
by the C library on the other), and the same capitalization probability.
"""

from __future__ import annotations

import random

import pytest

from glossary.translit import lexicon, vocalizer

_vocal = pytest.importorskip("glossary.translit._vocal")

# words the lexicon never holds: one letter, letters the model never saw (Persian, Latin, digits),
# a long run, the article, a hamza seat, marks that a caller should have stripped
ODD = ["ب", "لا", "پژوهش", "abc", "ك1ب", "ال" * 15, "مسؤول", "ءءء", "ىى", "ة", "كَتَب", "\u200cب", "گ", "ڤيينا"]


@pytest.fixture(scope="module")
def models() -> tuple[vocalizer.Model, vocalizer.Model]:
    if vocalizer.implementation()[0] != "compiled":
        pytest.skip(f"the kernel is not used: {vocalizer.implementation()[1]}")
    return (vocalizer.Model.read(vocalizer.MODEL_PATH, compiled=False),
            vocalizer.Model.read(vocalizer.MODEL_PATH, compiled=True))


@pytest.fixture(scope="module")
def words() -> list[str]:
    return random.Random(5).sample(sorted(lexicon.default().words), 3000) + ODD


def _same(a: list[tuple[str, float]], b: list[tuple[str, float]], calibrated: bool = False) -> None:
    """The same labels; raw probabilities equal to float32 rounding (a product over the letters:
    1e-5 relative). A calibrated probability maps the raw one's logit, which near 1 magnifies that
    rounding (1 - p is then a few float32 steps, and one step moves the calibrated value by up to
    0.015: over the whole lexicon, half the words differ by less than 1e-7, 1 in 1,000 by more
    than 0.014): it is compared to 0.02."""
    assert [m for m, _ in a] == [m for m, _ in b]
    for (_, p), (_, q) in zip(a, b):
        assert q == (pytest.approx(p, abs=0.02) if calibrated else pytest.approx(p, rel=1e-5, abs=1e-30))


def test_the_kernel_is_used(models: tuple[vocalizer.Model, vocalizer.Model]) -> None:
    py, cc = models
    assert (py.implementation, cc.implementation) == ("python", "compiled")


def test_batches_give_the_same_labels_and_probabilities(models: tuple[vocalizer.Model, vocalizer.Model],
                                                        words: list[str]) -> None:
    py, cc = models
    for k in range(0, len(words), 10):
        batch = words[k:k + 10]
        _same(py.predict_many(batch, raw=True), cc.predict_many(batch, raw=True))
        _same(py.predict_many(batch), cc.predict_many(batch), calibrated=True)


def test_one_word_at_a_time(models: tuple[vocalizer.Model, vocalizer.Model], words: list[str]) -> None:
    py, cc = models
    for w in words[::5] + ["", *ODD]:
        _same([py.predict(w)], [cc.predict(w)], calibrated=True)
        _same([py.raw(w)], [cc.raw(w)])


def test_empty_words_in_a_batch(models: tuple[vocalizer.Model, vocalizer.Model]) -> None:
    py, cc = models
    batch = ["", "مكتبة", "", "حلب"]
    _same(py.predict_many(batch), cc.predict_many(batch), calibrated=True)
    assert cc.predict_many(batch)[0] == ("", 1.0)


def test_fixed_labels(models: tuple[vocalizer.Model, vocalizer.Model], words: list[str]) -> None:
    py, cc = models
    rng = random.Random(9)
    for w in words[:600] + ODD:
        labels = py.predict(w)[0]
        known = "".join(c if rng.random() < 0.4 else "?" for c in labels)
        other = rng.choice(py.labels) * len(w)  # every letter fixed, even to an unlikely label
        shadda = "".join("*" if rng.random() < 0.3 else "?" for _ in w)  # a shadda, its vowel the model's
        batch, fixed = [w, w[::-1], w, w], [known, None, other, shadda]
        _same(py.predict_many(batch, fixed, raw=True), cc.predict_many(batch, fixed, raw=True))


def test_capitalization(models: tuple[vocalizer.Model, vocalizer.Model], words: list[str]) -> None:
    py, cc = models
    for w in words:
        assert cc.capitalized(w) == pytest.approx(py.capitalized(w), rel=1e-12, abs=1e-300)


def test_pure_python_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(vocalizer.PURE_ENV, "1")
    assert vocalizer.Model.read(vocalizer.MODEL_PATH).implementation == "python"
    monkeypatch.setenv(vocalizer.PURE_ENV, "0")
    assert vocalizer.Model.read(vocalizer.MODEL_PATH).implementation == "compiled"
