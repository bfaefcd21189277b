"""Dossier events: past-tense facts, how each changes a dossier, and their JSON form.

Every event carries the dossier's id, its version after the event (1 for the first), the
instant, the actor, the status it led to, the reason and the legal basis. Events carry the
values the workflow computed (due instants, the explanation lines), so :func:`replay` needs no
calendar or catalogue and rebuilds the dossier exactly.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from adminflow.dossiers._event_base import DossierEvent
from adminflow.dossiers._model import (
    ClockNote,
    Dossier,
    Pause,
    Payment,
    StepRecord,
    SupplementRecord,
    outcome_of,
)
from adminflow.dossiers._parties import Applicant
from adminflow.dossiers._status import (
    FilingChannel,
    Outcome,
    StepKind,
    SupplementStage,
)
from adminflow.errors import AdminflowError, InvalidValueError

__all__ = [
    "EVENT_TYPES",
    "CorrectionRequested",
    "DeadlineExtended",
    "DossierClosed",
    "DossierEvent",
    "DossierReceived",
    "DossierRefused",
    "DossierStopped",
    "DossierSubmitted",
    "DossierSupplemented",
    "DossierTransferred",
    "PaymentMade",
    "PaymentRequested",
    "ReceiptRefused",
    "ResultApproved",
    "ResultReturned",
    "StepCompleted",
    "StepForwarded",
    "SupplementRequested",
    "TransferReceived",
    "apply_event",
    "replay",
]


@attrs.frozen(slots=True, kw_only=True)
class DossierSubmitted(DossierEvent):
    """A dossier was filed (nộp hồ sơ). Decree 118/2025 Art. 15, 17(2)."""

    procedure_code: str
    procedure_version: dt.date | None
    procedure_field: str
    applicant: Applicant
    unit_code: str
    province_code: str
    receiving_unit_code: str
    channel: FilingChannel
    rule_set: str
    fee_payable: bool
    paper_result: bool
    check_due_at: dt.datetime | None = None


@attrs.frozen(slots=True, kw_only=True)
class DossierReceived(DossierEvent):
    """The dossier was received and the receipt slip issued (tiếp nhận). Art. 17(1)(c), 17(3)."""

    code: str
    rule_set: str
    procedure_version: dt.date | None
    authority_id: str | None
    clock_started_at: dt.datetime
    due_at: dt.datetime
    boundary_free: bool
    extension: str | None = None
    digitised: bool = False
    reused_data: bool = False
    late: bool = False
    notes: tuple[ClockNote, ...] = ()


@attrs.frozen(slots=True, kw_only=True)
class ReceiptRefused(DossierEvent):
    """Receipt was refused with a refusal slip (từ chối tiếp nhận). Art. 17(1)(c)."""

    reasons: tuple[str, ...]
    late: bool = False


@attrs.frozen(slots=True, kw_only=True)
class SupplementRequested(DossierEvent):
    """A supplement was requested, listing every item (yêu cầu bổ sung). Art. 17, 19(5)."""

    stage: SupplementStage
    items: tuple[str, ...]
    late: bool = False


@attrs.frozen(slots=True, kw_only=True)
class DossierSupplemented(DossierEvent):
    """The applicant supplied everything asked for (bổ sung đủ). Art. 19(5) restarts the clock."""

    stage: SupplementStage
    clock_started_at: dt.datetime | None = None
    due_at: dt.datetime | None = None
    notes: tuple[ClockNote, ...] = ()

    @property
    def resets_clock(self) -> bool:  # type: ignore[override]
        """An appraisal-stage supplement restarts the processing time from zero."""
        return self.stage is SupplementStage.APPRAISAL


@attrs.frozen(slots=True, kw_only=True)
class DossierTransferred(DossierEvent):
    """The dossier left for the competent agency (chuyển hồ sơ). Art. 18, 20(1)."""

    electronic: bool
    destination: str | None
    transfer_due_at: dt.datetime
    late: bool = False
    clock_started_at: dt.datetime | None = None
    due_at: dt.datetime | None = None
    notes: tuple[ClockNote, ...] = ()


@attrs.frozen(slots=True, kw_only=True)
class TransferReceived(DossierEvent):
    """The competent agency received the transferred dossier. Art. 17(3) as amended (2026)."""

    clock_started_at: dt.datetime | None = None
    due_at: dt.datetime | None = None
    notes: tuple[ClockNote, ...] = ()


@attrs.frozen(slots=True, kw_only=True)
class StepForwarded(DossierEvent):
    """A step was forwarded to a body with its due instant. Art. 19(1)-(4), 20(2)."""

    step: str
    body: str
    kind: StepKind
    due_at: dt.datetime


@attrs.frozen(slots=True, kw_only=True)
class StepCompleted(DossierEvent):
    """A step was completed by its body (late when after its due instant)."""

    step: str
    body: str
    late: bool = False


@attrs.frozen(slots=True, kw_only=True)
class PaymentRequested(DossierEvent):
    """The applicant was asked to meet a financial obligation. Art. 24(2); sector law."""

    amount_vnd: int | None = None
    pauses_clock: bool = False


@attrs.frozen(slots=True, kw_only=True)
class PaymentMade(DossierEvent):
    """The financial obligation was met; a pause, if any, moved the appointment."""

    online: bool = False
    due_at: dt.datetime | None = None
    notes: tuple[ClockNote, ...] = ()


@attrs.frozen(slots=True, kw_only=True)
class DeadlineExtended(DossierEvent):
    """The appointment was moved once, with an apology (gia hạn, xin lỗi). Art. 19(6)."""

    apology: str
    due_at: dt.datetime
    notes: tuple[ClockNote, ...] = ()


@attrs.frozen(slots=True, kw_only=True)
class DossierRefused(DossierEvent):
    """The dossier was refused after appraisal, with written reasons. Art. 19(3)."""

    reasons: tuple[str, ...]
    authority_id: str | None = None
    outcome: Outcome | None = None


@attrs.frozen(slots=True, kw_only=True)
class ResultApproved(DossierEvent):
    """The result was signed and issued (ký duyệt, ban hành). Art. 22(1); Art. 23(1) corrected.

    Attributes:
        authority_id: The body whose leader signed.
        signed_as: ``"deciding"`` (the deciding body) or ``"acting"`` (under an authorization).
    """

    authority_id: str | None
    signed_as: str
    e_result: bool = False
    digitally_signed: bool = False
    result: str | None = None
    outcome: Outcome | None = None
    late: bool = False


@attrs.frozen(slots=True, kw_only=True)
class ResultReturned(DossierEvent):
    """The result was returned to the applicant (trả kết quả). Art. 22(3)-(5)."""

    in_person: bool = False
    outcome: Outcome | None = None


@attrs.frozen(slots=True, kw_only=True)
class DossierStopped(DossierEvent):
    """Handling stopped at the applicant's request (dừng thực hiện). Art. 21."""

    outcome: Outcome | None = None


