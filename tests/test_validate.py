"""Every loader error case: exact `path:line:col: message`, all problems reported, nothing executed."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.errors import GlossaryError
from glossary.store import check, load_entities, read_sources

DATA = Path(__file__).parent / "data"
INVALID = DATA / "invalid"

CASES = {
    "syntax.yaml": ["5:1: YAML syntax error: while scanning a quoted scalar found unexpected end of stream"],
    "missing-type.yaml": ["2:5: missing required field 'type'"],
    "missing-id.yaml": ["2:5: missing required field 'id'"],
    "missing-names.yaml": ["2:5: an entity needs 'romanized' or 'arabic' (or both)"],
    "duplicate-id.yaml": [
        "2:5: duplicate id 'hama' (defined again at {path}:5:5)",
        "5:5: duplicate id 'hama' (first defined at {path}:2:5)",
    ],
    "bad-slug.yaml": ["2:9: id 'Jaysh_al_Izza' is not a slug (lowercase a-z, 0-9 and '-', e.g. 'jaysh-al-izza')"],
    "unknown-type.yaml": ["3:11: unknown type 'grop' (expected one of: group, place, person, media, event, other)"],
    "dangling-ref.yaml": [
        "5:15: 'part_of' names unknown id 'free-syrian-army'",
        "6:18: 'located_in' names unknown id 'hama'",
    ],
    "latin-in-arabic.yaml": ["4:13: 'arabic' must be Arabic script, found Latin letters in 'Jaysh al-Izza'"],
    "latin-in-vocalized.yaml": ["5:16: 'vocalized' must be Arabic script, found Latin letters in 'jaysh'"],
    "arabic-in-romanized.yaml": ["4:16: 'romanized' must be Latin script, found Arabic letters in 'جيش العزة'"],
    "list-for-string.yaml": ["5:14: 'english' must be a string, found a list"],
    "string-for-list.yaml": ["5:15: 'variants' must be a list, found a string"],
    "empty.yaml": ["1:1: empty file: expected a mapping with 'entities' (a list of entities)"],
    "comment-only.yaml": ["1:1: empty file: expected a mapping with 'entities' (a list of entities)"],
    "not-utf8.yaml": ["5:15: file is not UTF-8: byte 0xe9 at offset 79"],
    "python-tag.yaml": [
        "2:5: an entity needs 'romanized' or 'arabic' (or both)",
        "4:16: YAML tag '!!python/object/apply:os.system' is not allowed (glossary files are plain data)",
    ],
    "duplicate-key.yaml": ["5:5: duplicate key 'type' in an entity (first at line 3)"],
    "not-a-mapping.yaml": ["1:1: the file must be a mapping with 'entities' (a list of entities), found a list"],
    "variant-without-text.yaml": ["6:9: variant needs 'text'"],
}


def test_every_invalid_file_has_a_case() -> None:
    assert sorted(p.name for p in INVALID.glob("*.yaml")) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_problem_positions_and_messages(name: str) -> None:
    path = str(INVALID / name)
    _, problems = check(read_sources([Path(path)]))
    assert [str(p) for p in problems] == [f"{path}:{c.format(path=path)}" for c in CASES[name]]


def test_load_raises_with_every_problem() -> None:
    with pytest.raises(GlossaryError) as err:
        load_entities([INVALID / "dangling-ref.yaml"])
    assert len(err.value.problems) == 2


def test_python_tag_is_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    f = tmp_path / "evil.yaml"
    f.write_text(f'entities:\n  - id: a\n    type: group\n    romanized: x\n    x: !!python/object/apply:os.system ["touch {marker}"]\n')
    _, problems = check(read_sources([f]))
    assert "not allowed" in problems[0].message
    assert not marker.exists()


def test_ids_unique_across_files(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("entities:\n  - id: hama\n    type: place\n    romanized: Hama\n")
    b.write_text("entities:\n  - id: x\n    type: place\n    romanized: X\n    located_in: [hama]\n  - id: hama\n    type: place\n    romanized: Hamah\n")
    _, problems = check(read_sources([a, b]))
    assert [str(p) for p in problems] == [
        f"{a}:2:5: duplicate id 'hama' (defined again at {b}:6:5)",
        f"{b}:6:5: duplicate id 'hama' (first defined at {a}:2:5)",
    ]


def test_valid_file_keeps_extra_fields_and_references() -> None:
    entities = load_entities([DATA / "valid" / "minimal.yaml"])
    assert [e.id for e in entities] == ["kafr-nabl-test", "jaysh-test"]
    assert entities[0].extra == {"custom_field": "kept as is"}
    assert entities[1].located_in == ("kafr-nabl-test",)
    assert entities[0].origin is not None and entities[0].origin.line == 4


def test_unquoted_dates_and_years_stay_text(tmp_path: Path) -> None:
    f = tmp_path / "g.yaml"
    f.write_text("entities:\n  - id: a\n    type: group\n    romanized: A\n    former_names: [{romanized: B, until: 2015}]\n"
                 "    sources: [{title: T, date: 2015-09-30}]\n")
    (e,) = load_entities([f])
    assert e.former_names[0].until == "2015" and e.sources[0].date == "2015-09-30"


def test_shipped_glossary_validates_cleanly() -> None:
    entities = load_entities()
    assert len(entities) >= 80
