"""Exports of the shipped glossary, each checked against its format's rules; TBX by its schemas."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import glossary
from glossary.exchange import FORMATS, export

TBX = Path(__file__).parents[2] / ".." / "shared" / "data" / "tbx"
NS = "{urn:iso:std:iso:30042:ed-2}"
SCHEMES = ["ala-lc", "din31635", "buckwalter"]


@pytest.fixture(scope="module")
def shipped() -> glossary.Glossary:
    return glossary.load()


@pytest.fixture(scope="module")
def tbx3(shipped: glossary.Glossary) -> bytes:
    out = export(shipped, "tbx", schemes=SCHEMES)
    assert isinstance(out, str)
    return out.encode("utf-8")


@pytest.fixture(scope="module")
def dca() -> object:
    pytest.importorskip("saxonche")
    from schematron import Schematron  # tests/exchange/schematron.py

    return Schematron(TBX / "DCA" / "TBX-Basic_DCA.sch")


def _rng() -> object:
    from lxml import etree

    return etree.RelaxNG(etree.parse(str(TBX / "TBXcoreStructV03.rng")))


def test_tbx_is_valid_against_the_tbx_core_relax_ng(tbx3: bytes) -> None:
    from lxml import etree

    rng = _rng()
    assert rng.validate(etree.fromstring(tbx3)), rng.error_log  # type: ignore[attr-defined]


def test_tbx_passes_the_tbx_basic_dialect_rules(tbx3: bytes, dca: object) -> None:
    assert dca.failures(tbx3) == []  # type: ignore[attr-defined]


def test_the_dialect_rules_pass_their_own_example_and_catch_broken_ones(dca: object) -> None:
    valid = (TBX / "DCA" / "Example_Astronomy_DCA_VALID.tbx").read_bytes()
    assert dca.failures(valid) == []  # type: ignore[attr-defined]
    broken = {
        b'<termNote type="partOfSpeech">noun</termNote>': (b'<termNote type="partOfSpeech">nounish</termNote>',
                                                            "module.min.termNote"),
        b'<descrip type="subjectField">General</descrip>': (b'<descrip type="subjectArea">General</descrip>',
                                                             "dialectEnforcement"),
        b'style="dca"': (b'style="dct"', "dialectEnforcement"),
        b'<langSec xml:lang="en">': (b'<langSec xml:lang="en"><termNote type="partOfSpeech">noun</termNote>',
                                     "coreEnforcement"),
        b'<descrip type="definition">A group': (b'<descrip type="subjectField">Astronomy</descrip>'
                                                b'<descrip type="definition">A group', "module.min.descrip"),
    }
    for good, (bad, pattern) in broken.items():
        assert good in valid
        failures = dca.failures(valid.replace(good, bad, 1))  # type: ignore[attr-defined]
        assert [f[0] for f in failures] == [pattern], failures
    # a romanization as termType transliteratedForm is TBX (v2) usage that TBX-Basic refuses
    ours = export(glossary.load(), "tbx", types=["media"]).encode()
    bad = ours.replace(b'<termNote type="termType">variant</termNote>',
                       b'<termNote type="termType">transliteratedForm</termNote>', 1)
    assert [f[0] for f in dca.failures(bad)] == ["module.basic.termNote"]  # type: ignore[attr-defined]


def test_tbx_content(tbx3: bytes, shipped: glossary.Glossary) -> None:
    from lxml import etree

    root = etree.fromstring(tbx3)
    concepts = root.findall(f".//{NS}conceptEntry")
    assert len(concepts) == len(shipped.entities)
    jaz = next(c for c in concepts if c.get("id") == "jaysh-al-izza")
    langs = [s.get("{http://www.w3.org/XML/1998/namespace}lang") for s in jaz.findall(f"{NS}langSec")]
    assert langs == ["ar", "ar-Latn", "en", "ar-Latn-t-ar-m0-alaloc", "ar-Latn-t-ar-m0-din", "ar-Latn-t-ar-m0-buckwalt"]
    ar = jaz.find(f"{NS}langSec")
    first = ar.find(f"{NS}termSec")  # type: ignore[union-attr]
    assert first.findtext(f"{NS}term") == "جيش العزة"  # type: ignore[union-attr]
    assert [n.text for n in first.findall(f"{NS}note")] == ["[vocalized] جَيْش العِزَّة"]  # type: ignore[union-attr]
    alaloc = jaz.findall(f"{NS}langSec")[3]
    assert [t.text for t in alaloc.iter(f"{NS}term")] == ["Jaysh al-ʻIzzah"]
    assert jaz.find(f"{NS}descrip").text == "group"  # type: ignore[union-attr]
    # ids beginning with a digit get '_' (an XML ID is an NCName)
    assert any(c.get("id") == "_2016-hama-offensive" for c in concepts)


def test_no_inexact_romanization_is_a_term(shipped: glossary.Glossary, tbx3: bytes) -> None:
    from lxml import etree

    from glossary.exchange.common import SCHEME_TAGS, romanizations

    root = etree.fromstring(tbx3)
    concepts = {c.get("id").lstrip("_"): c for c in root.iter(f"{NS}conceptEntry")}
    inexact = 0
    for e in shipped.entities:
        tags = [s.get("{http://www.w3.org/XML/1998/namespace}lang") for s in concepts[e.id].findall(f"{NS}langSec")]
        for r in romanizations(shipped, e, SCHEMES):
            assert (SCHEME_TAGS[r.scheme] in tags) == r.exact, (e.id, r)
            inexact += not r.exact
    assert inexact > 10  # the shipped glossary has unvocalized names: the test can fail


def test_tbx2_is_martif_with_tbx_basic_data_categories(shipped: glossary.Glossary) -> None:
    from lxml import etree

    text = export(shipped, "tbx2", schemes=SCHEMES)
    assert isinstance(text, str) and '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">' in text
    root = etree.fromstring(text.encode())
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    assert root.find("martifHeader/encodingDesc/p").text == "TBXBasicXCSV02.xcs"  # type: ignore[union-attr]
    allowed = {"descrip": {"subjectField", "definition", "context"}, "admin": {"source"},
               "termNote": {"administrativeStatus", "termType"}, "ref": {"crossReference"},
               "xref": {"externalCrossReference"}}
    for el in root.iter():
        assert el.tag not in ("tbx", "conceptEntry", "langSec", "termSec")
        if el.tag in allowed:
            assert el.get("type") in allowed[el.tag], (el.tag, el.get("type"))
    for entry in root.iter("termEntry"):
        assert entry.findall("langSet") and all(ls.findall("tig/term") for ls in entry.findall("langSet"))


def test_omegat_is_three_tab_separated_columns_without_bom(shipped: glossary.Glossary) -> None:
    text = export(shipped, "omegat")
    assert isinstance(text, str) and not text.startswith("\ufeff")
    lines = text.splitlines()
    assert all(len(line.split("\t")) == 3 for line in lines)
    assert "جيش العزة\tArmy of Glory\tjaysh-al-izza (group); romanized: Jaysh al-Izza; ala-lc: Jaysh al-ʻIzzah" in lines


@pytest.mark.parametrize(("fmt", "header"), [
    ("memoq", ["Entry_ID", "Entry_Subject", "Entry_Note", "Arabic", "Arabic_Def", "English", "English_Def"]),
    ("crowdin", ["Term [ar]", "Description [ar]", "Term [en]", "Description [en]", "Concept Subject", "Concept Note"]),
])
def test_cat_csvs_have_their_headers_and_a_bom(shipped: glossary.Glossary, fmt: str, header: list[str]) -> None:
    text = export(shipped, fmt)
    assert isinstance(text, str) and text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert rows[0] == header and len(rows) == 1 + len(shipped.entities)
    assert all(len(r) == len(header) for r in rows)


def test_memoq_synonyms_share_a_cell(shipped: glossary.Glossary) -> None:
    rows = list(csv.DictReader(io.StringIO(str(export(shipped, "memoq"))[1:], newline="")))
    fsa = next(r for r in rows if r["Entry_ID"] == "free-syrian-army")
    assert fsa["Arabic"] == "الجيش السوري الحر;الجيش الحر" and fsa["English"] == "Free Syrian Army;al-Jaysh al-Suri al-Hurr;FSA"


def _formula_glossary(tmp_path: Path) -> glossary.Glossary:
    f = tmp_path / "g.yaml"
    f.write_text('entities:\n  - id: a\n    type: other\n    romanized: "=HYPERLINK(\\"http://x\\")"\n'
                 '    english: "-1+1"\n    notes: "@SUM(A1)"\n    variants: ["+cmd", "\'=quoted"]\n', encoding="utf-8")
    return glossary.load(f, cache_dir=tmp_path / "cache")


@pytest.mark.parametrize("fmt", ["csv", "memoq", "crowdin", "omegat", "aliases"])
def test_spreadsheet_formulas_are_neutralized(tmp_path: Path, fmt: str) -> None:
    text = str(export(_formula_glossary(tmp_path), fmt)).removeprefix("\ufeff")
    cells = [c for row in csv.reader(io.StringIO(text, newline=""), delimiter="\t" if fmt == "omegat" else ",")
             for c in row]
    assert all(not c.startswith(("=", "+", "-", "@")) for c in cells), cells
    assert any(c.startswith("'=HYPERLINK") or c.startswith("'-1+1") for c in cells)


def test_neutralized_cells_come_back_on_import(tmp_path: Path) -> None:
    from glossary.exchange import read_file

    g = _formula_glossary(tmp_path)
    out = tmp_path / "x.csv"
    out.write_text(str(export(g, "csv")), encoding="utf-8")
    (_, d), = read_file(str(out))
    assert d["romanized"] == '=HYPERLINK("http://x")' and d["english"] == "-1+1" and d["notes"] == "@SUM(A1)"
    assert d["variants"] == ["+cmd", "'=quoted"]


def test_entity_csv_and_jsonl_mark_inexact_romanizations(shipped: glossary.Glossary) -> None:
    rows = list(csv.DictReader(io.StringIO(str(export(shipped, "csv")), newline="")))
    abdeen = next(r for r in rows if r["id"] == "kafr-zita")
    assert abdeen["ala-lc exact"] == "false" and abdeen["ala-lc"]
    jaz = next(r for r in rows if r["id"] == "jaysh-al-izza")
    assert (jaz["ala-lc"], jaz["ala-lc exact"]) == ("Jaysh al-ʻIzzah", "true")
    assert json.loads(jaz["part_of"])[0] == "free-syrian-army"
    lines = [json.loads(x) for x in str(export(shipped, "jsonl")).splitlines()]
    assert lines[0]["romanizations"]["ala-lc"] == {"text": "Jaysh al-ʻIzzah", "exact": True}
    assert {k: v for k, v in lines[0].items() if k != "romanizations"} == shipped.entities[0].to_dict()


def test_alias_table_parquet_and_csv_agree(shipped: glossary.Glossary, tmp_path: Path) -> None:
    import polars as pl

    data = export(shipped, "aliases-parquet", schemes=SCHEMES)
    assert isinstance(data, bytes)
    frame = pl.read_parquet(io.BytesIO(data))
    assert frame.columns == ["entity_id", "type", "name", "script", "kind", "scheme"]
    from_csv = pl.read_csv(io.StringIO(str(export(shipped, "aliases", schemes=SCHEMES))), infer_schema=False)
    assert frame.fill_null("").equals(from_csv.fill_null(""))
    jaz = frame.filter(pl.col("entity_id") == "jaysh-al-izza")
    assert ("Ǧayš al-ʿIzza", "romanization", "din31635") in jaz.select("name", "kind", "scheme").rows()
    assert frame.filter(pl.col("kind") == "romanization").height > 0
    assert frame.select(pl.struct(pl.all()).is_duplicated().any()).item() is False


def test_type_filter_drops_relations_outside_the_export(shipped: glossary.Glossary) -> None:
    from lxml import etree

    text = str(export(shipped, "tbx", types=["media"]))
    root = etree.fromstring(text.encode())
    ids = {c.get("id") for c in root.iter(f"{NS}conceptEntry")}
    assert ids and all(shipped.get(i.lstrip("_")).type == "media" for i in ids)  # type: ignore[union-attr]
    assert all(r.get("target") in ids for r in root.iter(f"{NS}ref"))
    assert _rng().validate(root)  # type: ignore[attr-defined]


def test_every_format_is_listed() -> None:
    assert sorted(FORMATS) == sorted(["tbx", "tbx2", "omegat", "memoq", "crowdin", "csv", "jsonl", "aliases",
                                      "aliases-parquet"])
