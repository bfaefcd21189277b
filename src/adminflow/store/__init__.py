"""Persisting dossiers (lưu trữ hồ sơ): ports, an in-memory store and the SQL store.

``connect("sqlite:///dossiers.db")`` is the zero-setup default; PostgreSQL
(``postgresql+psycopg://...``, ``pip install adminflow[postgres]``) takes the same schema and
the same code path. Importing this package does not import SQLAlchemy; :func:`connect` does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from adminflow.store._codec import DossierCodec
from adminflow.store._memory import InMemoryStore
from adminflow.store._ports import (
    AggregateLike,
    ChainProblem,
    CommandRecord,
    DossierRepository,
    EventCodec,
    EventLike,
    OutboxMessage,
    Page,
    Store,
    UnitOfWork,
)
from adminflow.store._records import ROW_COLUMNS, applicant_hash

if TYPE_CHECKING:
    from adminflow.store._sql import SqlStore

__all__ = [
    "ROW_COLUMNS",
    "AggregateLike",
    "ChainProblem",
    "CommandRecord",
    "DossierCodec",
    "DossierRepository",
    "EventCodec",
    "EventLike",
    "InMemoryStore",
    "OutboxMessage",
    "Page",
    "SqlStore",
    "Store",
    "UnitOfWork",
    "applicant_hash",
    "connect",
]


def connect(
    url: Any,
    *,
    codec: EventCodec | None = None,
    applicant_key: bytes | None = None,
    upgrade: bool = True,
    busy_timeout: float = 30.0,
) -> SqlStore:
    """Open a SQL dossier store; see :func:`adminflow.store._sql.connect` for the arguments.

    Args:
        url: ``sqlite:///path.db`` or ``postgresql+psycopg://user:password@host/db``.
        codec: How events are written and dossiers rebuilt (default: ``adminflow.dossiers``).
        applicant_key: Secret key of the applicant-number hash used by ``by_applicant``.
        upgrade: Create or upgrade the schema in place when it is older than this version.
        busy_timeout: SQLite: seconds a writer waits for the database lock.

    Raises:
        ConfigurationError: Bad URL, missing driver, unreachable server or old schema; the
            message names the store without its password.
        StorageError: The database failed while opening.
    """
    from adminflow.store._sql import connect as _connect

    return _connect(
        url, codec=codec, applicant_key=applicant_key, upgrade=upgrade, busy_timeout=busy_timeout
    )


def __getattr__(name: str) -> Any:
    if name == "SqlStore":
        from adminflow.store._sql import SqlStore

        return SqlStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
