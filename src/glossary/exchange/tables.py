"""Tabular exports: entity CSV and JSON Lines, the CAT tools' glossaries, the alias table.

* ``csv``: one row per entity, the file's fields as columns (lists and mappings as JSON in
  their cell), then per scheme its romanization and ``<scheme> exact`` (true/false). UTF-8,
  no BOM (pandas, R, DuckDB read it as it is).
* ``jsonl``: one `Entity.to_dict` per line (the ``--json`` shape) plus ``romanizations``
  (``{scheme: {text, exact}}``).
* ``omegat``: OmegaT's glossary: tab-separated, no header, ``Arabic<TAB>English<TAB>comment``
  (one line per Arabic spelling; the house romanization when an entity has no Arabic
  name); UTF-8 without BOM (save as ``.txt`` or ``.utf8``, which OmegaT reads as UTF-8).
* ``memoq``: comma-separated with a header memoQ maps by itself (``Entry_ID``,
  ``Entry_Subject``, ``Entry_Note``, ``Arabic``, ``Arabic_Def``, ``English``, ``English_Def``);
  synonyms in one cell split by ``;`` (the import's "split alternatives" option). UTF-8
  with BOM, by which memoQ and Excel recognize UTF-8.
* ``crowdin``: Crowdin's glossary CSV columns (``Term [ar]``, ``Description [ar]``,
  ``Term [en]``, ``Description [en]``, ``Concept Subject``, ``Concept Note``); one row
  per entity; UTF-8 with BOM.
* ``aliases``: one row per (entity id, type, name, script, kind, scheme): every name of every
  entity and its exact romanizations, the table record linkage joins on. Parquet (polars)
  or CSV (UTF-8, no BOM).

In every CSV and TSV cell a leading ``= + - @`` (tab, CR) is neutralized with a ``'`` so
that a spreadsheet shows it as text (`glossary.exchange.common.neutralize`); import undoes it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..model import REFERENCE_FIELDS
from .common import neutralize, romanizations, unneutralize

if TYPE_CHECKING:
    from ..glossary import Glossary
    from ..model import Entity

ENTITY_COLUMNS: tuple[str, ...] = ("id", "type", "romanized", "arabic", "vocalized", "english", "variants",
                                   "abbreviations", "former_names", "ids", *REFERENCE_FIELDS, "active", "notes",
                                   "sources", "extra")
"""The columns of the entity CSV, before the romanizations."""
ALIAS_COLUMNS: tuple[str, ...] = ("entity_id", "type", "name", "script", "kind", "scheme")
MEMOQ_COLUMNS = ("Entry_ID", "Entry_Subject", "Entry_Note", "Arabic", "Arabic_Def", "English", "English_Def")
CROWDIN_COLUMNS = ("Term [ar]", "Description [ar]", "Term [en]", "Description [en]", "Concept Subject", "Concept Note")
BOM = "\ufeff"


def _csv(rows: Sequence[Sequence[str]], *, delimiter: str = ",", header: Sequence[str] | None = None) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if delimiter == "," else "\n")
    if header:
        w.writerow(header)
    w.writerows([neutralize(c) for c in row] for row in rows)
    return buf.getvalue()


def _cell(value: Any) -> str:
    if value in (None, "", [], {}, ()):
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def entity_csv(glossary: Glossary, entities: Sequence[Entity], schemes: Sequence[str]) -> str:
    """One row per entity: the file's fields, then each scheme's romanization and whether it is exact."""
    header = [*ENTITY_COLUMNS, *(c for s in schemes for c in (s, f"{s} exact"))]
    rows = []
    for e in entities:
        d = e.to_dict()
        extra = {k: d.pop(k) for k in list(d) if k not in ENTITY_COLUMNS}
        d["extra"] = extra
        row = [_cell(d.get(c)) for c in ENTITY_COLUMNS]
        roman = {r.scheme: r for r in romanizations(glossary, e, schemes)}
        for s in schemes:
            r = roman.get(s)
            row += [r.text, "true" if r.exact else "false"] if r else ["", ""]
        rows.append(row)
    return _csv(rows, header=header)


def entity_jsonl(glossary: Glossary, entities: Sequence[Entity], schemes: Sequence[str]) -> str:
    """One `Entity.to_dict` per line, plus its romanizations (``{scheme: {text, exact}}``)."""
    out = []
    for e in entities:
        d = e.to_dict()
        if schemes:
            d["romanizations"] = {r.scheme: {"text": r.text, "exact": r.exact}
                                  for r in romanizations(glossary, e, schemes)}
        out.append(json.dumps(d, ensure_ascii=False) + "\n")
    return "".join(out)


def _exact(glossary: Glossary, e: Entity, schemes: Sequence[str]) -> list[str]:
    return [f"{r.scheme}: {r.text}" for r in romanizations(glossary, e, schemes) if r.exact]


def omegat(glossary: Glossary, entities: Sequence[Entity], schemes: Sequence[str]) -> str:
    """OmegaT's tab-separated glossary, Arabic source to English target."""
    rows = []
    for e in entities:
        target = e.english or e.romanized or ""
        comment = "; ".join([f"{e.id} ({e.type})"] + ([f"romanized: {e.romanized}"] if e.romanized else [])
                            + _exact(glossary, e, schemes))
        sources = [n.text for n in e.names() if n.script == "arabic"] or [e.romanized or e.label]
        for text in sources:
            rows.append([_flat(text), _flat(target), _flat(comment)])
    return _csv(rows, delimiter="\t")


