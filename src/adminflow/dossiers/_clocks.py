"""The clocks of a dossier: due instants of the procedure version, clock starts, time limits.

The due instant comes from :meth:`adminflow.procedures.Procedure.due` on the version in force at
receipt (``Catalog.get(code, on=)``), with the clock start of a transferred dossier from
:func:`adminflow.competence.clock_start` and, when its condition holds, one of the procedure's
legal extensions. The explanation lines become :class:`ClockNote` lines of the dossier.
"""

from __future__ import annotations

import datetime as dt
import functools

from adminflow.calendar import ClockStart, Reason, ReasonKind, WorkingCalendar
from adminflow.codes import AgencyCode, DossierCode, parse_agency_code
from adminflow.competence import CompetenceResolver, clock_start
from adminflow.dossiers._model import ClockNote
from adminflow.errors import InvalidValueError
from adminflow.procedures import Extension, Procedure

__all__ = ["dossier_code", "find_extension", "procedure_due", "transfer_clock_start"]

_KINDS = {
    ReasonKind.CLOCK: "clock_start",
    ReasonKind.LIMIT: "limit",
    ReasonKind.EXTENSION: "legal_extension",
}


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


_MINUTES = tuple(f"{h:02d}:{m:02d}" for h in range(24) for m in range(60))


@functools.lru_cache(maxsize=1024)
def _day(d: dt.date) -> str:
    """``f"{d:%a %d %b %Y}"`` in the C locale, without ``strftime`` (a hot path)."""
    return f"{_WEEKDAYS[d.weekday()]} {d.day:02d} {_MONTHS[d.month]} {d.year}"


def _fmt(at: dt.datetime) -> str:
    """``f"{at:%a %d %b %Y %H:%M}"`` in the C locale, without ``strftime`` (a hot path)."""
    return f"{_day(at.date())} {_MINUTES[at.hour * 60 + at.minute]}"


def _note(reason: Reason) -> ClockNote:
    """The dossier's line for ``reason``; kept for reasons shared by many deadlines.

    The calendar and the procedure share their day-dependent and limit lines between
    deadlines, so their notes are made once (reasons are frozen; checked by identity).
    """
    cached = _NOTES.get(id(reason))
    if cached is not None and cached[0] is reason:
        return cached[1]
    note = _make_note(reason)
    if reason.kind is ReasonKind.START:  # names the receipt minute: one dossier's own
        return note
    if len(_NOTES) >= 4096:
        _NOTES.clear()
    _NOTES[id(reason)] = (reason, note)
    return note


_NOTES: dict[int, tuple[Reason, ClockNote]] = {}


def _make_note(reason: Reason) -> ClockNote:
    text = f"{_day(reason.day)}: {reason.text}" if reason.day else reason.text
    return ClockNote(_KINDS.get(reason.kind, "calendar"), text, reason.source)


def procedure_due(
    procedure: Procedure,
    received_at: dt.datetime,
    calendar: WorkingCalendar,
    *,
    start: ClockStart | None = None,
    extension: Extension | None = None,
) -> tuple[dt.datetime, tuple[ClockNote, ...]]:
    """The due instant of ``procedure`` for a dossier received at ``received_at``, explained.

    ``start`` is when the clock starts when that is not the receipt (a transfer, a restart).
    """
    deadline = procedure.due(received_at, calendar=calendar, clock_start=start, extension=extension)
    return deadline.due_at, tuple([_note(r) for r in deadline.explanation])


def find_extension(procedure: Procedure, condition: object) -> Extension | None:
    """The procedure's legal extension whose condition is ``condition`` (``None`` for none).

    Raises:
        InvalidValueError: The procedure has no extension with that condition.
    """
    if condition is None:
        return None
    for extension in procedure.extensions:
        if extension.condition == condition:
            return extension
    known = "; ".join(e.condition for e in procedure.extensions) or "none"
    raise InvalidValueError(
        "extension", condition, f"is not a condition of procedure {procedure.code} ({known})"
    )


def transfer_clock_start(
    competence: CompetenceResolver | None,
    procedure: Procedure,
    desk_received_at: dt.datetime,
    *,
    calendar: WorkingCalendar,
    receiving_unit: str,
    subject_unit: str,
    electronic: bool,
    competent_received_at: dt.datetime | None = None,
) -> ClockStart | None:
    """When the clock of a dossier received outside the competent area starts (or ``None``).

    Without a competence resolver there is no transfer plan, and the clock starts at the desk.

    References:
        Decree 118/2025/NĐ-CP Art. 17(3) as amended by Decree 309/2026/NĐ-CP Art. 8; Art. 18,
        20(1)(a).
    """
    if competence is None:
        return None
    day = desk_received_at.astimezone(calendar.timezone).date()
    plan = competence.transfer(procedure, receiving_unit, subject_unit, at=day)
    return clock_start(
        desk_received_at,
        plan,
        calendar=calendar,
        electronic=electronic,
        competent_received_at=competent_received_at,
    )


@functools.lru_cache(maxsize=4096)
def _agency(text: str) -> AgencyCode:
    return parse_agency_code(text, field="agency")


def dossier_code(agency: object, received_on: dt.date, sequence: object) -> str:
    """The dossier code of the agency, receipt day and daily sequence, in the layout of the day.

    Raises:
        InvalidValueError: The agency identifier or the sequence is malformed.
    """
    if type(sequence) is int and type(agency) is str:
        prefix, width, highest = _code_layout(agency, received_on)
        if 1 <= sequence <= highest:
            return f"{prefix}{sequence:0{width}d}"
    if not isinstance(agency, str):
        raise InvalidValueError("agency", agency, "must be an agency identifier (str)")
    if isinstance(sequence, bool) or not isinstance(sequence, int):
        raise InvalidValueError("sequence", sequence, "must be an integer")
    return str(DossierCode.generate(_agency(agency), received_on, sequence))


@functools.lru_cache(maxsize=4096)
def _code_layout(agency: str, received_on: dt.date) -> tuple[str, int, int]:
    """The code of the agency and day up to its sequence, the sequence's width and its maximum.

    Found from :meth:`DossierCode.generate` itself (sequences 1 and the widest), so the codes
    are those it makes; the largest sequence is 0 when that fails (no fast path).

    Raises:
        InvalidValueError: The agency identifier or the day is malformed.
    """
    first = str(DossierCode.generate(_agency(agency), received_on, 1))
    prefix, _, digits = first.rpartition("-")
    width = len(digits)
    highest = 10**width - 1
    try:
        widest = str(DossierCode.generate(_agency(agency), received_on, highest))
    except InvalidValueError:
        return prefix + "-", width, 0
    if widest != f"{prefix}-{highest}":  # pragma: no cover - the layouts pad to the width
        return prefix + "-", width, 0
    return prefix + "-", width, highest
