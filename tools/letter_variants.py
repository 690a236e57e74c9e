"""Write ``src/glossary/names/tables/letter_variants.tsv``: the Arabic-script letters no
romanization scheme has a column for, and the letter each is read as.

Usage: ``python tools/letter_variants.py [--check]``

Every letter (general category Lo, no compatibility decomposition) of the Arabic block
(U+0620-U+06FF), Arabic Supplement (U+0750-U+077F) and Extended-A (U+08A0-U+08FF) that the
schemes do not read gets a row. ``REVIEWED`` holds the rows a reason of their own decides
(the same letter in another orthography or hand, or a sound); every other letter is read as the
base letter its Unicode name gives (ARABIC LETTER REH WITH STROKE: ر), through ``REVIEWED`` and
the Persian letters `glossary.translit.letters` folds. A letter with neither (GRAF) is left
out and printed. ``--check`` exits 1 when the shipped file would change.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "glossary" / "names" / "tables" / "letter_variants.tsv"
sys.path.insert(0, str(ROOT / "src"))

from glossary.translit.letters import PERSIAN_READINGS as PERSIAN

READ = {chr(c) for c in [*range(0x0621, 0x063B), *range(0x0641, 0x064B)]} | set("ٱپچژگڤ") | set(PERSIAN)
"""The letters the schemes read (with the Persian ones `letters.clean` folds)."""

REVIEWED = {
 # same letter, another orthography or hand
 "ڪ": ("ك", "same letter: swash kaf (Sindhi; a calligraphic kaf in Arabic)"),
 "ٲ": ("أ", "same letter: alef with hamza above, Kashmiri form"),
 "ٳ": ("إ", "same letter: alef with hamza below, Kashmiri form"),
 "ٴ": ("ء", "same letter: hamza written high"),
 "ڡ": ("ف", "same letter: Maghrebi fāʼ written without its dot at the end of a word"),
 "ڢ": ("ف", "same letter: Maghrebi fāʼ (dot below)"),
 "ٯ": ("ق", "same letter: Maghrebi qāf written without its dots at the end of a word"),
 "ڧ": ("ق", "same letter: Maghrebi qāf (one dot above)"),
 "ے": ("ي", "same letter: yeh barree, Urdu final yāʼ"),
 "ۓ": ("ئ", "same letter: yeh barree with hamza, Urdu"),
 "ې": ("ي", "yāʼ read e (Pashto, Uyghur)"),
 "ۍ": ("ي", "yāʼ with tail (Pashto)"),
 "ێ": ("ي", "yāʼ read ê (Kurdish)"),
 "ؽ": ("ي", "Farsi yeh variant"),
 "ؾ": ("ي", "Farsi yeh variant"),
 "ؿ": ("ي", "Farsi yeh variant"),
 "ؠ": ("ي", "Kashmiri yeh"),
 "ۀ": ("ه", "hāʼ carrying the Persian ezafe (-ye): the letter is hāʼ"),
 "ۂ": ("ه", "heh goal with hamza (Urdu ezafe): the letter is hāʼ"),
 "ۆ": ("و", "wāw read o (Kurdish, Uyghur)"),
 "ۇ": ("و", "wāw read u (Uyghur, Kazakh)"),
 "ۈ": ("و", "wāw read ü (Uyghur)"),
 "ۉ": ("و", "wāw read yu (Kirghiz)"),
 "ۅ": ("و", "wāw read ö (Kirghiz)"),
 "ۋ": ("و", "wāw read w or v (Uyghur, Kazakh)"),
 "ۏ": ("و", "wāw with dot above (Jawi v)"),
 "ڵ": ("ل", "lām read velar ll (Kurdish)"),
 "ڕ": ("ر", "rāʼ read trilled rr (Kurdish)"),
 "ٹ": ("ت", "tāʼ read retroflex (Urdu)"),
 "ڈ": ("د", "dāl read retroflex (Urdu)"),
 "ڑ": ("ر", "rāʼ read retroflex (Urdu)"),
 "ں": ("ن", "nūn read nasal (Urdu)"),
 "ټ": ("ت", "tāʼ read retroflex (Pashto)"),
 "ډ": ("د", "dāl read retroflex (Pashto)"),
 "ړ": ("ر", "rāʼ read retroflex (Pashto)"),
 "ڼ": ("ن", "nūn read retroflex (Pashto)"),
 "ښ": ("ش", "Pashto x or sh, romanized sh"),
 "ږ": ("ژ", "Pashto zh or g, romanized zh"),
 "ځ": ("ز", "Pashto dz, romanized z (ځدران: Zadran)"),
 "څ": ("س", "Pashto ts, romanized s"),
 "ݣ": ("گ", "a g (Moroccan Arabic and Amazigh names: أݣادير Agadir)"),
 "ڭ": ("گ", "a g in Moroccan names (ng in Ottoman and Jawi)"),
 "ڨ": ("گ", "a g (Algerian and Tunisian names: ڨابس Gabès)"),
 "ڳ": ("گ", "Sindhi implosive g"),
 "ڱ": ("گ", "Sindhi ng, its letter a gāf"),
 "ݢ": ("گ", "Jawi g"),
 "ڬ": ("گ", "old Jawi g"),
 "ګ": ("گ", "Pashto g (موګادیشو: Mogadishu)"),
 "ڠ": ("نگ", "Jawi ng"),
 "ڥ": ("ڤ", "Maghrebi v"),
 "ٻ": ("ب", "Sindhi implosive b"),
 "ڀ": ("ب", "Sindhi bh"),
 "ٺ": ("ت", "Sindhi tth"),
 "ٿ": ("ت", "Sindhi th"),
 "ڦ": ("پ", "Sindhi ph"),
 "ڃ": ("ن", "Sindhi ny"),
 "ڄ": ("ج", "Sindhi implosive j"),
 "ڇ": ("چ", "Sindhi chh"),
 "ڌ": ("د", "Sindhi dh"),
 "ڍ": ("د", "Sindhi ddh"),
 "ڎ": ("د", "Sindhi dd"),
 "ڻ": ("ن", "Sindhi retroflex n"),
 "ٮ": ("ب", "bāʼ without its dot, as its Unicode name reads it (archaic hands; the dots of ت ث ن ي are not written either)"),
 "ࢬ": ("ي", "Rohingya yāʼ"),
 "ࢭ": ("ا", "low alif"),
 "ࢱ": ("و", "straight wāw"),
 "ࢻ": ("ف", "African fāʼ"),
 "ࢼ": ("ق", "African qāf"),
 "ࢽ": ("ن", "African nūn"),
 "ࣄ": ("ق", "African qāf with three dots"),
}


def rows() -> list[str]:
    names = {}
    for cp in range(0x0600, 0x0900):
        try:
            names[unicodedata.name(chr(cp))] = chr(cp)
        except ValueError:
            pass
    out = []
    for cp in [*range(0x0620, 0x0700), *range(0x0750, 0x0780), *range(0x08A0, 0x0900)]:
        c = chr(cp)
        if unicodedata.category(c) != "Lo" or c in READ or unicodedata.decomposition(c).startswith("<") \
                or c in "آأؤإئ":
            continue
        name = unicodedata.name(c)
        if c in REVIEWED:
            target, why = REVIEWED[c]
        else:
            m = re.match(r"ARABIC LETTER (.+?) WITH ", name)
            base = names.get("ARABIC LETTER " + m.group(1)) if m else None
            if base is None:
                print(f"left out, no reading: U+{cp:04X} {name}", file=sys.stderr)
                continue
            target, why = base, "the base letter its Unicode name gives"
            if base not in READ:
                if base not in REVIEWED:
                    print(f"left out, base not read: U+{cp:04X} {name}", file=sys.stderr)
                    continue
                target = REVIEWED[base][0]
        target = "".join(PERSIAN.get(t, t) for t in target)
        out.append(f"{c}\tU+{cp:04X}\t{name}\t{target}\t{why}")
    return out


HEAD = """# Arabic-script letters the romanization schemes have no column for, and the letter each is read as.
# Letters of other languages written in Arabic script (Persian, Urdu, Pashto, Kurdish, Sindhi,
# Uyghur, Jawi, Maghrebi Arabic) appear in real names; read as a letter the schemes know, they
# are romanized instead of copied into the Latin text. A row's reason says why: the same letter
# in another orthography or hand, a sound the target letter writes, or (for the rest) the base
# letter its Unicode name gives (ARABIC LETTER REH WITH STROKE: rāʼ). Review one row at a time;
# tests/translit/test_letter_variants.py checks that every Arabic-script letter is covered.
# letter\tcode point\tUnicode name\tread as\treason"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped file would change")
    args = parser.parse_args()
    text = HEAD + "\n" + "\n".join(rows()) + "\n"
    if args.check:
        same = OUT.read_text(encoding="utf-8") == text
        print("up to date" if same else "STALE: run python tools/letter_variants.py")
        sys.exit(0 if same else 1)
    OUT.write_text(text, encoding="utf-8")
    print(f"{text.count(chr(10)) - HEAD.count(chr(10)) - 1} letters written to {OUT}")


if __name__ == "__main__":
    main()
