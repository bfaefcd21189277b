"""The ``adminflow report`` command over a real SQLite file with a ``dossiers`` table."""

import csv
import io
import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest

from adminflow.cli import _report as command
from adminflow.cli import main
from adminflow.dossiers import DossierRow
from adminflow.errors import InvalidValueError
from adminflow.report._period import parse_period


def _stored(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="seconds")
    if isinstance(value, bool):
        return int(value)
    return value


def write_store(path: Path, rows: list[DossierRow]) -> Path:
    """An SQLite file with the dossiers table as contracts.md stores it (UTC ISO text, 0/1)."""
    names = [f.name for f in attrs.fields(DossierRow)]
    with sqlite3.connect(path) as connection:
        connection.execute(f"CREATE TABLE dossiers ({', '.join(names)})")
        connection.executemany(
            f"INSERT INTO dossiers VALUES ({', '.join('?' * len(names))})",
            [[_stored(getattr(row, name)) for name in names] for row in rows],
        )
    connection.close()
    return path


@pytest.fixture
def store(tmp_path: Path, rows: list[DossierRow]) -> Path:
    return write_store(tmp_path / "store.db", rows[:600])


@pytest.fixture(autouse=True)
def indicators(monkeypatch: pytest.MonkeyPatch, report_factory: Any) -> None:
    """Stand in for adminflow.indicators.report: the same shape, computed from the stored rows."""

    def compute(connection: sqlite3.Connection, period: str, by: str) -> Any:
        span = parse_period(period)
        rows = [r for r in command._rows(connection) if r.received_at in span]
        return report_factory(rows, by)

    monkeypatch.setattr(command, "_indicator_report", compute)


class TestReportCommand:
    def test_table_lists_communes_by_name_and_the_total(
        self, store: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The default table names each commune (from the gazetteer) and ends with Total."""
        status = main(["report", "--db", f"sqlite:///{store}", "--period", "2025-Q3"])

        out = capsys.readouterr().out
        assert status == 0
        assert "Phường Nha Trang" in out
        assert "Total" in out

    def test_json_by_procedure(self, store: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--format json --by procedure prints the records, one group per procedure code."""
        status = main(
            ["report", "--db", str(store), "--period", "2025-Q3", "--by", "procedure",
             "--format", "json"]
        )  # fmt: skip

        records = json.loads(capsys.readouterr().out)
        assert status == 0
        assert {r["group"] for r in records} == {"1.001", "1.002", "2.010", "2.011", "3.100", "*"}

    def test_csv_to_a_file(self, store: Path, tmp_path: Path) -> None:
        """--format csv --output FILE writes the records as CSV."""
        target = tmp_path / "out.csv"

        status = main(
            ["report", "--db", f"sqlite:///{store}", "--period", "2025-07", "--by", "field",
             "--format", "csv", "-o", str(target)]
        )  # fmt: skip

        lines = list(csv.DictReader(io.StringIO(target.read_text("utf-8"))))
        assert status == 0
        assert {line["group"] for line in lines} == {"ho_tich", "dat_dai", "chung_thuc", "*"}

    def test_html_report(self, store: Path, tmp_path: Path) -> None:
        """--format html writes the self-contained report with its charts."""
        target = tmp_path / "r.html"

        status = main(
            ["report", "--db", f"sqlite:///{store}", "--period", "2025-Q3", "--format", "html",
             "-o", str(target)]
        )  # fmt: skip

        page = target.read_text("utf-8")
        assert status == 0
        assert 'id="chart-arrivals"' in page
        assert 'id="indicator-table"' in page

    @pytest.mark.parametrize(
        ("db", "message"),
        [
            ("sqlite:///does/not/exist.db", "no SQLite file"),
            ("postgresql://localhost/x", "only SQLite"),
        ],
    )
    def test_bad_store_exits_2(
        self, db: str, message: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A store that cannot be opened exits with status 2 and says why."""
        status = main(["report", "--db", db, "--period", "2025-Q3"])

        assert status == 2
        assert message in capsys.readouterr().err

    def test_file_without_dossiers_table_exits_2(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An SQLite file with no dossiers table exits with status 2 (a storage error)."""
        empty = tmp_path / "empty.db"
        sqlite3.connect(empty).close()

        status = main(["report", "--db", str(empty), "--period", "2025-Q3", "--format", "html",
                       "-o", str(tmp_path / "x.html")])  # fmt: skip

        assert status == 2
        assert "dossiers" in capsys.readouterr().err

    def test_bad_period_exits_2(self, store: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A period that is not YYYY, YYYY-Hn, YYYY-Qn or YYYY-MM exits with status 2."""
        status = main(["report", "--db", str(store), "--period", "Q3-2025"])

        assert status == 2
        assert "period" in capsys.readouterr().err


class TestStoredRows:
    def test_rows_read_back_equal(self, tmp_path: Path, rows: list[DossierRow]) -> None:
        """Rows written with the storage convention read back equal, instants and booleans too."""
        path = write_store(tmp_path / "s.db", rows[:50])

        connection = command._connect(str(path))
        try:
            back = list(command._rows(connection))
        finally:
            connection.close()

        assert back == rows[:50]
        assert back[0].received_at is not None
        assert back[0].received_at.utcoffset() is not None

    def test_bad_output_path(self, store: Path, tmp_path: Path) -> None:
        """An --output that cannot be written raises InvalidValueError naming --output."""
        with pytest.raises(InvalidValueError, match="--output"):
            command._report(
                type("A", (), {"db": str(store), "period": "2025-Q3", "by": "field",
                               "format": "json", "output": str(tmp_path / "no" / "x")})()
            )  # fmt: skip
