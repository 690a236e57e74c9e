"""Every format keeps every row and column in order; bad rows pass through; columns are checked."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from glossary.errors import GlossaryError
from glossary.dedupe.formats import SUFFIXES, detect_format
from glossary.dedupe.scan import scan
from glossary.dedupe.write import write

ROWS = [
    ["1", "Jaish al-Izzah", "Hama", "shelling, \"heavy\""],
    ["2", "جيش العزة", "حماة", ""],
    ["3", "", "Kafr Nabl", "no actor"],
    ["4", "Liwa al-Haqq", "كفر نبل", "x"],
]
HEADER = ["event", "actor", "place", "notes"]
DECISIONS = {
    "actor": {"Jaish al-Izzah": ("jaysh-al-izza", "Jaysh al-Izza", 0.95, None, False),
              "جيش العزة": ("jaysh-al-izza", "Jaysh al-Izza", 1.0, None, False),
              "Liwa al-Haqq": (None, "Liwa al-Haqq", 1.0, "liwa-al-haqq", False)},
}
ADDED = [f"actor_{s}" for s in SUFFIXES]


def _csv(path: Path, rows: list[list[str]], delimiter: str = ",") -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=delimiter, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)


def _read_csv(path: Path, delimiter: str = ",") -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f, delimiter=delimiter))


def test_detect_format() -> None:
    assert [detect_format(p) for p in ("a.csv", "a.TSV", "a.jsonl", "a.ndjson", "a.parquet", "-")] == \
        ["csv", "tsv", "jsonl", "jsonl", "parquet", "csv"]
    assert detect_format("a.txt", "tsv") == "tsv"
    with pytest.raises(GlossaryError, match="unknown file extension '.txt'"):
        detect_format("a.txt")


@pytest.mark.parametrize("exact", [False, True], ids=["polars", "python"])
@pytest.mark.parametrize("fmt,delimiter", [("csv", ","), ("tsv", "\t")])
def test_csv_round_trip_keeps_rows_and_columns(tmp_path: Path, fmt: str, delimiter: str, exact: bool) -> None:
    src, out = tmp_path / f"in.{fmt}", tmp_path / f"out.{fmt}"
    rows = ROWS if fmt == "csv" else [[c.replace('"', "") for c in r] for r in ROWS]
    _csv(src, rows, delimiter)
    s = scan(str(src), fmt, ["actor"])  # type: ignore[arg-type]
    assert (s.rows, s.bad_rows, s.exact_only) == (4, 0, False)
    s.exact_only = exact
    write(s, str(out), fmt, DECISIONS)  # type: ignore[arg-type]
    got = _read_csv(out, delimiter)
    assert got[0] == HEADER + ADDED
    assert [r[:4] for r in got[1:]] == rows
    assert got[1][4:] == ["jaysh-al-izza", "Jaysh al-Izza", "0.950", "", "false"]
    assert got[3][4:] == ["", "", "", "", "false"]
    assert got[4][4:] == ["", "Liwa al-Haqq", "1.000", "liwa-al-haqq", "false"]


def test_both_csv_engines_write_the_same_bytes(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    _csv(src, ROWS)
    s = scan(str(src), "csv", ["actor"])
    write(s, str(tmp_path / "fast.csv"), "csv", DECISIONS)
    s.exact_only = True
    write(s, str(tmp_path / "exact.csv"), "csv", DECISIONS)
    assert (tmp_path / "fast.csv").read_bytes() == (tmp_path / "exact.csv").read_bytes()


def test_bad_rows_pass_through_untouched(tmp_path: Path) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    data = (b"event,actor,place,notes\r\n"
            b"1,Jaish al-Izzah,Hama,a\r\n"
            b"2,too,few\r\n"
            b"\r\n"
            b"3,one,too,many,fields\r\n") + b"4,\xff\xfe bad bytes,Hama,b\r\n" + \
        '5,"multi\r\nline",Hama,c\r\n6,جيش العزة,حماة,d\r\n'.encode()
    src.write_bytes(data)
    s = scan(str(src), "csv", ["actor"])
    assert s.rows == 3 and s.bad_rows == 3 and s.exact_only
    assert [(b.line, b.reason) for b in s.bad] == [
        (3, "bad row passed through: expected 4 fields, found 3"),
        (5, "bad row passed through: expected 4 fields, found 5"),
        (6, "bad row passed through: bytes that are not UTF-8")]
    assert str(s.problems()[0]) == f"{src}:3:1: bad row passed through: expected 4 fields, found 3"
    write(s, str(out), "csv", DECISIONS)
    lines = out.read_bytes().split(b"\r\n")
    assert lines[2] == b"2,too,few" and lines[3] == b"" and lines[4] == b"3,one,too,many,fields"
    assert lines[5] == b"4,\xff\xfe bad bytes,Hama,b"
    assert lines[1].startswith(b"1,Jaish al-Izzah,Hama,a,jaysh-al-izza,")
    assert lines[6] == b'5,"multi' and lines[7].startswith(b'line",Hama,c,,,,,false')
    assert lines[8].startswith("6,جيش العزة,حماة,d,jaysh-al-izza".encode())


def test_missing_column_names_the_columns_that_exist(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    _csv(src, ROWS)
    with pytest.raises(GlossaryError) as e:
        scan(str(src), "csv", ["actor", "acteur"])
    assert str(e.value) == f"{src}:1:1: no column 'acteur' (columns: 'event', 'actor', 'place', 'notes')"


def test_existing_output_column_is_an_error(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("actor,actor_id\nHama,1\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="column 'actor_id' already exists"):
        scan(str(src), "csv", ["actor"])


def test_jsonl_appends_members_and_keeps_each_line(tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    lines = [
        '{"event": 1, "actor": "Jaish al-Izzah", "n": 1.50}',
        '{"actor": "جيش العزة"}',
        "",
        "[1, 2]",
        '{"event": 3}',
        "{not json",
        "{}",
        '{"event": 4, "actor": "Liwa al-Haqq", "extra": {"a": [1]}}  ',
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    s = scan(str(src), "jsonl", ["actor"])
    assert (s.rows, s.bad_rows, [b.line for b in s.bad]) == (5, 2, [4, 6])
    write(s, str(out), "jsonl", DECISIONS)
    got = out.read_text(encoding="utf-8").split("\n")
    assert got[0].startswith('{"event": 1, "actor": "Jaish al-Izzah", "n": 1.50, "actor_id": "jaysh-al-izza"')
    assert json.loads(got[1])["actor_canonical"] == "Jaysh al-Izza"
    assert got[2:4] == ["", "[1, 2]"] and got[5] == "{not json"
    assert json.loads(got[4]) == {"event": 3, "actor_id": None, "actor_canonical": None, "actor_score": None,
                                  "actor_cluster": None, "actor_review": False}
    assert list(json.loads(got[6])) == ADDED
    assert json.loads(got[7])["actor_cluster"] == "liwa-al-haqq" and got[7].endswith("}  ")


def test_parquet_round_trip_keeps_types_and_order(tmp_path: Path) -> None:
    pl = pytest.importorskip("polars")
    src, out = tmp_path / "in.parquet", tmp_path / "out.parquet"
    df = pl.DataFrame({"event": [1, 2, 3, 4], "actor": [r[1] or None for r in ROWS], "w": [0.5, 1.5, None, 2.0]})
    df.write_parquet(src)
    s = scan(str(src), "parquet", ["actor"])
    assert s.rows == 4 and s.counts["actor"]["Jaish al-Izzah"] == 1
    write(s, str(out), "parquet", DECISIONS)
    got = pl.read_parquet(out)
    assert got.columns == ["event", "actor", "w", *ADDED]
    assert got.select(["event", "actor", "w"]).equals(df)
    assert got["actor_id"].to_list() == ["jaysh-al-izza", "jaysh-al-izza", None, None]
    assert got["actor_score"].to_list() == [0.95, 1.0, None, 1.0]
    assert got["actor_review"].to_list() == [False] * 4


def test_csv_to_parquet(tmp_path: Path) -> None:
    pl = pytest.importorskip("polars")
    src = tmp_path / "in.csv"
    _csv(src, ROWS)
    s = scan(str(src), "csv", ["actor"])
    write(s, str(tmp_path / "out.parquet"), "parquet", DECISIONS)
    got = pl.read_parquet(tmp_path / "out.parquet")
    assert got["event"].to_list() == ["1", "2", "3", "4"] and got.columns[4:] == ADDED


def test_bad_rows_cannot_change_format(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("actor,n\nHama,1\nx\n", encoding="utf-8")
    s = scan(str(src), "csv", ["actor"])
    with pytest.raises(GlossaryError, match="1 bad row"):
        write(s, str(tmp_path / "o.parquet"), "parquet", {"actor": {}})
    assert not list(tmp_path.glob("o.parquet*"))


def test_csv_with_bom_and_crlf(tmp_path: Path) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_bytes("\ufeffactor,n\r\nHama,1\r\n".encode())
    s = scan(str(src), "csv", ["actor"])
    assert s.header == ["actor", "n"] and s.bom
    write(s, str(out), "csv", {"actor": {"Hama": ("hama", "Hama", 1.0, None, False)}})
    assert out.read_bytes() == "\ufeffactor,n,actor_id,actor_canonical,actor_score,actor_cluster,actor_review\r\n" \
        "Hama,1,hama,Hama,1.000,,false\r\n".encode()


@pytest.mark.parametrize("fmt,delimiter", [("csv", ","), ("tsv", "\t")])
def test_clean_files_are_counted_alike_by_both_engines(tmp_path: Path, fmt: str, delimiter: str) -> None:
    from glossary.dedupe.scan import _scan_exact

    src = tmp_path / f"in.{fmt}"
    rows = [[str(i), ["Hama", "حماة", "", " Hama ", "Kafr Nabl"][i % 5], "x"] for i in range(50)]
    with open(src, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=delimiter, lineterminator="\r\n").writerows([["id", "actor", "n"], *rows])
    fast, exact = scan(str(src), fmt, ["actor"]), _scan_exact(str(src), fmt, ["actor"])  # type: ignore[arg-type]
    assert fast.rows == exact.rows == 50 and fast.newline == exact.newline == "\r\n"
    assert fast.counts["actor"] == {k: v for k, v in exact.counts["actor"].items() if k}


def _plain_rows_reference(path: Path, fmt: str, n: int) -> int | None:
    """`_plain_rows` a line at a time: the rule it implements."""
    sep = b"\t" if fmt == "tsv" else b","
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not data.endswith(b"\n"):
        return None
    lines = data.split(b"\n")[:-1]
    for line in lines:
        if (fmt == "csv" and b'"' in line) or line.count(sep) != n - 1 or not line.strip(b"\r\n"):
            return None
    return len(lines) - 1


@pytest.mark.parametrize("block", [3, 7, 1 << 23])
@pytest.mark.parametrize(("fmt", "body"), [
    ("csv", b"a,b\n1,x\n2,y\n"), ("csv", b"a,b\r\n1,x\r\n2,\xd8\xad\r\n"), ("csv", b"a,b\n1,x\n2,y"),
    ("csv", b"a,b\n1,x\n\n2,y\n"), ("csv", b"a,b\n1,x\n\r\n"), ("csv", b"a,b\n1,\"x\"\n"), ("tsv", b"a\tb\n1\t\"x\"\n"),
    ("csv", b"a,b\n1,x,z\n"), ("csv", b"a,b\n1\n"), ("csv", b"a,b\n1,\xd8\n"), ("csv", b"a,b\n1,x\xd8\xad\n"),
    ("tsv", b"a\tb\n1\tx,y\n"), ("csv", b"a,b\n,\n\r,\r\n"),
])
def test_plain_rows_checks_every_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int, fmt: str,
                                      body: bytes) -> None:
    from glossary.dedupe import scan as pass_one

    monkeypatch.setattr(pass_one, "_BLOCK", block)
    p = tmp_path / f"x.{fmt}"
    p.write_bytes(body)
    assert pass_one._plain_rows(str(p), fmt, 2) == _plain_rows_reference(p, fmt, 2)


@pytest.mark.parametrize("body", [b"a\n1\n2\n", b"a\n1\n\n2\n", b"a\n1\n\r\n", b"a\r\n1\r\n\r2\r\n"])
def test_plain_rows_of_one_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: bytes) -> None:
    from glossary.dedupe import scan as pass_one

    monkeypatch.setattr(pass_one, "_BLOCK", 4)
    p = tmp_path / "x.csv"
    p.write_bytes(body)
    assert pass_one._plain_rows(str(p), "csv", 1) == _plain_rows_reference(p, "csv", 1)
