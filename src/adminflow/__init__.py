"""adminflow: Vietnamese administrative procedures and the workflows of their dossiers."""

from importlib.metadata import PackageNotFoundError, version

from adminflow.calendar import (
    Closure,
    DayKind,
    DayNote,
    ExtraWorkingDay,
    OfficeSession,
    Weekday,
    WorkingCalendar,
)
from adminflow.codes import AgencyCode, AgencyCodeLayout, DossierCode
from adminflow.deadlines import Deadline, ProcessingTime, Reason, ReasonKind, TimeUnit
from adminflow.errors import (
    AdminflowError,
    AmbiguousCompetenceError,
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
    Authority,
    AuthorityKind,
    Gazetteer,
    Level,
    UnitKind,
)

try:
    __version__ = version("adminflow")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0+unknown"

__all__ = [
    "AdminflowError",
    "AdministrativeUnit",
    "AgencyCode",
    "AgencyCodeLayout",
    "AmbiguousCompetenceError",
    "Authority",
    "AuthorityKind",
    "CalendarError",
    "Closure",
    "CompetenceError",
    "ConcurrencyError",
    "ConfigurationError",
    "DayKind",
    "DayNote",
    "Deadline",
    "DossierCode",
    "ExtraWorkingDay",
    "Gazetteer",
    "GuardFailedError",
    "InvalidValueError",
    "Level",
    "NoCompetentAuthorityError",
    "NotFoundError",
    "OfficeSession",
    "PermissionDeniedError",
    "PersistenceError",
    "Problem",
    "ProcessingTime",
    "Reason",
    "ReasonKind",
    "StorageError",
    "TimeUnit",
    "TransitionNotAllowedError",
    "UnitKind",
    "ValidationError",
    "Weekday",
    "WorkflowError",
    "WorkingCalendar",
    "__version__",
]
