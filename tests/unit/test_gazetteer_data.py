"""The shipped gazetteer data: official codes of Decision 19/2025/QĐ-TTg, counts and history."""

import pytest

from adminflow.errors import AmbiguousUnitError, InvalidValueError, NotFoundError
from adminflow.jurisdictions import Gazetteer, LegacyKind, LegacyUnit, Level, UnitKind

#: Units whose code the draft decision (shipped by vietnam-provinces 2025.8-2025.10) gave wrong:
#: (official code, official name, province, the draft's code).
DISPUTED = [
    ("00082", "Phường Cửa Nam", "01", "00073"),
    ("00199", "Phường Láng", "01", "00187"),
    ("00226", "Phường Văn Miếu - Quốc Tử Giám", "01", "00196"),
    ("00229", "Phường Kim Liên", "01", "00226"),
    ("00331", "Phường Hoàng Mai", "01", "00319"),
    ("00340", "Phường Yên Sở", "01", "00331"),
    ("22411", "Phường Bắc Cam Ranh", "56", "22408"),
    ("22909", "Xã Cà Ná", "56", "22910"),
    ("22888", "Xã Phước Dinh", "56", "22903"),
    ("22846", "Xã Vĩnh Hải", "56", "22868"),
    ("22900", "Xã Phước Hà", "56", "22885"),
    ("22861", "Xã Xuân Hải", "56", "22858"),
    ("22780", "Phường Đông Hải", "56", "22779"),
    ("00118", "Phường Bồ Đề", "01", "00130"),
    ("00292", "Phường Bạch Mai", "01", "00277"),
    ("01558", "Xã Hạ Lang", "04", "01561"),
    ("01537", "Xã Lý Quốc", "04", "01558"),
    ("01561", "Xã Vinh Quý", "04", "01537"),
    ("04342", "Xã Khánh Hòa", "15", "04333"),
    ("13285", "Phường Phủ Lý", "37", "13291"),
    ("13291", "Phường Phù Vân", "37", "13318"),
    ("19753", "Phường Phú Xuân", "46", "19768"),
    ("27154", "Phường Bàn Cờ", "79", "27160"),
    ("31207", "Phường Thốt Nốt", "92", "31212"),
    ("31228", "Phường Thuận Hưng", "92", "31207"),
    ("06970", "Xã Ba Chẽ", "22", "06970"),  # one copy of the list printed 06978; official 06970
]


@pytest.fixture(scope="module")
def vietnam() -> Gazetteer:
    return Gazetteer.vietnam()


class TestOfficialCodes:
    @pytest.mark.parametrize(("code", "name", "province", "draft"), DISPUTED)
    def test_disputed_code_resolves_to_its_official_unit(
        self, vietnam: Gazetteer, code: str, name: str, province: str, draft: str
    ) -> None:
        """Each code the draft got wrong names the unit Decision 19/2025/QĐ-TTg gives it."""
        unit = vietnam.unit(code)

        assert (unit.name, unit.parent_code) == (name, province)

    def test_counts_are_those_of_decision_19(self, vietnam: Gazetteer) -> None:
        """34 provinces and 3,321 commune-level units, of which 65 in Khánh Hòa."""
        counts = vietnam.counts()

        assert len(vietnam.provinces()) == 34
        assert len(vietnam) - 34 == 3321
        assert len(vietnam.communes_of("56")) == 65
        assert counts[UnitKind.SPECIAL_ZONE] == 13
        assert counts[UnitKind.COMMUNE] + counts[UnitKind.WARD] == 3308

    def test_data_version_names_source_and_date(self, vietnam: Gazetteer) -> None:
        """The data version names the package, its version, the data date and the decision."""
        version = vietnam.data_version

        assert version.startswith("vietnamadminunits 1.0.4, data of 2025-08-23")
        assert "19/2025" in version
        assert repr(vietnam).startswith("<Gazetteer vietnamadminunits 1.0.4")

    def test_a_closed_draft_code_is_not_found(self, vietnam: Gazetteer) -> None:
        """A code only the draft used (Xã Khánh Hòa's 04333) is unknown, not another unit."""
        with pytest.raises(NotFoundError):
            vietnam.unit("04333")


