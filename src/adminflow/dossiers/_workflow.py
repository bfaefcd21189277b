"""The workflow (quy trình giải quyết hồ sơ): commands with permissions, guards and clocks.

A :class:`Workflow` is built once and shared. Each command takes the dossier, ``by=`` (an
:class:`~adminflow.dossiers.Actor`) and ``at=`` (an aware instant), plus its details, and returns
a :class:`CommandResult` with the new dossier and the events; the dossier passed in is never
changed, so a refused command changes nothing. A command is checked in this order:

1. the transition exists from the current status (else :class:`TransitionNotAllowedError`);
2. the actor may act here (role and jurisdiction; else :class:`PermissionDeniedError`);
3. the law allows it now (legal guards; else :class:`GuardFailedError`);
4. the shared ``transitions`` machine of the dossier's rule set fires, the event is built with
   the computed clocks, and applied.

Time limits that bind the administration but cannot stop the dossier (the 8-working-hour online
check, the same-day paper transfer, the 3-working-day correction, a step's due instant) are
recorded on the event (``late=True``) instead of refused: refusing them would strand the dossier.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from adminflow.dossiers._base import (
    ActionCheck,
    CommandResult,
    _flag,
    _text,
    _texts,
)
from adminflow.dossiers._clocks import _fmt
from adminflow.dossiers._events import (
    CorrectionRequested,
    DeadlineExtended,
    DossierClosed,
    DossierRefused,
    DossierStopped,
    PaymentMade,
    PaymentRequested,
    ResultApproved,
    ResultReturned,
    StepCompleted,
    StepForwarded,
)
from adminflow.dossiers._model import ClockNote, Dossier, outcome_of
from adminflow.dossiers._parties import Actor, check_instant
from adminflow.dossiers._reception import ReceptionCommands
from adminflow.dossiers._rules import rule_set
from adminflow.dossiers._status import (
    DossierStatus,
    StepKind,
)
from adminflow.errors import (
    InvalidValueError,
)

_S = DossierStatus

__all__ = ["ActionCheck", "CommandResult", "Workflow"]


class Workflow(ReceptionCommands):
    """The dossier workflow: commands named after the law, shared by every dossier.

    Args:
        calendar: The working calendar (``WorkingCalendar.vietnam()`` by default).
        catalog: The procedure catalogue (processing times, steps, channels, fees).
        competence: The competence resolver; without it jurisdiction is checked only against
            the units and bodies recorded on the dossier.

    Raises:
        InvalidValueError: An argument has the wrong type.

    Examples:
        >>> import datetime as dt
        >>> from adminflow.dossiers import Actor, Applicant, Role
        >>> from adminflow.procedures import Catalog
        >>> wf = Workflow(catalog=Catalog.sample())
        >>> tz = wf.calendar.timezone
        >>> me = Actor("079012341234", Role.APPLICANT)
        >>> r = wf.submit(procedure="1.001193", applicant=Applicant.person("079012341234"),
        ...               unit="00070", channel="online", by=me,
        ...               at=dt.datetime(2025, 9, 1, 9, tzinfo=tz), dossier_id="d-1")
        >>> r.dossier.status, r.dossier.portal_code
        (<DossierStatus.SUBMITTED: 'submitted'>, 1)
    """

    def forward_step(
        self,
        dossier: Dossier,
        *,
        by: Actor,
        at: dt.datetime,
        step: str,
        body: str | None = None,
        kind: StepKind | str = StepKind.INTERNAL,
        due_at: dt.datetime | None = None,
        working_days: float | None = None,
    ) -> CommandResult:
        """Forward the dossier to a step: an internal step, a consultation, or another agency.

        The step's due instant is ``due_at``, else ``working_days`` from now, else the budget of
        the procedure's step of that name (in the procedure's unit). Several open
        inter-agency steps run in parallel; forwarding after completing gives a sequence.

        Raises:
            InvalidValueError: No due instant can be found, or it is not after ``at``.

        References:
            Decree 118/2025/NĐ-CP, Art. 19(1)-(4) (appraisal, verification, consultation with
            a deadline), Art. 20(2) (inter-agency: a transfer slip with each agency's time
            limit, sequential on paper, parallel electronically).
        """
        dossier, by, at = self._check_common(dossier, by, at)
        spec = self._spec(dossier, "forward_step", by, at)
        name = _text("step", step)
        assert name is not None
        responsible = _text("body", body, optional=True) or by.authority_id or dossier.authority_id
        if responsible is None:
            raise InvalidValueError("body", None, "name the responsible body")
        try:
            step_kind = StepKind(kind)
        except ValueError:
            raise InvalidValueError("kind", kind, f"must be one of {', '.join(StepKind)}") from None
        if any(s.name == name and s.body == responsible for s in dossier.open_steps):
            raise InvalidValueError("step", name, f"is already open at {responsible}")
        if due_at is not None:
            due = check_instant("due_at", due_at)
            assert due is not None
        else:
            budget: float | None = None
            if working_days is not None:
                if (
                    isinstance(working_days, bool)
                    or not isinstance(working_days, int | float)
                    or not (0 < working_days < 10_000)
                ):
                    raise InvalidValueError("working_days", working_days, "must be > 0")
                budget = float(working_days)
                hours = False
            else:
                assert dossier.received_at is not None
                procedure = self._procedure(dossier, self._local(dossier.received_at).date())
                match = [s for s in procedure.steps if s.name == name]
                if not match:
                    raise InvalidValueError(
                        "step", name, "is not a step of the procedure: give due_at or working_days"
                    )
                budget = match[0].budget
                hours = procedure.processing_time.unit.value in ("working_hours", "same_day")
            length = dt.timedelta(hours=1) if hours else self.calendar.day_length
            due = self.calendar.add_working_time(at, length * budget)
        if due <= at:
            raise InvalidValueError("due_at", due, "must be after the step starts")
        return self._commit(
            dossier,
            spec,
            StepForwarded,
            at=at,
            actor=by,
            step=name,
            body=responsible,
            kind=step_kind,
            due_at=due,
        )

    def complete_step(
        self, dossier: Dossier, *, by: Actor, at: dt.datetime, step: str, body: str | None = None
    ) -> CommandResult:
        """Complete an open step; ``late`` records whether its body missed its due instant.

        Raises:
            InvalidValueError: No open step of that name (and body).
        """
        dossier, by, at = self._check_common(dossier, by, at)
        spec = self._spec(dossier, "complete_step", by, at)
        name = _text("step", step)
        wanted = _text("body", body, optional=True)
        match = [s for s in dossier.open_steps if s.name == name and wanted in (None, s.body)]
        if not match:
            raise InvalidValueError("step", name, "no open step of that name (and body)")
        found = match[0]
        return self._commit(
            dossier,
            spec,
            StepCompleted,
            at=at,
            actor=by,
            step=found.name,
            body=found.body,
            late=at > found.due_at,
        )

    def request_payment(
        self,
        dossier: Dossier,
        *,
        by: Actor,
        at: dt.datetime,
        reason: str,
        amount_vnd: int | None = None,
        pauses_clock: bool = False,
        legal_basis: str | None = None,
    ) -> CommandResult:
        """Ask the applicant to meet a financial obligation (tax, fee, charge).

        Decree 118/2025 has no general clock pause; the clock stops only when sector law says
        so, and then ``pauses_clock=True`` needs that ``legal_basis``.

        Raises:
            InvalidValueError: A pause without its legal basis, or a negative amount.

        References:
            Decree 118/2025/NĐ-CP, Art. 24(2); sector law for the pause (e.g. land).
        """
        dossier, by, at = self._check_common(dossier, by, at)
        spec = self._spec(dossier, "request_payment", by, at)
        why = _text("reason", reason)
        pauses = _flag("pauses_clock", pauses_clock)
        basis = _text("legal_basis", legal_basis, optional=not pauses)
        if amount_vnd is not None and (
            isinstance(amount_vnd, bool) or not isinstance(amount_vnd, int) or amount_vnd < 0
        ):
            raise InvalidValueError("amount_vnd", amount_vnd, "must be an integer >= 0")
        return self._commit(
            dossier,
            spec,
            PaymentRequested,
            at=at,
            actor=by,
            reason=why,
            amount_vnd=amount_vnd,
            pauses_clock=pauses,
            legal_basis=basis or spec.legal_basis,
        )

    def pay(
        self, dossier: Dossier, *, by: Actor, at: dt.datetime, online: bool = False
    ) -> CommandResult:
        """Record that the obligation was met; a clock pause moves the appointment.

        The appointment moves by the working time of the pause.

        References:
            Decree 118/2025/NĐ-CP, Art. 24; sector law for the pause.
        """
        dossier, by, at = self._check_common(dossier, by, at)
        spec = self._spec(dossier, "pay", by, at)
        paid_online = _flag("online", online)
        last = dossier.payments[-1]
        fields: dict[str, Any] = {}
        if last.pauses_clock and dossier.due_at is not None:
            paused = self.calendar.working_time_between(last.requested_at, at)
            new_due = (
                self.calendar.add_working_time(dossier.due_at, paused) if paused else dossier.due_at
            )
            note = ClockNote(
                "pause",
                f"clock paused from {_fmt(self._local(last.requested_at))} to "
                f"{_fmt(self._local(at))} awaiting the financial obligation ({paused} of working "
                f"time): appointment moved to {_fmt(self._local(new_due))}",
                dossier.pauses[-1].legal_basis if dossier.pauses else spec.legal_basis,
            )
            fields = {"due_at": new_due, "notes": (note,)}
        return self._commit(
            dossier, spec, PaymentMade, at=at, actor=by, online=paid_online, **fields
        )

    def extend(
        self,
        dossier: Dossier,
        *,
        by: Actor,
        at: dt.datetime,
        apology: str,
        new_due_at: dt.datetime,
        reason: str,
    ) -> CommandResult:
        """Move the appointment once, with an apology slip (văn bản xin lỗi, gia hạn).

        Raises:
            GuardFailedError: Already extended; less than 1 day before the deadline; no
                apology.
            InvalidValueError: ``new_due_at`` is not after the current appointment.

        References:
            Decree 118/2025/NĐ-CP, Art. 19(6), 12(5); Decree 61/2018/NĐ-CP Art. 19(9).
        """
        dossier, by, at = self._check_common(dossier, by, at)
        spec = self._spec(dossier, "extend", by, at)
        why = _text("reason", reason)
        if not isinstance(apology, str) or not apology.strip():
            self._refuse(
                dossier,
                by,
                at,
                "extend",
                "apology",
                f"the extension needs a written apology ({spec.legal_basis})",
            )
        new_due = check_instant("new_due_at", new_due_at)
        assert new_due is not None
        assert dossier.due_at is not None
        if new_due <= dossier.due_at:
            raise InvalidValueError("new_due_at", new_due, "must be after the current appointment")
        note = ClockNote(
            "extension",
            f"apology and new appointment sent {_fmt(self._local(at))}: due moved from "
            f"{_fmt(self._local(dossier.due_at))} to {_fmt(self._local(new_due))} ({why})",
            spec.legal_basis,
        )
        return self._commit(
            dossier,
            spec,
            DeadlineExtended,
            at=at,
            actor=by,
            apology=apology,
            due_at=new_due,
            reason=why,
            notes=(note,),
        )

    def refuse(
        self, dossier: Dossier, *, by: Actor, at: dt.datetime, reasons: Iterable[str]
    ) -> CommandResult:
        """Refuse to resolve, with written reasons, within the time limit (từ chối giải quyết).

        Raises:
            GuardFailedError: No written reasons, or the time limit has passed.

        References:
            Decree 118/2025/NĐ-CP, Art. 19(3).
        """
        dossier, by, at = self._check_common(dossier, by, at)
        spec = self._spec(dossier, "refuse", by, at)
        items = _texts("reasons", reasons)
        if not items:
            self._refuse(
                dossier,
                by,
                at,
                "refuse",
                "written_reasons",
                f"a refusal needs written reasons ({spec.legal_basis})",
            )
        return self._commit(
            dossier,
            spec,
            DossierRefused,
            at=at,
            actor=by,
            reasons=items,
            reason="; ".join(items),
            authority_id=by.authority_id,
            outcome=outcome_of(at, dossier.due_at),
        )

    def approve(
        self,
        dossier: Dossier,
        *,
        by: Actor,
        at: dt.datetime,
        e_result: bool = False,
        digitally_signed: bool = True,
        result: str | None = None,
    ) -> CommandResult:
        """Sign and issue the result (ký duyệt); also issues a corrected result.

        The event records whether the leader signed for the deciding body or for the body
        acting under an authorization. A corrected result records ``late`` when it came
        after its 3-working-day limit.

        References:
            Decree 118/2025/NĐ-CP, Art. 19(3), 22(1), 23(1).
        """
        dossier, by, at = self._check_common(dossier, by, at)
        spec = self._spec(dossier, "approve", by, at)
        electronic = _flag("e_result", e_result)
        signed = _flag("digitally_signed", digitally_signed)
        text = _text("result", result, optional=True)
        competent = self._competent(dossier, at)
        deciding = competent[0] if isinstance(competent, tuple) else dossier.authority_id
        signed_as = "deciding" if by.authority_id in (deciding, dossier.authority_id) else "acting"
        late = (
            dossier.status is _S.IN_CORRECTION
            and dossier.correction_due_at is not None
            and at > dossier.correction_due_at
        )
        return self._commit(
            dossier,
            spec,
            ResultApproved,
            at=at,
            actor=by,
            authority_id=by.authority_id,
            signed_as=signed_as,
            e_result=electronic or dossier.e_result,
            digitally_signed=signed,
            result=text,
            outcome=outcome_of(at, dossier.due_at),
            late=late,
        )

    def return_result(
        self, dossier: Dossier, *, by: Actor, at: dt.datetime, in_person: bool = False
    ) -> CommandResult:
        """Return the result to the applicant (trả kết quả).

        References:
            Decree 118/2025/NĐ-CP, Art. 22(3)-(5).
        """
        dossier, by, at = self._check_common(dossier, by, at)
        spec = self._spec(dossier, "return_result", by, at)
        visit = _flag("in_person", in_person)
        return self._commit(
            dossier,
            spec,
            ResultReturned,
            at=at,
            actor=by,
            in_person=visit,
            outcome=outcome_of(at, dossier.due_at),
        )

    def stop(
        self, dossier: Dossier, *, by: Actor, at: dt.datetime, reason: str | None = None
    ) -> CommandResult:
        """Stop at the applicant's request, until the decision is issued (dừng thực hiện).

        References:
            Decree 118/2025/NĐ-CP, Art. 21(1)-(2).
        """
        dossier, by, at = self._check_common(dossier, by, at)
        spec = self._spec(dossier, "stop", by, at)
        why = _text("reason", reason, optional=True)
        outcome = outcome_of(at, dossier.due_at) if dossier.received_at else None
        return self._commit(
            dossier, spec, DossierStopped, at=at, actor=by, reason=why, outcome=outcome
        )

    def close_unsupplemented(
        self, dossier: Dossier, *, by: Actor, at: dt.datetime
    ) -> CommandResult:
        """Close a dossier not supplemented within 15 days of the notice (đóng hồ sơ).

        References:
            Decree 118/2025/NĐ-CP, Art. 19(5).
        """
        dossier, by, at = self._check_common(dossier, by, at)
        spec = self._spec(dossier, "close_unsupplemented", by, at)
        return self._commit(
            dossier,
            spec,
            DossierClosed,
            at=at,
            actor=by,
            reason="not supplemented within 15 days of the notice",
        )

    def correct(
        self, dossier: Dossier, *, by: Actor, at: dt.datetime, reason: str
    ) -> CommandResult:
        """Send a returned result back to correct an official's error, due in 3 working days.

        References:
            Decree 118/2025/NĐ-CP, Art. 23(1).
        """
        dossier, by, at = self._check_common(dossier, by, at)
        spec = self._spec(dossier, "correct", by, at)
        why = _text("reason", reason)
        rules = rule_set(dossier.rule_set)
        due = self.calendar.closing(
            self.calendar.add_working_days(self._local(at).date(), rules.correction_working_days)
        )
        return self._commit(
            dossier, spec, CorrectionRequested, at=at, actor=by, reason=why, correction_due_at=due
        )
