"""Unit tests of adminflow.indicators: the 766 counting rules on hand-made dossiers."""

import datetime as dt
import sqlite3
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from adminflow.calendar import WorkingCalendar
from adminflow.dossiers import DossierRow
from adminflow.errors import InvalidValueError, NotFoundError, StorageError
from adminflow.indicators import (
    DEFINITIONS,
    Period,
    ProvidedValue,
    SqlSource,
    ValueStatus,
    average_processing_time,
    definition,
    digitised_share,
    on_time_share,
    online_share,
    points_for,
    report,
    satisfaction,
)
from adminflow.testing import create_dossier_table, insert_dossier_rows

VN = ZoneInfo("Asia/Ho_Chi_Minh")
Q3 = "2025-Q3"
_counter = iter(range(10**6))


def at(day: int, month: int = 8, hour: int = 9, year: int = 2025) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=VN)


def row(**fields: Any) -> DossierRow:
    values: dict[str, Any] = {
        "id": f"d{next(_counter)}",
        "version": 3,
        "code": "H41.05-250801-0001",
        "procedure_code": "1.000001",
        "procedure_field": "civil_status",
        "rule_set": "118/2025",
        "province_code": "56",
        "unit_code": "22333",
        "receiving_unit_code": "22333",
        "authority_id": "pc-22333",
        "channel": "in_person",
        "status": "result_returned",
        "submitted_at": at(4),
        "received_at": at(4),
        "due_at": at(8, hour=17),
        "original_due_at": at(8, hour=17),
        "finished_at": at(7),
        "returned_at": at(7),
        "outcome": None,
        "supplement_requests_reception": 0,
        "supplement_requests_processing": 0,
        "supplement_seconds": 0,
        "pending_supplement_since": None,
        "fee_payable": False,
        "paid_online": False,
        "paper_result": False,
        "e_result": False,
        "digitised": False,
        "reused_data": False,
        "digitally_signed": False,
        "full_online": False,
        "satisfied_receiving": None,
        "satisfied_resolving": None,
    }
    values.update(fields)
    return DossierRow(**values)


def sql(rows: list[DossierRow]) -> SqlSource:
    connection = sqlite3.connect(":memory:")
    create_dossier_table(connection)
    insert_dossier_rows(connection, rows)
    return SqlSource(connection)


def both(rows: list[DossierRow]) -> list[Any]:
    return [rows, sql(rows)]


