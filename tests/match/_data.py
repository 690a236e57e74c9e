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
