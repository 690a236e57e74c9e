"""The resolver: spellings in, entities out; look-alikes and negatives stay apart."""

from __future__ import annotations

from contextlib import nullcontext

import pytest

from glossary.match import Index, Resolver, search

from ._data import entities


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(Index.build(entities()))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Jaysh al-Izza", "jaysh-al-izza"),
        ("Jaish al-Ezzah", "jaysh-al-izza"),
        ("Jeish el-Izza", "jaysh-al-izza"),
        ("جيش العزّة", "jaysh-al-izza"),
        ("ﺟﻴﺶ ﺍﻟﻌﺰﺓ", "jaysh-al-izza"),  # presentation forms pasted from a PDF
        ("Jaysh al-3izza", "jaysh-al-izza"),  # Arabizi
        ("Army of Glory", "jaysh-al-izza"),
        ("army of the glory", "jaysh-al-izza"),  # English with "the"
        ("Kafranbel", "kafr-nabl"),  # spacing
        ("كفر نبل", "kafr-nabl"),
        ("Deir Ezzor", "deir-ez-zor"),  # article glued to the word
        ("Deir ez-Zor", "deir-ez-zor"),
        ("ديرالزور", "deir-ez-zor"),
        ("Lattaquié", "latakia"),  # French spelling, accents
        ("al-Lādhiqīyah", "latakia"),  # scholarly
        ("Khmeimim", "hmeimim"),  # kh ~ h
        pytest.param("Hama", "hama", marks=pytest.mark.xfail(strict=True, reason="learned resolver (issue 18): 'Hama' ~ حماة scores 0.42: Latin "
                     "spellings of Arabic-only names are rare in the training corpus")),  # Latin query, Arabic-only entry
        ("Hezbollah", "hizballah"),
        ("Hizb Allah", "hizballah"),
        ("Abdulkadir Saleh", "abd-al-qadir-al-salih"),
        ("Abdel Qader al-Saleh", "abd-al-qadir-al-salih"),
        ("Muhammad Ali Hasan al-Zubaydi", "muhammad-al-zubaydi"),  # middle names dropped
        ("Bashar Assad", "bashar-al-asad"),
        ("al-Zubaydi, Muhammad", "muhammad-al-zubaydi"),  # SURNAME, Given
        ("Dr. Bashar al-Assad", "bashar-al-asad"),  # a title is not part of the name
        ("Bachar el-Assad", "bashar-al-asad"),
        ("HTS", "hts"),  # listed abbreviation
    ],
)
def test_positive(resolver: Resolver, query: str, expected: str) -> None:
    r = resolver.resolve(query)
    assert (r.status, r.match and r.match.id) == ("match", expected)


def test_a_short_acronym_is_a_candidate_never_a_match_alone(resolver: Resolver) -> None:
    # three letters or fewer that are no name's exact spelling (FSA, the initials of the English
    # name): listed, at the acronym level's measured probability, but weak evidence
    r = resolver.resolve("FSA")
    assert r.status == "none" and r.candidates[0].id == "fsa" and r.candidates[0].weak == "short"
    assert r.candidates[0].level == "acronym"


@pytest.mark.parametrize(
    "query",
    ["Liwa al-Islam", "Jaysh al-Mujahideen", "Ahrar al-Sharqiya", "Khalid al-Zubaydi", "Hamam",
     pytest.param("Kafr Nabuda al-Jadida wa Tall", marks=pytest.mark.xfail(strict=True, reason="learned resolver (issue 18): "
                  "the refit of 2026-12-07 matches Kafr Nabuda at 0.867 (threshold 0.79): a name inside a longer one")),
     "Liwa al-Haqq", "Jaysh al-Nasr", "", "   ", "\u200f\u064e", "---"],
)
def test_negative(resolver: Resolver, query: str) -> None:
    r = resolver.resolve(query)
    assert r.match is None or r.match.id not in {"jaysh-al-izza", "jaysh-al-islam", "ahrar-al-sham",
                                                 "muhammad-al-zubaydi", "hama", "kafr-nabuda"}


def test_look_alikes_stay_apart(resolver: Resolver) -> None:
    assert resolver.resolve("Jaysh al-Islam").match.id == "jaysh-al-islam"  # type: ignore[union-attr]
    assert resolver.resolve("Jaysh al-Mujahideen").status == "none"
    assert resolver.resolve("Ahrar al-Sharqiya").status == "none"
    assert resolver.resolve("Khalid al-Zubaydi").status == "none"


@pytest.mark.xfail(strict=True, reason="learned resolver (issue 18): 'Hama' ~ حماة scores below the threshold")
def test_latin_through_arabic_skeleton_scores_lower(resolver: Resolver) -> None:
    hama = resolver.resolve("Hama").match
    latin = resolver.resolve("Kafr Nabl").match
    assert hama is not None and latin is not None and hama.score < latin.score
    assert resolver.resolve("Hamam").status == "none"


