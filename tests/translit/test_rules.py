"""One case per rule and scheme, input honesty, the API surface and the strict loader.

Expected values cite the rule they exercise (ALA-LC table rule numbers; BGN/PCGN notes
and special rules; DIN 31635:2011 as described in RULES.md).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.errors import SchemeError
from glossary.translit import (
    SCHEMES,
    Transliteration,
    describe_schemes,
    reverse,
    transliterate,
    transliterate_all,
)
from glossary.translit._schema import parse_scheme
from glossary.translit.letters import has_arabic

ROMANIZATIONS = ("ala-lc", "din31635", "bgn-pcgn", "simple")

# (arabic, {scheme: expected}) — one row per rule
RULES: list[tuple[str, str, dict[str, str]]] = [
    ("article + sun letter after wa-", "وَالشَّام",
     {"ala-lc": "wa-al-Shām", "din31635": "wa-š-Šām", "bgn-pcgn": "wa ash Shām", "simple": "wal-Sham"}),
    ("article after bi- (BGN 2b: bid/bil)", "بِالشَّام",
     {"ala-lc": "bi-al-Shām", "din31635": "bi-š-Šām", "bgn-pcgn": "bish Shām", "simple": "bil-Sham"}),
    ("article after fa-", "فَالقُدْس",
     {"ala-lc": "fa-al-Quds", "din31635": "fa-l-Quds", "bgn-pcgn": "fa al Quds", "simple": "fal-Quds"}),
    ("article after ka-", "كَالبَدْر",
     {"ala-lc": "ka-al-Badr", "din31635": "ka-l-Badr", "bgn-pcgn": "ka al Badr", "simple": "kal-Badr"}),
    ("li- + article, moon letter (ALA 17b lil-)", "لِلْمَغَازِل",
     {"ala-lc": "lil-Maghāzil", "din31635": "li-l-Maġāzil", "bgn-pcgn": "lil Maghāzil", "simple": "lil-Maghazil"}),
    ("medial madda (ALA 10b)", "بِالقُرْآن",
     {"ala-lc": "bi-al-Qurʼān", "din31635": "bi-l-Qurʾān", "bgn-pcgn": "bil Qurʼān".replace("ʼ", "’"),
      "simple": "bil-Quran"}),
    ("taa marbuta in construct (ALA 7b, BGN note 4)", "مُحَافَظَة دِمَشْق",
     {"ala-lc": "Muḥāfaẓat Dimashq", "din31635": "Muḥāfaẓat Dimašq", "bgn-pcgn": "Muḩāfaz̧at Dimashq",
      "simple": "Muhafazat Dimashq"}),
    ("definite noun + adjective stays pausal", "المَدِينَة المُنَوَّرَة",
     {"ala-lc": "al-Madīnah al-Munawwarah", "din31635": "al-Madīna al-Munawwara",
      "bgn-pcgn": "Al Madīnah al Munawwarah", "simple": "al-Madina al-Munawwara"}),
    ("indefinite noun + nisba adjective stays pausal", "ثَوْرَة سُورِيَّة",
     {"ala-lc": "Thawrah Sūrīyah", "din31635": "Ṯawra Sūrīya", "bgn-pcgn": "Thawrah Sūrīyah",
      "simple": "Thawra Suriya"}),
    ("taa marbuta after long a (ALA 7a ṣalāh)", "صَلَاة",
     {"ala-lc": "Ṣalāh", "din31635": "Ṣalāh", "bgn-pcgn": "Şalāh", "simple": "Sala"}),
    ("construct after long a, madda (ALA 7b Mirʼāt al-zamān)", "مِرْآة الزَّمَان",
     {"ala-lc": "Mirʼāt al-Zamān", "din31635": "Mirʾāt az-Zamān", "bgn-pcgn": "Mir’āt az Zamān",
      "simple": "Mirat al-Zaman"}),
    ("bn between names (ALA 25, BGN special rule 5)", "عُمَر بْن الخَطَّاب",
     {"ala-lc": "ʻUmar ibn al-Khaṭṭāb", "din31635": "ʿUmar ibn al-Ḫaṭṭāb", "bgn-pcgn": "‘Umar Bin al Khaţţāb",
      "simple": "Umar ibn al-Khattab"}),
    ("ibn first in the name is capitalised", "ابْن خَلْدُون",
     {"ala-lc": "Ibn Khaldūn", "din31635": "Ibn Ḫaldūn", "bgn-pcgn": "Ibn Khaldūn", "simple": "Ibn Khaldun"}),
    ("Allah (ALA 23, BGN special rule 3)", "حِزْب اللّٰه",
     {"ala-lc": "Ḥizb Allāh", "din31635": "Ḥizb Allāh", "bgn-pcgn": "Ḩizb Allāh", "simple": "Hizb Allah"}),
    ("long u + shadda on waw (ALA 11a1 ʻadūw)", "عَدُوّ",
     {"ala-lc": "ʻAdūw", "din31635": "ʿAduww", "bgn-pcgn": "‘Aduww", "simple": "Aduw"}),
    ("diphthong + shadda on ya (ALA 11b3 sayyid)", "سَيِّد",
     {"ala-lc": "Sayyid", "din31635": "Sayyid", "bgn-pcgn": "Sayyid", "simple": "Sayyid"}),
    ("final ayy (ALA 11b3 Quṣayy)", "قُصَيّ",
     {"ala-lc": "Quṣayy", "din31635": "Quṣayy", "bgn-pcgn": "Quşayy", "simple": "Qusayy"}),
    ("feminine nisba (ALA 11b1 al-Miṣrīyah)", "المِصْرِيَّة",
     {"ala-lc": "al-Miṣrīyah", "din31635": "al-Miṣrīya", "bgn-pcgn": "Al Mişrīyah", "simple": "al-Misriya"}),
    ("digraph separator (ALA 21a akramatʹhā)", "أَكْرَمَتْهَا",
     {"ala-lc": "Akramatʹhā", "din31635": "Akramathā", "bgn-pcgn": "Akramat·hā", "simple": "Akramatha"}),
    ("medial hamza on alif (ALA 8a masʼalah)", "مَسْأَلَة",
     {"ala-lc": "Masʼalah", "din31635": "Masʾala", "bgn-pcgn": "Mas’alah", "simple": "Masala"}),
    ("hamza on waw (ALA 8a muʼtamar)", "مُؤْتَمَر",
     {"ala-lc": "Muʼtamar", "din31635": "Muʾtamar", "bgn-pcgn": "Mu’tamar", "simple": "Mutamar"}),
    ("hamza on ya after long a (ALA 8a dāʼim)", "دَائِم",
     {"ala-lc": "Dāʼim", "din31635": "Dāʾim", "bgn-pcgn": "Dā’im", "simple": "Daim"}),
    ("alif waslah (ALA 9 Ibn)", "ٱبْن",
     {"ala-lc": "Ibn", "din31635": "Ibn", "bgn-pcgn": "Ibn", "simple": "Ibn"}),
    ("waslah: initial vowel i (ALA 9 iqtanat)", "ٱقْتَنَتْ",
     {"ala-lc": "Iqtanat", "din31635": "Iqtanat", "bgn-pcgn": "Iqtanat", "simple": "Iqtanat"}),
    ("initial hamza below + long i (ALA 1b īmān)", "إِيمَان",
     {"ala-lc": "Īmān", "din31635": "Īmān", "bgn-pcgn": "Īmān", "simple": "Iman"}),
    ("alif maqsura (ALA 6a Yaḥyá)", "يَحْيَى",
     {"ala-lc": "Yaḥyá", "din31635": "Yaḥyā", "bgn-pcgn": "Yaḩyá", "simple": "Yahya"}),
    ("tanwin fath: DIN keeps -an, others drop it in names", "طَبْعًا",
     {"ala-lc": "Ṭabʻ", "din31635": "Ṭabʿan", "bgn-pcgn": "Ţab‘", "simple": "Tab"}),
    ("silent final alif after u (ALA 4 faʻalū)", "فَعَلُوا",
     {"ala-lc": "Faʻalū", "din31635": "Faʿalū", "bgn-pcgn": "Fa‘alū", "simple": "Faalu"}),
    ("sukun before a final waw or ya: a consonant, not a long vowel", "نَحْو وَحْي",
     {"ala-lc": "Naḥw Waḥy", "din31635": "Naḥw Waḥy", "bgn-pcgn": "Naḩw Waḩy", "simple": "Nahw Wahy"}),
    ("case endings are not romanized (pause)", "جَيْشُ العِزَّةِ",
     {"ala-lc": "Jaysh al-ʻIzzah", "din31635": "Ǧayš al-ʿIzza", "bgn-pcgn": "Jaysh al ‘Izzah",
      "simple": "Jaysh al-Izza"}),
    ("Persian letters and Persian kaf", "پَاک",
     {"ala-lc": "Pāk", "din31635": "Pāk", "bgn-pcgn": "Pāk", "simple": "Pak"}),
    ("punctuation and word separators", "مِصْر، سُورِيَا",
     {"ala-lc": "Miṣr, Sūriyā", "din31635": "Miṣr, Sūriyā", "bgn-pcgn": "Mişr, Sūriyā", "simple": "Misr, Suriya"}),
]


@pytest.mark.parametrize(("arabic", "scheme", "expected"),
                         [pytest.param(a, s, e, id=f"{s}-{rule}") for rule, a, exp in RULES for s, e in exp.items()])
def test_rule(arabic: str, scheme: str, expected: str) -> None:
    assert transliterate(arabic, scheme).text == expected


@pytest.mark.parametrize(("arabic", "expected"), [
    ("مَعَرَّة", "maʿarraẗ"),          # shadda doubles (NFC puts the fatha before the shadda)
    ("كِتَابٌ", "kitaʾbú"),             # long a = a + alif sign; dammatan ú
    ("طَبْعًا", "ṭabʿáʾ"),              # fathatan á, then the alif
    ("مُؤْتَمَر", "muwˈtamar"),         # hamza over waw
    ("سَمَاء", "samaʾˌ"),              # lone hamza
    ("إِدْلِب", "ʾˌidlib"),             # hamza below alif
    ("آمِنَة", "ʾâminaẗ"),              # madda
    ("يَحْيَى", "yaḥyaỳ"),              # alif maqsura
    ("جيش العزة", "ǧyš ʾlʿzẗ"),        # unvocalized: only what is written
])
def test_iso233_letter_for_letter(arabic: str, expected: str) -> None:
    assert transliterate(arabic, "iso233").text == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("ﺟَﻴْـــﺶ", "Jaysh"),                     # presentation forms and tatweel (NFKC first)
    ("\u200fجَيْش\u200e", "Jaysh"),           # bidi marks
    ("\u2067جَيْش\u2069", "Jaysh"),           # bidi isolates
    ("ﷲ", "Allāh"),                            # the Allah ligature
    ("کَرْبَلَاء", "Karbalāʼ"),                 # Persian kaf
    ("جَيْ\u200cش", "Jaysh"),                 # zero-width non-joiner inside a word
])
def test_cleaning(text: str, expected: str) -> None:
    assert transliterate(text).text == expected


@pytest.mark.parametrize("text", ["", "abc", "Jaysh al-Izza", "2015", "٢٠١٥", "\u064B", "  "])
@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_text_without_arabic_letters_is_returned_unchanged(text: str, scheme: str) -> None:
    assert transliterate(text, scheme) == Transliteration(text, True, scheme, "vocalized")


def test_mixed_text_keeps_latin() -> None:
    assert transliterate("Jaysh جَيْش", "din31635").text == "Jaysh Ǧayš"


def test_unvocalized_is_approximate_by_rule() -> None:
    result = transliterate("جيش العزة", lexicon=False, model=False)
    assert (result.text, result.exact, result.source) == ("Jīsh al-ʻZah", False, "rule")
    assert [w.source for w in result.words] == ["rule", "rule"]


def test_partly_vocalized_is_approximate() -> None:
    assert not transliterate("جَيْش العزة").exact


def test_known_vocalized_form_is_used() -> None:
    calls: list[str] = []

    def known(name: str) -> str | None:
        calls.append(name)
        return {"جيش العزة": "جَيْش العِزَّة"}.get(name)

    result = transliterate("جيش العزة", "bgn-pcgn", known=known)
    assert result.to_dict() == {
        "text": "Jaysh al ‘Izzah", "exact": True, "scheme": "bgn-pcgn", "source": "glossary", "confidence": 1.0,
        "words": [{"arabic": "جيش", "text": "Jaysh", "source": "glossary", "confidence": 1.0, "vocalized": "جَيْش"},
                  {"arabic": "العزة", "text": "al ‘Izzah", "source": "glossary", "confidence": 1.0,
                   "vocalized": "العِزَّة"}]}
    assert calls == ["جيش العزة"]
    assert transliterate("جيش الإسلام", known=known, lexicon=False, model=False).source == "rule"


def test_known_is_not_asked_for_vocalized_text_or_letter_schemes() -> None:
    def known(name: str) -> str | None:
        raise AssertionError(name)

    assert transliterate("حَلَب", known=known).source == "vocalized"
    assert transliterate("حلب", "buckwalter", known=known).text == "Hlb"


def test_transliterate_all_asks_known_once() -> None:
    calls: list[str] = []

    def known(name: str) -> str | None:
        calls.append(name)
        return "حَمَاة"

    results = transliterate_all("حماة", known=known)
    assert set(results) == set(SCHEMES)
    assert results["simple"].text == "Hama" and results["simple"].source == "glossary"
    assert results["buckwalter"].text == "HmAp"
    assert len(calls) == 1


def test_vocalizer_replaces_the_model_after_known_and_stays_approximate() -> None:
    def vocalizer(word: str) -> str:
        return {"جيش": "جَيْشُ", "العزة": "العِزَّةِ"}.get(word, word)

    result = transliterate("جيش العزة", "din31635", lexicon=False, vocalizer=vocalizer)
    assert (result.text, result.exact, result.source) == ("Ǧayš al-ʿIzza", False, "model")
    known = transliterate("جيش العزة", known={"جيش العزة": "جَيْش العِزَّة"}.get, vocalizer=vocalizer)
    assert known.source == "glossary"
    calls: list[str] = []
    every = transliterate_all("حماة", lexicon=False, vocalizer=lambda t: calls.append(t) or "حَمَاة")
    assert every["ala-lc"].text == "Ḥamāh" and len(calls) == 1


def test_mishkal_vocalizer() -> None:
    pytest.importorskip("mishkal")
    from glossary.translit import mishkal_vocalizer

    result = transliterate("معرة النعمان", lexicon=False, vocalizer=mishkal_vocalizer())
    assert result.text == "Maʻarrat al-Nuʻmān" and not result.exact and result.source == "model"


def test_schemes_registry_and_description() -> None:
    rows = describe_schemes()
    assert [r["name"] for r in rows] == sorted(SCHEMES)
    for row in rows:
        assert row["title"] and row["standard"] and row["description"] and row["example_output"]
    assert {n for n in SCHEMES if SCHEMES[n].reversible} == {"buckwalter", "safe-buckwalter", "iso233"}
    assert "iso233" in SCHEMES and "nope" not in SCHEMES


def test_unknown_scheme_is_a_scheme_error() -> None:
    with pytest.raises(SchemeError, match="unknown scheme 'nope'"):
        transliterate("حلب", "nope")
    with pytest.raises(SchemeError, match="not reversible"):
        reverse("Halab", "ala-lc")


def test_large_input() -> None:
    text = "جَيْش العِزَّة " * 70_000  # about 1 MB
    assert transliterate(text).text.count("Jaysh al-ʻIzzah") == 70_000


_ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
_ANY = st.one_of(_ARABIC, st.characters(), st.sampled_from(["\ud800", "\udfff", "\u200f", "\u0640", "ﻻ", " "]))


@settings(max_examples=300)
@given(st.text(_ANY), st.sampled_from(sorted(SCHEMES)))
def test_never_raises(text: str, scheme: str) -> None:
    result = transliterate(text, scheme)
    assert isinstance(result.text, str)
    if SCHEMES[scheme].reversible:
        assert isinstance(reverse(result.text, scheme), str)


# the Arabic letters, with those of other orthographies (U+0620, ٮ ٯ, ۮ ۯ, the Supplement and Extended-A
# blocks) that `letters.VARIANTS` reads as Arabic ones
_ARABIC_LETTER_CLASS = re.compile("[\u0620-\u063F\u0641-\u064A\u066E\u066F\u0671-\u06D3\u06D5\u06EE\u06EF"
                                  "\u06FA-\u06FF\u0750-\u077F\u08A0-\u08C8\uFB50-\uFDFF\uFE70-\uFEFC]")


@given(st.text(st.one_of(_ANY, st.characters(min_codepoint=0xFB40, max_codepoint=0xFF00))))
def test_has_arabic_matches_the_letter_class(text: str) -> None:
    """The letter set agrees with the regex character class it replaced (the oracle)."""
    assert has_arabic(text) == (_ARABIC_LETTER_CLASS.search(text) is not None)


# --- the strict loader -----------------------------------------------------------------

INVALID = Path(__file__).parent / "data" / "invalid"


@pytest.mark.parametrize(("name", "expected"), [
    ("duplicate.yaml", "duplicate.yaml:7:3: letters: duplicate key 'ب' (first at line 6)"),
    ("outside.yaml", "outside.yaml:7:3: letters: key 'b' is outside the Arabic script"),
    ("section.yaml", ("section.yaml:12:1: unknown section 'leters' (expected one of: name, title, standard, "
                      "edition, direction, needs-vocalized, kind, description, example, letters, vowels, context, "
                      "exceptions)")),
    ("rule.yaml", "rule.yaml:10:3: context: unknown rule 'shada'"),
])
def test_invalid_scheme_file(name: str, expected: str) -> None:
    path = INVALID / name
    with pytest.raises(SchemeError) as caught:
        parse_scheme(path.read_text(encoding="utf-8"), name)
    assert any(str(p).startswith(expected) for p in caught.value.problems), caught.value.problems


def test_invalid_scheme_reports_every_problem() -> None:
    path = INVALID / "many.yaml"
    with pytest.raises(SchemeError) as caught:
        parse_scheme(path.read_text(encoding="utf-8"), "many.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "many.yaml:1:1: missing header field 'example'",
        "many.yaml:6:3: letters: key 'x' is outside the Arabic script",
        "many.yaml:8:3: letters: duplicate key 'ت' (first at line 7)",
        "many.yaml:10:3: vowels: key 'a' is outside the Arabic script",
        ("many.yaml:11:1: unknown section 'extra' (expected one of: name, title, standard, edition, direction, "
         "needs-vocalized, kind, description, example, letters, vowels, context, exceptions)"),
    ]
