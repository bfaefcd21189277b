"""Invariants of the unit history of 1 July 2025 (Decision 19/2025/QĐ-TTg, Art. 3)."""

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adminflow.errors import AdminflowError, AmbiguousUnitError
from adminflow.jurisdictions import Gazetteer, Level

VIETNAM = Gazetteer.vietnam()
OLD_COMMUNES = [
    commune.code
    for province in VIETNAM.legacy_provinces()
    for district in VIETNAM.legacy_districts(province.code)
    for commune in VIETNAM.legacy_communes(district.code)
]
NEW_UNITS = [unit.code for unit in VIETNAM]


class TestHistoryInvariants:
    @given(st.sampled_from(OLD_COMMUNES))
    def test_successors_and_predecessors_are_inverse(self, old_code: str) -> None:
        """Every successor of an old commune lists that commune among its predecessors."""
        successors = VIETNAM.successors(old_code)

        assert successors
        for unit in successors:
            assert old_code in [u.code for u in VIETNAM.predecessors(unit.code)]

    @given(st.sampled_from(NEW_UNITS))
    def test_new_code_is_kept_from_a_predecessor(self, code: str) -> None:
        """A unit of today keeps the code of one of the units it was formed from (Art. 3)."""
        predecessors = VIETNAM.predecessors(code)

        assert predecessors
        if all(u.level is not Level.DISTRICT for u in predecessors):
            assert code in [u.code for u in predecessors]

    @given(st.sampled_from(OLD_COMMUNES))
    def test_successor_is_the_only_successor(self, old_code: str) -> None:
        """``successor`` answers exactly when an old commune went whole into one unit."""
        successors = VIETNAM.successors(old_code)

        if len(successors) == 1:
            assert VIETNAM.successor(old_code) == successors[0]
        else:
            with pytest.raises(AmbiguousUnitError) as caught:
                VIETNAM.successor(old_code)
            assert len(caught.value.candidates) == len(successors)

    @given(st.sampled_from(OLD_COMMUNES))
    def test_successor_stays_in_the_merged_province(self, old_code: str) -> None:
        """An old commune's successors lie in the province its old province merged into."""
        district = VIETNAM.legacy_unit(VIETNAM.legacy_unit(old_code).parent_code or "")
        province = VIETNAM.successor(district.parent_code or "")

        assert {u.parent_code for u in VIETNAM.successors(old_code)} == {province.code}


GARBAGE = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["30", "568", "22690", "00070", "１２", "", " 30"]),
    st.none(),
    st.integers(),
    st.lists(st.integers(), max_size=2),
)


class TestHistoryInputs:
    @given(GARBAGE)
    def test_code_lookups_raise_only_adminflow_errors(self, value: object) -> None:
        """Any value given as a code either answers or raises an AdminflowError."""
        for lookup in (
            VIETNAM.legacy_unit,
            VIETNAM.legacy_districts,
            VIETNAM.legacy_communes,
            VIETNAM.successors,
            VIETNAM.successor,
            VIETNAM.predecessors,
        ):
            with contextlib.suppress(AdminflowError):
                lookup(value)  # type: ignore[arg-type]

    @given(GARBAGE, st.one_of(st.none(), GARBAGE), GARBAGE)
    def test_address_lookups_raise_only_adminflow_errors(
        self, province: object, district: object, commune: object
    ) -> None:
        """Any values given as an old address either answer or raise an AdminflowError."""
        with contextlib.suppress(AdminflowError):
            VIETNAM.unit_for_legacy_address(
                province=province,  # type: ignore[arg-type]
                district=district,  # type: ignore[arg-type]
                commune=commune,  # type: ignore[arg-type]
            )
