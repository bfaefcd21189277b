"""Reading and writing catalogues as TOML and JSON, through a configured cattrs converter.

Structuring is strict (a string is not a number, a number is not a string, unknown keys are
refused) and collects every problem of the document; :func:`problems_of` turns cattrs'
nested exception groups into :class:`~adminflow.errors.Problem` objects with paths like
``procedures[3].processing_time.working_days``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import functools
import json
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import attrs
import cattrs
import tomli_w
from cattrs.errors import (
    ClassValidationError,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from adminflow._documents import (
    FORMATS,
    check_format,
    decode,
    is_frozenset,
    parse,
    problems_of,
    read_file,
    register_scalars,
    structure_time,
    suggest,
    write_file,
)
from adminflow.calendar import ProcessingTime, TimeUnit
from adminflow.errors import InvalidValueError, Problem, ValidationError
from adminflow.jurisdictions import AuthorityKind, Level
from adminflow.procedures._checks import version_problems
from adminflow.procedures._enums import (
    BoundaryFreeScope,
    Channel,
    DocumentKind,
    ExtensionMode,
    FeePayable,
    OnlineServiceLevel,
    PartialOnlineReason,
    ResultKind,
)
from adminflow.procedures._model import (
    Extension,
    Fee,
    Procedure,
    RequiredDocument,
    Step,
    check_procedure,
)

__all__ = ["CatalogDocument", "Format", "dump", "dumps", "load", "load_sample", "loads"]

#: File formats a catalogue can be read from and written to.
Format = Literal["toml", "json"]


@attrs.frozen
class CatalogDocument:
    """A catalogue as its file holds it; :class:`~adminflow.procedures.Catalog` is built from it.

    The fields are those of the catalogue; reading structures this class, so that the reader
    needs to know only the procedures, never the catalogue's behaviour.
    """

    procedures: tuple[Procedure, ...] = ()
    title: str = attrs.field(default="", kw_only=True)
    description: str = attrs.field(default="", kw_only=True)
    sources: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    retrieved_on: dt.date | None = attrs.field(default=None, kw_only=True)


_SAMPLE = "data/sample_catalog.toml"
_ENUMS: tuple[type[enum.Enum], ...] = (
    AuthorityKind,
    BoundaryFreeScope,
    Channel,
    DocumentKind,
    ExtensionMode,
    FeePayable,
    Level,
    OnlineServiceLevel,
    PartialOnlineReason,
    ResultKind,
    TimeUnit,
)


# --------------------------------------------------------------------------- structuring hooks


_TIME_KEYS = ("working_days", "working_hours", "days", "same_day", "cutoff", "source")


def _processing_time(obj: Any, _: Any) -> ProcessingTime:
    """Structure a processing time table into a :class:`ProcessingTime`.

    The table is ``{ working_days = 3 }``, ``{ working_hours = 8 }``, ``{ days = 10 }``
    (calendar days) or ``{ same_day = true }``; a same-day time may add ``cutoff = "15:00"``.
    """
    if not isinstance(obj, Mapping):
        raise InvalidValueError(
            "", obj, "must be a table like { working_days = 3 } or { same_day = true }"
        )
    problems = [
        Problem(str(k), f"unknown key{suggest(k, _TIME_KEYS)}") for k in obj if k not in _TIME_KEYS
    ]
    units = [k for k in ("working_days", "working_hours", "days", "same_day") if k in obj]
    if len(units) != 1:
        problems.append(
            Problem(
                "",
                f"needs exactly one of working_days, working_hours, days, same_day, got {units}",
            )
        )
    if problems:
        raise ValidationError(problems, source="processing_time")
    unit = units[0]
    value = obj[unit]
    source = obj.get("source")
    if source is not None and (not isinstance(source, str) or not source.strip()):
        raise InvalidValueError("source", source, "must be a non-empty string")
    if unit == "same_day":
        if value is not True:
            raise InvalidValueError("same_day", value, "must be true")
        cutoff = obj.get("cutoff")
        try:
            return (
                ProcessingTime.same_day(structure_time(cutoff, None), source=source)
                if cutoff is not None
                else (ProcessingTime(TimeUnit.SAME_DAY, 0, None, source=source))
            )
        except InvalidValueError as exc:
            raise InvalidValueError("cutoff", exc.value, exc.reason) from None
    if "cutoff" in obj:
        raise InvalidValueError("cutoff", obj["cutoff"], "only goes with same_day")
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValueError(unit, value, "must be an integer")
    if value <= 0:
        raise InvalidValueError(unit, value, "must be > 0")
    return ProcessingTime(TimeUnit(unit), value, source=source)


def _unstructure_time(value: dt.time) -> str:
    """``"15:00"``, or with seconds (and microseconds) when it has them: nothing is lost."""
    return value.isoformat("minutes" if not (value.second or value.microsecond) else "auto")


def _unstructure_processing_time(value: ProcessingTime) -> dict[str, Any]:
    if value.unit is TimeUnit.SAME_DAY:
        out: dict[str, Any] = {"same_day": True}
        if value.cutoff is not None:
            out["cutoff"] = _unstructure_time(value.cutoff)
    else:
        out = {value.unit.value: value.amount}
    if value.source is not None:
        out["source"] = value.source
    return out


def _table_hook(cls: type, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Structure a part of a procedure (a fee, a step, ...) from a table, and only a table."""
    base: Callable[[Any, Any], Any] = make_dict_structure_fn(cls, conv)

    def hook(obj: Any, _: Any) -> Any:
        if not isinstance(obj, Mapping):
            raise InvalidValueError("", obj, "must be a table")
        return base(obj, cls)

    return hook


