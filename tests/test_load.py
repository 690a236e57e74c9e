"""`glossary.load()`: files are opened at once but read only when the index cache cannot answer.

A warm lookup finds the content hash that names the index cache from a record of the files'
status (size, times, inode), so it neither reads nor hashes them, whatever their size. Any
change to a file, or a file changed too recently to be trusted, means reading it again.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

import glossary.glossary
import glossary.store.read
from glossary import GlossaryError, load
from glossary.match.memory import MemoryStore
from glossary.match.sqlite import SqliteStore

DATA = Path(__file__).parent / "data" / "valid"


@pytest.fixture(autouse=True)
def _trust_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust the status of files changed just now (a test cannot wait out the racy window)."""
    monkeypatch.setattr(glossary.store.read, "_RACY_NS", 0)


def _copy(tmp_path: Path, name: str = "minimal.yaml") -> Path:
    p = tmp_path / name
    shutil.copy(DATA / name, p)
    return p


def _no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the glossary file was read")

    monkeypatch.setattr(glossary.glossary, "read_sources", fail)


def test_warm_lookup_reads_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = _copy(tmp_path)
    first = load([p], cache_dir=tmp_path / "c")
    assert first.resolve("Kafranbel").match.id == "kafr-nabl-test"  # type: ignore[union-attr]
    assert isinstance(first.index.store, MemoryStore) and list((tmp_path / "c").glob("files-*.json"))
    _no_reading(monkeypatch)
    warm = load([p], cache_dir=tmp_path / "c")
    assert warm.resolve("Kafranbel").to_dict() == first.resolve("Kafranbel").to_dict()
    assert isinstance(warm.index.store, SqliteStore)
    assert warm.get("jaysh-test") == first.get("jaysh-test")
    assert warm.paths == [str(p)]


def test_changed_file_is_read_again(tmp_path: Path) -> None:
    p = _copy(tmp_path)
    before = os.stat(p)
    assert load([p], cache_dir=tmp_path / "c").resolve("Jaysh Test").match is not None
    # the same size and modification time, other content: the change time still tells
    p.write_text(p.read_text(encoding="utf-8").replace("Jaysh Test", "Liwaa Test"), encoding="utf-8")
    os.utime(p, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(p).st_size == before.st_size and os.stat(p).st_mtime_ns == before.st_mtime_ns
    g = load([p], cache_dir=tmp_path / "c")
    assert g.resolve("Liwaa Test").match.id == "jaysh-test"  # type: ignore[union-attr]
    assert "sources" in g.__dict__  # read and hashed, not taken from the record


def test_recently_changed_file_is_not_recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(glossary.store.read, "_RACY_NS", 2_000_000_000)
    p = _copy(tmp_path)  # changed just now: within a timestamp tick of a change to come
    assert load([p], cache_dir=tmp_path / "c").resolve("Kafranbel").match is not None
    assert list((tmp_path / "c").glob("index-*.sqlite")) and not list((tmp_path / "c").glob("files-*.json"))


def test_record_without_cache_file_reads_the_files(tmp_path: Path) -> None:
    p = _copy(tmp_path)
    load([p], cache_dir=tmp_path / "c").resolve("Kafranbel")
    for f in (tmp_path / "c").glob("index-*.sqlite"):
        f.unlink()
    g = load([p], cache_dir=tmp_path / "c")
    assert g.resolve("Kafranbel").match.id == "kafr-nabl-test"  # type: ignore[union-attr]
    assert list((tmp_path / "c").glob("index-*.sqlite"))


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"files": 1}', b'["a list"]'])
def test_damaged_record_is_ignored(tmp_path: Path, damage: bytes) -> None:
    p = _copy(tmp_path)
    load([p], cache_dir=tmp_path / "c").resolve("Kafranbel")
    for f in (tmp_path / "c").glob("files-*.json"):
        f.write_bytes(damage)
    assert load([p], cache_dir=tmp_path / "c").resolve("Kafranbel").match.id == "kafr-nabl-test"  # type: ignore[union-attr]


def test_unopenable_files_fail_at_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(GlossaryError) as e:
        load([tmp_path / "missing.yaml"])
    assert [str(x) for x in e.value.problems] == [f"{tmp_path / 'missing.yaml'}:1:1: cannot read file: No such file or directory"]
    monkeypatch.setenv("GLOSSARY_PATH", str(tmp_path))
    with pytest.raises(GlossaryError) as e:
        load()
    assert [str(x) for x in e.value.problems] == [f"{tmp_path}:1:1: cannot read file: Is a directory"]


def test_file_removed_after_load_is_a_glossary_error(tmp_path: Path) -> None:
    # a file without an index cache is read and checked at load (issue 17): removed after
    # that, it is not needed again; removed before the next load, that load fails
    p = _copy(tmp_path)
    g = load([p], cache_dir=tmp_path / "c")
    p.unlink()
    assert g.resolve("Kafranbel").match.id == "kafr-nabl-test"  # type: ignore[union-attr]
    with pytest.raises(GlossaryError, match="cannot read file"):
        load([p], cache_dir=tmp_path / "c")


def test_one_record_per_set_of_files(tmp_path: Path) -> None:
    p = _copy(tmp_path)
    for text in ("Jaysh Test", "Liwaa Test", "Katiba Test"):
        p.write_text((DATA / "minimal.yaml").read_text(encoding="utf-8").replace("Jaysh Test", text), encoding="utf-8")
        assert load([p], cache_dir=tmp_path / "c").resolve(text).match.id == "jaysh-test"  # type: ignore[union-attr]
    assert len(list((tmp_path / "c").glob("files-*.json"))) == 1
