"""Dossier workflow: command cost against a bare ``transitions`` trigger, memory, replay.

Targets (issue 10): firing a command in memory (permission, guards, transition, event, deadline
update) costs at most 3x a bare ``transitions`` ``Event.trigger`` on the same table; a dossier
takes under 1 KB before its history (tracemalloc); replaying 1,000 events is reported per event.

Run: ``python benchmarks/bench_workflow.py [--dossiers 100000] [--events 1000]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import tracemalloc

import attrs
from _timing import per_call
from transitions import Machine

from adminflow.calendar import WorkingCalendar
from adminflow.dossiers import Actor, Applicant, Role, Workflow, replay, rule_set
from adminflow.procedures import Catalog

CALENDAR = WorkingCalendar.vietnam()
TZ = CALENDAR.timezone
WORKFLOW = Workflow(calendar=CALENDAR, catalog=Catalog.sample())
APPLICANT = Applicant.person("079012341234")
ME = Actor("079012341234", Role.APPLICANT)
DESK = Actor("desk-1", Role.RECEPTION_OFFICER, unit_code="00070")
LEADER = Actor("leader-1", Role.SIGNING_LEADER, authority_id="ubnd-00070")
PROCEDURE = "1.004873"  # 3 working days


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2025, 9, day, hour, minute, tzinfo=TZ)


def submitted(i: int = 0) -> object:
    return WORKFLOW.submit(
        procedure=PROCEDURE,
        applicant=APPLICANT,
        unit="00070",
        channel="in_person",
        by=ME,
        at=at(8, 8),
        dossier_id=f"d-{i:07d}",
    ).dossier


def in_processing() -> object:
    d = submitted()
    d = WORKFLOW.receive(d, by=DESK, at=at(8, 9), sequence=1, agency="000.00.00.H01").dossier
    d = WORKFLOW.transfer(d, by=DESK, at=at(8, 10), electronic=True).dossier
    officer = Actor("officer-1", Role.PROCESSING_OFFICER, authority_id="ubnd-00070")
    return WORKFLOW.receive_transfer(d, by=officer, at=at(8, 11)).dossier


def bench_fire(calls: int) -> None:
    table = rule_set("118/2025")
    machine = Machine(
        model=None,
        states=sorted({str(t.dest) for t in table.transitions} | {"new"}),
        transitions=[
            {"trigger": t.trigger, "source": str(t.source or "new"), "dest": str(t.dest)}
            for t in table.transitions
        ],
        initial="new",
        auto_transitions=False,
    )

    class Model:
        __slots__ = ("state",)

    model = Model()
    event = machine.events["receive"]

    def bare() -> None:
        for _ in range(calls):
            model.state = "submitted"
            event.trigger(model)

    d = submitted()

    def command() -> None:
        for _ in range(calls):
            WORKFLOW.receive(d, by=DESK, at=at(8, 9), sequence=1, agency="000.00.00.H01")

    p = in_processing()

    def approve() -> None:
        for _ in range(calls):
            WORKFLOW.approve(p, by=LEADER, at=at(9, 9))

    procedure = WORKFLOW.catalog.get(PROCEDURE)

    def deadline() -> None:
        for _ in range(calls):
            CALENDAR.due(at(8, 9), procedure.processing_time)

    # A new receipt day on every call (5,000 days from 2020, cycling, more than the 4,096
    # days the calendar keeps): its per-day reuse of a day period's lines (many dossiers are
    # received on one day) never helps here.
    first = dt.datetime(2020, 1, 1, 9, tzinfo=TZ)
    fresh = itertools.cycle([first + dt.timedelta(days=i) for i in range(5000)])

    def deadline_new_day() -> None:
        for _ in range(calls):
            CALENDAR.due(next(fresh), procedure.processing_time)

    # Interleaved rounds, best of each: the machine is shared, so timings drift during a run.
    best = {"bare": 1e9, "receive": 1e9, "approve": 1e9, "due": 1e9, "due_new_day": 1e9}
    for _ in range(5):
        best["bare"] = min(best["bare"], per_call(bare, calls))
        best["receive"] = min(best["receive"], per_call(command, calls))
        best["approve"] = min(best["approve"], per_call(approve, calls))
        best["due"] = min(best["due"], per_call(deadline, calls))
        best["due_new_day"] = min(best["due_new_day"], per_call(deadline_new_day, calls))
    base = best["bare"]
    print(f"bare transitions Event.trigger (same table): {base * 1e6:8.2f} us")
    print(
        "Workflow.approve (permission, guards, transition, event): "
        f"{best['approve'] * 1e6:8.2f} us  ({best['approve'] / base:.1f}x)"
    )
    print(
        "Workflow.receive (+ code, legal deadline with explanation): "
        f"{best['receive'] * 1e6:8.2f} us  ({best['receive'] / base:.1f}x)"
    )
    print(
        f"  of which WorkingCalendar.due alone: {best['due'] * 1e6:8.2f} us "
        f"({best['due'] / base:.1f}x); on a new receipt day each call: "
        f"{best['due_new_day'] * 1e6:8.2f} us ({best['due_new_day'] / base:.1f}x)"
    )
    print("target: at most 3x the bare trigger")


def bench_memory(n: int) -> None:
    template = submitted()
    received = WORKFLOW.receive(
        template, by=DESK, at=at(8, 9), sequence=1, agency="000.00.00.H01"
    ).dossier
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    dossiers = []
    for i in range(n):
        d = WORKFLOW.receive(
            submitted(i), by=DESK, at=at(8, 9), sequence=1 + i % 9999, agency="000.00.00.H01"
        ).dossier
        dossiers.append(attrs.evolve(d, history=()))
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    per = (after - before - 8 * n) / n  # the list's own pointers are not the dossiers'
    del received
    print(
        f"memory per received dossier without history, {n} dossiers: {per:.0f} bytes "
        f"({per / 1024:.2f}x of the 1 KB target)"
    )


def bench_replay(events: int) -> None:
    d = in_processing()
    steps = max(1, (events - 5) // 2)
    for i in range(steps):
        officer = Actor("officer-1", Role.PROCESSING_OFFICER, authority_id="ubnd-00070")
        t = at(8, 11) + dt.timedelta(seconds=i + 1)
        d = WORKFLOW.forward_step(d, by=officer, at=t, step=f"s{i}", working_days=1).dossier
        d = WORKFLOW.complete_step(d, by=officer, at=t, step=f"s{i}").dossier
    history = d.history
    cost = per_call(lambda: replay(history), 1)
    print(
        f"replay of {len(history)} events: {cost * 1e3:.2f} ms, "
        f"{cost / len(history) * 1e6:.2f} us per event"
    )
    assert replay(history) == d


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000)
    parser.add_argument("--calls", type=int, default=2_000)
    args = parser.parse_args()
    bench_fire(args.calls)
    bench_memory(args.dossiers)
    bench_replay(args.events)


if __name__ == "__main__":
    main()
