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

# a small lexicon: the splitting logic without the shipped data (too small for a case model: each
# clitic form takes its stem's case)
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


def test_proclitics_keep_their_order_with_a_stems_own() -> None:
    """A preposition is not split off a lexicon word that opens with a conjunction of its own:
    Arabic writes wa-bi-, never bi-wa- (بوعباس is Bū-ʻAbbās, not bi-wa- and وعباس, wa-ʻAbbās),
    nor two prepositions (bi-li-)."""
    lex = Lexicon.build([("وعباس", "waA..", 1), ("لعلي", "bi..", 1), ("بدمشق", "biao.", 1)])
    assert lex.lookup("وعباس") is not None
    assert lex.lookup("بوعباس") is None
    assert lex.lookup("بلعلي") is None
    hit = lex.lookup("وبدمشق")  # wa- before a word with bi- of its own: the order Arabic writes
    assert hit is not None and hit.labels.startswith("wb")


def test_a_preposition_governs_the_genitive_before_a_pronoun() -> None:
    """bi-, li- and ka- govern the genitive: a stem known with a nominative u before an attached
    pronoun is read with i behind a preposition, the pronoun's vowel following it (bi-kitābihi,
    li-uṣūlihim); wa- governs nothing, and an accusative a is left as it is."""
    lex = Lexicon.build([("كتابه", "ia.uu", 0), ("أصولهم", "uu.uu.", 0), ("مكانها", "aa.aa.", 0)])
    got = {w: lex.lookup(w) for w in ("بكتابه", "لأصولهم", "وكتابه", "بمكانها")}
    assert {w: h.labels if h else None for w, h in got.items()} == {
        "بكتابه": "bia.ii", "لأصولهم": "buu.ii.", "وكتابه": "wia.uu", "بمكانها": "baa.aa."}
    mapper = engine.compiled("ala-lc")
    assert isinstance(mapper, engine.Transcriber)
    assert render("لأصولهم", "buu.ii.", mapper)[0] == "li-Uṣūlihim"


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
    assert SMALL.case_weights == {} == SMALL.stem_weights and SMALL.family["تحقيق"] == (0, 0, 0, 1)
    assert (again.words, again.stems, again.family, again.case_weights, again.stem_weights) == (
        SMALL.words, SMALL.stems, SMALL.family, SMALL.case_weights, SMALL.stem_weights)
    assert again.dumps() == data


def _families(n: int) -> list[str]:
    firsts, others = "بجحخعغفقكمه", "درسلنتزصطض"
    return [a + b + c for a in firsts for b in others for c in others if b != c][:n]


def test_a_clitic_forms_case_is_learned_from_the_lexicons_clitic_forms() -> None:
    """Names capitalized alone (a catalogue capitalizes a title's first word) whose clitic forms
    are written two ways: with the article capitalized, without it not (the first kind), or every
    clitic form lower-case (the second). The case model (`lexicon.fit_case_model`) learns what
    the forms of a stem say about each other, not the stem's own case, which both kinds share."""
    stems = _families(80)
    entries = []
    for stem in stems[:40]:
        entries += [(stem, "aa.", 1), ("ال" + stem, "..aa.", 1), ("و" + stem, "waa.", 0), ("ب" + stem, "baa.", 0)]
    for stem in stems[40:]:
        entries += [(stem, "aa.", 1), ("و" + stem, "waa.", 0), ("ب" + stem, "baa.", 0), ("ف" + stem, "waa.", 0)]
    lex = Lexicon.build(entries)
    assert lex.family[stems[0]] == (1, 0, 0, 2) and lex.family[stems[40]] == (0, 0, 0, 3)
    assert lex.header["case_model"]["weights"] == len(lex.case_weights) > 1
    first, second = stems[0], stems[40]
    # a form of the first kind the lexicon lacks: with the article it is capitalized, with li- not
    trimmed = Lexicon.build([e for e in entries if e[0] != "ال" + first])
    assert trimmed.lookup("ال" + first) == Hit("..aa.", 1, "clitics")
    assert trimmed.lookup("ل" + first) == Hit("baa.", 0, "clitics")
    # a stem of the second kind: every clitic form lower-case, the stem's own capital notwithstanding
    assert lex.lookup("ل" + second) == Hit("baa.", 0, "clitics")
    # the stem itself, as a word the lexicon lacks, found through its clitic forms (capitalized alone
    # in every family of the lexicon)
    alone = Lexicon.build([e for e in entries if e[0] != second])
    assert alone.lookup(second) == Hit("aa.", 1, "clitics")
    # the file keeps the model: the same answers after a round trip
    again = Lexicon.loads(trimmed.dumps())
    assert again.lookup("ال" + first) == Hit("..aa.", 1, "clitics")
    assert again.lookup("ل" + first) == Hit("baa.", 0, "clitics")


