"""Regression tests for issue 8 points 1, 3, 4 and 12: competent bodies named by function,
the June-2025 moves as competences assigned by law, and who may authorize whom."""

import datetime as dt

import pytest

from adminflow import errors
from adminflow.competence import (
    Authorization,
    CompetenceResolver,
    CompetenceRules,
    Decentralization,
    LegalReference,
    Scope,
    Seat,
    dumps_rules,
    loads_rules,
)
from adminflow.jurisdictions import (
    Authority,
    AuthorityFunction,
    AuthorityKind,
    Level,
    authority_functions,
)
from adminflow.procedures import Procedure

D = dt.date
REF = LegalReference("Decision 1/QĐ-UBND")


def grant(cls, grantor, grantee, *, region="22366", procedures=("1.001776",)):
    """An authorization or decentralization between two seats written as text."""
    return cls(
        id="g1",
        scope=Scope(procedures),
        region=region,
        grantor=Seat.parse(grantor),
        grantee=Seat.parse(grantee),
        valid_from=D(2026, 1, 1),
        valid_until=D(2026, 12, 31),
        reference=REF,
    )


def messages(rules):
    return [p.message for p in rules.problems()]


class TestBodiesByFunction:
    def test_land_transfer_registration_goes_to_the_land_registration_office(self, example):
        """Registering a land-use-right transfer is decided by the land registration office."""
        competence = example.resolve("1.013831", "22366", at=D(2026, 9, 1))

        assert competence.deciding.name == "Văn phòng Đăng ký đất đai tỉnh Khánh Hòa"
        assert competence.deciding.function == "land_registration"

    def test_household_business_registration_goes_to_the_economic_office(self, example):
        """Household-business registration is decided by the commune's economic office."""
        competence = example.resolve("1.001612", "22366", at=D(2026, 9, 1))

        assert competence.deciding.name == "Phòng Kinh tế, Hạ tầng và Đô thị phường Nha Trang"
        assert competence.deciding.function == "economic"

    def test_the_only_body_of_a_generic_kind_is_never_taken(self, catalog):
        """A directory with only the provincial police has no land registration office."""
        police = Authority(
            "56-ca", "Công an tỉnh Khánh Hòa", AuthorityKind.OTHER, "56", function="police"
        )
        resolver = CompetenceResolver(CompetenceRules(authorities=[police]), catalog=catalog)

        with pytest.raises(errors.NoCompetentAuthorityError) as info:
            resolver.resolve("1.013831", "22366", at=D(2026, 9, 1))

        assert "'land_registration'" in str(info.value)
        assert "Văn phòng đăng ký đất đai" in str(info.value)
        assert "missing from the authority directory" in str(info.value)

    def test_a_generic_kind_without_a_function_is_refused(self):
        """A procedure naming only 'specialised_office' does not say which office decides."""
        office = Authority(
            "22366-vhxh", "Phòng Văn hóa - Xã hội", AuthorityKind.SPECIALISED_OFFICE, "22366"
        )
        procedure = Procedure(
            "1.001612",
            "Đăng ký thành lập hộ kinh doanh",
            "Thành lập và hoạt động của hộ kinh doanh",
            Level.COMMUNE,
            AuthorityKind.SPECIALISED_OFFICE,
            _days(3),
            {"in_person"},
        )
        resolver = CompetenceResolver(CompetenceRules(authorities=[office]))

        with pytest.raises(errors.NoCompetentAuthorityError) as info:
            resolver.resolve(procedure, "22366", at=D(2026, 9, 1))

        assert "function" in str(info.value)

    def test_a_function_is_matched_exactly_among_several_bodies(self, catalog):
        """Of two commune offices, the one carrying the procedure's function decides."""
        offices = [
            Authority(
                "a",
                "Phòng Văn hóa - Xã hội",
                AuthorityKind.SPECIALISED_OFFICE,
                "22366",
                function="culture_society",
            ),
            Authority(
                "b", "Phòng Kinh tế", AuthorityKind.SPECIALISED_OFFICE, "22366", function="economic"
            ),
        ]
        resolver = CompetenceResolver(CompetenceRules(authorities=offices), catalog=catalog)

        assert resolver.resolve("1.001612", "22366", at=D(2026, 9, 1)).deciding.id == "b"

    def test_the_vocabulary_names_its_sources(self):
        """Every function in the vocabulary has a name, kinds, levels and a legal source."""
        functions = authority_functions()

        assert {"land_registration", "economic", "agriculture_environment"} <= set(functions)
        for function in functions.values():
            assert isinstance(function, AuthorityFunction)
            assert function.name
            assert function.kinds
            assert function.levels
            assert "Decree" in function.source or "Law" in function.source

    def test_unknown_or_misfit_functions_are_problems(self):
        """A rule naming an unknown function, or one of another kind of body, is reported."""
        unknown = Authority("x", "X", AuthorityKind.OTHER, "56", function="land_registy")
        misfit = Authority("y", "Y", AuthorityKind.DEPARTMENT, "56", function="economic")

        found = messages(CompetenceRules(authorities=[unknown, misfit]))

        assert any("unknown function 'land_registy'" in m for m in found)
        assert any("function 'economic'" in m and "province/department" in m for m in found)

    def test_catalogue_checks_the_function(self):
        """A procedure whose function does not fit its kind and level is refused."""
        with pytest.raises(errors.InvalidValueError, match="authority_function"):
            Procedure(
                "1.001612",
                "Đăng ký thành lập hộ kinh doanh",
                "Thành lập và hoạt động của hộ kinh doanh",
                Level.PROVINCE,
                AuthorityKind.DEPARTMENT,
                _days(3),
                {"in_person"},
                authority_function="economic",
            )

    def test_seats_with_a_function_round_trip_through_documents(self):
        """A seat written level/kind:function and an authority's function survive TOML."""
        rules = CompetenceRules.example_khanh_hoa()

        again = loads_rules(dumps_rules(rules))

        assert again == rules
        assert str(Seat.parse("province/department:industry_trade")) == (
            "province/department:industry_trade"
        )