class TestOnTime:
    @pytest.mark.parametrize("engine", ["python", "sql"])
    @pytest.mark.parametrize(
        ("fields", "on_time", "early"),
        [
            ({}, 1, 1),  # finished the day before the appointment day
            ({"finished_at": at(8, hour=16)}, 1, 0),  # on the appointment day, before the hour
            ({"finished_at": at(11)}, 0, 0),  # after the appointment
            ({"finished_at": at(11), "supplement_seconds": 3 * 86_400}, 1, 0),  # 11 - 3 = 8
            ({"supplement_requests_processing": 2}, 0, 0),  # more than one request: late
            ({"supplement_requests_reception": 1, "supplement_requests_processing": 1}, 0, 0),
            ({"supplement_requests_processing": 1}, 1, 1),  # one request is allowed
            (  # awaiting a supplement: measured at the request, before the appointment
                {
                    "finished_at": None,
                    "status": "in_processing",
                    "pending_supplement_since": at(6),
                    "supplement_requests_processing": 1,
                },
                1,
                1,
            ),
            (  # unfinished: measured at the period's end, long after the appointment
                {"finished_at": None, "status": "in_processing"},
                0,
                0,
            ),
            (  # unfinished, appointment after the period: still within time
                {"finished_at": None, "status": "in_processing", "due_at": at(3, month=10)},
                1,
                1,
            ),
        ],
    )
    def test_rule(self, engine: str, fields: dict[str, Any], on_time: int, early: int) -> None:
        """Each NPSP 2.1 rule classifies the dossier as the guide says, in both engines."""
        rows = [row(**fields)]
        source = rows if engine == "python" else sql(rows)

        table = report(source, Q3)

        assert table.total["on_time"].numerator == on_time
        assert table.total["early"].numerator == early
        assert table.total["on_time"].denominator == 1

    @pytest.mark.parametrize("engine", ["python", "sql"])
    def test_a_period_not_over_yet_is_measured_as_of_now(self, engine: str) -> None:
        """With as_of, a running dossier due after that instant is still within time."""
        rows = [row(finished_at=None, status="in_processing", due_at=at(20, month=9))]
        source = rows if engine == "python" else sql(rows)

        at_the_end = report(source, Q3).total["on_time"]
        now = report(source, Q3, as_of=at(10, month=9)).total["on_time"]

        assert (at_the_end.numerator, now.numerator) == (0, 1)

    @pytest.mark.parametrize("engine", ["python", "sql"])
    def test_restarted_appointments_need_no_deduction(self, engine: str) -> None:
        """deduct_supplement=False compares the end itself with an already restarted appointment."""
        rows = [row(finished_at=at(11), supplement_seconds=3 * 86_400)]
        source = rows if engine == "python" else sql(rows)

        deducted = on_time_share(source, Q3)[0]
        restarted = on_time_share(source, Q3, deduct_supplement=False)[0]

        assert (deducted.numerator, restarted.numerator) == (1, 0)

    def test_dossiers_outside_the_period_are_not_counted(self) -> None:
        """A dossier finished before the period or received after it is not in 2.1."""
        rows = [
            row(received_at=at(1, month=6), finished_at=at(20, month=6)),
            row(received_at=at(2, month=10), finished_at=None),
            row(received_at=at(25, month=6), finished_at=at(2, month=7), due_at=at(3, month=7)),
        ]

        (value,) = on_time_share(rows, Q3)

        assert (value.numerator, value.denominator) == (1, 1)

    def test_no_appointment_is_reported_not_judged(self) -> None:
        """A received dossier without an appointment is left out of 2.1 and says so."""
        rows = [row(), row(due_at=None)]

        (value,) = on_time_share(rows, Q3)

        assert (value.numerator, value.denominator) == (1, 1)
        assert "1 dossier(s) without an appointment" in value.note

    def test_zero_denominator_is_not_applicable(self) -> None:
        """No dossier in the period gives 'not applicable', no rate and no points."""
        (value,) = on_time_share([], Q3)

        assert value.status is ValueStatus.NOT_APPLICABLE
        assert value.rate is None
        assert value.points is None


class TestPoints:
    def test_on_time_points_are_rate_times_maximum(self) -> None:
        """2.1 has no saturation threshold: half the dossiers on time earn 10 of 20 points."""
        rows = [row(), row(finished_at=at(20))]

        (value,) = on_time_share(rows, Q3)

        assert value.rate == 0.5
        assert value.points == 10.0

    def test_digitisation_saturates_at_80_percent(self) -> None:
        """4.2 earns full points at 80 % and proportionally below it."""
        rows = [row(digitised=True)] * 4 + [row()]

        (value,) = digitised_share(rows, Q3)

        assert value.rate == 0.8
        assert value.points == 4.0

    @pytest.mark.parametrize(
        ("rate", "maximum", "threshold", "points"),
        [(0.25, 6, 0.5, 3.0), (0.45, 6, 0.9, 3.0), (1.0, 6, 0.9, 6.0), (0.0, 20, None, 0.0)],
    )
    def test_points_formula(
        self, rate: float, maximum: float, threshold: float | None, points: float
    ) -> None:
        """points = max × min(1, rate ÷ threshold), 2 decimals."""
        assert points_for(rate, maximum, threshold) == points

    def test_thresholds_and_maxima_are_data_with_sources(self) -> None:
        """Every scored indicator names the source of its points; the 766 groups sum to 100."""
        scored = [d for d in DEFINITIONS if d.max_points]

        assert all(d.points_source and d.source for d in scored)
        assert sum(d.max_points or 0 for d in scored) == 100
        assert {d.threshold for d in DEFINITIONS} >= {0.8, 0.5, 0.9}


class TestShares:
    def test_online_needs_an_electronic_result_for_a_paper_result(self) -> None:
        """3.3 counts an online dossier of a paper-result procedure only with an e-result."""
        rows = [
            row(channel="online", paper_result=True, e_result=True),
            row(channel="online", paper_result=True, e_result=False),
            row(channel="online", paper_result=False),
            row(channel="postal"),
        ]

        (value,) = online_share(rows, Q3)

        assert (value.numerator, value.denominator) == (2, 4)

    def test_satisfaction_is_100_minus_late_and_dissatisfied(self) -> None:
        """5.4 = 100 % - (late share + dissatisfied share) and saturates at 90 %."""
        rows = [row(), row(), row(finished_at=at(20)), row(satisfied_resolving=False)]

        (value,) = satisfaction(rows, Q3)

        assert value.rate == 0.5
        assert value.points == round(6 * 0.5 / 0.9, 2)


