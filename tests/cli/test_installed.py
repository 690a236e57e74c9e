"""The installed `glossary` command, run as a user would: from another directory, in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

EXE = shutil.which("glossary")
pytestmark = pytest.mark.skipif(EXE is None, reason="the package is not installed (pip install -e '.[test]')")


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    assert EXE is not None
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([EXE, *args], cwd=cwd, env=full_env, capture_output=True, text=True, encoding="utf-8", timeout=120,
                          check=False)


def test_lookup_from_any_directory(tmp_path: Path) -> None:
    r = run("lookup", "Kafranbel", cwd=tmp_path, env={"GLOSSARY_CACHE_DIR": str(tmp_path / "c")})
    assert r.returncode == 0, r.stderr
    assert "كفر نبل" in r.stdout and "\x1b[" not in r.stdout
    # warm cache: same answer
    r2 = run("lookup", "Kafranbel", cwd=tmp_path, env={"GLOSSARY_CACHE_DIR": str(tmp_path / "c")})
    assert r2.stdout == r.stdout


def test_batch_resolve_arabic_in_and_out(tmp_path: Path) -> None:
    p = subprocess.run([EXE or "glossary", "resolve", "-"], input="جيش العزة\nJeish al-Ezza\n", cwd=tmp_path,
                       capture_output=True, text=True, encoding="utf-8", env={**os.environ, "GLOSSARY_CACHE_DIR": str(tmp_path)},
                       check=False)
    rows = [json.loads(x) for x in p.stdout.splitlines()]
    assert p.returncode == 0 and [r["match"]["id"] for r in rows] == ["jaysh-al-izza", "jaysh-al-izza"]


def test_bad_file_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"entities:\n  - id: a\n    type: group\n    romanized: caf\xe9\n")
    r = run("--glossary", str(bad), "lookup", "x", cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip() == f"{bad}:4:19: file is not UTF-8: byte 0xe9 at offset 54"
