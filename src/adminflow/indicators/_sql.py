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
        return f"unixepoch({column})"
    return f"CAST(FLOOR(EXTRACT(EPOCH FROM {column})) AS BIGINT)"


def _case(expression: str) -> str:
    return f"CASE WHEN {expression} THEN 1 ELSE 0 END"


def _bare(expression: str) -> str:
    # SQLite: a comparison or a 0/1 column is already 0/1 (NULL, which SUM skips, when unknown).
    return f"({expression})"


#: Each counter as a product of 0/1 columns of the per-row query (``days`` is a number).
_SUMS: dict[str, str] = {
    "active": "1",
    "no_appointment": "1 - judged",
    "on_time": "ok",
    "early": "early",
    "dissatisfied": "unhappy",
    "rated_receiving": "rr",
    "satisfied_receiving": "sr",
    "rated_resolving": "rs",
    "satisfied_resolving": "ss",
    "received": "inp",
    "online": "inp * onl",
    "online_counted": "inp * onl * eok",
    "in_person": "inp * dir",
    "postal": "inp * pst",
    "kiosk": "inp * ksk",
    "paper_result": "inp * paper",
    "e_result": "inp * paper * eres",
    "digitised": "inp * digi * eok",
    "reused_data": "inp * reused",
    "fee_payable": "inp * fee",
    "paid_online": "inp * fee * paid",
    "eligible": "inp * elig",
    "eligible_full_online": "inp * elig * fullon",
    "completed": "inp * fin_in * done",
    "completed_days": "days",
    "resolved": "fin_in",
    "resolved_full_online": "fin_in * fullon",
}


def build_query(
    *,
    table: str,
    dialect: str,
    column: str | None,
    eligible: Sequence[str] | None,
    completed_statuses: Sequence[str],
) -> tuple[str, list[str]]:
    """The aggregate statement and the names of its parameters.

    Parameters are written ``:name`` (SQLite) or ``%(name)s`` (PostgreSQL). The statement has
    three levels: the stored columns as Unix seconds and 0/1 flags (``r``), each dossier's
    classification (``e``), and one ``SUM`` per counter. ``LIMIT -1`` keeps SQLite from
    flattening the levels (which would evaluate each conversion once per use).
    """
    assert tuple(_SUMS) == TALLY_FIELDS
    names: list[str] = []
    _flag = _bare if dialect == "sqlite" else _case

    def p(name: str) -> str:
        names.append(name)
        return f":{name}" if dialect == "sqlite" else f"%({name})s"

    group = column if column is not None else "NULL"
    statuses = ", ".join(p(f"status{i}") for i in range(len(completed_statuses))) or "NULL"
    if eligible is None:
        elig = "0"
    else:
        codes = ", ".join(p(f"eligible{i}") for i in range(len(eligible))) or "NULL"
        elig = _flag(f"procedure_code IN ({codes})")
    keep = " LIMIT -1" if dialect == "sqlite" else ""
    scan = "+" if dialect == "sqlite" else ""  # a full scan beats the index for a whole year
    fin, pend = _epoch("finished_at", dialect), _epoch("pending_supplement_since", dialect)
    lo, hi, off, until, ded = p("lo"), p("hi"), p("off"), p("until"), p("deduct")
    wd = _WORKDAYS
    rows = f"""SELECT {group} AS g,
    {_epoch("received_at", dialect)} AS rcv,
    {fin} AS fin,
    {_epoch("due_at", dialect)} AS due,
    CASE WHEN finished_at IS NOT NULL AND {fin} < {hi} THEN {fin}
         WHEN pending_supplement_since IS NOT NULL AND {pend} < {until} THEN {pend}
         ELSE {until} - 1 END - supplement_seconds * {ded} AS eff,
    supplement_seconds AS sup,
    supplement_requests_reception + supplement_requests_processing AS nreq,
    {_flag("channel = 'online'")} AS onl,
    {_flag("channel IS NULL OR channel NOT IN ('online', 'postal', 'kiosk')")} AS dir,
    {_flag("channel = 'postal'")} AS pst,
    {_flag("channel = 'kiosk'")} AS ksk,
    {_flag("paper_result")} AS paper, {_flag("e_result")} AS eres,
    {_flag("digitised")} AS digi, {_flag("reused_data")} AS reused,
    {_flag("fee_payable")} AS fee, {_flag("paid_online")} AS paid,
    {_flag("full_online")} AS fullon,
    {_flag("NOT paper_result OR e_result")} AS eok,
    {_flag("satisfied_receiving IS NOT NULL")} AS rr, {_flag("satisfied_receiving")} AS sr,
    {_flag("satisfied_resolving IS NOT NULL")} AS rs, {_flag("satisfied_resolving")} AS ss,
    {_flag("NOT satisfied_receiving OR NOT satisfied_resolving")} AS unhappy,
    {elig} AS elig,
    {_flag(f"status IN ({statuses})")} AS done
  FROM {table}
  WHERE received_at IS NOT NULL AND {scan}received_at < {p("hi_text")}
    AND (finished_at IS NULL OR finished_at >= {p("lo_text")}){keep}"""
    classified = f"""SELECT r.*,
    {_flag("due IS NOT NULL")} AS judged,
    {_flag("due IS NOT NULL AND nreq <= 1 AND eff <= due")} AS ok,
    {
        _flag(
            f"due IS NOT NULL AND nreq <= 1 AND eff <= due AND (eff + {off}) / {DAY}"
            f" < (due + {off}) / {DAY}"
        )
    } AS early,
    {_flag(f"rcv >= {lo}")} AS inp,
    {_flag(f"fin IS NOT NULL AND fin < {hi}")} AS fin_in
  FROM r{keep}"""
    select = ",\n  ".join(f"SUM({expr}) AS {name}" for name, expr in _SUMS.items())
    select = select.replace(
        "SUM(days) AS completed_days",
        f"""SUM(CASE WHEN inp = 1 AND fin_in = 1 AND done = 1
    THEN (SELECT cum FROM {wd} WHERE dn = (fin - sup + {off}) / {DAY})
       - (SELECT cum FROM {wd} WHERE dn = (rcv + {off}) / {DAY})
    ELSE 0 END) AS completed_days""",
    )
    sql = (
        f"WITH r AS (\n  {rows}\n), e AS (\n  {classified}\n)\n"
        f"SELECT g,\n  {select}\nFROM e GROUP BY g"
    )
    return sql, names


