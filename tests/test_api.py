"""The Python API refuses bad arguments with a clear TypeError or ValueError, and checks files at load."""

from __future__ import annotations

import gc
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import glossary.glossary
from glossary import GlossaryError, Glossary, load
from glossary.match import Index, Resolver, search

from .match._data import entities

DATA = Path(__file__).parent / "data"
TYPES = "expected one of: group, place, person, media, event, other"


@pytest.fixture(scope="module")
def g(tmp_path_factory: pytest.TempPathFactory) -> Glossary:
    return load([DATA / "valid" / "small.yaml"], cache_dir=tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(Index.build(entities()))


def test_load_takes_one_path_or_several(tmp_path: Path) -> None:
    p = DATA / "valid" / "minimal.yaml"
    ids = [e.id for e in load([p], cache_dir=tmp_path).entities]
    assert [e.id for e in load(str(p), cache_dir=tmp_path).entities] == ids
    assert [e.id for e in load(p, cache_dir=str(tmp_path)).entities] == ids
    assert load((str(p),), cache_dir=tmp_path).paths == [str(p)]


@pytest.mark.parametrize("paths", [b"glossary.yaml", 5, [b"glossary.yaml"], [DATA / "valid" / "minimal.yaml", None]])
def test_load_refuses_what_is_no_path(paths: Any) -> None:
    with pytest.raises(TypeError, match="path"):
        load(paths)


def test_a_malformed_file_fails_at_load(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    shutil.copy(DATA / "invalid" / "unknown-type.yaml", bad)
    with pytest.raises(GlossaryError) as e:
        load(bad, cache_dir=tmp_path / "c")
    assert [str(p) for p in e.value.problems] == [f"{bad}:3:11: unknown type 'grop' ({TYPES})"]


def test_a_file_with_a_cache_is_not_parsed_at_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a file whose content has an index cache was valid when the cache was built
    p = tmp_path / "minimal.yaml"
    shutil.copy(DATA / "valid" / "minimal.yaml", p)
    assert load(p, cache_dir=tmp_path / "c").resolve("Kafr Nabl").match is not None  # builds the cache

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the glossary file was parsed")

    monkeypatch.setattr(glossary.glossary, "check", fail)
    assert load(p, cache_dir=tmp_path / "c").resolve("Kafr Nabl").match is not None


@pytest.mark.parametrize("query", [None, 5, b"Idlib", ["Idlib"]])
def test_resolve_takes_a_str(g: Glossary, resolver: Resolver, query: Any) -> None:
    with pytest.raises(TypeError, match="must be a str"):
        g.resolve(query)
    with pytest.raises(TypeError, match="must be a str"):
        resolver.resolve(query)


def test_resolve_many_takes_names_not_a_name(g: Glossary, resolver: Resolver) -> None:
    with pytest.raises(TypeError, match="not one name"):
        g.resolve_many("Idlib")
    with pytest.raises(TypeError, match="not one name"):
        resolver.resolve_many("Idlib")
    with pytest.raises(TypeError):
        resolver.resolve_many(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be a str"):
        list(resolver.resolve_many(["Idlib", None]))  # type: ignore[list-item]


def test_an_unknown_type_is_refused_with_the_types(g: Glossary, resolver: Resolver) -> None:
    calls = [lambda: g.resolve("Idlib", type="bogus"), lambda: g.resolve_many(["Idlib"], type="bogus"),
             lambda: g.search("Idlib", type="bogus"), lambda: g.list(type="bogus"),
             lambda: resolver.resolve("Idlib", type="bogus"), lambda: search(resolver, "Idlib", type="bogus")]
    for call in calls:
        with pytest.raises(ValueError, match=f"unknown type 'bogus' \\({TYPES}\\)"):
            call()


@pytest.mark.parametrize(("options", "error", "message"), [
    ({"threshold": 2}, ValueError, "threshold must be from 0 to 1, not 2"),
    ({"threshold": -0.1}, ValueError, "threshold must be from 0 to 1"),
    ({"threshold": float("nan")}, ValueError, "threshold must be from 0 to 1"),
    ({"threshold": "0.8"}, TypeError, "threshold must be a number"),
    ({"limit": 0}, ValueError, "limit must be at least 1, not 0"),
    ({"limit": 2.5}, TypeError, "limit must be an int"),
])
def test_out_of_range_options_are_refused(g: Glossary, options: dict[str, Any], error: type[Exception],
                                          message: str) -> None:
    with pytest.raises(error, match=message):
        g.resolve("Idlib", **options)
    with pytest.raises(error, match=message):
        g.resolve_many(["Idlib"], **options)


def test_options_are_keyword_only_and_named(g: Glossary) -> None:
    with pytest.raises(TypeError):
        g.resolve("Idlib", "place")  # type: ignore[misc]
    with pytest.raises(TypeError):
        g.resolve("Idlib", treshold=0.9)  # type: ignore[call-arg]
    assert g.resolve("Idlib", type="place", threshold=0.5, limit=1, explain=True).explanation is not None


def _collector() -> tuple[int, bool]:
    return gc.get_freeze_count(), gc.isenabled()


def test_resolve_many_leaves_the_collector_as_it_found_it(resolver: Resolver) -> None:
    names = [f"Idlib {i}" for i in range(300)]  # past the point where the batch freezes its index
    before = _collector()
    assert len(list(resolver.resolve_many(names))) == 300
    assert _collector() == before
    batch: Iterator[Any] = resolver.resolve_many(names)
    for _ in range(250):
        next(batch)
    batch.close()  # left unfinished
    assert _collector() == before


def test_resolve_many_leaves_what_the_caller_froze_or_stopped(resolver: Resolver) -> None:
    gc.freeze()
    gc.disable()
    try:
        frozen = _collector()
        assert frozen[0] > 0 and not frozen[1]
        list(resolver.resolve_many([f"Hama {i}" for i in range(300)]))
        count, enabled = _collector()
        # what the caller froze stays frozen (a frozen object that the batch let go of, such as an
        # entry its query memo dropped, is freed by its reference count and leaves the count), and
        # nothing of the batch's was added to it
        assert not enabled
        assert frozen[0] // 2 < count <= frozen[0]
    finally:
        gc.enable()
        gc.unfreeze()
