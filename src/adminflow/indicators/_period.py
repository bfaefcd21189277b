"""Reporting periods (kỳ báo cáo) and the working-day ordinals both engines count with."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

import attrs

from adminflow.calendar import WorkingCalendar
from adminflow.errors import InvalidValueError

__all__ = ["DAY", "Period", "WorkdayOrdinals", "fixed_offset", "workday_ordinals"]

DAY = 86_400
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
_PERIOD = re.compile(r"^(\d{4})(?:-(?:Q([1-4])|H([12])|(\d{2})))?$")


def _check_day(field: str, value: Any) -> dt.date:
    if type(value) is not dt.date:
        raise InvalidValueError(field, value, "must be a datetime.date (not a datetime)")
    return value


def _first_day(value: Any) -> dt.date:
    return _check_day("first_day", value)


def _last_day(value: Any) -> dt.date:
    return _check_day("last_day", value)


@attrs.frozen
class Period:
    """A reporting period: the days ``first_day`` to ``last_day`` inclusive, in local time.

    Examples:
        >>> Period.parse("2025-Q3")
        Period(first_day=datetime.date(2025, 7, 1), last_day=datetime.date(2025, 9, 30))
        >>> Period.parse("2025").last_day
        datetime.date(2025, 12, 31)
    """

    first_day: dt.date = attrs.field(converter=_first_day)
    last_day: dt.date = attrs.field(converter=_last_day)

    def __attrs_post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise InvalidValueError("last_day", self.last_day, "must not be before first_day")

    @classmethod
    def parse(cls, text: str) -> Period:
        """A period from ``YYYY``, ``YYYY-Qn``, ``YYYY-Hn`` or ``YYYY-MM``.

        Raises:
            InvalidValueError: ``text`` is none of these.
        """
        match = _PERIOD.match(text) if isinstance(text, str) else None
        if match is None:
            raise InvalidValueError(
                "period", text, "must be YYYY, YYYY-Qn, YYYY-Hn or YYYY-MM (e.g. 2025-Q3)"
            )
        year = int(match[1])
        if not 1900 <= year <= 2100:
            raise InvalidValueError("period", text, "year must be between 1900 and 2100")
        if match[2]:
            first_month, months = 3 * int(match[2]) - 2, 3
        elif match[3]:
            first_month, months = 6 * int(match[3]) - 5, 6
        elif match[4]:
            first_month, months = int(match[4]), 1
            if not 1 <= first_month <= 12:
                raise InvalidValueError("period", text, "month must be 01-12")
        else:
            first_month, months = 1, 12
        last_month = first_month + months - 1
        after = dt.date(year + 1, 1, 1) if last_month == 12 else dt.date(year, last_month + 1, 1)
        return cls(dt.date(year, first_month, 1), after - dt.timedelta(days=1))

    def bounds(self, offset: int) -> tuple[int, int]:
        """Unix seconds of the period's first instant and of the instant just after it.

        ``offset`` is the local time zone's UTC offset in seconds.
        """
        lo = (self.first_day.toordinal() - _EPOCH_ORDINAL) * DAY - offset
        hi = (self.last_day.toordinal() + 1 - _EPOCH_ORDINAL) * DAY - offset
        return lo, hi

    def __str__(self) -> str:
        return f"{self.first_day.isoformat()}..{self.last_day.isoformat()}"


def fixed_offset(calendar: WorkingCalendar) -> int:
    """The calendar's UTC offset in seconds; it must be the same over the calendar's years.

    Vietnam has kept UTC+07:00 without daylight saving since 1975, so day boundaries are plain
    arithmetic in both engines.

    Raises:
        InvalidValueError: The time zone changes its offset within the calendar's years.
    """
    offsets = {
        calendar.timezone.utcoffset(dt.datetime(year, month, 1))
        for year in range(calendar.first_year, calendar.last_year + 1)
        for month in (1, 7)
    }
    if len(offsets) != 1:
        raise InvalidValueError(
            "calendar.timezone",
            str(calendar.timezone),
            "indicators need a time zone with one UTC offset over the calendar's years",
        )
    (offset,) = offsets
    return int(offset.total_seconds()) if offset is not None else 0


@attrs.frozen
class WorkdayOrdinals:
    """Cumulative working days per local day number (days since 1970-01-01).

    ``cum[dn - first]`` is the number of working days from the calendar's first day up to and
    including day ``dn``; the working days in ``(a, b]`` are ``cum[b] - cum[a]``, exactly
    :meth:`WorkingCalendar.working_days_between`. The SQL engine loads the same numbers into a
    small table.
    """

    first: int
    cum: tuple[int, ...]
    offset: int

    def days_between(self, start: int, end: int) -> int:
        """Working days in ``(day(start), day(end)]`` for two Unix instants (seconds)."""
        first, cum, off = self.first, self.cum, self.offset
        return cum[(end + off) // DAY - first] - cum[(start + off) // DAY - first]


@lru_cache(maxsize=8)
def workday_ordinals(calendar: WorkingCalendar) -> WorkdayOrdinals:
    """The :class:`WorkdayOrdinals` of ``calendar`` over all its years (cached)."""
    offset = fixed_offset(calendar)
    first_day, last_day = calendar.first_day, calendar.last_day
    total = 0
    cum = []
    for ordinal in range(first_day.toordinal(), last_day.toordinal() + 1):
        total += calendar.is_working_day(dt.date.fromordinal(ordinal))
        cum.append(total)
    return WorkdayOrdinals(first_day.toordinal() - _EPOCH_ORDINAL, tuple(cum), offset)
