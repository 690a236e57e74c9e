"""Speed of the resolver on a synthetic glossary of real name parts, with a rapidfuzz baseline.

    python bench/resolve_speed.py [--entities 100000] [--queries 20000] [--baseline 300] [--seed 7]
                                  [--only cold] [--workdir DIR] [--runs 7] [--pure-queries 1000]
                                  [--large 1000000 | --no-large] [--large-queries 2000]

Builds a glossary of persons (given name + father's name + family name), armed groups
(Jaysh/Liwa/Kataib ... + a name) and places (Kafr/Tall/Dayr ... + a name), each with a
romanized, an Arabic and sometimes an English name, all combined from real name parts in
both scripts. Queries are spelling variants of random entities, generated the way the
sources vary them (vowels, articles and sun letters, doubled letters, taa marbuta, French
and German consonant spellings, Abdul/Abd al-, Arabic alef/taa/yeh forms, harakat,
presentation forms), plus a share of misspelt or shortened names that no key finds, so
they fall through to the fuzzy level. Printed:

* index build time and memory (RSS growth), cache write time and file size;
* cold lookup wall time: the real command, ``glossary --glossary FILE lookup NAME``, with its
  index cache in place (the glossary written as a file; the first lookup parses it and
  builds the cache), next to the bare interpreter's start-up, medians of ``--runs``. Each
  command runs with bytecode cached, as in an installed package (pip compiles at install):
  PYTHONDONTWRITEBYTECODE is dropped from its environment and one untimed run goes first;
  ``--only cold`` measures this alone, and ``--workdir`` keeps the glossary and its cache
  between runs of the benchmark (the first one writes them);
* the index cache loaded whole in a child process (what a long batch does first): CPU seconds and
  resident memory grown;
* batch throughput of `Resolver.resolve_many` (one core, median of ``--repeat`` runs, by wall time and
  per CPU second of the process: compare two builds on the latter) with the
  compiled core (`glossary.match.core`) and, in the same run on the first ``--pure-queries``
  queries, with the pure-Python resolver (`glossary.match.core.pure_python`), their answers
  compared; the level mix, and the floor the issue names measured in the same run (three cheaply
  normalized keys looked up in dicts);
* rapidfuzz ``process.cdist`` with ``token_sort_ratio`` over all names (all cores) on a
  sample of the same queries, its best-threshold accuracy next to ours, and the speed ratio;
* at ``--large`` entities (default 1,000,000; ``--no-large`` skips it: persons then carry four
  names, see `LONG_NAMES_FROM`): the first lookup (parse, build the index, write the cache: wall
  time and the command's peak memory), the cache file's size, the cold lookups next to the ones
  above (same run), and a batch of ``--large-queries`` queries over the cached index (wall time,
  the process's peak memory).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from glossary.match import Index, Resolver
from glossary.model import Entity, Variant

# Real name parts: (romanized, Arabic).
GIVEN = [("Muhammad", "محمد"), ("Ahmad", "أحمد"), ("Ali", "علي"), ("Hasan", "حسن"), ("Husayn", "حسين"),
         ("Umar", "عمر"), ("Khalid", "خالد"), ("Abd al-Rahman", "عبد الرحمن"), ("Abd al-Qadir", "عبد القادر"),
         ("Abd al-Karim", "عبد الكريم"), ("Abd Allah", "عبد الله"), ("Yusuf", "يوسف"), ("Ibrahim", "إبراهيم"),
         ("Mustafa", "مصطفى"), ("Mahmud", "محمود"), ("Salim", "سليم"), ("Samir", "سمير"), ("Zahran", "زهران"),
         ("Bashar", "بشار"), ("Hafiz", "حافظ"), ("Riyad", "رياض"), ("Jamal", "جمال"), ("Fadi", "فادي"),
         ("Nabil", "نبيل"), ("Walid", "وليد"), ("Sami", "سامي"), ("Tariq", "طارق"), ("Ziyad", "زياد"),
         ("Anas", "أنس"), ("Bilal", "بلال"), ("Hamza", "حمزة"), ("Usama", "أسامة"), ("Faysal", "فيصل"),
         ("Suhayl", "سهيل"), ("Ammar", "عمار"), ("Yasir", "ياسر"), ("Adnan", "عدنان"), ("Rami", "رامي"),
         ("Majid", "ماجد"), ("Nur al-Din", "نور الدين"), ("Salah al-Din", "صلاح الدين"), ("Ayman", "أيمن"),
         ("Hisham", "هشام"), ("Kamal", "كمال"), ("Marwan", "مروان"), ("Munir", "منير"), ("Rafiq", "رفيق"),
         ("Shadi", "شادي"), ("Talal", "طلال"), ("Wael", "وائل")]
FAMILY = [("al-Asad", "الأسد"), ("al-Hasan", "الحسن"), ("Allush", "علوش"), ("Abbud", "عبود"), ("al-Salih", "الصالح"),
          ("Maruf", "معروف"), ("al-Jawlani", "الجولاني"), ("al-Zubaydi", "الزبيدي"), ("al-Tikriti", "التكريتي"),
          ("al-Halabi", "الحلبي"), ("al-Shami", "الشامي"), ("al-Masri", "المصري"), ("al-Iraqi", "العراقي"),
          ("al-Ansari", "الأنصاري"), ("al-Qurashi", "القرشي"), ("al-Hashimi", "الهاشمي"), ("Khalil", "خليل"),
          ("Haddad", "حداد"), ("Najjar", "نجار"), ("al-Khatib", "الخطيب"), ("Makhluf", "مخلوف"), ("Tlas", "طلاس"),
          ("Shalish", "شاليش"), ("al-Attar", "العطار"), ("Qabbani", "قباني"), ("al-Azm", "العظم"), ("Jabri", "جابري"),
          ("al-Kurdi", "الكردي"), ("al-Turkmani", "التركماني"), ("al-Idlibi", "الإدلبي"), ("al-Hamawi", "الحموي"),
          ("al-Dayri", "الديري"), ("al-Raqqawi", "الرقاوي"), ("al-Homsi", "الحمصي"), ("Mamluk", "مملوك"),
          ("al-Shaar", "الشعار"), ("Hamsho", "حمشو"), ("Foz", "فوز"), ("Katirji", "قاطرجي"), ("al-Sharaa", "الشرع")]
GROUP_HEAD = [("Jaysh", "جيش", "Army of"), ("Liwa", "لواء", "Brigade of"), ("Kataib", "كتائب", "Battalions of"),
              ("Harakat", "حركة", "Movement of"), ("Firqat", "فرقة", "Division of"), ("Jabhat", "جبهة", "Front of"),
              ("Tajammu", "تجمع", "Gathering of"), ("Faylaq", "فيلق", "Legion of"), ("Saraya", "سرايا", "Companies of"),
              ("Ahrar", "أحرار", "Free Men of"), ("Ansar", "أنصار", "Supporters of"), ("Suqur", "صقور", "Falcons of"),
              ("Usud", "أسود", "Lions of"), ("Katibat", "كتيبة", "Battalion of")]
GROUP_CORE = [("al-Izza", "العزة", "Glory"), ("al-Islam", "الإسلام", "Islam"), ("al-Sham", "الشام", "the Levant"),
              ("al-Tawhid", "التوحيد", "Monotheism"), ("al-Haqq", "الحق", "Truth"), ("al-Nasr", "النصر", "Victory"),
              ("al-Fath", "الفتح", "Conquest"), ("al-Furqan", "الفرقان", "the Criterion"), ("al-Umma", "الأمة", "the Nation"),
              ("al-Sunna", "السنة", "the Sunna"), ("al-Mujahidin", "المجاهدين", "the Mujahideen"),
              ("al-Thuwar", "الثوار", "Revolutionaries"), ("al-Rahman", "الرحمن", "the Merciful"),
              ("al-Khilafa", "الخلافة", "the Caliphate"), ("al-Sahaba", "الصحابة", "the Companions"),
              ("al-Mutasim", "المعتصم", "al-Mutasim"), ("al-Ghuraba", "الغرباء", "the Strangers"), ("Badr", "بدر", "Badr"),
              ("al-Shuhada", "الشهداء", "the Martyrs"), ("al-Qadisiya", "القادسية", "Qadisiya"),
              ("al-Yarmuk", "اليرموك", "Yarmuk"), ("al-Karama", "الكرامة", "Dignity"), ("al-Huriya", "الحرية", "Freedom"),
              ("al-Ahfad", "الأحفاد", "the Grandsons"), ("al-Sultan Murad", "السلطان مراد", "Sultan Murad"),
              ("al-Muntasir Billah", "المنتصر بالله", "al-Muntasir Billah"), ("al-Farouq", "الفاروق", "al-Farouq"),
              ("Dir al-Furat", "درع الفرات", "Euphrates Shield"), ("al-Jazira", "الجزيرة", "the Jazira"),
              ("al-Sharqiya", "الشرقية", "the East")]
PLACE_HEAD = [("Kafr", "كفر"), ("Tall", "تل"), ("Dayr", "دير"), ("Khan", "خان"), ("Ayn", "عين"), ("Umm", "أم"),
              ("Bayt", "بيت"), ("Ras", "رأس"), ("Jisr", "جسر"), ("Maarat", "معرة"), ("Qalaat", "قلعة"), ("Bab", "باب"),
              ("Jabal", "جبل"), ("Wadi", "وادي"), ("Tell", "تل")]
PLACE_CORE = [("Nabl", "نبل"), ("Rifaat", "رفعت"), ("Hafir", "حافر"), ("al-Zur", "الزور"), ("Shaykhun", "شيخون"),
              ("al-Arab", "العرب"), ("al-Hamra", "الحمراء"), ("al-Numan", "النعمان"), ("al-Madiq", "المضيق"),
              ("Nabuda", "نبودة"), ("Takharim", "تخاريم"), ("Zita", "زيتا"), ("Sijna", "سجنة"), ("Halfaya", "حلفايا"),
              ("al-Shughur", "الشغور"), ("al-Hawa", "الهوى"), ("Misrin", "مصرين"), ("Tamanaa", "تمانعة"),
              ("al-Sultan", "السلطان"), ("Abyad", "أبيض"), ("Karim", "كريم"), ("al-Bayda", "البيضاء"), ("Hamdan", "حمدان"),
              ("al-Qasr", "القصر"), ("Sharqi", "شرقي"), ("Gharbi", "غربي"), ("Fatima", "فاطمة"), ("al-Jadida", "الجديدة"),
              ("Barakat", "بركات"), ("Jamus", "جاموس"), ("Qarqur", "قرقور"), ("Burhan", "برهان"), ("Daeel", "داعل"),
              ("Tayyiba", "طيبة"), ("Suran", "صوران"), ("Marin", "مارين"), ("Raya", "راية"), ("Ward", "ورد"),
              ("Hawra", "حوراء"), ("Qasim", "قاسم")]
REGION = [("Halab", "حلب"), ("Hims", "حمص"), ("Hama", "حماة"), ("Idlib", "إدلب"), ("Dimashq", "دمشق"), ("Dara", "درعا"),
          ("al-Raqqa", "الرقة"), ("Dayr al-Zur", "دير الزور"), ("al-Ghuta", "الغوطة"), ("al-Qalamun", "القلمون"),
          ("al-Ladhiqiya", "اللاذقية"), ("Tartus", "طرطوس"), ("al-Hasaka", "الحسكة"), ("Manbij", "منبج"),
          ("al-Bab", "الباب"), ("Afrin", "عفرين"), ("Jarabulus", "جرابلس"), ("al-Qusayr", "القصير"),
          ("Tadmur", "تدمر"), ("al-Suwayda", "السويداء")]


LONG_NAMES_FROM = 100_000
"""Above this many entities, persons also carry a grandfather's name (Muhammad Ahmad Ali al-Asad):
three-part names run out near 100,000 persons, four-part ones give 4.8 million; at or below it
the glossary is the one earlier runs measured."""


def synthetic(n: int, rng: random.Random) -> list[Entity]:
    """``n`` distinct entities: about 70% persons, 15% groups, 15% places (up to several million:
    see `LONG_NAMES_FROM`)."""
    out: dict[str, Entity] = {}
    long_names = n > LONG_NAMES_FROM
    while len(out) < n:
        kind = rng.random()
        if kind < 0.7:
            (g, ga), (f, fa), (s, sa) = rng.choice(GIVEN), rng.choice(GIVEN), rng.choice(FAMILY)
            if g == f:
                continue
            rom, ar, en, typ = f"{g} {f} {s}", f"{ga} {fa} {sa}", None, "person"
            if long_names and rng.random() < 0.9:
                (h, ha) = rng.choice(GIVEN)
                if h == f:
                    continue
                rom, ar = f"{g} {f} {h} {s}", f"{ga} {fa} {ha} {sa}"
        elif kind < 0.85:
            (h, ha, he), (c, ca, ce) = rng.choice(GROUP_HEAD), rng.choice(GROUP_CORE)
            rom, ar, en = f"{h} {c}", f"{ha} {ca}", f"{he} {ce}"
            if rng.random() < 0.8:
                r, ra = rng.choice(REGION)
                rom, ar, en = f"{rom} fi {r}", f"{ar} في {ra}", f"{en} in {r}"
            typ = "group"
        else:
            (h, ha), (c, ca) = rng.choice(PLACE_HEAD), rng.choice(PLACE_CORE)
            rom, ar, en, typ = f"{h} {c}", f"{ha} {ca}", None, "place"
            if rng.random() < 0.85:
                r, ra = rng.choice(REGION)
                rom, ar = f"{rom} ({r})", f"{ar} ({ra})"
        eid = f"e{len(out)}"
        key = rom
        if key in out:
            continue
        variants = (Variant(_latin_variant(rom, rng)),) if rng.random() < 0.3 else ()
        out[key] = Entity(id=eid, type=typ, romanized=rom, arabic=ar, english=en, variants=variants)  # type: ignore[arg-type]
    return list(out.values())


_LATIN_RULES = [
    ("a", "e"), ("u", "ou"), ("u", "o"), ("i", "ee"), ("i", "e"), ("ay", "ei"), ("ay", "ai"), ("aw", "ou"),
    ("al-", "el-"), ("al-", "al "), ("al-", ""), ("al-s", "as-s"), ("al-sh", "ash-sh"), ("al-d", "ad-d"),
    ("al-r", "ar-r"), ("al-n", "an-n"), ("al-t", "at-t"), ("al-z", "az-z"), ("sh", "ch"), ("j", "dj"), ("q", "k"),
    ("Abd al-", "Abdul "), ("Abd al-", "Abdel "), ("Abd al-", "Abdul"), ("a ", "ah "), ("a ", "eh "), ("ss", "s"),
    ("s", "ss"), ("l", "ll"), ("m", "mm"), ("d", "dd"), ("kh", "h"), ("-", " "), ("Kafr ", "Kafr"), ("Dayr", "Deir"),
    ("Tall", "Tal"), ("Muhammad", "Mohammed"), ("Husayn", "Hussein"), ("Yusuf", "Youssef"), ("Umar", "Omar"),
]
_ARABIC_RULES = [("أ", "ا"), ("إ", "ا"), ("ة", "ه"), ("ي", "ى"), ("ى", "ي"), ("عبد ال", "عبدال"), ("كفر ", "كفر"),
                 ("جيش", "جَيْش"), ("محمد", "مُحَمَّد"), ("ا", "ﺍ"), ("ال", "ﺍﻟ")]


def _latin_variant(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 3)):
        a, b = rng.choice(_LATIN_RULES)
        if a in text:
            i = rng.choice([k for k in range(len(text)) if text.startswith(a, k)])
            text = text[:i] + b + text[i + len(a):]
    return text.lower() if rng.random() < 0.1 else text.upper() if rng.random() < 0.05 else text


def _typo(text: str, rng: random.Random) -> str:
    """A spelling no key finds: a consonant of the rarest-looking word changed, or a word dropped."""
    words = text.split()
    if len(words) >= 3 and rng.random() < 0.4:
        del words[rng.randrange(1, len(words) - 1)]
        return " ".join(words)
    i = max(range(len(words)), key=lambda k: len(words[k]))
    w = words[i]
    cons = [k for k, c in enumerate(w) if c.lower() in "bcdfghjklmnpqrstvwxz" and k > 0]
    if cons:
        k = rng.choice(cons)
        w = w[:k] + rng.choice("bdfklmnrst") + w[k + 1:] if rng.random() < 0.5 else w[:k] + w[k + 1:]
    words[i] = w
    return " ".join(words)


def queries(ents: list[Entity], n: int, rng: random.Random, fuzzy_share: float) -> list[tuple[str, str]]:
    """(query, expected id): spelling variants, Arabic forms, and ``fuzzy_share`` misspellings."""
    out = []
    for _ in range(n):
        e = rng.choice(ents)
        r = rng.random()
        if r < fuzzy_share:
            q = _typo(_latin_variant(e.romanized or "", rng), rng)
        elif r < fuzzy_share + 0.2 and e.arabic:
            q = e.arabic
            for _ in range(rng.randint(1, 2)):
                a, b = rng.choice(_ARABIC_RULES)
                q = q.replace(a, b, 1)
        elif r < fuzzy_share + 0.27 and e.english:
            q = e.english.replace("of ", "of the ", 1) if rng.random() < 0.5 else e.english
        else:
            q = _latin_variant(e.romanized or "", rng)
        out.append((q, e.id))
    return out


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _command_env(cache: Path) -> dict[str, str]:
    """The environment of a measured command: bytecode written and reused, as in an installed package."""
    env = {**os.environ, "GLOSSARY_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT / "src")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def cold_lookup(glossary_file: Path, cache: Path, name: str, runs: int = 7) -> tuple[float, float]:
    """Median wall time of the real command, ``glossary --glossary FILE lookup NAME``, in a fresh
    interpreter with the index cache in place and bytecode cached (after one untimed run); and of
    a bare interpreter, measured in turn with it."""
    env = _command_env(cache)
    cmd = [sys.executable, "-m", "glossary", "--glossary", str(glossary_file), "lookup", name]
    subprocess.run(cmd, capture_output=True, env=env, check=False)  # bytecode, and anything else a first run writes
    times, bare = [], []
    for _ in range(runs):
        t = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
        times.append(time.perf_counter() - t)
        if out.returncode not in (0, 1):
            raise SystemExit(f"glossary lookup {name!r} failed:\n{out.stderr}")
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
        bare.append(time.perf_counter() - t)
    first = (out.stdout.strip() or out.stderr.strip()).splitlines()[0] if (out.stdout + out.stderr).strip() else ""
    print(f"  glossary lookup {name!r} -> {first[:70]}")
    return sorted(times)[runs // 2], sorted(bare)[runs // 2]


_LOAD_WHOLE = """
import sys, time
import glossary
def rss():
    return int(open("/proc/self/statm").read().split()[1]) * 4096 / 1e6
