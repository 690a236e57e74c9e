"""The interface language: messages and headings from babel message catalogs, and babel's CLDR data.

Every message and heading the command line shows is written in English in the code, marked
for extraction (``gettext``, ``ngettext``, or `N_` where it is only named), and translated
from a compiled gettext catalog: ``locale/<code>/LC_MESSAGES/glossary.mo``, compiled from its
``.po`` with babel (``python tools/catalogs.py``: ``pybabel extract``, ``update``, ``compile``;
a test fails while a catalog is stale). The compiled file is committed beside its source,
as the generated tables are: any install (a wheel, an editable checkout, a zip) has it with no
build step, and reading it costs a warm lookup nothing when the interface is English (no
catalog is opened for ``en``, whose text is the code's own).

Numbers, dates and language names come from babel (CLDR), whose locale data takes 25-40 ms to
load: more than the rest of a warm ``glossary lookup``. So the index cache keeps babel's
answers for what a card can show (every score 0.00-1.00, and each source date and language in
the glossary), computed by babel when the cache is written (`locale_strings`); a `Locale`
given them (``known``) asks babel only for anything else.

The language is ``--locale``, else the environment as POSIX orders it (``LC_ALL``,
``LC_MESSAGES``, ``LANG``: `locale_code`); one the tool does not speak is English.

Example:
    >>> Locale("ar").label("type"), Locale("ar").digits("2015"), Locale("en").number(0.971)
    ('النوع', '٢٠١٥', '0.97')
    >>> Locale("en", known=lambda kind, key: "cached").date("2015-09-30")
    'cached'
    >>> Locale("ar").ngettext("{n} entity", "{n} entities", 3).format(n=Locale("ar").count(3))
    '٣ كيانات'
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Protocol

LOCALES = ("en", "ar")
"""The interface languages: English (the code's own text) and Arabic (a catalog)."""
DOMAIN = "glossary"
"""The message catalogs' gettext domain."""
LOCALE_DIR = Path(__file__).parent / "locale"
"""Where the catalogs are: ``<code>/LC_MESSAGES/glossary.po`` and its compiled ``.mo``."""
RTL = frozenset({"ar"})
"""Interface languages written right to left."""


def N_(message: str) -> str:
    """Mark a message for extraction where it is only named; it is translated where it is shown."""
    return message


_LABEL_TEXT: dict[str, str] = {
    "id": N_("id"), "type": N_("type"), "english": N_("English"), "arabic": N_("Arabic"),
    "vocalized": N_("vocalized"), "romanized": N_("romanized"), "variants": N_("variants"),
    "abbreviations": N_("abbreviations"), "former_names": N_("former names"), "part_of": N_("part of"),
    "located_in": N_("located in"), "allied_with": N_("allied with"), "opposed_to": N_("opposed to"),
    "related": N_("related"), "active": N_("active"), "ids": N_("links"), "notes": N_("notes"),
    "sources": N_("sources"), "schemes": N_("romanizations"), "match": N_("matched"), "until": N_("until"),
    "from": N_("from"),
    "approximate": N_("approximate"), "did_you_mean": N_("did you mean"), "no_match": N_("no match for"),
    "ambiguous": N_("ambiguous: several entities fit"), "score": N_("score"), "name": N_("name"),
    "level": N_("level"), "query": N_("query"), "status": N_("status"),
    "group": N_("group"), "place": N_("place"), "person": N_("person"), "media": N_("media"), "event": N_("event"),
    "other": N_("other"),
}
"""What a card or table calls a field or a word (`Locale.label`), by key."""
LABELS: Mapping[str, Mapping[str, str]] = {"en": _LABEL_TEXT}
"""The English labels by key (the other languages' are in their catalogs)."""

_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

Known = Callable[[str, str], str | None]
"""Babel's answer computed earlier, by kind (``number``, ``date``, ``language``) and key, or None."""


class _Catalog(Protocol):
    def gettext(self, message: str, /) -> str: ...
    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...


def language_of(value: str) -> str:
    """The language part of a locale name: ``ar_SY.UTF-8`` -> ``ar``, ``en-GB`` -> ``en``."""
    return value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()


def locale_code(value: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """The interface language: ``value`` (``--locale``), else the environment's, else ``en``.

    Raises:
        ValueError: ``value`` names a language the tool does not speak.

    >>> locale_code("ar_SY"), locale_code(env={"LANG": "ar_EG.UTF-8"}), locale_code(env={"LANG": "fr_FR"})
    ('ar', 'ar', 'en')
    >>> locale_code(env={"LC_ALL": "C", "LANG": "ar"})   # LC_ALL comes first, as POSIX says
    'en'
    """
    if value:
        code = language_of(value)
        if code not in LOCALES:
            raise ValueError(f"unsupported locale {value!r} (expected one of: {', '.join(LOCALES)})")
        return code
    env = os.environ if env is None else env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(var):
            code = language_of(env[var])
            return code if code in LOCALES else "en"
    return "en"


def _catalog(code: str) -> _Catalog | None:
    """The compiled catalog of a language (None for English, the code's own text)."""
    if code == "en":
        return None
    import gettext

    return gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[code], fallback=True)


class Locale:
    """Messages, labels, dates, numbers and language names in one interface language.

    Args:
        code: ``en`` or ``ar`` (anything else is ``en``).
        known: babel's answers kept in the index cache (`locale_strings`); babel itself answers
            what it does not hold.
    """

    def __init__(self, code: str = "en", *, known: Known | None = None) -> None:
        self.code = code if code in LOCALES else "en"
        self._known = known
        self._messages = _catalog(self.code)

    @property
    def rtl(self) -> bool:
        """Whether the language is written right to left (cards are then laid out so)."""
        return self.code in RTL

    def gettext(self, message: str) -> str:
        """A message in the interface language (the English text when it has no translation)."""
        return self._messages.gettext(message) if self._messages is not None else message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """A message that depends on a count, in the language's plural form for ``n``."""
        if self._messages is not None:
            return self._messages.ngettext(singular, plural, n)
        return singular if n == 1 else plural

    def label(self, key: str) -> str:
        """The label for a field or word, by key (``former_names`` -> "former names")."""
        return self.gettext(_LABEL_TEXT.get(key, key))

    def digits(self, text: str) -> str:
        """Arabic-Indic digits in Arabic output (CLDR's default numbering system for ar)."""
        return text.translate(_ARABIC_DIGITS) if self.code == "ar" else text

    def count(self, n: int) -> str:
        """A whole number with its thousands grouped: 12,345 or ١٢٬٣٤٥."""
        grouped = f"{n:,}"
        return self.digits(grouped.replace(",", "\u066c")) if self.code == "ar" else grouped

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
    for code in LOCALES:
        loc = Locale(code)
        for v in SCORES:
            yield code, "number", repr(v), loc.number(v)
        for d in dates:
            yield code, "date", d, loc.date(d)
        for lang in languages:
            yield code, "language", lang, loc.language(lang)
