"""Dated versions of one procedure code in a catalogue (issue 8, point 13)."""

import datetime as dt
import json

import attrs
import pytest

from adminflow.errors import InvalidValueError, NotFoundError, ValidationError
from adminflow.procedures import Catalog

D = dt.date


class TestSampleVersions:
    def test_construction_permit_has_two_dated_versions(self) -> None:
        """1.013225 has a version for 1 Jul 2025 - 30 Jun 2026 and one from 1 Jul 2026."""
        versions = Catalog.sample().versions("1.013225")

        assert [(v.valid_from, v.valid_to) for v in versions] == [
            (D(2025, 7, 1), D(2026, 7, 1)),
            (D(2026, 7, 1), None),
        ]
        assert all(v.legal_basis for v in versions)

    @pytest.mark.parametrize(
        ("day", "limit"),
        [
            (D(2025, 7, 1), "15 calendar days"),
            (D(2026, 6, 30), "15 calendar days"),
            (D(2026, 7, 1), "7 working days"),
        ],
    )
    def test_get_on_a_day_gives_the_version_valid_that_day(self, day: dt.date, limit: str) -> None:
        """get(code, on=day) returns the version whose window holds the day."""
        procedure = Catalog.sample().get("1.013225", on=day)

        assert str(procedure.processing_time) == limit

    def test_get_outside_every_window_raises_not_found(self) -> None:
        """A day before the first version raises NotFoundError."""
        with pytest.raises(NotFoundError):
            Catalog.sample().get("1.013225", on=D(2025, 6, 30))

    def test_get_without_a_day_needs_one_for_several_versions(self) -> None:
        """get(code) of a code with several versions says a day is needed (field 'on')."""
        with pytest.raises(InvalidValueError) as caught:
            Catalog.sample().get("1.013225")

        assert caught.value.field == "on"
        assert "give the day" in str(caught.value)

    def test_get_without_a_day_returns_the_only_version(self) -> None:
        """A code with one version is returned without a day."""
        assert Catalog.sample().get("2.000815").code == "2.000815"

    @pytest.mark.parametrize("on", ["2026-07-01", dt.datetime(2026, 7, 1), 20260701])
    def test_get_refuses_a_day_that_is_not_a_date(self, on: object) -> None:
        """A day that is not a date raises InvalidValueError naming 'on'."""
        with pytest.raises(InvalidValueError) as caught:
            Catalog.sample().get("1.013225", on=on)  # type: ignore[arg-type]

        assert caught.value.field == "on"


class TestOverlapValidation:
    def test_overlapping_windows_are_a_problem(self) -> None:
        """Two versions of one code whose windows overlap are refused."""
        first, second = Catalog.sample().versions("1.013225")
        overlapping = attrs.evolve(second, valid_from=D(2026, 6, 1))

        with pytest.raises(ValidationError) as caught:
            Catalog([first, overlapping])

        assert caught.value.problems[0].path == "procedures[1].code"
        assert "overlaps" in caught.value.problems[0].message

    def test_adjacent_windows_are_fine(self) -> None:
        """A window ending on the day the next one starts does not overlap it."""
        first, second = Catalog.sample().versions("1.013225")

        assert len(Catalog([second, first])) == 2

    @pytest.mark.parametrize("fmt", ["toml", "json"])
    def test_versions_round_trip_through_files(self, fmt: str) -> None:
        """TOML and JSON documents carry dated versions and read back equal."""
        catalog = Catalog([*Catalog.sample().versions("1.013225")])

        again = Catalog.loads(catalog.dumps(fmt), fmt)  # type: ignore[arg-type]

        assert again == catalog

    def test_a_document_with_overlapping_versions_lists_the_problem(self) -> None:
        """A JSON file whose versions overlap is refused with the path of the later entry."""
        document = json.loads(Catalog([*Catalog.sample().versions("1.013225")]).dumps("json"))
        document["procedures"][1]["valid_from"] = "2026-01-01"

        with pytest.raises(ValidationError) as caught:
            Catalog.loads(json.dumps(document, ensure_ascii=False), "json")

        assert [p.path for p in caught.value.problems] == ["procedures[1].code"]
