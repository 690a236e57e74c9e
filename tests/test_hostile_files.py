"""Glossary files that try to cost too much: alias bombs, recursive aliases, deep nesting, FIFOs, devices.

Each is refused with a `Problem` at ``file:line:column``, promptly and without a traceback; a file
composed one entity at a time checks exactly as a file composed whole did.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from glossary import GlossaryError, load
from glossary.store import check, count_valid, read_sources
from glossary.store.compose import MAX_ALIASES, MAX_DEPTH, MAX_EXPANSION, document

DATA = Path(__file__).parent / "data"
HEAD = "schema: 1\nentities:\n  - id: a\n    type: group\n    romanized: A\n"


def _bomb(depth: int) -> str:
    """A "billion laughs": each level's list holds nine aliases of the one before (9**depth values)."""
    lines = ['    lol0: &l0 "lol"']
    for i in range(1, depth + 1):
        lines.append(f"    lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]")
    return HEAD + "    extra:\n" + "\n".join("  " + x for x in lines) + "\n"


def _problems(tmp_path: Path, text: str) -> list[str]:
    p = tmp_path / "g.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError) as e:
        load([p], cache_dir=tmp_path / "c")
    return [str(x) for x in e.value.problems]


@pytest.mark.parametrize("depth", [6, 9, 30])
def test_alias_bomb_is_refused_at_the_alias(tmp_path: Path, depth: int) -> None:
    # 360 bytes once expanded to 145 MB in validate and 523 MB in show; at depth 9 without bound
    problems = _problems(tmp_path, _bomb(depth))
    assert problems == [f"{tmp_path / 'g.yaml'}:13:18: YAML alias *l5 would expand the document beyond "
                        f"{MAX_EXPANSION} more nodes than it holds (aliases are bounded: write the values out)"]


def test_alias_expansion_under_the_bound_loads(tmp_path: Path) -> None:
    p = tmp_path / "g.yaml"
    p.write_text(_bomb(5), encoding="utf-8")  # 9**5 = 59,049 values: under the bound
    g = load([p], cache_dir=tmp_path / "c")
    assert len(g.get("a").extra["extra"]["lol5"]) == 9  # type: ignore[union-attr]


def test_alias_bomb_through_the_command_line(tmp_path: Path) -> None:
    p = tmp_path / "g.yaml"
    p.write_text(_bomb(9), encoding="utf-8")
    for args in (["validate", str(p)], ["--glossary", str(p), "show", "a"]):
        r = subprocess.run([sys.executable, "-m", "glossary", *args], capture_output=True, text=True, timeout=60,
                           check=False, env={**os.environ, "GLOSSARY_CACHE_DIR": str(tmp_path / "c")})
        assert r.returncode == 2 and "Traceback" not in r.stderr and "YAML alias *l5 would expand" in r.stdout + r.stderr


def test_a_few_small_aliases_are_fine(tmp_path: Path) -> None:
    p = tmp_path / "g.yaml"
    p.write_text(HEAD + "    sources: [&src {title: T, publisher: P}]\n"
                 "  - id: b\n    type: group\n    romanized: B\n    sources: [*src]\n", encoding="utf-8")
    g = load([p], cache_dir=tmp_path / "c")
    assert [s.title for e in g for s in e.sources] == ["T", "T"]


def test_too_many_aliases(tmp_path: Path) -> None:
    text = HEAD + "    extra:\n      - &x x\n" + "".join("      - *x\n" for _ in range(MAX_ALIASES + 1))
    problems = _problems(tmp_path, text)
    assert len(problems) == 1 and f"more than {MAX_ALIASES} YAML aliases" in problems[0]
    assert problems[0].startswith(f"{tmp_path / 'g.yaml'}:{8 + MAX_ALIASES}:9: ")


def test_recursive_alias(tmp_path: Path) -> None:
    assert _problems(tmp_path, HEAD + "    extra: &r [1, *r]\n") == [
        f"{tmp_path / 'g.yaml'}:6:19: YAML alias *r is inside the node it names (a recursive alias)"]


def test_undefined_alias(tmp_path: Path) -> None:
    assert _problems(tmp_path, HEAD + "    extra: *nowhere\n") == [
        f"{tmp_path / 'g.yaml'}:6:12: YAML syntax error: found undefined alias *nowhere"]


def test_deep_nesting(tmp_path: Path) -> None:
    deep = "[" * (MAX_DEPTH + 10) + "]" * (MAX_DEPTH + 10)
    problems = _problems(tmp_path, HEAD + f"    extra: {deep}\n")
    assert problems == [f"{tmp_path / 'g.yaml'}:6:{12 + MAX_DEPTH - 3}: YAML nested deeper than {MAX_DEPTH} levels"]


def test_two_documents(tmp_path: Path) -> None:
    assert _problems(tmp_path, HEAD + "---\n" + HEAD) == [
        f"{tmp_path / 'g.yaml'}:6:1: YAML syntax error: expected a single document in the stream but found another document"]


def test_composing_entity_by_entity_checks_as_composing_whole() -> None:
    """Every invalid test file, and the valid ones, give the problems and entities they gave when
    composed whole with ruamel.yaml (the reference, done here)."""
    from ruamel.yaml import YAML

    from glossary.store.validate import check_document
    from glossary.store.read import _decode

    for path in sorted((DATA / "invalid").glob("*.yaml")) + sorted((DATA / "valid").glob("*.yaml")):
        sources = read_sources([path])
        entities, problems = check(sources)
        count, counted = count_valid(sources)
        assert (count, counted) == (len(entities), problems), path
        text, found = _decode(sources[0])
        if text is None or "syntax" in path.name:
            continue
        doc = check_document(str(path), YAML(typ="safe", pure=False).compose(text))
        assert sorted(set(doc.problems)) == [p for p in problems if "names unknown id" not in p.message
                                              and "duplicate id" not in p.message], path
        assert [e["id"] for e in doc.entities if not e.get("_invalid")] == [e.id for e in entities], path


def test_document_yields_entities_one_at_a_time() -> None:
    text = "entities:\n" + "".join(f"  - {{id: e{i}, type: group, romanized: E{i}}}\n" for i in range(5)) + "schema: 1\n"
    items = list(document("g.yaml", text))
    assert [k for k, _ in items] == ["entity"] * 5 + ["root"]
    root = items[-1][1]
    assert [(k.value, type(v).__name__, len(v.value)) for k, v in root.value] == [("entities", "SequenceNode", 0),
                                                                                   ("schema", "ScalarNode", 1)]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "g.yaml"
    os.mkfifo(fifo)
    done: list[list[str]] = []

    def attempt() -> None:
        try:
            load([fifo], cache_dir=tmp_path / "c")
        except GlossaryError as e:
            done.append([str(p) for p in e.problems])

    t = threading.Thread(target=attempt, daemon=True)
    t.start()
    t.join(timeout=20)
    assert not t.is_alive(), "load() blocked on a FIFO"
    assert done == [[f"{fifo}:1:1: not a regular file (a FIFO): a glossary must be a file"]]
    r = subprocess.run([sys.executable, "-m", "glossary", "--glossary", str(fifo), "lookup", "x"], capture_output=True,
                       text=True, timeout=60, check=False)
    assert r.returncode == 2 and r.stderr == f"{fifo}:1:1: not a regular file (a FIFO): a glossary must be a file\n"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_device_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLOSSARY_PATH", "/dev/zero")
    with pytest.raises(GlossaryError) as e:
        load()
    assert [str(p) for p in e.value.problems] == ["/dev/zero:1:1: not a regular file (a device): a glossary must be a file"]