def test_ambiguous_lists_both(resolver: Resolver) -> None:
    r = resolver.resolve("Idlib")
    assert r.status == "ambiguous" and r.match is None
    assert {c.id for c in r.candidates[:2]} == {"idlib", "idlib-governorate"}


@pytest.mark.xfail(strict=True, reason="learned resolver (issue 18): in the refit of 2026-12-07 the exact spelling scores "
                   "0.776, under its threshold 0.79, as the other entity's name folds the same")
def test_same_fold_two_entities_raw_spelling_decides(resolver: Resolver) -> None:
    assert resolver.resolve("Liwa al-Umma").match.id == "liwa-al-umma-sy"  # type: ignore[union-attr]
    assert resolver.resolve("Liwaa al-Ummah").match.id == "liwa-al-umma-ly"  # type: ignore[union-attr]
    assert resolver.resolve("Liwa al-Ummah").status == "ambiguous"


def test_type_restricts(resolver: Resolver) -> None:
    assert resolver.resolve("Idlib", type="group").status == "none"
    r = resolver.resolve("Jaysh al-Izza", type="place")
    assert r.match is None and all(c.type == "place" for c in r.candidates)


def test_result_shape_and_explain(resolver: Resolver) -> None:
    r = resolver.resolve("Jaish al-Izzah", explain=True)
    d = r.to_dict()
    assert set(d) == {"query", "status", "match", "candidates", "explain"}
    assert set(d["match"]) == {"id", "label", "type", "score", "name", "level"}
    assert d["match"]["level"] == "folded" and 0 <= d["match"]["score"] <= 1
    assert d["explain"]["query_keys"]["folded"] == "jayshiza"
    assert d["explain"]["candidates"][0]["keys"]["folded"] == "jayshiza"
    assert "explain" not in resolver.resolve("Jaish al-Izzah").to_dict()


@pytest.mark.parametrize(("query", "level"), [("Jaysh al-Izza", "exact"), ("جيش العزه", "arabic"),
                                               ("Jaish al-Izzah", "folded"), ("Hmeimim", "exact"),
                                               ("Khmeimim", "skeleton")])
def test_levels(resolver: Resolver, query: str, level: str) -> None:
    m = resolver.resolve(query).match
    assert m is not None and m.level == level


def test_resolve_many_same_answers(resolver: Resolver) -> None:
    qs = ["Jaish al-Izzah", "Idlib", "nothing at all", "Jaish al-Izzah"]
    assert [r.to_dict() for r in resolver.resolve_many(qs)] == [resolver.resolve(q).to_dict() for q in qs]


def test_search(resolver: Resolver) -> None:
    hits = search(resolver, "Jaysh")
    assert {"jaysh-al-izza", "jaysh-al-islam"} <= {h.id for h in hits}
    assert search(resolver, "حزب")[0].id == "hizballah"
    assert search(resolver, "Ladhiq")[0].id == "latakia"


def test_a_name_making_head_cannot_be_left_out() -> None:
    # Ansar, Ahrar and Thuwar make a new name of the word they head, as unit words do:
    # "Tawhid" alone is neither Ansar al-Tawhid nor Liwa al-Tawhid
    from glossary.model import Entity

    ents = [Entity(id=i, type="group", romanized=n) for i, n in (
        ("liwa", "Liwa al-Tawhid"), ("ansar", "Ansar al-Tawhid"), ("ahrar", "Ahrar al-Sham"),
        ("thuwar", "Thuwar al-Raqqa"), ("nusra", "Jabhat al-Nusra"), ("islam", "Jaysh al-Islam"))]
    r = Resolver(Index.build(ents))
    for query in ("Tawhid", "al-Tawhid", "al-Sham", "Raqqa"):
        assert r.resolve(query).status == "none", query
    assert r.resolve("Ansar al-Tawheed").match.id == "ansar"  # type: ignore[union-attr]


@pytest.mark.xfail(strict=True, reason="learned resolver (issue 18): حسن الزبيدي matches حسين الزبيدي")
def test_arabic_script_given_names_keep_their_long_vowels() -> None:
    # حسن is Hasan, حسين Husayn: an Arabic query must not take one for the other, as a Latin
    # query must not take Umar for Ammar
    from glossary.model import Entity

    ents = [Entity(id="husayn", type="person", romanized="Husayn al-Zubaydi", arabic="حسين الزبيدي"),
            Entity(id="ammar", type="person", romanized="Ammar Tlas", arabic="عمار طلاس"),
            Entity(id="umar", type="person", romanized="Umar Tlas"),
            Entity(id="mahmud", type="person", romanized="Mahmud Qabbani", arabic="محمود قباني")]
    r = Resolver(Index.build(ents))
    for query in ("حسن الزبيدي", "محمد قباني"):
        assert r.resolve(query).status == "none", query
    assert r.resolve("عمر طلاس").match.id == "umar"  # type: ignore[union-attr]
    assert r.resolve("حسين الزبيدى").match.id == "husayn"  # type: ignore[union-attr]


