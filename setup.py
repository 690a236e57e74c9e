"""The optional compiled core of the resolver (`glossary.match._core`, C++ through Cython).

Everything else is declared in pyproject.toml. The extension is optional: where it cannot be
compiled (no C++ compiler), the package installs without it and the pure-Python resolver answers
(`glossary doctor` says so). A source distribution ships the generated C++ file, so installing
one needs a C++ compiler, not Cython.
"""

from __future__ import annotations

import os

from setuptools import Extension, setup

HERE = os.path.dirname(os.path.abspath(__file__))
PYX = os.path.join("src", "glossary", "match", "_core.pyx")
CPP = os.path.join("src", "glossary", "match", "_core.cpp")

# (-ffp-contract=off: no fused multiply-add, so the core's arithmetic is Python's, bit for bit)
ARGS = ["-O2", "-std=c++17", "-ffp-contract=off", "-fno-fast-math"]


def extensions() -> list[Extension]:
    try:
        from Cython.Build import cythonize
    except ImportError:
        cythonize = None
    if cythonize is not None and os.path.exists(os.path.join(HERE, PYX)):
        ext = Extension("glossary.match._core", [PYX], language="c++", extra_compile_args=ARGS, optional=True)
        return cythonize([ext], compiler_directives={"language_level": "3"}, quiet=True)  # type: ignore[no-any-return]
    if os.path.exists(os.path.join(HERE, CPP)):
        return [Extension("glossary.match._core", [CPP], language="c++", extra_compile_args=ARGS, optional=True)]
    return []


setup(ext_modules=extensions())
