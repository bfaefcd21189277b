"""A tiny event-sourced aggregate and its codec, for testing stores without the real workflow.

``FakeDossier`` has every snapshot column a store keeps; its commands return
``(new_dossier, [events])`` and never change their input, like ``adminflow.dossiers.Workflow``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from adminflow.errors import InvalidValueError

__all__ = [
    "FakeCodec",
    "FakeDossier",
    "FakeEvent",
    "FakeRow",
    "fake_finish",
    "fake_move",
    "fake_open",
]


@attrs.frozen(slots=True, kw_only=True)
class FakeRow:
    """A snapshot row with the columns of ``adminflow.dossiers.DossierRow``."""

    id: str
    version: int
    code: str
    procedure_code: str
    procedure_field: str
    rule_set: str
    province_code: str
    unit_code: str
    receiving_unit_code: str
    authority_id: str | None
    channel: str
    status: str
    submitted_at: dt.datetime | None
    received_at: dt.datetime | None
    due_at: dt.datetime | None
    original_due_at: dt.datetime | None
    finished_at: dt.datetime | None
    returned_at: dt.datetime | None
    outcome: str | None
    supplement_requests_reception: int
    supplement_requests_processing: int
    supplement_seconds: int
    pending_supplement_since: dt.datetime | None
    fee_payable: bool
    paid_online: bool
    paper_result: bool
    e_result: bool
    digitised: bool
    reused_data: bool
    digitally_signed: bool
    full_online: bool
    satisfied_receiving: bool | None
    satisfied_resolving: bool | None


@attrs.frozen(slots=True)
class FakeEvent:
    """One fake event: ``type`` is ``Opened``, ``Moved`` or ``Finished``; ``data`` its fields."""

    dossier_id: str
    version: int
    at: dt.datetime
    type: str
    data: tuple[tuple[str, str | None], ...] = ()

    def get(self, key: str) -> str | None:
        """A field of ``data``."""
        return dict(self.data).get(key)


@attrs.frozen(slots=True)
class Applicant:
    """The applicant of a fake dossier (only the identification number)."""

    id_number: str


@attrs.frozen(slots=True)
class FakeDossier:
    """A fake dossier: a code, a unit, a status, a due instant, and how many moves it made."""

    id: str
    version: int
    code: str
    unit_code: str
    status: str
    received_at: dt.datetime
    due_at: dt.datetime
    finished_at: dt.datetime | None = None
    moves: int = 0
    applicant: Applicant | None = None

    def row(self) -> FakeRow:
        """The snapshot row."""
        return FakeRow(
            id=self.id,
            version=self.version,
            code=self.code,
            procedure_code="1.000001",
            procedure_field="fake",
            rule_set="118/2025",
            province_code=self.unit_code[:2],
            unit_code=self.unit_code,
            receiving_unit_code=self.unit_code,
            authority_id=None,
            channel="online",
            status=self.status,
            submitted_at=self.received_at,
            received_at=self.received_at,
            due_at=self.due_at,
            original_due_at=self.due_at,
            finished_at=self.finished_at,
            returned_at=None,
            outcome=None if self.finished_at is None else "on_time",
            supplement_requests_reception=0,
            supplement_requests_processing=self.moves,
            supplement_seconds=self.moves * 60,
            pending_supplement_since=None,
            fee_payable=self.moves % 2 == 1,
            paid_online=False,
            paper_result=True,
            e_result=self.finished_at is not None,
            digitised=True,
            reused_data=False,
            digitally_signed=False,
            full_online=False,
            satisfied_receiving=None,
            satisfied_resolving=True if self.finished_at is not None else None,
        )

    def apply(self, event: FakeEvent) -> FakeDossier:
        """The dossier after ``event``."""
        if event.version != self.version + 1:
            raise InvalidValueError("event.version", event.version, f"expected {self.version + 1}")
        if event.type == "Moved":
            return attrs.evolve(
                self, version=event.version, status=event.get("status") or "", moves=self.moves + 1
            )
        if event.type == "Finished":
            return attrs.evolve(self, version=event.version, status="done", finished_at=event.at)
        raise InvalidValueError("event.type", event.type, "unknown fake event")


def fake_open(
    dossier_id: str,
    *,
    at: dt.datetime,
    code: str | None = None,
    unit_code: str = "01001",
    due_at: dt.datetime | None = None,
    applicant: str | None = None,
) -> tuple[FakeDossier, list[FakeEvent]]:
    """A new fake dossier received at ``at``, due 3 days later unless ``due_at`` is given."""
    due = due_at if due_at is not None else at + dt.timedelta(days=3)
    data = (
        ("code", code or f"C-{dossier_id}"),
        ("unit_code", unit_code),
        ("due_at", due.isoformat()),
        ("applicant", applicant),
    )
    event = FakeEvent(dossier_id, 1, at, "Opened", data)
    return _replay([event]), [event]


def fake_move(
    dossier: FakeDossier, status: str, *, at: dt.datetime
) -> tuple[FakeDossier, list[FakeEvent]]:
    """Move the dossier to ``status`` (one event)."""
    event = FakeEvent(dossier.id, dossier.version + 1, at, "Moved", (("status", status),))
    return dossier.apply(event), [event]


def fake_finish(dossier: FakeDossier, *, at: dt.datetime) -> tuple[FakeDossier, list[FakeEvent]]:
    """Move to ``checked`` then finish (two events in one command)."""
    first = FakeEvent(dossier.id, dossier.version + 1, at, "Moved", (("status", "checked"),))
    second = FakeEvent(dossier.id, dossier.version + 2, at, "Finished")
    return dossier.apply(first).apply(second), [first, second]


def _replay(events: Sequence[FakeEvent]) -> FakeDossier:
    if not events or events[0].type != "Opened" or events[0].version != 1:
        raise InvalidValueError("events", list(events), "must start with Opened at version 1")
    first = events[0]
    applicant = first.get("applicant")
    dossier = FakeDossier(
        id=first.dossier_id,
        version=1,
        code=first.get("code") or "",
        unit_code=first.get("unit_code") or "",
        status="received",
        received_at=first.at,
        due_at=dt.datetime.fromisoformat(first.get("due_at") or ""),
        applicant=Applicant(applicant) if applicant else None,
    )
    for event in events[1:]:
        dossier = dossier.apply(event)
    return dossier


class FakeCodec:
    """The :class:`adminflow.store.EventCodec` of :class:`FakeDossier`."""

    def to_dict(self, event: Any) -> dict[str, Any]:
        """The event as a JSON-able dict."""
        return {
            "type": event.type,
            "dossier_id": event.dossier_id,
            "version": event.version,
            "at": event.at.isoformat(),
            "data": [list(pair) for pair in event.data],
        }

    def from_dict(self, data: Mapping[str, Any]) -> FakeEvent:
        """The event back."""
        try:
            return FakeEvent(
                data["dossier_id"],
                data["version"],
                dt.datetime.fromisoformat(data["at"]),
                data["type"],
                tuple((k, v) for k, v in data["data"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidValueError("event", data, f"is not a fake event ({exc})") from None

    def replay(self, events: Sequence[Any]) -> FakeDossier:
        """The dossier rebuilt from its events."""
        return _replay(list(events))

    def make_row(self, columns: Mapping[str, Any]) -> FakeRow:
        """A row from its column values."""
        return FakeRow(**columns)

    def applicant_id(self, dossier: Any) -> str | None:
        """The applicant's number."""
        applicant = getattr(dossier, "applicant", None)
        return None if applicant is None else str(applicant.id_number)
