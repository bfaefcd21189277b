"""Boundary-free receipt (tiếp nhận không phụ thuộc địa giới hành chính) and transfer.

Private module; the public names are re-exported by :mod:`adminflow.competence`.

References:
    Decree 118/2025/NĐ-CP, Art. 3(6)-(7) (definitions of boundary-free receipt, nationwide and
    within the province), Art. 14(2) (the receipt rule: within the province), Art. 40(4) (every
    procedure within the province by 31 December 2025), Art. 17(3) (when the clock starts),
    Art. 18 (transfer: the electronic dossier at once; paper the same working day, or at the
    start of the next one when received after 15:00), Art. 20(1) (bodies of different
    administrative levels: paper within 1 working day) and 20(2) (bodies of the same level).
    Decree 309/2026/NĐ-CP (5 August 2026), Art. 7 (adds Art. 14(4): nationwide receipt by
    provincial and commune centres for listed procedures) and Art. 8 (Art. 17(3): for
    boundary-free dossiers the clock starts when the competent agency receives the dossier) —
    read in a third-party copy of the decree.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Protocol

import attrs

from adminflow.calendar import (
    FIRST_RULE_SET_FROM,
    ClockStart,
    Reason,
    ReasonKind,
    WorkingCalendar,
)
from adminflow.competence._answer import Competence
from adminflow.competence._model import Seat
from adminflow.competence._protocols import ProcedureLike
from adminflow.competence._rules import CompetenceRules
from adminflow.errors import CompetenceError, InvalidValueError

if TYPE_CHECKING:
    from adminflow.competence._directory import AnyAuthority
    from adminflow.competence._model import BoundaryFreeList

__all__ = [
    "ALL_WITHIN_PROVINCE_FROM",
    "NATIONWIDE_RECEIPT_AMENDED",
    "ClockStart",
    "ClockStartRule",
    "ReceiptDecision",
    "ReceiptMode",
    "Transfer",
    "clock_start",
    "decide_receipt",
    "plan_transfer",
]

#: Decree 118/2025/NĐ-CP in force (two-level government).
_DECREE_118_FROM = dt.date(2025, 7, 1)
#: Every procedure boundary-free within its province (Decree 118/2025/NĐ-CP Art. 40(4): the
#: provincial chairman's lists reach 100 % "before 31 December 2025"); from then on the
#: catalogue's ``boundary_free`` scope counts even without a published list. Art. 14(2) states
#: the receipt rule itself; the list is the roadmap to it, and after the roadmap's end a missing
#: list cannot narrow the rule (the reading that errs on the applicant's side).
ALL_WITHIN_PROVINCE_FROM = dt.date(2025, 12, 31)
#: Decree 309/2026/NĐ-CP in force: Art. 14(4) nationwide receipt; Art. 17(3) clock rule. Its
#: article numbers (Art. 7, 8) come from a third-party copy that may mislabel clauses [V-copy].
NATIONWIDE_RECEIPT_AMENDED = dt.date(2026, 8, 5)


class ReceiptMode(enum.StrEnum):
    """How a One-Stop Unit comes to receive a dossier."""

    COMPETENT_UNIT = "competent_unit"  #: the competent body's own unit
    WITHIN_PROVINCE = "within_province"  #: trong phạm vi cấp tỉnh (Art. 3(7), 14(2))
    NATIONWIDE = "nationwide"  #: toàn quốc (Art. 14(4), from 5 August 2026)


class ClockStartRule(enum.StrEnum):
    """Which rule starts the processing time of a received dossier (Decree 118/2025 Art. 17(3)).

    :func:`clock_start` turns the rule into the instant (:class:`ClockStart`).
    """

    RECEIPT = "receipt"  #: complete receipt at the receiving One-Stop Unit (receipt slip)
    COMPETENT_AGENCY_RECEIPT = "competent_agency_receipt"  #: when the competent agency gets it


@attrs.frozen
class ReceiptDecision:
    """Whether a unit may receive a dossier: truthy when allowed, with the reason in words.

    Attributes:
        allowed: Whether receipt is allowed.
        reason: Why (or why not), in words.
        legal_basis: The provisions (and the province's list decision) it rests on.
        mode: How it is received, or ``None`` when refused.
        competence: Who decides the dossier, when that could be determined.
    """

    allowed: bool
    reason: str
    legal_basis: str
    mode: ReceiptMode | None = None
    competence: Competence | None = None

    def __bool__(self) -> bool:
        return self.allowed

    def __str__(self) -> str:
        verdict = "may receive" if self.allowed else "may not receive"
        return f"{verdict}: {self.reason} ({self.legal_basis})"


@attrs.frozen
class Transfer:
    """Where a received dossier goes next (chuyển hồ sơ), how fast, and when its clock starts.

    Attributes:
        required: Whether the dossier must leave the receiving unit at all.
        destination: The body that handles it (the acting authority).
        mode: How it was received.
        electronic: When the electronic dossier must be forwarded.
        paper_within_working_days: Working days allowed for moving the paper dossier: 1 to a
            body of another administrative level (Art. 20(1)(a)); 0 to a body of the same level
            (Art. 20(2), e.g. commune to commune) or inside the competent unit, meaning the same
            working day, or the start of the next one when received after 15:00 (Art. 18(2)).
        clock_start: Which rule starts the processing time.
        legal_basis: The provisions.
    """

    required: bool
    destination: AnyAuthority
    mode: ReceiptMode
    electronic: str
    paper_within_working_days: int
    clock_start: ClockStartRule
    legal_basis: str


def _regime(on: dt.date) -> str:
    if on >= _DECREE_118_FROM:
        return "Decree 118/2025/NĐ-CP"
    if on >= FIRST_RULE_SET_FROM:
        return "Decree 61/2018/NĐ-CP (amended by Decree 107/2021/NĐ-CP)"
    return (
        "no rule set modelled: adminflow models the one-stop rules in force from 21 Jun 2018, "
        "and cites no law for earlier days"
    )


def _basis(on: dt.date, articles: str) -> str:
    """The regime's articles from 1 July 2025; before then only the regime is named."""
    return f"{_regime(on)} {articles}" if on >= _DECREE_118_FROM else _regime(on)


def _nationwide_basis(on: dt.date) -> str:
    if on >= NATIONWIDE_RECEIPT_AMENDED:
        return "Decree 118/2025/NĐ-CP Art. 14(4) (added by Decree 309/2026/NĐ-CP Art. 7)"
    if on >= _DECREE_118_FROM:
        return (
            "Decree 118/2025/NĐ-CP Art. 14(2) (receipt within the province only; nationwide "
            "receipt from 5 Aug 2026, Art. 14(4) added by Decree 309/2026/NĐ-CP Art. 7)"
        )
    return _regime(on)


def _with_lists(basis: str, lists: list[BoundaryFreeList]) -> str:
    return "; ".join([basis, *(str(b.reference) for b in lists)])


class Resolver(Protocol):
    """What receipt decisions ask of :class:`~adminflow.competence.CompetenceResolver`."""

    @property
    def rules(self) -> CompetenceRules: ...
    def resolve(
        self, procedure: str | ProcedureLike, unit: str, *, at: dt.date | dt.datetime
    ) -> Competence: ...
    def province_of(self, unit_code: str) -> str | None: ...
    def _procedure(
        self, procedure: str | ProcedureLike, on: dt.date | None = None
    ) -> tuple[str, str | None, Seat | None, ProcedureLike | None]: ...


def decide_receipt(
    resolver: Resolver,
    procedure: str | ProcedureLike,
    receiving: str,
    subject: str,
    on: dt.date,
) -> ReceiptDecision:
    """See :meth:`adminflow.competence.CompetenceResolver.can_receive`."""
    code, field, _, found = resolver._procedure(procedure, on)
    try:
        competence = resolver.resolve(procedure, subject, at=on)
    except CompetenceError as exc:
        return ReceiptDecision(False, f"no competent authority: {exc}", _basis(on, "Art. 14"))
    handler = competence.acting
    if receiving == handler.unit_code:
        return ReceiptDecision(
            True,
            f"{receiving} is the unit of the competent body ({handler.name})",
            _basis(on, "Art. 14(2)"),
            ReceiptMode.COMPETENT_UNIT,
            competence,
        )

    def refuse(reason: str, basis: str) -> ReceiptDecision:
        return ReceiptDecision(False, reason, basis, None, competence)

    rules = resolver.rules
    receiving_province = resolver.province_of(receiving)
    home = resolver.province_of(subject)
    if receiving_province is None:
        return refuse(
            f"the province of receiving unit {receiving!r} is unknown", _basis(on, "Art. 14")
        )
    only_there = f"it is received only at the One-Stop Unit of {handler.name}"
    for exclusion in rules.exclusions:
        if exclusion.region in (None, home, receiving_province) and exclusion.covers(
            code, field, on
        ):
            return refuse(
                f"{code} is excluded from boundary-free receipt: {exclusion.reason}; {only_there}",
                str(exclusion.reference),
            )
    scope = getattr(found, "boundary_free", None)  # None: not a catalogue procedure
    if scope == "none":
        note = getattr(found, "boundary_free_note", None) or "no reason recorded"
        return refuse(
            f"{code} is excluded from boundary-free receipt in the catalogue: {note}; {only_there}",
            _basis(on, "Art. 3(7), 14(2)"),
        )
    if receiving_province == home:
        lists = [
            b for b in rules.boundary_free if b.region in (None, home) and b.covers(code, field, on)
        ]
        within = _basis(on, "Art. 3(7), 14(2)")
        if lists or (on >= ALL_WITHIN_PROVINCE_FROM and scope in ("province", "nationwide")):
            return ReceiptDecision(
                True,
                f"{code} is received regardless of administrative boundaries within province "
                f"{home}; {receiving} transfers it to {handler.name}",
                _with_lists(within, lists),
                ReceiptMode.WITHIN_PROVINCE,
                competence,
            )
        return refuse(
            f"{code} is not on province {home}'s list of procedures received regardless of "
            f"administrative boundaries; {only_there}",
            within,
        )
    lists = [b for b in rules.boundary_free if b.region is None and b.covers(code, field, on)]
    if on >= NATIONWIDE_RECEIPT_AMENDED and (lists or scope == "nationwide"):
        return ReceiptDecision(
            True,
            f"{code} is received nationwide regardless of administrative boundaries; "
            f"{receiving} (province {receiving_province}) transfers it to {handler.name}",
            _with_lists(_nationwide_basis(on), lists),
            ReceiptMode.NATIONWIDE,
            competence,
        )
    return refuse(
        f"{receiving} is in province {receiving_province} but the dossier belongs to province "
        f"{home}, and {code} is not received nationwide regardless of administrative boundaries",
        _nationwide_basis(on),
    )


def plan_transfer(
    decision: ReceiptDecision, receiving: str, on: dt.date, *, same_level: bool = False
) -> Transfer:
    """See :meth:`adminflow.competence.CompetenceResolver.transfer`.

    ``same_level``: the receiving unit and the competent body are of the same administrative
    level (e.g. commune to commune): Art. 20(2), paper moved per Art. 18(2); otherwise
    Art. 20(1)(a), paper within 1 working day.
    """
    if not decision or decision.competence is None or decision.mode is None:
        raise InvalidValueError("receiving_unit", receiving, decision.reason)
    transfer_articles = "Art. 20(2), 18(2)" if same_level else "Art. 20(1)(a)"
    paper_days = 0 if same_level else 1
    if decision.mode is ReceiptMode.COMPETENT_UNIT:
        # Passed on inside the competent unit: same working day, or the next one after 15:00.
        electronic = "passed to the competent body in the handling system right after receipt"
        paper_days, clock_start, articles = 0, ClockStartRule.RECEIPT, "Art. 17(3), 18(2)"
    elif on >= NATIONWIDE_RECEIPT_AMENDED:
        electronic, clock_start = "immediately", ClockStartRule.COMPETENT_AGENCY_RECEIPT
        articles = f"{transfer_articles}, Art. 17(3) as amended by Decree 309/2026/NĐ-CP Art. 8"
    else:
        electronic, clock_start = "immediately", ClockStartRule.RECEIPT
        articles = f"{transfer_articles}, Art. 17(3)"
    return Transfer(
        required=decision.mode is not ReceiptMode.COMPETENT_UNIT,
        destination=decision.competence.acting,
        mode=decision.mode,
        electronic=electronic,
        paper_within_working_days=paper_days,
        clock_start=clock_start,
        legal_basis=_basis(on, articles),
    )


_AMENDED_17_3 = "Decree 118/2025/NĐ-CP Art. 17(3) as amended by Decree 309/2026/NĐ-CP Art. 8"


def _paper_basis(transfer: Transfer) -> str:
    """The transfer's provisions, with the amended Art. 17(3) once."""
    if "309/2026" in transfer.legal_basis:
        return transfer.legal_basis
    return f"{_AMENDED_17_3}; {transfer.legal_basis}"


def _fmt(at: dt.datetime) -> str:
    return f"{at:%a %d %b %Y %H:%M}"


def _latest_paper_arrival(
    calendar: WorkingCalendar, desk: dt.datetime, transfer: Transfer
) -> tuple[dt.datetime, str]:
    """The latest instant the paper dossier may reach the competent body, and the rule."""
    if transfer.paper_within_working_days >= 1:
        last_day = calendar.add_working_days(desk.date(), transfer.paper_within_working_days)
        return calendar.closing(last_day), (
            f"paper within {transfer.paper_within_working_days} working day of receipt "
            "(Decree 118/2025/NĐ-CP Art. 20(1)(a)): at the latest at the close of office of "
            f"{last_day:%a %d %b %Y}"
        )
    handling = calendar.handling_day(desk)
    if handling == desk.date():
        return calendar.closing(handling), (
            "paper the same working day (Decree 118/2025/NĐ-CP Art. 18(2)): at the latest at "
            "the close of office"
        )
    opening = calendar.next_working_instant(
        dt.datetime.combine(handling, dt.time(0), tzinfo=calendar.timezone)
    )
    return opening, (
        "received after 15:00 or on a day off: paper at the start of the next working day "
        "(Decree 118/2025/NĐ-CP Art. 18(2))"
    )


def clock_start(
    desk_received_at: dt.datetime,
    transfer: Transfer | None,
    *,
    calendar: WorkingCalendar,
    electronic: bool = True,
    competent_received_at: dt.datetime | None = None,
) -> ClockStart:
    """The instant the processing time of a received dossier starts, and why.

    * No transfer, a dossier received at the competent body's own unit, or a transfer planned
      before 5 August 2026: the clock starts at the desk receipt (the receipt slip, Decree
      118/2025/NĐ-CP Art. 17(3)).
    * From 5 August 2026, a dossier received regardless of administrative boundaries: the
      clock starts when the competent body receives it (Art. 17(3) as amended by Decree
      309/2026/NĐ-CP Art. 8). An **electronic** transfer reaches it at once (Art. 18(1),
      20(1)(a)), so the clock starts at the desk receipt. A **paper** transfer starts it at
      ``competent_received_at`` when known, otherwise at the latest instant the transfer may
      take: the close of office of the next working day for a body of another level
      (Art. 20(1)(a)); the same working day, or the start of the next one when received after
      15:00, for a body of the same level (Art. 18(2)). A paper transfer that arrives later
      than allowed starts the clock at the latest allowed instant: the applicant does not bear
      the delay.

    Args:
        desk_received_at: The receipt instant at the receiving One-Stop Unit (aware).
        transfer: The transfer plan (:meth:`CompetenceResolver.transfer`), or ``None``.
        calendar: The working calendar of the competent body.
        electronic: Whether the dossier travels electronically (filed online, or digitised).
        competent_received_at: When the competent body actually received the paper dossier.

    Returns:
        The clock start, with the reasons to put first in the deadline's explanation.

    Raises:
        InvalidValueError: A naive or malformed instant, a receipt by the competent body
            before the desk receipt, or arguments of the wrong type.
        CalendarError: An instant outside the calendar's years.

    References:
        Decree 118/2025/NĐ-CP Art. 17(3), 18, 20; Decree 309/2026/NĐ-CP Art. 8.

    Examples:
        >>> import datetime as dt
        >>> from adminflow.calendar import WorkingCalendar
        >>> from adminflow.competence import CompetenceResolver, CompetenceRules, clock_start
        >>> from adminflow.procedures import Catalog
        >>> calendar = WorkingCalendar.vietnam()
        >>> rules = CompetenceRules.example_khanh_hoa()
        >>> resolver = CompetenceResolver(rules, catalog=Catalog.sample())
        >>> plan = resolver.transfer("1.013225", "22333", "22366", at=dt.date(2026, 9, 1))
        >>> desk = dt.datetime(2026, 9, 4, 16, 0, tzinfo=calendar.timezone)
        >>> clock_start(desk, plan, calendar=calendar, electronic=False).at.isoformat()
        '2026-09-07T08:00:00+07:00'
    """
    if not isinstance(calendar, WorkingCalendar):
        raise InvalidValueError("calendar", calendar, "must be a WorkingCalendar")
    if transfer is not None and not isinstance(transfer, Transfer):
        raise InvalidValueError("transfer", transfer, "must be a Transfer or None")
    if not isinstance(electronic, bool):
        raise InvalidValueError("electronic", electronic, "must be true or false")
    desk = calendar._local("desk_received_at", desk_received_at)
    calendar._offset("desk_received_at", desk.date())
    if transfer is None or transfer.clock_start is ClockStartRule.RECEIPT:
        why = (
            "received at the competent body's own unit"
            if transfer is None or not transfer.required
            else "received by another unit before 5 Aug 2026"
        )
        return ClockStart(
            desk,
            (
                Reason(
                    ReasonKind.CLOCK,
                    f"{why}: the processing time runs from the receipt slip, {_fmt(desk)}",
                    transfer.legal_basis
                    if transfer is not None
                    else "Decree 118/2025/NĐ-CP Art. 17(3)",
                ),
            ),
        )
    if electronic:
        return ClockStart(
            desk,
            (
                Reason(
                    ReasonKind.CLOCK,
                    "received regardless of administrative boundaries and transferred "
                    "electronically at once: the competent body receives it at the desk receipt, "
                    f"{_fmt(desk)}",
                    f"{_AMENDED_17_3}; Decree 118/2025/NĐ-CP Art. 18(1), 20(1)(a)",
                ),
            ),
        )
    latest, rule = _latest_paper_arrival(calendar, desk, transfer)
    if competent_received_at is None:
        return ClockStart(
            latest,
            (
                Reason(
                    ReasonKind.CLOCK,
                    "received regardless of administrative boundaries on paper, receipt by the "
                    f"competent body not recorded: the clock starts at the latest instant the "
                    f"transfer may take, {_fmt(latest)}; {rule}",
                    _paper_basis(transfer),
                ),
            ),
        )
    actual = calendar._local("competent_received_at", competent_received_at)
    if actual < desk:
        raise InvalidValueError(
            "competent_received_at", competent_received_at, "must not be before desk_received_at"
        )
    if actual > latest:
        return ClockStart(
            latest,
            (
                Reason(
                    ReasonKind.CLOCK,
                    f"the competent body received the paper dossier {_fmt(actual)}, later than "
                    f"the transfer may take: the clock starts at {_fmt(latest)}, the latest "
                    f"allowed instant; {rule}",
                    _paper_basis(transfer),
                ),
            ),
        )
    return ClockStart(
        actual,
        (
            Reason(
                ReasonKind.CLOCK,
                "received regardless of administrative boundaries on paper: the clock starts "
                f"when the competent body received it, {_fmt(actual)}",
                _paper_basis(transfer),
            ),
        ),
    )