def _all_problems(
    base: Callable[[Any, Any], Any], obj: Any, cls: Any, more: Callable[[], list[Problem]]
) -> Any:
    """Structure ``obj``; when fields fail, add the problems ``more`` finds in what was read.

    When every field was read the constructor ran and reported its invariants itself; otherwise
    it did not run, and ``more`` checks what it would have checked on the fields that could be
    read, so that a document's every problem is reported at once.
    """
    try:
        return base(obj, cls)
    except ClassValidationError as exc:
        if any(isinstance(e, InvalidValueError) for e in exc.group_exceptions()[1]):
            raise  # the constructor ran
        extra = more()
        if not extra:
            raise
        raise ValidationError([*problems_of(exc), *extra], source=cls.__name__) from None


def _procedure_hook(conv: cattrs.Converter) -> Callable[[Any, Any], Procedure]:
    """Structure a procedure; when some fields fail, still check the fields that were read."""
    base = make_dict_structure_fn(Procedure, conv)
    fields = attrs.fields_dict(Procedure)

    def read(obj: Mapping[str, Any]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, field in fields.items():
            if name not in obj:  # absent: the default applies, as in the constructor
                if field.default is not attrs.NOTHING:
                    values[name] = field.default
                continue
            with contextlib.suppress(Exception):  # a failure was reported by the first pass
                values[name] = conv.structure(obj[name], field.type or Any)
        return values

    def hook(obj: Any, cls: Any) -> Procedure:
        if not isinstance(obj, Mapping):
            raise InvalidValueError("", obj, "must be a table")
        procedure: Procedure = _all_problems(
            base, obj, cls, lambda: check_procedure(read(obj)).problems()
        )
        return procedure

    return hook


def _catalog_hook(conv: cattrs.Converter) -> Callable[[Any, Any], CatalogDocument]:
    """Structure a catalogue; when some entries fail, still report duplicate codes."""
    base = make_dict_structure_fn(CatalogDocument, conv)

    def entries(obj: Mapping[str, Any]) -> list[tuple[Any, Any, Any]]:
        raw = obj["procedures"]
        if not isinstance(raw, list):
            return []
        return [
            (p.get("code"), _day(p.get("valid_from")), _day(p.get("valid_to")))
            if isinstance(p, Mapping)
            else (None, None, None)
            for p in raw
        ]

    def hook(obj: Any, cls: Any) -> CatalogDocument:
        if not isinstance(obj, Mapping):
            raise InvalidValueError("", obj, "must be a table with a 'procedures' list")
        if "procedures" not in obj:
            raise ValidationError([Problem("procedures", "is required (a list of procedures)")])
        catalog: CatalogDocument = _all_problems(
            base, obj, cls, lambda: version_problems(entries(obj))
        )
        return catalog

    return hook


def _day(value: Any) -> Any:
    """A date read from a document (TOML date or ISO text), else ``"?"`` (cannot be read)."""
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(value)
    return "?"


@functools.cache
def converter(format: Format) -> cattrs.Converter:
    """The converter for one file format (TOML has native dates; JSON has strings)."""
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    register_scalars(conv, _ENUMS)
    conv.register_structure_hook(ProcessingTime, _processing_time)
    for part in (Fee, RequiredDocument, Step, Extension):
        conv.register_structure_hook(part, _table_hook(part, conv))
    conv.register_structure_hook(Procedure, _procedure_hook(conv))
    conv.register_structure_hook(CatalogDocument, _catalog_hook(conv))

    conv.register_unstructure_hook(ProcessingTime, _unstructure_processing_time)
    conv.register_unstructure_hook(dt.time, _unstructure_time)
    if format == "json":
        conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    else:
        conv.register_unstructure_hook(dt.date, lambda d: d)
    conv.register_unstructure_hook_func(
        is_frozenset,
        lambda value: sorted(conv.unstructure(v) for v in value),
    )
    conv.register_unstructure_hook(
        CatalogDocument,
        make_dict_unstructure_fn(
            CatalogDocument,
            conv,
            _cattrs_omit_if_default=True,
            procedures=override(omit_if_default=False),  # always written, even when empty
        ),
    )
    return conv


# ------------------------------------------------------------------------------------ problems


# ------------------------------------------------------------------------------ load and dump


def structure(data: Any, format: Format, *, source: str) -> CatalogDocument:
    """Build a catalogue from parsed data, reporting every problem at once."""
    try:
        return converter(format).structure(data, CatalogDocument)
    except Exception as exc:
        problems = problems_of(exc)
        raise ValidationError(
            [p if p.path else Problem("(document)", p.message) for p in problems], source=source
        ) from None


def loads(text: str, format: Format, *, source: str) -> CatalogDocument:
    """Read a catalogue from text."""
    fmt = check_format(format)
    if not isinstance(text, str):
        raise InvalidValueError("text", text, "must be a string")
    return structure(parse(text, fmt, source=source), fmt, source=source)


def _format_of(path: Path, format: Format | None) -> Format:
    if format is not None:
        return check_format(format)
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise InvalidValueError("path", str(path), "needs a .toml or .json suffix, or format=")
    return suffix


def load(path: Path, format: Format | None) -> CatalogDocument:
    """Read a catalogue file (UTF-8, with or without a byte-order mark)."""
    fmt = _format_of(path, format)
    return loads(decode(read_file(path), source=str(path)), fmt, source=str(path))


def dumps(catalog: CatalogDocument, format: Format) -> str:
    """Write a catalogue as text."""
    fmt = check_format(format)
    data = converter(fmt).unstructure(catalog, CatalogDocument)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return tomli_w.dumps(data)


def dump(catalog: CatalogDocument, path: Path, format: Format | None) -> None:
    """Write a catalogue file."""
    write_file(path, dumps(catalog, _format_of(path, format)))


@functools.cache
def load_sample() -> CatalogDocument:
    """The shipped sample catalogue, read on first use."""
    text = resources.files("adminflow").joinpath(_SAMPLE).read_text(encoding="utf-8")
    return loads(text, "toml", source=f"adminflow:{_SAMPLE}")
