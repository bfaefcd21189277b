"""Levels, administrative units, authorities and the official gazetteer."""

import pytest

from adminflow import (
    AdministrativeUnit,
    Authority,
    AuthorityKind,
    Gazetteer,
    InvalidValueError,
    Level,
    NotFoundError,
    UnitKind,
    ValidationError,
)

HANOI = AdministrativeUnit("01", "Thành phố Hà Nội", UnitKind.CITY)
HOAN_KIEM = AdministrativeUnit("00070", "Phường Hoàn Kiếm", UnitKind.WARD, "01")


@pytest.fixture(scope="module")
def vietnam() -> Gazetteer:
    return Gazetteer.vietnam()


class TestLevel:
    def test_levels_are_ordered_from_central_down_to_commune(self) -> None:
        """Central > province > district > commune."""
        levels = sorted(Level)

        assert levels == [Level.COMMUNE, Level.DISTRICT, Level.PROVINCE, Level.CENTRAL]

    def test_commune_is_lower_than_province(self) -> None:
        """A commune is lower than a province."""
        assert Level.COMMUNE < Level.PROVINCE
        assert not Level.PROVINCE <= Level.COMMUNE

    def test_a_storage_value_compares_by_rank_not_alphabetically(self) -> None:
        """Central is above "district" although "central" < "district" as text."""
        assert Level.CENTRAL > "district"
        assert not Level.CENTRAL < "district"
        assert Level.COMMUNE <= "commune"

    def test_comparing_with_other_text_is_refused(self) -> None:
        """A level compared with text that is no level raises InvalidValueError."""
        with pytest.raises(InvalidValueError) as caught:
            _ = Level.COMMUNE < "huyen"

        assert caught.value.value == "huyen"


class TestUnitKind:
    @pytest.mark.parametrize(
        ("kind", "level", "label"),
        [
            (UnitKind.PROVINCE, Level.PROVINCE, "Tỉnh"),
            (UnitKind.CITY, Level.PROVINCE, "Thành phố"),
            (UnitKind.COMMUNE, Level.COMMUNE, "Xã"),
            (UnitKind.WARD, Level.COMMUNE, "Phường"),
            (UnitKind.SPECIAL_ZONE, Level.COMMUNE, "Đặc khu"),
        ],
    )
    def test_each_kind_has_a_level_and_a_vietnamese_label(
        self, kind: UnitKind, level: Level, label: str
    ) -> None:
        """Tỉnh and thành phố are provinces; xã, phường and đặc khu are communes."""
        assert (kind.level, kind.label) == (level, label)


class TestAdministrativeUnit:
    def test_a_ward_knows_its_level_and_short_name(self) -> None:
        """Phường Hoàn Kiếm is a commune-level unit whose short name is Hoàn Kiếm."""
        assert HOAN_KIEM.level is Level.COMMUNE
        assert HOAN_KIEM.short_name == "Hoàn Kiếm"

    def test_units_are_value_objects(self) -> None:
        """Two units with the same fields are equal and hash alike."""
        twin = AdministrativeUnit("00070", "Phường Hoàn Kiếm", UnitKind.WARD, "01")

        assert twin == HOAN_KIEM
        assert hash(twin) == hash(HOAN_KIEM)

    @pytest.mark.parametrize(
        ("args", "field"),
        [
            (("1", "Thành phố Hà Nội", UnitKind.CITY), "code"),
            (("001", "Thành phố Hà Nội", UnitKind.CITY), "code"),
            (("0a", "Thành phố Hà Nội", UnitKind.CITY), "code"),
            (("70", "Phường Hoàn Kiếm", UnitKind.WARD, "01"), "code"),
            (("00070", "Phường Hoàn Kiếm", UnitKind.WARD), "parent_code"),
            (("00070", "Phường Hoàn Kiếm", UnitKind.WARD, "1"), "parent_code"),
            (("01", "Thành phố Hà Nội", UnitKind.CITY, "01"), "parent_code"),
            (("01", "  ", UnitKind.CITY), "name"),
            (("01", "Thành phố Hà Nội", "city"), "kind"),
            ((1, "Thành phố Hà Nội", UnitKind.CITY), "code"),
            (("٠١", "Thành phố Hà Nội", UnitKind.CITY), "code"),
        ],
    )
    def test_malformed_units_raise_invalid_value_error_naming_the_field(
        self, args: tuple[object, ...], field: str
    ) -> None:
        """A code that does not fit the kind, a blank name or a missing parent is rejected."""
        with pytest.raises(InvalidValueError) as caught:
            AdministrativeUnit(*args)  # type: ignore[arg-type]

        assert caught.value.field == field
        assert field in str(caught.value)


