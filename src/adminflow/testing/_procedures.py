"""Hypothesis strategies for procedures and catalogues, valid and deliberately broken."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import strategies as st

from adminflow.calendar import ProcessingTime, TimeUnit
from adminflow.jurisdictions import AuthorityKind, Level
from adminflow.procedures import (
    BoundaryFreeScope,
    Catalog,
    Channel,
    DocumentKind,
    Extension,
    Fee,
    FeePayable,
    OnlineServiceLevel,
    Procedure,
    RequiredDocument,
    ResultKind,
    Step,
)
from adminflow.procedures._checks import DISTRICT_ENDS, step_capacity

__all__ = [
    "catalogs",
    "invalid_catalog_documents",
    "procedure_codes",
    "procedures",
    "processing_times",
]


def _texts(max_size: int = 30) -> st.SearchStrategy[str]:
    """Non-blank text, Vietnamese letters included, that TOML and JSON can both carry."""
    return st.text(
        st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=max_size
    ).filter(lambda s: s.strip() != "")


def procedure_codes() -> st.SearchStrategy[str]:
    """Well-formed procedure codes: ``1.001193``, ``1.013978.H41``, ``1.004873.000.00.00.H14``."""
    national = st.from_regex(r"\A[1-3]\.[0-9]{6}\Z")
    province = st.from_regex(r"\A[A-Z][0-9]{2}\Z")
    return st.one_of(
        national,
        st.builds(lambda n, p: f"{n}.{p}", national, province),
        st.builds(lambda n, p: f"{n}.000.00.00.{p}", national, province),
    )


def _cutoffs() -> st.SearchStrategy[dt.time | None]:
    return st.none() | st.builds(dt.time, st.integers(7, 17), st.sampled_from([0, 15, 30, 45]))


def processing_times() -> st.SearchStrategy[ProcessingTime]:
    """Legal processing times: working days, working hours, calendar days, or same day."""
    return st.one_of(
        st.builds(ProcessingTime.working_days, st.integers(1, 90)),
        st.builds(ProcessingTime.working_hours, st.integers(1, 40)),
        st.builds(ProcessingTime.days, st.integers(1, 90)),
        st.builds(lambda c: ProcessingTime(TimeUnit.SAME_DAY, 0, c), _cutoffs()),
    )


_TEXT = _texts()
_LONG_TEXT = _texts(60)
_OPTIONAL_TEXT: st.SearchStrategy[str | None] = st.none() | _TEXT
_DAYS = st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31))
_LEVELS = st.sampled_from([Level.CENTRAL, Level.PROVINCE, Level.COMMUNE, Level.DISTRICT])
_CHANNEL_SETS = st.frozensets(st.sampled_from(Channel), min_size=1)
_ONLINE_LEVELS = st.sampled_from([OnlineServiceLevel.FULL, OnlineServiceLevel.PARTIAL])


@st.composite
def _fees(draw: st.DrawFn) -> Fee:
    amount = draw(st.integers(0, 5_000_000))
    return Fee(
        amount,
        draw(_TEXT),
        payable=draw(st.sampled_from(FeePayable)),
        legal_basis=draw(_OPTIONAL_TEXT),
        per=draw(_OPTIONAL_TEXT),
        maximum_vnd=draw(st.none() | st.integers(amount, 10_000_000)),
        provincial=draw(st.booleans()),
    )


_DOCUMENTS = st.builds(
    RequiredDocument,
    _TEXT,
    kind=st.sampled_from(DocumentKind),
    quantity=st.integers(1, 5),
    form=_OPTIONAL_TEXT,
    condition=_OPTIONAL_TEXT,
)


@st.composite
def _steps(draw: st.DrawFn, time: ProcessingTime) -> tuple[Step, ...]:
    """Steps whose budgets (in halves) add up to at most the processing time."""
    halves_left = 2 * step_capacity(time)
    steps = []
    for _ in range(draw(st.integers(0, 4))):
        if halves_left < 1:
            break
        halves = draw(st.integers(1, halves_left))
        halves_left -= halves
        steps.append(Step(draw(_TEXT), draw(_TEXT), halves / 2))
    return tuple(steps)


@st.composite
def procedures(draw: st.DrawFn, *, codes: st.SearchStrategy[str] | None = None) -> Procedure:
    """Valid procedures (every invariant of :class:`~adminflow.procedures.Procedure` holds).

    Args:
        draw: Supplied by hypothesis.
        codes: Strategy for the code; :func:`procedure_codes` by default.
    """
    time = draw(_PROCESSING_TIMES)
    channels = draw(_CHANNEL_SETS)
    online = draw(_ONLINE_LEVELS) if Channel.ONLINE in channels else OnlineServiceLevel.NONE
    boundary_free = draw(st.sampled_from(BoundaryFreeScope))
    note = draw(_TEXT if boundary_free is BoundaryFreeScope.NONE else _OPTIONAL_TEXT)
    level = draw(_LEVELS)
    if level is Level.DISTRICT:
        end = draw(st.dates(dt.date(2000, 1, 2), DISTRICT_ENDS))
        valid_to: dt.date | None = end
        valid_from = draw(st.none() | st.dates(dt.date(2000, 1, 1), end - dt.timedelta(1)))
    else:
        valid_from = draw(st.none() | _DAYS)
        lowest = valid_from + dt.timedelta(1) if valid_from else dt.date(2000, 1, 1)
        valid_to = draw(st.none() | st.dates(lowest, dt.date(2041, 12, 31)))
    return Procedure(
        draw(codes if codes is not None else _CODES),
        draw(_LONG_TEXT),
        draw(_TEXT),
        level,
        draw(st.sampled_from(AuthorityKind)),
        time,
        channels,
        online_service=online,
        boundary_free=boundary_free,
        boundary_free_note=note,
        fees=draw(_FEE_LISTS),
        documents=draw(_DOCUMENT_LISTS),
        result=draw(st.sampled_from(ResultKind)),
        steps=draw(_steps(time)),
        extensions=draw(_EXTENSION_LISTS),
        legal_basis=draw(_TEXT_LISTS),
        valid_from=valid_from,
        valid_to=valid_to,
        notes=draw(_TEXT_LISTS),
    )


_PROCESSING_TIMES = processing_times()
_CODES = procedure_codes()
_TEXT_LISTS = st.lists(_TEXT, max_size=2)
_FEE_LISTS = st.lists(_fees(), max_size=3)
_DOCUMENT_LISTS = st.lists(_DOCUMENTS, max_size=3)
_EXTENSION_LISTS = st.lists(
    st.builds(Extension, _PROCESSING_TIMES, _TEXT, legal_basis=_OPTIONAL_TEXT), max_size=2
)


def catalogs(*, max_size: int = 5) -> st.SearchStrategy[Catalog]:
    """Valid catalogues of up to ``max_size`` procedures with distinct codes."""
    return st.builds(
        Catalog,
        st.lists(procedures(), max_size=max_size, unique_by=lambda p: p.code),
        title=st.just("") | _TEXT,
        description=st.just("") | _TEXT,
        sources=_TEXT_LISTS,
        retrieved_on=st.none() | _DAYS,
    )


# -------------------------------------------------------------------------- invalid documents

_REQUIRED = ("code", "name", "field", "level", "authority_kind", "processing_time", "channels")


def _break_procedure(entry: dict[str, Any], how: str, value: Any) -> Any:
    """Make one procedure entry (plain data) invalid in the way named by ``how``; return it."""
    if how == "missing":
        del entry[value]
    elif how == "wrong_type":
        entry[value] = 12345 if value != "channels" else "online"
    elif how == "bad_time":
        entry["processing_time"] = {"working_days": value}
    elif how == "empty_time":
        entry["processing_time"] = {}
    elif how == "empty_channels":
        entry["channels"] = []
    elif how == "unknown_key":
        entry[value] = True
    elif how == "bad_enum":
        entry["level"] = value
    elif how == "bad_code":
        entry["code"] = value
    elif how == "over_budget":
        entry["processing_time"] = {"working_days": 1}
        entry["steps"] = [{"name": "a", "role": "b", "budget": 1.5}]
    elif how == "full_offline":
        entry["channels"] = ["in_person"]
        entry["online_service"] = "full"
    elif how == "negative_fee":
        entry["fees"] = [{"amount_vnd": value, "description": "lệ phí"}]
    elif how == "not_a_table":
        return value
    return entry


_ENTRY_BREAKS = st.one_of(
    st.tuples(st.just("missing"), st.sampled_from(_REQUIRED)),
    st.tuples(st.just("wrong_type"), st.sampled_from(["code", "name", "field", "channels"])),
    st.tuples(st.just("bad_time"), st.integers(max_value=0) | st.just("3") | st.just(2.5)),
    st.tuples(st.just("empty_time"), st.none()),
    st.tuples(st.just("empty_channels"), st.none()),
    st.tuples(st.just("unknown_key"), st.sampled_from(["procesing_time", "chanels", "zzz"])),
    st.tuples(st.just("bad_enum"), st.sampled_from(["huyen", "COMMUNE", "", "tỉnh"])),
    st.tuples(st.just("bad_code"), st.sampled_from(["2.635", "1.0011930", "x", "1.001193.h41"])),
    st.tuples(st.just("over_budget"), st.none()),
    st.tuples(st.just("full_offline"), st.none()),
    st.tuples(st.just("negative_fee"), st.integers(max_value=-1)),
    st.tuples(st.just("not_a_table"), st.sampled_from([1, "x", None, [1]])),
)


@st.composite
def invalid_catalog_documents(draw: st.DrawFn) -> Any:
    """Plain catalogue documents (JSON-compatible data) with at least one problem.

    Built from a valid catalogue by breaking one or more entries (a missing or mistyped field,
    a negative processing time, an unknown key, a duplicate code, ...) or the document itself.
    Feed them to ``Catalog.loads(json.dumps(doc), "json")``: each must raise
    :class:`~adminflow.errors.ValidationError`.
    """
    catalog = draw(catalogs(max_size=3))
    document: Any = json.loads(catalog.dumps("json"))
    entries: list[Any] = document["procedures"]
    kind = draw(st.sampled_from(["entries", "duplicate", "document"]))
    if kind == "document" or (kind != "entries" and not entries):
        return draw(
            st.sampled_from(
                [[], 7, "procedures", None, {"procedures": "all"}, {**document, "tilte": "x"}]
            )
        )
    if kind == "duplicate" and entries:
        entries.append(dict(entries[0]))
        return document
    if not entries:
        entries.append(json.loads(Catalog((draw(procedures()),)).dumps("json"))["procedures"][0])
    broken = draw(st.sets(st.integers(0, len(entries) - 1), min_size=1))
    for index in sorted(broken):
        how, value = draw(_ENTRY_BREAKS)
        entries[index] = _break_procedure(entries[index], how, value)
    return document