@attrs.frozen(slots=True, kw_only=True)
class DossierClosed(DossierEvent):
    """Closed: not supplemented within 15 days of the notice (đóng hồ sơ). Art. 19(5)."""


@attrs.frozen(slots=True, kw_only=True)
class CorrectionRequested(DossierEvent):
    """A returned result was sent back to correct an official's error. Art. 23(1)."""

    correction_due_at: dt.datetime


EVENT_TYPES: dict[str, type[DossierEvent]] = {
    cls.__name__: cls
    for cls in (
        DossierSubmitted,
        DossierReceived,
        ReceiptRefused,
        SupplementRequested,
        DossierSupplemented,
        DossierTransferred,
        TransferReceived,
        StepForwarded,
        StepCompleted,
        PaymentRequested,
        PaymentMade,
        DeadlineExtended,
        DossierRefused,
        ResultApproved,
        ResultReturned,
        DossierStopped,
        DossierClosed,
        CorrectionRequested,
    )
}

# --------------------------------------------------------------------------- applying

_Changes = dict[str, Any]


def _clock(e: Any, d: Dossier, changes: _Changes, *, original: bool) -> None:
    if e.due_at is not None:
        changes["due_at"] = e.due_at
        if original:
            changes["original_due_at"] = e.due_at
    if getattr(e, "clock_started_at", None) is not None:
        changes["clock_started_at"] = e.clock_started_at


