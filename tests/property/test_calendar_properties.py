"""Hypothesis properties of the working calendar: the index agrees with slow, obvious code."""

import datetime as dt
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adminflow.calendar import (
    Closure,
    DayKind,
    ExtraWorkingDay,
    OfficeSession,
    ProcessingTime,
    TimeUnit,
    WorkingCalendar,
)
from adminflow.errors import CalendarError, InvalidValueError

VN = WorkingCalendar.vietnam()
LOCAL = VN.timezone

days = st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2031, 12, 31))
counts = st.integers(min_value=-400, max_value=400)
zones = st.sampled_from([LOCAL, dt.UTC, ZoneInfo("Europe/Paris"), ZoneInfo("America/New_York")])
instants = st.datetimes(
    min_value=dt.datetime(2001, 1, 1), max_value=dt.datetime(2034, 12, 1), timezones=zones
)
durations = st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=30))


def working_days(calendar: WorkingCalendar) -> st.SearchStrategy[dt.date]:
    """Working days, drawn by rolling a day forward (a filter would discard a third)."""
    return days.map(lambda d: calendar.add_working_days(d, 0))


@st.composite
def working_instants(draw: st.DrawFn) -> dt.datetime:
    """An instant strictly inside an office session (not at an opening) of a working day."""
    day = draw(working_days(VN))
    session = draw(st.sampled_from(VN.sessions))
    start = dt.datetime.combine(day, session.start, tzinfo=LOCAL)
    length = dt.datetime.combine(day, session.end, tzinfo=LOCAL) - start
    offset = draw(st.integers(1, length // dt.timedelta(microseconds=1) - 1))
    return start + dt.timedelta(microseconds=offset)


def slow_add(calendar: WorkingCalendar, day: dt.date, n: int) -> dt.date:
    """Reference: step one day at a time."""
    if n == 0:
        while not calendar.is_working_day(day):
            day += dt.timedelta(days=1)
        return day
    step = dt.timedelta(days=1 if n > 0 else -1)
    left = abs(n)
    while left:
        day += step
        if calendar.is_working_day(day):
            left -= 1
    return day


def slow_between(calendar: WorkingCalendar, start: dt.date, end: dt.date) -> int:
    """Reference: count day by day in (start, end]."""
    lo, hi, sign = (start, end, 1) if start <= end else (end, start, -1)
    total, day = 0, lo
    while day < hi:
        day += dt.timedelta(days=1)
        total += calendar.is_working_day(day)
    return sign * total


def _plain_rest_day(day: dt.date) -> bool:
    note = VN.note(day)
    return note is not None and note.kind is DayKind.WEEKEND


# Weekly rest days that no holiday or swap claims: the only days an extra working day may be.
rest_days = (
    st.tuples(days, st.integers(5, 6))
    .map(lambda t: t[0] + dt.timedelta(days=t[1] - t[0].weekday()))
    .filter(_plain_rest_day)
)


@st.composite
def calendars(draw: st.DrawFn) -> WorkingCalendar:
    """The Vietnamese calendar, sometimes with random closures (holidays included) and extra
    working days."""
    closed = draw(st.lists(st.tuples(days, st.integers(0, 10)), max_size=5))
    extra = draw(st.lists(rest_days, max_size=5, unique=True))
    closures = [
        Closure(d, d + dt.timedelta(days=k), source="test decision")
        for d, k in closed
        if not any(d <= e <= d + dt.timedelta(days=k) for e in extra)
    ]
    return WorkingCalendar.vietnam(
        closures=closures,
        extra_working_days=[ExtraWorkingDay(d, source="test decision") for d in extra],
    )


class TestAddWorkingDays:
    @given(day=days, n=counts)
    def test_result_is_a_working_day(self, day: dt.date, n: int) -> None:
        """add_working_days always returns a working day."""
        result = VN.add_working_days(day, n)

        assert VN.is_working_day(result)

    @given(day=days, a=counts, b=counts)
    def test_monotone_in_n(self, day: dt.date, a: int, b: int) -> None:
        """More working days never give an earlier day."""
        lo, hi = sorted((a, b))

        assert VN.add_working_days(day, lo) <= VN.add_working_days(day, hi)

    @given(first=days, second=days, n=counts)
    def test_monotone_in_start(self, first: dt.date, second: dt.date, n: int) -> None:
        """A later start day never gives an earlier result."""
        lo, hi = sorted((first, second))

        assert VN.add_working_days(lo, n) <= VN.add_working_days(hi, n)

    @given(day=working_days(VN), a=counts, b=counts)
    def test_additive_on_working_days(self, day: dt.date, a: int, b: int) -> None:
        """add(add(d, a), b) == add(d, a + b) for a working day d."""
        assert VN.add_working_days(VN.add_working_days(day, a), b) == VN.add_working_days(
            day, a + b
        )

    @given(day=working_days(VN), n=counts)
    def test_round_trip_with_between(self, day: dt.date, n: int) -> None:
        """working_days_between(d, add_working_days(d, n)) == n for a working day d."""
        assert VN.working_days_between(day, VN.add_working_days(day, n)) == n

    @given(calendar=calendars(), day=days, n=st.integers(min_value=-40, max_value=40))
    def test_agrees_with_day_stepping(
        self, calendar: WorkingCalendar, day: dt.date, n: int
    ) -> None:
        """The index gives the same day as stepping one day at a time."""
        assert calendar.add_working_days(day, n) == slow_add(calendar, day, n)

    @given(calendar=calendars(), start=days, span=st.integers(min_value=-90, max_value=90))
    def test_between_agrees_with_counting(
        self, calendar: WorkingCalendar, start: dt.date, span: int
    ) -> None:
        """working_days_between gives the same count as counting day by day."""
        end = start + dt.timedelta(days=span)

        assert calendar.working_days_between(start, end) == slow_between(calendar, start, end)


class TestLocalDays:
    @given(calendar=calendars())
    def test_closures_and_extra_days(self, calendar: WorkingCalendar) -> None:
        """Closure days are off and keep any holiday's own note; extra working days are worked."""
        for closure in calendar.closures:
            first, last = closure.first_day, closure.last_day or closure.first_day
            notes = calendar.notes_between(first, last)
            assert len(notes) == (last - first).days + 1  # every closure day is off
            for note in notes:
                assert not calendar.is_working_day(note.day)
                plain = VN.note(note.day)
                if plain is not None and plain.kind not in {
                    DayKind.SWAPPED_WORKDAY,
                    DayKind.EXTRA_WORKDAY,
                }:
                    assert note == plain
                else:
                    assert note.kind is DayKind.CLOSURE
        for extra in calendar.extra_working_days:
            assert calendar.is_working_day(extra.day)
            assert calendar.note(extra.day).kind is DayKind.EXTRA_WORKDAY  # type: ignore[union-attr]


class TestWorkingTime:
    @given(at=instants, delta=durations)
    def test_lands_inside_a_session(self, at: dt.datetime, delta: dt.timedelta) -> None:
        """Adding working time always lands on a working day, inside or at the edge of a session."""
        result = VN.add_working_time(at, delta)

        local = result.astimezone(LOCAL)
        assert VN.is_working_day(local.date())
        tod = local.time().replace(tzinfo=None)
        assert any(s.start <= tod <= s.end for s in VN.sessions)
        assert result >= at

    @given(at=instants, delta=durations)
    def test_round_trip_with_difference(self, at: dt.datetime, delta: dt.timedelta) -> None:
        """working_time_between(t, add_working_time(t, d)) == d."""
        assert VN.working_time_between(at, VN.add_working_time(at, delta)) == delta

    @given(start=instants, end=working_instants())
    def test_difference_then_add(self, start: dt.datetime, end: dt.datetime) -> None:
        """Adding the working time between t and u to t reaches u when u is inside a session."""
        delta = VN.working_time_between(start, end)

        assert VN.add_working_time(start, delta) == end

    @given(start=instants, end=instants)
    def test_difference_is_antisymmetric(self, start: dt.datetime, end: dt.datetime) -> None:
        """The working time from u to t is minus the working time from t to u."""
        assert VN.working_time_between(start, end) == -VN.working_time_between(end, start)


@st.composite
def session_calendars(draw: st.DrawFn) -> WorkingCalendar:
    """A holiday-free calendar of 2024-2026 with odd office sessions, rest days and closures.

    Sessions are 1 to 3 per day, of any length down to a microsecond, apart or touching.
    """
    count = draw(st.integers(1, 3))
    touching = draw(st.booleans())
    times = draw(
        st.lists(st.times(), min_size=count + 1 if touching else 2 * count, unique=True).map(sorted)
    )
    if touching:
        bounds = list(pairwise(times))[:count]
    else:
        bounds = list(zip(times[::2], times[1::2], strict=False))[:count]
    weekend = draw(st.sets(st.integers(0, 6), max_size=6))
    closed = draw(st.lists(st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)), max_size=5))
    return WorkingCalendar(
        sessions=[OfficeSession(a, b) for a, b in bounds],
        weekend=weekend,
        closures=[Closure(d, d + dt.timedelta(days=3), source="test decision") for d in closed],
        first_year=2024,
        last_year=2026,
    )


