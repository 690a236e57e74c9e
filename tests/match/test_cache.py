"""The index cache: warm opens need no entities; stale, corrupt or foreign files are rebuilt."""

from __future__ import annotations

import sqlite3
from array import array
from pathlib import Path

import pytest

from glossary.match import Index, Resolver, search
from glossary.match.cache import cache_dir, cache_path, open_or_build
from glossary.match.memory import MemoryStore
from glossary.match.sqlite import SqliteStore

from ._data import entities


class Builds:
    """A build callable that counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> list:  # type: ignore[type-arg]
        self.calls += 1
        return entities()


def test_warm_cache_needs_no_build(tmp_path: Path) -> None:
    b = Builds()
    cold = open_or_build("h1", b, tmp_path)
    assert b.calls == 1 and isinstance(cold.store, MemoryStore)
    warm = open_or_build("h1", b, tmp_path)
    assert b.calls == 1 and isinstance(warm.store, SqliteStore)
    assert warm.ids() == cold.ids() and len(warm) == len(cold)
    for q in ["Jaish al-Izzah", "Idlib", "Hama", "Khmeimim", "Muhammad Ali al-Zubaydi", "HTS", "FSA", "nothing"]:
        assert Resolver(warm).resolve(q, explain=True).to_dict() == Resolver(cold).resolve(q, explain=True).to_dict()
    assert search(Resolver(warm), "Jaysh") == search(Resolver(cold), "Jaysh")


def test_entity_from_cache_without_yaml(tmp_path: Path) -> None:
    open_or_build("h1", Builds(), tmp_path)
    warm = open_or_build("h1", Builds(), tmp_path)
    e = warm.entity("bashar-al-asad")
    assert e is not None and e == next(x for x in entities() if x.id == "bashar-al-asad")
    assert warm.entity("no-such-id") is None


def test_in_memory_copy_answers_the_same(tmp_path: Path) -> None:
    open_or_build("h1", Builds(), tmp_path)
    warm = open_or_build("h1", Builds(), tmp_path)
    mem = warm.in_memory()
    assert isinstance(mem.store, MemoryStore)
    qs = ["Jaish al-Izzah", "Kafranbel", "Abdulkadir Saleh", "Jaysh al-Mujahideen"]
    assert [r.to_dict() for r in Resolver(mem).resolve_many(qs)] == [Resolver(warm).resolve(q).to_dict() for q in qs]


def test_the_cache_loaded_whole_is_the_index_built(tmp_path: Path) -> None:
    """Every table of the store read back whole equals the one built, postings as arrays of C ints both ways."""
    built = Index.build(entities()).store
    open_or_build("h1", Builds(), tmp_path)
    loaded = open_or_build("h1", Builds(), tmp_path).in_memory().store
    assert isinstance(built, MemoryStore) and isinstance(loaded, MemoryStore)
    for table in ("keys", "posting", "form_posting"):
        a, b = getattr(built, table), getattr(loaded, table)
        assert a == b and {type(v) for v in a.values()} == {type(v) for v in b.values()} == {array}, table
    assert (built.near, built.dfs, built.names) == (loaded.near, loaded.dfs, loaded.names)


def test_stale_hash_rebuilds(tmp_path: Path) -> None:
    b = Builds()
    open_or_build("h1", b, tmp_path)
    open_or_build("h2", b, tmp_path)
    assert b.calls == 2
    assert cache_path("h2", tmp_path).exists()


@pytest.mark.parametrize("damage", ["garbage", "empty", "truncated", "wrong-schema", "no-meta"])
def test_corrupt_cache_is_rebuilt_silently(tmp_path: Path, damage: str, capsys: pytest.CaptureFixture[str]) -> None:
    open_or_build("h1", Builds(), tmp_path)
    path = cache_path("h1", tmp_path)
    if damage == "garbage":
        path.write_bytes(b"\x00not a database" * 100)
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:2000])
    else:
        con = sqlite3.connect(path)
        if damage == "wrong-schema":
            con.execute("UPDATE meta SET v = 'other code' WHERE k = 'code'")
        else:
            con.execute("DROP TABLE meta")
        con.commit()
        con.close()
    b = Builds()
    idx = open_or_build("h1", b, tmp_path)
    assert b.calls == 1
    assert Resolver(idx).resolve("Jaish al-Izzah").match.id == "jaysh-al-izza"  # type: ignore[union-attr]
    assert open_or_build("h1", Builds(), tmp_path).store.__class__ is SqliteStore  # rewritten
    assert capsys.readouterr().err == ""


def test_damage_after_open_falls_back(tmp_path: Path) -> None:
    open_or_build("h1", Builds(), tmp_path)
    b = Builds()
    warm = open_or_build("h1", b, tmp_path)
    assert isinstance(warm.store, SqliteStore)
    warm.store.con.close()  # any SQLite error from now on
    assert Resolver(warm).resolve("Jaish al-Izzah").match.id == "jaysh-al-izza"  # type: ignore[union-attr]
    assert b.calls == 1


def test_unwritable_cache_dir_still_works(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    idx = open_or_build("h1", Builds(), blocker / "sub")
    assert Resolver(idx).resolve("حماة").match.id == "hama"  # type: ignore[union-attr]


def test_cache_dir_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "g"))
    assert cache_dir() == tmp_path / "g"
    monkeypatch.delenv("GLOSSARY_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert cache_dir() == tmp_path / "x" / "glossary"


@pytest.mark.parametrize("variable", ["GLOSSARY_CACHE_DIR", "XDG_CACHE_HOME"])
def test_a_relative_cache_dir_is_read_back(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, variable: str) -> None:
    """A relative cache directory is read back, not rebuilt by every command (issue 20: the file's
    URI could not be made from a relative path, and the error meant "no cache")."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GLOSSARY_CACHE_DIR", raising=False)
    monkeypatch.setenv(variable, "rel")
    assert cache_dir().is_absolute()
    b = Builds()
    open_or_build("h1", b, cache_dir())
    warm = open_or_build("h1", b, cache_dir())
    assert b.calls == 1 and isinstance(warm.store, SqliteStore)
    warm = open_or_build("h1", b, Path("rel") if variable == "GLOSSARY_CACHE_DIR" else Path("rel/glossary"))
    assert b.calls == 1 and isinstance(warm.store, SqliteStore)


