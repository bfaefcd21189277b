"""Tests of adminflow.calendar: the Vietnamese civil-service calendar, against real dates."""

import datetime as dt

import pytest

from adminflow.calendar import (
    Closure,
    DayKind,
    ExtraWorkingDay,
    OfficeSession,
    Weekday,
    WorkingCalendar,
)
from adminflow.errors import CalendarError, InvalidValueError

VN = WorkingCalendar.vietnam()
D = dt.date

# Sources cited by the rows below.
LC112 = "Labour Code 2019 Art. 112(1)"
LC111 = "Labour Code 2019 Art. 111(3) (day off in lieu)"
TET24 = "Tết 2024: 8-14 Feb 2024 off (Art. 112(1)(b); yearly labour-ministry notice)"
TET25 = "Tết 2025: 25 Jan-2 Feb 2025 off (Notice 6150/TB-BLĐTBXH)"
TET26 = "Tết 2026: 14-22 Feb 2026 off (Notice 9441/TB-BNV of 16 Oct 2025)"
TET27 = "Tết 2027: 4-10 Feb 2027 off (Official Letter 10065/VPCP-KGVX of 2 Oct 2026)"
SWAP24 = "30/4 2024: Mon 29 Apr off, Sat 4 May worked (Official Letter 2450/VPCP-KGVX)"
SWAP25 = "30/4 2025: Fri 2 May off, Sat 26 Apr worked (en.baochinhphu.vn, 2025)"
SWAP26 = "2/9 2026: Mon 31 Aug off, Sat 22 Aug worked (Notice 9441/TB-BNV)"
CULTURE = "24 Nov from 2026 (Resolution 28/2026/QH16, in force 1 Jul 2026)"
WEEK = "Decision 188/1999/QĐ-TTg Art. 1 (Saturday, Sunday off)"

WORKING_DAY_TABLE = [
    # Tết 2024
    (D(2024, 2, 7), True, TET24),
    (D(2024, 2, 8), False, TET24),
    (D(2024, 2, 9), False, TET24),
    (D(2024, 2, 12), False, TET24),
    (D(2024, 2, 13), False, TET24),
    (D(2024, 2, 14), False, TET24),
    (D(2024, 2, 15), True, TET24),
    # Tết 2025
    (D(2025, 1, 24), True, TET25),
    (D(2025, 1, 27), False, TET25),
    (D(2025, 1, 28), False, TET25),
    (D(2025, 1, 29), False, TET25),
    (D(2025, 1, 30), False, TET25),
    (D(2025, 1, 31), False, TET25),
    (D(2025, 2, 3), True, TET25),
    # Tết 2026
    (D(2026, 2, 13), True, TET26),
    (D(2026, 2, 14), False, TET26),
    (D(2026, 2, 16), False, TET26),
    (D(2026, 2, 17), False, TET26),
    (D(2026, 2, 18), False, TET26),
    (D(2026, 2, 19), False, TET26),
    (D(2026, 2, 20), False, TET26),
    (D(2026, 2, 23), True, TET26),
    # Tết 2027
    (D(2027, 2, 3), True, TET27),
    (D(2027, 2, 4), False, TET27),
    (D(2027, 2, 5), False, TET27),
    (D(2027, 2, 8), False, TET27),
    (D(2027, 2, 9), False, TET27),
    (D(2027, 2, 10), False, TET27),
    (D(2027, 2, 11), True, TET27),
    # 30/4 - 1/5
    (D(2024, 4, 29), False, SWAP24),
    (D(2024, 4, 30), False, LC112),
    (D(2024, 5, 1), False, LC112),
    (D(2024, 5, 2), True, SWAP24),
    (D(2024, 5, 4), True, SWAP24),
    (D(2025, 4, 26), True, SWAP25),
    (D(2025, 4, 30), False, LC112),
    (D(2025, 5, 1), False, LC112),
    (D(2025, 5, 2), False, SWAP25),
    (D(2025, 5, 5), True, SWAP25),
    (D(2026, 4, 27), False, f"Hùng Kings on Sun 26 Apr 2026; {LC111}"),
    (D(2026, 4, 30), False, LC112),
    (D(2026, 5, 1), False, LC112),
    (D(2026, 5, 4), True, WEEK),
    # 2/9
    (D(2024, 9, 2), False, LC112),
    (D(2024, 9, 3), False, f"{LC112}(đ): adjacent day"),
    (D(2024, 9, 4), True, LC112),
    (D(2025, 9, 1), False, f"{LC112}(đ): adjacent day"),
    (D(2025, 9, 2), False, LC112),
    (D(2025, 9, 3), True, LC112),
    (D(2026, 8, 22), True, SWAP26),
    (D(2026, 8, 31), False, SWAP26),
    (D(2026, 9, 1), False, f"{LC112}(đ): adjacent day (Notice 9441/TB-BNV)"),
    (D(2026, 9, 2), False, LC112),
    (D(2026, 9, 3), True, SWAP26),
    # Vietnam Culture Day
    (D(2025, 11, 24), True, CULTURE),
    (D(2026, 11, 24), False, CULTURE),
    (D(2026, 11, 23), True, "10065/VPCP-KGVX: no swap for 24 Nov 2026"),
    (D(2026, 1, 1), False, "Labour Code 2019 Art. 112(1)(a): New Year's Day"),
    (D(2026, 1, 2), False, "12729/VPCP-KGVX of 25 Dec 2025: Fri 2 Jan 2026 swapped off"),
    (D(2026, 1, 10), True, "12729/VPCP-KGVX of 25 Dec 2025: Sat 10 Jan 2026 worked"),
    (D(2026, 1, 17), False, "Decision 188/1999/QĐ-TTg Art. 1: an ordinary Saturday"),
]


