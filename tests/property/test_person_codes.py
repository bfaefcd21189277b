"""Properties of the personal-ID and tax-code validators: typed errors that never leak a number."""

from hypothesis import given
from hypothesis import strategies as st

from adminflow.codes import mask_number, validate_personal_id, validate_tax_code
from adminflow.errors import InvalidValueError

WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_personal_id_accepts_or_refuses_without_leaking(number: str) -> None:
    """Any 12 digits are accepted iff the province code is known; refusals mask the number."""
    try:
        assert validate_personal_id(number) == number
    except InvalidValueError as error:
        assert number not in str(error)
        assert mask_number(number) in str(error)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_tax_code_with_its_check_digit_is_accepted(body: str) -> None:
    """Nine digits plus their check digit always form a valid tax code, and one off does not."""
    check = (10 - sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11) % 10
    code = f"{body}{check}"
    wrong = f"{body}{(check + 1) % 10}"

    assert validate_tax_code(code) == code
    assert validate_tax_code(f"{code}-001") == f"{code}-001"
    try:
        validate_tax_code(wrong)
    except InvalidValueError as error:
        assert wrong not in str(error)
    else:
        raise AssertionError("a wrong check digit was accepted")


@given(st.one_of(st.none(), st.integers(), st.text(), st.binary(), st.lists(st.integers())))
def test_garbage_raises_invalid_value_error_only(value: object) -> None:
    """Any garbage raises InvalidValueError (or is a valid number)."""
    for validate in (validate_personal_id, validate_tax_code):
        try:
            validate(value)
        except InvalidValueError:
            pass
