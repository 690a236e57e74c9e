"""glossary.dedupe.spark on PySpark in local mode gives every row what the command line gives it."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("PySpark needs Java", allow_module_level=True)

from glossary.dedupe import dedupe_file

NAMES = ["Jaish al-Izzah", "جيش العزة", "Jaysh al-Izza", "Jaish al Izza", "Hamah", "Hama", "حماه", "Kafranbel",
         "Kafr Nabl", "كفرنبل", "Liwa al-Haqq", "Liwaa al-Haq", "لواء الحق", "Liwa el-Hak", "Jaysh al-Islam",
         "Jaish al-Islam", "جيش الإسلام", "Abu Hasan al-Shami", "Abu Husayn al-Shami", "أبو حسين الشامي",
         "Kataib al-Faruq", "Katibat al-Faruq", " Hamah ", "", "Saraya Ansar al-Tawhid"]


@pytest.fixture(scope="module")
def spark() -> Any:
    from pyspark.sql import SparkSession

    s = (SparkSession.builder.master("local[2]").appName("glossary-tests")
         .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate())
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


def test_spark_gives_the_same_answers_as_the_cli(spark: Any, small: Any, glossary_file: Path,
                                                 tmp_path: Path) -> None:
    from glossary.dedupe.spark import resolve_column

    rows = [(i, NAMES[(i * 7) % len(NAMES)]) for i in range(200)]
    src, out = tmp_path / "events.csv", tmp_path / "out.csv"
    with open(src, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows([("row", "actor"), *rows])
    dedupe_file(small, str(src), ["actor"], out=str(out))
    with open(out, newline="", encoding="utf-8") as f:
        cli = {int(r["row"]): (r["actor_id"], r["actor_canonical"], r["actor_score"], r["actor_cluster"],
                                r["actor_review"]) for r in csv.DictReader(f)}
    df = spark.createDataFrame(rows, "row long, actor string")
    got = resolve_column(df, "actor", glossary=small).collect()
    assert len(got) == len(rows)

    def cells(r: Any) -> tuple[str, ...]:
        score = "" if r["actor_score"] is None else f"{r['actor_score']:.3f}"
        return (r["actor_id"] or "", r["actor_canonical"] or "", score, r["actor_cluster"] or "",
                "true" if r["actor_review"] else "false")

    assert {r["row"]: cells(r) for r in got} == cli
    assert cli[0][0] == "jaysh-al-izza" and any(c[3] == "liwa-al-haqq" for c in cli.values())


def test_missing_column(spark: Any, small: Any) -> None:
    from glossary.errors import GlossaryError
    from glossary.dedupe.spark import resolve_column

    df = spark.createDataFrame([(1, "Hama")], "row long, actor string")
    with pytest.raises(GlossaryError, match="no column 'acteur' \\(columns: 'row', 'actor'\\)"):
        resolve_column(df, "acteur", glossary=small)


def test_several_columns_are_decided_together_as_the_cli_does(spark: Any, small: Any, tmp_path: Path) -> None:
    from glossary.dedupe.spark import resolve_column

    rows = [(i, NAMES[(i * 7) % len(NAMES)], NAMES[(i * 11 + 3) % len(NAMES)]) for i in range(120)]
    src, out = tmp_path / "events.csv", tmp_path / "out.csv"
    with open(src, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows([("row", "actor", "target"), *rows])
    dedupe_file(small, str(src), ["actor", "target"], out=str(out))
    with open(out, newline="", encoding="utf-8") as f:
        cli = {int(r["row"]): (r["actor_id"], r["actor_cluster"], r["target_id"], r["target_cluster"])
               for r in csv.DictReader(f)}
    df = spark.createDataFrame(rows, "row long, actor string, target string")
    got = resolve_column(df, ["actor", "target"], glossary=small).collect()
    assert len(got) == len(rows)
    assert {r["row"]: (r["actor_id"] or "", r["actor_cluster"] or "", r["target_id"] or "", r["target_cluster"] or "")
            for r in got} == cli
    by_name: dict[str, set[str]] = {}
    for r in got:  # one spelling, one cluster id, whichever column it stands in
        for c in ("actor", "target"):
            if r[f"{c}_cluster"]:
                by_name.setdefault(r[c], set()).add(r[f"{c}_cluster"])
    assert by_name and all(len(ids) == 1 for ids in by_name.values())
