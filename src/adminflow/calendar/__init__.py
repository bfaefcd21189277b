"""The working calendar (lịch làm việc) of a one-stop unit: working days, office hours, deadlines.

:meth:`WorkingCalendar.vietnam` builds the civil-service calendar of Vietnam: Saturday and
Sunday off (Decision 188/1999/QĐ-TTg Art. 1), the public holidays of the Labour Code with their
lunar dates, days off in lieu, the days swapped each year, and Vietnam Culture Day from 2026. The
holiday dates come from the ``holidays`` package; this module attaches their legal sources and
answers every question from a precomputed index, built on first use and cached per calendar.

Day arguments are :class:`datetime.date` (never a ``datetime``); instants are *aware*
:class:`datetime.datetime` objects and results are given in the calendar's time zone.

Examples:
    >>> import datetime as dt
    >>> calendar = WorkingCalendar.vietnam()
    >>> calendar.is_working_day(dt.date(2025, 4, 26))  # a Saturday worked in 2025
    True
    >>> calendar.add_working_days(dt.date(2025, 4, 29), 1)  # 30/4-4/5 2025 off
    datetime.date(2025, 5, 5)
    >>> calendar.working_days_between(dt.date(2025, 4, 29), dt.date(2025, 5, 5))
    1
"""

from adminflow.calendar._calendar import (
    VIETNAM_TIMEZONE,
    WorkingCalendar,
)
from adminflow.calendar._deadlines import (
    FIRST_RULE_SET_FROM,
    ClockStart,
    Deadline,
    ProcessingTime,
    Reason,
    ReasonKind,
    TimeUnit,
)
from adminflow.calendar._types import (
    DEFAULT_SESSIONS,
    Closure,
    DayKind,
    DayNote,
    ExtraWorkingDay,
    OfficeSession,
    Weekday,
)

__all__ = [
    "DEFAULT_SESSIONS",
    "FIRST_RULE_SET_FROM",
    "VIETNAM_TIMEZONE",
    "ClockStart",
    "Closure",
    "DayKind",
    "DayNote",
    "Deadline",
    "ExtraWorkingDay",
    "OfficeSession",
    "ProcessingTime",
    "Reason",
    "ReasonKind",
    "TimeUnit",
    "Weekday",
    "WorkingCalendar",
]
