"""The service's answers as JSON, in the shape of each API version.

The W3C Entity Reconciliation API differs between versions in small ways, all kept here:
0.2 (OpenRefine) gives a batch's results as an object by query key, suggest services as URLs
in the manifest, data extension rows by id; 1.0-draft gives results as a list in query order
(``{"results": [{"candidates": [...]}]}``), every feature a ``name``, names their ``lang`` and
``dir`` (``rtl`` for Arabic), suggest services as booleans, rows as a list. Every function
returns plain JSON values; `base` is the service's own URL (``http://127.0.0.1:8000``), from
which the manifests' URLs are made.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..model import ENTITY_TYPES
from .properties import Property
from .service import TYPE_NAMES, Candidate, Shown

PREVIEW_SIZE = {"width": 430, "height": 300}
"""The preview's frame in OpenRefine, pixels."""
API_02 = "/reconcile"
"""Where the 0.2 service lives (the URL to give OpenRefine)."""

_LEVEL_NAMES = {"exact": "the same spelling", "arabic": "the same Arabic letters", "folded": "the same romanization once folded",
                "skeleton": "the same consonants", "fuzzy": "a near spelling", "acronym": "an acronym"}


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("glossary")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"


def default_types() -> list[dict[str, str]]:
    """The glossary's entity types as reconciliation types."""
    return [{"id": t, "name": TYPE_NAMES[t]} for t in ENTITY_TYPES]


def manifest_02(base: str, title: str) -> dict[str, Any]:
    """The 0.2 manifest (GET ``/reconcile``): what OpenRefine reads when the service is added."""
    api = base + API_02

    def service(kind: str) -> dict[str, str]:
        return {"service_url": api, "service_path": f"/suggest/{kind}", "flyout_service_path": f"/flyout/{kind}?id=${{id}}"}

    return {
        "versions": ["0.2"],
        "name": title,
        "identifierSpace": f"{base}/entity/",
        "schemaSpace": f"{base}/properties/",
        "serviceVersion": _version(),
        "defaultTypes": default_types(),
        "view": {"url": f"{base}/entity/{{{{id}}}}"},
        "preview": {"url": f"{base}/preview?id={{{{id}}}}", **PREVIEW_SIZE},
        "suggest": {"entity": service("entity"), "type": service("type"), "property": service("property")},
        "extend": {"propose_properties": {"service_url": api, "service_path": "/propose_properties"},
                   "property_settings": []},
    }


def manifest_10(base: str, title: str) -> dict[str, Any]:
    """The 1.0-draft manifest (GET ``/``)."""
    return {
        "versions": ["1.0-draft"],
        "name": title,
        "serviceVersion": _version(),
        "defaultTypes": default_types(),
        "view": {"url": f"{base}/entity/{{id}}"},
        "preview": dict(PREVIEW_SIZE),
        "suggest": {"entity": True, "type": True, "property": True},
        "extend": {"proposeProperties": True, "propertySettings": []},
        "standardizedScore": True,
    }


def _features(c: Candidate, named: bool) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []

    def add(id: str, value: float | bool, name: str) -> None:
        out.append({"id": id, "name": name, "value": value} if named else {"id": id, "value": value})

    if c.resolver_score is not None:
        add("score", round(c.resolver_score, 4), "the resolver's score (0-1)")
    if c.level is not None:
        add(f"level_{c.level}", True, f"a name of the entity matched at the {c.level} level: {_LEVEL_NAMES.get(c.level, c.level)}")
    for pid, agreement in c.agreements:
        add(f"property_{pid}", round(agreement, 4), f"agreement with the property {pid} (0-1)")
    return out


def candidate(c: Candidate, *, version: str) -> dict[str, Any]:
    """One candidate: ``id``, ``name``, ``description``, ``score`` (0-100), ``match``, ``type``, ``features``."""
    d: dict[str, Any] = {"id": c.entity.id, "name": c.name, "description": c.description, "score": c.score,
                         "match": c.match, "type": [{"id": c.entity.type, "name": TYPE_NAMES[c.entity.type]}],
                         "features": _features(c, named=version != "0.2")}
    if version != "0.2":
        d["lang"], d["dir"] = c.lang, c.dir
    return d


def results_02(keys: Sequence[str], found: Sequence[Sequence[Candidate]]) -> dict[str, Any]:
    """A 0.2 result batch: ``{key: {"result": [candidates]}}``."""
    return {k: {"result": [candidate(c, version="0.2") for c in cs]} for k, cs in zip(keys, found)}


def results_10(found: Sequence[Sequence[Candidate]]) -> dict[str, Any]:
    """A 1.0-draft result batch: ``{"results": [{"candidates": [...]}]}`` in query order."""
    return {"results": [{"candidates": [candidate(c, version="1.0") for c in cs]} for cs in found]}


def suggested_entities(shown: Sequence[Shown], *, version: str) -> dict[str, Any]:
    """Suggest (entities): ``{"result": [{"id", "name", "description", "notable"}]}``."""
    out = []
    for s in shown:
        d: dict[str, Any] = {"id": s.id, "name": s.name, "description": s.description,
                             "notable": [{"id": s.type, "name": TYPE_NAMES[s.type]}]}
        if version != "0.2":
            d["lang"], d["dir"] = s.lang, s.dir
        out.append(d)
    return {"result": out}


def suggested_types(types: Sequence[str]) -> dict[str, Any]:
    """Suggest (types): ``{"result": [{"id", "name"}]}``."""
    return {"result": [{"id": t, "name": TYPE_NAMES[t]} for t in types]}


def _property(p: Property) -> dict[str, str]:
    return {"id": p.id, "name": p.name, "description": p.description}


def suggested_properties(props: Sequence[Property]) -> dict[str, Any]:
    """Suggest (properties): ``{"result": [{"id", "name", "description"}]}``."""
    return {"result": [_property(p) for p in props]}


def proposed(props: Sequence[Property], type: str | None, limit: int | None) -> dict[str, Any]:
    """Property proposals for data extension: ``{"type", "limit", "properties": [...]}``."""
    d: dict[str, Any] = {"properties": [_property(p) for p in props]}
    if type is not None:
        d["type"] = type
    if limit is not None:
        d["limit"] = limit
    return d


def extended(rows: Mapping[str, Mapping[str, list[dict[str, Any]]]], props: Sequence[Property], *,
             version: str) -> dict[str, Any]:
    """A data extension answer: ``meta`` (the properties) and the rows, by id (0.2) or as a list (1.0)."""
    meta = [{"id": p.id, "name": p.name} for p in props]
    if version == "0.2":
        return {"meta": meta, "rows": {i: dict(r) for i, r in rows.items()}}
    return {"meta": meta, "rows": [{"id": i, "properties": [{"id": p, "values": v} for p, v in r.items()]}
                                   for i, r in rows.items()]}
