"""The review round: `write_review` proposes, a person edits, `apply_review` adds what was accepted.

A review file (YAML) holds two lists, most rows first:

* ``variants``: spellings that resolved to a known entity (or joined its spellings in a
  cluster) but are not among its names yet. ``accept: true`` adds them to the entity's
  ``variants``; ``entity:`` may be corrected to another id. A proposal is offered accepted only
  when each of its spellings is a match at a probability of `ACCEPT_PROBABILITY` (0.98) or more.
* ``entities``: clusters of unknown spellings, each a proposed new entity (``romanized``
  and ``arabic`` from its most frequent spellings). ``accept: true`` appends it; an
  ``id`` that already exists adds the spellings to that entity instead.

Remove a spelling's line to leave it out. `apply_review` edits one glossary file
through `glossary.store.write` (comments and order kept, validated, atomic), and
applying the same review twice changes nothing the second time.

Example:
    >>> text = render_review([], [{"entity": "hama", "label": "Hama", "accept": True, "confidence": 0.97,
    ...                            "spellings": [("Hamah", 3, 0.97)]}], [], source="x.csv")
    >>> "entity: \\"hama\\"" in text and "- {text: \\"Hamah\\", count: 3, score: 0.97}" in text
    True
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import GlossaryError, Problem
from ..names import script
from ..store.write import slug as gf_slug

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")

if TYPE_CHECKING:
    from .answers import Resolving
    from .column import ColumnResult

NEAR = 0.4
"""A known entity is listed as 'near' a proposed one when the resolver scored it at least this."""
ACCEPT_PROBABILITY = 0.98
"""A variant proposal is offered as ``accept: true`` only when every one of its spellings is a match
of the resolver at this probability or more (its scores are calibrated: held out, a best candidate
at 0.98 is the right entity 98% of the time, at 0.93 95%; README, "How a name is resolved"), and
none is flagged for review; a spelling that joined the entity through a cluster (whose score is a
similarity, not a probability) is never accepted by default. Adding a wrong variant corrupts the
glossary for every later lookup: a person decides those."""

_HEADER = """\
# glossary dedupe review{source}
# Proposals, most rows first. Edit them, then: glossary --glossary YOUR.yaml apply {name}
#   accept: true / false   add the proposal to the glossary, or leave it out
#   variants:  entity: ID   the entity the spellings are added to (correct it if needed)
#   entities:  id: ID       a new entity's id; an existing id adds the spellings to that entity
#              type, romanized, arabic, english: correct them as needed
#   delete a spelling's line to leave that spelling out; 'near' lists known entities it resembles
"""


def _q(value: Any) -> str:
    """A YAML scalar: JSON's double-quoted strings are valid YAML."""
    return json.dumps(value, ensure_ascii=False)


