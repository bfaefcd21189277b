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
from typing import Any

import attrs

from adminflow._documents import NOT_WRITABLE, is_writable
from adminflow.calendar import ProcessingTime, TimeUnit
from adminflow.errors import InvalidValueError, Problem, ValidationError
from adminflow.procedures._enums import DocumentKind, ExtensionMode, FeePayable

#: Working hours in one working day: a same-day procedure's steps fit in one day
#: (Labour Code No. 45/2019/QH14, Art. 105(1): normal hours at most 8 a day).
HOURS_PER_DAY = 8

#: Largest amount of đồng accepted: the largest 64-bit integer, what TOML and SQL store.
MAX_VND = 2**63 - 1

#: The district level ends on this day (Resolution 203/2025/QH15 amending the Constitution, which
#: ends the district-level units from 1 July 2025; Law No. 72/2025/QH15 on local government).
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


def check_text(checks: Checks, values: Mapping[str, Any], name: str, *, optional: bool) -> None:
    if name not in values:
        return
    value = values[name]
    if value is None and optional:
        return
    if not isinstance(value, str) or not value.strip():
        checks.add(name, value, "must be a non-empty string")
    elif not is_writable(value):
        checks.add(name, value, NOT_WRITABLE)


def check_member(
    checks: Checks,
    values: Mapping[str, Any],
    name: str,
    cls: type[enum.Enum],
    *,
    optional: bool = False,
) -> None:
    if optional and values.get(name) is None:
        return
    if name in values and not isinstance(values[name], cls):
        choices = ", ".join(str(m.value) for m in cls)
        checks.add(name, values[name], f"must be one of {choices}")


def check_count(
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


def check_items(
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
    checks = Checks()
    check_count(checks, values, "amount_vnd", minimum=0, maximum=MAX_VND)
    check_text(checks, values, "description", optional=False)
    check_member(checks, values, "payable", FeePayable)
    check_text(checks, values, "legal_basis", optional=True)
    check_text(checks, values, "per", optional=True)
    check_count(checks, values, "maximum_vnd", minimum=0, maximum=MAX_VND, optional=True)
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
    checks = Checks()
    check_text(checks, values, "name", optional=False)
    check_member(checks, values, "kind", DocumentKind)
    check_count(checks, values, "quantity", minimum=1)
    check_text(checks, values, "form", optional=True)
    check_text(checks, values, "condition", optional=True)
    return checks


def check_step(values: Mapping[str, Any]) -> Checks:
    """Invariants of a :class:`~adminflow.procedures.Step`."""
    checks = Checks()
    check_text(checks, values, "name", optional=False)
    check_text(checks, values, "role", optional=False)
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
    check_text(checks, values, "condition", optional=False)
    check_text(checks, values, "legal_basis", optional=True)
    check_member(checks, values, "mode", ExtensionMode)
    time = values.get("time")
    if (
        values.get("mode") is ExtensionMode.ADDITIONAL
        and isinstance(time, ProcessingTime)
        and time.unit is TimeUnit.SAME_DAY
    ):
        checks.add("time", str(time), "an additional extension needs days or hours to add")
    return checks


def step_capacity(time: ProcessingTime) -> int:
    """How much step budget a processing time allows, in the steps' unit."""
    return HOURS_PER_DAY if time.unit is TimeUnit.SAME_DAY else time.amount


def budget_unit(time: ProcessingTime) -> str:
    if time.unit is TimeUnit.DAYS:
        return "days"
    return "working days" if time.unit is TimeUnit.WORKING_DAYS else "working hours"


def _overlap(a: tuple[Any, Any], b: tuple[Any, Any]) -> bool:
    """Whether two windows ``[from, to)`` (``None`` = unbounded) share a day."""
    a_from, a_to = a
    b_from, b_to = b
    return (a_to is None or b_from is None or b_from < a_to) and (
        b_to is None or a_from is None or a_from < b_to
    )


def version_problems(
    entries: list[tuple[Any, Any, Any]], positions: list[int] | None = None
) -> list[Problem]:
    """Problems for entries whose code repeats an earlier one with an overlapping window.

    Entries sharing a code are dated versions of one procedure; their windows
    ``[valid_from, valid_to)`` must not overlap, or a day would have two versions. Each problem
    names the earlier entry. Entries whose code or dates could not be read are skipped.

    Args:
        entries: ``(code, valid_from, valid_to)`` per entry.
        positions: Index in ``procedures`` of each entry (default: its place in ``entries``).
    """
    where = positions if positions is not None else list(range(len(entries)))
    seen: dict[str, list[tuple[int, tuple[Any, Any]]]] = {}
    problems = []
    for i, (code, valid_from, valid_to) in zip(where, entries, strict=True):
        if not isinstance(code, str) or not all(
            d is None or (isinstance(d, dt.date) and not isinstance(d, dt.datetime))
            for d in (valid_from, valid_to)
        ):
            continue
        window = (valid_from, valid_to)
        for j, other in seen.get(code, []):
            if _overlap(window, other):
                problems.append(
                    Problem(
                        f"procedures[{i}].code",
                        f"duplicate of procedures[{j}]: its window {_fmt_window(window)} "
                        f"overlaps {_fmt_window(other)} (dated versions of one code need "
                        f"disjoint [valid_from, valid_to) windows), got {code!r}",
                    )
                )
                break
        seen.setdefault(code, []).append((i, window))
    return problems


def _fmt_window(window: tuple[Any, Any]) -> str:
    start, end = window
    return f"[{start.isoformat() if start else '...'}, {end.isoformat() if end else '...'})"
