"""Processing time (thời hạn giải quyết) of a procedure and the deadlines it gives.

A procedure's legal processing time is counted in working days, in working hours, in calendar
days where the sector law says "ngày" without "làm việc", or is "within the day" (same day) with
a cut-off hour after which the request is handled on the next working day. The time limit
itself comes from the sector law and is published with the procedure (Decree 63/2010/NĐ-CP
Art. 8(2)(đ)); the clock starts at complete and valid receipt (Decree 118/2025/NĐ-CP
Art. 17(3)).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import attrs

from adminflow.calendar._types import DayNote, OfficeSession, check_naive_time, is_integer
from adminflow.errors import CalendarError, InvalidValueError

__all__ = [
    "FIRST_RULE_SET_FROM",
    "ClockStart",
    "Deadline",
    "ProcessingTime",
    "Reason",
    "ReasonKind",
    "TimeUnit",
    "explain_due",
]


class DayCalendar(Protocol):
    """What the deadline rules read from a working calendar (its public methods)."""

    @property
    def sessions(self) -> tuple[OfficeSession, ...]: ...
    @property
    def timezone(self) -> ZoneInfo: ...
    @property
    def last_day(self) -> dt.date: ...
    def is_working_day(self, day: dt.date) -> bool: ...
    def add_working_days(self, day: dt.date, n: int) -> dt.date: ...
    def notes_between(self, start: dt.date, end: dt.date) -> list[DayNote]: ...
    def closing(self, day: dt.date) -> dt.datetime: ...
    def next_working_instant(self, at: dt.datetime) -> dt.datetime: ...
    def add_working_hours(self, at: dt.datetime, hours: int) -> dt.datetime: ...
    def handling_day(
        self, received_at: dt.datetime, *, cutoff: dt.time | None = None
    ) -> dt.date: ...


class TimeUnit(enum.StrEnum):
    """The unit a processing time is expressed in."""

    WORKING_DAYS = "working_days"  #: ngày làm việc
    WORKING_HOURS = "working_hours"  #: giờ làm việc
    SAME_DAY = "same_day"  #: trong ngày (with a cut-off hour)
    DAYS = "days"  #: ngày: calendar days, e.g. Law 28/2009/QH12 on Judicial Records Art. 48


def _unit(value: Any) -> TimeUnit:
    try:
        return TimeUnit(value)
    except ValueError:
        raise InvalidValueError(
            "unit", value, f"must be one of {', '.join(u.value for u in TimeUnit)}"
        ) from None


def _amount(value: Any) -> int:
    if not is_integer(value):
        raise InvalidValueError("amount", value, "must be an integer")
    return int(value)


def _check_amount(instance: ProcessingTime, attribute: attrs.Attribute[int], value: int) -> None:
    if instance.unit is TimeUnit.SAME_DAY:
        if value != 0:
            raise InvalidValueError(attribute.name, value, "must be 0 for a same-day time")
    elif value <= 0:
        raise InvalidValueError(attribute.name, value, "must be > 0")


def _check_source(instance: ProcessingTime, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(attribute.name, value, "must be a non-empty string")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidValueError(attribute.name, value, "must be valid Unicode text") from None


def _check_cutoff(instance: ProcessingTime, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if instance.unit is not TimeUnit.SAME_DAY:
        raise InvalidValueError(attribute.name, value, "only goes with a same-day time")
    check_naive_time(instance, attribute, value)


@attrs.frozen
class ProcessingTime:
    """A legal processing time (thời hạn giải quyết).

    Build one with :meth:`working_days`, :meth:`working_hours`, :meth:`days` or
    :meth:`same_day`.

    Attributes:
        unit: Working days, working hours, calendar days, or same day.
        amount: How many days or hours; 0 for a same-day time.
        cutoff: For a same-day time, the hour after which a request received is handled on the
            next working day (15:00 in e.g. Decree 23/2015/NĐ-CP Art. 7 on certification).
        source: The sector-law provision that sets this limit (and its cut-off), e.g.
            ``"Law 60/2014/QH13 on Civil Status, Art. 5(3)"``; it is cited in the explanation.
    """

    unit: TimeUnit = attrs.field(converter=_unit)
    amount: int = attrs.field(converter=_amount, validator=_check_amount)
    cutoff: dt.time | None = attrs.field(default=None, validator=_check_cutoff)
    source: str | None = attrs.field(default=None, validator=_check_source, kw_only=True)

    @classmethod
    def working_days(cls, n: int, *, source: str | None = None) -> ProcessingTime:
        """A time of ``n`` working days (ngày làm việc)."""
        return cls(TimeUnit.WORKING_DAYS, n, source=source)

    @classmethod
    def working_hours(cls, n: int, *, source: str | None = None) -> ProcessingTime:
        """A time of ``n`` working hours (giờ làm việc)."""
        return cls(TimeUnit.WORKING_HOURS, n, source=source)

    @classmethod
    def days(cls, n: int, *, source: str | None = None) -> ProcessingTime:
        """A time of ``n`` calendar days (ngày), for sector laws that do not say "working".

        Example: the judicial record certificate, "không quá 10 ngày" (Law 28/2009/QH12 on
        Judicial Records Art. 48(1)).
        """
        return cls(TimeUnit.DAYS, n, source=source)

    @classmethod
    def same_day(
        cls, cutoff: dt.time = dt.time(15, 0), *, source: str | None = None
    ) -> ProcessingTime:
        """Within the day of receipt, or the next working day when received after ``cutoff``.

        Args:
            cutoff: The cut-off hour.
            source: The sector-law provision that sets the limit and its cut-off, e.g.
                ``"Decree 23/2015/NĐ-CP, Art. 7"`` (certification) or ``"Law 60/2014/QH13 on
                Civil Status, Art. 5(3)"``.
        """
        return cls(TimeUnit.SAME_DAY, 0, cutoff, source=source)

    def __str__(self) -> str:
        if self.unit is TimeUnit.SAME_DAY:
            cutoff = self.cutoff.strftime("%H:%M") if self.cutoff else "close of office"
            return f"same day (cut-off {cutoff})"
        label = {
            TimeUnit.WORKING_DAYS: "working day",
            TimeUnit.WORKING_HOURS: "working hour",
            TimeUnit.DAYS: "calendar day",
        }[self.unit]
        return f"{self.amount} {label}{'s' if self.amount != 1 else ''}"


class ReasonKind(enum.StrEnum):
    """What a line of a deadline's explanation is about."""

    START = "start"  #: when the period starts
    OUTSIDE_HOURS = "outside_hours"  #: received outside office sessions
    SESSIONS = "sessions"  #: working hours count only inside office sessions
    CUTOFF = "cutoff"  #: the same-day cut-off hour
    END = "end"  #: when the period ends
    WEEKEND = "weekend"  #: a weekly rest day skipped
    HOLIDAY = "holiday"  #: a public holiday skipped
    SUBSTITUTE = "substitute"  #: a day off in lieu skipped
    SWAPPED_OFF = "swapped_off"  #: a working day swapped off, skipped
    SWAPPED_WORKDAY = "swapped_workday"  #: a weekend day worked by a swap, counted
    CLOSURE = "closure"  #: a local closure skipped
    EXTRA_WORKDAY = "extra_workday"  #: a weekend day worked by local decision, counted
    LIMIT = "limit"  #: the procedure's time limit and its legal source
    CLOCK = "clock"  #: when the clock of a transferred dossier starts
    EXTENSION = "extension"  #: an extension of the time limit