def test_no_pickle_in_cache(tmp_path: Path) -> None:
    open_or_build("h1", Builds(), tmp_path)
    con = sqlite3.connect(cache_path("h1", tmp_path))
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"meta", "entities", "names", "keys", "posting", "near", "forms", "vocalized", "locale_text"}
    blob = con.execute("SELECT v FROM keys LIMIT 1").fetchone()[0]
    assert isinstance(blob, bytes) and len(blob) % 4 == 0 and not blob.startswith(b"\x80")  # int arrays, not pickle


def test_the_key_is_a_checksum_of_the_code_remembered_under_its_status(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import glossary.store.read
    from glossary.match import cache

    monkeypatch.setattr(glossary.store.read, "_RACY_NS", 0)  # (a fresh checkout's files were just written)
    files = list(cache._files(Path(cache.__file__).parents[1]))
    assert {name for name, _path, _st in files} >= {"match/cache.py", "names/normalize.py", "names/tables/latin.yaml",
                                                     "names/_generated/folded.py", "model.py"}
    fresh = cache._checksum((name, Path(path)) for name, path, _st in files)
    assert cache._code_hash.__wrapped__(tmp_path) == fresh  # computed, and recorded
    monkeypatch.setattr(cache, "_checksum", lambda files: "read again")
    assert cache._code_hash.__wrapped__(tmp_path) == fresh  # the record answers: no file read
    assert cache_path("h1", tmp_path).name == f"index-h1-{fresh}.sqlite"


def test_vocalized_names_come_from_the_cache_without_the_entities(tmp_path: Path) -> None:
    # a warm card or translit asks the index, one row by Arabic key, never every entity (a card
    # of a glossary of 300,000 entities took 9 s when the look-up was built from all of them)
    from glossary import load

    path = tmp_path / "g.yaml"
    path.write_text(
        "entities:\n"
        "  - id: hama\n    type: place\n    romanized: Hama\n    arabic: حماة\n    vocalized: حَمَاة\n"
        "  - id: city\n    type: place\n    romanized: Madina\n    arabic: مدينة\n"
        "  - id: two\n    type: group\n    romanized: Liwa Hama\n    arabic: لواء حماة\n    vocalized: لِوَاء حَمَاة\n"
        "  - id: other\n    type: group\n    romanized: Liwa Hamat\n    arabic: لواء حماه\n    vocalized: لِوَاء حُمَاة\n",
        encoding="utf-8")
    cold = load(path, cache_dir=tmp_path / "cache")
    assert cold.vocalized_for("حماه") == "حَمَاة" and cold.vocalized_for("حلب") is None
    assert cold.vocalized_for("مدينة") == ""  # a name the glossary knows without a vocalized form
    assert cold.vocalized_for("لواء حماة") is None  # two names vocalize one key differently: neither
    cold.index  # noqa: B018  (built and cached)
    warm = load(path, cache_dir=tmp_path / "cache")
    assert isinstance(warm.index.store, SqliteStore) and "entities" not in warm.__dict__
    assert warm.vocalized_for("حماه") == "حَمَاة" and warm.vocalized_for("لواء حماة") is None
    assert warm.vocalized_for("مدينة") == "" and warm.vocalized_for("حلب") is None
    assert warm.index.store.vocal_span == 2
    assert warm.transliterate("مدينة حماة").words[-1].source == "glossary"
    assert "entities" not in warm.__dict__
    from glossary.names import arabic

    assert warm.index.in_memory().store.vocalized_for(arabic("حماة")) == "حَمَاة"


def test_keys_holding_at_most_so_many_names_are_read_alike_from_the_file(tmp_path: Path) -> None:
    """`lookup_at_most` leaves out the keys of more names unread, from the file as in memory, and the
    letter n-grams found from the file are those found in memory (a trigram too common to vote is
    never read)."""
    from glossary.match.candidates import GRAM_CAP, _ngram_candidates_py, ngram_candidates
    from glossary.match.keys import gram_keys

    built = Index.build(entities()).store
    open_or_build("h1", Builds(), tmp_path)
    warm = open_or_build("h1", Builds(), tmp_path).store
    assert isinstance(warm, SqliteStore) and isinstance(built, MemoryStore)
    keys = sorted(built.keys)
    sizes = sorted({len(v) for v in built.keys.values()})
    assert len(sizes) > 3  # keys of one name and of many
    for most in (0, 1, 2, sizes[len(sizes) // 2], sizes[-1]):
        want = {k: v for k, v in built.lookup_by_key(keys).items() if len(v) <= most}
        assert warm.lookup_at_most(keys, most) == want == built.lookup_at_most(keys, most), most
    for forms in ("jayshalizza", "kafrnabl", "idlib", "zubaydi", "xqzv"):
        assert gram_keys(forms)
        for cap in (1, 2, GRAM_CAP):
            expect = _ngram_candidates_py(built, forms, cap=cap)
            assert ngram_candidates(warm, forms, cap=cap) == ngram_candidates(built, forms, cap=cap) == expect, (forms, cap)


@pytest.mark.parametrize("kept", [0, 3, 6, 12, 8_000_000])
def test_word_postings_kept_once_read_are_the_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kept: int) -> None:
    """Word postings read again (kept, or forgotten when more than `POSTINGS_KEPT` name numbers are
    kept) are the file's, and a skeleton the file lacks stays absent."""
    from glossary.match import sqlite as sq

    monkeypatch.setattr(sq, "POSTINGS_KEPT", kept)
    built = Index.build(entities()).store
    open_or_build("h1", Builds(), tmp_path)
    warm = open_or_build("h1", Builds(), tmp_path).store
    assert isinstance(warm, SqliteStore) and isinstance(built, MemoryStore)
    skels = sorted(built.posting)[:40] + ["no-such-skeleton"]
    asks = [skels, skels[::2], skels[5:25], skels, ["no-such-skeleton"], skels[::-1]]
    for k in range(0, 39, 2):  # a skeleton kept, then asked again beside one that makes room for itself
        asks += [[skels[k]], [skels[k], skels[k + 1]]]
    for ask in asks:
        assert warm.word_postings(ask) == built.word_postings(ask)
    assert warm._postings_size <= kept