near_instants = st.datetimes(
    min_value=dt.datetime(2024, 1, 2), max_value=dt.datetime(2026, 12, 20), timezones=zones
)


def slow_working_time(
    calendar: WorkingCalendar, start: dt.datetime, end: dt.datetime
) -> dt.timedelta:
    """Reference: the overlap of [start, end] with every session of every working day."""
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    zone = calendar.timezone
    total = dt.timedelta(0)
    day, last = start.astimezone(zone).date(), end.astimezone(zone).date()
    while day <= last:
        if calendar.is_working_day(day):
            for session in calendar.sessions:
                opens = dt.datetime.combine(day, session.start, tzinfo=zone)
                closes = dt.datetime.combine(day, session.end, tzinfo=zone)
                total += max(min(closes, end) - max(opens, start), dt.timedelta(0))
        day += dt.timedelta(days=1)
    return sign * total


class TestOddSessions:
    @given(calendar=session_calendars(), start=near_instants, end=near_instants)
    def test_difference_agrees_with_summing_sessions(
        self, calendar: WorkingCalendar, start: dt.datetime, end: dt.datetime
    ) -> None:
        """working_time_between equals the summed overlap with every office session."""
        assert calendar.working_time_between(start, end) == slow_working_time(calendar, start, end)

    @given(
        calendar=session_calendars(),
        at=near_instants,
        delta=st.timedeltas(dt.timedelta(0), dt.timedelta(days=2)),
    )
    def test_addition_lands_in_a_session_and_round_trips(
        self, calendar: WorkingCalendar, at: dt.datetime, delta: dt.timedelta
    ) -> None:
        """Adding working time lands inside (or at the close of) a session and round-trips."""
        try:
            result = calendar.add_working_time(at, delta)
        except CalendarError:
            return  # ran past 2026 on a calendar with few working hours: refused, not guessed

        local = result.astimezone(calendar.timezone)
        tod = local.time().replace(tzinfo=None)
        assert calendar.is_working_day(local.date())
        assert any(s.start <= tod <= s.end for s in calendar.sessions)
        assert calendar.working_time_between(at, result) == delta


