"""Reading glossary files: which files, their bytes, their content hash, their entities.

`load_entities(paths)` reads every file, checks each with `glossary.store.validate`, then checks
across files, and raises one `GlossaryError` listing EVERY problem (file:line:column).
Which files: the paths given, else ``$GLOSSARY_PATH`` (``:``-separated), else the
glossary shipped inside the package. YAML is composed, never constructed: a tag that
would build an object is reported, never run. A file's content hash can also come from a
record of its status (`fingerprint`, `known_content_hash`), so that an unchanged file need
not be read to find its index cache.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import GlossaryError, Problem
from ..model import Entity, entity_from_dict

SCHEMA_VERSION = 1
ENV_PATH = "GLOSSARY_PATH"


def default_path() -> Path:
    """The glossary shipped with the package (package data, ``glossary/data/glossary.yaml``)."""
    here = Path(__file__).parents[1] / "data" / "glossary.yaml"
    if here.is_file():
        return here
    # a zipped install has no such file: importlib.resources finds it there (about 15 ms to
    # import, which an ordinary install does not pay on every command)
    from importlib import resources

    return Path(str(resources.files("glossary") / "data" / "glossary.yaml"))


def resolve_paths(paths: Sequence[str | os.PathLike[str]] | None = None) -> list[Path]:
    """The glossary files to load: ``paths``, else ``$GLOSSARY_PATH``, else the shipped one."""
    if paths:
        return [Path(p) for p in paths]
    env = os.environ.get(ENV_PATH, "")
    listed = [Path(p) for p in env.split(os.pathsep) if p.strip()]
    return listed or [default_path()]


@dataclass(frozen=True, slots=True)
class Source:
    """One glossary file read from disk: its path as given, and its bytes."""

    path: str
    data: bytes


def read_sources(paths: Sequence[Path]) -> list[Source]:
    """Read each file's bytes; an unreadable file is a `GlossaryError`."""
    out, problems = [], []
    for p in paths:
        try:
            out.append(Source(str(p), p.read_bytes()))
        except OSError as e:
            problems.append(Problem(str(p), 1, 1, f"cannot read file: {e.strerror or e}"))
    if problems:
        raise GlossaryError(problems)
    return out


def stat_files(paths: Sequence[Path]) -> list[tuple[str, os.stat_result]]:
    """Each file's path (as given) and status, without reading it; a file that cannot be
    opened is a `GlossaryError`, as in `read_sources`."""
    out, problems = [], []
    for p in paths:
        try:
            with open(p, "rb") as f:
                out.append((str(p), os.fstat(f.fileno())))
        except OSError as e:
            problems.append(Problem(str(p), 1, 1, f"cannot read file: {e.strerror or e}"))
    if problems:
        raise GlossaryError(problems)
    return out


def fingerprint(files: Sequence[tuple[str, os.stat_result]]) -> list[Any]:
    """What says that files are unchanged without reading them (as git's index does): each
    absolute path, size, modification and change times, inode and device, and the schema
    version. On POSIX any write changes the change time, even one that puts the modification
    time back."""
    return [SCHEMA_VERSION, *([os.path.abspath(p), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]
                              for p, st in files)]


_RACY_NS = 2_000_000_000
"""A file changed less than this before it was looked at may change again within the same
timestamp tick (coarse file systems count in seconds): its fingerprint is not trusted."""


def _fingerprint_path(fingerprint: Sequence[Any], directory: Path) -> Path:
    """One record per set of files (named by their paths): a changed file overwrites it."""
    import zlib

    paths = repr([f[0] for f in fingerprint[1:]]).encode("utf-8", "surrogateescape")
    return directory / f"files-{zlib.crc32(paths):08x}.json"


