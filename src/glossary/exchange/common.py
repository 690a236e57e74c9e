"""What every exchange format shares: romanizations, language tags, spreadsheet-safe cells.

Romanizations come from `Glossary.transliterate` (only its ``text`` and ``exact``): an
entity's ``vocalized`` form is romanized exactly in every scheme; an unvocalized name only
where the scheme transliterates what is written (Buckwalter, ISO 233) or the glossary knows
its vowels. An inexact romanization is a guess, and no export presents it as a term: the
term formats (TBX, OmegaT, memoQ, Crowdin, the alias table) leave it out, and the entity
tables (CSV, JSON Lines) give it with ``exact: false`` beside it.

Example:
    >>> neutralize("=HYPERLINK(1)"), unneutralize(neutralize("=HYPERLINK(1)")), neutralize("Jaysh al-Izza")
    ("'=HYPERLINK(1)", '=HYPERLINK(1)', 'Jaysh al-Izza')
    >>> unneutralize(neutralize("'=x")), SCHEME_TAGS["ala-lc"]
    ("'=x", 'ar-Latn-t-ar-m0-alaloc')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..glossary import Glossary
    from ..model import Entity

SCHEME_TAGS: dict[str, str] = {
    # BCP 47 transform extension (RFC 6497) with CLDR's m0 mechanism names where one exists
    "ala-lc": "ar-Latn-t-ar-m0-alaloc",
    "bgn-pcgn": "ar-Latn-t-ar-m0-bgn",
    "din31635": "ar-Latn-t-ar-m0-din",
    "iso233": "ar-Latn-t-ar-m0-iso",
    "buckwalter": "ar-Latn-t-ar-m0-buckwalt",
    # no registered mechanism: private-use subtags
    "safe-buckwalter": "ar-Latn-x-safebw",
    "simple": "ar-Latn-x-simple",
}
"""The language tag of each scheme's romanizations (a TBX ``langSec``)."""

ROMANIZED_TAG = "ar-Latn"
"""The house romanization (``romanized``) and the Latin-script spellings seen in sources."""

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may read as the start of a formula (OWASP's CSV injection list)."""


def neutralize(cell: str) -> str:
    """A cell a spreadsheet shows as text: a leading ``'`` before ``= + - @`` (and tab, CR).

    A cell that already begins with quotes before such a character gets one more, so that
    `unneutralize` gives every text back exactly.
    """
    return "'" + cell if cell.lstrip("'").startswith(_TRIGGERS) else cell


def unneutralize(cell: str) -> str:
    """The text `neutralize` was given."""
    return cell[1:] if cell.startswith("'") and cell.lstrip("'").startswith(_TRIGGERS) else cell


@dataclass(frozen=True, slots=True)
class Romanization:
    """One scheme's romanization of an entity's canonical Arabic name."""

    scheme: str
    text: str
    exact: bool


def romanizations(glossary: Glossary, entity: Entity, schemes: Sequence[str]) -> list[Romanization]:
    """The entity's canonical Arabic name in each scheme (its vocalized form when it has one).

    Inexact ones are included, marked: callers that write terms keep only ``exact`` ones.
    """
    source = entity.vocalized or entity.arabic
    if not source:
        return []
    out = []
    for scheme in schemes:
        t = glossary.transliterate(source, scheme)
        out.append(Romanization(scheme, t.text, bool(t.exact)))
    return out


def select(glossary: Glossary, types: Iterable[str] = ()) -> list[Entity]:
    """The entities to export, in file order (all, or those of the given types)."""
    wanted = set(types)
    return [e for e in glossary.entities if not wanted or e.type in wanted]


def xml_id(entity_id: str) -> str:
    """An entity id as an XML ID (an NCName may not begin with a digit: ``_`` goes before it)."""
    return "_" + entity_id if entity_id[:1].isdigit() else entity_id


def from_xml_id(value: str) -> str:
    """The entity id `xml_id` was given."""
    return value[1:] if value.startswith("_") and value[1:2].isdigit() else value
