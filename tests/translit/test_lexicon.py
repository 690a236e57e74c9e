"""The vocalized word lexicon: its file, look-up with clitics split, and the build."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from glossary.translit import engine, lexicon
from glossary.translit.lexicon import Hit, Lexicon, core_of, splits, suffixes_of
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
    assert (again.words, again.stems, again.votes, again.cases) == (SMALL.words, SMALL.stems, SMALL.votes, SMALL.cases)
    assert again.dumps() == data


def test_a_clitic_form_takes_the_case_its_stems_clitic_forms_have() -> None:
    """A catalogue capitalizes a title's first word: a stem's own case says less about its clitic
    forms than they do about each other (`lexicon.clitic_cases`, learned from the lexicon)."""
    lex = Lexicon.build([
        ("حوار", "ia..", 1),  # capitalized alone (a title's first word) ...
        ("الحوار", "..ia..", 0), ("بالحوار", "i..ia..", 0), ("للحوار", "..ia..", 0),  # ... never after a clitic
        ("دمشق", "iao.", 1), ("بدمشق", "biao.", 1), ("ودمشق", "wiao.", 1),  # a proper name
    ])
    assert lex.header["clitic_cases"] == {"1:low": 0, "1:up": 1}  # (cells of a few forms: no proclitics apart)
    assert lex.votes == {"حوار": "low", "دمشق": "up"}
    assert lex.lookup("والحوار") == Hit("a..ia..", 0, "clitics")
    assert lex.lookup("حوار") == Hit("ia..", 1, "word")  # the word itself as the catalogue writes it
    assert lex.lookup("لدمشق") == Hit("biao.", 1, "clitics")  # (b: a proclitic read with i)
    assert Lexicon.loads(lex.dumps()).lookup("والحوار") == Hit("a..ia..", 0, "clitics")


def test_a_clitic_forms_proclitics_count_when_enough_forms_show_them() -> None:
    """Names capitalized alone whose clitic forms are lower-case: with the article a form is
    capitalized (25 of 25), with wa- or fa- not; a cell of 20 forms or more keeps its proclitics."""
    firsts, others = "بجحخعغفقكمه", "درسلنتزصطض"
    stems = [a + b + c for a in firsts for b in others for c in others if b != c][:50]
    entries = []
    for stem in stems[:25]:
        entries += [(stem, "aa.", 1), ("ال" + stem, "..aa.", 1), ("و" + stem, "waa.", 0), ("ب" + stem, "baa.", 0)]
    for stem in stems[25:]:
        entries += [(stem, "aa.", 1), ("و" + stem, "waa.", 0), ("ب" + stem, "baa.", 0), ("ف" + stem, "waa.", 0)]
    lex = Lexicon.build(entries)
    assert lex.header["clitic_cases"]["1:low"] == 0 and lex.header["clitic_cases"]["1:low:ال"] == 1
    new = stems[25]  # a stem of the second kind: its clitic forms lower-case
    assert lex.lookup("ال" + new) == Hit("..aa.", 1, "clitics")  # the article's own cell
    assert lex.lookup("ل" + new) == Hit("baa.", 0, "clitics")  # no cell of its own: without proclitics
    assert Lexicon.loads(lex.dumps()).lookup("ال" + new) == Hit("..aa.", 1, "clitics")


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


# the small lexicon with suffixes given (a lexicon counts its own: `suffixes_of`)
SUFFIXED = Lexicon(SMALL.words, SMALL.stems, {"suffixes": ["ات", "ي", "ين", "هم"]})


@pytest.mark.parametrize(("word", "expected"), [
    ("حلبي", "aa??"),                  # the stem's last letter is left to choose: its vowel is the suffix's
    ("دمشقي", "iao??"),
    ("بالتوزيعات", "i..Aoi.???"),     # proclitic and article split first; the sun letter's shadda
    ("ودراساتهم", "wia.a.???"),
    ("الكتابات", "..ia.???"),          # a stem known only with its article
])
def test_partial_key_gives_a_known_stem_labels(word: str, expected: str) -> None:
    assert SMALL.lookup(word) is None
    assert SUFFIXED.lookup(word) is None  # a known stem is not a lexicon hit
    hit = SUFFIXED.partial_key(word)
    assert hit is not None and (hit.labels, hit.via) == (expected, "stem")


def test_partial_key_misses() -> None:
    assert SUFFIXED.partial_key("حلبن") is None      # ـن is not among the suffixes
    assert SUFFIXED.partial_key("حلم") is None       # no stem of two letters or more
    assert SMALL.partial_key("حلبي") is None         # no suffixes: the lexicon before
    taa = Lexicon.build([("مدرسة", "aoaa.", 0)], {})
    assert Lexicon(taa.words, taa.stems, {"suffixes": ["ين"]}).partial_key("مدرستين") == Hit("aoaa???", 0, "stem")


def test_suffixes_are_counted_from_the_lexicon() -> None:
    """An ending after which the shorter word's labels are kept in most pairs is a suffix; an
    ending that mostly joins unrelated words is not; a rare one is not counted."""
    words = {}
    for k in range(40):
        stem = "كتب" + chr(0x0628 + k % 20) + chr(0x0628 + k // 20)
        words[stem] = "aoa.a0"
        words[stem + "ات"] = "aoa.a..0"              # the stem's labels kept: a suffix
        words[stem + "ن"] = "uiu.a.0"                # other labels: an unrelated word
    words["حلب"], words["حلبو"] = "aa.1", "aa..1"
    assert suffixes_of(words) == ["ات"]
    assert Lexicon.build([(w, v[:-1], int(v[-1])) for w, v in words.items()]).header["suffixes"] == ["ات"]


def test_the_future_particle_is_not_split_off() -> None:
    """س opens many words itself (سنجار Sinjār, ستيب Step): sa- is not split off a stem, where
    the held-out words read so were mostly wrong (see `lexicon._CHAINS`)."""
    assert all(chain[-1:] != "س" for chain, _, _ in splits("سنجار") + splits("وستيب"))
    small = Lexicon.build([("نجار", "aA..", 0), ("تيب", "i..", 0)])
    assert small.lookup("سنجار") is None and small.lookup("ستيب") is None
    assert small.lookup("ونجار") is not None  # wa- still is
