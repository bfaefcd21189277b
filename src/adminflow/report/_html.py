"""The self-contained HTML report: one file that needs no network to view.

The page embeds plotly.js once (from the installed plotly package, about 4.8 MB) and draws
every chart with it, the workflow's state diagram included; nothing is fetched when it is
opened. Text from the data is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from adminflow.calendar import WorkingCalendar
from adminflow.dossiers import DossierRow
from adminflow.errors import InvalidValueError, MissingDependencyError
from adminflow.report import _charts
from adminflow.report._diagram import parse_mermaid
from adminflow.report._period import Period, parse_period
from adminflow.report._series import Summary, summarise
from adminflow.report._table import (
    UNIT_GROUPINGS,
    TableView,
    format_cell,
    format_score,
    table_view,
    unit_names_of,
)

__all__ = ["render_html", "write_html"]

_CSS = """
:root { color-scheme: light; --ink: #0f172a; --muted: #475569; --line: #e2e8f0; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--ink); background: #f8fafc; }
header { background: #0f172a; color: #f8fafc; padding: 24px 32px; }
header h1 { margin: 0 0 4px; font-size: 24px; }
header p { margin: 0; color: #cbd5e1; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 32px 48px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
.card b { display: block; font-size: 26px; }
.card span { color: var(--muted); font-size: 13px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin-top: 20px;
          padding: 16px 20px; }
section h2 { margin: 0 0 4px; font-size: 18px; }
p.note { margin: 0 0 8px; color: var(--muted); font-size: 13px; }
.scroll { max-height: 520px; overflow: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: right;
         white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
thead th { position: sticky; top: 0; background: #f1f5f9; }
tr.total td { font-weight: 700; border-top: 2px solid var(--ink); }
td.na { color: #94a3b8; }
pre { background: #f1f5f9; padding: 12px; overflow: auto; font-size: 12px; }
footer { color: var(--muted); font-size: 12px; margin-top: 24px; }
"""

_ON_TIME_OFFICIAL = (
    "Indicator 2.1 of Decision 766/QĐ-TTg per commune, as in the table: dossiers processed early "
    "or on time (supplement time deducted; more than one supplement request counts as late; "
    "unfinished dossiers measured at the end of the period). Green: 90 % or more."
)
_ON_TIME_ROWS = (
    "Share of the dossiers finished in the period whose recorded outcome was early or on time, "
    "per commune. (Group the indicator table by commune to chart indicator 2.1 of Decision "
    "766/QĐ-TTg instead.) Green: 90 % or more."
)


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _plotly_js() -> str:
    try:
        from plotly.offline import get_plotlyjs
    except ImportError:
        raise MissingDependencyError(
            "plotly", extra="report", feature="the HTML report's charts"
        ) from None
    script: str = get_plotlyjs()
    return script.replace("</script", "<\\/script")


def _figure_html(figure: Any, div_id: str) -> str:
    html_text: str = figure.to_html(
        include_plotlyjs=False,
        full_html=False,
        div_id=div_id,
        config={"displaylogo": False, "responsive": True},
    )
    return html_text


def _percent(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "n/a"


def _cards(summary: Summary, view: TableView | None) -> str:
    received = summary.total_received
    on_time = None if view is None else view.total.values.get("on_time")
    cards = [
        (f"{received:,}", "dossiers received"),
        (f"{summary.total_finished:,}", "dossiers finished"),
        (
            (format_cell(on_time), "early or on time (indicator 2.1)")
            if on_time is not None
            else (
                _percent(summary.total_on_time, summary.total_finished),
                "finished early or on time",
            )
        ),
        (_percent(sum(summary.online), received), "filed online"),
        (_percent(sum(summary.full_online), received), "full-process online"),
    ]
    body = "".join(
        f'<div class="card"><b>{_esc(v)}</b><span>{_esc(k)}</span></div>' for v, k in cards
    )
    return f'<div class="cards">{body}</div>'


def _table_html(view: TableView) -> str:
    head = "".join(f"<th>{_esc(c.title)}</th>" for c in view.columns)
    lines = []
    for row in (*view.rows, view.total):
        cells = []
        for column in view.columns:
            cell = row.values.get(column.code)
            text = format_cell(cell)
            title = "" if cell is None else f' title="{cell.numerator:g} / {cell.denominator:g}"'
            dim = ' class="na"' if text in ("n/a", "no input") else ""
            cells.append(f"<td{dim}{title}>{_esc(text)}</td>")
        css = ' class="total"' if row is view.total else ""
        lines.append(
            f"<tr{css}><td>{_esc(row.label)}</td>{''.join(cells)}"
            f"<td>{_esc(format_score(row))}</td></tr>"
        )
    return (
        f'<div class="scroll"><table id="indicator-table"><thead><tr>'
        f"<th>{_esc(view.by.capitalize())}</th>{head}<th>Score</th></tr></thead>"
        f"<tbody>{''.join(lines)}</tbody></table></div>"
    )


def _section(ident: str, title: str, note: str, body: str) -> str:
    return (
        f'<section id="{ident}"><h2>{_esc(title)}</h2><p class="note">{_esc(note)}</p>'
        f"{body}</section>"
    )


def _period(period: Any) -> Period:
    """Our period from text, from our Period, or from one with ``first_day``/``last_day``."""
    if isinstance(period, Period):
        return period
    first, last = getattr(period, "first_day", None), getattr(period, "last_day", None)
    if isinstance(first, date) and isinstance(last, date) and first <= last:
        return Period(str(period), first, last + timedelta(days=1))
    return parse_period(period)


def _official_on_time(view: TableView | None) -> dict[str, tuple[float, float]] | None:
    """Per commune, indicator 2.1's numerator and denominator, when the table has them."""
    if view is None or view.by != "commune" or "on_time" not in {c.code for c in view.columns}:
        return None
    shares = {}
    for row in view.rows:
        cell = row.values.get("on_time")
        if cell is not None and row.key != "(none)":
            shares[row.key] = (cell.numerator, cell.denominator)
    return shares


def render_html(
    rows: Iterable[DossierRow],
    *,
    period: Any,
    indicators: Any = None,
    diagram: str | None = None,
    title: str = "Service quality report",
    unit_names: Mapping[str, str] | Callable[[Iterable[str]], Mapping[str, str]] | None = None,
    calendar: WorkingCalendar | None = None,
    generated_at: datetime | None = None,
) -> str:
    """Render the report as one self-contained HTML page.

    The page shows the indicator table and five charts: dossiers per week by channel, the
    on-time share per commune, the processing-time distribution per procedure, the weekly share
    of full-process online dossiers, and the workflow's state diagram with how many dossiers are
    in each state.

    Args:
        rows: The dossiers (read once; rows outside the period count only in the diagram).
        period: The reporting period: text such as ``"2025-Q3"``, or a period with
            ``first_day`` and ``last_day`` (``adminflow.indicators.Period``).
        indicators: The indicator report (:func:`adminflow.indicators.report`, see
            :class:`~adminflow.report.IndicatorReportLike`); the table is left out when
            ``None``. Grouped by commune, its indicator 2.1 also feeds the on-time chart.
        diagram: The workflow as Mermaid ``stateDiagram-v2`` text; the diagram section is left
            out when ``None``.
        title: The page's title.
        unit_names: Display names of units by code (a mapping, or a function of the codes);
            by default the names from :meth:`adminflow.jurisdictions.Gazetteer.vietnam`.
        calendar: Counts working days; Vietnam's civil-service calendar by default.
        generated_at: When the report was made, printed in the footer if given (the report does
            not read the clock).

    Returns:
        The HTML text.

    Raises:
        InvalidValueError: If the period, a row, the indicator report or the diagram is not
            valid.
        MissingDependencyError: If plotly (``pip install 'adminflow[report]'``) is missing.
    """
    the_period = _period(period)
    if not isinstance(title, str):
        raise InvalidValueError("title", title, "must be text")
    if generated_at is not None and not isinstance(generated_at, datetime):
        raise InvalidValueError("generated_at", generated_at, "must be a datetime")
    if not (unit_names is None or callable(unit_names) or isinstance(unit_names, Mapping)):
        raise InvalidValueError("unit_names", unit_names, "must be a mapping or a function")
    view = None if indicators is None else table_view(indicators)
    graph = None if diagram is None else parse_mermaid(diagram)
    plotly_js = _plotly_js()
    summary = summarise(rows, the_period, calendar=calendar)
    codes = set(summary.finished_by_unit)
    if view is not None and view.by in UNIT_GROUPINGS:
        codes.update(row.key for row in view.rows)
    if unit_names is None:
        names: Mapping[str, str] = unit_names_of(sorted(codes))
    elif callable(unit_names):
        names = unit_names(sorted(codes))
    else:
        names = unit_names
    if view is not None and view.by in UNIT_GROUPINGS:
        view = table_view(indicators, labels=names)
    official = _official_on_time(view)

    sections = []
    if view is not None:
        sections.append(
            _section(
                "indicators",
                f"Indicators per {view.by}",
                "Rates of Decision 766/QĐ-TTg and the online-service measures; n/a where the "
                "denominator is zero. Hover a cell for numerator / denominator.",
                _table_html(view),
            )
        )
    sections.append(
        _section(
            "arrivals",
            "Dossiers per week by channel",
            "Dossiers received each week (those never received: when submitted), by channel "
            "(Decree 118/2025/NĐ-CP Art. 15).",
            _figure_html(_charts.arrivals_chart(summary), "chart-arrivals"),
        )
    )
    sections.append(
        _section(
            "on-time",
            "On-time share per commune",
            _ON_TIME_ROWS if official is None else _ON_TIME_OFFICIAL,
            _figure_html(
                _charts.on_time_chart(
                    summary.finished_by_unit if official is None else official, names
                ),
                "chart-on-time",
            ),
        )
    )
    sections.append(
        _section(
            "processing-time",
            "Processing time per procedure",
            "Working days from receipt to end of processing of the dossiers finished in the "
            "period (Vietnam's civil-service calendar), per procedure code; box: quartiles, "
            "whiskers: 1.5 × IQR (Decision 766/QĐ-TTg indicator 2.2 averages the same times).",
            _figure_html(
                _charts.processing_time_chart(summary.working_days_by_procedure),
                "chart-processing-time",
            ),
        )
    )
    sections.append(
        _section(
            "full-online",
            "Full-process online dossiers over time",
            "Weekly share of dossiers received online, and of full-process online dossiers: "
            "filed online, paid online when a fee is due, electronic result, no visit "
            "(Decree 307/2025/NĐ-CP Appendix item 12).",
            _figure_html(_charts.full_online_chart(summary), "chart-full-online"),
        )
    )
    if graph is not None:
        sections.append(
            _section(
                "workflow",
                "Dossier workflow",
                "States and transitions of the dossier workflow; a circle grows with the number "
                "of dossiers in that state now. The Mermaid source is below.",
                _figure_html(
                    _charts.state_diagram_chart(graph, summary.status_counts), "chart-workflow"
                )
                + f"<details><summary>Mermaid source</summary><pre>{_esc(diagram)}</pre></details>",
            )
        )
    footer = f"Period {the_period.start} to {the_period.end} (end excluded), Vietnam time."
    if generated_at is not None:
        footer += f" Generated {generated_at.isoformat(timespec='seconds')}."
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(title)} — {_esc(the_period.label)}</title><style>{_CSS}</style>"
        "<script>window.PlotlyConfig = {MathJaxConfig: 'local'};</script>"
        f"<script>{plotly_js}</script></head><body>"
        f"<header><h1>{_esc(title)}</h1><p>Period {_esc(the_period.label)} · adminflow</p></header>"
        f"<main>{_cards(summary, view)}{''.join(sections)}<footer>{_esc(footer)}</footer></main>"
        "</body></html>\n"
    )


def write_html(
    path: str | Path,
    rows: Iterable[DossierRow],
    *,
    period: Any,
    indicators: Any = None,
    diagram: str | None = None,
    title: str = "Service quality report",
    unit_names: Mapping[str, str] | Callable[[Iterable[str]], Mapping[str, str]] | None = None,
    calendar: WorkingCalendar | None = None,
    generated_at: datetime | None = None,
) -> Path:
    """Render the report with :func:`render_html` and write it to ``path`` in UTF-8.

    Returns:
        The path written.

    Raises:
        InvalidValueError: As :func:`render_html`, or if ``path`` cannot be written.
        MissingDependencyError: As :func:`render_html`.
    """
    if not isinstance(path, str | Path) or not str(path):
        raise InvalidValueError("path", path, "must be a file path")
    text = render_html(
        rows,
        period=period,
        indicators=indicators,
        diagram=diagram,
        title=title,
        unit_names=unit_names,
        calendar=calendar,
        generated_at=generated_at,
    )
    target = Path(path)
    try:
        target.write_text(text, encoding="utf-8")
    except (OSError, ValueError) as exc:
        raise InvalidValueError("path", path, f"cannot be written ({exc})") from exc
    return target
