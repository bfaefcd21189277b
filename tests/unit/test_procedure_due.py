"""Procedure.due: base limit, extension modes and the explanation (issue 8, points 5, 7)."""

import datetime as dt

import pytest

from adminflow.calendar import ClockStart, ProcessingTime, Reason, ReasonKind, WorkingCalendar
from adminflow.errors import InvalidValueError
from adminflow.procedures import Catalog, Extension, ExtensionMode

VN = WorkingCalendar.vietnam()


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone(VN.timezone)


class TestExtensionModes:
    def test_certification_extension_adds_two_working_days_to_the_base(self) -> None:
        """2.000815 received Mon 7 Jul 2025 15:30 with its extension is due Thu 10 Jul."""
        copy = Catalog.sample().get("2.000815")

        deadline = copy.due(at("2025-07-07T15:30+07:00"), calendar=VN, extension=copy.extensions[0])

        assert copy.extensions[0].mode is ExtensionMode.ADDITIONAL
        assert deadline.due_on == dt.date(2025, 7, 10)
        kinds = [r.kind for r in deadline.explanation]
        assert ReasonKind.EXTENSION in kinds
        assert "Art. 21" in deadline.explanation[kinds.index(ReasonKind.EXTENSION)].source

    def test_without_extension_the_base_limit_applies(self) -> None:
        """Without an extension the same dossier is due on the next working day, Tue 8 Jul."""
        copy = Catalog.sample().get("2.000815")

        deadline = copy.due(at("2025-07-07T15:30+07:00"), calendar=VN)

        assert deadline.due_on == dt.date(2025, 7, 8)

    def test_a_replacement_extension_is_a_longer_limit_from_the_clock_start(self) -> None:
        """A replacement extension counts its own time from receipt instead of the base."""
        permit = Catalog.sample().get("1.013225", on=dt.date(2026, 7, 1))
        longer = permit.extensions[0]

        deadline = permit.due(at("2026-07-01T09:00+07:00"), calendar=VN, extension=longer)

        assert longer.mode is ExtensionMode.REPLACEMENT
        assert deadline.due_on == VN.add_working_days(dt.date(2026, 7, 1), 10)

    def test_an_additional_same_day_extension_is_refused(self) -> None:
        """An additional extension must add days or hours, not a same-day time."""
        with pytest.raises(InvalidValueError) as caught:
            Extension(ProcessingTime.same_day(), "x", mode="additional")

        assert caught.value.field == "time"

    def test_an_unknown_mode_is_refused(self) -> None:
        """A mode outside additional/replacement raises InvalidValueError naming 'mode'."""
        with pytest.raises(InvalidValueError) as caught:
            Extension(ProcessingTime.working_days(2), "x", mode="more")  # type: ignore[arg-type]

        assert caught.value.field == "mode"


class TestExplanationSources:
    def test_the_limit_line_cites_the_sector_law(self) -> None:
        """The limit line of a certification cites Decree 23/2015 Art. 7, not Art. 18(2)."""
        copy = Catalog.sample().get("2.000815")

        deadline = copy.due(at("2025-07-07T10:00+07:00"), calendar=VN)

        assert deadline.explanation[0].kind is ReasonKind.LIMIT
        assert deadline.explanation[0].source == "Decree 23/2015/NĐ-CP, Art. 7"
        assert deadline.explanation[1].source == "Decree 23/2015/NĐ-CP, Art. 7"

    def test_civil_status_cutoff_cites_the_law_on_civil_status(self) -> None:
        """The cut-off of a birth registration cites Law 60/2014 Art. 5(3)."""
        birth = Catalog.sample().get("1.001193")

        deadline = birth.due(at("2025-07-07T15:30+07:00"), calendar=VN)

        cutoff = next(r for r in deadline.explanation if r.kind is ReasonKind.CUTOFF)
        assert "60/2014/QH13" in cutoff.source
        assert "Art. 5(3)" in cutoff.source

    def test_the_legal_basis_flows_in_when_the_limit_has_no_source(self) -> None:
        """A limit without its own source cites the procedure's legal basis."""
        registration = Catalog.sample().get("1.001612")

        deadline = registration.due(at("2025-09-01T09:00+07:00"), calendar=VN)

        assert deadline.explanation[0].source == "; ".join(registration.legal_basis)


class TestClockStartInDue:
    def test_the_clock_start_moves_the_count_and_leads_the_explanation(self) -> None:
        """A later clock start counts from it and its reasons come first."""
        permit = Catalog.sample().get("1.013225", on=dt.date(2026, 9, 1))
        reason = Reason(ReasonKind.CLOCK, "paper transferred", "test source")
        start = ClockStart(at("2026-09-02T17:00+07:00"), (reason,))

        deadline = permit.due(at("2026-09-01T09:00+07:00"), calendar=VN, clock_start=start)

        assert deadline.received_at == start.at
        assert deadline.due_on == VN.add_working_days(dt.date(2026, 9, 2), 7)
        assert deadline.explanation[0] == reason

    def test_a_clock_start_before_receipt_is_refused(self) -> None:
        """The clock cannot start before the desk receipt."""
        permit = Catalog.sample().get("1.013225", on=dt.date(2026, 9, 1))
        start = ClockStart(at("2026-08-31T09:00+07:00"))

        with pytest.raises(InvalidValueError) as caught:
            permit.due(at("2026-09-01T09:00+07:00"), calendar=VN, clock_start=start)

        assert caught.value.field == "clock_start.at"

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"calendar": "vn"}, "calendar"),
            ({"calendar": VN, "extension": "2 days"}, "extension"),
            ({"calendar": VN, "clock_start": dt.datetime(2026, 9, 1)}, "clock_start"),
        ],
    )
    def test_bad_arguments_name_their_field(self, kwargs: dict[str, object], field: str) -> None:
        """Arguments of the wrong type raise InvalidValueError naming the argument."""
        permit = Catalog.sample().get("1.013225", on=dt.date(2026, 9, 1))

        with pytest.raises(InvalidValueError) as caught:
            permit.due(at("2026-09-01T09:00+07:00"), **kwargs)  # type: ignore[arg-type]

        assert caught.value.field == field


class TestReceiptsBeforeTheModelledRuleSets:
    def test_a_2010_receipt_cites_no_law_not_yet_in_force(self) -> None:
        """A 2010 receipt's explanation cites neither the Civil Code 2015 nor Decree 61/2018."""
        deadline = VN.due(at("2010-07-07T10:00+07:00"), ProcessingTime.working_days(3))

        rule_lines = [r for r in deadline.explanation if r.day is None]
        assert rule_lines[0].kind is ReasonKind.START
        assert "no rule set" in rule_lines[0].text
        for reason in rule_lines:
            assert "Civil Code 2015" not in reason.source
            assert "61/2018" not in reason.source
            assert "118/2025" not in reason.source

    def test_receipts_from_21_june_2018_cite_decree_61_2018(self) -> None:
        """From 21 June 2018 the explanation cites Decree 61/2018 again."""
        deadline = VN.due(at("2018-06-21T10:00+07:00"), ProcessingTime.working_days(3))

        assert "61/2018" in deadline.explanation[0].source


class TestVersionWindow:
    def test_a_receipt_outside_the_version_window_is_refused(self) -> None:
        """A version cannot compute a receipt outside its window; the message says to pick one."""
        permit = Catalog.sample().get("1.013225", on=dt.date(2025, 9, 1))

        with pytest.raises(InvalidValueError) as caught:
            permit.due(at("2026-07-01T09:00+07:00"), calendar=VN)

        assert caught.value.field == "received_at"
        assert "on=day" in str(caught.value)