def _flat(text: str) -> str:
    """A cell of a tab-separated line: no tab, no line break."""
    return " ".join(text.split())


def memoq(glossary: Glossary, entities: Sequence[Entity], schemes: Sequence[str]) -> str:
    """memoQ's term base CSV (UTF-8 with BOM), one entry per entity."""
    rows = []
    for e in entities:
        arabic = [n.text for n in e.names() if n.script == "arabic" and n.kind.value != "vocalized"]
        english = [t for t in dict.fromkeys([e.english or "", e.romanized or "", *e.abbreviations]) if t]
        rows.append([e.id, e.type, _flat(e.notes or ""), ";".join(arabic),
                     "; ".join(([f"vocalized: {e.vocalized}"] if e.vocalized else []) + _exact(glossary, e, schemes)),
                     ";".join(english), f"romanized: {e.romanized}" if e.romanized else ""])
    return BOM + _csv(rows, header=MEMOQ_COLUMNS)


def crowdin(glossary: Glossary, entities: Sequence[Entity], schemes: Sequence[str]) -> str:
    """Crowdin's glossary CSV (UTF-8 with BOM), one concept per entity."""
    rows = []
    for e in entities:
        rows.append([e.arabic or "", "; ".join(([f"vocalized: {e.vocalized}"] if e.vocalized else [])
                                               + _exact(glossary, e, schemes)),
                     e.english or e.romanized or "", f"romanized: {e.romanized}" if e.romanized else "",
                     e.type, _flat(e.notes or "")])
    return BOM + _csv(rows, header=CROWDIN_COLUMNS)


def alias_rows(glossary: Glossary, entities: Sequence[Entity], schemes: Sequence[str]) -> Iterator[dict[str, Any]]:
    """Each (entity id, name, script, kind, scheme) row: the entity's names, then its exact romanizations."""
    for e in entities:
        seen = set()
        for n in e.names():
            seen.add(n.text)
            yield {"entity_id": e.id, "type": e.type, "name": n.text, "script": n.script, "kind": n.kind.value,
                   "scheme": n.scheme}
        for r in romanizations(glossary, e, schemes):
            if r.exact and r.text not in seen:
                seen.add(r.text)
                yield {"entity_id": e.id, "type": e.type, "name": r.text, "script": "latin", "kind": "romanization",
                       "scheme": r.scheme}


def aliases_csv(glossary: Glossary, entities: Sequence[Entity], schemes: Sequence[str]) -> str:
    """The alias table as CSV."""
    rows = [[r[c] or "" for c in ALIAS_COLUMNS] for r in alias_rows(glossary, entities, schemes)]
    return _csv(rows, header=ALIAS_COLUMNS)


