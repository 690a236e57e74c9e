"""A warm `glossary lookup` (index cache in place) loads only what the card needs.

Run in a fresh interpreter, as a user's command: no YAML parser, no babel locale data (the cache
keeps babel's text), no dataset readers, no table generators.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SMALL = Path(__file__).parents[1] / "data" / "valid" / "small.yaml"
PROBE = """
import json, sys
from glossary.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""
NOT_LOADED = ("babel", "ruamel", "glossary.store.validate", "glossary.cli.dedupe", "glossary.dedupe", "yaml",
              "glossary.translit._genschemes")


def modules_after(args: list[str], cache: Path) -> tuple[str, set[str]]:
    env = {**os.environ, "GLOSSARY_CACHE_DIR": str(cache)}
    env.pop("GLOSSARY_PATH", None)
    r = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, encoding="utf-8", env=env,
                       timeout=120, check=False)
    return r.stdout, set(json.loads(r.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize("args", [
    ["lookup", "Jaish al-Izzah"],                      # a card with sources: dates and languages
    ["lookup", "Jaish al-Izzah", "--locale", "ar"],
    ["lookup", "Jabhat al-Izza al-Kubra"],             # a miss: did you mean, with scores
    ["lookup", "Idlib"],                               # ambiguous
])
def test_warm_lookup_loads_no_babel_yaml_or_readers(tmp_path: Path, args: list[str]) -> None:
    full = ["--glossary", str(SMALL), *args]
    cold_out, cold = modules_after(full, tmp_path)
    assert "ruamel.yaml" in cold  # the first command parsed the file and wrote the cache
    warm_out, warm = modules_after(full, tmp_path)
    assert warm_out == cold_out and warm_out.strip()
    assert not {m for m in warm if m.split(".")[0] in NOT_LOADED or m in NOT_LOADED}


@pytest.mark.parametrize("args", [["lookup", "Jaish al-Izzah", "--json"], ["lookup", "Jabhat al-Izza al-Kubra", "--json"]])
def test_warm_json_lookup_loads_no_rich(tmp_path: Path, args: list[str]) -> None:
    """JSON needs no terminal rendering: a script calling lookup once per name starts without rich."""
    full = ["--glossary", str(SMALL), *args]
    modules_after(full, tmp_path)
    out, warm = modules_after(full, tmp_path)
    assert json.loads(out)["query"] == args[1]
    assert not {m for m in warm if m.split(".")[0] in (*NOT_LOADED, "rich") or m == "glossary.cli.render"}


@pytest.mark.parametrize("args", [["lookup", "Jaish al-Izzah"], ["lookup", "Jabhat al-Izza al-Kubra"], ["lookup", "Idlib"],
                                  ["show", "jaysh-al-izza"]])
def test_warm_piped_lookup_loads_no_rich(tmp_path: Path, args: list[str]) -> None:
    """Piped, a card or a did-you-mean is laid out in plain columns: rich is not imported."""
    full = ["--glossary", str(SMALL), *args]
    modules_after(full, tmp_path)
    out, warm = modules_after(full, tmp_path)
    assert out.strip() and not {m for m in warm if m.split(".")[0] == "rich" or m == "glossary.cli.render"}


def test_main_called_with_arguments_leaves_the_collector_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the command itself (no ``argv``: the whole process) freezes what is loaded out of the collector's way."""
    import gc

    from glossary.cli import main

    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path))
    frozen = gc.get_freeze_count()
    with pytest.raises(SystemExit) as e:
        main(["--glossary", str(SMALL), "lookup", "Jaish al-Izzah", "--json"])
    assert e.value.code == 0 and gc.get_freeze_count() == frozen
