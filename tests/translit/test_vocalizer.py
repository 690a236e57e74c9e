"""The learned vocalizer: its file's pedigree, its features, and that it predicts."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import zipfile
from pathlib import Path

import numpy as np
import pytest

from glossary.translit import engine, labels, lexicon, vocalizer
from glossary.translit.render import render

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "translit" / "lexicon" / "alalc_words.tsv"


def test_header_names_its_features_script_data_and_versions() -> None:
    header = vocalizer.default().header
    assert header["features"] == list(vocalizer.FEATURES)
    assert header["case_features"] == list(vocalizer.CASE_FEATURES)
    assert header["labels"] == labels.LABELS
    assert header["script"] == "tools/train_vocalizer.py"
    assert header["data"]["path"] == "../shared/data/translit/lexicon/alalc_words.tsv"
    assert {"numpy", "scikit-learn", "scipy", "python"} <= set(header["versions"])
    if SHARED.exists():
        assert header["data"]["sha256"] == hashlib.sha256(SHARED.read_bytes()).hexdigest()


def test_feature_templates_match_the_list() -> None:
    """Each feature name starts with its template's letter, in the order of FEATURES."""
    names = vocalizer.features("جيش")[1]
    assert [n[0] for n in names] == [f[0] for f in vocalizer.FEATURES]
    case = vocalizer.case_features("جيش")
    assert [n[0] for n in case[:1]] + sorted({n[0] for n in case[1:]}) == ["L", "P", "Q", "T"]
    assert [f[0] for f in vocalizer.CASE_FEATURES] == ["L", "P", "Q", "T"]


def test_tables_give_the_rows_of_the_named_features() -> None:
    """The look-up path (one table per template, keys without the template's letter) finds
    the same rows as the features' full names, which training used."""
    model = vocalizer.default()
    by_name = {t + key: row for t, table in zip(vocalizer._TEMPLATES, model.tables) for key, row in table.items()}
    assert len(by_name) == len(model.weights) - 1
    for word in random.Random(3).sample(sorted(lexicon.default().words), 300):
        rows = [by_name.get(name, model.bias_row) for name in vocalizer._flat(word)]
        expected = model.weights[rows].reshape(len(word), len(vocalizer.FEATURES), -1).sum(axis=1, dtype=np.float32)
        assert np.allclose(model.scores(word), expected * model.scale + model.bias)
    assert [p for p, _ in model.predict_many(["حلب", "دمشق"])] == [model.predict("حلب")[0], model.predict("دمشق")[0]]


def test_the_load_leaves_the_numpy_models_tables_to_their_first_use() -> None:
    """The feature tables (72,208 keys in dicts), the case features' index and the weights with their
    row of zeros are made when the code that reads them first does, not at load: the compiled kernel
    needs only the index (the load stays under the issue's 30 ms)."""
    lazy = ("tables", "case_index", "case_list", "weights")
    for compiled in (None, False):
        model = vocalizer.Model.read(vocalizer.MODEL_PATH, compiled=compiled)
        assert not set(lazy) & set(vars(model))
        labels_, _ = model.predict("حلب")
        assert labels_ == vocalizer.default().predict("حلب")[0]
        made = set(lazy) & set(vars(model))  # (the kernel, made on first use, takes the case index)
        assert made == ({"case_index"} if model.implementation == "compiled" else {"tables", "weights"})
        model.capitalized("حلب")
        assert "case_index" in vars(model) and ("case_list" in vars(model)) == (model.implementation == "python")


def test_file_is_plain_arrays() -> None:
    with zipfile.ZipFile(vocalizer.MODEL_PATH) as zf:
        for name in zf.namelist():
            array = np.lib.format.read_array(io.BytesIO(zf.read(name)), allow_pickle=False)
            assert array.dtype != object, name
    with np.load(vocalizer.MODEL_PATH, allow_pickle=False) as npz:
        assert json.loads(bytes(npz["header"]).decode())["format"] == 1


def test_write_is_byte_for_byte_reproducible(tmp_path: Path) -> None:
    arrays = {"b": np.arange(5, dtype=np.int8), "a": np.frombuffer("حلب".encode(), dtype=np.uint8)}
    vocalizer.write(tmp_path / "one.npz", arrays)
    vocalizer.write(tmp_path / "two.npz", dict(reversed(arrays.items())))
    assert (tmp_path / "one.npz").read_bytes() == (tmp_path / "two.npz").read_bytes()


