"""`glossary import`: a merge preview as a review file; round trips; hostile input."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import glossary
from glossary.cli import cli
from glossary.dedupe import apply_review
from glossary.errors import GlossaryError
from glossary.exchange import export, read_file
from glossary.exchange.merge import preview, render

ROUND_TRIP = ["tbx", "tbx2", "csv", "jsonl", "aliases", "aliases-parquet"]


@pytest.fixture(scope="module")
def shipped() -> glossary.Glossary:
    return glossary.load()


@pytest.mark.parametrize("fmt", ROUND_TRIP)
def test_export_import_into_an_empty_glossary_export_is_the_same_file(
        shipped: glossary.Glossary, tmp_path: Path, fmt: str) -> None:
    schemes = ["ala-lc", "buckwalter"]
    first = export(shipped, fmt, schemes=schemes)
    f = tmp_path / f"export.{fmt}"
    f.write_bytes(first if isinstance(first, bytes) else first.encode("utf-8"))
    empty = tmp_path / "empty.yaml"
    empty.write_text("entities: []\n", encoding="utf-8")
    p = preview(glossary.load(empty, cache_dir=tmp_path / "c1"), read_file(str(f)), source=str(f))
    assert len(p.entities) == len(shipped.entities) and p.conflicts == [] and p.variants == []
    review = tmp_path / "review.yaml"
    review.write_text(render(p), encoding="utf-8")
    assert apply_review(str(review), str(empty)).written
    again = export(glossary.load(empty, cache_dir=tmp_path / "c2"), fmt, schemes=schemes)
    assert again == first


SMALL_IMPORT = """\
{"id": "jaysh-al-izza", "type": "group", "romanized": "Jaysh al-Izza", "variants": ["Jeish al-Ezza", "Army of Islam"]}
{"id": "liwa-shuhada-al-ghab", "type": "group", "romanized": "Liwa Shuhada al-Ghab", "arabic": "لواء شهداء الغاب"}
{"id": "free-syrian-army", "type": "place", "romanized": "Kafr Nabl"}
{"id": "ghab-martyrs", "type": "group", "romanized": "Katibat Shuhada Sahl al-Ghab", "variants": ["Liwa Shuhada al-Ghab"]}
"""


def test_preview_lists_new_entities_new_variants_and_conflicts(small: Path, tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text(SMALL_IMPORT, encoding="utf-8")
    g = glossary.load(small, cache_dir=tmp_path / "c")
    p = preview(g, read_file(str(f)), source="in.jsonl")
    assert p.variants[0] == {"entity": "jaysh-al-izza", "label": "Jaysh al-Izza", "spellings": ["Jeish al-Ezza"]}
    assert [e["id"] for e in p.entities] == ["liwa-shuhada-al-ghab", "free-syrian-army-2", "ghab-martyrs"]
    kinds = [(c["kind"], c.get("name") or c.get("id")) for c in p.conflicts]
    assert ("name", "Army of Islam") in kinds  # a name of jaysh-al-islam, offered for jaysh-al-izza
    assert ("id", "free-syrian-army") in kinds  # the file's free-syrian-army is a place named Kafr Nabl
    assert ("name", "Liwa Shuhada al-Ghab") in kinds  # claimed by two of the file's entities
    assert next(e for e in p.entities if e["id"] == "free-syrian-army-2")["accept"] is False
    text = render(p, name="review.yaml")
    assert "glossary --glossary YOUR.yaml apply review.yaml" in text and "Army of Islam" not in text.split("conflicts:")[0]


def test_cli_import_writes_a_review_and_changes_no_glossary(small: Path, tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    g.write_bytes(small.read_bytes())
    f = tmp_path / "in.jsonl"
    f.write_text(SMALL_IMPORT, encoding="utf-8")
    r = CliRunner().invoke(cli, ["--glossary", str(g), "import", str(f), "-o", str(tmp_path / "review.yaml")])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith(f"{f}: 3 new entities, 1 new variant(s) of 1 known entity, 3 conflict(s)")
    assert f"{f}:1:1: conflict: 'Army of Islam' is claimed by jaysh-al-islam and jaysh-al-izza" in r.stderr
    assert g.read_bytes() == small.read_bytes()
    r = CliRunner().invoke(cli, ["--glossary", str(g), "apply", str(tmp_path / "review.yaml")])
    assert r.exit_code == 0, r.output
    assert "liwa-shuhada-al-ghab" in g.read_text(encoding="utf-8")
    assert "free-syrian-army-2" not in g.read_text(encoding="utf-8")  # accept: false


@pytest.mark.parametrize(("name", "data", "message"), [
    ("bad.tbx", b"<tbx><text><body><conceptEntry id='a'>", "bad.tbx:1:39: not well-formed XML: no element found"),
    ("bomb.tbx", b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<x>&a;</x>',
     "bomb.tbx:2:14: entity declarations are not accepted"),
    ("bad.jsonl", b'{"id": "a", "type": "group", "romanized": "A"}\n[1, 2]\n', "bad.jsonl:2:1: expected a JSON object (an entity)"),
    ("latin1.csv", b"id,type,romanized\na,place,Lattaqui\xe9\n", "latin1.csv:2:1: file is not UTF-8: byte 0xe9 at offset 34"),
    ("ragged.csv", b"id,type,romanized\na,place,A,extra\n", "ragged.csv:2:1: expected 3 fields, found more"),
    ("what.txt", b"hello\n", "what.txt:1:1: unknown format"),
    ("bad.parquet", b"PAR1 not really", "bad.parquet:1:1: not a Parquet file"),
])
def test_hostile_input_is_an_error_with_its_place(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    f = tmp_path / name
    f.write_bytes(data)
    with pytest.raises(GlossaryError) as e:
        read_file(str(f))
    assert str(e.value).startswith(str(tmp_path / message.split(":", 1)[0]) + ":" + message.split(":", 1)[1])


def test_an_incoming_entity_with_a_bad_field_fails_at_apply_with_the_review_line(small: Path, tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    g.write_bytes(small.read_bytes())
    f = tmp_path / "in.jsonl"
    f.write_text('{"id": "x", "type": "grop", "romanized": "Liwa X"}\n', encoding="utf-8")
    p = preview(glossary.load(g, cache_dir=tmp_path / "c"), read_file(str(f)), source=str(f))
    review = tmp_path / "review.yaml"
    review.write_text(render(p), encoding="utf-8")
    with pytest.raises(GlossaryError) as e:
        apply_review(str(review), str(g))
    line = review.read_text(encoding="utf-8").splitlines().index('    type: "grop"') + 1
    assert str(e.value) == (f"{review}:{line}:5: new entity 'x': unknown type 'grop' "
                            "(expected one of: group, place, person, media, event, other)")
    assert g.read_bytes() == small.read_bytes()
