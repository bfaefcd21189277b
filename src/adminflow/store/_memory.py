"""The in-memory store: the same records and rules as the SQL store, kept in dicts.

For unit tests, and for applications that persist dossiers elsewhere. It keeps events as the
same JSON text as the SQL store, so what round-trips here round-trips there.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from adminflow.errors import ConcurrencyError, InvalidValueError, NotFoundError
from adminflow.store._base import Staged, StoreBase, UnitOfWorkBase
from adminflow.store._codec import DossierCodec
from adminflow.store._ports import ChainProblem, CommandRecord, EventCodec, OutboxMessage, Page
from adminflow.store._records import (
    GENESIS,
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
    events_list,
    parse_instant,
    row_values,
    verify_chain,
)

__all__ = ["InMemoryStore"]


class InMemoryStore(StoreBase):
    """A dossier store in process memory, thread-safe, with the SQL store's semantics.

    Args:
        codec: How events are written and dossiers rebuilt; defaults to ``adminflow.dossiers``.
        applicant_key: Secret key of the applicant-number hash; without it applicants are not
            indexed and :meth:`by_applicant` raises.
    """

    def __init__(self, *, codec: EventCodec | None = None, applicant_key: bytes | None = None):
        self.codec: EventCodec = codec if codec is not None else DossierCodec()
        self._applicant_key = applicant_key
        self._lock = threading.RLock()
        self._events: dict[str, list[EventRecord]] = {}
        self._rows: dict[str, dict[str, Any]] = {}
        self._outbox: dict[int, tuple[EventRecord, str, str]] = {}
        self._commands: dict[str, CommandRecord] = {}
        self._next_position = 1

    @property
    def name(self) -> str:
        """``"memory"``."""
        return "memory"

    def unit_of_work(self) -> _MemoryUnitOfWork:
        """A new unit of work."""
        return _MemoryUnitOfWork(self)

    def close(self) -> None:
        """Nothing to release."""

    # -- primitives ---------------------------------------------------------------------------
    def _event_dicts(self, dossier_id: str, up_to: int | None) -> list[dict[str, Any]]:
        with self._lock:
            records = list(self._events.get(dossier_id, ()))
        if up_to is not None:
            records = records[:up_to]
        return [json.loads(r.data) for r in records]

    def _command(self, key: str) -> CommandRecord | None:
        with self._lock:
            return self._commands.get(key)

    def _snapshot(self, dossier: Any) -> dict[str, Any]:
        values = row_values(dossier.row())
        number = self.codec.applicant_id(dossier)
        values["applicant_hash"] = (
            applicant_hash(self._applicant_key, number)
            if number and self._applicant_key is not None
            else None
        )
        return values

    def write(self, staged: list[Staged]) -> None:
        """Commit staged changes: all of them, or none with ConcurrencyError."""
        if not isinstance(staged, list | tuple) or not all(isinstance(i, Staged) for i in staged):
            raise InvalidValueError("staged", staged, "must be a list of Staged changes")
        with self._lock:
            prepared: list[tuple[Staged, list[EventRecord], dict[str, Any]]] = []
            keys: set[str] = set()
            for item in staged:
                dossier_id = item.dossier.id
                found = len(self._events.get(dossier_id, ()))
                if found != item.expected:
                    raise ConcurrencyError(dossier_id, item.expected, found)
                key = item.idempotency_key
                if key is not None and (key in self._commands or key in keys):
                    raise ConcurrencyError(key, 0, 1)
                if key is not None:
                    keys.add(key)
                previous = self._events[dossier_id][-1].hash if found else GENESIS
                records = event_records(
                    self.codec, item.events, previous_hash=previous, command_key=key
                )
                prepared.append((item, records, self._snapshot(item.dossier)))
            for item, records, values in prepared:
                self._store_records(item, records, values, outbox=True)

    def _store_records(
        self, item: Staged, records: list[EventRecord], values: dict[str, Any], *, outbox: bool
    ) -> None:
        dossier_id = item.dossier.id
        self._events.setdefault(dossier_id, []).extend(records)
        self._rows[dossier_id] = values
        if outbox:
            statuses = event_statuses(item.events, values["status"])
            for record, status in zip(records, statuses, strict=True):
                self._outbox[self._next_position] = (record, values["code"], status)
                self._next_position += 1
        if item.idempotency_key is not None:
            self._commands[item.idempotency_key] = CommandRecord(
                item.idempotency_key, dossier_id, records[0].version, records[-1].version
            )

    # -- public -------------------------------------------------------------------------------
    def import_dossiers(
        self, items: Iterable[tuple[Any, Sequence[Any]]], *, outbox: bool = False
    ) -> int:
        """Add new dossiers with their whole histories; all or nothing.

        Raises:
            ConcurrencyError: A dossier with one of these ids already exists.
        """
        prepared = []
        seen: set[str] = set()
        for pair in _pairs(items):
            dossier, events = pair
            check_events(dossier, events, expected=0)
            if dossier.id in seen:
                raise ConcurrencyError(dossier.id, 0, len(events))
            seen.add(dossier.id)
            item = Staged(dossier, list(events), 0, None)
            records = event_records(self.codec, item.events, previous_hash=GENESIS)
            prepared.append((item, records, self._snapshot(dossier)))
        with self._lock:
            for item, _, _ in prepared:
                found = len(self._events.get(item.dossier.id, ()))
                if found:
                    raise ConcurrencyError(item.dossier.id, 0, found)
            for item, records, values in prepared:
                self._store_records(item, records, values, outbox=outbox)
        return len(prepared)

    def row(self, dossier_id: str) -> Any:
        """The dossier's snapshot row as stored."""
        check_text("dossier_id", dossier_id)
        with self._lock:
            values = self._rows.get(dossier_id)
        if values is None:
            raise NotFoundError("dossier", dossier_id, hint="in memory")
        return self._make_row(values)

    def _make_row(self, values: dict[str, Any]) -> Any:
        return self.codec.make_row({k: v for k, v in values.items() if k != "applicant_hash"})

    def dossier_ids(self) -> list[str]:
        """Every dossier id, sorted."""
        with self._lock:
            return sorted(self._rows)

    def pending(self, limit: int = 100) -> list[OutboxMessage]:
        """Unacknowledged outbox messages, oldest first."""
        check_limit(limit)
        with self._lock:
            items = sorted(self._outbox.items())[:limit]
        return [
            OutboxMessage(
                position,
                record.dossier_id,
                record.version,
                record.type,
                parse_instant(record.at),
                code,
                status,
                json.loads(record.data),
            )
            for position, (record, code, status) in items
        ]

    def acknowledge(self, positions: Iterable[int]) -> int:
        """Remove delivered messages from the outbox; returns how many were pending."""
        wanted = _positions(positions)
        with self._lock:
            return sum(self._outbox.pop(p, None) is not None for p in wanted)

    def verify(self, dossier_id: str) -> list[ChainProblem]:
        """Every break in the dossier's hash chain (empty when intact)."""
        check_text("dossier_id", dossier_id)
        with self._lock:
            records = list(self._events.get(dossier_id, ()))
            values = self._rows.get(dossier_id)
        if values is None and not records:
            raise NotFoundError("dossier", dossier_id, hint="in memory")
        rows = [r.as_dict() for r in records]
        return verify_chain(dossier_id, rows, None if values is None else values["version"])

    # -- queries ------------------------------------------------------------------------------
    def _page(
        self,
        match: Callable[[dict[str, Any]], bool],
        sort: str | None,
        limit: int,
        after: str | None,
    ) -> Page[Any]:
        check_limit(limit)

        def key(values: dict[str, Any]) -> tuple[Any, ...]:
            return (values[sort], values["id"]) if sort else (values["id"],)

        start: tuple[Any, ...] | None = None
        if after is not None:
            value, last_id = decode_cursor(check_text("after", after), instant=sort is not None)
            start = (value, last_id) if sort else (last_id,)
        with self._lock:
            rows = [v for v in self._rows.values() if match(v)]
        rows.sort(key=key)
        if start is not None:
            rows = [v for v in rows if key(v) > start]
        page = rows[:limit]
        cursor = None
        if len(rows) > limit:
            last = page[-1]
            cursor = encode_cursor(last[sort] if sort else None, last["id"])
        return Page(tuple(self._make_row(v) for v in page), cursor)

    def by_code(self, code: str, *, limit: int = 50, after: str | None = None) -> Page[Any]:
        """Snapshot rows with this dossier code."""
        check_text("code", code)
        return self._page(lambda v: v["code"] == code, None, limit, after)

    def by_applicant(
        self, id_number: str, *, limit: int = 50, after: str | None = None
    ) -> Page[Any]:
        """Snapshot rows of one applicant, found through the keyed hash of the number."""
        digest = _applicant_digest(self._applicant_key, id_number, self.name)
        return self._page(lambda v: v["applicant_hash"] == digest, None, limit, after)

    def by_unit_status(
        self, unit_code: str, status: str, *, limit: int = 50, after: str | None = None
    ) -> Page[Any]:
        """Snapshot rows of one unit in one status."""
        check_text("unit_code", unit_code)
        check_text("status", status)
        return self._page(
            lambda v: v["unit_code"] == unit_code and v["status"] == status, None, limit, after
        )

    def due_between(
        self, start: dt.datetime, end: dt.datetime, *, limit: int = 50, after: str | None = None
    ) -> Page[Any]:
        """Unfinished dossiers whose due instant is in ``[start, end)``, soonest first."""
        check_instant("start", start)
        check_instant("end", end)
        return self._page(
            lambda v: (
                v["finished_at"] is None and v["due_at"] is not None and start <= v["due_at"] < end
            ),
            "due_at",
            limit,
            after,
        )

    def overdue(self, *, at: dt.datetime, limit: int = 50, after: str | None = None) -> Page[Any]:
        """Unfinished dossiers whose due instant is before ``at``, most overdue first."""
        check_instant("at", at)
        return self._page(
            lambda v: v["finished_at"] is None and v["due_at"] is not None and v["due_at"] < at,
            "due_at",
            limit,
            after,
        )

    def received_between(
        self, start: dt.datetime, end: dt.datetime, *, limit: int = 50, after: str | None = None
    ) -> Page[Any]:
        """Dossiers received in ``[start, end)``, in receipt order."""
        check_instant("start", start)
        check_instant("end", end)
        return self._page(
            lambda v: v["received_at"] is not None and start <= v["received_at"] < end,
            "received_at",
            limit,
            after,
        )