class TestWorkingDays:
    @pytest.mark.parametrize(
        ("day", "working", "source"), WORKING_DAY_TABLE, ids=lambda v: str(v)[:40]
    )
    def test_real_dates(self, day: dt.date, working: bool, source: str) -> None:
        """Each day of the table is a working day or not, as its legal source says."""
        result = VN.is_working_day(day)

        assert result is working, source

    @pytest.mark.parametrize(
        ("day", "n", "expected", "source"),
        [
            (D(2025, 4, 25), 3, D(2025, 4, 29), SWAP25),
            (D(2025, 4, 29), 1, D(2025, 5, 5), SWAP25),
            (D(2025, 5, 5), -1, D(2025, 4, 29), SWAP25),
            (D(2025, 4, 28), -1, D(2025, 4, 26), SWAP25),
            (D(2026, 2, 13), 1, D(2026, 2, 23), TET26),
            (D(2026, 8, 21), 1, D(2026, 8, 22), SWAP26),
            (D(2026, 8, 28), 1, D(2026, 9, 3), SWAP26),
            (D(2027, 2, 3), 1, D(2027, 2, 11), TET27),
            (D(2024, 5, 3), 1, D(2024, 5, 4), SWAP24),
            (D(2026, 2, 14), 0, D(2026, 2, 23), TET26),
            (D(2025, 12, 31), 1, D(2026, 1, 5), "12729/VPCP-KGVX: 1-4 Jan 2026 off"),
            (D(2026, 1, 9), 1, D(2026, 1, 10), "12729/VPCP-KGVX: Sat 10 Jan 2026 worked"),
            (D(2026, 2, 23), 0, D(2026, 2, 23), TET26),
        ],
    )
    def test_add_working_days_on_real_dates(
        self, day: dt.date, n: int, expected: dt.date, source: str
    ) -> None:
        """Adding working days skips holidays and swapped days and counts worked Saturdays."""
        result = VN.add_working_days(day, n)

        assert result == expected, source

    def test_between_counts_the_half_open_interval(self) -> None:
        """working_days_between counts working days after start up to and including end."""
        start, end = D(2025, 4, 25), D(2025, 5, 6)

        forward = VN.working_days_between(start, end)
        backward = VN.working_days_between(end, start)

        assert (forward, backward) == (5, -5)

    def test_next_and_previous_are_strict(self) -> None:
        """next_working_day and previous_working_day never return the day itself."""
        day = D(2025, 5, 5)

        assert VN.next_working_day(day) == D(2025, 5, 6)
        assert VN.previous_working_day(day) == D(2025, 4, 29)

    def test_batch_forms_match_the_scalar_ones(self) -> None:
        """The batch forms give the same answers as one call per day."""
        days = [D(2025, 4, 25), D(2026, 2, 13), D(2026, 8, 28)]

        same_n = VN.add_working_days_many(days, 2)
        per_day = VN.add_working_days_many(days, [1, 2, 3])
        counts = VN.working_days_between_many(days, same_n)

        assert same_n == [VN.add_working_days(d, 2) for d in days]
        assert per_day == [VN.add_working_days(d, k) for d, k in zip(days, [1, 2, 3], strict=True)]
        assert counts == [2, 2, 2]


