"""Unit tests for adminflow.competence: rules, validation, IO, resolution and receipt."""

import datetime as dt
import json

import pytest

from adminflow import errors
from adminflow.competence import (
    Assignment,
    AuthorityDirectory,
    Authorization,
    BoundaryFreeExclusion,
    BoundaryFreeList,
    ClockStartRule,
    CompetenceResolver,
    CompetenceRules,
    Decentralization,
    DistrictAuthority,
    LegacyDistrict,
    LegalReference,
    ReceiptMode,
    Scope,
    Seat,
    classify_online_service,
    dump_rules,
    dumps_rules,
    load_rules,
    loads_rules,
    online_service_regime,
)
from adminflow.jurisdictions import Authority, AuthorityKind, Level

REF = LegalReference("Decree 140/2025/NĐ-CP", article="Art. 4(1)")
D = dt.date


def dec(
    id_="d1",
    *,
    procedures=("1.013225",),
    fields=(),
    region=None,
    grantor="district/peoples_committee",
    grantee="commune/peoples_committee",
    start=dt.date(2025, 7, 1),
    end=dt.date(2027, 2, 28),
    onward=False,
):
    return Decentralization(
        id=id_,
        scope=Scope(procedures, fields),
        region=region,
        grantor=Seat.parse(grantor),
        grantee=Seat.parse(grantee),
        valid_from=start,
        valid_until=end,
        reference=REF,
        allows_onward=onward,
    )


def auth(
    id_="a1",
    *,
    procedures=("1.001776",),
    region="22366",
    grantor="commune/chairman",
    grantee="commune/service_centre",
    start=dt.date(2026, 1, 1),
    end=dt.date(2026, 12, 31),
):
    return Authorization(
        id=id_,
        scope=Scope(procedures, ()),
        region=region,
        grantor=Seat.parse(grantor),
        grantee=Seat.parse(grantee),
        valid_from=start,
        valid_until=end,
        reference=REF,
    )


def messages(rules, **kwargs):
    return [p.message for p in rules.problems(**kwargs)]


class TestSeat:
    def test_parse_and_str_round_trip(self):
        """A seat written 'level/kind@id' parses and prints back the same text."""
        text = "province/department@56-so-y-te"

        seat = Seat.parse(text)

        assert (seat.level, seat.kind, seat.authority_id) == (
            Level.PROVINCE,
            AuthorityKind.DEPARTMENT,
            "56-so-y-te",
        )
        assert str(seat) == text

    @pytest.mark.parametrize(
        "text", ["commune", "town/chairman", "commune/mayor", "commune/chairman@", 3]
    )
    def test_bad_seat_text_is_rejected(self, text):
        """A seat that is not 'level/kind[@id]' with known words raises InvalidValueError."""
        with pytest.raises(errors.InvalidValueError):
            Seat.parse(text)

    def test_ordering_follows_level_then_subordination(self):
        """A People's Committee is above its chairman, who is above a lower level's bodies."""
        pc, chair = Seat.parse("province/peoples_committee"), Seat.parse("province/chairman")
        commune_pc = Seat.parse("commune/peoples_committee")

        assert pc.is_above(chair)
        assert chair.is_above(commune_pc)
        assert not commune_pc.is_above(chair)


class TestScope:
    def test_covers_by_code_or_field(self):
        """A scope covers a procedure listed by code or belonging to a listed field."""
        scope = Scope({"1.013225"}, {"Đất đai"})

        assert scope.covers("1.013225", None)
        assert scope.covers("1.013978", "Đất đai")
        assert not scope.covers("1.001193", "Hộ tịch")

    def test_a_string_is_not_a_collection_of_codes(self):
        """Passing a bare string as procedures is refused rather than split into characters."""
        with pytest.raises(errors.InvalidValueError):
            Scope("1.013225")


