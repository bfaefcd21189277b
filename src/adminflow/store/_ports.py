"""The ports of the store: what the services need from any persistence, as Protocols.

The store never looks inside events or dossiers beyond these names. It keeps each event as
``codec.to_dict(event)`` (JSON text) plus ``(dossier_id, version, type, at)``, and each dossier's
snapshot as the columns of ``dossier.row()`` (see :data:`adminflow.store.ROW_COLUMNS`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from types import TracebackType
from typing import Any, Generic, Protocol, Self, TypeVar, runtime_checkable

import attrs

T = TypeVar("T")

__all__ = [
    "AggregateLike",
    "ChainProblem",
    "CommandRecord",
    "DossierRepository",
    "EventCodec",
    "EventLike",
    "OutboxMessage",
    "Page",
    "Store",
    "UnitOfWork",
]


@runtime_checkable
class EventLike(Protocol):
    """What the store reads from a dossier event (``adminflow.dossiers.DossierEvent``)."""

    @property
    def dossier_id(self) -> str:
        """The dossier the event belongs to."""

    @property
    def version(self) -> int:
        """The dossier's version after this event (1 for the first event)."""

    @property
    def at(self) -> dt.datetime:
        """When it happened (timezone-aware)."""


@runtime_checkable
class AggregateLike(Protocol):
    """What the store reads from a dossier (``adminflow.dossiers.Dossier``)."""

    @property
    def id(self) -> str:
        """The dossier's identifier."""

    @property
    def version(self) -> int:
        """How many events have been applied."""

    def row(self) -> Any:
        """The snapshot row: an object with every attribute named in ``ROW_COLUMNS``."""


class EventCodec(Protocol):
    """Turns events into JSON-able dicts and back, and rebuilds dossiers from events.

    :class:`adminflow.store.DossierCodec` is the codec of ``adminflow.dossiers``; tests and users
    with their own aggregates pass their own.

    A codec may also have ``typed_json(event) -> (type, text)``, giving ``to_dict(event)["type"]``
    and the compact JSON text of ``to_dict(event)`` (separators ``,`` ``:``, non-ASCII kept)
    faster; the stores then write that text instead of encoding the dict.
    """

    def to_dict(self, event: Any) -> dict[str, Any]:
        """The event as a JSON-able dict with a ``"type"`` key."""

    def from_dict(self, data: Mapping[str, Any]) -> Any:
        """The event back from :meth:`to_dict`'s output."""

    def replay(self, events: Sequence[Any]) -> Any:
        """The dossier rebuilt from its events, in version order."""

    def make_row(self, columns: Mapping[str, Any]) -> Any:
        """A snapshot row object from its column values (``ROW_COLUMNS`` keys)."""

    def applicant_id(self, dossier: Any) -> str | None:
        """The applicant's identification number, to be stored only as a keyed hash."""


@attrs.frozen(slots=True)
class OutboxMessage:
    """One committed event waiting to be shipped to an integration (e.g. the national portal).

    Attributes:
        position: Increasing number of the message in the outbox; acknowledge by it.
        dossier_id: The dossier the event belongs to.
        version: The event's version within the dossier.
        type: The event's type name.
        at: When the event happened.
        code: The dossier's code (mã hồ sơ) when the command committed.
        status: The status the event led to (the event's ``status``; for events without one,
            the dossier's status when the command committed).
        payload: The event as ``codec.to_dict`` wrote it.
    """

    position: int
    dossier_id: str
    version: int
    type: str
    at: dt.datetime
    code: str
    status: str
    payload: Mapping[str, Any] = attrs.field(eq=False, repr=False)


@attrs.frozen(slots=True)
class CommandRecord:
    """An accepted command remembered under its idempotency key.

    Attributes:
        key: The caller's idempotency key.
        dossier_id: The dossier the command changed.
        first_version: Version of the first event the command appended.
        last_version: Version of the last event the command appended.
    """

    key: str
    dossier_id: str
    first_version: int
    last_version: int


@attrs.frozen(slots=True)
class ChainProblem:
    """A break in a dossier's audit hash chain, found by ``verify``.

    Attributes:
        dossier_id: The dossier.
        version: The version where the chain breaks.
        kind: ``"edited"`` (the row's content or hash does not match), ``"missing"`` (a version
            is absent: deleted rows or reordered versions), ``"unexpected"`` (a version beyond
            the snapshot's), or ``"truncated"`` (the snapshot counts more events than the log).
        detail: What was found, in words.
    """

    dossier_id: str
    version: int
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.dossier_id} v{self.version}: {self.kind}: {self.detail}"


