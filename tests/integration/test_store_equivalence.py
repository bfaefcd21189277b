"""The same random commands through the in-memory, SQLite and PostgreSQL stores agree exactly."""

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from adminflow.errors import AdminflowError
from adminflow.services import Services
from adminflow.store import InMemoryStore, Store, connect
from adminflow.testing import FakeCodec, fake_finish, fake_move, fake_open

T0 = dt.datetime(2025, 7, 7, 8, 0, tzinfo=dt.UTC)
_examples = itertools.count()

ops = st.lists(
    st.one_of(
        st.tuples(st.just("open"), st.integers(0, 3)),
        st.tuples(st.just("move"), st.integers(0, 3), st.sampled_from(["a", "b", "c"])),
        st.tuples(st.just("finish"), st.integers(0, 3)),
        st.tuples(st.just("stale"), st.integers(0, 3)),
        st.tuples(st.just("repeat"), st.integers(0, 3)),
        st.tuples(st.just("ack"), st.integers(0, 3)),
    ),
    max_size=25,
)


def _apply(store: Store, prefix: str, commands: list[tuple[Any, ...]]) -> list[str]:
    """Run the commands; return what each one did (result or error type)."""
    services = Services(store)
    trace: list[str] = []
    for n, (op, i, *rest) in enumerate(commands):
        dossier_id = f"{prefix}-{i}"
        at = T0 + dt.timedelta(minutes=n)
        try:
            if op == "open":
                result = services.create(lambda d=dossier_id, a=at: fake_open(d, at=a))
            elif op == "move":
                result = services.run(dossier_id, lambda d, a=at, s=rest[0]: fake_move(d, s, at=a))
            elif op == "finish" or op == "repeat":
                result = services.run(
                    dossier_id,
                    lambda d, a=at: fake_finish(d, at=a),
                    idempotency_key=f"{prefix}-f{i}",
                )
            elif op == "stale":
                with store.unit_of_work() as uow:
                    stale = fake_move(uow.dossiers.get(dossier_id), "stale", at=at)
                    services.run(dossier_id, lambda d, a=at: fake_move(d, "winner", at=a))
                    uow.dossiers.save(*stale)
                    uow.commit()
                trace.append("stale committed")
                continue
            else:
                mine = [m for m in store.pending(limit=10_000) if m.dossier_id.startswith(prefix)]
                trace.append(f"acked {store.acknowledge([m.position for m in mine[:i]])}")
                continue
            trace.append(f"v{result.dossier.version} replayed={result.replayed}")
        except AdminflowError as exc:
            trace.append(type(exc).__name__)
    return trace


def _state(store: Store, prefix: str) -> tuple[Any, ...]:
    ids = [d for d in store.dossier_ids() if d.startswith(prefix + "-")]
    outbox = [
        (m.dossier_id, m.version, m.type, m.at, m.code, m.status, dict(m.payload))
        for m in store.pending(limit=10_000)
        if m.dossier_id.startswith(prefix + "-")
    ]
    return (
        ids,
        [store.get(d) for d in ids],
        [store.history(d) for d in ids],
        [store.row(d) for d in ids],
        [store.verify(d) for d in ids],
        outbox,
    )


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = connect(f"sqlite:///{tmp_path_factory.mktemp('eq') / 'eq.db'}", codec=FakeCodec())
    yield store
    store.close()


def _check(stores: list[Store], commands: list[tuple[Any, ...]]) -> None:
    prefix = f"x{next(_examples)}"
    memory = InMemoryStore(codec=FakeCodec())
    expected_trace = _apply(memory, prefix, commands)
    expected_state = _state(memory, prefix)
    for store in stores:
        assert _apply(store, prefix, commands) == expected_trace, store.name
        assert _state(store, prefix) == expected_state, store.name


@settings(max_examples=40)
@given(commands=ops)
def test_memory_and_sqlite_agree(sqlite_store: Store, commands: list[tuple[Any, ...]]) -> None:
    """Random command sequences give equal dossiers, histories, rows and outboxes."""
    _check([sqlite_store], commands)


@pytest.mark.postgres
@settings(max_examples=25)
@given(commands=ops)
def test_memory_sqlite_and_postgres_agree(
    sqlite_store: Store, postgres_module_url: str, commands: list[tuple[Any, ...]]
) -> None:
    """The PostgreSQL store agrees with the in-memory and SQLite stores on random sequences."""
    store = connect(postgres_module_url, codec=FakeCodec())
    try:
        _check([sqlite_store, store], commands)
    finally:
        store.close()


def test_store_outcomes_cover_conflicts_and_replays(sqlite_store: Store) -> None:
    """The equivalence harness does meet conflicts, replays and acknowledgements."""
    commands = [("open", 0), ("finish", 0), ("repeat", 0), ("stale", 0), ("ack", 2), ("open", 0)]

    trace = _apply(sqlite_store, "cover", commands)

    assert trace == [
        "v1 replayed=False",
        "v3 replayed=False",
        "v3 replayed=True",
        "ConcurrencyError",
        "acked 2",
        "ConcurrencyError",
    ]
    with sqlite_store.engine.connect() as conn:  # type: ignore[attr-defined]
        assert conn.execute(text("SELECT count(*) FROM commands")).scalar() >= 1
