"""A small glossary for the resolver tests (spellings from public usage; no evaluation file)."""

from __future__ import annotations

from glossary.model import Entity, Variant


def entities() -> list[Entity]:
    """Groups, places and persons, with look-alikes that must stay apart."""
    E = Entity
    return [
        E(id="jaysh-al-izza", type="group", romanized="Jaysh al-Izza", arabic="جيش العزة", english="Army of Glory"),
        E(id="jaysh-al-islam", type="group", romanized="Jaysh al-Islam", arabic="جيش الإسلام", english="Army of Islam"),
        E(id="ahrar-al-sham", type="group", romanized="Ahrar al-Sham", arabic="أحرار الشام"),
        E(id="hts", type="group", romanized="Hayat Tahrir al-Sham", arabic="هيئة تحرير الشام",
          english="Levant Liberation Committee", abbreviations=("HTS",)),
        E(id="fsa", type="group", romanized="al-Jaysh al-Suri al-Hurr", english="Free Syrian Army"),
        E(id="idlib", type="place", romanized="Idlib", arabic="إدلب"),
        E(id="idlib-governorate", type="place", romanized="Idlib", arabic="محافظة إدلب", english="Idlib Governorate"),
        E(id="kafr-nabl", type="place", romanized="Kafr Nabl", arabic="كفرنبل"),
        E(id="kafr-nabuda", type="place", romanized="Kafr Nabuda", arabic="كفر نبودة"),
        E(id="deir-ez-zor", type="place", romanized="Dayr al-Zur", arabic="دير الزور", english="Deir ez-Zor"),
        E(id="hama", type="place", arabic="حماة"),
        E(id="latakia", type="place", romanized="al-Ladhiqiya", arabic="اللاذقية", english="Latakia"),
        E(id="hmeimim", type="place", romanized="Hmeimim", arabic="حميميم"),
        E(id="muhammad-al-zubaydi", type="person", romanized="Muhammad al-Zubaydi", arabic="محمد الزبيدي"),
        E(id="abd-al-qadir-al-salih", type="person", romanized="Abd al-Qadir al-Salih", arabic="عبد القادر الصالح"),
        E(id="bashar-al-asad", type="person", romanized="Bashar al-Asad", arabic="بشار الأسد",
          variants=(Variant("Bashar al-Assad"),)),
        E(id="hizballah", type="group", romanized="Hizballah", arabic="حزب الله", english="Party of God"),
        E(id="liwa-al-umma-sy", type="group", romanized="Liwa al-Umma"),
        E(id="liwa-al-umma-ly", type="group", romanized="Liwaa al-Ummah"),
    ]


def crowded_parts() -> list[str]:
    """108 invented middle words (Basim, Darud ...): enough names that the fuzzy level's bounds bite."""
    return [a + b for a in ("Bas", "Dar", "Fal", "Gan", "Jad", "Lat", "Mar", "Naf", "Rak", "Sab", "Tal", "Zan")
            for b in ("im", "ud", "an", "ir", "ah", "ul", "id", "am", "ar")]


def crowded_names() -> list[str]:
    """Kamal and Mahmud each with al-Azm and al-Shami in more names than a pair key counts, and the
    six Kamal Mahmud X."""
    names = [n for x in crowded_parts() for g in ("Kamal", "Mahmud") for f in ("al-Azm", "al-Shami")
             for n in (f"{g} {x} {f}", f"{x} {g} {f}")]
    return names + [f"Kamal Mahmud {f}" for f in ("al-Azm", "al-Shami", "al-Halabi", "Tlas", "Jabri", "Foz")]


FAMILIES = ["al-Idlibi", "al-Halabi", "al-Hamawi", "al-Homsi", "al-Shami", "al-Masri", "al-Kurdi", "al-Azm",
            "Foz", "Tlas", "Jabri", "Qabbani", "Maruf", "Khalil", "Allush", "Abbud", "Najjar", "al-Ansari",
            "al-Qurashi", "al-Tikriti", "al-Zubaydi", "al-Salih", "Makhluf", "al-Hashimi"]
"""24 family names that tie on the pair of words before them (Bashar Kamal X)."""
