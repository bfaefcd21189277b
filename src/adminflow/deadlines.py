"""Processing time (thời hạn giải quyết) of a procedure and the deadlines it gives.

A procedure's legal processing time is counted in working days, in working hours, or is
"within the day" (same day) with a cut-off hour after which the request is handled on the next
working day. The time limit itself comes from the sector law and is published with the
procedure (Decree 63/2010/NĐ-CP Art. 8(2)(đ)); the clock starts at complete and valid receipt
(Decree 118/2025/NĐ-CP Art. 17(3)).
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from adminflow.errors import InvalidValueError

__all__ = ["ProcessingTime", "TimeUnit"]


class TimeUnit(enum.StrEnum):
    """The unit a processing time is expressed in."""

    WORKING_DAYS = "working_days"  #: ngày làm việc
    WORKING_HOURS = "working_hours"  #: giờ làm việc
    SAME_DAY = "same_day"  #: trong ngày (with a cut-off hour)


def _check_amount(instance: ProcessingTime, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValueError(attribute.name, value, "must be an integer")
    if instance.unit is TimeUnit.SAME_DAY:
        if value != 0:
            raise InvalidValueError(attribute.name, value, "must be 0 for a same-day time")
    elif value <= 0:
        raise InvalidValueError(attribute.name, value, "must be > 0")


@attrs.frozen
class ProcessingTime:
    """A legal processing time (thời hạn giải quyết).

    Build one with :meth:`working_days`, :meth:`working_hours` or :meth:`same_day`.

    Attributes:
        unit: Working days, working hours, or same day.
        amount: How many days or hours; 0 for a same-day time.
        cutoff: For a same-day time, the hour after which a request received is handled on the
            next working day (15:00 in e.g. Decree 23/2015/NĐ-CP Art. 7 on certification).
    """

    unit: TimeUnit = attrs.field(converter=TimeUnit)
    amount: int = attrs.field(validator=_check_amount)
    cutoff: dt.time | None = None

    @classmethod
    def working_days(cls, n: int) -> ProcessingTime:
        """A time of ``n`` working days (ngày làm việc)."""
        return cls(TimeUnit.WORKING_DAYS, n)

    @classmethod
    def working_hours(cls, n: int) -> ProcessingTime:
        """A time of ``n`` working hours (giờ làm việc)."""
        return cls(TimeUnit.WORKING_HOURS, n)

    @classmethod
    def same_day(cls, cutoff: dt.time = dt.time(15, 0)) -> ProcessingTime:
        """Within the day of receipt, or the next working day when received after ``cutoff``."""
        return cls(TimeUnit.SAME_DAY, 0, cutoff)

    def __str__(self) -> str:
        if self.unit is TimeUnit.SAME_DAY:
            cutoff = self.cutoff.strftime("%H:%M") if self.cutoff else "close of office"
            return f"same day (cut-off {cutoff})"
        label = "working day" if self.unit is TimeUnit.WORKING_DAYS else "working hour"
        return f"{self.amount} {label}{'s' if self.amount != 1 else ''}"