def aliases_parquet(glossary: Glossary, entities: Sequence[Entity], schemes: Sequence[str]) -> bytes:
    """The alias table as Parquet (polars; every column a string, scheme null when none)."""
    import polars as pl

    rows = list(alias_rows(glossary, entities, schemes))
    frame = pl.DataFrame({c: [r[c] for r in rows] for c in ALIAS_COLUMNS}, schema={c: pl.String for c in ALIAS_COLUMNS})
    buf = io.BytesIO()
    frame.write_parquet(buf)
    return buf.getvalue()


# -- reading ------------------------------------------------------------------------
def _rows(text: str, path: str) -> Iterator[tuple[int, dict[str, str]]]:
    """A CSV's rows as (line, {column: text}) with neutralized cells given back."""
    from ..errors import GlossaryError, Problem

    reader = csv.DictReader(io.StringIO(text.removeprefix(BOM), newline=""))
    try:
        for row in reader:
            if None in row:
                raise GlossaryError([Problem(path, reader.line_num, 1, f"expected {len(reader.fieldnames or [])} "
                                                                        "fields, found more")])
            yield reader.line_num, {k: unneutralize(v or "") for k, v in row.items()}
    except csv.Error as e:
        raise GlossaryError([Problem(path, reader.line_num or 1, 1, f"not a CSV file: {e}")]) from None


def read_entity_csv(text: str, path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The entity CSV back as entity mappings (romanization columns are computed: skipped)."""
    for line, row in _rows(text, path):
        d: dict[str, Any] = {}
        for c in ENTITY_COLUMNS:
            value = row.get(c, "")
            if not value:
                continue
            if c in ("variants", "abbreviations", "former_names", "ids", "sources", "extra", *REFERENCE_FIELDS):
                d[c] = _json(value, path, line, c)
            else:
                d[c] = value
        d.update(d.pop("extra", None) or {})
        yield line, d


def _json(value: str, path: str, line: int, column: str) -> Any:
    from ..errors import GlossaryError, Problem

    try:
        return json.loads(value)
    except ValueError as e:
        raise GlossaryError([Problem(path, line, 1, f"column '{column}' is not JSON: {e}")]) from None


def read_jsonl(text: str, path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """JSON Lines of entity objects (the ``romanizations`` member is computed: dropped)."""
    from ..errors import GlossaryError, Problem

    for n, line in enumerate(text.removeprefix(BOM).splitlines(), 1):
        if not line.strip():
            continue
        d = _json(line, path, n, "line")
        if not isinstance(d, dict):
            raise GlossaryError([Problem(path, n, 1, "expected a JSON object (an entity)")])
        d.pop("romanizations", None)
        yield n, d


def read_aliases(rows: Sequence[tuple[int, dict[str, Any]]]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Alias rows grouped back into entities, in order (romanization rows are computed: skipped)."""
    out: dict[str, tuple[int, dict[str, Any]]] = {}
    fields = {"romanized": "romanized", "arabic": "arabic", "vocalized": "vocalized", "english": "english"}
    for line, r in rows:
        eid, name, kind, scheme = r.get("entity_id") or "", r.get("name") or "", r.get("kind"), r.get("scheme") or None
        if not eid or not name or kind == "romanization":
            continue
        _, d = out.setdefault(eid, (line, {"id": eid, "type": r.get("type") or "other"}))
        if kind in fields and fields[kind] not in d:
            d[fields[kind]] = name
        elif kind == "abbreviation":
            d.setdefault("abbreviations", []).append(name)
        elif kind == "former":
            former = {"variants": [{"text": name, "scheme": scheme}]} if scheme else {
                "arabic" if r.get("script") == "arabic" else "romanized": name}
            d.setdefault("former_names", []).append(former)
        else:
            d.setdefault("variants", []).append({"text": name, "scheme": scheme} if scheme else name)
    yield from out.values()
