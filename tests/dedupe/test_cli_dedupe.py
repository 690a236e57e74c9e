"""The dedupe and apply commands through click's CliRunner: exit code, stdout and stderr together."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from glossary.cli import cli

CSV = "id,actor\n1,Jaish al Izza\n2,Liwa al-Haqq\n3,لواء الحق\n4,Liwaa al-Haq\n5,Kataib al-Faruq\n6,Hamah\n"


@pytest.fixture()
def run(glossary_file: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Invoke the CLI on the small glossary; returns (exit_code, stdout, stderr)."""
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(glossary_file.parent / "cache"))

    def invoke(*args: str, input: str | None = None) -> tuple[int, str, str]:
        r = CliRunner().invoke(cli, ["--glossary", str(glossary_file), *args], input=input, catch_exceptions=False)
        return r.exit_code, r.stdout, r.stderr

    return invoke


def test_dedupe_stdin_to_stdout_with_summary(run: Any) -> None:
    code, out, err = run("dedupe", "-", "--column", "actor", input=CSV)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "id,actor,actor_id,actor_canonical,actor_score,actor_cluster,actor_review"
    assert lines[1].startswith("1,Jaish al Izza,jaysh-al-izza,Jaysh al-Izza,")
    assert lines[6].startswith("6,Hamah,hama,Hama,")
    assert [ln.split(",")[5] for ln in lines[2:5]] == ["liwa-al-haqq"] * 3
    assert "distinct names" in err and "6 rows -> stdout" in err


def test_dedupe_file_json_summary_and_review(run: Any, tmp_path: Path, glossary_file: Path) -> None:
    src, out, review = tmp_path / "events.csv", tmp_path / "out.csv", tmp_path / "review.yaml"
    src.write_text(CSV + "7,too,many\n", encoding="utf-8")
    code, stdout, err = run("dedupe", str(src), "-c", "actor", "-o", str(out), "--review-file", str(review), "--json")
    assert code == 0
    summary = json.loads(stdout)
    assert summary["rows"] == 6 and summary["bad_rows"] == 1
    assert summary["columns"]["actor"]["clustered"] == {"distinct": 3, "rows": 3}
    assert err == f"{src}:8:1: bad row passed through: expected 2 fields, found 3\n"
    assert out.read_text(encoding="utf-8").endswith("\n7,too,many\n")
    review.write_text(review.read_text(encoding="utf-8").replace("accept: false", "accept: true"), encoding="utf-8")
    code, stdout, err = run("apply", str(review))
    assert (code, err) == (0, "")
    assert "2 entities and 1 variant added" in " ".join(stdout.split())
    code, stdout, err = run("apply", str(review))
    assert (code, err) == (0, "")
    assert " ".join(stdout.split()).startswith(f"{glossary_file}: nothing to change (3 accepted proposal(s) already")
    code, stdout, err = run("apply", str(review), "--json")
    assert json.loads(stdout)["written"] is False


def test_missing_column_is_an_error_naming_the_columns(run: Any, tmp_path: Path) -> None:
    src = tmp_path / "events.csv"
    src.write_text(CSV, encoding="utf-8")
    assert run("dedupe", str(src), "-c", "acteur") == (2, "", f"{src}:1:1: no column 'acteur' (columns: 'id', 'actor')\n")


def test_unknown_extension_and_parquet_to_stdout(run: Any, tmp_path: Path) -> None:
    src = tmp_path / "events.txt"
    src.write_text(CSV, encoding="utf-8")
    code, _out, err = run("dedupe", str(src), "-c", "actor")
    assert code == 2 and "unknown file extension '.txt'" in err
    code, _out, err = run("dedupe", str(src), "-c", "actor", "--format", "parquet")
    assert code == 2 and "Parquet cannot go to standard output" in err


def test_apply_needs_a_target(run: Any, tmp_path: Path) -> None:
    review = tmp_path / "r.yaml"
    review.write_text("variants: []\nentities: []\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["apply", str(review)], env={"GLOSSARY_PATH": ""})
    assert r.exit_code == 2 and "say which glossary file to change" in r.stderr


def test_dedupe_clusters_with_the_rules_on_request(run: Any) -> None:
    csv = "id,actor\n1,Mogadishu\n2,Muqdisho\n3,Mogadishu\n"
    clusters = {}
    for method in ("learned", "rules"):
        code, out, _err = run("dedupe", "-", "--column", "actor", "--cluster-method", method, input=csv)
        assert code == 0
        clusters[method] = [ln.split(",")[5] for ln in out.splitlines()[1:]]
    assert clusters["learned"] == ["mogadishu"] * 3
    assert clusters["rules"] == ["mogadishu", "muqdisho", "mogadishu"]
    code, _out, err = run("dedupe", "-", "--column", "actor", "--cluster-method", "magic", input=csv)
    assert code == 2 and "--cluster-method" in err
