"""The generated tables module is what the YAML tables say; pyarabic's marks are all covered."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyarabic import araby

import glossary
from glossary import _gentables
from glossary.normalize import arabic


def test_regenerating_changes_nothing() -> None:
    generated = Path(glossary.__file__).with_name("_tables.py").read_text(encoding="utf-8")
    assert _gentables.render() == generated, "run: python -m glossary._gentables"


def test_folded_generic_tables_are_current() -> None:
    # the folds of the generic-word tables are generated too (a lookup need not fold them): a
    # change to a table or to a fold must be followed by regenerating
    generated = Path(glossary.__file__).with_name("_folded.py").read_text(encoding="utf-8")
    assert _gentables.render_folded() == generated, "run: python -m glossary._gentables"


def test_weights_use_the_generated_folds() -> None:
    from glossary import weights

    assert weights._tables() == weights.folded_tables()


@pytest.mark.parametrize("mark", [*araby.TASHKEEL, *araby.SMALL, araby.TATWEEL])
def test_every_pyarabic_mark_is_dropped(mark: str) -> None:
    assert arabic("ب" + mark + "ت") == "بت"
