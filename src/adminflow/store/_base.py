"""What the in-memory and the SQL stores share: the unit of work and the derived queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from types import TracebackType
from typing import Any, Self

import attrs

from adminflow.errors import InvalidValueError, NotFoundError
from adminflow.store._ports import CommandRecord, EventCodec, Page
from adminflow.store._records import (
    check_events,
    check_instant,
    check_text,
    check_version,
    events_list,
)

__all__ = ["Staged", "StoreBase", "UnitOfWorkBase"]


@attrs.define(slots=True)
class Staged:
    """One dossier's changes waiting in a unit of work."""

    dossier: Any
    events: list[Any]
    expected: int
    idempotency_key: str | None


class StoreBase:
    """Reading helpers common to every store; subclasses provide the storage primitives."""

    codec: EventCodec

    @property
    def name(self) -> str:
        """The store's name for messages."""
        raise NotImplementedError

    def _event_dicts(self, dossier_id: str, up_to: int | None) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _command(self, key: str) -> CommandRecord | None:
        raise NotImplementedError

    def history(self, dossier_id: str, *, up_to: int | None = None) -> list[Any]:
        """The dossier's events in version order, optionally only up to version ``up_to``."""
        check_text("dossier_id", dossier_id)
        check_version("up_to", up_to)
        return [self.codec.from_dict(data) for data in self._event_dicts(dossier_id, up_to)]

    def find(self, dossier_id: str, *, version: int | None = None) -> Any | None:
        """The dossier rebuilt from its events (as of ``version``), or ``None``."""
        events = self.history(dossier_id, up_to=version)
        return self.codec.replay(events) if events else None

    def get(self, dossier_id: str, *, version: int | None = None) -> Any:
        """The dossier rebuilt from its events (as of ``version``).

        Raises:
            NotFoundError: No dossier has that id.
        """
        dossier = self.find(dossier_id, version=version)
        if dossier is None:
            raise NotFoundError("dossier", dossier_id, hint=f"in {self.name}")
        return dossier

    def command(self, idempotency_key: str) -> CommandRecord | None:
        """The command accepted earlier under ``idempotency_key``, if any."""
        return self._command(check_text("idempotency_key", idempotency_key))

    def due_between(
        self, start: dt.datetime, end: dt.datetime, *, limit: int = 50, after: str | None = None
    ) -> Page[Any]:
        """Unfinished dossiers whose due instant is in ``[start, end)``, soonest first."""
        raise NotImplementedError

    def due_within(
        self,
        working_hours: int,
        *,
        calendar: Any,
        at: dt.datetime,
        limit: int = 50,
        after: str | None = None,
    ) -> Page[Any]:
        """Unfinished dossiers due from ``at`` to ``working_hours`` working hours later.

        The end of the window is ``calendar.due(at, ProcessingTime.working_hours(n)).due_at``,
        so nights, weekends and days off do not count.

        Args:
            working_hours: How many working hours ahead to look (1 to 10,000).
            calendar: A :class:`adminflow.calendar.WorkingCalendar`.
            at: Now, timezone-aware.
            limit: Page size.
            after: Cursor of the previous page.
        """
        from adminflow.calendar import ProcessingTime, WorkingCalendar

        if (
            isinstance(working_hours, bool)
            or not isinstance(working_hours, int)
            or not 1 <= working_hours <= 10_000
        ):
            raise InvalidValueError("working_hours", working_hours, "must be an int 1..10000")
        if not isinstance(calendar, WorkingCalendar):
            raise InvalidValueError("calendar", calendar, "must be a WorkingCalendar")
        check_instant("at", at)
        end = calendar.due(at, ProcessingTime.working_hours(working_hours)).due_at
        return self.due_between(at, end, limit=limit, after=after)


class UnitOfWorkBase:
    """A unit of work: stage changes with ``dossiers.save``, then ``commit`` them atomically.

    Reads go straight to the store; nothing is held open between them. At commit the store
    checks every staged dossier's version, so a writer that read a stale version gets
    :class:`~adminflow.errors.ConcurrencyError` and writes nothing (optimistic locking).
    """

    def __init__(self, store: StoreBase) -> None:
        self._store = store
        self._staged: dict[str, Staged] = {}
        self.dossiers = self

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.rollback()

    # -- the repository view ------------------------------------------------------------------
    def get(self, dossier_id: str) -> Any:
        """The dossier, including changes staged in this unit of work."""
        staged = self._staged.get(dossier_id)
        return staged.dossier if staged is not None else self._store.get(dossier_id)

    def find(self, dossier_id: str) -> Any | None:
        """The dossier or ``None``, including changes staged in this unit of work."""
        staged = self._staged.get(dossier_id)
        return staged.dossier if staged is not None else self._store.find(dossier_id)

    def history(self, dossier_id: str) -> list[Any]:
        """The dossier's events, including those staged in this unit of work."""
        staged = self._staged.get(dossier_id)
        stored = self._store.history(dossier_id, up_to=None if staged is None else staged.expected)
        return stored + (staged.events if staged is not None else [])

    def command(self, idempotency_key: str) -> CommandRecord | None:
        """The command accepted earlier under ``idempotency_key``, if any."""
        return self._store.command(idempotency_key)

    def save(
        self, dossier: Any, events: Sequence[Any], *, idempotency_key: str | None = None
    ) -> None:
        """Stage ``events`` (which bring the dossier to ``dossier``) for :meth:`commit`.

        Raises:
            InvalidValueError: The events are not the dossier's next consecutive versions.
        """
        events = events_list(events)
        if idempotency_key is not None:
            check_text("idempotency_key", idempotency_key)
        first = getattr(events[0], "version", None) if events else None
        if not isinstance(first, int) or isinstance(first, bool):
            raise InvalidValueError("events", events, "must be events with int versions")
        expected = first - 1
        check_events(dossier, events, expected=expected)
        current = self._staged.get(dossier.id)
        if current is not None:
            if current.dossier.version != expected:
                raise InvalidValueError(
                    "events.version", first, f"expected {current.dossier.version + 1}"
                )
            current.dossier = dossier
            current.events.extend(events)
            if idempotency_key is not None:
                current.idempotency_key = idempotency_key
            return
        self._staged[dossier.id] = Staged(dossier, events, expected, idempotency_key)

    # -- the unit of work ---------------------------------------------------------------------
    def commit(self) -> None:
        """Write everything staged atomically; on any error nothing is written."""
        staged = list(self._staged.values())
        self._staged.clear()
        if staged:
            self._write(staged)

    def rollback(self) -> None:
        """Discard everything staged."""
        self._staged.clear()

    def _write(self, staged: list[Staged]) -> None:
        raise NotImplementedError
