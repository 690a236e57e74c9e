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

Level = Literal["exact", "arabic", "folded", "skeleton", "fuzzy", "acronym"]
Status = Literal["match", "ambiguous", "none"]


@dataclass(frozen=True, slots=True)
class Match:
    """One candidate entity: how and how well one of its names matched."""

    id: str
    label: str
    type: str
    score: float
    name: str
    level: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a match."""
        return {"id": self.id, "label": self.label, "type": self.type, "score": round(self.score, 4),
                "name": self.name, "level": self.level}


@dataclass(frozen=True, slots=True)
class Resolution:
    """The answer for one query: ``match``, ``ambiguous`` (see candidates) or ``none``."""

    query: str
    status: Status
    match: Match | None
    candidates: tuple[Match, ...]
    explanation: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a resolution (one JSON Lines row)."""
        d: dict[str, Any] = {"query": self.query, "status": self.status,
                             "match": self.match.to_dict() if self.match else None,
                             "candidates": [c.to_dict() for c in self.candidates]}
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
