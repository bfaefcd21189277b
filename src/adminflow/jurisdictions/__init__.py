"""Jurisdictions (địa giới hành chính): levels, administrative units and authorities.

Since 1 July 2025 local government has two levels, the province (cấp tỉnh) and the commune
(cấp xã); the district level (cấp huyện) is no longer organised (Law on Organization of Local
Government No. 72/2025/QH15). :attr:`Level.DISTRICT` is kept only for dossiers received
before that date.
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
from adminflow.jurisdictions._functions import AuthorityFunction, authority_functions
from adminflow.jurisdictions._gazetteer import Gazetteer
from adminflow.jurisdictions._history import LegacyKind, LegacyUnit
from adminflow.jurisdictions._person_codes import (
    mask_number,
    validate_personal_id,
    validate_tax_code,
)
from adminflow.jurisdictions._units import (
    AdministrativeUnit,
    Authority,
    AuthorityKind,
    Level,
    UnitKind,
)

__all__ = [
    "DOSSIER_CODE_2026_FROM",
    "MAX_AGENCY_CODE_LENGTH",
    "AdministrativeUnit",
    "AgencyCode",
    "AgencyCodeLayout",
    "Authority",
    "AuthorityFunction",
    "AuthorityKind",
    "DossierCode",
    "DossierCodeLayout",
    "Gazetteer",
    "LegacyKind",
    "LegacyUnit",
    "Level",
    "UnitKind",
    "authority_functions",
    "mask_number",
    "parse_agency_code",
    "parse_dossier_code",
    "validate_agency_code",
    "validate_personal_id",
    "validate_procedure_code",
    "validate_tax_code",
]
