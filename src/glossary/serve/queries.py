"""Reconciliation queries as the two API versions send them, checked and turned into `Query` values.

* 0.2 (OpenRefine): a JSON object of queries by key, ``{"q0": {"query": "…", "type": "group",
  "type_strict": "should", "limit": 3, "properties": [{"pid": "located_in", "v": "Hama"}]}}``;
  `batch_02` reads it.
* 1.0-draft: ``{"queries": [{"type": "group", "limit": 3, "conditions": [{"matchType": "name",
  "propertyValue": "…"}, {"matchType": "property", "propertyId": "located_in",
  "propertyValue": {"id": "hama"}, "required": true}]}]}``; `batch_10` reads it.

Both are checked as strictly as the specification's JSON Schemas check them (a misnamed field,
an empty query, a wrong kind of value is refused), and further against this service: a type or a
property it does not know, a ``limit`` below 1, a batch over `MAX_QUERIES`, a text over
`MAX_TEXT`. Every refusal is a `RequestError` naming the query (``q0``, ``queries[3]``) and the field.

A property value is a string (numbers and booleans are read as their JSON text) or an entity
``{"id": …, "name": …}`` (`Ref`).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .errors import MAX_LIMIT, MAX_QUERIES, MAX_TEXT, RequestError, bad

Quantifier = Literal["any", "all", "none"]


@dataclass(frozen=True, slots=True)
class Ref:
    """A property value that names an entity: its id (and the name the client knows it by)."""

    id: str
    name: str | None = None


Value = str | Ref


@dataclass(frozen=True, slots=True)
class Condition:
    """A property a candidate should agree with: its values, whether it must, and how many must agree."""

    pid: str
    values: tuple[Value, ...]
    required: bool = False
    quantifier: Quantifier = "any"


@dataclass(frozen=True, slots=True)
class Query:
    """One reconciliation query, either version.

    ``text`` is the name to resolve (None when the query has only properties); ``types`` the
    entity types a candidate may have (empty: any); ``ids`` the entity ids it must be among
    (1.0 ``matchType: id``; empty: any).
    """

    text: str | None
    types: tuple[str, ...] = ()
    limit: int = 5
    conditions: tuple[Condition, ...] = ()
    ids: tuple[str, ...] = ()
    every_type: bool = False
    """Candidates must have every one of ``types`` (0.2 ``type_strict: all``)."""


DEFAULT_LIMIT = 5
"""Candidates per query when the query does not say."""
_FIELDS_02 = ("query", "type", "limit", "properties", "type_strict")
_FIELDS_10 = ("type", "limit", "lang", "dir", "conditions")
_CONDITION_FIELDS = ("matchType", "propertyId", "propertyValue", "required", "matchQuantifier", "matchQualifier",
                     "lang", "dir")


def batch_02(batch: object, *, types: Collection[str], properties: Mapping[str, object]) -> list[tuple[str, Query]]:
    """The queries of a 0.2 batch, by key, in the batch's order.

    Args:
        batch: the parsed JSON.
        types: the entity types the service knows.
        properties: the properties a query may name, by id.

    Raises:
        RequestError: 400 for a malformed batch or query, 413 for more than `MAX_QUERIES`.

    Example:
        >>> batch_02({"q0": {"query": "Hama", "type": "place", "limit": 3}}, types=["place"], properties={})
        [('q0', Query(text='Hama', types=('place',), limit=3, conditions=(), ids=(), every_type=False))]
    """
    if not isinstance(batch, dict):
        raise bad(f"a query batch must be a JSON object of queries by key, not {_kind(batch)}")
    _count(len(batch))
    out = []
    for key, q in batch.items():
        where = f"query {key!r}"
        if not isinstance(q, dict):
            raise bad(f"{where}: must be an object, not {_kind(q)}")
        _known_fields(q, _FIELDS_02, where)
        text = _text(q["query"], f"{where}: 'query'") if "query" in q else None
        conditions: list[Condition] = []
        if "properties" in q:
            props = q["properties"]
            if not isinstance(props, list):
                raise bad(f"{where}: 'properties' must be a list, not {_kind(props)}")
            for i, p in enumerate(props):
                pw = f"{where}: properties[{i}]"
                if not isinstance(p, dict) or "pid" not in p or "v" not in p:
                    raise bad(f"{pw}: must be an object with 'pid' and 'v'")
                conditions.append(Condition(_pid(p["pid"], pw, properties), _values(p["v"], pw)))
        if text is None and not conditions:
            raise bad(f"{where}: needs a 'query' or at least one of 'properties'")
        if "type_strict" in q and q["type_strict"] not in ("any", "should", "all"):
            raise bad(f"{where}: 'type_strict' must be 'any', 'should' or 'all', not {q['type_strict']!r}")
        qtypes = _types(q.get("type"), where, types)
        # an entity has one type, so none has all of several ("should" is read as "any": a type
        # in OpenRefine's dialog is meant to narrow)
        every = q.get("type_strict") == "all" and len(qtypes) > 1
        out.append((str(key), Query(text, qtypes, _limit(q, where), tuple(conditions), (), every)))
    return out


def batch_10(batch: object, *, types: Collection[str], properties: Mapping[str, object]) -> list[Query]:
    """The queries of a 1.0-draft batch (``{"queries": [...]}``), in order (arguments as `batch_02`).

    Example:
        >>> [q.text for q in batch_10({"queries": [{"conditions": [{"matchType": "name", "propertyValue": "Hama"}]}]},
        ...                           types=[], properties={})]
        ['Hama']
    """
    if not isinstance(batch, dict) or "queries" not in batch:
        raise bad(f"a query batch must be a JSON object {{\"queries\": [...]}}, not {_kind(batch)}"
                  + (" without 'queries'" if isinstance(batch, dict) else ""))
    queries = batch["queries"]
    if not isinstance(queries, list):
        raise bad(f"'queries' must be a list, not {_kind(queries)}")
    _count(len(queries))
    out = []
    for n, q in enumerate(queries):
        where = f"queries[{n}]"
        if not isinstance(q, dict):
            raise bad(f"{where}: must be an object, not {_kind(q)}")
        _known_fields(q, _FIELDS_10, where)
        if "type" in q and not isinstance(q["type"], str):
            raise bad(f"{where}: 'type' must be one type id (a string), not {_kind(q['type'])}")
        conds = q.get("conditions")
        if not isinstance(conds, list) or not conds:
            raise bad(f"{where}: needs 'conditions', a non-empty list")
        text: str | None = None
        ids: list[str] = []
        conditions: list[Condition] = []
        for i, c in enumerate(conds):
            cw = f"{where}: conditions[{i}]"
            if not isinstance(c, dict):
                raise bad(f"{cw}: must be an object, not {_kind(c)}")
            _known_fields(c, _CONDITION_FIELDS, cw)
            kind, value = c.get("matchType"), c.get("propertyValue")
            if kind not in ("name", "id", "property") or "propertyValue" not in c:
                raise bad(f"{cw}: needs 'matchType' ('name', 'id' or 'property') and 'propertyValue'")
            quantifier = c.get("matchQuantifier", "any")
            if quantifier not in ("any", "all", "none"):
                raise bad(f"{cw}: 'matchQuantifier' must be 'any', 'all' or 'none', not {quantifier!r}")
            required = c.get("required", False)
            if not isinstance(required, bool):
                raise bad(f"{cw}: 'required' must be true or false, not {_kind(required)}")
            values = _values(value, cw)
            if kind == "name" and text is None and len(values) == 1 and isinstance(values[0], str):
                text = values[0]
            elif kind == "name":
                conditions.append(Condition("name", values, required, quantifier))
            elif kind == "id":
                ids.extend(v.id if isinstance(v, Ref) else v for v in values)
            else:
                pid = _pid(c.get("propertyId"), cw, properties)
                conditions.append(Condition(pid, values, required, quantifier))
        out.append(Query(text, _types(q.get("type"), where, types), _limit(q, where), tuple(conditions), tuple(ids)))
    return out


def _count(n: int) -> None:
    if n > MAX_QUERIES:
        raise RequestError(413, f"too many queries in one batch: {n:,} (at most {MAX_QUERIES:,}; send several batches)")


def _known_fields(obj: Mapping[str, Any], fields: tuple[str, ...], where: str) -> None:
    for k in obj:
        if k not in fields:
            raise bad(f"{where}: unknown field {k!r} (expected: {', '.join(fields)})")


def _text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise bad(f"{where} must be a string, not {_kind(value)}")
    if len(value) > MAX_TEXT:
        raise bad(f"{where} is {len(value):,} characters long (at most {MAX_TEXT:,})")
    return value


def _types(value: object, where: str, known: Collection[str]) -> tuple[str, ...]:
    """The query's ``type`` (one id or a list of them), each checked against the known types."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    for t in items:
        if not isinstance(t, str):
            raise bad(f"{where}: 'type' must be a type id or a list of them, not {_kind(t)}")
        if t not in known:
            raise bad(f"{where}: unknown type {t!r} (expected one of: {', '.join(known)})")
    return tuple(dict.fromkeys(items))


