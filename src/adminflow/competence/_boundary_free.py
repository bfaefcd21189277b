"""Boundary-free receipt (tiếp nhận không phụ thuộc địa giới hành chính) and transfer.

Private module; the public names are re-exported by :mod:`adminflow.competence`.

References:
    Decree 118/2025/NĐ-CP, Art. 3(6) (nationwide), Art. 3(7) and 14(2) (within the province),
    Art. 17(3) (when the clock starts), Art. 18 and 20(1) (transfer: the electronic dossier at
    once, the paper dossier within 1 working day). Decree 309/2026/NĐ-CP (5 August 2026),
    Art. 7 (adds Art. 14(4): nationwide receipt by provincial and commune centres for listed
    procedures) and Art. 8 (Art. 17(3): for boundary-free dossiers the clock starts when the
    competent agency receives the dossier) — read in a third-party copy of the decree.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Protocol

import attrs

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
    "ReceiptDecision",
    "ReceiptMode",
    "Transfer",
    "decide_receipt",
    "plan_transfer",
]

#: Decree 118/2025/NĐ-CP in force (two-level government).
_DECREE_118_FROM = dt.date(2025, 7, 1)
#: Every procedure boundary-free within its province (Decree 118/2025/NĐ-CP Art. 40(4)); from
#: then on the catalogue's ``boundary_free`` scope counts even without a published list.
ALL_WITHIN_PROVINCE_FROM = dt.date(2025, 12, 31)
#: Decree 309/2026/NĐ-CP in force: Art. 14(4) nationwide receipt; Art. 17(3) clock rule. Its
#: article numbers (Art. 7, 8) come from a third-party copy that may mislabel clauses [V-copy].
NATIONWIDE_RECEIPT_AMENDED = dt.date(2026, 8, 5)


class ReceiptMode(enum.StrEnum):
    """How a One-Stop Unit comes to receive a dossier."""

    COMPETENT_UNIT = "competent_unit"  #: the competent body's own unit
    WITHIN_PROVINCE = "within_province"  #: trong phạm vi cấp tỉnh (Art. 3(7), 14(2))
    NATIONWIDE = "nationwide"  #: toàn quốc (Art. 3(6), 14(4))


class ClockStart(enum.StrEnum):
    """When the processing time starts for a received dossier (Decree 118/2025 Art. 17(3))."""

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
        paper_within_working_days: Working days allowed for moving the paper dossier: 1 to
            another unit (Art. 20(1)); 0 inside the competent unit, meaning the same working day,
            or the start of the next one when received after 15:00 (Art. 18(2)).
        clock_start: When the processing time starts.
        legal_basis: The provisions.
    """

    required: bool
    destination: AnyAuthority
    mode: ReceiptMode
    electronic: str
    paper_within_working_days: int
    clock_start: ClockStart
    legal_basis: str


def _regime(on: dt.date) -> str:
    if on >= _DECREE_118_FROM:
        return "Decree 118/2025/NĐ-CP"
    return "Decree 61/2018/NĐ-CP (amended by Decree 107/2021/NĐ-CP)"


def _basis(on: dt.date, articles: str) -> str:
    """The regime's articles from 1 July 2025; before then only the regime is named."""
    return f"{_regime(on)} {articles}" if on >= _DECREE_118_FROM else _regime(on)


def _nationwide_basis(on: dt.date) -> str:
    if on >= NATIONWIDE_RECEIPT_AMENDED:
        return "Decree 118/2025/NĐ-CP Art. 3(6), 14(4) (added by Decree 309/2026/NĐ-CP Art. 7)"
    return _basis(on, "Art. 3(6)")


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
    if on >= _DECREE_118_FROM and (
        lists or (on >= ALL_WITHIN_PROVINCE_FROM and scope == "nationwide")
    ):
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


def plan_transfer(decision: ReceiptDecision, receiving: str, on: dt.date) -> Transfer:
    """See :meth:`adminflow.competence.CompetenceResolver.transfer`."""
    if not decision or decision.competence is None or decision.mode is None:
        raise InvalidValueError("receiving_unit", receiving, decision.reason)
    if decision.mode is ReceiptMode.COMPETENT_UNIT:
        # Passed on inside the competent unit: same working day, or the next one after 15:00.
        electronic = "passed to the competent body in the handling system right after receipt"
        paper_days, clock_start, articles = 0, ClockStart.RECEIPT, "Art. 17(3), 18(2)"
    elif on >= NATIONWIDE_RECEIPT_AMENDED:
        electronic, paper_days, clock_start = "immediately", 1, ClockStart.COMPETENT_AGENCY_RECEIPT
        articles = "Art. 20(1), Art. 17(3) as amended by Decree 309/2026/NĐ-CP Art. 8"
    else:
        electronic, paper_days, clock_start = "immediately", 1, ClockStart.RECEIPT
        articles = "Art. 20(1), Art. 17(3)"
    return Transfer(
        required=decision.mode is not ReceiptMode.COMPETENT_UNIT,
        destination=decision.competence.acting,
        mode=decision.mode,
        electronic=electronic,
        paper_within_working_days=paper_days,
        clock_start=clock_start,
        legal_basis=_basis(on, articles),
    )
