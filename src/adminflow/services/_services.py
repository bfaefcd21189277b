"""Each workflow command as a use case: load, fire, append the events, commit, in one unit of work.

The workflow checks the actor's permission and the law when it fires.

* **Idempotency.** A command may carry an ``idempotency_key``. The store remembers the key with
  the events the command appended, in the same transaction. Repeating the command with the same
  key returns the first result (``replayed=True``) and changes nothing, even when the repeat
  races the first attempt.
* **Conflicts.** When another writer changed the dossier between load and commit, the commit
  raises :class:`~adminflow.errors.ConcurrencyError` and writes nothing. The caller may simply
  call again: every call loads fresh state. ``retries=n`` does that n times inside the service.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

from adminflow.errors import ConcurrencyError, InvalidValueError

if TYPE_CHECKING:
    from adminflow.dossiers import Workflow
from adminflow.store._ports import CommandRecord, Store

__all__ = ["CommandResult", "Services"]

#: The workflow commands that act on an existing dossier (``Workflow.<name>(dossier, ...)``).
DOSSIER_COMMANDS: tuple[str, ...] = (
    "receive",
    "refuse_receipt",
    "request_supplement",
    "supplement",
    "transfer",
    "receive_transfer",
    "forward_step",
    "complete_step",
    "request_payment",
    "pay",
    "extend",
    "refuse",
    "approve",
    "return_result",
    "stop",
    "close_unsupplemented",
    "correct",
)


@attrs.frozen(slots=True)
class CommandResult:
    """What a command did.

    Attributes:
        dossier: The dossier after the command.
        events: The events the command appended, in order.
        replayed: ``True`` when this is the stored result of an earlier call with the same
            idempotency key (nothing was changed by this call).
    """

    dossier: Any
    events: tuple[Any, ...]
    replayed: bool = False


def _unpack(result: Any) -> tuple[Any, list[Any]]:
    """``(dossier, events)`` from a workflow result: a pair or an object with both attributes."""
    if isinstance(result, tuple) and len(result) == 2:
        dossier, events = result
    elif hasattr(result, "dossier") and hasattr(result, "events"):
        dossier, events = result.dossier, result.events
    else:
        raise InvalidValueError("command result", result, "must be (dossier, events)")
    return dossier, list(events)


class Services:
    """The application's use cases over one store and one workflow.

    Args:
        store: Where dossiers live (:func:`adminflow.store.connect` or
            :class:`~adminflow.store.InMemoryStore`).
        workflow: The ``adminflow.dossiers.Workflow`` (or anything with the same commands).

    Every command method takes the dossier id, ``by=`` (the actor) and ``at=`` (the instant),
    the command's own details as keywords, and optionally ``idempotency_key=`` and
    ``retries=``. It returns a :class:`CommandResult`.
    """

    def __init__(self, store: Store, workflow: Workflow | None = None) -> None:
        self.store = store
        self.workflow = workflow

    def run(
        self,
        dossier_id: str,
        command: Callable[[Any], Any],
        *,
        idempotency_key: str | None = None,
        retries: int = 0,
    ) -> CommandResult:
        """Run ``command(dossier)`` on the stored dossier in one unit of work.

        Args:
            dossier_id: The dossier to change.
            command: Takes the current dossier, returns ``(new_dossier, events)``; it must not
                change its argument. It runs again with fresh state on each retry.
            idempotency_key: Makes a repeat of this call return the first result.
            retries: How many times to reload and retry after a lost race.

        Raises:
            NotFoundError: No such dossier.
            ConcurrencyError: Still losing the race after ``retries`` retries.
            InvalidValueError: The key was used for another dossier.
        """
        return self._run(dossier_id, command, idempotency_key, retries)

    def create(
        self, command: Callable[[], Any], *, idempotency_key: str | None = None
    ) -> CommandResult:
        """Run a command that creates a dossier (its events start at version 1)."""
        return self._run(None, lambda _: command(), idempotency_key, 0)

    def submit(
        self, *, by: Any, at: Any, idempotency_key: str | None = None, **details: Any
    ) -> CommandResult:
        """``workflow.submit(by=, at=, **details)``: file a new dossier."""
        workflow = self._workflow()
        return self.create(
            lambda: workflow.submit(by=by, at=at, **details), idempotency_key=idempotency_key
        )

    def execute(
        self,
        action: str,
        dossier_id: str,
        *,
        by: Any,
        at: Any,
        idempotency_key: str | None = None,
        retries: int = 0,
        **details: Any,
    ) -> CommandResult:
        """``workflow.<action>(dossier, by=, at=, **details)`` as a use case.

        Raises:
            InvalidValueError: ``action`` is not a workflow command.
        """
        if action not in DOSSIER_COMMANDS:
            raise InvalidValueError(
                "action", action, f"must be one of {', '.join(DOSSIER_COMMANDS)}"
            )
        method = getattr(self._workflow(), action)
        return self._run(
            dossier_id,
            lambda dossier: method(dossier, by=by, at=at, **details),
            idempotency_key,
            retries,
        )

    def receive(
        self,
        dossier_id: str,
        /,
        *,
        by: Any,
        at: dt.datetime,
        idempotency_key: str | None = None,
        retries: int = 0,
        **details: Any,
    ) -> CommandResult:
        """Receive the dossier and issue the receipt slip (tiếp nhận).

        ``Workflow.receive`` as a use case.

        ``details`` are the command's own keywords (see ``Workflow.receive``).
        """
        return self.execute(
            "receive",
            dossier_id,
            by=by,
            at=at,
            idempotency_key=idempotency_key,
            retries=retries,
            **details,
        )

    def refuse_receipt(
        self,
        dossier_id: str,
        /,
        *,
        by: Any,
        at: dt.datetime,
        idempotency_key: str | None = None,
        retries: int = 0,
        **details: Any,
    ) -> CommandResult:
        """Refuse to receive it (từ chối tiếp nhận): ``Workflow.refuse_receipt`` as a use case.

        ``details`` are the command's own keywords (see ``Workflow.refuse_receipt``).
        """
        return self.execute(
            "refuse_receipt",
            dossier_id,
            by=by,
            at=at,
            idempotency_key=idempotency_key,
            retries=retries,
            **details,
        )

    def request_supplement(
        self,
        dossier_id: str,
        /,
        *,
        by: Any,
        at: dt.datetime,
        idempotency_key: str | None = None,
        retries: int = 0,
        **details: Any,
    ) -> CommandResult:
        """Ask the applicant to supplement it (yêu cầu bổ sung).

        ``Workflow.request_supplement`` as a use case.

        ``details`` are the command's own keywords (see ``Workflow.request_supplement``).
        """
        return self.execute(
            "request_supplement",
            dossier_id,
            by=by,
            at=at,
            idempotency_key=idempotency_key,
            retries=retries,
            **details,
        )

    def supplement(
        self,
        dossier_id: str,
        /,
        *,
        by: Any,
        at: dt.datetime,
        idempotency_key: str | None = None,
        retries: int = 0,
        **details: Any,
    ) -> CommandResult:
        """Record the applicant's supplement (bổ sung hồ sơ): ``Workflow.supplement`` as a use case.

        ``details`` are the command's own keywords (see ``Workflow.supplement``).
        """
        return self.execute(
            "supplement",
            dossier_id,
            by=by,
            at=at,
            idempotency_key=idempotency_key,
            retries=retries,
            **details,
        )

    def transfer(
        self,
        dossier_id: str,
        /,
        *,
        by: Any,
        at: dt.datetime,
        idempotency_key: str | None = None,
        retries: int = 0,
        **details: Any,
    ) -> CommandResult:
        """Transfer it to the competent body (chuyển hồ sơ): ``Workflow.transfer`` as a use case.

        ``details`` are the command's own keywords (see ``Workflow.transfer``).
        """
        return self.execute(
            "transfer",
            dossier_id,
            by=by,
            at=at,
            idempotency_key=idempotency_key,
            retries=retries,
            **details,
        )

    def receive_transfer(
        self,
        dossier_id: str,
        /,
        *,
        by: Any,
        at: dt.datetime,
        idempotency_key: str | None = None,
        retries: int = 0,
        **details: Any,
    ) -> CommandResult:
        """Receive a transferred dossier at the competent body.

        ``Workflow.receive_transfer`` as a use case.

        ``details`` are the command's own keywords (see ``Workflow.receive_transfer``).
        """
        return self.execute(
            "receive_transfer",
            dossier_id,
            by=by,
            at=at,
            idempotency_key=idempotency_key,
            retries=retries,
            **details,
        )

    def forward_step(
        self,
        dossier_id: str,
        /,
        *,
        by: Any,
        at: dt.datetime,
        idempotency_key: str | None = None,
        retries: int = 0,
        **details: Any,
    ) -> CommandResult:
        """Forward it to an internal or inter-agency step: ``Workflow.forward_step`` as a use case.

        ``details`` are the command's own keywords (see ``Workflow.forward_step``).
        """
        return self.execute(
            "forward_step",
            dossier_id,
            by=by,
            at=at,
            idempotency_key=idempotency_key,
            retries=retries,
            **details,
        )

    def complete_step(
        self,
        dossier_id: str,
        /,
        *,
        by: Any,
        at: dt.datetime,
        idempotency_key: str | None = None,
        retries: int = 0,
        **details: Any,
    ) -> CommandResult:
        """Complete the current step: ``Workflow.complete_step`` as a use case.

        ``details`` are the command's own keywords (see ``Workflow.complete_step``).
        """
        return self.execute(
            "complete_step",
            dossier_id,
            by=by,
            at=at,
            idempotency_key=idempotency_key,
            retries=retries,
            **details,
        )

    def request_payment(
        self,
        dossier_id: str,
        /,
        *,
        by: Any,
        at: dt.datetime,
        idempotency_key: str | None = None,
        retries: int = 0,
        **details: Any,
    ) -> CommandResult:
        """Ask for the financial obligation (nghĩa vụ tài chính).

        ``Workflow.request_payment`` as a use case.

        ``details`` are the command's own keywords (see ``Workflow.request_payment``).
        """
        return self.execute(
            "request_payment",
            dossier_id,
            by=by,
            at=at,
            idempotency_key=idempotency_key,
            retries=retries,
            **details,
        )

    def pay(
        self,
        dossier_id: str,
        /,
        *,
        by: Any,
        at: dt.datetime,
        idempotency_key: str | None = None,
        retries: int = 0,
        **details: Any,
    ) -> CommandResult:
        """Record the payment: ``Workflow.pay`` as a use case.

        ``details`` are the command's own keywords (see ``Workflow.pay``).
        """
        return self.execute(
            "pay",
            dossier_id,
            by=by,
            at=at,
            idempotency_key=idempotency_key,
            retries=retries,
            **details,
        )

    def extend(
        self,
        dossier_id: str,
        /,
        *,
        by: Any,
        at: dt.datetime,
        idempotency_key: str | None = None,
        retries: int = 0,
        **details: Any,
    ) -> CommandResult:
        """Extend the appointment once, with an apology slip (gia hạn).

        ``Workflow.extend`` as a use case.

        ``details`` are the command's own keywords (see ``Workflow.extend``).
        """
        return self.execute(
            "extend",
            dossier_id,
            by=by,
            at=at,
            idempotency_key=idempotency_key,
            retries=retries,
            **details,
        )

    def refuse(
        self,
        dossier_id: str,
        /,
        *,
        by: Any,
        at: dt.datetime,
        idempotency_key: str | None = None,
        retries: int = 0,
        **details: Any,
    ) -> CommandResult:
        """Refuse after appraisal, with written reasons (từ chối giải quyết).

        ``Workflow.refuse`` as a use case.

        ``details`` are the command's own keywords (see ``Workflow.refuse``).
        """
        return self.execute(
            "refuse",
            dossier_id,
            by=by,
            at=at,
            idempotency_key=idempotency_key,
            retries=retries,
            **details,
        )

    def approve(
        self,
        dossier_id: str,
        /,
        *,
        by: Any,
        at: dt.datetime,
        idempotency_key: str | None = None,
        retries: int = 0,
        **details: Any,
    ) -> CommandResult:
        """Approve and sign the result (phê duyệt): ``Workflow.approve`` as a use case.

        ``details`` are the command's own keywords (see ``Workflow.approve``).
        """
        return self.execute(
            "approve",
            dossier_id,
            by=by,
            at=at,
            idempotency_key=idempotency_key,
            retries=retries,
            **details,
        )

    def return_result(
        self,
        dossier_id: str,
        /,
        *,
        by: Any,
        at: dt.datetime,
        idempotency_key: str | None = None,
        retries: int = 0,
        **details: Any,
    ) -> CommandResult:
        """Return the result (trả kết quả): ``Workflow.return_result`` as a use case.

        ``details`` are the command's own keywords (see ``Workflow.return_result``).
        """
        return self.execute(
            "return_result",
            dossier_id,
            by=by,
            at=at,
            idempotency_key=idempotency_key,
            retries=retries,
            **details,
        )

    def stop(
        self,
        dossier_id: str,
        /,
        *,
        by: Any,
        at: dt.datetime,
        idempotency_key: str | None = None,
        retries: int = 0,
        **details: Any,
    ) -> CommandResult:
        """Stop at the applicant's request (dừng xử lý): ``Workflow.stop`` as a use case.

        ``details`` are the command's own keywords (see ``Workflow.stop``).
        """
        return self.execute(
            "stop",
            dossier_id,
            by=by,
            at=at,
            idempotency_key=idempotency_key,
            retries=retries,
            **details,
        )

    def close_unsupplemented(
        self,
        dossier_id: str,
        /,
        *,
        by: Any,
        at: dt.datetime,
        idempotency_key: str | None = None,
        retries: int = 0,
        **details: Any,
    ) -> CommandResult:
        """Close after 15 days without supplement: ``Workflow.close_unsupplemented`` as a use case.

        ``details`` are the command's own keywords (see ``Workflow.close_unsupplemented``).
        """
        return self.execute(
            "close_unsupplemented",
            dossier_id,
            by=by,
            at=at,
            idempotency_key=idempotency_key,
            retries=retries,
            **details,
        )

    def correct(
        self,
        dossier_id: str,
        /,
        *,
        by: Any,
        at: dt.datetime,
        idempotency_key: str | None = None,
        retries: int = 0,
        **details: Any,
    ) -> CommandResult:
        """Open a correction of an erroneous result (đính chính).

        ``Workflow.correct`` as a use case.

        ``details`` are the command's own keywords (see ``Workflow.correct``).
        """
        return self.execute(
            "correct",
            dossier_id,
            by=by,
            at=at,
            idempotency_key=idempotency_key,
            retries=retries,
            **details,
        )

    # -- internals ----------------------------------------------------------------------------
    def _workflow(self) -> Any:
        if self.workflow is None:
            raise InvalidValueError("workflow", None, "these Services were built without one")
        return self.workflow

    def _first_result(self, record: CommandRecord, dossier_id: str | None) -> CommandResult:
        if dossier_id is not None and record.dossier_id != dossier_id:
            raise InvalidValueError(
                "idempotency_key",
                record.key,
                f"was used for dossier {record.dossier_id!r}, not {dossier_id!r}",
            )
        history = self.store.history(record.dossier_id, up_to=record.last_version)
        dossier = self.store.get(record.dossier_id, version=record.last_version)
        events = tuple(history[record.first_version - 1 : record.last_version])
        return CommandResult(dossier, events, replayed=True)

    def _run(
        self,
        dossier_id: str | None,
        command: Callable[[Any], Any],
        key: str | None,
        retries: int,
    ) -> CommandResult:
        if not callable(command):
            raise InvalidValueError("command", type(command).__name__, "must be callable")
        if isinstance(retries, bool) or not isinstance(retries, int) or not 0 <= retries <= 100:
            raise InvalidValueError("retries", retries, "must be an int from 0 to 100")
        if key is not None:
            if not isinstance(key, str) or not key or len(key) > 200:
                raise InvalidValueError("idempotency_key", key, "must be a string of 1-200 chars")
            record = self.store.command(key)
            if record is not None:
                return self._first_result(record, dossier_id)
        attempt = 0
        while True:
            try:
                return self._attempt(dossier_id, command, key)
            except ConcurrencyError:
                if key is not None:
                    record = self.store.command(key)
                    if record is not None:  # our own repeat won the race
                        return self._first_result(record, dossier_id)
                if attempt >= retries:
                    raise
                attempt += 1

    def _attempt(
        self, dossier_id: str | None, command: Callable[[Any], Any], key: str | None
    ) -> CommandResult:
        with self.store.unit_of_work() as uow:
            dossier = None if dossier_id is None else uow.dossiers.get(dossier_id)
            new, events = _unpack(command(dossier))
            if not events:
                return CommandResult(new, ())
            uow.dossiers.save(new, events, idempotency_key=key)
            uow.commit()
        return CommandResult(new, tuple(events))
