"""Simulation and demo: a province quarter through the workflow into SQLite, against its baselines.

Targets (issue 12): the whole demo for the default quarter (Khánh Hòa Q3 2025, 23,700 dossiers)
takes well under a minute on 2 cores. Printed, per dossier, in the same run:

* the simulation alone (the workflow's commands in memory), against the bare workflow commands
  of the same dossiers replayed without the simulation's planning (its overhead ratio);
* the store's bulk import of the simulated histories (``Simulation.run``), against one unit of
  work per command through the services (``Simulation.run_commands``) on a sample;
* the projected quarter, and the peak memory of simulating and importing (tracemalloc).

Run: ``python benchmarks/bench_simulation.py [--dossiers 23700] [--services 200]``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from adminflow.services import Services
from adminflow.simulation import Parameters, Simulation
from adminflow.store import connect

QUARTER = Parameters.khanh_hoa_2025q3()


def seconds(func: Any) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def bare_commands(sim: Simulation) -> float:
    """Seconds to issue the recorded commands of every dossier, without the planning."""
    steps: list[tuple[Any, ...]] = []

    def record(step: Any, dossier: Any) -> tuple[Any, Any]:
        new, events = sim._apply(step, dossier)
        steps.append((step, dossier is None))
        return new, events

    for _ in sim._lives(record):
        pass
    workflow = sim.workflow
    start = time.perf_counter()
    dossier = None
    for step, first in steps:
        if first:
            dossier = workflow.submit(by=step.by, at=step.at, **step.details).dossier
        else:
            command = getattr(workflow, step.action)
            dossier = command(dossier, by=step.by, at=step.at, **step.details).dossier
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dossiers", type=int, default=QUARTER.dossiers)
    parser.add_argument("--services", type=int, default=200, help="dossiers through services")
    args = parser.parse_args()
    parameters = QUARTER.scaled(args.dossiers)

    with tempfile.TemporaryDirectory() as tmp:
        setup = seconds(lambda: Simulation(parameters, seed=1))
        sim = Simulation(parameters, seed=1)
        cold = seconds(lambda: sum(1 for _ in sim.dossiers()))
        bare = bare_commands(sim)  # records on the warm simulation, then replays the commands
        simulate = seconds(lambda: sum(1 for _ in sim.dossiers()))  # warm, as the baseline

        store = connect(f"sqlite:///{Path(tmp) / 'bulk.db'}")
        total = seconds(lambda: Simulation(parameters, seed=1).run(store))
        store.close()
        traced = parameters.scaled(min(args.dossiers, 4000))
        store = connect(f"sqlite:///{Path(tmp) / 'traced.db'}")
        tracemalloc.start()
        Simulation(traced, seed=1).run(store)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        store.close()

        small = parameters.scaled(min(args.services, args.dossiers))
        store = connect(f"sqlite:///{Path(tmp) / 'services.db'}")
        sim = Simulation(small, seed=1)
        services = seconds(lambda: sim.run_commands(Services(store, sim.workflow)))
        store.close()
        store = connect(f"sqlite:///{Path(tmp) / 'bulk-small.db'}")
        bulk_small = seconds(lambda: Simulation(small, seed=1).run(store))
        store.close()

    n, m = parameters.dossiers, small.dossiers
    per = total / n
    print(f"simulation of {n:,} dossiers ({len(sim.units)} communes), seed 1")
    print(f"  set-up (rules, staff, competence):  {setup:8.2f} s")
    print(
        f"  simulate in memory, cold:{1e3 * cold / n:8.3f} ms/dossier (competence answers to learn)"
    )
    print(f"  simulate in memory, warm:{1e3 * simulate / n:8.3f} ms/dossier")
    print(f"  bare workflow commands:  {1e3 * bare / n:8.3f} ms/dossier   (baseline)")
    print(f"  planning overhead:       {simulate / bare:8.2f}x the bare commands")
    print(f"  simulate + bulk import:  {1e3 * per:8.3f} ms/dossier   ({total:.1f} s in all)")
    print(f"  import share:            {max(0.0, total - simulate) / total:8.1%} of that")
    print(
        f"  services, one unit of work per command ({m} dossiers): "
        f"{1e3 * services / m:.3f} ms/dossier = x{services / bulk_small:.1f} the bulk import"
    )
    quarter = QUARTER.dossiers * per + setup
    print(f"  projected default quarter ({QUARTER.dossiers:,}): {quarter:.1f} s before the report")
    print(
        f"  peak traced memory simulating and importing {traced.dossiers:,} dossiers "
        f"(streamed in batches): {peak / 2**20:.1f} MB"
    )


if __name__ == "__main__":
    main()