store = glossary.load(sys.argv[1], cache_dir=sys.argv[2]).index.store
a, t = rss(), time.process_time()
whole = store.load_all()
print(time.process_time() - t, rss() - a)
"""


def load_whole(glossary_file: Path, cache: Path) -> tuple[float, float]:
    """CPU seconds and resident megabytes that loading the index cache whole takes, in a child process
    (the cache in place)."""
    out = subprocess.run([sys.executable, "-c", _LOAD_WHOLE, str(glossary_file), str(cache)], capture_output=True,
                         text=True, env=_command_env(cache), check=True)
    seconds, grown = out.stdout.split()
    return float(seconds), float(grown)


def floor_rate(ents: list[Entity], queries: list[str], repeat: int = 3) -> float:
    """Queries/s of the floor the issue names: three normalized keys looked up in dicts (NFKC and
    case-folded; the same with accents and marks stripped; that without spaces), median of ``repeat``."""
    def keys(s: str) -> tuple[str, str, str]:
        f = unicodedata.normalize("NFKC", s).casefold()
        bare = "".join(c for c in unicodedata.normalize("NFD", f) if not unicodedata.combining(c))
        return f, bare, bare.replace(" ", "")

    tables: tuple[dict[str, str], dict[str, str], dict[str, str]] = ({}, {}, {})
    for e in ents:
        for nm in e.names():
            for table, k in zip(tables, keys(nm.text)):
                table.setdefault(k, e.id)
    a, b, c = tables
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        for q in queries:
            k1, k2, k3 = keys(q)
            a.get(k1) or b.get(k2) or c.get(k3)
        times.append(time.perf_counter() - t)
    return len(queries) / sorted(times)[repeat // 2]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entities", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=20_000)
    ap.add_argument("--baseline", type=int, default=300, help="queries for the rapidfuzz baseline")
    ap.add_argument("--fuzzy-share", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3, help="batch runs (the median is printed)")
    ap.add_argument("--only", choices=["all", "cold"], default="all",
                    help="cold: only the cold lookups (no in-memory index, batch or baseline)")
    ap.add_argument("--workdir", type=Path,
                    help="keep the glossary file and its index cache here (default: a temporary directory, removed)")
    ap.add_argument("--runs", type=int, default=7, help="timed cold lookups per name (the median is printed)")
    ap.add_argument("--pure-queries", type=int, default=1000,
                    help="queries run by both the compiled core and the pure-Python resolver (0: none)")
    ap.add_argument("--large", type=int, default=1_000_000, help="entities of the scale section")
    ap.add_argument("--no-large", dest="large", action="store_const", const=0, help="skip the scale section")
    ap.add_argument("--large-queries", type=int, default=2000, help="queries of the batch at --large entities")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)

    t = time.perf_counter()
    ents = synthetic(args.entities, rng)
    n_names = sum(1 for e in ents for _ in e.names())
    print(f"synthetic glossary: {len(ents)} entities, {n_names} names ({time.perf_counter() - t:.1f} s to generate)")
    qs = queries(ents, args.queries, rng, args.fuzzy_share)

    if args.only == "all":
        rss0 = _rss_mb()
        t = time.perf_counter()
        index = Index.build(ents)
        build = time.perf_counter() - t
        print(f"index build: {build:.1f} s, memory +{_rss_mb() - rss0:.0f} MB (peak RSS {_rss_mb():.0f} MB)")

    cache = args.workdir or Path(tempfile.mkdtemp(prefix="glossary-speed-"))
    cache.mkdir(parents=True, exist_ok=True)
    glossary_file = cache / f"synthetic-{args.entities}-{args.seed}.yaml"  # JSON is YAML: the file format, written fast
    if not glossary_file.exists():
        with glossary_file.open("w", encoding="utf-8") as f:
            json.dump({"schema": 1, "entities": [e.to_dict() for e in ents]}, f, ensure_ascii=False)
    before = set(cache.glob("*.sqlite"))
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "glossary", "--glossary", str(glossary_file), "lookup", "Kafr Nabl"],
                   capture_output=True, env=_command_env(cache), check=False)
    built = set(cache.glob("*.sqlite")) - before
    if built:
        print(f"first lookup (parse and check {glossary_file.stat().st_size / 1e6:.1f} MB of YAML, build the index, "
              f"write the cache): {time.perf_counter() - t:.1f} s; cache {sum(f.stat().st_size for f in built) / 1e6:.0f} MB")
    print(f"cold lookups, index cache in place, bytecode cached (one untimed run first), median of {args.runs}:")
    colds = {}
    for name in (qs[0][0], "Jaish al-Izza fi Idlib", "كفر نبل (إدلب)"):
        cold, bare = cold_lookup(glossary_file, cache, name, runs=args.runs)
        colds[name] = cold
        print(f"  wall {cold * 1000:.0f} ms (bare interpreter {bare * 1000:.0f} ms, {cold / bare:.1f}x)")
    seconds, grown = load_whole(glossary_file, cache)
    print(f"the index cache loaded whole (what a long batch does, `SqliteStore.load_all`), in a child process: "
          f"{seconds:.2f} CPU s, +{grown:.0f} MB resident")
    if args.only == "cold":
        if args.workdir is None:
            import shutil

            shutil.rmtree(cache, ignore_errors=True)
        return 0

    floor = floor_rate(ents, [q for q, _ in qs])
    from glossary.match import core

    names_only = [q for q, _ in qs]
    runs, cpu = [], []
    for _ in range(args.repeat):  # a fresh resolver each time: no answer carried over
        resolver = Resolver(index)
        t, c = time.perf_counter(), time.process_time()
        results = list(resolver.resolve_many(names_only))
        runs.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    dt = sorted(runs)[len(runs) // 2]
    levels = Counter(r.match.level if r.match else r.status for r in results)
    ok = sum(1 for r, (_, e) in zip(results, qs) if r.match and r.match.id == e)
    fa = sum(1 for r, (_, e) in zip(results, qs) if r.match and r.match.id != e)
    distinct = len({q for q, _ in qs})
    print(f"batch ({core.IMPLEMENTATION}: {core.REASON}): {len(qs)} queries ({distinct} distinct) in {dt:.2f} s = "
          f"{len(qs) / dt:,.0f} queries/s ({distinct / dt:,.0f} distinct/s) on one core, median of {args.repeat} "
          f"({', '.join(f'{len(qs) / x:,.0f}' for x in runs)})")
    # CPU time too: on a shared machine wall time also measures the neighbours (compare builds on this)
    print(f"  per CPU second of the process: {len(qs) / sorted(cpu)[len(cpu) // 2]:,.0f} queries/s, median of "
          f"{args.repeat} ({', '.join(f'{len(qs) / x:,.0f}' for x in cpu)})")
    if args.pure_queries and core.native() is not None:
        sample_q = names_only[: args.pure_queries]
        pure_runs, comp_runs = [], []
        for _ in range(args.repeat):  # the two paths in turn, on the same queries
            with core.pure_python():
                resolver = Resolver(index)
                t = time.perf_counter()
                pure = list(resolver.resolve_many(sample_q))
                pure_runs.append(time.perf_counter() - t)
            resolver = Resolver(index)
            t = time.perf_counter()
            comp = list(resolver.resolve_many(sample_q))
            comp_runs.append(time.perf_counter() - t)
        pdt, cdt = sorted(pure_runs)[args.repeat // 2], sorted(comp_runs)[args.repeat // 2]
        same = pure == comp
        p_ok = sum(1 for r, (_, e) in zip(pure, qs) if r.match and r.match.id == e)
        c_ok = sum(1 for r, (_, e) in zip(comp, qs) if r.match and r.match.id == e)
        print(f"A/B on the first {len(sample_q)} queries, median of {args.repeat}: compiled {len(sample_q) / cdt:,.0f} "
              f"queries/s, pure Python {len(sample_q) / pdt:,.0f} queries/s ({pdt / cdt:.1f}x); answers "
              f"{'identical' if same else 'DIFFERENT'}; top-1 {100 * c_ok / len(sample_q):.1f}% vs "
              f"{100 * p_ok / len(sample_q):.1f}%")
    print(f"  levels: {dict(levels.most_common())}")
    print(f"  top-1 {100 * ok / len(qs):.1f}%, wrong entity {100 * fa / len(qs):.2f}%, "
          f"none/ambiguous {100 * (len(qs) - ok - fa) / len(qs):.1f}%")
    print(f"  floor (three normalized keys looked up in dicts, same queries, same run): {floor:,.0f} queries/s; "
          f"the resolver runs at {100 * len(qs) / dt / floor:.1f}% of it")

    from rapidfuzz import fuzz, process, utils

    names = [(nm.text, e.id) for e in ents for nm in e.names()]
    sample = qs[: args.baseline]
    t = time.perf_counter()
    scores = process.cdist([q for q, _ in sample], [nm for nm, _ in names], scorer=fuzz.token_sort_ratio,
                           processor=utils.default_process, workers=-1, dtype="uint8")
    rf_dt = time.perf_counter() - t
    best = scores.argmax(axis=1)
    rf = [(names[int(j)][1], int(scores[i, j]) / 100) for i, j in enumerate(best)]
    # its best threshold on this sample (every query is a positive: best = accept all above 0)
    rf_ok = sum(1 for (e, s), (_, exp) in zip(rf, sample) if e == exp)
    ours_sample = sum(1 for r, (_, e) in zip(results[: len(sample)], sample) if r.match and r.match.id == e)
    rf_qps = len(sample) / rf_dt
    print(f"rapidfuzz cdist token_sort_ratio, {os.cpu_count()} cores: {len(sample)} queries x {len(names)} names in "
          f"{rf_dt:.1f} s = {rf_qps:,.1f} queries/s; top-1 {100 * rf_ok / len(sample):.1f}% "
          f"(ours on the same queries {100 * ours_sample / len(sample):.1f}%)")
    print(f"speed ratio resolver / rapidfuzz: {len(qs) / dt / rf_qps:,.0f}x")
    if args.large:
        large(args, cache, {name: cold for name, cold in colds.items()})
    if args.workdir is None:
        import shutil

        shutil.rmtree(cache, ignore_errors=True)
    return 0


def _measured(cmd: list[str], env: dict[str, str]) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Wall time and peak memory (MB: the child's own ``ru_maxrss``) of a command; standard error
    passes through (the progress bar of a first build), standard output is kept."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)
    assert p.stdout is not None
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - t, usage.ru_maxrss / 1024, subprocess.CompletedProcess(cmd, p.returncode, out, "")


def large(args: argparse.Namespace, cache: Path, small_colds: dict[str, float]) -> None:
    """The ``--large`` section (see the module docstring)."""
    from glossary.match import core

    n = args.large
    rng = random.Random(args.seed)
    t = time.perf_counter()
    ents = synthetic(n, rng)
    qs = queries(ents, args.large_queries, rng, args.fuzzy_share)
    print(f"\nlarge glossary: {len(ents):,} entities, {sum(1 for e in ents for _ in e.names()):,} names "
          f"({time.perf_counter() - t:.0f} s to generate)")
    big = cache / f"synthetic-{n}-{args.seed}.yaml"
    if not big.exists():
        with big.open("w", encoding="utf-8") as f:
            json.dump({"schema": 1, "entities": [e.to_dict() for e in ents]}, f, ensure_ascii=False)
    del ents
    env = _command_env(cache)
    before = set(cache.glob("*.sqlite"))
    cmd = [sys.executable, "-m", "glossary", "--glossary", str(big), "lookup", "Kafr Nabl"]
    wall, peak, _ = _measured(cmd, env)
    built = set(cache.glob("*.sqlite")) - before
    size = sum(f.stat().st_size for f in built) / 1e6
    print(f"first lookup at {n:,} (parse and check {big.stat().st_size / 1e6:.0f} MB, build the index, write the "
          f"cache): {wall:.0f} s, peak memory {peak:,.0f} MB; cache {size:,.0f} MB" if built else
          f"first lookup at {n:,}: the cache was in place already ({wall:.1f} s)")
    print(f"cold lookups at {n:,}, index cache in place, median of {args.runs} (ratio to the first glossary's, same run):")
    for name in small_colds:
        cold, bare = cold_lookup(big, cache, name, runs=args.runs)
        print(f"  wall {cold * 1000:.0f} ms (bare interpreter {bare * 1000:.0f} ms; {cold / small_colds[name]:.2f}x "
              f"the {args.entities:,}-entity figure)")
    seconds, grown = load_whole(big, cache)
    print(f"the index cache at {n:,} loaded whole, in a child process: {seconds:.1f} CPU s, +{grown:,.0f} MB resident")
    import glossary

    os.environ["GLOSSARY_CACHE_DIR"] = str(cache)
    rss0 = _rss_mb()
    t = time.perf_counter()
    g = glossary.load([str(big)])
    res = list(g.resolve_many([q for q, _ in qs]))
    dt = time.perf_counter() - t
    ok = sum(1 for r, (_, e) in zip(res, qs) if r.match and r.match.id == e)
    print(f"batch at {n:,}, glossary.load and resolve_many over the cache file ({core.IMPLEMENTATION}): "
          f"{len(qs)} queries in {dt:.1f} s = "
          f"{len(qs) / dt:,.0f} queries/s, top-1 {100 * ok / len(qs):.1f}%; memory +{_rss_mb() - rss0:,.0f} MB "
          f"(peak RSS {_rss_mb():,.0f} MB)")


if __name__ == "__main__":
    raise SystemExit(main())
