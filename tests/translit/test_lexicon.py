"""The vocalized word lexicon: its file, look-up with clitics split, and the build."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from glossary.translit import engine, lexicon
from glossary.translit.lexicon import Hit, Lexicon, core_of, splits
from glossary.translit.render import case, render

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data" / "translit" / "lexicon"

# a small lexicon: the splitting logic without the shipped data
SMALL = Lexicon.build([
    ("توزيع", "aoi..", 1),
    ("دمشق", "iao.", 1),
    ("دراسات", "ia.a..", 0),
    ("الكتاب", "..ia..", 0),      # known only with its article
    ("وتحقيق", "waoi..", 0),      # known only with wa-
    ("حلب", "aa.", 1),
])


def ala(word: str) -> str:
    hit = SMALL.lookup(word)
    assert hit is not None, word
    mapper = engine.compiled("ala-lc")
    assert isinstance(mapper, engine.Transcriber)
    return case(render(word, hit.labels, mapper)[0], hit.case)


@pytest.mark.parametrize(("word", "expected", "via"), [
    ("دمشق", "Dimashq", "word"),
    ("بدمشق", "bi-Dimashq", "clitics"),
    ("ولدمشق", "wa-li-Dimashq", "clitics"),
    ("والتوزيع", "wa-al-Tawzīʻ", "clitics"),       # the sun letter takes shadda: DIN writes wa-t-Tawzīʿ
    ("للدراسات", "lil-dirāsāt", "clitics"),
    ("وبالدراسات", "wa-bi-al-dirāsāt", "clitics"),
    ("كتاب", "kitāb", "clitics"),                  # the stem of الكتاب
    ("بالكتاب", "bi-al-kitāb", "clitics"),
    ("تحقيق", "taḥqīq", "clitics"),                # the stem of وتحقيق
    ("فتحقيق", "fa-taḥqīq", "clitics"),
])
def test_lookup_with_clitics(word: str, expected: str, via: str) -> None:
    hit = SMALL.lookup(word)
    assert hit is not None and hit.via == via
    assert ala(word) == expected


def test_sun_letter_per_scheme() -> None:
    hit = SMALL.lookup("والتوزيع")
    assert hit is not None
    out = {}
    for scheme in ("din31635", "bgn-pcgn", "simple"):
        mapper = engine.compiled(scheme)
        assert isinstance(mapper, engine.Transcriber)
        out[scheme] = render("والتوزيع", hit.labels, mapper)[0]
    assert out == {"din31635": "wa-t-Tawzīʿ", "bgn-pcgn": "wa at Tawzī‘", "simple": "wal-Tawzi"}


def test_misses() -> None:
    assert SMALL.lookup("مدينة") is None
    assert SMALL.lookup("بلد") is None  # ب + لد: a stem of two letters the lexicon does not hold
    assert SMALL.lookup("سحلب") is None  # sa- only before an imperfect verb (ي ت ن أ)
    assert SMALL.lookup("كحلب") is None  # ka- only before the article
    assert SMALL.lookup("كالكتاب") is not None


def test_splits_order() -> None:
    assert splits("وللدراسات") == [("", "", "وللدراسات"), ("و", "lil", "دراسات"), ("و", "", "للدراسات"),
                                  ("ول", "", "لدراسات")]
    assert splits("بدمشق")[:2] == [("", "", "بدمشق"), ("ب", "", "دمشق")]


def test_core_of() -> None:
    assert core_of("والتوزيع", "a..Aoi..") == ("وال", "توزيع", "aoi..")
    assert core_of("للنشر", "..Ao.") == ("لل", "نشر", "ao.")
    assert core_of("وتحقيق", "waoi..") == ("و", "تحقيق", "aoi..")
    assert core_of("محمد", "uaA.") == ("", "محمد", "uaA.")


def test_dumps_loads_round_trip_and_is_deterministic() -> None:
    data = SMALL.dumps()
    again = Lexicon.loads(data)
    assert (again.words, again.stems) == (SMALL.words, SMALL.stems)
    assert again.dumps() == data


def test_shipped_lexicon() -> None:
    lex = lexicon.default()
    assert lex.header["script"] == "tools/build_lexicon.py"
    assert lex.header["source"] == "../shared/data/translit/lexicon/alalc_words.tsv"
    assert len(lex) > 70_000
    assert (lexicon.LEXICON_PATH.parent / "LICENSE.camel-lab").read_text().startswith("\nCopyright (c) 2021, New York")
    assert lex.lookup("والتوزيع") == Hit("a..Aoi..", 1, "word")
    for word in ("بدمشق", "للدراسات", "والتوزيع", "حلب", "محمد"):
        assert lex.lookup(word) is not None, word


def test_shipped_lexicon_is_built_from_the_shared_table() -> None:
    source = SHARED / "alalc_words.tsv"
    if not source.exists():
        pytest.skip("shared lexicon data not available")
    assert lexicon.default().header["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    sys.path.insert(0, str(ROOT / "tools"))
    import build_lexicon

    data, unaligned, stats = build_lexicon.build(source)
    assert data == lexicon.LEXICON_PATH.read_bytes(), "run python tools/build_lexicon.py"
    assert unaligned == build_lexicon.UNALIGNED.read_text(encoding="utf-8")
    assert stats["aligned"] + sum(v for k, v in stats.items() if k.startswith("unaligned:")) == stats["rows"]
