"""The indicator table in the terminal, drawn with ``rich``."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from adminflow.report._table import Cell, format_rate, table_view

__all__ = ["print_indicators", "rich_table"]


def _style(cell: Cell | None) -> str:
    if cell is None or cell.rate is None:
        return "dim"
    return ""


def rich_table(table: Any, *, title: str | None = None) -> Table:
    """A ``rich`` table: one line per group, one column per indicator, the totals last.

    Each cell shows the rate as a percentage; "n/a" marks a zero denominator.

    Raises:
        InvalidValueError: If ``table`` is not an indicator table (see
            :class:`~adminflow.report.IndicatorTableLike`).
    """
    view = table_view(table)
    out = Table(title=title, header_style="bold", title_justify="left")
    out.add_column(view.by.capitalize(), no_wrap=True)
    for column in view.columns:
        out.add_column(column.title, justify="right")
    for row in view.rows:
        cells = [row.values.get(c.id) for c in view.columns]
        out.add_row(
            row.label,
            *(f"[{_style(c)}]{format_rate(c)}" if _style(c) else format_rate(c) for c in cells),
        )
    out.add_section()
    totals = [view.totals.get(c.id) for c in view.columns]
    out.add_row("Total", *(format_rate(c) for c in totals), style="bold")
    return out


def print_indicators(
    table: Any, *, title: str | None = None, console: Console | None = None
) -> None:
    """Print :func:`rich_table` on ``console`` (standard output by default).

    Raises:
        InvalidValueError: As :func:`rich_table`.
    """
    (Console() if console is None else console).print(rich_table(table, title=title))
