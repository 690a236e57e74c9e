"""`glossary resolve` (names, stdin JSON Lines) and `glossary search`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from glossary.cli import cli
from glossary.match.model import matcher


def invoke(small: Path, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--glossary", str(small), *args], input=input)


def test_resolve_stdin_writes_json_lines(small: Path) -> None:
    r = invoke(small, "resolve", "-", input="Jaish al-Izzah\nجيش الإسلام\nNothing Like It\n")
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert r.exit_code == 0 and len(rows) == 3
    assert [row["match"]["id"] if row["match"] else None for row in rows] == ["jaysh-al-izza", "jaysh-al-islam", None]
    assert rows[0]["query"] == "Jaish al-Izzah" and {"score", "name", "level"} <= set(rows[0]["match"])


def test_resolve_names_table_and_exit(small: Path) -> None:
    r = invoke(small, "resolve", "Homs", "Army of Islam")
    assert r.exit_code == 0 and "homs" in r.stdout and "jaysh-al-islam" in r.stdout
    assert invoke(small, "resolve", "Homs", "Qwxyz").exit_code == 1


def test_resolve_type_and_explain(small: Path) -> None:
    r = invoke(small, "resolve", "--json", "--explain", "--type", "group", "Jaish al-Izzah")
    data = json.loads(r.stdout)
    assert data["match"]["id"] == "jaysh-al-izza" and "explain" in data


def test_resolve_explain_in_the_terminal(small: Path, tmp_path: Path) -> None:
    """Without --json, --explain adds each query's keys and each candidate's evidence: the features
    that moved its score most, or the acronym table's cell for a name found through its initials."""
    r = invoke(small, "resolve", "--explain", "Jaish al-Izzah")
    assert r.exit_code == 0
    assert "Jaish al-Izzah: keys exact jaish al izzah" in r.stdout and f"threshold {matcher().threshold:g}" in r.stdout
    row = next(line for line in r.stdout.splitlines() if line.startswith("jaysh-al-izza"))
    assert "+" in row or "-" in row.split("exact", 1)[1]  # signed contributions
    g = tmp_path / "g.yaml"
    g.write_text("schema: 1\nentities:\n  - id: sohr\n    type: group\n"
                 "    romanized: Syrian Observatory for Human Rights\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["--glossary", str(g), "resolve", "--explain", "SOHR"])
    assert r.exit_code == 0 and "acronym table (unique)" in " ".join(r.stdout.split())
    r = CliRunner().invoke(cli, ["--glossary", str(g), "resolve", "--explain", "--json", "SOHR"])
    (cand,) = json.loads(r.stdout)["explain"]["candidates"]
    assert cand["acronym"] == "unique" and "contributions" not in cand


def test_resolve_shows_the_reading_that_answered(tmp_path: Path) -> None:
    """A query read another way (a rank before a person's name) shows the reading in the table,
    in --explain's key line and in JSON."""
    g = tmp_path / "g.yaml"
    g.write_text("schema: 1\nentities:\n  - id: mustafa-al-bakour\n    type: person\n"
                 "    romanized: Mustafa al-Bakour\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["--glossary", str(g), "resolve", "--explain", "Colonel Mustafa al-Bakour"])
    text = " ".join(r.stdout.split())
    assert r.exit_code == 0 and "Colonel Mustafa al-Bakour → Mustafa al-Bakour: keys" in text
    r = CliRunner().invoke(cli, ["--glossary", str(g), "resolve", "--json", "Colonel Mustafa al-Bakour"])
    data = json.loads(r.stdout)
    assert (data["query"], data["reading"], data["match"]["id"]) == (
        "Colonel Mustafa al-Bakour", "Mustafa al-Bakour", "mustafa-al-bakour")


def test_resolve_stdin_undecodable_bytes(small: Path) -> None:
    r = CliRunner().invoke(cli, ["--glossary", str(small), "resolve", "-"], input=b"Homs\n\xff\xfe\n")
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 2


def test_dash_mixed_with_names_is_usage_error(small: Path) -> None:
    assert invoke(small, "resolve", "-", "Homs").exit_code == 2


def test_search_latin_and_arabic(small: Path) -> None:
    r = invoke(small, "search", "Jaysh", "--json")
    ids = [h["id"] for h in json.loads(r.stdout)]
    assert r.exit_code == 0 and {"jaysh-al-izza", "jaysh-al-islam"} <= set(ids)
    r = invoke(small, "search", "حمص")
    assert r.exit_code == 0 and "homs" in r.stdout


def test_search_nothing_exits_1(small: Path) -> None:
    assert invoke(small, "search", "zzzzqqq").exit_code == 1
