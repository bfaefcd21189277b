"""The simulation through the real store and services: bulk import, one unit of work per command."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from adminflow.services import Services
from adminflow.simulation import Parameters, Simulation
from adminflow.store import InMemoryStore, connect

FEW = attrs.evolve(
    Parameters.khanh_hoa_2025q3(), units=("22333", "22366", "22420", "22528"), dossiers=60
)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'simulated.db'}"


def test_bulk_import_into_sqlite(sqlite_url: str) -> None:
    """run() writes every dossier, its row and its whole history into an SQLite store."""
    sim = Simulation(FEW, seed=3)
    expected = list(sim.dossiers())
    store = connect(sqlite_url)

    try:
        summary = sim.run(store)

        assert summary.dossiers == len(expected) == 60
        assert store.dossier_ids() == sorted(d.id for d, _ in expected)
        for dossier, events in expected[:20]:
            assert store.row(dossier.id) == dossier.row()
            assert store.get(dossier.id) == dossier
            assert store.history(dossier.id) == events
            assert store.verify(dossier.id) == []
    finally:
        store.close()


def test_rerun_into_the_same_store_is_refused(sqlite_url: str) -> None:
    """Importing the same simulated dossiers twice raises ConcurrencyError and adds nothing."""
    from adminflow.errors import ConcurrencyError

    store = connect(sqlite_url)
    try:
        Simulation(FEW.scaled(10), seed=1).run(store)

        with pytest.raises(ConcurrencyError):
            Simulation(FEW.scaled(10), seed=1).run(store)
        assert len(store.dossier_ids()) == 10
    finally:
        store.close()


def test_commands_through_the_services_give_the_same_rows(sqlite_url: str) -> None:
    """One unit of work per command through the services stores what the bulk import stores."""
    sim = Simulation(FEW.scaled(25), seed=9)
    bulk = InMemoryStore()
    sim.run(bulk)
    store = connect(sqlite_url)

    try:
        summary = Simulation(FEW.scaled(25), seed=9).run_commands(
            Services(store, Simulation(FEW.scaled(25), seed=9).workflow)
        )

        assert summary.dossiers == 25
        ids = store.dossier_ids()
        assert ids == bulk.dossier_ids()
        assert [store.row(i) for i in ids] == [bulk.row(i) for i in ids]
        assert [store.history(i) for i in ids] == [bulk.history(i) for i in ids]
    finally:
        store.close()
