"""Benchmark: the full indicator report for one year grouped by commune, SQL pushdown vs Python.

A seeded synthetic year of dossiers (65 communes, 40 procedures, 2025 plus spill-over from late
2024) is written to a SQLite file with the store's storage convention, then the full report for
2025 by commune is computed:

* **SQL pushdown** — ``report(SqlSource(connection), "2025", by="commune")``: one aggregate
  query in SQLite;
* **Python path** — the same report over the same rows read from the file and turned into
  ``DossierRow`` objects (what a caller without pushdown would do);
* **Python engine alone** — over rows already in memory (the cost of the counting itself).

Both engines must give the same report (checked). Target (issue 12): over 1,000,000 rows the SQL
report takes seconds. Run: ``python benchmarks/bench_indicators.py [--rows N]``; the test suite
runs it with a small ``--rows`` and ``--no-targets``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from adminflow.dossiers import DossierRow
from adminflow.indicators import SqlSource, report
from adminflow.store._records import BOOL_COLUMNS, INSTANT_COLUMNS
from adminflow.testing import create_dossier_table, synthetic_dossier_rows
from adminflow.testing._rows import DOSSIER_COLUMNS, sqlite_value


def rows_from(connection: sqlite3.Connection) -> Iterator[DossierRow]:
    """Read the table back into DossierRow objects (the Python path's input)."""
    instants, flags = INSTANT_COLUMNS, BOOL_COLUMNS
    parse = dt.datetime.fromisoformat
    kinds = [
        (name, 1 if name in instants else 2 if name in flags else 0) for name in DOSSIER_COLUMNS
    ]
    for values in connection.execute(f"SELECT {', '.join(DOSSIER_COLUMNS)} FROM dossiers"):
        fields = {}
        for (name, kind), value in zip(kinds, values, strict=True):
            if value is not None and kind == 1:
                value = parse(value)
            elif value is not None and kind == 2:
                value = bool(value)
            fields[name] = value
        yield DossierRow(**fields)


def fill(connection: sqlite3.Connection, rows: int) -> None:
    """Create the dossiers table and insert ``rows`` synthetic dossiers in batches."""
    create_dossier_table(connection)
    marks = ", ".join("?" for _ in DOSSIER_COLUMNS)
    batch: list[tuple[object, ...]] = []
    for row in synthetic_dossier_rows(rows):
        batch.append(tuple(sqlite_value(getattr(row, c)) for c in DOSSIER_COLUMNS))
        if len(batch) == 50_000:
            connection.executemany(f"INSERT INTO dossiers VALUES ({marks})", batch)
            batch.clear()
    connection.executemany(f"INSERT INTO dossiers VALUES ({marks})", batch)
    connection.commit()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="dossiers in the table")
    parser.add_argument("--in-memory-rows", type=int, default=200_000, help="Python engine rows")
    parser.add_argument("--db", help="keep the SQLite file here and reuse it when it exists")
    parser.add_argument("--no-targets", action="store_true", help="print, judge nothing")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(args.db) if args.db else Path(folder) / "bench.sqlite"
        reuse = path.exists()
        connection = sqlite3.connect(path)
        start = time.perf_counter()
        if reuse:
            (count,) = connection.execute("SELECT count(*) FROM dossiers").fetchone()
            assert count == args.rows, f"{path} holds {count} rows, not {args.rows}"
        else:
            fill(connection, args.rows)
        built = time.perf_counter() - start

        source = SqlSource(connection)
        start = time.perf_counter()
        in_sql = report(source, "2025", by="commune")
        t_sql = time.perf_counter() - start
        start = time.perf_counter()
        python_path = report(rows_from(connection), "2025", by="commune")
        t_path = time.perf_counter() - start
        assert in_sql.groups == python_path.groups, "engines disagree"
        assert in_sql.total == python_path.total, "engines disagree"

        few = list(synthetic_dossier_rows(min(args.in_memory_rows, args.rows)))
        start = time.perf_counter()
        report(few, "2025", by="commune")
        t_engine = (time.perf_counter() - start) / len(few)
        connection.close()

    n = args.rows
    made = "reused" if reuse else "built"
    print(f"rows: {n:,} in {len(in_sql.groups)} communes (table {made} in {built:.1f} s)")
    print(f"SQL pushdown, full report 2025 by commune:    {t_sql:8.2f} s")
    print(f"Python path (read rows + Python engine):       {t_path:8.2f} s")
    print(f"Python engine alone, rows in memory:           {t_engine * 1e6:8.2f} us/row")
    print(f"speed-up SQL pushdown vs Python path:          {t_path / t_sql:8.1f}x")
    print(f"speed-up SQL pushdown vs Python engine alone:  {t_engine * n / t_sql:8.1f}x")
    on_time = in_sql.total["on_time"]
    print(f"province on-time share: {on_time.rate:.4f}; score {in_sql.total.score}")
    if not args.no_targets and n >= 1_000_000 and t_sql > 10:
        print("MISSED: the SQL report should take seconds (<= 10 s) over 1,000,000 rows")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