class TestValidation:
    def test_example_rules_are_valid_against_catalog_and_gazetteer(self, catalog, gazetteer):
        """The shipped Khánh Hòa rules have no problem with the sample catalogue and gazetteer."""
        rules = CompetenceRules.example_khanh_hoa()

        assert rules.problems(catalog=catalog, gazetteer=gazetteer) == []

    def test_upward_decentralization_is_a_problem(self):
        """A decentralization from a commune to a province is reported as upward."""
        rules = CompetenceRules(
            decentralizations=[
                dec(grantor="commune/peoples_committee", grantee="province/peoples_committee")
            ]
        )

        assert any("upward decentralization" in m for m in messages(rules))

    def test_same_rank_decentralization_is_a_problem(self):
        """A decentralization between two seats of the same rank does not go lower."""
        rules = CompetenceRules(
            decentralizations=[dec(grantor="commune/chairman", grantee="commune/chairman")]
        )

        assert any("does not go to a lower level" in m for m in messages(rules))

    def test_authorization_without_end_date_is_a_problem(self):
        """An authorization with no end date is reported with Law 63/2025 Art. 9(3)."""
        rules = CompetenceRules(authorizations=[auth(end=None)])

        problems = rules.problems()

        assert [p.path for p in problems] == ["authorizations[0].valid_until"]
        assert "Art. 9(3)" in problems[0].message

    def test_window_ending_before_it_starts_is_a_problem(self):
        """A rule whose end date precedes its start date is reported."""
        rules = CompetenceRules(decentralizations=[dec(start=D(2026, 1, 1), end=D(2025, 1, 1))])

        assert any("before it starts" in m for m in messages(rules))

    def test_sub_delegation_of_an_authorization_is_a_problem(self):
        """A grantee acting under an authorization may not authorize someone else."""
        first = auth("a1", grantor="commune/peoples_committee", grantee="commune/chairman")
        second = auth("a2", grantor="commune/chairman", grantee="commune/specialised_office@x")
        rules = CompetenceRules(authorizations=[first, second])

        problems = rules.problems()

        assert any(
            p.path == "authorizations[1].grantor" and "sub-delegation" in p.message
            for p in problems
        )

    def test_onward_decentralization_needs_permission(self):
        """Decentralizing a decentralized competence again is reported unless allowed."""
        first = dec("d1", grantor="central/ministry", grantee="province/peoples_committee")
        second = dec(
            "d2", grantor="province/peoples_committee", grantee="commune/peoples_committee"
        )
        allowed = dec(
            "d1", grantor="central/ministry", grantee="province/peoples_committee", onward=True
        )

        assert any(
            "onward" in m for m in messages(CompetenceRules(decentralizations=[first, second]))
        )
        assert messages(CompetenceRules(decentralizations=[allowed, second])) == []

    def test_overlapping_grants_from_the_same_seat_are_ambiguous(self):
        """Two decentralizations of one scope from one seat over the same period are reported."""
        rules = CompetenceRules(
            decentralizations=[
                dec("d1"),
                dec("d2", grantee="commune/chairman", start=D(2026, 1, 1), end=None),
            ]
        )

        assert any("ambiguous" in m for m in messages(rules))

    def test_disjoint_periods_do_not_overlap(self):
        """Rules from the same seat on the same scope in separate periods are fine."""
        rules = CompetenceRules(
            decentralizations=[
                dec("d1", end=D(2025, 12, 31)),
                dec("d2", grantee="commune/chairman", start=D(2026, 1, 1)),
            ]
        )

        assert messages(rules) == []

    def test_field_scope_overlaps_code_scope_when_catalog_given(self, catalog):
        """A field rule and a code rule of that field overlap once the catalogue tells the field."""
        rules = CompetenceRules(
            decentralizations=[
                dec("d1"),
                dec(
                    "d2", procedures=(), fields=("Hoạt động xây dựng",), grantee="commune/chairman"
                ),
            ]
        )

        assert messages(rules) == []
        assert any("ambiguous" in m for m in messages(rules, catalog=catalog))

    def test_commune_rule_overlaps_province_rule_when_gazetteer_given(self, gazetteer):
        """A rule for a commune overlaps the same rule for its province."""
        rules = CompetenceRules(
            authorizations=[
                auth("a1", region="56"),
                auth("a2", region="22366", grantee="commune/service_centre"),
            ]
        )

        assert any("ambiguous" in m for m in messages(rules, gazetteer=gazetteer))

    def test_assignments_to_different_holders_overlap(self):
        """Two assignments of one procedure in force together are ambiguous whoever they name."""
        common = {"scope": Scope({"1.013225"}), "valid_from": D(2025, 1, 1), "reference": REF}
        rules = CompetenceRules(
            assignments=[
                Assignment(id="x", holder=Seat.parse("commune/peoples_committee"), **common),
                Assignment(id="y", holder=Seat.parse("province/peoples_committee"), **common),
            ]
        )

        assert any("ambiguous" in m for m in messages(rules))

    def test_district_region_is_known_when_listed(self, gazetteer):
        """A rule may apply in a pre-2025 district listed in the rules' districts."""
        district = LegacyDistrict(code="568", name="Thành phố Nha Trang", communes={"22366"})
        rules = CompetenceRules(
            districts=[district],
            decentralizations=[dec(region="568", start=D(2025, 1, 1), end=D(2025, 6, 30))],
        )

        assert messages(rules, gazetteer=gazetteer) == []

    def test_cycle_is_reported(self):
        """Delegations that lead back to where they started are reported as a cycle."""
        rules = CompetenceRules(
            decentralizations=[
                dec(
                    "d1", grantor="province/peoples_committee", grantee="commune/peoples_committee"
                ),
                dec(
                    "d2", grantor="commune/peoples_committee", grantee="province/peoples_committee"
                ),
            ]
        )

        assert any("cycle" in m for m in messages(rules))

    def test_unknown_references_are_reported(self, catalog, gazetteer):
        """Unknown procedure codes, fields, units and authorities are each reported."""
        rules = CompetenceRules(
            decentralizations=[
                dec(
                    procedures=("9.999999",),
                    fields=("Không có",),
                    region="99999",
                    grantee="commune/specialised_office@nobody",
                )
            ]
        )

        found = messages(rules, catalog=catalog, gazetteer=gazetteer)

        assert any("unknown procedure code" in m for m in found)
        assert any("unknown field" in m for m in found)
        assert any("unknown administrative unit" in m for m in found)
        assert any("unknown authority" in m for m in found)

    def test_every_problem_is_reported_at_once(self):
        """validate() raises one ValidationError listing every problem."""
        rules = CompetenceRules(
            decentralizations=[
                dec(grantor="commune/peoples_committee", grantee="province/chairman")
            ],
            authorizations=[auth(end=None, region=None)],
        )

        with pytest.raises(errors.ValidationError) as info:
            rules.validate()

        assert len(info.value.problems) == 3

    def test_exclusion_without_reason_is_a_problem(self):
        """An exclusion from boundary-free receipt must say why."""
        exclusion = BoundaryFreeExclusion(
            id="x",
            region="56",
            scope=Scope({"1.013978"}),
            reason=" ",
            valid_from=D(2025, 10, 1),
            reference=REF,
        )

        assert messages(CompetenceRules(exclusions=[exclusion])) == [
            "an exclusion must give its reason"
        ]


