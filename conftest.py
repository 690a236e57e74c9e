"""Shared fixtures: an isolated index cache per test, and the small test glossary."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "tests" / "data"
SMALL = DATA / "valid" / "small.yaml"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("GLOSSARY_PATH", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture()
def small() -> Path:
    """The small test glossary."""
    return SMALL
