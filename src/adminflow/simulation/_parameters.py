"""The parameters of a synthetic workload (tham số mô phỏng), as data with their sources.

A :class:`Parameters` set says how many dossiers a province receives in a period, through which
channels, for which procedures and units, and how often the workflow's exceptional paths
happen (supplement requests, refusals, stops, extensions). It is read from TOML; the default,
:meth:`Parameters.khanh_hoa_2025q3`, is shipped in ``adminflow/data``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from adminflow import _documents
from adminflow.codes import parse_agency_code
from adminflow.errors import InvalidValueError

__all__ = ["SHARES", "Parameters", "ProcedureWeight"]

#: Every share of :attr:`Parameters.shares`: its default and what it means.
SHARES: dict[str, tuple[float, str]] = {
    "online": (0.876, "dossiers filed online"),
    "on_time": (0.999, "dossiers resolved early or on time (the rest are made late on purpose)"),
    "postal": (0.05, "paper dossiers that arrive by post rather than at the desk"),
    "online_on_days_off": (0.08, "online dossiers filed on a day off"),
    "reception_supplement": (0.03, "dossiers returned for a supplement at reception"),
    "appraisal_supplement": (0.015, "dossiers asked for a supplement after appraisal"),
    "supplement_abandoned": (0.12, "supplement requests the applicant never answers"),
    "refused_at_reception": (0.004, "dossiers refused at reception"),
    "refused": (0.003, "dossiers refused after processing"),
    "stopped": (0.002, "dossiers the applicant stops"),
    "extended": (0.01, "dossiers whose appointment is extended once (multi-day procedures)"),
    "paid_online": (0.9, "online dossiers with a fee that pay online"),
    "e_result_online": (0.98, "online dossiers given an electronic result"),
    "e_result_paper": (0.15, "paper dossiers given an electronic result"),
    "digitised": (0.96, "dossiers digitised at receipt"),
    "reused_data": (0.35, "dossiers that reuse digitised data"),
    "boundary_free": (0.04, "dossiers of listed procedures filed at another commune's desk"),
    "authorizing_units": (0.4, "communes whose chairman authorizes the Culture-Society office"),
    "processing_low": (0.1, "share of the legal time the fastest dossiers use"),
    "processing_high": (0.8, "share of the legal time the slowest on-time dossiers use"),
}
_KNOWN_KEYS = (
    "title",
    "province",
    "first_day",
    "last_day",
    "dossiers",
    "agency_code",
    "units",
    "shares",
    "unit_weights",
    "procedures",
    "simulated_rules",
    "sources",
)
_MAX_DOSSIERS = 10_000_000


def _text(field: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(field, value, "must be a non-empty string")
    return value


def _texts(field: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
        raise InvalidValueError(field, value, "must be a list of strings")
    return tuple(_text(f"{field}[{i}]", item) for i, item in enumerate(value))


def _agency(field: str, value: object) -> str:
    if not isinstance(value, str) or not value.isascii() or not value.isalnum():
        raise InvalidValueError(field, value, "must be a level-1 agency code like H41")
    parse_agency_code(f"000.00.01.{value}", field=field)
    return value


def _share(field: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValueError(field, value, "must be a number from 0 to 1")
    if not 0.0 <= float(value) <= 1.0:
        raise InvalidValueError(field, value, "must be from 0 to 1")
    return float(value)


def _weight(field: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValueError(field, value, "must be a number >= 0")
    if not math.isfinite(float(value)) or float(value) < 0:
        raise InvalidValueError(field, value, "must be a finite number >= 0")
    return float(value)


def _date(field: str, value: object) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidValueError(field, value, "must be a date YYYY-MM-DD")
    return value


def _count(field: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValueError(field, value, "must be an integer")
    if not 1 <= value <= _MAX_DOSSIERS:
        raise InvalidValueError(field, value, f"must be from 1 to {_MAX_DOSSIERS:,}")
    return value


def _table(field: str, value: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidValueError(field, type(value).__name__, "must be a table")
    for key in value:
        if not isinstance(key, str):
            raise InvalidValueError(field, key, "keys must be strings")
    return value


def _shares(value: object) -> Mapping[str, float]:
    table = _table("shares", value)
    for key in table:
        if key not in SHARES:
            raise InvalidValueError(
                f"shares.{key}", table[key], f"is not a share{_documents.suggest(key, SHARES)}"
            )
    out = {key: default for key, (default, _) in SHARES.items()}
    out.update({key: _share(f"shares.{key}", v) for key, v in table.items()})
    return out


def _unit_weights(value: object) -> Mapping[str, float]:
    table = _table("unit_weights", value)
    return {key: _weight(f"unit_weights.{key}", v) for key, v in table.items()}


def _sources(value: object) -> Mapping[str, str]:
    table = _table("sources", value)
    return {key: _text(f"sources.{key}", v) for key, v in table.items()}


def _procedures(value: object) -> tuple[ProcedureWeight, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
        raise InvalidValueError("procedures", value, "must be a list")
    items: list[ProcedureWeight] = []
    for i, item in enumerate(value):
        if isinstance(item, ProcedureWeight):
            items.append(item)
            continue
        table = _table(f"procedures[{i}]", item)
        unknown = sorted(set(table) - {"code", "weight"})
        if unknown:
            raise InvalidValueError(f"procedures[{i}].{unknown[0]}", table[unknown[0]], "unknown")
        if "code" not in table or "weight" not in table:
            raise InvalidValueError(f"procedures[{i}]", sorted(table), "needs code and weight")
        items.append(ProcedureWeight(table["code"], table["weight"]))
    if not items:
        raise InvalidValueError("procedures", value, "must name at least one procedure")
    codes = [p.code for p in items]
    for code in codes:
        if codes.count(code) > 1:
            raise InvalidValueError("procedures", code, "is listed twice")
    if sum(p.weight for p in items) <= 0:
        raise InvalidValueError("procedures", [p.weight for p in items], "weights sum to 0")
    return tuple(items)


def _code(v: object) -> str:
    return _text("procedures.code", v)


def _procedure_weight(v: object) -> float:
    return _weight("procedures.weight", v)


def _title(v: object) -> str:
    return _text("title", v)


def _province(v: object) -> str:
    return _text("province", v)


def _first_day(v: object) -> dt.date:
    return _date("first_day", v)


def _last_day(v: object) -> dt.date:
    return _date("last_day", v)


def _dossiers(v: object) -> int:
    return _count("dossiers", v)


def _agency_code(v: object) -> str:
    return _agency("agency_code", v)


def _units(v: object) -> tuple[str, ...]:
    return _texts("units", v)


def _bf_codes(v: object) -> tuple[str, ...]:
    return _texts("boundary_free_procedures", v)


def _authorized_codes(v: object) -> tuple[str, ...]:
    return _texts("authorized_procedures", v)


@attrs.frozen
class ProcedureWeight:
    """A procedure of the workload and its share of arrivals (relative weight).

    Raises:
        InvalidValueError: The code is blank or the weight is negative.
    """

    code: str = attrs.field(converter=_code)
    weight: float = attrs.field(converter=_procedure_weight)


@attrs.frozen(kw_only=True)
class Parameters:
    """A province's workload for one period: volumes, channels, mix and exceptional paths.

    Attributes:
        title: What the parameter set describes.
        province: The province code (``"56"``).
        first_day: First day of the period (arrivals from 00:00, Vietnam time).
        last_day: Last day of the period (the simulation's horizon is its end).
        dossiers: How many dossiers are filed in the period.
        agency_code: The province's level-1 agency code (Decision 20/2020/QĐ-TTg Appendix I,
            e.g. ``"H41"``); the simulated bodies' identifiers are built under it.
        units: Commune-level units that receive dossiers; empty means every commune of the
            province.
        shares: The rates of :data:`SHARES` (fractions from 0 to 1), defaults filled in.
        unit_weights: Relative arrival weight per unit kind (``phuong``, ``xa``, ``dac_khu``).
        procedures: The procedure mix.
        boundary_free_procedures: Procedures the simulated province lists for boundary-free
            receipt from ``first_day`` (an illustrative provincial decision).
        authorized_procedures: Procedures the commune chairman authorizes the Culture-Society
            office to decide in a share of the communes (illustrative).
        sources: Where each number comes from, by parameter name.

    Raises:
        InvalidValueError: A field is missing, of the wrong type or out of range; the error
            names the field.

    Examples:
        >>> p = Parameters.khanh_hoa_2025q3()
        >>> p.dossiers, p.shares["online"], p.first_day.isoformat()
        (23700, 0.876, '2025-07-01')
        >>> p.scaled(500).dossiers
        500
    """

    title: str = attrs.field(converter=_title)
    province: str = attrs.field(converter=_province)
    first_day: dt.date = attrs.field(converter=_first_day)
    last_day: dt.date = attrs.field(converter=_last_day)
    dossiers: int = attrs.field(converter=_dossiers)
    agency_code: str = attrs.field(converter=_agency_code)
    units: tuple[str, ...] = attrs.field(default=(), converter=_units)
    shares: Mapping[str, float] = attrs.field(factory=dict, converter=_shares)
    unit_weights: Mapping[str, float] = attrs.field(
        factory=lambda: {"phuong": 1.0, "xa": 1.0, "dac_khu": 1.0}, converter=_unit_weights
    )
    procedures: tuple[ProcedureWeight, ...] = attrs.field(converter=_procedures)
    boundary_free_procedures: tuple[str, ...] = attrs.field(default=(), converter=_bf_codes)
    authorized_procedures: tuple[str, ...] = attrs.field(default=(), converter=_authorized_codes)
    sources: Mapping[str, str] = attrs.field(factory=dict, converter=_sources)

    def __attrs_post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise InvalidValueError("last_day", self.last_day, "must not be before first_day")
        if (self.last_day - self.first_day).days > 3660:
            raise InvalidValueError("last_day", self.last_day, "the period is at most 10 years")
        if self.shares["processing_low"] > self.shares["processing_high"]:
            raise InvalidValueError(
                "shares.processing_low",
                self.shares["processing_low"],
                "must not exceed shares.processing_high",
            )

    @property
    def late_share(self) -> float:
        """The share of dossiers made late on purpose (``1 - shares["on_time"]``)."""
        return 1.0 - self.shares["on_time"]

    def scaled(self, dossiers: int) -> Parameters:
        """The same workload with another number of dossiers (same shares and mix).

        Raises:
            InvalidValueError: ``dossiers`` is not an integer from 1 to 10,000,000.
        """
        return attrs.evolve(self, dossiers=_count("dossiers", dossiers))

    @classmethod
    def from_dict(cls, data: object, *, source: str = "<data>") -> Parameters:
        """Parameters from a mapping shaped like the TOML document.

        Raises:
            InvalidValueError: An unknown key, a missing field or a bad value (named).
        """
        table = _table(source, data)
        for key in table:
            if key not in _KNOWN_KEYS:
                raise InvalidValueError(
                    key, table[key], f"is not a parameter{_documents.suggest(key, _KNOWN_KEYS)}"
                )
        required = ("title", "province", "first_day", "last_day", "dossiers", "agency_code")
        for key in (*required, "procedures"):
            if key not in table:
                raise InvalidValueError(key, None, f"is missing from {source}")
        rules = _table("simulated_rules", table.get("simulated_rules", {}))
        for key in rules:
            if key not in ("boundary_free_procedures", "authorized_procedures"):
                raise InvalidValueError(f"simulated_rules.{key}", rules[key], "is unknown")
        return cls(
            title=table["title"],
            province=table["province"],
            first_day=table["first_day"],
            last_day=table["last_day"],
            dossiers=table["dossiers"],
            agency_code=table["agency_code"],
            units=table.get("units", []),
            shares=table.get("shares", {}),
            unit_weights=table.get("unit_weights", {"phuong": 1.0, "xa": 1.0, "dac_khu": 1.0}),
            procedures=table["procedures"],
            boundary_free_procedures=rules.get("boundary_free_procedures", []),
            authorized_procedures=rules.get("authorized_procedures", []),
            sources=table.get("sources", {}),
        )

    @classmethod
    def loads(cls, text: object, *, source: str = "<string>") -> Parameters:
        """Parameters from TOML text (the layout of the shipped Khánh Hòa file).

        Raises:
            InvalidValueError: Not TOML, or a parameter is missing or bad.
        """
        if not isinstance(text, str):
            raise InvalidValueError("text", type(text).__name__, "must be TOML text")
        if not isinstance(source, str):
            raise InvalidValueError("source", source, "must be a string")
        return cls.from_dict(_documents.parse(text, "toml", source=source), source=source)

    @classmethod
    def load(cls, path: str | Path) -> Parameters:
        """Parameters from a TOML file.

        Raises:
            InvalidValueError: The file cannot be read, or its content is not valid.
        """
        if not isinstance(path, str | Path):
            raise InvalidValueError("path", path, "must be a path")
        try:
            data = Path(path).read_bytes()
        except (OSError, ValueError) as exc:
            raise InvalidValueError("path", str(path), f"cannot be read ({exc})") from None
        return cls.loads(_documents.decode(data, source=str(path)), source=str(path))

    @classmethod
    def khanh_hoa_2025q3(cls) -> Parameters:
        """The shipped default: a province quarter like Khánh Hòa's third quarter of 2025.

        65 commune-level units, 23,700 dossiers, 87.6 % filed online, 99.9 % early or on time
        (figures quoted in adminflow's issue 12; their press source was not read), and assumed
        rates for the rest, each with its source in :attr:`sources`.
        """
        text = (
            resources.files("adminflow") / "data" / "simulation_khanh_hoa_2025q3.toml"
        ).read_text(encoding="utf-8")
        return cls.loads(text, source="simulation_khanh_hoa_2025q3.toml")
