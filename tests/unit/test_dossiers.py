"""Unit tests of adminflow.dossiers: statuses, rule sets, commands, guards, permissions, events."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
from tests.unit.dossier_helpers import (
    AGENCY,
    APPLICANT,
    DESK,
    HEAD,
    ME,
    PERSON,
    SYSTEM,
    at,
    leader,
    officer,
    workflow,
)

from adminflow.codes import validate_personal_id, validate_tax_code
from adminflow.dossiers import (
    PORTAL_STATUS,
    Actor,
    Applicant,
    Dossier,
    DossierStatus,
    Outcome,
    Role,
    diagram,
    dossier_from_dict,
    dossier_to_dict,
    event_from_dict,
    event_to_dict,
    event_to_json,
    replay,
    rule_set,
    rule_set_for,
)
from adminflow.errors import (
    AdminflowError,
    GuardFailedError,
    InvalidValueError,
    PermissionDeniedError,
    TransitionNotAllowedError,
)

START = at(2026, 9, 7)


def submitted(when: dt.datetime = START, procedure: str = "1.013225", **kw: object) -> Dossier:
    options = {"channel": "in_person", **kw}
    return (
        workflow()
        .submit(procedure=procedure, applicant=APPLICANT, unit="22366", by=ME, at=when, **options)
        .dossier
    )


def processing(when: dt.datetime = START, procedure: str = "1.013225") -> Dossier:
    wf = workflow()
    d = submitted(when, procedure)
    d = wf.receive(d, by=DESK, at=when + dt.timedelta(minutes=5), sequence=1, agency=AGENCY).dossier
    d = wf.transfer(d, by=DESK, at=when + dt.timedelta(minutes=30)).dossier
    return wf.receive_transfer(d, by=officer(), at=when + dt.timedelta(hours=1)).dossier


class TestStatuses:
    def test_every_status_has_a_portal_code(self) -> None:
        """Each status maps to one of the Portal's synchronisation codes 1-10."""
        assert set(PORTAL_STATUS) == set(DossierStatus)
        assert set(PORTAL_STATUS.values()) == set(range(1, 11))

    def test_key_portal_codes(self) -> None:
        """Submitted is 1, received 2, result returned 10."""
        assert DossierStatus.SUBMITTED.portal_code == 1
        assert DossierStatus.RECEIVED.portal_code == 2
        assert DossierStatus.RESULT_RETURNED.portal_code == 10

    def test_rule_set_chosen_by_receipt_day(self) -> None:
        """30 June 2025 is Decree 61/2018, 1 July 2025 Decree 118/2025, 5 Aug 2026 Decree 309."""
        assert rule_set_for(dt.date(2025, 6, 30)).code == "61/2018"
        assert rule_set_for(dt.date(2025, 7, 1)).code == "118/2025"
        assert rule_set_for(dt.date(2026, 8, 4)).code == "118/2025"
        assert rule_set_for(dt.date(2026, 8, 5)).code == "309/2026"

    def test_close_out_only_from_decree_118(self) -> None:
        """The 15-day close-out is not a command of the 2018 regime."""
        assert "close_unsupplemented" not in rule_set("61/2018").triggers
        assert "close_unsupplemented" in rule_set("118/2025").triggers

    def test_every_transition_cites_a_basis(self) -> None:
        """Every row of every table names its legal basis."""
        for rules in ("61/2018", "118/2025", "309/2026"):
            assert all(t.legal_basis for t in rule_set(rules).transitions)

    def test_diagram_formats(self) -> None:
        """Mermaid and dot diagrams are generated from the table."""
        assert "in_processing --> result_ready: approve" in diagram("118/2025")
        assert 'submitted -> received [label="receive"]' in diagram("309/2026", format="dot")
        with pytest.raises(InvalidValueError):
            diagram(format="png")


class TestCodes:
    def test_personal_id(self) -> None:
        """A 12-digit number with a province code is accepted; errors mask the number."""
        assert validate_personal_id("001099012345") == "001099012345"
        with pytest.raises(InvalidValueError) as info:
            validate_personal_id("999099012345")
        assert "999099012345" not in str(info.value)

    def test_tax_code_check_digit(self) -> None:
        """The tenth digit of a tax code is its check digit."""
        assert validate_tax_code("0300588569") == "0300588569"
        with pytest.raises(InvalidValueError):
            validate_tax_code("0300588568")

    @pytest.mark.parametrize("garbage", [None, 12, "", "abc", "07901234123x", b"079012341234"])
    def test_garbage_numbers(self, garbage: object) -> None:
        """Garbage raises InvalidValueError only."""
        with pytest.raises(InvalidValueError):
            validate_personal_id(garbage)
        with pytest.raises(InvalidValueError):
            validate_tax_code(garbage)


