"""Working time (giờ làm việc) inside the office sessions of one day.

:class:`SessionClock` measures a day's working time in microseconds of office sessions: the
working calendar combines it with its working-day index, so every instant operation of
:class:`~adminflow.calendar.WorkingCalendar` is O(1).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from adminflow.calendar._types import OfficeSession
from adminflow.errors import InvalidValueError

__all__ = ["SessionClock", "to_local", "to_us"]

_US = 1_000_000  # microseconds per second


def to_us(t: dt.time) -> int:
    """Microseconds since midnight of the (naive or aware) time of day ``t``."""
    return ((t.hour * 60 + t.minute) * 60 + t.second) * _US + t.microsecond


def to_local(field: str, at: Any, timezone: ZoneInfo) -> dt.datetime:
    """``at`` in ``timezone``, after checking that it is an aware datetime."""
    if not isinstance(at, dt.datetime):
        raise InvalidValueError(field, at, "must be a datetime.datetime")
    if at.tzinfo is None or at.utcoffset() is None:
        raise InvalidValueError(field, at, "must be timezone-aware (naive datetimes are refused)")
    return at.astimezone(timezone)


@attrs.frozen
class SessionClock:
    """The office sessions of a working day, as microseconds of working time.

    Attributes:
        sessions: The sessions of a working day, in order, not overlapping.
    """

    sessions: tuple[OfficeSession, ...]
    _bounds: tuple[tuple[int, int], ...] = attrs.field(init=False, repr=False, eq=False)
    day_us: int = attrs.field(init=False, repr=False, eq=False)
    """The working time of one working day, in microseconds."""

    def __attrs_post_init__(self) -> None:
        bounds = tuple((to_us(s.start), to_us(s.end)) for s in self.sessions)
        object.__setattr__(self, "_bounds", bounds)
        object.__setattr__(self, "day_us", sum(end - start for start, end in bounds))

    def within_day(self, tod: int) -> int:
        """Working microseconds of a working day before the time of day ``tod``."""
        before = 0
        for start, end in self._bounds:
            if tod <= start:
                return before
            if tod < end:
                return before + tod - start
            before += end - start
        return before

    def time_of_day(self, r: int, *, opening: bool) -> int:
        """The time of day (microseconds) when ``r`` working microseconds of a day have run.

        At a session boundary the result is the closing of the session, or with ``opening``
        the opening of the next one.
        """
        before = 0
        for start, end in self._bounds:
            length = end - start
            if r < before + length or (r == before + length and not opening):
                return start + r - before
            before += length
        return self._bounds[-1][1]
