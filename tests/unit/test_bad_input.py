"""Bad input to the library gives an AdminflowError naming the argument (issue 9 reproducers)."""

import contextlib
import datetime as dt
from pathlib import Path

import pytest

from adminflow.calendar import WorkingCalendar
from adminflow.competence import CompetenceResolver, CompetenceRules, load_rules
from adminflow.errors import AdminflowError, InvalidValueError, ValidationError
from adminflow.jurisdictions import Level
from adminflow.procedures import Catalog

UTC = dt.UTC
EDGES = [
    dt.datetime.min.replace(tzinfo=UTC),
    dt.datetime.max.replace(tzinfo=UTC),
    dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=7))),
    dt.datetime(1, 1, 1, 6, 59, tzinfo=dt.timezone(dt.timedelta(hours=7))),
    dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-12))),
]


class TestCalendarEdges:
    @pytest.mark.parametrize("at", EDGES, ids=str)
    @pytest.mark.parametrize(
        "call",
        [
            lambda c, at: c.due(at, __import__("adminflow").ProcessingTime.working_days(3)),
            lambda c, at: c.handling_day(at),
            lambda c, at: c.is_working_time(at),
            lambda c, at: c.next_working_instant(at),
            lambda c, at: c.add_working_hours(at, 2),
            lambda c, at: c.add_working_time(at, dt.timedelta(hours=2)),
            lambda c, at: c.working_time_between(at, at),
            lambda c, at: c.working_time_between(EDGES[0], at),
        ],
        ids=[
            "due",
            "handling_day",
            "is_working_time",
            "next_working_instant",
            "add_working_hours",
            "add_working_time",
            "working_time_between",
            "working_time_between_min",
        ],
    )
    def test_instants_at_the_ends_of_the_range(self, call, at: dt.datetime) -> None:
        """An aware instant near datetime.min or datetime.max gives a CalendarError."""
        calendar = WorkingCalendar.vietnam()

        with contextlib.suppress(AdminflowError):
            call(calendar, at)


class TestResolverArguments:
    @pytest.mark.parametrize("bad", ["x", 5, object()], ids=["str", "int", "object"])
    def test_bad_catalog(self, bad: object) -> None:
        """A catalog that is not a catalogue is refused naming ``catalog``."""
        with pytest.raises(InvalidValueError) as raised:
            CompetenceResolver(CompetenceRules(), catalog=bad)  # type: ignore[arg-type]

        assert raised.value.field == "catalog"

    @pytest.mark.parametrize("bad", ["x", 5, object()], ids=["str", "int", "object"])
    def test_bad_gazetteer(self, bad: object) -> None:
        """A gazetteer that is not a gazetteer is refused naming ``gazetteer``, not 17 problems."""
        with pytest.raises(InvalidValueError) as raised:
            CompetenceResolver(CompetenceRules.example_khanh_hoa(), gazetteer=bad)  # type: ignore[arg-type]

        assert raised.value.field == "gazetteer"
        assert not isinstance(raised.value, ValidationError)

    @pytest.mark.parametrize("bad", [None, 5, object(), "x"], ids=["None", "int", "object", "str"])
    def test_bad_authorities(self, bad: object) -> None:
        """Authorities that are not a collection of authorities are refused naming the argument."""
        with pytest.raises(InvalidValueError) as raised:
            CompetenceResolver(CompetenceRules(), authorities=bad)  # type: ignore[arg-type]

        assert raised.value.field.startswith("authorities")

    def test_bad_validate(self) -> None:
        """``validate`` must be a bool."""
        with pytest.raises(InvalidValueError) as raised:
            CompetenceResolver(CompetenceRules(), validate="x")  # type: ignore[arg-type]

        assert raised.value.field == "validate"

    @pytest.mark.parametrize("method", ["problems", "validate"])
    @pytest.mark.parametrize(
        ("argument", "bad"),
        [
            ("catalog", "x"),
            ("catalog", 5),
            ("gazetteer", 5),
            ("gazetteer", "x"),
            ("authorities", None),
            ("authorities", 5),
            ("authorities", object()),
        ],
    )
    def test_rules_checks(self, method: str, argument: str, bad: object) -> None:
        """problems() and validate() refuse arguments of the wrong type naming them."""
        rules = CompetenceRules.example_khanh_hoa()

        with pytest.raises(InvalidValueError) as raised:
            getattr(rules, method)(**{argument: bad})

        assert raised.value.field.startswith(argument)
        assert not isinstance(raised.value, ValidationError)


class TestFiles:
    @pytest.mark.parametrize(
        "read", [Catalog.load, CompetenceRules.load, load_rules], ids=["catalog", "rules", "fn"]
    )
    def test_missing_file(self, tmp_path: Path, read) -> None:
        """A missing file is an AdminflowError that is also a FileNotFoundError."""
        with pytest.raises(AdminflowError) as raised:
            read(tmp_path / "missing.toml")

        assert isinstance(raised.value, FileNotFoundError)
        assert "missing.toml" in str(raised.value)

    @pytest.mark.parametrize(
        "read", [Catalog.load, CompetenceRules.load, load_rules], ids=["catalog", "rules", "fn"]
    )
    def test_directory(self, tmp_path: Path, read) -> None:
        """A directory is an AdminflowError that is also an IsADirectoryError."""
        folder = tmp_path / "x.toml"
        folder.mkdir()

        with pytest.raises(AdminflowError) as raised:
            read(folder)

        assert isinstance(raised.value, IsADirectoryError)

    def test_dump_to_missing_folder(self, tmp_path: Path) -> None:
        """Dumping into a folder that does not exist is an AdminflowError and FileNotFoundError."""
        with pytest.raises(AdminflowError) as raised:
            Catalog.sample().dump(tmp_path / "nowhere" / "x.toml")

        assert isinstance(raised.value, FileNotFoundError)

    def test_rules_dump_to_missing_folder(self, tmp_path: Path) -> None:
        """Dumping rules into a folder that does not exist is an AdminflowError."""
        with pytest.raises(AdminflowError) as raised:
            CompetenceRules().dump(tmp_path / "nowhere" / "x.toml")

        assert isinstance(raised.value, FileNotFoundError)


class TestCatalogFilters:
    @pytest.mark.parametrize("bad", [None, 5, "nonsense"])
    def test_by_level_refuses_nonsense(self, bad: object) -> None:
        """by_level refuses a value that is not a level."""
        with pytest.raises(InvalidValueError) as raised:
            Catalog.sample().by_level(bad)  # type: ignore[arg-type]

        assert raised.value.field == "level"

    def test_by_level_accepts_the_code(self) -> None:
        """by_level takes a Level or its storage code."""
        catalog = Catalog.sample()

        assert catalog.by_level("commune") == catalog.by_level(Level.COMMUNE)

    @pytest.mark.parametrize("bad", [None, 5, b"x"])
    def test_by_field_refuses_nonsense(self, bad: object) -> None:
        """by_field refuses a value that is not a string."""
        with pytest.raises(InvalidValueError) as raised:
            Catalog.sample().by_field(bad)  # type: ignore[arg-type]

        assert raised.value.field == "field"
