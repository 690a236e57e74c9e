"""The command line's tables: which columns each has, in what order they go when space runs out,
and their headings in the interface language (laid out by `glossary.cli.layout`).

Each builder returns the columns and the rows as text; `glossary.cli.state.State.table` lays them
out at the output's width. An id column folds after its hyphens before the text columns wrap,
scores are right-aligned, and the columns a reader can best do without go first
(`glossary.cli.layout.Column.drop`: the highest first).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..i18n import N_
from .layout import Column

if TYPE_CHECKING:
    from ..dedupe import DedupeSummary
    from ..i18n import Locale
    from ..match import Resolution, SearchHit
    from ..model import Entity

Table = tuple[list[Column], list[list[str]]]
"""Columns and rows of text."""


def _id(t: Locale) -> Column:
    return Column(t.label("id"), fold=True, weight=0.5)


def search_hits(hits: Sequence[SearchHit], arabic_of: Callable[[str], str], t: Locale) -> Table:
    """`search`: entity, its name in both scripts, type, the name that matched, score."""
    columns = [_id(t), Column(t.label("name")), Column(t.label("arabic"), drop=1), Column(t.label("type"), drop=3),
               Column(t.label("match"), drop=4), Column(t.label("score"), align="right", drop=2)]
    return columns, [[h.id, h.label, arabic_of(h.id), t.label(h.type), h.name, t.number(h.score)] for h in hits]


def entity_list(entities: Sequence[Entity], t: Locale) -> Table:
    """`list`: one row per entity with both scripts."""
    columns = [_id(t), Column(t.label("type"), drop=3), Column(t.label("romanized")), Column(t.label("arabic"), drop=1),
               Column(t.label("english"), drop=2)]
    return columns, [[e.id, t.label(e.type), e.romanized or "", e.arabic or "", e.english or ""] for e in entities]


def resolutions(items: Sequence[Resolution], t: Locale) -> Table:
    """`resolve`: query (with the reading that answered, when not as written), status, entity,
    matched name, level, score."""
    columns = [Column(t.label("query")), Column(t.label("status"), drop=2), _id(t), Column(t.label("match"), drop=3),
               Column(t.label("level"), drop=4), Column(t.label("score"), align="right")]
    rows = []
    for r in items:
        m = r.match
        query = _shown_query(r)
        rows.append([query, t.gettext(_STATUS.get(r.status, r.status)), m.id if m else "", m.name if m else "",
                     m.level if m else "", t.number(m.score) if m else ""])
    return columns, rows


def _shown_query(r: Resolution) -> str:
    """The query as written, and the reading that answered when it is another (`Resolution.reading`:
    family name first, titles, a settlement word, one part of a cell)."""
    return r.query if r.reading is None else f"{r.query} → {r.reading}"


def explanation(r: Resolution, t: Locale, top: int = 4) -> tuple[str, Table]:
    """`resolve --explain`: a line of the query's keys, threshold and margin, then each candidate
    with the evidence that scored it: the features that moved its log-odds most (signed), or the
    cell of the acronym table."""
    e = r.explanation or {}
    keys = " · ".join(f"{k} {v}" for k, v in e.get("query_keys", {}).items() if v)
    head = t.gettext("{query}: keys {keys}; threshold {threshold}, margin {margin}").format(
        query=_shown_query(r), keys=keys, threshold=t.digits(f"{e.get('threshold', 0.0):g}"),
        margin=t.digits(f"{e.get('margin', 0.0):g}"))
    columns = [_id(t), Column(t.label("name"), drop=3), Column(t.label("level"), drop=4),
               Column(t.label("score"), align="right"), Column(t.gettext("weak"), drop=2),
               Column(t.gettext("evidence"), drop=1)]
    rows = []
    for c in e.get("candidates", ()):
        if "acronym" in c:
            why = t.gettext("acronym table ({cell})").format(cell=c["acronym"])
        else:
            parts = list(c.get("contributions", {}).items())[:top]
            why = ", ".join(f"{name} {value:+.2f}" for name, value in parts)
        rows.append([c["id"], c["name"], c["level"], t.number(c["probability"]), c.get("weak") or "", why])
    return head, (columns, rows)


_STATUS = {"match": N_("match"), "none": N_("none"), "ambiguous": N_("ambiguous")}
"""A resolution's status as the table says it."""


def schemes_table(rows: Sequence[Mapping[str, Any]], t: Locale) -> Table:
    """`schemes`: each romanization scheme with its standard and an example."""
    columns = [Column(t.gettext("scheme")), Column(t.gettext("standard"), drop=1), Column(t.gettext("example"))]
    return columns, [[str(r["name"]), str(r.get("standard", "")),
                      f"{r.get('example_input', '')} → {r.get('example_output', '')}"] for r in rows]


def romanizations_table(rows: Sequence[tuple[str, str, bool]], t: Locale) -> Table:
    """`translit --all`: one row per scheme, inexact results marked."""
    columns = [Column(t.gettext("scheme")), Column(t.label("schemes")), Column("", drop=1)]
    return columns, [[scheme, text, "" if exact else "~" + t.label("approximate")] for scheme, text, exact in rows]


def headed(headers: Sequence[str], rows: Sequence[Sequence[str]], t: Locale) -> Table:
    """The table under "did you mean" or "ambiguous" (`glossary.card`): ids fold, scores right."""
    columns = []
    for h in headers:
        if h == t.label("id"):
            columns.append(_id(t))
        elif h == t.label("score"):
            columns.append(Column(h, align="right"))
        elif h == t.label("type"):
            columns.append(Column(h, drop=1))
        else:
            columns.append(Column(h))
    return columns, [list(r) for r in rows]


def dedupe_summary(s: DedupeSummary, t: Locale) -> Table:
    """`dedupe`'s summary: per column, distinct names and rows in each kind of decision."""
    kinds = [("names", t.gettext("distinct names")), ("resolved", t.gettext("resolved")),
             ("clustered", t.gettext("clustered")), ("singletons", t.gettext("singletons")),
             ("review", t.gettext("to review"))]
    drops = {"names": 0, "resolved": 0, "clustered": 2, "singletons": 3, "review": 1}
    columns = [Column(t.gettext("column"))] + [Column(h, align="right", drop=drops[k]) for k, h in kinds]
    rows = []
    for c in s.columns:
        m = c.summary()
        rows.append([c.column] + [t.ngettext("{n} ({rows} row)", "{n} ({rows} rows)", m[k]["rows"]).format(
            n=t.count(m[k]["distinct"]), rows=t.count(m[k]["rows"])) for k, _ in kinds])
    return columns, rows