class TestLoadDump:
    def test_toml_and_json_round_trip(self, tmp_path):
        """Dumping then loading the example gives the same rules, in TOML and in JSON."""
        rules = CompetenceRules.example_khanh_hoa()

        for suffix in ("toml", "json"):
            path = tmp_path / f"rules.{suffix}"
            dump_rules(rules, path)
            assert load_rules(path) == rules

    def test_malformed_document_lists_every_problem(self):
        """A document with several malformed entries reports each with its path."""
        text = """
[[decentralizations]]
id = "d1"
procedures = ["1.013225"]
grantor = "district/boss"
grantee = "commune/peoples_committee"
valid_from = "yesterday"
reference = { instrument = "Decree 140/2025/NĐ-CP" }
colour = "blue"
"""
        with pytest.raises(errors.ValidationError) as info:
            loads_rules(text)

        paths = {p.path for p in info.value.problems}
        assert {"decentralizations[0].grantor", "decentralizations[0].valid_from"} <= paths

    def test_authorization_without_end_date_fails_to_load(self):
        """Loading an authorization without valid_until raises ValidationError."""
        text = json.dumps(
            {
                "authorizations": [
                    {
                        "id": "a",
                        "procedures": ["1.001776"],
                        "region": "22366",
                        "grantor": "commune/chairman",
                        "grantee": "commune/service_centre",
                        "valid_from": "2026-01-01",
                        "reference": {"instrument": "x"},
                    }
                ]
            }
        )

        with pytest.raises(errors.ValidationError, match="end date"):
            loads_rules(text, format="json")

    @pytest.mark.parametrize("text", ["not = [valid", "[1, 2]"])
    def test_unparsable_text_is_a_validation_error(self, text):
        """Text that is not a TOML table gives ValidationError, never a parser exception."""
        fmt = "json" if text.startswith("[") else "toml"

        with pytest.raises(errors.ValidationError):
            loads_rules(text, format=fmt)

    def test_unknown_format_is_refused(self):
        """Only toml and json are known formats."""
        with pytest.raises(errors.InvalidValueError):
            dumps_rules(CompetenceRules(), format="yaml")


