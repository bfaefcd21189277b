"""Properties of procedures and catalogues: round trips and total error reporting."""

import json

from hypothesis import given
from hypothesis import strategies as st

from adminflow.errors import InvalidValueError, ValidationError
from adminflow.procedures import Catalog, Procedure
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
