"""YAML composed into nodes one entity at a time, with bounds on what aliases and nesting may cost.

`document(path, text)` reads the parser's events (libyaml, through ruamel.yaml's C parser) and
composes them into ruamel.yaml's node types, as ``YAML.compose`` does, with three differences:

* the items of the top-level ``entities`` list are handed out one at a time as each is
  complete (`Entity nodes`) and then dropped, so memory holds one entity's nodes, not the
  whole file's (a 50 MB glossary composed whole takes some 1.3 GB of nodes);
* aliases are bounded: at most `MAX_ALIASES` of them, and a document whose aliases, expanded,
  would hold more than `MAX_EXPANSION` nodes beyond those written is refused (a "billion laughs"
  alias bomb of 360 bytes otherwise expands to millions of values under a field the tool keeps),
  as is an alias inside the node it names (a recursive alias); the problem names the alias's
  line and column;
* nesting deeper than `MAX_DEPTH` is refused, and composing is a loop, not a recursion.

Problems raise `ComposeError`, whose `Problem` carries the position.

Example:
    >>> items = list(document("g.yaml", "entities:\\n  - id: a\\n  - id: b\\n"))
    >>> [type(n).__name__ for kind, n in items], [k for k, _ in items]
    (['MappingNode', 'MappingNode', 'MappingNode'], ['entity', 'entity', 'root'])
    >>> bomb = "a: &a [x, x]\\nb: &b [*a, *a]\\nc: &c [*b, *b]\\nd: [*c, *c, *c]\\n"
    >>> list(document("g.yaml", bomb, max_expansion=10))
    Traceback (most recent call last):
    glossary.store.compose.ComposeError: g.yaml:3:8: YAML alias *b would expand the document beyond 10 more nodes than it holds (aliases are bounded: write the values out)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..errors import GlossaryError, Problem, problem_at

MAX_DEPTH = 64
"""Levels of nesting a glossary file may have (an entity needs four)."""
MAX_ALIASES = 1000
"""Aliases (``*name``) a glossary file may use."""
MAX_EXPANSION = 100_000
"""Nodes the aliases of a file may add, expanded, to those it holds."""
_SEQ = "tag:yaml.org,2002:seq"


class ComposeError(GlossaryError):
    """A file that cannot be composed: a syntax error, or a bound passed (see the module docstring)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__([problem])
        self.problem = problem


class _Frame:
    """A collection being composed: its node, children so far, expanded size, anchor."""

    __slots__ = ("node", "children", "size", "anchor", "stream")

    def __init__(self, node: Any, anchor: str | None, stream: bool = False) -> None:
        self.node = node
        self.children: list[Any] = []
        self.size = 1
        self.anchor = anchor
        self.stream = stream


