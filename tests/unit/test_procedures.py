"""Procedures (thủ tục hành chính) and their parts: construction and invariants."""

import datetime as dt

import attrs
import pytest

from adminflow.calendar import ProcessingTime
from adminflow.errors import InvalidValueError, ValidationError
from adminflow.jurisdictions import AuthorityKind, Level
from adminflow.procedures import (
    BoundaryFreeScope,
    Channel,
    DocumentKind,
    Extension,
    Fee,
    OnlineServiceLevel,
    Procedure,
    RequiredDocument,
    ResultKind,
    Step,
)


def marital_status(**changes: object) -> Procedure:
    """Cấp Giấy xác nhận tình trạng hôn nhân (1.004873), 3 working days, commune level."""
    procedure = Procedure(
        "1.004873",
        "Cấp Giấy xác nhận tình trạng hôn nhân",
        "Hộ tịch",
        Level.COMMUNE,
        AuthorityKind.PEOPLES_COMMITTEE,
        ProcessingTime.working_days(3),
        {Channel.IN_PERSON, Channel.ONLINE},
        online_service=OnlineServiceLevel.PARTIAL,
        legal_basis=["Decree 123/2015/NĐ-CP, Art. 21-23"],
    )
    return attrs.evolve(procedure, **changes) if changes else procedure


