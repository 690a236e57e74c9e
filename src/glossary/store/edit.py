"""Editing one glossary file safely: a lock, field edits, and problems that point at real lines.

`locked(path)` holds an advisory lock (``fcntl.flock`` on ``.NAME.lock`` beside the file: a lock
on the file itself would not survive its atomic rename) while a writer reads, edits and saves: two
writers never interleave, and the second waits (``timeout``) or gives up with a clear error.
The edits (`set_field`, `add_variant`, `remove_variant`, `new_entity`) work on a
`GlossaryFile` (round-trip YAML: comments, order and quoting kept), and `GlossaryFile.save`
validates the whole result before the atomic replace.

A problem found in the edited text sits on a line that may not exist on disk (nothing was
written). `relocate` moves each one to a line that does: to what caused it (a review file's
line, a command-line option), else to the entity or field's line in the original file.

Example:
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.yaml"
    >>> _ = p.write_text('entities:\\n  - id: hama   # the city\\n    type: place\\n    arabic: "حماة"\\n', encoding="utf-8")
    >>> with locked(p):
    ...     f = GlossaryFile(p)
    ...     set_field(f, "hama", "arabic", "حماه")
    ...     _ = add_variant(f, "hama", "Ḥamāh", scheme="ala-lc")
    ...     f.save()
    True
    >>> print(p.read_text(encoding="utf-8"), end="")
    entities:
      - id: hama   # the city
        type: place
        arabic: "حماه"
        variants:
          - {text: Ḥamāh, scheme: ala-lc}
"""

from __future__ import annotations

import difflib
import os
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import GlossaryError, Problem
from ..model import REFERENCE_FIELDS
from .write import GlossaryFile, slug

__all__ = ["GlossaryFile", "FIELD_ORDER", "add_variant", "diff", "locked", "new_entity", "parse_value", "position", "relocate",
           "remove_variant", "set_field"]

FIELD_ORDER: tuple[str, ...] = ("id", "type", "romanized", "arabic", "vocalized", "english", "variants", "abbreviations",
                                "former_names", "ids", *REFERENCE_FIELDS, "active", "notes", "sources")
"""Where a new field goes in an entity: before the first field that comes after it here."""
_STRUCTURED = frozenset(("variants", "abbreviations", "former_names", "ids", "sources", *REFERENCE_FIELDS))
"""Fields whose value is a list or a mapping: ``--set`` reads their VALUE as YAML (``[a, b]``)."""
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
LOCK_TIMEOUT = 10.0
"""Seconds a writer waits for another to finish (``$GLOSSARY_LOCK_TIMEOUT`` overrides it)."""


# -- the lock -------------------------------------------------------------------
def lock_path(path: str | os.PathLike[str]) -> Path:
    """The lock file of a glossary file: ``.NAME.lock`` beside it (beside the target of a symbolic
    link, so that writers through the link and through the file share one lock)."""
    p = Path(os.path.realpath(path))
    return p.with_name(f".{p.name}.lock")


@contextmanager
def locked(path: str | os.PathLike[str], *, timeout: float | None = None) -> Iterator[None]:
    """Hold the advisory write lock of a glossary file; wait up to ``timeout`` seconds for it.

    The lock file holds the writer's process id and is removed on release; a writer that
    locked a lock file another had just removed sees that it is gone and tries again.

    Raises:
        GlossaryError: another writer holds it longer than ``timeout`` (its process id is named),
            or the lock file cannot be created.
    """
    if timeout is None:
        try:
            timeout = float(os.environ.get("GLOSSARY_LOCK_TIMEOUT", LOCK_TIMEOUT))
        except ValueError:
            timeout = LOCK_TIMEOUT
    lp = lock_path(path)
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(lp, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:
            raise GlossaryError([Problem(str(path), 1, 1, f"cannot lock the file for writing: {e.strerror or e}")]) from e
        if _try_lock(fd):
            if _same_file(fd, lp):
                break
            os.close(fd)  # removed by the writer before us: lock the new one
            continue
        holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
        os.close(fd)
        if time.monotonic() >= deadline:
            raise GlossaryError([Problem(str(path), 1, 1, f"locked by another writer (process {holder}, lock file "
                                                          f"{lp.name}); nothing written: try again when it is done")])
        time.sleep(0.05)
    try:
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        try:
            os.unlink(lp)
        except OSError:
            pass
        _unlock(fd)
        os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        a, b = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (a.st_ino, a.st_dev) == (b.st_ino, b.st_dev)


def _try_lock(fd: int) -> bool:
    try:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    except ImportError:  # Windows: a byte-range lock does the same job
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            return True
        except OSError:
            return False


def _unlock(fd: int) -> None:
    try:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)
    except ImportError:
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]


