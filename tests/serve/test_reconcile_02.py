"""API 0.2 as OpenRefine speaks it: the manifest, form batches, type guessing, properties, scores.

Every response is validated against the 0.2 schema; scores and matches are compared with what
the Python API answers for the same names (the server adds nothing of its own to them).
"""

from __future__ import annotations

import json

import pytest

import glossary

from ._http import Client
from ._schemas import check

# the first ten distinct cells of a column, as OpenRefine batches them
CELLS = ["Jaish al-Izzah", "جيش العزة", "Kafranbel", "Latamneh", "Hayat Tahrir al-Sham", "Idlib",
         "Jeish al-Ezza", "Khan Sheikhoun", "Free Syrian Army", "Jaysh al-Islam"]


@pytest.fixture(scope="module")
def api() -> glossary.Glossary:
    return glossary.load()


def test_manifest(client: Client) -> None:
    r = client.get("/reconcile", headers={"Origin": "https://openrefine.example"})
    assert r.status == 200 and r.headers["access-control-allow-origin"] == "*"  # CORS: browsers may call it
    m = r.json()
    check("0.2", "manifest", m)
    assert [t["id"] for t in m["defaultTypes"]] == ["group", "place", "person", "media", "event", "other"]
    assert m["view"]["url"] == client.base + "/entity/{{id}}"
    assert m["preview"]["url"] == client.base + "/preview?id={{id}}"
    for kind in ("entity", "type", "property"):
        assert m["suggest"][kind]["service_url"] == client.base + "/reconcile"
    # the URLs it gives work
    assert client.get(m["preview"]["url"].replace(client.base, "").replace("{{id}}", "kafr-nabl")).status == 200
    assert client.get("/entity/kafr-nabl").status == 200


def test_manifest_jsonp(client: Client) -> None:
    r = client.get("/reconcile", {"callback": "jQuery123_456"})
    assert r.status == 200 and r.headers["content-type"].startswith("application/javascript")
    assert r.text.startswith("/**/jQuery123_456(") and r.text.endswith(");")
    check("0.2", "manifest", json.loads(r.text[len("/**/jQuery123_456("):-2]))


def _openrefine_batch(cells: list[str], **extra: object) -> dict[str, dict[str, object]]:
    return {f"q{i}": {"query": c, **extra} for i, c in enumerate(cells)}


def test_openrefine_batch_of_ten(client: Client, api: glossary.Glossary) -> None:
    batch = _openrefine_batch(CELLS, type="group", type_strict="should", limit=3)
    batch["q0"]["properties"] = [{"pid": "located_in", "v": "Hama Governorate"},
                                 {"pid": "part_of", "v": {"id": "free-syrian-army", "name": "Free Syrian Army"}}]
    r = client.post_form("/reconcile", {"queries": json.dumps(batch, ensure_ascii=False)})
    assert r.status == 200
    out = r.json()
    check("0.2", "reconciliation-result-batch", out)
    assert list(out) == list(batch)
    for key, cell in zip(batch, CELLS):
        res = api.resolve(cell, type="group", limit=3)
        result = out[key]["result"]
        assert len(result) <= 3
        assert all(c["type"] == [{"id": "group", "name": "Group"}] for c in result)
        matched = [c["id"] for c in result if c["match"]]
        assert matched == ([res.match.id] if res.status == "match" and res.match else []), cell
        if key != "q0":  # no properties: the resolver's candidates and scores, times 100
            assert [c["id"] for c in result] == [m.id for m in res.candidates]
            assert [c["score"] for c in result] == [round(m.score * 100, 2) for m in res.candidates]
    q0 = out["q0"]["result"][0]
    assert q0["id"] == "jaysh-al-izza" and q0["match"] is True
    assert {f["id"]: f["value"] for f in q0["features"]}["property_located_in"] == 1.0
    assert {f["id"]: f["value"] for f in q0["features"]}["property_part_of"] == 1.0
    assert out["q9"]["result"] == [] or not any(c["match"] for c in out["q9"]["result"])  # Jaysh al-Islam is not here


