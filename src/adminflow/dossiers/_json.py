"""The JSON form of dossier events and dossiers (cattrs), for stores and wires.

Private module; the public names are re-exported by :mod:`adminflow.dossiers`.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs
import cattrs

from adminflow.dossiers._event_base import DossierEvent
from adminflow.dossiers._events import EVENT_TYPES
from adminflow.dossiers._model import Dossier
from adminflow.dossiers._parties import Actor, Applicant
from adminflow.errors import AdminflowError, InvalidValueError

__all__ = [
    "dossier_from_dict",
    "dossier_to_dict",
    "event_from_dict",
    "event_to_dict",
    "event_to_json",
]


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


class _UnsupportedError(Exception):
    """A field type the fast encoders do not know; the class keeps the cattrs path."""


def _value_code(kind: Any, name: str, depth: int) -> str:
    """Python source turning ``name`` (of declared type ``kind``) into what cattrs gives."""
    if kind in (str, int, bool, float):
        return name
    if isinstance(kind, type) and issubclass(kind, enum.StrEnum):
        return name  # cattrs passes a str enum through unchanged (json writes its value)
    if kind in (dt.datetime, dt.date):
        return f"{name}.isoformat()"
    if kind is Actor:
        return (
            f"{{'id': {name}.id, 'role': {name}.role.value, "
            f"'unit_code': {name}.unit_code, 'authority_id': {name}.authority_id}}"
        )
    if kind is Applicant:
        return f"{{'kind': {name}.kind.value, 'number': {name}.number, 'name': {name}.name}}"
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
        inner = _value_code(next(a for a in args if a is not type(None)), name, depth)
        return name if inner == name else f"(None if {name} is None else {inner})"
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = f"i{depth}"
        inner = _value_code(args[0], item, depth + 1)
        return f"list({name})" if inner == item else f"[{inner} for {item} in {name}]"
    if isinstance(kind, type) and attrs.has(kind):  # ClockNote: cattrs' default for attrs
        return _attrs_code(kind, name, depth)
    raise _UnsupportedError(kind)


def _attrs_code(cls: type, name: str, depth: int) -> str:
    hints = typing.get_type_hints(cls)
    items = ", ".join(
        f"{f.name!r}: {_value_code(hints[f.name], f'{name}.{f.name}', depth)}"
        for f in attrs.fields(cls)
    )
    return f"{{{items}}}"


def _fast_encoder(cls: type[DossierEvent]) -> Callable[[Any], dict[str, Any]] | None:
    """A function giving ``{"type": ..., **cattrs unstructure}`` of a ``cls`` event, fast.

    Generated once per class from its field types, it skips cattrs' per-call dispatch (the bulk
    store import encodes hundreds of thousands of events); ``_slow_event_to_dict`` is the
    reference it must equal (a property test checks).

    ``None`` when a field's type is not one the generator knows (cattrs then serves ``cls``).
    """
    try:
        body = _attrs_code(cls, "e", 0)
    except _UnsupportedError:
        return None
    # The source is built from attrs field names and the fixed templates above only.
    source = f"def encode(e):\n    return {{'type': {cls.__name__!r}, **{body}}}\n"
    namespace: dict[str, Any] = {}
    exec(compile(source, f"<adminflow event encoder {cls.__name__}>", "exec"), namespace)
    encode: Callable[[Any], dict[str, Any]] = namespace["encode"]
    return encode


_FAST_ENCODERS: dict[type, Callable[[Any], dict[str, Any]]] = {
    cls: encode for cls in EVENT_TYPES.values() if (encode := _fast_encoder(cls)) is not None
}


def event_to_dict(event: DossierEvent) -> dict[str, Any]:
    """A JSON-ready dictionary of ``event``, with its class name under ``"type"``.

    Raises:
        InvalidValueError: ``event`` is not a dossier event.
    """
    encode = _FAST_ENCODERS.get(type(event))
    if encode is not None:
        return encode(event)
    return _slow_event_to_dict(event)


#: The text stores keep: compact separators, non-ASCII characters as they are.
_COMPACT = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)
_quote: Callable[[str], str] = (
    getattr(json.encoder, "c_encode_basestring", None) or json.encoder.py_encode_basestring
)  # what _COMPACT uses for every string


class _OddValueError(Exception):
    """A value not of its declared type: the generic encoder writes the event instead."""


def _odd(value: Any) -> str:
    raise _OddValueError(value)


def _int_text(value: Any) -> str:
    if type(value) is not int:  # a bool or an int subclass: leave it to json
        raise _OddValueError(value)
    return int.__repr__(value)


def _actor_json(a: Actor) -> str:
    unit, authority = a.unit_code, a.authority_id
    return (
        f'{{"id":{_quote(a.id)},"role":{_quote(a.role.value)},'
        f'"unit_code":{"null" if unit is None else _quote(unit)},'
        f'"authority_id":{"null" if authority is None else _quote(authority)}}}'
    )


def _applicant_json(a: Applicant) -> str:
    name = a.name
    return (
        f'{{"kind":{_quote(a.kind.value)},"number":{_quote(a.number)},'
        f'"name":{"null" if name is None else _quote(name)}}}'
    )


class _JsonWriter:
    """Generates, per attrs class, a function writing ``_COMPACT``'s text of its dictionary.

    Each function reads the fields into locals and returns one f-string (the fastest way
    CPython builds text); nested attrs classes get their own function.
    """

    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {
            "_q": _quote,
            "_i": _int_text,
            "_odd": _odd,
            "_actor": _actor_json,
            "_applicant": _applicant_json,
        }
        self._names: dict[type, str] = {}

    def expression(self, kind: Any, name: str, depth: int) -> str:
        """Python source giving the JSON text of ``name``, of declared type ``kind``."""
        if kind is str or (isinstance(kind, type) and issubclass(kind, enum.StrEnum)):
            return f"_q({name})"  # a str enum is a str: json writes its value
        if kind is int:
            return f"_i({name})"
        if kind is bool:
            return f"('true' if {name} is True else 'false' if {name} is False else _odd({name}))"
        if kind in (dt.datetime, dt.date):
            return f"_q({name}.isoformat())"
        if kind is Actor:
            return f"_actor({name})"
        if kind is Applicant:
            return f"_applicant({name})"
        origin, args = typing.get_origin(kind), typing.get_args(kind)
        if origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
            inner = self.expression(next(a for a in args if a is not type(None)), name, depth)
            return f"('null' if {name} is None else {inner})"
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            item = f"i{depth}"
            inner = self.expression(args[0], item, depth + 1)
            return f"'[' + ','.join([{inner} for {item} in {name}]) + ']'"
        if isinstance(kind, type) and attrs.has(kind):
            return f"{self.function(kind)}({name})"
        raise _UnsupportedError(kind)

    def function(self, cls: type, first: str = "") -> str:
        """The name of the generated function writing a ``cls`` object (made once)."""
        if cls in self._names:
            return self._names[cls]
        hints = typing.get_type_hints(cls)
        lines, text = [], "{{" + first
        for n, field in enumerate(attrs.fields(cls)):
            lines.append(f"    v{n} = {self.expression(hints[field.name], f'o.{field.name}', 0)}")
            text += ("," if n or first else "") + _quote(field.name) + ":{v" + str(n) + "}"
        name = f"_write_{len(self._names)}_{cls.__name__}"
        # The source is built from attrs field names and the fixed templates above only.
        source = f"def {name}(o):\n" + "\n".join(lines) + f"\n    return f'{text}}}}}'\n"
        exec(compile(source, f"<adminflow JSON writer {cls.__name__}>", "exec"), self.namespace)
        self._names[cls] = name
        return name


def _fast_json(cls: type[DossierEvent]) -> Callable[[Any], str] | None:
    """A function giving ``_COMPACT.encode(event_to_dict(event))`` of a ``cls`` event, directly.

    ``None`` when a field's type is not one the generator knows.
    """
    writer = _JsonWriter()
    try:
        name = writer.function(cls, first=f'"type":{_quote(cls.__name__)}')
    except _UnsupportedError:
        return None
    write: Callable[[Any], str] = writer.namespace[name]
    return write


_FAST_JSON: dict[type, Callable[[Any], str]] = {
    cls: write for cls in EVENT_TYPES.values() if (write := _fast_json(cls)) is not None
}


def event_to_json(event: DossierEvent) -> str:
    """The JSON text stores keep for ``event``: :func:`event_to_dict` as compact JSON.

    Keys in :func:`event_to_dict` order, separators ``,`` and ``:`` without spaces, non-ASCII
    characters as they are (``json.dumps(event_to_dict(event), separators=(",", ":"),
    ensure_ascii=False)``, the same text), written by a function generated per event class.

    Raises:
        InvalidValueError: ``event`` is not a dossier event, or a field holds a value that
            JSON cannot write.
    """
    encode = _FAST_JSON.get(type(event))
    if encode is not None:
        try:
            return encode(event)
        except (_OddValueError, TypeError, AttributeError):
            pass  # a field not of its declared type: the generic path decides
    data = event_to_dict(event)
    try:
        return _COMPACT.encode(data)
    except (TypeError, ValueError) as exc:
        raise InvalidValueError("event", data["type"], f"is not JSON-able ({exc})") from None


def _slow_event_to_dict(event: DossierEvent) -> dict[str, Any]:
    """:func:`event_to_dict` through cattrs (the reference the fast encoders must equal)."""
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
