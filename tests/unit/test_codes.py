"""Procedure codes, electronic agency identifiers and dossier codes."""

import datetime as dt

import pytest

from adminflow import AgencyCode, AgencyCodeLayout, DossierCode, InvalidValueError
from adminflow.codes import (
    DOSSIER_CODE_2026_FROM,
    DossierCodeLayout,
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


class TestDossierCode2026:
    def test_the_2026_layout_parses_and_round_trips(self) -> None:
        """G09.20-20260609-0092637 is dossier 92637 of 9 June 2026 at G09.20, written back as is."""
        code = parse_dossier_code("G09.20-20260609-0092637")

        assert code.agency == parse_agency_code("G09.20")
        assert code.received_on == dt.date(2026, 6, 9)
        assert code.sequence == 92637
        assert code.layout is DossierCodeLayout.NPSP_2026
        assert str(code) == "G09.20-20260609-0092637"

    def test_the_2018_layout_keeps_its_layout(self) -> None:
        """A 2018-layout code parsed in 2026 keeps the 2018 layout."""
        code = parse_dossier_code("000.00.04.H41-260609-0001")

        assert code.layout is DossierCodeLayout.CIRCULAR_01_2018
        assert str(code) == "000.00.04.H41-260609-0001"

    @pytest.mark.parametrize(
        "text",
        [
            "G09.20-20260609-092637",  # 6-digit number
            "G09.20-20260609-00926370",  # 8-digit number
            "G09.20-20261309-0092637",  # month 13
            "G09.20-20260609-0000000",  # number 0
            "G09.20-19990609-0092637",  # before 2000
            "G09.20-2026069-0092637",
        ],
    )
    def test_malformed_2026_codes_raise(self, text: str) -> None:
        """Wrong widths, impossible dates and number 0 raise InvalidValueError."""
        with pytest.raises(InvalidValueError) as caught:
            parse_dossier_code(text)

        assert caught.value.field == "dossier_code"

    def test_generation_chooses_the_layout_by_date(self) -> None:
        """Receipts from 1 January 2026 get the 2026 layout, earlier ones the 2018 layout."""
        before = DossierCode.generate("000.00.04.H41", dt.date(2025, 12, 31), 7)
        after = DossierCode.generate("000.00.04.H41", DOSSIER_CODE_2026_FROM, 7)

        assert str(before) == "000.00.04.H41-251231-0007"
        assert str(after) == "000.00.04.H41-20260101-0000007"

    def test_generation_takes_an_explicit_layout(self) -> None:
        """An explicit layout overrides the date's."""
        code = DossierCode.generate("H41", dt.date(2026, 6, 9), 12, layout="circular_01_2018")

        assert str(code) == "H41-260609-0012"

    @pytest.mark.parametrize(
        ("args", "kwargs", "field"),
        [
            (("h41", dt.date(2026, 1, 1), 1), {}, "agency_code"),
            (("H41", "2026-01-01", 1), {}, "received_on"),
            (("H41", dt.date(2025, 1, 1), 10_000), {}, "sequence"),
            (("H41", dt.date(2026, 1, 1), 10_000_000), {}, "sequence"),
            (("H41", dt.date(2026, 1, 1), 1), {"layout": "1999"}, "layout"),
        ],
    )
    def test_generation_refuses_bad_input(
        self, args: tuple[object, ...], kwargs: dict[str, object], field: str
    ) -> None:
        """Bad agencies, dates, numbers and layouts raise InvalidValueError naming the field."""
        with pytest.raises(InvalidValueError) as caught:
            DossierCode.generate(*args, **kwargs)  # type: ignore[arg-type]

        assert caught.value.field == field
