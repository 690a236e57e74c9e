"""The plain layout of cards and tables (piped output): columns, wrapping, cell widths."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.cli.card import _wrap, cells, plain_card, plain_table


def test_cells_count_what_a_terminal_shows() -> None:
    assert cells("Jaysh") == 5
    assert cells("جَيْش") == cells("جيش") == 3  # harakat take no cell
    assert cells("名前") == 4  # wide characters take two


def test_wrap_breaks_between_words_and_cuts_only_a_longer_word() -> None:
    assert _wrap("Free Syrian Army · Army of Victory", 18) == ["Free Syrian Army ·", "Army of Victory"]
    assert _wrap("abcdefghij klm", 4) == ["abcd", "efgh", "ij", "klm"]
    assert _wrap("one\ntwo", 10) == ["one", "two"]  # each line of its own
    assert _wrap("ala-lc    Jaysh", 20) == ["ala-lc    Jaysh"]  # a line that fits keeps its spaces


def test_card_text_wraps_beside_its_label() -> None:
    out = plain_card("Hims  حمص", [("id", "homs"), ("related", "Homs al-Adiya Brigade · Abdel Baset al-Sarout")], 40)
    assert out.splitlines() == ["Hims  حمص",
                                "id       homs",
                                "related  Homs al-Adiya Brigade · Abdel",
                                "         Baset al-Sarout"]


def test_table_aligns_columns_by_cells_and_wraps_the_widest() -> None:
    rows = [["جَيْش العِزَّة", "jaysh-al-izza", "0.97"], ["Liwa Suqur al-Jabal fi Jabal al-Zawiya", "liwa", "0.5"]]
    out = plain_table(["name", "id", "score"], rows, 40).splitlines()
    # the name column gets what the others leave of 40 (18 cells); padded by cells, not characters
    assert out[0] == "name                id             score"
    assert out[1] == "جَيْش العِزَّة" + " " * 11 + "jaysh-al-izza  0.97"
    assert out[2:] == ["Liwa Suqur          liwa           0.5", "al-Jabal fi Jabal", "al-Zawiya"]
    assert all(cells(line) <= 40 for line in out)


@given(st.lists(st.tuples(st.text(max_size=12), st.text(max_size=200)), max_size=6), st.integers(20, 120))
@settings(max_examples=300, deadline=None)
def test_any_text_lays_out_within_the_width(rows: list[tuple[str, str]], columns: int) -> None:
    # arbitrary Unicode (marks, wide characters, lone surrogates, controls): never an exception,
    # no line wider than the width unless a label alone is, and no text lost but spaces
    out = plain_card("head", rows, columns)
    key_width = max((cells(k) for k, _ in rows), default=0)
    for line in out.splitlines()[1:]:
        assert cells(line) <= max(columns, key_width + 12)
    assert "".join(out.split()) == "head" + "".join("".join((k + v).split()) for k, v in rows)
    table = plain_table(["a", "b"], [[k, v] for k, v in rows], columns)
    # (a wrapped cell's lines interleave with its neighbours': the same characters, not in order)
    assert sorted("".join(table.split())) == sorted("ab" + "".join("".join((k + v).split()) for k, v in rows))
