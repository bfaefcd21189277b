"""The indicator table in the terminal, drawn with ``rich``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.table import Table

from adminflow.report._table import format_cell, format_score, table_view

__all__ = ["print_indicators", "rich_table"]


#: Width for output that is not a terminal: wide enough that no indicator column folds.
_UNFOLDED = 240


def rich_table(
    report: Any,
    *,
    title: str | None = None,
    columns: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> Table:
    """A ``rich`` table: one line per group, one column per indicator, the total last.

    Rates show as percentages, averages with their unit; "n/a" marks a zero denominator and
    "no input" an input adminflow does not hold. The last column is the score: points earned
    over the points available.

    Args:
        report: An indicator report (:class:`~adminflow.report.IndicatorReportLike`).
        title: A title above the table.
        columns: Indicator code → column title (:data:`~adminflow.report.DEFAULT_COLUMNS`).
        labels: Display names of the group keys; units' names from the gazetteer by default
            when the report is grouped by commune.

    Raises:
        InvalidValueError: If ``report`` is not an indicator report.
    """
    view = table_view(report, columns=columns, labels=labels)
    out = Table(title=title, header_style="bold", title_justify="left")
    out.add_column(view.by.capitalize(), no_wrap=True)
    for column in view.columns:
        out.add_column(column.title, justify="right")
    out.add_column("Score", justify="right")
    for row in view.rows:
        cells = [format_cell(row.values.get(c.code)) for c in view.columns]
        out.add_row(
            row.label,
            *(f"[dim]{text}[/dim]" if text in ("n/a", "no input") else text for text in cells),
            format_score(row),
        )
    out.add_section()
    totals = [format_cell(view.total.values.get(c.code)) for c in view.columns]
    out.add_row(view.total.label, *totals, format_score(view.total), style="bold")
    return out


def print_indicators(
    report: Any,
    *,
    title: str | None = None,
    columns: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
    console: Console | None = None,
) -> None:
    """Print :func:`rich_table` on ``console`` (standard output by default).

    On standard output that is not a terminal (a file, a pipe) the table is printed at its
    natural width rather than folded to 80 columns.

    Raises:
        InvalidValueError: As :func:`rich_table`.
    """
    table = rich_table(report, title=title, columns=columns, labels=labels)
    if console is None:
        console = Console()
        if not console.is_terminal:
            console = Console(width=_UNFOLDED)
    console.print(table)
