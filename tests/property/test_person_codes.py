"""Properties of the personal-ID and tax-code validators: typed errors that never leak a number."""

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adminflow.codes import mask_number, validate_personal_id, validate_tax_code
from adminflow.errors import InvalidValueError

WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
PROVINCES = {"001", "079", "056", "048", "092"}


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_personal_id_refusals_never_leak(number: str) -> None:
    """A refused 12-digit number appears in the error only masked."""
    if number[:3] in PROVINCES:
        assert validate_personal_id(number) == number
        return
    with contextlib.suppress(InvalidValueError):
        validate_personal_id(number)
        return  # another known province code
    with pytest.raises(InvalidValueError) as info:
        validate_personal_id(number)
    assert number not in str(info.value)
    assert mask_number(number) in str(info.value)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_tax_code_with_its_check_digit_is_accepted(body: str) -> None:
    """Nine digits plus their check digit form a valid tax code, and one off does not."""
    check = (10 - sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11) % 10
    code = f"{body}{check}"
    wrong = f"{body}{(check + 1) % 10}"

    assert validate_tax_code(code) == code
    assert validate_tax_code(f"{code}-001") == f"{code}-001"
    with pytest.raises(InvalidValueError) as info:
        validate_tax_code(wrong)
    assert wrong not in str(info.value)


@given(st.one_of(st.none(), st.integers(), st.text(), st.binary(), st.lists(st.integers())))
def test_garbage_raises_invalid_value_error_only(value: object) -> None:
    """Any garbage raises InvalidValueError (or is a valid number)."""
    for validate in (validate_personal_id, validate_tax_code):
        with contextlib.suppress(InvalidValueError):
            validate(value)  # type: ignore[arg-type]
