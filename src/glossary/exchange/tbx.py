"""TBX: TBX-Basic (TBX v3, ISO 30042:2019, DCA style) and TBX v2 (``martif``, ISO 30042:2008).

One ``conceptEntry`` per entity, its id the entity's id (``_`` before one that begins with a
digit: an XML ID may not). Its ``subjectField`` is the entity type; relations are
``crossReference`` refs to the other concepts (``part of: Free Syrian Army (until 2019-11)``;
relations to entities left out of the export are left out); sources are ``source`` admins
(each with its fields as JSON in a note, so that import gives them back); knowledge-base ids
are ``externalCrossReference`` links where they have a URL, and notes otherwise.

Language sections:

* ``ar``: the Arabic name (preferred; its vocalized form in a ``[vocalized]`` note), the
  Arabic-script variants (admitted, termType ``variant``), former names (superseded);
* ``ar-Latn``: the house romanization (preferred) and the Latin-script spellings seen in
  sources (the glossary does not record their language);
* ``en``: the English name (preferred), abbreviations (termType ``abbreviation``);
* one per chosen scheme, tagged as in `SCHEME_TAGS` (``ar-Latn-t-ar-m0-alaloc``), with the
  exact romanization of the Arabic name. Import skips these: they are computed.

Notes with a bracketed key (``[vocalized]``, ``[former 1] until 2015``, ``[scheme] ala-lc``,
``[active]``, ``[id geonames]``, ``[extra FIELD]``, ``[source] {...}``) carry what TBX-Basic
has no data category for. TBX v2 is the same tree with v2's element names, without namespace.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..model import script_of
from .common import ROMANIZED_TAG, SCHEME_TAGS, from_xml_id, romanizations, xml_id

if TYPE_CHECKING:
    from ..glossary import Glossary
    from ..model import Entity, Source

NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RELATION_LABELS = {"part_of": "part of", "located_in": "located in", "allied_with": "allied with",
                   "opposed_to": "opposed to", "related": "related to"}
_V2_NAMES = {"tbx": "martif", "tbxHeader": "martifHeader", "conceptEntry": "termEntry", "langSec": "langSet",
             "termSec": "tig"}
_HEADER_V3 = ('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng" '
              'type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
              '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/'
              'TBX-Basic_DCA.sch" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>\n')
_HEADER_V2 = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
_URLS = {"wikidata": "https://www.wikidata.org/wiki/{}", "geonames": "https://www.geonames.org/{}"}


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    e = ET.SubElement(parent, tag, {("type" if k == "type_" else k): v for k, v in attrs.items()})
    if text is not None:
        e.text = text
    return e


def _note(parent: ET.Element, key: str | None, text: str) -> None:
    _sub(parent, "note", f"[{key}] {text}" if key else text)


def source_text(s: Source) -> str:
    """A source as one readable line: ``Reuters, “Title”, 2015-09-30, URL``."""
    bits = [s.publisher, f"“{s.title}”" if s.title else None, s.date, s.url]
    return ", ".join(b for b in bits if b) or "?"


def _term(lang: ET.Element, text: str, status: str | None, kind: str | None = None,
          notes: Sequence[tuple[str | None, str]] = (), source: str | None = None) -> None:
    sec = _sub(lang, "termSec")
    _sub(sec, "term", text)
    if kind:
        _sub(sec, "termNote", kind, type_="termType")
    if status:
        _sub(sec, "termNote", f"{status}-admn-sts", type_="administrativeStatus")
    if source:
        _sub(sec, "admin", source, type_="source")
    for key, note in notes:
        _note(sec, key, note)


def _variant_notes(v: Any) -> list[tuple[str | None, str]]:
    return ([("scheme", v.scheme)] if v.scheme else []) + ([(None, v.note)] if v.note else [])


def concept(body: ET.Element, glossary: Glossary, e: Entity, schemes: Sequence[str], known: set[str]) -> None:
    """Append the ``conceptEntry`` of one entity."""
    c = _sub(body, "conceptEntry", id=xml_id(e.id))
    _sub(c, "descrip", e.type, type_="subjectField")
    for r in e.relations():
        if r.id not in known:
            continue
        target = glossary.get(r.id)
        label = target.label if target is not None else r.id
        period = ""
        if r.from_ or r.until:
            period = f" ({r.from_})" if r.from_ == r.until else " (" + " ".join(
                x for x in (f"from {r.from_}" if r.from_ else "", f"until {r.until}" if r.until else "") if x) + ")"
        _sub(c, "ref", f"{RELATION_LABELS[r.field]}: {label}{period}", type_="crossReference", target=xml_id(r.id))
    for key, value in e.ids.items():
        if key in _URLS:
            _sub(c, "xref", f"{key}: {value}", type_="externalCrossReference", target=_URLS[key].format(value))
        else:
            _note(c, f"id {key}", value)
    if e.active:
        _note(c, "active", e.active)
    if e.notes:
        _note(c, None, e.notes)
    for key, value in e.extra.items():
        _note(c, f"extra {key}", json.dumps(value, ensure_ascii=False))
    for s in e.sources:
        grp = _sub(c, "adminGrp")
        _sub(grp, "admin", source_text(s), type_="source")
        _note(grp, "source", json.dumps(s.to_dict(), ensure_ascii=False))
    langs: dict[str, ET.Element] = {}

    def lang(tag: str) -> ET.Element:
        if tag not in langs:
            langs[tag] = ET.Element("langSec", {XML_LANG: tag})
        return langs[tag]

    seen: set[tuple[str, str]] = set()

    def term(tag: str, text: str | None, status: str | None, kind: str | None = None,
             notes: Sequence[tuple[str | None, str]] = (), source: str | None = None) -> None:
        if text and (tag, text) not in seen:
            seen.add((tag, text))
            _term(lang(tag), text, status, kind, notes, source)

    def by_script(text: str) -> str:
        return "ar" if script_of(text) == "arabic" else ROMANIZED_TAG

    term("ar", e.arabic, "preferredTerm", notes=[("vocalized", e.vocalized)] if e.vocalized else [])
    term(ROMANIZED_TAG, e.romanized, "preferredTerm")
    term("en", e.english, "preferredTerm")
    for v in e.variants:
        term(by_script(v.text), v.text, "admittedTerm", "variant", _variant_notes(v), v.source)
    for a in e.abbreviations:
        term("en", a, "admittedTerm", "abbreviation")
    for n, f in enumerate(e.former_names, 1):
        head = (f"former {n}", f"until {f.until}" if f.until else "")
        term("ar", f.arabic, "supersededTerm", notes=[head] + ([("vocalized", f.vocalized)] if f.vocalized else []))
        term(ROMANIZED_TAG, f.romanized, "supersededTerm", notes=[head])
        term("en", f.english, "supersededTerm", notes=[head])
        for v in f.variants:
            term(by_script(v.text), v.text, "supersededTerm", "variant", [head, *_variant_notes(v)], v.source)
    for rom in romanizations(glossary, e, schemes):
        if rom.exact:  # a guess is never presented as a term (see glossary.exchange.common)
            term(SCHEME_TAGS[rom.scheme], rom.text, None, notes=[("romanization", f"{rom.scheme}, exact")])
    for tag in ("ar", ROMANIZED_TAG, "en", *(SCHEME_TAGS[s] for s in schemes)):
        if tag in langs:
            c.append(langs.pop(tag))


def write_tbx(glossary: Glossary, entities: Sequence[Entity], schemes: Sequence[str], *, version: int = 3) -> str:
    """The TBX document (v3 TBX-Basic, or v2 ``martif`` with ``version=2``) of the entities."""
    root = ET.Element("tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: "en", "xmlns": NS})
    desc = _sub(_sub(root, "tbxHeader"), "fileDesc")
    _sub(_sub(desc, "sourceDesc"), "p", f"glossary export: {len(entities)} entities, romanizations: "
                                       f"{', '.join(schemes) or 'none'}")
    body = _sub(_sub(root, "text"), "body")
    known = {e.id for e in entities}
    for e in entities:
        concept(body, glossary, e, schemes, known)
    if version == 2:
        _to_v2(root)
    ET.indent(root, space="  ")
    return (_HEADER_V3 if version == 3 else _HEADER_V2) + ET.tostring(root, encoding="unicode") + "\n"


def _to_v2(root: ET.Element) -> None:
    """TBX v2 names the same structure differently and has no namespace, style or sourceDesc rules."""
    del root.attrib["xmlns"], root.attrib["style"]
    header = root.find("tbxHeader")
    assert header is not None
    enc = _sub(header, "encodingDesc")
    _sub(enc, "p", "TBXBasicXCSV02.xcs", type_="XCSURI")
    for el in root.iter():
        el.tag = _V2_NAMES.get(el.tag, el.tag)


# -- reading ------------------------------------------------------------------------
def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse(data: bytes, path: str) -> ET.Element:
    """Parse XML, refusing any entity declaration (no entity bombs; external files are never read)."""
    from ..errors import GlossaryError, Problem

    at = data.find(b"<!ENTITY")
    if at >= 0:
        line = data[:at].count(b"\n") + 1
        raise GlossaryError([Problem(path, line, at - data[:at].rfind(b"\n"), "entity declarations are not accepted")])
    try:
        return ET.fromstring(data)
    except ET.ParseError as e:
        line, col = getattr(e, "position", (1, 0))
        raise GlossaryError([Problem(path, line or 1, (col or 0) + 1, f"not well-formed XML: {e}")]) from None


def read_tbx(data: bytes, path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each concept of a TBX file (v3 or v2) as ``(line, entity mapping)``; computed romanizations skipped."""
    root = _parse(data, path)
    for n, c in enumerate(x for x in root.iter() if _local(x.tag) in ("conceptEntry", "termEntry")):
        yield n + 1, _concept(c)


