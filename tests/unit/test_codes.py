"""Procedure codes, electronic agency identifiers and dossier codes."""

import datetime as dt

import pytest

from adminflow import AgencyCode, AgencyCodeLayout, DossierCode, InvalidValueError
from adminflow.codes import (
    parse_agency_code,
    parse_dossier_code,
    validate_agency_code,
    validate_procedure_code,
)


class TestValidateProcedureCode:
    @pytest.mark.parametrize(
        "code",
        ["2.000635", "1.001193", "2.000908", "1.013868.H41", "1.011442.000.00.00.H38"],
    )
    def test_real_codes_are_returned_unchanged(self, code: str) -> None:
        """National codes and province-localised codes pass through unchanged."""
        assert validate_procedure_code(code) == code

    @pytest.mark.parametrize(
        "code",
        [
            "",
            "2.635",
            "12.000635",
            "2.0006355",
            "2.000635.",
            "2.000635.h41",
            " 2.000635",
            "2.000635\n",
            "٢.٠٠٠٦٣٥",  # Arabic-Indic digits are Unicode digits, not code digits
            "1.013868.H٤١",
            None,
            2,
        ],
    )
    def test_malformed_codes_raise_invalid_value_error(self, code: object) -> None:
        """Anything else raises InvalidValueError naming the field and the value."""
        with pytest.raises(InvalidValueError) as caught:
            validate_procedure_code(code, field="procedures[0].code")

        assert caught.value.field == "procedures[0].code"
        assert caught.value.value == code


class TestParseAgencyCode:
    def test_level_first_layout_of_decision_20_2020(self) -> None:
        """H41.05.12 is unit 12 under unit 05 under level-1 unit H41."""
        code = parse_agency_code("H41.05.12")

        assert code == AgencyCode("H41", ("05", "12"), AgencyCodeLayout.LEVEL_FIRST)
        assert code.path == ("H41", "05", "12")
        assert code.level == 3
        assert str(code.parent) == "H41.05"

    def test_qcvn_layout_with_level_one_last(self) -> None:
        """000.00.00.H49 is Quảng Ninh's provincial People's Committee itself (level 1)."""
        code = parse_agency_code("000.00.00.H49")

        assert code.layout is AgencyCodeLayout.QCVN_102
        assert code.path == ("H49",)
        assert code.level == 1
        assert code.parent is None

    def test_qcvn_sub_units_and_their_parents(self) -> None:
        """001.12.05.H41 is level 4; its parents zero the lowest group in turn."""
        code = parse_agency_code("001.12.05.H41")

        assert code.path == ("H41", "05", "12", "001")
        assert [str(p) for p in (code.parent, code.parent.parent)] == [  # type: ignore[union-attr]
            "000.12.05.H41",
            "000.00.05.H41",
        ]

    def test_the_same_unit_in_both_layouts_is_within_each_other(self) -> None:
        """H41.05 and 000.00.05.H41 name the same place in the hierarchy."""
        level_first = parse_agency_code("H41.05")
        qcvn = parse_agency_code("000.00.05.H41")

        assert level_first.is_within(qcvn)
        assert qcvn.is_within(level_first)
        assert level_first.is_within(parse_agency_code("H41"))
        assert not parse_agency_code("H41").is_within(level_first)

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "h41",
            "Z41",
            "H4",
            "H410",
            "41.H41",
            "H41.",
            "H41..05",
            "H41.0a",
            "H41 05",
            "00.00.00.H41",
            "000.05.00.H41",
            "000.00.00.Z41",
            "H41." + "1" * 32,
            "H٤١",  # Arabic-Indic digits
            "٠٠٠.٠٠.٠٠.H41",
            "H41\n",
            None,
            41,
        ],
    )
    def test_malformed_identifiers_raise_invalid_value_error(self, text: object) -> None:
        """Bad shapes, lower case, the letter Z, > 35 characters all raise InvalidValueError."""
        with pytest.raises(InvalidValueError) as caught:
            parse_agency_code(text)

        assert caught.value.field == "agency_code"
        assert caught.value.value == text

    def test_validate_returns_the_text(self) -> None:
        """validate_agency_code() gives back a valid identifier unchanged."""
        assert validate_agency_code("000.00.04.G14") == "000.00.04.G14"

    @pytest.mark.parametrize(
        ("args", "field"),
        [
            (("H4",), "level1"),
            (("H41", ["05"]), "sublevels"),
            (("H41", ("05",), AgencyCodeLayout.QCVN_102), "sublevels"),
            (("H41", ("5", "00", "000"), AgencyCodeLayout.QCVN_102), "sublevels"),
            (("H41", (), "level_first"), "layout"),
        ],
    )
    def test_constructing_a_malformed_code_raises(
        self, args: tuple[object, ...], field: str
    ) -> None:
        """AgencyCode validates its own fields."""
        with pytest.raises(InvalidValueError) as caught:
            AgencyCode(*args)  # type: ignore[arg-type]

        assert caught.value.field == field


