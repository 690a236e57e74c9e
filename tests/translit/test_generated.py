"""The generated scheme module matches the YAML tables, and is what the engine uses."""

from __future__ import annotations

from glossary.translit import _genschemes, engine, tables
from glossary.translit._schema import parse_scheme


def test_regenerating_changes_nothing() -> None:
    assert _genschemes.OUTPUT.read_text(encoding="utf-8") == _genschemes.render(), (
        "scheme tables changed: run python -m glossary.translit._genschemes"
    )


def test_engine_uses_the_generated_schemes_when_fresh() -> None:
    assert set(tables._generated()) == set(engine.scheme_names())


def test_generated_equals_parsed_yaml() -> None:
    from importlib import resources

    folder = resources.files("glossary.translit") / "schemes"
    for name in engine.scheme_names():
        parsed = parse_scheme((folder / f"{name}.yaml").read_text(encoding="utf-8"), f"schemes/{name}.yaml")
        assert tables._generated()[name] == parsed
