"""tools/propose_vocalized.py: a proposal per entity without a vocalized form, with what calls for care."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]

TEXT = """\
entities:
  - id: hama
    type: place
    romanized: Hama
    arabic: حماة
    vocalized: حَمَاة
  - id: hama-governorate
    type: place
    romanized: Muhafazat Hama
    arabic: محافظة حماة
  - id: observatory
    type: media
    romanized: al-Marsad al-Suri li-Huquq al-Insan
    arabic: المرصد السوري لحقوق الإنسان
  - id: wrong-vowels
    type: place
    romanized: Mahafiz
    arabic: محافظة
  - id: latin-only
    type: media
    romanized: Reuters
  - id: typed-governorate
    type: place
    romanized: Muhafazat Hama
    arabic: محافظه حماة
"""


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("propose_vocalized", ROOT / "tools" / "propose_vocalized.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["propose_vocalized"] = mod
    spec.loader.exec_module(mod)
    return mod


def test_proposals_for_entities_without_a_vocalized_form(tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    g.write_text(TEXT, encoding="utf-8")
    rows = {r["id"]: r for r in _tool().proposals(str(g))}
    assert set(rows) == {"hama-governorate", "observatory", "wrong-vowels", "typed-governorate"}  # vocalized and
    # Latin-only left alone
    gov = rows["hama-governorate"]
    assert gov["proposal"] == "مُحَافَظَة حَمَاة"  # the lexicon's word, then the glossary's own Hama
    assert [w["source"] for w in gov["words"]] == ["lexicon", "glossary"]
    assert gov["ala-lc"] == "Muḥāfaẓat Ḥamāh" and gov["checks"] == []
    assert gov["command"] == f"glossary --glossary {g} edit hama-governorate --set 'vocalized=مُحَافَظَة حَمَاة'"
    assert "clitic" in rows["observatory"]["checks"]  # li-Huquq: a vocalized form would read Liḥuqūq
    assert rows["wrong-vowels"]["checks"] == ["differs"]  # its romanized name says other vowels
    # ه for ة: read as the lexicon's محافظة, which the entity's Arabic name does not write
    typed = rows["typed-governorate"]
    assert (typed["proposal"], typed["checks"]) == ("مُحَافَظَة حَمَاة", ["spelling"])
