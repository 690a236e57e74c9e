"""A small ISO Schematron runner for the tests: the schema compiled to XSLT 3, run by Saxon (saxonche).

The TBX-Basic dialect rules use the XSLT 2 query binding (``matches()``, ``local-name()``
paths), which lxml's XSLT 1 Schematron cannot run. This compiles the parts of Schematron
those files use (``ns``, ``pattern``, ``rule``, ``assert``, ``report``) with ISO semantics:
patterns are independent; in each, a node is checked by the first rule whose context it
matches (earlier rules win: higher template priority); every element, attribute and the
document node are visited. A failed assert yields ``(pattern id, message, location)``.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

from lxml import etree

SCH = "http://purl.oclc.org/dsdl/schematron"
_XSL = "http://www.w3.org/1999/XSL/Transform"


def compile_schematron(path: Path) -> str:
    """The XSLT 3 stylesheet that checks a document against the Schematron schema at ``path``."""
    root = etree.parse(str(path)).getroot()
    ns = {"s": SCH}
    decls = " ".join(f'xmlns:{n.get("prefix")}="{n.get("uri")}"' for n in root.findall("s:ns", ns))
    out = [f'<xsl:stylesheet version="3.0" xmlns:xsl="{_XSL}" {decls}>',
           '<xsl:output method="xml" indent="no"/>', '<xsl:template match="/"><results>']
    patterns = root.findall("s:pattern", ns)
    out += [f'<xsl:apply-templates select="/" mode="p{i}"/>' for i in range(len(patterns))]
    out.append("</results></xsl:template>")
    for i, pattern in enumerate(patterns):
        pid = pattern.get("id") or f"pattern {i}"
        out.append(f'<xsl:template match="/|@*|node()" mode="p{i}" priority="-100">'
                   f'<xsl:apply-templates select="@*|node()" mode="p{i}"/></xsl:template>')
        for j, rule in enumerate(pattern.findall("s:rule", ns)):
            body = []
            for check in rule:
                if not isinstance(check.tag, str):
                    continue
                kind = etree.QName(check).localname
                if kind not in ("assert", "report"):
                    continue
                test = check.get("test")
                cond = f"not({test})" if kind == "assert" else test
                message = " ".join("".join(check.itertext()).split())
                body.append(f"<xsl:if test={quoteattr(cond)}><failed pattern={quoteattr(pid)} "
                            f'location="{{path()}}">'
                            f"<xsl:text>{_escape(message)}</xsl:text></failed></xsl:if>")
            out.append(f'<xsl:template match={quoteattr(rule.get("context") or "")} mode="p{i}" priority="{1000 - j}">'
                       + "".join(body) + f'<xsl:apply-templates select="@*|node()" mode="p{i}"/></xsl:template>')
    out.append("</xsl:stylesheet>")
    return "\n".join(out)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Schematron:
    """A compiled schema; ``failures(xml_bytes)`` lists every failed assert."""

    def __init__(self, path: Path) -> None:
        from saxonche import PySaxonProcessor

        self._proc = PySaxonProcessor(license=False)
        self._exe = self._proc.new_xslt30_processor().compile_stylesheet(stylesheet_text=compile_schematron(path))

    def failures(self, data: bytes) -> list[tuple[str, str, str]]:
        """Each failed assert as (pattern id, message, location)."""
        doc = self._proc.parse_xml(xml_text=data.decode("utf-8").removeprefix("\ufeff"))
        result = self._exe.transform_to_string(xdm_node=doc)
        return [(f.get("pattern") or "", f.text or "", f.get("location") or "")
                for f in etree.fromstring(result.encode("utf-8")).iter("failed")]