def _submitted(e: DossierSubmitted, d: Dossier | None) -> Dossier:
    return Dossier(
        id=e.dossier_id,
        version=e.version,
        status=e.status,
        rule_set=e.rule_set,
        procedure_code=e.procedure_code,
        procedure_version=e.procedure_version,
        procedure_field=e.procedure_field,
        applicant=e.applicant,
        unit_code=e.unit_code,
        province_code=e.province_code,
        receiving_unit_code=e.receiving_unit_code,
        channel=e.channel,
        submitted_at=e.at,
        fee_payable=e.fee_payable,
        paper_result=e.paper_result,
        history=(e,),
    )


def _received(e: DossierReceived, d: Dossier, c: _Changes) -> None:
    c.update(
        code=e.code,
        rule_set=e.rule_set,
        procedure_version=e.procedure_version,
        authority_id=e.authority_id,
        received_at=e.at,
        boundary_free=e.boundary_free,
        digitised=e.digitised,
        reused_data=e.reused_data,
    )
    _clock(e, d, c, original=True)


def _supplement_requested(e: SupplementRequested, d: Dossier, c: _Changes) -> None:
    c["supplements"] = (*d.supplements, SupplementRecord(e.stage, e.at, e.items))


def _supplemented(e: DossierSupplemented, d: Dossier, c: _Changes) -> None:
    last = d.supplements[-1]
    c["supplements"] = (*d.supplements[:-1], attrs.evolve(last, completed_at=e.at))
    _clock(e, d, c, original=True)


def _transferred(e: DossierTransferred | TransferReceived, d: Dossier, c: _Changes) -> None:
    _clock(e, d, c, original=d.original_due_at == d.due_at)


def _step_forwarded(e: StepForwarded, d: Dossier, c: _Changes) -> None:
    c["steps"] = (*d.steps, StepRecord(e.step, e.body, e.kind, e.at, e.due_at))


def _step_completed(e: StepCompleted, d: Dossier, c: _Changes) -> None:
    steps = list(d.steps)
    for i, s in enumerate(steps):
        if s.completed_at is None and s.name == e.step and s.body == e.body:
            steps[i] = attrs.evolve(s, completed_at=e.at)
            break
    c["steps"] = tuple(steps)


def _payment_requested(e: PaymentRequested, d: Dossier, c: _Changes) -> None:
    c["payments"] = (*d.payments, Payment(e.at, e.amount_vnd, e.pauses_clock))
    if e.pauses_clock:
        c["pauses"] = (*d.pauses, Pause(e.at, e.reason or "", e.legal_basis or ""))


def _payment_made(e: PaymentMade, d: Dossier, c: _Changes) -> None:
    last = d.payments[-1]
    c["payments"] = (*d.payments[:-1], attrs.evolve(last, paid_at=e.at, online=e.online))
    if last.pauses_clock and d.pauses:
        c["pauses"] = (*d.pauses[:-1], attrs.evolve(d.pauses[-1], end=e.at))
    if e.due_at is not None:
        c["due_at"] = e.due_at
        if not d.extended:
            c["original_due_at"] = e.due_at


def _extended(e: DeadlineExtended, d: Dossier, c: _Changes) -> None:
    c.update(due_at=e.due_at, extended=True)


def _finish(e: Any, d: Dossier, c: _Changes) -> None:
    if d.finished_at is None:
        c["finished_at"] = e.at
        c["outcome"] = e.outcome


def _refused(e: DossierRefused, d: Dossier, c: _Changes) -> None:
    _finish(e, d, c)


def _approved(e: ResultApproved, d: Dossier, c: _Changes) -> None:
    c.update(e_result=e.e_result, digitally_signed=e.digitally_signed)
    _finish(e, d, c)


def _returned(e: ResultReturned, d: Dossier, c: _Changes) -> None:
    c.update(returned_at=e.at, returned_in_person=e.in_person)
    _finish(e, d, c)


def _stopped(e: DossierStopped, d: Dossier, c: _Changes) -> None:
    _finish(e, d, c)


def _closed(e: DossierClosed, d: Dossier, c: _Changes) -> None:
    """A dossier closed unsupplemented ends where it stopped: at the supplement request.

    Decision 766/QĐ-TTg indicator 2.1 (calculation guide) measures a dossier awaiting the
    applicant's supplement at the request date; closing it (Decree 118/2025 Art. 19(5)) ends it
    in that state, so it is finished then and judged against the appointment it had.
    """
    if d.finished_at is None:
        pending = d.open_supplement
        end = e.at if pending is None else pending.requested_at
        c["finished_at"] = end
        c["outcome"] = outcome_of(end, d.due_at)