class TestAgreementWithHolidays:
    def test_every_day_matches_holidays_package(self) -> None:
        """Every day of 2000-2035 agrees with holidays.Vietnam but for swaps it does not carry."""
        import holidays

        from adminflow.calendar._vietnam import ANNOUNCED_SWAPS

        reference = holidays.Vietnam(years=range(2000, 2036))
        supplemented = {d for off, worked, _ in ANNOUNCED_SWAPS for d in (off, worked)}
        day, disagreements = D(2000, 1, 1), []

        while day <= D(2035, 12, 31):
            if VN.is_working_day(day) != reference.is_working_day(day):
                disagreements.append(day)
            day += dt.timedelta(days=1)

        assert set(disagreements) <= supplemented

    def test_every_day_off_has_a_sourced_note(self) -> None:
        """Every day off in 2024-2027 has a note with a non-empty legal source."""
        notes = VN.notes_between(D(2024, 1, 1), D(2027, 12, 31))

        assert all(note.source for note in notes)
        assert {n.day for n in notes if n.kind is not DayKind.SWAPPED_WORKDAY} == {
            D(2024, 1, 1) + dt.timedelta(days=i)
            for i in range((D(2027, 12, 31) - D(2024, 1, 1)).days + 1)
            if not VN.is_working_day(D(2024, 1, 1) + dt.timedelta(days=i))
        }


class TestDayNotes:
    def test_swapped_day_cites_its_notice(self) -> None:
        """The swapped Monday of 2026 is explained by Notice 9441/TB-BNV."""
        note = VN.note(D(2026, 8, 31))

        assert note is not None
        assert note.kind is DayKind.SWAPPED_OFF
        assert "9441/TB-BNV" in note.source

    def test_worked_saturday_is_noted(self) -> None:
        """A worked Saturday carries a note naming the day it was swapped with."""
        note = VN.note(D(2025, 4, 26))

        assert note is not None
        assert note.kind is DayKind.SWAPPED_WORKDAY
        assert "02 May 2025" in note.name

    def test_culture_day_cites_resolution(self) -> None:
        """24 November 2026 cites Resolution 28/2026/QH16."""
        note = VN.note(D(2026, 11, 24))

        assert note is not None
        assert note.kind is DayKind.HOLIDAY
        assert "28/2026/QH16" in note.source

    def test_substitute_day_cites_article_111(self) -> None:
        """The Monday after Hùng Kings 2026 (a Sunday) is a day off in lieu under Art. 111(3)."""
        note = VN.note(D(2026, 4, 27))

        assert note is not None
        assert note.kind is DayKind.SUBSTITUTE
        assert "Art. 111(3)" in note.source

    def test_weekend_and_ordinary_days(self) -> None:
        """A Sunday is a weekly rest day and an ordinary Tuesday has no note."""
        assert VN.note(D(2025, 6, 1)).kind is DayKind.WEEKEND  # type: ignore[union-attr]
        assert VN.note(D(2025, 6, 3)) is None


