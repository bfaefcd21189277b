"""Hypothesis properties of adminflow.indicators: two engines, one answer."""

import datetime as dt
import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from adminflow.dossiers import DossierRow
from adminflow.indicators import TALLY_FIELDS, Period, SqlSource, ValueStatus, report, tallies
from adminflow.testing import create_dossier_table, dossier_rows, insert_dossier_rows

populations = st.lists(dossier_rows(), max_size=40, unique_by=lambda r: r.id)
periods = st.sampled_from(["2025-Q3", "2025", "2026-01", "2025-H1", "2026-Q2"])
groupings = st.sampled_from([None, "commune", "authority", "procedure", "field", "province"])
ELIGIBLE = frozenset({"1.000001", "2.000003"})


def in_sqlite(rows: list[DossierRow]) -> SqlSource:
    connection = sqlite3.connect(":memory:")
    create_dossier_table(connection)
    insert_dossier_rows(connection, rows)
    return SqlSource(connection)


@given(populations, periods, groupings, st.booleans(), st.booleans())
def test_python_and_sql_engines_agree(
    rows: list[DossierRow], period: str, by: str | None, early_as_of: bool, deduct: bool
) -> None:
    """The SQL pushdown and the Python engine give identical counters on random dossiers."""
    start = Period.parse(period).first_day
    as_of = dt.datetime(start.year, start.month, 20, 13, tzinfo=dt.UTC) if early_as_of else None
    options = {
        "by": by,
        "full_process_procedures": ELIGIBLE,
        "as_of": as_of,
        "deduct_supplement": deduct,
    }

    python = tallies(rows, period, **options)
    in_sql = tallies(in_sqlite(rows), period, **options)

    assert python == in_sql


@given(populations, periods, groupings)
def test_python_and_sql_reports_agree(rows: list[DossierRow], period: str, by: str | None) -> None:
    """Both engines give equal full reports (every value, point and note)."""
    python = report(rows, period, by=by)
    in_sql = report(in_sqlite(rows), period, by=by)

    assert python.groups == in_sql.groups
    assert python.total == in_sql.total


@given(populations, periods)
def test_group_counters_add_up_to_the_total(rows: list[DossierRow], period: str) -> None:
    """Counters grouped by commune sum to the ungrouped counters."""
    empty = [0] * len(TALLY_FIELDS)

    grouped = tallies(rows, period, by="commune")
    total = tallies(rows, period).get(None, empty)

    sums = [sum(column) for column in zip(*grouped.values(), strict=True)]

    assert (sums or empty) == total


@given(populations, periods, groupings)
def test_rates_are_shares_or_not_applicable(
    rows: list[DossierRow], period: str, by: str | None
) -> None:
    """Every rate is in [0, 1] (averages >= 0) or the value says why it has none."""
    table = report(rows, period, by=by)

    for group in (*table.groups, table.total):
        for value in group.values.values():
            if value.status is ValueStatus.OK:
                assert value.rate is not None
                assert value.rate >= 0
                assert value.unit or value.rate <= 1
                assert value.points is None or 0 <= value.points <= (value.max_points or 0)
            else:
                assert value.rate is None
                assert value.points is None
                assert value.note