@attrs.frozen
class Reason:
    """One line of a deadline's explanation (căn cứ tính thời hạn), with its legal source.

    Attributes:
        kind: What the line is about.
        text: The rule or day, in words.
        source: The legal source (law, decree, notice and article).
        day: The day concerned, for day lines.
    """

    kind: ReasonKind
    text: str
    source: str
    day: dt.date | None = None

    def __str__(self) -> str:
        prefix = f"{self.day:%a %d %b %Y}: " if self.day else ""
        return f"{prefix}{self.text} [{self.source}]"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {
            "kind": self.kind.value,
            "day": self.day.isoformat() if self.day else None,
            "text": self.text,
            "source": self.source,
        }


@attrs.frozen
class ClockStart:
    """The instant a processing time starts (thời điểm bắt đầu tính thời gian giải quyết), and why.

    Built by :func:`adminflow.competence.clock_start` for a dossier received at one unit and
    transferred to the competent body; :meth:`adminflow.procedures.Procedure.due` counts from
    it and puts its reasons first in the explanation.

    Attributes:
        at: The instant the clock starts (aware).
        reasons: Why, with the legal sources.
    """

    at: dt.datetime
    reasons: tuple[Reason, ...] = ()

    def __attrs_post_init__(self) -> None:
        given: object = self.at
        if not isinstance(given, dt.datetime) or self.at.utcoffset() is None:
            raise InvalidValueError("at", self.at, "must be an aware datetime")
        reasons: object = self.reasons
        if not isinstance(reasons, tuple) or not all(isinstance(r, Reason) for r in reasons):
            raise InvalidValueError("reasons", self.reasons, "must be a tuple of Reason")


