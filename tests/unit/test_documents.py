"""Reading documents (tài liệu TOML/JSON): shared hooks, parsing, problems and both loaders."""

import datetime as dt
import json
import math

import cattrs
import pytest

from adminflow import _documents as documents
from adminflow.competence import LegalReference, loads_rules
from adminflow.errors import InvalidValueError, Problem, ValidationError
from adminflow.jurisdictions import Level
from adminflow.procedures import Catalog

DEEP = "[" * 100_000 + "]" * 100_000


def converter() -> cattrs.Converter:
    """A converter with the shared hooks, as both loaders register them."""
    conv = cattrs.Converter(forbid_extra_keys=True)
    documents.register_scalars(conv, (Level,))
    return conv


class TestScalarHooks:
    @pytest.mark.parametrize(
        ("value", "tp", "reason"),
        [
            (3, str, "must be a string"),
            ("\ud800", str, "lone surrogate"),
            ("3", int, "must be an integer"),
            (True, int, "must be an integer"),
            (math.inf, float, "must be a finite number"),
            (1, bool, "must be true or false"),
            (dt.datetime(2025, 7, 1), dt.date, "must be a date YYYY-MM-DD"),
            ("15:00+07:00", dt.time, "must be a time HH:MM"),
            ("ward", Level, "must be one of "),
            ("abc", tuple[str, ...], "must be a list"),
        ],
    )
    def test_wrong_values_are_invalid_values(self, value, tp, reason):
        """A value of the wrong kind raises InvalidValueError with the reason and the value."""
        with pytest.raises(InvalidValueError) as info:
            converter().structure(value, tp)

        assert reason in info.value.reason
        assert info.value.value == value

    @pytest.mark.parametrize(
        ("value", "tp", "expected"),
        [
            ("2025-07-01", dt.date, dt.date(2025, 7, 1)),
            (dt.date(2025, 7, 1), dt.date, dt.date(2025, 7, 1)),
            ("15:30:45", dt.time, dt.time(15, 30, 45)),
            (2, float, 2.0),
            ("commune", Level, Level.COMMUNE),
            (["b", "a", "b"], frozenset[str], frozenset({"a", "b"})),
        ],
    )
    def test_good_values_are_read(self, value, tp, expected):
        """Dates, times, numbers, enum values and lists are read into their types."""
        assert converter().structure(value, tp) == expected

    def test_every_bad_item_is_reported_with_its_index(self):
        """A list's bad items are each reported under their index."""
        with pytest.raises(cattrs.IterableValidationError) as info:
            converter().structure(["a", 1, "b", None], tuple[str, ...])

        assert [str(p) for p in documents.problems_of(info.value, "codes")] == [
            "codes[1]: must be a string, got 1",
            "codes[3]: must be a string, got None",
        ]


class TestParse:
    @pytest.mark.parametrize("format", ["toml", "json"])
    def test_a_byte_order_mark_is_ignored(self, format):
        """Text starting with a byte-order mark parses as without it."""
        text = "a = 1\n" if format == "toml" else '{"a": 1}'

        assert documents.parse("\ufeff" + text, format, source="x") == {"a": 1}

    @pytest.mark.parametrize(
        ("text", "format", "words"),
        [
            ('{"a": 1, "a": 2}', "json", "duplicate key 'a'"),
            (DEEP, "json", "nested too deeply"),
            ("a = " + DEEP, "toml", "nested too deeply"),
            ("a = [", "toml", "not valid TOML"),
        ],
    )
    def test_unreadable_text_is_an_invalid_value(self, text, format, words):
        """Bad syntax, a JSON key given twice and too deep nesting raise InvalidValueError."""
        with pytest.raises(InvalidValueError) as info:
            documents.parse(text, format, source="doc.txt")

        assert (info.value.field, info.value.value) == ("doc.txt", "<text>")
        assert words in info.value.reason

    def test_unknown_format_is_refused(self):
        """Only toml and json are formats."""
        with pytest.raises(InvalidValueError, match="'toml' or 'json'"):
            documents.check_format("yaml")

    def test_bytes_that_are_not_utf8_are_an_invalid_value(self):
        """decode refuses bytes in another encoding and drops a byte-order mark."""
        assert documents.decode(b"\xef\xbb\xbfa", source="f") == "a"
        with pytest.raises(InvalidValueError, match="not UTF-8"):
            documents.decode("Khánh".encode("latin-1"), source="f")


