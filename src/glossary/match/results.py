"""What the resolver answers: a `Resolution` per query, its `Match`es, and `SearchHit`s.

Plain frozen values; ``to_dict()`` is their JSON shape, the same as ``glossary resolve --json``.

Example:
    >>> m = Match("hama", "Hama", "place", 0.97123, "Hamah", "folded")
    >>> Resolution("Hamah", "match", m, (m,)).to_dict()["match"]["score"]
    0.9712
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Level = Literal["exact", "arabic", "folded", "skeleton", "fuzzy", "acronym", "ngram"]
Status = Literal["match", "ambiguous", "none"]


@dataclass(frozen=True, slots=True)
class Match:
    """One candidate entity: how and how well one of its names matched.

    ``score`` is the probability that the name is the query's (calibrated on held-out real
    spellings); ``weak`` says why the evidence may not make a match on its own (``short``,
    ``particles``, ``skeleton``, ``language``: `glossary.match.resolve`), else None.
    """

    id: str
    label: str
    type: str
    score: float
    name: str
    level: str
    weak: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a match (``weak`` only when set)."""
        d: dict[str, Any] = {"id": self.id, "label": self.label, "type": self.type, "score": round(self.score, 4),
                             "name": self.name, "level": self.level}
        if self.weak is not None:
            d["weak"] = self.weak
        return d


@dataclass(frozen=True, slots=True)
class Resolution:
    """The answer for one query: ``match``, ``ambiguous`` (see candidates) or ``none``."""

    query: str
    status: Status
    match: Match | None
    candidates: tuple[Match, ...]
    explanation: dict[str, Any] | None = None
    reading: str | None = None
    """The query as it was read when not as written: a person's name written family name first
    (``HADDAD, Omar`` read ``Omar HADDAD``: `glossary.match.resolve.inverted`)."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a resolution (one JSON Lines row; ``reading`` only when set)."""
        d: dict[str, Any] = {"query": self.query, "status": self.status,
                             "match": self.match.to_dict() if self.match else None,
                             "candidates": [c.to_dict() for c in self.candidates]}
        if self.reading is not None:
            d["reading"] = self.reading
        if self.explanation is not None:
            d["explain"] = self.explanation
        return d


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One entity found by `glossary.match.search`, with the name that matched."""

    id: str
    label: str
    type: str
    name: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a search hit."""
        return {"id": self.id, "label": self.label, "type": self.type, "name": self.name, "score": round(self.score, 4)}