def document(path: str, text: str, *, max_expansion: int = MAX_EXPANSION, max_aliases: int = MAX_ALIASES,
             max_depth: int = MAX_DEPTH) -> Iterator[tuple[str, Any]]:
    """The nodes of a one-document YAML text: ``("entity", node)`` for each item of the top-level
    ``entities`` list as it is complete, then ``("root", node)``: the document (None when empty),
    its ``entities`` list emptied when it was handed out item by item.

    Raises:
        ComposeError: a syntax error, a second document, an undefined or recursive alias, an
            alias bomb, or nesting too deep (``file:line:column``).
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        yield from _compose(path, YAML(typ="safe", pure=False), text, max_expansion, max_aliases, max_depth)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line, mark.column) if mark is not None else (0, 0)
        what = " ".join(x for x in (e.context, e.problem) if x)
        raise ComposeError(problem_at(path, line, col, f"YAML syntax error: {what}")) from None
    except YAMLError as e:
        raise ComposeError(Problem(path, 1, 1, f"YAML error: {e}")) from None


def _compose(path: str, yaml: Any, text: str, max_expansion: int, max_aliases: int,
             max_depth: int) -> Iterator[tuple[str, Any]]:
    from ruamel.yaml.events import (AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
                                    SequenceEndEvent, SequenceStartEvent)
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    resolver = yaml.Resolver()
    quoted = resolver.resolve(ScalarNode, "", (False, True))  # what a quoted scalar is: a string
    collections = {cls: resolver.resolve(cls, None, True) for cls in (MappingNode, SequenceNode)}
    plain: dict[str, Any] = {}  # a plain scalar's resolved tag, by its text (short ones: true, 5, ~ ...)
    anchors: dict[str, tuple[Any, int]] = {}  # name -> (node, its size with aliases expanded)
    open_anchors: set[str] = set()
    stack: list[_Frame] = []
    root: Any = None
    documents = aliases = extra = 0
    streamed = False

    def fail(mark: Any, message: str) -> ComposeError:
        return ComposeError(problem_at(path, mark.line, mark.column, message))

    def add(node: Any, size: int) -> Iterator[tuple[str, Any]]:
        """A complete node: into its parent, or handed out (an entity), or the root."""
        nonlocal root
        if not stack:
            root = node
        elif stack[-1].stream:
            yield "entity", node
        else:
            stack[-1].children.append(node)
            stack[-1].size += size

    for event in yaml.parse(text):
        kind = type(event)
        if kind is ScalarEvent:
            tag = event.tag
            if tag is None or tag == "!":
                value, implicit = event.value, event.implicit
                if not implicit[0] and implicit[1]:
                    tag = quoted
                elif implicit[0] and len(value) <= 16:
                    tag = plain.get(value)
                    if tag is None:
                        tag = plain[value] = resolver.resolve(ScalarNode, value, implicit)
                else:
                    tag = resolver.resolve(ScalarNode, value, implicit)
            scalar = ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
            if event.anchor is not None:
                anchors[event.anchor] = (scalar, 1)
            yield from add(scalar, 1)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if len(stack) >= max_depth:
                raise fail(event.start_mark, f"YAML nested deeper than {max_depth} levels")
            cls = MappingNode if kind is MappingStartEvent else SequenceNode
            tag = event.tag
            if tag is None or tag == "!":
                tag = collections[cls] if event.implicit else resolver.resolve(cls, None, event.implicit)
            node = cls(tag, [], event.start_mark, None, flow_style=event.flow_style)
            # the top-level 'entities' list (its first occurrence), when it is a plain list: item by item
            parent = stack[0] if len(stack) == 1 else None
            stream = (not streamed and cls is SequenceNode and str(tag) == _SEQ and parent is not None
                      and type(parent.node) is MappingNode and len(parent.children) % 2 == 1
                      and type(parent.children[-1]) is ScalarNode and parent.children[-1].value == "entities")
            streamed |= stream
            if event.anchor is not None:
                open_anchors.add(event.anchor)
            stack.append(_Frame(node, event.anchor, stream))
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            frame = stack.pop()
            node = frame.node
            node.end_mark = event.end_mark
            kids = frame.children
            node.value = list(zip(kids[::2], kids[1::2])) if type(node) is MappingNode else kids
            if frame.anchor is not None:
                open_anchors.discard(frame.anchor)
                anchors[frame.anchor] = (node, frame.size)
            yield from add(node, frame.size)
        elif kind is AliasEvent:
            name = event.anchor
            if name in open_anchors:
                raise fail(event.start_mark, f"YAML alias *{name} is inside the node it names (a recursive alias)")
            if name not in anchors:
                raise fail(event.start_mark, f"YAML syntax error: found undefined alias *{name}")
            node, size = anchors[name]
            aliases += 1
            extra += size
            if aliases > max_aliases:
                raise fail(event.start_mark, f"more than {max_aliases} YAML aliases (aliases are bounded: "
                                             "write the values out)")
            if extra > max_expansion:
                raise fail(event.start_mark, f"YAML alias *{name} would expand the document beyond {max_expansion} "
                                             "more nodes than it holds (aliases are bounded: write the values out)")
            yield from add(node, size)
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise fail(event.start_mark, "YAML syntax error: expected a single document in the stream "
                                             "but found another document")
    yield "root", root
