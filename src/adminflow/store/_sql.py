"""The SQL store on SQLAlchemy Core 2.x: SQLite by default, PostgreSQL (psycopg 3) at scale.

One schema and one code path serve both databases. Writes are optimistic: a unit of work reads
without holding a transaction, and its commit runs one short write transaction that

1. moves the ``dossiers`` snapshot row from the version it read to the new one
   (``UPDATE ... WHERE id = :id AND version = :expected``; for a new dossier an
   ``INSERT ... ON CONFLICT DO NOTHING``): zero rows means another writer won, so the commit
   raises :class:`~adminflow.errors.ConcurrencyError` having written nothing;
2. records the idempotency key (``commands``, primary key);
3. appends the events to ``dossier_events`` (primary key ``(dossier_id, version)``, the lock of
   last resort) with their hash chain, and the same events to the ``outbox``.

On SQLite the write transaction is ``BEGIN IMMEDIATE``, so writers queue on the database lock
(for up to ``busy_timeout`` seconds) instead of failing on a lock upgrade.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import operator
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    and_,
    create_engine,
    delete,
    event,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from adminflow.errors import (
    ConcurrencyError,
    ConfigurationError,
    InvalidValueError,
    NotFoundError,
    StorageError,
)
from adminflow.store._base import Staged, StoreBase, UnitOfWorkBase
from adminflow.store._codec import DossierCodec
from adminflow.store._memory import _applicant_digest, _pairs, _positions
from adminflow.store._ports import ChainProblem, CommandRecord, EventCodec, OutboxMessage, Page
from adminflow.store._records import (
    GENESIS,
    INSTANT_COLUMNS,
    ROW_COLUMNS,
    EventRecord,
    applicant_hash,
    check_events,
    check_instant,
    check_limit,
    check_text,
    decode_cursor,
    encode_cursor,
    event_records,
    event_statuses,
    instant_text,
    parse_instant,
    row_values,
    verify_chain,
)
from adminflow.store._schema import HEAD, commands, dossier_events, dossiers
from adminflow.store._schema import outbox as outbox_table

__all__ = ["SqlStore", "connect", "parse_url", "schema_revision", "upgrade_schema"]

_IMPORT_BATCH = 2000


def parse_url(url: Any) -> URL:
    """The SQLAlchemy URL of a store, with ``postgresql://`` meaning psycopg 3.

    Raises:
        ConfigurationError: Not a URL, or neither SQLite nor PostgreSQL.
    """
    if isinstance(url, URL):
        parsed = url
    else:
        if not isinstance(url, str) or not url.strip():
            raise ConfigurationError(f"store URL must be a non-empty string, got {type(url)!r}")
        try:
            parsed = make_url(url.strip())
        except (ArgumentError, ValueError):
            raise ConfigurationError(
                "store URL is not a database URL (expected sqlite:///path.db or "
                "postgresql+psycopg://user@host/db)"
            ) from None
    backend = parsed.get_backend_name()
    if backend in {"postgresql", "postgres"}:
        try:
            driver = parsed.get_driver_name()
        except Exception:  # sqlalchemy's NoSuchModuleError for an unknown driver
            driver = parsed.drivername.partition("+")[2]
        if parsed.drivername in {"postgresql", "postgres"}:
            parsed = parsed.set(drivername="postgresql+psycopg")
        elif driver != "psycopg":
            raise ConfigurationError(
                f"{_safe(parsed)}: PostgreSQL is used through psycopg 3 "
                f"(postgresql+psycopg://...), not through the driver {driver!r}"
            )
    elif backend != "sqlite":
        raise ConfigurationError(
            f"{_safe(parsed)}: unsupported database {backend!r}; use sqlite or postgresql"
        )
    return parsed


def _safe(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def connect(
    url: Any,
    *,
    codec: EventCodec | None = None,
    applicant_key: bytes | None = None,
    upgrade: bool = True,
    busy_timeout: float = 30.0,
) -> SqlStore:
    """Open (and by default create or upgrade) a dossier store.

    Args:
        url: ``sqlite:///path/to/file.db`` (zero setup; ``sqlite://`` is a private in-memory
            database), or ``postgresql+psycopg://user:password@host/db`` with
            ``pip install adminflow[postgres]``.
        codec: How events are written and dossiers rebuilt (default: ``adminflow.dossiers``).
        applicant_key: Secret key of the applicant-number hash (:meth:`SqlStore.by_applicant`);
            keep it out of the database. Without it applicants are not indexed.
        upgrade: Run the Alembic migrations up to this version's schema when the database is
            older (or empty). With ``False`` an old schema raises :class:`ConfigurationError`.
        busy_timeout: SQLite: seconds a writer waits for the database lock.

    Raises:
        ConfigurationError: Bad URL, missing driver, unreachable server or wrong schema. The
            message names the store without its password.
        StorageError: The database failed while opening.
    """
    parsed = parse_url(url)
    if applicant_key is not None and not isinstance(applicant_key, bytes | bytearray):
        raise InvalidValueError("applicant_key", type(applicant_key), "must be bytes")
    if (
        isinstance(busy_timeout, bool)
        or not isinstance(busy_timeout, int | float)
        or not 0 <= busy_timeout <= 3600
    ):
        raise InvalidValueError("busy_timeout", busy_timeout, "must be seconds from 0 to 3600")
    engine = _engine(parsed, busy_timeout=float(busy_timeout))
    store = SqlStore(
        engine,
        name=_safe(parsed),
        codec=codec,
        applicant_key=None if applicant_key is None else bytes(applicant_key),
    )
    try:
        store.check_schema(upgrade=upgrade)
    except BaseException:
        store.close()
        raise
    return store


def _engine(url: URL, *, busy_timeout: float) -> Engine:
    name = _safe(url)
    try:
        if url.get_backend_name() == "sqlite":
            memory = url.database in (None, "", ":memory:")
            engine = create_engine(
                url,
                connect_args={"timeout": busy_timeout, "check_same_thread": False},
                poolclass=StaticPool if memory else None,
            )
            _sqlite_setup(engine, busy_ms=int(busy_timeout * 1000), memory=memory)
            return engine
        # No pool pre-ping: it would cost a round trip per checkout. A connection dropped by the
        # server fails one call with StorageError and is discarded by the pool.
        return create_engine(url, connect_args={"connect_timeout": 10})
    except (NoSuchModuleError, ImportError) as exc:
        raise ConfigurationError(
            f"{name}: the database driver is not installed ({exc.__class__.__name__}); "
            "for PostgreSQL: pip install 'adminflow[postgres]'"
        ) from None
    except (ArgumentError, TypeError, ValueError) as exc:
        raise ConfigurationError(f"{name}: bad store URL ({exc.__class__.__name__})") from None


def _sqlite_setup(engine: Engine, *, busy_ms: int, memory: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from pysqlite; "begin" below emits BEGIN ourselves.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        write = connection.get_execution_options().get("adminflow_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class SqlStore(StoreBase):
    """A dossier store in SQLite or PostgreSQL; open it with :func:`connect`.

    Besides the :class:`~adminflow.store.Store` protocol it answers the back-office queries,
    each paged (``limit``, ``after`` cursor) and served by an index.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        name: str,
        codec: EventCodec | None = None,
        applicant_key: bytes | None = None,
    ) -> None:
        if not isinstance(engine, Engine):
            raise InvalidValueError("engine", engine, "must be a SQLAlchemy Engine")
        if not isinstance(name, str):
            raise InvalidValueError("name", name, "must be a string")
        self.engine = engine
        self._name = name
        self.codec: EventCodec = codec if codec is not None else DossierCodec()
        self._applicant_key = applicant_key
        self._postgres = engine.dialect.name == "postgresql"
        self._explaining = False

    @property
    def name(self) -> str:
        """The URL without its password."""
        return self._name

    def __repr__(self) -> str:
        return f"SqlStore({self._name!r})"

    # -- plumbing -----------------------------------------------------------------------------
    @contextlib.contextmanager
    def _guard(self, what: str) -> Iterator[None]:
        try:
            yield
        except SQLAlchemyError as exc:
            raise StorageError(f"{self._name}: {what} failed: {_driver_message(exc)}") from exc

    @contextlib.contextmanager
    def _read(self, what: str) -> Iterator[Connection]:
        with self._guard(what), self.engine.connect() as conn:
            yield conn

    @contextlib.contextmanager
    def _write_tx(self, what: str) -> Iterator[Connection]:
        with (
            self._guard(what),
            self.engine.connect().execution_options(adminflow_write=True) as conn,
            conn.begin(),
        ):
            yield conn

    def check_schema(self, *, upgrade: bool) -> None:
        """Make sure the database has this version's schema, upgrading it if allowed."""
        from adminflow.store._migrate import current_revision, upgrade_to_head

        try:
            with self.engine.connect() as conn:
                revision = current_revision(conn)
        except SQLAlchemyError as exc:
            raise ConfigurationError(
                f"{self._name}: cannot open the store: {_driver_message(exc)}"
            ) from None
        if revision == HEAD:
            return
        if not upgrade:
            raise ConfigurationError(
                f"{self._name}: schema revision is {revision or 'none'}, this version needs "
                f"{HEAD}; run: adminflow db upgrade URL"
            )
        with self._guard("schema upgrade"):
            upgrade_to_head(self.engine)

    def close(self) -> None:
        """Release the connection pool."""
        self.engine.dispose()

    def unit_of_work(self) -> _SqlUnitOfWork:
        """A new unit of work."""
        return _SqlUnitOfWork(self)

    # -- reading ------------------------------------------------------------------------------
    def _event_dicts(self, dossier_id: str, up_to: int | None) -> list[dict[str, Any]]:
        query = select(dossier_events.c.data).where(dossier_events.c.dossier_id == dossier_id)
        if up_to is not None:
            query = query.where(dossier_events.c.version <= up_to)
        with self._read("reading history") as conn:
            texts = conn.execute(query.order_by(dossier_events.c.version)).scalars().all()
        return [json.loads(text) for text in texts]

    def _command(self, key: str) -> CommandRecord | None:
        with self._read("reading a command") as conn:
            found = conn.execute(select(commands).where(commands.c.key == key)).first()
        if found is None:
            return None
        return CommandRecord(found.key, found.dossier_id, found.first_version, found.last_version)

    def row(self, dossier_id: str) -> Any:
        """The dossier's snapshot row as stored."""
        check_text("dossier_id", dossier_id)
        with self._read("reading a dossier") as conn:
            found = conn.execute(select(dossiers).where(dossiers.c.id == dossier_id)).first()
        if found is None:
            raise NotFoundError("dossier", dossier_id, hint=f"in {self._name}")
        return self._make_row(found._mapping)

    def _make_row(self, mapping: Any) -> Any:
        return self.codec.make_row({name: mapping[name] for name in ROW_COLUMNS})

    def dossier_ids(self) -> list[str]:
        """Every dossier id, sorted."""
        with self._read("listing dossiers") as conn:
            return list(conn.execute(select(dossiers.c.id).order_by(dossiers.c.id)).scalars())

    # -- writing ------------------------------------------------------------------------------
    def _snapshot(self, dossier: Any) -> dict[str, Any]:
        values = row_values(dossier.row())
        number = self.codec.applicant_id(dossier)
        values["applicant_hash"] = (
            applicant_hash(self._applicant_key, number)
            if number and self._applicant_key is not None
            else None
        )
        return values

    def _insert_ignore(self, table: Any) -> Any:
        dialect = pg_dialect if self._postgres else sqlite_dialect
        return dialect.insert(table).on_conflict_do_nothing()

    def write(self, staged: list[Staged]) -> None:
        """Commit staged changes in one transaction: all, or none with ConcurrencyError."""
        prepared = [(item, self._snapshot(item.dossier)) for item in staged]
        try:
            with self._write_tx("commit") as conn:
                for item, values in prepared:
                    self._write_one(conn, item, values)
        except StorageError as exc:
            if isinstance(exc.__cause__, IntegrityError):
                item = prepared[0][0]
                raise ConcurrencyError(item.dossier.id, item.expected, None) from exc.__cause__
            raise

    def _write_one(self, conn: Connection, item: Staged, values: dict[str, Any]) -> None:
        dossier_id = item.dossier.id
        if item.expected == 0:
            inserted = conn.execute(
                self._insert_ignore(dossiers).returning(dossiers.c.id), values
            ).first()
            done = 0 if inserted is None else 1
            previous = GENESIS
        else:
            done = conn.execute(
                update(dossiers)
                .where(dossiers.c.id == dossier_id, dossiers.c.version == item.expected)
                .values(values)
            ).rowcount
            previous = (
                conn.execute(
                    select(dossier_events.c.hash).where(
                        dossier_events.c.dossier_id == dossier_id,
                        dossier_events.c.version == item.expected,
                    )
                ).scalar_one_or_none()
                or GENESIS
            )
        if done != 1:
            actual = conn.execute(
                select(dossiers.c.version).where(dossiers.c.id == dossier_id)
            ).scalar_one_or_none()
            raise ConcurrencyError(dossier_id, item.expected, actual)
        key = item.idempotency_key
        records = event_records(self.codec, item.events, previous_hash=previous, command_key=key)
        if key is not None:
            row = {
                "key": key,
                "dossier_id": dossier_id,
                "first_version": records[0].version,
                "last_version": records[-1].version,
            }
            query = self._insert_ignore(commands).returning(commands.c.key)
            if conn.execute(query, row).first() is None:
                raise ConcurrencyError(key, 0, 1)
        conn.execute(insert(dossier_events), [r.as_dict() for r in records])
        statuses = event_statuses(item.events, values["status"])
        conn.execute(insert(outbox_table), _outbox_rows(records, values, statuses))

    def import_dossiers(
        self,
        items: Iterable[tuple[Any, Sequence[Any]]],
        *,
        outbox: bool = False,
        batch_size: int = _IMPORT_BATCH,
    ) -> int:
        """Add new dossiers with their whole histories, one transaction per batch.

        Much faster than one unit of work per dossier: each batch is a few ``executemany``
        statements. Each batch commits whole or not at all.

        Args:
            items: ``(dossier, events)`` pairs; every dossier must be new.
            outbox: Also put the events in the outbox (off for a migration of old dossiers).
            batch_size: Dossiers per transaction.

        Raises:
            ConcurrencyError: A dossier already exists (its batch is not written).
        """
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise InvalidValueError("batch_size", batch_size, "must be a positive int")
        count = 0
        batch: list[tuple[Any, list[Any]]] = []
        for pair in _pairs(items):
            batch.append(pair)
            if len(batch) >= batch_size:
                count += self._import_batch(batch, outbox=outbox)
                batch = []
        if batch:
            count += self._import_batch(batch, outbox=outbox)
        return count

    def _import_batch(self, batch: list[tuple[Any, list[Any]]], *, outbox: bool) -> int:
        # The rows hold no reference cycles, so the cyclic garbage collector is paused while
        # they are built: otherwise its passes over every live object (the caller's dossiers,
        # often millions of objects) cost about a tenth of the import.
        collecting = gc.isenabled()
        gc.disable()
        try:
            rows = self._import_rows(batch, outbox=outbox)
        finally:
            if collecting:
                gc.enable()
        self._insert_rows(*rows)
        return len(batch)

    def _import_rows(
        self, batch: list[tuple[Any, list[Any]]], *, outbox: bool
    ) -> tuple[list[tuple[Any, ...]], list[Sequence[Any]], list[tuple[Any, ...]]]:
        snapshots: list[tuple[Any, ...]] = []
        event_rows: list[Sequence[Any]] = []
        outbox_rows: list[tuple[Any, ...]] = []
        codec = self.codec
        postgres = self._postgres
        key = self._applicant_key
        applicant_id = codec.applicant_id
        for dossier, events in batch:
            check_events(dossier, events, expected=0)
            values = _row_list(dossier)
            records = event_records(codec, events, previous_hash=GENESIS)
            if not postgres:
                # A row instant is often an event's own ``at`` object, already written as text.
                texts = {id(e.at): r.at for e, r in zip(events, records, strict=True)}
                for index in _INSTANT_INDEXES:
                    value = values[index]
                    if value is not None:
                        values[index] = texts.get(id(value)) or instant_text(value)
            number = applicant_id(dossier)
            values.append(applicant_hash(key, number) if number and key is not None else None)
            snapshots.append(tuple(values))
            if postgres:
                event_rows.extend(
                    (r.dossier_id, r.version, r.type, parse_instant(r.at), r.data, r.hash, None)
                    for r in records
                )
            else:
                event_rows.extend(records)  # an EventRecord is a tuple in _EVENT_ORDER
            if outbox:
                code, status = values[_CODE_INDEX], values[_STATUS_INDEX]
                statuses = event_statuses(events, status)
                outbox_rows.extend(
                    (r.dossier_id, r.version, r.type, _at(r.at, postgres), code, status_, r.data)
                    for r, status_ in zip(records, statuses, strict=True)
                )
        return snapshots, event_rows, outbox_rows

    def _insert_rows(
        self,
        snapshots: list[tuple[Any, ...]],
        event_rows: list[Sequence[Any]],
        outbox_rows: list[tuple[Any, ...]],
    ) -> None:
        mark = "%s" if self._postgres else "?"
        try:
            with self._write_tx("import") as conn:
                # Plain DBAPI executemany of rows encoded above: the fastest path both drivers
                # offer (psycopg 3 pipelines it), with no per-value type processing.
                conn.exec_driver_sql(_insert_sql("dossiers", _SNAPSHOT_ORDER, mark), snapshots)
                conn.exec_driver_sql(_insert_sql("dossier_events", _EVENT_ORDER, mark), event_rows)
                if outbox_rows:
                    conn.exec_driver_sql(_insert_sql("outbox", _OUTBOX_ORDER, mark), outbox_rows)
        except StorageError as exc:
            if isinstance(exc.__cause__, IntegrityError):
                first = ", ".join(repr(v[0]) for v in snapshots[:3])
                raise ConcurrencyError(f"one of {first}", 0, None) from exc.__cause__
            raise

    # -- outbox -------------------------------------------------------------------------------
    def pending(self, limit: int = 100) -> list[OutboxMessage]:
        """Unacknowledged outbox messages, oldest first.

        Positions grow with each commit. On PostgreSQL a transaction that took a lower
        position may commit after one with a higher position; it is still delivered, because
        the outbox keeps every message until it is acknowledged (a consumer must not skip
        positions below one it has seen). Within one dossier, messages are in version order.
        """
        check_limit(limit)
        query = select(outbox_table).order_by(outbox_table.c.position).limit(limit)
        with self._read("reading the outbox") as conn:
            rows = conn.execute(query).all()
        return [
            OutboxMessage(
                r.position,
                r.dossier_id,
                r.version,
                r.type,
                r.at,
                r.code,
                r.status,
                json.loads(r.payload),
            )
            for r in rows
        ]

    def acknowledge(self, positions: Iterable[int]) -> int:
        """Remove delivered messages from the outbox; returns how many were pending."""
        wanted = _positions(positions)
        if not wanted:
            return 0
        with self._write_tx("acknowledging") as conn:
            result = conn.execute(delete(outbox_table).where(outbox_table.c.position.in_(wanted)))
        return int(result.rowcount)

    # -- audit --------------------------------------------------------------------------------
    def verify(self, dossier_id: str) -> list[ChainProblem]:
        """Every break in the dossier's hash chain (empty when intact)."""
        check_text("dossier_id", dossier_id)
        with self._read("verifying") as conn:
            version = conn.execute(
                select(dossiers.c.version).where(dossiers.c.id == dossier_id)
            ).scalar_one_or_none()
            rows = conn.execute(
                select(dossier_events)
                .where(dossier_events.c.dossier_id == dossier_id)
                .order_by(dossier_events.c.version)
            ).all()
        if version is None and not rows:
            raise NotFoundError("dossier", dossier_id, hint=f"in {self._name}")
        return verify_chain(dossier_id, [dict(r._mapping) for r in rows], version)

    def verify_all(self) -> Iterator[ChainProblem]:
        """Every break in every dossier's chain, dossier by dossier."""
        with self._read("verifying") as conn:
            versions = {r[0]: r[1] for r in conn.execute(select(dossiers.c.id, dossiers.c.version))}
            rows = conn.execute(
                select(dossier_events).order_by(
                    dossier_events.c.dossier_id, dossier_events.c.version
                )
            )
            current: str | None = None
            chunk: list[Any] = []
            for row in rows:
                mapping = row._mapping
                if mapping["dossier_id"] != current:
                    if current is not None:
                        yield from verify_chain(current, chunk, versions.pop(current, None))
                    current, chunk = mapping["dossier_id"], []
                chunk.append(mapping)
            if current is not None:
                yield from verify_chain(current, chunk, versions.pop(current, None))
        for dossier_id, version in sorted(versions.items()):
            yield from verify_chain(dossier_id, [], version)

    # -- queries ------------------------------------------------------------------------------
    def _page(
        self,
        where: ColumnElement[bool],
        sort: str | None,
        limit: int,
        after: str | None,
    ) -> Page[Any]:
        check_limit(limit)
        query = select(dossiers).where(where)
        if after is not None:
            value, last_id = decode_cursor(check_text("after", after), instant=sort is not None)
            if sort is None:
                query = query.where(dossiers.c.id > last_id)
            else:
                column = dossiers.c[sort]
                query = query.where(
                    or_(column > value, and_(column == value, dossiers.c.id > last_id))
                )
        order = [dossiers.c.id] if sort is None else [dossiers.c[sort], dossiers.c.id]
        query = query.order_by(*order).limit(limit + 1)
        if self._explaining:
            raise _Plan(query)
        with self._read("querying") as conn:
            rows = conn.execute(query).all()
        cursor = None
        if len(rows) > limit:
            rows = rows[:limit]
            last = rows[-1]._mapping
            cursor = encode_cursor(last[sort] if sort else None, last["id"])
        return Page(tuple(self._make_row(r._mapping) for r in rows), cursor)

    def plan(self, query: str, /, *args: Any, **kwargs: Any) -> str:
        """The database's query plan for one of the paged queries, e.g. ``plan("overdue", at=t)``.

        SQLite answers ``EXPLAIN QUERY PLAN``, PostgreSQL ``EXPLAIN``; both name the index used.
        """
        if query not in _QUERIES:
            raise InvalidValueError("query", query, f"must be one of {', '.join(_QUERIES)}")
        self._explaining = True
        try:
            getattr(self, query)(*args, **kwargs)
        except _Plan as found:
            select_ = found.query
        else:  # pragma: no cover - _page always raises while explaining
            raise AssertionError("no plan")
        finally:
            self._explaining = False
        compiled = select_.compile(self.engine, compile_kwargs={"literal_binds": False})
        prefix = "EXPLAIN " if self._postgres else "EXPLAIN QUERY PLAN "
        with self._read("explaining") as conn:
            rows = conn.exec_driver_sql(prefix + str(compiled), _bind(compiled, self._postgres))
            return "\n".join(" ".join(str(c) for c in row) for row in rows)

    def by_code(self, code: str, *, limit: int = 50, after: str | None = None) -> Page[Any]:
        """Snapshot rows with this dossier code (index ``ix_dossiers_code``)."""
        check_text("code", code)
        return self._page(dossiers.c.code == code, None, limit, after)

    def by_applicant(
        self, id_number: str, *, limit: int = 50, after: str | None = None
    ) -> Page[Any]:
        """Snapshot rows of one applicant (index ``ix_dossiers_applicant``).

        Only the HMAC-SHA-256 of the number under ``applicant_key`` is stored and sent to the
        database, so the number never appears in the table or in query logs.
        """
        digest = _applicant_digest(self._applicant_key, id_number, self._name)
        return self._page(dossiers.c.applicant_hash == digest, None, limit, after)

    def by_unit_status(
        self, unit_code: str, status: str, *, limit: int = 50, after: str | None = None
    ) -> Page[Any]:
        """Snapshot rows of one unit in one status (index ``ix_dossiers_unit_status``)."""
        check_text("unit_code", unit_code)
        check_text("status", status)
        return self._page(
            and_(dossiers.c.unit_code == unit_code, dossiers.c.status == status), None, limit, after
        )

    def due_between(
        self, start: dt.datetime, end: dt.datetime, *, limit: int = 50, after: str | None = None
    ) -> Page[Any]:
        """Unfinished dossiers due in ``[start, end)``, soonest first (``ix_dossiers_open_due``)."""
        check_instant("start", start)
        check_instant("end", end)
        where = and_(
            dossiers.c.finished_at.is_(None), dossiers.c.due_at >= start, dossiers.c.due_at < end
        )
        return self._page(where, "due_at", limit, after)

    def overdue(self, *, at: dt.datetime, limit: int = 50, after: str | None = None) -> Page[Any]:
        """Unfinished dossiers due before ``at``, most overdue first (``ix_dossiers_open_due``)."""
        check_instant("at", at)
        where = and_(dossiers.c.finished_at.is_(None), dossiers.c.due_at < at)
        return self._page(where, "due_at", limit, after)

    def received_between(
        self, start: dt.datetime, end: dt.datetime, *, limit: int = 50, after: str | None = None
    ) -> Page[Any]:
        """Dossiers received in ``[start, end)``, in receipt order (``ix_dossiers_received``)."""
        check_instant("start", start)
        check_instant("end", end)
        where = and_(dossiers.c.received_at >= start, dossiers.c.received_at < end)
        return self._page(where, "received_at", limit, after)

    def count(self) -> int:
        """How many dossiers the store holds."""
        with self._read("counting") as conn:
            return int(conn.execute(select(func.count()).select_from(dossiers)).scalar_one())


