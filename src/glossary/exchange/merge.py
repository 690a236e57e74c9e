"""Import as a merge preview: incoming entities resolved against the loaded glossary, then a review file.

Each incoming entity is matched to a known one by its id (when its names agree) or by its
canonical names (``Glossary.resolve``: a match at the resolver's threshold); else it is new.
The preview lists

* **new entities**: every field kept (``accept: true``);
* **new variants**: names of a known entity the glossary does not record yet (``accept: true``);
* **conflicts**: a name claimed by two entities (the glossary's and the file's, or two of the
  file's), and an incoming id that names another entity in the glossary (its proposal is
  given a free id and ``accept: false``). A conflicting name is proposed nowhere.

The review file is the one ``glossary apply`` takes (`glossary.dedupe.review`): nothing is
written to a glossary before that.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..glossary import Glossary

_NAME_FIELDS = ("romanized", "arabic", "vocalized", "english")


def names_of(d: dict[str, Any]) -> list[str]:
    """Every name text of an entity mapping (canonical fields, variants, abbreviations, former names)."""
    out = [d[k] for k in _NAME_FIELDS if isinstance(d.get(k), str)]
    out += [v if isinstance(v, str) else str(v.get("text", "")) for v in d.get("variants") or ()]
    out += [str(a) for a in d.get("abbreviations") or ()]
    for f in d.get("former_names") or ():
        if isinstance(f, dict):
            out += names_of(f)
    return [t for t in dict.fromkeys(out) if t]


@dataclass(slots=True)
class Preview:
    """What an import would change; `render` writes it as a review file."""

    source: str
    entities: list[dict[str, Any]] = field(default_factory=list)
    variants: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    unchanged: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape (``glossary import --json``)."""
        return {"source": self.source, "new_entities": [e["id"] for e in self.entities],
                "new_variants": {v["entity"]: v["spellings"] for v in self.variants},
                "conflicts": self.conflicts, "unchanged": self.unchanged}


def preview(glossary: Glossary, incoming: list[tuple[int, dict[str, Any]]], *, source: str) -> Preview:
    """Resolve every incoming entity and name against ``glossary``; nothing is written."""
    from ..store.write import slug

    p = Preview(source)
    known_ids = {e.id for e in glossary.entities} if len(glossary) else set()
    claimed: dict[str, str] = {}  # name -> incoming id that claimed it first
    taken = set(known_ids)
    for line, d in incoming:
        d = dict(d)
        eid = str(d.get("id") or slug(str(d.get("romanized") or d.get("english") or "")))
        names = names_of(d)
        target = _target(glossary, d, eid, known_ids)
        if eid in known_ids and target != eid:
            free = _free(eid, taken)
            p.conflicts.append({"kind": "id", "id": eid, "line": line,
                                "message": f"the file's {eid!r} is not the glossary's {eid!r}; proposed as {free!r}"})
            eid, target = free, None
        clean = []
        for name in names:
            owner = claimed.setdefault(name, eid)
            other = owner if owner != eid else _owner(glossary, name, target)
            if other and other != (target or eid):
                p.conflicts.append({"kind": "name", "name": name, "claimed_by": sorted({other, target or eid}),
                                    "line": line})
                continue
            clean.append(name)
        if target is not None:
            entity = glossary.get(target)
            have = {n.text for n in entity.names()} if entity is not None else set()
            new = [n for n in clean if n not in have]
            if new:
                p.variants.append({"entity": target, "label": entity.label if entity else target, "spellings": new})
            else:
                p.unchanged += 1
            continue
        taken.add(eid)
        d["id"] = eid
        dropped = set(names) - set(clean)
        if dropped:
            d["variants"] = [v for v in d.get("variants") or () if (v if isinstance(v, str) else v.get("text")) not in dropped]
        p.entities.append({"accept": not any(c.get("line") == line for c in p.conflicts), **d})
    return p


def _target(glossary: Glossary, d: dict[str, Any], eid: str, known_ids: set[str]) -> str | None:
    """The known entity an incoming one is: same id and names that agree, else its names' match."""
    votes: dict[str, int] = {}
    for k in ("romanized", "arabic", "english"):
        text = d.get(k)
        if isinstance(text, str) and text and known_ids:
            r = glossary.resolve(text)
            if r.status == "match" and r.match is not None:
                votes[r.match.id] = votes.get(r.match.id, 0) + 1
    if eid in known_ids:
        if votes:
            return eid if eid in votes else None
        known = glossary.get(eid)  # no name resolved: the same id is the same entity only if type or a name agree
        same = known is not None and (known.type == d.get("type") or bool(set(names_of(d)) & {n.text for n in known.names()}))
        return eid if same else None
    return max(votes, key=lambda k: (votes[k], k)) if votes else None


def _owner(glossary: Glossary, name: str, target: str | None) -> str | None:
    """The known entity that records exactly this name, when it is not ``target``."""
    if not len(glossary):
        return None
    r = glossary.resolve(name)
    if r.match is None or r.match.level != "exact" or r.match.id == target:
        return None
    entity = glossary.get(r.match.id)
    return r.match.id if entity is not None and name in {n.text for n in entity.names()} else None


def _free(base: str, taken: set[str]) -> str:
    k = 2
    while f"{base}-{k}" in taken:
        k += 1
    return f"{base}-{k}"


def _q(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


_HEADER = """\
# glossary import review: {source}
# Edit, then: glossary --glossary YOUR.yaml apply {name}
#   entities:  new entities, every field as imported (accept: false where a conflict was found)
#   variants:  names of known entities that the glossary does not record yet
#   conflicts: names claimed by two entities, and ids that name another entity (not applied)
"""


def render(p: Preview, *, name: str = "REVIEW.yaml") -> str:
    """The review file of an import preview (the format ``glossary apply`` reads)."""
    lines = [_HEADER.format(source=p.source, name=name), "review: 1", f"source: {_q(p.source)}"]
    lines.append("variants:" + ("" if p.variants else " []"))
    for v in p.variants:
        lines += [f"  - entity: {_q(v['entity'])}    # {v['label']}", "    accept: true", "    spellings:"]
        lines += [f"      - {{text: {_q(t)}}}" for t in v["spellings"]]
    lines.append("entities:" + ("" if p.entities else " []"))
    for e in p.entities:
        lines += [f"  - id: {_q(e['id'])}", f"    accept: {'true' if e['accept'] else 'false'}"]
        lines += [f"    {k}: {_q(v)}" for k, v in e.items() if k not in ("id", "accept")]
    lines.append("conflicts:" + ("" if p.conflicts else " []"))
    lines += [f"  - {_q(c)}" for c in p.conflicts]
    return "\n".join(lines) + "\n"

