"""`glossary/names/tables/letter_variants.tsv`: the letters of other Arabic-script orthographies are read as
letters the schemes know, so no Arabic letter is ever copied into a romanization."""

from __future__ import annotations

import re
import unicodedata

import pytest

from glossary.translit import transliterate
from glossary.names.tables import VARIANTS_FILE, folder
from glossary.translit.letters import clean
from glossary.translit.tables import scheme_names

ROWS = [line.split("\t") for line in (folder() / VARIANTS_FILE).read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")]
VARIANTS = {row[0]: row[3] for row in ROWS}
ARABIC_SCRIPT = re.compile("[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
READ = set("ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيٱپچژگڤ")
"""The letters every transcription scheme has a column for."""


def _letters() -> list[str]:
    """Every letter of the Arabic and Arabic Supplement blocks (no compatibility forms)."""
    return [chr(cp) for cp in [*range(0x0620, 0x0700), *range(0x0750, 0x0780)]
            if unicodedata.category(chr(cp)) == "Lo" and not unicodedata.decomposition(chr(cp)).startswith("<")]


def test_every_arabic_script_letter_is_read() -> None:
    missing = [f"U+{ord(c):04X} {unicodedata.name(c)}" for c in _letters() if clean(c) not in READ
               and not set(clean(c)) <= READ]
    assert missing == []


def test_rows_are_well_formed_and_point_at_read_letters() -> None:
    for letter, code, name, target, reason in ROWS:
        assert (code, name) == (f"U+{ord(letter):04X}", unicodedata.name(letter)), letter
        assert target and set(target) <= READ and reason, letter
        assert clean(letter) == target


def test_the_unicode_name_rows_follow_their_rule() -> None:
    """A row whose reason is its Unicode name reads the letter as the base letter that name
    gives (ARABIC LETTER REH WITH STROKE: ر), through the file's own reading of that base."""
    names = {unicodedata.name(chr(cp), ""): chr(cp) for cp in range(0x0600, 0x0900)}
    by_name = [row for row in ROWS if row[4].startswith("the base letter its Unicode name gives")]
    assert len(by_name) > 50
    for letter, _, name, target, _ in by_name:
        base = names["ARABIC LETTER " + re.match("ARABIC LETTER (.+?) WITH ", name).group(1)]  # type: ignore[union-attr]
        assert clean(base) == target, name


@pytest.mark.parametrize("scheme", scheme_names())
def test_no_arabic_letter_is_copied_into_a_romanization(scheme: str) -> None:
    # a letter the scheme itself has no column for (Buckwalter: ژ) stays as it is, and so does its variant (ږ)
    own_gaps = {c for c in READ if c in transliterate(c, scheme).text}
    assert own_gaps <= {"ژ"}, own_gaps
    for letter in _letters():
        for text in (letter, f"ب{letter}ا", f"{letter}ِي"):
            out = transliterate(text, scheme).text
            assert set(ARABIC_SCRIPT.findall(out)) <= own_gaps, (scheme, text, out)


def test_names_in_other_orthographies() -> None:
    """Real spellings of the training corpus: a Sindhi swash kaf, a Moroccan g, a Pashto dz,
    a Kashmiri hamza, a Persian ezafe."""
    assert transliterate("ڪربلا").text == transliterate("كربلا").text
    assert transliterate("أݣادير", "bgn-pcgn").text == transliterate("أگادير", "bgn-pcgn").text
    assert transliterate("محمد عمر ځدران", "bgn-pcgn").text.endswith("Zadrān")
    assert transliterate("ٲبو عريش").text == transliterate("أبو عريش").text
    assert "ۀ" not in transliterate("قَرَنطينِۀ").text
    assert "g" in transliterate("موګادیشو", "bgn-pcgn").text  # a Pashto g


def test_the_file_is_what_its_script_writes() -> None:
    """`tools/letter_variants.py` wrote the shipped file (its reviewed rows, the Unicode-name rule)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "tools" / "letter_variants.py"
    spec = importlib.util.spec_from_file_location("letter_variants", path)
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert (folder() / VARIANTS_FILE).read_text(encoding="utf-8") == tool.HEAD + "\n" + "\n".join(tool.rows()) + "\n"


def test_a_persian_final_heh_after_a_consonant_is_read_as_taa_marbuta() -> None:
    """Persian spelling (and Arabic typed on a Persian keyboard) ends a word with ه where Arabic writes
    ة: in a word with a Persian letter, a final ه after a consonant is read as ة; after ا و ه it is a
    consonant, and without a Persian letter the ه is the Arabic pronoun suffix or a consonant."""
    assert clean("کتابخانه") == clean("كتابخانة") == "كتابخانة"  # Persian: library
    assert clean("کتاب\u200cخانه") == "كتابخانة"  # the same with a zero-width non-joiner
    assert clean("شاه کوه") == "شاه كوه"  # after ا and و
    assert clean("کتابهِ").endswith("هِ")  # a mark on the ه: as written
    assert clean("كتابه") == "كتابه"  # no Persian letter: Arabic spelling
    assert transliterate("محمدیه", "simple").text == transliterate("محمدية", "simple").text
    assert transliterate("صویره").text.endswith("ah")
