"""The indicator table as the report reads it, and its terminal, JSON and CSV forms.

The indicators package computes the table; the report only shows it. It reads any object with
the shape of :class:`IndicatorTableLike` and copies it into a small :class:`TableView`, so the
terminal table, the HTML table, JSON and CSV all show the same numbers.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

import attrs

from adminflow.errors import InvalidValueError

__all__ = [
    "Cell",
    "Column",
    "IndicatorTableLike",
    "TableRow",
    "TableView",
    "format_rate",
    "table_to_csv",
    "table_to_json",
    "table_view",
]


class _ValueLike(Protocol):
    @property
    def numerator(self) -> float: ...
    @property
    def denominator(self) -> float: ...
    @property
    def rate(self) -> float | None: ...
    @property
    def points(self) -> float | None: ...


class _ColumnLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...


class _RowLike(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def values(self) -> Mapping[str, _ValueLike]: ...


class IndicatorTableLike(Protocol):
    """What the report reads from an indicator table.

    Attributes:
        by: How the rows are grouped: ``"commune"``, ``"field"``, ``"procedure"``, ...
        columns: The indicators shown, each with an ``id`` and a ``title``.
        rows: One per group, each with a ``key`` (unit code, field or procedure code), a
            ``label`` and ``values``: indicator id → value with ``numerator``,
            ``denominator``, ``rate`` (0..1, ``None`` when not applicable) and ``points``
            (``None`` when the indicator gives no points).
        totals: The same values over every group (the province total).
    """

    @property
    def by(self) -> str: ...
    @property
    def columns(self) -> Sequence[_ColumnLike]: ...
    @property
    def rows(self) -> Sequence[_RowLike]: ...
    @property
    def totals(self) -> Mapping[str, _ValueLike]: ...


@attrs.frozen(slots=True)
class Column:
    """An indicator shown in the table."""

    id: str
    title: str


@attrs.frozen(slots=True)
class Cell:
    """One indicator for one group: ``rate`` is ``None`` when the denominator is zero."""

    numerator: float
    denominator: float
    rate: float | None
    points: float | None


@attrs.frozen(slots=True)
class TableRow:
    """One group (a commune, a field, a procedure) and its indicator values."""

    key: str
    label: str
    values: Mapping[str, Cell]


@attrs.frozen(slots=True)
class TableView:
    """The indicator table as the report shows it."""

    by: str
    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]
    totals: Mapping[str, Cell]


def _number(field: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidValueError(field, value, "must be a finite number")
    return float(value)


def _optional(field: str, value: Any) -> float | None:
    return None if value is None else _number(field, value)


def _cell(field: str, value: Any) -> Cell:
    try:
        return Cell(
            _number(f"{field}.numerator", value.numerator),
            _number(f"{field}.denominator", value.denominator),
            _optional(f"{field}.rate", value.rate),
            _optional(f"{field}.points", value.points),
        )
    except AttributeError as exc:
        raise InvalidValueError(field, value, f"has no {exc.name!r}") from None


def _text(field: str, value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidValueError(field, value, "must be text")
    return value


def _cells(field: str, values: Any, ids: Iterable[str]) -> dict[str, Cell]:
    if not isinstance(values, Mapping):
        raise InvalidValueError(field, values, "must map indicator ids to values")
    return {i: _cell(f"{field}[{i!r}]", values[i]) for i in ids if i in values}


def table_view(table: Any) -> TableView:
    """Copy an indicator table (:class:`IndicatorTableLike`) into a :class:`TableView`.

    Raises:
        InvalidValueError: If the table lacks a part or holds a value that is not a number;
            the message names the part.
    """
    if isinstance(table, TableView):
        return table
    try:
        by, raw_columns, raw_rows, raw_totals = table.by, table.columns, table.rows, table.totals
    except AttributeError as exc:
        raise InvalidValueError("indicators", table, f"has no {exc.name!r}") from None
    columns: list[Column] = []
    for i, column in enumerate(_sequence("indicators.columns", raw_columns)):
        try:
            ident, title = column.id, column.title
        except AttributeError as exc:
            raise InvalidValueError(
                f"indicators.columns[{i}]", column, f"has no {exc.name!r}"
            ) from None
        columns.append(Column(_text("column.id", ident), _text("column.title", title)))
    ids = [c.id for c in columns]
    rows: list[TableRow] = []
    for i, row in enumerate(_sequence("indicators.rows", raw_rows)):
        field = f"indicators.rows[{i}]"
        try:
            key, label, values = row.key, row.label, row.values
        except AttributeError as exc:
            raise InvalidValueError(field, row, f"has no {exc.name!r}") from None
        rows.append(
            TableRow(
                _text(f"{field}.key", key),
                _text(f"{field}.label", label),
                _cells(f"{field}.values", values, ids),
            )
        )
    totals = _cells("indicators.totals", raw_totals, ids)
    return TableView(_text("indicators.by", by), tuple(columns), tuple(rows), totals)


def _sequence(field: str, value: Any) -> Sequence[Any]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence | tuple | list):
        raise InvalidValueError(field, value, "must be a sequence")
    return value


def format_rate(cell: Cell | None) -> str:
    """A rate as a percentage with one decimal (``97.5 %``), or ``n/a`` when not applicable."""
    if cell is None or cell.rate is None:
        return "n/a"
    return f"{cell.rate * 100:.1f} %"


def _cell_record(cell: Cell) -> dict[str, float | None]:
    return {
        "numerator": cell.numerator,
        "denominator": cell.denominator,
        "rate": cell.rate,
        "points": cell.points,
    }


def table_to_json(table: Any, *, period: str) -> str:
    """The table as JSON: period, grouping, indicators, one record per group, and the totals.

    Raises:
        InvalidValueError: As :func:`table_view`.
    """
    view = table_view(table)
    document = {
        "period": period,
        "by": view.by,
        "indicators": [{"id": c.id, "title": c.title} for c in view.columns],
        "rows": [
            {
                "key": row.key,
                "label": row.label,
                "values": {i: _cell_record(c) for i, c in row.values.items()},
            }
            for row in view.rows
        ],
        "totals": {i: _cell_record(c) for i, c in view.totals.items()},
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def table_to_csv(table: Any, *, period: str) -> str:
    """The table as CSV in long form: one line per group and indicator, totals last.

    Columns: ``period, by, key, label, indicator, numerator, denominator, rate, points``; the
    totals have the key ``total``. An empty ``rate`` means "not applicable".

    Raises:
        InvalidValueError: As :func:`table_view`.
    """
    view = table_view(table)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["period", "by", "key", "label", "indicator", "numerator", "denominator", "rate", "points"]
    )
    groups = [(row.key, row.label, row.values) for row in view.rows]
    groups.append(("total", "total", view.totals))
    for key, label, values in groups:
        for column in view.columns:
            cell = values.get(column.id)
            if cell is None:
                continue
            writer.writerow(
                [period, view.by, key, label, column.id]
                + ["" if v is None else f"{v:g}" for v in _cell_record(cell).values()]
            )
    return out.getvalue()