@pytest.mark.xfail(strict=True, reason="learned resolver (issue 18): 'Idlib city' scores below the threshold")
def test_a_settlement_called_what_it_is_is_the_place_itself() -> None:
    # "Idlib city", "the city of Idlib", مدينة إدلب: the city, not the governorate of its name;
    # "city" finds no candidates of its own (Hama has a short skeleton that X City names share)
    from glossary.model import Entity

    ents = [Entity(id="idlib", type="place", romanized="Idlib", arabic="إدلب"),
            Entity(id="idlib-gov", type="place", romanized="Idlib Governorate", arabic="محافظة إدلب"),
            Entity(id="hama", type="place", romanized="Hama", arabic="حماة"),
            Entity(id="hmeimim", type="place", romanized="Hmeimim", arabic="قاعدة حميميم الجوية"),
            Entity(id="nasr-city", type="place", romanized="Nasr City"),
            Entity(id="sadr-city", type="place", romanized="Sadr City")]
    r = Resolver(Index.build(ents))
    for query, expected in (("Idlib city", "idlib"), ("the city of Idlib", "idlib"), ("مدينة إدلب", "idlib"),
                            ("Madinat Idlib", "idlib"), ("Hama city", "hama"), ("Idlib Governorate", "idlib-gov")):
        res = r.resolve(query)
        assert res.status == "match" and res.match is not None and res.match.id == expected, query
    district = r.resolve("Idlib District").match  # a district is another place of the name
    assert district is None or district.id != "idlib"


@pytest.mark.xfail(strict=True, reason="learned resolver (issue 18): محافظة حلب matches حلب")
def test_an_administrative_unit_is_not_the_town_of_its_name() -> None:
    # a glossary that lists the city alone: its governorate, province or district is another
    # place (a dataset's "Aleppo Governorate" must not become the city), in either script
    from glossary.model import Entity

    ents = [Entity(id="aleppo", type="place", romanized="Halab", arabic="حلب", english="Aleppo"),
            Entity(id="homs", type="place", romanized="Hims", arabic="حمص", english="Homs")]
    r = Resolver(Index.build(ents))
    for query in ("Aleppo Governorate", "Muhafazat Halab", "محافظة حلب", "Homs Province", "Homs District",
                  "منطقة حمص"):
        assert r.resolve(query).status == "none", query
    for query in ("Aleppo city", "مدينة حلب", "Halab"):
        assert r.resolve(query).match.id == "aleppo", query  # type: ignore[union-attr]


@pytest.mark.xfail(strict=True, reason="learned resolver (issue 18): 'Bushra al-Asad' matches بشار الأسد")
def test_the_other_script_decides_when_the_query_script_has_another_name() -> None:
    # a person listed under one name in Latin and another in Arabic (an alias): the Arabic
    # name in Latin letters is found through the Arabic, though it shares a word with the
    # Latin name; a place whose Arabic name has a word more (the castle) is found by its
    # Arabic name alone through its Latin one. But a Latin name that spells the same Arabic
    # name otherwise says which vowels it has: Bushra is not Bashar, though بشار has the
    # consonants of both.
    from glossary.model import Entity

    ents = [Entity(id="ibrahim", type="person", romanized="Yasir Hasan IBRAHIM", arabic="إبراهيم حسين العلي"),
            Entity(id="masyaf", type="place", romanized="Masyaf", arabic="قلعة مصياف"),
            Entity(id="asad", type="person", romanized="Bashar al-Asad", arabic="بشار الأسد")]
    r = Resolver(Index.build(ents))
    for query, expected in (("Ibrahim Husayn al-Ali", "ibrahim"), ("Ibrahim Hussein al-Ali", "ibrahim"),
                            ("مصياف", "masyaf"), ("Bashar al-Assad", "asad")):
        res = r.resolve(query)
        assert res.match is not None and res.match.id == expected, query
    for query in ("Bushra al-Asad", "Ibrahim Husayn al-Shami", "Khalid Husayn al-Ali"):
        assert r.resolve(query).status == "none", query


def _orthography_resolver() -> Resolver:
    """Five Syrian names, for the queries written in another orthography."""
    from glossary.model import Entity

    return Resolver(Index.build([
        Entity(id="jisr", type="place", romanized="Jisr al-Shughur", arabic="جسر الشغور"),
        Entity(id="khan", type="place", romanized="Khan Shaykhun", arabic="خان شيخون"),
        Entity(id="baniyas", type="place", romanized="Baniyas", arabic="بانياس"),
        Entity(id="miskin", type="place", romanized="Shaykh Miskin", arabic="الشيخ مسكين"),
        Entity(id="asad", type="person", romanized="Bashar al-Asad", arabic="بشار الأسد")]))


def test_a_name_written_the_turkish_or_slavic_way() -> None:
    # GeoNames alternate names and the Turkish and East European press: the query that finds
    # nothing is read again in the orthography its letters show (tables/orthographies.yaml)
    r = _orthography_resolver()
    for query, expected in (("Cisr eş-Şuğur", "jisr"), ("Chán Šajchún", "khan"),
                            ("Banijas", "baniyas"), ("Shejkh-Miskin", "miskin"), ("Beşar Esad", "asad")):
        res = r.resolve(query)
        assert res.match is not None and res.match.id == expected, query
        assert res.match.level != "exact", query  # a reading is no exact spelling
    for query in ("Cebel Zaviye", "Halep", "Hajjaj Banijas al-Tahtani"):  # others of the same orthographies
        assert r.resolve(query).status == "none", query


