"""The records of a simulation: a dossier's arrival, a step of its life, a run's summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from adminflow.dossiers import Actor, DossierRow, FilingChannel

__all__ = ["Arrival", "SimulationSummary", "Step"]


@attrs.frozen
class Step:
    """One command of a simulated dossier's life.

    Attributes:
        action: ``"submit"`` or the workflow command (``"receive"``, ``"approve"``, ...).
        by: Who issues it.
        at: When.
        details: The command's other keyword arguments.
    """

    action: str
    by: Actor
    at: dt.datetime
    details: Mapping[str, Any]


@attrs.frozen
class Arrival:
    """A dossier as it arrives: when, where, for what and how.

    Attributes:
        dossier_id: Its identifier in the store.
        at: When it is filed.
        unit: The unit it concerns.
        receiving_unit: The unit whose desk receives it (another unit under boundary-free
            receipt).
        procedure: The procedure code.
        channel: The filing channel.
        seed: The seed of the dossier's own random choices.
    """

    dossier_id: str
    at: dt.datetime
    unit: str
    receiving_unit: str
    procedure: str
    channel: FilingChannel
    seed: int


@attrs.frozen
class SimulationSummary:
    """What a run produced.

    Attributes:
        dossiers: How many dossiers were filed.
        events: How many events they recorded.
        statuses: Dossiers per status at the end of the period.
        channels: Dossiers per filing channel.
        rows: Every dossier's row, when the run was asked to keep them (else empty).
    """

    dossiers: int
    events: int
    statuses: Mapping[str, int]
    channels: Mapping[str, int]
    rows: tuple[DossierRow, ...] = attrs.field(default=(), repr=False)
