"""A letter transducer learned from real spellings: how well one spelling of a name explains another.

Each letter of the source spelling (a name of the glossary) writes zero to ``max_emit`` letters
of the target (the query): ش writes sh, s or ch; ع writes a, ' or nothing; ق writes q, k, g or
qa; a Latin u writes u, o or ou. The probabilities come from real pairs (``tools/train_matcher.py``
fits them on the training corpus by hard EM) and ship as data (``match/data/matcher.json``), so no
letter correspondence is written by hand, and the same table compares Latin with Latin, Arabic
with Arabic and either script with the other.

`Transducer.llr` is the log-likelihood ratio of the best way the source writes the target against
a plain letter model of the target, per target letter: above 0 the source explains the target
better than chance, and the higher the closer.

Example:
    >>> t = Transducer({"ق": {"q": -0.4, "k": -1.2}, "م": {"m": -0.1}}, {"q": -3.0, "k": -3.0, "m": -3.0})
    >>> round(t.llr("قم", "qm"), 3), t.llr("قم", "qm") > t.llr("قم", "km")
    (1.833, True)
"""

from __future__ import annotations

from collections.abc import Mapping

BAND = 8
"""Target letters off the diagonal a path may stray (`Transducer.best`)."""
NO_PATH = -5.0
"""`Transducer.llr` when the source cannot write the target at all (or either is empty)."""
_NEG = -1e18


class Transducer:
    """Letter-to-letters emission log-probabilities and a background letter model.

    Args:
        emit: source letter -> {target letters (0 to ``max_emit`` of them) -> log-probability}.
        background: target letter -> log-probability (a unigram model of targets).
        max_emit: the most target letters one source letter writes.
        floor: log-probability of an emission the table does not list.
        unknown: background log-probability of a target letter the model does not list.
    """

    __slots__ = ("background", "emit", "floor", "max_emit", "unknown")

    def __init__(self, emit: Mapping[str, Mapping[str, float]], background: Mapping[str, float], *,
                 max_emit: int = 3, floor: float = -12.0, unknown: float = -8.0) -> None:
        self.emit = {k: dict(v) for k, v in emit.items()}
        self.background = dict(background)
        self.max_emit = max_emit
        self.floor = floor
        self.unknown = unknown

    def best(self, source: str, target: str) -> float:
        """Log-probability of the best way ``source`` writes ``target`` (-1e18 when there is none).

        Only paths within `BAND` target letters of the diagonal are followed (and only those that
        can still reach the end: each source letter writes at most ``max_emit``), so that two long
        names cost a band, not a square; a name that far off its diagonal is another name anyway.
        """
        m, n = len(target), len(source)
        top, floor, emit = self.max_emit, self.floor, self.emit
        if m > top * n:
            return _NEG
        segs = [[target[j:j + k] for k in range(min(top, m - j) + 1)] for j in range(m + 1)]
        row = [_NEG] * (m + 1)
        row[0] = 0.0
        lo, hi = 0, 0  # the reachable stretch of the row
        slope = m / n if n else 0.0
        for i, ch in enumerate(source, 1):
            table = emit.get(ch)
            nxt = [_NEG] * (m + 1)
            for j in range(lo, hi + 1):
                b = row[j]
                if b <= _NEG:
                    continue
                for k, seg in enumerate(segs[j]):
                    v = b + (table.get(seg, floor) if table is not None else floor)
                    nxt[j + k] = max(nxt[j + k], v)
            row = nxt
            centre = i * slope
            lo = max(m - top * (n - i), int(centre) - BAND, 0)
            hi = min(top * i, int(centre) + BAND + 1, m)
            if lo > hi:
                return _NEG
        return row[m]

    def llr(self, source: str, target: str) -> float:
        """Per target letter, how much better ``source`` explains ``target`` than chance."""
        if not source or not target:
            return NO_PATH
        v = self.best(source, target)
        if v <= _NEG:
            return NO_PATH
        bg, unknown = self.background, self.unknown
        return (v - sum(bg.get(c, unknown) for c in target)) / (len(target) + 1)

    def to_dict(self) -> dict[str, object]:
        """The JSON shape (``match/data/matcher.json`` keeps two of these)."""
        return {"max_emit": self.max_emit, "floor": self.floor, "unknown": self.unknown,
                "background": dict(sorted(self.background.items())),
                "emit": {k: dict(sorted(v.items())) for k, v in sorted(self.emit.items())}}

    @classmethod
    def from_dict(cls, d: Mapping[str, object]) -> Transducer:
        """The transducer `to_dict` wrote."""
        return cls(d["emit"], d["background"], max_emit=int(d["max_emit"]),  # type: ignore[arg-type, call-overload]
                   floor=float(d["floor"]), unknown=float(d["unknown"]))  # type: ignore[arg-type]
