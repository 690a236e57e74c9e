"""The optional compiled core of the resolver (`glossary.match._core`, C++ through Cython).

Everything else is declared in pyproject.toml. The extension is optional: where it cannot be
compiled (no C++ compiler), the package installs without it and the pure-Python resolver answers
(`glossary doctor` says so). A source distribution ships the generated C++ file, so installing
one needs a C++ compiler, not Cython.
"""

from __future__ import annotations

import os

import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))
PYX = os.path.join("src", "glossary", "match", "_core.pyx")
CPP = os.path.join("src", "glossary", "match", "_core.cpp")
HPP = [os.path.join("src", "glossary", "match", h)
       for h in ("_core.hpp", "_core_letters.hpp", "_core_forest.hpp", "_core_votes.hpp")] \
    + [os.path.join("src", "glossary", "translit", "_pysum.hpp")]
# the vocalizer's kernel (glossary.translit._vocal): optional too, the pure-Python model answers without it
VOCAL_PYX = os.path.join("src", "glossary", "translit", "_vocal.pyx")
VOCAL_CPP = os.path.join("src", "glossary", "translit", "_vocal.cpp")
VOCAL_HPP = [os.path.join("src", "glossary", "translit", h) for h in ("_vocal.hpp", "_pysum.hpp")]

# (-ffp-contract=off: no fused multiply-add, so the core's arithmetic is Python's, bit for bit)
ARGS = ["-O2", "-std=c++17", "-ffp-contract=off", "-fno-fast-math"]


def extensions() -> list[Extension]:
    """The compiled modules, each from its Cython source when Cython is at hand, else from the C++
    it wrote."""
    out: list[Extension] = []
    for name, pyx, cpp, hpp in (("glossary.match._core", PYX, CPP, HPP),
                                ("glossary.translit._vocal", VOCAL_PYX, VOCAL_CPP, VOCAL_HPP)):
        out += _extension(name, pyx, cpp, hpp)
    return out


def _extension(name: str, pyx: str, cpp: str, hpp: list[str]) -> list[Extension]:
    if os.path.exists(os.path.join(HERE, pyx)):
        try:
            from Cython.Build import cythonize
        except ImportError:
            pass
        else:
            ext = Extension(name, [pyx], language="c++", extra_compile_args=ARGS, depends=hpp, optional=True)
            built: list[Extension] = cythonize([ext], compiler_directives={"language_level": "3"},  # type: ignore[no-untyped-call]
                                               quiet=True)
            for e in built:
                e.optional = True
            return built
    if os.path.exists(os.path.join(HERE, cpp)):
        return [Extension(name, [cpp], language="c++", extra_compile_args=ARGS, depends=hpp, optional=True)]
    return []


class OptionalBuildExt(build_ext):  # type: ignore[misc]
    """Builds the core where it can; where it cannot (no C++ compiler, no Python headers), says so
    and installs the package without it (``optional=True`` alone lets some failures through)."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as e:  # noqa: BLE001 (any failure to build means: no compiled core)
            _skipped(e)

    def build_extension(self, ext: Extension) -> None:
        try:
            super().build_extension(ext)
        except Exception as e:  # noqa: BLE001
            _skipped(e)


def _skipped(error: Exception) -> None:
    print(f"WARNING: the compiled resolver core (glossary.match._core) was not built ({error}); "
          "glossary installs without it and answers with its pure-Python resolver, the same answers, slower",
          file=sys.stderr)


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
