"""Tests of adminflow.calendar and the working-time arithmetic of the calendar."""

import datetime as dt

import pytest

from adminflow.calendar import (
    Closure,
    Deadline,
    ProcessingTime,
    ReasonKind,
    TimeUnit,
    WorkingCalendar,
)
from adminflow.errors import CalendarError, InvalidValueError

VN = WorkingCalendar.vietnam()
TZ = VN.timezone


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


class TestWorkingDaysDeadline:
    def test_readme_example(self) -> None:
        """3 working days from Fri 25 Apr 2025 count the worked Sat 26 Apr and end Tue 29 Apr."""
        deadline = VN.due(at("2025-04-25T10:00+07:00"), ProcessingTime.working_days(3))

        assert deadline.due_at == dt.datetime(2025, 4, 29, 17, tzinfo=TZ)
        kinds = [r.kind for r in deadline.explanation]
        assert kinds == [
            ReasonKind.START,
            ReasonKind.SWAPPED_WORKDAY,
            ReasonKind.WEEKEND,
            ReasonKind.END,
        ]

    def test_explanation_lists_every_skipped_day_with_a_source(self) -> None:
        """Over 30/4-4/5 2025 the explanation names each day off and its source."""
        deadline = VN.due(at("2025-04-29T09:00+07:00"), ProcessingTime.working_days(1))

        days = {r.day: r for r in deadline.explanation if r.day}
        assert deadline.due_on == dt.date(2025, 5, 5)
        assert set(days) == {dt.date(2025, 4, 30) + dt.timedelta(days=i) for i in range(5)}
        assert days[dt.date(2025, 5, 2)].kind is ReasonKind.SWAPPED_OFF
        assert all(r.source for r in deadline.explanation)

    def test_receipt_hour_does_not_matter(self) -> None:
        """The day of receipt is never counted, whether received at 08:00 or 16:59."""
        early = VN.due(at("2025-06-02T08:00+07:00"), ProcessingTime.working_days(2))
        late = VN.due(at("2025-06-02T16:59+07:00"), ProcessingTime.working_days(2))

        assert early.due_at == late.due_at == dt.datetime(2025, 6, 4, 17, tzinfo=TZ)

    def test_receipt_in_another_zone_uses_local_day(self) -> None:
        """An instant given in UTC is placed on its Vietnamese day before counting."""
        received = dt.datetime(2025, 6, 1, 18, 0, tzinfo=dt.UTC)  # Mon 2 Jun 01:00 in Hanoi

        deadline = VN.due(received, ProcessingTime.working_days(1))

        assert deadline.due_on == dt.date(2025, 6, 3)

    def test_closure_appears_in_explanation(self) -> None:
        """A typhoon closure moves the deadline and is cited with its decision."""
        closure = Closure(
            dt.date(2024, 9, 9), name="typhoon Yagi", source="Provincial decision (example)"
        )
        calendar = WorkingCalendar.vietnam(closures=[closure])

        deadline = calendar.due(at("2024-09-06T10:00+07:00"), ProcessingTime.working_days(1))

        assert deadline.due_on == dt.date(2024, 9, 10)
        closures = [r for r in deadline.explanation if r.kind is ReasonKind.CLOSURE]
        assert [r.source for r in closures] == ["Provincial decision (example)"]