def _correction(e: CorrectionRequested, d: Dossier, c: _Changes) -> None:
    c["correction_due_at"] = e.correction_due_at


def _nothing(e: Any, d: Dossier, c: _Changes) -> None:
    return None


_APPLY: dict[type[DossierEvent], Callable[[Any, Dossier, _Changes], None]] = {
    DossierReceived: _received,
    ReceiptRefused: _nothing,
    SupplementRequested: _supplement_requested,
    DossierSupplemented: _supplemented,
    DossierTransferred: _transferred,
    TransferReceived: _transferred,
    StepForwarded: _step_forwarded,
    StepCompleted: _step_completed,
    PaymentRequested: _payment_requested,
    PaymentMade: _payment_made,
    DeadlineExtended: _extended,
    DossierRefused: _refused,
    ResultApproved: _approved,
    ResultReturned: _returned,
    DossierStopped: _stopped,
    DossierClosed: _closed,
    CorrectionRequested: _correction,
}


def apply_event(dossier: Dossier | None, event: DossierEvent) -> Dossier:
    """The dossier after ``event``; ``dossier`` itself is not changed.

    Raises:
        InvalidValueError: The event does not follow the dossier (another dossier, a version
            out of sequence, an instant before the last event, or a first event other than
            :class:`DossierSubmitted`).
    """
    if not isinstance(event, DossierEvent):
        raise InvalidValueError("event", type(event).__name__, "must be a DossierEvent")
    if dossier is None:
        if not isinstance(event, DossierSubmitted) or event.version != 1:
            raise InvalidValueError(
                "event", type(event).__name__, "a history starts with DossierSubmitted version 1"
            )
        return _submitted(event, None)
    if isinstance(event, DossierSubmitted):
        raise InvalidValueError("event", "DossierSubmitted", "only starts a history")
    if event.dossier_id != dossier.id:
        raise InvalidValueError("event.dossier_id", event.dossier_id, f"must be {dossier.id}")
    if event.version != dossier.version + 1:
        raise InvalidValueError(
            "event.version", event.version, f"must be {dossier.version + 1} (no gaps)"
        )
    last = dossier.history[-1].at if dossier.history else None
    if last is not None and event.at < last:
        raise InvalidValueError("event.at", event.at, "must not be before the previous event")
    changes: _Changes = {}
    try:
        _APPLY[type(event)](event, dossier, changes)
    except (IndexError, AttributeError, TypeError, ValueError) as exc:
        if isinstance(exc, AdminflowError):
            raise
        raise InvalidValueError(
            "event", type(event).__name__, f"does not fit the dossier ({exc})"
        ) from None
    changes["version"] = event.version
    changes["status"] = event.status
    changes["history"] = (*dossier.history, event)
    return _evolve(dossier, changes)


def _evolve(dossier: Dossier, changes: _Changes) -> Dossier:
    """``attrs.evolve`` without its per-field bookkeeping (the hot path of every command)."""
    new = _NEW(Dossier)
    for set_slot, name, value in zip(_SETTERS, _DOSSIER_FIELDS, _GET_FIELDS(dossier), strict=True):
        set_slot(new, changes.get(name, value))
    return new


def replay(events: Iterable[DossierEvent]) -> Dossier:
    """Rebuild a dossier from its events, oldest first.

    Raises:
        InvalidValueError: The events are empty or do not form one history.

    Examples:
        See :func:`adminflow.dossiers.Workflow.submit`; ``replay(d.history) == d``.
    """
    dossier: Dossier | None = None
    try:
        iterator = iter(events)
    except TypeError:
        raise InvalidValueError("events", type(events).__name__, "must be iterable") from None
    for event in iterator:
        dossier = apply_event(dossier, event)
    if dossier is None:
        raise InvalidValueError("events", (), "must hold at least the DossierSubmitted event")
    return dossier


_DOSSIER_FIELDS = tuple(a.name for a in attrs.fields(Dossier))
_GET_FIELDS = operator.attrgetter(*_DOSSIER_FIELDS)
# The slots' own setters: the values come from a valid dossier and a valid event, so the
# checks of ``Dossier.__init__`` are not repeated on the hot path of every command.
_SETTERS = tuple(Dossier.__dict__[name].__set__ for name in _DOSSIER_FIELDS)
_NEW = object.__new__
