"""`glossary translit` and `glossary schemes`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from glossary.cli import cli


def invoke(small: Path, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--glossary", str(small), *args], input=input)


def test_all_schemes_vocalized(small: Path) -> None:
    r = invoke(small, "translit", "--all", "جَيْش العِزَّة")
    assert r.exit_code == 0
    for expected in ("Jaysh al-ʻIzzah", "Ǧayš al-ʿIzza", "Jaysh al ‘Izzah", "jayo$ AlEiza~p", "Jaysh al-Izza"):
        assert expected in r.stdout
    assert "approximate" not in r.stdout


def test_known_name_is_exact_through_the_glossary(small: Path) -> None:
    r = invoke(small, "translit", "--json", "--scheme", "simple", "جيش العزة")
    data = json.loads(r.stdout)
    assert {k: data[k] for k in ("input", "text", "exact", "scheme", "source", "confidence")} == {
        "input": "جيش العزة", "text": "Jaysh al-Izza", "exact": True, "scheme": "simple", "source": "glossary",
        "confidence": 1.0}
    assert [(w["arabic"], w["text"], w["source"]) for w in data["words"]] == [
        ("جيش", "Jaysh", "glossary"), ("العزة", "al-Izza", "glossary")]


def test_only_prints_one_copy_ready_romanization(small: Path) -> None:
    r = invoke(small, "translit", "--only", "din31635", "جيش العزة")
    assert r.exit_code == 0 and r.stdout == "Ǧayš al-ʿIzza\n"
    r = invoke(small, "translit", "--field", "ala-lc", "--json", "مدينة جديدة")  # plain, marks nothing
    assert r.exit_code == 0 and r.stdout == "Madīnat jadīdah\n"
    r = invoke(small, "translit", "--only", "bgn-pcgn", "-", input="حَمَاة\nإِدْلِب\n")
    assert r.stdout.splitlines() == ["Ḩamāh", "Idlib"]
    r = invoke(small, "translit", "--only", "nope", "حمص")
    assert r.exit_code == 2 and "--only" in r.stderr


def test_unknown_unvocalized_is_marked_approximate(small: Path) -> None:
    r = invoke(small, "translit", "مدينة جديدة")
    assert r.exit_code == 0 and "approximate" in r.stdout
    data = json.loads(invoke(small, "translit", "--json", "مدينة جديدة").stdout)
    assert data["exact"] is False


def test_stdin_json_lines(small: Path) -> None:
    r = invoke(small, "translit", "--scheme", "bgn-pcgn", "-", input="حَمَاة\nإِدْلِب\n")
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["exact"] for x in rows] == [True, True] and rows[0]["input"] == "حَمَاة" and rows[0]["text"] == "Ḩamāh"


def test_unknown_scheme_is_usage_error(small: Path) -> None:
    r = invoke(small, "translit", "--scheme", "nope", "حمص")
    assert r.exit_code == 2 and "unknown scheme" in r.stderr


def test_schemes_lists_every_scheme(small: Path) -> None:
    r = invoke(small, "schemes", "--json")
    names = [s["name"] for s in json.loads(r.stdout)]
    assert r.exit_code == 0 and {"ala-lc", "din31635", "iso233", "bgn-pcgn", "buckwalter", "safe-buckwalter", "simple"} <= set(names)
