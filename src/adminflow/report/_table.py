"""The indicator table as the report shows it, and its JSON and CSV forms.

The indicators package (:func:`adminflow.indicators.report`) computes an ``IndicatorReport``;
the report only shows it. It reads any object of that shape (:class:`IndicatorReportLike`) and
copies the columns it shows into a small :class:`TableView`, so the terminal table and the HTML
table show the same numbers. JSON and CSV carry every indicator, as ``records()`` gives them.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

import attrs

from adminflow.errors import AdminflowError, InvalidValueError
from adminflow.jurisdictions import Gazetteer

__all__ = [
    "DEFAULT_COLUMNS",
    "Cell",
    "Column",
    "IndicatorReportLike",
    "TableRow",
    "TableView",
    "format_cell",
    "table_to_csv",
    "table_to_json",
    "table_view",
]

#: The indicators the terminal and HTML tables show by default, with short titles. JSON and CSV
#: carry every indicator.
DEFAULT_COLUMNS: dict[str, str] = {
    "on_time": "On time 2.1",
    "early": "Early",
    "processing_time": "Avg days 2.2",
    "online": "Online 3.3",
    "full_online": "Full online",
    "paid_online": "Paid online 3.6",
    "e_result": "E-result 4.1",
    "digitised": "Digitised 4.2",
    "reused_data": "Reused 4.3",
    "satisfaction": "Satisfied 5.4",
}


#: Groupings whose keys are administrative-unit codes, shown by the unit's name.
UNIT_GROUPINGS = frozenset({"commune", "receiving_unit", "province"})


def unit_names_of(codes: Iterable[str]) -> dict[str, str]:
    """The names of administrative units by code (from the gazetteer); a code it lacks stays."""
    gazetteer = Gazetteer.vietnam()
    names = {}
    for code in codes:
        try:
            names[code] = gazetteer.unit(code).name
        except AdminflowError:
            names[code] = code
    return names


class IndicatorReportLike(Protocol):
    """What the report reads from an indicator report (``adminflow.indicators.IndicatorReport``).

    ``by`` is the grouping (``None`` for totals only); ``groups`` and ``total`` are results with
    a ``key``, ``values`` (indicator code → value with ``numerator``, ``denominator``, ``rate``,
    ``points``, ``status``, ``unit``, ``name``), ``score`` and ``max_score``; ``codes()`` lists the
    indicator codes in column order and ``records()`` gives one flat dict per group and indicator.
    """

    @property
    def by(self) -> str | None: ...
    @property
    def groups(self) -> Sequence[Any]: ...
    @property
    def total(self) -> Any: ...
    def codes(self) -> tuple[str, ...]: ...
    def records(self) -> list[dict[str, Any]]: ...


@attrs.frozen(slots=True)
class Column:
    """An indicator shown in the table."""

    code: str
    title: str


@attrs.frozen(slots=True)
class Cell:
    """One indicator for one group.

    ``rate`` is ``None`` when the value is not applicable (zero denominator) or an input is
    missing; ``status`` says which (``ok``, ``not_applicable``, ``input_missing``); ``unit`` is
    ``""`` for a rate and ``"working days"`` for an average.
    """

    numerator: float
    denominator: float
    rate: float | None
    points: float | None
    status: str
    unit: str


@attrs.frozen(slots=True)
class TableRow:
    """One group (a commune, a field, a procedure) and its indicator values."""

    key: str
    label: str
    values: Mapping[str, Cell]
    score: float | None
    max_score: float | None


@attrs.frozen(slots=True)
class TableView:
    """The indicator table as the report shows it; ``total`` is the line of all groups."""

    by: str
    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]
    total: TableRow


def _number(field: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidValueError(field, value, "must be a finite number")
    return float(value)


def _optional(field: str, value: Any) -> float | None:
    return None if value is None else _number(field, value)


def _text(field: str, value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidValueError(field, value, "must be text")
    return value


def _cell(field: str, value: Any) -> Cell:
    try:
        return Cell(
            _number(f"{field}.numerator", value.numerator),
            _number(f"{field}.denominator", value.denominator),
            _optional(f"{field}.rate", value.rate),
            _optional(f"{field}.points", value.points),
            _text(f"{field}.status", str(value.status)),
            _text(f"{field}.unit", value.unit),
        )
    except AttributeError as exc:
        raise InvalidValueError(field, value, f"has no {exc.name!r}") from None


def _row(field: str, result: Any, codes: Iterable[str], label_of: Callable[[str], str]) -> TableRow:
    try:
        key, values, score, max_score = result.key, result.values, result.score, result.max_score
    except AttributeError as exc:
        raise InvalidValueError(field, result, f"has no {exc.name!r}") from None
    if key is not None and not isinstance(key, str):
        raise InvalidValueError(f"{field}.key", key, "must be text or None")
    if not isinstance(values, Mapping):
        raise InvalidValueError(f"{field}.values", values, "must map indicator codes to values")
    shown_key = "(none)" if key is None else key
    return TableRow(
        shown_key,
        label_of(shown_key) if key is not None else shown_key,
        {c: _cell(f"{field}.values[{c!r}]", values[c]) for c in codes if c in values},
        _optional(f"{field}.score", score),
        _optional(f"{field}.max_score", max_score),
    )


def table_view(
    report: Any,
    *,
    columns: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> TableView:
    """Copy the shown part of an indicator report into a :class:`TableView`.

    Args:
        report: An indicator report (:class:`IndicatorReportLike`).
        columns: Indicator code → column title, in order; :data:`DEFAULT_COLUMNS` by default.
            Codes the report lacks are skipped.
        labels: Display names of the group keys; by default, when the report is grouped by
            commune (or receiving unit, or province), the units' names from the gazetteer.

    Raises:
        InvalidValueError: If the report lacks a part or holds a value that is not a number;
            the message names the part.
    """
    if isinstance(report, TableView):
        return report
    try:
        by, groups, total, codes = report.by, report.groups, report.total, report.codes
    except AttributeError as exc:
        raise InvalidValueError("indicators", report, f"has no {exc.name!r}") from None
    if by is not None and not isinstance(by, str):
        raise InvalidValueError("indicators.by", by, "must be text or None")
    if not callable(codes):
        raise InvalidValueError("indicators.codes", codes, "must be a method")
    available = codes()
    if (
        isinstance(available, str | bytes)
        or not isinstance(available, Sequence)
        or not all(isinstance(code, str) for code in available)
    ):
        raise InvalidValueError("indicators.codes()", available, "must be a sequence of codes")
    wanted = DEFAULT_COLUMNS if columns is None else columns
    if not isinstance(wanted, Mapping):
        raise InvalidValueError("columns", wanted, "must map indicator codes to titles")
    shown = tuple(
        Column(_text("columns", code), _text(f"columns[{code!r}]", title))
        for code, title in wanted.items()
        if code in available
    )
    if labels is not None and not isinstance(labels, Mapping):
        raise InvalidValueError("labels", labels, "must map group keys to names")
    if labels is None and by in UNIT_GROUPINGS and isinstance(groups, Sequence):
        labels = unit_names_of(
            key for key in (getattr(group, "key", None) for group in groups) if isinstance(key, str)
        )
    names = {} if labels is None else labels
    if isinstance(groups, str | bytes) or not isinstance(groups, Sequence):
        raise InvalidValueError("indicators.groups", groups, "must be a sequence")
    order = [c.code for c in shown]

    def label_of(key: str) -> str:
        return names.get(key, key)

    rows = tuple(
        _row(f"indicators.groups[{i}]", group, order, label_of) for i, group in enumerate(groups)
    )
    total_row = _row("indicators.total", total, order, label_of)
    return TableView(by or "province", shown, rows, attrs.evolve(total_row, key="*", label="Total"))


def format_cell(cell: Cell | None) -> str:
    """A value as people read it.

    A rate as a percentage with one decimal (``97.5 %``), an average with its unit
    (``3.2 d``), ``n/a`` when not applicable and ``no input`` when an input is missing.
    """
    if cell is None:
        return ""
    if cell.rate is None:
        return "no input" if cell.status == "input_missing" else "n/a"
    if cell.unit:
        return f"{cell.rate:.1f} d" if cell.unit == "working days" else f"{cell.rate:g} {cell.unit}"
    return f"{cell.rate * 100:.1f} %"


def format_score(row: TableRow) -> str:
    """The points earned over the points available, e.g. ``41.3 / 48``."""
    if row.score is None or not row.max_score:
        return "n/a"
    return f"{row.score:.1f} / {row.max_score:g}"


def _records(report: Any) -> list[dict[str, Any]]:
    table_view(report)  # the same checks as the tables
    records = report.records()
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise InvalidValueError("indicators.records()", records, "must be a list of dicts")
    return records


def table_to_json(report: Any) -> str:
    """Every indicator of every group as a JSON list of records (the total last, group ``*``).

    Raises:
        InvalidValueError: As :func:`table_view`.
    """
    return json.dumps(_records(report), ensure_ascii=False, indent=2, default=str)


def table_to_csv(report: Any) -> str:
    """Every indicator of every group as CSV, one line per group and indicator, the total last.

    The columns are the keys of the records (code, number, name, group, numerator, denominator,
    rate, points, max_points, status, unit, note, period); an empty rate means "not applicable"
    or "input missing", as ``status`` says.

    Raises:
        InvalidValueError: As :func:`table_view`.
    """
    records = _records(report)
    out = io.StringIO()
    fields = list(dict.fromkeys(key for record in records for key in record))
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()
