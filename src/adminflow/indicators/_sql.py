"""The SQL engine: the same counters as the Python engine, computed by one aggregate query.

Why hand-written SQL over a DB-API connection, not SQLAlchemy: ``adminflow.indicators`` is a
domain package and may not import a database library (DESIGN.md §3); one statement with two
dialect spellings (SQLite, PostgreSQL) is all it needs, and it runs on any DB-API 2 connection —
``sqlite3``, psycopg 3, or the raw connection of a SQLAlchemy engine.

Storage convention (contracts.md item 4): the ``dossiers`` table has the DossierRow columns;
SQLite keeps instants as ISO-8601 UTC text ``YYYY-MM-DDTHH:MM:SS+00:00`` and booleans as 0/1;
PostgreSQL keeps ``timestamptz`` and ``boolean``.

Working days: the engine loads the calendar's cumulative working-day count per local day number
into a temporary table ``adminflow_workdays(dn, cum)`` (about 13,000 rows for 2000-2035) and
looks the two ends of each completed dossier up in it, so SQL counts exactly the days
:meth:`adminflow.calendar.WorkingCalendar.working_days_between` counts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence
from typing import Any

import attrs

from adminflow.errors import InvalidValueError
from adminflow.indicators._period import DAY, WorkdayOrdinals
from adminflow.indicators._tally import TALLY_FIELDS, Tally

__all__ = ["DIALECTS", "SqlSource", "build_query", "tally_sql"]

DIALECTS = ("sqlite", "postgresql")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}(\.[A-Za-z_][A-Za-z0-9_]{0,62})?$")
_WORKDAYS = "adminflow_workdays"


def _check_table(value: Any) -> str:
    if not isinstance(value, str) or not _IDENTIFIER.match(value):
        raise InvalidValueError("table", value, "must be a plain SQL identifier, e.g. dossiers")
    return value


def _check_dialect(value: Any) -> str | None:
    if value is not None and value not in DIALECTS:
        raise InvalidValueError("dialect", value, f"must be None or one of {DIALECTS}")
    return value  # type: ignore[no-any-return]


@attrs.frozen
class SqlSource:
    """Dossier rows kept in a SQL table, for the SQL engine of :mod:`adminflow.indicators`.

    Attributes:
        connection: A DB-API 2 connection (``sqlite3``, psycopg 3) or a SQLAlchemy
            ``Connection``.
        table: The table holding one row per dossier with the DossierRow columns.
        dialect: ``"sqlite"`` or ``"postgresql"``; ``None`` to detect it from the connection.
    """

    connection: Any
    table: str = attrs.field(default="dossiers", kw_only=True, converter=_check_table)
    dialect: str | None = attrs.field(default=None, kw_only=True, converter=_check_dialect)

    def resolved_dialect(self) -> str:
        """The dialect, detected from the connection when not given.

        Raises:
            InvalidValueError: The connection's dialect cannot be told.
        """
        if self.dialect is not None:
            return self.dialect
        sa_dialect = getattr(self.connection, "dialect", None)
        name = getattr(sa_dialect, "name", None)
        if name in DIALECTS:
            return str(name)
        module = type(self.connection).__module__
        if module.startswith("sqlite3"):
            return "sqlite"
        if module.startswith(("psycopg", "psycopg2")):
            return "postgresql"
        raise InvalidValueError(
            "connection", type(self.connection).__name__, "dialect unknown: pass dialect="
        )


def _epoch(column: str, dialect: str) -> str:
    if dialect == "sqlite":
        return f"CAST(strftime('%s', {column}) AS INTEGER)"
    return f"CAST(FLOOR(EXTRACT(EPOCH FROM {column})) AS BIGINT)"


def _flag(column: str) -> str:
    return f"CASE WHEN {column} THEN 1 ELSE 0 END"


def build_query(
    *,
    table: str,
    dialect: str,
    column: str | None,
    eligible: Sequence[str] | None,
    completed_statuses: Sequence[str],
) -> tuple[str, list[str]]:
    """The aggregate statement and the names of its parameters, in order.

    Parameters are written ``:name`` (SQLite) or ``%(name)s`` (PostgreSQL).
    """
    names: list[str] = []

    def p(name: str) -> str:
        names.append(name)
        return f":{name}" if dialect == "sqlite" else f"%({name})s"

    group = column if column is not None else "NULL"
    in_period = f"rcv >= {p('lo')}"
    status_list = ", ".join(p(f"status{i}") for i in range(len(completed_statuses))) or "NULL"
    eligible_list = (
        ", ".join(p(f"eligible{i}") for i in range(len(eligible))) if eligible else "NULL"
    )
    eligible_test = "0 = 1" if eligible is None else f"procedure_code IN ({eligible_list})"
    wd = f"{_WORKDAYS}"
    sums = {
        "active": "1",
        "no_appointment": "CASE WHEN due IS NULL THEN 1 ELSE 0 END",
        "on_time": "CASE WHEN due IS NOT NULL AND nreq <= 1 AND eff <= due THEN 1 ELSE 0 END",
        "early": (
            f"CASE WHEN due IS NOT NULL AND nreq <= 1 AND eff <= due AND "
            f"(eff + {p('off')}) / {DAY} < (due + {p('off')}) / {DAY} THEN 1 ELSE 0 END"
        ),
        "dissatisfied": "CASE WHEN NOT sr OR NOT ss THEN 1 ELSE 0 END",
        "rated_receiving": "CASE WHEN sr IS NOT NULL THEN 1 ELSE 0 END",
        "satisfied_receiving": "CASE WHEN sr THEN 1 ELSE 0 END",
        "rated_resolving": "CASE WHEN ss IS NOT NULL THEN 1 ELSE 0 END",
        "satisfied_resolving": "CASE WHEN ss THEN 1 ELSE 0 END",
        "received": f"CASE WHEN {in_period} THEN 1 ELSE 0 END",
        "online": f"CASE WHEN {p('lo')} <= rcv AND channel = 'online' THEN 1 ELSE 0 END",
        "online_counted": (
            f"CASE WHEN {p('lo')} <= rcv AND channel = 'online' AND (NOT paper OR eres)"
            " THEN 1 ELSE 0 END"
        ),
        "in_person": f"CASE WHEN {p('lo')} <= rcv AND channel = 'in_person' THEN 1 ELSE 0 END",
        "postal": f"CASE WHEN {p('lo')} <= rcv AND channel = 'postal' THEN 1 ELSE 0 END",
        "kiosk": f"CASE WHEN {p('lo')} <= rcv AND channel = 'kiosk' THEN 1 ELSE 0 END",
        "paper_result": f"CASE WHEN {p('lo')} <= rcv AND paper THEN 1 ELSE 0 END",
        "e_result": f"CASE WHEN {p('lo')} <= rcv AND paper AND eres THEN 1 ELSE 0 END",
        "digitised": (
            f"CASE WHEN {p('lo')} <= rcv AND digi AND (NOT paper OR eres) THEN 1 ELSE 0 END"
        ),
        "reused_data": f"CASE WHEN {p('lo')} <= rcv AND reused THEN 1 ELSE 0 END",
        "fee_payable": f"CASE WHEN {p('lo')} <= rcv AND fee THEN 1 ELSE 0 END",
        "paid_online": f"CASE WHEN {p('lo')} <= rcv AND fee AND paid THEN 1 ELSE 0 END",
        "eligible": f"CASE WHEN {p('lo')} <= rcv AND elig = 1 THEN 1 ELSE 0 END",
        "eligible_full_online": (
            f"CASE WHEN {p('lo')} <= rcv AND elig = 1 AND fullon THEN 1 ELSE 0 END"
        ),
        "completed": (
            f"CASE WHEN {p('lo')} <= rcv AND fin IS NOT NULL AND fin < {p('hi')}"
            " AND done = 1 THEN 1 ELSE 0 END"
        ),
        "completed_days": (
            f"CASE WHEN {p('lo')} <= rcv AND fin IS NOT NULL AND fin < {p('hi')}"
            f" AND done = 1 THEN (SELECT cum FROM {wd} WHERE dn = (fin - sup + {p('off')})"
            f" / {DAY}) - (SELECT cum FROM {wd} WHERE dn = (rcv + {p('off')}) / {DAY})"
            " ELSE 0 END"
        ),
        "resolved": f"CASE WHEN fin IS NOT NULL AND fin < {p('hi')} THEN 1 ELSE 0 END",
        "resolved_full_online": (
            f"CASE WHEN fin IS NOT NULL AND fin < {p('hi')} AND fullon THEN 1 ELSE 0 END"
        ),
    }
    assert tuple(sums) == TALLY_FIELDS
    # The names list now holds the SELECT-list parameters; the inner query's come next.
    select = ",\n  ".join(f"SUM({expr}) AS {name}" for name, expr in sums.items())
    select = select.replace("SUM(1) AS active", "COUNT(*) AS active")
    hi_text, lo_text = p("hi_text"), p("lo_text")
    hi_e, hi_p, hi_last = p("hi"), p("hi"), p("hi")
    inner = f"""SELECT {group} AS g,
    {_epoch("received_at", dialect)} AS rcv,
    {_epoch("finished_at", dialect)} AS fin,
    {_epoch("due_at", dialect)} AS due,
    {_epoch("pending_supplement_since", dialect)} AS pend,
    supplement_seconds AS sup,
    supplement_requests_reception + supplement_requests_processing AS nreq,
    channel,
    paper_result AS paper, e_result AS eres, digitised AS digi, reused_data AS reused,
    fee_payable AS fee, paid_online AS paid, full_online AS fullon,
    satisfied_receiving AS sr, satisfied_resolving AS ss,
    CASE WHEN {eligible_test} THEN 1 ELSE 0 END AS elig,
    CASE WHEN status IN ({status_list}) THEN 1 ELSE 0 END AS done
  FROM {table}
  WHERE received_at IS NOT NULL AND received_at < {hi_text}
    AND (finished_at IS NULL OR finished_at >= {lo_text})"""
    middle = f"""SELECT r.*,
    CASE WHEN fin IS NOT NULL AND fin < {hi_e} THEN fin
         WHEN pend IS NOT NULL AND pend < {hi_p} THEN pend
         ELSE {hi_last} - 1 END - sup AS eff
  FROM r"""
    sql = (
        f"WITH r AS (\n  {inner}\n), e AS (\n  {middle}\n)\n"
        f"SELECT g,\n  {select}\nFROM e GROUP BY g"
    )
    return sql, names


def _execute(connection: Any, sql: str, params: Any) -> list[Sequence[Any]]:
    if hasattr(connection, "exec_driver_sql"):  # SQLAlchemy Connection
        return list(connection.exec_driver_sql(sql, params).fetchall())
    cursor = connection.cursor()
    try:
        if params is None:
            cursor.execute(sql)
        else:
            cursor.execute(sql, params)
        return list(cursor.fetchall()) if cursor.description is not None else []
    finally:
        cursor.close()


def _executemany(connection: Any, sql: str, rows: list[tuple[int, int]]) -> None:
    if hasattr(connection, "exec_driver_sql"):
        connection.exec_driver_sql(sql, rows)
        return
    cursor = connection.cursor()
    try:
        cursor.executemany(sql, rows)
    finally:
        cursor.close()


def load_workdays(source: SqlSource, ordinals: WorkdayOrdinals) -> None:
    """(Re)create the temporary working-day table on the source's connection."""
    dialect = source.resolved_dialect()
    conn = source.connection
    rows = [(ordinals.first + i, c) for i, c in enumerate(ordinals.cum)]
    _execute(conn, f"DROP TABLE IF EXISTS {_WORKDAYS}", None)
    if dialect == "sqlite":
        _execute(conn, f"CREATE TEMP TABLE {_WORKDAYS} (dn INTEGER PRIMARY KEY, cum INTEGER)", None)
        _executemany(conn, f"INSERT INTO {_WORKDAYS} VALUES (?, ?)", rows)
    else:
        _execute(
            conn,
            f"CREATE TEMP TABLE {_WORKDAYS} (dn INTEGER PRIMARY KEY, cum INTEGER NOT NULL)",
            None,
        )
        _execute(
            conn,
            f"INSERT INTO {_WORKDAYS} SELECT * FROM unnest(%(dn)s::int[], %(cum)s::int[])",
            {"dn": [r[0] for r in rows], "cum": [r[1] for r in rows]},
        )


