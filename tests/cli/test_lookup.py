"""`glossary lookup`: cards, misses (exit 1, did-you-mean), ambiguity, JSON, locale, colour."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from glossary.cli import cli


def run(small: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, ["--glossary", str(small), *args], env=env)
    return r.exit_code, r.stdout, r.stderr


def test_card_from_latin_variant(small: Path) -> None:
    code, out, err = run(small, "lookup", "Jaish al-Izzah")
    assert (code, err) == (0, "")
    assert "Jaysh al-Izza" in out and "جيش العزة" in out and "Army of Glory" in out
    assert "Free Syrian Army" in out  # relations shown by name
    assert "September 30, 2015" in out  # babel date


def test_card_from_arabic(small: Path) -> None:
    code, out, _ = run(small, "lookup", "جيش العزة")
    assert code == 0 and "jaysh-al-izza" in out


def test_card_from_english(small: Path) -> None:
    code, out, _ = run(small, "lookup", "Army of Glory")
    assert code == 0 and "jaysh-al-izza" in out


def test_miss_prints_near_entities_and_exits_1(small: Path) -> None:
    code, out, err = run(small, "lookup", "Jaysh al-Izzat al-Kubra al-Jadida")
    assert code == 1 and err == ""
    assert "no match for" in out


def test_ambiguous_lists_both(small: Path) -> None:
    code, out, _ = run(small, "lookup", "Idlib")
    assert code == 0
    assert "ambiguous" in out and "idlib-governorate" in out and "idlib " in out + " "


def test_type_restricts(small: Path) -> None:
    code, out, _ = run(small, "lookup", "Jaish al-Izzah", "--type", "group", "--json")
    assert code == 0 and json.loads(out)["match"]["id"] == "jaysh-al-izza"
    code, out, _ = run(small, "lookup", "Jaish al-Izzah", "--type", "place", "--json")
    assert code == 1 and json.loads(out)["match"] is None


def test_json_shape_is_utf8(small: Path) -> None:
    code, out, _ = run(small, "lookup", "Jaish al-Izzah", "--json")
    data = json.loads(out)
    assert code == 0 and "\\u" not in out and "جيش العزة" in out
    assert data["match"]["id"] == "jaysh-al-izza"
    assert set(data["match"]) >= {"id", "score", "name", "level"}
    assert data["entity"]["arabic"] == "جيش العزة"
    assert data["romanizations"]["ala-lc"] == {"text": "Jaysh al-ʻIzzah", "exact": True}


def test_miss_json_has_null_match(small: Path) -> None:
    code, out, _ = run(small, "lookup", "Xyzzy Qwerty", "--json")
    assert code == 1 and json.loads(out)["match"] is None


def test_locale_ar_labels_dates_digits(small: Path) -> None:
    code, out, _ = run(small, "lookup", "Jaysh al-Izza", "--locale", "ar")
    assert code == 0
    assert "النوع" in out and "سبتمبر" in out and "٢٠١٥" in out


def test_no_box_art_or_colour_when_piped(small: Path) -> None:
    _, out, _ = run(small, "lookup", "Homs", env={"NO_COLOR": "1"})
    assert "\x1b[" not in out and "─" not in out and "│" not in out


def test_bad_glossary_exits_2_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities:\n  - id: a\n    type: grop\n    romanized: A\n")
    r = CliRunner().invoke(cli, ["--glossary", str(bad), "lookup", "A"])
    assert r.exit_code == 2
    assert r.stderr.strip() == f"{bad}:3:11: unknown type 'grop' (expected one of: group, place, person, media, event, other)"
    assert "Traceback" not in r.output


def test_glossary_text_is_shown_as_written_never_as_markup(tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    g.write_text("schema: 1\nentities:\n  - id: liwa-al-test\n    type: group\n    romanized: Liwa al-Test\n"
                 "    english: Test [sic] Brigade\n"
                 "    notes: \"Named [sic] in the source; a [/x] stray tag and :smile: code.\"\n", encoding="utf-8")
    for args in (["lookup", "Liwa al-Test"], ["search", "Liwa"], ["list"], ["resolve", "Test [sic] Brigade"]):
        code, out, err = run(g, *args)
        assert code == 0 and err == "", (args, err)
        if args[0] == "lookup":
            assert "Test [sic] Brigade" in out and "a [/x] stray tag and :smile: code." in out


def test_a_terminal_gets_the_piped_layout_with_styles_and_isolates(small: Path) -> None:
    # one layout for both: a terminal (here: FORCE_COLOR) adds SGR styles and FSI/PDI around
    # Arabic cells, and its card is short unless --full
    _, plain, _ = run(small, "lookup", "Jaish al-Izzah")
    code, styled, _ = run(small, "lookup", "Jaish al-Izzah", "--full", env={"FORCE_COLOR": "1", "COLUMNS": "80"})
    assert code == 0 and "\x1b[1m" in styled and "\u2068جيش العزة\u2069" in styled
    assert re.sub(r"\x1b\[[0-9;]*m|[\u2068\u2069]", "", styled) == plain
    _, short, _ = run(small, "lookup", "Jaish al-Izzah", env={"FORCE_COLOR": "1", "COLUMNS": "80"})
    short = re.sub(r"\x1b\[[0-9;]*m|[\u2068\u2069]", "", short)
    assert len(short.splitlines()) < 12 < len(plain.splitlines())
    assert "glossary show jaysh-al-izza --full" in short and "ala-lc" in short and "Jaysh al-ʻIzzah" in short
    for args in (["lookup", "Jabhat al-Izza al-Kubra"], ["search", "Jaysh"], ["list"]):
        _, piped, _ = run(small, *args)
        _, term, _ = run(small, *args, env={"FORCE_COLOR": "1", "COLUMNS": "80"})
        assert re.sub(r"\x1b\[[0-9;]*m|[\u2068\u2069]", "", term) == piped, args
