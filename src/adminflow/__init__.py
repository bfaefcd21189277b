"""adminflow: Vietnamese administrative procedures and the workflows of their dossiers."""

from importlib.metadata import PackageNotFoundError, version

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

try:
    __version__ = version("adminflow")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0+unknown"

__all__ = [
    "AdminflowError",
    "AmbiguousCompetenceError",
    "CalendarError",
    "CompetenceError",
    "ConcurrencyError",
    "ConfigurationError",
    "GuardFailedError",
    "InvalidValueError",
    "NoCompetentAuthorityError",
    "NotFoundError",
    "PermissionDeniedError",
    "PersistenceError",
    "Problem",
    "StorageError",
    "TransitionNotAllowedError",
    "ValidationError",
    "WorkflowError",
    "__version__",
]
