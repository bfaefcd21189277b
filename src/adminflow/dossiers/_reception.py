"""Reception commands: filing, receipt, supplements, transfer (Decree 118/2025 Art. 15-20).

Private module; the commands are methods of :class:`adminflow.dossiers.Workflow`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from adminflow.calendar import ClockStart
from adminflow.codes import parse_dossier_code
from adminflow.competence import ReceiptMode
from adminflow.dossiers import _clocks
from adminflow.dossiers._base import (
    _CHANNELS,
    _RECEIPT_SOURCE,
    _RECEIPT_SOURCE_61,
    CommandResult,
    WorkflowBase,
    _flag,
    _text,
    _texts,
)
from adminflow.dossiers._clocks import _fmt
from adminflow.dossiers._events import (
    DossierReceived,
    DossierSubmitted,
    DossierSupplemented,
    DossierTransferred,
    ReceiptRefused,
    SupplementRequested,
    TransferReceived,
    apply_event,
)
from adminflow.dossiers._machine import NEW, fire
from adminflow.dossiers._model import ClockNote, Dossier
from adminflow.dossiers._parties import Actor, Applicant, check_instant
from adminflow.dossiers._rules import rule_set, rule_set_for
from adminflow.dossiers._status import (
    DossierStatus,
    FilingChannel,
    Role,
    SupplementStage,
)
from adminflow.errors import (
    GuardFailedError,
    InvalidValueError,
    PermissionDeniedError,
)
from adminflow.procedures import Procedure

_S = DossierStatus

__all__ = ["ReceptionCommands"]


class ReceptionCommands(WorkflowBase):
    """Filing and reception commands of :class:`~adminflow.dossiers.Workflow`."""

    # ---------------------------------------------------------------- commands

    def submit(
        self,
        *,
        procedure: str,
        applicant: Applicant,
        unit: str,
        channel: FilingChannel | str,
        by: Actor,
        at: dt.datetime,
        receiving_unit: str | None = None,
        dossier_id: str | None = None,
    ) -> CommandResult:
        """File a dossier (nộp hồ sơ): the first event of its history.

        Args:
            procedure: The procedure code.
            applicant: The applicant.
            unit: The administrative unit the dossier concerns.
            channel: In person, postal, online or kiosk.
            by: The applicant, or a reception officer filing at the desk.
            at: When it was filed.
            receiving_unit: The unit whose One-Stop Unit receives it (``unit`` by default).
            dossier_id: Its store identifier (a random UUID by default).

        Raises:
            InvalidValueError: An argument is malformed, or ``at`` is before any rule set.
            NotFoundError: The procedure or unit is unknown, or no version is in force.
            PermissionDeniedError: ``by`` may not file this dossier.
            GuardFailedError: The procedure does not accept the channel.

        References:
            Decree 118/2025/NĐ-CP, Art. 15 (channels), Art. 17(2) (online acknowledgement and
            the 8-working-hour check).
        """
        if not isinstance(applicant, Applicant):
            raise InvalidValueError("applicant", type(applicant).__name__, "must be an Applicant")
        if not isinstance(by, Actor):
            raise InvalidValueError("by", type(by).__name__, "must be an Actor")
        instant = check_instant("at", at)
        assert instant is not None
        local = self.calendar._local("at", instant)
        self.calendar._offset("at", local.date())
        code = _text("procedure", procedure)
        unit_code = _text("unit", unit)
        assert code is not None
        assert unit_code is not None
        receiving = _text("receiving_unit", receiving_unit, optional=True) or unit_code
        try:
            filed = FilingChannel(channel)
        except ValueError:
            raise InvalidValueError(
                "channel", channel, f"must be one of {', '.join(FilingChannel)}"
            ) from None
        identifier = dossier_id if dossier_id is not None else uuid.uuid4().hex
        _text("dossier_id", identifier)
        rules = rule_set_for(local.date())
        found: Procedure = self.catalog.get(code, on=local.date())
        province = self._province(unit_code)
        if receiving != unit_code:
            self._province(receiving)
        spec = rules.find(None, "submit")
        assert spec is not None
        draft = Dossier(
            id=identifier,
            version=0,
            status=_S.SUBMITTED,
            rule_set=rules.code,
            procedure_code=code,
            procedure_version=found.valid_from,
            procedure_field=found.field,
            applicant=applicant,
            unit_code=unit_code,
            province_code=province,
            receiving_unit_code=receiving,
            channel=filed,
        )
        if by.role is Role.APPLICANT and by.id != applicant.number:
            raise PermissionDeniedError(by, "submit", "an applicant files only their own dossiers")
        denied = self._permission(spec, draft, by, instant)
        if denied is not None:
            raise PermissionDeniedError(by, "submit", denied)
        if filed not in rules.channels:
            raise GuardFailedError(
                "submit", "channel", f"{filed.value} is not a channel under {rules.title}"
            )
        if not any(c in found.channels for c in _CHANNELS[filed]):
            accepted = ", ".join(sorted(c.value for c in found.channels))
            raise GuardFailedError(
                "submit",
                "channel",
                f"procedure {code} is filed only {accepted}, not {filed.value} "
                f"({spec.guards[0] if spec.guards else spec.legal_basis})",
            )
        check_due = (
            self.calendar.add_working_hours(instant, rules.online_check_working_hours)
            if filed.is_electronic
            else None
        )
        fee_payable = any(f.amount_vnd > 0 or f.provincial for f in found.fees)
        paper = found.result.value in ("paper", "both")
        dest = fire(rules.code, NEW, "submit")
        assert dest == spec.dest.value
        event = DossierSubmitted(
            dossier_id=identifier,
            version=1,
            at=instant,
            actor=by,
            status=spec.dest,
            legal_basis=spec.legal_basis,
            procedure_code=code,
            procedure_version=found.valid_from,
            procedure_field=found.field,
            applicant=applicant,
            unit_code=unit_code,
            province_code=province,
            receiving_unit_code=receiving,
            channel=filed,
            rule_set=rules.code,
            fee_payable=fee_payable,
            paper_result=paper,
            check_due_at=check_due,
        )
        return CommandResult(apply_event(None, event), (event,))

    def _check_late(self, dossier: Dossier, at: dt.datetime) -> bool:
        submitted = dossier.history[0] if dossier.history else None
        due = getattr(submitted, "check_due_at", None)
        return due is not None and at > due

    def receive(
        self,
        dossier: Dossier,
        *,
        by: Actor,
        at: dt.datetime,
        sequence: int | None = None,
        code: str | None = None,
        agency: str | None = None,
        digitised: bool = True,
        reused_data: bool = False,
        extension: str | None = None,
    ) -> CommandResult:
        """Receive the dossier and issue the receipt-and-appointment slip (tiếp nhận).

        The rule set and the procedure version are those in force on the receipt day; the code
        is ``code`` or is generated from the agency (``agency``, else the deciding body's
        identifier) and ``sequence``; the processing clock starts at receipt, or, for a
        dossier received outside the competent area from 5 August 2026, when the competent
        agency receives it (provisionally, the latest instant the transfer may take).
        ``extension`` names the condition of one of the procedure's legal extensions (a longer
        or additional time limit, e.g. a bulky certification request) that applies.

        Raises:
            TransitionNotAllowedError, PermissionDeniedError, GuardFailedError: Refused.
            InvalidValueError: No code can be made from the arguments.

        References:
            Decree 118/2025/NĐ-CP, Art. 17(1)(c), 17(2)(c), 17(3) (as amended by Decree
            309/2026/NĐ-CP Art. 8), Art. 28 (dossier code).
        """
        dossier, by, at = self._check_common(dossier, by, at)
        spec = self._spec(dossier, "receive", by, at)
        local = self._local(at)
        day = local.date()
        rules = rule_set_for(day)
        digitised = _flag("digitised", digitised)
        reused_data = _flag("reused_data", reused_data)
        procedure = self._procedure(dossier, day)
        deciding_id: str | None = None
        agency_code: str | None = None
        boundary_free = dossier.receiving_unit_code != dossier.unit_code
        if self.competence is not None:
            decision = self.competence.can_receive(
                procedure, dossier.receiving_unit_code, dossier.unit_code, at=day
            )
            if decision.competence is not None:
                deciding_id = decision.competence.deciding.id
                agency_code = getattr(decision.competence.deciding, "agency_code", None)
            boundary_free = decision.mode not in (None, ReceiptMode.COMPETENT_UNIT)
        if code is not None:
            text = str(parse_dossier_code(code, field="code"))
        else:
            agency_text = agency if agency is not None else agency_code
            if agency_text is None:
                raise InvalidValueError(
                    "agency", None, "give code= or agency= (the deciding body has no identifier)"
                )
            if sequence is None:
                raise InvalidValueError("sequence", None, "give the day's sequence number")
            text = _clocks.dossier_code(agency_text, day, sequence)
        legal_extension = _clocks.find_extension(procedure, extension)
        receipt_source = _RECEIPT_SOURCE_61 if rules.code == "61/2018" else _RECEIPT_SOURCE
        notes = [
            ClockNote(
                "receipt",
                f"received {_fmt(local)} at unit {dossier.receiving_unit_code}, receipt slip "
                f"issued, code {text}, rules {rules.title}",
                receipt_source,
            )
        ]
        start = None
        if rules.clock_at_competent_agency and boundary_free:
            start = _clocks.transfer_clock_start(
                self.competence,
                procedure,
                at,
                calendar=self.calendar,
                receiving_unit=dossier.receiving_unit_code,
                subject_unit=dossier.unit_code,
                electronic=dossier.channel.is_electronic,
            )
        due_at, lines = _clocks.procedure_due(
            procedure, at, self.calendar, start=start, extension=legal_extension
        )
        notes.extend(lines)
        late = dossier.channel.is_electronic and self._check_late(dossier, at)
        return self._commit(
            dossier,
            spec,
            DossierReceived,
            at=at,
            actor=by,
            code=text,
            rule_set=rules.code,
            procedure_version=procedure.valid_from,
            authority_id=deciding_id,
            clock_started_at=at if start is None else start.at,
            due_at=due_at,
            boundary_free=boundary_free,
            extension=None if legal_extension is None else legal_extension.condition,
            digitised=digitised,
            reused_data=reused_data,
            late=late,
            notes=tuple(notes),
            legal_basis=rules.find(_S.SUBMITTED, "receive").legal_basis,  # type: ignore[union-attr]
        )

    def refuse_receipt(
        self, dossier: Dossier, *, by: Actor, at: dt.datetime, reasons: Iterable[str]
    ) -> CommandResult:
        """Refuse to receive the dossier, with the reasons on the refusal slip.

        Raises:
            GuardFailedError: No written reasons.

        References:
            Decree 118/2025/NĐ-CP, Art. 17(1)(c), 17(2)(a).
        """
        dossier, by, at = self._check_common(dossier, by, at)
        spec = self._spec(dossier, "refuse_receipt", by, at)
        items = _texts("reasons", reasons)
        if not items:
            self._refuse(
                dossier,
                by,
                at,
                "refuse_receipt",
                "written_reasons",
                f"the refusal slip must state the reasons ({spec.legal_basis})",
            )
        late = dossier.channel.is_electronic and self._check_late(dossier, at)
        return self._commit(
            dossier,
            spec,
            ReceiptRefused,
            at=at,
            actor=by,
            reasons=items,
            reason="; ".join(items),
            late=late,
        )

    def request_supplement(
        self,
        dossier: Dossier,
        *,
        by: Actor,
        at: dt.datetime,
        items: Iterable[str],
        reason: str,
    ) -> CommandResult:
        """Ask for a supplement, listing every item at once (yêu cầu bổ sung một lần).

        At reception (status ``submitted``) or after appraisal (``in_processing``); once per
        stage; after appraisal, within 3 working days of receipt.

        Raises:
            GuardFailedError: A second request at the same stage, no item listed, or too late.

        References:
            Decree 118/2025/NĐ-CP, Art. 11(2)(c), 16(3), 17(1)(c), 17(2)(a), 19(5).
        """
        dossier, by, at = self._check_common(dossier, by, at)
        spec = self._spec(dossier, "request_supplement", by, at)
        listed = _texts("items", items)
        why = _text("reason", reason)
        if not listed:
            self._refuse(
                dossier,
                by,
                at,
                "request_supplement",
                "list_every_item",
                f"the request must list every item to supplement ({spec.legal_basis})",
            )
        stage = (
            SupplementStage.RECEPTION
            if dossier.status is _S.SUBMITTED
            else SupplementStage.APPRAISAL
        )
        late = (
            stage is SupplementStage.RECEPTION
            and dossier.channel.is_electronic
            and (self._check_late(dossier, at))
        )
        return self._commit(
            dossier,
            spec,
            SupplementRequested,
            at=at,
            actor=by,
            stage=stage,
            items=listed,
            reason=why,
            late=late,
        )

    def supplement(self, dossier: Dossier, *, by: Actor, at: dt.datetime) -> CommandResult:
        """Record that everything asked for was supplied (bổ sung đủ hồ sơ).

        After an appraisal-stage request the processing time restarts from zero at this
        instant, on the procedure version in force at receipt.

        References:
            Decree 118/2025/NĐ-CP, Art. 19(5) ("tính lại từ đầu").
        """
        dossier, by, at = self._check_common(dossier, by, at)
        spec = self._spec(dossier, "supplement", by, at)
        pending = dossier.open_supplement
        assert pending is not None
        fields: dict[str, Any] = {}
        if pending.stage is SupplementStage.APPRAISAL:
            assert dossier.received_at is not None
            procedure = self._receipt_procedure(dossier)
            due_at, lines = self._due(dossier, procedure, dossier.received_at, ClockStart(at))
            restart = ClockNote(
                "restart",
                f"supplement completed {_fmt(self._local(at))}: the processing time restarts "
                "from zero",
                spec.legal_basis,
            )
            fields = {"clock_started_at": at, "due_at": due_at, "notes": (restart, *lines)}
        return self._commit(
            dossier, spec, DossierSupplemented, at=at, actor=by, stage=pending.stage, **fields
        )

    def _transfer_due(self, dossier: Dossier, electronic: bool) -> tuple[dt.datetime, str]:
        assert dossier.received_at is not None
        received = self._local(dossier.received_at)
        if electronic:
            day = self.calendar.add_working_days(received.date(), 0)
            return (
                self.calendar.closing(day),
                "electronic dossier: passed on right after receipt, within its working day "
                "(Art. 18(1), 20(1))",
            )
        if dossier.boundary_free:
            due = self.calendar.closing(self.calendar.add_working_days(received.date(), 1))
            return due, "paper dossier to another unit: within 1 working day (Art. 20(1)(a))"
        day = self.calendar.handling_day(received, cutoff=dt.time(15))
        if day == received.date():
            return self.calendar.closing(day), "paper dossier: the same working day (Art. 18(2))"
        return (
            self.calendar.opening(day),
            "paper dossier received after 15:00 or on a day off: at the start of the next "
            "working day (Art. 18(2))",
        )

    def transfer(
        self,
        dossier: Dossier,
        *,
        by: Actor,
        at: dt.datetime,
        electronic: bool | None = None,
    ) -> CommandResult:
        """Send the received dossier to the competent agency (chuyển hồ sơ).

        ``electronic`` defaults to the filing channel. The transfer's own time limit (at once
        electronically; paper the same working day, or the start of the next when received
        after 15:00; 1 working day to another unit) is recorded, and ``late`` is set when it
        was missed.

        References:
            Decree 118/2025/NĐ-CP, Art. 18(1)-(2), 20(1)(a).
        """
        dossier, by, at = self._check_common(dossier, by, at)
        spec = self._spec(dossier, "transfer", by, at)
        is_electronic = (
            dossier.channel.is_electronic if electronic is None else _flag("electronic", electronic)
        )
        due, rule = self._transfer_due(dossier, is_electronic)
        note = ClockNote(
            "transfer",
            f"transferred {_fmt(self._local(at))} ({'electronic' if is_electronic else 'paper'}); "
            f"limit {_fmt(self._local(due))}: {rule}",
            spec.legal_basis,
        )
        return self._commit(
            dossier,
            spec,
            DossierTransferred,
            at=at,
            actor=by,
            electronic=is_electronic,
            destination=dossier.authority_id,
            transfer_due_at=due,
            late=at > due,
            notes=(note,),
        )

    def receive_transfer(self, dossier: Dossier, *, by: Actor, at: dt.datetime) -> CommandResult:
        """The competent agency takes the transferred dossier into processing.

        For a paper dossier received outside the competent area from 5 August 2026 the
        processing time starts now (at the latest when the transfer was due: the applicant does
        not bear a late transfer), and the due instant is recomputed.

        References:
            Decree 118/2025/NĐ-CP, Art. 17(3) as amended by Decree 309/2026/NĐ-CP Art. 8.
        """
        dossier, by, at = self._check_common(dossier, by, at)
        spec = self._spec(dossier, "receive_transfer", by, at)
        rules = rule_set(dossier.rule_set)
        last = next(e for e in reversed(dossier.history) if isinstance(e, DossierTransferred))
        fields: dict[str, Any] = {}
        if rules.clock_at_competent_agency and dossier.boundary_free and not last.electronic:
            assert dossier.received_at is not None
            procedure = self._receipt_procedure(dossier)
            start = _clocks.transfer_clock_start(
                self.competence,
                procedure,
                dossier.received_at,
                calendar=self.calendar,
                receiving_unit=dossier.receiving_unit_code,
                subject_unit=dossier.unit_code,
                electronic=False,
                competent_received_at=at,
            )
            if start is not None:
                due_at, lines = self._due(dossier, procedure, dossier.received_at, start)
                fields = {"clock_started_at": start.at, "due_at": due_at, "notes": lines}
        return self._commit(dossier, spec, TransferReceived, at=at, actor=by, **fields)
