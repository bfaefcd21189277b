"""Batch forms of working-day arithmetic: plain lists in one pass, numpy arrays vectorised.

Plain sequences of dates go through one list comprehension over the index's look-up tables (no
method call or argument check per item); on any odd item the whole batch is redone through the
scalar method, which raises the precise error. ``numpy.datetime64[D]`` arrays are answered with
array look-ups (``take``) into the same index, so the answers are the calendar's — swapped
Saturdays and days in lieu included — at the speed of ``numpy.busday_offset``. numpy is imported
only when an array is given; it stays an optional dependency.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from operator import sub
from typing import Any

from adminflow.calendar._index import WorkingDayIndex
from adminflow.errors import CalendarError, InvalidValueError

__all__ = [
    "add_many",
    "add_many_numpy",
    "between_many",
    "between_many_numpy",
    "is_date_array",
]

_EPOCH = dt.date(1970, 1, 1).toordinal()


def is_date_array(value: Any) -> bool:
    """Whether ``value`` is a numpy ``datetime64`` array (without importing numpy)."""
    dtype = getattr(value, "dtype", None)
    return type(value).__module__ == "numpy" and getattr(dtype, "kind", None) == "M"


def add_many(
    index: WorkingDayIndex,
    days: Sequence[Any],
    counts: int | Sequence[Any],
    scalar: Callable[[Any, Any], dt.date],
) -> list[dt.date]:
    """``scalar(day, n)`` for every day (one ``n``, or one per day), in one pass."""
    dates, cum_by_date = index.dates, index.cum_by_date
    try:
        if type(counts) is int:
            if counts > 0:
                m = counts - 1
                return [dates[c + m] for c in map(cum_by_date.__getitem__, days)]
            return _add_each(index, days, [counts] * len(days))
        if not isinstance(counts, int):
            return _add_each(index, days, counts)
    except (KeyError, IndexError, TypeError, AttributeError):
        pass  # an odd day or a result outside the years: the scalar path says which
    if isinstance(counts, int):
        return [scalar(d, counts) for d in days]
    return [scalar(d, k) for d, k in zip(days, counts, strict=True)]


def _add_each(index: WorkingDayIndex, days: Sequence[Any], counts: Sequence[Any]) -> list[dt.date]:
    """One count per day: ``j = cum + n - 1`` for n > 0, else ``cum - work + n``."""
    dates, cum_by_date, work, first = index.dates, index.cum_by_date, index.work, index.first
    out: list[dt.date] = []
    append = out.append
    for d, k in zip(days, counts, strict=True):
        if type(k) is not int:
            raise TypeError(k)
        if k > 0:
            append(dates[cum_by_date[d] + k - 1])
        else:
            j = cum_by_date[d] - work[d.toordinal() - first] + k
            if j < 0:
                raise IndexError(j)
            append(dates[j])
    return out


def between_many(
    index: WorkingDayIndex,
    starts: Sequence[Any],
    ends: Sequence[Any],
    scalar: Callable[[Any, Any], int],
) -> list[int]:
    """``scalar(start, end)`` for every pair, in one pass."""
    get = index.cum_by_date.__getitem__
    try:
        if len(starts) == len(ends):
            return list(map(sub, map(get, ends), map(get, starts)))
    except (KeyError, TypeError):
        pass
    return [scalar(s, e) for s, e in zip(starts, ends, strict=True)]


def _arrays(index: WorkingDayIndex) -> tuple[Any, Any, Any]:
    """The index as numpy arrays (work, cum, working days as day numbers), built once."""
    if index.arrays is None:
        import numpy as np

        index.arrays = (
            np.asarray(index.work, dtype=np.int64),
            np.asarray(index.cum, dtype=np.int64),
            np.asarray([d.toordinal() - _EPOCH for d in index.dates], dtype=np.int64),
        )
    return index.arrays


def _offsets(index: WorkingDayIndex, field: str, days: Any, range_text: str) -> Any:
    import numpy as np

    if days.dtype != np.dtype("datetime64[D]"):
        raise InvalidValueError(
            field, str(days.dtype), "must be a datetime64[D] array (days, not instants)"
        )
    offsets = days.astype(np.int64) - (index.first - _EPOCH)
    bad = (offsets < 0) | (offsets >= index.size)
    if bad.any():
        first_bad = days.reshape(-1)[int(np.argmax(bad.reshape(-1)))]
        raise CalendarError(field, str(first_bad), f"outside the supported years {range_text}")
    return offsets


def add_many_numpy(index: WorkingDayIndex, days: Any, n: Any, range_text: str) -> Any:
    """:meth:`add_working_days` over a ``datetime64[D]`` array; returns a ``datetime64[D]`` array.

    Raises:
        InvalidValueError: The array is not of days, or ``n`` is not integral or not the same
            shape.
        CalendarError: A day or a result is outside the supported years.
    """
    import numpy as np

    work, cum, dates = _arrays(index)
    offsets = _offsets(index, "days", days, range_text)
    k = cum.take(offsets)
    if type(n) is int:
        if n > 0:
            j = k + (n - 1)
        elif n < 0:
            j = k - work.take(offsets) + n
        else:
            j = k - work.take(offsets)
    else:
        counts = np.asarray(n)
        if counts.dtype.kind not in "iu" or counts.shape != days.shape:
            raise InvalidValueError(
                "n", str(counts.dtype), f"must be an int or integers of shape {days.shape}"
            )
        counts = counts.astype(np.int64)
        w = work.take(offsets)
        j = np.where(counts > 0, k + counts - 1, k - w + np.minimum(counts, 0))
    bad = (j < 0) | (j >= index.count)
    if bad.any():
        at = int(np.argmax(bad.reshape(-1)))
        raise CalendarError(
            "n",
            n if type(n) is int else int(np.asarray(n).reshape(-1)[at]),
            f"{days.reshape(-1)[at]} + n working days is outside the supported years {range_text}",
        )
    # n == 0 on a working day gives the day itself: k - 1 indexes it in the working days.
    return dates.take(j).astype("datetime64[D]")


def between_many_numpy(index: WorkingDayIndex, starts: Any, ends: Any, range_text: str) -> Any:
    """:meth:`working_days_between` over two ``datetime64[D]`` arrays; returns int64.

    Raises:
        InvalidValueError: The arrays are not of days or differ in shape.
        CalendarError: A day is outside the supported years.
    """
    import numpy as np

    ends = np.asarray(ends)
    if ends.shape != starts.shape or ends.dtype.kind != "M":
        raise InvalidValueError("ends", str(ends.dtype), f"must be days of shape {starts.shape}")
    cum = _arrays(index)[1]
    first = _offsets(index, "starts", starts, range_text)
    last = _offsets(index, "ends", ends, range_text)
    return cum.take(last) - cum.take(first)
