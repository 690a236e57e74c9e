"""API 0.2's side services, at the URLs its manifest gives: suggest, flyout, property proposals, extension."""

from __future__ import annotations

import json

import glossary
from glossary.model import ENTITY_TYPES
from glossary.translit import transliterate_all

from ._http import Client
from ._schemas import check


def test_suggest_entity_type_property(client: Client) -> None:
    m = client.get("/reconcile").json()
    path = m["suggest"]["entity"]["service_url"].replace(client.base, "") + m["suggest"]["entity"]["service_path"]
    ent = client.get(path, {"prefix": "Kafr"}).json()
    check("0.2", "suggest-entities-response", ent)
    assert "kafr-nabl" in [r["id"] for r in ent["result"]]
    assert all(r["notable"][0]["id"] in ENTITY_TYPES for r in ent["result"])
    assert client.get(path, {"prefix": "   "}).json() == {"result": []}
    types = client.get("/reconcile/suggest/type", {"prefix": ""}).json()
    check("0.2", "suggest-types-response", types)
    assert len(types["result"]) == 6
    props = client.get("/reconcile/suggest/property", {"prefix": "rom"}).json()
    check("0.2", "suggest-properties-response", props)
    assert {"romanized", "romanized.ala-lc"} <= {p["id"] for p in props["result"]}


def test_flyout(client: Client) -> None:
    r = client.get("/reconcile/flyout/entity", {"id": "kafr-nabl"}).json()
    assert r["id"] == "kafr-nabl" and 'dir="rtl"' in r["html"] and "كفرنبل" in r["html"]
    assert client.get("/reconcile/flyout/entity", {"id": "no-such-id"}).status == 404


def test_propose_properties(client: Client) -> None:
    r = client.get("/reconcile/propose_properties", {"type": "place", "limit": "3"}).json()
    check("0.2", "data-extension-property-proposal", r)
    assert r["type"] == "place" and r["limit"] == 3 and len(r["properties"]) == 3


def test_extend_every_scheme(client: Client) -> None:
    schemes = [f"romanized.{s}" for s in transliterate_all("حماة")]
    pids = ["arabic", "vocalized", "english", "romanized", *schemes, "type", "part_of", "located_in", "variants"]
    req = {"ids": ["jaysh-al-izza", "kafr-nabl"], "properties": [{"id": p} for p in pids]}
    r = client.post_form("/reconcile", {"extend": json.dumps(req)})
    out = r.json()
    check("0.2", "data-extension-response", out)
    assert [m["id"] for m in out["meta"]] == pids
    g = glossary.load()
    e = g.get("jaysh-al-izza")
    assert e is not None and e.vocalized is not None
    expected = {f"romanized.{s}": t.text for s, t in transliterate_all(e.vocalized, known=g.vocalized_for).items()}
    row = out["rows"]["jaysh-al-izza"]
    assert {p: row[p][0]["str"] for p in schemes} == expected
    assert row["vocalized"] == [{"str": e.vocalized}] and row["part_of"][0] == {"id": "free-syrian-army",
                                                                                "name": "Free Syrian Army"}
    assert out["rows"]["kafr-nabl"]["part_of"] == []
