"""The catalogue (danh mục): lookups, the shipped sample, reading and writing files."""

import datetime as dt
import json
import re
from importlib import resources
from pathlib import Path

import pytest

from adminflow.calendar import ProcessingTime
from adminflow.errors import InvalidValueError, NotFoundError, Problem, ValidationError
from adminflow.jurisdictions import AuthorityKind, Level
from adminflow.procedures import (
    BoundaryFreeScope,
    Catalog,
    Channel,
    OnlineServiceLevel,
    Procedure,
)

ENTRY = """
[[procedures]]
code = "2.000884"
name = "Chứng thực chữ ký trong các giấy tờ, văn bản"
field = "Chứng thực"
level = "commune"
authority_kind = "peoples_committee"
processing_time = { same_day = true, cutoff = "15:00" }
channels = ["in_person"]
fees = [{ amount_vnd = 10000, description = "Phí chứng thực chữ ký", per = "case" }]
"""


def problems(text: str, format: str = "toml") -> list[str]:
    """The problems reported for a document, as 'path: message' lines."""
    with pytest.raises(ValidationError) as info:
        Catalog.loads(text, format)  # type: ignore[arg-type]
    return [str(p) for p in info.value.problems]


CIVIL_STATUS_5_3 = "Law No. 60/2014/QH13 on Civil Status, Art. 5(3)"


class TestSample:
    def test_sample_has_at_least_15_procedures_on_both_levels(self) -> None:
        """The sample holds at least 15 procedures, at commune and at province level."""
        catalog = Catalog.sample()

        assert len(catalog) >= 15
        assert len(catalog.by_level(Level.COMMUNE)) >= 5
        assert len(catalog.by_level(Level.PROVINCE)) >= 5

    def test_sample_is_cached(self) -> None:
        """The sample is read once: two calls give the same object."""
        assert Catalog.sample() is Catalog.sample()

    def test_every_entry_cites_its_legal_basis(self) -> None:
        """Every sample procedure names at least one legal instrument."""
        catalog = Catalog.sample()

        assert all(p.legal_basis for p in catalog)

    @pytest.mark.parametrize(
        ("code", "name", "time"),
        [
            ("1.001193", "Đăng ký khai sinh", ProcessingTime.same_day(source=CIVIL_STATUS_5_3)),
            ("1.000894", "Đăng ký kết hôn", ProcessingTime.same_day(source=CIVIL_STATUS_5_3)),
            (
                "1.004873",
                "Cấp Giấy xác nhận tình trạng hôn nhân",
                ProcessingTime.working_days(3),
            ),
            ("1.001612", "Đăng ký thành lập hộ kinh doanh", ProcessingTime.working_days(3)),
            ("1.004222", "Đăng ký thường trú", ProcessingTime.working_days(7)),
            ("3.000347", "Đổi giấy phép lái xe", ProcessingTime.working_days(5)),
        ],
    )
    def test_real_procedures_with_their_times(
        self, code: str, name: str, time: ProcessingTime
    ) -> None:
        """Sample entries carry their published names and legal processing times."""
        procedure = Catalog.sample().get(code)

        assert procedure.name == name
        assert procedure.processing_time == time

    @pytest.mark.parametrize(
        ("code", "what"),
        [
            ("1.001612", "Processing time [B]"),  # Decree 168/2025 article not read
            ("1.004222", "Processing time [B]"),  # Law on Residence Art. 22(3) not read
            ("1.004194", "processing time (Law on Residence Art. 28) and fees [B]"),
            ("1.001776", "Processing time [B]"),  # Decree 147/2025 steps not read
            ("1.000956", "Code [B]"),  # no code confirmed by the research
            ("3.000347", "Circular 12/2025/TT-BCA article was not read [B]"),
        ],
    )
    def test_believed_only_facts_are_marked_as_such(self, code: str, what: str) -> None:
        """Facts the research marks [B] (believed, not read in a source) say so in the entry."""
        notes = " ".join(Catalog.sample().get(code).notes)

        assert what in notes

    def test_every_entry_marks_how_sure_its_facts_are(self) -> None:
        """Every sample entry's notes mark its facts [V], [S] or [B]."""
        catalog = Catalog.sample()

        unmarked = [p.code for p in catalog if not re.search(r"\[(V|S|S\+|B)\]", " ".join(p.notes))]

        assert unmarked == []

    def test_marriage_may_take_five_working_days_with_verification(self) -> None:
        """Marriage registration: immediate, or at most 5 working days if verification is needed."""
        marriage = Catalog.sample().get("1.000894")

        (extension,) = marriage.extensions
        assert extension.time == ProcessingTime.working_days(5)
        assert extension.legal_basis == "Law No. 60/2014/QH13, Art. 18(2)"

    def test_certified_copy_fees(self) -> None:
        """Copy certification costs 2,000 VND a page for pages 1-2, 1,000 after, 200,000 max."""
        fees = Catalog.sample().get("2.000815").fees

        assert [(f.amount_vnd, f.per, f.maximum_vnd) for f in fees] == [
            (2000, "page", 200_000),
            (1000, "page", 200_000),
        ]

    def test_land_procedures_carry_the_confidentiality_note(self) -> None:
        """Land procedures are boundary-free in the province, with the reported exclusion noted."""
        land = Catalog.sample().by_field("Đất đai")

        assert [p.code for p in land] == ["1.013978", "1.013831"]
        for procedure in land:
            assert procedure.boundary_free is BoundaryFreeScope.PROVINCE
            assert procedure.boundary_free_note is not None
            assert "confidentiality" in procedure.boundary_free_note

    def test_signature_certification_is_in_person_only(self) -> None:
        """Signature certification has no online service: the signer signs in person."""
        signature = Catalog.sample().get("2.000884")

        assert signature.channels == frozenset({Channel.IN_PERSON})
        assert signature.online_service is OnlineServiceLevel.NONE

    def test_sample_is_package_data(self) -> None:
        """The sample file ships inside the adminflow package."""
        data = resources.files("adminflow").joinpath("data/sample_catalog.toml")

        assert data.is_file()
        assert "retrieved_on" in data.read_text(encoding="utf-8")


