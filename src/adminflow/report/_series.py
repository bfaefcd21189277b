"""One pass over dossier rows that collects what the report's charts draw.

Every figure here is descriptive and computed from the rows alone; the official indicators
(with their counting rules: supplement time deducted, "more than one supplement request ⇒ late",
unfinished dossiers measured at the end of the period) come from the indicator table.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone

import attrs

from adminflow.calendar import WorkingCalendar
from adminflow.dossiers import DossierRow
from adminflow.errors import InvalidValueError
from adminflow.report._period import Period

__all__ = ["CHANNELS", "Summary", "summarise"]

#: Filing channels in the order the charts stack them (Decree 118/2025 Art. 15, plus kiosks).
CHANNELS: tuple[str, ...] = ("online", "in_person", "postal", "kiosk")

_ON_TIME = frozenset({"early", "on_time"})


@attrs.define(slots=True)
class Summary:
    """What the charts need, collected from the rows of one period.

    Attributes:
        period: The reporting period.
        weeks: Monday of every week that overlaps the period, in order.
        arrivals: Per channel, dossiers received (or, never received, submitted) per week.
        online: Per week, dossiers filed online.
        full_online: Per week, full-process online dossiers (Decree 307/2025 Appendix item 12).
        finished_by_unit: Per unit code, ``(early or on time, finished)`` among dossiers finished
            in the period, read from each dossier's ``outcome``.
        working_days_by_procedure: Per procedure code, the working days from receipt to end of
            processing of each dossier finished in the period.
        status_counts: How many of the rows are in each status now.
    """

    period: Period
    weeks: list[date]
    arrivals: dict[str, list[int]]
    online: list[int]
    full_online: list[int]
    finished_by_unit: dict[str, tuple[int, int]]
    working_days_by_procedure: dict[str, list[int]]
    status_counts: Counter[str]

    @property
    def received(self) -> list[int]:
        """Dossiers that arrived per week, all channels together."""
        return [sum(column) for column in zip(*self.arrivals.values(), strict=True)] or [
            0 for _ in self.weeks
        ]

    @property
    def total_received(self) -> int:
        """Dossiers that arrived in the period."""
        return sum(self.received)

    @property
    def total_finished(self) -> int:
        """Dossiers whose processing ended in the period."""
        return sum(finished for _, finished in self.finished_by_unit.values())

    @property
    def total_on_time(self) -> int:
        """Dossiers finished in the period early or on time."""
        return sum(on_time for on_time, _ in self.finished_by_unit.values())


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


#: Vietnam has kept UTC+7 without daylight saving since 1975; a fixed offset is much faster
#: than the zoneinfo lookup and gives the same local day.
_UTC7 = timezone(timedelta(hours=7))


def _local_day(instant: datetime) -> date:
    return instant.astimezone(_UTC7).date()


def _in(instant: datetime, start: datetime, end: datetime, field: str) -> bool:
    try:
        return start <= instant < end
    except TypeError:  # a naive datetime
        raise InvalidValueError(field, instant, "must be timezone-aware") from None


def summarise(
    rows: Iterable[DossierRow], period: Period, *, calendar: WorkingCalendar | None = None
) -> Summary:
    """Collect the charts' series from ``rows`` in one pass.

    A dossier *arrives* at its receipt (or, when it was never received, its submission); it
    *finishes* at ``finished_at`` (Decision 766/QĐ-TTg indicator 2.1's end of processing).

    Args:
        rows: The dossiers, in any order; rows outside the period are skipped.
        period: The reporting period.
        calendar: Counts working days; Vietnam's civil-service calendar by default.

    Returns:
        The series, with every week of the period present (zero when empty).

    Raises:
        InvalidValueError: If an item is not a :class:`~adminflow.dossiers.DossierRow`.
    """
    calendar = WorkingCalendar.vietnam() if calendar is None else calendar
    first_week = _monday(period.start)
    weeks = [
        first_week + timedelta(weeks=i) for i in range((period.end - first_week).days // 7 + 1)
    ]
    weeks = [w for w in weeks if w < period.end]
    index = {w: i for i, w in enumerate(weeks)}
    arrivals: dict[str, list[int]] = {c: [0] * len(weeks) for c in CHANNELS}
    online = [0] * len(weeks)
    full_online = [0] * len(weeks)
    finished: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    durations: dict[str, list[int]] = defaultdict(list)
    statuses: Counter[str] = Counter()
    start, end = period.starts_at, period.ends_at
    spans: dict[tuple[date, date], int] = {}  # a quarter has a few thousand distinct spans
    for position, row in enumerate(rows):
        if not isinstance(row, DossierRow):
            raise InvalidValueError(f"rows[{position}]", row, "must be a DossierRow")
        statuses[row.status] += 1
        arrived = row.received_at if row.received_at is not None else row.submitted_at
        if arrived is not None and _in(arrived, start, end, f"rows[{position}].received_at"):
            week = index[_monday(_local_day(arrived))]
            arrivals.setdefault(row.channel, [0] * len(weeks))[week] += 1
            online[week] += row.channel == "online"
            full_online[week] += row.full_online
        finished_at = row.finished_at
        if finished_at is not None and _in(
            finished_at, start, end, f"rows[{position}].finished_at"
        ):
            counts = finished[row.unit_code]
            counts[0] += row.outcome in _ON_TIME
            counts[1] += 1
            if row.received_at is not None:
                span = (_local_day(row.received_at), _local_day(finished_at))
                days = spans.get(span)
                if days is None:
                    days = spans[span] = max(calendar.working_days_between(*span), 0)
                durations[row.procedure_code].append(days)
    return Summary(
        period=period,
        weeks=weeks,
        arrivals={c: counts for c, counts in arrivals.items() if c in CHANNELS or any(counts)},
        online=online,
        full_online=full_online,
        finished_by_unit={unit: (c[0], c[1]) for unit, c in sorted(finished.items())},
        working_days_by_procedure=dict(sorted(durations.items())),
        status_counts=statuses,
    )