class TestCustomCalendars:
    def test_closure_is_not_a_working_day(self) -> None:
        """A local closure makes the days off and is explained by its decision."""
        closure = Closure(D(2024, 9, 6), D(2024, 9, 9), name="typhoon Yagi", source="Decision X")
        calendar = WorkingCalendar.vietnam(closures=[closure])

        assert not calendar.is_working_day(D(2024, 9, 6))
        assert not calendar.is_working_day(D(2024, 9, 9))
        assert calendar.add_working_days(D(2024, 9, 5), 1) == D(2024, 9, 10)
        assert calendar.note(D(2024, 9, 9)).source == "Decision X"  # type: ignore[union-attr]

    def test_extra_working_day(self) -> None:
        """An extra working day makes a Saturday count."""
        extra = ExtraWorkingDay(D(2025, 6, 7), source="Decision 14/2010/QĐ-TTg; local decision")
        calendar = WorkingCalendar.vietnam(extra_working_days=[extra])

        assert calendar.is_working_day(D(2025, 6, 7))
        assert calendar.add_working_days(D(2025, 6, 6), 1) == D(2025, 6, 7)

    def test_other_weekend(self) -> None:
        """A calendar with only Sunday off works on Saturdays."""
        calendar = WorkingCalendar(weekend=[Weekday.SUN], first_year=2020, last_year=2021)

        assert calendar.is_working_day(D(2021, 1, 2))
        assert not calendar.is_working_day(D(2021, 1, 3))

    def test_equal_calendars_compare_equal(self) -> None:
        """Two calendars built with the same options are equal, whatever their cache holds."""
        VN.is_working_day(D(2025, 1, 1))

        assert WorkingCalendar.vietnam() == VN


class TestBadInput:
    @pytest.mark.parametrize("n", [1.0, True, "1", None, 1.5])
    def test_non_integer_n(self, n: object) -> None:
        """A count that is not an integer is refused, naming the value."""
        with pytest.raises(InvalidValueError, match="n: must be an integer"):
            VN.add_working_days(D(2025, 1, 2), n)  # type: ignore[arg-type]

    @pytest.mark.parametrize("day", [dt.datetime(2025, 1, 2, 10), "2025-01-02", 20250102, None])
    def test_not_a_date(self, day: object) -> None:
        """A day that is not a date (a datetime included) is refused."""
        with pytest.raises(InvalidValueError, match=r"must be a datetime\.date"):
            VN.is_working_day(day)  # type: ignore[arg-type]

    @pytest.mark.parametrize("day", [dt.datetime(2025, 1, 2, 10), "2025-01-02", [2025]])
    def test_add_refuses_non_dates(self, day: object) -> None:
        """add_working_days and working_days_between refuse anything but a date."""
        with pytest.raises(InvalidValueError, match=r"must be a datetime\.date"):
            VN.add_working_days(day, 1)  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match=r"must be a datetime\.date"):
            VN.working_days_between(D(2025, 1, 2), day)  # type: ignore[arg-type]

    @pytest.mark.parametrize("day", [D(1999, 12, 31), D(2036, 1, 1)])
    def test_outside_supported_years(self, day: dt.date) -> None:
        """A day outside the supported years raises CalendarError naming it."""
        with pytest.raises(CalendarError, match="outside the supported years 2000-2035"):
            VN.add_working_days(day, 1)

    def test_result_outside_supported_years(self) -> None:
        """A result past the last supported day raises CalendarError instead of guessing."""
        with pytest.raises(CalendarError, match="outside the supported years"):
            VN.add_working_days(D(2035, 12, 20), 30)

    def test_options_are_checked(self) -> None:
        """Bad construction options raise InvalidValueError."""
        with pytest.raises(InvalidValueError, match="first_year"):
            WorkingCalendar.vietnam(first_year=1995)
        with pytest.raises(InvalidValueError, match="weekend"):
            WorkingCalendar(weekend=range(7))
        with pytest.raises(InvalidValueError, match="end"):
            OfficeSession(dt.time(12), dt.time(8))
        with pytest.raises(InvalidValueError, match="sessions"):
            WorkingCalendar(
                sessions=[
                    OfficeSession(dt.time(8), dt.time(12)),
                    OfficeSession(dt.time(11), dt.time(17)),
                ]
            )
        with pytest.raises(InvalidValueError, match="source"):
            Closure(D(2025, 1, 2), source="")