def proposals(results: Sequence[ColumnResult], glossary: Resolving) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The variant and entity proposals of dedupe results, most rows first.

    Returns:
        ``(variants, entities)``, each a list of plain mappings as `render_review` writes them.
    """
    get = getattr(glossary, "get", None)
    known: dict[str, set[str]] = {}
    by_entity: dict[str, dict[str, Any]] = {}
    for r in results:
        for d in r.decisions.values():
            if d.id is None or d.name.strip() != d.name:
                continue
            if d.id not in known:
                entity = get(d.id) if get else None
                known[d.id] = {n.text for n in entity.names()} if entity is not None else set()
            if d.name in known[d.id]:
                continue
            p = by_entity.setdefault(d.id, {"entity": d.id, "label": d.canonical, "spellings": {}, "review": False})
            prev = p["spellings"].get(d.name)
            p["spellings"][d.name] = (d.name, d.count + (prev[1] if prev else 0), round(d.score, 3))
            p["review"] |= d.review or d.status != "match" or d.score < ACCEPT_PROBABILITY
    variants = []
    for p in by_entity.values():
        sp = sorted(p["spellings"].values(), key=lambda s: (-s[1], s[0]))
        variants.append({"entity": p["entity"], "label": p["label"], "accept": not p["review"],
                         "confidence": min(s[2] for s in sp), "spellings": sp})
    variants.sort(key=lambda p: (-sum(s[1] for s in p["spellings"]), p["entity"]))
    entities: list[dict[str, Any]] = []
    proposed: dict[str, dict[str, Any]] = {}  # a cluster that several columns share is one proposal
    for r in results:
        for c in r.clusters:
            if c.entity is not None:
                continue
            if c.id in proposed:
                proposed[c.id]["column"] += f", {r.column}"
                continue
            latin = [t for t, _ in c.members if script(t) != "arabic"]
            arabic = [t for t, _ in c.members if script(t) == "arabic"]
            near: dict[str, float] = {}
            for t, _ in c.members:
                for eid, s in r.near.get(t, ()):
                    if s >= NEAR:
                        near[eid] = max(near.get(eid, 0.0), s)
            entities.append({
                "id": c.id, "accept": False, "type": "other", "romanized": latin[0] if latin else None,
                "arabic": arabic[0] if arabic else None, "column": r.column, "confidence": round(c.confidence, 3),
                "count": c.count, "near": sorted(near.items(), key=lambda x: (-x[1], x[0]))[:3],
                "spellings": [(t, n, None) for t, n in c.members]})
            proposed[c.id] = entities[-1]
    entities.sort(key=lambda p: (-int(p["count"]), str(p["id"])))
    return variants, entities


def render_review(results: Sequence[ColumnResult], variants: list[dict[str, Any]], entities: list[dict[str, Any]],
                  *, source: str | None = None, name: str = "REVIEW.yaml") -> str:
    """The review file's text: a commented header, then ``variants`` and ``entities``."""
    lines = [_HEADER.format(source=f": {source}" if source else "", name=name), "review: 1"]
    if source:
        lines.append(f"source: {_q(source)}")
    lines.append("variants:" + ("" if variants else " []"))
    for p in variants:
        lines += [f"  - entity: {_q(p['entity'])}    # {p['label']}",
                  f"    accept: {'true' if p['accept'] else 'false'}",
                  f"    confidence: {p['confidence']}",
                  "    spellings:"]
        lines += [f"      - {{text: {_q(t)}, count: {n}, score: {s}}}" for t, n, s in p["spellings"]]
    lines.append("entities:" + ("" if entities else " []"))
    for p in entities:
        lines += [f"  - id: {_q(p['id'])}", f"    accept: {'true' if p['accept'] else 'false'}", f"    type: {p['type']}"]
        for k in ("romanized", "arabic"):
            if p[k]:
                lines.append(f"    {k}: {_q(p[k])}")
        lines += [f"    column: {_q(p['column'])}", f"    confidence: {p['confidence']}", f"    count: {p['count']}"]
        if p["near"]:
            lines.append("    near: [" + ", ".join(f"{{id: {_q(i)}, score: {s}}}" for i, s in p["near"]) + "]")
        lines.append("    spellings:")
        lines += [f"      - {{text: {_q(t)}, count: {n}}}" for t, n, _s in p["spellings"]]
    return "\n".join(lines) + "\n"


def write_review(path: str, results: Sequence[ColumnResult], glossary: Resolving, *,
                 source: str | None = None) -> tuple[int, int]:
    """Write the proposals of dedupe ``results`` to a review file; return (variants, entities) counts."""
    from ..store.write import write_atomic

    variants, entities = proposals(results, glossary)
    write_atomic(path, render_review(results, variants, entities, source=source, name=Path(path).name))
    return len(variants), len(entities)


