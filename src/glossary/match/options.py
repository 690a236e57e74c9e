"""What a query may ask of the resolver: the checks that refuse bad arguments.

A name that is no ``str``, an unknown entity type, a threshold or margin outside 0-1 or a limit
below 1 raise `TypeError` or `ValueError` before anything is looked up.
"""

from __future__ import annotations

from glossary.model import entity_type


def check_query(query: object) -> None:
    """TypeError unless ``query`` is a ``str``."""
    if not isinstance(query, str):
        raise TypeError(f"a name to resolve must be a str, not {query.__class__.__name__}")


def check_options(*, type: object = None, threshold: object = None, limit: object = 1, margin: object = None) -> None:
    """TypeError or ValueError for options `Resolver.resolve` cannot take (see there).

    Example:
        >>> check_options(threshold=2)
        Traceback (most recent call last):
        ValueError: threshold must be from 0 to 1, not 2
    """
    if type is not None:
        entity_type(type)
    if threshold is not None:
        _check_share("threshold", threshold)
    if margin is not None:
        _check_share("margin", margin)
    if not isinstance(limit, int) or isinstance(limit, bool):
        raise TypeError(f"limit must be an int, not {limit.__class__.__name__}")
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")


def _check_share(name: str, value: object) -> None:
    """TypeError or ValueError unless ``value`` is a number from 0 to 1."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise TypeError(f"{name} must be a number from 0 to 1, not {value.__class__.__name__}")
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be from 0 to 1, not {value!r}")
