"""What `search` and `show` answer on the shipped glossary for the cases issue 21 reported.

The ranking lives in `glossary.match.search`: a name starting with the query first, shorter names
before longer, and no prefix from letters that folding erased ("zzzz" folds to "z").
"""

from __future__ import annotations

import json

from click.testing import CliRunner

from glossary.cli import cli


def search(query: str) -> tuple[int, list[dict[str, object]]]:
    r = CliRunner().invoke(cli, ["search", query, "--json"])
    return r.exit_code, json.loads(r.stdout)


def test_search_for_letters_no_name_holds_finds_nothing() -> None:
    # "zzzz": 13 hits, several at 1.00 (a doubled letter folds to one, so "zzzz" reads as "z")
    assert search("zzzz") == (1, [])


def test_search_qqq_finds_no_fagot() -> None:
    # "qqq": 9K111 Fagot at 1.00
    code, hits = search("qqq")
    assert code == 1 and hits == []


def test_search_for_the_start_of_a_name_ranks_the_name_first() -> None:
    # "Idl": two offensives ranked above Idlib, all at 1.00
    code, hits = search("Idl")
    assert code == 0 and {h["id"] for h in hits[:2]} == {"idlib", "idlib-governorate"}
    assert hits[0]["score"] > hits[2]["score"]  # a name starting so beats a name holding a word starting so


def test_search_shows_the_arabic_name() -> None:
    code, hits = search("Kafr Nabl")
    assert code == 0 and hits[0]["id"] == "kafr-nabl" and hits[0]["arabic"] == "كفرنبل"
    r = CliRunner().invoke(cli, ["search", "Kafr Nabl"], env={"COLUMNS": "80"})
    assert "كفرنبل" in r.stdout.splitlines()[1]


def test_show_by_name_shows_that_entity_and_says_so() -> None:
    # it said "no match" and then suggested that very entity at 1.00
    r = CliRunner().invoke(cli, ["show", "Jaysh al-Izza"])
    assert r.exit_code == 0 and r.stdout.splitlines()[1].split() == ["id", "jaysh-al-izza"]
    assert r.stderr == "“Jaysh al-Izza” is no id: showing jaysh-al-izza (glossary lookup finds entities by name)\n"
    r = CliRunner().invoke(cli, ["show", "jaysh-al-izzah"])  # a mistyped id: not shown, the nearest listed
    assert r.exit_code == 1 and r.stdout.startswith("no entity with id “jaysh-al-izzah”\n")
    assert "jaysh-al-izza " in r.stdout
