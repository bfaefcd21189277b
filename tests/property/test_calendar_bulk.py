"""Hypothesis properties of the batch forms: lists and numpy arrays answer like the scalar forms."""

import datetime as dt

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from adminflow.calendar import WorkingCalendar
from adminflow.errors import CalendarError, InvalidValueError

VN = WorkingCalendar.vietnam()
days = st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2034, 12, 1))
counts = st.integers(min_value=-200, max_value=200)
batches = st.lists(st.tuples(days, counts), max_size=60)


@given(batches)
def test_list_batch_equals_the_scalar_loop(pairs: list[tuple[dt.date, int]]) -> None:
    """add_working_days_many over a list gives the scalar answer for every day and count."""
    ds, ns = [d for d, _ in pairs], [n for _, n in pairs]

    assert VN.add_working_days_many(ds, ns) == [VN.add_working_days(d, n) for d, n in pairs]


@given(st.lists(days, max_size=60), counts)
def test_list_batch_with_one_count(ds: list[dt.date], n: int) -> None:
    """One count for every day gives the scalar answers too."""
    assert VN.add_working_days_many(ds, n) == [VN.add_working_days(d, n) for d in ds]


@given(batches)
def test_numpy_batch_equals_the_scalar_loop(pairs: list[tuple[dt.date, int]]) -> None:
    """A datetime64[D] array gives exactly the calendar's answers (zero wrong answers)."""
    ds = np.array([d for d, _ in pairs], dtype="datetime64[D]")
    ns = np.array([n for _, n in pairs], dtype=np.int64)

    result = VN.add_working_days_many(ds, ns)

    assert result.dtype == np.dtype("datetime64[D]")
    assert list(result.astype(dt.date)) == [VN.add_working_days(d, n) for d, n in pairs]


@given(st.lists(days, max_size=60), counts)
def test_numpy_batch_with_one_count(ds: list[dt.date], n: int) -> None:
    """A datetime64[D] array with one int count gives the scalar answers."""
    result = VN.add_working_days_many(np.array(ds, dtype="datetime64[D]"), n)

    assert list(result.astype(dt.date)) == [VN.add_working_days(d, n) for d in ds]


@given(st.lists(st.tuples(days, days), max_size=60))
def test_between_batches_equal_the_scalar_loop(pairs: list[tuple[dt.date, dt.date]]) -> None:
    """working_days_between_many over lists and over arrays gives the scalar counts."""
    starts, ends = [s for s, _ in pairs], [e for _, e in pairs]
    expected = [VN.working_days_between(s, e) for s, e in pairs]

    as_arrays = VN.working_days_between_many(
        np.array(starts, dtype="datetime64[D]"), np.array(ends, dtype="datetime64[D]")
    )

    assert VN.working_days_between_many(starts, ends) == expected
    assert as_arrays.tolist() == expected


class TestBatchErrors:
    @pytest.mark.parametrize(
        ("days", "n", "error"),
        [
            ([dt.date(2025, 1, 2), dt.datetime(2025, 1, 2)], 1, InvalidValueError),
            ([dt.date(1990, 1, 2)], 1, CalendarError),
            ([dt.date(2035, 12, 30)], 5, CalendarError),
            ([dt.date(2000, 1, 4)], -5, CalendarError),
            ([dt.date(2025, 1, 2)], [1, 2], InvalidValueError),
            ([dt.date(2025, 1, 2)], ["1"], InvalidValueError),
            (np.array(["1990-01-02"], dtype="datetime64[D]"), 1, CalendarError),
            (np.array(["2035-12-30"], dtype="datetime64[D]"), 5, CalendarError),
            (np.array(["2000-01-04"], dtype="datetime64[D]"), [-5], CalendarError),
            (np.array(["NaT"], dtype="datetime64[D]"), 1, CalendarError),
            (np.array(["2025-01-02T10"], dtype="datetime64[h]"), 1, InvalidValueError),
            (np.array(["2025-01-02"], dtype="datetime64[D]"), [1, 2], InvalidValueError),
            (np.array(["2025-01-02"], dtype="datetime64[D]"), [1.5], InvalidValueError),
            (np.array(["2025-01-02"], dtype="datetime64[D]"), "1", InvalidValueError),
        ],
    )
    def test_typed_errors(self, days: object, n: object, error: type[Exception]) -> None:
        """Bad days or counts raise adminflow errors, in the list and the numpy paths."""
        with pytest.raises(error):
            VN.add_working_days_many(days, n)  # type: ignore[arg-type]

    def test_between_shapes_must_match(self) -> None:
        """Arrays of different shapes are refused, naming ends."""
        starts = np.array(["2025-01-02"], dtype="datetime64[D]")

        with pytest.raises(InvalidValueError, match="ends"):
            VN.working_days_between_many(starts, starts[:0])
