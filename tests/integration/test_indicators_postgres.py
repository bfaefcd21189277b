"""The SQL engine of adminflow.indicators on a real PostgreSQL server agrees with Python.

The server is started for this module with the machine's ``initdb``/``pg_ctl`` on loopback (as
the ``postgres`` user when run as root). Without PostgreSQL or psycopg the tests are skipped,
unless ``ADMINFLOW_REQUIRE_POSTGRES=1`` turns the skip into a failure.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adminflow.dossiers import DossierRow
from adminflow.indicators import Period, SqlSource, report, tallies
from adminflow.store._records import BOOL_COLUMNS, INSTANT_COLUMNS, INT_COLUMNS
from adminflow.testing import dossier_rows

pytestmark = pytest.mark.postgres
REQUIRE = os.environ.get("ADMINFLOW_REQUIRE_POSTGRES", "") not in {"", "0", "false"}
COLUMNS = [field.name for field in attrs.fields(DossierRow)]
TYPES = {
    **dict.fromkeys(INT_COLUMNS, "integer"),
    "supplement_seconds": "bigint",
    **dict.fromkeys(INSTANT_COLUMNS, "timestamptz"),
    **dict.fromkeys(BOOL_COLUMNS, "boolean"),
}


def _unavailable(reason: str) -> Any:
    if REQUIRE:
        pytest.fail(f"PostgreSQL not available: {reason} (ADMINFLOW_REQUIRE_POSTGRES is set)")
    pytest.skip(f"PostgreSQL not available: {reason}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def connection() -> Iterator[Any]:
    """A psycopg connection to a throw-away PostgreSQL server."""
    try:
        import psycopg
    except ImportError:
        _unavailable("psycopg is not installed")
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if not initdb or not pg_ctl:
        _unavailable("initdb/pg_ctl not found")
    folder = Path(tempfile.mkdtemp(prefix="adminflow-pg-"))
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    if as_root:
        shutil.chown(folder, "postgres")
    port = _free_port()
    data = folder / "data"
    try:
        subprocess.run(
            [*prefix, initdb, "-D", str(data), "-U", "postgres", "--auth=trust"],
            check=True,
            capture_output=True,
        )
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1"
        subprocess.run(
            [
                *prefix,
                pg_ctl,
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(folder / "log"),
                "-w",
                "start",
            ],
            check=True,
            capture_output=True,
        )
    except (subprocess.CalledProcessError, OSError) as exc:
        _unavailable(f"server did not start: {exc}")
    try:
        with psycopg.connect(
            f"host=127.0.0.1 port={port} user=postgres dbname=postgres", autocommit=True
        ) as conn:
            yield conn
    finally:
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], check=False)
        shutil.rmtree(folder, ignore_errors=True)


def _load(connection: Any, rows: list[DossierRow]) -> SqlSource:
    connection.execute("DROP TABLE IF EXISTS dossiers")
    columns = ", ".join(f"{name} {TYPES.get(name, 'text')}" for name in COLUMNS)
    connection.execute(f"CREATE TABLE dossiers ({columns})")
    marks = ", ".join(["%s"] * len(COLUMNS))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO dossiers VALUES ({marks})",
            [tuple(getattr(r, c) for c in COLUMNS) for r in rows],
        )
    return SqlSource(connection)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(dossier_rows(), max_size=30, unique_by=lambda r: r.id),
    st.sampled_from(["2025-Q3", "2025", "2026-01"]),
    st.sampled_from([None, "commune", "authority", "procedure"]),
    st.booleans(),
    st.booleans(),
)
def test_postgres_and_python_agree(
    connection: Any,
    rows: list[DossierRow],
    period: str,
    by: str | None,
    early_as_of: bool,
    deduct: bool,
) -> None:
    """The PostgreSQL pushdown gives the Python engine's counters on random dossiers."""
    start = Period.parse(period).first_day
    as_of = dt.datetime(start.year, start.month, 20, 13, tzinfo=dt.UTC) if early_as_of else None
    options: dict[str, Any] = {
        "by": by,
        "full_process_procedures": {"1.000001"},
        "as_of": as_of,
        "deduct_supplement": deduct,
    }

    in_sql = tallies(_load(connection, rows), period, **options)

    assert in_sql == tallies(rows, period, **options)


def test_postgres_report_is_detected_and_complete(connection: Any) -> None:
    """A psycopg connection is detected as PostgreSQL and gives a full report."""
    source = _load(connection, [])

    table = report(source, "2025-Q3", by="commune")

    assert source.resolved_dialect() == "postgresql"
    assert table.groups == ()
    assert table.total["on_time"].status.value == "not_applicable"
