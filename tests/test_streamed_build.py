"""A large glossary is checked and indexed as it is read, one entity at a time, with progress told.

Streaming changes how much is held, never what is built: the index cache of a streamed build is
the one a build from the whole list writes, row for row. (Time and memory: ``bench/large_glossary.py``.)
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import glossary.glossary
import glossary.store.compose
import glossary.store.read
from glossary import GlossaryError, load
from glossary.cli import cli
from glossary.match.cache import cache_path

SMALL = Path(__file__).parent / "data" / "valid" / "small.yaml"
TABLES = ("entities", "names", "keys", "posting", "near", "forms", "locale_text")


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(path)
    try:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES}
    finally:
        con.close()


@pytest.fixture()
def streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every glossary counts as large, and reports progress at every entity."""
    monkeypatch.setattr(glossary.glossary, "_STREAM_BYTES", 0)
    monkeypatch.setattr(glossary.store.read, "_EVERY", 1)


def test_streamed_index_is_the_listed_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = load([SMALL], cache_dir=tmp_path / "whole")
    whole.resolve("Homs")
    monkeypatch.setattr(glossary.glossary, "_STREAM_BYTES", 0)
    stream = load([SMALL], cache_dir=tmp_path / "stream")
    assert "entities" not in stream.__dict__  # checked without keeping them
    assert stream.index.store.objects is None  # type: ignore[attr-defined]  (their JSON, not the objects)
    for q in ("Homs", "Jaish al-Izzah", "جيش العزة", "Army of Islam"):
        assert stream.resolve(q).to_dict() == whole.resolve(q).to_dict()
    assert stream.get("jaysh-al-izza") == whole.get("jaysh-al-izza")
    assert _rows(cache_path(stream.content_hash, tmp_path / "stream")) == \
        _rows(cache_path(whole.content_hash, tmp_path / "whole"))
    assert [e.id for e in stream.list()] == [e.id for e in whole.list()]  # read again when all are asked for


def test_a_large_glossary_is_checked_and_indexed_in_one_reading(tmp_path: Path, streamed: None,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[tuple[str, str, int, int | None]] = []
    composed: list[str] = []
    real = glossary.store.compose.document

    def counting(path: str, text: str):  # type: ignore[no-untyped-def]
        composed.append(path)
        return real(path, text)

    monkeypatch.setattr(glossary.store.compose, "document", counting)
    g = load([SMALL], cache_dir=tmp_path, progress=lambda *a: told.append(a))
    assert "index" in g.__dict__ and composed == [str(SMALL)]  # indexed while checked: read once
    g.resolve("Homs")
    assert composed == [str(SMALL)]
    stages = [t[0] for t in told]
    assert stages[-1] == "ready" and set(stages) == {"index", "ready"}
    told.pop()
    lines = SMALL.read_text(encoding="utf-8").count("\n") + 1
    done = [t[2] for t in told]
    assert done == sorted(done) and done[-1] == lines
    assert {t[1] for t in told} == {str(SMALL)} and {t[3] for t in told} == {lines}


def test_a_bad_file_streamed_raises_and_caches_nothing(tmp_path: Path, streamed: None) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL.read_text(encoding="utf-8") + "  - id: x\n    type: grop\n    romanized: X\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="unknown type 'grop'"):
        load([bad], cache_dir=tmp_path / "c")
    assert not list((tmp_path / "c").glob("index-*.sqlite"))


def test_a_terminal_sees_a_bar_while_a_glossary_is_indexed(tmp_path: Path, streamed: None,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import glossary.cli.progress

    monkeypatch.setattr(glossary.cli.progress, "DELAY", 0.0)
    r = CliRunner().invoke(cli, ["--glossary", str(SMALL), "lookup", "Homs", "--json"],
                           env={"FORCE_COLOR": "1", "GLOSSARY_CACHE_DIR": str(tmp_path)})
    assert r.exit_code == 0 and "indexing small.yaml" in r.stderr and r.stdout.startswith('{"query": "Homs"')
    r = CliRunner().invoke(cli, ["--glossary", str(SMALL), "lookup", "Homs", "--json"],
                           env={"GLOSSARY_CACHE_DIR": str(tmp_path / "piped")})
    assert r.exit_code == 0 and r.stderr == ""  # not a terminal: no bar


def test_a_short_build_draws_no_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    from glossary.cli.progress import Bar
    from glossary.i18n import Locale

    bar = Bar(True, Locale())
    bar("index", "g.yaml", 1, 10)  # within the first half second: nothing drawn, rich not needed
    assert bar._progress is None
    bar.close()
    off = Bar(False, Locale())
    monkeypatch.setattr("glossary.cli.progress.DELAY", 0.0)
    off("index", "g.yaml", 1, 10)
    off("index", "g.yaml", 2, 10)
    assert off._progress is None


def test_names_keyed_by_workers_are_keyed_as_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """A streamed build keys names in forked workers, chunk by chunk, while this process reads on:
    the same keys, names, spelling links and Arabic keys, in the same order and with the same name
    numbers, as keyed here (and the same store)."""
    import glossary.match.memory as memory
    from glossary.store import load_entities

    entities = load_entities([SMALL])
    monkeypatch.setattr(memory, "cores", lambda: 2)
    monkeypatch.setattr(memory, "PARALLEL_CHUNK", 3)  # several jobs, and one left short
    here = list(memory._keyed(entities, parallel=False))
    there = list(memory._keyed(iter(entities), parallel=True))

    def plain(chunks: list) -> list:
        return [([(e.id, *rest) for e, *rest in items], chunk) for items, chunk in chunks]

    assert plain(there) == plain(here) and len(here) == -(-len(entities) // 3)
    assert [chunk.base for _items, chunk in here][1] == sum(len(names) for _e, names, *_ in here[0][0])
    assert any(links for items, _c in here for *_rest, links, _spelled in items) and len(entities) % 3
    assert any(spelled for items, _c in here for *_rest, spelled in items)
    listed, streamed = memory.build_store(entities), memory.build_store(iter(entities))
    assert (streamed.keys, streamed.posting, streamed.dfs, streamed.near) == (listed.keys, listed.posting, listed.dfs, listed.near)
    assert streamed.vocalized == listed.vocalized and listed.vocalized
    assert streamed.names == listed.names
