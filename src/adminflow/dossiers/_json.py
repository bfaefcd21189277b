"""The JSON form of dossier events and dossiers (cattrs), for stores and wires.

Private module; the public names are re-exported by :mod:`adminflow.dossiers`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import cattrs

from adminflow.dossiers._event_base import DossierEvent
from adminflow.dossiers._events import EVENT_TYPES
from adminflow.dossiers._model import Dossier
from adminflow.dossiers._parties import Actor, Applicant
from adminflow.errors import AdminflowError, InvalidValueError

__all__ = ["dossier_from_dict", "dossier_to_dict", "event_from_dict", "event_to_dict"]


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter()

    def _structure_instant(value: Any, _: Any) -> dt.datetime:
        if isinstance(value, dt.datetime):
            parsed = value
        elif isinstance(value, str):
            parsed = dt.datetime.fromisoformat(value)
        else:
            raise ValueError(f"not an instant: {value!r}")
        if parsed.tzinfo is None:
            raise ValueError("instant without a time zone")
        return parsed

    def _structure_day(value: Any, _: Any) -> dt.date:
        if isinstance(value, str) and len(value) == 10:
            return dt.date.fromisoformat(value)
        raise ValueError(f"not a day: {value!r}")

    def _structure_text(value: Any, cls: Any) -> str:
        if not isinstance(value, str):
            raise ValueError(f"not a string: {value!r}")
        # StrEnum fields (statuses, roles, channels) dispatch here too: after a JSON round trip
        # their value is a plain str that must become the enum member again.
        return value if cls is str else cls(value)

    def _structure_bool(value: Any, _: Any) -> bool:
        if not isinstance(value, bool):
            raise ValueError(f"not a boolean: {value!r}")
        return value

    def _structure_int(value: Any, _: Any) -> int:
        if type(value) is not int:
            raise ValueError(f"not an integer: {value!r}")
        return value

    conv.register_unstructure_hook(dt.datetime, lambda v: v.isoformat())
    conv.register_unstructure_hook(dt.date, lambda v: v.isoformat())
    conv.register_structure_hook(dt.datetime, _structure_instant)
    conv.register_structure_hook(dt.date, _structure_day)
    conv.register_structure_hook(str, _structure_text)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(int, _structure_int)
    conv.register_unstructure_hook(
        Applicant,
        lambda a: {"kind": a.kind.value, "number": a.number, "name": a.name},
    )
    conv.register_unstructure_hook(
        Actor,
        lambda a: {
            "id": a.id,
            "role": a.role.value,
            "unit_code": a.unit_code,
            "authority_id": a.authority_id,
        },
    )
    return conv


_CONVERTER = _make_converter()


def event_to_dict(event: DossierEvent) -> dict[str, Any]:
    """A JSON-ready dictionary of ``event``, with its class name under ``"type"``.

    Raises:
        InvalidValueError: ``event`` is not a dossier event.
    """
    if not isinstance(event, DossierEvent) or type(event).__name__ not in EVENT_TYPES:
        raise InvalidValueError("event", type(event).__name__, "must be a DossierEvent")
    data: dict[str, Any] = _CONVERTER.unstructure(event)
    return {"type": type(event).__name__, **data}


def event_from_dict(data: object) -> DossierEvent:
    """The event a dictionary of :func:`event_to_dict` describes.

    Raises:
        InvalidValueError: ``data`` is not such a dictionary (unknown type, missing or
            malformed fields).
    """
    if not isinstance(data, dict):
        raise InvalidValueError("event", type(data).__name__, "must be a dict")
    kind = data.get("type")
    cls = EVENT_TYPES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise InvalidValueError("type", kind, f"must be one of {', '.join(EVENT_TYPES)}")
    fields = {k: v for k, v in data.items() if k != "type"}
    try:
        event: DossierEvent = _CONVERTER.structure(fields, cls)
    except AdminflowError as exc:
        raise InvalidValueError("event", kind, str(exc)) from None
    except Exception as exc:  # cattrs wraps every failure in its own exception groups
        raise InvalidValueError("event", kind, _describe(exc)) from None
    return event


def _describe(exc: BaseException) -> str:
    if isinstance(exc, BaseExceptionGroup):
        return "; ".join(_describe(e) for e in exc.exceptions)
    if isinstance(exc, AdminflowError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def dossier_to_dict(dossier: Dossier) -> dict[str, Any]:
    """A JSON-ready dictionary of ``dossier`` (its history as :func:`event_to_dict` items).

    Raises:
        InvalidValueError: ``dossier`` is not a dossier.
    """
    if not isinstance(dossier, Dossier):
        raise InvalidValueError("dossier", type(dossier).__name__, "must be a Dossier")
    data: dict[str, Any] = _CONVERTER.unstructure(attrs.evolve(dossier, history=()))
    data["history"] = [event_to_dict(e) for e in dossier.history]
    return data


def dossier_from_dict(data: object) -> Dossier:
    """The dossier a dictionary of :func:`dossier_to_dict` describes.

    Raises:
        InvalidValueError: ``data`` is malformed.
    """
    if not isinstance(data, dict):
        raise InvalidValueError("dossier", type(data).__name__, "must be a dict")
    history = data.get("history", [])
    if not isinstance(history, list):
        raise InvalidValueError("history", type(history).__name__, "must be a list")
    events = tuple(event_from_dict(item) for item in history)
    fields = {k: v for k, v in data.items() if k != "history"}
    try:
        dossier: Dossier = _CONVERTER.structure(fields, Dossier)
    except AdminflowError as exc:
        raise InvalidValueError("dossier", "dict", str(exc)) from None
    except Exception as exc:
        raise InvalidValueError("dossier", "dict", _describe(exc)) from None
    return attrs.evolve(dossier, history=events)
