"""Word by word: the order of the sources, the ``known`` span contract, capitalization and
the fields of a result (``source``, ``exact``, ``confidence``, ``words``)."""

from __future__ import annotations

import pytest

from glossary.translit import Transliteration, engine, transliterate, transliterate_all
from glossary.translit.lexicon import Lexicon
from glossary.translit.words import CONFIDENCE

# a small lexicon, so the expected values do not move with the shipped data
LEX = Lexicon.build([
    ("مدينة", "ai.a.", 0),
    ("جبهة", "aoa.", 0),
    ("نصرة", "uoa.", 1),
    ("في", "i.", 0),
    ("حماة", "aa..", 1),
    ("دمشق", "iao.", 1),
    ("جيش", "ao.", 0),
    ("سورية", "u.iA.", 1),
])


def ala(text: str, **options: object) -> Transliteration:
    return transliterate(text, "ala-lc", lexicon=LEX, model=False, **options)  # type: ignore[arg-type]


class Known:
    """A glossary look-up that records what it was asked."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.calls: list[str] = []

    def __call__(self, span: str) -> str | None:
        self.calls.append(span)
        return self.names.get(span)


def test_spans_are_asked_longest_first_then_single_words() -> None:
    known = Known({"حلب": "حَلَب"})
    r = ala("مدينة حلب", known=known)
    assert known.calls == ["مدينة حلب", "مدينة", "حلب"]
    assert r.text == "Madīnat Ḥalab"  # construct before the next word; a sentence starts capitalized
    assert [(w.source, w.text) for w in r.words] == [("lexicon", "Madīnat"), ("glossary", "Ḥalab")]


def test_a_known_span_wins_and_maps_word_by_word() -> None:
    known = Known({"مدينة حلب": "مَدِينَة حَلَب"})
    r = ala("في مدينة حلب", known=known)
    assert known.calls == ["في مدينة حلب", "في مدينة", "في", "مدينة حلب"]
    assert r.text == "Fī Madīnat Ḥalab"
    assert [w.source for w in r.words] == ["lexicon", "glossary", "glossary"]
    assert [w.vocalized for w in r.words] == ["فِي", "مَدِينَة", "حَلَب"]


def test_a_span_with_another_word_count_is_one_word() -> None:
    r = ala("كفرنبل", known=Known({"كفرنبل": "كَفْر نَبْل"}))
    assert (r.text, len(r.words), r.words[0].vocalized) == ("Kafr Nabl", 1, "كَفْر نَبْل")


def test_spans_stop_at_punctuation_and_skip_vocalized_words() -> None:
    known = Known({})
    ala("حَلَب حِمْص، دمشق", known=known)
    assert known.calls == ["دمشق"]  # both words before the comma are vocalized; the comma ends the span
    known = Known({})
    ala("جبهة النصرة", known=known, span=1)
    assert known.calls == ["جبهة", "النصرة"]


@pytest.mark.parametrize(("text", "alalc", "din"), [
    ("لجيش العزة", "li-Jaysh al-ʻIzzah", "li-Ǧayš al-ʿIzza"),   # a known name after a proclitic
    ("بالعزة", "bi-al-ʻIzzah", "bi-l-ʿIzza"),                  # before the article: the engine reads bi-al-
    ("وللعزة", "wa-lil-ʻIzzah", "wa-li-l-ʿIzza"),              # li- + the article is written لل
    ("بحلب", "bi-Ḥalab", "bi-Ḥalab"),
])
def test_known_names_behind_proclitics(text: str, alalc: str, din: str) -> None:
    known = Known({"جيش العزة": "جَيْش العِزَّة", "العزة": "العِزَّة", "حلب": "حَلَب"})
    results = transliterate_all(text, known=known, lexicon=LEX, model=False)
    assert (results["ala-lc"].text, results["din31635"].text) == (alalc, din)
    assert {w.source for w in results["ala-lc"].words} == {"glossary"} and results["ala-lc"].exact


def test_tanwin_typed_on_the_alif() -> None:
    assert transliterate("مقراً", lexicon=False).text.endswith("an")
    assert transliterate("طبعاً", "din31635", lexicon=False, model=False).text == "Ṭbʿan"


def test_transliterate_all_asks_each_span_once() -> None:
    known = Known({"حلب": "حَلَب"})
    results = transliterate_all("مدينة حلب", known=known, lexicon=LEX, model=False)
    assert known.calls == ["مدينة حلب", "مدينة", "حلب"]
    assert results["din31635"].text == "Madīnat Ḥalab" and results["bgn-pcgn"].text == "Madīnat Ḩalab"
    assert results["buckwalter"].text == "mdynp Hlb"  # letter for letter: as written


def test_source_order() -> None:
    known = Known({"حماة": "حَمَاة"})
    r = transliterate("تدمر حِمْص دمشق حماة", lexicon=LEX, model=False, known=known)
    assert [w.source for w in r.words] == ["rule", "vocalized", "lexicon", "glossary"]
    assert r.source == "rule" and not r.exact
    assert r.text == "Tdmr Ḥimṣ Dimashq Ḥamāh"


def test_model_between_lexicon_and_rule() -> None:
    r = transliterate("دمشق تدمر", lexicon=LEX)
    assert [w.source for w in r.words] == ["lexicon", "model"]
    assert r.source == "model"
    assert 0.0 < r.words[1].confidence < 1.0


def test_exact_only_for_vocalized_and_glossary() -> None:
    assert ala("حَلَب").exact
    assert ala("حلب", known=Known({"حلب": "حَلَب"})).exact
    lexicon_hit = ala("دمشق")
    assert (lexicon_hit.exact, lexicon_hit.source) == (False, "lexicon")
    assert 0.5 < lexicon_hit.confidence < 1.0


def test_confidence_is_the_product_of_the_words() -> None:
    r = ala("جيش دمشق")
    assert r.confidence == pytest.approx(r.words[0].confidence * r.words[1].confidence)
    assert ala("حَلَب").confidence == 1.0


def test_alalc_capitalizes_proper_names_not_every_word() -> None:
    assert ala("جبهة النصرة").text == "Jabhat al-Nuṣrah"
    assert ala("جيش في حماة").text == "Jaysh fī Ḥamāh"
    assert ala("في جيش").text == "Fī jaysh"  # the first word of a sentence
    assert ala("حماة. في جيش").text == "Ḥamāh. Fī jaysh"
    assert ala("الجيش").text == "al-Jaysh"  # a sentence opening with the article: its stem takes the capital
    assert ala("وجيش").text == "Wa-jaysh"


def test_bgn_capitalizes_every_word_of_a_name() -> None:
    r = transliterate("جيش في حماة", "bgn-pcgn", lexicon=LEX, model=False)
    assert r.text == "Jaysh Fī Ḩamāh"
    assert transliterate("الجيش", "bgn-pcgn", lexicon=LEX, model=False).text == "Al Jaysh"


def test_nisba_adjective_keeps_the_pause() -> None:
    assert ala("مدينة سورية").text == "Madīnah Sūrīyah"


@pytest.mark.parametrize("particle", sorted(engine.PARTICLES))
def test_a_particle_keeps_the_pause(particle: str) -> None:
    """A preposition, conjunction or particle never completes a construct: the ة before it is
    in pause (the source article's غارات روسية على, مرحلة ثانية من), vocalized or not; a noun after
    it still takes the construct."""
    for text in (f"مدينة {particle}", f"مَدِينَة {particle}"):
        assert transliterate(text, lexicon=LEX, model=False).words[0].text.endswith("ah"), text
    assert transliterate("مَدِينَة حَلَب").text.startswith("Madīnat")
    assert transliterate(f"مَدِينَة {particle}").text.startswith("Madīnah")


@pytest.mark.parametrize("proclitic", ["و", "ف", "ب", "ل", "وب", "ول", "بال", "وال", "لل"])
def test_a_word_with_a_proclitic_keeps_the_pause(proclitic: str) -> None:
    """A word that begins with a proclitic never completes a construct (the source article's
    مجموعة كاملة لميليشيا: kāmilah li-…); a word whose first letter only looks like one (وزارة,
    بلدة, لواء) still takes it. Read from the analysis, not from the letter."""
    r = transliterate(f"مدينة {proclitic}دمشق", lexicon=LEX, model=False)
    assert r.words[0].text == "Madīnah", r.text
    for word in ("وزارة", "بلدة", "لواء", "كتيبة", "فرقة"):
        assert transliterate(f"مدينة {word}").words[0].text == "Madīnat", word


def test_a_conjunction_typed_apart_is_a_word() -> None:
    """و typed as a word of its own (دمشق و حلب, Persian آران و بيدگل) is "wa", not a dangling
    "wa-"; a ة before it stays in pause."""
    assert transliterate("دمشق و حلب").text == "Dimashq wa Ḥalab"
    assert transliterate("دمشق و حلب", "bgn-pcgn").text == "Dimashq wa Ḩalab"
    assert transliterate("مدينة و حلب").words[0].text == "Madīnah"


def test_a_known_name_after_a_proclitic_keeps_the_pause() -> None:
    known = Known({"جيش العزة": "جَيْش العِزَّة", "العزة": "العِزَّة"})
    for text in ("رابطة بجيش العزة", "رابطة لجيش العزة", "رابطة بالعزة"):
        assert transliterate(text, known=known).words[0].text.endswith("ah"), text
    assert transliterate("رابطة جيش العزة", known=known).words[0].text.endswith("at")


def test_written_marks_win_over_the_lexicon() -> None:
    r = ala("دَمشق")
    assert (r.text, r.words[0].source) == ("Damashq", "lexicon")


def test_a_mark_written_alone_says_no_more_than_itself() -> None:
    """A shadda written alone keeps the lexicon's vowel (it used to replace it: Muḥammd); a
    vowel written alone keeps the lexicon's shadda; a fatḥa on the article's alif and a sukūn on
    its lām before a sun letter change nothing."""
    assert ala("سوريّة").text == ala("سورية").text == "Sūrīyah"
    assert ala("سوريَة").text == "Sūrīyah"
    assert transliterate("محمّد").text == transliterate("مُحمد").text == "Muḥammad"
    assert transliterate("اَلسّلطة").text == transliterate("السلطة").text == transliterate("اَلْسلطة").text


def test_marks_against_the_lexicon_send_the_word_to_the_model() -> None:
    """حسني is Ḥusnī in the lexicon; written حَسني it is another word: the model reads it
    around the written fatḥa (kept). Without a model the written marks override the lexicon's."""
    assert transliterate("حسني").words[0].text == "Ḥusnī"
    r = transliterate("حَسني")
    assert r.words[0].source in ("model", "stem") and r.words[0].vocalized.startswith("حَ")
    assert ala("دَمشق").words[0].source == "lexicon"


def test_a_shadda_written_alone_is_the_models_to_vowel() -> None:
    """A word the lexicon lacks: the model keeps the written shadda and chooses its vowel (it
    used to be written with none: Yaffyaʻ)."""
    r = transliterate("يفّيع", lexicon=False)
    assert r.words[0].source == "model"
    assert "\u0651" in r.words[0].vocalized
    assert any(v + "\u0651" in r.words[0].vocalized for v in "\u064e\u064f\u0650")


def test_words_to_dict() -> None:
    r = ala("دمشق")
    assert r.to_dict() == {
        "text": "Dimashq", "exact": False, "scheme": "ala-lc", "source": "lexicon", "confidence": 0.9,
        "words": [{"arabic": "دمشق", "text": "Dimashq", "source": "lexicon", "confidence": 0.9,
                   "vocalized": "دِمَشْق"}]}


def test_no_arabic() -> None:
    r = transliterate("Aleppo 2015")
    assert (r.text, r.exact, r.source, r.confidence, r.words) == ("Aleppo 2015", True, "vocalized", 1.0, ())


def test_shipped_lexicon_and_model_by_default() -> None:
    r = transliterate("والتوزيع بدمشق للدراسات")
    # names: the stem is capitalized, not the proclitic (Dimashq); دراسات is Dirāsāt alone (a title's
    # first word) but its clitic forms are lower-case in the catalogue (wa-dirāsāt, bi-al-dirāsāt)
    assert r.text == "wa-al-Tawzīʻ bi-Dimashq lil-dirāsāt"
    assert {w.source for w in r.words} == {"lexicon"}


def test_a_suffixed_form_of_a_known_word_is_read_from_its_stem() -> None:
    """خلالها and الشعرات are not in the shipped lexicon; خلال and الشعر are. The stem keeps
    its vowels (khilāl-, shiʻr-) and the model chooses the junction and the suffix; the
    model alone reads the stems' vowels wrong (Khalālihā, al-shaʻarāt)."""
    from glossary.translit.lexicon import default

    lex = default()
    assert lex.lookup("خلالها") is None and lex.lookup("الشعرات") is None
    r = transliterate("خلالها الشعرات")
    assert r.text == "Khilālihā al-shiʻrāt"
    assert [w.source for w in r.words] == ["stem", "stem"] and r.source == "stem"
    assert all(0.0 < w.confidence < 1.0 for w in r.words)
    before = Lexicon(lex.words, lex.stems, {**lex.header, "suffixes": []})  # no stems: the model alone
    r = transliterate("خلالها الشعرات", lexicon=before)
    assert r.text == "Khalālihā al-shaʻarāt" and [w.source for w in r.words] == ["model", "model"]


def test_a_stem_words_case_is_the_stem_case_models() -> None:
    """The case of a word read from a known stem is `Lexicon.stem_case`'s, given the vocalizer's
    probability that the word is a name; a model word's is the vocalizer's alone."""
    from glossary.translit.lexicon import Hit, default
    from glossary.translit.vocalizer import default as model

    asked: list[tuple[str, float]] = []

    class Fixed(Lexicon):
        case = 1

        def stem_case(self, hit: Hit, capitalized: float) -> int:
            asked.append((hit.labels, capitalized))
            return self.case

    lex = default()
    fixed = Fixed(lex.words, lex.stems, lex.header, lex.family, lex.case_weights, lex.stem_weights)
    assert transliterate("دمشق خلالها", lexicon=fixed).text == "Dimashq Khilālihā"
    assert asked == [(lex.partial_key("خلالها").labels, model().capitalized("خلالها"))]
    Fixed.case = 0
    assert transliterate("دمشق خلالها", lexicon=fixed).text == "Dimashq khilālihā"
    assert transliterate("دمشق تلكلخ", lexicon=fixed).words[1].source == "model" and len(asked) == 2


def test_stem_between_lexicon_and_model() -> None:
    from glossary.translit.words import RANK

    assert RANK["model"] < RANK["stem"] < RANK["lexicon"]
    assert transliterate("دمشق خلالها تلكلخ").source == "model"
    assert transliterate("دمشق خلالها").source == "stem"


def test_a_word_read_as_another_spelling_says_so() -> None:
    """A word the lexicon lacks as written (the hamza left out, ه for ة) is read as the lexicon's
    spelling: its vocalized form is written in those letters, its confidence is the held-out one."""
    lex = Lexicon.build([("إنفاق", "ioa..", 0), ("مدينة", "ai.a.", 0)])
    r = transliterate("انفاق مدينه", "ala-lc", lexicon=lex, model=False)
    assert r.text == "Infāq madīnah"  # the first word of a sentence capitalized
    assert [w.source for w in r.words] == ["lexicon", "lexicon"]
    assert [w.confidence for w in r.words] == [0.71, 0.71]
    assert [w.vocalized for w in r.words] == ["إِنْفَاق", "مَدِينَة"]
    assert transliterate("انفاق", "din31635", lexicon=lex, model=False).text == "Infāq"
    # the shipped lexicon: a waṣla typed for a madda
    assert transliterate("المٱثر").text == "al-Maʼāthir"


def test_two_words_written_as_one_are_romanized_apart() -> None:
    """A space after a letter that never joins the next (د ر ز و ا) is not seen, and writers leave it
    out: عبدالرحمن for عبد الرحمن. Two lexicon words so written are romanized apart, joined as the
    scheme joins a proclitic (the catalogue's ʻAbd-al-Raḥmān); each word says where it came from."""
    lex = Lexicon.build([("عبد", "ao.", 1), ("الرحمن", "..Aod.", 1), ("مدينة", "ai.a.", 0)])
    r = transliterate("عبدالرحمن", "ala-lc", lexicon=lex, model=False)
    assert r.text == "ʻAbd-al-Raḥmān"
    assert [(w.arabic, w.text, w.source) for w in r.words] == [("عبد", "ʻAbd", "lexicon"),
                                                               ("الرحمن", "al-Raḥmān", "lexicon")]
    assert r.confidence == pytest.approx(CONFIDENCE["joined"])  # the reading's held-out share, over its two words
    assert transliterate("عبدالرحمن", "bgn-pcgn", lexicon=lex, model=False).text == "‘Abd ar Raḩmān"
    assert transliterate("مدينة عبدالرحمن", "ala-lc", lexicon=lex, model=False).text == "Madīnat ʻAbd-al-Raḥmān"
    # a word joiner the text holds itself is no such separator: it stays as it is
    assert transliterate("عبد\u2060الرحمن", "ala-lc", lexicon=lex, model=False).text == "ʻAbd\u2060al-Raḥmān"
    # a word with marks written on it is read as written, not split
    assert "-" not in transliterate("عَبدالرحمن", "ala-lc", lexicon=lex, model=False).text
    # the shipped lexicon (neither form is in it as written)
    assert transliterate("نورالدين عبدالقادر").text == "Nūr-al-Dīn ʻAbd-al-Qādir"


def test_a_known_name_is_never_the_first_term_of_a_construct() -> None:
    """A proper name is definite by itself: a tāʾ marbūṭa ending a name the glossary knows stays in
    pause before the next word (ريف حماة الشمالي: the countryside of Hama, the northern one), where
    a common noun before another word is read in construct (Madīnat). Inside a known span the
    glossary's own form rules (Maʻarrat al-Nuʻmān)."""
    known = Known({"حماة": "حَمَاة", "معرة النعمان": "مَعَرَّة النُّعْمَان"})

    def shipped(text: str, names: Known) -> str:  # the shipped lexicon: its words around the name
        return transliterate(text, "ala-lc", known=names).text

    assert shipped("ريف حماة الشمالي", known) == "Rīf Ḥamāh al-Shamālī"
    assert shipped("قرب حماة الجديدة", known) == "Qurb Ḥamāh al-Jadīdah"
    assert shipped("مدينة حماة", known) == "Madīnat Ḥamāh"
    assert shipped("معرة النعمان الجديدة", known) == "Maʻarrat al-Nuʻmān al-Jadīdah"
    assert shipped("لحماة الشمالي", known) == "li-Ḥamāh al-Shamālī"  # behind a proclitic too
    # the same words, the name unknown: the common reading, a construct before an article word
    assert shipped("ريف حماة الشمالي", Known({})).startswith("Rīf Ḥamāt")


def test_a_common_noun_is_lower_case_inside_a_sentence() -> None:
    """The shipped lexicon: مدينة opens many catalogue titles (Madīnat …) but is a common noun, lower-case
    inside a sentence; a name keeps its capital; the first word of a sentence is capitalized."""
    assert transliterate("في مدينة دمشق").text == "Fī madīnat Dimashq"
    assert transliterate("مدينة دمشق").text == "Madīnat Dimashq"
