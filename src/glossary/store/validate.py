"""Checks over a composed YAML document -> plain entity mappings plus every `Problem`.

Works on the YAML *node* tree (positions for every value, nothing constructed, so no
tag can ever run code) and never stops at the first problem. What it checks, per file:
the document shape, required fields, id slugs, types, field kinds (a list where a
string belongs …), the script of each name field, tags, duplicate keys and duplicate
ids. Checks that span files (duplicate ids across files, dangling references) are in
`check_references`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem, problem_at
from ..model import DATED_FIELDS, ENTITY_TYPES, KNOWN_FIELDS, REFERENCE_FIELDS, Origin

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_ARABIC_LETTER = re.compile(r"[\u0620-\u064A\u066E-\u06D3\u06D5\u06EE\u06EF\u06FA-\u06FC\u06FF\u0750-\u077F\u08A0-\u08C9\uFB50-\uFDFB\uFE70-\uFEFC]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")
_STD_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(_STD_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
_ALLOWED_TAGS = _SCALAR_TAGS | {_STD_TAG + "seq", _STD_TAG + "map"}

_STRING_FIELDS = ("romanized", "arabic", "vocalized", "english", "active", "notes")
_ARABIC_FIELDS = frozenset(("arabic", "vocalized"))
_LATIN_FIELDS = frozenset(("romanized", "english"))
_VARIANT_FIELDS = ("text", "scheme", "source", "note")
_FORMER_FIELDS = ("romanized", "arabic", "vocalized", "english", "until")
_SOURCE_FIELDS = ("title", "publisher", "date", "url", "language")
_PERIOD_FIELDS = ("id", "from", "until")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")


@dataclass
class Document:
    """What one file yields: entity mappings (in file order), their origins, problems."""

    path: str
    entities: list[dict[str, Any]] = field(default_factory=list)
    origins: list[Origin] = field(default_factory=list)
    ref_positions: list[dict[tuple[str, int], tuple[int, int]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _kind(node: Any) -> str:
    name = type(node).__name__
    return {"ScalarNode": "a string", "SequenceNode": "a list", "MappingNode": "a mapping"}.get(name, name)


def _is_null(node: Any) -> bool:
    return type(node).__name__ == "ScalarNode" and str(node.tag) == _STD_TAG + "null"


class _Checker:
    def __init__(self, path: str) -> None:
        self.doc = Document(path)

    def problem(self, node: Any, message: str) -> None:
        m = node.start_mark
        self.doc.problems.append(problem_at(self.doc.path, m.line, m.column, message))

    # -- generic node helpers -------------------------------------------------
    def tag_ok(self, node: Any) -> bool:
        tag = str(node.tag)
        if tag in _ALLOWED_TAGS:
            return True
        self.problem(node, f"YAML tag '{tag.replace(_STD_TAG, '!!')}' is not allowed (glossary files are plain data)")
        return False

    def mapping(self, node: Any, what: str) -> dict[str, tuple[Any, Any]] | None:
        """Key -> (key node, value node); reports duplicate and non-string keys."""
        if type(node).__name__ != "MappingNode":
            expected = " with 'entities' (a list of entities)" if what == "the file" else ""
            self.problem(node, f"{what} must be a mapping{expected}, found {_kind(node)}")
            return None
        if not self.tag_ok(node):
            return None
        out: dict[str, tuple[Any, Any]] = {}
        for k, v in node.value:
            if type(k).__name__ != "ScalarNode":
                self.problem(k, f"{what}: keys must be plain strings, found {_kind(k)}")
                continue
            if k.value in out:
                first = out[k.value][0].start_mark
                self.problem(k, f"duplicate key '{k.value}' in {what} (first at line {first.line + 1})")
                continue
            out[k.value] = (k, v)
        return out

    def string(self, node: Any, what: str, script: str | None = None) -> str | None:
        if not self.tag_ok(node):
            return None
        if type(node).__name__ != "ScalarNode":
            self.problem(node, f"'{what}' must be a string, found {_kind(node)}")
            return None
        if _is_null(node):
            return None
        text = str(node.value)
        if script == "arabic" and _LATIN_LETTER.search(text):
            self.problem(node, f"'{what}' must be Arabic script, found Latin letters in {text!r}")
        elif script == "latin" and _ARABIC_LETTER.search(text):
            self.problem(node, f"'{what}' must be Latin script, found Arabic letters in {text!r}")
        return text

    def seq(self, node: Any, what: str) -> list[Any]:
        if _is_null(node):
            return []
        if type(node).__name__ != "SequenceNode":
            self.problem(node, f"'{what}' must be a list, found {_kind(node)}")
            return []
        return list(node.value) if self.tag_ok(node) else []

    def record(self, node: Any, what: str, fields: tuple[str, ...], required: str | None = None,
               scripts: dict[str, str] | None = None) -> dict[str, Any] | None:
        """A small mapping of string fields (variant, former name, source)."""
        m = self.mapping(node, what)
        if m is None:
            return None
        out: dict[str, Any] = {}
        for key, (knode, vnode) in m.items():
            if key not in fields and key != "variants":
                self.problem(knode, f"unknown field '{key}' in {what} (expected one of: {', '.join(fields)})")
                continue
            if key == "variants":
                out[key] = [v for v in (self.variant(x) for x in self.seq(vnode, f"{what}.variants")) if v is not None]
                continue
            value = self.string(vnode, f"{what}.{key}", (scripts or {}).get(key))
            if value is not None:
                out[key] = value
        if required and required not in out:
            self.problem(node, f"{what} needs '{required}'")
            return None
        return out

    def variant(self, node: Any) -> Any:
        if type(node).__name__ == "ScalarNode":
            return self.string(node, "variant")
        return self.record(node, "variant", _VARIANT_FIELDS, required="text")

    def plain(self, node: Any) -> Any:
        """An extra field's value, as plain Python (kept on save, never interpreted)."""
        if not self.tag_ok(node):
            return None
        name = type(node).__name__
        if name == "ScalarNode":
            return None if _is_null(node) else str(node.value)
        if name == "SequenceNode":
            return [self.plain(x) for x in node.value]
        m = self.mapping(node, "field")
        return {k: self.plain(v) for k, (_, v) in (m or {}).items()}

    def reference(self, node: Any, what: str) -> Any:
        """An id, or (in a field that may be dated) ``{id, from, until}`` with valid dates."""
        if type(node).__name__ != "MappingNode" or what not in DATED_FIELDS:
            if type(node).__name__ == "MappingNode":
                self.problem(node, f"'{what}' entries are ids; only {', '.join(DATED_FIELDS)} may carry dates")
                return None
            return self.string(node, what)
        m = self.mapping(node, f"a '{what}' entry")
        if m is None:
            return None
        out: dict[str, str] = {}
        for key, (knode, vnode) in m.items():
            if key not in _PERIOD_FIELDS:
                self.problem(knode, f"unknown field '{key}' in a '{what}' entry (expected one of: {', '.join(_PERIOD_FIELDS)})")
                continue
            value = self.string(vnode, f"{what}.{key}")
            if value is not None and key != "id" and not self.date(vnode, value, f"{what}.{key}"):
                continue
            if value is not None:
                out[key] = value
        if "id" not in out:
            self.problem(node, f"a '{what}' entry needs 'id'")
            return None
        if "from" in out and "until" in out and out["from"][: len(out["until"])] > out["until"][: len(out["from"])]:
            self.problem(m["until"][1], f"'{what}' entry ends before it starts (from {out['from']} until {out['until']})")
        return out

    def date(self, node: Any, value: str, what: str) -> bool:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, a real date; reported when not."""
        import datetime

        m = _DATE.match(value)
        if m:
            year, month, day = (int(g) if g else 1 for g in m.groups())
            try:
                datetime.date(year, month, day)
                return True
            except ValueError:
                pass
        self.problem(node, f"'{what}' must be a date YYYY, YYYY-MM or YYYY-MM-DD, found {value!r}")
        return False

    # -- the document ---------------------------------------------------------
    def document(self, root: Any) -> Document:
        top = self.mapping(root, "the file")
        if top is None:
            return self.doc
        if "schema" in top:
            knode, vnode = top["schema"]
            if type(vnode).__name__ != "ScalarNode" or str(vnode.value) != "1":
                self.problem(vnode, "unsupported 'schema' (expected 1)")
        for key, (knode, _) in top.items():
            if key not in ("schema", "entities"):
                self.problem(knode, f"unknown top-level field '{key}' (expected 'schema' and 'entities')")
        if "entities" not in top:
            self.problem(root, "missing 'entities' (a list of entities)")
            return self.doc
        for node in self.seq(top["entities"][1], "entities"):
            self.entity(node)
        return self.doc

    def entity(self, node: Any) -> None:
        m = self.mapping(node, "an entity")
        if m is None:
            return
        out: dict[str, Any] = {}
        refs: dict[tuple[str, int], tuple[int, int]] = {}
        ok = True
        for key, (knode, vnode) in m.items():
            if key == "id":
                value = self.string(vnode, "id")
                if value is not None and not _SLUG.match(value):
                    self.problem(vnode, f"id {value!r} is not a slug (lowercase a-z, 0-9 and '-', e.g. 'jaysh-al-izza')")
                    ok = False
                out["id"] = value
            elif key == "type":
                value = self.string(vnode, "type")
                if value is not None and value not in ENTITY_TYPES:
                    self.problem(vnode, f"unknown type {value!r} (expected one of: {', '.join(ENTITY_TYPES)})")
                    ok = False
                out["type"] = value
            elif key in _STRING_FIELDS:
                script = "arabic" if key in _ARABIC_FIELDS else "latin" if key in _LATIN_FIELDS else None
                value = self.string(vnode, key, script)
                if value is not None:
                    out[key] = value
            elif key == "variants":
                out[key] = [v for v in (self.variant(x) for x in self.seq(vnode, key)) if v is not None]
            elif key == "abbreviations":
                out[key] = [s for s in (self.string(x, "abbreviations", "latin") for x in self.seq(vnode, key)) if s]
            elif key == "former_names":
                scripts = {"arabic": "arabic", "vocalized": "arabic", "romanized": "latin", "english": "latin"}
                items = (self.record(x, "former name", _FORMER_FIELDS, scripts=scripts) for x in self.seq(vnode, key))
                out[key] = [f for f in items if f]
            elif key == "sources":
                sources: list[Any] = [self.string(x, "source") if type(x).__name__ == "ScalarNode"
                                      else self.record(x, "source", _SOURCE_FIELDS) for x in self.seq(vnode, key)]
                out[key] = [s for s in sources if s]
            elif key == "ids":
                ids = self.mapping(vnode, "'ids'") if not _is_null(vnode) else {}
                out[key] = {k: v for k, (_, vn) in (ids or {}).items() if (v := self.string(vn, f"ids.{k}")) is not None}
            elif key in REFERENCE_FIELDS:
                values: list[Any] = []
                for x in self.seq(vnode, key):
                    ref = self.reference(x, key)
                    if ref is not None:
                        at = x.value if isinstance(ref, dict) else None
                        idnode = next((v for k, v in at if k.value == "id"), x) if at else x
                        refs[(key, len(values))] = (idnode.start_mark.line, idnode.start_mark.column)
                        values.append(ref)
                out[key] = values
            elif key not in KNOWN_FIELDS:
                out[key] = self.plain(vnode)
        for required in ("id", "type"):
            if out.get(required) is None:
                if required not in m:
                    self.problem(node, f"missing required field '{required}'")
                ok = False
        if not out.get("romanized") and not out.get("arabic"):
            self.problem(node, "an entity needs 'romanized' or 'arabic' (or both)")
            ok = False
        if ok:
            line, col = node.start_mark.line, node.start_mark.column
            self.doc.entities.append(out)
            self.doc.origins.append(Origin(self.doc.path, line + 1, col + 1))
            self.doc.ref_positions.append(refs)
        elif out.get("id"):
            # Keep the id known so that references to it do not also fail.
            self.doc.entities.append({"id": out["id"], "_invalid": True})
            self.doc.origins.append(Origin(self.doc.path, node.start_mark.line + 1, node.start_mark.column + 1))
            self.doc.ref_positions.append(refs)


def check_document(path: str, root: Any) -> Document:
    """Check one composed YAML document; return its entity mappings and problems."""
    return _Checker(path).document(root)


def check_references(documents: list[Document]) -> Iterator[Problem]:
    """Cross-file checks: duplicate ids (both places named) and references to unknown ids."""
    first: dict[str, Origin] = {}
    for doc in documents:
        for ent, origin in zip(doc.entities, doc.origins):
            prev = first.get(ent["id"])
            if prev is not None:
                yield Problem(origin.path, origin.line, origin.column,
                              f"duplicate id '{ent['id']}' (first defined at {prev.path}:{prev.line}:{prev.column})")
                yield Problem(prev.path, prev.line, prev.column,
                              f"duplicate id '{ent['id']}' (defined again at {origin.path}:{origin.line}:{origin.column})")
            else:
                first[ent["id"]] = origin
    for doc in documents:
        for ent, positions in zip(doc.entities, doc.ref_positions):
            for (fieldname, i), (line, col) in positions.items():
                ref = ent.get(fieldname, [None] * (i + 1))[i]
                ref = ref.get("id") if isinstance(ref, dict) else ref
                if ref is not None and ref not in first:
                    yield problem_at(doc.path, line, col, f"'{fieldname}' names unknown id '{ref}'")
