"""Table tests of real dossier scenarios, each checked against the articles it rests on."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.unit.dossier_helpers import AGENCY, APPLICANT, DESK, ME, at, leader, officer, workflow

from adminflow.dossiers import Actor, DossierStatus, Role, StepKind
from adminflow.errors import GuardFailedError, PermissionDeniedError


def test_birth_registration_received_after_15h() -> None:
    """A same-day birth registration received at 15:30 is due at the next working day's close,
    and its paper transfer is due at the start of that day (Decree 118/2025 Art. 18(2))."""
    wf = workflow()
    d = wf.submit(
        procedure="1.001193",
        applicant=APPLICANT,
        unit="22366",
        channel="in_person",
        by=ME,
        at=at(2025, 10, 3, 15, 25),
    ).dossier
    d = wf.receive(d, by=DESK, at=at(2025, 10, 3, 15, 30), sequence=7, agency=AGENCY).dossier
    t = wf.transfer(d, by=DESK, at=at(2025, 10, 6, 10))

    assert d.due_at == at(2025, 10, 6, 17)  # Friday 15:30 -> Monday close of office
    assert t.events[0].transfer_due_at == wf.calendar.opening(dt.date(2025, 10, 6))
    assert t.events[0].late


@pytest.mark.parametrize(
    ("procedure", "allowed"),
    [("1.013978", False), ("1.013831", True)],
)
def test_land_dossier_received_outside_its_commune(procedure: str, allowed: bool) -> None:
    """A first land registration excluded by the province cannot be received at another commune;
    a land transfer (provincial) can be (Decree 118/2025 Art. 14(2), the province's exclusion)."""
    wf = workflow()
    other = Actor("desk-22333", Role.RECEPTION_OFFICER, unit_code="22333")
    d = wf.submit(
        procedure=procedure,
        applicant=APPLICANT,
        unit="22366",
        receiving_unit="22333",
        channel="in_person",
        by=ME,
        at=at(2026, 1, 12),
    ).dossier

    if allowed:
        r = wf.receive(d, by=other, at=at(2026, 1, 12, 9, 30), sequence=1, agency=AGENCY)
        assert r.dossier.boundary_free
    else:
        with pytest.raises(PermissionDeniedError) as info:
            wf.receive(d, by=other, at=at(2026, 1, 12, 9, 30), sequence=1, agency=AGENCY)
        assert "excluded" in str(info.value)
        checks = {c.action: c for c in wf.allowed_actions(d, by=other, at=at(2026, 1, 12, 10))}
        assert checks["refuse_receipt"].allowed
        assert not checks["receive"].allowed


def test_other_province_after_5_august_2026_clock_starts_at_competent_agency() -> None:
    """A judicial-record dossier received in Hà Nội for Khánh Hòa on paper: its clock starts when
    the Khánh Hòa police receive it (Decree 118/2025 Art. 17(3) as amended by Decree 309/2026)."""
    wf = workflow()
    hanoi = Actor("desk-00070", Role.RECEPTION_OFFICER, unit_code="00070")
    d = wf.submit(
        procedure="3.000333",
        applicant=APPLICANT,
        unit="22366",
        receiving_unit="00070",
        channel="in_person",
        by=ME,
        at=at(2026, 9, 7, 9),
    ).dossier
    d = wf.receive(
        d, by=hanoi, at=at(2026, 9, 7, 9, 10), sequence=3, agency="000.00.00.H41"
    ).dossier
    provisional = d.due_at
    d = wf.transfer(d, by=hanoi, at=at(2026, 9, 7, 16)).dossier
    police = Actor("officer-police", Role.PROCESSING_OFFICER, authority_id="56-cong-an-tinh")
    late = wf.receive_transfer(d, by=police, at=at(2026, 9, 9, 10)).dossier
    d = wf.receive_transfer(d, by=police, at=at(2026, 9, 8, 10)).dossier

    assert d.rule_set == "309/2026"
    assert d.boundary_free
    assert d.clock_started_at == at(2026, 9, 8, 10)
    assert d.due_at == at(2026, 9, 18, 17)  # 10 calendar days from Tue 8 Sep
    assert late.clock_started_at == at(2026, 9, 8, 17)  # a late transfer is not the applicant's
    assert provisional is not None
    assert provisional <= d.due_at
    assert any(n.kind == "clock_start" for n in d.explain_due().notes)


def test_construction_permit_extended_once() -> None:
    """A construction permit extended once with an apology; a second extension is refused
    (Decree 118/2025 Art. 19(6))."""
    wf = workflow()
    d = wf.submit(
        procedure="1.013225",
        applicant=APPLICANT,
        unit="22366",
        channel="online",
        by=ME,
        at=at(2026, 9, 7, 8),
    ).dossier
    d = wf.receive(d, by=DESK, at=at(2026, 9, 7, 9), sequence=2, agency=AGENCY).dossier
    d = wf.transfer(d, by=DESK, at=at(2026, 9, 7, 9, 1)).dossier
    d = wf.receive_transfer(d, by=officer(), at=at(2026, 9, 7, 10)).dossier
    original = d.due_at
    assert original == at(2026, 9, 16, 17)
    d = wf.extend(
        d,
        by=leader(),
        at=at(2026, 9, 15, 9),
        apology="Xin lỗi ông/bà",
        new_due_at=at(2026, 9, 21, 17),
        reason="kiểm tra thực địa",
    ).dossier

    with pytest.raises(GuardFailedError) as info:
        wf.extend(
            d,
            by=leader(),
            at=at(2026, 9, 16, 9),
            apology="Xin lỗi",
            new_due_at=at(2026, 9, 25, 17),
            reason="again",
        )
    assert info.value.guard == "extend_at_most_once"
    d = wf.approve(d, by=leader(), at=at(2026, 9, 18, 9), e_result=True).dossier
    assert (d.original_due_at, d.due_at, d.outcome) == (original, at(2026, 9, 21, 17), d.outcome)
    assert d.late_against_original() is True
    assert d.outcome is not None
    assert d.outcome.value == "early"


def test_extension_too_late_is_refused() -> None:
    """An extension sent on the due day is refused: it must come at least 1 day before."""
    wf = workflow()
    d = wf.submit(
        procedure="1.013225",
        applicant=APPLICANT,
        unit="22366",
        channel="online",
        by=ME,
        at=at(2026, 9, 7, 8),
    ).dossier
    d = wf.receive(d, by=DESK, at=at(2026, 9, 7, 9), sequence=2, agency=AGENCY).dossier
    d = wf.receive_transfer(
        wf.transfer(d, by=DESK, at=at(2026, 9, 7, 9)).dossier, by=officer(), at=at(2026, 9, 7, 10)
    ).dossier
    with pytest.raises(GuardFailedError) as info:
        wf.extend(
            d,
            by=leader(),
            at=at(2026, 9, 16, 8),
            apology="Xin lỗi",
            new_due_at=at(2026, 9, 21, 17),
            reason="late",
        )
    assert info.value.guard == "extend_one_day_before"


def test_old_and_new_rules_side_by_side() -> None:
    """A dossier received on 30 June 2025 follows Decree 61/2018, one of 1 July 2025 Decree 118."""
    from tests.unit.dossier_helpers import plain_workflow

    wf = plain_workflow()
    desk = Actor("desk-00070", Role.RECEPTION_OFFICER, unit_code="00070")
    old = wf.submit(
        procedure="1.004194",
        applicant=APPLICANT,
        unit="00070",
        channel="in_person",
        by=ME,
        at=at(2025, 6, 30, 9),
    ).dossier
    new = wf.submit(
        procedure="1.004194",
        applicant=APPLICANT,
        unit="00070",
        channel="in_person",
        by=ME,
        at=at(2025, 7, 1, 9),
    ).dossier
    old = wf.receive(old, by=desk, at=at(2025, 6, 30, 9, 5), sequence=1, agency="H01").dossier
    new = wf.receive(new, by=desk, at=at(2025, 7, 1, 9, 5), sequence=1, agency="H01").dossier

    assert (old.rule_set, new.rule_set) == ("61/2018", "118/2025")
    assert "Decree 61/2018" in old.history[-1].legal_basis
    assert "Decree 118/2025" in new.history[-1].legal_basis
    checks_old = {c.action for c in wf.allowed_actions(old, by=desk, at=at(2025, 7, 1))}
    assert "close_unsupplemented" not in checks_old
    assert old.due_at == at(2025, 7, 3, 17)
    assert new.due_at == at(2025, 7, 4, 17)


def test_inter_agency_second_agency_late() -> None:
    """Two agencies consulted in parallel: the second replies late and is named as the delay
    (Decree 118/2025 Art. 20(2))."""
    wf = workflow()
    d = wf.submit(
        procedure="1.013225",
        applicant=APPLICANT,
        unit="22366",
        channel="online",
        by=ME,
        at=at(2026, 9, 7, 8),
    ).dossier
    d = wf.receive(d, by=DESK, at=at(2026, 9, 7, 9), sequence=2, agency=AGENCY).dossier
    d = wf.receive_transfer(
        wf.transfer(d, by=DESK, at=at(2026, 9, 7, 9)).dossier, by=officer(), at=at(2026, 9, 7, 10)
    ).dossier
    for body in ("56-so-xay-dung", "56-cong-an-tinh"):
        d = wf.forward_step(
            d,
            by=officer(),
            at=at(2026, 9, 7, 11),
            step="ý kiến",
            body=body,
            kind=StepKind.INTER_AGENCY,
            working_days=2,
        ).dossier
    assert len(d.open_steps) == 2
    d = wf.complete_step(
        d, by=officer(), at=at(2026, 9, 8, 16), step="ý kiến", body="56-so-xay-dung"
    ).dossier
    late = wf.complete_step(d, by=officer("56-cong-an-tinh"), at=at(2026, 9, 11, 9), step="ý kiến")

    assert late.events[0].late
    assert late.dossier.delayed_by() == ("56-cong-an-tinh",)
    assert d.delayed_by(at(2026, 9, 10)) == ("56-cong-an-tinh",)
    assert late.dossier.status is DossierStatus.IN_PROCESSING


def test_certification_with_its_legal_extension() -> None:
    """A bulky certification request received Mon 7 Jul 2025 15:30 with the procedure's
    extension (two more working days, Decree 23/2015 Art. 21) is due Thu 10 Jul."""
    wf = workflow()
    condition = wf.catalog.get("2.000815", on=dt.date(2025, 7, 7)).extensions[0].condition
    d = wf.submit(
        procedure="2.000815",
        applicant=APPLICANT,
        unit="22366",
        channel="in_person",
        by=ME,
        at=at(2025, 7, 7, 15, 20),
    ).dossier
    d = wf.receive(
        d, by=DESK, at=at(2025, 7, 7, 15, 30), sequence=9, agency=AGENCY, extension=condition
    ).dossier

    assert d.due_at.date() == dt.date(2025, 7, 10)
    kinds = [n.kind for n in d.explain_due().notes]
    assert "limit" in kinds
    assert "legal_extension" in kinds