class TestAuthority:
    def test_a_commune_peoples_committee_is_at_commune_level(self) -> None:
        """The People's Committee of Phường Hoàn Kiếm works at commune level."""
        pc = Authority(
            "ubnd-00070",
            "Ủy ban nhân dân phường Hoàn Kiếm",
            AuthorityKind.PEOPLES_COMMITTEE,
            "00070",
            agency_code="000.00.00.H26",
        )

        assert pc.level is Level.COMMUNE
        assert pc.agency is not None
        assert pc.agency.level1 == "H26"

    def test_a_ministry_serves_the_whole_country(self) -> None:
        """A ministry has an empty unit code and central level."""
        ministry = Authority("bo-tu-phap", "Bộ Tư pháp", AuthorityKind.MINISTRY, "")

        assert ministry.level is Level.CENTRAL
        assert ministry.agency is None

    def test_a_department_is_at_province_level(self) -> None:
        """A provincial department serves a 2-digit province code."""
        dept = Authority("stp-56", "Sở Tư pháp tỉnh Khánh Hòa", AuthorityKind.DEPARTMENT, "56")

        assert dept.level is Level.PROVINCE

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"id": ""}, "id"),
            ({"name": " "}, "name"),
            ({"kind": "department"}, "kind"),
            ({"unit_code": ""}, "unit_code"),
            ({"unit_code": "0070"}, "unit_code"),
            ({"agency_code": "h26"}, "agency_code"),
            ({"agency_code": 26}, "agency_code"),
            ({"unit_code": None}, "unit_code"),
            ({"unit_code": 1}, "unit_code"),
            ({"kind": AuthorityKind.MINISTRY}, "unit_code"),  # a ministry serves no one unit
        ],
    )
    def test_malformed_authorities_raise_invalid_value_error(
        self, kwargs: dict[str, object], field: str
    ) -> None:
        """A blank id or name, a wrong kind, unit code or agency identifier is rejected."""
        fields: dict[str, object] = {
            "id": "ubnd-01",
            "name": "Ủy ban nhân dân Thành phố Hà Nội",
            "kind": AuthorityKind.PEOPLES_COMMITTEE,
            "unit_code": "01",
        }
        fields.update(kwargs)

        with pytest.raises(InvalidValueError) as caught:
            Authority(**fields)  # type: ignore[arg-type]

        assert caught.value.field == field