class TestIsWithin:
    def test_text_is_parsed(self) -> None:
        """is_within accepts the other identifier as text, in either layout."""
        code = parse_agency_code("000.00.05.H41")

        assert code.is_within("H41")
        assert code.is_within("000.00.00.H41")
        assert not code.is_within("H41.06")

    @pytest.mark.parametrize("other", [None, 41, "h41"])
    def test_anything_else_raises_invalid_value_error(self, other: object) -> None:
        """A non-identifier raises InvalidValueError naming it, not AttributeError."""
        with pytest.raises(InvalidValueError) as caught:
            parse_agency_code("H41.05").is_within(other)  # type: ignore[arg-type]

        assert caught.value.field == "other"


class TestDossierCode:
    def test_circular_01_2018_format(self) -> None:
        """000.00.04.H41-250701-0001 is the first dossier of 1 July 2025 at 000.00.04.H41."""
        code = parse_dossier_code("000.00.04.H41-250701-0001")

        assert code == DossierCode(parse_agency_code("000.00.04.H41"), dt.date(2025, 7, 1), 1)
        assert str(code) == "000.00.04.H41-250701-0001"

    @pytest.mark.parametrize(
        "text",
        [
            "000.00.04.H41-250701-0000",
            "000.00.04.H41-251301-0001",
            "000.00.04.H41-250230-0001",
            "000.00.04.H41-250701-001",
            "h41-250701-0001",
            "-250701-0001",
            "000.00.04.H41",
            "H41-٢٥0701-0001",  # Arabic-Indic digits in the date
            "H41-250701-٠٠٠١",
            None,
        ],
    )
    def test_malformed_codes_raise_invalid_value_error(self, text: object) -> None:
        """Sequence 0, impossible dates and bad agencies raise InvalidValueError."""
        with pytest.raises(InvalidValueError) as caught:
            parse_dossier_code(text)

        assert caught.value.field == "dossier_code"

    @pytest.mark.parametrize(
        ("args", "field"),
        [
            (("H41", dt.date(2025, 7, 1), 1), "agency"),
            ((AgencyCode("H41"), dt.datetime(2025, 7, 1), 1), "received_on"),
            ((AgencyCode("H41"), dt.date(1999, 12, 31), 1), "received_on"),
            ((AgencyCode("H41"), dt.date(2025, 7, 1), 10_000), "sequence"),
            ((AgencyCode("H41"), dt.date(2025, 7, 1), True), "sequence"),
        ],
    )
    def test_constructing_a_malformed_dossier_code_raises(
        self, args: tuple[object, ...], field: str
    ) -> None:
        """DossierCode validates its own fields."""
        with pytest.raises(InvalidValueError) as caught:
            DossierCode(*args)  # type: ignore[arg-type]

        assert caught.value.field == field
