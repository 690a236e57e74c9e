"""The interface language of cards and tables: our labels, and babel's CLDR data.

Labels are the small catalog below. Numbers, dates and language names come from babel (CLDR),
whose locale data takes 25-40 ms to load: more than the rest of a warm ``glossary lookup``. So
the index cache keeps babel's answers for what a card can show (every score 0.00-1.00, and each
source date and language in the glossary), computed by babel when the cache is written
(`locale_strings`); a `Locale` given them (``known``) asks babel only for anything else.

Example:
    >>> Locale("ar").label("type"), Locale("ar").digits("2015"), Locale("en").number(0.971)
    ('النوع', '٢٠١٥', '0.97')
    >>> Locale("en", known=lambda kind, key: "cached").date("2015-09-30")
    'cached'
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Iterator

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "id": "id", "type": "type", "english": "English", "arabic": "Arabic", "vocalized": "vocalized",
        "romanized": "romanized", "variants": "variants", "abbreviations": "abbreviations",
        "former_names": "former names", "part_of": "part of", "located_in": "located in",
        "allied_with": "allied with", "opposed_to": "opposed to", "related": "related", "active": "active",
        "ids": "links", "notes": "notes", "sources": "sources", "schemes": "romanizations", "match": "matched",
        "until": "until", "from": "from", "approximate": "approximate", "did_you_mean": "did you mean", "no_match": "no match for",
        "ambiguous": "ambiguous: several entities fit", "score": "score", "name": "name", "level": "level",
        "query": "query", "status": "status",
        "group": "group", "place": "place", "person": "person", "media": "media", "event": "event", "other": "other",
    },
    "ar": {
        "id": "المعرّف", "type": "النوع", "english": "الإنجليزية", "arabic": "العربية", "vocalized": "بالتشكيل",
        "romanized": "بالحروف اللاتينية", "variants": "صيغ أخرى", "abbreviations": "اختصارات",
        "former_names": "أسماء سابقة", "part_of": "جزء من", "located_in": "يقع في", "allied_with": "حليف لـ",
        "opposed_to": "خصم لـ", "related": "ذو صلة", "active": "فترة النشاط", "ids": "روابط", "notes": "ملاحظات",
        "sources": "المصادر", "schemes": "الكتابة بالحروف اللاتينية", "match": "المطابقة", "until": "حتى", "from": "منذ",
        "approximate": "تقريبي", "did_you_mean": "هل تقصد", "no_match": "لا نتيجة لـ",
        "ambiguous": "نتيجة ملتبسة: أكثر من كيان", "score": "الدرجة", "name": "الاسم", "level": "المستوى",
        "query": "الاستعلام", "status": "الحالة",
        "group": "جماعة", "place": "مكان", "person": "شخص", "media": "وسيلة إعلام", "event": "حدث", "other": "أخرى",
    },
}
_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

Known = Callable[[str, str], str | None]
"""Babel's answer computed earlier, by kind (``number``, ``date``, ``language``) and key, or None."""


class Locale:
    """Labels, dates, numbers and language names in one interface language.

    Args:
        code: ``en`` or ``ar`` (anything else is ``en``).
        known: babel's answers kept in the index cache (`locale_strings`); babel itself answers
            what it does not hold.
    """

    def __init__(self, code: str = "en", *, known: Known | None = None) -> None:
        self.code = code if code in LABELS else "en"
        self._known = known

    def label(self, key: str) -> str:
        """The label for a field or word."""
        return LABELS[self.code].get(key, LABELS["en"].get(key, key))

    def digits(self, text: str) -> str:
        """Arabic-Indic digits in Arabic output (CLDR's default numbering system for ar)."""
        return text.translate(_ARABIC_DIGITS) if self.code == "ar" else text

    def _cached(self, kind: str, key: str) -> str | None:
        return self._known(kind, key) if self._known is not None else None

    def number(self, value: float) -> str:
        """A score, formatted by babel for the locale."""
        value = round(value, 2)
        known = self._cached("number", repr(value))
        if known is not None:
            return known
        from babel.numbers import format_decimal

        return self.digits(format_decimal(value, format="0.00", locale=self.code))

    def date(self, value: str) -> str:
        """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD) in the locale's long form; other text unchanged."""
        known = self._cached("date", value)
        if known is not None:
            return known
        from babel.dates import format_date, format_skeleton

        parts = value.split("-")
        try:
            if len(parts) == 3:
                out = format_date(_dt.date(*map(int, parts)), format="long", locale=self.code)
            elif len(parts) == 2:
                out = format_skeleton("yMMMM", _dt.date(int(parts[0]), int(parts[1]), 1), locale=self.code)
            else:
                out = value
        except (ValueError, TypeError):
            out = value
        return self.digits(out)

    def language(self, code: str) -> str:
        """A language's name in the locale (babel/CLDR), or the code itself."""
        known = self._cached("language", code)
        if known is not None:
            return known
        from babel import Locale as _BabelLocale

        try:
            return str(_BabelLocale(self.code).languages.get(code, code))
        except Exception:  # noqa: BLE001 - an unknown locale code must never break a card
            return code


SCORES = tuple(i / 100 for i in range(101))
"""Every score a card or table can show (`Locale.number` rounds to two decimals)."""


def locale_strings(dates: Iterable[str], languages: Iterable[str]) -> Iterator[tuple[str, str, str, str]]:
    """``(locale, kind, key, text)`` for every score and for these source dates and languages, in
    each interface language, as babel gives them now: what the index cache keeps."""
    dates, languages = sorted(set(dates)), sorted(set(languages))
    for code in LABELS:
        loc = Locale(code)
        for v in SCORES:
            yield code, "number", repr(v), loc.number(v)
        for d in dates:
            yield code, "date", d, loc.date(d)
        for lang in languages:
            yield code, "language", lang, loc.language(lang)