class TestGazetteerVietnam:
    def test_counts_match_the_ministry_of_home_affairs(self, vietnam: Gazetteer) -> None:
        """34 provinces (28 tỉnh + 6 cities) and 3,321 communes (2,621 + 687 + 13)."""
        counts = vietnam.counts()

        assert len(vietnam.provinces()) == 34
        assert len(vietnam) == 34 + 3321
        assert counts == {
            UnitKind.PROVINCE: 28,
            UnitKind.CITY: 6,
            UnitKind.COMMUNE: 2621,
            UnitKind.WARD: 687,
            UnitKind.SPECIAL_ZONE: 13,
        }

    def test_it_is_loaded_once(self) -> None:
        """Gazetteer.vietnam() returns the same cached object every time."""
        assert Gazetteer.vietnam() is Gazetteer.vietnam()

    def test_hanoi_and_hoan_kiem_have_their_official_codes(self, vietnam: Gazetteer) -> None:
        """Hà Nội is 01 and Phường Hoàn Kiếm is 00070, in Hà Nội."""
        assert vietnam.province("01") == HANOI
        assert vietnam.unit("00070") == HOAN_KIEM
        assert vietnam.parent("00070") == HANOI
        assert vietnam.parent("01") is None

    def test_provinces_carry_their_kind_in_their_name(self, vietnam: Gazetteer) -> None:
        """Tỉnh Khánh Hòa (56) is a tỉnh; Thành phố Hồ Chí Minh (79) a centrally-run city."""
        assert vietnam.province("56").name == "Tỉnh Khánh Hòa"
        assert vietnam.province("56").kind is UnitKind.PROVINCE
        assert vietnam.province("79").kind is UnitKind.CITY

    @pytest.mark.parametrize(("code", "count"), [("01", 126), ("79", 168), ("12", 38)])
    def test_communes_of_a_province(self, vietnam: Gazetteer, code: str, count: int) -> None:
        """Hà Nội has 126 commune-level units, Hồ Chí Minh City 168, Lai Châu 38."""
        communes = vietnam.communes_of(code)

        assert len(communes) == count
        assert all(u.parent_code == code and u.level is Level.COMMUNE for u in communes)
        assert [u.code for u in communes] == sorted(u.code for u in communes)

    def test_the_thirteen_special_zones(self, vietnam: Gazetteer) -> None:
        """The 13 đặc khu are the island units listed by the Ministry of Home Affairs."""
        zones = {u.short_name for u in vietnam if u.kind is UnitKind.SPECIAL_ZONE}

        assert zones == {
            "Kiên Hải", "Phú Quốc", "Thổ Châu", "Cát Hải", "Bạch Long Vĩ", "Vân Đồn", "Cô Tô",
            "Côn Đảo", "Hoàng Sa", "Trường Sa", "Phú Quý", "Lý Sơn", "Cồn Cỏ",
        }  # fmt: skip

    def test_names_have_no_stray_whitespace(self, vietnam: Gazetteer) -> None:
        """Names are NFC with single spaces, even where the package data has doubles."""
        assert all(u.name == " ".join(u.name.split()) for u in vietnam)

    def test_every_unit_is_found_by_code_and_iterated_provinces_first(
        self, vietnam: Gazetteer
    ) -> None:
        """Iteration yields provinces, then communes, each in code order."""
        units = list(vietnam)

        assert units[:34] == list(vietnam.provinces())
        assert all(vietnam.unit(u.code) is u for u in units)
        assert [u.code for u in units[34:]] == sorted(u.code for u in units[34:])

    def test_membership_by_code_or_unit(self, vietnam: Gazetteer) -> None:
        """`in` accepts a code or a unit and never raises."""
        assert "00070" in vietnam
        assert HOAN_KIEM in vietnam
        assert "99999" not in vietnam
        assert 70 not in vietnam
        assert AdministrativeUnit("00070", "Phường Khác", UnitKind.WARD, "01") not in vietnam

    @pytest.mark.parametrize("code", ["99", "99999", "00"])
    def test_unknown_codes_raise_not_found_naming_the_code(
        self, vietnam: Gazetteer, code: str
    ) -> None:
        """An unknown code raises NotFoundError whose message names the code."""
        with pytest.raises(NotFoundError) as caught:
            vietnam.unit(code)

        assert caught.value.key == code
        assert code in str(caught.value)

    def test_a_commune_code_is_not_a_province(self, vietnam: Gazetteer) -> None:
        """province() and communes_of() refuse a commune code with NotFoundError."""
        with pytest.raises(NotFoundError):
            vietnam.province("00070")
        with pytest.raises(NotFoundError):
            vietnam.communes_of("00070")

    @pytest.mark.parametrize("code", ["1", "", None, 1, "0a"])
    def test_malformed_codes_raise_invalid_value_error(
        self, vietnam: Gazetteer, code: object
    ) -> None:
        """A code that is not 2 or 5 digits raises InvalidValueError."""
        with pytest.raises(InvalidValueError):
            vietnam.unit(code)  # type: ignore[arg-type]

    def test_get_returns_none_for_unknown(self, vietnam: Gazetteer) -> None:
        """get() answers None instead of raising."""
        assert vietnam.get("00070") == HOAN_KIEM
        assert vietnam.get("99999") is None
        assert vietnam.get(None) is None


