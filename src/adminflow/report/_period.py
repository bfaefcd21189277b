"""Reporting periods (kỳ báo cáo) written as ``2025``, ``2025-H1``, ``2025-Q3`` or ``2025-07``."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from adminflow.errors import InvalidValueError

__all__ = ["VIETNAM_TZ", "Period", "parse_period"]

#: Periods, weeks and days of the report are read on Vietnam's clock (UTC+7, no DST).
VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

_PATTERN = re.compile(r"(?P<year>\d{4})(?:-(?:(?P<kind>[HQ])(?P<n>\d)|(?P<month>\d{2})))?")


@attrs.frozen(slots=True)
class Period:
    """A reporting period: the days ``start`` (included) to ``end`` (excluded), Vietnam time.

    Attributes:
        label: How the period was written, e.g. ``"2025-Q3"``.
        start: First day of the period.
        end: Day after the last day of the period.
    """

    label: str
    start: date
    end: date

    @property
    def starts_at(self) -> datetime:
        """The first instant of the period (00:00 Vietnam time on ``start``)."""
        return datetime.combine(self.start, time(), VIETNAM_TZ)

    @property
    def ends_at(self) -> datetime:
        """The first instant after the period (00:00 Vietnam time on ``end``)."""
        return datetime.combine(self.end, time(), VIETNAM_TZ)

    def __contains__(self, instant: object) -> bool:
        """Whether an aware instant falls in the period (``None`` never does).

        Raises:
            InvalidValueError: If ``instant`` is a naive datetime.
        """
        if not isinstance(instant, datetime):
            return False
        if instant.utcoffset() is None:
            raise InvalidValueError("instant", instant, "must be timezone-aware")
        return self.starts_at <= instant < self.ends_at


def _month_start(year: int, month: int) -> date:
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def parse_period(text: Any) -> Period:
    """Parse ``YYYY``, ``YYYY-H1``, ``YYYY-Q3`` or ``YYYY-MM`` into a :class:`Period`.

    Examples:
        >>> p = parse_period("2025-Q3")
        >>> (p.start.isoformat(), p.end.isoformat())
        ('2025-07-01', '2025-10-01')

    Raises:
        InvalidValueError: If ``text`` is not a period written in one of those forms.
    """
    if not isinstance(text, str):
        raise InvalidValueError("period", text, "must be text such as '2025-Q3'")
    match = _PATTERN.fullmatch(text.strip())
    reason = "expected YYYY, YYYY-H1..H2, YYYY-Q1..Q4 or YYYY-MM"
    if match is None:
        raise InvalidValueError("period", text, reason)
    year = int(match["year"])
    if not 1 <= year <= 9998:
        raise InvalidValueError("period", text, "year out of range")
    if match["kind"] is not None:
        n = int(match["n"])
        months = 6 if match["kind"] == "H" else 3
        if not 1 <= n <= 12 // months:
            raise InvalidValueError("period", text, reason)
        first = (n - 1) * months + 1
    elif match["month"] is not None:
        first, months = int(match["month"]), 1
        if not 1 <= first <= 12:
            raise InvalidValueError("period", text, reason)
    else:
        first, months = 1, 12
    return Period(text.strip(), _month_start(year, first), _month_start(year, first + months))
