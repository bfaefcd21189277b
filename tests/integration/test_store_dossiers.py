"""The stores and the services with the real dossier workflow (adminflow.dossiers)."""

import datetime as dt
from collections.abc import Iterator

import pytest

from adminflow.calendar import WorkingCalendar
from adminflow.competence import CompetenceResolver, CompetenceRules
from adminflow.procedures import Catalog
from adminflow.services import Services
from adminflow.store import InMemoryStore, Store, connect

dossiers = pytest.importorskip("adminflow.dossiers")
PORTAL_STATUS = dossiers.PORTAL_STATUS
Actor, Applicant, Role = dossiers.Actor, dossiers.Applicant, dossiers.Role
DossierStatus, Workflow, replay = dossiers.DossierStatus, dossiers.Workflow, dossiers.replay

CALENDAR = WorkingCalendar.vietnam()
NUMBER = "056090001234"
APPLICANT = Applicant.person(NUMBER, name="Lê Thị B")
ME = Actor(NUMBER, Role.APPLICANT)
DESK = Actor("desk-1", Role.RECEPTION_OFFICER, unit_code="22366")
OFFICER = Actor("officer-1", Role.PROCESSING_OFFICER, authority_id="ubnd-22366")
CHAIR = Actor("chair-1", Role.SIGNING_LEADER, authority_id="ubnd-22366")
KEY = b"test-applicant-key"


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 9, day, hour, minute, tzinfo=CALENDAR.timezone)


@pytest.fixture(scope="module")
def workflow():  # type: ignore[no-untyped-def]
    catalog = Catalog.sample()
    rules = CompetenceRules.example_khanh_hoa()
    return Workflow(
        calendar=CALENDAR, catalog=catalog, competence=CompetenceResolver(rules, catalog=catalog)
    )


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    if request.param == "memory":
        made: Store = InMemoryStore(applicant_key=KEY)
    else:
        url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url")
        made = connect(url, applicant_key=KEY)
    yield made
    made.close()


def _lifecycle(services: Services) -> str:
    filed = services.submit(
        procedure="1.013225", applicant=APPLICANT, unit="22366", channel="online", by=ME,
        at=at(7, 8), idempotency_key="portal-form-1",
    )  # fmt: skip
    dossier_id = filed.dossier.id
    services.receive(dossier_id, by=DESK, at=at(7, 9), sequence=1, agency="000.00.12.H41")
    services.transfer(dossier_id, by=DESK, at=at(7, 9, 1))
    services.receive_transfer(dossier_id, by=OFFICER, at=at(7, 10))
    services.approve(dossier_id, by=CHAIR, at=at(10, 9), e_result=True, idempotency_key="sign")
    services.return_result(dossier_id, by=DESK, at=at(10, 10))
    return dossier_id


def test_a_lifecycle_through_the_services_is_stored_whole(workflow, store: Store) -> None:
    """Each command commits its events; the store rebuilds the dossier, its row and its chain."""
    services = Services(store, workflow)

    dossier_id = _lifecycle(services)
    dossier = store.get(dossier_id)
    history = store.history(dossier_id)

    assert replay(history) == dossier
    assert dossier.status is DossierStatus.RESULT_RETURNED
    assert store.row(dossier_id) == dossier.row()
    assert store.verify(dossier_id) == []
    assert [row.id for row in store.by_applicant(NUMBER).items] == [dossier_id]
    assert [row.id for row in store.by_code(dossier.row().code).items] == [dossier_id]


def test_outbox_statuses_follow_each_event(workflow, store: Store) -> None:
    """Each outbox message carries the status its own event led to, mapped to Portal codes."""
    services = Services(store, workflow)
    dossier_id = _lifecycle(services)

    messages = store.pending(limit=100)
    history = store.history(dossier_id)

    assert [m.version for m in messages] == [e.version for e in history]
    assert [m.status for m in messages] == [str(e.status) for e in history]
    assert [PORTAL_STATUS[DossierStatus(m.status)] for m in messages][-1] == 10


def test_repeated_commands_change_nothing(workflow, store: Store) -> None:
    """Repeating submit and approve with their keys replays the first results."""
    services = Services(store, workflow)
    dossier_id = _lifecycle(services)
    before = store.history(dossier_id)

    again = services.submit(
        procedure="1.013225", applicant=APPLICANT, unit="22366", channel="online", by=ME,
        at=at(7, 8), idempotency_key="portal-form-1",
    )  # fmt: skip
    signed = services.approve(dossier_id, by=CHAIR, at=at(10, 9), idempotency_key="sign")

    assert again.replayed
    assert (again.dossier.id, again.dossier.version) == (dossier_id, 1)
    assert signed.replayed
    assert store.history(dossier_id) == before


def test_events_survive_a_json_round_trip(workflow, store: Store) -> None:  # type: ignore[no-untyped-def]
    """event_from_dict(json(event_to_dict(e))) == e for every event of a lifecycle (enums too)."""
    import json

    services = Services(store, workflow)
    dossier_id = _lifecycle(services)

    for event in store.get(dossier_id).history:
        text = json.dumps(dossiers.event_to_dict(event))
        assert dossiers.event_from_dict(json.loads(text)) == event


def test_indicators_read_the_store_table(workflow, store: Store) -> None:  # type: ignore[no-untyped-def]
    """The indicators' SQL engine over the store's dossiers table agrees with their Python one."""
    from adminflow.indicators import SqlSource, tallies

    if not hasattr(store, "engine"):
        pytest.skip("the in-memory store has no table")
    services = Services(store, workflow)
    _lifecycle(services)
    rows = [store.row(dossier_id) for dossier_id in store.dossier_ids()]

    with store.engine.connect() as conn:
        from_sql = tallies(SqlSource(conn, table="dossiers"), "2026")

    assert from_sql == tallies(rows, "2026")