class TestCatalogLookups:
    def test_get_unknown_code_names_it(self) -> None:
        """Looking up an unknown code raises NotFoundError naming the code."""
        with pytest.raises(NotFoundError) as info:
            Catalog.sample().get("9.999999")

        assert info.value.key == "9.999999"
        assert info.value.kind == "procedure"

    def test_contains_and_iteration(self) -> None:
        """`in` tests codes, iteration yields procedures in document order."""
        catalog = Catalog.sample()

        assert "1.001193" in catalog
        assert "Đăng ký khai sinh" not in catalog
        assert next(iter(catalog)).code == "1.001193"

    def test_by_field(self) -> None:
        """by_field returns the procedures of one field (lĩnh vực) in order."""
        civil_status = Catalog.sample().by_field("Hộ tịch")

        assert [p.code for p in civil_status] == ["1.001193", "1.000656", "1.000894", "1.004873"]

    def test_duplicate_codes_are_rejected(self) -> None:
        """A catalogue cannot hold two procedures with the same code."""
        birth = Catalog.sample().get("1.001193")

        with pytest.raises(ValidationError) as info:
            Catalog([birth, birth])

        assert info.value.problems == (
            Problem(
                "procedures[1].code",
                "duplicate of procedures[0]: its window [2025-07-01, ...) overlaps "
                "[2025-07-01, ...) (dated versions of one code need disjoint "
                "[valid_from, valid_to) windows), got '1.001193'",
            ),
        )

    @pytest.mark.parametrize(
        ("args", "kwargs", "path"),
        [
            ((None,), {}, "procedures"),
            ((5,), {}, "procedures"),
            (("1.001193",), {}, "procedures"),
            (([1],), {}, "procedures[0]"),
            (((),), {"title": None}, "title"),
            (((),), {"description": 1}, "description"),
            (((),), {"sources": "a source"}, "sources"),
            (((),), {"sources": [b"x"]}, "sources[0]"),
            (((),), {"retrieved_on": "2026-07-23"}, "retrieved_on"),
            (((),), {"retrieved_on": dt.datetime(2026, 7, 23)}, "retrieved_on"),
            (((),), {"title": "\ud800"}, "title"),
            (((),), {"sources": ["ok", "\udfff"]}, "sources[1]"),
        ],
    )
    def test_wrong_types_raise_validation_error_naming_the_field(
        self, args: tuple[object, ...], kwargs: dict[str, object], path: str
    ) -> None:
        """A catalogue built from wrong types names the field, never a TypeError."""
        with pytest.raises(ValidationError) as info:
            Catalog(*args, **kwargs)  # type: ignore[arg-type]

        assert [p.path for p in info.value.problems] == [path]