def tally_sql(
    source: SqlSource,
    *,
    lo: int,
    hi: int,
    column: str | None,
    ordinals: WorkdayOrdinals,
    eligible: Collection[str] | None,
    completed_statuses: Collection[str],
) -> dict[str | None, Tally]:
    """The counters per group, computed in the database.

    Raises:
        StorageError: The database refused the statement (e.g. a missing column).
    """
    from adminflow.errors import StorageError

    dialect = source.resolved_dialect()
    eligible_list = sorted(eligible) if eligible is not None else None
    statuses = sorted(completed_statuses)
    sql, names = build_query(
        table=source.table,
        dialect=dialect,
        column=column,
        eligible=eligible_list,
        completed_statuses=statuses,
    )
    values: dict[str, Any] = {"lo": lo, "hi": hi, "off": ordinals.offset}
    values.update((f"status{i}", status) for i, status in enumerate(statuses))
    values.update((f"eligible{i}", code) for i, code in enumerate(eligible_list or ()))
    for name, instant in (("lo_text", lo), ("hi_text", hi)):
        moment = dt.datetime.fromtimestamp(instant, dt.UTC)
        values[name] = moment.isoformat() if dialect == "sqlite" else moment
    values = {name: values[name] for name in set(names)}
    try:
        load_workdays(source, ordinals)
        rows = _execute(source.connection, sql, values)
    except Exception as exc:  # driver errors differ per driver; wrap them all
        raise StorageError(f"indicator query failed on table {source.table!r}: {exc}") from exc
    result: dict[str | None, Tally] = {}
    for row in rows:
        result[row[0]] = [int(v or 0) for v in row[1:]]
    return result
