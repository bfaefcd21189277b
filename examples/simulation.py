"""A small synthetic province month through the real workflow: statuses, channels, rates.

Run: python examples/simulation.py
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import attrs

from adminflow.simulation import Parameters, Simulation

# The Khánh Hòa quarter's mix and rates, for July 2025 only, 600 dossiers.
parameters = attrs.evolve(
    Parameters.khanh_hoa_2025q3(), last_day=dt.date(2025, 7, 31), dossiers=600
)
simulation = Simulation(parameters, seed=2025)
print(parameters.title)
print(len(simulation.units), "communes; staff:", simulation.staff.roles())

lives = list(simulation.dossiers())
rows = [dossier.row() for dossier, _ in lives]
events = Counter(type(event).__name__ for _, history in lives for event in history)

print("statuses:", dict(Counter(r.status for r in rows).most_common()))
print("channels:", dict(Counter(r.channel for r in rows)))
finished = [r for r in rows if r.outcome is not None]
on_time = sum(r.outcome != "late" for r in finished) / len(finished)
print(f"decided early or on time: {on_time:.1%} of {len(finished)}")
print(f"full-process online: {sum(r.full_online for r in rows) / len(rows):.1%}")
print("boundary-free receipts:", sum(r.receiving_unit_code != r.unit_code for r in rows))
print(
    "extensions:",
    events["DeadlineExtended"],
    "| supplement requests:",
    events["SupplementRequested"],
)

# The same seed gives the same dossiers: the workload is reproducible.
assert rows == list(Simulation(parameters, seed=2025).rows())