class TestPersonalData:
    def test_repr_masks_numbers_and_hides_names(self) -> None:
        """Neither the number nor the name appears in repr or str."""
        d = submitted()
        for text in (repr(d), str(d), repr(APPLICANT), repr(ME)):
            assert PERSON not in text
            assert "Lê Thị B" not in text
        assert "0560****1234" in repr(d)

    def test_errors_never_show_the_number(self) -> None:
        """A permission error about an applicant masks them."""
        other = Actor("079012341234", Role.APPLICANT)
        with pytest.raises(PermissionDeniedError) as info:
            workflow().stop(submitted(), by=other, at=at(2026, 9, 7, 10))
        assert "079012341234" not in str(info.value)


class TestLifecycle:
    def test_receive_sets_code_clock_and_rule_set(self) -> None:
        """Receipt gives the code, the rule set of the day, and the due instant."""
        d = (
            workflow()
            .receive(submitted(), by=DESK, at=at(2026, 9, 7, 9, 5), sequence=1, agency=AGENCY)
            .dossier
        )

        assert d.code == "000.00.12.H41-20260907-0000001"
        assert d.rule_set == "309/2026"
        assert d.due_at == at(2026, 9, 16, 17)
        assert d.original_due_at == d.due_at
        assert d.received_at == at(2026, 9, 7, 9, 5)

    def test_commands_leave_the_input_untouched(self) -> None:
        """A command returns a new dossier; the one passed in is unchanged."""
        d = submitted()
        before = dossier_to_dict(d)

        workflow().receive(d, by=DESK, at=at(2026, 9, 7, 9, 5), sequence=1, agency=AGENCY)

        assert dossier_to_dict(d) == before

    def test_full_lifecycle_replays_and_serialises(self) -> None:
        """Replay and the JSON round trip rebuild the same dossier."""
        wf = workflow()
        d = processing()
        d = wf.approve(d, by=leader(), at=at(2026, 9, 10), e_result=True).dossier
        d = wf.return_result(d, by=DESK, at=at(2026, 9, 10, 10)).dossier

        assert d.status is DossierStatus.RESULT_RETURNED
        assert d.outcome is Outcome.EARLY
        assert replay(d.history) == d
        assert dossier_from_dict(dossier_to_dict(d)) == d
        assert [event_from_dict(event_to_dict(e)) for e in d.history] == list(d.history)
        assert [e.version for e in d.history] == list(range(1, d.version + 1))

    def test_event_json_is_the_compact_json_of_the_dict(self) -> None:
        """event_to_json writes json.dumps(event_to_dict(e)) with compact separators, as is."""
        d = processing()
        for event in d.history:
            expected = json.dumps(event_to_dict(event), separators=(",", ":"), ensure_ascii=False)
            assert event_to_json(event) == expected

    def test_event_json_of_a_field_off_its_type_follows_json(self) -> None:
        """A field not of its declared type (a bool version, an int reason) is written as json
        writes it, not by the fast path."""
        event = processing().history[-1]
        for field, value in (("reason", 5), ("legal_basis", ["a"])):
            odd = copy.copy(event)
            object.__setattr__(odd, field, value)
            expected = json.dumps(event_to_dict(odd), separators=(",", ":"), ensure_ascii=False)
            assert event_to_json(odd) == expected
            assert f'"{field}":{json.dumps(value)}' in expected

    def test_event_json_refuses_what_is_not_an_event(self) -> None:
        """Anything but a dossier event is an InvalidValueError naming the event."""
        for garbage in (None, 3, "DossierSubmitted", {"type": "DossierSubmitted"}):
            with pytest.raises(InvalidValueError, match="event"):
                event_to_json(garbage)  # type: ignore[arg-type]

    def test_approve_records_the_signing_body(self) -> None:
        """The leader of the deciding body signs as 'deciding'."""
        r = workflow().approve(processing(), by=leader(), at=at(2026, 9, 10))
        assert r.events[0].signed_as == "deciding"

    def test_row_for_indicators(self) -> None:
        """row() gives the contract row with the stable storage codes."""
        row = processing().row()
        assert row.status == "in_processing"
        assert row.channel == "in_person"
        assert row.rule_set == "309/2026"
        assert row.code == "000.00.12.H41-20260907-0000001"


