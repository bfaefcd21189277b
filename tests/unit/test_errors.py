"""Tests of the error hierarchy in adminflow.errors."""

import pytest

from adminflow import errors


class TestHierarchy:
    @pytest.mark.parametrize(
        ("cls", "builtin"),
        [
            (errors.InvalidValueError, ValueError),
            (errors.ValidationError, ValueError),
            (errors.NotFoundError, LookupError),
            (errors.PermissionDeniedError, PermissionError),
            (errors.CalendarError, ValueError),
        ],
    )
    def test_subclasses_closest_builtin(self, cls: type, builtin: type) -> None:
        """Each error subclasses both AdminflowError and its closest built-in."""
        assert issubclass(cls, errors.AdminflowError)
        assert issubclass(cls, builtin)

    def test_every_public_error_is_an_adminflow_error(self) -> None:
        """Every exported exception class derives from AdminflowError."""
        for name in errors.__all__:
            obj = getattr(errors, name)
            if isinstance(obj, type) and issubclass(obj, BaseException):
                assert issubclass(obj, errors.AdminflowError), name


class TestMessages:
    def test_invalid_value_names_field_and_value(self) -> None:
        """InvalidValueError's message names the field, the reason and the value."""
        exc = errors.InvalidValueError("working_days", -2, "must be > 0")

        assert str(exc) == "working_days: must be > 0, got -2"
        assert (exc.field, exc.value, exc.reason) == ("working_days", -2, "must be > 0")

    def test_validation_error_lists_every_problem(self) -> None:
        """ValidationError carries and prints every problem, each with its path."""
        problems = [
            errors.Problem("procedures[3].processing_time.working_days", "must be > 0, got -2"),
            errors.Problem("procedures[5].code", "must not be empty"),
        ]

        exc = errors.ValidationError(problems, source="catalog.toml")

        assert exc.problems == tuple(problems)
        assert "procedures[3].processing_time.working_days: must be > 0, got -2" in str(exc)
        assert "procedures[5].code: must not be empty" in str(exc)
        assert str(exc).startswith("catalog.toml: 2 problems found")

    def test_not_found_names_kind_and_key(self) -> None:
        """NotFoundError names what was looked up and the missing key."""
        exc = errors.NotFoundError("administrative unit", "99999")

        assert str(exc) == "unknown administrative unit: '99999'"

    def test_transition_not_allowed_lists_allowed(self) -> None:
        """TransitionNotAllowedError lists the allowed actions."""
        exc = errors.TransitionNotAllowedError("resolve", "received", ["assign", "refuse"])

        assert exc.allowed == ("assign", "refuse")
        assert "allowed: assign, refuse" in str(exc)

    def test_concurrency_error_names_versions(self) -> None:
        """ConcurrencyError names the key and both versions."""
        exc = errors.ConcurrencyError("G01.20-250701-0001", expected=3, actual=4)

        assert "expected version 3, found 4" in str(exc)