class TestCalendarDaysDeadline:
    def test_last_day_on_a_working_day_is_kept(self) -> None:
        """10 days from Fri 8 May 2026 end on Mon 18 May 2026, counting the weekends."""
        deadline = VN.due(at("2026-05-08T10:00+07:00"), ProcessingTime.days(10))

        assert deadline.due_at == dt.datetime(2026, 5, 18, 17, tzinfo=TZ)
        assert [r.kind for r in deadline.explanation] == [ReasonKind.START, ReasonKind.END]

    def test_last_day_off_moves_to_next_working_day(self) -> None:
        """Day 10 on the swapped Mon 31 Aug 2026 moves past 1-2 Sep to Thu 3 Sep (Art. 148(5))."""
        deadline = VN.due(at("2026-08-21T10:00+07:00"), ProcessingTime.days(10))

        assert deadline.due_on == dt.date(2026, 9, 3)
        skipped = {r.day for r in deadline.explanation if r.day}
        assert skipped == {dt.date(2026, 8, 31), dt.date(2026, 9, 1), dt.date(2026, 9, 2)}
        assert any("148(5)" in r.source for r in deadline.explanation)

    def test_judicial_record_sample_uses_calendar_days(self) -> None:
        """The sample judicial record certificate takes 10 calendar days (Law 28/2009 Art. 48)."""
        from adminflow.procedures import Catalog

        procedure = Catalog.sample().get("3.000333")

        assert procedure.processing_time == ProcessingTime.days(10)
        assert str(procedure.processing_time) == "10 calendar days"


class TestWorkingHoursDeadline:
    def test_hours_skip_lunch_and_night(self) -> None:
        """8 working hours from Mon 16:00 end Tue 16:00."""
        deadline = VN.due(at("2025-06-02T16:00+07:00"), ProcessingTime.working_hours(8))

        assert deadline.due_at == dt.datetime(2025, 6, 3, 16, tzinfo=TZ)

    def test_after_hours_receipt_starts_at_next_opening(self) -> None:
        """A receipt on Friday evening starts at Monday 08:00 and says so."""
        deadline = VN.due(at("2025-06-06T19:00+07:00"), ProcessingTime.working_hours(2))

        assert deadline.due_at == dt.datetime(2025, 6, 9, 10, tzinfo=TZ)
        assert deadline.explanation[0].kind is ReasonKind.OUTSIDE_HOURS

    def test_full_day_ends_at_close_not_next_opening(self) -> None:
        """8 working hours from 08:00 end at 17:00 the same day."""
        deadline = VN.due(at("2025-06-02T08:00+07:00"), ProcessingTime.working_hours(8))

        assert deadline.due_at == dt.datetime(2025, 6, 2, 17, tzinfo=TZ)


class TestSameDayDeadline:
    @pytest.mark.parametrize(
        ("received", "due"),
        [
            ("2025-06-02T07:30+07:00", "2025-06-02T17:00+07:00"),
            ("2025-06-02T15:00+07:00", "2025-06-02T17:00+07:00"),
            ("2025-06-02T15:01+07:00", "2025-06-03T17:00+07:00"),
            ("2025-06-07T10:00+07:00", "2025-06-09T17:00+07:00"),
            ("2025-04-29T15:30+07:00", "2025-05-05T17:00+07:00"),
        ],
    )
    def test_cutoff(self, received: str, due: str) -> None:
        """Received at or before 15:00 on a working day: that day; otherwise the next one."""
        deadline = VN.due(at(received), ProcessingTime.same_day())

        assert deadline.due_at == at(due)
        assert deadline.explanation[0].kind is ReasonKind.CUTOFF
        assert "sector law" in deadline.explanation[0].source

    def test_rule_set_follows_the_receipt_date(self) -> None:
        """Receipts from 1 July 2025 cite Decree 118/2025; earlier ones Decree 61/2018."""
        before = VN.due(at("2025-06-30T10:00+07:00"), ProcessingTime.working_days(1))
        after = VN.due(at("2025-07-01T10:00+07:00"), ProcessingTime.working_days(1))

        assert "61/2018" in before.explanation[0].source
        assert "118/2025/NĐ-CP Art. 17(3)" in after.explanation[0].source

    def test_cutoff_cites_the_sector_law_not_the_transfer_rule(self) -> None:
        """A same-day cut-off cites the limit's sector law, never the Art. 18(2) transfer rule."""
        source = "Decree 23/2015/NĐ-CP, Art. 7"

        deadline = VN.due(at("2025-07-07T15:30+07:00"), ProcessingTime.same_day(source=source))

        assert deadline.explanation[0].kind is ReasonKind.CUTOFF
        assert deadline.explanation[0].source == source
        assert all("18(2)" not in reason.source for reason in deadline.explanation)

    def test_handling_day_uses_calendar_cutoff(self) -> None:
        """handling_day applies the calendar's 15:00 cut-off of Decree 118/2025 Art. 18(2)."""
        assert VN.handling_day(at("2025-06-02T14:59+07:00")) == dt.date(2025, 6, 2)
        assert VN.handling_day(at("2025-06-02T15:30+07:00")) == dt.date(2025, 6, 3)