class TestProcessingTime:
    def test_working_days_on_the_calendar_with_supplement_deducted(self) -> None:
        """2.2 counts working days of the Vietnam calendar (National Day 2025 off) per procedure."""
        calendar = WorkingCalendar.vietnam()
        received, finished = at(29, hour=10), at(5, month=9, hour=9)
        rows = [
            row(received_at=received, finished_at=finished, due_at=at(20, month=9)),
            row(
                received_at=received,
                finished_at=finished,
                due_at=at(20, month=9),
                supplement_seconds=86_400,
            ),
        ]
        expected = calendar.working_days_between(dt.date(2025, 8, 29), dt.date(2025, 9, 5))
        expected_less = calendar.working_days_between(dt.date(2025, 8, 29), dt.date(2025, 9, 4))

        for source in both(rows):
            (value,) = average_processing_time(source, Q3)

            assert value.group == "1.000001"
            assert value.numerator == expected + expected_less == 3 + 2
            assert value.unit == "working days"

    def test_refused_dossiers_are_not_averaged(self) -> None:
        """Only results ready or returned count for 2.2."""
        rows = [row(status="refused")]

        assert average_processing_time(rows, Q3, by=None)[0].status is (ValueStatus.NOT_APPLICABLE)


class TestReport:
    def test_grouped_report_totals_are_the_sum_of_groups(self) -> None:
        """The total of a report by commune adds the communes' counts."""
        rows = [row(unit_code="00001"), row(unit_code="00002", finished_at=at(20)), row()]

        table = report(rows, Q3, by="commune")

        assert [g.key for g in table.groups] == ["00001", "00002", "22333"]
        assert table.total["on_time"].denominator == 3
        assert sum(g["on_time"].numerator for g in table.groups) == 2

    def test_inputs_not_held_are_listed_never_skipped(self) -> None:
        """Group-1 indicators appear as 'input missing' until provided."""
        provided = ProvidedValue(numerator=9, denominator=10, source="Sở Tư pháp")

        bare = report([row()], Q3)
        given = report([row()], Q3, inputs={"published_on_time": provided})

        assert bare.total["published_on_time"].status is ValueStatus.INPUT_MISSING
        assert "published_on_time" in bare.total.missing
        assert given.total["published_on_time"].points == 5.4
        assert given.total["published_on_time"].note == "provided: Sở Tư pháp"

    def test_full_online_of_eligible_procedures_needs_the_list(self) -> None:
        """The 12-point group-3 indicator needs the procedures eligible for full-process."""
        rows = [row(full_online=True), row(procedure_code="2.000002")]

        bare = report(rows, Q3)
        given = report(rows, Q3, full_process_procedures={"1.000001"})

        assert bare.total["full_online_eligible"].status is ValueStatus.INPUT_MISSING
        assert given.total["full_online_eligible"].rate == 1.0
        assert given.total["full_online_eligible"].points == 12.0

    def test_records_are_flat_and_end_with_the_total(self) -> None:
        """records() gives one JSON-ready dict per group and indicator, the total last."""
        table = report([row()], Q3, by="field")

        records = table.records()

        assert len(records) == 2 * len(DEFINITIONS)
        assert records[-1]["group"] == "*"
        assert records[0]["status"] in {"ok", "not_applicable", "input_missing"}
        assert records[0]["period"] == "2025-07-01..2025-09-30"

    def test_sql_and_python_give_the_same_report(self) -> None:
        """Both engines give equal reports on a small mixed population."""
        rows = [
            row(channel="online", fee_payable=True, paid_online=True, full_online=True),
            row(finished_at=at(20), satisfied_receiving=False, unit_code="00004"),
            row(finished_at=None, status="in_processing", pending_supplement_since=at(5)),
        ]

        python, in_sql = (report(s, Q3, by="commune") for s in both(rows))

        assert python.groups == in_sql.groups
        assert python.total == in_sql.total