class TestAuthorityDirectory:
    def test_standard_bodies_are_made_up_for_known_units(self, gazetteer):
        """A commune's People's Committee exists without being listed."""
        directory = AuthorityDirectory(gazetteer=gazetteer)

        (pc,) = directory.find("22366", AuthorityKind.PEOPLES_COMMITTEE)

        assert (pc.id, pc.name) == ("ubnd-22366", "Ủy ban nhân dân phường Nha Trang")

    def test_listed_bodies_come_first_and_others_are_not_invented(self, gazetteer):
        """Listed departments are found; unlisted departments are not invented."""
        dept = Authority("56-sct", "Sở Công Thương tỉnh Khánh Hòa", AuthorityKind.DEPARTMENT, "56")
        directory = AuthorityDirectory([dept], gazetteer=gazetteer)

        assert directory.find("56", AuthorityKind.DEPARTMENT) == (dept,)
        assert directory.find("01", AuthorityKind.DEPARTMENT) == ()
        with pytest.raises(errors.NotFoundError):
            directory.get("nope")


class TestResolve:
    def test_default_is_catalog_level_and_kind_in_the_unit(self, catalog):
        """Without rules, a commune procedure is decided by the commune's People's Committee."""
        resolver = CompetenceResolver(catalog=catalog)

        competence = resolver.resolve("1.001193", "22366", at=D(2026, 3, 2))

        assert competence.deciding.id == "ubnd-22366"
        assert competence.acting == competence.deciding
        assert competence.chain == ()

    def test_province_level_procedure_goes_to_the_province(self, example):
        """A provincial procedure for a commune dossier is decided by a body of its province."""
        competence = example.resolve("3.000333", "22366", at=D(2026, 3, 2))

        assert competence.deciding.unit_code == "56"
        assert competence.level is Level.PROVINCE

    def test_district_competence_before_july_2025(self, example):
        """A building permit received in June 2025 is decided by the old district."""
        competence = example.resolve("1.013225", "22366", at=D(2025, 6, 20))

        assert isinstance(competence.deciding, DistrictAuthority)
        assert competence.deciding.unit_code == "568"
        assert competence.level is Level.DISTRICT

    def test_assignment_gives_it_to_the_commune(self, example):
        """From 1 July 2025 Decree 140/2025 assigns the permit to the commune People's Committee."""
        competence = example.resolve("1.013225", "22366", at=D(2025, 7, 1))

        assert competence.deciding.id == "ubnd-22366"
        assert [str(r) for r in competence.references] == [
            "Decree 140/2025/NĐ-CP of 2025-06-12, Art. 4(1)"
        ]

    def test_district_competence_after_july_2025_has_no_body(self):
        """A competence left with a district after 1 July 2025 has no authority to resolve to."""
        rules = CompetenceRules(
            assignments=[
                Assignment(
                    id="x",
                    scope=Scope({"1.013225"}),
                    holder=Seat.parse("district/peoples_committee"),
                    valid_from=D(2015, 1, 1),
                    reference=REF,
                )
            ]
        )

        with pytest.raises(errors.NoCompetentAuthorityError, match="no longer organised"):
            CompetenceResolver(rules).resolve("1.013225", "22366", at=D(2025, 8, 1))

    def test_authorization_gives_the_acting_body(self, example):
        """Under an authorization, the grantee acts and the grantor still decides."""
        competence = example.resolve("1.001776", "22366", at=D(2026, 5, 4))

        assert competence.deciding.id == "ct-ubnd-22366"
        assert competence.acting.id == "22366-phong-vhxh"
        assert competence.authorization is not None

    def test_expired_authorization_never_applies(self, example):
        """After its end date an authorization is ignored."""
        competence = example.resolve("1.001776", "22366", at=D(2027, 1, 4))

        assert competence.acting == competence.deciding

    def test_authorization_does_not_reach_other_communes(self, example):
        """An authorization issued in one commune does not apply in another."""
        competence = example.resolve("1.001776", "22333", at=D(2026, 5, 4))

        assert competence.acting.id == "ct-ubnd-22333"

    def test_aware_instant_is_taken_in_vietnam_time(self, example):
        """23:30 UTC on 30 June 2025 is already 1 July in Vietnam."""
        instant = dt.datetime(2025, 6, 30, 23, 30, tzinfo=dt.UTC)

        competence = example.resolve("1.013225", "22366", at=instant)

        assert competence.on == D(2025, 7, 1)

    def test_unknown_procedure_has_no_competent_authority(self, example):
        """A code neither in the catalogue nor assigned has no competent authority."""
        with pytest.raises(errors.NoCompetentAuthorityError):
            example.resolve("9.999999", "22366", at=D(2026, 1, 5))

    def test_unvalidated_overlap_is_ambiguous_with_candidates(self, catalog):
        """Two overlapping authorizations make resolution ambiguous, listing both."""
        rules = CompetenceRules(
            authorizations=[
                auth("a1", grantee="commune/peoples_committee"),
                auth("a2", grantee="commune/service_centre"),
            ]
        )
        resolver = CompetenceResolver(rules, catalog=catalog, validate=False)

        with pytest.raises(errors.AmbiguousCompetenceError) as info:
            resolver.resolve("1.001776", "22366", at=D(2026, 5, 4))

        assert {g.id for g in info.value.candidates} == {"a1", "a2"}

    def test_duplicate_ids_do_not_make_answers_depend_on_order(self, catalog):
        """Unvalidated rules sharing an id give the same answer in either order."""
        first = auth("same", grantee="commune/service_centre")
        second = auth("same", grantee="commune/specialised_office@x")
        answers = []

        for order in ([first, second], [second, first]):
            resolver = CompetenceResolver(
                CompetenceRules(authorizations=order), catalog=catalog, validate=False
            )
            with pytest.raises(errors.AmbiguousCompetenceError) as info:
                resolver.resolve("1.001776", "22366", at=D(2026, 5, 4))
            answers.append(info.value.candidates)

        assert answers[0] == answers[1]

    def test_invalid_rules_are_refused_by_the_resolver(self):
        """The resolver validates its rules first."""
        with pytest.raises(errors.ValidationError):
            CompetenceResolver(CompetenceRules(authorizations=[auth(end=None)]))

    def test_explain_names_every_step(self, example):
        """The explanation names the decider, the acting body and each instrument."""
        text = example.resolve("2.001827", "22366", at=D(2026, 5, 4)).explain()

        assert "Sở Công Thương tỉnh Khánh Hòa" in text
        assert "Ủy ban nhân dân phường Nha Trang" in text
        assert "Decree 46/2026/NĐ-CP" in text