class _SqlUnitOfWork(UnitOfWorkBase):
    _store: SqlStore

    def _write(self, staged: list[Staged]) -> None:
        self._store.write(staged)


_SNAPSHOT_ORDER = (*ROW_COLUMNS, "applicant_hash")
_INSTANT_INDEXES = tuple(i for i, name in enumerate(ROW_COLUMNS) if name in INSTANT_COLUMNS)
_CODE_INDEX = ROW_COLUMNS.index("code")
_STATUS_INDEX = ROW_COLUMNS.index("status")
_ROW_GETTER = operator.attrgetter(*ROW_COLUMNS)


def _row_list(dossier: Any) -> list[Any]:
    """``row_values(dossier.row())`` as a list in ``ROW_COLUMNS`` order (one C call)."""
    row = dossier.row()
    try:
        return list(_ROW_GETTER(row))
    except AttributeError as exc:
        raise InvalidValueError("dossier.row()", type(row).__name__, str(exc)) from None


_EVENT_ORDER = EventRecord._fields  # so an EventRecord is an event row as it is
_OUTBOX_ORDER = ("dossier_id", "version", "type", "at", "code", "status", "payload")


def _insert_sql(table: str, columns: Sequence[str], mark: str) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join([mark] * len(columns))})"


def _at(text: str, postgres: bool) -> Any:
    return parse_instant(text) if postgres else text


