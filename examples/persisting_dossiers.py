"""Persist dossiers in SQLite, survive a conflict, and ship the outbox to a Portal connector.

A construction permit goes from filing to returned result through ``adminflow.services``; each
command is one unit of work on a SQLite file. Two clerks race, one retries; a repeated form
submission changes nothing; the connector prints the National Public Service Portal's status
payloads from the outbox; the audit chain verifies.

Run: python examples/persisting_dossiers.py
"""

import datetime as dt
import json
import tempfile
from pathlib import Path

from adminflow.calendar import WorkingCalendar
from adminflow.competence import CompetenceResolver, CompetenceRules
from adminflow.dossiers import Actor, Applicant, DossierStatus, Role, Workflow
from adminflow.errors import ConcurrencyError
from adminflow.procedures import Catalog
from adminflow.services import Services
from adminflow.store import OutboxMessage, connect

catalog = Catalog.sample()
calendar = WorkingCalendar.vietnam()
workflow = Workflow(
    calendar=calendar,
    catalog=catalog,
    competence=CompetenceResolver(CompetenceRules.example_khanh_hoa(), catalog=catalog),
)
applicant = Applicant.person("056090001234", name="Lê Thị B")
me = Actor("056090001234", Role.APPLICANT)
desk = Actor("desk-1", Role.RECEPTION_OFFICER, unit_code="22366")
officer = Actor("officer-1", Role.PROCESSING_OFFICER, authority_id="ubnd-22366")
chair = Actor("chair-1", Role.SIGNING_LEADER, authority_id="ubnd-22366")


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 9, day, hour, minute, tzinfo=calendar.timezone)


def portal_payload(message: OutboxMessage) -> dict[str, object]:
    """The status update a connector sends for one outbox message.

    ``TrangThai`` is the Portal's synchronisation code (1 = newly registered ... 10 = result
    returned); the catalogue is de facto, the official specification is not public.
    """
    return {
        "MaHoSo": message.code,
        "TrangThai": DossierStatus(message.status).portal_code,
        "ThoiGian": message.at.astimezone(calendar.timezone).strftime("%Y%m%d%H%M%S"),
        "PhienBan": message.version,
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'dossiers.db'}"
        store = connect(url, applicant_key=b"keep-this-key-out-of-the-database")
        services = Services(store, workflow)

        # Filed online; the browser retries the request: same key, nothing changes.
        for _ in range(2):
            filed = services.submit(
                procedure="1.013225", applicant=applicant, unit="22366", channel="online",
                by=me, at=at(7, 8), idempotency_key="portal-form-7731",
            )  # fmt: skip
        dossier_id = filed.dossier.id
        print("filed, replayed on the second try:", filed.replayed)

        services.receive(dossier_id, by=desk, at=at(7, 9), sequence=1, agency="000.00.12.H41")

        # Two clerks both read version 2; the desk's transfer wins, the other commit conflicts.
        slow = store.unit_of_work()
        stale = slow.dossiers.get(dossier_id)
        services.transfer(dossier_id, by=desk, at=at(7, 9, 1))
        late = workflow.transfer(stale, by=desk, at=at(7, 9, 2))
        slow.dossiers.save(late.dossier, late.events)
        try:
            slow.commit()
        except ConcurrencyError as exc:
            print("conflict:", exc)

        services.receive_transfer(dossier_id, by=officer, at=at(7, 10), retries=2)
        services.approve(dossier_id, by=chair, at=at(10, 9), e_result=True)
        services.return_result(dossier_id, by=desk, at=at(10, 10))

        dossier = store.get(dossier_id)
        print("stored:", dossier.status, "version", dossier.version, "outcome", dossier.outcome)
        print("audit chain intact:", store.verify(dossier_id) == [])
        print("found by applicant:", [r.code for r in store.by_applicant("056090001234").items])

        # The Portal connector: send every pending message in order, then acknowledge it.
        while batch := store.pending(limit=100):
            for message in batch:
                print("to portal:", json.dumps(portal_payload(message)))
            store.acknowledge(m.position for m in batch)
        store.close()


if __name__ == "__main__":
    main()