@attrs.frozen
class Deadline:
    """A deadline (hạn giải quyết): when a result is due, and why.

    Attributes:
        received_at: The receipt instant the period runs from (the receipt slip).
        processing_time: The legal processing time.
        due_at: The due instant, in the calendar's time zone.
        explanation: Every rule and day that set or moved the due instant, in order.
    """

    received_at: dt.datetime
    processing_time: ProcessingTime
    due_at: dt.datetime
    explanation: tuple[Reason, ...]

    @property
    def due_on(self) -> dt.date:
        """The due day."""
        return self.due_at.date()

    def __str__(self) -> str:
        lines = [
            f"received:        {self.received_at.isoformat()}",
            f"processing time: {self.processing_time}",
            f"due:             {self.due_at.isoformat()} ({self.due_at:%a %d %b %Y %H:%M})",
            "because:",
        ]
        lines.extend(f"  - {reason}" for reason in self.explanation)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        pt = self.processing_time
        return {
            "received_at": self.received_at.isoformat(),
            "processing_time": {
                "unit": pt.unit.value,
                "amount": pt.amount,
                "cutoff": pt.cutoff.strftime("%H:%M") if pt.cutoff else None,
                "source": pt.source,
            },
            "due_at": self.due_at.isoformat(),
            "due_on": self.due_on.isoformat(),
            "explanation": [reason.to_dict() for reason in self.explanation],
        }


CIVIL_CODE_START = "Civil Code 2015 Art. 147(2)-(3)"
CIVIL_CODE_HOURS = "Civil Code 2015 Art. 147(1)"
CIVIL_CODE_LAST_DAY_OFF = "Civil Code 2015 Art. 148(5)"
#: The Civil Code ends a day period at 24:00 of its last day; the due instant adminflow gives is
#: the close of office of that day, when a result can still be handed over. Both are said.
CLOSE_OF_OFFICE_SOURCE = (
    "Civil Code 2015 Art. 148(1),(6) (a period in days ends at 24:00 of its last day); "
    "adminflow convention: the due instant is the close of office of that day, the last moment "
    "a result can be returned during office hours"
)
SAME_DAY_END_SOURCE = (
    "adminflow convention: a time 'within the day' (trong ngày) ends at the close of office "
    "of the handling day"
)
RECEIPT_SOURCE = "Decree 118/2025/NĐ-CP Art. 17(3) (time runs from receipt shown on the slip)"
SESSION_SOURCE = (
    "Labour Code 2019 Art. 105(1) and Decision 188/1999/QĐ-TTg (8-hour day, 40-hour week); "
    "the session times are set by each province or agency"
)
CUTOFF_SOURCE = (
    "the procedure's sector law (no source was given with this processing time), e.g. Law "
    "60/2014/QH13 on Civil Status Art. 5(3) or Decree 23/2015/NĐ-CP Art. 7 (certification)"
)


#: Decree 118/2025/NĐ-CP applies to dossiers received from 1 July 2025 (its Art. 40(1));
#: before that, Decree 61/2018/NĐ-CP as amended by Decree 107/2021/NĐ-CP.
DECREE_118_FROM = dt.date(2025, 7, 1)
RECEIPT_SOURCE_61 = (
    "Decree 61/2018/NĐ-CP as amended by Decree 107/2021/NĐ-CP (time runs from receipt shown on "
    "the receipt-and-appointment slip; regime before 1 Jul 2025)"
)
CUTOFF_SOURCE_61 = CUTOFF_SOURCE

#: The first rule set adminflow models: Decree 61/2018/NĐ-CP took effect on 21 June 2018 (its
#: Art. 40). Before, neither it nor Decree 118/2025 applied, and receipts before 1 January 2017
#: also predate the Civil Code 2015: an explanation of such a receipt cites no law.
FIRST_RULE_SET_FROM = dt.date(2018, 6, 21)
NOT_MODELLED_SOURCE = (
    "no rule set modelled: adminflow models the receipt rules in force from 21 Jun 2018; "
    "the counting follows adminflow's conventions, not a law in force on the day of receipt"
)

_DAY = dt.timedelta(days=1)


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


