"""Errors (lỗi) raised by adminflow.

Every error adminflow raises on purpose is a subclass of :class:`AdminflowError`, and each one
also subclasses the closest built-in exception, so ``except ValueError`` keeps working for callers
that do not know adminflow. Errors carry their data as attributes and their message names the
field and the value that caused them.

Business outcomes (a dossier refused, a deadline missed) are *not* errors: they are statuses and
events. Errors are for programming mistakes, bad input and infrastructure failures.

The hierarchy::

    AdminflowError
    ├── InvalidValueError (ValueError)          .field .value .reason
    │   └── ValidationError                     .problems: every problem found at once
    ├── NotFoundError (LookupError)             .kind .key
    ├── AmbiguousUnitError (LookupError)        .field .key .candidates
    ├── WorkflowError
    │   ├── TransitionNotAllowedError           .action .state .allowed
    │   └── GuardFailedError                    .action .guard .reason
    ├── PermissionDeniedError (PermissionError) .actor .action .reason
    ├── CompetenceError
    │   ├── NoCompetentAuthorityError
    │   └── AmbiguousCompetenceError            .candidates
    ├── CalendarError (ValueError)              .field .value .reason
    ├── MissingDependencyError (ImportError)    .package .extra
    ├── FileError (OSError)                     .path .reason
    │   ├── FileMissingError (FileNotFoundError)
    │   ├── FileIsDirectoryError (IsADirectoryError)
    │   └── FileAccessError (PermissionError)
    └── PersistenceError
        ├── ConcurrencyError                    .key .expected .actual
        ├── StorageError
        └── ConfigurationError
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs

__all__ = [
    "AdminflowError",
    "AmbiguousCompetenceError",
    "AmbiguousUnitError",
    "CalendarError",
    "CompetenceError",
    "ConcurrencyError",
    "ConfigurationError",
    "FileAccessError",
    "FileError",
    "FileIsDirectoryError",
    "FileMissingError",
    "GuardFailedError",
    "InvalidValueError",
    "MissingDependencyError",
    "NoCompetentAuthorityError",
    "NotFoundError",
    "PermissionDeniedError",
    "PersistenceError",
    "Problem",
    "StorageError",
    "TransitionNotAllowedError",
    "ValidationError",
    "WorkflowError",
]


class AdminflowError(Exception):
    """Base class of every error adminflow raises on purpose."""


#: Values longer than this are cut in messages (the attribute keeps the whole value).
SHOWN = 160


def _cut(text: str) -> str:
    """``text``, or its first :data:`SHOWN` characters and its length when longer."""
    return text if len(text) <= SHOWN else f"{text[:SHOWN]}… ({len(text):,} characters)"


class InvalidValueError(AdminflowError, ValueError):
    """A value given to adminflow is not acceptable.

    Attributes:
        field: Dotted path of the offending field, e.g. ``"processing_time.working_days"``.
        value: The value that was rejected.
        reason: Why it was rejected, in words (``"must be > 0"``).
    """

    def __init__(self, field: str, value: Any, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field}: {reason}, got {_cut(repr(value))}")


@attrs.frozen
class Problem:
    """One problem found while validating data (a catalogue, a rule set, a file).

    Attributes:
        path: Where the problem is, e.g. ``"procedures[3].processing_time.working_days"``.
        message: What is wrong, e.g. ``"must be > 0, got -2"``.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ValidationError(InvalidValueError):
    """Validation found one or more problems; all of them are listed, not just the first.

    Attributes:
        problems: Every problem found, in document order.
        source: What was validated (a file name or a description), for the message.
    """

    def __init__(self, problems: Iterable[Problem], *, source: str = "data") -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        count = len(self.problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        reason = f"{count} problem{'s' if count != 1 else ''} found:\n{lines}"
        first = self.problems[0].path if self.problems else source
        # Initialise via InvalidValueError so .field/.value/.reason exist, then use our message.
        super().__init__(first, source, reason)
        self.args = (f"{source}: {reason}",)

    def __str__(self) -> str:
        return str(self.args[0])


class NotFoundError(AdminflowError, LookupError):
    """Something looked up by its key does not exist.

    Attributes:
        kind: What was looked up (``"administrative unit"``, ``"procedure"``, ``"dossier"``).
        key: The key that was not found.
    """

    def __init__(self, kind: str, key: Any, *, hint: str = "") -> None:
        self.kind = kind
        self.key = key
        self.hint = hint
        message = f"unknown {kind}: {_cut(repr(key))}"
        super().__init__(f"{message} ({hint})" if hint else message)

    def __str__(self) -> str:
        return str(self.args[0])


class AmbiguousUnitError(AdminflowError, LookupError):
    """Several administrative units answer a lookup that needs exactly one.

    Raised when an old address fits several units before 1 July 2025, and when a unit was
    divided between several successors on that day.

    Attributes:
        field: The argument that was ambiguous (``"old_code"``, ``"commune"`` ...).
        key: Its value.
        candidates: The units that answer, each as ``"code name"``.
    """

    def __init__(self, field: str, key: Any, candidates: Sequence[str], *, hint: str = "") -> None:
        self.field = field
        self.key = key
        self.candidates = tuple(candidates)
        message = f"{field}: {key!r} fits {len(self.candidates)} units: " + "; ".join(
            self.candidates
        )
        super().__init__(f"{message} ({hint})" if hint else message)

    def __str__(self) -> str:
        return str(self.args[0])


class WorkflowError(AdminflowError):
    """A dossier workflow command could not be carried out; the dossier is unchanged."""


class TransitionNotAllowedError(WorkflowError):
    """The action is not defined from the dossier's current status.

    Attributes:
        action: The action (trigger) that was attempted.
        state: The dossier's current status.
        allowed: The actions that are allowed from that status.
    """

    def __init__(self, action: str, state: str, allowed: Sequence[str]) -> None:
        self.action = action
        self.state = state
        self.allowed = tuple(allowed)
        super().__init__(
            f"action {action!r} is not allowed from status {state!r}; "
            f"allowed: {', '.join(self.allowed) or 'none'}"
        )


class GuardFailedError(WorkflowError):
    """A legal precondition (guard) of the action does not hold.

    Attributes:
        action: The action that was attempted.
        guard: The name of the guard that failed.
        reason: Why, in words, with its legal source.
    """

    def __init__(self, action: str, guard: str, reason: str) -> None:
        self.action = action
        self.guard = guard
        self.reason = reason
        super().__init__(f"action {action!r} refused by {guard}: {reason}")


class PermissionDeniedError(AdminflowError, PermissionError):
    """The actor may not perform this action here.

    Attributes:
        actor: Who tried.
        action: What they tried.
        reason: Why it is denied, in words.
    """

    def __init__(self, actor: Any, action: str, reason: str) -> None:
        self.actor = actor
        self.action = action
        self.reason = reason
        super().__init__(f"{actor!r} may not {action}: {reason}")


class CompetenceError(AdminflowError):
    """No single competent authority could be determined."""


class NoCompetentAuthorityError(CompetenceError):
    """No authority is competent for the procedure in that unit at that time."""


class AmbiguousCompetenceError(CompetenceError):
    """Several authorities are competent and the rules do not say which one decides.

    Attributes:
        candidates: The competing candidates.
    """

    def __init__(self, message: str, candidates: Sequence[Any]) -> None:
        self.candidates = tuple(candidates)
        super().__init__(message)


class CalendarError(AdminflowError, ValueError):
    """A date, instant or count the working calendar cannot answer for.

    Attributes:
        field: The parameter that was rejected.
        value: The value.
        reason: Why, e.g. ``"outside the supported years 1995-2035"``.
    """

    def __init__(self, field: str, value: Any, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field}: {reason}, got {_cut(repr(value))}")


class FileError(AdminflowError, OSError):
    """A file cannot be read or written; the operating system's error is the ``__cause__``.

    Like attrs' errors, each subclass is also the matching built-in, so ``except
    FileNotFoundError`` keeps working.

    Attributes:
        path: The path as given.
        reason: Why, in words (``"no such file"``).
    """

    def __init__(self, path: Any, reason: str, errno: int | None = None) -> None:
        super().__init__(errno, reason, str(path))
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{_cut(str(self.path))}: {self.reason}"

    @classmethod
    def from_os_error(cls, path: Any, exc: OSError, *, writing: bool = False) -> FileError:
        """The adminflow error for ``exc``, raised while reading (or writing) ``path``."""
        kind: type[FileError] = FileError
        reason = exc.strerror or str(exc)
        if isinstance(exc, FileNotFoundError):
            kind, reason = FileMissingError, ("no such folder" if writing else "no such file")
        elif isinstance(exc, IsADirectoryError):
            kind, reason = FileIsDirectoryError, "is a folder, not a file"
        elif isinstance(exc, PermissionError):
            kind, reason = FileAccessError, "permission denied"
        return kind(path, reason, exc.errno)


class FileMissingError(FileError, FileNotFoundError):
    """The file, or the folder it should be written in, does not exist."""


class FileIsDirectoryError(FileError, IsADirectoryError):
    """The path names a folder where a file is expected."""


class FileAccessError(FileError, PermissionError):
    """The operating system does not allow reading or writing the file."""


class MissingDependencyError(AdminflowError, ImportError):
    """A feature needs a package that an optional extra of adminflow installs.

    Attributes:
        package: The package that is missing, e.g. ``"plotly"``.
        extra: The extra that installs it, e.g. ``"report"`` (``pip install 'adminflow[report]'``).
        feature: What needs it, in words.
    """

    def __init__(self, package: str, *, extra: str, feature: str) -> None:
        self.package = package
        self.extra = extra
        self.feature = feature
        super().__init__(
            f"{feature} needs {package}, which is not installed: pip install 'adminflow[{extra}]'",
            name=package,
        )


class PersistenceError(AdminflowError):
    """A failure of the storage layer."""


class ConcurrencyError(PersistenceError):
    """Another writer changed the aggregate first; reload and retry.

    Attributes:
        key: The aggregate's identifier.
        expected: The version the writer read.
        actual: The version found in the store.
    """

    def __init__(self, key: Any, expected: int, actual: int | None) -> None:
        self.key = key
        self.expected = expected
        self.actual = actual
        super().__init__(
            f"concurrent update of {key!r}: expected version {expected}, found {actual}"
        )


class StorageError(PersistenceError):
    """The storage backend failed; the driver's error is the ``__cause__``."""


class ConfigurationError(PersistenceError):
    """The storage is misconfigured (bad URL, missing driver, wrong schema version)."""
