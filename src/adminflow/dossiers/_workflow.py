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
import uuid
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from adminflow.calendar import ClockStart, WorkingCalendar
from adminflow.codes import parse_dossier_code
from adminflow.competence import CompetenceResolver, ReceiptMode
from adminflow.dossiers import _clocks
from adminflow.dossiers._events import (
    CorrectionRequested,
    DeadlineExtended,
    DossierClosed,
    DossierEvent,
    DossierReceived,
    DossierRefused,
    DossierStopped,
    DossierSubmitted,
    DossierSupplemented,
    DossierTransferred,
    PaymentMade,
    PaymentRequested,
    ReceiptRefused,
    ResultApproved,
    ResultReturned,
    StepCompleted,
    StepForwarded,
    SupplementRequested,
    TransferReceived,
    apply_event,
)
from adminflow.dossiers._machine import NEW, fire
from adminflow.dossiers._model import ClockNote, Dossier, outcome_of
from adminflow.dossiers._parties import Actor, Applicant, check_instant
from adminflow.dossiers._rules import TransitionSpec, rule_set, rule_set_for
from adminflow.dossiers._status import (
    DossierStatus,
    FilingChannel,
    Role,
    StepKind,
    SupplementStage,
)
from adminflow.errors import (
    CompetenceError,
    GuardFailedError,
    InvalidValueError,
    NotFoundError,
    PermissionDeniedError,
    TransitionNotAllowedError,
)
from adminflow.procedures import Catalog, Procedure
from adminflow.procedures import Channel as ProcedureChannel

__all__ = ["ActionCheck", "CommandResult", "Workflow"]

_S = DossierStatus
_ONLINE_CHECK = "Decree 118/2025/NĐ-CP Art. 17(2)(c) (8 working hours)"
_RECEIPT_SOURCE = "Decree 118/2025/NĐ-CP Art. 17(3) (time runs from the receipt slip)"
_RECEIPT_SOURCE_61 = "Decree 61/2018/NĐ-CP Art. 17 (time runs from the receipt slip)"
_CLOSE_SOURCE = (
    "Decree 118/2025/NĐ-CP Art. 19(5) (15 days, read as calendar days); Civil Code 2015 "
    "Art. 147-148 (the day of the notice is not counted; a last day off moves to the next "
    "working day)"
)
_CHANNELS = {
    FilingChannel.IN_PERSON: (ProcedureChannel.IN_PERSON, ProcedureChannel.MOBILE_POINT),
    FilingChannel.POSTAL: (ProcedureChannel.POSTAL,),
    FilingChannel.ONLINE: (ProcedureChannel.ONLINE,),
    FilingChannel.KIOSK: (ProcedureChannel.ONLINE,),
}


@attrs.frozen
class CommandResult:
    """What a command produced: the new dossier and the events, oldest first.

    Attributes:
        dossier: The dossier after the command (the input dossier is unchanged).
        events: The events the command recorded (append them to the store).
    """

    dossier: Dossier
    events: tuple[DossierEvent, ...]


@attrs.frozen
class ActionCheck:
    """Whether an actor may issue a command now, and why (not).

    Attributes:
        action: The command.
        allowed: Whether it would be accepted (argument checks aside).
        reason: Why not, or the status it would lead to.
        legal_basis: The articles behind the transition, if it exists.
    """

    action: str
    allowed: bool
    reason: str
    legal_basis: str | None = None

    def __bool__(self) -> bool:
        return self.allowed

    def __str__(self) -> str:
        verdict = "allowed" if self.allowed else "refused"
        return f"{self.action}: {verdict} ({self.reason})"


