"""Mermaid and Graphviz diagrams of a rule set's transition table."""

from __future__ import annotations

from adminflow.dossiers._rules import rule_set
from adminflow.dossiers._status import TERMINAL_STATUSES
from adminflow.errors import InvalidValueError

__all__ = ["diagram"]

_FORMATS = ("mermaid", "dot")


def diagram(rules: str = "118/2025", *, format: str = "mermaid") -> str:
    """The state diagram of a rule set, generated from its transition table.

    Args:
        rules: The rule set's code (``"61/2018"``, ``"118/2025"``, ``"309/2026"``).
        format: ``"mermaid"`` (a ``stateDiagram-v2``) or ``"dot"`` (Graphviz).

    Returns:
        The diagram's text; each edge is labelled with its command.

    Raises:
        NotFoundError: Unknown rule set.
        InvalidValueError: Unknown format.

    Examples:
        >>> print(diagram("118/2025").splitlines()[1])
            [*] --> submitted: submit
    """
    table = rule_set(rules)
    if format not in _FORMATS:
        raise InvalidValueError("format", format, f"must be one of {', '.join(_FORMATS)}")
    edges: dict[tuple[str, str], list[str]] = {}
    for t in table.transitions:
        source = "[*]" if t.source is None else t.source.value
        labels = edges.setdefault((source, t.dest.value), [])
        if t.trigger not in labels:
            labels.append(t.trigger)
    if format == "mermaid":
        lines = ["stateDiagram-v2"]
        lines += [f"    {s} --> {d}: {', '.join(ls)}" for (s, d), ls in edges.items()]
        lines += [f"    {s.value} --> [*]" for s in sorted(TERMINAL_STATUSES)]
        return "\n".join(lines) + "\n"
    lines = [f'digraph "{table.code}" {{', "    rankdir=LR;", "    start [shape=point];"]
    for status in sorted(TERMINAL_STATUSES):
        lines.append(f"    {status.value} [shape=doublecircle];")
    for (s, d), ls in edges.items():
        source = "start" if s == "[*]" else s
        lines.append(f'    {source} -> {d} [label="{", ".join(ls)}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"
