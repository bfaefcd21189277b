"""Nationwide receipt dates and the clock start of transferred dossiers (issue 8, points 2, 6)."""

import datetime as dt

import pytest

from adminflow.calendar import ReasonKind, WorkingCalendar
from adminflow.competence import ClockStartRule, ReceiptMode, clock_start
from adminflow.errors import InvalidValueError

D = dt.date
VN = WorkingCalendar.vietnam()


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone(VN.timezone)


class TestNationwideReceiptDate:
    def test_another_province_is_refused_before_5_august_2026(self, example):
        """Before 5 Aug 2026 a listed procedure is received within its province only."""
        decision = example.can_receive("3.000333", "00070", "22366", at=D(2026, 8, 4))

        assert not decision
        assert "14(2)" in decision.legal_basis
        assert "3(6)" not in decision.legal_basis

    def test_another_province_may_receive_from_5_august_2026(self, example):
        """From 5 Aug 2026 it may be received nationwide under Art. 14(4) (Decree 309/2026)."""
        decision = example.can_receive("3.000333", "00070", "22366", at=D(2026, 8, 5))

        assert decision
        assert decision.mode is ReceiptMode.NATIONWIDE
        assert "14(4)" in decision.legal_basis
        assert "3(6)" not in decision.legal_basis

    def test_31_december_2025_is_not_enough_for_nationwide(self, example):
        """31 Dec 2025 (the within-province deadline) does not open nationwide receipt."""
        decision = example.can_receive("3.000333", "00070", "22366", at=D(2025, 12, 31))

        assert not decision


class TestReceiptBeforeTheRuleSets:
    def test_a_2010_receipt_decision_cites_no_decree(self, example):
        """A 2010 receipt decision names no decree that was not yet in force."""
        decision = example.can_receive("1.013225", "22333", "22366", at=D(2010, 7, 7))

        assert "61/2018" not in decision.legal_basis
        assert "118/2025" not in decision.legal_basis
        assert "no rule set" in decision.legal_basis


class TestClockStart:
    def test_no_transfer_starts_at_the_desk(self):
        """Without a transfer the clock starts at the desk receipt, citing Art. 17(3)."""
        desk = at("2026-09-01T10:00+07:00")

        start = clock_start(desk, None, calendar=VN)

        assert start.at == desk
        assert start.reasons[0].kind is ReasonKind.CLOCK
        assert "17(3)" in start.reasons[0].source

    def test_before_august_2026_a_transfer_starts_at_the_desk(self, example):
        """A transfer planned before 5 Aug 2026 keeps the desk receipt as the clock start."""
        plan = example.transfer("1.013225", "22333", "22366", at=D(2026, 3, 2))
        desk = at("2026-03-02T16:00+07:00")

        assert clock_start(desk, plan, calendar=VN, electronic=False).at == desk

    def test_electronic_transfer_starts_at_once(self, example):
        """From 5 Aug 2026 an electronic transfer starts the clock at the desk receipt."""
        plan = example.transfer("1.013225", "22333", "22366", at=D(2026, 9, 4))
        desk = at("2026-09-04T16:00+07:00")

        start = clock_start(desk, plan, calendar=VN)

        assert plan.clock_start is ClockStartRule.COMPETENT_AGENCY_RECEIPT
        assert start.at == desk
        assert "309/2026" in start.reasons[0].source

    def test_paper_transfer_starts_at_the_actual_receipt(self, example):
        """A paper transfer with a recorded receipt starts the clock then."""
        plan = example.transfer("1.013225", "22333", "22366", at=D(2026, 9, 4))
        desk, arrived = at("2026-09-04T09:00+07:00"), at("2026-09-04T14:00+07:00")

        start = clock_start(
            desk, plan, calendar=VN, electronic=False, competent_received_at=arrived
        )

        assert start.at == arrived

    def test_paper_transfer_after_15_00_starts_at_the_next_opening(self, example):
        """Same-level paper received Fri 16:00, arrival not recorded: Mon 08:00 (Art. 18(2))."""
        plan = example.transfer("1.013225", "22333", "22366", at=D(2026, 9, 4))

        start = clock_start(at("2026-09-04T16:00+07:00"), plan, calendar=VN, electronic=False)

        assert start.at == at("2026-09-07T08:00+07:00")
        assert "18(2)" in start.reasons[0].text

    def test_a_late_paper_transfer_does_not_delay_the_clock(self, example):
        """Paper that arrives later than allowed starts the clock at the latest allowed instant."""
        plan = example.transfer("1.013225", "22333", "22366", at=D(2026, 9, 4))
        desk, late = at("2026-09-04T09:00+07:00"), at("2026-09-08T09:00+07:00")

        start = clock_start(desk, plan, calendar=VN, electronic=False, competent_received_at=late)

        assert start.at == VN.closing(D(2026, 9, 4))

    def test_a_receipt_before_the_desk_is_refused(self, example):
        """The competent body cannot receive the dossier before the desk did."""
        plan = example.transfer("1.013225", "22333", "22366", at=D(2026, 9, 4))

        with pytest.raises(InvalidValueError) as caught:
            clock_start(
                at("2026-09-04T09:00+07:00"),
                plan,
                calendar=VN,
                electronic=False,
                competent_received_at=at("2026-09-03T09:00+07:00"),
            )

        assert caught.value.field == "competent_received_at"

    @pytest.mark.parametrize(
        ("args", "kwargs", "field"),
        [
            ((dt.datetime(2026, 9, 4, 9), None), {"calendar": VN}, "desk_received_at"),
            ((dt.datetime(2026, 9, 4, 9, tzinfo=dt.UTC), "plan"), {"calendar": VN}, "transfer"),
            ((dt.datetime(2026, 9, 4, 9, tzinfo=dt.UTC), None), {"calendar": None}, "calendar"),
            (
                (dt.datetime(2026, 9, 4, 9, tzinfo=dt.UTC), None),
                {"calendar": VN, "electronic": "no"},
                "electronic",
            ),
        ],
    )
    def test_bad_arguments_name_their_field(self, args, kwargs, field):
        """Malformed arguments raise InvalidValueError naming the argument."""
        with pytest.raises(InvalidValueError) as caught:
            clock_start(*args, **kwargs)

        assert caught.value.field == field

    def test_procedure_due_counts_from_the_clock_start(self, example, catalog):
        """Procedure.due with the clock start counts from the competent body's receipt."""
        plan = example.transfer("1.013225", "22333", "22366", at=D(2026, 9, 4))
        desk = at("2026-09-04T16:00+07:00")
        start = clock_start(desk, plan, calendar=VN, electronic=False)
        permit = catalog.get("1.013225", on=D(2026, 9, 4))

        deadline = permit.due(desk, calendar=VN, clock_start=start)

        assert deadline.received_at == start.at
        assert deadline.explanation[0] == start.reasons[0]
        assert deadline.due_on == VN.add_working_days(D(2026, 9, 7), 7)
