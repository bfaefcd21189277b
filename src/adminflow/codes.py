"""Codes: electronic agency identifiers, dossier codes and procedure codes.

This public module keeps the import path ``adminflow.codes``; the implementation lives in the
jurisdictions package (:mod:`adminflow.jurisdictions`), which re-exports the same names.
It also checks the applicant's numbers: the personal identification number and the tax code.
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
from adminflow.jurisdictions._person_codes import (
    mask_number,
    validate_personal_id,
    validate_tax_code,
)

__all__ = [
    "DOSSIER_CODE_2026_FROM",
    "MAX_AGENCY_CODE_LENGTH",
    "AgencyCode",
    "AgencyCodeLayout",
    "DossierCode",
    "DossierCodeLayout",
    "mask_number",
    "parse_agency_code",
    "parse_dossier_code",
    "validate_agency_code",
    "validate_personal_id",
    "validate_procedure_code",
    "validate_tax_code",
]