_KEYS = ("vocalized", "scheme", "active", "source", "romanization")
_KEY_PREFIXES = ("former ", "id ", "extra ")


def _notes(el: ET.Element) -> list[tuple[str | None, str]]:
    """An element's notes as (key, text): the key of a ``[key] text`` note this module writes, else None."""
    out: list[tuple[str | None, str]] = []
    for x in el:
        if _local(x.tag) != "note":
            continue
        text = "".join(x.itertext())
        key, sep, rest = text[1:].partition("] ") if text.startswith("[") else ("", "", "")
        if not sep and text.startswith("[") and text.endswith("]"):
            key, sep, rest = text[1:-1], "]", ""
        ours = sep and (key in _KEYS or key.startswith(_KEY_PREFIXES))
        out.append((key, rest) if ours else (None, text))
    return out


def _concept(c: ET.Element) -> dict[str, Any]:
    import re

    d: dict[str, Any] = {"id": from_xml_id(c.get("id") or "")}
    formers: dict[str, dict[str, Any]] = {}
    for x in c:
        name, kind = _local(x.tag), x.get("type")
        text = "".join(x.itertext()).strip()
        if name == "descrip" and kind == "subjectField":
            d["type"] = text
        elif name == "ref" and kind == "crossReference" and x.get("target"):
            label, _, _rest = text.partition(": ")
            field = {v: k for k, v in RELATION_LABELS.items()}.get(label, "related")
            m = re.search(r" \((?:(\d{4}[-\d]*)|(?:from (\d{4}[-\d]*))? ?(?:until (\d{4}[-\d]*))?)\)\Z", text)
            ref: Any = from_xml_id(x.get("target") or "")
            if m and any(m.groups()):
                ref = {"id": ref, **({"from": m[1] or m[2]} if m[1] or m[2] else {}),
                       **({"until": m[1] or m[3]} if m[1] or m[3] else {})}
            d.setdefault(field, []).append(ref)
        elif name == "xref" and kind == "externalCrossReference":
            key, _, value = text.partition(": ")
            d.setdefault("ids", {})[key] = value
        elif name == "adminGrp":
            notes = dict((k, v) for k, v in _notes(x) if k)
            admin = next((a for a in x if _local(a.tag) == "admin"), None)
            src = json.loads(notes["source"]) if "source" in notes else {"title": "".join(admin.itertext()) if admin is not None else ""}
            d.setdefault("sources", []).append(src)
        elif name == "admin" and kind == "source":
            d.setdefault("sources", []).append({"title": text})
    for nkey, text in _notes(c):
        if nkey == "active":
            d["active"] = text
        elif nkey and nkey.startswith("id "):
            d.setdefault("ids", {})[nkey[3:]] = text
        elif nkey and nkey.startswith("extra "):
            d[nkey[6:]] = json.loads(text)
        else:
            d["notes"] = text if "notes" not in d else d["notes"] + "\n" + text
    for sec in (x for x in c if _local(x.tag) in ("langSec", "langSet")):
        tag = str(sec.get(XML_LANG) or sec.get("lang") or "")
        if "-t-" in tag or "-x-" in tag:
            continue  # romanizations computed by the exporter: not data
        for t in (x for x in sec if _local(x.tag) in ("termSec", "tig", "ntig")):
            _term_into(d, formers, tag, t)
    if formers:
        d["former_names"] = [formers[k] for k in sorted(formers, key=lambda k: int(k) if k.isdigit() else 0)]
    return {k: d[k] for k in sorted(d, key=_order)}


