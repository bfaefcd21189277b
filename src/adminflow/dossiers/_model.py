"""The dossier (hồ sơ) and its parts: applicant, actor, records of supplements, pauses, steps.

Every class here is a small frozen attrs class with slots. A :class:`Dossier` changes only
through the workflow: each command returns a new dossier and the events that made it, and
:func:`adminflow.dossiers.replay` rebuilds the same dossier from those events. Its ``repr``
masks the applicant's number and leaves names out.
"""

from __future__ import annotations

import datetime as dt

import attrs

from adminflow.dossiers._event_base import DossierEvent
from adminflow.dossiers._parties import Applicant, check_instant
from adminflow.dossiers._row import DossierRow
from adminflow.dossiers._status import (
    DossierStatus,
    FilingChannel,
    Outcome,
    StepKind,
    SupplementStage,
)
from adminflow.errors import InvalidValueError

__all__ = [
    "ClockNote",
    "Dossier",
    "DueExplanation",
    "Pause",
    "Payment",
    "StepRecord",
    "SupplementRecord",
    "outcome_of",
]


@attrs.frozen(slots=True)
class ClockNote:
    """One line of the explanation of a due instant, with its legal source.

    Attributes:
        kind: ``receipt``, ``clock_start``, ``limit`` (the procedure's time limit and its
            source), ``legal_extension`` (a longer limit of the procedure), ``calendar``,
            ``transfer``, ``pause``, ``restart`` or ``extension`` (the appointment moved once
            with an apology).
        text: What happened, in words.
        source: The legal source (or the adminflow convention).
    """

    kind: str
    text: str
    source: str

    def __str__(self) -> str:
        return f"[{self.kind}] {self.text} ({self.source})"


@attrs.frozen(slots=True)
class SupplementRecord:
    """A supplement request (yêu cầu bổ sung) and when it was answered.

    Attributes:
        stage: Reception or appraisal.
        requested_at: When the request was sent.
        items: Every item asked for, listed at once.
        completed_at: When the complete supplement came back, or ``None``.
    """

    stage: SupplementStage
    requested_at: dt.datetime
    items: tuple[str, ...]
    completed_at: dt.datetime | None = None


@attrs.frozen(slots=True)
class Pause:
    """An interval when the processing clock stood still, with its reason and basis."""

    start: dt.datetime
    reason: str
    legal_basis: str
    end: dt.datetime | None = None


@attrs.frozen(slots=True)
class Payment:
    """A financial obligation (nghĩa vụ tài chính) requested, and when it was met."""

    requested_at: dt.datetime
    amount_vnd: int | None
    pauses_clock: bool
    paid_at: dt.datetime | None = None
    online: bool = False


@attrs.frozen(slots=True)
class StepRecord:
    """An internal, consultation or inter-agency step with its responsible body and due instant.

    Attributes:
        name: The step.
        body: The responsible body (or officer's unit).
        kind: Internal, consultation or inter-agency.
        started_at: When it was forwarded.
        due_at: When it is due.
        completed_at: When it was completed, or ``None``.
    """

    name: str
    body: str
    kind: StepKind
    started_at: dt.datetime
    due_at: dt.datetime
    completed_at: dt.datetime | None = None

    def is_late(self, at: dt.datetime | None = None) -> bool:
        """Whether it was completed after its due instant (or, open, is past it at ``at``)."""
        if self.completed_at is not None:
            return self.completed_at > self.due_at
        return at is not None and at > self.due_at


@attrs.frozen(slots=True)
class DueExplanation:
    """Why a dossier is due when it is: every rule that set or moved the due instant.

    Attributes:
        due_at: The current appointment (after an extension, the extended one).
        original_due_at: The appointment given at receipt (or at the last restart).
        notes: The lines, in the order things happened.
    """

    due_at: dt.datetime | None
    original_due_at: dt.datetime | None
    notes: tuple[ClockNote, ...]

    def __str__(self) -> str:
        due = self.due_at.isoformat() if self.due_at else "not set (not received yet)"
        lines = [f"due: {due}"]
        if self.original_due_at is not None and self.original_due_at != self.due_at:
            lines.append(f"original appointment: {self.original_due_at.isoformat()}")
        lines.extend(f"  - {note}" for note in self.notes)
        return "\n".join(lines)


def outcome_of(finished_at: dt.datetime, due_at: dt.datetime | None) -> Outcome | None:
    """Early, on time or late: finished on an earlier day, after the instant, or otherwise."""
    if due_at is None:
        return None
    if finished_at > due_at:
        return Outcome.LATE
    local = finished_at.astimezone(due_at.tzinfo)
    return Outcome.EARLY if local.date() < due_at.date() else Outcome.ON_TIME


