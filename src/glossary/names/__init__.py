"""Names: everything that turns a string into keys and words. Pure functions of a string.

No glossary is needed here: each function takes a name (either script) and gives its keys
at the levels of DESIGN.md section 3, its words (`Token`, the one word type of the keys, the
scorer and dedupe), its readings in other orthographies, or the tables of generic words.
What the other packages use is the API below; the modules behind it (`normalize`, `fold`,
`latin`, `orthography`, `generic`, `tables`) are free to change.

Example:
    >>> from glossary.names import folded, skeleton
    >>> folded("Jaish el-Ezzah"), skeleton("Jaysh al-Izza") == skeleton("جيش العزة")
    ('jaysh al iza', True)
"""

from .generic import (
    equivalents,
    factors,
    kunya,
    listed_factors,
    mismatch,
    opposites,
    particles,
    settlements,
    skeleton_factors,
    titles,
    translations,
)
from .normalize import Keys, arabic, exact, folded, keys, script, skeleton, tokens
from .orthography import Reading, readings
from .token import Token

__all__ = [
    "Keys",
    "Reading",
    "Token",
    "arabic",
    "equivalents",
    "exact",
    "factors",
    "folded",
    "keys",
    "kunya",
    "listed_factors",
    "mismatch",
    "opposites",
    "particles",
    "readings",
    "script",
    "settlements",
    "skeleton",
    "skeleton_factors",
    "titles",
    "tokens",
    "translations",
]
