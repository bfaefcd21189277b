"""The codec of ``adminflow.dossiers``: how the stores write its events and rebuild its dossiers."""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import Any

from adminflow.errors import ConfigurationError, InvalidValueError

__all__ = ["DossierCodec"]


class DossierCodec:
    """Events through ``event_to_dict``/``event_from_dict``, dossiers through ``replay``.

    The applicant's number is read from ``dossier.applicant.id_number`` when the dossier has one.
    """

    def __init__(self) -> None:
        self._module: Any = None

    def _dossiers(self) -> Any:
        if self._module is None:
            try:
                self._module = importlib.import_module("adminflow.dossiers")
            except ImportError as exc:  # pragma: no cover - only before adminflow.dossiers exists
                raise ConfigurationError(
                    f"the default codec needs adminflow.dossiers ({exc}); pass codec="
                ) from None
        return self._module

    def to_dict(self, event: Any) -> dict[str, Any]:
        """``adminflow.dossiers.event_to_dict(event)``."""
        result: dict[str, Any] = self._dossiers().event_to_dict(event)
        return result

    def typed_json(self, event: Any) -> tuple[str, str]:
        """``(type name, adminflow.dossiers.event_to_json(event))``: what the store writes.

        Equal to ``to_dict(event)["type"]`` and its compact JSON, about twice as fast; the
        stores use it when a codec has it (bulk import).
        """
        text: str = self._dossiers().event_to_json(event)
        return type(event).__name__, text

    def from_dict(self, data: Mapping[str, Any]) -> Any:
        """``adminflow.dossiers.event_from_dict(data)``."""
        if not isinstance(data, Mapping):
            raise InvalidValueError("data", data, "must be a mapping (an event as a dict)")
        return self._dossiers().event_from_dict(dict(data))

    def replay(self, events: Sequence[Any]) -> Any:
        """``adminflow.dossiers.replay(events)``."""
        return self._dossiers().replay(events)

    def make_row(self, columns: Mapping[str, Any]) -> Any:
        """``adminflow.dossiers.DossierRow(**columns)``."""
        if not isinstance(columns, Mapping) or not all(isinstance(k, str) for k in columns):
            raise InvalidValueError("columns", columns, "must be a mapping of column names")
        try:
            return self._dossiers().DossierRow(**columns)
        except TypeError as exc:  # a missing or unknown column
            raise InvalidValueError("columns", sorted(columns), str(exc)) from None

    def applicant_id(self, dossier: Any) -> str | None:
        """The applicant's identification number or tax code, if the dossier has one."""
        applicant = getattr(dossier, "applicant", None)
        for name in ("id_number", "identifier", "number", "tax_code"):
            value = getattr(applicant, name, None)
            if isinstance(value, str) and value:
                return value
        return None
