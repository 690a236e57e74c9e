"""Dated relations: ``{id, from, until}`` entries in part_of, located_in, allied_with, opposed_to."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary.cli import cli
from glossary.model import Relation, entity_from_dict
from glossary.store import Source, check

GOOD = """\
entities:
  - id: brigade
    type: group
    romanized: Liwa X
    part_of: [{id: division, until: "2019-11"}, {id: army, from: "2019-11"}]
    allied_with: [army]
    located_in:
      - id: town
        from: "2015"
        until: "2015"
  - {id: division, type: group, romanized: Firqa}
  - {id: army, type: group, romanized: Jaysh}
  - {id: town, type: place, romanized: Balda}
"""


def _check(text: str) -> tuple[list, list[str]]:
    entities, problems = check([Source("g.yaml", text.encode())])
    return entities, [str(p) for p in problems]


def test_plain_ids_load_as_before() -> None:
    e = entity_from_dict({"id": "a", "type": "group", "romanized": "A", "part_of": ["b", "c"]})
    assert e.part_of == ("b", "c") and e.periods == () and e.to_dict()["part_of"] == ["b", "c"]


def test_dated_entries_load_and_round_trip() -> None:
    entities, problems = _check(GOOD)
    assert problems == []
    b = entities[0]
    assert b.part_of == ("division", "army") and b.located_in == ("town",)
    assert list(b.relations("part_of")) == [Relation("part_of", "division", None, "2019-11"),
                                            Relation("part_of", "army", "2019-11", None)]
    d = b.to_dict()
    assert d["part_of"] == [{"id": "division", "until": "2019-11"}, {"id": "army", "from": "2019-11"}]
    assert d["allied_with"] == ["army"] and d["located_in"] == [{"id": "town", "from": "2015", "until": "2015"}]
    assert entity_from_dict(d) == b


@pytest.mark.parametrize(("entry", "message"), [
    ('{id: army, until: "2019-13"}', "6:33: 'part_of.until' must be a date YYYY, YYYY-MM or YYYY-MM-DD, found '2019-13'"),
    ('{id: army, until: "Nov 2019"}', "6:33: 'part_of.until' must be a date YYYY, YYYY-MM or YYYY-MM-DD, found 'Nov 2019'"),
    ('{id: army, from: "2020", until: "2019-11"}', "6:47: 'part_of' entry ends before it starts (from 2020 until 2019-11)"),
    ('{id: army, since: "2015"}', "6:26: unknown field 'since' in a 'part_of' entry (expected one of: id, from, until)"),
    ('{from: "2015"}', "6:15: a 'part_of' entry needs 'id'"),
    ('{id: nobody, from: "2015"}', "6:20: 'part_of' names unknown id 'nobody'"),
])
def test_bad_dated_entries(entry: str, message: str) -> None:
    # line 6 is "    part_of: [ENTRY]": ENTRY starts at column 15
    text = GOOD.replace('{id: division, until: "2019-11"}, {id: army, from: "2019-11"}', entry, 1)
    text = text.replace("    part_of:", "    allied_with: [army]\n    part_of:", 1).replace("    allied_with: [army]\n    located", "    located", 1)
    _, problems = _check(text)
    assert problems == [f"g.yaml:{message}"]


def test_related_stays_plain_ids() -> None:
    _, problems = _check(GOOD.replace("allied_with: [army]", "related: [{id: army, from: '2015'}]"))
    assert problems == ["g.yaml:6:15: 'related' entries are ids; only part_of, located_in, allied_with, opposed_to may carry dates"]


def test_card_shows_periods(tmp_path: Path) -> None:
    f = tmp_path / "g.yaml"
    f.write_text(GOOD, encoding="utf-8")
    r = CliRunner().invoke(cli, ["--glossary", str(f), "show", "brigade"])
    assert r.exit_code == 0, r.output
    assert "part of      Firqa (until 2019-11) · Jaysh (from 2019-11)" in r.stdout
    assert "located in   Balda (2015)" in r.stdout
    r = CliRunner().invoke(cli, ["--glossary", str(f), "show", "brigade", "--locale", "ar"])
    assert "Firqa (حتى ٢٠١٩-١١) · Jaysh (منذ ٢٠١٩-١١)" in r.stdout


def test_json_shape_is_the_files(tmp_path: Path) -> None:
    import json

    f = tmp_path / "g.yaml"
    f.write_text(GOOD, encoding="utf-8")
    r = CliRunner().invoke(cli, ["--glossary", str(f), "show", "brigade", "--json"])
    assert json.loads(r.stdout)["part_of"] == [{"id": "division", "until": "2019-11"}, {"id": "army", "from": "2019-11"}]
