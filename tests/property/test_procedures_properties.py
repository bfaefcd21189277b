"""Properties of procedures and catalogues: round trips and total error reporting."""

import json
import re
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from adminflow.calendar import ProcessingTime
from adminflow.errors import InvalidValueError, ValidationError
from adminflow.jurisdictions import Level
from adminflow.procedures import (
    Catalog,
    Channel,
    Extension,
    Fee,
    Procedure,
    RequiredDocument,
    Step,
)
from adminflow.testing import catalogs, invalid_catalog_documents, procedures

#: Plain data of any shape, as a hand-written or corrupted file could hold.
garbage = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["procedures", "code", "name", "channels", "processing_time", "x"])
            | st.text(max_size=6),
            inner,
            max_size=4,
        )
    ),
    max_leaves=20,
)

#: Any JSON value, non-finite and huge numbers included.
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=2**63 - 2, max_value=2**70)
    | st.floats()
    | st.text(max_size=8)
    | st.sampled_from(["", " ", "commune", "online", "15:00", "2025-07-01", "1.001193"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def positions(document: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every position (key or index path) inside a plain JSON document, the root included."""
    found = [path]
    if isinstance(document, dict):
        for key, value in document.items():
            found += positions(value, (*path, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found += positions(value, (*path, index))
    return found


@st.composite
def documents_with_one_position_replaced(draw: st.DrawFn) -> Any:
    """A valid catalogue document with one value, anywhere, replaced, removed or added to."""
    document = json.loads(draw(catalogs(max_size=2)).dumps("json"))
    path = draw(st.sampled_from(positions(document)))
    value = draw(json_values)
    if not path:
        return value
    *parents, last = path
    container = document
    for step in parents:
        container = container[step]
    action = draw(st.sampled_from(["replace", "remove", "add_key"]))
    if action == "remove":
        del container[last]
    elif action == "add_key" and isinstance(container, dict):
        container[draw(st.text(max_size=6))] = value
    else:
        container[last] = value
    return document


#: The shape of a national procedure code, written independently of adminflow.codes.
WELL_SHAPED = re.compile(r"[0-9]\.[0-9]{6}(\.([0-9]{3}\.[0-9]{2}\.[0-9]{2}\.)?[A-Z][0-9]{2})?")

#: A problem message that is a stray Python exception, e.g. "TypeError: ...".
STRAY_EXCEPTION = re.compile(r"^[A-Z]\w*(Error|Exception): ")


class TestCatalogRoundTrip:
    @given(catalogs())
    def test_toml_round_trip(self, catalog: Catalog) -> None:
        """Dumping a catalogue to TOML and loading it back gives an equal catalogue."""
        text = catalog.dumps("toml")

        loaded = Catalog.loads(text, "toml")

        assert loaded == catalog

    @given(catalogs())
    def test_json_round_trip(self, catalog: Catalog) -> None:
        """Dumping a catalogue to JSON and loading it back gives an equal catalogue."""
        text = catalog.dumps("json")

        loaded = Catalog.loads(text, "json")

        assert loaded == catalog

    @given(catalogs())
    def test_lookup_finds_every_procedure(self, catalog: Catalog) -> None:
        """Every procedure of a catalogue is found by its code."""
        found = [catalog.get(p.code) for p in catalog]

        assert found == list(catalog.procedures)


class TestProcedureInvariants:
    @given(procedures())
    def test_steps_fit_in_processing_time(self, procedure: Procedure) -> None:
        """A procedure's step budgets add up to no more than its processing time."""
        capacity = 8 if procedure.processing_time.amount == 0 else procedure.processing_time.amount

        assert procedure.steps_total <= capacity

    @given(procedures(), st.integers(1, 8))
    def test_steps_over_the_processing_time_are_refused(
        self, procedure: Procedure, over: int
    ) -> None:
        """Adding a step that takes the budgets past the processing time raises, naming steps."""
        time = procedure.processing_time
        capacity = 8 if time.amount == 0 else time.amount
        extra = Step("Bước thêm", "chuyên viên", float(capacity - procedure.steps_total + over))

        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(procedure, steps=(*procedure.steps, extra))

        assert info.value.field == "steps"

    @given(procedures(), st.text(max_size=25).filter(lambda c: not WELL_SHAPED.fullmatch(c)))
    def test_malformed_codes_are_refused(self, procedure: Procedure, code: str) -> None:
        """Any code not of the national shape raises InvalidValueError naming the code."""
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(procedure, code=code)

        assert info.value.field == "code"

    @given(st.integers(max_value=-1), st.integers(2**63, 2**80))
    def test_fee_amounts_out_of_range_are_refused(self, negative: int, huge: int) -> None:
        """A negative or beyond-64-bit fee raises InvalidValueError naming amount_vnd."""
        for amount in (negative, huge):
            with pytest.raises(InvalidValueError) as info:
                Fee(amount, "lệ phí")

            assert info.value.field == "amount_vnd"


#: Python values of the wrong type (or the right type with a wrong value) for any field.
any_python_value = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=8)
    | st.binary(max_size=4)
    | st.dates()
    | st.datetimes()
    | st.sampled_from([Channel.ONLINE, Level.DISTRICT, ProcessingTime.working_days(1)]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.frozensets(st.integers() | st.text(max_size=3), max_size=3)
        | st.tuples(inner)
        | st.dictionaries(st.text(max_size=3), inner, max_size=2)
    ),
    max_leaves=5,
)


#: How many positional arguments each part of a procedure takes.
PART_ARITY = {Fee: 2, Step: 3, RequiredDocument: 1, Extension: 2}


class TestConstructorsRefuseWrongTypes:
    @given(procedures(), st.sampled_from(sorted(attrs.fields_dict(Procedure))), any_python_value)
    def test_procedure_with_any_value_in_any_field(
        self, procedure: Procedure, name: str, value: object
    ) -> None:
        """Any value in any field builds a procedure or raises InvalidValueError naming a field."""
        try:
            result: object = attrs.evolve(procedure, **{name: value})
        except InvalidValueError as exc:
            result = exc

        if isinstance(result, InvalidValueError):
            assert result.field.split(".")[0].split("[")[0] in attrs.fields_dict(Procedure)
        else:
            assert isinstance(result, Procedure)

    @given(st.sampled_from(sorted(PART_ARITY, key=lambda c: c.__name__)), st.data())
    def test_parts_with_any_values(self, cls: type, data: st.DataObject) -> None:
        """Fees, steps, documents and extensions built from any values are valid or refused."""
        args = data.draw(
            st.lists(any_python_value, min_size=PART_ARITY[cls], max_size=PART_ARITY[cls])
        )

        try:
            result: object = cls(*args)
        except InvalidValueError as exc:
            result = exc

        assert isinstance(result, cls | InvalidValueError)

    @given(any_python_value, any_python_value, any_python_value)
    def test_catalog_with_any_values(self, procedures: object, title: object, day: object) -> None:
        """Any procedures, title and retrieval date build a catalogue or raise ValidationError."""
        try:
            result: object = Catalog(procedures, title=title, retrieved_on=day)  # type: ignore[arg-type]
        except ValidationError as exc:
            result = exc

        assert isinstance(result, Catalog | ValidationError)


class TestInvalidDocuments:
    @given(invalid_catalog_documents())
    def test_invalid_document_raises_validation_error(self, document: object) -> None:
        """Every broken catalogue document is rejected with a ValidationError."""
        text = json.dumps(document)

        try:
            Catalog.loads(text, "json")
        except ValidationError as exc:
            problems = exc.problems
        else:  # pragma: no cover - the assertion below reports it
            problems = ()

        assert problems

    @given(invalid_catalog_documents())
    def test_every_problem_has_a_path(self, document: object) -> None:
        """Every problem reported for a broken document names where it is."""
        text = json.dumps(document)

        try:
            Catalog.loads(text, "json")
        except ValidationError as exc:
            paths = [p.path for p in exc.problems]

        assert paths
        assert all(paths)

    @given(garbage)
    def test_garbage_yields_only_invalid_value_errors(self, data: object) -> None:
        """Arbitrary data is either a catalogue or an InvalidValueError, never another error."""
        text = json.dumps(data)

        try:
            result = Catalog.loads(text, "json")
        except InvalidValueError as exc:
            result = exc

        assert isinstance(result, Catalog | InvalidValueError)

    @given(st.text(max_size=200))
    def test_any_text_yields_only_invalid_value_errors(self, text: str) -> None:
        """Any TOML text is either a catalogue or an InvalidValueError, never another error."""
        try:
            result = Catalog.loads(text, "toml")
        except InvalidValueError as exc:
            result = exc

        assert isinstance(result, Catalog | InvalidValueError)

    @given(documents_with_one_position_replaced())
    def test_any_value_at_any_position_yields_a_catalog_or_named_problems(
        self, document: object
    ) -> None:
        """Any JSON value at any position of a valid document gives a catalogue or problems.

        Never another exception, and every problem has a path and a message of its own
        rather than a stray Python exception.
        """
        text = json.dumps(document)

        try:
            Catalog.loads(text, "json")
        except ValidationError as exc:
            problems = exc.problems
        except InvalidValueError:
            problems = ()
        else:
            problems = ()

        assert all(p.path for p in problems), problems
        assert not [p for p in problems if STRAY_EXCEPTION.match(p.message)], problems

    @given(catalogs(max_size=4), st.data())
    def test_every_broken_entry_is_reported_at_once(
        self, catalog: Catalog, data: st.DataObject
    ) -> None:
        """Breaking several entries reports a problem at each of them, not just the first."""
        document = json.loads(catalog.dumps("json"))
        entries = document["procedures"]
        broken = data.draw(st.sets(st.integers(0, max(len(entries) - 1, 0)), max_size=4))
        broken &= set(range(len(entries)))
        for index in broken:
            entries[index]["processing_time"] = {"working_days": -1 - index}
            entries[index]["name"] = ""

        try:
            Catalog.loads(json.dumps(document), "json")
        except ValidationError as exc:
            paths = {p.path for p in exc.problems}
        else:
            paths = set()

        expected = set()
        for index in broken:
            expected |= {
                f"procedures[{index}].processing_time.working_days",
                f"procedures[{index}].name",
            }
        assert paths == expected
