"""The base class of dossier events (its subclasses are in the events module)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs

from adminflow.dossiers._parties import Actor, check_instant
from adminflow.dossiers._status import DossierStatus
from adminflow.errors import InvalidValueError

__all__ = ["DossierEvent"]


@attrs.frozen(slots=True, kw_only=True)
class DossierEvent:
    """Base class of dossier events.

    Attributes:
        dossier_id: The dossier.
        version: The dossier's version after this event (1 for the first).
        at: When it happened (aware).
        actor: Who did it.
        status: The status it led to.
        reason: Why, in words, if any.
        legal_basis: The articles it rests on.
    """

    resets_clock: ClassVar[bool] = False

    dossier_id: str
    version: int
    at: dt.datetime
    actor: Actor
    status: DossierStatus
    reason: str | None = None
    legal_basis: str | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.dossier_id, str) or not self.dossier_id:
            raise InvalidValueError("dossier_id", self.dossier_id, "must be a non-empty string")
        if type(self.version) is not int or self.version < 1:
            raise InvalidValueError("version", self.version, "must be an integer >= 1")
        check_instant("at", self.at)
        if not isinstance(self.actor, Actor):
            raise InvalidValueError("actor", type(self.actor).__name__, "must be an Actor")
        if not isinstance(self.status, DossierStatus):
            raise InvalidValueError("status", self.status, "must be a DossierStatus")
