"""Cards' numbers, dates and language names: babel's text, kept in the index cache when it is written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from glossary import load
from glossary.i18n import SCORES, Locale, locale_strings
from glossary.match.cache import cache_path

SMALL = Path(__file__).parent / "data" / "valid" / "small.yaml"


def test_locale_strings_are_babels_own() -> None:
    rows = list(locale_strings(["2015-09-30", "2019-10", "2015", "not a date"], ["en", "ar", "xx"]))
    assert {r[0] for r in rows} == {"en", "ar"}
    assert len(rows) == 2 * (len(SCORES) + 4 + 3)
    for code, kind, key, text in rows:
        live = Locale(code)
        assert text == (live.number(float(key)) if kind == "number" else getattr(live, kind)(key))


@pytest.mark.parametrize("code", ["en", "ar"])
@pytest.mark.parametrize("value", [0.0, 0.004, 0.285, 0.5, 0.971, 0.995, 1.0])
def test_kept_scores_answer_as_babel_does(code: str, value: float) -> None:
    kept = {(kind, key): text for c, kind, key, text in locale_strings([], []) if c == code}
    asked: list[tuple[str, str]] = []

    def known(kind: str, key: str) -> str | None:
        asked.append((kind, key))
        return kept.get((kind, key))

    assert Locale(code, known=known).number(value) == Locale(code).number(value)
    assert asked and asked[0] in kept  # found among the kept ones, babel not asked


def test_unknown_text_falls_back_to_babel() -> None:
    loc = Locale("ar", known=lambda kind, key: None)
    assert loc.date("2015-09-30") == Locale("ar").date("2015-09-30") == "٣٠ سبتمبر ٢٠١٥"
    assert loc.language("en") == Locale("ar").language("en") == "الإنجليزية"
    assert loc.number(1.5) == Locale("ar").number(1.5)  # beyond the kept scores


def test_cache_keeps_the_glossarys_dates_and_languages(tmp_path: Path) -> None:
    g = load([SMALL], cache_dir=tmp_path)
    assert len(g.index) == len(g.entities)  # built, and written to the cache
    con = sqlite3.connect(cache_path(g.content_hash, tmp_path))
    rows = con.execute("SELECT locale, kind, k, v FROM locale_text").fetchall()
    dates = {s.date for e in g.entities for s in e.sources if s.date}
    languages = {s.language for e in g.entities for s in e.sources if s.language}
    assert dates and languages
    assert sorted(rows) == sorted(locale_strings(dates, languages))
    warm = load([SMALL], cache_dir=tmp_path).index
    known = warm.locale_text("ar")
    assert known is not None and known("date", min(dates)) == Locale("ar").date(min(dates))
    assert known("date", "1999-01-01") is None
