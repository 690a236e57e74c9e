"""Types of the vocalizer's compiled kernel (`glossary.translit._vocal`, built from ``_vocal.pyx``)."""

from typing import Any

class Vocalizer:
    def __init__(self, keys: list[str], counts: list[int], weights: Any, scale: Any, bias: Any, transitions: Any,
                 case_index: dict[str, int], case_weights: Any, case_bias: float, label_chars: str, beam: float,
                 compensated: bool, patterns: str = ..., pattern_weight: float = ..., pattern_letters: str = ...,
                 shape_table: dict[int, str] | None = ...) -> None: ...
    def predict_many(self, words: list[str], fixed: list[str | None] | None = None) -> list[tuple[str, float]]: ...
    def capitalized(self, word: str) -> float: ...
