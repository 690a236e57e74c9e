"""The message catalogs are fresh: the template holds every message of the code, each language's
catalog translates every one of them (placeholders kept), and each compiled ``.mo`` is its ``.po``.

When one fails: ``python tools/catalogs.py`` (pybabel extract, update, compile), translate what
it added to ``src/glossary/locale/<code>/LC_MESSAGES/glossary.po``, and run it again.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from glossary.i18n import DOMAIN, LOCALE_DIR, LOCALES, Locale

ROOT = Path(__file__).parents[1]
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
LANGUAGES = [code for code in LOCALES if code != "en"]


def _tool() -> Any:
    spec = importlib.util.spec_from_file_location("catalogs", ROOT / "tools" / "catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read(path: Path, locale: str | None = None) -> Catalog:
    with open(path, "rb") as f:
        return read_po(f, locale=locale)


def _messages(catalog: Catalog) -> dict[Any, Any]:
    def hashable(x: Any) -> Any:
        return tuple(x) if isinstance(x, (list, tuple)) else x

    return {hashable(m.id): hashable(m.string) for m in catalog if m.id}


def test_template_holds_every_message_of_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.pot"
    _tool().extract(fresh)
    assert sorted(map(str, _messages(_read(fresh)))) == sorted(map(str, _messages(_read(TEMPLATE)))), \
        "the template is stale: python tools/catalogs.py"


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalog_translates_every_message(code: str) -> None:
    catalog = _read(LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po", code)
    template = _messages(_read(TEMPLATE))
    assert set(_messages(catalog)) == set(template), "the catalog is not updated: python tools/catalogs.py"
    assert not catalog.obsolete
    for m in catalog:
        if not m.id:
            continue
        assert not m.fuzzy, m.id
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        assert len(strings) == (catalog.num_plurals if isinstance(m.id, tuple) else 1) and all(strings), m.id
        wanted = set(re.findall(r"{(\w+)}", ids[-1]))
        for s in strings:  # never a name the code does not give; a plural form may leave out its count ("two" is a word)
            found = set(re.findall(r"{(\w+)}", s))
            assert found <= wanted and len(wanted - found) <= (1 if len(ids) > 1 else 0), (m.id, s)


@pytest.mark.parametrize("code", LANGUAGES)
def test_compiled_catalog_is_its_source(code: str) -> None:
    folder = LOCALE_DIR / code / "LC_MESSAGES"
    with open(folder / f"{DOMAIN}.mo", "rb") as f:
        compiled = read_mo(f)
    assert _messages(compiled) == _messages(_read(folder / f"{DOMAIN}.po", code)), \
        "the .mo is stale: python tools/catalogs.py"


def test_arabic_plurals_take_their_six_forms() -> None:
    t = Locale("ar")
    forms = [t.ngettext("{n} entity", "{n} entities", n).format(n=t.count(n)) for n in (0, 1, 2, 3, 11, 100)]
    assert forms == ["٠ كيان", "كيان واحد", "كيانان", "٣ كيانات", "١١ كيانًا", "١٠٠ كيان"]
    assert Locale("en").ngettext("{n} entity", "{n} entities", 1) == "{n} entity"
