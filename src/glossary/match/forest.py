"""A gradient-boosted forest of decision trees, evaluated in plain Python.

The trees are fitted offline (``tools/train_matcher.py``, LightGBM) and shipped as arrays in
``match/data/matcher.json``: per tree, each split node's feature, threshold (go left when the
value is at most it), children (a negative child ``~k`` is leaf ``k``) and the node's own value,
and the leaves' values. The forest's margin is the sum of the leaves reached; its probability
the logistic of the margin. `Forest.contributions` attributes the margin to the features
(each split's change of value goes to the feature it splits on), for ``--explain``.

Example:
    >>> f = Forest([{"feature": [0], "threshold": [0.5], "left": [-1], "right": [-2], "value": [0.0],
    ...              "leaf": [-2.0, 2.0]}])
    >>> round(f.probability([0.2]), 3), round(f.probability([0.9]), 3)
    (0.119, 0.881)
    >>> f.contributions([0.9])
    (0.0, [2.0])
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import NamedTuple


class Tree(NamedTuple):
    """One tree as arrays (see the module docstring); the root is split node 0, or leaf 0 alone."""

    feature: list[int]
    threshold: list[float]
    left: list[int]
    right: list[int]
    value: list[float]
    leaf: list[float]


class Forest:
    """Trees whose leaf values add up to a log-odds margin.

    Args:
        trees: one mapping per tree with the `Tree` fields.
    """

    __slots__ = ("n_features", "trees")

    def __init__(self, trees: Sequence[Mapping[str, Sequence[float]]]) -> None:
        self.trees = [Tree(list(map(int, t["feature"])), list(map(float, t["threshold"])),
                           list(map(int, t["left"])), list(map(int, t["right"])),
                           list(map(float, t["value"])), list(map(float, t["leaf"]))) for t in trees]
        self.n_features = 1 + max((f for t in self.trees for f in t.feature), default=-1)

    def margin(self, x: Sequence[float]) -> float:
        """The sum of the leaves ``x`` reaches (log-odds)."""
        s = 0.0
        for feature, threshold, left, right, _, leaf in self.trees:
            i = 0 if feature else -1
            while i >= 0:
                i = left[i] if x[feature[i]] <= threshold[i] else right[i]
            s += leaf[~i]
        return s

    def probability(self, x: Sequence[float]) -> float:
        """The logistic of the margin: the probability the trees were fitted to give."""
        m = self.margin(x)
        return 1.0 / (1.0 + math.exp(-m)) if m > -700 else 0.0

    def contributions(self, x: Sequence[float]) -> tuple[float, list[float]]:
        """The margin as a base value plus one contribution per feature (they add up to it)."""
        out = [0.0] * max(self.n_features, len(x))
        base = 0.0
        for feature, threshold, left, right, value, leaf in self.trees:
            if not feature:
                base += leaf[0]
                continue
            i = 0
            base += value[0]
            while i >= 0:
                j = left[i] if x[feature[i]] <= threshold[i] else right[i]
                out[feature[i]] += (leaf[~j] if j < 0 else value[j]) - value[i]
                i = j
        return base, out[:len(x)]

    def to_list(self) -> list[dict[str, list[float] | list[int]]]:
        """The JSON shape of the trees."""
        return [t._asdict() for t in self.trees]
