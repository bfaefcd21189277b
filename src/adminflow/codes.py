"""Codes: electronic agency identifiers, dossier codes and procedure codes.

This public module keeps the import path ``adminflow.codes``; the implementation lives in the
jurisdictions package (:mod:`adminflow.jurisdictions`), which re-exports the same names.
"""

from adminflow.jurisdictions._codes import (
    DOSSIER_CODE_2026_FROM,
    MAX_AGENCY_CODE_LENGTH,
    AgencyCode,
    AgencyCodeLayout,
    DossierCode,
    DossierCodeLayout,
    parse_agency_code,
    parse_dossier_code,
    validate_agency_code,
    validate_procedure_code,
)

__all__ = [
    "DOSSIER_CODE_2026_FROM",
    "MAX_AGENCY_CODE_LENGTH",
    "AgencyCode",
    "AgencyCodeLayout",
    "DossierCode",
    "DossierCodeLayout",
    "parse_agency_code",
    "parse_dossier_code",
    "validate_agency_code",
    "validate_procedure_code",
]
