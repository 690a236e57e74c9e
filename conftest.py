"""Shared fixtures: an isolated index cache per test, and the small test glossary."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "tests" / "data"
SMALL = DATA / "valid" / "small.yaml"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite the golden renders in tests/golden/ instead of comparing with them.")


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("GLOSSARY_PATH", raising=False)
    # output as a pipe gets it, in English, whatever the terminal running the tests says
    for name in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture()
def small() -> Path:
    """The small test glossary."""
    return SMALL
