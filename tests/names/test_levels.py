"""Each folding rule of issue 4, one spelling pair per line, at the level where they meet."""

from __future__ import annotations

import pytest

from glossary.match.keys import acronym, acronyms, query_acronym
from glossary.names import arabic, exact, folded, keys, skeleton, tokens

FOLDED = [
    # the article in every form, and sun-letter assimilation
    ("al-Sham", "el-Sham"), ("Jabhat al-Nusra", "Jabhat an-Nusra"), ("ad-Dawla", "al-Dawla"),
    ("ash-Sham", "al-Sham"), ("at-Tawhid", "al-Tawhid"), ("az-Zawiya", "al-Zawiya"), ("as-Sunna", "al-Sunna"),
    ("ar-Raqqa", "al-Raqqa"), ("al Bab", "al-Bab"), ("Deir ez-Zor", "Dayr al-Zur"), ("Bashir-ud-Din", "Bashir al-Din"),
    ("Liwa ul-Haqq", "Liwa al-Haqq"),
    # doubled letters; vowels and diphthongs
    ("Hassan", "Hasan"), ("Allouch", "Alloush"), ("Douma", "Duma"), ("Tadmoor", "Tadmur"), ("Mayadeen", "Mayadin"),
    ("Jaish", "Jaysh"), ("Deir", "Dayr"), ("Sheikh", "Shaykh"), ("Jeish", "Jaysh"), ("Dawla", "Daula"),
    ("Dowla", "Dawla"), ("Suheil", "Suhayl"), ("Khaled", "Khalid"), ("Omar", "Umar"),
    # consonant spellings
    ("Djamel", "Jamel"), ("Bachar", "Bashar"), ("Cham", "Sham"), ("Lattaquié", "Latakia"), ("Membij", "Menbij"),
    ("Ba'asyir", "Bashir"), ("Dschabla", "Jabla"), ("Naguib", "Nagib"), ("Ragueb", "Ragib"),
    # taa marbuta endings, nisba
    ("Hamzah", "Hamza"), ("al-Hasakah", "al-Hasaka"), ("Islamiyya", "Islamiya"), ("Islamiyah", "Islamiya"),
    ("Firqat al-Hamza", "Firqa al-Hamza"), ("Latakia", "Lattaquie"), ("Jama'atu Ahl al-Sunna", "Jamaat Ahl al-Sunna"),
    # ʿayn and hamza in every form, diacritics, Arabizi
    ("Jaysh al-ʿIzza", "Jaysh al-Izza"), ("Ma'arrat", "Maarrat"), ("Ma’arrat", "Maʾarrat"), ("Maʻarrat", "Ma`arrat"),
    ("Ḥizb Allāh", "Hizb Allah"), ("Dēr ez-Zōr", "Der ez-Zor"), ("Jaysh al-3izza", "Jaysh al-Izza"),
    ("Ta7rir", "Tahrir"), ("5alid", "Khalid"), ("su2al", "sual"), ("9asim", "Qasim"),
    # compound names and particles
    ("Abdulqadir", "Abd al-Qadir"), ("Abdel Qader", "Abd al-Qadir"), ("Abdelbasset", "Abdel Baset"),
    ("Abdurrahman", "Abd al-Rahman"), ("Abdurahman", "Abd al-Rahman"), ("Abderahmane", "Abderrahmane"), ("Abdullah", "Abd Allah"), ("Hezbollah", "Hizb Allah"), ("Nasrallah", "Nasr Allah"),
    ("Nureddine", "Nur al-Din"), ("Salah Eddine", "Salah al-Din"), ("Khalid ibn al-Walid", "Khalid bin al-Walid"),
    ("Abou Bakr", "Abu Bakr"), ("Mahfouz Walad Ahmad", "Mahfouz Ould Ahmad"),
    ("Mohd Rafi", "Muhammad Rafi"), ("Md. Abdul Karim", "Muhammad Abdulkarim"), ("MUHD YUSOF", "Muhammad Yusuf"),
    # English with and without "the", case, hyphens
    ("Army of the Sunna", "Army of Sunna"), ("FREE SYRIAN ARMY", "Free Syrian Army"), ("Tall-Abyad", "Tall Abyad"),
]
SKELETON = [
    ("Khmeimim", "Hmeimim"), ("Kafranbel", "Kafr Nabl"), ("Qamishli", "Kamishli"), ("Sermada", "Sarmada"),
    ("Jolani", "Golani"), ("Latakia", "al-Ladhiqiya"), ("Jaysh al-Izza", "جيش العزة"), ("Hizballah", "حزب الله"),
    ("Abd al-Qadir", "عبد القادر"), ("Muhammad", "محمد"), ("Kafr Nabl", "كفرنبل"), ("Walid", "الوليد"),
    ("Deir Ezzor", "Dayr al-Zur"), ("Dēr ez-Zōr", "Deir ez-Zor"), ("Abdulkadir", "Abd al-Qadir"),
    ("Bab al-Hawa", "باب الهوى"), ("Naguib Mahfouz", "نجيب محفوظ"),
    ("Hissham", "Hisham"), ("al-Hasshimi", "الهاشمي"),  # a letter doubled before a digraph
]
ARABIC = [
    ("أحمد", "احمد"), ("إدلب", "ادلب"), ("آل", "ال"), ("ٱلله", "الله"), ("حماة", "حماه"), ("مصطفى", "مصطفي"),
    ("کفر نبل", "كفر نبل"), ("ایران", "ايران"), ("كفر نبل", "كفرنبل"), ("جَيْشُ العِزَّةِ", "جيش العزة"),
    ("ﺟﻴﺶ ﺍﻟﻌﺰﺓ", "جيش العزة"), ("جيـــش", "جيش"), ("مسؤول", "مسوول"), ("الرحمٰن", "الرحمن"), ("لواء", "لوا"),
    ("\u200fحلب\u200e", "حلب"), ("٢١٦", "216"),
]
DIFFERENT = [
    ("Jaysh al-Islam", "Jaysh al-Izza"), ("Ahrar al-Sharqiya", "Ahrar al-Sham"),
    ("Western Ghouta", "Eastern Ghouta"), ("Tall Rifaat", "Tall Abyad"), ("Kafr Nabuda", "Kafr Nabl"),
    ("Bab al-Hawa", "Bab"), ("الهوى", "ال"),   # a word whose only consonant is h is still a word
]


