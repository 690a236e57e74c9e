"""Reading glossary files: which files, their bytes, their content hash, their entities.

`load_entities(paths)` reads every file, checks each with `glossary.store.validate`, then checks
across files, and raises one `GlossaryError` listing EVERY problem (file:line:column).
Which files: the paths given, else ``$GLOSSARY_PATH`` (``:``-separated), else the
glossary shipped inside the package. YAML is composed, never constructed: a tag that
would build an object is reported, never run; it is composed one entity at a time, with
aliases and nesting bounded (`glossary.store.compose`), and a file that is no regular file
(a FIFO, a device, a directory) is refused before it is read. A file's content hash can also come from a
record of its status (`fingerprint`, `known_content_hash`), so that an unchanged file need
not be read to find its index cache.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
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


class _NotRegular(OSError):
    """A path that names no regular file."""


def _open_regular(path: Path) -> int:
    """A file descriptor open for reading on a regular file; OSError for anything else.

    Opened without blocking, then checked: a FIFO (a named pipe) would otherwise wait forever
    for a writer, and a device (``/dev/zero``) would never end.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if not stat.S_ISREG(st.st_mode):
            kind = ("a FIFO" if stat.S_ISFIFO(st.st_mode)
                    else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
                    else "a socket" if stat.S_ISSOCK(st.st_mode) else "special")
            raise _NotRegular(errno.EINVAL, f"not a regular file ({kind}): a glossary must be a file")
        if getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
        return fd
    except BaseException:
        os.close(fd)
        raise


def _unreadable(path: Path, e: OSError) -> Problem:
    if isinstance(e, _NotRegular):
        return Problem(str(path), 1, 1, str(e.strerror))
    return Problem(str(path), 1, 1, f"cannot read file: {e.strerror or e}")


def read_sources(paths: Sequence[Path]) -> list[Source]:
    """Read each file's bytes; an unreadable file, or one that is no regular file, is a `GlossaryError`."""
    out, problems = [], []
    for p in paths:
        try:
            with os.fdopen(_open_regular(p), "rb") as f:
                out.append(Source(str(p), f.read()))
        except OSError as e:
            problems.append(_unreadable(p, e))
    if problems:
        raise GlossaryError(problems)
    return out


def stat_files(paths: Sequence[Path]) -> list[tuple[str, os.stat_result]]:
    """Each file's path (as given) and status, without reading it; a file that cannot be
    opened, or is no regular file, is a `GlossaryError`, as in `read_sources`."""
    out, problems = [], []
    for p in paths:
        try:
            fd = _open_regular(p)
            try:
                out.append((str(p), os.fstat(fd)))
            finally:
                os.close(fd)
        except OSError as e:
            problems.append(_unreadable(p, e))
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


Progress = Callable[[str, str, int, int | None], None]
"""Told how reading goes: the stage (``check``, ``index``; ``ready`` once an index is built), the file,
lines done and the file's lines."""
_EVERY = 512
"""Entities between two progress reports."""


def _checked(sources: Sequence[Source], problems: list[Problem], failed: set[int], progress: Progress | None,
             stage: str) -> Iterator[tuple[int, Entity]]:
    """Each valid entity with the number of its file, as the file is read (`glossary.store.compose`:
    one entity's YAML nodes at a time); every problem appended to ``problems``, those across files
    (duplicate ids, unknown references) once the last file is read. A file that cannot be composed
    (a syntax error, an alias bomb) reports that problem alone, as if it held nothing: its number
    is added to ``failed``, and what it yielded before does not count."""
    from ..model import REFERENCE_FIELDS
    from .compose import ComposeError, document
    from .validate import Document, _Checker, check_references  # (the checker, one entity at a time)

    docs: list[Document] = []
    for number, source in enumerate(sources):
        text, found = _decode(source)
        problems += found
        if text is None:
            continue
        checker = _Checker(source.path)
        doc = checker.doc
        lines = text.count("\n") + 1
        try:
            for count, (kind, node) in enumerate(document(source.path, text), 1):
                if kind == "root":
                    if node is not None:
                        checker.document(node)  # the file's shape, its entities already checked
                    continue
                before = len(doc.entities)
                checker.entity(node)
                if len(doc.entities) > before:
                    d = doc.entities[-1]
                    if not d.get("_invalid"):
                        yield number, entity_from_dict(d, doc.origins[-1])
                    # what the checks across files need, not the whole entity
                    doc.entities[-1] = {k: v for k, v in d.items() if k in ("id", "_invalid") or k in REFERENCE_FIELDS}
                if progress is not None and count % _EVERY == 0:
                    progress(stage, source.path, node.start_mark.line, lines)
        except ComposeError as e:
            problems.append(e.problem)
            failed.add(number)
            continue
        if progress is not None:
            progress(stage, source.path, lines, lines)
        problems += doc.problems
        docs.append(doc)
    problems += check_references(docs)


def check(sources: Sequence[Source], *, progress: Progress | None = None) -> tuple[list[Entity], list[Problem]]:
    """Check the files together: every entity that is valid, and every problem found."""
    problems: list[Problem] = []
    failed: set[int] = set()
    found = list(_checked(sources, problems, failed, progress, "check"))
    return [e for number, e in found if number not in failed], sorted(set(problems))


def count_valid(sources: Sequence[Source], *, progress: Progress | None = None) -> tuple[int, list[Problem]]:
    """`check` without keeping the entities: how many are valid, and every problem found."""
    problems: list[Problem] = []
    failed: set[int] = set()
    per_file: dict[int, int] = {}
    for number, _entity in _checked(sources, problems, failed, progress, "check"):
        per_file[number] = per_file.get(number, 0) + 1
    return sum(n for number, n in per_file.items() if number not in failed), sorted(set(problems))


def stream_entities(sources: Sequence[Source], *, progress: Progress | None = None) -> Iterator[Entity]:
    """Every entity of the files, one at a time as they are read (an index is built from them
    without holding them all); a `GlossaryError` with every problem once the files are read,
    if there is any (the consumer has then seen entities it must not keep)."""
    problems: list[Problem] = []
    for _number, entity in _checked(sources, problems, set(), progress, "index"):
        yield entity
    if problems:
        raise GlossaryError(sorted(set(problems)))


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
