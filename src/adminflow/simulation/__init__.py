"""Simulation (mô phỏng): a realistic synthetic workload through the real workflow and store.

A :class:`Simulation` files a province's dossiers for a period and lives each one through the
workflow's commands (reception, supplement requests, transfers, payments, extensions, refusals,
stops, decisions and returned results) with the staff of each commune, including the bodies
acting under an authorization and desks receiving other communes' dossiers. It is seeded and
reproducible; its :class:`Parameters` are data with their sources, by default a province
quarter like Khánh Hòa's third quarter of 2025 (:meth:`Parameters.khanh_hoa_2025q3`).
"""

from adminflow.simulation._engine import Simulation
from adminflow.simulation._parameters import SHARES, Parameters, ProcedureWeight
from adminflow.simulation._records import Arrival, SimulationSummary, Step
from adminflow.simulation._staff import Staff, StaffMember, simulated_rules

__all__ = [
    "SHARES",
    "Arrival",
    "Parameters",
    "ProcedureWeight",
    "Simulation",
    "SimulationSummary",
    "Staff",
    "StaffMember",
    "Step",
    "simulated_rules",
]
