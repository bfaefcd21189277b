"""The SQL schema, one for SQLite and PostgreSQL (SQLAlchemy Core tables, no ORM classes).

Instants are ``timestamptz`` on PostgreSQL and UTC ISO-8601 text on SQLite
(``YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00``, which sorts in time order); booleans are ``boolean``
on PostgreSQL and 0/1 integers on SQLite. The Alembic scripts in ``migrations/versions`` build
exactly these tables; a test compares them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Dialect,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    TypeDecorator,
)
from sqlalchemy.dialects.postgresql import TIMESTAMP
from sqlalchemy.types import TypeEngine

from adminflow.store._records import (
    BOOL_COLUMNS,
    INSTANT_COLUMNS,
    INT_COLUMNS,
    NULLABLE_COLUMNS,
    ROW_COLUMNS,
    instant_text,
    parse_instant,
)

__all__ = ["HEAD", "Instant", "commands", "dossier_events", "dossiers", "metadata", "outbox"]

#: The Alembic revision this code reads and writes.
HEAD = "0002"


class Instant(TypeDecorator[dt.datetime]):
    """An aware instant: ``timestamptz`` on PostgreSQL, UTC ISO text elsewhere."""

    impl = Text
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        """``TIMESTAMP WITH TIME ZONE`` on PostgreSQL, ``TEXT`` elsewhere."""
        if dialect.name == "postgresql":
            return dialect.type_descriptor(TIMESTAMP(timezone=True))
        return dialect.type_descriptor(Text())

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        """UTC ISO text for SQLite, the aware datetime for PostgreSQL."""
        if value is None or isinstance(value, str):
            return value
        if dialect.name == "postgresql":
            return value
        return instant_text(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        """An aware datetime in UTC."""
        if value is None:
            return None
        if isinstance(value, str):
            return parse_instant(value)
        result: dt.datetime = value.astimezone(dt.UTC)
        return result


def _row_column(name: str) -> Column[Any]:
    kind: Any
    if name in INSTANT_COLUMNS:
        kind = Instant()
    elif name in INT_COLUMNS:
        kind = Integer()
    elif name in BOOL_COLUMNS:
        kind = Boolean(create_constraint=False)
    else:
        kind = Text()
    return Column(name, kind, primary_key=name == "id", nullable=name in NULLABLE_COLUMNS)


metadata = MetaData()

dossiers = Table(
    "dossiers",
    metadata,
    *(_row_column(name) for name in ROW_COLUMNS),
    Column("applicant_hash", Text, nullable=True),
    Index("ix_dossiers_code", "code", "id"),
    Index("ix_dossiers_applicant", "applicant_hash", "id"),
    Index("ix_dossiers_unit_status", "unit_code", "status", "id"),
    Index("ix_dossiers_received", "received_at", "id"),
    Index(
        "ix_dossiers_open_due",
        "due_at",
        "id",
        sqlite_where=Column("finished_at").is_(None),
        postgresql_where=Column("finished_at").is_(None),
    ),
)

dossier_events = Table(
    "dossier_events",
    metadata,
    Column("dossier_id", Text, ForeignKey("dossiers.id"), primary_key=True),
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("type", Text, nullable=False),
    Column("at", Instant(), nullable=False),
    Column("data", Text, nullable=False),
    Column("hash", Text, nullable=False),
    Column("command_key", Text, nullable=True),
)

outbox = Table(
    "outbox",
    metadata,
    Column(
        "position",
        BigInteger().with_variant(Integer(), "sqlite"),
        primary_key=True,
        autoincrement=True,
    ),
    Column("dossier_id", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("type", Text, nullable=False),
    Column("at", Instant(), nullable=False),
    Column("code", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("payload", Text, nullable=False),
    ForeignKeyConstraint(
        ["dossier_id", "version"], ["dossier_events.dossier_id", "dossier_events.version"]
    ),
)

commands = Table(
    "commands",
    metadata,
    Column("key", Text, primary_key=True),
    Column("dossier_id", Text, ForeignKey("dossiers.id"), nullable=False),
    Column("first_version", Integer, nullable=False),
    Column("last_version", Integer, nullable=False),
)