class TestBadInput:
    @pytest.mark.parametrize(
        ("call", "error"),
        [
            (lambda: report([], "2025-Q5"), InvalidValueError),
            (lambda: report([], Q3, by="district"), InvalidValueError),
            (lambda: report(42, Q3), InvalidValueError),  # type: ignore[arg-type]
            (lambda: report([object()], Q3), InvalidValueError),
            (lambda: report([row(received_at=dt.datetime(2025, 8, 1))], Q3), InvalidValueError),
            (lambda: report([], Q3, inputs={"nope": None}), NotFoundError),  # type: ignore[dict-item]
            (lambda: report([], Q3, inputs={"on_time": None}), InvalidValueError),  # type: ignore[dict-item]
            (lambda: report([], Q3, full_process_procedures="1.000001"), InvalidValueError),
            (lambda: report([], Q3, calendar="vietnam"), InvalidValueError),  # type: ignore[arg-type]
            (lambda: ProvidedValue(numerator=2, denominator=1), InvalidValueError),
            (lambda: ProvidedValue(numerator=-1, denominator=1), InvalidValueError),
            (lambda: Period(dt.date(2025, 2, 1), dt.date(2025, 1, 1)), InvalidValueError),
            (lambda: SqlSource(None, table="x; DROP TABLE y"), InvalidValueError),
            (lambda: SqlSource(None, dialect="oracle"), InvalidValueError),
            (lambda: report(SqlSource(object()), Q3), InvalidValueError),
            (lambda: definition("nope"), NotFoundError),
            (lambda: report([row(supplement_seconds="1")], Q3), InvalidValueError),
            (lambda: report([row(unit_code=["x"])], Q3, by="commune"), InvalidValueError),
            (lambda: report([], Q3, completed_statuses=5), InvalidValueError),  # type: ignore[arg-type]
            (lambda: report([], Q3, definitions=5), InvalidValueError),  # type: ignore[arg-type]
            (lambda: points_for("x", 6, 0.8), InvalidValueError),  # type: ignore[arg-type]
            (lambda: report([], Q3, as_of=dt.datetime(2025, 8, 1)), InvalidValueError),
            (lambda: report([], Q3, as_of=at(1, month=1)), InvalidValueError),
            (lambda: report([], Q3, deduct_supplement=1), InvalidValueError),  # type: ignore[arg-type]
        ],
    )
    def test_typed_errors(self, call: Any, error: type[Exception]) -> None:
        """Bad arguments raise adminflow errors that name the field."""
        with pytest.raises(error):
            call()

    def test_missing_table_is_a_storage_error(self) -> None:
        """A database without the dossiers table gives StorageError, not a driver error."""
        source = SqlSource(sqlite3.connect(":memory:"))

        with pytest.raises(StorageError, match="dossiers"):
            report(source, Q3)


class TestPeriod:
    @pytest.mark.parametrize(
        ("text", "first", "last"),
        [
            ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
            ("2025-Q1", dt.date(2025, 1, 1), dt.date(2025, 3, 31)),
            ("2025-H2", dt.date(2025, 7, 1), dt.date(2025, 12, 31)),
            ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ],
    )
    def test_parse(self, text: str, first: dt.date, last: dt.date) -> None:
        """Period text parses into its first and last day."""
        assert Period.parse(text) == Period(first, last)


class TestConnections:
    def test_a_sqlalchemy_connection_works(self) -> None:
        """A SQLAlchemy Connection is detected and gives the Python engine's report."""
        sa = pytest.importorskip("sqlalchemy")
        rows = [row(), row(finished_at=at(20), unit_code="00004")]

        with sa.create_engine("sqlite://").connect() as connection:
            raw = connection.connection.driver_connection
            create_dossier_table(raw)
            insert_dossier_rows(raw, rows)
            source = SqlSource(connection)
            first, again = report(source, Q3, by="commune"), report(source, Q3, by="commune")

        assert source.resolved_dialect() == "sqlite"
        assert first.groups == again.groups == report(rows, Q3, by="commune").groups


class TestSatisfactionWithoutRatings:
    def test_note_says_no_dossier_was_rated(self) -> None:
        """Indicator 5.4 over unrated dossiers says that only late dossiers lowered it."""
        import attrs

        from adminflow.indicators import report
        from adminflow.testing import synthetic_dossier_rows

        rows = [
            attrs.evolve(r, satisfied_receiving=None, satisfied_resolving=None)
            for r in synthetic_dossier_rows(200)
        ]

        value = report(rows, "2025").total.values["satisfaction"]

        assert "no dossier carries a rating" in value.note
