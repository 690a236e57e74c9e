"""The generated tables module is what the YAML tables say; pyarabic's marks are all covered."""

from __future__ import annotations

from typing import Any

import pytest
from pyarabic import araby

from glossary.names import _gentables, arabic, generic, tables


def test_regenerating_changes_nothing() -> None:
    generated = _gentables.OUTPUT.read_text(encoding="utf-8")
    assert _gentables.render() == generated, "run: python -m glossary.names._gentables"


def test_folded_generic_tables_are_current() -> None:
    # the folds of the generic-word tables are generated too (a lookup need not fold them): a
    # change to a table or to a fold must be followed by regenerating
    generated = _gentables.FOLDED_OUTPUT.read_text(encoding="utf-8")
    assert _gentables.render_folded() == generated, "run: python -m glossary.names._gentables"


def test_weights_use_the_generated_folds() -> None:
    assert generic._tables() == generic.folded_tables()


def test_an_edited_table_is_read_from_its_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    # a generated module made from other tables is never used: the YAML answers until it is regenerated
    yaml: dict[str, Any] = {"read": "from the YAML"}
    monkeypatch.setattr(tables, "sources_hash", lambda: "edited")
    monkeypatch.setattr(tables, "read_yaml", lambda: yaml)
    assert tables._load() is yaml
    monkeypatch.setattr(generic, "sources_hash", lambda: "edited")
    monkeypatch.setattr(generic, "folded_tables", lambda: yaml)
    assert generic._tables.__wrapped__() is yaml


@pytest.mark.parametrize("mark", [*araby.TASHKEEL, *araby.SMALL, araby.TATWEEL])
def test_every_pyarabic_mark_is_dropped(mark: str) -> None:
    assert arabic("ب" + mark + "ت") == "بت"