# -- edits ----------------------------------------------------------------------
def _entity(gf: GlossaryFile, entity_id: str) -> Any:
    entity = gf.find(entity_id)
    if entity is None:
        raise GlossaryError([Problem(str(gf.path), 1, 1, f"no entity with id {entity_id!r} in {gf.path}")])
    return entity


def _put(entity: Any, key: str, value: Any) -> None:
    """Set ``key``, where it is, or at its place in `FIELD_ORDER` (an extra field goes last)."""
    if key in entity:
        entity[key] = value
        return
    rank = FIELD_ORDER.index(key) if key in FIELD_ORDER else len(FIELD_ORDER)
    keys = list(entity)
    pos = next((i for i, k in enumerate(keys) if k in FIELD_ORDER and FIELD_ORDER.index(k) > rank), len(keys))
    entity.insert(pos, key, value)


def parse_value(field: str, raw: str) -> Any:
    """The value ``--set FIELD=RAW`` gives: YAML for a list or mapping field, else the text itself.

    Raises:
        ValueError: RAW is no YAML (for a structured field); the message says where.
    """
    if field not in _STRUCTURED:
        return raw
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    y = YAML(typ="rt")
    y.preserve_quotes = True  # "2019-11" stays a quoted string, as written
    try:
        return y.load(raw)
    except YAMLError as e:
        raise ValueError(f"not a YAML value for '{field}': {getattr(e, 'problem', None) or e}") from None


def set_field(gf: GlossaryFile, entity_id: str, field: str, raw: str) -> None:
    """Set one field of an entity to ``raw`` (see `parse_value`); an empty ``raw`` removes the field.

    A string keeps the quoting style of the value it replaces. The result is not checked
    here: `GlossaryFile.save` validates the whole file.

    Raises:
        GlossaryError: no such entity, or an attempt to change the id.
        ValueError: a structured value that is no YAML.
    """
    from ruamel.yaml.scalarstring import ScalarString

    entity = _entity(gf, entity_id)
    if field == "id":
        raise ValueError("an id cannot be changed by an edit (references to it would break): add a new entity")
    if raw == "":
        if field in entity:
            del entity[field]
        return
    value = parse_value(field, raw)
    old = entity.get(field)
    if isinstance(old, ScalarString) and isinstance(value, str):
        value = type(old)(value)  # same quoting as before: "…", '…', |, >
    _put(entity, field, value)


def add_variant(gf: GlossaryFile, entity_id: str, text: str, *, scheme: str | None = None,
                source: str | None = None) -> bool:
    """Append a spelling to the entity's ``variants`` (a mapping when a scheme or source is given).

    Returns:
        False when the entity records this text already (nothing added).
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    entity = _entity(gf, entity_id)
    text = text.strip()
    if not text or text in gf.names_of(entity):
        return False
    item: Any = text
    if scheme or source:
        item = CommentedMap([("text", text)] + [(k, v) for k, v in (("scheme", scheme), ("source", source)) if v])
        item.fa.set_flow_style()
    if entity.get("variants") is None:
        _put(entity, "variants", CommentedSeq())
    entity["variants"].append(item)
    return True


def remove_variant(gf: GlossaryFile, entity_id: str, text: str) -> None:
    """Remove the variant whose text is ``text`` (the ``variants`` key goes when it is the last).

    Raises:
        GlossaryError: the entity has no such variant (its variants are listed).
    """
    entity = _entity(gf, entity_id)
    variants = entity.get("variants") or []
    texts = [v if isinstance(v, str) else str(v.get("text", "")) for v in variants]
    if text not in texts:
        listed = ", ".join(repr(t) for t in texts) or "none"
        raise GlossaryError([Problem(str(gf.path), *_line(entity, "variants"),
                                     f"entity {entity_id!r} has no variant {text!r} (its variants: {listed})")])
    del variants[texts.index(text)]
    if not variants:
        del entity["variants"]


def new_entity(gf: GlossaryFile, fields: Mapping[str, Any], taken: Mapping[str, str] | None = None) -> str:
    """Append a new entity, its fields in `FIELD_ORDER`; its id is ``fields['id']`` or a slug of its name.

    Args:
        gf: the file to add it to.
        fields: the entity's fields (values as `parse_value` gives them, or plain strings/lists).
        taken: ids defined elsewhere (other loaded files), each with where it is defined.

    Raises:
        GlossaryError: the id is not a slug, or it is taken (where it is defined is named); nothing is guessed.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    given = fields.get("id")
    new_id = str(given) if given else slug(str(fields.get("romanized") or fields.get("english") or ""))
    where = dict(taken or {})
    for e in gf.entities:
        if hasattr(e, "get") and e.get("id") is not None:
            where.setdefault(str(e.get("id")), "{}:{}:{}".format(gf.path, *_line(e, "id")))
    if not new_id or not _SLUG.match(new_id):
        raise GlossaryError([Problem(str(gf.path), 1, 1, f"id {new_id!r} is not a slug (lowercase a-z, 0-9 and '-', "
                                                         "e.g. 'jaysh-al-izza')" if new_id else
                                     "a new entity needs an id, or a 'romanized' or 'english' name to make one")])
    if new_id in where:
        hint = "give another with --id" if not given else "choose another id"
        raise GlossaryError([Problem(str(gf.path), 1, 1, f"id {new_id!r} is taken (defined at {where[new_id]}): {hint}")])
    entity = CommentedMap()
    entity["id"] = new_id
    for key in sorted((k for k in fields if k != "id"), key=lambda k: FIELD_ORDER.index(k) if k in FIELD_ORDER else 99):
        value = fields[key]
        if value in (None, "", [], ()):
            continue
        keep = isinstance(value, CommentedSeq)  # as --set wrote it: [a, b] stays a flow list
        entity[key] = CommentedSeq(value) if isinstance(value, (list, tuple)) and not keep else value
    gf.entities.append(entity)
    return new_id


