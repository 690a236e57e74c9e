"""The fuzzy level: bounded candidate search for spellings no key finds."""

from __future__ import annotations

from typing import Any

import pytest

from glossary.match import Index, Resolver
from glossary.match.fuzzy import candidates
from glossary.match.profile import Profile, profile
from glossary.model import Entity

from ._data import FAMILIES, crowded_names


def _resolver(*names: tuple[str, str]) -> Resolver:
    ents = [Entity(id=f"e{i}", type=t, romanized=n) for i, (n, t) in enumerate(names)]  # type: ignore[arg-type]
    return Resolver(Index.build(ents))


def _ids(r: Resolver, nids: set[int]) -> set[str]:
    return {r.index.store.entity_rows([r.index.name_row(n)[0]])[r.index.name_row(n)[0]][0] for n in nids}


def _fz(r: Resolver, q: Profile, **options: Any) -> set[int]:
    """The fuzzy level's candidates for a query profile (`glossary.match.fuzzy.candidates`)."""
    return candidates(r.index.store, q, **options)


def test_first_pass_looks_near_unknown_words_only() -> None:
    r = _resolver(("Liwa Suqur al-Jabal", "group"), ("Liwa Suqur al-Ghab", "group"), ("Liwa Usud al-Jabal", "group"))
    # "Jabbal" folds like Jabal: known, so the first pass does not look one letter around it;
    # "Suqour" is known too: both exact, the pair finds the one name holding both
    assert _ids(r, _fz(r, profile("Liwa Suqour al-Jabbal"), full=False)) >= {"e0"}
    # "Suqul" is unknown: the first pass looks one letter around it and finds Suqur
    near = _ids(r, _fz(r, profile("Suqul al-Jabal"), full=False))
    assert "e0" in near


def test_second_pass_looks_near_known_words() -> None:
    # "Bakr" is a known word (e1, e2) one letter from "Badr" (e0); a name holding both query
    # words (e2) gives the first pass its candidates, so only the second finds e0
    r = _resolver(("Jabhat Badr", "group"), ("Liwa Bakr", "group"), ("Jabhat Bakr Halab", "group"))
    q = profile("Jabhat Bakr")
    first, full = _ids(r, _fz(r, q, full=False)), _ids(r, _fz(r, q, full=True))
    assert "e2" in first and "e0" not in first
    assert "e0" in full
    # as the resolver runs it: the second pass carries on from the first's votes
    memo: dict[str, object] = {}
    assert _ids(r, _fz(r, q, full=False, memo=memo)) == first
    counted = set(memo["counted"])  # type: ignore[call-overload]
    assert "e0" in _ids(r, _fz(r, q, full=True, memo=memo))
    assert counted < memo["counted"]  # type: ignore[operator]  # only new pairs were looked up


def test_misspelt_word_resolves() -> None:
    r = _resolver(("Liwa al-Muntasir Billah", "group"), ("Liwa al-Tawhid", "group"), ("Jaysh al-Islam", "group"))
    res = r.resolve("Liwa al-Muntasiq Billah")
    assert res.status == "match" and res.match is not None and res.match.id == "e0" and res.match.level == "fuzzy"


def test_other_script_decides_when_own_script_shares_nothing() -> None:
    # the entity's Latin name is another name (Palmyra): nothing like "Tadmor", but its
    # Arabic name has the query's consonants
    ents = [Entity(id="tadmur", type="place", romanized="Palmyra", arabic="تدمر"),
            Entity(id="qasr", type="place", romanized="Qasr", arabic="قصر")]
    res = Resolver(Index.build(ents)).resolve("Tadmor")
    assert res.match is not None and res.match.id == "tadmur" and res.match.name == "تدمر"


def test_name_with_its_other_script_in_parentheses() -> None:
    # the query writes the name twice, in two scripts; as one string it is neither
    ents = [Entity(id="ibrahim", type="person", romanized="Ibrahim Hasan Talii al-Asiri",
                   arabic="إبراهيم حسن طالع العسيري"),
            Entity(id="other", type="person", romanized="Hasan Ali Asiri")]
    r = Resolver(Index.build(ents))
    res = r.resolve("Ibrahim Hassan Tali Asiri (إبراهيم حسن طالع عسيري)")
    assert res.match is not None and res.match.id == "ibrahim"
    one = r.resolve("Hasan Ali Asiri (ابراهيم)")  # both parts alone: the Latin one matches
    assert one.match is not None and one.match.id == "other"


