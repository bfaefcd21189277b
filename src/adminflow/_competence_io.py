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
import enum
import functools
import json
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import cattrs
import tomli_w

from adminflow._competence_model import Seat
from adminflow._competence_rules import CompetenceRules
from adminflow.errors import InvalidValueError, Problem, ValidationError
from adminflow.jurisdictions import AuthorityKind, Level

__all__ = ["dump_rules", "dumps_rules", "example_rules", "load_rules", "loads_rules"]

_LISTS = ("assignments", "decentralizations", "authorizations", "boundary_free", "exclusions")
_FORMATS = ("toml", "json")


def _structure_date(value: Any, _: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise InvalidValueError("date", value, "must be a date, not a date and time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise InvalidValueError("date", value, "must be an ISO date YYYY-MM-DD") from None
    raise InvalidValueError("date", value, "must be a date")


def _structure_seat(value: Any, _: Any) -> Seat:
    return Seat.parse(value)


def _structure_strings(value: Any, _: Any) -> frozenset[str]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise InvalidValueError("scope", value, "must be a list of strings")
    return frozenset(value)


def _structure_str(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise InvalidValueError("text", value, "must be a string")
    return value


def _structure_enum(value: Any, type_: type[enum.StrEnum]) -> enum.StrEnum:
    try:
        return type_(value)
    except ValueError:
        choices = ", ".join(type_)
        raise InvalidValueError(type_.__name__, value, f"must be one of {choices}") from None


def _structure_bool(value: Any, _: Any) -> bool:
    if not isinstance(value, bool):
        raise InvalidValueError("flag", value, "must be true or false")
    return value


def _is_frozenset(type_: Any) -> bool:
    return type_ is frozenset or getattr(type_, "__origin__", None) is frozenset


@functools.cache
def _converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_structure_hook(Seat, _structure_seat)
    converter.register_structure_hook_func(lambda t: t == frozenset[str], _structure_strings)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(bool, _structure_bool)
    for kind in (AuthorityKind, Level):
        converter.register_structure_hook(kind, _structure_enum)
    converter.register_unstructure_hook(Seat, str)
    converter.register_unstructure_hook_func(_is_frozenset, sorted)
    return converter


def _format_exception(exc: BaseException, type_: Any) -> str:
    if isinstance(exc, InvalidValueError):
        return exc.reason
    if isinstance(exc, KeyError):
        return "required field missing"
    return cattrs.v.format_exception(exc, type_)


def _nest_scopes(document: dict[str, Any]) -> dict[str, Any]:
    """Move each rule's flat ``procedures``/``fields`` into a ``scope`` table."""
    document = copy.copy(document)
    for name in _LISTS:
        entries = document.get(name)
        if not isinstance(entries, list):
            continue
        nested = []
        for entry in entries:
            if isinstance(entry, dict):
                entry = dict(entry)
                scope = {k: entry.pop(k) for k in ("procedures", "fields") if k in entry}
                entry["scope"] = scope
            nested.append(entry)
        document[name] = nested
    return document


def _drop_nones(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_nones(v) for k, v in value.items() if v is not None and v != ""}
    if isinstance(value, list):
        return [_drop_nones(v) for v in value]
    return value


def _dates_to_text(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _dates_to_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_to_text(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def rules_from_dict(
    document: Any, *, source: str = "competence rules", validate: bool = True
) -> CompetenceRules:
    """Build a rule set from a parsed document, reporting every problem at once.

    Raises:
        ValidationError: The document is malformed, or (with ``validate``) the rules are
            inconsistent (see :meth:`CompetenceRules.problems`).
    """
    if not isinstance(document, dict):
        raise ValidationError([Problem("", "the document must be a table")], source=source)
    try:
        rules = _converter().structure(_nest_scopes(document), CompetenceRules)
    except (cattrs.BaseValidationError, InvalidValueError, TypeError, ValueError) as exc:
        problems = []
        for line in cattrs.transform_error(exc, path="$", format_exception=_format_exception):
            message, _, path = line.rpartition(" @ ")
            path = path.removeprefix("$").removeprefix(".").replace(".scope.", ".")
            problems.append(Problem(path, message))
        raise ValidationError(problems, source=source) from None
    if validate:
        rules.validate(source=source)
    return rules


def rules_to_dict(rules: CompetenceRules, *, dates_as_text: bool = False) -> dict[str, Any]:
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
    document = _drop_nones(document)
    return _dates_to_text(document) if dates_as_text else document


def loads_rules(
    text: str,
    *,
    format: str = "toml",
    source: str = "<string>",
    validate: bool = True,
) -> CompetenceRules:
    """Read a rule set from TOML or JSON text.

    Args:
        text: The document.
        format: ``"toml"`` or ``"json"``.
        source: Name used in error messages (e.g. the file name).
        validate: Also check the rules' consistency (without catalogue or gazetteer).

    Raises:
        ValidationError: Every problem of the document, at once.
        InvalidValueError: ``format`` is not ``"toml"`` or ``"json"``.

    Examples:
        >>> rules = loads_rules('''
        ... [[decentralizations]]
        ... id = "permits"
        ... procedures = ["1.013225"]
        ... grantor = "district/peoples_committee"
        ... grantee = "commune/peoples_committee"
        ... valid_from = 2025-07-01
        ... valid_until = 2027-02-28
        ... reference = { instrument = "Decree 140/2025/NĐ-CP", article = "Art. 4(1)" }
        ... ''')
        >>> str(rules.decentralizations[0].grantee)
        'commune/peoples_committee'
    """
    if format not in _FORMATS:
        raise InvalidValueError("format", format, "must be 'toml' or 'json'")
    try:
        document = tomllib.loads(text) if format == "toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(
            [Problem("", f"invalid {format.upper()}: {exc}")], source=source
        ) from None
    return rules_from_dict(document, source=source, validate=validate)


def load_rules(path: str | Path, *, validate: bool = True) -> CompetenceRules:
    """Read a rule set from a ``.toml`` or ``.json`` file (format from the suffix).

    Raises:
        ValidationError: Every problem of the document, at once.
        InvalidValueError: The suffix is neither ``.toml`` nor ``.json``.
    """
    path = Path(path)
    format_ = path.suffix.lower().lstrip(".")
    if format_ not in _FORMATS:
        raise InvalidValueError("path", str(path), "must end in .toml or .json")
    return loads_rules(
        path.read_text(encoding="utf-8"), format=format_, source=str(path), validate=validate
    )


def dumps_rules(rules: CompetenceRules, *, format: str = "toml") -> str:
    """Write a rule set as TOML or JSON text; :func:`loads_rules` reads it back unchanged.

    Raises:
        InvalidValueError: ``format`` is not ``"toml"`` or ``"json"``.
    """
    if format == "toml":
        return tomli_w.dumps(rules_to_dict(rules))
    if format == "json":
        return (
            json.dumps(rules_to_dict(rules, dates_as_text=True), ensure_ascii=False, indent=2)
            + "\n"
        )
    raise InvalidValueError("format", format, "must be 'toml' or 'json'")


def dump_rules(rules: CompetenceRules, path: str | Path) -> None:
    """Write a rule set to a ``.toml`` or ``.json`` file (format from the suffix).

    Raises:
        InvalidValueError: The suffix is neither ``.toml`` nor ``.json``.
    """
    path = Path(path)
    format_ = path.suffix.lower().lstrip(".")
    if format_ not in _FORMATS:
        raise InvalidValueError("path", str(path), "must end in .toml or .json")
    path.write_text(dumps_rules(rules, format=format_), encoding="utf-8")


@functools.cache
def example_rules() -> CompetenceRules:
    """The example Khánh Hòa rule set shipped in ``adminflow/data/competence_khanh_hoa.toml``."""
    text = (resources.files("adminflow") / "data" / "competence_khanh_hoa.toml").read_text(
        encoding="utf-8"
    )
    return loads_rules(text, source="competence_khanh_hoa.toml")
