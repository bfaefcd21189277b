"""Hypothesis properties of the simulation: any workload lives through the workflow."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from adminflow.dossiers import replay
from adminflow.errors import AdminflowError
from adminflow.simulation import (
    SHARES,
    Parameters,
    ProcedureWeight,
    Simulation,
    Staff,
    StaffMember,
)

DEFAULT = Parameters.khanh_hoa_2025q3()
UNITS = ("22333", "22366", "22420", "22528", "22651", "22702")
CODES = tuple(p.code for p in DEFAULT.procedures)

shares = st.fixed_dictionaries(
    {},
    optional={name: st.floats(0, 1) for name in SHARES if not name.startswith("processing")},
)


@st.composite
def workloads(draw: st.DrawFn) -> Parameters:
    """Small workloads on a few communes with any shares, mix and period within 2025 H2."""
    first = dt.date(2025, 7, 1) + dt.timedelta(days=draw(st.integers(0, 120)))
    last = first + dt.timedelta(days=draw(st.integers(6, 40)))  # a week has a working day
    low = draw(st.floats(0, 1))
    high = draw(st.floats(low, 1))
    codes = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=4, unique=True))
    weights = [ProcedureWeight(c, draw(st.floats(0.1, 5))) for c in codes]
    return attrs.evolve(
        DEFAULT,
        first_day=first,
        last_day=last,
        dossiers=draw(st.integers(1, 25)),
        units=draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=4, unique=True)),
        shares={**draw(shares), "processing_low": low, "processing_high": high},
        procedures=weights,
    )


@settings(max_examples=25)
@given(workloads(), st.integers(0, 2**32))
def test_any_workload_lives_through_the_workflow(parameters: Parameters, seed: int) -> None:
    """Any shares, mix and period: every command is accepted and each history replays."""
    sim = Simulation(parameters, seed=seed)

    lives = list(sim.dossiers())

    assert len(lives) == parameters.dossiers
    for dossier, events in lives:
        assert replay(events) == dossier
        assert all(a.at <= b.at for a, b in itertools.pairwise(events))
        assert events[-1].at < sim.horizon
        assert dossier.unit_code in parameters.units


anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=8),
    st.binary(max_size=4),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=3),
    st.dates(),
)


def _raises_only_adminflow(call: Any) -> None:
    with contextlib.suppress(AdminflowError):
        call()


@given(st.dictionaries(st.sampled_from([f.name for f in attrs.fields(Parameters)]), anything))
def test_parameters_refuse_garbage(changes: dict[str, Any]) -> None:
    """Any field of Parameters replaced by garbage: only AdminflowError escapes."""
    _raises_only_adminflow(lambda: attrs.evolve(DEFAULT, **changes))


@given(st.dictionaries(st.text(max_size=12), anything, max_size=6))
def test_parameters_from_any_mapping(data: dict[str, Any]) -> None:
    """Parameters.from_dict of any mapping: only AdminflowError escapes."""
    _raises_only_adminflow(lambda: Parameters.from_dict(data))


@given(st.text(max_size=200))
def test_parameters_from_any_text(text: str) -> None:
    """Parameters.loads of any text: only AdminflowError escapes."""
    _raises_only_adminflow(lambda: Parameters.loads(text))


@given(anything, anything)
def test_procedure_weight_refuses_garbage(code: Any, weight: Any) -> None:
    """ProcedureWeight of garbage: only AdminflowError escapes."""
    _raises_only_adminflow(lambda: ProcedureWeight(code, weight))


@given(anything, anything, anything, anything)
def test_staff_refuses_garbage(a: Any, b: Any, c: Any, d: Any) -> None:
    """StaffMember and Staff of garbage: only AdminflowError escapes."""
    _raises_only_adminflow(lambda: StaffMember(a, b, c, d))
    _raises_only_adminflow(lambda: Staff(a, b, reception=c, officers=d))


@settings(max_examples=30)
@given(anything, anything, anything)
def test_simulation_refuses_garbage(parameters: Any, seed: Any, other: Any) -> None:
    """Simulation of garbage arguments: only AdminflowError escapes."""
    _raises_only_adminflow(lambda: Simulation(parameters, seed=seed))
    _raises_only_adminflow(lambda: Simulation(DEFAULT.scaled(1), seed=0, catalog=other))
    _raises_only_adminflow(lambda: Simulation(DEFAULT.scaled(1), rules=other, calendar=other))