@pytest.mark.xfail(strict=True, reason="learned resolver (issue 18): in the refit of 2026-12-07 the Polish reading of "
                   "Khan Shaykhun scores 0.789, under its threshold 0.79 (first, and alone; 0.856 without the z of sz)")
def test_a_polish_khan_shaykhun() -> None:
    res = _orthography_resolver().resolve("Chan Szajchun")
    assert res.match is not None and res.match.id == "khan"


def test_a_name_written_the_polish_way() -> None:
    from glossary.model import Entity

    ents = [Entity(id="jisr", type="place", romanized="Jisr al-Shughur", arabic="جسر الشغور"),
            Entity(id="asad", type="person", romanized="Bashar al-Asad", arabic="بشار الأسد")]
    res = Resolver(Index.build(ents)).resolve("Dżisr asz-Szughur")
    assert res.match is not None and res.match.id == "jisr"


@pytest.mark.xfail(strict=True, reason="learned resolver (issue 18): 'Nur al-Huda' scores below the threshold")
def test_titles_and_filiation_of_other_countries() -> None:
    # Maulvi (a scholar's title) is no part of the name; binti is bint (daughter of), and
    # Nurul is Nur al- said with its case ending, in a given name too
    from glossary.model import Entity

    ents = [Entity(id="haqqani", type="person", romanized="Jalal al-Din Haqqani"),
            Entity(id="nur", type="person", romanized="Nur al-Huda binti Abdullah"),
            Entity(id="nur-hasan", type="person", romanized="Nur Hasan")]
    r = Resolver(Index.build(ents))
    for query, expected in (("Maulvi Jalaluddin Haqqani", "haqqani"), ("Mawlawi Jalal ad-Din Haqqani", "haqqani"),
                            ("Nurul Huda binti Abdullah", "nur"), ("Nur al-Huda", "nur"),
                            ("Nurul Huda Abdullah", "nur")):
        res = r.resolve(query)
        assert res.status == "match" and res.match is not None and res.match.id == expected, query


@pytest.mark.xfail(strict=True, reason="learned resolver (issue 18): one of two names a letter apart matches")
def test_the_name_agreeing_letter_for_letter_outranks_one_only_close() -> None:
    # "Sharaa" folds as al-Sharaa (الشرع) does; al-Shaar (الشعار) has its consonants. Both cap at
    # 0.97, but only one agrees letter for letter: no ambiguity. Word order still counts: the
    # reordered name is not "letter for letter", however its spelling agrees.
    from glossary.model import Entity, Variant

    ents = [Entity(id="sharaa", type="person", romanized="Zahran Tariq al-Sharaa"),
            Entity(id="shaar", type="person", romanized="Zahran Tariq al-Shaar"),
            Entity(id="m-ar", type="person", romanized="Muhammad Abd al-Rahman al-Masri",
                   variants=(Variant("MOHAMMED ABD AL-RAHMAN AL-MASRI"),)),
            Entity(id="ar-m", type="person", romanized="Abd al-Rahman Muhammad al-Masri")]
    r = Resolver(Index.build(ents))
    for query, expected in (("zahran tariq sharaa", "sharaa"), ("Zahran Tariq a-Sharaa", "sharaa"),
                            ("Zahran Tariq el-Shaar", "shaar")):
        res = r.resolve(query)
        assert res.status == "match" and res.match is not None and res.match.id == expected, query
    assert r.resolve("Abd al-Rahmman Mohammed al-Masri").status == "ambiguous"


@pytest.mark.xfail(strict=True, reason="learned resolver (issue 18): the g-for-qaf rule is gone; 'Muammar Gaddafi' scores below the threshold")
def test_a_family_name_said_with_g_for_qaf() -> None:
    from glossary.model import Entity

    ents = [Entity(id="qadhafi", type="person", romanized="Muammar al-Qadhafi", arabic="معمر القذافي"),
            Entity(id="kamal", type="person", romanized="Kamal Hasan")]
    r = Resolver(Index.build(ents))
    assert r.resolve("Muammar Gaddafi").match.id == "qadhafi"  # type: ignore[union-attr]
    assert r.resolve("Gamal Hasan").status == "none"



def test_a_miss_suggests_only_names_alike() -> None:
    # candidates that scored nothing (found by a shared skeleton or a letter one away, then
    # scored 0) are no suggestion: "did you mean" lists names alike, or none
    import glossary

    g = glossary.load()
    for query in ("\udcff\udcfeabc", "abc", "Qwxz Vbnm"):
        res = g.resolve(query)
        assert res.status == "none" and all(c.score > 0.0 for c in res.candidates), res.to_dict()


