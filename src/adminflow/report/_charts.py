"""The report's charts, drawn with plotly (the ``report`` extra).

plotly is imported only here, when a chart is drawn; without it the functions raise
:class:`~adminflow.errors.MissingDependencyError` naming the extra to install.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from adminflow.errors import MissingDependencyError
from adminflow.report._diagram import END, START, StateGraph, layout
from adminflow.report._series import CHANNELS, Summary

__all__ = [
    "arrivals_chart",
    "full_online_chart",
    "on_time_chart",
    "processing_time_chart",
    "state_diagram_chart",
]

CHANNEL_NAMES: dict[str, str] = {
    "online": "Online",
    "in_person": "In person",
    "postal": "Postal",
    "kiosk": "Smart kiosk",
}
_CHANNEL_COLOURS: dict[str, str] = {
    "online": "#0f766e",
    "in_person": "#2563eb",
    "postal": "#d97706",
    "kiosk": "#7c3aed",
}
_FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13}


def _go() -> Any:
    try:
        import plotly.graph_objects as go
    except ImportError:
        raise MissingDependencyError(
            "plotly", extra="report", feature="the HTML report's charts"
        ) from None
    return go


def _figure(go: Any, *, height: int, **layout: Any) -> Any:
    figure = go.Figure()
    settings: dict[str, Any] = {
        "template": "plotly_white",
        "font": _FONT,
        "height": height,
        "margin": {"l": 60, "r": 20, "t": 30, "b": 50},
        "legend": {"orientation": "h", "y": 1.08, "x": 0},
    }
    figure.update_layout(**{**settings, **layout})
    return figure


def arrivals_chart(summary: Summary) -> Any:
    """Stacked bars: dossiers that arrived each week, by filing channel."""
    go = _go()
    figure = _figure(
        go,
        height=380,
        barmode="stack",
        xaxis={"title": "week starting"},
        yaxis={"title": "dossiers"},
    )
    order = [c for c in CHANNELS if c in summary.arrivals]
    order += sorted(c for c in summary.arrivals if c not in CHANNELS)
    for channel in order:
        figure.add_trace(
            go.Bar(
                name=CHANNEL_NAMES.get(channel, channel),
                x=[w.isoformat() for w in summary.weeks],
                y=summary.arrivals[channel],
                marker_color=_CHANNEL_COLOURS.get(channel),
                hovertemplate="%{x}: %{y} dossiers<extra>%{fullData.name}</extra>",
            )
        )
    return figure


def on_time_chart(shares: Mapping[str, tuple[float, float]], names: Mapping[str, str]) -> Any:
    """Horizontal bars: the share of dossiers finished early or on time, per unit.

    Args:
        shares: Per unit code, ``(early or on time, counted)``; units with nothing counted are
            left out.
        names: Display names of the units (the code is shown when a name is missing).
    """
    go = _go()
    data = sorted(
        (
            (numerator / denominator, code, numerator, denominator)
            for code, (numerator, denominator) in shares.items()
            if denominator > 0
        ),
        key=lambda item: (item[0], item[1]),
    )
    labels = [names.get(code, code) for _, code, _, _ in data]
    figure = _figure(
        go,
        height=max(260, 22 * len(data) + 90),
        xaxis={"title": "early or on time (%)", "range": [0, 100]},
        yaxis={"automargin": True, "dtick": 1},
        showlegend=False,
    )
    figure.add_trace(
        go.Bar(
            orientation="h",
            x=[round(rate * 100, 2) for rate, *_ in data],
            y=labels,
            customdata=[[f"{n:g}", f"{d:g}"] for _, _, n, d in data],
            marker_color=["#15803d" if rate >= 0.9 else "#b91c1c" for rate, *_ in data],
            hovertemplate="%{y}: %{x:.1f} % (%{customdata[0]} of %{customdata[1]})<extra></extra>",
        )
    )
    return figure


def _quantile(values: Sequence[int], q: float) -> float:
    position = (len(values) - 1) * q
    low = math.floor(position)
    high = math.ceil(position)
    return values[low] + (values[high] - values[low]) * (position - low)


def processing_time_chart(days_by_procedure: Mapping[str, Sequence[int]]) -> Any:
    """Box plots: working days from receipt to end of processing, per procedure.

    The quartiles are computed here, so the page carries five numbers per procedure however many
    dossiers there are. Whiskers reach the furthest value within 1.5 × the interquartile range;
    points beyond them are not drawn.
    """
    go = _go()
    stats = []
    for code, values in days_by_procedure.items():
        ordered = sorted(values)
        if not ordered:
            continue
        q1, median, q3 = (_quantile(ordered, q) for q in (0.25, 0.5, 0.75))
        reach = 1.5 * (q3 - q1)
        low = min(v for v in ordered if v >= q1 - reach)
        high = max(v for v in ordered if v <= q3 + reach)
        mean = sum(ordered) / len(ordered)
        stats.append((median, code, q1, q3, low, high, mean, len(ordered)))
    stats.sort(key=lambda s: (s[0], s[1]))
    figure = _figure(
        go,
        height=max(260, 26 * len(stats) + 90),
        xaxis={"title": "working days from receipt to end of processing", "rangemode": "tozero"},
        yaxis={"automargin": True, "type": "category"},
        showlegend=False,
    )
    figure.add_trace(
        go.Box(
            orientation="h",
            y=[s[1] for s in stats],
            median=[s[0] for s in stats],
            q1=[s[2] for s in stats],
            q3=[s[3] for s in stats],
            lowerfence=[s[4] for s in stats],
            upperfence=[s[5] for s in stats],
            mean=[s[6] for s in stats],
            name="",
            marker_color="#2563eb",
            hoverinfo="x+y",
        )
    )
    return figure


def full_online_chart(summary: Summary) -> Any:
    """Lines: the weekly shares of online and of full-process online dossiers among arrivals."""
    go = _go()
    received = summary.received
    weeks = [w.isoformat() for w in summary.weeks]

    def share(counts: Sequence[int]) -> list[float | None]:
        return [round(100 * c / r, 2) if r else None for c, r in zip(counts, received, strict=True)]

    figure = _figure(
        go,
        height=360,
        xaxis={"title": "week starting"},
        yaxis={"title": "share of dossiers received (%)", "range": [0, 100]},
    )
    for name, counts, colour, dash in (
        ("Online", summary.online, "#0f766e", "dot"),
        ("Full-process online", summary.full_online, "#7c3aed", "solid"),
    ):
        figure.add_trace(
            go.Scatter(
                name=name,
                x=weeks,
                y=share(counts),
                mode="lines+markers",
                line={"color": colour, "dash": dash, "width": 2.5},
                hovertemplate="%{x}: %{y:.1f} %<extra>%{fullData.name}</extra>",
            )
        )
    return figure


def _count_of(state: str, counts: Counter[str]) -> int:
    if state in counts:
        return counts[state]
    lowered = state.lower()
    return sum(n for status, n in counts.items() if status.lower() == lowered)


def _bezier(p0: tuple[float, float], c: tuple[float, float], p1: tuple[float, float], t: float
            ) -> tuple[float, float]:  # fmt: skip
    u = 1 - t
    return (
        u * u * p0[0] + 2 * u * t * c[0] + t * t * p1[0],
        u * u * p0[1] + 2 * u * t * c[1] + t * t * p1[1],
    )


def _control(p0: tuple[float, float], p1: tuple[float, float], bend: float) -> tuple[float, float]:
    """The control point of a quadratic curve from p0 to p1 bent ``bend`` units to its left."""
    (x0, y0), (x1, y1) = p0, p1
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    return ((x0 + x1) / 2 - (y1 - y0) / length * bend, (y0 + y1) / 2 + (x1 - x0) / length * bend)


def _bend(source: tuple[float, float], target: tuple[float, float], *, paired: bool) -> float:
    """How far an edge bows: more the further it jumps, so it misses the states in between.

    Edges between neighbouring layers stay straight unless they run both ways.
    """
    span = abs(target[0] - source[0])
    if span <= 1 and source[1] != target[1]:
        return 0.12 if paired else 0.0
    bow = 0.18 + 0.1 * max(span - 1, 0)
    backwards = target[0] < source[0]
    return (-bow if backwards else bow) if not paired else (0.25 if not backwards else -0.25)


def state_diagram_chart(graph: StateGraph, counts: Counter[str]) -> Any:
    """The workflow's states and transitions, with how many dossiers are in each state now.

    States are laid out left to right by :func:`~adminflow.report._diagram.layout`; arrows are
    transitions, curved when they jump layers, labelled with their events (an event shared by
    every arrow into a state is written once, under that state; events that keep a state where
    it is are listed in its hover text); a state's circle grows with its dossier count.
    """
    go = _go()
    places = layout(graph)
    layers = max((x for x, _ in places.values()), default=0.0)
    spread = max((abs(y) for _, y in places.values()), default=0.0)
    figure = _figure(
        go,
        height=int(max(380, 130 * (2 * spread + 1) + 100)),
        xaxis={"visible": False, "range": [-0.5, layers + 0.5]},
        yaxis={"visible": False, "range": [-spread - 0.8, spread + 0.8]},
        showlegend=False,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
    )
    pairs = {(e.source, e.target) for e in graph.edges}
    incoming: dict[str, set[str]] = {}
    for edge in graph.edges:
        if edge.source != edge.target:
            incoming.setdefault(edge.target, set()).add(edge.label)
    shared = {t: next(iter(labels)) for t, labels in incoming.items()
              if len(labels) == 1 and sum(e.target == t for e in graph.edges) > 2}  # fmt: skip
    loops: dict[str, str] = {}
    shapes: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    for edge in graph.edges:
        if edge.source == edge.target:
            loops[edge.source] = edge.label
            continue
        p0, p1 = places[edge.source], places[edge.target]
        c = _control(p0, p1, _bend(p0, p1, paired=(edge.target, edge.source) in pairs))
        shapes.append(
            {"type": "path", "path": f"M {p0[0]},{p0[1]} Q {c[0]},{c[1]} {p1[0]},{p1[1]}",
             "xref": "x", "yref": "y", "line": {"color": "#94a3b8", "width": 1.3}, "layer": "below"}
        )  # fmt: skip
        tip, tail = _bezier(p0, c, p1, 0.9), _bezier(p0, c, p1, 0.82)
        notes.append(
            {"x": tip[0], "y": tip[1], "ax": tail[0], "ay": tail[1], "xref": "x", "yref": "y",
             "axref": "x", "ayref": "y", "text": "", "showarrow": True, "arrowhead": 2,
             "arrowsize": 1.2, "arrowwidth": 1.3, "arrowcolor": "#64748b"}
        )  # fmt: skip
        if edge.label and edge.target not in shared:
            middle = _bezier(p0, c, p1, 0.5)
            notes.append(
                {"x": middle[0], "y": middle[1], "text": edge.label, "showarrow": False,
                 "font": {"size": 10, "color": "#334155"}, "bgcolor": "rgba(255,255,255,0.85)"}
            )  # fmt: skip
    figure.update_layout(shapes=shapes, annotations=notes)
    states = [s for s in graph.states if s not in (START, END)]
    numbers = [_count_of(s, counts) for s in states]
    largest = max(numbers, default=0) or 1
    names = [graph.labels.get(s, s).replace("_", " ") for s in states]
    figure.add_trace(
        go.Scatter(
            x=[places[s][0] for s in states],
            y=[places[s][1] for s in states],
            mode="markers+text",
            text=[
                f"{name}<br><i>← {shared[s]}</i>" if s in shared else name
                for name, s in zip(names, states, strict=True)
            ],
            textposition="bottom center",
            textfont={"size": 12},
            customdata=[
                [n, f"<br>stays on: {loops[s]}" if s in loops else ""]
                for n, s in zip(numbers, states, strict=True)
            ],
            marker={
                "size": [16 + 30 * math.sqrt(n / largest) for n in numbers],
                "color": "#dbeafe",
                "line": {"color": "#1d4ed8", "width": 2},
                "symbol": ["circle-dot" if s in loops else "circle" for s in states],
            },
            hovertemplate="%{text}: %{customdata[0]} dossiers now%{customdata[1]}<extra></extra>",
        )
    )
    ends = [s for s in (START, END) if s in places]
    figure.add_trace(
        go.Scatter(
            x=[places[s][0] for s in ends],
            y=[places[s][1] for s in ends],
            mode="markers",
            marker={
                "size": [14 if s == START else 18 for s in ends],
                "color": "#0f172a",
                "symbol": ["circle" if s == START else "circle-dot" for s in ends],
                "line": {"color": "#0f172a", "width": 2},
            },
            hovertemplate=["start" if s == START else "end" for s in ends],
            name="",
        )
    )
    return figure
