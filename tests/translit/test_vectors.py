"""The shared romanization vectors, every scheme.

``data/vectors.tsv`` is a verbatim copy of ``shared/data/translit/vectors.tsv`` (columns
arabic, scheme, expected, note; see ``shared/data/translit/RULES.md``), kept in the repo
because CI has only the repository. Re-copy it when the shared file changes; never edit it.
Rows whose note says ``unsure`` are our best reading of the standard; a row we believe is
wrong would be marked xfail here with the reference (none is, at present).
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pytest

from glossary.translit import SCHEMES, reverse, transliterate

DATA = Path(__file__).parent / "data" / "vectors.tsv"
ROWS = list(csv.DictReader(DATA.open(encoding="utf-8"), delimiter="\t"))

WRONG: dict[tuple[str, str], str] = {}
"""(arabic, scheme) -> why we believe the expected value is wrong, with the reference."""


def _params() -> list[object]:
    params = []
    for row in ROWS:
        key = (row["arabic"], row["scheme"])
        marks = [pytest.mark.xfail(reason=WRONG[key], strict=True)] if key in WRONG else []
        kind = "unsure" if "unsure" in row["note"] else "sure"
        params.append(pytest.param(row, id=f"{row['scheme']}-{kind}-{row['arabic']}", marks=marks))
    return params


def test_vectors_cover_every_scheme_in_the_file() -> None:
    assert {row["scheme"] for row in ROWS} <= set(SCHEMES)
    assert len(ROWS) == 246


@pytest.mark.parametrize("row", _params())
def test_vector(row: dict[str, str]) -> None:
    result = transliterate(row["arabic"], row["scheme"])
    assert result.text == row["expected"], row["note"]


@pytest.mark.parametrize("row", _params())
def test_vector_is_exact_when_vocalized(row: dict[str, str]) -> None:
    result = transliterate(row["arabic"], row["scheme"])
    assert result.exact
    assert result.source == "vocalized"


REVERSIBLE_ROWS = [row for row in ROWS if SCHEMES[row["scheme"]].reversible]


@pytest.mark.parametrize(
    "row",
    [
        pytest.param(
            row,
            id=f"{row['scheme']}-{row['arabic']}",
            marks=[pytest.mark.xfail(reason="ISO 233 writes alif and alif waṣlah alike (ʾ): the reverse gives ا",
                                     strict=True)] if row["scheme"] == "iso233" and "ٱ" in row["arabic"] else [],
        )
        for row in REVERSIBLE_ROWS
    ],
)
def test_vector_reverses_to_its_arabic(row: dict[str, str]) -> None:
    assert reverse(row["expected"], row["scheme"]) == unicodedata.normalize("NFC", row["arabic"])
