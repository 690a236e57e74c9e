"""The card page says what the terminal card says, laid out for both scripts; search as JSON and HTML."""

from __future__ import annotations

import html
import re
from pathlib import Path

import glossary
from glossary.card import card_rows
from glossary.i18n import Locale
from glossary.serve import load_service
from glossary.serve.pages import card

from ._http import Client


def _text(page: str) -> str:
    """The page's text: tags dropped, entities decoded, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_card_has_every_row_of_the_terminal_card(client: Client) -> None:
    page = client.get("/entity/jaysh-al-izza").text
    g = glossary.load()
    e = g.get("jaysh-al-izza")
    assert e is not None
    from glossary.translit import transliterate_all

    roms = [(s, t.text, t.exact) for s, t in transliterate_all(e.vocalized or "", known=g.vocalized_for).items()]
    rows = card_rows(e, locale=Locale("en"), label_of=lambda i: (lambda x: (x.english or x.label) if x else i)(g.get(i)),
                     romanizations=roms)
    text = _text(page)
    for label, value in rows:
        assert label in text
        if label != "romanizations":
            for line in value.split("\n"):
                assert re.sub(r"\s+", " ", line) in text, line
    for scheme, rom, _ in roms:  # every romanization, in a table row of its own
        assert f"<td>{scheme}</td>" in page and html.escape(rom) in page
    assert '<h1 class="title-ar" lang="ar" dir="rtl">جيش العزة</h1>' in page
    assert '<td lang="ar" dir="rtl" class="ar">جَيْش العِزَّة</td>' in page  # vocalized, right to left
    assert '<bdi lang="ar" dir="rtl" class="ar">جيش العزاوية</bdi>' in page  # an Arabic variant among Latin ones


def test_card_in_arabic(client: Client) -> None:
    page = client.get("/entity/kafr-nabl", {"locale": "ar"}).text
    assert '<html lang="ar" dir="rtl">' in page and "يقع في" in page


def test_card_as_json(client: Client) -> None:
    d = client.get("/entity/kafr-nabl", {"format": "json"}).json()
    assert d["id"] == "kafr-nabl" and d["arabic"] == "كفرنبل" and "ala-lc" in d["romanizations"]


def test_everything_is_escaped(tmp_path: Path) -> None:
    f = tmp_path / "g.yaml"
    f.write_text('entities:\n  - id: evil\n    type: group\n    romanized: "<script>alert(1)</script>"\n'
                 '    arabic: جيش\n    notes: "a & b <img src=x onerror=alert(1)>"\n', encoding="utf-8")
    service = load_service([str(f)])
    page = card(service, service.entity("evil"))
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "a &amp; b &lt;img" in page


def test_search_json_and_html(client: Client) -> None:
    r = client.get("/search", {"q": "حمص"})
    assert r.status == 200 and r.json()["result"][0]["id"] == "homs"
    page = client.get("/search", {"q": "Sham"}, headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html") and 'href="/entity/ahrar-al-sham"' in page.text
    assert client.get("/search", {"q": "", "format": "html"}).status == 200
    g = glossary.load()
    for q in ("Zzzzqqq", "Kafr", "جيش"):  # the same hits as the Python API
        assert client.get("/search", {"q": q}).json()["result"] == [h.to_dict() for h in g.search(q)]
