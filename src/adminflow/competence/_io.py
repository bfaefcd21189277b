"""Reading and writing competence rule sets as TOML or JSON (cattrs).

Private module; the public functions are re-exported by :mod:`adminflow.competence`.

A document is a table with optional ``title`` and arrays of tables ``authorities``,
``assignments``, ``decentralizations``, ``authorizations``, ``boundary_free`` and
``exclusions`` and ``districts``. A rule's scope is written flat (``procedures = [...]``,
``fields = [...]``), a seat as ``"level/kind[@authority-id]"``, a reference as an inline table
``{ instrument = "...", issued_on = 2025-06-12, article = "Art. 5(1)(m)" }``, dates as TOML
dates or ISO strings in JSON.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Any, TypeVar

import cattrs
import tomli_w
from cattrs.errors import ForbiddenExtraKeysError

from adminflow._documents import (
    FORMATS,
    check_format,
    collection_hook,
    decode,
    is_frozenset,
    known_keys,
    parse,
    problems_of,
    read_file,
    register_scalars,
    suggest,
)
from adminflow.competence._model import Seat
from adminflow.errors import InvalidValueError, Problem, ValidationError
from adminflow.jurisdictions import AuthorityKind, Level

__all__ = [
    "example_text",
    "parse_rules",
    "path_and_format",
    "read_rules_text",
    "rules_from_dict",
    "rules_text",
    "rules_to_dict",
]

_R = TypeVar("_R")

_LISTS = ("assignments", "decentralizations", "authorizations", "boundary_free", "exclusions")
_DATE = "must be an ISO date YYYY-MM-DD"


def _structure_seat(value: Any, _: Any) -> Seat:
    return Seat.parse(value)


@functools.cache
def _converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True)
    register_scalars(converter, (AuthorityKind, Level), date_reason=_DATE)
    converter.register_structure_hook(Seat, _structure_seat)
    strings = collection_hook(frozenset[str], converter, reason="must be a list of strings")
    converter.register_structure_hook_func(lambda t: t == frozenset[str], strings)
    converter.register_unstructure_hook(Seat, str)
    converter.register_unstructure_hook_func(is_frozenset, sorted)
    return converter


def _problems(exc: BaseException, path: str, type_: Any) -> list[Problem]:
    """A rule document's problem: at the table for unknown keys, a field named in the message.

    The structure hooks leave the field out (the path names it); a seat or an object's own
    check (e.g. an authority's unit_code) names it.
    """
    path = path.replace(".scope.", ".")  # a rule's scope is written flat
    if isinstance(exc, InvalidValueError):
        field = f"{exc.field}: " if exc.field and exc.field != "seat" else ""
        return [Problem(path, f"{field}{exc.reason}, got {exc.value!r}")]
    if isinstance(exc, ForbiddenExtraKeysError):  # reported at the table that has them
        known = known_keys(exc.cl)
        keys = sorted(exc.extra_fields, key=str)
        named = ", ".join(f"{k}{suggest(k, known)}" for k in keys)
        return [Problem(path, f"unknown key{'s' if len(keys) > 1 else ''}: {named}")]
    if isinstance(exc, KeyError):
        return [Problem(path, "required field missing")]
    if isinstance(exc, AttributeError):  # cattrs met a non-table where it wanted a table
        return [Problem(path, "must be a table")]
    return [Problem(path, cattrs.v.format_exception(exc, type_))]


def _nest_scopes(document: dict[str, Any], problems: list[Problem]) -> dict[str, Any]:
    """Move each rule's flat ``procedures``/``fields`` into a ``scope`` table.

    Appends to ``problems`` what cattrs would misreport: a list written as a single table
    (each of its keys would be taken for an entry) and a rule with its own ``scope`` key.
    """
    document = copy.copy(document)
    for name in (*_LISTS, "authorities", "districts"):
        entries = document.get(name)
        if entries is not None and not isinstance(entries, list):
            problems.append(Problem(name, "must be an array of tables ([[...]] in TOML)"))
            document[name] = []
            continue
        if name not in _LISTS or entries is None:
            continue
        nested = []
        for i, entry in enumerate(entries):
            if isinstance(entry, dict):
                entry = dict(entry)
                if "scope" in entry:
                    problems.append(
                        Problem(
                            f"{name}[{i}].scope",
                            "unknown key: write procedures and fields directly in the rule",
                        )
                    )
                entry["scope"] = {k: entry.pop(k) for k in ("procedures", "fields") if k in entry}
            nested.append(entry)
        document[name] = nested
    return document


def _plain(value: Any, *, dates_as_text: bool) -> Any:
    """The document without empty values, with dates as ISO text when asked (for JSON)."""
    if isinstance(value, dict):
        return {
            k: _plain(v, dates_as_text=dates_as_text)
            for k, v in value.items()
            if v is not None and v != ""
        }
    if isinstance(value, list):
        return [_plain(v, dates_as_text=dates_as_text) for v in value]
    if dates_as_text and isinstance(value, dt.date):
        return value.isoformat()
    return value


def rules_from_dict(document: Any, cls: type[_R], *, source: str) -> _R:
    """Build a rule set of class ``cls`` from a parsed document, reporting every problem at once.

    Raises:
        ValidationError: The document is malformed (wrong types, nesting or keys).
    """
    if not isinstance(document, dict):
        raise ValidationError([Problem("", "the document must be a table")], source=source)
    problems: list[Problem] = []
    nested = _nest_scopes(document, problems)
    try:
        rules = _converter().structure(nested, cls)
    except (cattrs.BaseValidationError, InvalidValueError, TypeError, ValueError) as exc:
        problems += problems_of(exc, leaf=_problems)
    if problems:
        raise ValidationError(problems, source=source)
    return rules


def rules_to_dict(rules: object, *, dates_as_text: bool = False) -> dict[str, Any]:
    """The document form of a rule set (the inverse of :func:`rules_from_dict`)."""
    document: dict[str, Any] = _converter().unstructure(rules)
    for name in _LISTS:
        for entry in document.get(name, []):
            scope = entry.pop("scope", {})
            for key in ("procedures", "fields"):
                if scope.get(key):
                    entry[key] = scope[key]
    for name in (*_LISTS, "authorities", "districts"):
        if not document.get(name):
            document.pop(name, None)
    plain: dict[str, Any] = _plain(document, dates_as_text=dates_as_text)
    return plain


def parse_rules(text: str, format: str, *, source: str) -> Any:
    """The parsed document of TOML or JSON text; unreadable text is the document's problem."""
    fmt = check_format(format)
    if not isinstance(text, str):
        raise InvalidValueError("text", text, "must be a string (decode bytes first)")
    try:
        return parse(text, fmt, source=source)
    except InvalidValueError as exc:  # reported as the document's problem
        raise ValidationError([Problem("", exc.reason)], source=source) from None


def path_and_format(path: str | Path) -> tuple[Path, str]:
    """The path and its format (from the suffix)."""
    if not isinstance(path, str | PathLike):
        raise InvalidValueError("path", path, "must be a str or a Path")
    path = Path(path)
    format_ = path.suffix.lower().lstrip(".")
    if format_ not in FORMATS:
        raise InvalidValueError("path", str(path), "must end in .toml or .json")
    return path, format_


def read_rules_text(path: Path) -> str:
    """The text of a rule file (UTF-8, with or without a byte-order mark)."""
    try:
        return decode(read_file(path), source=str(path))
    except InvalidValueError as exc:
        raise ValidationError([Problem("", exc.reason)], source=str(path)) from None


def rules_text(rules: object, format: str) -> str:
    """A rule set as TOML or JSON text."""
    if format == "toml":
        return tomli_w.dumps(rules_to_dict(rules))
    if format == "json":
        return (
            json.dumps(rules_to_dict(rules, dates_as_text=True), ensure_ascii=False, indent=2)
            + "\n"
        )
    raise InvalidValueError("format", format, "must be 'toml' or 'json'")


def example_text() -> str:
    """The text of the example Khánh Hòa rules (``adminflow/data/competence_khanh_hoa.toml``)."""
    return (resources.files("adminflow") / "data" / "competence_khanh_hoa.toml").read_text(
        encoding="utf-8"
    )
