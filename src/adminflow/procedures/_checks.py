"""Invariants of procedures and their parts, as functions over a mapping of field values.

The same functions serve the constructors (all fields present) and the catalogue loader,
which runs them over the fields of an entry that could be read when others could not, so a
file's every problem is reported at once. A check runs only for the fields present.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import attrs

from adminflow.calendar import ProcessingTime, TimeUnit
from adminflow.codes import validate_procedure_code
from adminflow.errors import InvalidValueError, Problem, ValidationError
from adminflow.jurisdictions import AuthorityKind, Level

#: Working hours in one working day: a same-day procedure's steps fit in one day
#: (Labour Code No. 45/2019/QH14, Art. 105(1): normal hours at most 8 a day).
HOURS_PER_DAY = 8

#: Largest amount of đồng accepted: the largest 64-bit integer, what TOML and SQL store.
MAX_VND = 2**63 - 1

#: The district level ends on this day (Law No. 72/2025/QH15, in force 1 July 2025).
DISTRICT_ENDS = dt.date(2025, 7, 1)


@attrs.define
class Checks:
    """Collects ``(path, value, reason)`` findings and raises them together."""

    found: list[tuple[str, Any, str]] = attrs.Factory(list)

    def add(self, path: str, value: Any, reason: str) -> None:
        """Record one problem."""
        self.found.append((path, value, reason))

    def problems(self) -> list[Problem]:
        """The findings as :class:`Problem` objects (``"reason, got value"``)."""
        return [Problem(path, f"{reason}, got {value!r}") for path, value, reason in self.found]

    def raise_if_any(self, source: str) -> None:
        """Raise InvalidValueError for one finding, ValidationError for several."""
        if len(self.found) == 1:
            raise InvalidValueError(*self.found[0])
        if self.found:
            raise ValidationError(self.problems(), source=source)


def is_writable(text: str) -> bool:
    """Whether ``text`` can be written as UTF-8: it holds no lone (unpaired) surrogate."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


#: Why text that :func:`is_writable` refuses is refused.
NOT_WRITABLE = "must be valid Unicode text (a lone surrogate cannot be written to a file)"


def _text(checks: Checks, values: Mapping[str, Any], name: str, *, optional: bool) -> None:
    if name not in values:
        return
    value = values[name]
    if value is None and optional:
        return
    if not isinstance(value, str) or not value.strip():
        checks.add(name, value, "must be a non-empty string")
    elif not is_writable(value):
        checks.add(name, value, NOT_WRITABLE)


def _member(checks: Checks, values: Mapping[str, Any], name: str, cls: type[enum.Enum]) -> None:
    if name in values and not isinstance(values[name], cls):
        choices = ", ".join(str(m.value) for m in cls)
        checks.add(name, values[name], f"must be one of {choices}")


def _count(
    checks: Checks,
    values: Mapping[str, Any],
    name: str,
    *,
    minimum: int,
    maximum: int | None = None,
    optional: bool = False,
) -> None:
    if name not in values:
        return
    value = values[name]
    if value is None and optional:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        checks.add(name, value, "must be an integer")
    elif value < minimum:
        checks.add(name, value, f"must be >= {minimum}")
    elif maximum is not None and value > maximum:
        checks.add(name, value, f"must be <= {maximum}")


def _items(
    checks: Checks, values: Mapping[str, Any], name: str, cls: type | tuple[type, ...]
) -> tuple[Any, ...]:
    """Check a tuple field's items are of ``cls``; return the good ones."""
    if name not in values:
        return ()
    value = values[name]
    if not isinstance(value, tuple):
        checks.add(name, value, "must be a list")
        return ()
    good = []
    for i, item in enumerate(value):
        if not isinstance(item, cls) or (isinstance(item, str) and not item.strip()):
            what = "a non-empty string" if cls is str else f"a {_name(cls)}"
            checks.add(f"{name}[{i}]", item, f"must be {what}")
        elif isinstance(item, str) and not is_writable(item):
            checks.add(f"{name}[{i}]", item, NOT_WRITABLE)
        else:
            good.append(item)
    return tuple(good)


def _name(cls: type | tuple[type, ...]) -> str:
    return cls.__name__ if isinstance(cls, type) else " or ".join(c.__name__ for c in cls)


def check_fee(values: Mapping[str, Any]) -> Checks:
    """Invariants of a :class:`~adminflow.procedures.Fee`."""
    from adminflow.procedures._model import FeePayable

    checks = Checks()
    _count(checks, values, "amount_vnd", minimum=0, maximum=MAX_VND)
    _text(checks, values, "description", optional=False)
    _member(checks, values, "payable", FeePayable)
    _text(checks, values, "legal_basis", optional=True)
    _text(checks, values, "per", optional=True)
    _count(checks, values, "maximum_vnd", minimum=0, maximum=MAX_VND, optional=True)
    if "provincial" in values and not isinstance(values["provincial"], bool):
        checks.add("provincial", values["provincial"], "must be true or false")
    amount, maximum = values.get("amount_vnd"), values.get("maximum_vnd")
    if (
        isinstance(amount, int)
        and isinstance(maximum, int)
        and not isinstance(maximum, bool)
        and maximum < amount
    ):
        checks.add("maximum_vnd", maximum, f"must be >= amount_vnd ({amount})")
    return checks


