"""The matcher's acronym table as `tools/train_matcher.py` fits it, and as the resolver reads it."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from glossary.match.features import PAIR
from glossary.match.model import ACRONYM_CELLS, Matcher, acronym_cell, matcher

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tm():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import train_matcher
    finally:
        sys.path.remove(str(ROOT / "tools"))
    return train_matcher


def test_the_table_counts_each_abbreviation_with_and_without_its_entity(tm) -> None:  # type: ignore[no-untyped-def]
    Q = tm.Query
    queries = [Q("SOHR", "a", "abbreviation"),  # one entity found, the right one
               Q("ABCD", "b", "abbreviation"),  # two found: b (right) and c; without b, c alone
               Q("FSA", "d", "abbreviation"),  # short: e found, wrong; without d, e alone again
               Q("WXYZ", "f", "abbreviation"),  # masked out: not counted
               Q("Kafr Nabl", "g", "latin")]  # not an abbreviation: not counted
    found = [(0, "a"), (1, "b"), (1, "c"), (2, "e"), (3, "f"), (4, "h")]
    rows = tm.Rows([q for q, _ in found], [e for _, e in found], ["acronym"] * len(found), ["group"] * len(found),
                   [""] * len(found), [""] * len(found),
                   np.array([int(queries[q].expected == e) for q, e in found]))
    pair = np.zeros((len(found), len(PAIR)))
    pair[3, PAIR.index("short")] = 1.0
    mask = np.array([q != 3 for q, _ in found])
    table = tm.acronym_probability(rows, queries, mask, pair)
    # unique: SOHR right, ABCD without b (c alone) wrong; shared: b right, c wrong;
    # short unique: e wrong twice (with and without d); short shared: never seen
    assert table == {"unique": 0.5, "shared": 0.5, "short unique": 0.25, "short shared": 0.5}
    p = tm.with_acronyms(rows, pair, np.full(len(found), 0.1), table)
    assert p.tolist() == [0.5, 0.5, 0.5, 0.25, 0.5, 0.5]  # each row by its query's cell


def test_the_shipped_table_and_a_model_of_one_probability() -> None:
    m = matcher()
    assert set(m.header["acronym"]) == set(ACRONYM_CELLS)
    assert m.acronym_probability(False, 1) == m.header["acronym"]["unique"] > m.threshold
    assert m.acronym_probability(True, 1) == m.header["acronym"]["short unique"] < m.threshold
    assert [acronym_cell(s, n) for s in (False, True) for n in (1, 2, 5)] == [0, 1, 1, 2, 3, 3]
    # a model file of the format before the table: one probability for every cell
    doc = json.loads(resources.files("glossary.match").joinpath("data", "matcher.json").read_text(encoding="utf-8"))
    doc["header"]["acronym"] = 0.8
    assert Matcher(doc).acronym == (0.8,) * 4