class TestCanReceive:
    def test_competent_unit_always_receives(self, example):
        """The competent body's own unit may receive."""
        decision = example.can_receive("1.001193", "22366", "22366", at=D(2025, 8, 1))

        assert decision
        assert decision.mode is ReceiptMode.COMPETENT_UNIT

    def test_listed_procedure_is_received_anywhere_in_the_province(self, example):
        """A procedure on the province's list may be received by another commune of it."""
        decision = example.can_receive("1.013225", "22333", "22366", at=D(2025, 11, 3))

        assert decision
        assert decision.mode is ReceiptMode.WITHIN_PROVINCE
        assert "Art. 3(7), 14(2)" in decision.legal_basis

    def test_unlisted_procedure_before_the_deadline_is_refused(self, example):
        """Before 31 December 2025 an unlisted procedure is received only by the competent unit."""
        decision = example.can_receive("1.004873", "22333", "22366", at=D(2025, 11, 3))

        assert not decision
        assert "not on province 56's list" in decision.reason

    def test_catalog_scope_counts_from_31_december_2025(self, example):
        """From 31 December 2025 the catalogue's province scope lets any commune receive."""
        decision = example.can_receive("1.004873", "22333", "22366", at=D(2025, 12, 31))

        assert decision

    def test_excluded_procedure_is_refused_with_its_reason(self, example):
        """An excluded procedure is refused, and the refusal gives the province's reason."""
        decision = example.can_receive("1.013978", "22333", "22366", at=D(2026, 3, 2))

        assert not decision
        assert "first land registrations" in decision.reason
        assert "illustrative" in decision.legal_basis

    def test_other_province_is_refused_without_nationwide_scope(self, example):
        """A Hà Nội ward may not receive a Khánh Hòa birth registration."""
        decision = example.can_receive("1.001193", "00070", "22366", at=D(2026, 9, 1))

        assert not decision
        assert "province 01" in decision.reason
        assert "province 56" in decision.reason

    def test_nationwide_list_lets_another_province_receive(self, example):
        """A procedure on a nationwide list may be received in another province."""
        decision = example.can_receive("3.000333", "00070", "22366", at=D(2026, 9, 1))

        assert decision
        assert decision.mode is ReceiptMode.NATIONWIDE
        assert "309/2026" in decision.legal_basis


