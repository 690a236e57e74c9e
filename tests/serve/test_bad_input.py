"""Bad input gets a 4xx and a JSON message that says what is wrong, never a 5xx or a traceback,
and the server goes on answering after each."""

from __future__ import annotations

import json

import pytest

from ._http import Client, Reply

BATCH = {"q0": {"query": "Hama"}}


def _refused(r: Reply, status: int, words: str) -> None:
    assert r.status == status, (r.status, r.body[:300])
    body = r.json()
    assert body["status"] == status and words in body["error"], body
    assert "Traceback" not in r.text


@pytest.fixture(autouse=True)
def still_serving(client: Client) -> object:
    yield
    r = client.post_form("/reconcile", {"queries": json.dumps(BATCH)})
    assert r.status == 200 and r.json()["q0"]["result"][0]["id"] == "hama"


def test_malformed_json(client: Client) -> None:
    _refused(client.post_form("/reconcile", {"queries": '{"q0": {"query": "Hama"'}), 400, "not valid JSON")
    _refused(client.request("POST", "/match", b'{"queries": [', {"Content-Type": "application/json"}), 400,
             "not valid JSON")
    _refused(client.post_form("/reconcile", {"queries": "[" * 100_000}), 400, "nested too deeply")


def test_ten_megabyte_body(client: Client) -> None:
    big = b"queries=" + b"a" * (10 << 20)
    _refused(client.request("POST", "/reconcile", big, {"Content-Type": "application/x-www-form-urlencoded"}), 413,
             "too large")
    _refused(client.request("POST", "/match", b"x" * (10 << 20), {"Content-Type": "application/json"}), 413, "too large")


def test_ten_thousand_queries(client: Client) -> None:
    batch = {f"q{i}": {"query": f"name {i}"} for i in range(10_000)}
    _refused(client.post_json("/reconcile", batch), 413, "too many queries in one batch: 10,000 (at most 1,000")
    _refused(client.post_json("/match", {"queries": [{"conditions": [{"matchType": "name", "propertyValue": "x"}]}]
                                                      * 10_000}), 413, "too many queries")


def test_a_full_batch_is_served(client: Client) -> None:
    batch = {f"q{i}": {"query": f"Kafr {i}", "limit": 1} for i in range(1000)}
    r = client.post_json("/reconcile", batch)
    assert r.status == 200 and len(r.json()) == 1000


def test_unknown_type(client: Client) -> None:
    _refused(client.post_json("/reconcile", {"q0": {"query": "Hama", "type": "Q515"}}), 400,
             "unknown type 'Q515' (expected one of: group, place")
    _refused(client.get("/reconcile/suggest/entity", {"prefix": "Ha", "type": "city"}), 400, "unknown type 'city'")
    _refused(client.get("/reconcile/propose_properties", {"type": "city"}), 400, "unknown type")


@pytest.mark.parametrize("limit", [-1, 0, 2.5, "3", True])
def test_bad_limit(client: Client, limit: object) -> None:
    _refused(client.post_json("/reconcile", {"q0": {"query": "Hama", "limit": limit}}), 400, "'limit'")


def test_negative_cursor_and_limit_in_suggest(client: Client) -> None:
    _refused(client.get("/suggest/entity", {"prefix": "Ha", "cursor": "-3"}), 400, "'cursor' must be at least 0")
    _refused(client.get("/suggest/entity", {"prefix": "Ha", "limit": "x"}), 400, "'limit' must be a whole number")


def test_non_utf8_bytes(client: Client) -> None:
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    _refused(client.request("POST", "/reconcile", b"queries=%7B%22q0%22%3A%7B%22query%22%3A%22\xff\xfe%22%7D%7D", form),
             400, "not UTF-8")
    _refused(client.request("POST", "/reconcile", b"queries=%FF%FE", form), 400, "not UTF-8 once percent-decoded")
    _refused(client.request("POST", "/match", '{"queries": [{"conditions": [{"matchType": "name", "propertyValue": "'
                            .encode() + "حماة".encode("cp1256") + b'"}]}]}', {"Content-Type": "application/json"}),
             400, "not UTF-8")
    _refused(client.request("GET", "/search?q=%E4%BD"), 400, "not UTF-8")


def test_unknown_ids(client: Client) -> None:
    _refused(client.get("/preview", {"id": "no-such-entity"}), 404, "unknown entity id 'no-such-entity'")
    _refused(client.get("/entity/no-such-entity"), 404, "unknown entity id")
    _refused(client.post_form("/reconcile", {"extend": json.dumps({"ids": ["hama", "nope"], "properties": [
        {"id": "arabic"}]})}), 404, "unknown entity id: 'nope'")
    _refused(client.post_json("/extend", {"ids": ["hama"], "properties": [{"id": "population"}]}), 400,
             "unknown property 'population'")


def test_malformed_queries(client: Client) -> None:
    _refused(client.post_json("/reconcile", [{"query": "Hama"}]), 400, "JSON object of queries")
    _refused(client.post_json("/reconcile", {"q0": {"query": 5}}), 400, "'query' must be a string")
    _refused(client.post_json("/reconcile", {"q0": {"query": "x", "props": []}}), 400, "unknown field 'props'")
    _refused(client.post_json("/reconcile", {"q0": {"limit": 3}}), 400, "needs a 'query'")
    _refused(client.post_json("/reconcile", {"q0": {"query": "x", "properties": [{"pid": "nope", "v": "x"}]}}), 400,
             "unknown property 'nope'")
    _refused(client.post_json("/reconcile", {"q0": {"query": "x" * 5000}}), 400, "at most 1,000")
    _refused(client.post_json("/match", {"queries": [{"conditions": []}]}), 400, "non-empty list")
    _refused(client.post_form("/reconcile", {"extend": "[]"}), 400, "data extension request")


def test_routes_methods_and_callbacks(client: Client) -> None:
    _refused(client.get("/no/such/route"), 404, "no such route")
    _refused(client.get("/match"), 405, "method GET not allowed")
    _refused(client.get("/reconcile", {"callback": "alert(1)//"}), 400, "invalid callback")
    _refused(client.get("/entity/hama", {"locale": "fr"}), 400, "unknown locale")
    _refused(client.request("POST", "/reconcile", b"--x\r\n", {"Content-Type": "multipart/form-data; boundary=x"}),
             415, "unsupported content type")
    _refused(client.post_form("/reconcile", {"query": "Hama"}), 400, "send a batch as 'queries='")
