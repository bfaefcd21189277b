"""The precomputed index of working days behind :class:`adminflow.calendar.WorkingCalendar`.

For every day of the supported years the index stores whether it is a working day and how many
working days there are up to and including it, plus the working days themselves in order.
With these, adding working days and counting them between two dates are a few list look-ups
(O(1)); no day-by-day loop runs after the index is built.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from itertools import accumulate
from typing import Any

from adminflow.calendar._checks import closure_days
from adminflow.calendar._types import WORKED, Closure, DayKind, DayNote, ExtraWorkingDay
from adminflow.errors import InvalidValueError

__all__ = ["WorkingDayIndex", "build_index"]


class WorkingDayIndex:
    """Working days of a range of dates, as flat lists indexed by day offset.

    Attributes:
        first: Ordinal of the first day covered.
        size: Number of days covered.
        work: ``work[i]`` is 1 when day ``first + i`` is a working day, else 0.
        cum: ``cum[i]`` is the number of working days in days ``0 .. i`` (inclusive).
        dates: The working days, ascending (shared ``date`` objects, so a look-up
            returns a result without building a new date).
        count: The number of working days.
        cum_by_date: ``cum`` keyed by the day itself, for the fastest look-up of a plain date.
        notes: The note of every day that is not an ordinary weekday or weekly rest day.
        arrays: numpy copies of ``work``, ``cum`` and the working days, built by the batch
            forms on first use of a numpy array (numpy is optional).
    """

    __slots__ = (
        "arrays",
        "count",
        "cum",
        "cum_by_date",
        "dates",
        "first",
        "notes",
        "size",
        "work",
    )

    def __init__(
        self,
        first_day: dt.date,
        last_day: dt.date,
        weekend: Iterable[int],
        notes: Mapping[dt.date, DayNote],
    ) -> None:
        first = first_day.toordinal()
        size = last_day.toordinal() - first + 1
        weekend_days = frozenset(weekend)
        # date.weekday() == (ordinal + 6) % 7
        work = [0 if (first + i + 6) % 7 in weekend_days else 1 for i in range(size)]
        for day, note in notes.items():
            offset = day.toordinal() - first
            if 0 <= offset < size:
                work[offset] = 1 if note.kind in WORKED else 0
        self.first = first
        self.size = size
        self.work = work
        self.cum = list(accumulate(work))
        self.dates = [dt.date.fromordinal(first + i) for i, w in enumerate(work) if w]
        self.count = len(self.dates)
        self.cum_by_date = {dt.date.fromordinal(first + i): c for i, c in enumerate(self.cum)}
        self.notes = {day: note for day, note in notes.items() if first_day <= day <= last_day}
        self.arrays: tuple[Any, Any, Any] | None = None


def build_index(
    first_day: dt.date,
    last_day: dt.date,
    weekend: frozenset[int],
    public_holidays: Callable[[int, int], Iterable[DayNote]] | None,
    closures: Iterable[Closure],
    extra_working_days: Iterable[ExtraWorkingDay],
) -> WorkingDayIndex:
    """Build the index: public holidays first, then closures, then extra working days.

    A closure marks only days that would otherwise be worked: a holiday or a weekly rest
    day inside it stays explained by its own rule. An extra working day must be a weekly
    rest day that no holiday, day in lieu or swap already claims (Decision 14/2010/QĐ-TTg
    opens Saturdays, not public holidays).
    """
    notes: dict[dt.date, DayNote] = {}
    if public_holidays is not None:
        for note in public_holidays(first_day.year, last_day.year):
            notes.setdefault(note.day, note)
    for closure in closures:
        for day in closure_days(closure, first_day, last_day):
            known = notes.get(day)
            worked = known.kind in WORKED if known else day.weekday() not in weekend
            if worked:
                notes[day] = DayNote(day, DayKind.CLOSURE, closure.name, closure.source)
    for i, extra in enumerate(extra_working_days):
        if not first_day <= extra.day <= last_day:
            continue
        known = notes.get(extra.day)
        if known is not None:
            raise InvalidValueError(
                f"extra_working_days[{i}]",
                extra.day,
                f"is already noted as {known.kind.value} ({known.name})",
            )
        notes[extra.day] = DayNote(extra.day, DayKind.EXTRA_WORKDAY, extra.name, extra.source)
    return WorkingDayIndex(first_day, last_day, weekend, notes)