class TestProcedure:
    def test_defaults(self) -> None:
        """A procedure defaults to boundary-free within the province, paper result, no fees."""
        procedure = marital_status()

        assert procedure.boundary_free is BoundaryFreeScope.PROVINCE
        assert procedure.result is ResultKind.PAPER
        assert procedure.fees == ()
        assert procedure.channels == frozenset({Channel.IN_PERSON, Channel.ONLINE})

    def test_storage_values_are_converted(self) -> None:
        """Enum fields accept their storage values and lists become tuples and sets."""
        procedure = marital_status(
            level="commune", channels=["in_person", "online"], online_service="full"
        )

        assert procedure.level is Level.COMMUNE
        assert procedure.channels == frozenset({Channel.IN_PERSON, Channel.ONLINE})
        assert procedure.online_service is OnlineServiceLevel.FULL

    @pytest.mark.parametrize(
        "code", ["1.001193", "2.000815", "1.013978.H41", "1.004873.000.00.00.H14"]
    )
    def test_real_codes_are_accepted(self, code: str) -> None:
        """National codes and their provincial forms are well-formed codes."""
        procedure = marital_status(code=code)

        assert procedure.code == code

    @pytest.mark.parametrize("code", ["2.635", "1.0011930", "TTHC-1", "", "1.001193.h41"])
    def test_malformed_code_is_rejected(self, code: str) -> None:
        """A code not of the form 1.234567 (optionally .H41) is refused, naming the field."""
        with pytest.raises(InvalidValueError) as info:
            marital_status(code=code)

        assert info.value.field == "code"
        assert info.value.value == code

    def test_empty_channels_are_rejected(self) -> None:
        """A procedure must be available through at least one channel."""
        with pytest.raises(InvalidValueError, match="channels: must not be empty"):
            marital_status(channels=set(), online_service="none")

    def test_online_level_needs_online_channel(self) -> None:
        """A full or partial online service needs the online channel."""
        with pytest.raises(InvalidValueError) as info:
            marital_status(channels={Channel.IN_PERSON})

        assert info.value.field == "online_service"

    def test_online_channel_needs_online_level(self) -> None:
        """The online channel with online service 'none' is contradictory."""
        with pytest.raises(InvalidValueError, match="online_service"):
            marital_status(online_service=OnlineServiceLevel.NONE)

    def test_exclusion_needs_a_reason(self) -> None:
        """Excluding a procedure from boundary-free receipt needs a note saying why."""
        with pytest.raises(InvalidValueError, match="boundary_free_note"):
            marital_status(boundary_free=BoundaryFreeScope.NONE)

    def test_exclusion_with_reason_is_accepted(self) -> None:
        """An exclusion with its reason is accepted as data."""
        note = "Excluded by the province's list decision (example)"

        procedure = marital_status(boundary_free="none", boundary_free_note=note)

        assert procedure.boundary_free is BoundaryFreeScope.NONE
        assert procedure.boundary_free_note == note

    def test_step_budgets_fit_in_working_days(self) -> None:
        """Steps of 0.5 + 1.5 + 0.5 + 0.5 working days fit in 3 working days."""
        steps = [Step("Tiếp nhận", "một cửa", 0.5), Step("Xác minh", "tư pháp", 1.5)]
        steps += [Step("Ký", "Chủ tịch", 0.5), Step("Trả kết quả", "một cửa", 0.5)]

        procedure = marital_status(steps=steps)

        assert procedure.steps_total == 3

    def test_step_budgets_over_the_total_are_rejected(self) -> None:
        """Steps adding up to more than the processing time are refused."""
        steps = [Step("Thẩm định", "tư pháp", 2), Step("Ký", "Chủ tịch", 1.5)]

        with pytest.raises(InvalidValueError) as info:
            marital_status(steps=steps)

        assert info.value.field == "steps"
        assert info.value.value == 3.5

    def test_same_day_steps_are_in_working_hours(self) -> None:
        """A same-day procedure's steps are budgeted in working hours, at most 8."""
        base = marital_status(processing_time=ProcessingTime.same_day())

        ok = attrs.evolve(base, steps=[Step("Tiếp nhận", "một cửa", 1), Step("Ký", "Chủ tịch", 7)])

        assert ok.steps_total == 8
        with pytest.raises(InvalidValueError, match="8 working hours"):
            attrs.evolve(base, steps=[Step("Xử lý", "tư pháp", 8.5)])

    def test_several_problems_are_reported_together(self) -> None:
        """A procedure with several problems raises one ValidationError listing them all."""
        with pytest.raises(ValidationError) as info:
            marital_status(code="x", name=" ", channels=set())

        assert [p.path for p in info.value.problems] == [
            "code",
            "name",
            "channels",
            "online_service",
        ]

    def test_district_level_only_before_july_2025(self) -> None:
        """The district level needs an entry that ends by 1 July 2025."""
        with pytest.raises(InvalidValueError, match="district"):
            marital_status(level=Level.DISTRICT)

        old = marital_status(level=Level.DISTRICT, valid_to=dt.date(2025, 7, 1))

        assert old.is_valid_on(dt.date(2025, 6, 30))
        assert not old.is_valid_on(dt.date(2025, 7, 1))

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"code": None}, "code"),
            ({"code": 1001193}, "code"),
            ({"name": None}, "name"),
            ({"name": b"x"}, "name"),
            ({"field": ["Hộ tịch"]}, "field"),
            ({"level": "huyen"}, "level"),
            ({"level": None}, "level"),
            ({"authority_kind": 1}, "authority_kind"),
            ({"processing_time": 3}, "processing_time"),
            ({"channels": "online"}, "channels"),
            ({"channels": [["online"]]}, "channels"),  # unhashable item
            ({"channels": {1}}, "channels"),
            ({"online_service": "bogus"}, "online_service"),
            ({"fees": [1]}, "fees[0]"),
            ({"fees": None}, "fees"),
            ({"steps": "x"}, "steps"),
            ({"legal_basis": "Law 60/2014/QH13"}, "legal_basis"),
            ({"legal_basis": [b"x"]}, "legal_basis[0]"),
            ({"valid_from": "2025-07-01"}, "valid_from"),
            ({"name": "Đăng ký \ud800"}, "name"),  # a lone surrogate cannot be written
            ({"notes": ["\udfff"]}, "notes[0]"),
            ({"valid_from": dt.datetime(2025, 7, 1)}, "valid_from"),
        ],
    )
    def test_wrong_types_raise_invalid_value_error_naming_the_field(
        self, changes: dict[str, object], field: str
    ) -> None:
        """Wrong types anywhere raise InvalidValueError naming the field, never TypeError."""
        with pytest.raises(InvalidValueError) as info:
            marital_status(**changes)

        assert info.value.field == field

    def test_validity_on_a_day(self) -> None:
        """An entry applies from valid_from up to the day before valid_to."""
        procedure = marital_status(valid_from=dt.date(2025, 7, 1), valid_to=dt.date(2027, 3, 1))

        assert procedure.is_valid_on(dt.date(2025, 7, 1))
        assert not procedure.is_valid_on(dt.date(2027, 3, 1))
        assert not procedure.is_valid_on(dt.date(2025, 6, 30))

    @pytest.mark.parametrize("day", ["2025-07-01", None, dt.datetime(2025, 7, 1, 8, 0)])
    def test_validity_needs_a_date(self, day: object) -> None:
        """is_valid_on refuses anything but a date, even with no bounds to compare with."""
        with pytest.raises(InvalidValueError) as info:
            marital_status().is_valid_on(day)  # type: ignore[arg-type]

        assert info.value.field == "day"

    def test_validity_bounds_are_ordered(self) -> None:
        """valid_to must come after valid_from."""
        with pytest.raises(InvalidValueError, match="valid_to"):
            marital_status(valid_from=dt.date(2026, 7, 1), valid_to=dt.date(2026, 7, 1))


