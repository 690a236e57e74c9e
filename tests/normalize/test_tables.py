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


@pytest.mark.parametrize("mark", [*araby.TASHKEEL, *araby.SMALL, araby.TATWEEL])
def test_every_pyarabic_mark_is_dropped(mark: str) -> None:
    assert arabic("ب" + mark + "ت") == "بت"
