"""adminflow: Vietnamese administrative procedures and the workflows of their dossiers.

Every public name is importable from here (``from adminflow import WorkingCalendar``). The
names are loaded on first use (PEP 562), so ``import adminflow`` and ``adminflow --help`` stay
fast: a part of the library is imported only when one of its names is.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from adminflow.calendar import (
        Closure,
        DayKind,
        DayNote,
        Deadline,
        ExtraWorkingDay,
        OfficeSession,
        ProcessingTime,
        Reason,
        ReasonKind,
        TimeUnit,
        Weekday,
        WorkingCalendar,
    )
    from adminflow.competence import (
        Assignment,
        AuthorityDirectory,
        Authorization,
        BoundaryFreeExclusion,
        BoundaryFreeList,
        Competence,
        CompetenceResolver,
        CompetenceRules,
        Decentralization,
        LegalReference,
        ReceiptDecision,
        Seat,
        classify_online_service,
        online_service_regime,
    )
    from adminflow.errors import (
        AdminflowError,
        AmbiguousCompetenceError,
        AmbiguousUnitError,
        CalendarError,
        CompetenceError,
        ConcurrencyError,
        ConfigurationError,
        GuardFailedError,
        InvalidValueError,
        NoCompetentAuthorityError,
        NotFoundError,
        PermissionDeniedError,
        PersistenceError,
        Problem,
        StorageError,
        TransitionNotAllowedError,
        ValidationError,
        WorkflowError,
    )
    from adminflow.jurisdictions import (
        AdministrativeUnit,
        AgencyCode,
        AgencyCodeLayout,
        Authority,
        AuthorityKind,
        DossierCode,
        DossierCodeLayout,
        Gazetteer,
        LegacyKind,
        LegacyUnit,
        Level,
        UnitKind,
    )
    from adminflow.procedures import (
        BoundaryFreeScope,
        Catalog,
        Channel,
        DocumentKind,
        Extension,
        ExtensionMode,
        Fee,
        FeePayable,
        OnlineServiceLevel,
        Procedure,
        RequiredDocument,
        ResultKind,
        Step,
    )

#: Where each public name lives (its public module).
_LAZY: dict[str, str] = {
    "AdminflowError": "adminflow.errors",
    "AdministrativeUnit": "adminflow.jurisdictions",
    "AgencyCode": "adminflow.jurisdictions",
    "AgencyCodeLayout": "adminflow.jurisdictions",
    "AmbiguousCompetenceError": "adminflow.errors",
    "AmbiguousUnitError": "adminflow.errors",
    "Assignment": "adminflow.competence",
    "Authority": "adminflow.jurisdictions",
    "AuthorityDirectory": "adminflow.competence",
    "AuthorityKind": "adminflow.jurisdictions",
    "Authorization": "adminflow.competence",
    "BoundaryFreeExclusion": "adminflow.competence",
    "BoundaryFreeList": "adminflow.competence",
    "BoundaryFreeScope": "adminflow.procedures",
    "CalendarError": "adminflow.errors",
    "Catalog": "adminflow.procedures",
    "Channel": "adminflow.procedures",
    "Closure": "adminflow.calendar",
    "Competence": "adminflow.competence",
    "CompetenceError": "adminflow.errors",
    "CompetenceResolver": "adminflow.competence",
    "CompetenceRules": "adminflow.competence",
    "ConcurrencyError": "adminflow.errors",
    "ConfigurationError": "adminflow.errors",
    "DayKind": "adminflow.calendar",
    "DayNote": "adminflow.calendar",
    "Deadline": "adminflow.calendar",
    "Decentralization": "adminflow.competence",
    "DocumentKind": "adminflow.procedures",
    "DossierCode": "adminflow.jurisdictions",
    "DossierCodeLayout": "adminflow.jurisdictions",
    "Extension": "adminflow.procedures",
    "ExtensionMode": "adminflow.procedures",
    "ExtraWorkingDay": "adminflow.calendar",
    "Fee": "adminflow.procedures",
    "FeePayable": "adminflow.procedures",
    "Gazetteer": "adminflow.jurisdictions",
    "GuardFailedError": "adminflow.errors",
    "InvalidValueError": "adminflow.errors",
    "LegacyKind": "adminflow.jurisdictions",
    "LegacyUnit": "adminflow.jurisdictions",
    "LegalReference": "adminflow.competence",
    "Level": "adminflow.jurisdictions",
    "NoCompetentAuthorityError": "adminflow.errors",
    "NotFoundError": "adminflow.errors",
    "OfficeSession": "adminflow.calendar",
    "OnlineServiceLevel": "adminflow.procedures",
    "PermissionDeniedError": "adminflow.errors",
    "PersistenceError": "adminflow.errors",
    "Problem": "adminflow.errors",
    "Procedure": "adminflow.procedures",
    "ProcessingTime": "adminflow.calendar",
    "Reason": "adminflow.calendar",
    "ReasonKind": "adminflow.calendar",
    "ReceiptDecision": "adminflow.competence",
    "RequiredDocument": "adminflow.procedures",
    "ResultKind": "adminflow.procedures",
    "Seat": "adminflow.competence",
    "Step": "adminflow.procedures",
    "StorageError": "adminflow.errors",
    "TimeUnit": "adminflow.calendar",
    "TransitionNotAllowedError": "adminflow.errors",
    "UnitKind": "adminflow.jurisdictions",
    "ValidationError": "adminflow.errors",
    "Weekday": "adminflow.calendar",
    "WorkflowError": "adminflow.errors",
    "WorkingCalendar": "adminflow.calendar",
    "classify_online_service": "adminflow.competence",
    "online_service_regime": "adminflow.competence",
}

__all__ = [
    "AdminflowError",
    "AdministrativeUnit",
    "AgencyCode",
    "AgencyCodeLayout",
    "AmbiguousCompetenceError",
    "AmbiguousUnitError",
    "Assignment",
    "Authority",
    "AuthorityDirectory",
    "AuthorityKind",
    "Authorization",
    "BoundaryFreeExclusion",
    "BoundaryFreeList",
    "BoundaryFreeScope",
    "CalendarError",
    "Catalog",
    "Channel",
    "Closure",
    "Competence",
    "CompetenceError",
    "CompetenceResolver",
    "CompetenceRules",
    "ConcurrencyError",
    "ConfigurationError",
    "DayKind",
    "DayNote",
    "Deadline",
    "Decentralization",
    "DocumentKind",
    "DossierCode",
    "DossierCodeLayout",
    "Extension",
    "ExtensionMode",
    "ExtraWorkingDay",
    "Fee",
    "FeePayable",
    "Gazetteer",
    "GuardFailedError",
    "InvalidValueError",
    "LegacyKind",
    "LegacyUnit",
    "LegalReference",
    "Level",
    "NoCompetentAuthorityError",
    "NotFoundError",
    "OfficeSession",
    "OnlineServiceLevel",
    "PermissionDeniedError",
    "PersistenceError",
    "Problem",
    "Procedure",
    "ProcessingTime",
    "Reason",
    "ReasonKind",
    "ReceiptDecision",
    "RequiredDocument",
    "ResultKind",
    "Seat",
    "Step",
    "StorageError",
    "TimeUnit",
    "TransitionNotAllowedError",
    "UnitKind",
    "ValidationError",
    "Weekday",
    "WorkflowError",
    "WorkingCalendar",
    "__version__",
    "classify_online_service",
    "online_service_regime",
]


def __getattr__(name: str) -> Any:
    """Import a public name on first use and keep it in the module's namespace."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value: Any = version("adminflow")
        except PackageNotFoundError:  # pragma: no cover - a source tree without install
            value = "0+unknown"
    elif name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    else:
        raise AttributeError(f"module 'adminflow' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
