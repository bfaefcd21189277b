"""The due instant of one procedure: base limit, clock start and extension (Procedure.due).

Private module; :meth:`adminflow.procedures.Procedure.due` is the public entry point.

References:
    Decree 118/2025/NĐ-CP, Art. 17(3) (the clock starts at the receipt slip; for boundary-free
    dossiers, from 5 August 2026, when the competent agency receives them: Decree
    309/2026/NĐ-CP Art. 8). Decree 23/2015/NĐ-CP, Art. 21 (an extension of "thêm không quá
    02 ngày làm việc": two *more* working days).
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

import attrs

from adminflow.calendar import (
    ClockStart,
    Deadline,
    ProcessingTime,
    Reason,
    ReasonKind,
    TimeUnit,
    WorkingCalendar,
)
from adminflow.errors import CalendarError, InvalidValueError
from adminflow.procedures._enums import ExtensionMode


class Extension(Protocol):
    """What the computation reads of an extension (:class:`adminflow.procedures.Extension`)."""

    @property
    def time(self) -> ProcessingTime: ...
    @property
    def condition(self) -> str: ...
    @property
    def legal_basis(self) -> str | None: ...
    @property
    def mode(self) -> ExtensionMode: ...


class Procedure(Protocol):
    """What the computation reads of a procedure (:class:`adminflow.procedures.Procedure`)."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def processing_time(self) -> ProcessingTime: ...
    @property
    def legal_basis(self) -> tuple[str, ...]: ...
    @property
    def valid_from(self) -> dt.date | None: ...
    @property
    def valid_to(self) -> dt.date | None: ...
    def is_valid_on(self, day: dt.date) -> bool: ...


__all__ = ["procedure_due"]


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(d: dt.date) -> str:
    """``f"{d:%a %d %b %Y}"`` in the C locale, without ``strftime`` (a hot path)."""
    return f"{_WEEKDAYS[d.weekday()]} {d.day:02d} {_MONTHS[d.month]} {d.year}"


def _fmt(at: dt.datetime) -> str:
    """``f"{at:%a %d %b %Y %H:%M}"`` in the C locale, without ``strftime`` (a hot path)."""
    return f"{_day(at)} {at.hour:02d}:{at.minute:02d}"


def _limit_reason(procedure: Procedure, time: ProcessingTime) -> Reason:
    """The line naming the procedure's limit; the same for every dossier, so kept per version.

    The cache holds the procedure itself and is checked by identity (procedures are frozen).
    """
    key = (id(procedure), id(time))
    cached = _LIMIT_REASONS.get(key)
    if cached is not None and cached[0] is procedure and cached[1] is time:
        return cached[2]
    reason = _make_limit_reason(procedure, time)
    if len(_LIMIT_REASONS) >= 4096:
        _LIMIT_REASONS.clear()
    _LIMIT_REASONS[key] = (procedure, time, reason)
    return reason


_LIMIT_REASONS: dict[tuple[int, int], tuple[Procedure, ProcessingTime, Reason]] = {}


def _make_limit_reason(procedure: Procedure, time: ProcessingTime) -> Reason:
    source = time.source or "; ".join(procedure.legal_basis) or "the procedure's catalogue entry"
    return Reason(
        ReasonKind.LIMIT,
        f"procedure {procedure.code} ({procedure.name}): processing time {time}",
        source,
    )


def _add(
    calendar: WorkingCalendar, base: Deadline, time: ProcessingTime
) -> tuple[dt.datetime, list[Reason]]:
    """Add ``time`` after the base due instant; the day lines of the added days."""
    due_on = base.due_on
    if time.unit is TimeUnit.WORKING_HOURS:
        due_at = calendar.add_working_hours(base.due_at, time.amount)
    elif time.unit is TimeUnit.WORKING_DAYS:
        due_at = calendar.closing(calendar.add_working_days(due_on, time.amount))
    else:  # calendar days; a last day off moves to the next working day (Civil Code Art. 148(5))
        try:
            last_day = due_on + dt.timedelta(days=time.amount)
        except OverflowError:
            raise CalendarError(
                "extension", time.amount, "ends outside the supported years of the calendar"
            ) from None
        calendar._offset("extension", last_day)
        due_at = calendar.closing(calendar.add_working_days(last_day, 0))
    first = due_on + dt.timedelta(days=1)
    notes = [
        Reason(ReasonKind(n.kind.value), n.name, n.source, n.day)
        for n in (calendar.notes_between(first, due_at.date()) if first <= due_at.date() else ())
    ]
    return due_at, notes


def procedure_due(
    procedure: Procedure,
    received_at: dt.datetime,
    *,
    calendar: WorkingCalendar,
    extension: Extension | None = None,
    clock_start: ClockStart | None = None,
) -> Deadline:
    """See :meth:`adminflow.procedures.Procedure.due` (which checks the extension's type)."""
    if not isinstance(calendar, WorkingCalendar):
        raise InvalidValueError("calendar", calendar, "must be a WorkingCalendar")
    if clock_start is not None and not isinstance(clock_start, ClockStart):
        raise InvalidValueError("clock_start", clock_start, "must be a ClockStart or None")
    desk = calendar._local("received_at", received_at)
    if not procedure.is_valid_on(desk.date()):
        start_day = procedure.valid_from.isoformat() if procedure.valid_from else "..."
        end_day = procedure.valid_to.isoformat() if procedure.valid_to else "..."
        raise InvalidValueError(
            "received_at",
            received_at,
            f"is outside the window [{start_day}, {end_day}) of this version of procedure "
            f"{procedure.code}; take the version valid that day, Catalog.get(code, on=day)",
        )
    start = desk
    head: list[Reason] = []
    if clock_start is not None:
        start = calendar._local("clock_start.at", clock_start.at)
        if start < desk:
            raise InvalidValueError(
                "clock_start.at", clock_start.at, "must not be before received_at"
            )
        head = list(clock_start.reasons)
    if extension is not None and extension.mode is ExtensionMode.REPLACEMENT:
        deadline = calendar.due(start, extension.time)
        tail = [
            Reason(
                ReasonKind.EXTENSION,
                f"extension applied ({extension.condition}): a longer limit of "
                f"{extension.time}, counted from the clock start, replaces "
                f"{procedure.processing_time}",
                extension.legal_basis or "; ".join(procedure.legal_basis) or "not given",
            )
        ]
        return attrs.evolve(
            deadline,
            explanation=(
                *head,
                _limit_reason(procedure, procedure.processing_time),
                *tail,
                *deadline.explanation,
            ),
        )
    base = calendar._due_local(start, procedure.processing_time)  # start: from _local
    if extension is None:
        return Deadline(
            base.received_at,
            base.processing_time,
            base.due_at,
            (*head, _limit_reason(procedure, procedure.processing_time), *base.explanation),
        )
    lines = [*head, _limit_reason(procedure, procedure.processing_time), *base.explanation]
    due_at, notes = _add(calendar, base, extension.time)
    lines += [
        Reason(
            ReasonKind.EXTENSION,
            f"extension applied ({extension.condition}): {extension.time} more after the base "
            f"due instant {_fmt(base.due_at)}",
            extension.legal_basis or "; ".join(procedure.legal_basis) or "not given",
        ),
        *notes,
        Reason(
            ReasonKind.END,
            f"with the extension, due at {_fmt(due_at)}",
            extension.legal_basis or "not given",
        ),
    ]
    return attrs.evolve(base, due_at=due_at, explanation=tuple(lines))
