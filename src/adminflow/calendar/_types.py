"""Value types of the working calendar: weekdays, day notes, closures, office sessions."""

from __future__ import annotations

import datetime as dt
import enum
import numbers
from collections.abc import Iterator
from typing import Any

import attrs

from adminflow.errors import InvalidValueError

__all__ = [
    "DEFAULT_SESSIONS",
    "WORKED",
    "Closure",
    "DayKind",
    "DayNote",
    "ExtraWorkingDay",
    "OfficeSession",
    "Weekday",
]


class Weekday(enum.IntEnum):
    """A day of the week, numbered like :meth:`datetime.date.weekday`."""

    MON = 0
    TUE = 1
    WED = 2
    THU = 3
    FRI = 4
    SAT = 5
    SUN = 6


class DayKind(enum.StrEnum):
    """Why a day is off, or why a weekend day is worked."""

    WEEKEND = "weekend"  #: ngày nghỉ hằng tuần
    HOLIDAY = "holiday"  #: ngày nghỉ lễ, tết
    SUBSTITUTE = "substitute"  #: nghỉ bù: a holiday fell on a weekly rest day
    SWAPPED_OFF = "swapped_off"  #: hoán đổi: a working day given off in exchange for a weekend day
    SWAPPED_WORKDAY = "swapped_workday"  #: làm bù: a weekend day worked in exchange
    CLOSURE = "closure"  #: a closure decided locally (e.g. a typhoon)
    EXTRA_WORKDAY = "extra_workday"  #: a weekend day worked by local decision


#: The kinds of note that make a day a working day; every other kind makes it a day off.
WORKED = frozenset({DayKind.SWAPPED_WORKDAY, DayKind.EXTRA_WORKDAY})


@attrs.frozen
class DayNote:
    """Why a day (ngày) is not a working day, or why a weekend day is one.

    Attributes:
        day: The day.
        kind: The kind of rule.
        name: What the day is, in words.
        source: The legal source (law, decree, notice and article).
    """

    day: dt.date
    kind: DayKind
    name: str
    source: str

    def __str__(self) -> str:
        return f"{self.day:%a %d %b %Y}: {self.name} [{self.source}]"


def _check_text(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(attribute.name, value, "must be a non-empty string")


def _check_date(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None and attribute.name == "last_day":
        return
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidValueError(attribute.name, value, "must be a datetime.date")


@attrs.frozen
class Closure:
    """A local closure (ngày nghỉ đột xuất): the office is shut by decision, e.g. for a typhoon.

    Attributes:
        first_day: First day closed.
        last_day: Last day closed (inclusive); the first day when omitted.
        name: What happened, e.g. ``"typhoon Yagi"``.
        source: The decision that closed the office, e.g. a provincial People's Committee
            decision or official letter with its number.
    """

    first_day: dt.date = attrs.field(validator=_check_date)
    last_day: dt.date | None = attrs.field(default=None, validator=_check_date)
    name: str = attrs.field(default="closure", kw_only=True, validator=_check_text)
    source: str = attrs.field(kw_only=True, validator=_check_text)

    def __attrs_post_init__(self) -> None:
        if self.last_day is not None and self.last_day < self.first_day:
            raise InvalidValueError("last_day", self.last_day, "must not be before first_day")

    def days(self) -> Iterator[dt.date]:
        """Every day of the closure, in order."""
        last = self.last_day or self.first_day
        for ordinal in range(self.first_day.toordinal(), last.toordinal() + 1):
            yield dt.date.fromordinal(ordinal)


@attrs.frozen
class ExtraWorkingDay:
    """A day that is worked although it is a weekend day (e.g. a Saturday reception session).

    Decision 14/2010/QĐ-TTg lets ministers and provincial chairs open offices on Saturdays to
    receive and settle procedures.

    Attributes:
        day: The day worked.
        name: What it is, in words.
        source: The decision that makes it a working day.
    """

    day: dt.date = attrs.field(validator=_check_date)
    name: str = attrs.field(default="extra working day", kw_only=True, validator=_check_text)
    source: str = attrs.field(kw_only=True, validator=_check_text)


def is_integer(value: Any) -> bool:
    """Whether ``value`` is an integer (numpy integers included), ``bool`` excluded."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def check_naive_time(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """An attrs validator: ``value`` is a ``datetime.time`` without a time zone."""
    if not isinstance(value, dt.time) or value.tzinfo is not None:
        raise InvalidValueError(attribute.name, value, "must be a naive datetime.time")


@attrs.frozen
class OfficeSession:
    """An office session (buổi làm việc), e.g. 08:00-12:00, in the calendar's time zone.

    Attributes:
        start: Opening time.
        end: Closing time, after ``start``.
    """

    start: dt.time = attrs.field(validator=check_naive_time)
    end: dt.time = attrs.field(validator=check_naive_time)

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise InvalidValueError("end", self.end, f"must be after start {self.start}")

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


#: Default sessions: 08:00-12:00 and 13:00-17:00 (8 hours, Labour Code 2019 Art. 105(1)).
DEFAULT_SESSIONS = (
    OfficeSession(dt.time(8), dt.time(12)),
    OfficeSession(dt.time(13), dt.time(17)),
)
