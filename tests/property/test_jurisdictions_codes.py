"""Properties of agency identifiers, dossier codes and procedure codes."""

import string

from hypothesis import given
from hypothesis import strategies as st

from adminflow import AgencyCode, DossierCode, InvalidValueError
from adminflow.codes import (
    MAX_AGENCY_CODE_LENGTH,
    parse_agency_code,
    parse_dossier_code,
    validate_procedure_code,
)
from adminflow.testing import agency_codes, dossier_codes

CODE_CHARS = string.digits + string.ascii_uppercase + ".-ah "

#: Values of any type, as a caller's bug could pass.
ANY = st.one_of(
    st.none(),
    st.integers(),
    st.text(max_size=6),
    st.binary(max_size=3),
    st.dates(),
    st.datetimes(),
    st.lists(st.text(max_size=3), max_size=3),
    st.tuples(st.text(alphabet="0H4", max_size=3)),
)


class TestConstructorsRefuseWrongTypes:
    @given(ANY, ANY, ANY)
    def test_agency_code_from_any_values(self, level1: object, sub: object, layout: object) -> None:
        """AgencyCode from any values is well-formed or raises InvalidValueError."""
        try:
            result: object = AgencyCode(level1, sub, layout)  # type: ignore[arg-type]
        except InvalidValueError as exc:
            result = exc

        assert isinstance(result, AgencyCode | InvalidValueError)

    @given(ANY | agency_codes(), ANY, ANY | st.integers(1, 9999))
    def test_dossier_code_from_any_values(self, agency: object, day: object, seq: object) -> None:
        """DossierCode from any values is well-formed or raises InvalidValueError."""
        try:
            result: object = DossierCode(agency, day, seq)  # type: ignore[arg-type]
        except InvalidValueError as exc:
            result = exc

        assert isinstance(result, DossierCode | InvalidValueError)


class TestAgencyCodeProperties:
    @given(agency_codes())
    def test_parse_of_format_round_trips(self, code: AgencyCode) -> None:
        """Writing an identifier and parsing it back gives the same identifier."""
        text = str(code)

        assert parse_agency_code(text) == code
        assert len(text) <= MAX_AGENCY_CODE_LENGTH

    @given(agency_codes())
    def test_the_parent_is_one_level_up_and_contains_the_unit(self, code: AgencyCode) -> None:
        """Every identifier lies within its parent, one level higher, down to level 1."""
        parent = code.parent

        if code.level == 1:
            assert parent is None
        else:
            assert parent is not None
            assert parent.level == code.level - 1
            assert code.is_within(parent)
            assert not parent.is_within(code)

    @given(st.one_of(st.text(alphabet=CODE_CHARS, max_size=40), st.text(max_size=10)))
    def test_any_text_parses_exactly_or_raises_invalid_value_error(self, text: str) -> None:
        """Any text is an identifier that writes back unchanged, or InvalidValueError naming it."""
        try:
            outcome = str(parse_agency_code(text))
        except InvalidValueError as exc:
            outcome = exc.value

        assert outcome == text


class TestDossierCodeProperties:
    @given(dossier_codes())
    def test_parse_of_format_round_trips(self, code: DossierCode) -> None:
        """Writing a dossier code and parsing it back gives the same code."""
        assert parse_dossier_code(str(code)) == code

    @given(st.text(alphabet=CODE_CHARS, max_size=40))
    def test_any_text_parses_exactly_or_raises_invalid_value_error(self, text: str) -> None:
        """Any text is a valid dossier code that writes back unchanged, or InvalidValueError."""
        try:
            code = parse_dossier_code(text)
        except InvalidValueError:
            return

        assert str(code) == text


class TestProcedureCodeProperties:
    @given(st.from_regex(r"\A[0-9]\.[0-9]{6}(\.[A-Z][0-9]{2})?\Z"))
    def test_every_well_shaped_code_is_accepted(self, code: str) -> None:
        """Every code of the published shape is accepted unchanged."""
        assert validate_procedure_code(code) == code

    @given(st.one_of(st.text(alphabet=CODE_CHARS, max_size=25), st.integers(), st.none()))
    def test_anything_else_raises_invalid_value_error(self, value: object) -> None:
        """Any value is returned unchanged or raises InvalidValueError, never another error."""
        try:
            result = validate_procedure_code(value)
        except InvalidValueError:
            return

        assert result == value