processing_times = st.one_of(
    st.integers(1, 120).map(ProcessingTime.working_days),
    st.integers(1, 400).map(ProcessingTime.working_hours),
    st.integers(1, 120).map(ProcessingTime.days),
    st.sampled_from([dt.time(11), dt.time(15), dt.time(16, 30)]).map(ProcessingTime.same_day),
    # Any cut-off, including none and ones after the close of office.
    st.one_of(st.none(), st.times()).map(lambda c: ProcessingTime(TimeUnit.SAME_DAY, 0, c)),
)


class TestDeadlines:
    @given(received=instants, processing_time=processing_times)
    def test_due_is_after_receipt_on_a_working_day(
        self, received: dt.datetime, processing_time: ProcessingTime
    ) -> None:
        """The due instant is after the receipt, on a working day, within office sessions."""
        deadline = VN.due(received, processing_time)

        local = deadline.due_at.astimezone(LOCAL)
        assert deadline.due_at > received
        assert VN.is_working_day(local.date())
        assert VN.sessions[0].start < local.time().replace(tzinfo=None) <= VN.sessions[-1].end
        assert all(reason.source for reason in deadline.explanation)

    @given(received=instants, n=st.integers(1, 60))
    def test_working_days_deadline_matches_day_arithmetic(
        self, received: dt.datetime, n: int
    ) -> None:
        """A deadline in working days ends at the close of add_working_days(receipt day, n)."""
        deadline = VN.due(received, ProcessingTime.working_days(n))

        receipt_day = received.astimezone(LOCAL).date()
        assert deadline.due_at == VN.closing(VN.add_working_days(receipt_day, n))

    @given(received=instants, n=st.integers(1, 120))
    def test_calendar_days_deadline_matches_a_day_stepping_reference(
        self, received: dt.datetime, n: int
    ) -> None:
        """A deadline in calendar days ends on day n, or the first working day after it."""
        deadline = VN.due(received, ProcessingTime.days(n))

        last = received.astimezone(LOCAL).date() + dt.timedelta(days=n)
        while not VN.is_working_day(last):
            last += dt.timedelta(days=1)
        assert deadline.due_at == VN.closing(last)

    @given(received=instants, n=st.integers(1, 300))
    def test_working_hours_deadline_uses_exactly_n_hours(
        self, received: dt.datetime, n: int
    ) -> None:
        """A deadline in working hours leaves exactly n working hours after receipt."""
        deadline = VN.due(received, ProcessingTime.working_hours(n))

        assert VN.working_time_between(received, deadline.due_at) == dt.timedelta(hours=n)

    @given(received=instants, a=st.integers(1, 60), b=st.integers(1, 60))
    def test_monotone_in_amount(self, received: dt.datetime, a: int, b: int) -> None:
        """A longer processing time never gives an earlier deadline."""
        lo, hi = sorted((a, b))

        assert (
            VN.due(received, ProcessingTime.working_days(lo)).due_at
            <= VN.due(received, ProcessingTime.working_days(hi)).due_at
        )


