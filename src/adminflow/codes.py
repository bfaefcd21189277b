"""Codes (mã): procedure codes and electronic agency identifiers.

References:
    Decision 20/2020/QĐ-TTg, Art. 3–4 (electronic identifiers of agencies and organisations).
    Circular 01/2018/TT-VPCP, Art. 16(2)(a) (procedure codes of the National Database on
    Administrative Procedures).
"""

from __future__ import annotations

import re

from adminflow.errors import InvalidValueError

__all__ = ["validate_procedure_code"]

_PROCEDURE_CODE = re.compile(r"\d\.\d{6}(?:\.[A-Z]\d{2})?")


def validate_procedure_code(code: object, *, field: str = "code") -> str:
    """Check a procedure code (mã thủ tục hành chính) and return it unchanged.

    A code of the National Database on Administrative Procedures is one digit, a dot and six
    digits (``2.000635``), optionally followed by a dot and the level-1 agency code of the
    locality that published it (``1.013868.H41``). The code is opaque: no meaning is derived
    from its parts.

    Args:
        code: The candidate code.
        field: Field name used in the error message.

    Returns:
        The code, unchanged.

    Raises:
        InvalidValueError: If ``code`` is not a string of that shape.

    References:
        Circular 01/2018/TT-VPCP, Art. 16(2)(a) (codes synchronised from the national database);
        shape observed on the national and provincial portals (one digit, a dot, six digits,
        optionally a dot and a letter with two digits).

    Examples:
        >>> validate_procedure_code("1.013868.H41")
        '1.013868.H41'
        >>> validate_procedure_code("2.000635")
        '2.000635'
        >>> validate_procedure_code("2.635")
        Traceback (most recent call last):
        ...
        adminflow.errors.InvalidValueError: code: must look like 1.234567 or 1.234567.H41, ...
    """
    if not isinstance(code, str) or _PROCEDURE_CODE.fullmatch(code) is None:
        raise InvalidValueError(field, code, "must look like 1.234567 or 1.234567.H41")
    return code