class TestReviewRegressions:
    """Defects found in review: each input once gave a wrong answer or a bare built-in error."""

    @pytest.mark.parametrize(
        ("call", "field"),
        [
            (lambda: VN.add_working_days_many(5, 1), "days"),  # type: ignore[arg-type]
            (lambda: VN.working_days_between_many(5, [D(2025, 1, 2)]), "starts"),  # type: ignore[arg-type]
            (lambda: VN.working_days_between_many([D(2025, 1, 2)], None), "ends"),  # type: ignore[arg-type]
        ],
    )
    def test_batch_forms_refuse_non_iterables(self, call: object, field: str) -> None:
        """The batch forms refuse a value that is not a sequence, naming the parameter."""
        with pytest.raises(InvalidValueError, match=f"^{field}: must be an iterable"):
            call()  # type: ignore[operator]

    def test_numpy_integers_count_as_integers(self) -> None:
        """numpy integers are accepted as counts and weekdays; numpy booleans are refused."""
        np = pytest.importorskip("numpy")

        calendar = WorkingCalendar(weekend=[np.int64(6)], first_year=2025, last_year=2025)

        assert VN.add_working_days(D(2025, 4, 25), np.int64(3)) == D(2025, 4, 29)
        assert calendar.is_working_day(D(2025, 6, 7))
        with pytest.raises(InvalidValueError, match="n: must be an integer"):
            VN.add_working_days(D(2025, 4, 25), np.True_)

    def test_huge_hour_count_is_a_calendar_error(self) -> None:
        """An hour count too large for a timedelta raises CalendarError, not OverflowError."""
        at = dt.datetime(2025, 6, 2, 10, tzinfo=VN.timezone)

        with pytest.raises(CalendarError, match="hours: outside the supported years"):
            VN.add_working_hours(at, 10**20)

    @pytest.mark.parametrize("cutoff", ["15:00", dt.time(15, tzinfo=dt.UTC), 15])
    def test_handling_day_refuses_a_bad_cutoff(self, cutoff: object) -> None:
        """handling_day refuses a cut-off that is not a naive time instead of a TypeError."""
        at = dt.datetime(2025, 6, 2, 10, tzinfo=VN.timezone)

        with pytest.raises(InvalidValueError, match="cutoff: must be a naive"):
            VN.handling_day(at, cutoff=cutoff)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("hour", "cutoff", "expected"),
        [
            (dt.time(17, 30), dt.time(18), D(2025, 6, 3)),
            (dt.time(17), dt.time(17), D(2025, 6, 3)),
            (dt.time(16, 59), dt.time(17), D(2025, 6, 2)),
        ],
    )
    def test_nothing_is_handled_the_same_day_after_closing(
        self, hour: dt.time, cutoff: dt.time, expected: dt.date
    ) -> None:
        """A receipt at or after the close of office goes to the next working day, any cut-off."""
        at = dt.datetime.combine(D(2025, 6, 2), hour, tzinfo=VN.timezone)

        assert VN.handling_day(at, cutoff=cutoff) == expected

    @pytest.mark.parametrize(
        ("options", "field"),
        [
            ({"public_holidays": 5}, "public_holidays"),
            ({"name": 5}, "name"),
            ({"closures": None}, "closures"),
            ({"extra_working_days": "2025-06-07"}, "extra_working_days"),
            ({"sessions": OfficeSession(dt.time(8), dt.time(12))}, "sessions"),
        ],
    )
    def test_options_name_their_field(self, options: dict[str, object], field: str) -> None:
        """A bad construction option raises InvalidValueError naming that option."""
        with pytest.raises(InvalidValueError, match=f"^{field}"):
            WorkingCalendar(**options)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("day", "reason"),
        [
            (D(2025, 6, 3), "is not a weekly rest day"),  # an ordinary Tuesday
            (D(2025, 4, 30), "is not a weekly rest day"),  # a public holiday on a weekday
            (D(2026, 4, 26), "is already noted as holiday"),  # Hùng Kings 2026, a Sunday
            (D(2025, 4, 26), "is already noted as swapped_workday"),  # already worked by a swap
        ],
    )
    def test_extra_working_day_only_on_a_plain_rest_day(self, day: dt.date, reason: str) -> None:
        """An extra working day on a holiday or an already worked day is refused at construction."""
        extra = ExtraWorkingDay(day, source="Decision 14/2010/QĐ-TTg; local decision")

        with pytest.raises(InvalidValueError, match=rf"extra_working_days\[0\]: {reason}"):
            WorkingCalendar.vietnam(extra_working_days=[extra])

    def test_closure_over_holidays_keeps_their_sources(self) -> None:
        """A closure over 30/4-1/5 2025 explains only days it closes; holidays keep their law."""
        closure = Closure(D(2025, 4, 28), D(2025, 5, 6), name="typhoon", source="Decision X")
        calendar = WorkingCalendar.vietnam(closures=[closure])

        kinds = {n.day: n.kind for n in calendar.notes_between(D(2025, 4, 28), D(2025, 5, 6))}

        assert kinds[D(2025, 4, 28)] is DayKind.CLOSURE
        assert kinds[D(2025, 4, 30)] is DayKind.HOLIDAY
        assert kinds[D(2025, 5, 2)] is DayKind.SWAPPED_OFF
        assert kinds[D(2025, 5, 3)] is DayKind.WEEKEND
        assert kinds[D(2025, 5, 5)] is DayKind.CLOSURE
        assert calendar.add_working_days(D(2025, 4, 25), 1) == D(2025, 4, 26)
        assert calendar.add_working_days(D(2025, 4, 26), 1) == D(2025, 5, 7)

    def test_closure_on_a_worked_saturday_closes_it(self) -> None:
        """A closure on the Saturday worked by the 2025 swap makes it a day off."""
        closure = Closure(D(2025, 4, 26), source="Decision X")
        calendar = WorkingCalendar.vietnam(closures=[closure])

        assert not calendar.is_working_day(D(2025, 4, 26))
        assert calendar.note(D(2025, 4, 26)).kind is DayKind.CLOSURE  # type: ignore[union-attr]

    def test_closure_is_clipped_to_the_supported_years(self) -> None:
        """A closure reaching far outside the years only closes the days inside them."""
        closure = Closure(D(1, 1, 1), D(9999, 12, 31), source="Decision X")

        calendar = WorkingCalendar(closures=[closure], first_year=2025, last_year=2025)

        assert not calendar.is_working_day(D(2025, 6, 3))
        with pytest.raises(CalendarError):
            calendar.add_working_days(D(2025, 6, 3), 0)

    @pytest.mark.parametrize(
        ("weekend", "expected"), [((), D(2025, 6, 9)), (range(6), D(2025, 6, 15))]
    )
    def test_unusual_weekends(self, weekend: object, expected: dt.date) -> None:
        """No rest day makes every day work; six rest days leave only Sundays."""
        calendar = WorkingCalendar(weekend=weekend, first_year=2025, last_year=2025)  # type: ignore[arg-type]

        assert calendar.add_working_days(D(2025, 6, 8), 1) == expected

    def test_handling_day_past_the_last_year_names_the_receipt(self) -> None:
        """A receipt after the cut-off on the last supported day raises naming received_at."""
        at = dt.datetime(2035, 12, 31, 16, tzinfo=VN.timezone)

        reason = r"^received_at: it is handled on the next working day, which is after"
        with pytest.raises(CalendarError, match=reason):
            VN.handling_day(at)

    def test_supported_years_edges(self) -> None:
        """The first and last days of the years answer; one step beyond raises CalendarError."""
        assert VN.add_working_days(D(2000, 1, 1), 0) == D(2000, 1, 4)
        assert VN.add_working_days(D(2035, 12, 31), 0) == D(2035, 12, 31)
        assert VN.working_days_between(D(2000, 1, 1), D(2035, 12, 31)) > 0
        with pytest.raises(CalendarError, match="outside the supported years"):
            VN.next_working_day(D(2035, 12, 31))
        with pytest.raises(CalendarError, match="outside the supported years"):
            VN.previous_working_day(D(2000, 1, 4))