def test_dropped_middle_name_shared_by_several_people_is_ambiguous() -> None:
    # "Bashar Foz" shares its two words with every "X Bashar Foz" (another given name) and every
    # "Bashar X Foz" (a middle name dropped) alike; the candidates must hold several Bashar X Foz
    fathers = ["Ali", "Umar", "Riyad", "Bilal", "Ayman", "Ammar"]
    names = [(f"{g} Bashar Foz", "person") for g in ["Sami", "Fadi", "Walid", "Tariq", "Rami", "Hadi", "Nabil",
                                                      "Ziyad", "Anas", "Hamza", "Usama", "Majid", "Talal", "Yasir"]]
    names += [(f"Bashar {f} Foz", "person") for f in fathers]
    res = _resolver(*names).resolve("Bashar Foz", limit=10)
    assert res.status != "match"  # ambiguous, or none: never one of them
    assert sum(c.name.startswith("Bashar ") for c in res.candidates) >= 2


def test_ties_at_the_cut_prefer_the_same_spelling() -> None:
    # Sharaa and Shaar have one skeleton: the pair key of "Hisham al-Sharaa" finds every Hisham X
    # al-Shaar too, more than the scorer sees; the al-Sharaa must be among those it sees, all of
    # them, so that the answer is ambiguous rather than the one al-Sharaa that made the cut
    middles = ["Umar", "Nabil", "Hamza", "Suhayl", "Ali", "Fadi", "Jamal", "Khalid", "Mahmud", "Riyad",
               "Salim", "Tariq", "Wael", "Yasir"]
    names = [(f"Hisham {m} al-Shaar", "person") for m in middles] + [("Hisham Anas al-Sharaa", "person"),
                                                                      ("Hisham Bilal al-Sharaa", "person")]
    r = _resolver(*names)
    found = _ids(r, _fz(r, profile("Hisham al-Sharaa"), full=False))
    assert {"e14", "e15"} <= found
    res = r.resolve("Hisham al-Sharaa")
    assert res.status != "match" and {c.id for c in res.candidates[:2]} == {"e14", "e15"}


def test_out_of_budget_a_pair_still_raises_the_names_found() -> None:
    # Kamal Samir X (150 names) is counted first; two pairs with Nabil (one letter from the
    # query's unknown "Iblibi") spend the rest of the budget; the pairs with Idlibi come after
    # it and, counted no more, still raise the one Kamal Samir X they hold: Kamal Samir al-Idlibi
    from glossary.match.fuzzy import _pair_votes

    target = 140
    postings = {"&kml smr": list(range(150)), "&kml nbl": list(range(1000, 1190)),
                "&nbl smr": list(range(2000, 2190)), "&kml tlb": [target, *range(3000, 3150)],
                "&smr tlb": [target, *range(4000, 4150)]}

    class Pairs:
        def lookup_by_key(self, keys: list[str]) -> dict[str, list[int]]:
            return {k: postings[k] for k in keys if k in postings}

    votes: dict[int, float] = {}
    _pair_votes(Pairs(), [["kml"], ["smr"], ["blb"]], [[], [], ["nbl", "tlb"]], [0.2, 0.2, 1.0],  # type: ignore[arg-type]
                {"nbl": 0.2, "tlb": 0.1}, votes, set())
    assert max(votes, key=votes.__getitem__) == target
    assert 3000 not in votes  # no new name once the budget is spent


def test_a_pair_too_common_to_count_still_raises_the_names_found() -> None:
    # "Sami Khabid Foz": Khabid is unknown; the pairs of Foz with the skeletons one letter
    # from it (Khalid, Hamid) find 300 names alike, Sami Khalid Foz among them; the pair Sami +
    # Foz holds 250 names, too many to count, but it still raises the one it shares with them
    from glossary.match.fuzzy import _pair_votes

    target = 250
    postings = {"&fs ħlt": [*range(1000, 1150), target], "&fs ħmt": list(range(2000, 2150)),
                "&fs sm": list(range(250)) + [target]}

    class Pairs:
        def lookup_by_key(self, keys: list[str]) -> dict[str, list[int]]:
            return {k: postings[k] for k in keys if k in postings}

    votes: dict[int, float] = {}
    _pair_votes(Pairs(), [["sm"], ["ħbt"], ["fs"]], [[], ["ħlt", "ħmt"], []], [0.2, 1.0, 0.3],  # type: ignore[arg-type]
                {"ħlt": 0.4, "ħmt": 0.4}, votes, set())
    assert max(votes, key=votes.__getitem__) == target
    assert 0 not in votes  # the common pair adds no name of its own


