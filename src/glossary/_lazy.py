"""Package faces that import on first use (PEP 562), so that importing a package stays cheap.

A package states its public names in ``__all__`` and hands each one on from the module that
defines it, imported only when the name is first asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


def attributes(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package`` that imports each name of ``homes`` (name ->
    module of the package) on first use."""

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        from importlib import import_module

        return getattr(import_module(f"{package}.{home}"), name)

    return __getattr__