def test_an_acronym_with_the_article_of_the_name() -> None:
    from glossary.match import matcher
    from glossary.model import Entity

    ents = [Entity(id="aqim", type="group", romanized="al-Qaida in the Islamic Maghreb"),
            Entity(id="qim", type="group", romanized="Quwat al-Imam al-Mahdi")]
    r = Resolver(Index.build(ents))
    res = r.resolve("AQIM")  # four letters, one entity's initials: the acronym table's likeliest cell
    assert res.match is not None and (res.match.id, res.match.level) == ("aqim", "acronym")
    assert res.match.score == matcher().acronym_probability(False, 1) > matcher().threshold
    # both names' initials without an article, three letters: short, shared, never a match
    res = r.resolve("QIM")
    assert res.status == "none" and {c.id for c in res.candidates} == {"aqim", "qim"}
    assert {c.score for c in res.candidates} == {matcher().acronym_probability(True, 2)}
    assert all(c.weak == "short" for c in res.candidates)


def test_a_persian_gaf_is_a_g() -> None:
    # گ is a g: Arabic names write it ج or غ, Latin ones g (skeleton j for all three); read as
    # ك, as it once was, it met none of them (Persian, Kurdish and Ottoman place names of GeoNames)
    from glossary.match.profile import profile
    from glossary.model import Entity

    def skeletons(name: str) -> list[str]:
        return [w.skel for w in profile(name).words]

    assert skeletons("گرگان") == skeletons("جرجان") == skeletons("Gorgan")
    assert skeletons("رمت گن") == skeletons("رمات غان") == skeletons("Ramat Gan")
    assert skeletons("گلستان") == skeletons("Golestan") != skeletons("كلستان")
    ents = [Entity(id="gorgan", type="place", romanized="Gorgan", arabic="جرجان"),
            Entity(id="golestan", type="place", romanized="Golestan"),
            Entity(id="kirkuk", type="place", romanized="Kirkuk", arabic="كركوك")]
    r = Resolver(Index.build(ents))
    res = r.resolve("گرگان")
    assert res.match is not None and res.match.id == "gorgan"
    # a name known in Latin letters only: found, and first (whether it is sure enough is the model's)
    assert r.resolve("گلستان").candidates[0].id == "golestan"


def test_letters_of_other_orthographies_are_the_letters_they_are_read_as() -> None:
    # Kurdish ڵ, Pashto ځ, Uyghur ې (tables/letter_variants.tsv) fold as ل, ز, ي: the name is found
    # as if written with those letters (invented names, one glossary)
    from glossary.model import Entity

    ents = [Entity(id="zarbal", type="place", romanized="Zarbal", arabic="زربال"),
            Entity(id="bitlin", type="place", romanized="Bitlin", arabic="بيتلين"),
            Entity(id="karbal", type="place", romanized="Karbal", arabic="كربل")]
    r = Resolver(Index.build(ents))
    for query, expected in (("ځربال", "zarbal"), ("زرباڵ", "zarbal"), ("بېتلېن", "bitlin")):
        res = r.resolve(query)
        assert res.match is not None and res.match.id == expected, (query, res.to_dict())


def test_what_follows_an_arabic_comma_qualifies_the_name() -> None:
    # تبسه، الجزائر (Tebessa, Algeria): the gazetteers' place with its country or province, read as
    # a parenthesized qualifier is; the qualifier, an entity of its own, does not take the match
    from glossary.match.profile import main_part, parenthesized, profile
    from glossary.model import Entity

    assert main_part("اللطامنة، حماة") == "اللطامنة" and parenthesized("اللطامنة، حماة") == ["حماة"]
    assert [w.opt for w in profile("اللطامنة، حماة").words] == [False, True]
    assert main_part("al-Zubaydi, Muhammad") == "al-Zubaydi, Muhammad"  # a Latin comma is not read so
    ents = [Entity(id="al-lataminah", type="place", romanized="al-Lataminah", arabic="اللطامنة"),
            Entity(id="hama", type="place", romanized="Hama", arabic="حماة"),
            Entity(id="kafr-zita", type="place", romanized="Kafr Zita", arabic="كفر زيتا")]
    r = Resolver(Index.build(ents))
    for query, expected in (("اللطامنة، حماة", "al-lataminah"), ("كفر زيتا، محافظة حماة", "kafr-zita"),
                            ("حماة", "hama")):
        res = r.resolve(query)
        assert res.match is not None and res.match.id == expected, query


