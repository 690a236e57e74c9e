"""The glossary's names as ``known`` spans: `Glossary.transliterate` and `transliterate_all`."""

from __future__ import annotations

from pathlib import Path

import glossary

GLOSSARY = """\
entities:
  - id: madinat-halab
    type: place
    romanized: Madinat Halab
    arabic: مدينة حلب
    vocalized: مَدِينَة حَلَب
  - id: halab
    type: place
    romanized: Halab
    arabic: حلب
    vocalized: حَلَب
  - id: jaysh-al-izza
    type: group
    romanized: Jaysh al-Izza
    arabic: جيش العزة
    vocalized: جَيْش العِزَّة
    former_names:
      - {romanized: Tajamu al-Izza, arabic: تجمع العزة, vocalized: تَجَمُّع العِزَّة}
  - id: liwa-al-haqq-1
    type: group
    romanized: Liwa al-Haqq
    arabic: لواء الحق
    vocalized: لِوَاء الحَقّ
  - id: liwa-al-haqq-2
    type: group
    romanized: Liwa al-Haq
    arabic: لواء الحق
    vocalized: لِوَاء الحَقِّ
  - id: long-name
    type: group
    romanized: Harakat Nur al-Din al-Zinki
    arabic: حركة نور الدين الزنكي الحلبية
    vocalized: حَرَكَة نُور الدِّين الزِّنْكِي الحَلَبِيَّة
  - id: no-vocalized
    type: place
    romanized: Kafr Nabl
    arabic: كفر نبل
"""


def _load(tmp_path: Path) -> glossary.Glossary:
    path = tmp_path / "g.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return glossary.load(path)


def test_longest_name_first(tmp_path: Path) -> None:
    g = _load(tmp_path)
    r = g.transliterate("مدينة حلب")
    assert r.text == "Madīnat Ḥalab" and r.exact and r.source == "glossary"
    r = g.transliterate("في مدينة حلب")
    assert r.text.endswith("Madīnat Ḥalab") and [w.source for w in r.words][1:] == ["glossary", "glossary"]


def test_keys_fold_spelling_and_spacing(tmp_path: Path) -> None:
    g = _load(tmp_path)
    assert g.vocalized_for("جيش العزه") == "جَيْش العِزَّة"
    assert g.vocalized_for("تجمع العزة") == "تَجَمُّع العِزَّة"  # a former name
    assert g.vocalized_for("كفر نبل") == ""  # known without a vocalized form: a proper name


def test_names_vocalized_two_ways_are_left_out(tmp_path: Path) -> None:
    g = _load(tmp_path)
    assert g.vocalized_for("لواء الحق") is None


def test_spans_as_long_as_the_longest_name(tmp_path: Path) -> None:
    g = _load(tmp_path)
    r = g.transliterate("حركة نور الدين الزنكي الحلبية")
    assert r.exact and r.text == "Ḥarakat Nūr al-Dīn al-Zinkī al-Ḥalabīyah"


def test_all_schemes_read_the_text_once(tmp_path: Path) -> None:
    g = _load(tmp_path)
    out = g.transliterate_all("جيش العزة")
    assert out["din31635"].text == "Ǧayš al-ʿIzza" and all(t.exact for t in out.values())


def test_a_name_known_without_its_vowels_is_written_as_a_proper_name(tmp_path: Path) -> None:
    """Kafr Nabl (كفر نبل) has no vocalized form: the lexicon or the model reads its vowels, as for any
    word, and it is written as the proper name the glossary says it is: each word capitalized, also
    behind a proclitic and written as one word (the key ignores spaces), its last word never the
    first term of a construct. Without the glossary the same words are common words."""
    g = _load(tmp_path)
    plain = glossary.translit.transliterate
    assert g.transliterate("في كفر نبل").text == "Fī Kufr Nubl" and plain("في كفر نبل").text == "Fī Kufr nubl"
    r = g.transliterate("وكفرنبل")
    assert r.text == "wa-Kafrunbul" and r.words[0].source == "model" and not r.exact
    assert plain("وكفرنبل").text == "Wa-kafrunbul"
    known = {"كفرنبودة": ""}.get  # a name ending in ة, known without its vowels
    assert glossary.translit.transliterate("ريف كفرنبودة الشرقي", known=known).text == "Rīf Kufrinbūdah al-sharqī"
    assert plain("ريف كفرنبودة الشرقي").text == "Rīf Kufrinbūdat al-sharqī"
