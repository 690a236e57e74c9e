"""The learned pair model over any two names: how likely they spell the same thing, alone.

The matcher's pair forest (`glossary.match.model`: fitted by `tools/train_matcher.py` on the pairs
of real spellings dedupe makes, `glossary.dedupe.cluster.spelling_pairs`) reads the `PAIR` features
of a (query, name) pair, nothing of the other candidates. `PairScorer` asks it of pairs of spellings, which dedupe clusters
(`glossary.dedupe.cluster`): each pair in both directions (the features and transducers are not
symmetric), the larger probability kept. The compiled core (`glossary.match.core`) computes the
features and the forest where it is built; the Python path gives the same numbers
(``tests/match/test_core_parity.py``).

Example:
    >>> s = PairScorer(["Liwa al-Haqq", "Liwaa al-Haq", "Jaysh al-Islam"])
    >>> p = s.probabilities([(0, 1, "fuzzy"), (0, 2, "ngram")])
    >>> p[0] > 0.5 > p[1]
    True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from .core import native, new_core
from .features import LEVELS, View, _particles_only, pair_features, view
from .model import Matcher, matcher
from .profile import encode
from .weights import Weights


def spelling_weights(views: Sequence[View]) -> Weights:
    """Word weights over a set of spellings themselves (inverse document frequency among them): what
    `PairScorer` reads when no glossary's weights are given, and what the pair forest was fitted with."""
    df: Counter[str] = Counter(f for v in views for f in {w.form for w in v.profile.words})
    return Weights(df, len(views))


class PairScorer:
    """The pair forest over the spellings ``texts``, by their positions.

    Args:
        texts: the spellings.
        model: the fitted matcher (default: the shipped one).
        weights: word weights (default: inverse document frequency over ``texts`` themselves).
        etype: the entity type every spelling is taken to be of ("" when unknown).
        compiled: use the compiled core when it is built.
    """

    def __init__(self, texts: Sequence[str], *, model: Matcher | None = None, weights: Weights | None = None,
                 etype: str = "", compiled: bool = True) -> None:
        self.texts = list(texts)
        self.model = model if model is not None else matcher()
        self.views = [view(t) for t in self.texts]
        self.weights = weights if weights is not None else spelling_weights(self.views)
        self.etype = etype
        self._core: Any = None
        if compiled and native() is not None:
            from .resolve import _LEVEL_RANK, _SAME, SKELETON_LETTERS

            self._core = new_core(self.model, self.weights, [_LEVEL_RANK[lv] for lv in LEVELS],
                                  skeleton_letters=SKELETON_LETTERS, same=_SAME)
            if self._core is not None:
                n = len(self.texts)
                self._core.add_names(list(range(n)), [encode(v.profile) for v in self.views], list(range(n)),
                                     [etype] * n, [False] * n)

    def probabilities(self, pairs: Sequence[tuple[int, int, str]]) -> list[float]:
        """The probability of each pair ``(i, j, level)`` (``level``: one of `LEVELS`, where the
        resolver would have found the one name from the other), the larger of both directions.
        Many pairs are scored in forked worker processes, one per core (`MIN_FORK`)."""
        import numpy as np

        if not pairs:
            return []
        number = {lv: k for k, lv in enumerate(LEVELS)}
        n = len(pairs)
        firsts, seconds, lvs = zip(*pairs)
        # every pair asked both ways: entry e < n asks pair e from its first unit, entry n + e from its second
        asker = np.array(firsts + seconds, dtype=np.int64)
        named = np.array(seconds + firsts, dtype=np.int64)
        level = np.array([number[lv] for lv in lvs], dtype=np.int64)
        order = np.lexsort((np.arange(2 * n) % n, asker))  # by asking unit, then by pair (as asked before)
        askers, starts = np.unique(asker[order], return_index=True)
        names_of = named[order].tolist()
        levels_of = np.concatenate([level, level])[order].tolist()
        bounds = [*starts.tolist(), 2 * n]
        jobs = [(a, names_of[s:e], levels_of[s:e]) for a, s, e in zip(askers.tolist(), bounds, bounds[1:])]
        scored = np.empty(2 * n)
        scored[order] = [p for ps in _run(self, jobs, n) for p in ps]
        return np.maximum(scored[:n], scored[n:]).tolist()

    def score(self, jobs: Sequence[tuple[int, list[int], list[int]]]) -> list[list[float]]:
        """For each job ``(query, names, level numbers)``: the probability of each name, in order
        (one direction)."""
        if self._core is not None:
            specs = []
            for a, names, levels in jobs:
                v = self.views[a]
                specs.append((encode(v.profile), v.letters <= 3, _particles_only(v.profile.words, self.weights),
                              names, levels))
            ps: list[list[float]] = self._core.pair_many(specs, None)
            return ps
        m, w, vs = self.model, self.weights, self.views
        return [[m.pair.probability(pair_features(vs[a], vs[b], LEVELS[lv], self.etype, w, m.forward, m.backward))
                 for b, lv in zip(names, levels)] for a, names, levels in jobs]


MIN_FORK = 20_000
"""Pairs from which `PairScorer.probabilities` forks workers (fewer are scored here: starting them costs more)."""
_CHUNKS_PER_CORE = 4
_FORKED: dict[str, Any] = {}
"""In a forked worker: the scorer and the jobs it inherited."""


def _span(span: tuple[int, int]) -> list[list[float]]:
    scored: list[list[float]] = _FORKED["scorer"].score(_FORKED["jobs"][span[0]:span[1]])
    return scored


def _run(scorer: PairScorer, jobs: list[tuple[int, list[int], list[int]]], pairs: int) -> Iterator[list[float]]:
    """`PairScorer.score` of the jobs, in order: in forked workers (which inherit the scorer and the
    jobs, and send back only numbers) for `MIN_FORK` pairs or more on a machine of several cores."""
    from .memory import cores, forked

    size = max(1, -(-len(jobs) // (cores() * _CHUNKS_PER_CORE)))
    spans = [(i, min(i + size, len(jobs))) for i in range(0, len(jobs), size)]
    with forked(_FORKED, {"scorer": scorer, "jobs": jobs}, pairs >= MIN_FORK) as run:
        for part in run(_span, spans):
            yield from part