class TestTimeZonesAndBoundaries:
    @pytest.mark.parametrize(
        "tzinfo",
        [dt.timezone(dt.timedelta(hours=7)), dt.UTC, WorkingCalendar.vietnam().timezone],
    )
    def test_any_aware_tzinfo_is_read_as_its_instant(self, tzinfo: dt.tzinfo) -> None:
        """Fixed offsets, UTC and ZoneInfo instants give the same answer for the same instant."""
        at = dt.datetime(2025, 6, 2, 3, tzinfo=dt.UTC).astimezone(tzinfo)  # 10:00 in Hanoi

        result = VN.add_working_hours(at, 3)

        assert result == dt.datetime(2025, 6, 2, 14, tzinfo=VN.timezone)

    @pytest.mark.parametrize(
        ("hour", "working", "next_instant"),
        [
            (dt.time(12), False, dt.datetime(2025, 6, 2, 13)),
            (dt.time(13), True, dt.datetime(2025, 6, 2, 13)),
            (dt.time(17), False, dt.datetime(2025, 6, 3, 8)),
            (dt.time(8), True, dt.datetime(2025, 6, 2, 8)),
        ],
    )
    def test_session_boundaries(
        self, hour: dt.time, working: bool, next_instant: dt.datetime
    ) -> None:
        """Sessions are half-open: 08:00 and 13:00 are working time, 12:00 and 17:00 are not."""
        at = dt.datetime.combine(D(2025, 6, 2), hour, tzinfo=VN.timezone)

        assert VN.is_working_time(at) is working
        assert VN.next_working_instant(at) == next_instant.replace(tzinfo=VN.timezone)

    def test_session_cut_by_daylight_saving_is_refused(self) -> None:
        """A session cut by a change of UTC offset is refused when the calendar is built."""
        night = OfficeSession(dt.time(0, 30), dt.time(3))

        with pytest.raises(InvalidValueError, match=r"sessions\[0\]: is cut by a change of UTC"):
            WorkingCalendar(
                timezone="America/New_York", sessions=[night], first_year=2025, last_year=2025
            )

    def test_daylight_saving_zone_with_day_sessions(self) -> None:
        """In Europe/Paris the office day keeps its wall-clock hours across the March change."""
        calendar = WorkingCalendar(timezone="Europe/Paris", first_year=2025, last_year=2025)
        friday = dt.datetime(2025, 3, 28, 16, tzinfo=calendar.timezone)

        result = calendar.add_working_time(friday, dt.timedelta(hours=2))

        assert result == dt.datetime(2025, 3, 31, 9, tzinfo=calendar.timezone)
        assert calendar.working_time_between(friday, result) == dt.timedelta(hours=2)