class TestAssignedByLaw:
    def test_a_building_permit_of_september_2025_is_assigned_not_decentralized(self, example):
        """The 2025-09-01 permit is the commune's own competence under Decree 140/2025."""
        competence = example.resolve("1.013225", "22366", at=D(2025, 9, 1))

        text = competence.explain()

        assert "decentralized from district/peoples_committee" not in text
        assert "assigned by law to commune/peoples_committee" in text
        assert "Decree 140/2025/NĐ-CP" in text
        assert competence.deciding.id == "ubnd-22366"

    def test_the_example_has_no_field_wide_land_rule(self, example):
        """Decree 151/2025 Art. 5(1)(m) does not cover land registration: no land-field rule."""
        rules = CompetenceRules.example_khanh_hoa()

        assert not any("Đất đai" in g.scope.fields for _, g in rules.grants())
        assert example.resolve("1.013978", "22366", at=D(2025, 9, 1)).chain == ()


class TestWhoMayAuthorizeWhom:
    def test_provincial_committee_may_not_authorize_a_commune_office(self):
        """Law 72/2025 Art. 14(1) has no edge from a provincial PC to a commune office."""
        rule = grant(
            Authorization, "province/peoples_committee", "commune/specialised_office:economic"
        )

        assert any(
            "may not authorize" in m for m in messages(CompetenceRules(authorizations=[rule]))
        )

    def test_department_may_authorize_one_stop_staff(self):
        """Decree 118/2025 Art. 8(1)(c), 17(5): a department authorizes One-Stop staff."""
        rule = grant(
            Authorization,
            "province/department:industry_trade",
            "province/service_centre",
            region="56",
            procedures=("2.001827",),
        )

        assert messages(CompetenceRules(authorizations=[rule])) == []

    def test_commune_committee_may_not_decentralize_to_its_chairman(self):
        """A commune PC lets its chairman act by authorization, never by decentralization."""
        rule = grant(Decentralization, "commune/peoples_committee", "commune/chairman")

        found = messages(CompetenceRules(decentralizations=[rule]))

        assert any("may not decentralize" in m and "authorization" in m for m in found)

    def test_commune_chairman_may_authorize_a_civil_servant(self, catalog):
        """A commune chairman authorizes a civil servant (công chức) of the commune."""
        rule = grant(Authorization, "commune/chairman", "commune/civil_servant")
        rules = CompetenceRules(authorizations=[rule])
        resolver = CompetenceResolver(rules, catalog=catalog)

        competence = resolver.resolve("1.001776", "22366", at=D(2026, 5, 4))

        assert competence.acting.name == "Công chức Ủy ban nhân dân phường Nha Trang"
        assert competence.deciding.id == "ct-ubnd-22366"

    def test_only_a_commune_chairman_authorizes_civil_servants(self):
        """A provincial chairman may not authorize a commune civil servant directly."""
        rule = grant(Authorization, "province/chairman", "commune/civil_servant")

        assert any(
            "may not authorize" in m for m in messages(CompetenceRules(authorizations=[rule]))
        )

    @pytest.mark.parametrize(
        ("grantor", "grantee"),
        [
            ("province/peoples_committee", "province/chairman"),
            ("province/peoples_committee", "commune/peoples_committee"),
            ("province/chairman", "commune/chairman"),
            ("province/chairman", "province/department:justice"),
            ("province/department:health", "commune/peoples_committee"),
            ("commune/peoples_committee", "commune/specialised_office:economic"),
            ("commune/chairman", "commune/service_centre"),
        ],
    )
    def test_the_edges_of_article_14_are_accepted(self, grantor, grantee):
        """Each authorization edge named by Law 72/2025 Art. 14(1) is accepted."""
        region = "22366" if grantor.startswith("commune") or "commune" in grantee else "56"
        rule = grant(Authorization, grantor, grantee, region=region)

        assert messages(CompetenceRules(authorizations=[rule])) == []

    @pytest.mark.parametrize(
        ("grantor", "grantee"),
        [
            ("province/chairman", "commune/peoples_committee"),
            ("province/department:health", "commune/specialised_office:culture_society"),
            ("central/ministry:health", "province/department:health"),
        ],
    )
    def test_edges_the_law_does_not_name_are_refused(self, grantor, grantee):
        """Edges outside Law 72/2025 Art. 14(1) and Law 63/2025 Art. 9(2) are problems."""
        rule = grant(Authorization, grantor, grantee, region="56")

        assert any(
            "may not authorize" in m for m in messages(CompetenceRules(authorizations=[rule]))
        )


class TestFoodSafetySector:
    def test_catalogue_and_rules_agree_on_industry_and_trade(self, catalog, example):
        """2.001827 is an Industry-and-Trade procedure in the catalogue and in the rules."""
        procedure = catalog.get("2.001827")
        competence = example.resolve("2.001827", "22366", at=D(2026, 5, 4))

        assert procedure.authority_function == "industry_trade"
        assert competence.deciding.function == "industry_trade"
        assert competence.deciding.name == "Sở Công Thương tỉnh Khánh Hòa"
        assert any("51(9)(b)" in basis for basis in procedure.legal_basis)


def _days(n):
    from adminflow.calendar import ProcessingTime

    return ProcessingTime.working_days(n)