class TestTransfer:
    def test_no_transfer_at_the_competent_unit(self, example):
        """A dossier received by the competent unit stays there and its clock starts at receipt."""
        transfer = example.transfer("1.001193", "22366", "22366", at=D(2026, 9, 1))

        assert not transfer.required
        assert transfer.clock_start is ClockStartRule.RECEIPT

    def test_boundary_free_dossier_goes_to_the_competent_body(self, example):
        """Commune to commune (same level): e-dossier at once, paper per Art. 18(2), Art. 20(2)."""
        transfer = example.transfer("1.013225", "22333", "22366", at=D(2026, 3, 2))

        assert transfer.required
        assert transfer.destination.id == "ubnd-22366"
        assert (transfer.electronic, transfer.paper_within_working_days) == ("immediately", 0)
        assert transfer.clock_start is ClockStartRule.RECEIPT
        assert "Art. 20(2)" in transfer.legal_basis
        assert "20(1)" not in transfer.legal_basis

    def test_clock_starts_at_competent_agency_from_august_2026(self, example):
        """From 5 August 2026 a boundary-free dossier's clock starts at the competent agency."""
        transfer = example.transfer("1.013225", "22333", "22366", at=D(2026, 8, 5))

        assert transfer.clock_start is ClockStartRule.COMPETENT_AGENCY_RECEIPT
        assert "309/2026" in transfer.legal_basis

    def test_refused_receipt_cannot_be_transferred(self, example):
        """Asking where to transfer a dossier the unit may not receive raises with the reason."""
        with pytest.raises(errors.InvalidValueError, match="excluded"):
            example.transfer("1.013978", "22333", "22366", at=D(2026, 3, 2))


class TestOnlineServiceRegime:
    @pytest.mark.parametrize(
        ("day", "instrument"),
        [
            (D(2023, 1, 1), "Decree 42/2022/NĐ-CP"),
            (D(2026, 6, 30), "Decree 42/2022/NĐ-CP"),
            (D(2026, 7, 1), "Decree 224/2026/NĐ-CP"),
        ],
    )
    def test_regime_changes_on_1_july_2026(self, day, instrument):
        """Decree 42/2022 governs until 30 June 2026, Decree 224/2026 from 1 July 2026."""
        assert online_service_regime(day).instrument == instrument

    def test_partial_needs_a_reason_only_under_decree_224(self):
        """A partial service must publish its reason only from 1 July 2026."""
        before = classify_online_service("partial", on=D(2026, 6, 30))
        after = classify_online_service("partial", on=D(2026, 7, 1))

        assert (before.partial_reason_required, after.partial_reason_required) == (False, True)
        assert before.legal_basis == "Decree 42/2022/NĐ-CP, Art. 11(1)(b)"

    def test_unknown_level_is_refused(self):
        """Only full, partial and none are levels."""
        with pytest.raises(errors.InvalidValueError):
            classify_online_service("level 4", on=D(2026, 1, 1))

    def test_boundary_free_list_covers_only_in_force(self):
        """A boundary-free list covers nothing before it starts."""
        listed = BoundaryFreeList(
            id="b", region="56", scope=Scope({"1.001193"}), valid_from=D(2025, 10, 1), reference=REF
        )

        assert not listed.covers("1.001193", None, D(2025, 9, 30))
        assert listed.covers("1.001193", None, D(2025, 10, 1))