class TestGuards:
    def test_supplement_once_per_stage(self) -> None:
        """A second appraisal-stage supplement request is refused."""
        wf = workflow()
        d = wf.request_supplement(
            processing(), by=officer(), at=at(2026, 9, 8), items=["bản vẽ"], reason="thiếu"
        ).dossier
        d = wf.supplement(d, by=ME, at=at(2026, 9, 9)).dossier
        with pytest.raises(GuardFailedError) as info:
            wf.request_supplement(d, by=officer(), at=at(2026, 9, 10), items=["x"], reason="y")
        assert info.value.guard == "supplement_once_per_stage"
        assert "allowed now" in str(info.value)

    def test_supplement_lists_items(self) -> None:
        """A request without items is refused."""
        with pytest.raises(GuardFailedError):
            workflow().request_supplement(
                processing(), by=officer(), at=at(2026, 9, 8), items=[], reason="y"
            )

    def test_appraisal_supplement_within_three_working_days(self) -> None:
        """After 3 working days from receipt the appraisal supplement request is refused."""
        with pytest.raises(GuardFailedError) as info:
            workflow().request_supplement(
                processing(), by=officer(), at=at(2026, 9, 11), items=["x"], reason="y"
            )
        assert info.value.guard == "supplement_notice_within_3_working_days"

    def test_supplement_restarts_the_clock(self) -> None:
        """The complete supplement restarts the processing time from zero."""
        wf = workflow()
        d = wf.request_supplement(
            processing(), by=officer(), at=at(2026, 9, 8), items=["x"], reason="y"
        ).dossier
        d = wf.supplement(d, by=ME, at=at(2026, 9, 14, 10)).dossier
        assert d.clock_started_at == at(2026, 9, 14, 10)
        assert d.due_at == at(2026, 9, 23, 17)  # 7 working days after Mon 14 Sep
        assert any(n.kind == "restart" for n in d.explain_due().notes)

    def test_close_after_fifteen_days(self) -> None:
        """Closing is refused on day 15 and allowed on day 16 without supplement."""
        wf = workflow()
        d = wf.request_supplement(
            processing(), by=officer(), at=at(2026, 9, 8), items=["x"], reason="y"
        ).dossier
        with pytest.raises(GuardFailedError):
            wf.close_unsupplemented(d, by=SYSTEM, at=at(2026, 9, 23, 16))
        closed = wf.close_unsupplemented(d, by=SYSTEM, at=at(2026, 9, 24, 8)).dossier
        assert closed.status is DossierStatus.CLOSED_UNSUPPLEMENTED

    def test_closed_dossier_is_measured_at_its_supplement_request(self) -> None:
        """A dossier closed unsupplemented ends at the request it waited on (766 ind. 2.1)."""
        wf = workflow()
        d = wf.request_supplement(
            processing(), by=officer(), at=at(2026, 9, 8), items=["x"], reason="y"
        ).dossier

        row = wf.close_unsupplemented(d, by=SYSTEM, at=at(2026, 9, 24, 8)).dossier.row()

        assert row.finished_at == at(2026, 9, 8)
        assert row.outcome is not None
        assert row.outcome != "late"

    def test_refusal_needs_reasons_and_time(self) -> None:
        """A refusal without reasons, or after the deadline, is refused."""
        wf = workflow()
        d = processing()
        with pytest.raises(GuardFailedError):
            wf.refuse(d, by=leader(), at=at(2026, 9, 9), reasons=[])
        with pytest.raises(GuardFailedError):
            wf.refuse(d, by=leader(), at=at(2026, 9, 17), reasons=["không đủ điều kiện"])
        refused = wf.refuse(
            d, by=leader(), at=at(2026, 9, 9), reasons=["không đủ điều kiện"]
        ).dossier
        assert refused.status is DossierStatus.REFUSED
        assert refused.is_terminal

    def test_stop_until_decision(self) -> None:
        """The applicant may stop in processing, not once the result is ready."""
        wf = workflow()
        d = processing()
        assert wf.stop(d, by=ME, at=at(2026, 9, 8)).dossier.status is DossierStatus.STOPPED
        ready = wf.approve(d, by=leader(), at=at(2026, 9, 8)).dossier
        with pytest.raises(TransitionNotAllowedError) as info:
            wf.stop(ready, by=ME, at=at(2026, 9, 8, 10))
        assert info.value.allowed == ("return_result",)

    def test_terminal_accepts_nothing(self) -> None:
        """Every command is refused on a terminal dossier."""
        wf = workflow()
        d = wf.stop(processing(), by=ME, at=at(2026, 9, 8)).dossier
        assert not any(wf.allowed_actions(d, by=SYSTEM, at=at(2026, 9, 9)))

    def test_correction_within_three_working_days(self) -> None:
        """A correction is due 3 working days after the error is reported; lateness is recorded."""
        wf = workflow()
        d = wf.approve(processing(), by=leader(), at=at(2026, 9, 8)).dossier
        d = wf.return_result(d, by=DESK, at=at(2026, 9, 8, 10)).dossier
        d = wf.correct(d, by=HEAD, at=at(2026, 9, 9), reason="sai tên").dossier
        assert d.correction_due_at == at(2026, 9, 14, 17)
        r = wf.approve(d, by=leader(), at=at(2026, 9, 15))
        assert r.events[0].late