class TestGazetteerSearch:
    @pytest.mark.parametrize(
        ("text", "code"),
        [
            ("khanh hoa", "56"),
            ("Khánh Hòa", "56"),
            ("KHANH HOA", "56"),
            ("Tỉnh Khánh Hoà", "56"),
            ("Phuong Hoan Kiem", "00070"),
            ("phường hoàn kiếm", "00070"),
            ("hoan kiem", "00070"),
            ("00070", "00070"),
            ("ho chi minh", "79"),
            ("dak lak", "66"),
            ("Đắk Lắk", "66"),
            ("mdrak", "24412"),
            ("hoan kiem ha noi", "00070"),
            ("ĐÀ NẴNG", "48"),
            ("Kha\u0301nh Ho\u0300a", "56"),  # decomposed (NFD) input
            ("  khanh \t hoa  ", "56"),
            ("\u00d0à Nẵng", "48"),  # Icelandic eth typed for Đ
            ("ｋｈａｎｈ ｈｏａ", "56"),  # full-width letters
        ],
    )
    def test_search_ignores_case_diacritics_and_kind(
        self, vietnam: Gazetteer, text: str, code: str
    ) -> None:
        """Search ignores case, diacritics, đ/d, tone placement and the kind word."""
        results = vietnam.search(text, limit=3)

        assert results[0].code == code

    def test_exact_matches_rank_before_prefixes_and_substrings(self, vietnam: Gazetteer) -> None:
        """ "khanh hoa" lists the province, then the units named Khánh Hòa, then others."""
        names = [u.name for u in vietnam.search("khanh hoa", limit=5)]

        assert names[:3] == ["Tỉnh Khánh Hòa", "Xã Khánh Hòa", "Phường Khánh Hòa"]

    def test_level_filters_results(self, vietnam: Gazetteer) -> None:
        """level=COMMUNE leaves the province out."""
        results = vietnam.search("khanh hoa", level=Level.COMMUNE, limit=20)

        assert results
        assert all(u.level is Level.COMMUNE for u in results)

    def test_limit_caps_results_and_order_is_deterministic(self, vietnam: Gazetteer) -> None:
        """At most `limit` results, the same ones every time."""
        first = vietnam.search("tan", limit=7)

        assert len(first) == 7
        assert vietnam.search("tan", limit=7) == first
        assert vietnam.search("tan", limit=20)[:7] == first

    def test_no_match_gives_an_empty_list(self, vietnam: Gazetteer) -> None:
        """A text matching nothing gives []."""
        assert vietnam.search("zzzqqq") == []

    def test_a_very_long_text_matches_nothing(self, vietnam: Gazetteer) -> None:
        """A text longer than any name gives [] rather than an error."""
        assert vietnam.search("x" * 100_000) == []

    def test_repeated_words_match_like_one(self, vietnam: Gazetteer) -> None:
        """A word said many times finds what it finds said twice (and as fast)."""
        assert vietnam.search("hoan " * 20_000) == vietnam.search("hoan hoan")

    def test_a_lone_d_with_stroke_finds_names_starting_with_it(self, vietnam: Gazetteer) -> None:
        """ "Đ" alone is the letter d: the best results start with Đ or D."""
        results = vietnam.search("Đ", limit=5)

        assert results
        assert all(u.short_name[0] in "ĐD" for u in results)

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"text": ""}, "text"),
            ({"text": " - "}, "text"),
            ({"text": " \t\n "}, "text"),
            ({"text": "\u0301\u0323"}, "text"),  # combining marks only
            ({"text": None}, "text"),
            ({"text": b"ha noi"}, "text"),
            ({"text": "ha", "limit": "3"}, "limit"),
            ({"text": "ha", "limit": 0}, "limit"),
            ({"text": "ha", "limit": True}, "limit"),
            ({"text": "ha", "level": "commune"}, "level"),
        ],
    )
    def test_bad_arguments_raise_invalid_value_error(
        self, vietnam: Gazetteer, kwargs: dict[str, object], field: str
    ) -> None:
        """Blank text, a limit below 1 or a level that is not a Level are rejected."""
        with pytest.raises(InvalidValueError) as caught:
            vietnam.search(**kwargs)  # type: ignore[arg-type]

        assert caught.value.field == field


class TestCustomGazetteer:
    def test_a_gazetteer_from_your_own_units(self) -> None:
        """A gazetteer can be built from any consistent list of units."""
        g = Gazetteer([HOAN_KIEM, HANOI], source="test")

        assert list(g) == [HANOI, HOAN_KIEM]
        assert g.communes_of("01") == (HOAN_KIEM,)
        assert g.search("hoan kiem") == [HOAN_KIEM]
        assert "test" in repr(g)

    def test_inconsistent_units_report_every_problem(self) -> None:
        """Duplicates, orphans and non-units are all listed in one ValidationError."""
        orphan = AdministrativeUnit("00001", "Xã Một", UnitKind.COMMUNE, "02")

        with pytest.raises(ValidationError) as caught:
            Gazetteer([HANOI, HANOI, orphan, "01"])  # type: ignore[list-item]

        paths = [p.path for p in caught.value.problems]
        assert paths == ["units[1].code", "units[3]", "units[2].parent_code"]

    @pytest.mark.parametrize(
        ("args", "kwargs", "field"),
        [
            ((None,), {}, "units"),
            ((5,), {}, "units"),
            (("01",), {}, "units"),
            (([HANOI],), {"source": 1}, "source"),
        ],
    )
    def test_bad_arguments_raise_invalid_value_error(
        self, args: tuple[object, ...], kwargs: dict[str, object], field: str
    ) -> None:
        """Units that are not an iterable, or a source that is not text, are rejected."""
        with pytest.raises(InvalidValueError) as caught:
            Gazetteer(*args, **kwargs)  # type: ignore[arg-type]

        assert caught.value.field == field

    def test_a_province_without_communes_has_none(self) -> None:
        """communes_of() of a province without communes is empty."""
        assert Gazetteer([HANOI]).communes_of("01") == ()
