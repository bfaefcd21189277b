"""The unit tables shipped in ``adminflow/data``, read on first use (never at import time).

``units_2025.tsv`` holds the 34 provinces and 3,321 commune-level units with the codes of
Decision 19/2025/QĐ-TTg; ``units_before_2025.tsv`` the 63 provinces, 696 districts and 10,035
communes in force on 30 June 2025, each with the units that took it over on 1 July 2025. Both
were extracted from the ``vietnamadminunits`` package (MIT) by ``scripts/extract_units.py``,
which records the source and its date in the first line of each file.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources

from adminflow.jurisdictions._search import clean_name
from adminflow.jurisdictions._units import AdministrativeUnit, UnitKind

__all__ = ["UNITS_2025", "UNITS_BEFORE_2025", "data_version", "load_vietnam", "read_table"]

UNITS_2025 = "units_2025.tsv"
UNITS_BEFORE_2025 = "units_before_2025.tsv"
_VERSION_PREFIX = "# data_version: "


def _text(name: str) -> str:
    return (resources.files("adminflow") / "data" / name).read_text(encoding="utf-8")


def read_table(name: str) -> list[list[str]]:
    """The rows of a shipped table, each split on tabs; comment lines (``#``) are skipped."""
    return [
        line.split("\t") for line in _text(name).splitlines() if line and not line.startswith("#")
    ]


def data_version() -> str:
    """Source and date of the shipped tables, from the first line of ``units_2025.tsv``."""
    with (resources.files("adminflow") / "data" / UNITS_2025).open(encoding="utf-8") as table:
        first = table.readline()
    return first.removeprefix(_VERSION_PREFIX).strip()


def load_vietnam() -> Iterator[AdministrativeUnit]:
    """Yield the 34 provinces, then the 3,321 commune-level units, of ``units_2025.tsv``."""
    for code, kind, name, province in read_table(UNITS_2025):
        yield AdministrativeUnit(code, clean_name(name), UnitKind(kind), province or None)