class _MemoryUnitOfWork(UnitOfWorkBase):
    _store: InMemoryStore

    def _write(self, staged: list[Staged]) -> None:
        self._store.write(staged)


def _pairs(items: Any) -> Iterator[tuple[Any, list[Any]]]:
    """``(dossier, events)`` pairs of an import, checked for shape."""
    if not hasattr(items, "__iter__") or isinstance(items, str | bytes):
        raise InvalidValueError("items", type(items).__name__, "must be (dossier, events) pairs")
    for pair in items:
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise InvalidValueError(
                "items", type(pair).__name__, "must be a (dossier, events) pair"
            )
        yield pair[0], events_list(pair[1])


def _positions(positions: Iterable[int]) -> list[int]:
    try:
        wanted = list(positions)
    except TypeError:
        raise InvalidValueError("positions", positions, "must be an iterable of ints") from None
    for p in wanted:
        if isinstance(p, bool) or not isinstance(p, int):
            raise InvalidValueError("positions", p, "must be an int")
    return wanted


def _applicant_digest(key: bytes | None, id_number: str, store: str) -> str:
    from adminflow.errors import ConfigurationError

    check_text("id_number", id_number)
    if key is None:
        raise ConfigurationError(f"{store}: no applicant_key was given, applicants are not indexed")
    return applicant_hash(key, id_number)