def test_a_person_written_family_name_first() -> None:
    """A sanctions list's form (GHAILANI, Ahmed Khalfan; Ali, Ahmed Khalfan) is also read the
    other way round, and that reading answers when its best candidate is a person scoring
    higher: `Resolution.reading` says so. A place with its country after a comma is read as the
    place; a company with its legal form is neither: the name as written answers."""
    from glossary.model import Entity

    ents = [Entity(id="ahmed-khalfan-ghailani", type="person", romanized="Ahmed Khalfan Ghailani"),
            Entity(id="tebessa", type="place", romanized="Tebessa"),
            Entity(id="al-bashair-trading", type="other", romanized="Al-Bashair Trading Company Ltd")]
    r = Resolver(Index.build(ents))
    written = r.resolve("Ghailani, Ahmed Khalfan")
    assert (written.status, written.match and written.match.id) == ("match", "ahmed-khalfan-ghailani")
    assert written.reading == "Ahmed Khalfan Ghailani" and written.query == "Ghailani, Ahmed Khalfan"
    assert written.to_dict()["reading"] == "Ahmed Khalfan Ghailani"
    assert r.resolve("Ahmed Khalfan Ghailani").reading is None
    assert "reading" not in r.resolve("Ahmed Khalfan Ghailani").to_dict()
    place = r.resolve("Tebessa, Algeria")  # a place and its country: the place (`qualified`), not a person
    assert (place.match and place.match.id, place.reading) == ("tebessa", "Tebessa")
    company = r.resolve("AL-BASHAIR TRADING COMPANY, LTD")
    assert company.reading is None and company.match is not None and company.match.id == "al-bashair-trading"
    batch = list(r.resolve_many(["Ghailani, Ahmed Khalfan", "Tebessa", "Ghailani, Ahmed Khalfan"]))
    assert [b.reading for b in batch] == ["Ahmed Khalfan Ghailani", None, "Ahmed Khalfan Ghailani"]
    pure = Resolver(Index.build(ents), compiled=False).resolve("Ghailani, Ahmed Khalfan")
    assert (pure.match and pure.match.id, pure.reading) == ("ahmed-khalfan-ghailani", "Ahmed Khalfan Ghailani")
    explained = r.resolve("Ghailani, Ahmed Khalfan", explain=True)
    assert explained.reading == "Ahmed Khalfan Ghailani" and explained.explanation is not None


def test_a_place_with_its_region_after_an_arabic_comma() -> None:
    """Arabic and Persian gazetteers write a place with its country or province after an Arabic comma
    (حلفايا، حماة): the place is also read without it (`qualified`), as after a Latin comma; a reading
    never undoes a match of the name as written, nor answers with evidence too weak to match: كوت
    alone is a short query (no match), and كوت، العراق, which matches Al Kut as written, keeps it."""
    from glossary.match.resolve import qualified
    from glossary.model import Entity

    assert qualified("حلفايا، حماة") == "حلفايا" and qualified("حلفايا") is None
    assert qualified("أ، ب، ج") is None and qualified("حلفايا، محافظة حماة الوسطى الكبرى") is None
    ents = [Entity(id="halfaya", type="place", romanized="Halfaya", arabic="حلفايا"),
            Entity(id="al-kut", type="place", romanized="Al Kut", arabic="الكوت"),
            Entity(id="jaysh-al-izza", type="group", romanized="Jaysh al-Izza", arabic="جيش العزة")]
    r = Resolver(Index.build(ents))
    got = r.resolve("حلفايا، حماة")
    assert (got.status, got.match and got.match.id, got.reading) == ("match", "halfaya", "حلفايا")
    assert r.resolve("كوت").status == "none" and r.resolve("كوت").candidates[0].weak == "short"
    kut = r.resolve("كوت، العراق")
    assert (kut.status, kut.match and kut.match.id, kut.reading) == ("match", "al-kut", None)
    written = r.resolve("جيش العزة، حماة")  # a group: matched as written (its qualifier optional)
    assert written.match is not None and written.match.id == "jaysh-al-izza" and written.reading is None


def test_a_person_named_with_the_chain_of_fathers_names() -> None:
    """Sanctions lists write a person's given name, father's and grandfather's names and family name;
    a glossary holds the given and family names. A person's name of four words or more is also read
    as its first given name (a compound one whole: Abdul Basit) and its last word, and that reading
    answers for a person whose every name word the query holds, in order: another person sharing
    the given and family names is not taken (Jamil Hassan al-Saleh for Jamil Ahmad Khalil AL-SALEH)."""
    from glossary.match.resolve import given_and_family
    from glossary.model import Entity

    ents = [Entity(id="mustafa-al-bakour", type="person", romanized="Mustafa al-Bakour", arabic="مصطفى البكور"),
            Entity(id="abdul-basit-al-sarout", type="person", romanized="Abdul Basit al-Sarout"),
            Entity(id="jamil-hassan-al-saleh", type="person", romanized="Jamil Hassan al-Saleh"),
            Entity(id="tall-al-kurdi", type="place", romanized="Tall al-Kurdi")]
    r = Resolver(Index.build(ents))
    # as written the chain matches nothing; read as given and family names it does
    for query in ("Mustafa bin Ahmad bin Hussein bin Khalil AL-BAKOUR", "Mustafa Khalid Omar Yusuf Hamid AL-BAKOUR"):
        got = r.resolve(query)
        assert (got.status, got.match and got.match.id, got.reading) == ("match", "mustafa-al-bakour",
                                                                        "Mustafa AL-BAKOUR"), query
    assert given_and_family("Abdul Basit Mahmoud Khalid AL-SAROUT") == "Abdul Basit AL-SAROUT"
    written = r.resolve("Abdul Basit Mahmoud Khalid Omar Yusuf AL-SAROUT")  # a match as written: no reading
    assert written.match is not None and written.match.id == "abdul-basit-al-sarout" and written.reading is None
    other = r.resolve("Jamil Ahmad Khalil AL-SALEH")
    assert other.match is None and other.reading is None
    assert given_and_family("Mustafa al-Bakour") is None and given_and_family("BAKOUR, Mustafa Ahmad Hussein") is None
    assert r.resolve("Mustafa al-Bakour").reading is None  # as written


