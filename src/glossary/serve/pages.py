"""The service's HTML: the entity card, the preview OpenRefine shows, the search page, the home page.

The card says what the terminal card says: its rows are `glossary.card.card_rows` (the
same fields, labels, order and text, in English or Arabic), laid out as HTML. Arabic is marked
up as such: the Arabic title is a block of its own with ``dir="rtl"`` and ``lang="ar"``, so it
sits at the right; every name of a list is isolated in a ``<bdi>`` (Arabic ones with
``dir="rtl"``), so that a Latin name after an Arabic one keeps its place; the romanizations are
a table of every scheme, inexact ones marked. With ``locale=ar`` the whole page is
right-to-left with Arabic labels. Everything from the glossary is escaped; no script runs on
any page.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from html import escape
from typing import TYPE_CHECKING

from ..model import ENTITY_TYPES, Entity, script_of
from .service import TYPE_NAMES, Service

if TYPE_CHECKING:
    from ..i18n import Locale
    from ..match import SearchHit

_STYLE = """
body{font-family:"DejaVu Sans","Noto Sans","Noto Naskh Arabic",Arial,sans-serif;margin:24px;color:#111;background:#fff;
line-height:1.5}
main{max-width:900px}
h1{font-size:28px;margin:0 0 8px}
.title-ar{font-size:30px;margin:0 0 12px}
.sub{color:#555;margin:0 0 16px}
table{border-collapse:collapse}
table.rows{width:100%}
th{width:1%}
th{text-align:start;vertical-align:top;color:#555;font-weight:normal;padding:3px 16px 3px 0;white-space:nowrap}
td{vertical-align:top;padding:3px 0}
table.list td,table.list th{padding:3px 12px 3px 0;border-bottom:1px solid #eee}
.schemes td{padding:0 12px 0 0}
.approx{color:#999;font-size:smaller}
.ar{font-size:1.15em}
a{color:#0645ad}
form{margin:0 0 16px}
nav{margin-top:20px;color:#555}
body.preview{margin:8px;font-size:13px}
.preview h1{font-size:18px;margin:0}
.preview .title-ar{font-size:20px;margin:0 0 4px}
"""


@lru_cache(maxsize=4)
def locale(code: str) -> Locale:
    """The interface language of a page (``en`` or ``ar``), made once."""
    from ..i18n import Locale

    return Locale(code)


def _bdi(text: str) -> str:
    """A name isolated from its neighbours, Arabic marked right-to-left."""
    if script_of(text) == "arabic":
        return f'<bdi lang="ar" dir="rtl" class="ar">{escape(text)}</bdi>'
    return f"<bdi>{escape(text)}</bdi>"


def _value(text: str) -> str:
    """A card row's text: each line, each of its " · "-separated names isolated."""
    return "<br>".join(" · ".join(_bdi(part) for part in line.split(" · ")) for line in text.split("\n"))


def _page(title: str, body: str, *, code: str = "en", css_class: str = "") -> str:
    direction = "rtl" if code == "ar" else "ltr"
    cls = f' class="{css_class}"' if css_class else ""
    return (f'<!DOCTYPE html>\n<html lang="{code}" dir="{direction}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{escape(title)}</title>\n'
            f"<style>{_STYLE}</style>\n</head>\n<body{cls}>\n{body}\n</body>\n</html>\n")


def _head(entity: Entity) -> str:
    """The title: the label, then the Arabic name in its own right-to-left block."""
    lang = "en" if entity.label == entity.english and entity.label != entity.romanized else "ar-Latn"
    out = [f'<h1 class="title" lang="{lang}" dir="ltr">{escape(entity.label)}</h1>']
    if entity.arabic and entity.arabic != entity.label:
        out.append(f'<h1 class="title-ar" lang="ar" dir="rtl">{escape(entity.arabic)}</h1>')
    return "\n".join(out)


def _schemes(roms: Sequence[tuple[str, str, bool]], loc: Locale) -> str:
    rows = "".join(f'<tr><td>{escape(s)}</td><td lang="ar-Latn" dir="ltr"><bdi>{escape(t)}</bdi></td>'
                   f'<td class="approx">{"" if exact else "~" + escape(loc.label("approximate"))}</td></tr>'
                   for s, t, exact in roms)
    return f'<table class="schemes">{rows}</table>'


_COMPACT = ("type", "english", "arabic", "vocalized", "romanized", "schemes")
"""The rows a preview keeps."""


def card(service: Service, entity: Entity, *, code: str = "en", compact: bool = False) -> str:
    """The entity's card as an HTML page (``compact``: the preview for OpenRefine's frame)."""
    from ..card import card_rows

    loc = locale(code)
    roms = service.romanizations(entity)
    rows = card_rows(entity, locale=loc, label_of=service.label_of, romanizations=roms)
    keep = {loc.label(k) for k in _COMPACT}
    rtl_rows = {loc.label("arabic"), loc.label("vocalized")}
    lines = []
    for label, text in rows:
        if compact and label not in keep:
            continue
        if label == loc.label("schemes"):
            cell = f"<td>{_schemes(roms, loc)}</td>"
        elif label in rtl_rows:
            cell = f'<td lang="ar" dir="rtl" class="ar">{escape(text)}</td>'
        else:
            cell = f"<td>{_value(text)}</td>"
        lines.append(f'<tr><th scope="row">{escape(label)}</th>{cell}</tr>')
    other = "en" if code == "ar" else "ar"
    nav = "" if compact else (f'<nav><a href="/search">{"بحث" if code == "ar" else "search"}</a> · '
                              f'<a href="/entity/{escape(entity.id)}?locale={other}">{"English" if other == "en" else "العربية"}</a>'
                              f' · <a href="/entity/{escape(entity.id)}?format=json">JSON</a></nav>')
    link = f'<p><a href="/entity/{escape(entity.id)}" target="_blank">{escape(entity.id)}</a></p>' if compact else ""
    body = f'<main class="card">\n{_head(entity)}\n<table class="rows">\n' + "\n".join(lines) + f"\n</table>\n{link}{nav}\n</main>"
    title = entity.label + (f" · {entity.arabic}" if entity.arabic and entity.arabic != entity.label else "")
    return _page(title, body, code=code, css_class="preview" if compact else "")


def flyout(service: Service, entity: Entity) -> str:
    """The few words OpenRefine shows beside a suggestion (0.2 flyout)."""
    shown = service.shown(entity, arabic=False)
    return f'<p style="font-size:0.8em;color:black">{_value(shown.description)}</p>'


def _type_select(selected: str | None) -> str:
    options = "".join(f'<option value="{t}"{" selected" if t == selected else ""}>{TYPE_NAMES[t]}</option>'
                      for t in ENTITY_TYPES)
    return f'<select name="type" aria-label="type"><option value="">any type</option>{options}</select>'


def search_form(query: str = "", type: str | None = None) -> str:
    """The search box (a plain GET form)."""
    return (f'<form action="/search" method="get"><input type="search" name="q" value="{escape(query)}" size="40" '
            f'dir="auto" aria-label="name" placeholder="a name, either script"> {_type_select(type)} '
            f'<input type="hidden" name="format" value="html"><button type="submit">search</button></form>')


def search_page(service: Service, query: str, type: str | None, hits: Sequence[SearchHit]) -> str:
    """Search results as a page: each entity's label, Arabic name, type, the name that matched."""
    rows = []
    for h in hits:
        e = service.glossary.get(h.id)
        arabic = e.arabic if e and e.arabic else ""
        rows.append(f'<tr><td><a href="/entity/{escape(h.id)}">{_bdi(h.label)}</a></td>'
                    f'<td lang="ar" dir="rtl" class="ar">{escape(arabic)}</td><td>{escape(h.type)}</td>'
                    f"<td>{_bdi(h.name)}</td><td>{h.score:.2f}</td></tr>")
    head = "<tr><th>name</th><th>Arabic</th><th>type</th><th>matched</th><th>score</th></tr>"
    if not query:
        result = ""
    elif rows:
        result = f'<table class="list">{head}{"".join(rows)}</table>'
    else:
        result = f"<p>nothing found for {_bdi(query)}</p>"
    body = f"<main>\n<h1>search</h1>\n{search_form(query, type)}\n{result}\n</main>"
    return _page(f"search: {query}" if query else "search", body)


def home(service: Service, base: str) -> str:
    """The service's front page: what it is, the URL for OpenRefine, a search box."""
    body = (f"<main>\n<h1>{escape(service.title)}</h1>\n"
            f'<p class="sub">{len(service.entities):,} entities. A W3C reconciliation service: '
            f"add <code>{escape(base)}/reconcile</code> in OpenRefine (Reconcile → Start reconciling → "
            f"Add standard service); API 1.0-draft at <code>{escape(base)}/</code>.</p>\n{search_form()}\n</main>")
    return _page(service.title, body)
