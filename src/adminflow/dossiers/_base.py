"""The workflow's foundations: results, permissions, legal guards and introspection.

Private module; :class:`adminflow.dossiers.Workflow` is built from :class:`WorkflowBase` and the
command mixins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from adminflow.calendar import ClockStart, WorkingCalendar
from adminflow.competence import CompetenceResolver
from adminflow.dossiers import _clocks
from adminflow.dossiers._clocks import _day, _fmt
from adminflow.dossiers._events import (
    DossierEvent,
    DossierReceived,
    apply_event,
)
from adminflow.dossiers._machine import fire
from adminflow.dossiers._model import ClockNote, Dossier
from adminflow.dossiers._parties import Actor, check_instant
from adminflow.dossiers._rules import TransitionSpec, rule_set
from adminflow.dossiers._status import (
    DossierStatus,
    FilingChannel,
    Role,
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

__all__ = ["ActionCheck", "CommandResult", "WorkflowBase"]

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


class WorkflowBase:
    """Shared state and checks of :class:`~adminflow.dossiers.Workflow` (see there)."""

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
            if self._local(at).date() > due_day - dt.timedelta(days=1):
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
            if self._local(at).date() <= last:
                return (
                    "close_after_15_days",
                    f"the applicant has until the end of {_day(last)} to supplement "
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