class TestReadWrite:
    def test_hand_written_entry_loads(self) -> None:
        """A hand-written TOML entry loads with its same-day cut-off and fee."""
        catalog = Catalog.loads(ENTRY)

        procedure = catalog.get("2.000884")
        assert procedure.processing_time == ProcessingTime.same_day(dt.time(15, 0))
        assert procedure.authority_kind is AuthorityKind.PEOPLES_COMMITTEE
        assert procedure.fees[0].amount_vnd == 10_000

    @pytest.mark.parametrize("format", ["toml", "json"])
    def test_sample_round_trips(self, format: str) -> None:
        """The sample written as TOML or JSON reads back equal."""
        sample = Catalog.sample()

        again = Catalog.loads(sample.dumps(format), format)  # type: ignore[arg-type]

        assert again == sample

    def test_files_round_trip(self, tmp_path: Path) -> None:
        """dump() and load() pick the format from the suffix."""
        sample = Catalog.sample()

        for name in ("c.toml", "c.json"):
            sample.dump(tmp_path / name)
            assert Catalog.load(tmp_path / name) == sample
        assert json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))["procedures"]

    def test_every_problem_is_reported_with_its_path(self) -> None:
        """All problems of a file come at once, each with its path."""
        text = ENTRY + ENTRY.replace("2.000884", "2.0008").replace(
            'same_day = true, cutoff = "15:00"', "working_days = -2"
        ).replace("10000", "-5")

        found = problems(text)

        assert found == [
            "procedures[1].processing_time.working_days: must be > 0, got -2",
            "procedures[1].fees[0].amount_vnd: must be >= 0, got -5",
            "procedures[1].code: must look like 1.234567 or 1.234567.H41, got '2.0008'",
        ]

    def test_invariants_over_defaults_are_checked_when_other_fields_fail(self) -> None:
        """A district entry without valid_to is reported even when another field is broken."""
        text = ENTRY.replace('"commune"', '"district"').replace('"in_person"', '"fax"')

        assert problems(text) == [
            "procedures[0].channels[0]: must be one of in_person, postal, online, mobile_point, "
            "got 'fax'",
            "procedures[0].level: needs valid_to on or before 2025-07-01 (no district level "
            "since; Resolution 203/2025/QH15 amending the Constitution; Law No. 72/2025/QH15), "
            "got 'district'",
        ]

    def test_missing_and_unknown_keys(self) -> None:
        """Missing required keys and misspelt keys are named, with a suggestion."""
        text = ENTRY.replace("processing_time", "procesing_time")

        found = problems(text)

        assert found == [
            "procedures[0].processing_time: is required",
            "procedures[0].procesing_time: unknown key (did you mean processing_time?)",
        ]

    def test_wrong_types_are_not_coerced(self) -> None:
        """A number is not a string and a string is not a number."""
        text = ENTRY.replace('name = "Chứng', 'name = 5\nx_name = "Chứng').replace(
            "amount_vnd = 10000", 'amount_vnd = "10000"'
        )

        found = problems(text)

        assert "procedures[0].name: must be a string, got 5" in found
        assert "procedures[0].fees[0].amount_vnd: must be an integer, got '10000'" in found

    def test_calendar_days_round_trip(self) -> None:
        """A time in calendar days reads from { days = 10 } and is written back the same way."""
        text = ENTRY.replace('same_day = true, cutoff = "15:00"', "days = 10")

        catalog = Catalog.loads(text, format="toml")
        (procedure,) = list(catalog)

        assert procedure.processing_time == ProcessingTime.days(10)
        assert json.loads(catalog.dumps(format="json"))["procedures"][0]["processing_time"] == {
            "days": 10
        }
        assert Catalog.loads(catalog.dumps(format="toml"), format="toml") == catalog

    def test_processing_time_shapes(self) -> None:
        """A processing time needs exactly one unit; a cut-off goes only with same_day."""
        two_units = ENTRY.replace(
            'same_day = true, cutoff = "15:00"', "working_days = 3, same_day = true"
        )
        cutoff = ENTRY.replace(
            'same_day = true, cutoff = "15:00"', 'working_days = 3, cutoff = "15:00"'
        )
        bad_time = ENTRY.replace('"15:00"', '"3pm"')

        assert problems(two_units) == [
            "procedures[0].processing_time: needs exactly one of working_days, working_hours, "
            "days, same_day, got ['working_days', 'same_day']"
        ]
        assert problems(cutoff) == [
            "procedures[0].processing_time.cutoff: only goes with same_day, got '15:00'"
        ]
        assert problems(bad_time) == [
            "procedures[0].processing_time.cutoff: must be a time HH:MM, got '3pm'"
        ]

    def test_duplicate_reported_once_alongside_other_problems(self) -> None:
        """A duplicate code is reported once even when other entries are broken."""
        text = (
            ENTRY
            + ENTRY
            + ENTRY.replace("2.000884", "2.000815").replace(
                'channels = ["in_person"]', "channels = []"
            )
        )

        found = problems(text)

        assert found == [
            "procedures[2].channels: must not be empty, got []",
            "procedures[1].code: duplicate of procedures[0]: its window [..., ...) overlaps "
            "[..., ...) (dated versions of one code need disjoint [valid_from, valid_to) "
            "windows), got '2.000884'",
        ]

    def test_document_must_be_a_table_with_procedures(self) -> None:
        """A JSON document that is not an object, or lacks procedures, is refused."""
        assert problems("[]", "json") == [
            "(document): must be a table with a 'procedures' list, got []"
        ]
        assert problems('{"title": "x"}', "json") == [
            "procedures: is required (a list of procedures)"
        ]

    def test_syntax_error_is_an_invalid_value_not_a_validation_error(self) -> None:
        """Text that is not TOML raises InvalidValueError (not ValidationError)."""
        with pytest.raises(InvalidValueError) as info:
            Catalog.loads("[[procedures]\n")

        assert not isinstance(info.value, ValidationError)
        assert "not valid TOML" in info.value.reason

    def test_unknown_format_is_refused(self) -> None:
        """Only TOML and JSON are supported."""
        with pytest.raises(InvalidValueError, match="format"):
            Catalog.loads("", "yaml")  # type: ignore[arg-type]

    def test_non_utf8_file_is_refused(self, tmp_path: Path) -> None:
        """A file that is not UTF-8 raises InvalidValueError."""
        path = tmp_path / "c.toml"
        path.write_bytes('title = "Hộ tịch"'.encode("utf-16"))

        with pytest.raises(InvalidValueError, match="UTF-8"):
            Catalog.load(path)

    @pytest.mark.parametrize("key", ["fees", "documents", "steps", "extensions"])
    @pytest.mark.parametrize("item", ["null", "1", '"x"', "[]"])
    def test_parts_that_are_not_tables_are_named(self, key: str, item: str) -> None:
        """A fee, document, step or extension that is not a table is named as such."""
        entry = json.loads(Catalog.loads(ENTRY).dumps("json"))["procedures"][0]
        entry[key] = [json.loads(item)]

        found = problems(json.dumps({"procedures": [entry]}), "json")

        assert found == [f"procedures[0].{key}[0]: must be a table, got {json.loads(item)!r}"]

    def test_huge_nan_and_infinite_numbers_are_refused(self) -> None:
        """Amounts beyond 64 bits and non-finite budgets are problems, not crashes."""
        text = ENTRY.replace("10000", str(2**64)) + (
            'steps = [{ name = "a", role = "b", budget = nan }]\n'
        )

        assert problems(text) == [
            f"procedures[0].fees[0].amount_vnd: must be <= {2**63 - 1}, got {2**64}",
            "procedures[0].steps[0].budget: must be a finite number, got nan",
        ]

    def test_toml_datetime_where_a_date_is_expected_is_refused(self) -> None:
        """A TOML date-time or time is not a date."""
        text = ENTRY + "valid_from = 2025-07-01T00:00:00\nvalid_to = 08:00:00\n"

        assert problems(text) == [
            "procedures[0].valid_from: must be a date YYYY-MM-DD, "
            "got datetime.datetime(2025, 7, 1, 0, 0)",
            "procedures[0].valid_to: must be a date YYYY-MM-DD, got datetime.time(8, 0)",
        ]

    def test_a_lone_surrogate_is_refused(self) -> None:
        """JSON text with an unpaired surrogate escape cannot be written back, so it is refused."""
        text = '{"title": "\\ud800", "procedures": []}'

        assert problems(text, "json") == [
            "title: must be valid Unicode text (a lone surrogate cannot be written to a file), "
            "got '\\ud800'"
        ]

    @pytest.mark.parametrize("cutoff", ["15:30:45", "15:00:00.500000"])
    def test_cutoff_with_seconds_round_trips(self, cutoff: str) -> None:
        """A cut-off with seconds or microseconds is written back without loss."""
        catalog = Catalog.loads(ENTRY.replace('"15:00"', f'"{cutoff}"'))

        assert Catalog.loads(catalog.dumps()) == catalog
        assert Catalog.loads(catalog.dumps("json"), "json") == catalog

    def test_cutoff_with_a_time_zone_is_refused(self) -> None:
        """A cut-off is a local office hour: a time zone offset is refused."""
        assert problems(ENTRY.replace('"15:00"', '"15:00+07:00"')) == [
            "procedures[0].processing_time.cutoff: must be a time HH:MM, got '15:00+07:00'"
        ]

    @pytest.mark.parametrize(
        "text",
        ["[" * 100_000 + "]" * 100_000, '{"procedures": [], "procedures": []}'],
        ids=["nested-too-deeply", "duplicate-key"],
    )
    def test_unreadable_json_is_an_invalid_value(self, text: str) -> None:
        """Deeply nested JSON and a key given twice raise InvalidValueError, not a crash."""
        with pytest.raises(InvalidValueError) as info:
            Catalog.loads(text, "json")

        assert "not valid JSON" in info.value.reason

    @pytest.mark.parametrize("suffix", ["toml", "json"])
    def test_a_byte_order_mark_is_ignored(self, tmp_path: Path, suffix: str) -> None:
        """A UTF-8 file starting with a byte-order mark (as some editors write) loads."""
        path = tmp_path / f"c.{suffix}"
        path.write_bytes(b"\xef\xbb\xbf" + Catalog.sample().dumps(suffix).encode())  # type: ignore[arg-type]

        assert Catalog.load(path) == Catalog.sample()

    @pytest.mark.parametrize("path", [None, 3, b"c.toml"])
    def test_a_path_that_is_not_a_path_is_refused(self, path: object) -> None:
        """Catalog.load and dump need a file path, not any object."""
        with pytest.raises(InvalidValueError) as info:
            Catalog.load(path)  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError):
            Catalog().dump(path)  # type: ignore[arg-type]

        assert info.value.field == "path"

    def test_empty_catalogue_round_trips(self) -> None:
        """An empty catalogue still writes its procedures list and reads back."""
        empty = Catalog()

        assert Catalog.loads(empty.dumps()) == empty
        assert Catalog.loads(empty.dumps("json"), "json") == empty

    def test_procedures_built_in_code_equal_loaded_ones(self) -> None:
        """A procedure built in Python equals the same entry loaded from TOML."""
        from adminflow.procedures import Fee

        built = Procedure(
            "2.000884",
            "Chứng thực chữ ký trong các giấy tờ, văn bản",
            "Chứng thực",
            Level.COMMUNE,
            AuthorityKind.PEOPLES_COMMITTEE,
            ProcessingTime.same_day(),
            {Channel.IN_PERSON},
            fees=[Fee(10_000, "Phí chứng thực chữ ký", per="case")],
        )

        assert Catalog.loads(ENTRY).get("2.000884") == built


class TestDocumentedFormat:
    def test_toml_example_in_the_docs_is_valid(self) -> None:
        """The TOML example on the "Describing procedures" page is a valid catalogue."""
        page = Path(__file__).resolve().parents[2] / "docs" / "procedures.md"
        (example,) = re.findall(r"```toml\n(.*?)```", page.read_text(encoding="utf-8"), re.S)

        catalog = Catalog.loads(example)

        assert [p.code for p in catalog] == ["1.004873"]
        assert catalog.get("1.004873").steps_total == 3
