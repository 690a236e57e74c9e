import unicodedata, re
READ = set(chr(c) for c in list(range(0x0621, 0x063B)) + list(range(0x0641, 0x064B))) | set("ٱپچژگڤ") | set("کیەہۃھ")
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
NAMES = {}
for cp in range(0x0600, 0x0900):
    c = chr(cp)
    try: NAMES[unicodedata.name(c)] = c
    except ValueError: pass
rows = []
for cp in list(range(0x0620, 0x0700)) + list(range(0x0750, 0x0780)) + list(range(0x08A0, 0x0900)):
    c = chr(cp)
    if unicodedata.category(c) != "Lo" or c in READ or unicodedata.decomposition(c).startswith("<") or c in "آأؤإئ":
        continue
    name = unicodedata.name(c)
    if c in REVIEWED:
        target, why = REVIEWED[c]
    else:
        m = re.match(r"ARABIC LETTER (.+?) WITH ", name)
        base = NAMES.get("ARABIC LETTER " + m.group(1)) if m else None
        if base is None:
            print("NO BASE", hex(cp), name); continue
        target, why = base, "the base letter its Unicode name gives"
        if base not in READ:
            t2 = REVIEWED.get(base)
            if t2: target = t2[0]
            elif base in ("ک", "ی", "ہ"): target = {"ک": "ك", "ی": "ي", "ہ": "ه"}[base]
            else: print("BASE NOT READ", hex(cp), name, base); continue
    target = "".join({"ک": "ك", "ی": "ي", "ە": "ه", "ہ": "ه", "ۃ": "ة", "ھ": "ه"}.get(t, t) for t in target)
    rows.append(f"{c}\tU+{cp:04X}\t{name}\t{target}\t{why}")
head = """# Arabic-script letters the romanization schemes have no column for, and the letter each is read as.
# Letters of other languages written in Arabic script (Persian, Urdu, Pashto, Kurdish, Sindhi,
# Uyghur, Jawi, Maghrebi Arabic) appear in real names; read as a letter the schemes know, they
# are romanized instead of copied into the Latin text. A row's reason says why: the same letter
# in another orthography or hand, a sound the target letter writes, or (for the rest) the base
# letter its Unicode name gives (ARABIC LETTER REH WITH STROKE: rāʼ). Review one row at a time;
# tests/translit/test_letter_variants.py checks that every Arabic-script letter is covered.
# letter\tcode point\tUnicode name\tread as\treason"""
open("/work/main/src/glossary/translit/data/letter_variants.tsv", "w").write(head + "\n" + "\n".join(rows) + "\n")
print(len(rows))