def _limit(q: Mapping[str, Any], where: str) -> int:
    if "limit" not in q:
        return DEFAULT_LIMIT
    value = q["limit"]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value != int(value):
        raise bad(f"{where}: 'limit' must be a whole number, not {value!r}")
    if value < 1:
        raise bad(f"{where}: 'limit' must be at least 1, not {int(value)}")
    return min(int(value), MAX_LIMIT)


def _pid(value: object, where: str, properties: Mapping[str, object]) -> str:
    if not isinstance(value, str):
        raise bad(f"{where}: the property id must be a string, not {_kind(value)}")
    if value not in properties:
        raise bad(f"{where}: unknown property {value!r} (expected one of: {', '.join(properties)})")
    return value


def _values(v: object, where: str) -> tuple[Value, ...]:
    items = v if isinstance(v, list) else [v]
    if not items:
        raise bad(f"{where}: no value given")
    out: list[Value] = []
    for item in items:
        if isinstance(item, dict):
            ident = item.get("id")
            name = item.get("name")
            if not isinstance(ident, str) or (name is not None and not isinstance(name, str)):
                raise bad(f"{where}: an entity value needs an 'id' (a string) and at most a 'name' (a string)")
            out.append(Ref(_text(ident, f"{where}: 'id'"), name))
        elif isinstance(item, bool):
            out.append("true" if item else "false")
        elif isinstance(item, (str, int, float)):
            out.append(_text(item if isinstance(item, str) else repr(item), f"{where}: a value"))
        else:
            raise bad(f"{where}: a value must be a string, a number, a boolean or {{\"id\", \"name\"}}, not {_kind(item)}")
    return tuple(out)


def _kind(value: object) -> str:
    """The JSON kind of a parsed value, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object" if isinstance(value, dict) else value.__class__.__name__
