"""Personal identification numbers and tax codes: validation and masking.

Private module; the public names are re-exported by :mod:`adminflow.codes` and
:mod:`adminflow.jurisdictions`.

References:
    Decree 137/2015/NĐ-CP, Art. 13 and Circular 07/2016/TT-BCA, Art. 7 (as amended by Circular
    59/2021/TT-BCA): the 12-digit personal identification number (số định danh cá nhân) is a
    3-digit code of the province where the birth was registered, 1 digit for century and sex,
    2 digits of the year of birth and 6 random digits; Law on Identification 2023
    (26/2023/QH15), Art. 12 keeps the number. Circular 105/2020/TT-BTC, Art. 5 (structure of the
    tax code, mã số thuế: 10 digits whose last is a check digit, and ``-NNN`` for a dependent
    unit).
"""

from __future__ import annotations

from adminflow.errors import InvalidValueError

__all__ = ["mask_number", "validate_personal_id", "validate_tax_code"]

#: Province codes of the birth-registration place (Circular 07/2016/TT-BCA, Appendix, the 63
#: provinces before 1 July 2025; the merged provinces kept one of these codes).
_PROVINCE_CODES = frozenset(
    f"{n:03d}"
    for n in (
        1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35,
        36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70,
        72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
    )
)  # fmt: skip
_TAX_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def mask_number(text: object) -> str:
    """A number with its middle hidden, safe for messages and logs: ``0790****1234``.

    Anything that is not a string is shown only by its type, so garbage never leaks either.

    Examples:
        >>> mask_number("079012341234")
        '0790****1234'
        >>> mask_number("0100109106")
        '0100**9106'
    """
    if not isinstance(text, str):
        return f"<{type(text).__name__}>"
    if len(text) <= 4:
        return "*" * len(text)
    if len(text) < 9:
        return text[:2] + "*" * (len(text) - 2)
    return text[:4] + "*" * (len(text) - 8) + text[-4:]


def validate_personal_id(text: object, *, field: str = "personal_id") -> str:
    """Check a 12-digit personal identification number (số định danh cá nhân) and return it.

    The number is 12 ASCII digits whose first three are the province code of the place where
    the birth was registered. The error message never shows the full number.

    Args:
        text: The candidate number.
        field: Field name used in the error message.

    Returns:
        The number, unchanged.

    Raises:
        InvalidValueError: If ``text`` is not such a number (its value is masked).

    References:
        Decree 137/2015/NĐ-CP, Art. 13; Circular 07/2016/TT-BCA, Art. 7 as amended by Circular
        59/2021/TT-BCA; Law on Identification 2023, Art. 12.

    Examples:
        >>> validate_personal_id("079012341234")
        '079012341234'
        >>> validate_personal_id("003012341234")
        Traceback (most recent call last):
        ...
        adminflow.errors.InvalidValueError: personal_id: ... got '0030****1234'
    """
    masked = mask_number(text)
    if not isinstance(text, str) or len(text) != 12 or not (text.isascii() and text.isdigit()):
        raise InvalidValueError(field, masked, "must be 12 digits")
    if text[:3] not in _PROVINCE_CODES:
        raise InvalidValueError(field, masked, "must start with a province code such as 001")
    return text


def validate_tax_code(text: object, *, field: str = "tax_code") -> str:
    """Check an organisation's tax code (mã số thuế) and return it.

    Ten digits whose tenth is the check digit ``10 - (31·d1 + 29·d2 + 23·d3 + 19·d4 + 17·d5
    + 13·d6 + 7·d7 + 5·d8 + 3·d9) mod 11`` (a result of 10 is written 0), optionally followed by
    ``-`` and three digits (not ``000``) for a dependent unit (branch, representative office).
    The error message masks the code. Since 1 July 2025 a person's tax code is their personal
    identification number; check those with :func:`validate_personal_id`.

    Args:
        text: The candidate code.
        field: Field name used in the error message.

    Returns:
        The code, unchanged.

    Raises:
        InvalidValueError: If ``text`` is not a well-formed tax code with a right check digit.

    References:
        Circular 105/2020/TT-BTC, Art. 5 (structure of the tax code: 10 digits for an
        organisation, 13 for a dependent unit). The check-digit weights are those of the tax
        administration's algorithm as implemented by many independent validators [S]; the text
        defining them was not read.

    Examples:
        >>> validate_tax_code("0100109106")
        '0100109106'
        >>> validate_tax_code("0100109106-001")
        '0100109106-001'
        >>> validate_tax_code("0100109107")
        Traceback (most recent call last):
        ...
        adminflow.errors.InvalidValueError: tax_code: check digit is wrong, got '0100**9107'
    """
    masked = mask_number(text)
    if not isinstance(text, str) or not text.isascii():
        raise InvalidValueError(field, masked, "must be 10 digits, or 10-3 digits")
    main, dash, branch = text.partition("-")
    if (
        len(main) != 10
        or not main.isdigit()
        or (dash and (len(branch) != 3 or not branch.isdigit() or branch == "000"))
    ):
        raise InvalidValueError(field, masked, "must be 10 digits, or 10-3 digits")
    total = sum(int(d) * w for d, w in zip(main[:9], _TAX_WEIGHTS, strict=True))
    check = (10 - total % 11) % 10
    if int(main[9]) != check:
        raise InvalidValueError(field, masked, "check digit is wrong")
    return text
