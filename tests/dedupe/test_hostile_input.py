"""The files researchers meet: Windows-1256 and UTF-16 exports, BOMs, a 1 MB cell, numbers in a
name column, a column given twice, a FIFO. Output is always UTF-8; nothing is silently half done."""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from glossary.cli import cli
from glossary.dedupe.formats import MAX_NAME_LENGTH

ROWS = [["1", "جيش العزة"], ["2", "Jaish al-Izzah"], ["3", "حماة"], ["4", "لواء الحق"], ["5", "كفر نبل"]]


@pytest.fixture()
def run(glossary_file: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(glossary_file.parent / "cache"))

    def invoke(*args: str, input: bytes | str | None = None) -> tuple[int, str, str]:
        r = CliRunner().invoke(cli, ["--glossary", str(glossary_file), *args], input=input)
        return r.exit_code, r.stdout, r.stderr

    return invoke


def _csv(rows: list[list[str]], header: tuple[str, str] = ("id", "actor")) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([list(header), *rows])
    return out.getvalue()


def _ids(text: str) -> list[str]:
    return [r["actor_id"] for r in csv.DictReader(io.StringIO(text))]


def test_windows_1256_needs_its_encoding_and_says_so(run: Any, tmp_path: Path) -> None:
    src = tmp_path / "events.csv"
    src.write_bytes(_csv(ROWS * 40).encode("cp1256"))
    code, out, err = run("dedupe", str(src), "-c", "actor")
    assert (code, out) == (2, "")
    assert err == (f"{src}:1:1: most rows (160 of 200) are not valid utf-8: the file is in another encoding; "
                   "try --encoding cp1256 (e.g. cp1256 for Arabic from Windows, utf-16 for Excel's Unicode text)\n")
    code, out, err = run("dedupe", str(src), "-c", "actor", "--encoding", "cp1256")
    assert code == 0 and "bad row" not in err
    assert "جيش العزة" in out  # read as cp1256, written as UTF-8
    assert _ids(out)[:3] == ["jaysh-al-izza", "jaysh-al-izza", "hama"]


@pytest.mark.parametrize("codec,bom", [("utf-16", True), ("utf-16-le", False), ("utf-16-be", False),
                                       ("utf-32", True), ("utf-8-sig", True)])
def test_utf16_and_boms_are_read_and_written_as_utf8(run: Any, tmp_path: Path, codec: str, bom: bool) -> None:
    src = tmp_path / "events.csv"
    src.write_bytes(_csv(ROWS).replace("\n", "\r\n").encode(codec))
    args = ["dedupe", str(src), "-c", "actor"] + ([] if bom else ["--encoding", codec])
    code, out, err = run(*args)
    assert code == 0, err
    body = out.encode("utf-8")
    assert body.startswith(codecs.BOM_UTF8) == bom  # Excel finds the BOM it gave
    assert _ids(out.removeprefix("\ufeff")) == ["jaysh-al-izza", "jaysh-al-izza", "hama", "", "kafr-nabl"]


def test_jsonl_in_another_encoding(run: Any, tmp_path: Path) -> None:
    src = tmp_path / "events.jsonl"
    src.write_bytes("".join(json.dumps({"actor": a}, ensure_ascii=False) + "\n" for _, a in ROWS).encode("cp1256"))
    code, out, err = run("dedupe", str(src), "-c", "actor", "--encoding", "cp1256")
    assert code == 0, err
    assert [json.loads(x)["actor_id"] for x in out.splitlines()][:3] == ["jaysh-al-izza", "jaysh-al-izza", "hama"]


def test_a_few_bad_rows_still_pass_through(run: Any, tmp_path: Path) -> None:
    src = tmp_path / "events.csv"
    src.write_bytes(_csv(ROWS).encode() + b"6,caf\xe9\n")  # one row in six: not the wrong encoding
    code, out, err = run("dedupe", str(src), "-c", "actor")
    assert code == 0 and err.startswith(f"{src}:7:1: bad row passed through: bytes that are not UTF-8\n")


def test_unknown_encoding(run: Any, tmp_path: Path) -> None:
    src = tmp_path / "events.csv"
    src.write_text(_csv(ROWS), encoding="utf-8")
    code, _, err = run("dedupe", str(src), "-c", "actor", "--encoding", "klingon")
    assert code == 2 and "unknown encoding 'klingon'" in err


