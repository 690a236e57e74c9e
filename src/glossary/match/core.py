"""Which implementation scores and ranks a query's candidates: the compiled core or pure Python.

The learned resolver is written once in Python (`glossary.match.features`, `transducer`, `forest`
and the ranking of `glossary.match.resolve`): that is the specification. `glossary.match._core`
(C++ through Cython, built by ``pip install .`` where a C++ compiler is found) computes the same
numbers for a whole batch of queries in one call, bit for bit (``tests/match/test_core_parity.py``),
and the candidate levels that vote, for a whole batch too: the fuzzy level of `glossary.match.fuzzy`
and the letter n-grams of `glossary.match.candidates` (`glossary.match.candidates.gather_many`).
This facade picks one, as RapidFuzz's
``fallback_import`` does: the compiled module when it imports, else the Python one;
``GLOSSARY_PURE_PYTHON=1`` forces Python (tests run both). `IMPLEMENTATION` says which is in use
and `REASON` why (``glossary doctor`` prints them).

Example:
    >>> IMPLEMENTATION in ("compiled", "python")
    True
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Matcher

PURE_ENV = "GLOSSARY_PURE_PYTHON"
"""Set to 1 to use the pure-Python resolver even where the compiled core is built."""

WEAK: tuple[str | None, ...] = (None, "language", "particles", "short", "skeleton")
"""The weak reasons of `glossary.match.resolve`, as the core numbers them."""


def _load() -> tuple[ModuleType | None, str]:
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        return None, f"{PURE_ENV} is set"
    try:
        from . import _core  # type: ignore[attr-defined, unused-ignore]
    except ImportError as e:
        return None, f"the compiled core is not built ({e}); reinstall with a C++ compiler for speed"
    return _core, "compiled core loaded"


_native, REASON = _load()
IMPLEMENTATION = "compiled" if _native is not None else "python"
"""``compiled`` or ``python``: what `glossary.match.resolve.Resolver` uses."""


_forced = [False]


def native() -> ModuleType | None:
    """The compiled module, or None when the pure-Python resolver is in use."""
    return None if _forced[0] else _native


@contextmanager
def pure_python() -> Iterator[None]:
    """Within it, the pure-Python code answers everywhere, as with ``GLOSSARY_PURE_PYTHON=1`` (for
    benchmarks and parity tests in one process; resolvers made within it stay pure)."""
    was = _forced[0]
    _forced[0] = True
    try:
        yield
    finally:
        _forced[0] = was


def new_core(model: Matcher, weights: Callable[[str], float], level_rank: Sequence[int], *,
             skeleton_letters: float, same: float) -> Any | None:
    """A compiled scorer for one resolver (`glossary.match._core.Core`), or None: pure Python
    (also when the model is one the core cannot hold, which it then says on stderr)."""
    mod = native()
    if mod is None:
        return None
    from .features import _WORD_BAD
    from .transducer import BAND, NO_PATH

    try:
        return mod.Core(model, weights, level_rank=list(level_rank), skeleton_letters=skeleton_letters,
                        same=same, word_bad=_WORD_BAD, no_path=NO_PATH, band=BAND,
                        compensated=sys.version_info >= (3, 12))
    except ValueError as e:  # a model the core cannot hold: the Python path answers
        print(f"glossary: compiled core not used ({e})", file=sys.stderr)
        return None