@attrs.frozen(slots=True)
class Page(Generic[T]):
    """One page of a query's results.

    Attributes:
        items: The rows of this page, in the query's order.
        next_cursor: Pass as ``after=`` to get the next page; ``None`` on the last page.
    """

    items: tuple[T, ...]
    next_cursor: str | None


class DossierRepository(Protocol):
    """The dossiers seen through one unit of work."""

    def get(self, dossier_id: str) -> Any:
        """The dossier rebuilt from its events; :class:`NotFoundError` if there is none."""

    def find(self, dossier_id: str) -> Any | None:
        """The dossier, or ``None`` if there is none."""

    def history(self, dossier_id: str) -> list[Any]:
        """The dossier's events in version order (empty if there is none)."""

    def save(
        self, dossier: Any, events: Sequence[Any], *, idempotency_key: str | None = None
    ) -> None:
        """Stage ``events`` (which bring the dossier to ``dossier``) for the next commit."""

    def command(self, idempotency_key: str) -> CommandRecord | None:
        """The command accepted earlier under ``idempotency_key``, if any."""


class UnitOfWork(Protocol):
    """One atomic change: everything saved through it commits together or not at all."""

    dossiers: DossierRepository

    def __enter__(self) -> Self:
        """Start the unit of work."""

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """End it; anything not committed is discarded."""

    def commit(self) -> None:
        """Write everything staged, atomically, or raise :class:`ConcurrencyError`."""

    def rollback(self) -> None:
        """Discard everything staged."""


class Store(Protocol):
    """A dossier store: units of work, history, outbox, audit chain and back-office queries."""

    @property
    def name(self) -> str:
        """The store's name for messages (a URL without its password)."""

    def unit_of_work(self) -> UnitOfWork:
        """A new unit of work."""

    def get(self, dossier_id: str, *, version: int | None = None) -> Any:
        """The dossier rebuilt from its events (as of ``version``); NotFoundError if none."""

    def history(self, dossier_id: str, *, up_to: int | None = None) -> list[Any]:
        """The dossier's events in version order (only up to version ``up_to`` if given)."""

    def command(self, idempotency_key: str) -> CommandRecord | None:
        """The command accepted earlier under ``idempotency_key``, if any."""

    def row(self, dossier_id: str) -> Any:
        """The dossier's snapshot row as stored; :class:`NotFoundError` if there is none."""

    def dossier_ids(self) -> list[str]:
        """Every dossier id, sorted."""

    def import_dossiers(
        self, items: Iterable[tuple[Any, Sequence[Any]]], *, outbox: bool = False
    ) -> int:
        """Add new dossiers with their whole histories in batches; returns how many."""

    def pending(self, limit: int = 100) -> list[OutboxMessage]:
        """Unacknowledged outbox messages, oldest first."""

    def acknowledge(self, positions: Iterable[int]) -> int:
        """Mark outbox messages as delivered; returns how many were pending."""

    def verify(self, dossier_id: str) -> list[ChainProblem]:
        """Every break in the dossier's hash chain (empty when intact)."""

    def by_code(self, code: str, *, limit: int = 50, after: str | None = None) -> Page[Any]:
        """Snapshot rows with this dossier code."""

    def by_applicant(
        self, id_number: str, *, limit: int = 50, after: str | None = None
    ) -> Page[Any]:
        """Snapshot rows of one applicant, found through the keyed hash of the number."""

    def by_unit_status(
        self, unit_code: str, status: str, *, limit: int = 50, after: str | None = None
    ) -> Page[Any]:
        """Snapshot rows of one unit in one status."""

    def due_between(
        self, start: dt.datetime, end: dt.datetime, *, limit: int = 50, after: str | None = None
    ) -> Page[Any]:
        """Unfinished dossiers whose due instant is in ``[start, end)``, soonest first."""

    def overdue(self, *, at: dt.datetime, limit: int = 50, after: str | None = None) -> Page[Any]:
        """Unfinished dossiers whose due instant is before ``at``, most overdue first."""

    def received_between(
        self, start: dt.datetime, end: dt.datetime, *, limit: int = 50, after: str | None = None
    ) -> Page[Any]:
        """Dossiers received in ``[start, end)``, in receipt order."""

    def close(self) -> None:
        """Release connections."""