def test_resolve_reads_stdin_in_its_encoding(run: Any) -> None:
    names = "جيش العزة\nحماة\n"
    for data, args in ((names.encode("cp1256"), ["--encoding", "cp1256"]), (names.encode("utf-16"), []),
                       (codecs.BOM_UTF8 + names.encode(), [])):
        code, out, err = run("resolve", "-", *args, input=data)
        assert code == 0, err
        assert [json.loads(x)["match"]["id"] for x in out.splitlines()] == ["jaysh-al-izza", "hama"]
    code, out, err = run("resolve", "-", input=names.encode("cp1256"))
    assert (code, out) == (2, "") and "try --encoding cp1256" in err


def test_a_huge_cell_passes_through_unresolved_with_its_line(run: Any, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import glossary.dedupe.column

    asked: list[str] = []
    real = glossary.dedupe.column.decide

    def decide(glossary: Any, counts: Any, **kw: Any) -> Any:
        asked.extend(counts)
        return real(glossary, counts, **kw)

    monkeypatch.setattr(glossary.dedupe.column, "decide", decide)
    huge = " ".join(["Jaysh al-Izza"] * 80_000)  # about 1 MB
    src = tmp_path / "events.csv"
    src.write_text(_csv([["1", "Jaish al-Izzah"], ["2", huge], ["3", "حماة"]]), encoding="utf-8")
    code, out, err = run("dedupe", str(src), "-c", "actor")
    assert code == 0
    assert err.splitlines()[0] == (f"{src}:3:1: cell in column 'actor' is {len(huge):,} characters long (more than "
                                   f"{MAX_NAME_LENGTH:,}): no name, left unresolved")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[1]["actor"] == huge and [rows[1][f"actor_{s}"] for s in ("id", "canonical", "cluster")] == ["", "", ""]
    assert [r["actor_id"] for r in rows] == ["jaysh-al-izza", "", "hama"]
    assert all(len(a) <= MAX_NAME_LENGTH for a in asked) and "Jaish al-Izzah" in asked
    jsonl = tmp_path / "events.jsonl"
    jsonl.write_text(json.dumps({"actor": huge}) + "\n" + json.dumps({"actor": "حماة"}) + "\n", encoding="utf-8")
    code, out, err = run("dedupe", str(jsonl), "-c", "actor")
    assert code == 0 and err.startswith(f"{jsonl}:1:1: cell in column 'actor' is ")


def test_numbers_are_no_names(run: Any, tmp_path: Path) -> None:
    src = tmp_path / "events.jsonl"
    src.write_text('{"actor": 5}\n{"actor": "Idlib"}\n{"actor": true}\n{"actor": "-"}\n', encoding="utf-8")
    code, out, err = run("dedupe", str(src), "-c", "actor", "--json", "-o", str(tmp_path / "out.jsonl"))
    assert code == 0
    rows = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["actor_cluster"], r["actor_score"], r["actor_canonical"]) for r in rows if r["actor"] != "Idlib"] == \
        [(None, None, None)] * 3
    assert json.loads(out)["warnings"][0]["message"] == \
        "column 'actor': 3 cell(s) hold no letter (a number, a dash): no name, left unresolved"


def test_a_column_given_twice_counts_once(run: Any, tmp_path: Path) -> None:
    src = tmp_path / "events.csv"
    src.write_text(_csv(ROWS), encoding="utf-8")
    code, out, err = run("dedupe", str(src), "-c", "actor", "-c", "actor", "--json", "-o", str(tmp_path / "o.csv"))
    assert code == 0 and list(json.loads(out)["columns"]) == ["actor"]
    header = (tmp_path / "o.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "id,actor,actor_id,actor_canonical,actor_score,actor_cluster,actor_review"


def test_type_is_checked(run: Any, tmp_path: Path) -> None:
    src = tmp_path / "events.csv"
    src.write_text(_csv(ROWS), encoding="utf-8")
    code, _, err = run("dedupe", str(src), "-c", "actor", "--type", "foo")
    assert code == 2 and "Invalid value for '--type': 'foo' is not one of 'group', 'place'" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_read_once_as_standard_input_is(run: Any, tmp_path: Path) -> None:
    fifo = tmp_path / "events.csv"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "w", encoding="utf-8") as f:
            f.write(_csv(ROWS))

    t = threading.Thread(target=feed, daemon=True)
    t.start()
    code, out, err = run("dedupe", str(fifo), "-c", "actor")
    t.join(timeout=10)
    assert code == 0, err
    assert _ids(out) == ["jaysh-al-izza", "jaysh-al-izza", "hama", "", "kafr-nabl"]