def known_content_hash(fingerprint: Sequence[Any], directory: Path) -> str | None:
    """The content hash recorded in the cache directory for files with this `fingerprint`, or
    None: a warm lookup need not read and hash the glossary files, whatever their size."""
    import json

    try:
        with open(_fingerprint_path(fingerprint, directory), encoding="utf-8") as f:
            record = json.load(f)
        if record["files"] == list(fingerprint) and isinstance(record["content"], str):
            return record["content"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def remember_content_hash(fingerprint: Sequence[Any], content_hash: str, taken_ns: int,
                          directory: Path) -> None:
    """Record the content hash of files with this fingerprint, taken at ``taken_ns``
    (`time.time_ns`), unless a file was changed too shortly before (`_RACY_NS`).

    The fingerprint is ``[schema, [path, size, mtime_ns, ctime_ns, inode, device], ...]``.
    """
    import json

    if any(taken_ns - max(mtime, ctime) < _RACY_NS for _path, _size, mtime, ctime, _inode, _device in fingerprint[1:]):
        return
    path = _fingerprint_path(fingerprint, directory)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps({"files": list(fingerprint), "content": content_hash}), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as e:  # read-only or full disk: the files are hashed each time
        print(f"glossary: fingerprint not written ({e})", file=sys.stderr) if os.environ.get("GLOSSARY_DEBUG") else None
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


def content_hash(sources: Sequence[Source]) -> str:
    """A hash of the files' names and bytes and of the schema version (keys the index cache)."""
    import hashlib  # here: its OpenSSL start-up (3-5 ms) is not needed when the hash is known

    h = hashlib.blake2b(digest_size=16)
    h.update(f"schema{SCHEMA_VERSION}".encode())
    for s in sources:
        h.update(os.path.abspath(s.path).encode("utf-8", "surrogateescape") + b"\0")
        h.update(len(s.data).to_bytes(8, "little"))
        h.update(s.data)
    return h.hexdigest()


def _decode(source: Source) -> tuple[str | None, list[Problem]]:
    try:
        text = source.data.decode("utf-8")
    except UnicodeDecodeError as e:
        before = source.data[: e.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        bad = source.data[e.start : e.start + 1].hex()
        return None, [Problem(source.path, line, column, f"file is not UTF-8: byte 0x{bad} at offset {e.start}")]
    text = text.removeprefix("\ufeff")
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return None, [Problem(source.path, 1, 1, "empty file: expected a mapping with 'entities' (a list of entities)")]
    return text, []


def _compose(path: str, text: str) -> tuple[Any, list[Problem]]:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        return YAML(typ="safe", pure=False).compose(text), []
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        what = " ".join(x for x in (e.context, e.problem) if x)
        return None, [Problem(path, line, col, f"YAML syntax error: {what}")]
    except YAMLError as e:
        return None, [Problem(path, 1, 1, f"YAML error: {e}")]


def check(sources: Sequence[Source]) -> tuple[list[Entity], list[Problem]]:
    """Check the files together: every entity that is valid, and every problem found."""
    from .validate import Document, check_document, check_references

    docs: list[Document] = []
    problems: list[Problem] = []
    for source in sources:
        text, found = _decode(source)
        problems += found
        if text is None:
            continue
        root, found = _compose(source.path, text)
        problems += found
        if root is None:
            continue
        doc = check_document(source.path, root)
        problems += doc.problems
        docs.append(doc)
    problems += check_references(docs)
    entities = [
        entity_from_dict(d, origin)
        for doc in docs
        for d, origin in zip(doc.entities, doc.origins)
        if not d.get("_invalid")
    ]
    return entities, sorted(set(problems))


def load_entities(paths: Sequence[str | os.PathLike[str]] | None = None) -> list[Entity]:
    """Load and validate glossary files; raise `GlossaryError` with every problem.

    Example:
        >>> entities = load_entities()   # the shipped glossary
        >>> any(e.id == "jaysh-al-izza" for e in entities)
        True
    """
    entities, problems = check(read_sources(resolve_paths(paths)))
    if problems:
        raise GlossaryError(problems)
    return entities