def diff(gf: GlossaryFile) -> str:
    """The unified diff of the file on disk and the edited text (empty when nothing changed)."""
    name = str(gf.path)
    return "".join(difflib.unified_diff(gf.original.splitlines(keepends=True), gf.text().splitlines(keepends=True),
                                        fromfile=name, tofile=f"{name} (edited)"))


# -- problems on lines that exist -------------------------------------------------
def _line(node: Any, key: str | None) -> tuple[int, int]:
    """1-based (line, column) of ``key`` in a loaded mapping (its start when key is None or absent)."""
    try:
        line, col = node.lc.key(key) if key is not None and key in node else (node.lc.line, node.lc.col)
        return int(line) + 1, int(col) + 1
    except (AttributeError, KeyError, TypeError):
        return 1, 1


def position(gf: GlossaryFile, entity_id: str, key: str | None = None) -> tuple[int, int]:
    """Where an entity's field is in the file on disk (1-based), else the entity, else its
    ``entities`` key: a line that exists, for a problem in an edit not yet written."""
    entity = gf.find(entity_id)
    for node, k in ((entity, key), (entity, None)):
        if node is not None:
            try:
                line, col = node.lc.key(k) if k is not None else (node.lc.line, node.lc.col)
                if line is not None and line < gf.original.count("\n") + 1:
                    return int(line) + 1, int(col) + 1
            except (AttributeError, KeyError, TypeError):
                continue
    return _line(gf.doc, "entities")


def _entities_of(text: str) -> list[Any]:
    """The entity mappings of a glossary text, loaded with their positions (none if it does not parse)."""
    from ruamel.yaml import YAML

    try:
        return [e for e in YAML(typ="rt").load(text)["entities"] or () if hasattr(e, "get")]
    except Exception:  # noqa: BLE001  (no positions to give: the caller keeps the problem as found)
        return []


def _locate(entities: Sequence[Any], line: int) -> tuple[str | None, str | None]:
    """The (entity id, field) that a 1-based line falls in."""
    found = None
    for e in entities:
        if _line(e, None)[0] <= line:
            found = e
    if found is None:
        return None, None
    keys = [k for k in found if _line(found, k)[0] <= line]
    return (str(found.get("id")) if found.get("id") is not None else None), (keys[-1] if keys else None)


Blame = Callable[[str, str | None], Problem | None]
"""What caused an edit to entity ``id`` in field ``key`` (a review line, an option), as the Problem
to report at that place with an empty message; None when nothing there was edited."""


def relocate(problems: Sequence[Problem], gf: GlossaryFile, blame: Blame) -> list[Problem]:
    """Move problems found in the edited text of ``gf`` to lines that exist.

    A problem in an edited entity or field goes to what caused it (``blame``), with the entity
    named; any other goes to the same entity and field in the file as it is on disk.
    """
    edited = _entities_of(gf.text())
    original: dict[str, Any] = {}
    for e in _entities_of(gf.original):
        if e.get("id") is not None:
            original.setdefault(str(e.get("id")), e)
    out = []
    for p in problems:
        if p.path != str(gf.path):
            out.append(p)
            continue
        eid, key = _locate(edited, p.line)
        cause = blame(eid, key) if eid is not None else None
        if cause is not None:
            out.append(Problem(cause.path, cause.line, cause.column,
                               f"{cause.message}{p.message}" if cause.message else f"entity {eid!r}: {p.message}"))
        elif eid in original:
            line, col = _line(original[eid], key if key in original[eid] else None)
            out.append(Problem(p.path, line, col, p.message))
        else:
            out.append(Problem(p.path, 1, 1, f"entity {eid!r}: {p.message}" if eid else p.message))
    return out

