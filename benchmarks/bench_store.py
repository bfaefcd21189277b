"""Benchmark: the SQL store, with baselines measured in the same run.

1. **Bulk import into SQLite** of simulated dossiers with full histories (by default real
   dossiers run through ``adminflow.dossiers.Workflow``, 6 events each; ``--source fake``: the
   fake aggregate of ``adminflow.testing``, 8 events each):
   ``SqlStore.import_dossiers`` (events to JSON, hash chain, snapshot rows, SQLAlchemy Core
   executemany, one transaction per batch of 2,000) against raw ``sqlite3`` ``executemany`` of
   the very same, already-encoded rows in the same batches. Targets (issue 11): at least
   20,000 dossiers/s, and within 3x of the raw inserts.
2. **Single commands on a SQLite file** (WAL, synchronous=FULL): one service call each (load by
   replay, fire, append, commit); commands/s and p50/p99 latency, against a raw ``sqlite3``
   one-row insert-and-commit (the cost of one durable transaction).
3. **PostgreSQL with 8 worker processes** firing commands at 50 shared dossiers: throughput and
   conflict rate (a conflict is a ConcurrencyError that the caller retried). Needs PostgreSQL
   (``apt-get install postgresql``) or ``--postgres-url``; skipped with a note otherwise.

Run: ``python benchmarks/bench_store.py``; exits 1 if a target of part 1 is missed.
Smoke: ``--dossiers 400 --commands 50 --pg-workers 2 --pg-commands 10 --no-targets``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from adminflow.errors import ConcurrencyError, ConfigurationError
from adminflow.services import Services
from adminflow.store import connect
from adminflow.store._records import GENESIS, ROW_COLUMNS, event_records, instant_text, row_values
from adminflow.testing import FakeCodec, fake_finish, fake_move, fake_open

T0 = dt.datetime(2025, 7, 7, 8, 0, tzinfo=dt.UTC)
STATUSES = ("checking", "received", "in_processing", "step_1", "step_2", "result_ready")
BATCH = 2000


def simulated(count: int, prefix: str = "d") -> list[tuple[Any, list[Any]]]:
    """Dossiers with a full history: opened, six status changes, finished (8 events)."""
    rng = random.Random(11)
    items = []
    for n in range(count):
        at = T0 + dt.timedelta(minutes=rng.randrange(500_000))
        dossier, events = fake_open(
            f"{prefix}{n:07}",
            at=at,
            unit_code=f"{rng.randrange(1, 35):02}{rng.randrange(1000):03}",
            applicant=f"0{rng.randrange(10**11):011}",
        )
        history = list(events)
        for status in STATUSES[:5]:
            at += dt.timedelta(hours=rng.randrange(1, 30))
            dossier, more = fake_move(dossier, status, at=at)
            history += more
        dossier, more = fake_finish(dossier, at=at + dt.timedelta(hours=2))
        items.append((dossier, history + more))
    return items


def simulated_real(count: int) -> list[tuple[Any, list[Any]]]:
    """Real dossiers through the real workflow: filed online, received, transferred, received
    by the deciding body, approved, returned (6 events each)."""
    from adminflow.calendar import WorkingCalendar
    from adminflow.competence import CompetenceResolver, CompetenceRules
    from adminflow.dossiers import Actor, Applicant, Role, Workflow
    from adminflow.procedures import Catalog

    catalog = Catalog.sample()
    calendar = WorkingCalendar.vietnam()
    rules = CompetenceRules.example_khanh_hoa()
    workflow = Workflow(
        calendar=calendar, catalog=catalog, competence=CompetenceResolver(rules, catalog=catalog)
    )
    desk = Actor("desk-1", Role.RECEPTION_OFFICER, unit_code="22366")
    officer = Actor("officer-1", Role.PROCESSING_OFFICER, authority_id="ubnd-22366")
    chair = Actor("chair-1", Role.SIGNING_LEADER, authority_id="ubnd-22366")
    start = dt.datetime(2026, 9, 7, 8, 0, tzinfo=calendar.timezone)
    items = []
    for n in range(count):
        number = f"0560900{n % 100000:05}"
        applicant = Applicant.person(number)
        day = start + dt.timedelta(days=7 * (n // 5000))
        d = workflow.submit(
            procedure="1.013225", applicant=applicant, unit="22366", channel="online",
            by=Actor(number, Role.APPLICANT), at=day, dossier_id=f"r{n:07}",
        ).dossier  # fmt: skip
        d = workflow.receive(
            d, by=desk, at=day + dt.timedelta(hours=1), sequence=n % 5000 + 1,
            agency="000.00.12.H41",
        ).dossier  # fmt: skip
        d = workflow.transfer(d, by=desk, at=day + dt.timedelta(hours=1, minutes=1)).dossier
        d = workflow.receive_transfer(d, by=officer, at=day + dt.timedelta(hours=2)).dossier
        d = workflow.approve(d, by=chair, at=day + dt.timedelta(days=3), e_result=True).dossier
        d = workflow.return_result(d, by=desk, at=day + dt.timedelta(days=3, hours=1)).dossier
        items.append((d, list(d.history)))
    return items


def raw_rows(items: list[tuple[Any, list[Any]]], codec: Any) -> tuple[list[Any], list[Any]]:
    """The same rows the store writes, encoded beforehand (the baseline does no encoding)."""
    snapshots, events = [], []
    for dossier, history in items:
        values = row_values(dossier.row())
        row = [
            instant_text(values[c]) if isinstance(values[c], dt.datetime) else values[c]
            for c in ROW_COLUMNS
        ]
        snapshots.append((*row, None))
        for r in event_records(codec, history, previous_hash=GENESIS):
            events.append((r.dossier_id, r.version, r.type, r.at, r.data, r.hash, r.command_key))
    return snapshots, events


def bench_import(count: int, work: Path, *, real: bool) -> tuple[float, float, int]:
    from adminflow.store import DossierCodec

    items = simulated_real(count) if real else simulated(count)
    codec: Any = DossierCodec() if real else FakeCodec()
    snapshots, events = raw_rows(items, codec)

    store = connect(f"sqlite:///{work / 'import.db'}", codec=codec, applicant_key=b"k")
    start = time.perf_counter()
    store.import_dossiers(items, batch_size=BATCH)
    ours = time.perf_counter() - start
    assert store.count() == count
    store.close()

    connect(f"sqlite:///{work / 'raw.db'}", codec=FakeCodec()).close()  # same schema, empty
    conn = sqlite3.connect(work / "raw.db", isolation_level=None)
    conn.execute("PRAGMA synchronous=FULL")
    marks = ", ".join("?" * (len(ROW_COLUMNS) + 1))
    per_dossier = len(events) // count
    start = time.perf_counter()
    for i in range(0, count, BATCH):
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(f"INSERT INTO dossiers VALUES ({marks})", snapshots[i : i + BATCH])
        conn.executemany(
            "INSERT INTO dossier_events VALUES (?, ?, ?, ?, ?, ?, ?)",
            events[i * per_dossier : (i + BATCH) * per_dossier],
        )
        conn.execute("COMMIT")
    raw = time.perf_counter() - start
    assert conn.execute("SELECT count(*) FROM dossier_events").fetchone()[0] == len(events)
    conn.close()
    return ours, raw, per_dossier


def bench_commands(count: int, work: Path) -> tuple[list[float], float]:
    store = connect(f"sqlite:///{work / 'commands.db'}", codec=FakeCodec())
    items = simulated(200, prefix="c")
    store.import_dossiers([fake_open_history(h) for _, h in items])
    services = Services(store)
    rng = random.Random(3)
    latencies = []
    for n in range(count):
        dossier_id = f"c{rng.randrange(200):07}"
        start = time.perf_counter()
        services.run(
            dossier_id, lambda d, n=n: fake_move(d, f"s{n}", at=T0), idempotency_key=f"k{n}"
        )
        latencies.append(time.perf_counter() - start)
    store.close()

    conn = sqlite3.connect(work / "raw-commands.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)")
    start = time.perf_counter()
    for n in range(count):
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t VALUES (?, ?)", (f"k{n}", "x" * 200))
        conn.execute("COMMIT")
    raw = (time.perf_counter() - start) / count
    conn.close()
    return latencies, raw


def fake_open_history(history: list[Any]) -> tuple[Any, list[Any]]:
    """The dossier after the first three events of a history, with those events."""
    codec = FakeCodec()
    return codec.replay(history[:3]), history[:3]


def _pg_worker(
    url: str, worker: int, commands: int, dossiers: int, queue: Any, ready: Any, go: Any
) -> None:
    store = connect(url, codec=FakeCodec(), upgrade=False)
    services = Services(store)
    rng = random.Random(worker)
    store.get(f"p{0:07}")  # connected and warm
    ready.put(worker)
    go.wait()
    conflicts = 0
    for n in range(commands):
        dossier_id = f"p{rng.randrange(dossiers):07}"
        while True:
            try:
                services.run(
                    dossier_id,
                    lambda d, n=n: fake_move(d, f"w{worker}-{n}", at=T0),
                    idempotency_key=f"w{worker}-{n}",
                )
                break
            except ConcurrencyError:
                conflicts += 1
    store.close()
    queue.put(conflicts)


def bench_postgres(url: str, workers: int, commands: int) -> tuple[float, int, int]:
    dossiers = 50
    store = connect(url, codec=FakeCodec())
    store.import_dossiers(simulated(dossiers, prefix="p"))
    store.close()
    context = multiprocessing.get_context("spawn")
    queue, ready, go = context.Queue(), context.Queue(), context.Event()
    procs = [
        context.Process(target=_pg_worker, args=(url, w, commands, dossiers, queue, ready, go))
        for w in range(workers)
    ]
    for p in procs:
        p.start()
    for _ in procs:
        ready.get(timeout=600)
    start = time.perf_counter()  # every worker is connected: time the commands only
    go.set()
    conflicts = sum(queue.get(timeout=600) for _ in procs)
    for p in procs:
        p.join()
    elapsed = time.perf_counter() - start
    return elapsed, workers * commands, conflicts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=40_000, help="dossiers imported")
    parser.add_argument(
        "--source",
        choices=["real", "fake"],
        default="real",
        help="dossiers from the real workflow (default) or the tiny fake aggregate",
    )
    parser.add_argument("--commands", type=int, default=1_000, help="single commands timed")
    parser.add_argument("--pg-workers", type=int, default=8, help="PostgreSQL worker processes")
    parser.add_argument("--pg-commands", type=int, default=250, help="commands per worker")
    parser.add_argument("--postgres-url", help="use this (empty) database instead of a temp one")
    parser.add_argument("--no-postgres", action="store_true", help="skip part 3")
    parser.add_argument("--no-targets", action="store_true", help="print ratios, judge none")
    args = parser.parse_args()
    ok = True

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ours, raw, per = bench_import(args.dossiers, work, real=args.source == "real")
        rate = args.dossiers / ours
        ratio = ours / raw
        print(
            f"bulk import, SQLite: {rate:,.0f} dossiers/s ({args.dossiers:,} {args.source} "
            f"dossiers x {per} events); "
            f"raw executemany of the same rows: {args.dossiers / raw:,.0f}/s; "
            f"store/raw time {ratio:.2f}x  (targets: >= 20,000/s, <= 3x)"
        )
        if not args.no_targets and (rate < 20_000 or ratio > 3):
            ok = False
            print("  TARGET MISSED")

        latencies, raw_commit = bench_commands(args.commands, work)
        p50 = statistics.median(latencies)
        p99 = sorted(latencies)[max(0, int(len(latencies) * 0.99) - 1)]
        print(
            f"single commands, SQLite file: {len(latencies) / sum(latencies):,.0f} commands/s, "
            f"p50 {p50 * 1e3:.2f} ms, p99 {p99 * 1e3:.2f} ms; one raw durable insert+commit "
            f"{raw_commit * 1e3:.2f} ms: p50 is {p50 / raw_commit:.1f}x a bare commit"
        )

    if not args.no_postgres:
        try:
            if args.postgres_url:
                result = bench_postgres(args.postgres_url, args.pg_workers, args.pg_commands)
            else:
                from adminflow.testing import create_database, temporary_postgres

                with temporary_postgres() as server:
                    url = create_database(server, "bench")
                    result = bench_postgres(url, args.pg_workers, args.pg_commands)
        except ConfigurationError as exc:
            print(f"PostgreSQL part skipped: {exc}")
        else:
            elapsed, done, conflicts = result
            print(
                f"PostgreSQL, {args.pg_workers} worker processes on 50 dossiers: "
                f"{done / elapsed:,.0f} commands/s ({done} commands), "
                f"conflict rate {conflicts / (done + conflicts):.1%} "
                f"(x{(done + conflicts) / done:.2f} attempts per command)"
            )
    print(json.dumps({"ok": ok}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
