"""Several processes writing at once, and a writer killed mid-batch, lose and duplicate nothing."""

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from adminflow.store import connect
from adminflow.store._sql import SqlStore
from adminflow.testing import FakeCodec, fake_open

WORKER = Path(__file__).with_name("store_worker.py")
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
T0 = dt.datetime(2025, 7, 7, 8, 0, tzinfo=dt.UTC)
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest) -> str:
    name = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    value: str = request.getfixturevalue(name)
    return value


def _check_store(store: SqlStore) -> None:
    """Every history is gapless and chained, and every snapshot equals its replay."""
    assert list(store.verify_all()) == []
    for dossier_id in store.dossier_ids():
        assert store.row(dossier_id) == store.codec.replay(store.history(dossier_id)).row()


def test_concurrent_writers_lose_nothing(url: str) -> None:
    """Four processes fire conflicting commands; each accepted command is logged exactly once."""
    dossiers, workers, ops = 4, 4, 25
    store = connect(url, codec=FakeCodec())
    for n in range(dossiers):
        dossier, events = fake_open(f"d{n}", at=T0)
        with store.unit_of_work() as uow:
            uow.dossiers.save(dossier, events)
            uow.commit()
    procs = [
        subprocess.Popen(
            [sys.executable, str(WORKER), "hammer", url, str(w), str(ops), str(dossiers), str(w)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
        )
        for w in range(workers)
    ]
    reports = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        reports.append(json.loads(out))

    accepted = [key for r in reports for key in r["accepted"]]
    statuses = Counter(
        event.get("status")
        for dossier_id in store.dossier_ids()
        for event in store.history(dossier_id)[1:]
    )
    outbox = store.pending(limit=10_000)
    events = sum(len(store.history(d)) for d in store.dossier_ids())

    assert len(accepted) == workers * ops
    assert statuses == Counter(accepted)
    assert all(store.command(key) is not None for key in accepted)
    assert len(outbox) == events == dossiers + len(accepted)
    assert len({(m.dossier_id, m.version) for m in outbox}) == len(outbox)
    _check_store(store)
    store.close()


def test_writer_killed_mid_batch_leaves_whole_commands(url: str) -> None:
    """A writer killed with SIGKILL leaves a store that opens, verifies and holds whole commands."""
    connect(url, codec=FakeCodec()).close()
    with subprocess.Popen(
        [sys.executable, str(WORKER), "crash", url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    ) as proc:
        assert proc.stdout is not None
        line = proc.stdout.readline()  # one whole batch is in
        time.sleep(0.3)  # and the next one is under way
        os.kill(proc.pid, signal.SIGKILL)
        errors = proc.stderr.read() if proc.stderr else ""
        proc.wait(timeout=30)

    store = connect(url, codec=FakeCodec(), upgrade=False)
    versions = Counter(store.row(d).version for d in store.dossier_ids())
    outbox = store.pending(limit=10_000)

    assert line.strip() == "0", errors
    assert set(versions) <= {3, 5}  # an import (3 events) or an import plus a finish (2 more)
    assert store.count() % 200 == 0  # batches are whole
    assert len(outbox) == sum(v * n for v, n in versions.items()) < 10_000
    _check_store(store)
    store.close()
