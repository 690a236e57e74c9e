"""Writing a glossary file back: round-trip YAML, comments, order and formatting kept.

`GlossaryFile` opens one file in ruamel.yaml's round-trip mode, with the indentation
that reproduces the file byte for byte (tried on the file itself), so that an edit
changes only the lines it must. New variants go at the end of an entity's
``variants``; new entities at the end of ``entities``, with a slugged, unique id.
`GlossaryFile.save` validates the result and writes it atomically: a temporary file
in the same directory, flushed, then `os.replace` over the original.

Example:
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.yaml"
    >>> _ = p.write_text("entities:\\n  - id: hama  # the city\\n    type: place\\n    arabic: حماة\\n", encoding="utf-8")
    >>> f = GlossaryFile(p)
    >>> f.add_variants("hama", ["Hamah", "حماة"])
    ['Hamah']
    >>> f.save()
    True
    >>> print(p.read_text(encoding="utf-8"), end="")
    entities:
      - id: hama  # the city
        type: place
        arabic: حماة
        variants:
          - Hamah
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import GlossaryError, Problem
from .read import Source

_NAME_FIELDS = ("romanized", "arabic", "vocalized", "english")
_AFTER = ("english", "vocalized", "arabic", "romanized", "type", "id")
"""Where a missing ``variants`` key goes: after the last of these the entity has."""


def slug(text: str) -> str:
    """An id from a name: lowercase a-z, 0-9 and '-'.

    Example:
        >>> slug("Liwa' al-Ḥaqq (Idlib)")
        'liwa-al-haqq-idlib'
    """
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def _yaml(mapping: int, sequence: int, offset: int) -> Any:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096  # never re-wrap a long line
    y.indent(mapping=mapping, sequence=sequence, offset=offset)
    return y


def _dump(y: Any, doc: Any) -> str:
    buf = io.StringIO()
    y.dump(doc, buf)
    return buf.getvalue()


class GlossaryFile:
    """One glossary file opened for editing (round-trip: comments and order kept)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        from ruamel.yaml.error import YAMLError
        from ruamel.yaml.util import load_yaml_guess_indent

        self.path = Path(path)
        try:
            self.original = self.path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise GlossaryError([Problem(str(path), 1, 1, f"cannot read glossary file: {e}")]) from e
        try:
            _, ind, bsi = load_yaml_guess_indent(self.original)
            ind = ind or 2  # nothing indented yet ("entities: []"): two spaces
            tries = [(max(2, ind - (bsi or 0)), ind, bsi or 0), (ind, ind, bsi or 0), (2, 4, 2), (2, 2, 0), (4, 4, 2)]
            self.yaml = _yaml(*tries[0])
            self.doc = self.yaml.load(self.original)
            for t in dict.fromkeys(tries):  # the indentation that gives the file back unchanged
                y = _yaml(*t)
                if _dump(y, self.doc) == self.original:
                    self.yaml = y
                    break
        except YAMLError as e:
            raise GlossaryError([Problem(str(path), 1, 1, f"YAML syntax error: {e}")]) from e
        entities = self.doc.get("entities") if hasattr(self.doc, "get") else None
        if entities is None:
            raise GlossaryError([Problem(str(path), 1, 1, "not a glossary file: no 'entities' list")])
        if not entities and hasattr(entities, "fa"):
            entities.fa.set_block_style()  # "entities: []" gets its entities one below the other
        self.entities = entities

    # -- reading --------------------------------------------------------------
    def ids(self) -> set[str]:
        """Every entity id in the file."""
        return {str(e.get("id")) for e in self.entities if hasattr(e, "get")}

    def find(self, entity_id: str) -> Any | None:
        """The entity's mapping (round-trip object), or None."""
        for e in self.entities:
            if hasattr(e, "get") and e.get("id") == entity_id:
                return e
        return None

    def names_of(self, entity: Mapping[str, Any]) -> set[str]:
        """Every name text an entity records (canonical fields, variants, abbreviations, former names)."""
        return set(_names(entity))

    def owner_of(self, text: str) -> str | None:
        """The id of the first entity that records this exact name, or None."""
        for e in self.entities:
            if hasattr(e, "get") and text in _names(e):
                return str(e.get("id"))
        return None

    # -- editing --------------------------------------------------------------
    def add_variants(self, entity_id: str, texts: Iterable[str]) -> list[str]:
        """Append the texts the entity does not record yet to its ``variants``; return those added.

        Raises:
            GlossaryError: no entity has this id.
        """
        from ruamel.yaml.comments import CommentedSeq

        entity = self.find(entity_id)
        if entity is None:
            raise GlossaryError([Problem(str(self.path), 1, 1, f"no entity with id {entity_id!r}")])
        known = self.names_of(entity)
        new = [t for t in dict.fromkeys(t.strip() for t in texts) if t and t not in known]
        if not new:
            return []
        variants = entity.get("variants")
        if variants is None:
            variants = CommentedSeq()
            pos = next((list(entity).index(k) + 1 for k in _AFTER if k in entity), len(entity))
            entity.insert(pos, "variants", variants)
        variants.extend(new)
        return new

    def add_entity(self, fields: Mapping[str, Any]) -> str:
        """Append a new entity; its id is ``fields['id']`` (or slugged from its name), made unique.

        Returns:
            The id given to the entity.
        """
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        taken = self.ids()
        base = slug(str(fields.get("id") or fields.get("romanized") or fields.get("english") or "")) or "entity"
        new_id, k = base, 2
        while new_id in taken:
            new_id, k = f"{base}-{k}", k + 1
        entity = CommentedMap()
        entity["id"] = new_id
        for key, value in fields.items():
            if key == "id" or value in (None, "", [], ()):
                continue
            keep = isinstance(value, CommentedSeq)  # a list as the review wrote it ([a, b]) keeps its style
            entity[key] = CommentedSeq(value) if isinstance(value, (list, tuple)) and not keep else value
        self.entities.append(entity)
        return new_id

    # -- saving ---------------------------------------------------------------
    def text(self) -> str:
        """The file's text as it would be saved."""
        return _dump(self.yaml, self.doc)

    def problems(self, others: Sequence[Source] = ()) -> list[Problem]:
        """What `validate` would report in the edited text (checked together with ``others``,
        the other loaded files, so that references and duplicate ids across files count)."""
        from .read import check

        _entities, problems = check([Source(str(self.path), self.text().encode("utf-8")), *others])
        return [p for p in problems if p.path == str(self.path)]

    def save(self, others: Sequence[Source] = ()) -> bool:
        """Validate, then write atomically when the text changed; True if the file was written.

        Args:
            others: the other glossary files loaded with this one (see `problems`).

        Raises:
            GlossaryError: the edited file would not be a valid glossary, or it cannot be
                written (a full disk, no permission); the file on disk is unchanged then.
        """
        text = self.text()
        if text == self.original:
            return False
        problems = self.problems(others)
        if problems:
            raise GlossaryError(problems)
        try:
            write_atomic(self.path, text)
        except OSError as e:
            raise GlossaryError([Problem(str(self.path), 1, 1, f"cannot write the file ({e.strerror or e}); "
                                                                "it is unchanged")]) from e
        self.original = text
        return True


def _names(entity: Mapping[str, Any]) -> Iterator[str]:
    for k in _NAME_FIELDS:
        if isinstance(entity.get(k), str):
            yield entity[k]
    for v in entity.get("variants") or ():
        yield v if isinstance(v, str) else str(v.get("text", ""))
    for a in entity.get("abbreviations") or ():
        yield str(a)
    for f in entity.get("former_names") or ():
        if hasattr(f, "get"):
            yield from _names(f)


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write text (UTF-8) to a temporary file beside ``path``, then rename it over ``path``.

    The file's permission bits are kept; a reader never sees a half-written file. A symbolic
    link is followed: its target is written, and the link stays a link.
    """
    path = Path(os.path.realpath(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