class TestPermissions:
    def test_officer_of_another_body_is_denied(self) -> None:
        """A processing officer acts only for the deciding or acting body."""
        with pytest.raises(PermissionDeniedError) as info:
            workflow().approve(processing(), by=leader("ubnd-22333"), at=at(2026, 9, 8))
        assert "allowed now" in str(info.value)

    def test_applicant_only_on_own_dossier(self) -> None:
        """Another applicant cannot stop the dossier."""
        with pytest.raises(PermissionDeniedError):
            workflow().stop(
                processing(), by=Actor("001099012345", Role.APPLICANT), at=at(2026, 9, 8)
            )

    def test_wrong_role(self) -> None:
        """An applicant cannot approve."""
        with pytest.raises(PermissionDeniedError):
            workflow().approve(processing(), by=ME, at=at(2026, 9, 8))

    def test_reception_officer_of_another_unit(self) -> None:
        """A reception officer works only at the receiving unit."""
        other = Actor("desk-x", Role.RECEPTION_OFFICER, unit_code="22333")
        with pytest.raises(PermissionDeniedError):
            workflow().receive(
                submitted(), by=other, at=at(2026, 9, 7, 10), sequence=1, agency=AGENCY
            )

    def test_allowed_actions_explains(self) -> None:
        """allowed_actions lists every command with a reason."""
        checks = {
            c.action: c
            for c in workflow().allowed_actions(processing(), by=leader(), at=at(2026, 9, 8))
        }
        assert checks["approve"].allowed
        assert checks["refuse"].allowed
        assert not checks["receive"].allowed
        assert "for:" in checks["stop"].reason


