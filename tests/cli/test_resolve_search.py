"""`glossary resolve` (names, stdin JSON Lines) and `glossary search`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from glossary.cli import cli


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