def test_a_person_with_a_title_or_rank() -> None:
    """Dr., Sheikh, Colonel, العقيد … before a person's name (`glossary.names.titles`): the name
    is also read without them, and that reading answers when it finds a person scoring higher.
    A place whose name opens with such a word (Sheikh Miskin) keeps its own name."""
    from glossary.model import Entity

    ents = [Entity(id="mustafa-al-bakour", type="person", romanized="Mustafa al-Bakour", arabic="مصطفى البكور"),
            Entity(id="saad-al-faqih", type="person", romanized="Saad al-Faqih"),
            Entity(id="sheikh-miskin", type="place", romanized="Sheikh Miskin", arabic="الشيخ مسكين"),
            Entity(id="miskin", type="person", romanized="Miskin Hamad")]
    r = Resolver(Index.build(ents))
    for query, reading in (("Colonel Mustafa al-Bakour", "Mustafa al-Bakour"), ("العقيد مصطفى البكور", "مصطفى البكور"),
                           ("Dr. Sheikh Saad al-Faqih", "Saad al-Faqih"), ("AL-FAQIH, Dr. Saad", "Saad AL-FAQIH")):
        got = r.resolve(query)
        assert (got.status, got.reading) == ("match", reading), query
        assert got.match is not None and got.match.type == "person"
    for query in ("Sheikh Miskin", "الشيخ مسكين"):
        got = r.resolve(query)
        assert got.match is not None and got.match.id == "sheikh-miskin" and got.reading is None, query
    from glossary.match.resolve import other_readings

    assert other_readings("TURKI, Sheikh Hassan") == [("Sheikh Hassan TURKI", "person"), ("Hassan TURKI", "person"),
                                                      ("TURKI", "place")]
    assert other_readings("Sheikh") == [] and other_readings("Hassan Turki") == []


def test_a_place_said_to_be_a_city_town_or_village() -> None:
    """City of Homs, Idlib city, مدينة إدلب, قرية كفرنبل: a settlement called what it is is the place
    itself, so the name is also read without those words (`glossary.names.settlements`); an
    administrative unit keeps its word (Idlib Governorate is not the town of Idlib)."""
    from glossary.model import Entity

    ents = [Entity(id="idlib", type="place", romanized="Idlib", arabic="إدلب"),
            Entity(id="kafr-nabl", type="place", romanized="Kafr Nabl", arabic="كفرنبل"),
            Entity(id="madinat-isa", type="place", romanized="Madinat Isa", arabic="مدينة عيسى"),
            Entity(id="isa-abdullah", type="person", romanized="Isa Abdullah")]
    r = Resolver(Index.build(ents))
    for query, reading in (("Idlib city", "Idlib"), ("City of Idlib", "Idlib"), ("مدينة إدلب", "إدلب"),
                           ("قرية كفرنبل", "كفرنبل"), ("Kafr Nabl village", "Kafr Nabl")):
        got = r.resolve(query)
        assert (got.status, got.reading) == ("match", reading), query
    assert r.resolve("Idlib Governorate").reading is None
    for query in ("Madinat Isa", "مدينة عيسى"):  # a name that opens with the word: as written
        got = r.resolve(query)
        assert got.match is not None and got.match.id == "madinat-isa" and got.reading is None, query


def test_a_cell_with_two_names_or_a_region() -> None:
    """Datasets put a name in both scripts side by side (Idlib / إدلب, Idlib (إدلب)), or a
    place with its region after a comma or a dash (Idlib, Syria; Idlib - Syria): each part is
    read, and the best answers; two parts naming two entities leave the cell as written."""
    from glossary.model import Entity

    ents = [Entity(id="idlib", type="place", romanized="Idlib", arabic="إدلب"),
            Entity(id="hama", type="place", romanized="Hama", arabic="حماة"),
            Entity(id="toukh", type="place", romanized="Tukh")]
    r = Resolver(Index.build(ents))
    for query, entity in (("Idleb / إدلب", "idlib"), ("إدلب | Idleb", "idlib"), ("Idleb (إدلب)", "idlib"),
                          ("Toukh, Egypt", "toukh"), ("Toukh - Egypt", "toukh")):
        got = r.resolve(query)
        assert (got.status, got.match and got.match.id) == ("match", entity) and got.reading is not None, query
    two = r.resolve("Idlib / Hama")
    assert two.reading is None and two.match is None
    assert r.resolve("Kafr Nabl (Idlib)").reading is None  # a qualifier in the same script: no second name
    from glossary.match.resolve import MAX_PARTS, other_readings

    assert len(other_readings(" / ".join(["Idlib"] * MAX_PARTS))) == MAX_PARTS
    assert other_readings(";".join(["Idlib"] * 10_000)) == []  # a list, not a name: one resolution


