"""The workflow's state diagram: read Mermaid ``stateDiagram`` text and lay it out in layers.

The report draws the diagram with plotly like its other charts, so the page needs no Mermaid
JavaScript (which it could not fetch when viewed offline). This module is pure Python: it reads
the subset of Mermaid that a state machine's transition table produces and places the states in
left-to-right layers (a small Sugiyama layout: back edges reversed, longest-path layers,
barycentre ordering).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import attrs

from adminflow.errors import InvalidValueError

__all__ = ["END", "START", "Edge", "StateGraph", "layout", "parse_mermaid"]

#: Node names of the pseudo-states ``[*]`` at the start and at the end.
START = "[*]start"
END = "[*]end"

_NAME = r"[^\s:\-<>{}\"]+(?:-[^\s:\-<>{}\"]+)*"
_TRANSITION = re.compile(
    rf"(?P<src>\[\*\]|{_NAME})\s*-->\s*(?P<dst>\[\*\]|{_NAME})(?:\s*:\s*(?P<label>.*))?"
)
_STATE_AS = re.compile(rf'state\s+"(?P<label>[^"]*)"\s+as\s+(?P<name>{_NAME})\s*(?P<rest>.*)')
_STATE = re.compile(rf"state\s+(?P<name>{_NAME})\s*(?P<rest>.*)")
_DESCRIPTION = re.compile(rf"(?P<name>{_NAME})\s*:\s*(?P<label>.*)")
_IGNORED = re.compile(r"(direction|classDef|class|style|linkStyle|accTitle|accDescr)\b.*")
_NOTE_LINE = re.compile(r"note\s+(left|right)\s+of\s+\S+\s*:.*")
_NOTE_BLOCK = re.compile(r"note\s+(left|right)\s+of\s+\S+\s*")


@attrs.frozen(slots=True)
class Edge:
    """A transition from one state to another, with the events that fire it."""

    source: str
    target: str
    label: str


@attrs.frozen(slots=True)
class StateGraph:
    """States (in order of first mention), their display labels, and the transitions."""

    states: tuple[str, ...]
    labels: dict[str, str]
    edges: tuple[Edge, ...]


def _strip_class(name: str) -> str:
    return name.split(":::", 1)[0]


def parse_mermaid(text: Any) -> StateGraph:
    r"""Read a Mermaid ``stateDiagram`` / ``stateDiagram-v2`` into a :class:`StateGraph`.

    Understood: ``A --> B``, ``A --> B : label``, ``[*]`` at either end, ``state "Label" as A``,
    ``A : label``, ``state A <<choice>>``, composite ``state A {`` ... ``}`` (flattened), notes,
    comments (``%%``) and styling lines (``direction``, ``classDef``, ``class``, ``style``),
    which are skipped. Transitions between the same two states are merged, their labels joined.

    Examples:
        >>> text = "stateDiagram-v2\n[*] --> received\nreceived --> done : approve"
        >>> g = parse_mermaid(text)
        >>> [(e.source, e.target, e.label) for e in g.edges]
        [('[*]start', 'received', ''), ('received', 'done', 'approve')]

    Raises:
        InvalidValueError: If the text is not a state diagram or has a line this reader cannot
            draw (the message names the line).
    """
    if not isinstance(text, str):
        raise InvalidValueError("diagram", text, "must be Mermaid text")
    lines = [line.strip() for line in text.splitlines()]
    body = [(n, line) for n, line in enumerate(lines, 1) if line and not line.startswith("%%")]
    if not body or body[0][1] not in ("stateDiagram", "stateDiagram-v2"):
        raise InvalidValueError("diagram", text[:60], "must start with 'stateDiagram-v2'")
    states: dict[str, None] = {}
    labels: dict[str, str] = {}
    merged: dict[tuple[str, str], list[str]] = {}
    in_note = False
    for number, line in body[1:]:
        if in_note:
            in_note = line != "end note"
            continue
        if line == "}" or _IGNORED.fullmatch(line) or _NOTE_LINE.fullmatch(line):
            continue
        if _NOTE_BLOCK.fullmatch(line):
            in_note = True
            continue
        if match := _TRANSITION.fullmatch(line):
            src = START if match["src"] == "[*]" else _strip_class(match["src"])
            dst = END if match["dst"] == "[*]" else _strip_class(match["dst"])
            states.update(dict.fromkeys((src, dst)))
            labels_of_edge = merged.setdefault((src, dst), [])
            label = (match["label"] or "").strip()
            if label and label not in labels_of_edge:
                labels_of_edge.append(label)
        elif match := _STATE_AS.fullmatch(line):
            name = _strip_class(match["name"])
            states.setdefault(name)
            labels[name] = match["label"]
        elif (match := _STATE.fullmatch(line)) and match["rest"] in (
            "",
            "{",
            "<<choice>>",
            "<<fork>>",
            "<<join>>",
        ):
            states.setdefault(_strip_class(match["name"]))
        elif match := _DESCRIPTION.fullmatch(line):
            name = _strip_class(match["name"])
            states.setdefault(name)
            labels[name] = match["label"].strip()
        else:
            raise InvalidValueError(f"diagram line {number}", line, "not a state diagram statement")
    edges = tuple(Edge(s, t, " / ".join(names)) for (s, t), names in merged.items())
    return StateGraph(tuple(states), labels, edges)


def layout(graph: StateGraph) -> dict[str, tuple[float, float]]:
    """Place every state: ``x`` is its layer (left to right), ``y`` its rank within the layer.

    Cycles (supplement loops, corrections) are broken by reversing the edges that a depth-first
    walk from the start finds pointing back; layers are longest paths over what remains, and
    each layer is ordered by the mean position of its predecessors (four sweeps).

    Returns:
        ``{state: (x, y)}``, with the layers centred on ``y = 0``.
    """
    successors: dict[str, list[str]] = defaultdict(list)
    for edge in graph.edges:
        if edge.source != edge.target:
            successors[edge.source].append(edge.target)
    back: set[tuple[str, str]] = set()
    seen: set[str] = set()
    on_stack: set[str] = set()
    roots = [START] if START in graph.states else []
    for root in [*roots, *graph.states]:
        if root in seen:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        seen.add(root)
        on_stack.add(root)
        while stack:
            node, i = stack[-1]
            if i < len(successors[node]):
                stack[-1] = (node, i + 1)
                nxt = successors[node][i]
                if nxt in on_stack:
                    back.add((node, nxt))
                elif nxt not in seen:
                    seen.add(nxt)
                    on_stack.add(nxt)
                    stack.append((nxt, 0))
            else:
                on_stack.discard(node)
                stack.pop()
    forward = [
        (s, t)
        for s in graph.states
        for t in successors[s]
        if (s, t) not in back and t != START and s != END
    ]
    layer = dict.fromkeys(graph.states, 0)
    for _ in graph.states:  # longest path: relax until stable (the forward edges are acyclic)
        changed = False
        for s, t in forward:
            if layer[t] < layer[s] + 1:
                layer[t] = layer[s] + 1
                changed = True
        if not changed:
            break
    if END in layer:
        layer[END] = max(layer.values()) + (1 if len(layer) > 1 else 0)
    layers: dict[int, list[str]] = defaultdict(list)
    for state in graph.states:
        layers[layer[state]].append(state)
    predecessors: dict[str, list[str]] = defaultdict(list)
    for s, t in forward:
        predecessors[t].append(s)
    rank = {state: float(i) for members in layers.values() for i, state in enumerate(members)}
    for _ in range(4):
        for depth in sorted(layers):
            members = layers[depth]

            current = {state: rank[state] for state in members}
            members.sort(
                key=lambda state: (
                    sum(rank[p] for p in predecessors[state]) / len(predecessors[state])
                    if predecessors[state]
                    else current[state]
                )
            )
            offset = (len(members) - 1) / 2
            for i, state in enumerate(members):
                rank[state] = i - offset
    return {state: (float(layer[state]), -rank[state]) for state in graph.states}