def _skipped(calendar: DayCalendar, first: dt.date, last: dt.date) -> list[Reason]:
    """One line per day off and worked weekend day in ``[first, last]`` (none when empty)."""
    if first > last:
        return []
    return [
        Reason(ReasonKind(n.kind.value), n.name, n.source, n.day)
        for n in calendar.notes_between(first, last)
    ]


def _closing_reason(due_at: dt.datetime, text: str) -> Reason:
    return Reason(
        ReasonKind.END,
        f"{text}; due at the close of office, {_fmt(due_at)}",
        CLOSE_OF_OFFICE_SOURCE,
    )


def _working_days(
    calendar: DayCalendar, local: dt.datetime, n: int, receipt_source: str
) -> tuple[dt.datetime, list[Reason]]:
    received_on = local.date()
    due_on = calendar.add_working_days(received_on, n)
    due_at = calendar.closing(due_on)
    return due_at, [
        _working_days_start(local, receipt_source),
        *_skipped(calendar, received_on + _DAY, due_on),
        _closing_reason(due_at, f"working day {n} is {_day(due_on)}"),
    ]


def _calendar_days(
    calendar: DayCalendar, local: dt.datetime, n: int, receipt_source: str
) -> tuple[dt.datetime, list[Reason]]:
    try:
        last_day = local.date() + dt.timedelta(days=n)
    except OverflowError:
        raise CalendarError(
            "processing_time", n, "ends outside the supported years of the calendar"
        ) from None
    if last_day > calendar.last_day:
        raise CalendarError(
            "processing_time", n, "ends outside the supported years of the calendar"
        )
    due_on = calendar.add_working_days(last_day, 0)
    due_at = calendar.closing(due_on)
    reasons = [_calendar_days_start(local, receipt_source)]
    if due_on != last_day:
        reasons += _skipped(calendar, last_day, due_on)
        reasons.append(
            Reason(
                ReasonKind.END,
                f"day {n} is {_day(last_day)}, not a working day: the period ends on "
                f"the next working day, {_day(due_on)}",
                CIVIL_CODE_LAST_DAY_OFF,
            )
        )
    reasons.append(_closing_reason(due_at, f"day {n} of the period is {_day(due_on)}"))
    return due_at, reasons


def _working_hours(
    calendar: DayCalendar, local: dt.datetime, hours: int, receipt_source: str
) -> tuple[dt.datetime, list[Reason]]:
    start = calendar.next_working_instant(local)
    if start != local:
        first = Reason(
            ReasonKind.OUTSIDE_HOURS,
            f"received {_fmt(local)}, outside office sessions; working time starts at "
            f"the next opening, {_fmt(start)}",
            f"{CIVIL_CODE_HOURS}; {receipt_source}",
        )
    else:
        first = Reason(
            ReasonKind.START,
            f"received {_fmt(local)}; a period in hours starts at that moment",
            f"{CIVIL_CODE_HOURS}; {receipt_source}",
        )
    sessions = ", ".join(str(s) for s in calendar.sessions)
    due_at = calendar.add_working_hours(start, hours)
    return due_at, [
        first,
        Reason(
            ReasonKind.SESSIONS,
            f"working hours count only on working days, {sessions} ({calendar.timezone.key})",
            SESSION_SOURCE,
        ),
        *_skipped(calendar, local.date() + _DAY, due_at.date()),
        Reason(
            ReasonKind.END, f"{hours} working hours run out at {_fmt(due_at)}", CIVIL_CODE_HOURS
        ),
    ]


def _same_day(
    calendar: DayCalendar, local: dt.datetime, cutoff: dt.time | None, cutoff_source: str
) -> tuple[dt.datetime, list[Reason]]:
    received_on = local.date()
    close = calendar.sessions[-1].end
    limit = close if cutoff is None else cutoff
    due_on = calendar.handling_day(local, cutoff=limit)
    if due_on == received_on:
        text = (
            f"received {_fmt(local)}, a working day, at or before the {limit:%H:%M} "
            "cut-off: due the same day"
        )
    elif not calendar.is_working_day(received_on):
        text = f"received {_fmt(local)}, not a working day: due on the next working day"
    elif local.time().replace(tzinfo=None) >= close:
        text = (
            f"received {_fmt(local)}, after the close of office ({close:%H:%M}): due on the "
            "next working day"
        )
    else:
        text = (
            f"received {_fmt(local)}, after the {limit:%H:%M} cut-off: due on the next working day"
        )
    due_at = calendar.closing(due_on)
    return due_at, [
        Reason(ReasonKind.CUTOFF, text, cutoff_source),
        *_skipped(calendar, received_on + _DAY, due_on),
        Reason(ReasonKind.END, f"due at the close of office, {_fmt(due_at)}", SAME_DAY_END_SOURCE),
    ]


