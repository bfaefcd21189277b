"""Persist dossiers in SQLite, survive a conflict, and ship the outbox to a portal connector.

Runs against a SQLite file in a temporary folder. It uses the small fake aggregate of
``adminflow.testing`` so that it shows the store alone; with ``adminflow.dossiers`` the same
calls take the real ``Dossier`` and ``Workflow`` (``connect(url)`` needs no codec then).
"""

import datetime as dt
import json
import tempfile
from pathlib import Path

from adminflow.errors import ConcurrencyError
from adminflow.services import Services
from adminflow.store import connect
from adminflow.testing import FakeCodec, fake_finish, fake_move, fake_open

VN = dt.timezone(dt.timedelta(hours=7))

#: Status codes of the National Public Service Portal's synchronisation (TrangThaiHoSo).
#: De-facto catalogue, consistent across integrations; the official specification is not public.
PORTAL_STATUS = {"received": 2, "in_processing": 4, "checked": 4, "done": 9}


def portal_payload(message) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The status update a connector would send to the portal for one outbox message."""
    return {
        "MaHoSo": message.code,
        "TrangThai": PORTAL_STATUS.get(message.status, 4),
        "ThoiGian": message.at.astimezone(VN).strftime("%Y%m%d%H%M%S"),
        "PhienBan": message.version,
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'dossiers.db'}"
        store = connect(url, codec=FakeCodec(), applicant_key=b"keep-this-key-out-of-the-db")
        services = Services(store)
        at = dt.datetime(2025, 7, 7, 8, 30, tzinfo=VN)

        # File a dossier (idempotent: a retried HTTP request with the same key changes nothing).
        code, applicant = "H41.05-250707-0001", "079123456789"
        for _ in range(2):
            result = services.create(
                lambda: fake_open("HS-1", at=at, code=code, applicant=applicant),
                idempotency_key="form-submission-1",
            )
        print("filed:", result.dossier.code, "replayed:", result.replayed)

        # Two clerks act on the same version; the second loses and retries on fresh state.
        mine = store.unit_of_work()
        stale = mine.dossiers.get("HS-1")
        services.run("HS-1", lambda d: fake_move(d, "in_processing", at=at))
        mine.dossiers.save(*fake_move(stale, "in_processing", at=at))
        try:
            mine.commit()
        except ConcurrencyError as exc:
            print("conflict:", exc)
            services.run("HS-1", lambda d: fake_finish(d, at=at + dt.timedelta(days=2)))

        print("status:", store.get("HS-1").status, "version:", store.get("HS-1").version)
        print("audit chain intact:", store.verify("HS-1") == [])
        print("by applicant:", [row.code for row in store.by_applicant("079123456789").items])

        # The portal connector: ship every pending message in order, then acknowledge it.
        while batch := store.pending(limit=100):
            for message in batch:
                print("to portal:", json.dumps(portal_payload(message)))
            store.acknowledge(m.position for m in batch)
        store.close()


if __name__ == "__main__":
    main()