def _execute(connection: Any, sql: str, params: Any) -> list[Sequence[Any]]:
    if hasattr(connection, "exec_driver_sql"):  # SQLAlchemy Connection
        result = (
            connection.exec_driver_sql(sql)
            if params is None
            else connection.exec_driver_sql(sql, params)
        )
        return list(result.fetchall()) if result.returns_rows else []
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
    """Make the temporary working-day table hold ``ordinals`` (reloaded only when it differs).

    The table is ``TEMP``: it lives in the connection's session and never touches the user's
    schema.
    """
    dialect = source.resolved_dialect()
    conn = source.connection
    columns = "(dn INTEGER PRIMARY KEY, cum INTEGER NOT NULL)"
    _execute(conn, f"CREATE TEMP TABLE IF NOT EXISTS {_WORKDAYS} {columns}", None)
    expected = (len(ordinals.cum), ordinals.first, sum(ordinals.cum))
    found = _execute(conn, f"SELECT count(*), min(dn), sum(cum) FROM {_WORKDAYS}", None)
    if found and tuple(int(v or 0) for v in found[0]) == expected:
        return
    _execute(conn, f"DELETE FROM {_WORKDAYS}", None)
    rows = [(ordinals.first + i, c) for i, c in enumerate(ordinals.cum)]
    if dialect == "sqlite":
        _executemany(conn, f"INSERT INTO {_WORKDAYS} VALUES (?, ?)", rows)
    else:
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
    until: int,
    deduct: bool,
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
    values: dict[str, Any] = {
        "lo": lo,
        "hi": hi,
        "until": until,
        "deduct": int(deduct),
        "off": ordinals.offset,
    }
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