class TestFee:
    def test_certified_copy_fee(self) -> None:
        """The copy certification fee is 2,000 VND a page, capped at 200,000 VND."""
        fee = Fee(2000, "Phí chứng thực bản sao", per="page", maximum_vnd=200_000)

        assert (fee.amount_vnd, fee.per, fee.maximum_vnd) == (2000, "page", 200_000)

    @pytest.mark.parametrize("amount", [-1, 1.5, "2000", True, None, 2**63, float("inf")])
    def test_amount_must_be_a_non_negative_integer(self, amount: object) -> None:
        """A fee amount is a whole number of đồng, zero or more."""
        with pytest.raises(InvalidValueError) as info:
            Fee(amount, "lệ phí")  # type: ignore[arg-type]

        assert info.value.field == "amount_vnd"

    def test_the_largest_64_bit_amount_is_accepted(self) -> None:
        """Amounts up to 2**63 - 1 đồng, what TOML and SQL store, are accepted."""
        fee = Fee(2**63 - 1, "lệ phí", maximum_vnd=2**63 - 1)

        assert fee.amount_vnd == fee.maximum_vnd

    def test_maximum_not_below_amount(self) -> None:
        """A cap below the amount is refused."""
        with pytest.raises(InvalidValueError, match="maximum_vnd"):
            Fee(10_000, "lệ phí", maximum_vnd=5_000)


class TestParts:
    def test_document_quantity_at_least_one(self) -> None:
        """A required document comes at least once."""
        with pytest.raises(InvalidValueError, match="quantity"):
            RequiredDocument("Tờ khai", quantity=0)

    def test_document_kind_from_storage_value(self) -> None:
        """A document kind is given by its storage value."""
        document = RequiredDocument("Bản chính giấy tờ", kind="shown")  # type: ignore[arg-type]

        assert document.kind is DocumentKind.SHOWN

    @pytest.mark.parametrize("budget", [0, -1, float("inf"), float("nan")])
    def test_step_budget_positive_and_finite(self, budget: float) -> None:
        """A step budget is a positive finite number."""
        with pytest.raises(InvalidValueError, match="budget"):
            Step("Thẩm định", "tư pháp", budget)

    def test_extension_needs_a_condition(self) -> None:
        """A longer time limit states when it applies."""
        with pytest.raises(InvalidValueError, match="condition"):
            Extension(ProcessingTime.working_days(5), "")
