"""The contract every dossier store passes: subclass :class:`StoreContract` in your tests.

Example::

    from adminflow.store import InMemoryStore
    from adminflow.testing import StoreContract


    class TestMyStore(StoreContract):
        def make_store(self, *, codec, applicant_key):
            return InMemoryStore(codec=codec, applicant_key=applicant_key)

The suite drives the store with :class:`~adminflow.testing.FakeDossier` events through
:class:`~adminflow.testing.FakeCodec`, so it tests storage, not the workflow. It needs pytest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from adminflow.errors import (
    ConcurrencyError,
    ConfigurationError,
    InvalidValueError,
    NotFoundError,
)
from adminflow.store._ports import EventCodec, Store
from adminflow.testing._store_fakes import FakeCodec, fake_finish, fake_move, fake_open

__all__ = ["StoreContract"]

T0 = dt.datetime(2025, 7, 7, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
KEY = b"contract-test-key"


def _commit(store: Store, dossier: Any, events: list[Any], key: str | None = None) -> None:
    with store.unit_of_work() as uow:
        uow.dossiers.save(dossier, events, idempotency_key=key)
        uow.commit()


class StoreContract:
    """Behaviour every :class:`adminflow.store.Store` must have.

    Subclass it and define :meth:`make_store`; pytest collects the subclass (name it
    ``Test...``).
    """

    def make_store(self, *, codec: EventCodec, applicant_key: bytes | None) -> Store:
        """A new, empty store using ``codec``; override in the subclass."""
        raise NotImplementedError

    @pytest.fixture
    def store(self) -> Iterator[Store]:
        """A fresh store with the fake codec and an applicant key."""
        store = self.make_store(codec=FakeCodec(), applicant_key=KEY)
        try:
            yield store
        finally:
            store.close()

    # -- saving and loading -------------------------------------------------------------------
    def test_saved_dossier_comes_back_equal(self, store: Store) -> None:
        """A committed dossier is rebuilt equal from its stored history."""
        dossier, events = fake_open("d1", at=T0)
        moved, more = fake_move(dossier, "checking", at=T0 + dt.timedelta(hours=1))

        _commit(store, dossier, events)
        _commit(store, moved, more)

        assert store.get("d1") == moved
        assert store.history("d1") == events + more
        assert store.get("d1", version=1) == dossier
        assert store.row("d1") == moved.row()
        assert store.dossier_ids() == ["d1"]

    def test_unknown_dossier_is_not_found(self, store: Store) -> None:
        """Reading a dossier that was never saved raises NotFoundError."""
        with pytest.raises(NotFoundError):
            store.get("nope")
        with pytest.raises(NotFoundError):
            store.row("nope")
        assert store.history("nope") == []

    def test_uncommitted_work_is_discarded(self, store: Store) -> None:
        """A unit of work left without commit writes nothing."""
        dossier, events = fake_open("d1", at=T0)

        with store.unit_of_work() as uow:
            uow.dossiers.save(dossier, events)
            assert uow.dossiers.get("d1") == dossier

        assert store.dossier_ids() == []
        assert store.pending() == []

    def test_events_must_continue_the_dossier(self, store: Store) -> None:
        """Events with a gap in their versions are refused before anything is written."""
        dossier, _ = fake_open("d1", at=T0)
        moved, more = fake_move(dossier, "checking", at=T0)

        with store.unit_of_work() as uow, pytest.raises(InvalidValueError):
            uow.dossiers.save(moved, more + more)

    # -- optimistic concurrency ---------------------------------------------------------------
    def test_stale_writer_gets_concurrency_error(self, store: Store) -> None:
        """Of two writers that read one version, the second to commit fails, writing nothing."""
        dossier, events = fake_open("d1", at=T0)
        _commit(store, dossier, events)
        first = store.unit_of_work()
        second = store.unit_of_work()
        a = fake_move(first.dossiers.get("d1"), "a", at=T0)
        b = fake_finish(second.dossiers.get("d1"), at=T0)
        first.dossiers.save(*a)
        second.dossiers.save(*b)

        first.commit()
        with pytest.raises(ConcurrencyError) as caught:
            second.commit()

        assert caught.value.expected == 1
        assert store.get("d1") == a[0]
        assert [m.version for m in store.pending()] == [1, 2]
        assert store.verify("d1") == []

    def test_creating_the_same_dossier_twice_conflicts(self, store: Store) -> None:
        """A second creation of an existing dossier id raises ConcurrencyError."""
        dossier, events = fake_open("d1", at=T0)
        _commit(store, dossier, events)

        with pytest.raises(ConcurrencyError):
            _commit(store, dossier, events)

        assert len(store.history("d1")) == 1

    def test_commit_is_all_or_nothing(self, store: Store) -> None:
        """When one of two dossiers in a unit of work conflicts, neither is written."""
        one, one_events = fake_open("d1", at=T0)
        _commit(store, one, one_events)
        two, two_events = fake_open("d2", at=T0)
        stale = fake_move(one, "a", at=T0)
        _commit(store, *fake_move(one, "b", at=T0))

        with store.unit_of_work() as uow:
            uow.dossiers.save(two, two_events)
            uow.dossiers.save(*stale)
            with pytest.raises(ConcurrencyError):
                uow.commit()

        assert store.dossier_ids() == ["d1"]
        assert store.get("d1").status == "b"

    # -- idempotency --------------------------------------------------------------------------
    def test_idempotency_key_is_remembered_once(self, store: Store) -> None:
        """A command's key is stored with its versions, and a second use of it conflicts."""
        dossier, events = fake_open("d1", at=T0)
        _commit(store, dossier, events, key="k-1")
        moved = fake_finish(dossier, at=T0)

        with pytest.raises(ConcurrencyError):
            _commit(store, *moved, key="k-1")

        record = store.command("k-1")
        assert record is not None
        assert (record.dossier_id, record.first_version, record.last_version) == ("d1", 1, 1)
        assert store.command("k-2") is None
        assert len(store.history("d1")) == 1

    # -- outbox -------------------------------------------------------------------------------
    def test_outbox_holds_each_event_in_order_until_acknowledged(self, store: Store) -> None:
        """Every committed event is pending once, in commit order, until acknowledged."""
        dossier, events = fake_open("d1", at=T0)
        _commit(store, dossier, events)
        _commit(store, *fake_finish(dossier, at=T0 + dt.timedelta(days=1)))

        pending = store.pending()
        first = store.pending(limit=1)
        done = store.acknowledge([m.position for m in first])

        assert [(m.dossier_id, m.version, m.type) for m in pending] == [
            ("d1", 1, "Opened"),
            ("d1", 2, "Moved"),
            ("d1", 3, "Finished"),
        ]
        assert [m.position for m in pending] == sorted({m.position for m in pending})
        assert pending[-1].status == "done"
        assert pending[0].payload["type"] == "Opened"
        assert done == 1
        assert store.pending() == pending[1:]
        assert store.acknowledge([pending[0].position]) == 0

    # -- audit chain --------------------------------------------------------------------------
    def test_intact_chain_verifies(self, store: Store) -> None:
        """A dossier written command by command has an intact hash chain."""
        dossier, events = fake_open("d1", at=T0)
        _commit(store, dossier, events)
        _commit(store, *fake_finish(dossier, at=T0))

        assert store.verify("d1") == []
        with pytest.raises(NotFoundError):
            store.verify("nope")

    # -- bulk import --------------------------------------------------------------------------
    def test_import_adds_whole_histories(self, store: Store) -> None:
        """Imported dossiers read back like committed ones, and the outbox stays empty."""
        items = []
        for n in range(25):
            dossier, events = fake_open(f"i{n:02}", at=T0)
            if n % 2:
                final, more = fake_finish(dossier, at=T0)
                items.append((final, events + more))
            else:
                items.append((dossier, events))

        count = store.import_dossiers(items)

        assert count == 25
        assert store.get("i01") == items[1][0]
        assert store.verify("i01") == []
        assert store.pending() == []
        with pytest.raises(ConcurrencyError):
            store.import_dossiers(items[:1])

    # -- queries ------------------------------------------------------------------------------
    def _fill(self, store: Store) -> None:
        for n in range(7):
            dossier, events = fake_open(
                f"q{n}",
                at=T0 + dt.timedelta(days=n),
                code="SAME" if n < 3 else f"C{n}",
                unit_code="01001" if n % 2 else "01002",
                applicant="079000000001" if n < 2 else None,
            )
            _commit(store, dossier, events)
            if n == 6:
                _commit(store, *fake_finish(dossier, at=T0 + dt.timedelta(days=6)))

    def test_queries_page_through_everything_once(self, store: Store) -> None:
        """Paging a query with its cursor returns every match once, in the query's order."""
        self._fill(store)
        ids: list[str] = []
        after = None

        while True:
            page = store.received_between(T0, T0 + dt.timedelta(days=30), limit=2, after=after)
            ids += [row.id for row in page.items]
            after = page.next_cursor
            if after is None:
                break

        assert ids == [f"q{n}" for n in range(7)]

    def test_back_office_queries(self, store: Store) -> None:
        """Each back-office query returns exactly the matching dossiers."""
        self._fill(store)
        now = T0 + dt.timedelta(days=6)

        def ids(page: Any) -> list[str]:
            return [row.id for row in page.items]

        assert ids(store.by_code("SAME")) == ["q0", "q1", "q2"]
        assert ids(store.by_applicant("079000000001")) == ["q0", "q1"]
        assert ids(store.by_unit_status("01001", "received")) == ["q1", "q3", "q5"]
        assert ids(store.overdue(at=now)) == ["q0", "q1", "q2"]
        assert ids(store.due_between(now, now + dt.timedelta(days=2))) == ["q3", "q4"]
        assert ids(store.received_between(T0, T0 + dt.timedelta(days=2))) == ["q0", "q1"]

    def test_queries_reject_bad_arguments(self, store: Store) -> None:
        """Bad limits, cursors and instants raise InvalidValueError."""
        with pytest.raises(InvalidValueError):
            store.by_code("x", limit=0)
        with pytest.raises(InvalidValueError):
            store.by_code("x", after="not a cursor")
        with pytest.raises(InvalidValueError):
            store.overdue(at=dt.datetime(2025, 1, 1))
        with pytest.raises(InvalidValueError):
            store.pending(limit=-1)

    def test_applicant_queries_need_a_key(self) -> None:
        """Without an applicant key a store refuses applicant queries."""
        store = self.make_store(codec=FakeCodec(), applicant_key=None)
        try:
            with pytest.raises(ConfigurationError):
                store.by_applicant("079000000001")
        finally:
            store.close()
