"""The wheel: built from the project's files as a user's ``pip wheel .`` builds it, it carries the
compiled core, the vocalizer's kernel and every package data file, and the installed command answers from it alone.

The build copies the tracked files (``git ls-files``, as they are in the working tree) to a
temporary folder, so that nothing built before (``build/``, an in-place ``_core`` module) leaks
in, and runs ``pip wheel`` without build isolation (nothing is fetched: Cython and setuptools
are the test environment's). It compiles the C++ core once, about a minute on two cores.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tracked() -> list[str]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the wheel is built from the tracked files")
    out = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True)
    return [p for p in out.stdout.decode().split("\0") if p]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("g++") is None and shutil.which("c++") is None:
        pytest.skip("no C++ compiler: the wheel would be the pure-Python one")
    src = tmp_path_factory.mktemp("src")
    for rel in _tracked():
        path = ROOT / rel
        if path.is_file():  # (a symbolic link is copied as the file it names, as pip does)
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, src / rel)
    out = tmp_path_factory.mktemp("wheel")
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                          "-w", str(out), str(src)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    (found,) = out.glob("glossary-*.whl")
    return found


def test_the_wheel_is_platform_specific_and_carries_the_compiled_core(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "-py3-none-any" not in wheel.name  # a wheel with a native module names its platform
    assert any(n.startswith("glossary/match/_core.") and n.endswith((".so", ".pyd")) for n in names)
    assert any(n.startswith("glossary/translit/_vocal.") and n.endswith((".so", ".pyd")) for n in names)


def test_the_wheel_carries_every_package_data_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    data = {rel.removeprefix("src/") for rel in _tracked()
            if rel.startswith("src/glossary/") and not rel.endswith((".py", ".po", ".pot"))}
    assert data, "no package data tracked?"
    assert data <= names, sorted(data - names)
    assert not any(n.startswith(("tests/", "bench/", "tools/")) for n in names)


def test_the_command_answers_from_the_unpacked_wheel_alone(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site), "GLOSSARY_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    env.pop("GLOSSARY_PURE_PYTHON", None)
    where = subprocess.run([sys.executable, "-c", "import glossary, glossary.match._core as c; print(glossary.__file__);"
                            " print(c.__file__)"], capture_output=True, text=True, env=env, cwd=tmp_path, check=True)
    assert all(line.startswith(str(site)) for line in where.stdout.split()), where.stdout
    version = subprocess.run([sys.executable, "-m", "glossary", "--version"], capture_output=True, text=True,
                             env=env, cwd=tmp_path, check=True)
    assert "compiled core loaded" in version.stdout and "compiled kernel loaded" in version.stdout
    found = subprocess.run([sys.executable, "-m", "glossary", "resolve", "Jaish al-Izzah"], capture_output=True,
                           text=True, env=env, cwd=tmp_path, check=False)
    assert found.returncode == 0 and "jaysh-al-izza" in found.stdout, found.stdout + found.stderr
    # the lexicon ships: a word it knows through its proclitics romanizes as from the source tree
    word = ["translit", "--json", "والتوزيع"]
    packed = subprocess.run([sys.executable, "-m", "glossary", *word], capture_output=True, text=True, env=env,
                            cwd=tmp_path, check=False)
    here = subprocess.run([sys.executable, "-m", "glossary", *word], capture_output=True, text=True, check=False,
                          env={**env, "PYTHONPATH": str(ROOT / "src")})
    assert packed.returncode == 0 and packed.stdout == here.stdout, packed.stdout + packed.stderr
    assert '"lexicon"' in packed.stdout
