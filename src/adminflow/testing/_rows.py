"""Dossier rows for tests: a hypothesis strategy and a SQLite ``dossiers`` table to put them in.

The table follows the store's storage convention (contracts.md item 4): instants as ISO-8601 UTC
text ``YYYY-MM-DDTHH:MM:SS+00:00``, booleans as 0/1, one column per DossierRow field.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
from hypothesis import strategies as st

from adminflow.dossiers import DossierRow

__all__ = [
    "CHANNELS",
    "DOSSIER_COLUMNS",
    "create_dossier_table",
    "dossier_rows",
    "insert_dossier_rows",
    "sqlite_value",
    "synthetic_dossier_rows",
]

CHANNELS = ("in_person", "postal", "online", "kiosk", "mobile_point")
STATUSES = ("received", "in_processing", "result_ready", "result_returned", "refused", "stopped")
DOSSIER_COLUMNS: tuple[str, ...] = tuple(f.name for f in attrs.fields(DossierRow))
_UTC = dt.UTC

_SQL_TYPES = {
    "id": "TEXT PRIMARY KEY",
    "version": "INTEGER NOT NULL",
    "supplement_requests_reception": "INTEGER NOT NULL",
    "supplement_requests_processing": "INTEGER NOT NULL",
    "supplement_seconds": "INTEGER NOT NULL",
    **dict.fromkeys(
        (
            "fee_payable",
            "paid_online",
            "paper_result",
            "e_result",
            "digitised",
            "reused_data",
            "digitally_signed",
            "full_online",
        ),
        "INTEGER NOT NULL",
    ),
    "satisfied_receiving": "INTEGER",
    "satisfied_resolving": "INTEGER",
}


def create_dossier_table(connection: sqlite3.Connection, table: str = "dossiers") -> None:
    """Create a SQLite table with the DossierRow columns (and indexes on the instants)."""
    columns = ", ".join(f"{name} {_SQL_TYPES.get(name, 'TEXT')}" for name in DOSSIER_COLUMNS)
    connection.execute(f"CREATE TABLE {table} ({columns})")
    connection.execute(f"CREATE INDEX {table}_received ON {table} (received_at)")


def sqlite_value(value: Any) -> Any:
    """A DossierRow field value as SQLite stores it (instants as UTC text, booleans as 0/1)."""
    if isinstance(value, dt.datetime):
        return value.astimezone(_UTC).replace(microsecond=0).isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def insert_dossier_rows(
    connection: sqlite3.Connection, rows: Iterable[DossierRow], table: str = "dossiers"
) -> int:
    """Insert ``rows`` into ``table``; returns how many."""
    marks = ", ".join("?" for _ in DOSSIER_COLUMNS)
    data = [tuple(sqlite_value(getattr(r, c)) for c in DOSSIER_COLUMNS) for r in rows]
    connection.executemany(f"INSERT INTO {table} VALUES ({marks})", data)
    return len(data)


_START = dt.datetime(2024, 11, 1, 1, 0, tzinfo=_UTC)
_SPAN = int((dt.datetime(2025, 12, 31, 10, tzinfo=_UTC) - _START).total_seconds())
_CHANNELS = ("online", "online", "online", "in_person", "in_person", "postal", "kiosk")


def synthetic_dossier_rows(n: int, *, seed: int = 766) -> Iterator[DossierRow]:
    """``n`` plausible dossier rows for one province, late 2024 to the end of 2025 (seeded).

    65 communes, 40 procedures, channels weighted towards online, 93 % finished, about one in
    five with a supplement request; fast enough for millions of rows. For tests and benchmarks
    of the indicators; it does not run the workflow (the simulation does).
    """
    rng = random.Random(seed)
    units = [f"{22000 + 13 * i:05d}" for i in range(65)]
    procedures = [f"{1 + i % 2}.{i:06d}" for i in range(40)]
    fields = ("civil_status", "land", "construction", "business", "justice")
    for i in range(n):
        received = _START + dt.timedelta(seconds=rng.randrange(_SPAN))
        due = received + dt.timedelta(days=rng.choice((1, 3, 5, 7, 10, 15, 20)))
        finished = None
        status = "in_processing"
        roll = rng.random()
        if roll < 0.93:
            finished = received + dt.timedelta(
                seconds=rng.randrange(int(1.05 * (due - received).total_seconds()))
            )
            status = (
                "result_returned" if roll < 0.85 else "result_ready" if roll < 0.9 else "refused"
            )
        supplements = rng.choice((0, 0, 0, 0, 0, 0, 1, 1, 2))
        sup = rng.randrange(3 * 86_400) if supplements and finished else 0
        channel = rng.choice(_CHANNELS)
        fee = rng.random() < 0.4
        paid = fee and rng.random() < 0.6
        paper = rng.random() < 0.7
        e_result = rng.random() < 0.85
        procedure = rng.choice(procedures)
        yield DossierRow(
            id=f"d{i}",
            version=5,
            code=f"H41.{i % 100:02d}-250101-{i % 10000:04d}",
            procedure_code=procedure,
            procedure_field=fields[int(procedure[-2:]) % len(fields)],
            rule_set="118/2025",
            province_code="56",
            unit_code=rng.choice(units),
            receiving_unit_code=rng.choice(units),
            authority_id="pc",
            channel=channel,
            status=status,
            submitted_at=received,
            received_at=received,
            due_at=due,
            original_due_at=due,
            finished_at=finished,
            returned_at=finished if status == "result_returned" else None,
            outcome=None,
            supplement_requests_reception=0,
            supplement_requests_processing=supplements,
            supplement_seconds=sup,
            pending_supplement_since=None,
            fee_payable=fee,
            paid_online=paid,
            paper_result=paper,
            e_result=e_result,
            digitised=rng.random() < 0.8,
            reused_data=rng.random() < 0.3,
            digitally_signed=True,
            full_online=channel == "online" and e_result and (paid or not fee),
            satisfied_receiving=rng.choice((None, None, True, True, True, False)),
            satisfied_resolving=rng.choice((None, None, True, True, True, False)),
        )


_BASE = dt.datetime(2025, 1, 1, tzinfo=_UTC)
_VN = dt.timezone(dt.timedelta(hours=7))


@st.composite
def dossier_rows(
    draw: st.DrawFn,
    *,
    units: tuple[str, ...] = ("00001", "00004", "00007"),
    procedures: tuple[str, ...] = ("1.000001", "1.000002", "2.000003"),
    first: dt.datetime = _BASE,
    days: int = 540,
) -> DossierRow:
    """A consistent :class:`DossierRow` with whole-second, aware instants.

    Instants fall in ``days`` days from ``first`` and are drawn near day boundaries often
    enough to exercise local-day arithmetic. Received dossiers have an appointment after
    receipt (sometimes none, to exercise the "not judged" path); finished dossiers finish after
    receipt; the supplement time lies within processing.
    """
    span = days * 86_400
    submitted = first + dt.timedelta(seconds=draw(st.integers(0, span)))
    received = draw(st.none() | st.just(submitted + dt.timedelta(hours=draw(st.integers(0, 30)))))
    due = finished = pending = None
    status = "submitted"
    sup_seconds = 0
    req_reception = draw(st.sampled_from((0, 0, 0, 1, 2)))
    req_processing = draw(st.sampled_from((0, 0, 1, 1, 2)))
    if received is not None:
        status = draw(st.sampled_from(STATUSES))
        if draw(st.integers(0, 19)):
            due = received + dt.timedelta(
                days=draw(st.integers(0, 30)), seconds=draw(st.integers(-3600, 36_000))
            )
            due = max(due, received)
        if status not in ("received", "in_processing"):
            finished = received + dt.timedelta(seconds=draw(st.integers(0, 40 * 86_400)))
            sup_seconds = draw(st.integers(0, int((finished - received).total_seconds())))
        elif req_processing and draw(st.booleans()):
            pending = received + dt.timedelta(seconds=draw(st.integers(0, 20 * 86_400)))
    unit = draw(st.sampled_from(units))
    fee = draw(st.booleans())
    paper = draw(st.booleans())
    channel = draw(st.sampled_from(CHANNELS))
    e_result = draw(st.booleans())
    paid = fee and draw(st.booleans())
    zone = draw(st.sampled_from((_UTC, _VN)))

    def local(value: dt.datetime | None) -> dt.datetime | None:
        return None if value is None else value.astimezone(zone)

    return DossierRow(
        id=f"d{draw(st.integers(0, 10**9))}",
        version=draw(st.integers(1, 20)),
        code="H41.05-250707-0001",
        procedure_code=draw(st.sampled_from(procedures)),
        procedure_field=draw(st.sampled_from(("civil_status", "land", "construction"))),
        rule_set="118/2025",
        province_code="56",
        unit_code=unit,
        receiving_unit_code=draw(st.sampled_from(units)),
        authority_id=draw(st.none() | st.sampled_from(("pc-00001", "pc-00004"))),
        channel=channel,
        status=status,
        submitted_at=local(submitted),
        received_at=local(received),
        due_at=local(due),
        original_due_at=local(due),
        finished_at=local(finished),
        returned_at=local(finished) if status == "result_returned" else None,
        outcome=None,
        supplement_requests_reception=req_reception,
        supplement_requests_processing=req_processing,
        supplement_seconds=sup_seconds,
        pending_supplement_since=local(pending),
        fee_payable=fee,
        paid_online=paid,
        paper_result=paper,
        e_result=e_result,
        digitised=draw(st.booleans()),
        reused_data=draw(st.booleans()),
        digitally_signed=draw(st.booleans()),
        full_online=channel == "online" and e_result and (paid or not fee),
        satisfied_receiving=draw(st.none() | st.booleans()),
        satisfied_resolving=draw(st.none() | st.booleans()),
    )