def _outbox_rows(
    records: list[EventRecord], values: dict[str, Any], statuses: list[str]
) -> list[dict[str, Any]]:
    return [
        {
            "dossier_id": r.dossier_id,
            "version": r.version,
            "type": r.type,
            "at": r.at,
            "code": values["code"],
            "status": status,
            "payload": r.data,
        }
        for r, status in zip(records, statuses, strict=True)
    ]


_QUERIES = (
    "by_code",
    "by_applicant",
    "by_unit_status",
    "due_between",
    "overdue",
    "received_between",
)


class _Plan(Exception):  # noqa: N818 - control flow, never escapes SqlStore.plan
    def __init__(self, query: Any) -> None:
        self.query = query


def _bind(compiled: Any, postgres: bool) -> Any:
    params = compiled.construct_params()
    processors = compiled._bind_processors
    values = {k: processors[k](v) if k in processors else v for k, v in params.items()}
    if postgres:
        return values
    return tuple(values[name] for name in compiled.positiontup)


def _driver_message(exc: SQLAlchemyError) -> str:
    """The driver's own message, without the SQL statement or its parameters."""
    orig = getattr(exc, "orig", None)
    text = str(orig) if orig is not None else exc.__class__.__name__
    return f"{type(orig or exc).__name__}: {text.strip().splitlines()[0] if text.strip() else ''}"