class TestProblems:
    def test_unknown_keys_get_a_suggestion(self):
        """An unknown key close to a field name is reported with a 'did you mean'."""
        conv = cattrs.Converter(forbid_extra_keys=True)

        with pytest.raises(cattrs.ClassValidationError) as info:
            conv.structure({"instrument": "x", "artcle": "1"}, LegalReference)

        assert [str(p) for p in documents.problems_of(info.value, "reference")] == [
            "reference.artcle: unknown key (did you mean article?)"
        ]

    def test_a_leaf_function_reports_each_exception_at_its_path(self):
        """problems_of walks cattrs' groups and lets ``leaf`` word each exception."""
        conv = converter()

        with pytest.raises(cattrs.IterableValidationError) as info:
            conv.structure([1, "a", 2], tuple[str, ...])
        found = documents.problems_of(
            info.value, "codes", leaf=lambda exc, path, tp: [Problem(path, type(exc).__name__)]
        )

        assert [str(p) for p in found] == [
            "codes[0]: InvalidValueError",
            "codes[2]: InvalidValueError",
        ]

    def test_paths_join_with_dots_and_indexes(self):
        """Sub-paths join with a dot, indexes directly."""
        assert documents.join_path("", "a") == "a"
        assert documents.join_path("a", "[0]") == "a[0]"
        assert documents.join_path("a[0]", "b") == "a[0].b"
        assert documents.join_path("a", "") == "a"


def load_catalog(text: str, format: str) -> object:
    return Catalog.loads(text, format)  # type: ignore[arg-type]


def load_rule_set(text: str, format: str) -> object:
    return loads_rules(text, format=format)


LOADERS = pytest.mark.parametrize(
    ("load", "empty", "unreadable"),
    [
        (load_catalog, {"procedures": []}, InvalidValueError),
        (load_rule_set, {"authorities": []}, ValidationError),  # a ValidationError is one too
    ],
    ids=["catalogue", "competence"],
)


class TestLoaders:
    @LOADERS
    @pytest.mark.parametrize("format", ["toml", "json"])
    def test_a_byte_order_mark_is_ignored(self, load, empty, unreadable, format):
        """Both loaders read text that starts with a byte-order mark."""
        key, value = next(iter(empty.items()))
        text = json.dumps(empty) if format == "json" else f"{key} = {json.dumps(value)}\n"

        load("\ufeff" + text, format)

    @LOADERS
    @pytest.mark.parametrize("text", [DEEP, None], ids=["nested-too-deeply", "duplicate-key"])
    def test_unreadable_json_is_reported_not_a_crash(self, load, empty, unreadable, text):
        """Too deep nesting and a key given twice are reported as each loader reports bad text."""
        key = next(iter(empty))
        text = text or f'{{"{key}": {json.dumps(empty[key])}, "{key}": {json.dumps(empty[key])}}}'

        with pytest.raises(unreadable) as info:
            load(text, "json")

        assert "not valid JSON" in str(info.value)

    @LOADERS
    def test_a_lone_surrogate_is_refused(self, load, empty, unreadable):
        """Text with an unpaired surrogate cannot be written back, so both loaders refuse it."""
        text = '{"title": "\\ud800", ' + json.dumps(empty)[1:]

        with pytest.raises(ValidationError) as info:
            load(text, "json")

        assert [p.path for p in info.value.problems] == ["title"]
        assert "lone surrogate" in info.value.problems[0].message
