"""The working calendar (lịch làm việc) of a one-stop unit: working days, office hours, deadlines.

:meth:`WorkingCalendar.vietnam` builds the civil-service calendar of Vietnam: Saturday and
Sunday off (Decision 188/1999/QĐ-TTg Art. 1), the public holidays of the Labour Code with their
lunar dates, days off in lieu, the days swapped each year, and Vietnam Culture Day from 2026. The
holiday dates come from the ``holidays`` package; this module attaches their legal sources and
answers every question from a precomputed index, built on first use and cached per calendar.

Day arguments are :class:`datetime.date` (never a ``datetime``); instants are *aware*
:class:`datetime.datetime` objects and results are given in the calendar's time zone.

Examples:
    >>> import datetime as dt
    >>> calendar = WorkingCalendar.vietnam()
    >>> calendar.is_working_day(dt.date(2025, 4, 26))  # a Saturday worked in 2025
    True
    >>> calendar.add_working_days(dt.date(2025, 4, 29), 1)  # 30/4-4/5 2025 off
    datetime.date(2025, 5, 5)
    >>> calendar.working_days_between(dt.date(2025, 4, 29), dt.date(2025, 5, 5))
    1
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import attrs

from adminflow.calendar._checks import (
    as_tuple,
    check_holidays,
    check_name,
    check_sessions_keep_their_offset,
    to_closures,
    to_extra_working_days,
    to_sessions,
    to_timezone,
    to_weekend,
)
from adminflow.calendar._index import WorkingDayIndex
from adminflow.calendar._time import WorkingTimeMixin
from adminflow.calendar._types import (
    DEFAULT_SESSIONS,
    WORKED,
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

if TYPE_CHECKING:
    from adminflow.calendar._deadlines import Deadline, ProcessingTime

__all__ = [
    "VIETNAM_TIMEZONE",
    "WorkingCalendar",
]

#: The time zone of Vietnam (giờ Đông Dương, UTC+07:00, no daylight saving).
VIETNAM_TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")

WEEKEND_SOURCE = "Decision 188/1999/QĐ-TTg Art. 1 (40-hour week, Saturday and Sunday off)"


@attrs.frozen(kw_only=True)
class WorkingCalendar(WorkingTimeMixin):
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

    def __attrs_post_init__(self) -> None:
        for field in ("first_year", "last_year"):
            year = getattr(self, field)
            if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100:
                raise InvalidValueError(field, year, "must be a year between 1900 and 2100")
        if self.last_year < self.first_year:
            raise InvalidValueError("last_year", self.last_year, "must not be before first_year")
        for i, item in enumerate(self.closures):
            if not isinstance(item, Closure):
                raise InvalidValueError(f"closures[{i}]", item, "must be a Closure")
        for i, extra in enumerate(self.extra_working_days):
            if not isinstance(extra, ExtraWorkingDay):
                raise InvalidValueError(
                    f"extra_working_days[{i}]", extra, "must be ExtraWorkingDay"
                )
        closed = {d for c in self.closures for d in self._days_of(c)}
        for i, extra in enumerate(self.extra_working_days):
            if extra.day in closed:
                raise InvalidValueError(f"extra_working_days[{i}]", extra.day, "is also a closure")
            if extra.day.weekday() not in self.weekend:
                raise InvalidValueError(
                    f"extra_working_days[{i}]",
                    extra.day,
                    "is not a weekly rest day: only a rest day can be made a working day",
                )
        if not self.sessions:
            raise InvalidValueError("sessions", self.sessions, "must hold at least one session")
        for i, session in enumerate(self.sessions):
            if not isinstance(session, OfficeSession):
                raise InvalidValueError(f"sessions[{i}]", session, "must be an OfficeSession")
            if i and session.start < self.sessions[i - 1].end:
                raise InvalidValueError(
                    f"sessions[{i}]", session, "must start after the previous session ends"
                )
        if self.timezone is not VIETNAM_TIMEZONE:
            check_sessions_keep_their_offset(
                self.timezone, self.sessions, self.first_day, self.last_day
            )
        if self.extra_working_days:
            self._build()  # checks them against the public holidays now, not on first use

    def _days_of(self, closure: Closure) -> Iterator[dt.date]:
        """The days of ``closure`` inside the supported years."""
        first = max(closure.first_day, self.first_day).toordinal()
        last = min(closure.last_day or closure.first_day, self.last_day).toordinal()
        return (dt.date.fromordinal(o) for o in range(first, last + 1))

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
        """Build the index: public holidays first, then closures, then extra working days.

        A closure marks only days that would otherwise be worked: a holiday or a weekly rest
        day inside it stays explained by its own rule. An extra working day must be a weekly
        rest day that no holiday, day in lieu or swap already claims (Decision 14/2010/QĐ-TTg
        opens Saturdays, not public holidays).
        """
        notes: dict[dt.date, DayNote] = {}
        if self.public_holidays is not None:
            for note in self.public_holidays(self.first_year, self.last_year):
                notes.setdefault(note.day, note)
        for closure in self.closures:
            for day in self._days_of(closure):
                known = notes.get(day)
                worked = known.kind in WORKED if known else day.weekday() not in self.weekend
                if worked:
                    notes[day] = DayNote(day, DayKind.CLOSURE, closure.name, closure.source)
        for i, extra in enumerate(self.extra_working_days):
            if not self.first_day <= extra.day <= self.last_day:
                continue
            known = notes.get(extra.day)
            if known is not None:
                raise InvalidValueError(
                    f"extra_working_days[{i}]",
                    extra.day,
                    f"is already noted as {known.kind.value} ({known.name})",
                )
            notes[extra.day] = DayNote(extra.day, DayKind.EXTRA_WORKDAY, extra.name, extra.source)
        index = WorkingDayIndex(self.first_day, self.last_day, self.weekend, notes)
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

    def add_working_days_many(
        self, days: Iterable[dt.date], n: int | Iterable[int]
    ) -> list[dt.date]:
        """:meth:`add_working_days` over many days, with one ``n`` or one ``n`` per day.

        Raises:
            InvalidValueError: A day or count is invalid, or the lengths differ.
            CalendarError: A day or result is outside the supported years.
        """
        days = as_tuple("days", days)
        if isinstance(n, Iterable) and not isinstance(n, str | bytes):
            counts = tuple(n)
            if len(counts) != len(days):
                raise InvalidValueError("n", counts, f"must have {len(days)} counts, one per day")
            return [self.add_working_days(d, k) for d, k in zip(days, counts, strict=True)]
        count = self._count("n", n)
        return [self.add_working_days(d, count) for d in days]

    def working_days_between_many(
        self, starts: Iterable[dt.date], ends: Iterable[dt.date]
    ) -> list[int]:
        """:meth:`working_days_between` over pairs of days.

        Raises:
            InvalidValueError: A day is invalid, or the lengths differ.
            CalendarError: A day is outside the supported years.
        """
        first, last = as_tuple("starts", starts), as_tuple("ends", ends)
        if len(first) != len(last):
            raise InvalidValueError("ends", last, f"must have {len(first)} days, one per start")
        return [self.working_days_between(s, e) for s, e in zip(first, last, strict=True)]

    def due(self, received_at: dt.datetime, processing_time: ProcessingTime) -> Deadline:
        """The due instant (hạn trả kết quả) of a processing time, with its explanation.

        See :func:`adminflow.deadlines.compute_deadline` for the rules.
        """
        from adminflow.calendar._deadlines import compute_deadline

        return compute_deadline(self, received_at, processing_time)
