"""API 1.0-draft on its own routes: manifest, /match, /suggest, /extend, /preview; ``lang`` and ``dir``."""

from __future__ import annotations

from ._http import SPEC, Client
from ._schemas import check

V = "1.0-draft"


def test_manifest(client: Client) -> None:
    m = client.get("/").json()
    check(V, "manifest", m)
    assert m["versions"] == ["1.0-draft"] and m["view"]["url"] == client.base + "/entity/{id}"
    assert m["suggest"] == {"entity": True, "type": True, "property": True} and m["standardizedScore"] is True


def test_root_is_a_page_for_a_browser(client: Client) -> None:
    r = client.get("/", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status == 200 and r.headers["content-type"].startswith("text/html")
    assert f"{client.base}/reconcile" in r.text and 'action="/search"' in r.text


def _name(value: str, **extra: object) -> dict[str, object]:
    return {"conditions": [{"matchType": "name", "propertyValue": value}], **extra}


def test_match_with_lang_and_dir(client: Client) -> None:
    r = client.post_json("/match", {"queries": [_name("جيش العزة"), _name("Kafranbel", type="place", limit=2),
                                                _name("Nothing Like Any Name Here")]})
    assert r.status == 200
    out = r.json()
    check(V, "reconciliation-result-batch", out)
    ar, kafr, none = (q["candidates"] for q in out["results"])
    assert (ar[0]["id"], ar[0]["name"], ar[0]["lang"], ar[0]["dir"], ar[0]["match"]) == \
        ("jaysh-al-izza", "جيش العزة", "ar", "rtl", True)
    assert (kafr[0]["id"], kafr[0]["lang"], kafr[0]["dir"]) == ("kafr-nabl", "ar-Latn", "ltr") and len(kafr) <= 2
    assert not any(c["match"] for c in none)
    assert all(0 <= c["score"] <= 100 and all("name" in f for f in c["features"]) for q in out["results"]
               for c in q["candidates"])


def test_conditions(client: Client) -> None:
    q = {"conditions": [
        {"matchType": "name", "propertyValue": "Idlib"},
        {"matchType": "property", "propertyId": "located_in", "propertyValue": {"id": "syria"}, "required": True},
        {"matchType": "property", "propertyId": "type", "propertyValue": "place", "matchQuantifier": "any"},
    ]}
    out = client.post_json("/match", {"queries": [q, {"conditions": [{"matchType": "id", "propertyValue": "hama"}]}]})
    check(V, "reconciliation-result-batch", out.json())
    first, by_id = (r["candidates"] for r in out.json()["results"])
    assert first and all(c["type"][0]["id"] == "place" for c in first)
    assert [(c["id"], c["match"], c["score"]) for c in by_id] == [("hama", True, 100.0)]


def test_spec_query_examples(client: Client) -> None:
    for path in sorted((SPEC / V / "examples" / "reconciliation-query-batch" / "invalid").glob("*.json")):
        r = client.request("POST", "/match", path.read_bytes(), {"Content-Type": "application/json"})
        assert r.status == 400, path.name
    for path in sorted((SPEC / V / "examples" / "reconciliation-query-batch" / "valid").glob("*.json")):
        r = client.request("POST", "/match", path.read_bytes(), {"Content-Type": "application/json"})
        if r.status == 200:
            check(V, "reconciliation-result-batch", r.json())
        else:
            assert r.status == 400 and ("unknown type" in r.json()["error"] or "unknown property" in r.json()["error"])


def test_suggest(client: Client) -> None:
    ent = client.get("/suggest/entity", {"prefix": "حمص"}).json()
    check(V, "suggest-entities-response", ent)
    assert ent["result"][0]["id"] == "homs" and ent["result"][0]["dir"] == "rtl" and ent["result"][0]["name"] == "حمص"
    latin = client.get("/suggest/entity", {"prefix": "Jaysh al-I", "type": "group"}).json()
    check(V, "suggest-entities-response", latin)
    assert "jaysh-al-izza" in [r["id"] for r in latin["result"]]
    page2 = client.get("/suggest/entity", {"prefix": "Sham", "cursor": "2", "limit": "2"}).json()["result"]
    first4 = client.get("/suggest/entity", {"prefix": "Sham", "limit": "4"}).json()["result"]
    assert page2 == first4[2:4]
    types = client.get("/suggest/type", {"prefix": "pl"}).json()
    check(V, "suggest-types-response", types)
    assert types == {"result": [{"id": "place", "name": "Place"}]}
    props = client.get("/suggest/property", {"prefix": "loc"}).json()
    check(V, "suggest-properties-response", props)
    assert [p["id"] for p in props["result"]] == ["located_in"]


def test_extend(client: Client) -> None:
    propose = client.get("/extend/propose", {"type": "group"}).json()
    check(V, "data-extension-property-proposal", propose)
    ids = {p["id"] for p in propose["properties"]}
    assert {"arabic", "vocalized", "english", "romanized", "romanized.ala-lc", "romanized.din31635", "type",
            "part_of", "located_in"} <= ids
    pids = ["arabic", "english", "romanized.din31635", "located_in", "type"]
    r = client.post_json("/extend", {"ids": ["jaysh-al-izza", "hama"], "properties": [{"id": p} for p in pids]})
    out = r.json()
    check(V, "data-extension-response", out)
    row = {p["id"]: p["values"] for p in out["rows"][0]["properties"]}
    assert row["arabic"] == [{"str": "جيش العزة", "lang": "ar", "dir": "rtl"}]
    assert row["romanized.din31635"] == [{"str": "Ǧayš al-ʿIzza", "lang": "ar-Latn", "dir": "ltr"}]
    assert {"id": "syria", "name": "Syria"} in row["located_in"]
    assert row["type"] == [{"id": "group", "name": "Group"}]


def test_preview(client: Client) -> None:
    r = client.get("/preview", {"id": "jaysh-al-izza"})
    assert r.status == 200 and r.headers["content-type"].startswith("text/html")
    assert 'dir="rtl"' in r.text and "Ǧayš al-ʿIzza" in r.text and "Jaysh al-ʻIzzah" in r.text
