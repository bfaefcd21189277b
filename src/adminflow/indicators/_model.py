"""The typed results: one :class:`IndicatorValue` per indicator and group, and the report table."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

import attrs

from adminflow.errors import InvalidValueError
from adminflow.indicators._period import Period

__all__ = ["GroupResult", "IndicatorReport", "IndicatorValue", "ProvidedValue", "ValueStatus"]


class ValueStatus(StrEnum):
    """Whether a value could be computed."""

    OK = "ok"
    NOT_APPLICABLE = "not_applicable"
    """The denominator is zero: no rate ("N/A" in the NPSP guide), never a crash."""
    INPUT_MISSING = "input_missing"
    """adminflow does not hold the data and the caller did not provide it."""


def _number(field: str, value: Any) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or value != value  # NaN
        or not 0 <= value < float("inf")
    ):
        raise InvalidValueError(field, value, "must be a finite number >= 0")
    return value


def _numerator(value: Any) -> float:
    return _number("numerator", value)


def _denominator(value: Any) -> float:
    return _number("denominator", value)


@attrs.frozen(kw_only=True)
class ProvidedValue:
    """An input adminflow does not hold (e.g. procedures announced on time), given by the caller.

    Attributes:
        numerator: The numerator, e.g. procedures announced on time.
        denominator: The denominator, e.g. procedures announced in the period.
        source: Where the figures come from (shown in reports).
    """

    numerator: float = attrs.field(converter=_numerator)
    denominator: float = attrs.field(converter=_denominator)
    source: str = ""

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.source, str):
            raise InvalidValueError("source", self.source, "must be text")
        if self.numerator > self.denominator:
            raise InvalidValueError("numerator", self.numerator, "must not exceed the denominator")


@attrs.frozen(kw_only=True)
class IndicatorValue:
    """One indicator for one group in one period.

    Attributes:
        code: The indicator's code (see :data:`adminflow.indicators.DEFINITIONS`).
        number: Its number in the NPSP guide (``"2.1"``), ``""`` outside it.
        name: English name.
        group: The group key (a commune code, a procedure code, ...); ``None`` for the total.
        numerator: Count (or, for an average, the total) over the group.
        denominator: Count the rate is taken over.
        rate: ``numerator / denominator``; ``None`` when not applicable or input missing.
        points: Points earned; ``None`` when the indicator is not scored or has no rate.
        max_points: Points at full score; ``None`` when not scored.
        status: :class:`ValueStatus`.
        unit: ``""`` for a rate, ``"working days"`` for an average.
        note: Why a value is missing, what was excluded or assumed.
    """

    code: str
    number: str
    name: str
    group: str | None
    numerator: float
    denominator: float
    rate: float | None
    points: float | None
    max_points: float | None
    status: ValueStatus
    unit: str = ""
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The value as a JSON-ready dict (enum as its code)."""
        data = attrs.asdict(self)
        data["status"] = self.status.value
        return data


@attrs.frozen(kw_only=True)
class GroupResult:
    """Every indicator of one group.

    Attributes:
        key: The group key; ``None`` for the total (or for rows whose grouping column is empty).
        values: The indicator values by code, in report order.
        score: Sum of the points earned.
        max_score: Sum of the maximum points of the scored indicators that have a value.
        missing: Codes of scored indicators without a value (input missing or not applicable).
    """

    key: str | None
    values: Mapping[str, IndicatorValue]
    score: float
    max_score: float
    missing: tuple[str, ...]

    def __getitem__(self, code: str) -> IndicatorValue:
        return self.values[code]


@attrs.frozen(kw_only=True)
class IndicatorReport:
    """The full indicator report for a period: one :class:`GroupResult` per group and a total.

    Attributes:
        period: The reporting period.
        by: The grouping (``"commune"``, ``"field"``, ...), ``None`` for totals only.
        groups: The groups, sorted by key (an empty key last).
        total: All dossiers together; provided inputs apply here.
        engine: ``"python"`` or ``"sql"``.
    """

    period: Period
    by: str | None
    groups: tuple[GroupResult, ...]
    total: GroupResult
    engine: str

    def codes(self) -> tuple[str, ...]:
        """The indicator codes, in report order (the columns of the table)."""
        return tuple(self.total.values)

    def records(self) -> list[dict[str, Any]]:
        """One flat dict per (group, indicator), the total last with ``group`` ``"*"``.

        Ready for ``csv.DictWriter`` or ``json.dumps``.
        """
        out = []
        for result in (*self.groups, self.total):
            for value in result.values.values():
                record = value.as_dict()
                record["period"] = str(self.period)
                if result is self.total:
                    record["group"] = "*"
                out.append(record)
        return out
