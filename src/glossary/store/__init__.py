"""The store: glossary files read, validated and written (DESIGN.md section 2).

`read` finds the files (the paths given, ``$GLOSSARY_PATH`` or the shipped glossary), reads
their bytes, hashes them and checks them into entities; a record of the files' status lets a
warm command find their content hash without reading them (kept in the folder it is handed).
`validate` checks one composed YAML document (every problem as ``file:line:column``); `write`
edits one file with its comments and order kept (``from glossary.store.write import
GlossaryFile``). The names below are what the other packages use.
"""

from .read import (
    ENV_PATH,
    SCHEMA_VERSION,
    Progress,
    Source,
    check,
    content_hash,
    count_valid,
    default_path,
    fingerprint,
    known_content_hash,
    load_entities,
    read_sources,
    remember_content_hash,
    resolve_paths,
    stat_files,
    stream_entities,
)

__all__ = [
    "ENV_PATH",
    "SCHEMA_VERSION",
    "Progress",
    "Source",
    "check",
    "content_hash",
    "count_valid",
    "default_path",
    "fingerprint",
    "known_content_hash",
    "load_entities",
    "read_sources",
    "remember_content_hash",
    "resolve_paths",
    "stat_files",
    "stream_entities",
]
