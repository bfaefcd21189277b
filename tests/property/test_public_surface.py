"""Fuzz the whole public surface: garbage in, only ``AdminflowError`` out, arguments untouched.

Every public callable is found automatically: the names in ``adminflow.__all__`` and in the
``__all__`` of every public module (a module path without an underscore part), the public
class- and static methods of every public class, and the public methods of an instance of each
class that can be built without arguments (``WorkingCalendar.vietnam()``, ``Catalog.sample()``,
``CompetenceRules()``...). A package added later is covered as soon as its names are public.

Each call gets arguments drawn from :data:`GARBAGE` (wrong types, boundary numbers, aware
datetimes at the ends of the range, huge strings, surrogates, NaN, bools, paths that do not exist
or are directories, and real adminflow objects in the wrong place). The property: the call
returns, or raises a subclass of :class:`adminflow.errors.AdminflowError`; and no list, dict or
set passed in is changed.

**Registering a new package.** If a public name needs special setup, add it in the
``REGISTRY`` section right below, and only there:

* :data:`EXEMPT` — a qualified name (``"adminflow.store.connect"``) or a module prefix
  (``"adminflow.testing"``) that must not be fuzzed, with the reason;
* :data:`INSTANCES` — factories of ready objects whose public methods are fuzzed (for classes
  that cannot be built without arguments, e.g. a store over a temporary SQLite file);
* :data:`ARGUMENTS` — extra plausible values for a parameter name, mixed into the garbage so
  that calls get past the first check.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import importlib
import inspect
import os
import pkgutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import adminflow
from adminflow.errors import AdminflowError

# --------------------------------------------------------------------------------------------
# REGISTRY: the one place a new package registers exemptions, instances and argument values.
# --------------------------------------------------------------------------------------------

#: Qualified names or module prefixes never fuzzed here, each with its reason.
EXEMPT: dict[str, str] = {
    "adminflow.cli": "the command line is fuzzed in subprocesses (integration/test_cli_fuzz.py)",
    "adminflow.testing": "hypothesis strategies for test code; hypothesis checks their arguments",
    "adminflow.__version__": "a string, not a callable",
}


def _resolver() -> Any:
    from adminflow.competence import CompetenceResolver, CompetenceRules

    return CompetenceResolver(CompetenceRules.example_khanh_hoa())


#: Factories of objects whose public methods are fuzzed, in addition to the automatic ones.
INSTANCES: dict[str, Callable[[], Any]] = {
    "CompetenceResolver(example)": _resolver,
}

#: Plausible values per parameter name, mixed into the garbage.
ARGUMENTS: dict[str, list[Any]] = {
    "code": ["1.001193", "1.013225", "22366", "01", "79", "000.00.00.H26"],
    "unit_code": ["22366", "01", "00004"],
    "procedure_code": ["1.001193", "1.013225", "9.999999"],
    "path": ["missing.toml", "missing.json", ".", "no/such/folder/x.toml", "out.toml"],
    "format": ["toml", "json", "yaml"],
}

# --------------------------------------------------------------------------------------------

#: Examples per callable; the whole suite stays well under a minute under the ``ci`` profile.
EXAMPLES = min(settings.default.max_examples, 80)

#: How many calls the suite made, printed at the end (run with ``-s`` to see it).
CALLS = {"calls": 0, "raised": 0}

UTC = dt.UTC
_EDGE_INSTANTS = [
    dt.datetime.min.replace(tzinfo=UTC),
    dt.datetime.max.replace(tzinfo=UTC),
    dt.datetime(1, 1, 1, 6, 59, tzinfo=dt.timezone(dt.timedelta(hours=7))),
    dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))),
    dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-12))),
    dt.datetime(2035, 12, 31, 16, tzinfo=dt.timezone(dt.timedelta(hours=7))),
    dt.datetime(2025, 7, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=7))),
    dt.datetime(2025, 7, 1, 9),
]


def _is_exempt(qualname: str) -> bool:
    return any(qualname == key or qualname.startswith(key + ".") for key in EXEMPT)


def _public_modules() -> Iterator[Any]:
    yield adminflow
    for info in pkgutil.walk_packages(adminflow.__path__, "adminflow."):
        parts = info.name.split(".")[1:]
        if any(part.startswith("_") for part in parts) or _is_exempt(info.name):
            continue
        yield importlib.import_module(info.name)


def _is_ours(obj: Any) -> bool:
    return str(getattr(obj, "__module__", "")).startswith("adminflow")


def _skip_class(cls: type) -> bool:
    # Exceptions take any message; calling an Enum is Python's lookup by value; a Protocol is a
    # structural type, never built.
    return issubclass(cls, (BaseException, enum.Enum)) or bool(getattr(cls, "_is_protocol", False))


def _public_names() -> dict[str, Any]:
    """Every public object by one qualified name (the first module that exports it)."""
    found: dict[str, Any] = {}
    seen: set[int] = set()
    for module in _public_modules():
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            qualname = f"{module.__name__}.{name}"
            if id(obj) in seen or _is_exempt(qualname) or not callable(obj):
                continue
            seen.add(id(obj))
            found[qualname] = obj
    return found


def _instances(names: dict[str, Any]) -> dict[str, Any]:
    """Ready objects: registered factories, and public classes built without arguments."""
    objects = {label: factory() for label, factory in INSTANCES.items()}
    for qualname, cls in names.items():
        if not isinstance(cls, type) or _skip_class(cls):
            continue
        candidates: list[tuple[str, Callable[[], Any]]] = [("()", cls)]
        for attr, member in inspect.getmembers(cls):
            raw = inspect.getattr_static(cls, attr, None)
            if not attr.startswith("_") and isinstance(raw, classmethod):
                candidates.append((f".{attr}()", member))
        for suffix, factory in candidates:
            try:
                required = [
                    p
                    for p in inspect.signature(factory).parameters.values()
                    if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
                ]
            except (TypeError, ValueError):
                continue
            if required:
                continue
            try:
                value = factory()
            except Exception:
                continue
            if isinstance(value, cls):
                objects[f"{qualname}{suffix}"] = value
    return objects


def _targets() -> dict[str, Callable[[], Callable[..., Any]]]:
    """Every fuzzed callable, by a readable id, as a zero-argument getter."""
    names = _public_names()
    targets: dict[str, Callable[[], Callable[..., Any]]] = {}
    for qualname, obj in names.items():
        if isinstance(obj, type):
            if _skip_class(obj):
                continue
            targets[qualname] = lambda obj=obj: obj
            for attr, _member in inspect.getmembers(obj):
                raw = inspect.getattr_static(obj, attr, None)
                if attr.startswith("_") or not isinstance(raw, (classmethod, staticmethod)):
                    continue
                if _is_exempt(f"{qualname}.{attr}"):
                    continue
                targets[f"{qualname}.{attr}"] = lambda obj=obj, attr=attr: getattr(obj, attr)
        elif _is_ours(obj):
            targets[qualname] = lambda obj=obj: obj
    for label, instance in _instances(names).items():
        for attr in dir(type(instance)):
            raw = inspect.getattr_static(type(instance), attr, None)
            if attr.startswith("_") or not inspect.isfunction(raw):
                continue
            if _is_exempt(f"{label}.{attr}"):
                continue
            targets[f"{label}.{attr}"] = lambda i=instance, attr=attr: getattr(i, attr)
    return targets


def _surface_values() -> list[Any]:
    """Real adminflow objects, to be passed where they do not belong."""
    values: list[Any] = []
    for obj in _instances(_public_names()).values():
        values.append(obj)
    for obj in _public_names().values():
        if isinstance(obj, type) and issubclass(obj, enum.Enum):
            values.extend(list(obj)[:2])
    return values


TARGETS = _targets()
SURFACE_VALUES = _surface_values()

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from([0, 1, -1, 7, 2**31, 2**63, -(2**63), 10**30]),
    st.integers(),
    st.sampled_from([float("nan"), float("inf"), -float("inf"), -0.0, 1e308, 0.5]),
    st.floats(),
    st.sampled_from([decimal.Decimal("NaN"), complex(1, 1)]),
    st.text(max_size=12),
    st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3),
    st.sampled_from(["", " ", "\x00", "\n", "٣", "2026-W10-1", "20260302", "Đ" * 300]),
    st.builds(lambda c, n: c * n, st.sampled_from("9aĐ."), st.sampled_from([10**4, 10**6])),
    st.binary(max_size=8),
    st.dates(),
    st.sampled_from([dt.date.min, dt.date.max, dt.date(1700, 1, 1), dt.date(2025, 7, 1)]),
    st.sampled_from(_EDGE_INSTANTS),
    st.datetimes(
        timezones=st.builds(
            dt.timezone,
            st.timedeltas(dt.timedelta(hours=-23, minutes=-59), dt.timedelta(hours=23, minutes=59)),
        )
    ),
    st.datetimes(),
    st.timedeltas(),
    st.sampled_from([dt.timedelta.max, dt.timedelta.min, dt.timedelta(0)]),
    st.times(),
    st.builds(object),
    st.sampled_from([Path("."), Path("missing.toml")]),
    st.sampled_from(SURFACE_VALUES) if SURFACE_VALUES else st.none(),
)
GARBAGE = st.one_of(
    _scalars,
    st.lists(_scalars, max_size=3),
    st.tuples(_scalars),
    st.dictionaries(st.text(max_size=5), _scalars, max_size=3),
    st.sets(st.integers(), max_size=3),
)


def _argument(name: str) -> st.SearchStrategy[Any]:
    plausible = ARGUMENTS.get(name)
    return st.one_of(GARBAGE, st.sampled_from(plausible)) if plausible else GARBAGE


def _snapshot(value: Any) -> Any:
    """The shape of a value: containers by content, anything else by identity."""
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(_snapshot(v) for v in value))
    if isinstance(value, dict):
        return ("dict", tuple((id(k), _snapshot(v)) for k, v in value.items()))
    if isinstance(value, set):
        return ("set", frozenset(id(v) for v in value))
    return ("id", id(value))


@pytest.fixture(scope="module", autouse=True)
def _in_empty_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Run in an empty folder, so relative paths the fuzzer writes land nowhere that matters."""
    before = Path.cwd()
    os.chdir(tmp_path_factory.mktemp("fuzz"))
    yield
    os.chdir(before)
    print(f"\npublic-surface fuzz: {len(TARGETS)} callables, {CALLS['calls']} calls")


