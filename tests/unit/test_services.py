"""Use cases: one unit of work per command, idempotency keys, conflicts and retries."""

import datetime as dt
from typing import Any

import pytest

from adminflow.errors import ConcurrencyError, InvalidValueError, PermissionDeniedError
from adminflow.services import Services
from adminflow.store import InMemoryStore
from adminflow.testing import FakeCodec, FakeDossier, FakeEvent, fake_finish, fake_move, fake_open

T0 = dt.datetime(2025, 7, 7, 8, 0, tzinfo=dt.UTC)


class FakeWorkflow:
    """Commands with the workflow's calling convention over the fake aggregate."""

    def submit(self, *, by: str, at: dt.datetime, dossier_id: str) -> Any:
        return fake_open(dossier_id, at=at)

    def receive(self, dossier: FakeDossier, *, by: str, at: dt.datetime) -> Any:
        return fake_move(dossier, "in_processing", at=at)

    def approve(self, dossier: FakeDossier, *, by: str, at: dt.datetime) -> Any:
        if by != "leader":
            raise PermissionDeniedError(by, "approve", "only the signing leader approves")
        return fake_finish(dossier, at=at)


@pytest.fixture
def services() -> Services:
    services = Services(InMemoryStore(codec=FakeCodec()), FakeWorkflow())
    services.submit(by="clerk", at=T0, dossier_id="d1")
    return services


class TestCommands:
    def test_command_runs_in_one_unit_of_work(self, services: Services) -> None:
        """A command loads the dossier, fires, and commits its events and outbox messages."""
        result = services.receive("d1", by="clerk", at=T0)

        assert result.dossier.status == "in_processing"
        assert [e.version for e in result.events] == [2]
        assert services.store.get("d1") == result.dossier
        assert [m.version for m in services.store.pending()] == [1, 2]

    def test_refused_command_changes_nothing(self, services: Services) -> None:
        """A command refused by the workflow leaves the store untouched."""
        with pytest.raises(PermissionDeniedError):
            services.approve("d1", by="clerk", at=T0)

        assert len(services.store.history("d1")) == 1
        assert len(services.store.pending()) == 1

    def test_unknown_action_is_refused(self, services: Services) -> None:
        """An action that is not a workflow command raises InvalidValueError."""
        with pytest.raises(InvalidValueError):
            services.execute("delete_everything", "d1", by="clerk", at=T0)


class TestIdempotency:
    def test_repeat_returns_the_first_result_and_changes_nothing(self, services: Services) -> None:
        """The same key twice gives the first result, marked replayed, and no new event."""
        first = services.approve("d1", by="leader", at=T0, idempotency_key="sign-1")
        again = services.approve("d1", by="leader", at=T0, idempotency_key="sign-1")

        assert not first.replayed
        assert again.replayed
        assert (again.dossier, again.events) == (first.dossier, first.events)
        assert len(services.store.history("d1")) == 3
        assert len(services.store.pending()) == 3

    def test_repeat_of_a_creation(self) -> None:
        """Submitting twice with one key creates one dossier."""
        services = Services(InMemoryStore(codec=FakeCodec()), FakeWorkflow())

        first = services.submit(by="a", at=T0, dossier_id="n1", idempotency_key="form-77")
        again = services.submit(by="a", at=T0, dossier_id="n1", idempotency_key="form-77")

        assert again.replayed
        assert again.dossier == first.dossier
        assert services.store.dossier_ids() == ["n1"]

    def test_key_of_another_dossier_is_refused(self, services: Services) -> None:
        """Reusing a key on a different dossier is a caller error, not a silent replay."""
        services.submit(by="clerk", at=T0, dossier_id="d2")
        services.receive("d1", by="clerk", at=T0, idempotency_key="k")

        with pytest.raises(InvalidValueError):
            services.receive("d2", by="clerk", at=T0, idempotency_key="k")

    def test_repeat_racing_the_first_call_returns_its_result(self, services: Services) -> None:
        """When the first call commits while the repeat runs, the repeat returns the first."""
        store = services.store

        def racing(dossier: FakeDossier) -> Any:
            with store.unit_of_work() as uow:  # the "first" call, committing meanwhile
                uow.dossiers.save(*fake_move(dossier, "won", at=T0), idempotency_key="k")
                uow.commit()
            return fake_move(dossier, "lost", at=T0)

        result = services.run("d1", racing, idempotency_key="k")

        assert result.replayed
        assert result.dossier.status == "won"
        assert len(store.history("d1")) == 2


class TestConflicts:
    def _racing(self, services: Services, calls: list[int]) -> Any:
        def command(dossier: FakeDossier) -> Any:
            calls.append(dossier.version)
            if len(calls) == 1:  # another clerk commits between our load and our commit
                with services.store.unit_of_work() as uow:
                    uow.dossiers.save(*fake_move(dossier, "other", at=T0))
                    uow.commit()
            return fake_move(dossier, "mine", at=T0)

        return command

    def test_lost_race_raises_and_writes_nothing(self, services: Services) -> None:
        """Without retries the loser gets ConcurrencyError and its events are not written."""
        calls: list[int] = []

        with pytest.raises(ConcurrencyError):
            services.run("d1", self._racing(services, calls))

        assert services.store.get("d1").status == "other"

    def test_retry_reloads_fresh_state(self, services: Services) -> None:
        """With retries=1 the command runs again on the winner's version and commits."""
        calls: list[int] = []

        result = services.run("d1", self._racing(services, calls), retries=1)

        assert calls == [1, 2]
        assert result.dossier.version == 3
        assert [e.get("status") for e in services.store.history("d1")[1:]] == ["other", "mine"]

    def test_bad_retries_and_keys(self, services: Services) -> None:
        """Negative retries and empty keys raise InvalidValueError."""
        with pytest.raises(InvalidValueError):
            services.receive("d1", by="c", at=T0, retries=-1)
        with pytest.raises(InvalidValueError):
            services.receive("d1", by="c", at=T0, idempotency_key="")


def test_fake_event_reads_its_fields() -> None:
    """FakeEvent.get returns a field of its data, or None."""
    event = FakeEvent("d", 1, T0, "Moved", (("status", "x"),))

    assert (event.get("status"), event.get("nope")) == ("x", None)