class TestHistory:
    def test_pre_2025_counts(self, vietnam: Gazetteer) -> None:
        """63 provinces, 696 districts and 10,035 communes were in force on 30 June 2025."""
        provinces = [vietnam.legacy_unit(p.code) for p in vietnam.provinces()]
        districts = [d for code in _old_provinces() for d in vietnam.legacy_districts(code)]
        communes = [c for d in districts for c in vietnam.legacy_communes(d.code)]

        assert len(_old_provinces()) == 63
        assert len(districts) == 696
        assert len(communes) == 10035
        assert all(p.level is Level.PROVINCE for p in provinces)

    def test_whole_commune_has_one_successor(self, vietnam: Gazetteer) -> None:
        """Xã Diên Toàn went whole into Xã Diên Khánh, which kept Thị trấn Diên Khánh's code."""
        assert vietnam.successor("22690").code == "22651"
        assert vietnam.legacy_unit("22690").name == "Xã Diên Toàn"

    def test_predecessors_of_a_new_commune(self, vietnam: Gazetteer) -> None:
        """Xã Diên Khánh was formed from Thị trấn Diên Khánh, Xã Diên Toàn and Xã Diên An."""
        names = [u.name for u in vietnam.predecessors("22651")]

        assert names == ["Thị trấn Diên Khánh", "Xã Diên Toàn", "Xã Diên An"]

    def test_merged_province_successor(self, vietnam: Gazetteer) -> None:
        """Old Tỉnh Hải Dương (30) is part of Thành phố Hải Phòng (31) since 1 July 2025."""
        assert vietnam.successor("30").code == "31"
        assert [u.code for u in vietnam.predecessors("31")] == ["30", "31"]

    def test_divided_commune_is_ambiguous(self, vietnam: Gazetteer) -> None:
        """A commune divided between new units has several successors and no single one."""
        divided = next(
            c.code
            for d in vietnam.legacy_districts("01")
            for c in vietnam.legacy_communes(d.code)
            if len(vietnam.successors(c.code)) > 1
        )

        with pytest.raises(AmbiguousUnitError) as caught:
            vietnam.successor(divided)

        assert caught.value.field == "old_code"
        assert len(caught.value.candidates) == len(vietnam.successors(divided))

    def test_island_district_became_special_zone(self, vietnam: Gazetteer) -> None:
        """Huyện Côn Đảo (755), which had no communes, is today's Đặc khu Côn Đảo."""
        zone = vietnam.successor("755")

        assert (zone.name, zone.kind) == ("Đặc khu Côn Đảo", UnitKind.SPECIAL_ZONE)
        assert [u.code for u in vietnam.predecessors(zone.code)] == ["755"]

    def test_district_successors_are_its_communes_successors(self, vietnam: Gazetteer) -> None:
        """Thành phố Nha Trang (568) went into the four Nha Trang wards of today."""
        codes = [u.code for u in vietnam.successors("568")]

        assert codes == ["22333", "22366", "22390", "22402"]

    def test_legacy_address_resolves_to_todays_unit(self, vietnam: Gazetteer) -> None:
        """An old address (commune, district, province) names the unit it lies in today."""
        unit = vietnam.unit_for_legacy_address(
            province="tinh khanh hoa", district="Huyện Diên Khánh", commune="diên toàn"
        )

        assert unit.code == "22651"

    def test_legacy_address_without_district(self, vietnam: Gazetteer) -> None:
        """A commune name unique in its old province needs no district."""
        unit = vietnam.find_legacy(province="Khánh Hòa", commune="Xã Suối Tiên")

        assert (unit.code, unit.parent_code) == ("22705", "574")

    def test_legacy_address_ambiguous_without_district(self, vietnam: Gazetteer) -> None:
        """A commune name used in several districts of the province asks for the district."""
        with pytest.raises(AmbiguousUnitError) as caught:
            vietnam.find_legacy(province="TP Hồ Chí Minh", commune="Phường 1")
        with pytest.raises(NotFoundError):
            vietnam.find_legacy(province="Khánh Hòa", commune="Hoàn Kiếm")

        assert caught.value is not None

    @pytest.mark.parametrize(
        ("province", "district", "commune", "code"),
        [
            ("TP. Hồ Chí Minh", "Q.1", "P. Bến Nghé", "26740"),
            ("tp ho chi minh", "Quận 3", "Phường 1", "27160"),
            ("Hà Nội", "Q. Hoàn Kiếm", "P. Hàng Bạc", "00061"),
            ("Khánh Hòa", "TP Nha Trang", "Vĩnh Phước", "22333"),
        ],
    )
    def test_written_abbreviations(
        self, vietnam: Gazetteer, province: str, district: str, commune: str, code: str
    ) -> None:
        """The usual written abbreviations (TP., Q., P.) and missing diacritics still match."""
        assert (
            vietnam.find_legacy(province=province, district=district, commune=commune).code == code
        )

    def test_custom_gazetteer_has_no_history(self) -> None:
        """A gazetteer built from your own units says it has no pre-2025 data."""
        custom = Gazetteer(list(Gazetteer.vietnam())[:1])

        with pytest.raises(NotFoundError, match="pre-2025"):
            custom.successor("30")

    @pytest.mark.parametrize("bad", ["", "1", "1234", "123456", 30, None, "３０", "30 "])
    def test_bad_old_code(self, vietnam: Gazetteer, bad: object) -> None:
        """An old code that is not 2, 3 or 5 ASCII digits raises InvalidValueError naming it."""
        with pytest.raises(InvalidValueError, match="old_code"):
            vietnam.successors(bad)  # type: ignore[arg-type]

    def test_legacy_unit_validates(self) -> None:
        """A legacy commune needs a 5-digit code and a 3-digit district."""
        with pytest.raises(InvalidValueError, match="parent_code"):
            LegacyUnit("22690", "Xã Diên Toàn", LegacyKind.COMMUNE, "56")
        with pytest.raises(InvalidValueError, match="kind"):
            LegacyUnit("22690", "Xã Diên Toàn", "xa")  # type: ignore[arg-type]


def _old_provinces() -> list[str]:
    return [unit.code for unit in Gazetteer.vietnam().legacy_provinces()]


class TestExampleRulesAgainstHistory:
    def test_example_districts_match_the_pre_2025_data(self, vietnam: Gazetteer) -> None:
        """The districts typed into the example Khánh Hòa rules agree with the pre-2025 table."""
        from adminflow.competence import CompetenceRules

        districts = CompetenceRules.example_khanh_hoa().districts

        assert districts
        for district in districts:
            old = vietnam.legacy_unit(district.code)
            assert old.name == district.name
            assert district.communes == {u.code for u in vietnam.successors(district.code)}
