"""`apply`: an id that is not a slug is an error, and every error points at a line that exists."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.dedupe import apply_review
from glossary.errors import GlossaryError

GLOSSARY = "entities:\n  - id: hama\n    type: place\n    romanized: Hama\n"
REVIEW = """\
review: 1
variants: []
entities:
  - id: "{first}"
    accept: true
    type: group
    romanized: "Liwa X"
  - id: "liwa-y"
    accept: true
    type: {kind}
    romanized: "Liwa Y"
    located_in: [{where}]
"""


def _files(tmp_path: Path, **kw: str) -> tuple[Path, Path]:
    g, r = tmp_path / "g.yaml", tmp_path / "r.yaml"
    g.write_text(GLOSSARY, encoding="utf-8")
    r.write_text(REVIEW.format(**{"first": "liwa-x", "kind": "group", "where": "hama", **kw}), encoding="utf-8")
    return g, r


def test_a_valid_review_applies(tmp_path: Path) -> None:
    g, r = _files(tmp_path)
    s = apply_review(str(r), str(g))
    assert s.entities == ["liwa-x", "liwa-y"] and "    located_in: [hama]\n" in g.read_text(encoding="utf-8")


def test_an_id_that_is_not_a_slug_is_an_error_not_a_rewrite(tmp_path: Path) -> None:
    g, r = _files(tmp_path, first="Liwa X")
    with pytest.raises(GlossaryError) as e:
        apply_review(str(r), str(g))
    assert str(e.value) == (f"{r}:4:5: id 'Liwa X' is not a slug (lowercase a-z, 0-9 and '-', e.g. 'liwa-x'); "
                            "nothing is renamed for you")
    assert g.read_text(encoding="utf-8") == GLOSSARY


def test_problems_of_new_entities_point_at_the_review(tmp_path: Path) -> None:
    g, r = _files(tmp_path, first="Liwa X", kind="grop")
    with pytest.raises(GlossaryError) as e:
        apply_review(str(r), str(g))
    lines = str(e.value).splitlines()
    assert lines[0].startswith(f"{r}:4:5: id 'Liwa X' is not a slug")
    assert lines[1] == (f"{r}:10:5: new entity 'liwa-y': unknown type 'grop' "
                        "(expected one of: group, place, person, media, event, other)")
    g, r = _files(tmp_path, where="nowhere")
    with pytest.raises(GlossaryError) as e:
        apply_review(str(r), str(g))
    assert str(e.value) == f"{r}:12:5: new entity 'liwa-y': 'located_in' names unknown id 'nowhere'"
    n = len(r.read_text(encoding="utf-8").splitlines())
    assert all(1 <= p.line <= n for p in e.value.problems)


def test_apply_waits_for_the_lock_and_leaves_no_lock_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from glossary.store.edit import locked

    g, r = _files(tmp_path)
    monkeypatch.setenv("GLOSSARY_LOCK_TIMEOUT", "0.2")
    with locked(g):
        with pytest.raises(GlossaryError, match="locked by another writer"):
            apply_review(str(r), str(g))
    assert apply_review(str(r), str(g)).written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.yaml", "r.yaml"]