def _open_engine(url: Any) -> tuple[Engine, str]:
    parsed = parse_url(url)
    return _engine(parsed, busy_timeout=30.0), _safe(parsed)


def schema_revision(url: Any) -> str | None:
    """The Alembic revision of the store at ``url`` (``None`` for an empty database).

    Raises:
        ConfigurationError: Bad URL, missing driver or unreachable database.
    """
    from adminflow.store._migrate import current_revision

    engine, name = _open_engine(url)
    try:
        with engine.connect() as conn:
            return current_revision(conn)
    except SQLAlchemyError as exc:
        raise ConfigurationError(f"{name}: cannot open the store: {_driver_message(exc)}") from None
    finally:
        engine.dispose()


def upgrade_schema(url: Any, revision: str = "head") -> tuple[str | None, str | None]:
    """Migrate the store at ``url`` in place to ``revision``; returns (before, after).

    Raises:
        ConfigurationError: Bad URL, unreachable database or unknown revision.
        StorageError: A migration failed (it is rolled back where the database allows).
    """
    from alembic.util import CommandError

    from adminflow.store._migrate import current_revision, upgrade_to

    if not isinstance(revision, str) or not revision:
        raise InvalidValueError("revision", revision, "must be a revision id or 'head'")
    before = schema_revision(url)
    engine, name = _open_engine(url)
    try:
        upgrade_to(engine, revision)
        with engine.connect() as conn:
            after = current_revision(conn)
    except CommandError as exc:
        raise ConfigurationError(f"{name}: cannot upgrade to {revision!r}: {exc}") from None
    except SQLAlchemyError as exc:
        raise StorageError(f"{name}: upgrade failed: {_driver_message(exc)}") from exc
    finally:
        engine.dispose()
    return before, after