def test_predict_shape_and_confidence() -> None:
    model = vocalizer.default()
    marks, confidence = model.predict("طرطوس")
    assert len(marks) == 5 and set(marks) <= set(labels.LABELS) and 0.0 < confidence <= 1.0
    assert model.predict("") == ("", 1.0)
    assert 0.0 <= model.capitalized("محمد") <= 1.0


def test_fits_its_training_words() -> None:
    """On lexicon words (seen in training) the model mostly gives the lexicon's ALA-LC; a
    model file out of step with `features` would not."""
    lex = lexicon.default()
    model = vocalizer.default()
    mapper = engine.compiled("ala-lc")
    assert isinstance(mapper, engine.Transcriber)
    words = random.Random(5).sample(sorted(lex.words), 1000)
    right = sum(render(w, model.predict(w)[0], mapper)[0] == render(w, lex.words[w][:-1], mapper)[0] for w in words)
    assert right / len(words) > 0.75


def test_capitalization_model_separates_names() -> None:
    if not SHARED.exists():
        pytest.skip("shared lexicon data not available")
    with SHARED.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))[:3000]
    model = vocalizer.default()

    def capitalized(alalc: str) -> bool:
        return any(c.isupper() for c in alalc.split("-")[-1][:3])

    right = sum((model.capitalized(labels.key(r["arabic"])) >= 0.5) == capitalized(r["alalc"]) for r in rows)
    assert right / len(rows) > 0.75


def test_viterbi_search_equals_the_full_search() -> None:
    """The beam-pruned search in plain Python (`vocalizer.BEAM`) finds the labels a full
    Viterbi over every label finds (numpy, the obvious way); the shapes' label sequences
    (`vocalizer.Patterns`) left out, which may then choose another."""
    model = vocalizer.Model.read(vocalizer.MODEL_PATH, patterns=False)
    assert model.transitions is not None
    step, start = model.transitions[:-1], model.transitions[-1]
    words = random.Random(11).sample(sorted(lexicon.default().words), 300)
    for word in words:
        s = model.scores(word)
        logp = s - s.max(axis=1, keepdims=True)
        logp -= np.log(np.exp(logp).sum(axis=1, keepdims=True))
        score, back = logp[0] + start, []
        for i in range(1, len(word)):
            candidates = score[:, None] + step
            back.append(candidates.argmax(axis=0))
            score = candidates.max(axis=0) + logp[i]
        path = [int(score.argmax())]
        for b in reversed(back):
            path.append(int(b[path[-1]]))
        assert model.predict(word)[0] == "".join(model.labels[k] for k in reversed(path)), word
    assert [p for p, _ in model.predict_many(words)] == [model.predict(w)[0] for w in words]