@dataclass(slots=True)
class ApplySummary:
    """What `apply_review` changed in the glossary file."""

    glossary: str
    variants: dict[str, list[str]] = field(default_factory=dict)
    """Spellings added, by entity id."""
    entities: list[str] = field(default_factory=list)
    """Ids of the entities added."""
    unchanged: int = 0
    """Accepted proposals already in the glossary (nothing to do)."""
    rejected: int = 0
    """Proposals left out (``accept: false``)."""
    written: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape (``--json``)."""
        return {"glossary": self.glossary, "written": self.written, "entities_added": self.entities,
                "variants_added": self.variants, "unchanged": self.unchanged, "rejected": self.rejected}


def _load_review(path: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise GlossaryError([Problem(path, 1, 1, f"cannot read review file: {e}")]) from e
    try:
        doc = YAML(typ="rt").load(text)
    except YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise GlossaryError([Problem(path, (mark.line + 1) if mark else 1, (mark.column + 1) if mark else 1,
                                     f"YAML syntax error: {getattr(e, 'problem', e)}")]) from e
    if not hasattr(doc, "get") or not any(k in doc for k in ("variants", "entities")):
        raise GlossaryError([Problem(path, 1, 1, "not a review file: expected 'variants' and 'entities' lists")])
    return doc


def _at(path: str, node: Any, key: str | None, message: str) -> Problem:
    try:
        line, col = node.lc.key(key) if key is not None and key in node else (node.lc.line, node.lc.col)
    except (AttributeError, KeyError, TypeError):
        line, col = 0, 0
    return Problem(path, line + 1, col + 1, message)


def _spellings(path: str, item: Any, problems: list[Problem]) -> list[str]:
    out = []
    for s in item.get("spellings") or ():
        text = s if isinstance(s, str) else s.get("text") if hasattr(s, "get") else None
        if not isinstance(text, str) or not text.strip():
            problems.append(_at(path, item, "spellings", "a spelling needs a 'text'"))
            continue
        out.append(text.strip())
    return out


def apply_review(review_path: str, glossary_path: str) -> ApplySummary:
    """Add what a review file accepted to a glossary file (comments, order and formatting kept).

    Args:
        review_path: the edited review file.
        glossary_path: the glossary file to change (written atomically, only if something changed).

    Returns:
        An `ApplySummary`; applying the same review again adds nothing.

    Raises:
        GlossaryError: an unreadable or malformed review file, an unknown entity id, a
            result that would not validate; nothing is written then.
    """
    from ..store.edit import locked

    doc = _load_review(review_path)
    with locked(glossary_path):
        return _apply(doc, review_path, glossary_path)


_REVIEW_KEYS = frozenset(("accept", "column", "confidence", "count", "near", "spellings", "label"))
"""A proposal's own keys; the others of a new entity's proposal are its fields."""


def _apply(doc: Any, review_path: str, glossary_path: str) -> ApplySummary:
    from ..store.edit import FIELD_ORDER, relocate
    from ..store.write import GlossaryFile

    gf = GlossaryFile(glossary_path)
    summary = ApplySummary(str(glossary_path))
    made: dict[str, Any] = {}
    problems: list[Problem] = []
    for item in doc.get("variants") or ():
        if not _accepted(review_path, item, problems, summary):
            continue
        target = item.get("entity")
        if gf.find(str(target)) is None:
            problems.append(_at(review_path, item, "entity", f"no entity {target!r} in {glossary_path}"))
            continue
        _add(gf, str(target), _spellings(review_path, item, problems), summary)
    for item in doc.get("entities") or ():
        if not _accepted(review_path, item, problems, summary):
            continue
        texts = _spellings(review_path, item, problems)
        target = str(item.get("id") or "") or next(
            (o for o in (gf.owner_of(str(t)) for t in (item.get("romanized"), item.get("arabic")) if t) if o), "")
        if target and gf.find(target) is not None:
            _add(gf, target, [t for t in (item.get("romanized"), item.get("arabic"), item.get("english")) if t] + texts,
                 summary)
            continue
        fields = {k: v for k, v in item.items() if k not in _REVIEW_KEYS}
        firsts = {fields.get("romanized"), fields.get("arabic"), fields.get("english")}
        known = {v if isinstance(v, str) else v.get("text") for v in fields.get("variants") or () if v}
        fields["variants"] = list(fields.get("variants") or ()) + [
            t for t in dict.fromkeys(texts) if t not in firsts and t not in known]
        if not (fields.get("romanized") or fields.get("arabic")):
            problems.append(_at(review_path, item, None, "a new entity needs 'romanized' or 'arabic'"))
            continue
        if target and not _SLUG.match(target):
            problems.append(_at(review_path, item, "id", f"id {target!r} is not a slug (lowercase a-z, 0-9 and '-', "
                                                         f"e.g. {gf_slug(target)!r}); nothing is renamed for you"))
            continue
        rank = {k: i for i, k in enumerate(FIELD_ORDER)}
        fields = {k: _quoted(v) for k, v in sorted(fields.items(), key=lambda kv: rank.get(kv[0], len(rank)))}
        new_id = gf.add_entity(fields)
        made[new_id] = item
        summary.entities.append(new_id)

    def blame(eid: str, key: str | None) -> Problem | None:
        item = made.get(eid)
        if item is None:
            return None
        return _at(review_path, item, key, f"new entity {eid!r}: ")

    found = relocate(gf.problems(), gf, blame)
    if problems or found:
        raise GlossaryError(problems + found)
    summary.written = gf.save()
    return summary


def _quoted(value: Any) -> Any:
    """``value`` with every string that holds a ':' double-quoted: ruamel writes "https://…" plain
    inside a flow mapping ({url: https://…}), which it then cannot read back."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, str):
        return DoubleQuotedScalarString(value) if ":" in value else value
    if isinstance(value, list):
        for i, v in enumerate(value):
            value[i] = _quoted(v)
    elif isinstance(value, dict):
        for k in list(value):
            value[k] = _quoted(value[k])
    return value


def _accepted(path: str, item: Any, problems: list[Problem], summary: ApplySummary) -> bool:
    if not hasattr(item, "get"):
        problems.append(Problem(path, 1, 1, "a proposal must be a mapping"))
        return False
    accept = item.get("accept")
    if not isinstance(accept, bool):
        problems.append(_at(path, item, "accept" if "accept" in item else None,
                            f"'accept' must be true or false, not {accept!r}"))
        return False
    if not accept:
        summary.rejected += 1
    return accept


def _add(gf: Any, target: str, texts: Iterable[str], summary: ApplySummary) -> None:
    added = gf.add_variants(target, texts)
    if added:
        summary.variants.setdefault(target, []).extend(added)
    else:
        summary.unchanged += 1
