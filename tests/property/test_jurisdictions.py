"""Properties of administrative units, authorities and gazetteer search."""

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adminflow import (
    AdministrativeUnit,
    Authority,
    AuthorityKind,
    Gazetteer,
    InvalidValueError,
    Level,
    NotFoundError,
    UnitKind,
)
from adminflow.testing import authorities, gazetteers, units

TONE = "\u0300\u0301\u0303\u0309\u0323"
NEW_STYLE = re.compile(rf"([oOuU])([{TONE}])([aAeEyY])(?![\w])")
OLD_STYLE = re.compile(rf"([oOuU])([aAeEyY])([{TONE}])(?![\w])")


def strip_diacritics(text: str) -> str:
    """Remove every mark and map đ to d: an independent check of the library's folding."""
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return plain.replace("đ", "d").replace("Đ", "D")


def swap_tone_placement(text: str) -> str:
    """Move tones between old (hoà) and new (hòa) placement, both ways."""
    decomposed = unicodedata.normalize("NFD", text)
    swapped = NEW_STYLE.sub(r"\1\3\2", decomposed)
    if swapped == decomposed:
        swapped = OLD_STYLE.sub(r"\1\3\2", decomposed)
    return unicodedata.normalize("NFC", swapped)


def normal(text: str) -> str:
    return " ".join(
        re.sub(r"[^0-9a-z]+", " ", strip_diacritics(text).lower().replace("’", "")).split()
    )


VARIANTS = st.sampled_from([str.lower, str.upper, strip_diacritics, swap_tone_placement, str])


def assert_found_among_exact_matches(
    gazetteer: Gazetteer, unit: AdministrativeUnit, query: str
) -> None:
    results = gazetteer.search(query, limit=len(gazetteer))
    assert unit in results
    wanted = normal(query)
    for before in results[: results.index(unit)]:
        assert wanted in (normal(before.name), normal(before.short_name)), before


class TestSearchProperties:
    @given(units(), VARIANTS)
    def test_any_official_unit_is_found_by_its_name_in_any_case_or_accents(
        self, unit: AdministrativeUnit, variant: object
    ) -> None:
        """A unit's name, re-cased or without diacritics, finds it among the exact matches."""
        query = variant(unit.name)  # type: ignore[operator]

        assert_found_among_exact_matches(Gazetteer.vietnam(), unit, query)

    @given(units(level=Level.COMMUNE), VARIANTS)
    def test_any_commune_is_found_by_its_short_name(
        self, unit: AdministrativeUnit, variant: object
    ) -> None:
        """The name without its kind word finds the commune among the exact matches."""
        query = variant(unit.short_name)  # type: ignore[operator]

        assert_found_among_exact_matches(Gazetteer.vietnam(), unit, query)

    @given(gazetteers(), st.data())
    def test_generated_names_are_found_without_diacritics(
        self, gazetteer: Gazetteer, data: st.DataObject
    ) -> None:
        """In any gazetteer, any name stripped of diacritics and lower-cased finds its unit."""
        unit = data.draw(st.sampled_from(list(gazetteer)))
        variant = data.draw(VARIANTS)

        assert_found_among_exact_matches(gazetteer, unit, variant(unit.name))

    @given(st.text(max_size=20), st.integers(-2, 5), st.sampled_from([None, *Level, "province", 1]))
    def test_search_raises_only_invalid_value_error(
        self, text: str, limit: int, level: object
    ) -> None:
        """Any text, limit and level give a list or InvalidValueError, never another error."""
        try:
            results = Gazetteer.vietnam().search(text, limit=limit, level=level)  # type: ignore[arg-type]
        except InvalidValueError:
            return

        assert len(results) <= limit
        assert all(level is None or u.level is level for u in results)

    @given(st.one_of(st.text(alphabet="0123456789a ", max_size=6), st.none(), st.integers()))
    def test_lookup_by_code_raises_only_library_errors(self, code: object) -> None:
        """unit() returns a unit with that code or raises NotFoundError / InvalidValueError."""
        try:
            unit = Gazetteer.vietnam().unit(code)  # type: ignore[arg-type]
        except (NotFoundError, InvalidValueError):
            return

        assert unit.code == code