def test_fixed_labels_are_kept_and_the_rest_chosen_around_them() -> None:
    """Labels known beforehand (a known stem's, `lexicon.Lexicon.partial_key`) stay; the
    other letters are chosen by the same search, and nothing fixed changes nothing."""
    model = vocalizer.default()
    words = random.Random(13).sample(sorted(lexicon.default().words), 200)
    assert model.predict_many(words, [None] * len(words)) == model.predict_many(words)
    assert model.predict_many(words, ["?" * len(w) for w in words]) == model.predict_many(words)
    for word in words[:50]:
        truth = lexicon.default().words[word][:-1]
        fixed = truth[:len(word) // 2] + "?" * (len(word) - len(word) // 2)
        marks, confidence = model.predict(word, fixed)
        assert marks[:len(word) // 2] == truth[:len(word) // 2] and 0.0 < confidence <= 1.0
    raw = model.predict_many(["مكتباتهم"], ["aoaa????"], raw=True)[0][1]
    assert model.confidence(raw, "stem") == pytest.approx(vocalizer._platt(raw, model.stem_calibration))
    assert model.header["stem_calibration"]["words"] > 500


def test_labels_that_rewrite_a_letter_stay_on_their_letter() -> None:
    """``M`` (ا read as آ) only on ا, ``Y`` (ي read as ى) only on a final ي, a proclitic's label
    only on a proclitic's letter (`vocalizer.MASKED`), whatever the letters: a letter the model
    seldom saw (گ) once took ``M`` and vanished (موگاديشو: Mūʼāādīshū), a ة took a proclitic's."""
    rng = random.Random(5)
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإؤئةىپچژگڤ"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 9))) for _ in range(3000)]
    words += ["موگاديشو", "گرگان", "پاکستان", "چابهار", "ةرهم", "ةديزم"]
    for model in (vocalizer.default(), vocalizer.Model.read(vocalizer.MODEL_PATH, compiled=False)):
        for word, (marks, _) in zip(words, model.predict_many(words)):
            for label, allowed, last in vocalizer.MASKED:
                assert all(m != label or (c in allowed and (not last or k == len(word) - 1))
                           for k, (c, m) in enumerate(zip(word, marks))), (word, marks, label)
        assert "گ" in labels.apply("موگاديشو", model.predict("موگاديشو")[0])


def test_a_shadda_fixed_without_its_vowel() -> None:
    """``*`` (`labels.ANY_SHADDA`) leaves the model the shadda labels alone at that letter,
    both in the Viterbi path and among the shapes' sequences."""
    model = vocalizer.default()
    words = random.Random(17).sample(sorted(lexicon.default().words), 300)
    for word in words:
        for at in range(len(word) - 1):
            fixed = "?" * at + "*" + "?" * (len(word) - at - 1)
            marks, confidence = model.predict(word, fixed)
            assert marks[at] in "AUI~" and 0.0 < confidence <= 1.0, (word, at, marks)
    assert vocalizer.Patterns("", 4.0).choose("كت", "aa", np.zeros((2, 3), dtype=np.float32), [0.0] * 3,
                                              [[0.0] * 3] * 3, ".aA", "*?") == "aa"  # no sequence: the path stays
    from glossary.translit.patterns import keeps

    assert [keeps("*", c) for c in "AUI~ao."] == [True] * 4 + [False] * 3
    assert keeps("?", "o") and keeps("a", "a") and not keeps("a", "A")


def test_the_shapes_label_sequences_choose_among_the_path_and_the_shapes() -> None:
    """`vocalizer.Patterns`: with no weight the Viterbi path stays; with weight, a sequence the
    word's shapes show often beats a path the letters favour a little, and a sequence no shape
    shows is never proposed."""
    labels_ = ".ai"
    start = [0.0, 0.0, 0.0]
    step = [[0.0] * 3 for _ in range(3)]
    logp = np.log(np.array([[0.1, 0.5, 0.4], [0.1, 0.5, 0.4]], dtype=np.float32))  # the letters favour "aa"
    word = "كت"
    text = "\n".join([f"c\t{vocalizer.coarse_shape(word)}\tii\t30", f"c\t{vocalizer.coarse_shape(word)}\t.a\t1",
                      f"f\t{vocalizer.fine_shape(word)}\tii\t12"])
    assert vocalizer.Patterns(text, 0.0).choose(word, "aa", logp, start, step, labels_) == "aa"
    assert vocalizer.Patterns(text, 4.0).choose(word, "aa", logp, start, step, labels_) == "ii"
    assert vocalizer.Patterns("", 4.0).choose(word, "aa", logp, start, step, labels_) == "aa"
    other = "مد"  # another shape: its table is empty
    assert vocalizer.coarse_shape(other) == vocalizer.coarse_shape(word)
    assert vocalizer.Patterns(text.split("\n")[2], 4.0).choose(other, "aa", logp, start, step, labels_) == "aa"


def test_the_shipped_patterns_move_words_only_to_sequences_their_shapes_show() -> None:
    plain = vocalizer.Model.read(vocalizer.MODEL_PATH, patterns=False)
    model = vocalizer.default()
    table = vocalizer.Patterns(model._pattern_text(), model.pattern_weight)
    words = random.Random(17).sample(sorted(lexicon.default().words), 1500)
    moved = 0
    for word, (got, _), (path, _) in zip(words, model.predict_many(words), plain.predict_many(words)):
        if got != path:
            moved += 1
            shapes = table.tables.get("c" + vocalizer.coarse_shape(word), ({}, 1))[0].keys() | \
                table.tables.get("f" + vocalizer.fine_shape(word), ({}, 1))[0].keys()
            assert got in shapes, word
    assert 0 < moved < len(words) // 3
    # labels fixed (a known stem's): kept, and the rest is the path around them or a sequence that keeps them
    known = [m[:len(m) // 2] + "?" * (len(m) - len(m) // 2) for m, _ in plain.predict_many(words)]
    for word, k, (got, _), (path, _) in zip(words, known, model.predict_many(words, known),
                                            plain.predict_many(words, known)):
        assert got.startswith(k.rstrip("?"))
        if got != path:
            assert got in table.tables.get("c" + vocalizer.coarse_shape(word), ({}, 1))[0].keys() | \
                table.tables.get("f" + vocalizer.fine_shape(word), ({}, 1))[0].keys(), word
