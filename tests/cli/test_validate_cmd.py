"""`glossary validate`: clean files exit 0, broken ones list file:line:col and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from glossary.cli import cli

INVALID = Path(__file__).parents[1] / "data" / "invalid"


def test_valid_file(small: Path) -> None:
    r = CliRunner().invoke(cli, ["validate", str(small)])
    assert (r.exit_code, r.stdout, r.stderr) == (0, "ok: 8 entities in 1 file\n", "")


def test_shipped_glossary_is_clean() -> None:
    r = CliRunner().invoke(cli, ["validate"])
    assert r.exit_code == 0 and r.stdout.startswith("ok: ")


def test_every_problem_listed_exit_2() -> None:
    path = INVALID / "dangling-ref.yaml"
    r = CliRunner().invoke(cli, ["validate", str(path)])
    assert r.exit_code == 2
    assert r.stdout.splitlines() == [
        f"{path}:5:15: 'part_of' names unknown id 'free-syrian-army'",
        f"{path}:6:18: 'located_in' names unknown id 'hama'",
    ]
    assert r.stderr == "2 problems in 1 file\n"


def test_several_files_and_json(small: Path) -> None:
    r = CliRunner().invoke(cli, ["validate", "--json", str(small), str(INVALID / "unknown-type.yaml")])
    data = json.loads(r.stdout)
    assert r.exit_code == 2 and data["entities"] == 8
    assert data["problems"][0]["line"] == 3 and data["problems"][0]["column"] == 11


def test_unreadable_file_exits_2(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["validate", str(tmp_path / "missing.yaml")])
    assert r.exit_code == 2 and "cannot read file" in r.stderr and "Traceback" not in r.output
