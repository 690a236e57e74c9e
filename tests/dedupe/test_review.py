"""Review round: proposals written, edited, applied with comments and order kept, twice is once."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pytest

from glossary.dedupe import decide
from glossary.errors import GlossaryError
from glossary.dedupe import apply_review, write_review
from glossary.store import check, read_sources

COUNTS = {"Jaish al Izza": 6, "Jaish al-Izzah": 2, "Liwa al-Haqq": 4, "Liwaa al-Haq": 2, "لواء الحق": 3,
          "Kataib al-Faruq": 1}


def _review(small: Any, tmp_path: Path) -> Path:
    path = tmp_path / "review.yaml"
    write_review(str(path), [decide(small, COUNTS, column="actor")], small, source="events.csv")
    return path


def _accept_all(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace("accept: false", "accept: true"), encoding="utf-8")


def test_review_file_lists_proposals_most_frequent_first(small: Any, tmp_path: Path) -> None:
    text = _review(small, tmp_path).read_text(encoding="utf-8")
    assert text.startswith("# glossary dedupe review: events.csv\n")
    assert '  - entity: "jaysh-al-izza"    # Jaysh al-Izza\n    accept: true\n' in text
    assert '      - {text: "Jaish al Izza", count: 6, score: ' in text
    assert "Jaish al-Izzah" not in text  # already a variant of the entity
    liwa = text.index('  - id: "liwa-al-haqq"\n    accept: false\n    type: other\n    romanized: "Liwa al-Haqq"\n'
                      '    arabic: "لواء الحق"\n')
    assert liwa < text.index('  - id: "kataib-al-faruq"')
    assert '      - {text: "Liwaa al-Haq", count: 2}' in text


def test_apply_keeps_comments_and_order_and_is_idempotent(small: Any, glossary_file: Path, tmp_path: Path) -> None:
    review = _review(small, tmp_path)
    _accept_all(review)
    before = glossary_file.read_text(encoding="utf-8")
    s = apply_review(str(review), str(glossary_file))
    assert s.written and s.entities == ["liwa-al-haqq", "kataib-al-faruq"]
    assert s.variants == {"jaysh-al-izza": ["Jaish al Izza"]}
    after = glossary_file.read_text(encoding="utf-8")
    diff = [d for d in difflib.ndiff(before.splitlines(), after.splitlines()) if d[:1] in "+-"]
    assert all(d.startswith("+ ") for d in diff)  # nothing removed or changed, comments included
    assert "+       - Jaish al Izza" in diff
    assert after.index("      - {text: Jaysh al-ʻIzzah, scheme: ala-lc}\n      - Jaish al Izza\n")
    assert after.endswith("# end of file\n  - id: liwa-al-haqq\n    type: other\n    romanized: Liwa al-Haqq\n"
                          "    arabic: لواء الحق\n    variants:\n      - Liwaa al-Haq\n"
                          "  - id: kataib-al-faruq\n    type: other\n    romanized: Kataib al-Faruq\n")
    entities, problems = check(read_sources([glossary_file]))
    assert not problems and len(entities) == 6
    again = apply_review(str(review), str(glossary_file))
    assert not again.written and again.entities == [] and again.variants == {} and again.unchanged == 3
    assert glossary_file.read_text(encoding="utf-8") == after


def test_corrected_id_adds_spellings_to_that_entity(small: Any, glossary_file: Path, tmp_path: Path) -> None:
    review = _review(small, tmp_path)
    text = review.read_text(encoding="utf-8").replace('id: "kataib-al-faruq"\n    accept: false',
                                                       'id: "jaysh-al-islam"\n    accept: true')
    review.write_text(text, encoding="utf-8")
    s = apply_review(str(review), str(glossary_file))
    assert s.entities == [] and s.variants["jaysh-al-islam"] == ["Kataib al-Faruq"]


def test_bad_review_writes_nothing(small: Any, glossary_file: Path, tmp_path: Path) -> None:
    review = _review(small, tmp_path)
    before = glossary_file.read_bytes()
    text = review.read_text(encoding="utf-8")
    review.write_text(text.replace('entity: "jaysh-al-izza"', 'entity: "jaysh-al-izzz"'), encoding="utf-8")
    with pytest.raises(GlossaryError) as e:
        apply_review(str(review), str(glossary_file))
    line = 1 + text.splitlines().index('  - entity: "jaysh-al-izza"    # Jaysh al-Izza')
    assert str(e.value) == f"{review}:{line}:5: no entity 'jaysh-al-izzz' in {glossary_file}"
    review.write_text(text.replace("type: other", "type: grop").replace("accept: false", "accept: true"),
                      encoding="utf-8")
    with pytest.raises(GlossaryError, match="unknown type 'grop'"):
        apply_review(str(review), str(glossary_file))
    review.write_text(text.replace("accept: true", "accept: yes please"), encoding="utf-8")
    with pytest.raises(GlossaryError, match="'accept' must be true or false"):
        apply_review(str(review), str(glossary_file))
    assert glossary_file.read_bytes() == before
    assert sorted(p.name for p in glossary_file.parent.iterdir() if p.name.startswith(".")) == []


def test_columns_decided_together_give_one_cluster_id_and_one_proposal(small: Any, glossary_file: Path,
                                                                     tmp_path: Path) -> None:
    # one spelling group in two columns got `liwa-al-haqq` in one and `liwaa-al-haq` in the other, each
    # cluster was proposed twice, and accepting both wrote two entities for one name
    from glossary.dedupe import decide_columns

    actor = {"Liwa al-Haqq": 4, "Kataib al-Faruq": 1}
    target = {"Liwaa al-Haq": 2, "لواء الحق": 3, "Kataib al-Faruq": 2}
    a, t = decide_columns(small, {"actor": actor, "target": target})
    ids = {a.decisions["Liwa al-Haqq"].cluster, t.decisions["Liwaa al-Haq"].cluster, t.decisions["لواء الحق"].cluster}
    assert ids == {"liwa-al-haqq"}
    assert a.decisions["Kataib al-Faruq"].cluster == t.decisions["Kataib al-Faruq"].cluster == "kataib-al-faruq"
    assert (a.decisions["Kataib al-Faruq"].count, t.decisions["Kataib al-Faruq"].count) == (1, 2)  # each column's rows
    assert a.summary()["names"] == {"distinct": 2, "rows": 5} and t.summary()["names"] == {"distinct": 3, "rows": 7}
    review = tmp_path / "review.yaml"
    write_review(str(review), [a, t], small, source="events.csv")
    text = review.read_text(encoding="utf-8")
    assert text.count('  - id: "liwa-al-haqq"') == 1 and text.count('  - id: "kataib-al-faruq"') == 1
    assert '    column: "actor, target"' in text
    _accept_all(review)
    s = apply_review(str(review), str(glossary_file))
    assert s.entities == ["liwa-al-haqq", "kataib-al-faruq"]
    entities, problems = check(read_sources([glossary_file]))
    assert not problems and [e.id for e in entities].count("liwa-al-haqq") == 1


def test_a_variant_is_offered_accepted_only_when_every_spelling_is_a_sure_match() -> None:
    # the resolver's scores are calibrated probabilities: 0.98 or more for each spelling, never
    # flagged, never joined through a cluster (a similarity, not a probability)
    from glossary.dedupe.column import ColumnResult, Decision
    from glossary.dedupe.review import ACCEPT_PROBABILITY, proposals

    class Known:
        def get(self, id: str) -> None:
            return None

    def offered(*decisions: Decision) -> dict[str, bool]:
        result = ColumnResult("actor", {d.name: d for d in decisions}, [])
        return {p["entity"]: p["accept"] for p in proposals([result], Known())[0]}

    sure, unsure = ACCEPT_PROBABILITY + 0.01, ACCEPT_PROBABILITY - 0.03
    assert offered(Decision("Hamah", "match", "hama", "Hama", sure, None, False, 3)) == {"hama": True}
    assert offered(Decision("Hamah", "match", "hama", "Hama", unsure, None, False, 3)) == {"hama": False}
    assert offered(Decision("Hamah", "match", "hama", "Hama", sure, None, False, 3),
                   Decision("Hamat", "match", "hama", "Hama", unsure, None, False, 1)) == {"hama": False}
    assert offered(Decision("Hamah", "joined", "hama", "Hama", 0.99, None, False, 3)) == {"hama": False}
    assert offered(Decision("Hamah", "match", "hama", "Hama", sure, None, True, 3)) == {"hama": False}