def test_the_surface_is_discovered() -> None:
    """Discovery finds the main public names and the methods the issue names."""
    expected = {
        "adminflow.WorkingCalendar",
        "adminflow.Catalog.load",
        "adminflow.CompetenceRules.load",
        "adminflow.WorkingCalendar.vietnam().due",
        "adminflow.Catalog.sample().by_level",
        "adminflow.CompetenceRules().problems",
        "CompetenceResolver(example).resolve",
    }

    assert expected <= set(TARGETS)


@pytest.mark.parametrize("target", sorted(TARGETS))
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_only_adminflow_errors_escape(target: str, data: st.DataObject) -> None:
    """Any arguments give a result or an AdminflowError, and never change what was passed in."""
    function = TARGETS[target]()
    try:
        parameters = list(inspect.signature(function).parameters.values())
    except (TypeError, ValueError):
        pytest.skip("no signature")
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    positional = True
    for p in parameters:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        if p.default is not p.empty and not data.draw(st.booleans(), label=f"give {p.name}"):
            positional = False
            continue
        value = data.draw(_argument(p.name), label=p.name)
        if p.kind is p.POSITIONAL_ONLY or (p.kind is p.POSITIONAL_OR_KEYWORD and positional):
            args.append(value)
        else:
            kwargs[p.name] = value
    before = [_snapshot(v) for v in (*args, *kwargs.values())]
    CALLS["calls"] += 1

    try:
        function(*args, **kwargs)
    except AdminflowError:
        CALLS["raised"] += 1
    except Exception as exc:
        pytest.fail(f"{target} raised {type(exc).__name__}: {str(exc)[:300]}")

    after = [_snapshot(v) for v in (*args, *kwargs.values())]
    assert before == after, f"{target} changed an argument"
