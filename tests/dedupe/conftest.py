"""Fixtures for the dedupe tests: a small glossary file (a writable copy) and the glossary loaded from it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture()
def glossary_file(tmp_path: Path) -> Path:
    """A writable copy of the small test glossary."""
    p = tmp_path / "glossary.yaml"
    shutil.copy(DATA / "glossary.yaml", p)
    return p


@pytest.fixture()
def small(glossary_file: Path) -> Any:
    """The small glossary, loaded (its index cache in the test's temporary directory)."""
    from glossary import load

    return load([glossary_file], cache_dir=glossary_file.parent / "cache")