def test_type_guessing(client: Client) -> None:
    """OpenRefine's first request: ten cells, ``limit: 3``, no type; it counts the candidates' types."""
    r = client.post_form("/reconcile", {"queries": json.dumps(_openrefine_batch(CELLS, limit=3), ensure_ascii=False)})
    out = r.json()
    check("0.2", "reconciliation-result-batch", out)
    types = [t["id"] for v in out.values() for c in v["result"] for t in c["type"]]
    assert all(len(v["result"]) <= 3 for v in out.values())
    assert all(len(c["type"]) == 1 for v in out.values() for c in v["result"])
    assert {"group", "place"} <= set(types)


def test_arabic_query_gets_arabic_name_and_other_script_description(client: Client) -> None:
    out = client.post_form("/reconcile", {"queries": json.dumps({"q": {"query": "جيش العزة"}})}).json()
    c = out["q"]["result"][0]
    assert (c["id"], c["name"], c["match"]) == ("jaysh-al-izza", "جيش العزة", True)
    assert "Jaysh al-Izza" in c["description"] and "Army of Glory" in c["description"]


def test_batch_by_get_and_by_json_body(client: Client) -> None:
    batch = {"a": {"query": "Kafranbel"}}
    by_get = client.get("/reconcile", {"queries": json.dumps(batch)}).json()
    by_json = client.post_json("/reconcile", batch).json()
    assert by_get == by_json and by_get["a"]["result"][0]["id"] == "kafr-nabl"
    check("0.2", "reconciliation-result-batch", by_json)


def test_properties_narrow_and_boost(client: Client) -> None:
    """Idlib the city and Idlib the governorate: ``located_in`` tells them apart."""
    plain = client.post_json("/reconcile", {"q": {"query": "Idlib city", "limit": 5}}).json()["q"]["result"]
    in_gov = client.post_json("/reconcile", {"q": {"query": "Idlib city", "limit": 5, "properties": [
        {"pid": "located_in", "v": {"id": "idlib-governorate"}}]}}).json()["q"]["result"]
    scores = {c["id"]: c["score"] for c in in_gov}
    assert in_gov[0]["id"] == "idlib"
    assert "idlib-governorate" not in scores or scores["idlib-governorate"] < scores["idlib"]
    assert plain[0]["id"] == "idlib" and all("property_located_in" in {f["id"] for f in c["features"]} for c in in_gov)
    # a name property as the only clue
    only = client.post_json("/reconcile", {"q": {"properties": [{"pid": "arabic", "v": "كفرنبل"}]}}).json()
    check("0.2", "reconciliation-result-batch", only)
    assert only["q"]["result"][0]["id"] == "kafr-nabl"
    # an entity property as the only clue: the entities located in the governorate (chains followed)
    inside = client.post_json("/reconcile", {"q": {"properties": [{"pid": "located_in", "v": "Hama Governorate"}],
                                                   "limit": 100}}).json()["q"]["result"]
    assert "al-lataminah" in {c["id"] for c in inside} and not any(c["match"] for c in inside)


def test_type_strict_all_with_two_types_finds_nothing(client: Client) -> None:
    out = client.post_json("/reconcile", {"q": {"query": "Idlib", "type": ["place", "group"], "type_strict": "all"}})
    assert out.json() == {"q": {"result": []}}
    any_ = client.post_json("/reconcile", {"q": {"query": "Idlib", "type": ["place", "group"]}}).json()
    assert any_["q"]["result"] and all(c["type"][0]["id"] in ("place", "group") for c in any_["q"]["result"])


def test_spec_valid_query_examples_are_understood(client: Client) -> None:
    """The specification's own valid batches get 200, or a 400 that names its unknown type or property."""
    from ._http import SPEC

    for path in sorted((SPEC / "0.2" / "examples" / "reconciliation-query-batch" / "valid").glob("*.json")):
        r = client.post_form("/reconcile", {"queries": path.read_text(encoding="utf-8")})
        if r.status == 200:
            check("0.2", "reconciliation-result-batch", r.json())
        else:
            assert r.status == 400 and ("unknown type" in r.json()["error"] or "unknown property" in r.json()["error"])
    for path in sorted((SPEC / "0.2" / "examples" / "reconciliation-query-batch" / "invalid").glob("*.json")):
        r = client.post_form("/reconcile", {"queries": path.read_text(encoding="utf-8")})
        assert r.status == 400, path.name
