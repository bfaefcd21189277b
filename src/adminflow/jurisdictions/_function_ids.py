"""Function ids (chức năng): the form of an id, known to every module of the package.

Private module: kept apart from :mod:`adminflow.jurisdictions._functions` so that the
authority model can check ids without importing the vocabulary (no import cycle).
"""

from __future__ import annotations

from adminflow.errors import InvalidValueError

__all__ = ["check_function_id"]

_MAX_ID = 64


def check_function_id(value: object, *, field: str = "function") -> str:
    """A well-formed function id (lowercase ASCII letters, digits and ``_``), or raise.

    Whether the id is in the vocabulary is a validation problem of the rules or catalogue
    that use it (:func:`authority_functions`), not a construction error, so that a rule set
    can be read and every problem reported at once.

    Raises:
        InvalidValueError: ``value`` is not such a string.
    """
    if not (
        isinstance(value, str)
        and 0 < len(value) <= _MAX_ID
        and value.isascii()
        and value[0].isalpha()
        and all(c.islower() or c.isdigit() or c == "_" for c in value)
    ):
        raise InvalidValueError(
            field, value, "must be a function id such as 'land_registration' (a-z, 0-9, _)"
        )
    return value
