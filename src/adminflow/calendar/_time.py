"""Working time (giờ làm việc) inside office sessions: the instant arithmetic of the calendar.

:class:`WorkingTimeMixin` gives :class:`adminflow.calendar.WorkingCalendar` its methods on aware
datetimes. Working time is measured as microseconds of office sessions since the calendar's
first day, read off the working-day index, so every operation is O(1).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from adminflow.calendar._index import WorkingDayIndex
from adminflow.calendar._types import OfficeSession
from adminflow.errors import CalendarError, InvalidValueError

__all__ = ["WorkingTimeMixin"]

_US = 1_000_000  # microseconds per second


def _to_us(t: dt.time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * _US + t.microsecond


class WorkingTimeMixin:
    """Working-time methods of :class:`~adminflow.calendar.WorkingCalendar`."""

    __slots__ = ()

    if TYPE_CHECKING:  # provided by WorkingCalendar
        sessions: tuple[OfficeSession, ...]
        timezone: ZoneInfo
        cutoff: dt.time

        def _index(self) -> WorkingDayIndex: ...
        def _offset(self, field: str, day: Any) -> int: ...
        def _outside(self, field: str, value: Any) -> CalendarError: ...
        @staticmethod
        def _count(field: str, n: Any) -> int: ...
        def is_working_day(self, day: dt.date) -> bool: ...
        def add_working_days(self, day: dt.date, n: int) -> dt.date: ...

    @property
    def day_length(self) -> dt.timedelta:
        """The working time of one working day (the sum of the sessions)."""
        return dt.timedelta(microseconds=self._day_us())

    def _day_us(self) -> int:
        return sum(_to_us(s.end) - _to_us(s.start) for s in self.sessions)

    def _local(self, field: str, at: Any) -> dt.datetime:
        if not isinstance(at, dt.datetime):
            raise InvalidValueError(field, at, "must be a datetime.datetime")
        if at.tzinfo is None or at.utcoffset() is None:
            raise InvalidValueError(
                field, at, "must be timezone-aware (naive datetimes are refused)"
            )
        return at.astimezone(self.timezone)

    def _within_day(self, tod: int) -> int:
        before = 0
        for session in self.sessions:
            start, end = _to_us(session.start), _to_us(session.end)
            if tod <= start:
                return before
            if tod < end:
                return before + tod - start
            before += end - start
        return before

    def _working_us(self, field: str, at: Any) -> int:
        """Working microseconds from the start of the calendar up to the instant ``at``."""
        local = self._local(field, at)
        offset = self._offset(field, local.date())
        index = self._index()
        worked = index.cum[offset] - index.work[offset]
        within = self._within_day(_to_us(local.time())) if index.work[offset] else 0
        return worked * self._day_us() + within

    def _instant(self, field: str, value: Any, w: int, *, opening: bool) -> dt.datetime:
        """The earliest instant (or, with ``opening``, the latest) with working time ``w``."""
        index = self._index()
        q, r = divmod(w, self._day_us())
        if r == 0 and not opening:
            q, r = q - 1, self._day_us()
        if not 0 <= q < index.count:
            raise self._outside(field, value)
        day = index.dates[q]
        before = 0
        tod = _to_us(self.sessions[-1].end)
        for session in self.sessions:
            start, end = _to_us(session.start), _to_us(session.end)
            length = end - start
            if r < before + length or (r == before + length and not opening):
                tod = start + r - before
                break
            before += length
        midnight = dt.datetime.combine(day, dt.time(0), tzinfo=self.timezone)
        return midnight + dt.timedelta(microseconds=tod)

    def is_working_time(self, at: dt.datetime) -> bool:
        """Whether the instant ``at`` falls inside an office session of a working day.

        Raises:
            InvalidValueError: ``at`` is not an aware datetime.
            CalendarError: ``at`` is outside the supported years.
        """
        local = self._local("at", at)
        if not self.is_working_day(local.date()):
            return False
        tod = local.time().replace(tzinfo=None)
        return any(s.start <= tod < s.end for s in self.sessions)

    def next_working_instant(self, at: dt.datetime) -> dt.datetime:
        """The first working instant at or after ``at``.

        That is ``at`` itself inside an office session, else the next session opening.

        Raises:
            InvalidValueError: ``at`` is not an aware datetime.
            CalendarError: ``at`` or the result is outside the supported years.
        """
        if self.is_working_time(at):
            return at.astimezone(self.timezone)
        return self._instant("at", at, self._working_us("at", at), opening=True)

    def add_working_time(self, at: dt.datetime, delta: dt.timedelta) -> dt.datetime:
        """The instant reached after ``delta`` of working time from ``at``.

        Working time runs only inside office sessions of working days (a period in hours starts
        at the stated moment: Civil Code 2015 Art. 147(1)); an instant outside sessions starts at
        the next opening. The result is the *earliest* instant reaching that working time, so a
        result at a session boundary is the closing time (17:00), not the next opening. With a
        zero ``delta`` the result is :meth:`next_working_instant`.

        Raises:
            InvalidValueError: ``at`` is not an aware datetime or ``delta`` not a timedelta.
            CalendarError: ``at`` or the result is outside the supported years.

        Examples:
            >>> import datetime as dt
            >>> from adminflow.calendar._calendar import WorkingCalendar
            >>> calendar = WorkingCalendar.vietnam()
            >>> friday = dt.datetime(2025, 4, 25, 16, 0, tzinfo=calendar.timezone)
            >>> calendar.add_working_time(friday, dt.timedelta(hours=2)).isoformat()
            '2025-04-26T09:00:00+07:00'
        """
        if not isinstance(delta, dt.timedelta):
            raise InvalidValueError("delta", delta, "must be a datetime.timedelta")
        if not delta:
            return self.next_working_instant(at)
        w = self._working_us("at", at) + delta // dt.timedelta(microseconds=1)
        return self._instant("delta", delta, w, opening=False)

    def add_working_hours(self, at: dt.datetime, hours: int) -> dt.datetime:
        """The instant reached after ``hours`` working hours (giờ làm việc) from ``at``.

        Raises:
            InvalidValueError: ``at`` is not an aware datetime or ``hours`` not an integer.
            CalendarError: ``at`` or the result is outside the supported years.
        """
        count = self._count("hours", hours)
        try:
            delta = dt.timedelta(hours=count)
        except OverflowError:
            raise self._outside("hours", hours) from None
        return self.add_working_time(at, delta)

    def working_time_between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """The working time between two instants; negative when ``end`` is before ``start``.

        Raises:
            InvalidValueError: An instant is not an aware datetime.
            CalendarError: An instant is outside the supported years.
        """
        w = self._working_us("end", end) - self._working_us("start", start)
        return dt.timedelta(microseconds=w)

    def opening(self, day: dt.date) -> dt.datetime:
        """The opening of the first session of ``day``, in the calendar's time zone."""
        self._offset("day", day)
        return dt.datetime.combine(day, self.sessions[0].start, tzinfo=self.timezone)

    def closing(self, day: dt.date) -> dt.datetime:
        """The close of the last session of ``day`` (close of office), in the calendar's zone."""
        self._offset("day", day)
        return dt.datetime.combine(day, self.sessions[-1].end, tzinfo=self.timezone)

    def _cutoff(self, cutoff: Any) -> dt.time:
        """``cutoff``, else the calendar's cut-off, checked to be a naive time."""
        limit = self.cutoff if cutoff is None else cutoff
        if not isinstance(limit, dt.time) or limit.tzinfo is not None:
            raise InvalidValueError("cutoff", cutoff, "must be a naive datetime.time")
        return limit

    def handling_day(self, received_at: dt.datetime, *, cutoff: dt.time | None = None) -> dt.date:
        """The working day on which something received at ``received_at`` is handled.

        The same working day when received on a working day at or before ``cutoff`` (the
        calendar's cut-off, 15:00 by default) and before the close of office, else the next
        working day: nothing is handled the same day once the office has closed, whatever
        the cut-off.

        Raises:
            InvalidValueError: ``received_at`` is not an aware datetime or ``cutoff`` is not a
                naive time.
            CalendarError: The day is outside the supported years.

        References:
            Decree 118/2025/NĐ-CP Art. 18(2) (paper dossiers are transferred the same working
            day, or at the start of the next working day if received after 15:00).
        """
        local = self._local("received_at", received_at)
        limit = self._cutoff(cutoff)
        day, tod = local.date(), local.time().replace(tzinfo=None)
        if self.is_working_day(day) and tod <= limit and tod < self.sessions[-1].end:
            return day
        try:
            return self.add_working_days(day, 1)
        except CalendarError:
            raise self._outside("received_at", received_at) from None