@pytest.mark.parametrize(("a", "b"), FOLDED)
def test_folded_equal(a: str, b: str) -> None:
    assert keys(a).folded == keys(b).folded, (folded(a), folded(b))


@pytest.mark.parametrize(("a", "b"), SKELETON)
def test_skeleton_equal(a: str, b: str) -> None:
    ka, kb = keys(a), keys(b)
    assert {ka.skeleton, ka.skeleton_alt} & {kb.skeleton, kb.skeleton_alt} - {""}, (skeleton(a), skeleton(b))


@pytest.mark.parametrize(("a", "b"), ARABIC)
def test_arabic_equal(a: str, b: str) -> None:
    assert arabic(a) == arabic(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_stay_apart(a: str, b: str) -> None:
    assert keys(a).folded != keys(b).folded and keys(a).skeleton != keys(b).skeleton


def test_exact_unifies_marks_and_punctuation() -> None:
    assert exact("Jaysh  al‑ʿIzza") == exact("jaysh al-'izza") == "jaysh al 'izza"
    assert exact("\u202bجيش\u202c") == "جيش"
    assert exact("Hay’at Tahrir al-Sham") == "hay'at tahrir al sham"


def test_compatibility_punctuation_is_read_as_nfkc_reads_it() -> None:
    """A fullwidth apostrophe is an apostrophe, a fullwidth hyphen a hyphen (they were spaces
    before NFKC could read them: Ｓａ＇ｄ was two words, and missed Sa'd)."""
    assert exact("Ｓａ＇ｄ ＡＬ－ＦＡＱＩＨ") == exact("Sa'd AL-FAQIH") == "sa'd al faqih"
    assert keys("Ｒａ＇ａｎａｎｎａ") == keys("Ra'ananna")
    assert exact("a﹐b") == exact("a,b") == "a b"
    assert keys("ＳＴＥＰ Ｓ．Ａ．") == keys("STEP S.A.")


def test_glued_article_has_another_reading() -> None:
    assert keys("Alwasl").skeleton_alt == keys("al-Wasl").skeleton


def test_latin_digits_outside_words_are_kept() -> None:
    assert folded("Branch 216").split()[-1] == "216" and skeleton("Branch 216").split()[-1] == "216"


@pytest.mark.parametrize(("name", "acr"), [("Hay'at Tahrir al-Sham", "hts"), ("Free Syrian Army", "fsa"),
                                           ("Syrian National Army", "sna"), ("National Front for Liberation", "nfl"),
                                           ("Syrian Observatory for Human Rights", "suhr")])
def test_acronyms(name: str, acr: str) -> None:
    assert acronym(name, lambda f: f in {"fur", "uf", "and"}) == acr


@pytest.mark.parametrize(("name", "acrs"), [("al-Qaida in the Islamic Maghreb", ["qim", "aqim"]),
                                            ("al-Nusra Front", ["nf", "anf"]), ("Hay'at Tahrir al-Sham", ["hts"]),
                                            ("Jabhat al-Nusra", ["jn"])])
def test_a_name_beginning_with_the_article_has_an_acronym_with_its_a(name: str, acrs: list[str]) -> None:
    # English writes the article's a into the acronyms of al-Qaida's branches and al-Nusra Front
    assert acronyms(name, lambda f: f in {"in", "the"}) == acrs


@pytest.mark.parametrize(("query", "acr"), [("HTS", "hts"), ("SOHR", "suhr"), ("F.S.A.", "fsa"), ("Hts", ""), ("Hama", "")])
def test_query_acronyms(query: str, acr: str) -> None:
    assert query_acronym(query) == acr


@pytest.mark.parametrize(("name", "stem"), [("Hizbut Tahrir", "Hizb"), ("Ahlus Sunnah", "Ahl"), ("Ansarul Islam", "Ansar"),
                                            ("Ansaril Muslimin", "Ansar"), ("Biladis Sudan", "Bilad"),
                                            ("Matiur Rahman", "Mati")])
def test_a_case_ending_before_the_article_is_another_reading(name: str, stem: str) -> None:
    # names read with their case endings glue the next word's article to the word before:
    # anṣāru l-islām, ḥizbu t-taḥrīr; the stem is the word's other reading
    first = tokens(name)[0]
    assert skeleton(stem) in {first.skel, first.alt}


@pytest.mark.parametrize("name", ["Abd al-Qadir Rafiq", "Khalid Dawud", "Husayn Nasrallah", "Jamil Ahmad",
                                  "Abd al-Jalil Lahham"])
def test_a_name_s_own_ending_is_no_case_ending(name: str) -> None:
    # -ir, -id, -in end names (Qadir, Khalid, Husayn); a two-consonant stem before -il is too
    # short to tell (Jamil, Khalil); a compound has no case ending before its last part
    assert tokens(name)[0].alt == ""


def test_titles_are_folded_as_names_are() -> None:
    from glossary.names import titles, tokens

    for word in ("Sheikh", "Shaykh", "Dr.", "Colonel", "Col.", "Mullah", "العقيد", "الشيخ", "الدكتور"):
        assert all(t.form in titles() for t in tokens(word) if not t.article), word
    for name in ("Amir", "Sultan", "Imam", "Sayyid", "Hassan"):  # given names too: never titles
        assert not any(t.form in titles() for t in tokens(name)), name


def test_letters_of_other_orthographies_fold_as_the_letter_they_are_read_as() -> None:
    """Every row of tables/letter_variants.tsv: a name written with the letter (ڵ ې ۀ ځ …) has the
    arabic key of the name written with the letter it is read as (the romanization reads it so too)."""
    from glossary.names.tables import TABLES

    variants = TABLES["arabic"]["variants"]
    assert len(variants) > 150
    apart = [(c, t) for c, t in variants.items() if arabic(f"ب{c}ر") != arabic(f"ب{t}ر")]
    assert not apart
    assert arabic("موسڵ") == arabic("موسل") and arabic("ځدران") == arabic("زدران") and arabic("بېتلېخېم") == arabic("بيتليخيم")