_FINISHING = frozenset(
    {
        DossierStatus.RESULT_READY,
        DossierStatus.RESULT_RETURNED,
        DossierStatus.STOPPED,
        DossierStatus.REFUSED,
    }
)


@attrs.frozen(slots=True, repr=False, kw_only=True)
class Dossier:
    """A dossier (hồ sơ): one application for one procedure by one applicant.

    Build dossiers with :meth:`adminflow.dossiers.Workflow.submit` and move them with the
    workflow's commands; each returns a new dossier and leaves the old one untouched.

    Attributes:
        id: Identifier in the store (stable, never reused).
        version: Number of events applied (the optimistic-lock version).
        status: Current status.
        rule_set: Code of the rule set chosen by the receipt date (``"118/2025"``).
        procedure_code: The procedure.
        procedure_version: ``valid_from`` of the procedure version in force at receipt.
        procedure_field: The procedure's field (lĩnh vực).
        applicant: The applicant (masked in ``repr``).
        unit_code: The unit the dossier concerns.
        province_code: That unit's province.
        receiving_unit_code: The unit whose One-Stop Unit received it.
        channel: How it was filed.
        code: The dossier code (mã hồ sơ), given at receipt.
        authority_id: The deciding body, once received.
        submitted_at: When it was filed.
        received_at: When it was received (the receipt slip).
        clock_started_at: When the processing time started (or restarted).
        due_at: The current appointment.
        original_due_at: The appointment before any extension.
        extended: Whether the appointment was extended (at most once).
        finished_at: First of result ready, result returned, stopped, refused; for a dossier
            closed unsupplemented, the supplement request it ended on.
        returned_at: When the result was returned.
        correction_due_at: When a correction of the result is due.
        outcome: Early, on time or late, once finished.
        supplements: Supplement requests, in order.
        pauses: Clock pauses, in order.
        steps: Processing steps, in order.
        payments: Financial obligations, in order.
        fee_payable: A fee is due for the procedure.
        paper_result: The result is (also) a paper document.
        e_result: An electronic result was issued.
        digitised: The dossier's components were digitised at receipt.
        reused_data: Data already held were reused instead of papers.
        digitally_signed: The result was digitally signed.
        boundary_free: Received at a unit other than the competent one.
        returned_in_person: The applicant came to collect the result.
        history: The events, oldest first.
    """

    id: str
    version: int
    status: DossierStatus
    rule_set: str
    procedure_code: str
    procedure_version: dt.date | None
    procedure_field: str
    applicant: Applicant
    unit_code: str
    province_code: str
    receiving_unit_code: str
    channel: FilingChannel
    code: str | None = None
    authority_id: str | None = None
    submitted_at: dt.datetime | None = None
    received_at: dt.datetime | None = None
    clock_started_at: dt.datetime | None = None
    due_at: dt.datetime | None = None
    original_due_at: dt.datetime | None = None
    extended: bool = False
    finished_at: dt.datetime | None = None
    returned_at: dt.datetime | None = None
    correction_due_at: dt.datetime | None = None
    outcome: Outcome | None = None
    supplements: tuple[SupplementRecord, ...] = ()
    pauses: tuple[Pause, ...] = ()
    steps: tuple[StepRecord, ...] = ()
    payments: tuple[Payment, ...] = ()
    fee_payable: bool = False
    paper_result: bool = True
    e_result: bool = False
    digitised: bool = False
    reused_data: bool = False
    digitally_signed: bool = False
    boundary_free: bool = False
    returned_in_person: bool = False
    history: tuple[DossierEvent, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise InvalidValueError("id", self.id, "must be a non-empty string")
        if type(self.version) is not int or self.version < 0:
            raise InvalidValueError("version", self.version, "must be an integer >= 0")
        if not isinstance(self.status, DossierStatus):
            raise InvalidValueError("status", self.status, "must be a DossierStatus")
        if not isinstance(self.applicant, Applicant):
            raise InvalidValueError(
                "applicant", type(self.applicant).__name__, "must be an Applicant"
            )
        if not isinstance(self.channel, FilingChannel):
            raise InvalidValueError("channel", self.channel, "must be a FilingChannel")

    def __repr__(self) -> str:
        code = self.code or "no code yet"
        return (
            f"Dossier({self.id}, {code}, {self.procedure_code}, {self.status.value}, "
            f"v{self.version}, {self.applicant!r})"
        )

    __str__ = __repr__

    # ----------------------------------------------------------------- questions

    @property
    def portal_code(self) -> int:
        """The National Public Service Portal's status code of the current status."""
        return self.status.portal_code

    @property
    def is_terminal(self) -> bool:
        """Whether the dossier accepts no more commands."""
        return self.status.is_terminal

    def is_status(self, status: DossierStatus | str) -> bool:
        """Whether the dossier is in ``status`` (what ``is_<state>`` would be on a model)."""
        return self.status == status

    def supplement_count(self, stage: SupplementStage | str) -> int:
        """How many supplements were requested at ``stage``."""
        return sum(1 for s in self.supplements if s.stage == stage)

    @property
    def open_supplement(self) -> SupplementRecord | None:
        """The unanswered supplement request, if any."""
        last = self.supplements[-1] if self.supplements else None
        return last if last is not None and last.completed_at is None else None

    @property
    def open_steps(self) -> tuple[StepRecord, ...]:
        """The steps forwarded and not completed yet."""
        return tuple(s for s in self.steps if s.completed_at is None)

    @property
    def supplement_seconds(self) -> int:
        """Seconds spent waiting for appraisal-stage supplements (Decision 766 deducts them)."""
        total = 0
        for s in self.supplements:
            if s.stage is SupplementStage.APPRAISAL and s.completed_at is not None:
                total += int((s.completed_at - s.requested_at).total_seconds())
        return total

    def delayed_by(self, at: dt.datetime | None = None) -> tuple[str, ...]:
        """The bodies whose steps were late (or, still open, are past due at ``at``).

        Raises:
            InvalidValueError: ``at`` is not an aware datetime.
        """
        check_instant("at", at, optional=True)
        return tuple(dict.fromkeys(s.body for s in self.steps if s.is_late(at)))

    def late_against_original(self) -> bool | None:
        """Whether the dossier finished after its original appointment (before extension)."""
        if self.finished_at is None or self.original_due_at is None:
            return None
        return self.finished_at > self.original_due_at

    def explain_due(self) -> DueExplanation:
        """Why the dossier is due when it is, each line with its legal source.

        The lines cover receipt, calendar, transfer, pauses, restart and extension.

        Examples:
            See the tutorial "Your first dossier".
        """
        notes: list[ClockNote] = []
        for event in self.history:
            event_notes: tuple[ClockNote, ...] = getattr(event, "notes", ())
            if getattr(event, "resets_clock", False) or (
                event_notes and event_notes[0].kind == "clock_start"
            ):
                notes = [n for n in notes if n.kind in ("receipt", "transfer")]
            notes.extend(event_notes)
        return DueExplanation(self.due_at, self.original_due_at, tuple(notes))

    def row(self) -> DossierRow:
        """The dossier as a row of the ``dossiers`` snapshot table (stores, indicators)."""
        pending = self.open_supplement
        electronic = self.channel.is_electronic
        paid_online = any(p.online and p.paid_at is not None for p in self.payments)
        full_online = (
            electronic
            and (not self.fee_payable or paid_online)
            and self.e_result
            and not self.returned_in_person
            and self.status is DossierStatus.RESULT_RETURNED
        )
        return DossierRow(
            id=self.id,
            version=self.version,
            code=self.code or "",
            procedure_code=self.procedure_code,
            procedure_field=self.procedure_field,
            rule_set=self.rule_set,
            province_code=self.province_code,
            unit_code=self.unit_code,
            receiving_unit_code=self.receiving_unit_code,
            authority_id=self.authority_id,
            channel=self.channel.value,
            status=self.status.value,
            submitted_at=self.submitted_at,
            received_at=self.received_at,
            due_at=self.due_at,
            original_due_at=self.original_due_at,
            finished_at=self.finished_at,
            returned_at=self.returned_at,
            outcome=None if self.outcome is None else self.outcome.value,
            supplement_requests_reception=self.supplement_count(SupplementStage.RECEPTION),
            supplement_requests_processing=self.supplement_count(SupplementStage.APPRAISAL),
            supplement_seconds=self.supplement_seconds,
            pending_supplement_since=None if pending is None else pending.requested_at,
            fee_payable=self.fee_payable,
            paid_online=paid_online,
            paper_result=self.paper_result,
            e_result=self.e_result,
            digitised=self.digitised,
            reused_data=self.reused_data,
            digitally_signed=self.digitally_signed,
            full_online=full_online,
            satisfied_receiving=None,
            satisfied_resolving=None,
        )


FINISHING_STATUSES = _FINISHING
