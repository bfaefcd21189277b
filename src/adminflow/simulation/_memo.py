"""A competence resolver that remembers its answers, for the many identical questions of a run."""

from __future__ import annotations

import datetime as dt
from typing import Any

from adminflow.competence import CompetenceResolver, CompetenceRules
from adminflow.procedures import Catalog

__all__ = ["MemoResolver"]


class MemoResolver(CompetenceResolver):
    """The competence resolver with its answers remembered (the rules never change in a run).

    The workflow asks who decides and who may receive for every command; a province quarter
    asks the same few hundred questions tens of thousands of times.
    """

    def __init__(self, rules: CompetenceRules, *, catalog: Catalog) -> None:
        super().__init__(rules, catalog=catalog)
        self._resolved: dict[tuple[Any, ...], Any] = {}
        self._receipts: dict[tuple[Any, ...], Any] = {}

    @staticmethod
    def _key(procedure: Any) -> Any:
        if isinstance(procedure, str):
            return procedure
        return (getattr(procedure, "code", None), getattr(procedure, "valid_from", None))

    def resolve(self, procedure: Any, unit: Any, *, at: dt.date | dt.datetime) -> Any:
        if not isinstance(unit, str):
            return super().resolve(procedure, unit, at=at)
        key = (self._key(procedure), unit, at)
        found = self._resolved.get(key)
        if found is None:
            found = self._resolved[key] = super().resolve(procedure, unit, at=at)
        return found

    def can_receive(
        self, procedure: Any, receiving_unit: Any, subject_unit: Any, *, at: dt.date | dt.datetime
    ) -> Any:
        if not isinstance(receiving_unit, str) or not isinstance(subject_unit, str):
            return super().can_receive(procedure, receiving_unit, subject_unit, at=at)
        key = (self._key(procedure), receiving_unit, subject_unit, at)
        found = self._receipts.get(key)
        if found is None:
            found = self._receipts[key] = super().can_receive(
                procedure, receiving_unit, subject_unit, at=at
            )
        return found
