"""The learned matcher shipped with the package: ``match/data/matcher.json``, read once.

The file is data with a pedigree (STYLE.md section 9): a header naming the script that fitted it
(``tools/train_matcher.py``), the training data and its sha256, the feature lists in order, the
library versions, and the resolver's threshold and margin; then the two letter transducers
(`glossary.match.transducer`) and the two forests (`glossary.match.forest`): ``pair`` (two names
alone: the pairs of spellings dedupe clusters, `glossary.match.pairs`) and ``resolver`` (a
candidate among the query's others). A file whose feature lists differ from the code's (`glossary.match.features`) is refused.

Example:
    >>> m = matcher()
    >>> m.header["pair_features"] == list(PAIR), 0.0 < m.threshold < 1.0
    (True, True)
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from glossary.errors import GlossaryError

from .features import CONTEXT, PAIR
from .forest import Forest
from .transducer import Transducer

ACRONYM_CELLS = ("unique", "shared", "short unique", "short shared")
"""The cells of the model's acronym table (``tools/train_matcher.py`` fills it): is the query short
(at most 3 letters) and is the entity the only one the query's acronym finds."""


def acronym_cell(short: bool, entities: int) -> int:
    """The `ACRONYM_CELLS` position of an entity found at the acronym level alone."""
    return 2 * bool(short) + (entities > 1)


class Matcher:
    """The parts of a fitted matcher (see the module docstring)."""

    __slots__ = ("acronym", "backward", "forward", "header", "margin", "pair", "resolver", "threshold")

    def __init__(self, doc: dict[str, Any]) -> None:
        header = doc["header"]
        if header.get("pair_features") != list(PAIR) or header.get("context_features") != list(CONTEXT):
            raise GlossaryError("the matcher model was fitted on other features than this code computes: "
                                "run tools/train_matcher.py")
        self.header: dict[str, Any] = header
        self.forward = Transducer.from_dict(doc["forward"])
        self.backward = Transducer.from_dict(doc["backward"])
        self.pair = Forest(doc["pair"])
        self.resolver = Forest(doc["resolver"])
        self.threshold = float(header["threshold"])
        self.margin = float(header["margin"])
        acr = header["acronym"]
        cells = [acr[c] for c in ACRONYM_CELLS] if isinstance(acr, dict) else [acr] * len(ACRONYM_CELLS)
        self.acronym = tuple(float(x) for x in cells)
        """The probability of an entity found at the acronym level alone (measured on the training
        corpus's abbreviations, not learned by the forests), by `ACRONYM_CELLS`: `acronym_probability`."""

    def acronym_probability(self, short: bool, entities: int) -> float:
        """The probability of an entity found at the acronym level alone, for a query of at most 3
        letters or not (``short``) whose acronym finds ``entities`` entities."""
        return self.acronym[acronym_cell(short, entities)]


@cache
def matcher() -> Matcher:
    """The shipped matcher (read on first use)."""
    text = resources.files("glossary.match").joinpath("data", "matcher.json").read_text(encoding="utf-8")
    return Matcher(json.loads(text))