def check_document(values: Mapping[str, Any]) -> Checks:
    """Invariants of a :class:`~adminflow.procedures.RequiredDocument`."""
    from adminflow.procedures._model import DocumentKind

    checks = Checks()
    _text(checks, values, "name", optional=False)
    _member(checks, values, "kind", DocumentKind)
    _count(checks, values, "quantity", minimum=1)
    _text(checks, values, "form", optional=True)
    _text(checks, values, "condition", optional=True)
    return checks


def check_step(values: Mapping[str, Any]) -> Checks:
    """Invariants of a :class:`~adminflow.procedures.Step`."""
    checks = Checks()
    _text(checks, values, "name", optional=False)
    _text(checks, values, "role", optional=False)
    if "budget" in values:
        budget = values["budget"]
        if isinstance(budget, bool) or not isinstance(budget, int | float):
            checks.add("budget", budget, "must be a number")
        elif not math.isfinite(budget) or budget <= 0:
            checks.add("budget", budget, "must be > 0")
    return checks


def check_extension(values: Mapping[str, Any]) -> Checks:
    """Invariants of an :class:`~adminflow.procedures.Extension`."""
    checks = Checks()
    if "time" in values and not isinstance(values["time"], ProcessingTime):
        checks.add("time", values["time"], "must be a ProcessingTime")
    _text(checks, values, "condition", optional=False)
    _text(checks, values, "legal_basis", optional=True)
    return checks


def step_capacity(time: ProcessingTime) -> int:
    """How much step budget a processing time allows, in the steps' unit."""
    return HOURS_PER_DAY if time.unit is TimeUnit.SAME_DAY else time.amount


def _budget_unit(time: ProcessingTime) -> str:
    if time.unit is TimeUnit.DAYS:
        return "days"
    return "working days" if time.unit is TimeUnit.WORKING_DAYS else "working hours"


def check_procedure(values: Mapping[str, Any]) -> Checks:
    """Invariants of a :class:`~adminflow.procedures.Procedure` (see its docstring)."""
    from adminflow.procedures._model import (
        BoundaryFreeScope,
        Channel,
        Extension,
        Fee,
        OnlineServiceLevel,
        RequiredDocument,
        ResultKind,
        Step,
    )

    checks = Checks()
    if "code" in values:
        try:
            validate_procedure_code(values["code"])
        except InvalidValueError as exc:
            checks.add("code", exc.value, exc.reason)
    _text(checks, values, "name", optional=False)
    _text(checks, values, "field", optional=False)
    _member(checks, values, "level", Level)
    _member(checks, values, "authority_kind", AuthorityKind)
    time = values.get("processing_time")
    if "processing_time" in values and not isinstance(time, ProcessingTime):
        checks.add("processing_time", time, "must be a ProcessingTime")

    channels = values.get("channels")
    if "channels" in values:
        if not isinstance(channels, frozenset):
            checks.add("channels", channels, "must be a set of channels")
            channels = None
        elif not channels:
            checks.add("channels", sorted(channels), "must not be empty")
        elif not all(isinstance(c, Channel) for c in channels):
            checks.add("channels", sorted(map(str, channels)), "must all be Channel values")
            channels = None
    _member(checks, values, "online_service", OnlineServiceLevel)
    online = values.get("online_service")
    if isinstance(online, OnlineServiceLevel) and isinstance(channels, frozenset):
        if online is not OnlineServiceLevel.NONE and Channel.ONLINE not in channels:
            checks.add("online_service", online.value, "needs the 'online' channel")
        if online is OnlineServiceLevel.NONE and Channel.ONLINE in channels:
            checks.add("online_service", online.value, "must be full or partial with 'online'")

    _member(checks, values, "boundary_free", BoundaryFreeScope)
    _text(checks, values, "boundary_free_note", optional=True)
    if values.get("boundary_free") is BoundaryFreeScope.NONE and not values.get(
        "boundary_free_note"
    ):
        checks.add("boundary_free_note", None, "must give the reason when boundary_free is 'none'")
    _items(checks, values, "fees", Fee)
    _items(checks, values, "documents", RequiredDocument)
    _member(checks, values, "result", ResultKind)
    steps = _items(checks, values, "steps", Step)
    _items(checks, values, "extensions", Extension)
    _items(checks, values, "legal_basis", str)
    _items(checks, values, "notes", str)

    if isinstance(time, ProcessingTime) and steps:
        total = sum((Fraction(str(s.budget)) for s in steps), Fraction(0))
        capacity = step_capacity(time)
        if total > capacity:
            checks.add(
                "steps",
                float(total),
                f"budgets must add up to at most {capacity} {_budget_unit(time)} "
                f"(processing time {time})",
            )

    for name in ("valid_from", "valid_to"):
        value = values.get(name)
        if value is not None and (isinstance(value, dt.datetime) or not isinstance(value, dt.date)):
            checks.add(name, value, "must be a date")
    start, end = values.get("valid_from"), values.get("valid_to")
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end <= start:
        checks.add("valid_to", end.isoformat(), f"must be after valid_from ({start.isoformat()})")
    if (
        values.get("level") is Level.DISTRICT
        and "valid_to" in values
        and (not isinstance(end, dt.date) or end > DISTRICT_ENDS)
    ):
        checks.add(
            "level",
            "district",
            "needs valid_to on or before 2025-07-01 (no district level since; "
            "Law No. 72/2025/QH15)",
        )
    return checks
