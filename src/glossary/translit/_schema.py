"""Strict loader for scheme tables (`schemes/<name>.yaml`).

A scheme file has a header (``name``, ``title``, ``standard``, ``edition``,
``direction``, ``needs-vocalized``, ``kind``, ``description``, ``example``) and four
sections: ``letters`` and ``vowels`` (Arabic key -> Latin value), ``context`` (the
named rule settings the engine knows) and ``exceptions`` (unvocalized word -> fixed
output). The loader walks the YAML node tree (ruamel.yaml ``compose``), so it sees
duplicate keys and knows every position; it collects *every* problem and raises one
`SchemeError`. Reported as problems: duplicate keys, keys outside the Arabic script in
``letters``/``vowels``/``exceptions``, unknown top-level keys or sections, unknown
``context`` rules, missing header fields, values of the wrong kind.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from glossary.errors import Problem, SchemeError

HEADER = ("name", "title", "standard", "edition", "direction", "needs-vocalized", "kind", "description", "example")
SECTIONS = ("letters", "vowels", "context", "exceptions")
DIRECTIONS = ("arabic-to-latin", "both")
KINDS = ("transcription", "charmap")

CONTEXT_RULES: dict[str, tuple[str, ...]] = {
    # rule -> keys of its mapping; () means a scalar, ("*",) a mapping with free keys,
    # ("[]",) a list of strings
    "hamza": ("initial", "medial"),
    "madda": ("initial", "medial"),
    "alif-wasla": (),
    "taa-marbuta": ("pausal", "construct", "after-long-a"),
    "nisba": ("final", "medial"),
    "article": ("form", "separator", "assimilate", "capitalize-first"),
    "prefixes": ("*",),
    "prefix-separator": (),
    "elide-article-after": (),
    "elided-joiner": (),
    "digraphs": ("[]",),
    "digraph-separator": (),
    "capitalize": (),
    "shadda": (),
    "reverse-prefer": ("*",),
    "reverse-initial-only": (),
}
"""Every rule a ``context`` section may set; anything else is a problem."""


@dataclass(frozen=True)
class Exception_:
    """A fixed output for one unvocalized word; ``case`` is ``name`` (capitalised like
    any name word), ``lower`` (lowercase unless first in the name) or ``keep``."""

    text: str
    case: str = "name"


@dataclass(frozen=True)
class Scheme:
    """One parsed scheme table (data only; `engine` compiles it)."""

    name: str
    title: str
    standard: str
    edition: str
    direction: str
    needs_vocalized: bool
    kind: str
    description: str
    example: str
    path: str
    letters: dict[str, str] = field(default_factory=dict)
    vowels: dict[str, str] = field(default_factory=dict)
    context: dict[str, Any] = field(default_factory=dict)
    exceptions: dict[str, Exception_] = field(default_factory=dict)

    @property
    def reversible(self) -> bool:
        """True when the table is declared (and checked) to work both ways."""
        return self.direction == "both"


def is_arabic(char: str) -> bool:
    """Whether one character belongs to the Arabic blocks (letters, marks, forms)."""
    code = ord(char)
    return (
        0x0600 <= code <= 0x06FF
        or 0x0750 <= code <= 0x077F
        or 0x08A0 <= code <= 0x08FF
        or 0xFB50 <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFF
    )


class _Reader:
    """Walks composed YAML nodes, collecting problems."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, node: Any, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, message))

    def pairs(self, node: Any, where: str) -> list[tuple[Any, Any]]:
        """Key/value node pairs of a mapping; duplicate keys are reported and skipped."""
        if getattr(node, "id", None) != "mapping":
            self.problem(node, f"{where}: expected a mapping")
            return []
        seen: dict[str, Any] = {}
        out = []
        for key, value in node.value:
            text = self.scalar(key, where) if key.id == "scalar" else None
            if text is None:
                continue
            if text in seen:
                first = seen[text].start_mark
                self.problem(key, f"{where}: duplicate key {text!r} (first at line {first.line + 1})")
                continue
            seen[text] = key
            out.append((key, value))
        return out

    def scalar(self, node: Any, where: str) -> str | None:
        if getattr(node, "id", None) != "scalar":
            self.problem(node, f"{where}: expected a string")
            return None
        if node.tag.endswith(":null"):
            return ""
        return str(node.value)

    def boolean(self, node: Any, where: str) -> bool | None:
        text = self.scalar(node, where)
        if text is None:
            return None
        if text.lower() in ("true", "false"):
            return text.lower() == "true"
        self.problem(node, f"{where}: expected true or false, found {text!r}")
        return None

    def table(self, node: Any, section: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for key, value in self.pairs(node, section):
            text = key.value
            if not text or not all(is_arabic(c) for c in text):
                self.problem(key, f"{section}: key {text!r} is outside the Arabic script")
                continue
            latin = self.scalar(value, f"{section}.{text}")
            if latin is not None:
                out[text] = latin
        return out

    def context(self, node: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in self.pairs(node, "context"):
            rule = key.value
            spec = CONTEXT_RULES.get(rule)
            if spec is None:
                known = ", ".join(sorted(CONTEXT_RULES))
                self.problem(key, f"context: unknown rule {rule!r} (expected one of: {known})")
            elif spec == ():
                out[rule] = self.boolean(value, rule) if value.tag.endswith(":bool") else self.scalar(value, rule)
            elif spec == ("[]",):
                if getattr(value, "id", None) != "sequence":
                    self.problem(value, f"context.{rule}: expected a list")
                else:
                    out[rule] = [s for s in (self.scalar(v, rule) for v in value.value) if s is not None]
            else:
                sub: dict[str, Any] = {}
                for k, v in self.pairs(value, f"context.{rule}"):
                    if spec != ("*",) and k.value not in spec:
                        self.problem(k, f"context.{rule}: unknown key {k.value!r} (expected one of: {', '.join(spec)})")
                        continue
                    sub[k.value] = self.boolean(v, rule) if v.tag.endswith(":bool") else self.scalar(v, rule)
                missing = [k for k in spec if k != "*" and k not in sub]
                if missing:
                    self.problem(key, f"context.{rule}: missing {', '.join(missing)}")
                out[rule] = sub
        return out

    def exceptions(self, node: Any) -> dict[str, Exception_]:
        out: dict[str, Exception_] = {}
        for key, value in self.pairs(node, "exceptions"):
            word = key.value
            if not word or not all(is_arabic(c) for c in word):
                self.problem(key, f"exceptions: key {word!r} is outside the Arabic script")
                continue
            if getattr(value, "id", None) == "mapping":
                fields = {k.value: self.scalar(v, f"exceptions.{word}") for k, v in self.pairs(value, word)}
                case = fields.get("case") or "name"
                if case not in ("name", "lower", "keep") or "text" not in fields:
                    self.problem(value, f"exceptions.{word}: expected text and case (name, lower or keep)")
                    continue
                out[word] = Exception_(fields["text"] or "", case)
            else:
                text = self.scalar(value, f"exceptions.{word}")
                if text is not None:
                    out[word] = Exception_(text)
        return out


def parse_scheme(text: str, path: str) -> Scheme:
    """Parse and check one scheme file's text.

    Args:
        text: The YAML source.
        path: Shown in problems (``path:line:col: message``).

    Returns:
        The checked `Scheme`.

    Raises:
        SchemeError: With every problem found, sorted by position.

    Example:
        >>> try:
        ...     parse_scheme("name: x\\nletters: {b: c}\\n", "x.yaml")
        ... except SchemeError as error:
        ...     print(error.problems[-1])
        x.yaml:2:11: letters: key 'b' is outside the Arabic script
    """
    from ruamel.yaml import YAML  # imported on first load only: keeps `import glossary` fast
    from ruamel.yaml.error import MarkedYAMLError

    reader = _Reader(path)
    try:
        root = YAML(typ="safe", pure=False).compose(io.StringIO(text))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        raise SchemeError([Problem(path, line, col, f"invalid YAML: {exc.problem}")]) from None
    if root is None or root.id != "mapping":
        raise SchemeError([Problem(path, 1, 1, "expected a mapping with a header and sections")])
    values: dict[str, Any] = {}
    for key, value in reader.pairs(root, "scheme"):
        name = key.value
        if name in ("needs-vocalized",):
            values[name] = reader.boolean(value, name)
        elif name in HEADER:
            values[name] = reader.scalar(value, name)
        elif name == "context":
            values[name] = reader.context(value)
        elif name == "exceptions":
            values[name] = reader.exceptions(value)
        elif name in SECTIONS:
            values[name] = reader.table(value, name)
        else:
            expected = ", ".join(HEADER + SECTIONS)
            reader.problem(key, f"unknown section {name!r} (expected one of: {expected})")
    for name in HEADER + ("letters", "vowels"):
        if name not in values:
            reader.problems.append(Problem(path, 1, 1, f"missing header field {name!r}" if name in HEADER
                                           else f"missing section {name!r}"))
    for name, allowed in (("direction", DIRECTIONS), ("kind", KINDS)):
        if name in values and values[name] not in allowed:
            reader.problems.append(Problem(path, 1, 1, f"{name}: {values[name]!r} is not one of {', '.join(allowed)}"))
    if reader.problems:
        raise SchemeError(reader.problems)
    return Scheme(
        name=values["name"], title=values["title"], standard=values["standard"], edition=values["edition"],
        direction=values["direction"], needs_vocalized=bool(values["needs-vocalized"]), kind=values["kind"],
        description=values["description"], example=values["example"], path=path,
        letters=values["letters"], vowels=values["vowels"], context=values.get("context", {}),
        exceptions=values.get("exceptions", {}),
    )