class TestWorkingTime:
    def test_between_counts_only_sessions(self) -> None:
        """From Fri 11:00 to Mon 09:00 there are 6 working hours (lunch and weekend excluded)."""
        result = VN.working_time_between(at("2025-06-06T11:00+07:00"), at("2025-06-09T09:00+07:00"))

        assert result == dt.timedelta(hours=6)

    def test_add_zero_moves_to_next_opening(self) -> None:
        """Adding no working time to an instant at lunch gives the 13:00 opening."""
        result = VN.add_working_time(at("2025-06-02T12:30+07:00"), dt.timedelta(0))

        assert result == dt.datetime(2025, 6, 2, 13, tzinfo=TZ)

    def test_negative_time_goes_back(self) -> None:
        """Going back 2 working hours from Monday 09:00 lands on Friday 16:00."""
        result = VN.add_working_time(at("2025-06-09T09:00+07:00"), dt.timedelta(hours=-2))

        assert result == dt.datetime(2025, 6, 6, 16, tzinfo=TZ)

    def test_day_length(self) -> None:
        """The default office day is 8 hours."""
        assert VN.day_length == dt.timedelta(hours=8)


class TestDeadlineOutput:
    def test_to_dict_is_json_ready(self) -> None:
        """to_dict gives ISO strings and the explanation lines."""
        deadline = VN.due(at("2025-04-25T10:00+07:00"), ProcessingTime.working_days(3))

        data = deadline.to_dict()

        assert data["due_at"] == "2025-04-29T17:00:00+07:00"
        assert data["processing_time"] == {
            "unit": "working_days",
            "amount": 3,
            "cutoff": None,
            "source": None,
        }
        assert data["explanation"][1]["day"] == "2025-04-26"

    def test_str_lists_reasons(self) -> None:
        """The text form shows the due instant and one line per reason."""
        deadline = VN.due(at("2025-04-25T10:00+07:00"), ProcessingTime.working_days(3))

        text = str(deadline)

        assert "2025-04-29T17:00:00+07:00" in text
        assert text.count("\n  - ") == len(deadline.explanation)
        assert isinstance(deadline, Deadline)


class TestBadInput:
    def test_naive_receipt(self) -> None:
        """A naive receipt instant is refused, naming it."""
        with pytest.raises(InvalidValueError, match="received_at: must be timezone-aware"):
            VN.due(dt.datetime(2025, 6, 2, 10), ProcessingTime.working_days(1))

    def test_receipt_outside_years(self) -> None:
        """A receipt outside the supported years raises CalendarError."""
        with pytest.raises(CalendarError, match="received_at"):
            VN.due(at("2040-01-02T10:00+07:00"), ProcessingTime.working_days(1))

    def test_not_a_processing_time(self) -> None:
        """Something other than a ProcessingTime is refused."""
        with pytest.raises(InvalidValueError, match="processing_time"):
            VN.due(at("2025-06-02T10:00+07:00"), 3)  # type: ignore[arg-type]

    @pytest.mark.parametrize("hours", [1.5, True, "2"])
    def test_non_integer_hours(self, hours: object) -> None:
        """add_working_hours refuses a non-integer count."""
        with pytest.raises(InvalidValueError, match="hours"):
            VN.add_working_hours(at("2025-06-02T10:00+07:00"), hours)  # type: ignore[arg-type]

    def test_naive_instant_in_working_time(self) -> None:
        """working_time_between refuses a naive datetime."""
        with pytest.raises(InvalidValueError, match="start"):
            VN.working_time_between(dt.datetime(2025, 6, 2), at("2025-06-02T10:00+07:00"))