class TestUnitStrategies:
    @given(units(level="commune"))  # type: ignore[arg-type]
    def test_a_level_given_as_its_storage_value_is_honoured(self, unit: AdministrativeUnit) -> None:
        """units(level="commune") draws only commune-level units."""
        assert unit.level is Level.COMMUNE

    @pytest.mark.parametrize("level", [Level.DISTRICT, Level.CENTRAL, "huyen", 1, ["commune"]])
    def test_a_level_no_unit_has_is_refused(self, level: object) -> None:
        """units() for the district or central level, or a non-level, raises InvalidValueError."""
        with pytest.raises(InvalidValueError) as caught:
            units(level=level)  # type: ignore[arg-type]

        assert caught.value.field == "level"


class TestUnitProperties:
    @given(
        st.one_of(st.text(max_size=6), st.none(), st.integers()),
        st.one_of(st.text(max_size=10), st.none()),
        st.one_of(st.sampled_from(UnitKind), st.text(max_size=3)),
        st.one_of(st.none(), st.text(max_size=3)),
    )
    def test_construction_accepts_or_raises_invalid_value_error(
        self, code: object, name: object, kind: object, parent: object
    ) -> None:
        """Any arguments build a consistent unit or raise InvalidValueError, nothing else."""
        try:
            unit = AdministrativeUnit(code, name, kind, parent)  # type: ignore[arg-type]
        except InvalidValueError:
            return

        assert len(unit.code) == (2 if unit.level is Level.PROVINCE else 5)
        assert (unit.parent_code is None) == (unit.level is Level.PROVINCE)

    @given(units())
    def test_every_commune_has_its_province_as_parent(self, unit: AdministrativeUnit) -> None:
        """The parent of a commune is a province containing it; a province has none."""
        g = Gazetteer.vietnam()

        parent = g.parent(unit.code)

        if unit.level is Level.PROVINCE:
            assert parent is None
        else:
            assert parent is not None
            assert unit in g.communes_of(parent.code)


class TestAuthorityProperties:
    @given(
        st.one_of(st.none(), st.integers(), st.text(max_size=4)),
        st.one_of(st.none(), st.text(max_size=4), st.binary(max_size=2)),
        st.one_of(st.sampled_from(AuthorityKind), st.text(max_size=4), st.none()),
        st.one_of(st.none(), st.integers(), st.sampled_from(["", "01", "00070", "1"])),
        st.one_of(st.none(), st.integers(), st.sampled_from(["H41", "000.00.00.H41", "h41"])),
    )
    def test_construction_accepts_or_raises_invalid_value_error(
        self, id: object, name: object, kind: object, unit_code: object, agency: object
    ) -> None:
        """Any arguments build a consistent authority or raise InvalidValueError, nothing else."""
        try:
            result: object = Authority(id, name, kind, unit_code, agency_code=agency)  # type: ignore[arg-type]
        except InvalidValueError as exc:
            result = exc

        if isinstance(result, Authority):
            assert (result.unit_code == "") == (result.kind is AuthorityKind.MINISTRY)
        else:
            assert isinstance(result, InvalidValueError)

    @given(authorities())
    def test_generated_authorities_are_consistent(self, authority: Authority) -> None:
        """A department is provincial, a specialised office communal, a ministry central."""
        expected = {
            AuthorityKind.MINISTRY: Level.CENTRAL,
            AuthorityKind.DEPARTMENT: Level.PROVINCE,
            AuthorityKind.SPECIALISED_OFFICE: Level.COMMUNE,
        }.get(authority.kind)

        assert expected is None or authority.level is expected
        assert authority.level is Level.CENTRAL or authority.unit_code in Gazetteer.vietnam()
        assert authority.agency_code is None or str(authority.agency) == authority.agency_code
