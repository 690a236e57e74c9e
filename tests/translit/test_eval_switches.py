"""The "before" rows of ``bench/translit_eval.py`` run the lexicon with one of its readings switched
off: each switch must switch off what it names (a switch that no longer reaches its code gives a
"before" row equal to the pipeline's, and a table that claims a change gained nothing)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from glossary.translit.lexicon import Lexicon, default

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("translit_eval", ROOT / "bench" / "translit_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("translit_eval", module)
    spec.loader.exec_module(module)
    return module


def test_each_switch_turns_off_its_reading(bench: ModuleType) -> None:
    lex = default()
    assert bench.like(lex).partial_key("سلسل") == lex.partial_key("سلسل") is not None  # from سلسلة
    assert bench.like(lex, bench.NoSiblings).partial_key("سلسل") is None
    assert lex.variant("مدرسه") is not None and lex.variant("مدرسى") is not None  # مدرسة, مدرسي
    assert bench.like(lex, bench.NoVariants).variant("مدرسه") is None
    assert bench.like(lex, bench.NoJoined).joined("عبدالرحمن") is None is not lex.joined("عبدالرحمن")
    assert bench.like(lex, bench.NoGenitive).governed("ل", "", "جامعها", "a.iua.") == "a.iua."
    assert lex.governed("ل", "", "جامعها", "a.iua.") != "a.iua."
    assert bench.like(lex, bench.NoOrder).ordered("ب", "وعباس", "waA..") is True
    assert lex.ordered("ب", "وعباس", "waA..") is False


def test_like_changes_only_what_it_is_given(bench: ModuleType) -> None:
    lex = default()
    same = bench.like(lex)
    assert (same.words, same.stems, same.header, same.case_weights, same.stem_weights) == (
        lex.words, lex.stems, lex.header, lex.case_weights, lex.stem_weights)
    assert lex.stem_weights and bench.like(lex, stem_weights={}).stem_weights == {}
    assert lex.case_weights and bench.like(lex, case_weights={}).case_weights == {}
    assert bench.like(lex, header={**lex.header, "suffixes": []}).partial_key("سلسل") is None
    assert isinstance(bench.like(lex, bench.NoSiblings), Lexicon)
