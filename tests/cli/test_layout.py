"""The layout of tables and cards (`glossary.cli.layout`): cells, wrapping, widths, columns dropped."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.cli.layout import FSI, PDI, Column, Paint, card, cells, has_rtl, table, wrap


def test_cells_count_what_a_terminal_shows() -> None:
    assert cells("Jaysh") == 5
    assert cells("جَيْش") == cells("جيش") == 3  # harakat take no cell
    assert cells("名前") == 4  # wide characters take two
    assert cells(FSI + "حمص" + PDI) == 3 and cells("\u200f\u200e") == 0  # bidi controls take none


def test_wrap_breaks_between_words_never_inside_one() -> None:
    assert wrap("Free Syrian Army · Army of Victory", 18) == ["Free Syrian Army ·", "Army of Victory"]
    assert wrap("abcdefghij klm", 4) == ["abcdefghij", "klm"]  # a longer word overflows, whole
    assert wrap("one\ntwo", 10) == ["one", "two"]  # each line of its own
    assert wrap("ala-lc    Jaysh", 20) == ["ala-lc    Jaysh"]  # a line that fits keeps its spaces
    assert wrap("Liberation–Tahrir", 12) == ["Liberation–", "Tahrir"]  # after a dash between words


def test_an_id_folds_after_its_hyphens_then_is_cut() -> None:
    assert wrap("turkistan-islamic-party-in-syria", 18, fold=True) == ["turkistan-islamic-", "party-in-syria"]
    assert wrap("demilitarization", 10, fold=True) == ["demilitari", "zation"]


def test_table_fits_the_width_by_wrapping_then_dropping_columns() -> None:
    columns = [Column("id", fold=True, weight=0.5), Column("name"), Column("type", drop=2), Column("english", drop=1)]
    rows = [["jaysh-al-izza", "Jaysh al-Izza", "group", "Army of Glory"],
            ["free-syrian-army", "al-Jaysh al-Suri al-Hurr", "group", "Free Syrian Army"]]
    wide = table(columns, rows, 120).splitlines()
    assert wide[0].split() == ["id", "name", "type", "english"] and len(wide) == 3
    assert table(columns, rows, 30).splitlines()[0].split() == ["id", "name", "english"]  # type dropped first
    narrow = table(columns, rows, 24).splitlines()
    assert narrow[0].split() == ["id", "name"]  # then english
    assert all(cells(line) <= 24 for line in narrow)
    assert set("\n".join(narrow).split()) >= {"al-Jaysh", "al-Suri", "al-Hurr", "Jaysh", "al-Izza"}


def test_table_pads_by_cells_and_right_aligns_numbers() -> None:
    out = table([Column("name"), Column("score", align="right")], [["جَيْش العِزَّة", "0.97"], ["Hama", "1"]], 40)
    assert out.splitlines() == ["name       score", "جَيْش العِزَّة   0.97", "Hama           1"]


def test_paint_styles_and_isolates() -> None:
    p = Paint(color=True, bidi=True)
    out = table([Column("name"), Column("arabic")], [["Hama", "حماة"]], 40, p).splitlines()
    assert out[0] == "\x1b[1mname\x1b[22m  \x1b[1marabic\x1b[22m"
    assert out[1] == f"Hama  {FSI}حماة{PDI}"
    assert has_rtl("Hama حماة") and not has_rtl("Hamā")


def test_card_right_to_left() -> None:
    out = card("Hims  حمص", [("المعرّف", "homs"), ("ذو صلة", "Homs al-Adiya Brigade · Abdel Baset al-Sarout")], 40,
               rtl=True).splitlines()
    assert [cells(line) for line in out] == [40, 40, 40, 40 - 6 - 2]  # the last: at its text's right edge
    assert out[1].endswith("homs  المعرّف") and out[2].endswith("Homs al-Adiya Brigade · Abdel  ذو صلة")
    assert out[3].endswith("Baset al-Sarout")


TEXT = st.lists(st.sampled_from(["a", "bc", "xyz", " ", "-", "–", "جيش", "عِزَّة", "名", "\u064b", "  "]),
                max_size=20).map("".join)


@given(st.lists(st.tuples(st.text(st.sampled_from("abcحم"), min_size=1, max_size=8), TEXT), max_size=6),
       st.integers(30, 120), st.booleans())
@settings(max_examples=300, deadline=None)
def test_any_card_keeps_its_text_and_its_width(rows: list[tuple[str, str]], width: int, rtl: bool) -> None:
    out = card("head", rows, width, rtl=rtl)
    words = [w for _, v in rows for w in v.split()]
    longest = max((cells(w) for w in words), default=0)
    for line in out.splitlines():
        assert line == line.rstrip(" ")
        assert cells(line) <= width or cells(line) <= 8 + 2 + longest
    assert sorted("".join(out.split())) == sorted("head" + "".join("".join((k + v).split()) for k, v in rows))


@given(st.lists(st.lists(TEXT, min_size=3, max_size=3), min_size=1, max_size=8), st.integers(30, 160))
@settings(max_examples=300, deadline=None)
def test_any_table_breaks_no_word_and_keeps_no_trailing_space(rows: list[list[str]], width: int) -> None:
    columns = [Column("one"), Column("two"), Column("three")]
    out = table(columns, rows, width)
    shown = out.split()
    for row in rows:
        for cell in row:
            for word in cell.split():  # whole, or split only after its dashes between words
                assert word in shown or all(p in out for p in word.replace("–", "–\n").split()), word
    longest = max(cells(w) for r in [["one", "two", "three"], *rows] for c in r for w in c.split() or [""])
    for line in out.splitlines():
        assert line == line.rstrip(" ")
        assert cells(line) <= max(width, 3 * longest + 4)