class TestInvalidInput:
    @given(
        n=st.one_of(
            st.floats(allow_nan=True),
            st.booleans(),
            st.text(max_size=3),
            st.none(),
            st.decimals(allow_nan=False),
        )
    )
    def test_non_integer_counts(self, n: object) -> None:
        """Any count that is not an integer raises InvalidValueError."""
        with pytest.raises(InvalidValueError):
            VN.add_working_days(dt.date(2025, 1, 2), n)  # type: ignore[arg-type]

    @given(
        day=st.one_of(
            st.dates(max_value=dt.date(1999, 12, 31)), st.dates(min_value=dt.date(2036, 1, 1))
        ),
        n=st.integers(-5, 5),
    )
    def test_days_outside_the_years(self, day: dt.date, n: int) -> None:
        """Any day outside the supported years raises CalendarError."""
        with pytest.raises(CalendarError):
            VN.add_working_days(day, n)
        with pytest.raises(CalendarError):
            VN.working_days_between(dt.date(2025, 1, 1), day)

    @given(at=st.datetimes(min_value=dt.datetime(2001, 1, 1), max_value=dt.datetime(2034, 1, 1)))
    def test_naive_instants(self, at: dt.datetime) -> None:
        """Any naive instant raises InvalidValueError."""
        with pytest.raises(InvalidValueError):
            VN.add_working_hours(at, 1)
        with pytest.raises(InvalidValueError):
            VN.working_time_between(at, at)

    @given(value=st.one_of(st.datetimes(), st.text(max_size=5), st.integers(), st.none()))
    def test_non_dates(self, value: object) -> None:
        """Anything that is not a plain date raises InvalidValueError."""
        with pytest.raises(InvalidValueError):
            VN.is_working_day(value)  # type: ignore[arg-type]
