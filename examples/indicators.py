"""Compute the Decision 766 indicators for a year, in Python and pushed down into SQLite.

Run: ``python examples/indicators.py``. Builds 5,000 synthetic dossier rows (seeded), stores
them in an SQLite ``dossiers`` table, and prints the report of the first communes and the
province total from both engines, which agree.
"""

from __future__ import annotations

import sqlite3

from adminflow.indicators import ProvidedValue, SqlSource, ValueStatus, report
from adminflow.testing import create_dossier_table, insert_dossier_rows, synthetic_dossier_rows


def main() -> None:
    rows = list(synthetic_dossier_rows(5_000))
    connection = sqlite3.connect(":memory:")
    create_dossier_table(connection)
    insert_dossier_rows(connection, rows)

    inputs = {  # figures adminflow does not hold, e.g. from the Department of Justice
        "published_on_time": ProvidedValue(numerator=48, denominator=50, source="Sở Tư pháp"),
    }
    in_python = report(rows, "2025", by="commune", inputs=inputs)
    in_sql = report(SqlSource(connection), "2025", by="commune", inputs=inputs)
    assert in_python.groups == in_sql.groups
    assert in_python.total == in_sql.total

    shown = ("on_time", "processing_time", "online", "full_online", "digitised", "satisfaction")
    print(f"period {in_sql.period}, {len(in_sql.groups)} communes")
    print(f"{'commune':8}" + "".join(f"{code:>17}" for code in shown))
    for group in (*in_sql.groups[:5], in_sql.total):
        cells = []
        for code in shown:
            value = group[code]
            if value.status is not ValueStatus.OK or value.rate is None:
                cells.append(f"{'n/a':>17}")
            elif value.unit:
                cells.append(f"{value.rate:>12.2f} days")
            else:
                cells.append(f"{value.rate:>16.1%} ")
        print(f"{group.key or 'total':8}" + "".join(cells))
    total = in_sql.total
    print(f"score {total.score} of {total.max_score} scored points with a value;")
    print(f"not computed (inputs adminflow does not hold): {', '.join(total.missing)}")


if __name__ == "__main__":
    main()