def test_an_arabic_query_that_matches_nothing_is_asked_again_as_its_romanization() -> None:
    """Two Latin names with the consonants of دمشق: as written the query cannot tell them apart (the
    vowels are not written); its romanization (`resolve.romanized`: the word lexicon knows the
    vowels) can, and answers, saying so in ``reading``."""
    from glossary.match.resolve import romanized
    from glossary.model import Entity

    ents = [Entity(id="dimashq", type="place", romanized="Dimashq"),
            Entity(id="damshaq", type="place", romanized="Damshaq")]
    r = Resolver(Index.build(ents))
    res = r.resolve("دمشق")
    assert (res.status, res.match and res.match.id, res.reading) == ("match", "dimashq", "Dimashq")
    assert res.query == "دمشق" and romanized("دمشق") == "Dimashq"
    many = r.resolve_many(["دمشق", "Dimashq"])
    assert [(x.status, x.reading) for x in many] == [("match", "Dimashq"), ("match", None)]
    # a query that matches as written is not asked again; a Latin one never is
    arabic = Resolver(Index.build([*ents, Entity(id="halab", type="place", romanized="Halab", arabic="حلب")]))
    halab = arabic.resolve("حلب")
    assert (halab.match and halab.match.id, halab.reading) == ("halab", None)
    assert romanized("Dimashq") is None and romanized("دمشق Dimashq") is None


def test_a_latin_query_that_matches_nothing_is_asked_again_without_its_diacritics() -> None:
    """Two names a letter apart: Ḥalfāyā as written does not tell them apart well enough (the model
    reads ḥ and ā as letters other than h and a); without its marks (`resolve.unmarked`) it spells
    one of them, and answers, saying so in ``reading``. A query spelt in plain letters, or one that
    matches as written, is not asked again."""
    from glossary.match.resolve import unmarked
    from glossary.model import Entity

    r = Resolver(Index.build([Entity(id="halfaya", type="place", romanized="Halfaya"),
                              Entity(id="halfayah", type="place", romanized="Halfayah")]))
    res = r.resolve("Ḥalfāyā")
    assert (res.status, res.match and res.match.id, res.reading, res.query) == (
        "match", "halfaya", "Halfaya", "Ḥalfāyā")
    assert [(x.status, x.reading) for x in r.resolve_many(["Ḥalfāyā", "Halfaya"])] == [
        ("match", "Halfaya"), ("match", None)]
    one = Resolver(Index.build([Entity(id="suran", type="place", romanized="Suran")])).resolve("Ṣūrān")
    assert (one.match and one.match.id, one.reading) == ("suran", None)
    assert [unmarked(q) for q in ("Ḥalfāyā", "Łódź", "Söğüt", "Halfaya", "ʻAmran", "جسر")] == [
        "Halfaya", "Lodz", "Sogut", None, None, None]


def test_a_romanization_that_matches_nothing_is_asked_again_without_its_diacritics(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Two places, Al Lataminah and Al Latamina: اللطامنة romanized is al-Laṭāminah, which does not
    tell them apart well enough; without its marks it spells the first, and answers (the reading
    shown is the romanization the query was read as)."""
    from glossary.match import resolve
    from glossary.model import Entity

    index = Index.build([Entity(id="lataminah", type="place", romanized="Al Lataminah"),
                         Entity(id="latamina", type="place", romanized="Al Latamina")])
    res = Resolver(index).resolve("اللطامنة")
    assert (res.status, res.match and res.match.id, res.reading) == ("match", "lataminah", "al-Laṭāminah")
    monkeypatch.setattr(resolve, "unmarked", lambda query: None)
    assert Resolver(index).resolve("اللطامنة").status != "match"


def test_the_decision_does_not_depend_on_how_many_candidates_are_listed() -> None:
    """``limit`` lists fewer candidates; the decision still reads the best two entities (with one
    listed, two names within the margin were a match before)."""
    from glossary.match import core
    from glossary.model import Entity

    ents = [Entity(id="kafr", type="place", romanized="Kafr Nabl"),
            Entity(id="kufr", type="place", romanized="Kufr Nabil"),
            Entity(id="dimashq", type="place", romanized="Dimashq"),
            Entity(id="damshaq", type="place", romanized="Damshaq")]
    for pure in (False, True):
        with core.pure_python() if pure else nullcontext():
            r = Resolver(Index.build(ents))
            for query in ("كفر نبل", "Kafr Nabl", "Dmshq", "دمشق", "Kafr Nabil"):
                full, one = r.resolve(query, limit=5), r.resolve(query, limit=1)
                assert (one.status, one.match, one.reading) == (full.status, full.match, full.reading), query
                assert one.candidates == full.candidates[:1], query
            assert r.resolve("كفر نبل", limit=1).status == "ambiguous"
