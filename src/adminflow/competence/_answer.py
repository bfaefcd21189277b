"""The answer to "who decides?": a :class:`Competence` and the chain of rules behind it."""

from __future__ import annotations

import datetime as dt

import attrs

from adminflow.competence._directory import AnyAuthority
from adminflow.competence._model import (
    Assignment,
    Authorization,
    Decentralization,
    Grant,
    LegalReference,
)
from adminflow.jurisdictions import Level

__all__ = ["Competence"]


@attrs.frozen
class Competence:
    """The answer to "who decides?" (cơ quan có thẩm quyền giải quyết) for one dossier.

    Attributes:
        procedure_code: The procedure.
        unit_code: The administrative unit the dossier belongs to.
        on: The day the answer holds for (the dossier's receipt date).
        deciding: The body competent to decide, in its own name.
        acting: The body that acts: ``deciding`` itself, or the grantee of an authorization
            (acting on behalf of ``deciding``, which stays accountable).
        level: The level of the deciding seat.
        chain: The rules applied, in order: an assignment, decentralizations, an authorization.
    """

    procedure_code: str
    unit_code: str
    on: dt.date
    deciding: AnyAuthority
    acting: AnyAuthority
    level: Level
    chain: tuple[Grant, ...] = ()

    @property
    def authorization(self) -> Authorization | None:
        """The authorization applied, if any."""
        last = self.chain[-1] if self.chain else None
        return last if isinstance(last, Authorization) else None

    @property
    def references(self) -> tuple[LegalReference, ...]:
        """The legal references of the chain, in order."""
        return tuple(grant.reference for grant in self.chain)

    def explain(self) -> str:
        """The answer in words, one line per step."""
        lines = [f"{self.procedure_code} in {self.unit_code} on {self.on.isoformat()}:"]
        for grant in self.chain:
            lines.append(f"  {_describe(grant)} ({grant.reference})")
        lines.append(f"  decides: {self.deciding.name} [{self.level}]")
        if self.acting != self.deciding:
            lines.append(f"  acts on its behalf: {self.acting.name}")
        return "\n".join(lines)


def _describe(grant: Grant) -> str:
    if isinstance(grant, Assignment):
        return f"assigned by law to {grant.holder}"
    if isinstance(grant, Decentralization):
        return f"decentralized from {grant.grantor} to {grant.grantee}"
    assert isinstance(grant, Authorization)
    return f"authorized by {grant.grantor} to {grant.grantee}"