def test_a_word_one_letter_away_votes_by_its_own_rarity(monkeypatch: pytest.MonkeyPatch) -> None:
    # "Iblibi" is unknown, so as a word it is the rarest; the Nabil one letter from it is common
    # and must vote as a common word, not as the rare word the query misspelt
    names = [f"Kamal Nabil F{i}" for i in range(30)] + ["Kamal Samir Idlibi", "Samir Kamal Idlibi"]
    r = _resolver(*[(n, "person") for n in names])
    from glossary.match import fuzzy

    seen: list[dict[str, float]] = []
    real = fuzzy._pair_votes

    def spy(store, eg, ng, wts, near_wts, votes, counted):  # type: ignore[no-untyped-def]
        seen.append(dict(near_wts))
        real(store, eg, ng, wts, near_wts, votes, counted)

    monkeypatch.setattr(fuzzy, "_pair_votes", spy)
    _fz(r, profile("Kamal Samir Iblibi"), full=False)
    near = seen[0]
    nabil, idlibi = profile("Nabil").words[0].skel, profile("Idlibi").words[0].skel
    assert near[nabil] < near[idlibi] <= 0.5


def test_ties_at_the_cut_prefer_the_nearest_letters() -> None:
    # "al-Hasdimi" is two letters from al-Hashimi: no skeleton one letter away finds it, so
    # every Bashar Kamal X ties on the pair Bashar + Kamal; the X nearest in letters must be
    # among the candidates, however late it was found
    r = _resolver(*[(f"Bashar Kamal {f}", "person") for f in FAMILIES])
    res = r.resolve("Bashar Kamal al-Hasdimi")
    assert res.candidates[0].name == "Bashar Kamal al-Hashimi"  # the first candidate; a match is the model's call


def test_a_weak_key_match_still_looks_one_letter_away() -> None:
    # "al-Samee" has the skeleton of al-Azm (s, m) and is one letter from al-Shami: the key
    # match scores 0.88, and the name a letter off, found by the fuzzy search, scores higher.
    # (Both family names as common as in a large glossary, each with Kamal and with Mahmud in
    # more names than a pair key counts once the rarer pairs have voted.)
    r = _resolver(*[(n, "person") for n in crowded_names()])
    res = r.resolve("Kamal Mahmud al-Samee")
    assert res.candidates[0].name == "Kamal Mahmud al-Shami"  # the first candidate; a match is the model's call


def test_an_english_calque_finds_the_romanized_name() -> None:
    # "of" is in every "Army of X": it must not find the candidates, and "Army" finds the
    # names with Jaysh, its translation (the equivalents table), so that "Army of the
    # Mujahideen" reaches Jaysh al-Mujahidin, which has no English name
    ents = [Entity(id="islam", type="group", romanized="Jaysh al-Islam", english="Army of Islam"),
            Entity(id="izza", type="group", romanized="Jaysh al-Izza", english="Army of Glory"),
            Entity(id="fath", type="group", romanized="Jaysh al-Fath", english="Army of Conquest"),
            Entity(id="mujahidin", type="group", romanized="Jaysh al-Mujahidin"),
            Entity(id="sunna", type="group", romanized="Jaysh al-Sunna")]
    r = Resolver(Index.build(ents))
    for query, expected in (("Army of the Mujahideen", "mujahidin"), ("Army of Mujahidin", "mujahidin"),
                            ("Army of the Sunna", "sunna"), ("Army of Conquest", "fath")):
        res = r.resolve(query)
        assert res.status != "ambiguous" and res.candidates[0].id == expected, query
    # the candidates of the first pass already: "of" found the Army of X names before
    assert "mujahidin" in _ids(r, _fz(r, profile("Army of Mujahidin"), full=False))


def test_a_pair_of_words_votes_once_whatever_its_readings() -> None:
    # حركة before a genitive is read with its t or without: name and query are filed under both
    # pair keys; the two words they share count once, not once per reading
    ents = [Entity(id="ahrar", type="group", arabic="حركة أحرار الجنوب"),
            Entity(id="other", type="group", romanized="Liwa al-Tawhid")]
    r = Resolver(Index.build(ents))
    memo: dict[str, object] = {}
    found = _fz(r, profile("حركة أحرار"), full=True, memo=memo)
    assert _ids(r, found) == {"ahrar"}
    (votes,) = memo["votes"].values()  # type: ignore[attr-defined]
    assert votes <= 2.0  # two words, each weighing at most 1


def test_the_second_pass_reads_a_taa_marbuta_written_t() -> None:
    # "Jama'at" (the taa marbuta said t, as before a genitive) is the glossary's "Jama'a": the
    # second pass finds the name by the word without its t (one letter less, which the
    # neighbourhood of a known word leaves out), though another name has "Jamaat" itself
    r = _resolver(("Jama'a al-Tawhid", "group"), ("Jamaat Ansar al-Tawhid", "group"))
    q = profile("Jama'at Tawhid")
    assert "e0" not in _ids(r, _fz(r, q, full=False))
    assert "e0" in _ids(r, _fz(r, q, full=True))