def test_without_a_case_model_a_clitic_form_takes_its_stems_case() -> None:
    stems = _families(40)
    entries = [e for stem in stems for e in ((stem, "aa.", 1), ("و" + stem, "waa.", 0), ("ب" + stem, "baa.", 0))]
    lex = Lexicon.build(entries)
    assert lex.lookup("ل" + stems[0]) == Hit("baa.", 0, "clitics")
    bare = Lexicon(lex.words, lex.stems, lex.header, lex.family, {})
    assert bare.lookup("ل" + stems[0]) == Hit("baa.", 1, "clitics")


def test_a_stem_words_case_is_learned_from_the_lexicons_words_with_suffixes() -> None:
    """Names and common words from the same letters, each with its forms with ـي and ـها in its own
    case: the stem case model (`lexicon.stem_rows`, fitted in the build) learns that a word read
    from a known stem takes the stem's case, which its letters do not tell."""
    stems = _families(160)
    entries = []
    for k, stem in enumerate(stems):
        name = (k // 2) % 2
        entries += [(stem, "aa.", name), (stem + "ي", "aaI", name), (stem + "ها", "aaua.", name)]
    lex = Lexicon.build(entries)
    assert lex.header["stem_case_model"]["weights"] == len(lex.stem_weights) > 1
    # held out: forms the lexicon lacks, read from their stem (partial_key)
    trimmed = Lexicon.build([e for e in entries if e[0] not in (stems[0] + "ي", stems[2] + "ها")])
    common, name = trimmed.partial_key(stems[0] + "ي"), trimmed.partial_key(stems[2] + "ها")
    assert common is not None and name is not None and common.via == name.via == "stem"
    assert common.lean < 0 < name.lean
    assert trimmed.stem_case(common, 0.5) == common.case == 0 and trimmed.stem_case(name, 0.5) == name.case == 1
    # without a stem case model, the vocalizer's reading alone decides
    bare = Lexicon(trimmed.words, trimmed.stems, trimmed.header, trimmed.family, trimmed.case_weights, {})
    assert bare.stem_case(common, 0.6) == 1 and bare.stem_case(name, 0.4) == 0
    # the file keeps the model
    again = Lexicon.loads(trimmed.dumps())
    assert again.stem_weights == trimmed.stem_weights and again.partial_key(stems[2] + "ها") == name


def test_the_stem_case_model_weighs_the_letters() -> None:
    """Capitalized stems whose forms with ـي keep the capital and whose forms with ـها are
    lower-case: the letters tell (the suffix is in them), and the model weighs the letters' held-out
    log-odds (`lexicon.letter_logits`), which the vocalizer gives at run time."""
    stems = _families(120)
    entries = [e for stem in stems for e in ((stem, "aa.", 1), (stem + "ي", "aaI", 1), (stem + "ها", "aaua.", 0))]
    lex = Lexicon.build(entries)
    logits = lexicon.letter_logits(lex.words)
    assert logits[stems[5] + "ي"] > 1 > -1 > logits[stems[5] + "ها"]
    assert lex.stem_weights["p"] > 0.5
    trimmed = Lexicon.build([e for e in entries if e[0] not in (stems[0] + "ي", stems[0] + "ها")])
    with_her, adjective = trimmed.partial_key(stems[0] + "ها"), trimmed.partial_key(stems[0] + "ي")
    assert with_her is not None and adjective is not None and with_her.lean < adjective.lean
    assert trimmed.stem_case(with_her, 0.1) == 0 and trimmed.stem_case(adjective, 0.9) == 1


def test_fit_case_model_is_a_logistic_regression() -> None:
    """One feature that says the case, one that says nothing: the first weighs, the second is pruned
    (or near zero); features of too few rows are not fitted."""
    rows = [{"says": 1.0, "noise": 1.0} if k % 2 else {"noise": 1.0} for k in range(40)]
    gold = [k % 2 for k in range(40)]
    rows[0]["rare"] = 1.0
    weights = lexicon.fit_case_model(rows, gold, l2=1.0, min_count=5)
    assert weights["says"] > 2 and "rare" not in weights
    assert lexicon.fit_case_model(rows[:4], gold[:4], min_count=5) == {}  # too few rows: no model
    assert weights[""] + weights.get("noise", 0.0) < -1  # no "says": lower-case
    assert lexicon.fit_case_model(rows, gold, l2=1.0, min_count=5) == weights  # deterministic


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


def test_a_word_is_read_from_another_word_with_its_stem() -> None:
    """A word the lexicon lacks takes the labels of a lexicon word with the same stem and another
    ending up to the stem's last letter, which the model reads with what follows
    (`Lexicon.sibling_key`): a suffix added to the word, or another suffix in place of its own;
    the same proclitics split first, a final ة read as ت before the suffix."""
    assert SUFFIXED.lookup("دراس") is None
    assert SUFFIXED.partial_key("دراس") == Hit("ia.?", 0, "stem")          # from دراسات
    assert SUFFIXED.partial_key("بدراس") == Hit("bia.?", 0, "stem")
    assert SUFFIXED.partial_key("دراسين") == Hit("ia.???", 0, "stem")      # ـين for ـات
    assert SUFFIXED.partial_key("حلبي") == Hit("aa??", 1, "stem")          # a known stem first (`partial_key`)
    taa = Lexicon.build([("مدرستين", "aoaai..", 0)], {})
    assert Lexicon(taa.words, taa.stems, {"suffixes": ["ين"]}).partial_key("مدرسة") == Hit("aoaa?", 0, "stem")
    # a word with a longer stem of it says more than a known shorter stem: كتابيات over كتاب
    built = Lexicon.build([("كتاب", "ia..", 0), ("كتابيات", "ia.iA..", 0)], {})
    lex = Lexicon(built.words, built.stems, {"suffixes": ["ات", "ين", "يين"]})
    assert lex.partial_key("كتابيين") == Hit("ia.i???", 0, "stem")
    assert lex.partial_key("كتابين") == Hit("ia.???", 0, "stem")  # كتاب and ـين: no longer stem
    assert SUFFIXED.sibling_key("درا") is None     # a stem of fewer than four letters
    assert SMALL.sibling_key("دراس") is None       # no suffixes: the lexicon before
    assert SUFFIXED.sibling_key("دراسن") is None   # ـن is no suffix, and no word is دراسن and one


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


def test_a_proclitic_chain_the_lexicon_reads_mostly_as_part_of_a_word_is_not_split_off() -> None:
    """Which chains stand before a stem without the article is counted from the lexicon's own words
    (`words_of_their_own`): where the catalogue mostly reads ف + another of its words as one word
    (فراس Firās, not fa-Rās), a word the lexicon lacks is not split as fa- either; wa- still is."""
    from glossary.translit.lexicon import BARE_MIN, words_of_their_own

    stems = [a + b + c for a in "سشصضطظ" for b in "نمكق" for c in "ردز"][:BARE_MIN]
    entries = [(stem, "a.a", 1) for stem in stems]
    entries += [("ف" + stem, "a.a.", 1) for stem in stems]  # one word each: fa... (no proclitic)
    entries += [("و" + stem, "wa.a", 1) for stem in stems]  # wa- and the stem
    entries += [("نجار", "aA..", 1)]
    lex = Lexicon.build(entries)
    assert words_of_their_own(lex.words) == ["ف"] and lex.own == {"ف"}
    assert lex.lookup("فنجار") is None and lex.lookup("ونجار") is not None
    fewer = Lexicon.build(entries[:BARE_MIN] + entries[2 * BARE_MIN:] + [("فسنر", "a.a.", 1)])
    assert fewer.own == frozenset() and fewer.lookup("فنجار") is not None  # (too few to judge: split)
    assert Lexicon.loads(lex.dumps()).own == {"ف"}


def test_the_shipped_lexicon_does_not_read_a_name_opening_with_fa_as_fa() -> None:
    from glossary.translit import transliterate

    assert not transliterate("فراس", "ala-lc").text.lower().startswith("fa-")
    assert transliterate("بدمشق", "ala-lc").text == "bi-Dimashq"
    assert transliterate("ولبنان", "ala-lc").text == "wa-Lubnān"


# real words and their catalogue labels (the shipped lexicon's), in an order of frequency of our choosing
VARIANTS = [
    ("إنفاق", "ioa..", 0),        # infāq, spending
    ("أنفاق", "aoa..", 0),        # anfāq, tunnels
    ("الحضارة", "..aa.a.", 1),
    ("الملتقى", "..uoaa.", 1),
    ("السامرائي", "..A.aA.i.", 1),
    ("ثامر", "a.i.", 1),
    ("المآثر", "..a.i.", 1),
]


def test_a_word_the_lexicon_lacks_is_read_as_another_spelling_of_its_hamza_or_final_letter() -> None:
    lex = Lexicon.build(VARIANTS)
    assert lex.variant("انفاق") == ("إنفاق", Hit("ioa..", 0, "variant"))   # the hamza left out
    assert lex.variant("الحضاره") == ("الحضارة", Hit("..aa.a.", 1, "variant"))  # ه for ة
    assert lex.variant("الملتقي")[0] == "الملتقى"                          # ي for ى
    assert lex.variant("السامرائى")[0] == "السامرائي"                      # ى for ي
    assert lex.variant("ثأمر")[0] == "ثامر"                                # a hamza written inside a word
    assert lex.variant("المٱثر")[0] == "المآثر"                            # a waṣla typed for madda
    assert lex.variant("وانفاق") is None  # whole words only: not through proclitics
    # of two spellings, the lexicon's more frequent (its order is the catalogue's frequency)
    assert Lexicon.build([VARIANTS[1], VARIANTS[0]]).variant("انفاق")[0] == "أنفاق"
    assert Lexicon.build(VARIANTS[1:2]).variant("إنفاق")[0] == "أنفاق"


def test_spelling_variants_keep_what_the_letters_say() -> None:
    # a bare ا inside a word is a long ā, not a hamza left out
    assert Lexicon.build([("ثأمر", "aaU.", 1)]).variant("ثامر") is None
    # a ة is not read as ه, nor ئ and ؤ as ي and و
    assert Lexicon.build([("مكتبه", "aoaa.", 1)]).variant("مكتبة") is None
    assert lexicon.spelling_variants("مسائل") == lexicon.spelling_variants("مؤتمر") == []
    # the first alif of a stem after proclitics and the article varies, a word's own letters do not
    assert "والإنفاق" in lexicon.spelling_variants("والانفاق")
    assert lexicon.spelling_variants("كتاب") == []


def test_spelling_variants_are_bounded() -> None:
    hostile = "أ" * 5000 + "ى"
    variants = lexicon.spelling_variants(hostile)
    assert 0 < len(variants) < 4 ** lexicon.VARIANT_POSITIONS * 2
    fixed = slice(lexicon.VARIANT_POSITIONS, None)  # only the first positions that may vary do
    assert all(len(v) == len(hostile) and v[fixed] == hostile[fixed] for v in variants)


JOINED = [
    ("عبد", "ao.", 1),
    ("الدين", "..I..", 1),     # a whole word that opens with the article
    ("الله", "aod.", 1),       # a whole word that opens with ال, read without an article
    ("رحمن", "ao..", 1),       # known alone: الرحمن is read as the article and it
    ("نور", "u..", 1),
    ("سيف", "a..", 1),
    ("كو", "u.", 1),
    ("اليس", "ai..", 1),
    ("استر", "io.a.", 0),
    ("يد", "a.", 0),
]


def test_two_lexicon_words_written_as_one_are_read_apart() -> None:
    lex = Lexicon.build(JOINED)
    assert [part for part, _ in lex.joined("عبدالرحمن")] == ["عبد", "الرحمن"]  # the article and a known stem
    (_, head), (_, rest) = lex.joined("نورالدين")
    assert (head.labels, rest.labels, rest.via) == ("u..", "..I..", "word")
    assert [part for part, _ in lex.joined("عبدالله")] == ["عبد", "الله"]      # a whole word opening with ال
    assert lex.joined("سيفالدين") is None   # ف joins the next letter: the missing space would show
    assert lex.joined("كواليس") is None     # a head of two letters
    assert lex.joined("استراليد") is None   # the second part read as the article and a stem of two letters
    assert lex.joined("عبدرحمن") is None    # no article after the head
    assert lex.joined("عبدالكتاب") is None  # the second part unknown


def test_joined_words_are_bounded() -> None:
    lex = Lexicon.build(JOINED)
    for hostile in ("عبدال" * 1000, "نورالدين" * 700, "دال" * 2000):
        assert lex.joined(hostile) is None


def test_a_whole_word_is_cased_as_its_forms_inside_titles_are() -> None:
    """The catalogue capitalizes a common noun that opens a title (Madīnat); written with wa- or bi-
    the same word stands inside titles, lower-case unless it is a name: running text follows those."""
    lex = Lexicon.build([
        ("مدينة", "ai.a.", 1), ("ومدينة", "wai.a.", 0), ("بمدينة", "bai.a.", 0),   # a common noun
        ("دمشق", "iao.", 1), ("ودمشق", "wiao.", 1), ("بدمشق", "biao.", 1),         # a name
        ("قرية", "ao.a.", 1), ("وقرية", "wao.a.", 0),                               # one form: as written
        ("وكالة", "a.a.", 1), ("ووكالة", "wa.a.", 1), ("بوكالة", "ba.a.", 0),       # a tie: as written
        ("المدينة", "..a.a.", 1),                                                  # the article's own form
    ])
    assert lex.lookup("مدينة").case == 0 and lex.lookup("دمشق").case == 1
    assert lex.lookup("قرية").case == 1 and lex.lookup("وكالة").case == 1
    assert lex.lookup("المدينة").case == 1
    assert lex.variant("مدينه")[1].case == 0  # another spelling of the word: the same case
    # the stored case is the catalogue's, for the case model of clitic forms
    assert lex.words["مدينة"][-1] == "1"
