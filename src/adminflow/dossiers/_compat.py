"""Bridges to catalogue, deadline and code features that are being extended elsewhere.

The workflow calls these helpers rather than the library directly for three features that grow
in the legal-corrections work: dated procedure versions (``Catalog.get(code, on=)``), due
instants with an extension and a clock start (``Procedure.due``), and the 2026 dossier-code
layout (``DossierCode.generate``). Each helper uses the new API when it is present, and today's
API otherwise.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
from typing import Any

from adminflow.calendar import WorkingCalendar
from adminflow.codes import AgencyCode, DossierCode, parse_agency_code
from adminflow.errors import InvalidValueError, NotFoundError
from adminflow.procedures import Catalog, Procedure

__all__ = ["dossier_code", "get_procedure", "procedure_due"]


_ACCEPTS: dict[tuple[Any, str], bool] = {}


def _accepts(func: Any, name: str) -> bool:
    key = (getattr(func, "__func__", func), name)
    if key not in _ACCEPTS:
        try:
            _ACCEPTS[key] = name in inspect.signature(func).parameters
        except (TypeError, ValueError):
            _ACCEPTS[key] = False
    return _ACCEPTS[key]


def get_procedure(catalog: Catalog, code: str, on: dt.date) -> Procedure:
    """The version of procedure ``code`` in force on ``on``.

    Raises:
        NotFoundError: The catalogue has no such procedure, or none in force that day.
    """
    if _accepts(catalog.get, "on"):
        found: Procedure = catalog.get(code, on=on)  # type: ignore[call-arg]
        return found
    procedure = catalog.get(code)
    if not procedure.is_valid_on(on):
        raise NotFoundError("procedure", code, hint=f"no version in force on {on.isoformat()}")
    return procedure


def procedure_due(
    procedure: Procedure, start: dt.datetime, calendar: WorkingCalendar
) -> tuple[dt.datetime, tuple[tuple[str, str], ...]]:
    """The due instant of ``procedure`` counted from ``start``, and its explanation lines.

    Returns:
        ``(due_at, ((text, source), ...))``.
    """
    due = getattr(procedure, "due", None)
    if due is not None and _accepts(due, "calendar"):
        deadline = due(start, calendar=calendar)
    else:
        deadline = calendar.due(start, procedure.processing_time)
    lines = tuple(
        (f"{r.day:%a %d %b %Y}: {r.text}" if r.day else r.text, r.source)
        for r in deadline.explanation
    )
    return deadline.due_at, lines


@functools.lru_cache(maxsize=4096)
def _agency(text: str) -> AgencyCode:
    return parse_agency_code(text, field="agency")


def dossier_code(agency: str, received_on: dt.date, sequence: int) -> str:
    """The dossier code of the agency, receipt day and daily sequence number.

    Raises:
        InvalidValueError: The agency identifier or the sequence is malformed.
    """
    if not isinstance(agency, str):
        raise InvalidValueError("agency", agency, "must be an agency identifier (str)")
    parsed = _agency(agency)
    generate = getattr(DossierCode, "generate", None)
    if generate is not None:
        return str(generate(parsed, received_on, sequence))
    if isinstance(sequence, bool) or not isinstance(sequence, int):
        raise InvalidValueError("sequence", sequence, "must be an integer")
    return str(DossierCode(parsed, received_on, sequence))


def parse_dossier_code(text: object) -> str:
    """``text`` if it is a dossier code in a layout the library knows.

    Raises:
        InvalidValueError: It is not.
    """
    from adminflow.codes import parse_dossier_code as parse

    return str(parse(text, field="code"))


def clock_start(
    desk_received_at: dt.datetime,
    *,
    calendar: WorkingCalendar,
    competence: Any,
    procedure: Procedure,
    receiving_unit: str,
    subject_unit: str,
    electronic: bool,
    competent_received_at: dt.datetime | None = None,
) -> tuple[dt.datetime, tuple[tuple[str, str], ...]]:
    """When the processing time of a dossier received outside the competent area starts.

    From 5 August 2026 it runs from the competent agency's receipt: at once for an electronic
    transfer; for paper, at ``competent_received_at`` when known, else at the latest instant
    the transfer may take, and never later than that instant (the applicant does not bear a
    late transfer).

    Returns:
        ``(start, ((text, source), ...))``.

    References:
        Decree 118/2025/NĐ-CP Art. 17(3) as amended by Decree 309/2026/NĐ-CP Art. 8; Art. 18,
        20(1)(a).
    """
    from adminflow import competence as module

    real = getattr(module, "clock_start", None)
    if real is not None and competence is not None:
        day = desk_received_at.astimezone(calendar.timezone).date()
        plan = competence.transfer(procedure, receiving_unit, subject_unit, at=day)
        start = real(
            desk_received_at,
            plan,
            calendar=calendar,
            electronic=electronic,
            competent_received_at=competent_received_at,
        )
        return start.at, tuple((r.text, r.source) for r in start.reasons)
    desk = desk_received_at.astimezone(calendar.timezone)
    basis = (
        "Decree 118/2025/NĐ-CP Art. 17(3) as amended by Decree 309/2026/NĐ-CP Art. 8; "
        "Art. 18(1), 20(1)(a)"
    )
    if electronic:
        text = (
            "received outside the competent area and transferred electronically at once: the "
            f"time runs from the desk receipt, {desk:%a %d %b %Y %H:%M}"
        )
        return desk, ((text, basis),)
    latest = calendar.closing(calendar.add_working_days(desk.date(), 1))
    if competent_received_at is None or competent_received_at > latest:
        text = (
            "received outside the competent area, paper transfer: the time runs from the "
            "competent agency's receipt, and at the latest from the last instant the transfer "
            f"may take (1 working day), {latest:%a %d %b %Y %H:%M}"
        )
        return latest, ((text, basis),)
    local = competent_received_at.astimezone(calendar.timezone)
    text = (
        "received outside the competent area: the competent agency received the paper dossier "
        f"{local:%a %d %b %Y %H:%M}; the processing time runs from then"
    )
    return local, ((text, basis),)
