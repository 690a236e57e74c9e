"""`glossary list` and `glossary show`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from glossary.cli import cli


def test_list_in_file_order(small: Path) -> None:
    r = CliRunner().invoke(cli, ["--glossary", str(small), "list", "--json"])
    ids = [e["id"] for e in json.loads(r.stdout)]
    assert r.exit_code == 0 and ids[:3] == ["jaysh-al-izza", "jaysh-al-islam", "free-syrian-army"]


def test_list_type_table(small: Path) -> None:
    r = CliRunner().invoke(cli, ["--glossary", str(small), "list", "--type", "media"])
    assert r.exit_code == 0 and "enab-baladi" in r.stdout and "عنب بلدي" in r.stdout and "homs" not in r.stdout


def test_show_json_keeps_extras(tmp_path: Path) -> None:
    f = tmp_path / "g.yaml"
    f.write_text("entities:\n  - id: a\n    type: place\n    romanized: Kafr Nabl\n    population_note: small\n")
    r = CliRunner().invoke(cli, ["--glossary", str(f), "show", "a", "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout)["population_note"] == "small"


def test_show_card(small: Path) -> None:
    r = CliRunner().invoke(cli, ["--glossary", str(small), "show", "idlib"])
    assert r.exit_code == 0 and "إدلب" in r.stdout and "Idlib Governorate" in r.stdout


def test_show_unknown_id_exits_1(small: Path) -> None:
    r = CliRunner().invoke(cli, ["--glossary", str(small), "show", "homz"])
    assert r.exit_code == 1


def test_glossary_path_env(small: Path) -> None:
    r = CliRunner().invoke(cli, ["list", "--json"], env={"GLOSSARY_PATH": str(small)})
    assert len(json.loads(r.stdout)) == 8