#: Day periods by (calendar, unit, amount, day of receipt): the due instant and every line
#: after the first (the first names the receipt minute). Many dossiers are received on the same
#: day for the same limit; the calendars are frozen, and each entry holds its calendar, checked
#: by identity. Bounded: emptied when full.
_DAY_PERIODS: dict[
    tuple[int, TimeUnit, int, dt.date], tuple[DayCalendar, dt.datetime, tuple[Reason, ...]]
] = {}
_DAY_PERIODS_MAX = 4096


def _day_period(
    calendar: DayCalendar, local: dt.datetime, unit: TimeUnit, n: int, receipt_source: str
) -> tuple[dt.datetime, list[Reason]]:
    """A period in working or calendar days: computed once per receipt day, first line apart."""
    key = (id(calendar), unit, n, local.date())
    cached = _DAY_PERIODS.get(key)
    if cached is not None and cached[0] is calendar:
        _, due_at, tail = cached
        if unit is TimeUnit.WORKING_DAYS:
            return due_at, [_working_days_start(local, receipt_source), *tail]
        return due_at, [_calendar_days_start(local, receipt_source), *tail]
    if unit is TimeUnit.WORKING_DAYS:
        due_at, reasons = _working_days(calendar, local, n, receipt_source)
    else:
        due_at, reasons = _calendar_days(calendar, local, n, receipt_source)
    if len(_DAY_PERIODS) >= _DAY_PERIODS_MAX:
        _DAY_PERIODS.clear()
    _DAY_PERIODS[key] = (calendar, due_at, tuple(reasons[1:]))
    return due_at, reasons


def _working_days_start(local: dt.datetime, receipt_source: str) -> Reason:
    return Reason(
        ReasonKind.START,
        f"received {_fmt(local)}; a period in days starts on the next day, "
        "the day of receipt is not counted",
        f"{CIVIL_CODE_START}; {receipt_source}",
    )


def _calendar_days_start(local: dt.datetime, receipt_source: str) -> Reason:
    return Reason(
        ReasonKind.START,
        f"received {_fmt(local)}; a period in days starts on the next day and counts "
        "every calendar day",
        f"{CIVIL_CODE_START}; {receipt_source}",
    )


def explain_due(
    calendar: DayCalendar, local: dt.datetime, processing_time: ProcessingTime
) -> Deadline:
    """The deadline of ``processing_time`` from ``local``, a checked instant in the calendar's zone.

    :meth:`adminflow.calendar.WorkingCalendar.due` documents the rules.
    """
    old_regime = local.date() < DECREE_118_FROM
    receipt_source = RECEIPT_SOURCE_61 if old_regime else RECEIPT_SOURCE
    unit, amount = processing_time.unit, processing_time.amount
    if unit is TimeUnit.WORKING_DAYS or unit is TimeUnit.DAYS:
        due_at, reasons = _day_period(calendar, local, unit, amount, receipt_source)
    elif unit is TimeUnit.WORKING_HOURS:
        due_at, reasons = _working_hours(calendar, local, amount, receipt_source)
    else:
        cutoff_source = processing_time.source or (
            CUTOFF_SOURCE_61 if old_regime else CUTOFF_SOURCE
        )
        due_at, reasons = _same_day(calendar, local, processing_time.cutoff, cutoff_source)
    if local.date() < FIRST_RULE_SET_FROM:
        reasons = _not_modelled(local, reasons)
    return Deadline(local, processing_time, due_at, tuple(reasons))


def _not_modelled(local: dt.datetime, reasons: list[Reason]) -> list[Reason]:
    """The explanation of a receipt before the first modelled rule set: it cites no law.

    The rule lines (start, cut-off, end) lose their sources; the day lines keep theirs (the
    calendar gives each day off the instrument of its own year).
    """
    note = Reason(
        ReasonKind.START,
        f"received {_fmt(local)}, before 21 Jun 2018: no rule set of adminflow applies to this "
        "receipt, so the lines below cite no law",
        NOT_MODELLED_SOURCE,
    )
    return [note] + [
        r if r.day is not None else attrs.evolve(r, source=NOT_MODELLED_SOURCE) for r in reasons
    ]