class TestRefusedCommandsChangeNothing:
    @pytest.mark.parametrize(
        "details",
        [
            {"by": None},
            {"at": "yesterday"},
            {"at": dt.datetime(2026, 9, 8, 9)},
            {"at": at(2026, 9, 1)},
            {"reasons": "text, not a list"},
            {"reasons": [1, 2]},
        ],
    )
    def test_garbage_details_raise_adminflow_errors(self, details: dict[str, object]) -> None:
        """Garbage arguments raise only AdminflowError subclasses and change nothing."""
        d = processing()
        before = dossier_to_dict(d)
        arguments = {"by": leader(), "at": at(2026, 9, 9), "reasons": ["x"], **details}
        with pytest.raises(AdminflowError):
            workflow().refuse(d, **arguments)  # type: ignore[arg-type]
        assert dossier_to_dict(d) == before

    @pytest.mark.parametrize(
        "garbage",
        [
            None,
            3,
            {"type": "Nope"},
            {"type": "DossierReceived"},
            {"type": "DossierStopped", "at": 5},
        ],
    )
    def test_event_from_dict_garbage(self, garbage: object) -> None:
        """Malformed event dictionaries raise InvalidValueError."""
        with pytest.raises(InvalidValueError):
            event_from_dict(garbage)

    def test_replay_garbage(self) -> None:
        """Replay refuses histories that do not start with a submission or skip versions."""
        d = processing()
        with pytest.raises(InvalidValueError):
            replay(d.history[1:])
        with pytest.raises(InvalidValueError):
            replay([d.history[0], d.history[2]])
        with pytest.raises(InvalidValueError):
            replay(5)  # type: ignore[arg-type]

    def test_fire_by_name(self) -> None:
        """fire() dispatches by command name and refuses unknown names."""
        wf = workflow()
        d = wf.fire(processing(), "approve", by=leader(), at=at(2026, 9, 8)).dossier
        assert d.status is DossierStatus.RESULT_READY
        with pytest.raises(TransitionNotAllowedError):
            wf.fire(d, "explode", by=leader(), at=at(2026, 9, 8))
        with pytest.raises(InvalidValueError):
            wf.fire(d, "return_result", by=DESK, at=at(2026, 9, 8, 10), colour="red")

    def test_applicant_and_actor_garbage(self) -> None:
        """Applicant and Actor constructors raise InvalidValueError on garbage."""
        for args in [("person", "12"), ("robot", PERSON), ("organisation", PERSON)]:
            with pytest.raises(InvalidValueError):
                Applicant(*args)  # type: ignore[arg-type]
        for args2 in [("", "applicant"), ("x", "king"), (None, None)]:
            with pytest.raises(InvalidValueError):
                Actor(*args2)  # type: ignore[arg-type]


def test_docs_diagram_matches_the_table() -> None:
    """The diagram on the lifecycle page is the one generated from the 118/2025 table."""
    from pathlib import Path

    page = (Path(__file__).resolve().parents[2] / "docs" / "dossier-lifecycle.md").read_text(
        encoding="utf-8"
    )
    assert f"```mermaid\n{diagram('118/2025')}```" in page


class TestRecordedTimeLimits:
    def test_online_check_within_eight_working_hours(self) -> None:
        """An online dossier received after 8 working hours is received, with late=True."""
        wf = workflow()
        d = submitted(at(2026, 9, 11, 16), channel="online")  # Friday 16:00
        in_time = wf.receive(d, by=DESK, at=at(2026, 9, 14, 15), sequence=1, agency=AGENCY)
        too_late = wf.receive(d, by=DESK, at=at(2026, 9, 15, 9), sequence=1, agency=AGENCY)

        assert not in_time.events[0].late
        assert too_late.events[0].late
        assert too_late.dossier.status is DossierStatus.RECEIVED

    def test_pause_moves_the_appointment_and_is_explained(self) -> None:
        """A sector-law pause for payment moves the appointment by the working time paused."""
        wf = workflow()
        d = wf.request_payment(
            processing(),
            by=officer(),
            at=at(2026, 9, 8, 9),
            reason="lệ phí",
            pauses_clock=True,
            legal_basis="sector law",
        ).dossier
        paid = wf.pay(d, by=ME, at=at(2026, 9, 10, 9), online=True).dossier

        assert paid.due_at == at(2026, 9, 18, 17)  # two working days later
        assert paid.original_due_at == paid.due_at
        assert paid.pauses[-1].end == at(2026, 9, 10, 9)
        assert any(n.kind == "pause" for n in paid.explain_due().notes)
        assert paid.row().paid_online

    def test_pause_needs_its_basis(self) -> None:
        """A clock pause without a legal basis is refused."""
        with pytest.raises(InvalidValueError):
            workflow().request_payment(
                processing(), by=officer(), at=at(2026, 9, 8), reason="x", pauses_clock=True
            )

    def test_supplement_time_in_the_row(self) -> None:
        """The row carries the appraisal supplement count and the seconds spent waiting."""
        wf = workflow()
        d = wf.request_supplement(
            processing(), by=officer(), at=at(2026, 9, 8, 9), items=["x"], reason="y"
        ).dossier
        assert d.row().pending_supplement_since == at(2026, 9, 8, 9)
        d = wf.supplement(d, by=ME, at=at(2026, 9, 8, 10)).dossier
        row = d.row()

        assert row.supplement_requests_processing == 1
        assert row.supplement_seconds == 3600
        assert row.pending_supplement_since is None
