"""Golden renders of every table and card at 40, 80 and 120 columns, in English and Arabic.

Each render is compared with ``tests/golden/<name>-<width>.txt``; ``pytest --update-golden``
rewrites them, and the diff is reviewed in the commit. The inputs are fixed (the small test
glossary, and results built here), so a change to the resolver or the romanizer does not change
these files: only a change to how output is laid out or worded does. Every render also keeps
the layout's promises: no trailing space, no word broken, no line wider than the width unless
one word is.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary import load
from glossary.cli import cli
from glossary.cli.layout import cells, longest_word
from glossary.cli.lookup import render_card
from glossary.cli.tables import Table, dedupe_summary, headed, resolutions, romanizations_table, search_hits
from glossary.i18n import Locale
from glossary.match import Match, Resolution, SearchHit

GOLDEN = Path(__file__).parents[1] / "golden"
SMALL = Path(__file__).parents[1] / "data" / "valid" / "small.yaml"
WIDTHS = (40, 80, 120)
ROMANIZATIONS = [("ala-lc", "Jaysh al-ʻIzzah", True), ("bgn-pcgn", "Jaysh al ‘Izzah", True),
                 ("buckwalter", "jayo$ AlEiza~p", True), ("din31635", "Ǧayš al-ʿIzza", True),
                 ("iso233", "ǧayš al-ʿizzaẗ", True), ("simple", "Jaysh al-Izza", False)]


def check(request: pytest.FixtureRequest, name: str, text: str, width: int) -> None:
    for line in text.splitlines():
        assert line == line.rstrip(" "), f"trailing spaces in {name}: {line!r}"
        assert cells(line) <= width or any(cells(w) > width // 2 for w in line.split()), (name, line)
    path = GOLDEN / f"{name}-{width}.txt"
    if request.config.getoption("--update-golden"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no golden render {path.name}: run pytest --update-golden and review the diff"
    assert text == path.read_text(encoding="utf-8"), f"{path.name} differs: run pytest --update-golden and review"


def words_intact(source: list[list[str]], text: str) -> None:
    """No word of the cells is broken (an id may fold: its words are its parts)."""
    shown = set(text.split())
    for row in source:
        for cell in row:
            for word in cell.split():
                if longest_word(word) > 10 and "-" in word and word.islower():
                    continue  # an id, folded after its hyphens or cut
                assert word in shown or word.replace("–", "– ").split()[0] in shown, word


def table_text(tbl: Table, width: int) -> str:
    from glossary.cli.layout import table

    columns, rows = tbl
    return table(columns, rows, width)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("code", ["en", "ar"])
def test_list(request: pytest.FixtureRequest, width: int, code: str) -> None:
    r = CliRunner().invoke(cli, ["--glossary", str(SMALL), "--locale", code, "list"], env={"COLUMNS": str(width)})
    assert r.exit_code == 0, r.output
    check(request, f"list-{code}", r.stdout, width)
    g = load([SMALL])
    words_intact([[e.id, e.romanized or "", e.arabic or ""] for e in g], r.stdout)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("whole", [False, True], ids=["short", "full"])
@pytest.mark.parametrize("code", ["en", "ar"])
def test_card(request: pytest.FixtureRequest, width: int, whole: bool, code: str) -> None:
    g = load([SMALL])
    entity = g.get("jaysh-al-izza")
    assert entity is not None
    match = Match(id="jaysh-al-izza", label="Jaysh al-Izza", type="group", score=0.97, name="Jaish al-Izzah",
                  level="folded")
    t = Locale(code)
    text = render_card(entity, t, label_of=lambda ref: ref.replace("-", " ").title(),
                       romanizations=ROMANIZATIONS, whole=whole, scheme="ala-lc", width=width, match=match)
    check(request, f"card-{'full' if whole else 'short'}-{code}", text + "\n", width)
    if code == "ar":  # right to left: a line ends at the right edge (a label) or at the text's (its continuation)
        labels = max(cells(t.label(k)) for k in ("id", "type", "english", "arabic", "romanized", "schemes", "match"))
        edges = {width, width - labels - 2}
        for line in text.splitlines():
            assert cells(line) in edges or cells(line) >= width, (line, edges)


def _hits() -> list[SearchHit]:
    return [SearchHit("hayat-tahrir-al-sham", "Hayat Tahrir al-Sham", "group", "Hay'at Tahrir al-Sham", 1.0),
            SearchHit("ahrar-al-sham", "Ahrar al-Sham", "group", "Harakat Ahrar al-Sham al-Islamiyya", 1.0),
            SearchHit("2019-nfl-hts-conflict", "2019 National Front for Liberation–Tahrir al-Sham conflict", "event",
                      "2019 National Front for Liberation–Tahrir al-Sham conflict", 0.8),
            SearchHit("homs", "Hims", "place", "حمص", 0.48)]


ARABIC = {"hayat-tahrir-al-sham": "هيئة تحرير الشام", "ahrar-al-sham": "حركة أحرار الشام الإسلامية", "homs": "حمص"}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("code", ["en", "ar"])
def test_tables(request: pytest.FixtureRequest, width: int, code: str) -> None:
    t = Locale(code)
    hits = _hits()
    text = table_text(search_hits(hits, lambda i: ARABIC.get(i, ""), t), width)
    check(request, f"search-{code}", text + "\n", width)
    words_intact([[h.label, ARABIC.get(h.id, "")] for h in hits], text)
    m = Match(id="homs", label="Hims", type="place", score=1.0, name="Homs", level="exact")
    items = [Resolution("Homs", "match", m, [m]), Resolution("Qwxyz", "none", None, []),
             Resolution("Jaish al-Islam fi al-Ghuta al-Sharqiya", "ambiguous", None, [m])]
    check(request, f"resolve-{code}", table_text(resolutions(items, t), width) + "\n", width)
    check(request, f"romanizations-{code}", table_text(romanizations_table(ROMANIZATIONS, t), width) + "\n", width)
    near = [[f"Jaysh al-Izza ({'Jaish al-Izzah'})", "jaysh-al-izza", t.number(0.62)],
            ["Jabhat Ansar al-Din", "jabhat-ansar-al-din", t.number(0.41)]]
    headers = [t.label("did_you_mean"), t.label("id"), t.label("score")]
    check(request, f"did-you-mean-{code}", table_text(headed(headers, near, t), width) + "\n", width)


@pytest.mark.parametrize("width", WIDTHS)
def test_dedupe_summary(request: pytest.FixtureRequest, width: int) -> None:
    from glossary.dedupe import ColumnResult, Decision, DedupeSummary

    decisions = {"Jaish al Izza": Decision("Jaish al Izza", "match", "jaysh-al-izza", "Jaysh al-Izza", 0.97, None,
                                           False, 1200),
                 "Liwa al-Haqq": Decision("Liwa al-Haqq", "cluster", None, "Liwa al-Haqq", 0.9, "liwa-al-haqq", True,
                                          35)}
    s = DedupeSummary("events.csv", "-", "csv", 1235, 0, [ColumnResult("actor", decisions, [])], [])
    check(request, "dedupe-summary", table_text(dedupe_summary(s, Locale("en")), width) + "\n", width)