def _text(field: str, value: object, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(field, value, "must be a non-empty string")
    return value


def _texts(field: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValueError(field, value, "must be a list of non-empty strings")
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            raise InvalidValueError(f"{field}[{i}]", item, "must be a non-empty string")
    return items


def _flag(field: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidValueError(field, value, "must be True or False")
    return value


def _fmt(at: dt.datetime) -> str:
    return f"{at:%a %d %b %Y %H:%M}"


class Workflow:
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

    def __init__(
        self,
        *,
        calendar: WorkingCalendar | None = None,
        catalog: Catalog,
        competence: CompetenceResolver | None = None,
    ) -> None:
        if calendar is None:
            calendar = WorkingCalendar.vietnam()
        if not isinstance(calendar, WorkingCalendar):
            raise InvalidValueError(
                "calendar", type(calendar).__name__, "must be a WorkingCalendar"
            )
        if not isinstance(catalog, Catalog):
            raise InvalidValueError("catalog", type(catalog).__name__, "must be a Catalog")
        if competence is not None and not isinstance(competence, CompetenceResolver):
            raise InvalidValueError(
                "competence", type(competence).__name__, "must be a CompetenceResolver or None"
            )
        self.calendar = calendar
        self.catalog = catalog
        self.competence = competence
        self._bodies: dict[tuple[str, str, dt.date], tuple[str, str] | str] = {}
        self._provinces: dict[str, str] = {}

    # ------------------------------------------------------------------ helpers

    def _local(self, at: dt.datetime) -> dt.datetime:
        return at.astimezone(self.calendar.timezone)

    def _procedure(self, dossier: Dossier, on: dt.date) -> Procedure:
        found: Procedure = self.catalog.get(dossier.procedure_code, on=on)
        return found

    def _receipt_procedure(self, dossier: Dossier) -> Procedure:
        """The procedure version in force on the receipt day (the filing day before receipt)."""
        instant = dossier.received_at or dossier.submitted_at
        assert instant is not None
        return self._procedure(dossier, self._local(instant).date())

    def _province(self, unit_code: str) -> str:
        if unit_code not in self._provinces:
            province: str | None = None
            if self.competence is not None:
                province = self.competence.province_of(unit_code)
            else:
                from adminflow.jurisdictions import Gazetteer

                gazetteer = Gazetteer.vietnam()
                if unit_code not in gazetteer:
                    raise NotFoundError("administrative unit", unit_code, hint="argument unit")
                parent = gazetteer.parent(unit_code)
                province = unit_code if parent is None else parent.code
            self._provinces[unit_code] = province or unit_code
        return self._provinces[unit_code]

    def _competent(self, dossier: Dossier, at: dt.datetime) -> tuple[str, str] | str:
        """``(deciding id, acting id)`` on the day of ``at``, or why it cannot be told."""
        if self.competence is None:
            return "no competence resolver"
        day = self._local(at).date()
        key = (dossier.procedure_code, dossier.unit_code, day)
        if key not in self._bodies:
            try:
                procedure = self._receipt_procedure(dossier)
                c = self.competence.resolve(procedure, dossier.unit_code, at=day)
                self._bodies[key] = (c.deciding.id, c.acting.id)
            except (CompetenceError, NotFoundError) as exc:
                self._bodies[key] = f"no competent body: {exc}"
        return self._bodies[key]

    def _due(
        self,
        dossier: Dossier,
        procedure: Procedure,
        received_at: dt.datetime,
        start: ClockStart | None = None,
    ) -> tuple[dt.datetime, tuple[ClockNote, ...]]:
        condition = next(
            (e.extension for e in dossier.history if isinstance(e, DossierReceived)), None
        )
        extension = _clocks.find_extension(procedure, condition)
        return _clocks.procedure_due(
            procedure, received_at, self.calendar, start=start, extension=extension
        )

    def _check_common(
        self, dossier: object, by: object, at: object
    ) -> tuple[Dossier, Actor, dt.datetime]:
        if not isinstance(dossier, Dossier):
            raise InvalidValueError("dossier", type(dossier).__name__, "must be a Dossier")
        if not isinstance(by, Actor):
            raise InvalidValueError("by", type(by).__name__, "must be an Actor")
        instant = check_instant("at", at)
        assert instant is not None
        if dossier.history and instant < dossier.history[-1].at:
            raise InvalidValueError(
                "at", instant, f"is before the dossier's last event ({dossier.history[-1].at})"
            )
        return dossier, by, instant

    def _allowed_names(self, dossier: Dossier, by: Actor, at: dt.datetime) -> list[str]:
        return [c.action for c in self.allowed_actions(dossier, by=by, at=at) if c.allowed]

    # ------------------------------------------------------------- permissions

    def _permission(
        self, spec: TransitionSpec, dossier: Dossier, by: Actor, at: dt.datetime
    ) -> str | None:
        """Why ``by`` may not issue ``spec`` on ``dossier`` now, or ``None`` when they may."""
        if by.role not in spec.roles:
            roles = ", ".join(sorted(r.value for r in spec.roles))
            return f"a {by.role.value} may not {spec.trigger}; it is for: {roles}"
        role = by.role
        if role is Role.SYSTEM:
            return None
        if role is Role.APPLICANT:
            if by.id != dossier.applicant.number:
                return "an applicant acts only on their own dossiers"
            return None
        if role in (Role.RECEPTION_OFFICER, Role.ONE_STOP_HEAD):
            if by.unit_code != dossier.receiving_unit_code:
                return (
                    f"works at unit {by.unit_code}, but the dossier was received at unit "
                    f"{dossier.receiving_unit_code}"
                )
            if spec.trigger == "receive" and self.competence is not None:
                day = self._local(at).date()
                try:
                    procedure = self._procedure(dossier, day)
                except NotFoundError as exc:
                    return str(exc)
                decision = self.competence.can_receive(
                    procedure, dossier.receiving_unit_code, dossier.unit_code, at=day
                )
                if not decision:
                    return f"{decision.reason} ({decision.legal_basis})"
            return None
        # processing officer, signing leader: the deciding or the acting (authorized) body
        bodies: set[str] = set()
        if dossier.authority_id is not None:
            bodies.add(dossier.authority_id)
        competent = self._competent(dossier, at)
        if isinstance(competent, tuple):
            bodies.update(competent)
        if spec.trigger == "complete_step":
            bodies.update(s.body for s in dossier.open_steps)
        if not bodies:
            if self.competence is None:
                return None
            return str(competent)
        if by.authority_id not in bodies:
            return (
                f"belongs to {by.authority_id or 'no body'}; only {', '.join(sorted(bodies))} "
                "may act on this dossier (the deciding body or the body authorized to act)"
            )
        return None

    # ------------------------------------------------------------------ guards

    def _state_guard(
        self, trigger: str, dossier: Dossier, at: dt.datetime
    ) -> tuple[str, str] | None:
        """``(guard, reason)`` when a legal precondition that needs no details fails."""
        rules = rule_set(dossier.rule_set)
        local = self._local(at)
        if trigger == "request_supplement":
            stage = (
                SupplementStage.RECEPTION
                if dossier.status is _S.SUBMITTED
                else SupplementStage.APPRAISAL
            )
            if dossier.supplement_count(stage) >= 1:
                return (
                    "supplement_once_per_stage",
                    f"a supplement was already requested at the {stage.value} stage; it may be "
                    "requested only once per stage, listing every item "
                    f"({rule_set(dossier.rule_set).find(dossier.status, trigger).legal_basis})",  # type: ignore[union-attr]
                )
            if stage is SupplementStage.APPRAISAL:
                start = dossier.clock_started_at or dossier.received_at
                assert start is not None
                limit_day = self.calendar.add_working_days(
                    self._local(start).date(), rules.supplement_notice_working_days
                )
                limit = self.calendar.closing(limit_day)
                if at > limit:
                    return (
                        "supplement_notice_within_3_working_days",
                        f"the appraisal supplement notice is due within "
                        f"{rules.supplement_notice_working_days} working days of receipt, by "
                        f"{_fmt(limit)} (Art. 19(5) of {rules.title})",
                    )
        elif trigger == "extend":
            if dossier.extended:
                return (
                    "extend_at_most_once",
                    "the appointment was already extended; it may be re-appointed only once "
                    f"(Art. 19(6) of {rules.title})",
                )
            assert dossier.due_at is not None
            due_day = self._local(dossier.due_at).date()
            if local.date() > due_day - dt.timedelta(days=1):
                return (
                    "extend_one_day_before",
                    f"the apology and extension slip must be sent no later than 1 day before "
                    f"the deadline {_fmt(self._local(dossier.due_at))} "
                    f"(Art. 19(6) of {rules.title})",
                )
        elif trigger == "refuse":
            assert dossier.due_at is not None
            if at > dossier.due_at:
                return (
                    "refuse_within_time_limit",
                    f"a refusal must be issued within the processing time limit, which ended "
                    f"{_fmt(self._local(dossier.due_at))} (Art. 19(3) of {rules.title})",
                )
        elif trigger == "stop":
            if dossier.status in (_S.SUBMITTED, _S.RETURNED_FOR_SUPPLEMENT) and not (
                dossier.channel.is_electronic
            ):
                return (
                    "stop_after_receipt_slip",
                    "a paper dossier may be stopped once the applicant holds the receipt slip; "
                    "before that the papers are simply taken back (Decree 118/2025/NĐ-CP "
                    "Art. 21(1))",
                )
        elif trigger == "close_unsupplemented":
            pending = dossier.open_supplement
            days = rules.close_after_days
            if pending is None or days is None:
                return ("close_after_15_days", "no unanswered supplement request")
            last = self._local(pending.requested_at).date() + dt.timedelta(days=days)
            last = self.calendar.add_working_days(last, 0)
            if local.date() <= last:
                return (
                    "close_after_15_days",
                    f"the applicant has until the end of {last:%a %d %b %Y} to supplement "
                    f"({_CLOSE_SOURCE})",
                )
        elif trigger == "complete_step" and not dossier.open_steps:
            return ("open_step", "no step is open")
        return None

    def _spec(self, dossier: Dossier, trigger: str, by: Actor, at: dt.datetime) -> TransitionSpec:
        rules = rule_set(dossier.rule_set)
        spec = rules.find(dossier.status, trigger)
        if spec is None:
            allowed = [t.trigger for t in rules.from_status(dossier.status)]
            raise TransitionNotAllowedError(trigger, dossier.status.value, allowed)
        denied = self._permission(spec, dossier, by, at)
        if denied is not None:
            allowed = self._allowed_names(dossier, by, at)
            raise PermissionDeniedError(
                by, trigger, f"{denied}; allowed now: {', '.join(allowed) or 'none'}"
            )
        failed = self._state_guard(trigger, dossier, at)
        if failed is not None:
            self._refuse(dossier, by, at, trigger, *failed)
        return spec

    def _refuse(
        self, dossier: Dossier, by: Actor, at: dt.datetime, trigger: str, guard: str, reason: str
    ) -> None:
        allowed = self._allowed_names(dossier, by, at)
        raise GuardFailedError(
            trigger, guard, f"{reason}; allowed now: {', '.join(allowed) or 'none'}"
        )

    def _commit(
        self,
        dossier: Dossier,
        spec: TransitionSpec,
        make: Callable[..., DossierEvent],
        **fields: Any,
    ) -> CommandResult:
        dest = fire(dossier.rule_set, dossier.status.value, spec.trigger)
        if dest != spec.dest.value:  # pragma: no cover - the table and the machine are one
            raise TransitionNotAllowedError(spec.trigger, dossier.status.value, [])
        fields.setdefault("legal_basis", spec.legal_basis)
        event = make(dossier_id=dossier.id, version=dossier.version + 1, status=spec.dest, **fields)
        return CommandResult(apply_event(dossier, event), (event,))

    # ------------------------------------------------------------ introspection

    def allowed_actions(
        self, dossier: Dossier, *, by: Actor, at: dt.datetime
    ) -> tuple[ActionCheck, ...]:
        """Every command of the dossier's rule set, saying whether ``by`` may issue it at ``at``.

        A command is allowed when the transition exists from the current status, the actor's
        role and jurisdiction permit it, and the legal guards that need no details hold
        (details such as written reasons are checked when the command is issued).

        Raises:
            InvalidValueError: An argument has the wrong type.
        """
        dossier, by, at = self._check_common(dossier, by, at)
        rules = rule_set(dossier.rule_set)
        checks = []
        for trigger in rules.triggers:
            if trigger == "submit":
                continue
            spec = rules.find(dossier.status, trigger)
            if spec is None:
                checks.append(
                    ActionCheck(trigger, False, f"not possible from status {dossier.status.value}")
                )
                continue
            denied = self._permission(spec, dossier, by, at)
            if denied is not None:
                checks.append(ActionCheck(trigger, False, denied, spec.legal_basis))
                continue
            failed = self._state_guard(trigger, dossier, at)
            if failed is not None:
                checks.append(ActionCheck(trigger, False, failed[1], spec.legal_basis))
                continue
            checks.append(
                ActionCheck(trigger, True, f"leads to {spec.dest.value}", spec.legal_basis)
            )
        return tuple(checks)

    def fire(
        self, dossier: Dossier, action: str, *, by: Actor, at: dt.datetime, **details: Any
    ) -> CommandResult:
        """Issue the command named ``action`` (``"receive"``, ``"approve"``, ...).

        Raises:
            TransitionNotAllowedError: ``action`` is not a command of the workflow.
        """
        if not isinstance(dossier, Dossier):
            raise InvalidValueError("dossier", type(dossier).__name__, "must be a Dossier")
        rules = rule_set(dossier.rule_set)
        if not isinstance(action, str) or action == "submit" or action not in rules.triggers:
            allowed = [t.trigger for t in rules.from_status(dossier.status)]
            raise TransitionNotAllowedError(str(action), dossier.status.value, allowed)
        command: Callable[..., CommandResult] = getattr(self, action)
        try:
            return command(dossier, by=by, at=at, **details)
        except TypeError as exc:
            raise InvalidValueError("details", sorted(details), str(exc)) from None

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
        rules = rule_set_for(local.date())
        digitised = _flag("digitised", digitised)
        reused_data = _flag("reused_data", reused_data)
        procedure = self._procedure(dossier, local.date())
        deciding_id: str | None = None
        agency_code: str | None = None
        boundary_free = dossier.receiving_unit_code != dossier.unit_code
        if self.competence is not None:
            decision = self.competence.can_receive(
                procedure, dossier.receiving_unit_code, dossier.unit_code, at=local.date()
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
            text = _clocks.dossier_code(agency_text, local.date(), sequence)
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
