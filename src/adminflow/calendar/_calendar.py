"""The working calendar: :class:`WorkingCalendar` and its day index, sessions and deadlines.

The package docstring (:mod:`adminflow.calendar`) describes the calendar and its sources.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from adminflow.calendar._checks import (
    as_tuple,
    check_holidays,
    check_name,
    check_options,
    check_sessions_keep_their_offset,
    to_closures,
    to_extra_working_days,
    to_sessions,
    to_timezone,
    to_weekend,
)
from adminflow.calendar._deadlines import Deadline, ProcessingTime, explain_due
from adminflow.calendar._index import WorkingDayIndex, build_index
from adminflow.calendar._time import SessionClock, to_local, to_us
from adminflow.calendar._types import (
    DEFAULT_SESSIONS,
    Closure,
    DayKind,
    DayNote,
    ExtraWorkingDay,
    OfficeSession,
    Weekday,
    check_naive_time,
    is_integer,
)
from adminflow.errors import CalendarError, InvalidValueError

__all__ = [
    "VIETNAM_TIMEZONE",
    "WorkingCalendar",
]

#: The time zone of Vietnam (giờ Đông Dương, UTC+07:00, no daylight saving).
VIETNAM_TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")

WEEKEND_SOURCE = "Decision 188/1999/QĐ-TTg Art. 1 (40-hour week, Saturday and Sunday off)"


@attrs.frozen(kw_only=True)
class WorkingCalendar:
    """A working calendar (lịch làm việc): which days and hours a one-stop unit works.

    Most users want :meth:`vietnam`. The calendar answers for the days from 1 January of
    ``first_year`` to 31 December of ``last_year``; outside them it raises
    :class:`~adminflow.errors.CalendarError` rather than guess.

    Attributes:
        name: A label for messages.
        first_year: First supported year.
        last_year: Last supported year.
        weekend: Weekly rest days (:class:`Weekday` numbers).
        closures: Local closures, each with its decision.
        extra_working_days: Weekend days worked by local decision.
        sessions: Office sessions of a working day, in order, not overlapping.
        timezone: Time zone of the office hours and of results.
        cutoff: Hour after which something received is handled on the next working day
            (15:00: Decree 118/2025/NĐ-CP Art. 18(2)).
        public_holidays: Function ``(first_year, last_year) -> DayNote``s giving the holidays,
            days in lieu, swapped days off and worked weekend days; ``None`` for none.

    References:
        Decision 188/1999/QĐ-TTg Art. 1 (Saturday and Sunday off); Decision 14/2010/QĐ-TTg
        (Saturday reception); Decree 118/2025/NĐ-CP Art. 18(2) (15:00 cut-off).
    """

    name: str = attrs.field(default="working calendar", validator=check_name)
    first_year: int = attrs.field(default=2000)
    last_year: int = attrs.field(default=2035)
    weekend: frozenset[int] = attrs.field(
        default=frozenset({Weekday.SAT, Weekday.SUN}), converter=to_weekend
    )
    closures: tuple[Closure, ...] = attrs.field(default=(), converter=to_closures)
    extra_working_days: tuple[ExtraWorkingDay, ...] = attrs.field(
        default=(), converter=to_extra_working_days
    )
    sessions: tuple[OfficeSession, ...] = attrs.field(
        default=DEFAULT_SESSIONS, converter=to_sessions
    )
    timezone: ZoneInfo = attrs.field(default=VIETNAM_TIMEZONE, converter=to_timezone)
    cutoff: dt.time = attrs.field(default=dt.time(15), validator=check_naive_time)
    public_holidays: Callable[[int, int], Iterable[DayNote]] | None = attrs.field(
        default=None, repr=False, validator=check_holidays
    )
    # The index, built on first use: a cache, not state, so equality ignores it.
    _ix: WorkingDayIndex | None = attrs.field(
        init=False, default=None, eq=False, repr=False, hash=False
    )
    _clock: SessionClock = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        check_options(self)
        object.__setattr__(self, "_clock", SessionClock(self.sessions))
        if self.timezone is not VIETNAM_TIMEZONE:
            check_sessions_keep_their_offset(
                self.timezone, self.sessions, self.first_day, self.last_day
            )
        if self.extra_working_days:
            self._build()  # checks them against the public holidays now, not on first use

    @classmethod
    def vietnam(
        cls,
        *,
        closures: Iterable[Closure] = (),
        extra_working_days: Iterable[ExtraWorkingDay] = (),
        weekend: Iterable[int] = (Weekday.SAT, Weekday.SUN),
        sessions: Sequence[OfficeSession] = DEFAULT_SESSIONS,
        cutoff: dt.time = dt.time(15),
        timezone: ZoneInfo | str = VIETNAM_TIMEZONE,
        first_year: int = 2000,
        last_year: int = 2035,
        name: str = "Vietnam civil service",
    ) -> WorkingCalendar:
        """The civil-service calendar of Vietnam (lịch làm việc của cơ quan hành chính nhà nước).

        Saturday and Sunday off; New Year, Tết (lunar), Hùng Kings (lunar), 30 April, 1 May and
        National Day (2 September and an adjacent day); days off in lieu when a holiday falls on
        a weekly rest day; the yearly swapped days (e.g. Friday 2 May 2025 off, Saturday 26 April
        2025 worked; Monday 31 August 2026 off, Saturday 22 August 2026 worked); Vietnam Culture
        Day, 24 November, from 2026.

        Years after the latest announcement are projections from the statutory rules: a swap
        announced later is known only once the ``holidays`` package (or ``extra_working_days`` and
        ``closures``) includes it.

        Args:
            closures: Local closures, each with its decision.
            extra_working_days: Weekend days worked by local decision.
            weekend: Weekly rest days.
            sessions: Office sessions of a working day.
            cutoff: Same-day cut-off hour (Decree 118/2025/NĐ-CP Art. 18(2)).
            timezone: Time zone of the office hours.
            first_year: First supported year; at least 2000, the first full year of the
                five-day week (Decision 188/1999/QĐ-TTg, applied from 2 October 1999).
            last_year: Last supported year; at most 2100.
            name: A label for messages.

        Returns:
            The calendar; its index is built on first use.

        Raises:
            InvalidValueError: An option is invalid.

        References:
            Labour Code 2019 (45/2019/QH14) Art. 111(3) and 112; Resolution 28/2026/QH16 (Vietnam
            Culture Day); Decision 188/1999/QĐ-TTg Art. 1; yearly announcements under
            Art. 112(3), e.g. Notice 9441/TB-BNV of 16 October 2025 for 2026.

        Examples:
            >>> import datetime as dt
            >>> calendar = WorkingCalendar.vietnam()
            >>> calendar.note(dt.date(2026, 8, 31)).kind
            <DayKind.SWAPPED_OFF: 'swapped_off'>
        """
        if isinstance(first_year, int) and not isinstance(first_year, bool) and first_year < 2000:
            raise InvalidValueError(
                "first_year",
                first_year,
                "must be >= 2000: the five-day week of Decision 188/1999/QĐ-TTg began on"
                " 2 October 1999",
            )
        from adminflow.calendar._vietnam import vietnam_day_notes

        return cls(
            name=name,
            first_year=first_year,
            last_year=last_year,
            weekend=weekend,
            closures=closures,
            extra_working_days=extra_working_days,
            sessions=sessions,
            timezone=timezone,
            cutoff=cutoff,
            public_holidays=vietnam_day_notes,
        )

    # ------------------------------------------------------------------ index

    @property
    def first_day(self) -> dt.date:
        """The first day the calendar answers for."""
        return dt.date(self.first_year, 1, 1)

    @property
    def last_day(self) -> dt.date:
        """The last day the calendar answers for."""
        return dt.date(self.last_year, 12, 31)

    def _index(self) -> WorkingDayIndex:
        return self._ix or self._build()

    def _build(self) -> WorkingDayIndex:
        index = build_index(
            self.first_day,
            self.last_day,
            self.weekend,
            self.public_holidays,
            self.closures,
            self.extra_working_days,
        )
        object.__setattr__(self, "_ix", index)  # a cache, not state: equality ignores it
        return index

    def _offset(self, field: str, day: Any) -> int:
        """The index offset of ``day``, after checking its type and range."""
        if type(day) is not dt.date and (
            not isinstance(day, dt.date) or isinstance(day, dt.datetime)
        ):
            raise InvalidValueError(field, day, "must be a datetime.date (not a datetime)")
        index = self._index()
        offset = day.toordinal() - index.first
        if not 0 <= offset < index.size:
            raise self._outside(field, day)
        return offset

    def _outside(self, field: str, value: Any) -> CalendarError:
        return CalendarError(
            field, value, f"outside the supported years {self.first_year}-{self.last_year}"
        )

    @staticmethod
    def _count(field: str, n: Any) -> int:
        if type(n) is int:
            return n
        if not is_integer(n):
            raise InvalidValueError(field, n, "must be an integer")
        return int(n)

    # ------------------------------------------------------------ working days

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day (ngày làm việc).

        Raises:
            InvalidValueError: ``day`` is not a date.
            CalendarError: ``day`` is outside the supported years.
        """
        return bool(self._index().work[self._offset("day", day)])

    def note(self, day: dt.date) -> DayNote | None:
        """Why ``day`` is off (or why a weekend ``day`` is worked); ``None`` for ordinary days.

        Raises:
            InvalidValueError: ``day`` is not a date.
            CalendarError: ``day`` is outside the supported years.
        """
        offset = self._offset("day", day)
        note = self._index().notes.get(day)
        if note is not None:
            return note
        if not self._index().work[offset]:
            return DayNote(day, DayKind.WEEKEND, "weekly rest day", WEEKEND_SOURCE)
        return None

    def notes_between(self, start: dt.date, end: dt.date) -> list[DayNote]:
        """The notes of the days in ``[start, end]``: every day off and every worked weekend day.

        Raises:
            InvalidValueError: A day is not a date.
            CalendarError: A day is outside the supported years.
        """
        first = self._offset("start", start)
        last = self._offset("end", end)
        index = self._index()
        result = []
        for offset in range(first, last + 1):
            day = dt.date.fromordinal(index.first + offset)
            if not index.work[offset] or day in index.notes:
                note = self.note(day)
                if note is not None:
                    result.append(note)
        return result

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        return self.add_working_days(day, 1)

    def previous_working_day(self, day: dt.date) -> dt.date:
        """The last working day strictly before ``day``."""
        return self.add_working_days(day, -1)

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``day`` (before it when ``n`` < 0).

        ``day`` itself is never counted (a period in days starts on the next day: Civil Code
        2015 Art. 147(2)). ``n == 0`` gives ``day`` when it is a working day, else the next one.

        Args:
            day: The day to count from.
            n: How many working days to add; negative to go back.

        Returns:
            The working day reached.

        Raises:
            InvalidValueError: ``day`` is not a date or ``n`` is not an integer.
            CalendarError: ``day`` or the result is outside the supported years.

        Examples:
            >>> import datetime as dt
            >>> calendar = WorkingCalendar.vietnam()
            >>> calendar.add_working_days(dt.date(2026, 2, 13), 1)  # Tết 2026: 16-20 Feb off
            datetime.date(2026, 2, 23)
        """
        index = self._ix
        if index is not None and type(n) is int and n > 0:
            # Fast path: index built, plain int n > 0, day a date inside the years (a datetime
            # never equals a date, so it is not found), result inside the years.
            try:
                j = index.cum_by_date[day] + n - 1
            except (KeyError, TypeError):
                pass
            else:
                if j < index.count:
                    return index.dates[j]
        return self._add_working_days(day, n)

    def _add_working_days(self, day: dt.date, n: int) -> dt.date:
        if type(n) is not int:
            n = self._count("n", n)
        offset = self._offset("day", day)
        index = self._index()
        k = index.cum[offset]
        if n > 0:
            j = k + n - 1
        elif n < 0:
            j = k - index.work[offset] + n
        elif index.work[offset]:
            return day
        else:
            j = k
        if not 0 <= j < index.count:
            raise CalendarError(
                "n",
                n,
                f"{day} + {n} working days is outside the supported years "
                f"{self.first_year}-{self.last_year}",
            )
        return index.dates[j]

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """The number of working days in ``(start, end]``; negative when ``end`` < ``start``.

        For a working day ``d``, ``working_days_between(d, add_working_days(d, n)) == n``.

        Raises:
            InvalidValueError: A day is not a date.
            CalendarError: A day is outside the supported years.

        Examples:
            >>> import datetime as dt
            >>> WorkingCalendar.vietnam().working_days_between(
            ...     dt.date(2025, 1, 24), dt.date(2025, 2, 3)
            ... )  # Tết 2025: 27 Jan - 31 Jan off
            1
        """
        index = self._ix or self._build()
        try:
            return index.cum_by_date[end] - index.cum_by_date[start]
        except (KeyError, TypeError):
            pass
        return index.cum[self._offset("end", end)] - index.cum[self._offset("start", start)]

    def add_working_days_many(self, days: Any, n: int | Iterable[int] | Any) -> Any:
        """:meth:`add_working_days` over many days, with one ``n`` or one ``n`` per day.

        A list (or any iterable) of dates gives a list of dates, at least as fast as a loop over
        :meth:`add_working_days`. A numpy ``datetime64[D]`` array (with ``n`` an int or an
        integer array of the same shape) gives a ``datetime64[D]`` array, computed with array
        look-ups at about the speed of ``numpy.busday_offset`` — but with this calendar's
        answers, swapped Saturdays and closures included (numpy is optional; it is imported only
        when an array is given).

        Raises:
            InvalidValueError: A day or count is invalid, or the lengths differ.
            CalendarError: A day or result is outside the supported years.

        Examples:
            >>> import datetime as dt
            >>> calendar = WorkingCalendar.vietnam()
            >>> calendar.add_working_days_many([dt.date(2025, 4, 25), dt.date(2025, 4, 29)], 1)
            [datetime.date(2025, 4, 26), datetime.date(2025, 5, 5)]
        """
        from adminflow.calendar._bulk import add_many, add_many_numpy, is_date_array

        if is_date_array(days):
            if type(n) is not int and not is_date_array(n) and isinstance(n, Iterable):
                import numpy as np

                n = np.asarray(list(n) if not hasattr(n, "dtype") else n)
            elif type(n) is not int:
                n = self._count("n", n)
            return add_many_numpy(self._index(), days, n, self._years())
        if type(days) not in (list, tuple):
            days = as_tuple("days", days)
        if isinstance(n, Iterable) and not isinstance(n, str | bytes):
            counts: Sequence[Any] = n if isinstance(n, list | tuple) else tuple(n)
            if len(counts) != len(days):
                raise InvalidValueError("n", counts, f"must have {len(days)} counts, one per day")
            return add_many(self._index(), days, counts, self.add_working_days)
        return add_many(self._index(), days, self._count("n", n), self.add_working_days)

    def working_days_between_many(self, starts: Any, ends: Any) -> Any:
        """:meth:`working_days_between` over pairs of days.

        Lists of dates give a list of ints; numpy ``datetime64[D]`` arrays give an ``int64``
        array (see :meth:`add_working_days_many`).

        Raises:
            InvalidValueError: A day is invalid, or the lengths differ.
            CalendarError: A day is outside the supported years.

        Examples:
            >>> import datetime as dt
            >>> WorkingCalendar.vietnam().working_days_between_many(
            ...     [dt.date(2025, 4, 29)], [dt.date(2025, 5, 5)]
            ... )
            [1]
        """
        from adminflow.calendar._bulk import between_many, between_many_numpy, is_date_array

        if is_date_array(starts):
            return between_many_numpy(self._index(), starts, ends, self._years())
        first = starts if type(starts) in (list, tuple) else as_tuple("starts", starts)
        last = ends if type(ends) in (list, tuple) else as_tuple("ends", ends)
        if len(first) != len(last):
            raise InvalidValueError("ends", last, f"must have {len(first)} days, one per start")
        return between_many(self._index(), first, last, self.working_days_between)

    def _years(self) -> str:
        return f"{self.first_year}-{self.last_year}"

    @property
    def day_length(self) -> dt.timedelta:
        """The working time of one working day (the sum of the sessions)."""
        return dt.timedelta(microseconds=self._clock.day_us)

    # ------------------------------------------------------------ working time

    def _local(self, field: str, at: Any) -> dt.datetime:
        try:
            return to_local(field, at, self.timezone)
        except OverflowError:  # near datetime.min/max: no local time exists
            raise self._outside(field, at) from None

    def _working_us(self, field: str, at: Any) -> int:
        """Working microseconds from the start of the calendar up to the instant ``at``."""
        local = self._local(field, at)
        offset = self._offset(field, local.date())
        index = self._index()
        worked = index.cum[offset] - index.work[offset]
        within = self._clock.within_day(to_us(local.time())) if index.work[offset] else 0
        return worked * self._clock.day_us + within

    def _instant(self, field: str, value: Any, w: int, *, opening: bool) -> dt.datetime:
        """The earliest instant (or, with ``opening``, the latest) with working time ``w``."""
        index = self._index()
        day_us = self._clock.day_us
        q, r = divmod(w, day_us)
        if r == 0 and not opening:
            q, r = q - 1, day_us
        if not 0 <= q < index.count:
            raise self._outside(field, value)
        midnight = dt.datetime.combine(index.dates[q], dt.time(0), tzinfo=self.timezone)
        return midnight + dt.timedelta(microseconds=self._clock.time_of_day(r, opening=opening))

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
            reason = (
                "it is handled on the next working day, which is after the supported years "
                f"{self.first_year}-{self.last_year}"
            )
            raise CalendarError("received_at", received_at, reason) from None

    def due(self, received_at: dt.datetime, processing_time: ProcessingTime) -> Deadline:
        """The due instant (hạn trả kết quả) of ``processing_time`` from ``received_at``, explained.

        The conventions (Civil Code 2015 Art. 145(1) applies its rules on periods unless another
        law says otherwise):

        * **Working days** — the period starts on the day after receipt (Art. 147(2)-(3)): the
          day of receipt is never counted, whatever the hour. Its last day is the ``n``-th working
          day after the day of receipt (non-working days are skipped, which also covers
          Art. 148(5)).
        * **Working hours** — the period starts at the moment of receipt (Art. 147(1)); only time
          inside office sessions of working days counts, so a receipt outside the sessions starts at
          the next opening. It ends at the earliest instant when that much working time has run.
        * **Calendar days** — the period starts on the day after receipt (Art. 147(2)-(3)); its
          last day is the ``n``-th day after the day of receipt, counting every day; when that day
          is a weekend day, a holiday or a closure, the last day is the next working day
          (Art. 148(5)).
        * **Same day** — due on the day of receipt when it is a working day and receipt is at
          or before the cut-off and before the close of office; otherwise on the next working
          day. The cut-off comes from the procedure's sector law, cited from
          :attr:`ProcessingTime.source` (e.g. Law 60/2014/QH13 on Civil Status Art. 5(3);
          Decree 23/2015/NĐ-CP Art. 7 on certification); Decree 118/2025/NĐ-CP Art. 18(2) is
          the paper-transfer rule and is not cited for it. Without a cut-off, the close of
          office is the cut-off.
        * **Receipts before 21 June 2018** (:data:`FIRST_RULE_SET_FROM`, when Decree
          61/2018/NĐ-CP, the first rule set adminflow models, took effect): the due instant is
          counted by the same conventions, and the explanation says that no rule set applies
          and cites no law.

        **The due instant of a day period.** The Civil Code ends a period in days at 24:00 of its
        last day (Art. 148(1),(6)). adminflow returns the **close of office** of that day (17:00
        by default) instead: results are handed over, and appointments on the receipt slip fall,
        during office hours. This is adminflow's convention, not a rule of the Civil Code; the
        explanation says so. The due day is the same either way.

        Args:
            received_at: The receipt instant (aware datetime) shown on the receipt slip.
            processing_time: The legal processing time.

        Returns:
            The deadline.

        Raises:
            InvalidValueError: ``received_at`` is not an aware datetime, or ``processing_time`` is
                not a :class:`ProcessingTime`.
            CalendarError: The receipt or the due day is outside the calendar's years.

        References:
            Civil Code 2015 Art. 145(1), 147, 148; Decree 118/2025/NĐ-CP Art. 17(3); the
            procedure's sector law for a same-day limit.

        Examples:
            >>> import datetime as dt
            >>> from adminflow.calendar import ProcessingTime
            >>> calendar = WorkingCalendar.vietnam()
            >>> received = dt.datetime(2025, 4, 29, 9, 30, tzinfo=calendar.timezone)
            >>> deadline = calendar.due(received, ProcessingTime.working_days(2))
            >>> deadline.due_at.isoformat()
            '2025-05-06T17:00:00+07:00'
        """
        if not isinstance(processing_time, ProcessingTime):
            raise InvalidValueError(
                "processing_time", processing_time, "must be an adminflow ProcessingTime"
            )
        return self._due_local(self._local("received_at", received_at), processing_time)

    def _due_local(self, local: dt.datetime, processing_time: ProcessingTime) -> Deadline:
        """:meth:`due` of an instant already in the calendar's zone (from :meth:`_local`)."""
        if not isinstance(processing_time, ProcessingTime):
            raise InvalidValueError(
                "processing_time", processing_time, "must be an adminflow ProcessingTime"
            )
        self._offset("received_at", local.date())  # range, naming the parameter
        return explain_due(self, local, processing_time)