class TestReviewRegressions:
    """Defects found in review: each input once gave a wrong answer or a bare built-in error."""

    @pytest.mark.parametrize(
        ("build", "field"),
        [
            (lambda: ProcessingTime("weeks", 3), "unit"),  # type: ignore[arg-type]
            (lambda: ProcessingTime.working_days(3.0), "amount"),  # type: ignore[arg-type]
            (lambda: ProcessingTime.same_day("15:00"), "cutoff"),  # type: ignore[arg-type]
            (lambda: ProcessingTime.same_day(dt.time(15, tzinfo=dt.UTC)), "cutoff"),
            (lambda: ProcessingTime(TimeUnit.WORKING_DAYS, 3, dt.time(15)), "cutoff"),
        ],
    )
    def test_bad_processing_times_name_the_field(self, build: object, field: str) -> None:
        """A bad unit, amount or cut-off raises InvalidValueError naming it, not a ValueError."""
        with pytest.raises(InvalidValueError, match=f"^{field}: "):
            build()  # type: ignore[operator]

    def test_numpy_amount_is_an_int(self) -> None:
        """A numpy integer amount is stored as a plain int."""
        np = pytest.importorskip("numpy")

        processing_time = ProcessingTime.working_days(np.int64(3))

        assert type(processing_time.amount) is int
        assert processing_time == ProcessingTime.working_days(3)

    @pytest.mark.parametrize(
        ("received", "cutoff", "due"),
        [
            ("2025-06-02T17:30+07:00", dt.time(18), "2025-06-03T17:00+07:00"),
            ("2025-06-02T17:00+07:00", None, "2025-06-03T17:00+07:00"),
            ("2025-06-02T16:59+07:00", None, "2025-06-02T17:00+07:00"),
        ],
    )
    def test_same_day_never_due_before_receipt(
        self, received: str, cutoff: dt.time | None, due: str
    ) -> None:
        """A same-day time received at or after closing is due the next working day."""
        processing_time = ProcessingTime(TimeUnit.SAME_DAY, 0, cutoff)

        deadline = VN.due(at(received), processing_time)

        assert deadline.due_at == at(due)
        assert deadline.due_at > deadline.received_at

    def test_huge_calendar_day_count_is_a_calendar_error(self) -> None:
        """A calendar-day count past any date raises CalendarError, not OverflowError."""
        with pytest.raises(CalendarError, match="processing_time"):
            VN.due(at("2025-06-02T10:00+07:00"), ProcessingTime.days(10**9))

    @pytest.mark.parametrize(
        "processing_time",
        [ProcessingTime.same_day(), ProcessingTime.working_hours(2)],
    )
    def test_due_on_the_last_supported_day(self, processing_time: ProcessingTime) -> None:
        """A deadline due on 31 Dec 2035, the last supported day, is computed."""
        deadline = VN.due(at("2035-12-31T09:00+07:00"), processing_time)

        assert deadline.due_on == dt.date(2035, 12, 31)

    def test_close_of_office_is_cited_as_a_convention(self) -> None:
        """The end line cites Art. 148(6) (24:00) and says the close of office is a convention."""
        deadline = VN.due(at("2025-06-02T10:00+07:00"), ProcessingTime.working_days(1))

        end = deadline.explanation[-1]
        assert end.kind is ReasonKind.END
        assert "Art. 148(1),(6)" in end.source
        assert "24:00" in end.source
        assert "adminflow convention" in end.source
