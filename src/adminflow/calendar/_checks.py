"""Checks and converters of :class:`adminflow.calendar.WorkingCalendar` options.

Each names the option and the value it refuses (:class:`~adminflow.errors.InvalidValueError`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from adminflow.calendar._types import Closure, ExtraWorkingDay, OfficeSession, Weekday, is_integer
from adminflow.errors import InvalidValueError

__all__ = [
    "as_tuple",
    "check_holidays",
    "check_name",
    "check_options",
    "check_sessions_keep_their_offset",
    "closure_days",
    "to_closures",
    "to_extra_working_days",
    "to_sessions",
    "to_timezone",
    "to_weekend",
]


def to_timezone(value: ZoneInfo | str) -> ZoneInfo:
    if isinstance(value, ZoneInfo):
        return value
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError) as exc:
        raise InvalidValueError("timezone", value, "must be an IANA time zone name") from exc


def to_weekend(value: Iterable[int]) -> frozenset[int]:
    try:
        days = frozenset(value)
    except TypeError as exc:
        raise InvalidValueError("weekend", value, "must be an iterable of weekdays 0-6") from exc
    if any(not is_integer(d) or not 0 <= d <= 6 for d in days):
        raise InvalidValueError("weekend", value, "must hold weekdays 0 (Monday) to 6 (Sunday)")
    if len(days) == 7:
        raise InvalidValueError("weekend", value, "leaves no working day in the week")
    return frozenset(Weekday(int(d)) for d in days)


def as_tuple(field: str, value: Any) -> tuple[Any, ...]:
    """``value`` as a tuple; a string or a non-iterable is refused, naming ``field``."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError(field, value, "must be an iterable (a list or tuple)")
    return tuple(value)


def to_closures(value: Any) -> tuple[Any, ...]:
    return as_tuple("closures", value)


def to_extra_working_days(value: Any) -> tuple[Any, ...]:
    return as_tuple("extra_working_days", value)


def to_sessions(value: Any) -> tuple[Any, ...]:
    return as_tuple("sessions", value)


def check_name(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str):
        raise InvalidValueError(attribute.name, value, "must be a string")


def check_holidays(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not callable(value):
        raise InvalidValueError(attribute.name, value, "must be a function or None")


def check_sessions_keep_their_offset(
    zone: ZoneInfo, sessions: Sequence[OfficeSession], first_day: dt.date, last_day: dt.date
) -> None:
    """Refuse sessions that a daylight-saving change of the time zone falls inside.

    Working time is counted on the office's wall clock; a session cut by a change of
    UTC offset would have no single length, so such a calendar is refused.
    """

    def offset(day: dt.date, time: dt.time) -> dt.timedelta | None:
        return dt.datetime.combine(day, time, tzinfo=zone).utcoffset()

    previous = offset(first_day, dt.time(0))
    for ordinal in range(first_day.toordinal(), last_day.toordinal() + 1):
        day = dt.date.fromordinal(ordinal)
        following = offset(day + dt.timedelta(days=1), dt.time(0))
        if following != previous:
            for i, session in enumerate(sessions):
                if offset(day, session.start) != offset(day, session.end):
                    raise InvalidValueError(
                        f"sessions[{i}]",
                        session,
                        f"is cut by a change of UTC offset in {zone.key} on {day}",
                    )
        previous = following


def closure_days(closure: Closure, first_day: dt.date, last_day: dt.date) -> Iterator[dt.date]:
    """The days of ``closure`` between ``first_day`` and ``last_day``."""
    first = max(closure.first_day, first_day).toordinal()
    last = min(closure.last_day or closure.first_day, last_day).toordinal()
    return (dt.date.fromordinal(o) for o in range(first, last + 1))


class CalendarOptions(Protocol):
    """The options of a working calendar that are checked together."""

    @property
    def first_year(self) -> int: ...
    @property
    def last_year(self) -> int: ...
    @property
    def first_day(self) -> dt.date: ...
    @property
    def last_day(self) -> dt.date: ...
    @property
    def weekend(self) -> frozenset[int]: ...
    @property
    def closures(self) -> tuple[Closure, ...]: ...
    @property
    def extra_working_days(self) -> tuple[ExtraWorkingDay, ...]: ...
    @property
    def sessions(self) -> tuple[OfficeSession, ...]: ...


def check_options(calendar: CalendarOptions) -> None:
    """Check the options of a calendar together, naming the first one that is wrong."""
    for field in ("first_year", "last_year"):
        year = getattr(calendar, field)
        if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100:
            raise InvalidValueError(field, year, "must be a year between 1900 and 2100")
    if calendar.last_year < calendar.first_year:
        raise InvalidValueError("last_year", calendar.last_year, "must not be before first_year")
    for i, item in enumerate(calendar.closures):
        if not isinstance(item, Closure):
            raise InvalidValueError(f"closures[{i}]", item, "must be a Closure")
    for i, extra in enumerate(calendar.extra_working_days):
        if not isinstance(extra, ExtraWorkingDay):
            raise InvalidValueError(f"extra_working_days[{i}]", extra, "must be ExtraWorkingDay")
    first_day, last_day = calendar.first_day, calendar.last_day
    closed = {d for c in calendar.closures for d in closure_days(c, first_day, last_day)}
    for i, extra in enumerate(calendar.extra_working_days):
        if extra.day in closed:
            raise InvalidValueError(f"extra_working_days[{i}]", extra.day, "is also a closure")
        if extra.day.weekday() not in calendar.weekend:
            raise InvalidValueError(
                f"extra_working_days[{i}]",
                extra.day,
                "is not a weekly rest day: only a rest day can be made a working day",
            )
    if not calendar.sessions:
        raise InvalidValueError("sessions", calendar.sessions, "must hold at least one session")
    for i, session in enumerate(calendar.sessions):
        if not isinstance(session, OfficeSession):
            raise InvalidValueError(f"sessions[{i}]", session, "must be an OfficeSession")
        if i and session.start < calendar.sessions[i - 1].end:
            raise InvalidValueError(
                f"sessions[{i}]", session, "must start after the previous session ends"
            )
