"""Helpers for testing code built on adminflow: hypothesis strategies and fakes.

Needs the ``hypothesis`` package (``pip install adminflow[test]``).
"""

from adminflow.testing._units import (
    agency_codes,
    authorities,
    communes,
    dossier_codes,
    gazetteers,
    provinces,
    unit_names,
    units,
)

__all__ = [
    "agency_codes",
    "authorities",
    "communes",
    "dossier_codes",
    "gazetteers",
    "provinces",
    "unit_names",
    "units",
]