def _order(key: str) -> int:
    from ..store.edit import FIELD_ORDER

    return FIELD_ORDER.index(key) if key in FIELD_ORDER else len(FIELD_ORDER)


def _term_into(d: dict[str, Any], formers: dict[str, dict[str, Any]], tag: str, t: ET.Element) -> None:
    term = "".join(next((x for x in t.iter() if _local(x.tag) == "term"), ET.Element("x")).itertext()).strip()
    if not term:
        return
    notes = _notes(t)
    status = next(("".join(x.itertext()) for x in t.iter() if _local(x.tag) == "termNote"
                   and x.get("type") == "administrativeStatus"), "")
    kind = next(("".join(x.itertext()) for x in t.iter() if _local(x.tag) == "termNote" and x.get("type") == "termType"), "")
    source = next(("".join(x.itertext()) for x in t if _local(x.tag) == "admin" and x.get("type") == "source"), None)
    field = "arabic" if tag == "ar" or tag.startswith("ar-Arab") else "english" if tag.split("-")[0] == "en" and \
        kind != "abbreviation" else "romanized" if tag == ROMANIZED_TAG else None
    former = next((k for k, _ in notes if k and k.startswith("former ")), None)
    plain = [text for k, text in notes if k is None]
    variant: Any = term
    scheme = next((text for k, text in notes if k == "scheme"), None)
    if scheme or source or plain:
        variant = {"text": term, **({"scheme": scheme} if scheme else {}), **({"source": source} if source else {}),
                   **({"note": plain[0]} if plain else {})}
    if former and status.startswith("superseded"):
        f = formers.setdefault(former.split(" ", 1)[1], {})
        until = next((text for k, text in notes if k == former and text.startswith("until ")), None)
        if until:
            f["until"] = until[6:]
        if kind == "variant" or field is None or field in f:
            f.setdefault("variants", []).append(variant)
        else:
            f[field] = term
            voc = next((text for k, text in notes if k == "vocalized"), None)
            if voc:
                f["vocalized"] = voc
        return
    if kind == "abbreviation":
        d.setdefault("abbreviations", []).append(term)
    elif field and status.startswith("preferred") and field not in d:
        d[field] = term
        voc = next((text for k, text in notes if k == "vocalized"), None)
        if voc and field == "arabic":
            d["vocalized"] = voc
    elif field and not status and kind != "variant" and field not in d:
        d[field] = term  # a file that marks no status: the first term of a language is its name
    else:
        d.setdefault("variants", []).append(variant)

