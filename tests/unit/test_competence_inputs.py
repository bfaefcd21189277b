"""Regression tests for adminflow.competence: bad input, boundary dates and review findings."""

import datetime as dt
import json

import attrs
import pytest

from adminflow import errors
from adminflow.competence import (
    Assignment,
    Authorization,
    BoundaryFreeExclusion,
    BoundaryFreeList,
    CompetenceResolver,
    CompetenceRules,
    Decentralization,
    LegacyDistrict,
    LegalReference,
    Scope,
    Seat,
    classify_online_service,
    dump_rules,
    dumps_rules,
    load_rules,
    loads_rules,
    online_service_regime,
)
from adminflow.procedures import BoundaryFreeScope

D = dt.date
REF = LegalReference("Decree 140/2025/NĐ-CP", article="Art. 4(1)")
VN = dt.timezone(dt.timedelta(hours=7))


RULE = {
    "id": "d",
    "procedures": ["1.013225"],
    "grantor": "district/peoples_committee",
    "grantee": "commune/peoples_committee",
    "valid_from": "2025-07-01",
    "valid_until": "2027-02-28",
    "reference": {"instrument": "Decree 140/2025/NĐ-CP"},
}


def authorization(**changes):
    values = {
        "id": "a1",
        "scope": Scope({"1.001776"}),
        "region": "22366",
        "grantor": Seat.parse("commune/chairman"),
        "grantee": Seat.parse("commune/service_centre"),
        "valid_from": D(2026, 1, 1),
        "valid_until": D(2026, 1, 1),
        "reference": REF,
    }
    return Authorization(**(values | changes))


class TestResolverArguments:
    @pytest.mark.parametrize("procedure", [1013225, None, 1.5, ["1.013225"]])
    def test_procedure_of_a_wrong_type_is_an_invalid_value(self, example, procedure):
        """A procedure that is neither a code nor a procedure raises InvalidValueError naming it."""
        with pytest.raises(errors.InvalidValueError) as info:
            example.resolve(procedure, "22366", at=D(2026, 1, 5))

        assert info.value.field == "procedure"

    def test_procedure_object_and_code_give_the_same_answer(self, example, catalog):
        """Passing the catalogue's Procedure or its code resolves the same."""
        by_code = example.resolve("1.013225", "22366", at=D(2026, 1, 5))

        by_object = example.resolve(
            catalog.get("1.013225", on=D(2026, 1, 5)), "22366", at=D(2026, 1, 5)
        )

        assert by_object == by_code

    @pytest.mark.parametrize("unit", [22366, None, b"22366"])
    def test_unit_of_a_wrong_type_is_an_invalid_value(self, example, unit):
        """A unit that is neither a code nor an AdministrativeUnit raises InvalidValueError."""
        with pytest.raises(errors.InvalidValueError) as info:
            example.resolve("1.013225", unit, at=D(2026, 1, 5))

        assert (info.value.field, info.value.value) == ("unit", unit)

    @pytest.mark.parametrize("unit", ["99999", "abc", ""])
    def test_unknown_unit_is_not_found(self, example, unit):
        """A unit code the gazetteer does not know raises NotFoundError with the code."""
        with pytest.raises(errors.NotFoundError) as info:
            example.resolve("1.013225", unit, at=D(2026, 1, 5))

        assert info.value.key == unit

    def test_unit_object_and_code_give_the_same_answer(self, example, gazetteer):
        """Passing the AdministrativeUnit or its code resolves the same."""
        unit = gazetteer.unit("22366")

        assert example.resolve("1.013225", unit, at=D(2026, 1, 5)) == example.resolve(
            "1.013225", "22366", at=D(2026, 1, 5)
        )

    @pytest.mark.parametrize("at", ["2026-01-05", None, 20260105])
    def test_at_of_a_wrong_type_is_an_invalid_value(self, example, at):
        """An ``at`` that is not a date or datetime raises InvalidValueError naming ``at``."""
        with pytest.raises(errors.InvalidValueError) as info:
            example.resolve("1.013225", "22366", at=at)

        assert info.value.field == "at"

    def test_naive_datetime_is_refused(self, example):
        """A naive datetime is ambiguous about the day and is refused, as in the calendar."""
        with pytest.raises(errors.InvalidValueError, match="naive"):
            example.resolve("1.013225", "22366", at=dt.datetime(2025, 6, 30, 23, 30))

    def test_aware_datetime_at_the_edge_of_range_is_an_invalid_value(self, example):
        """An aware instant whose Vietnam day does not exist raises InvalidValueError."""
        with pytest.raises(errors.InvalidValueError):
            example.resolve("1.013225", "22366", at=dt.datetime.max.replace(tzinfo=dt.UTC))

    def test_rules_of_a_wrong_type_are_refused(self):
        """A resolver needs a CompetenceRules, not a file name."""
        with pytest.raises(errors.InvalidValueError) as info:
            CompetenceResolver("rules.toml")

        assert info.value.field == "rules"

    @pytest.mark.parametrize(
        ("receiving", "subject", "field"),
        [(None, "22366", "receiving_unit"), ("22333", 22366, "subject_unit")],
    )
    def test_receipt_arguments_are_checked(self, example, receiving, subject, field):
        """can_receive and transfer name the malformed unit argument."""
        for method in (example.can_receive, example.transfer):
            with pytest.raises(errors.InvalidValueError) as info:
                method("1.013225", receiving, subject, at=D(2026, 1, 5))
            assert info.value.field == field

    @pytest.mark.parametrize(("receiving", "subject"), [("99999", "22366"), ("22333", "99999")])
    def test_unknown_receipt_units_are_not_found(self, example, receiving, subject):
        """An unknown receiving or subject unit is an error, not a refusal."""
        with pytest.raises(errors.NotFoundError) as info:
            example.can_receive("1.013225", receiving, subject, at=D(2026, 1, 5))

        assert info.value.key == "99999"

    def test_province_of_refuses_a_non_string(self, example):
        """province_of names its argument when given a number."""
        with pytest.raises(errors.InvalidValueError) as info:
            example.province_of(22366)

        assert info.value.field == "unit_code"


class TestRuleConstruction:
    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"valid_from": "2026-01-01"}, "valid_from"),
            ({"valid_from": dt.datetime(2026, 1, 1, tzinfo=VN)}, "valid_from"),
            ({"valid_until": 20260101}, "valid_until"),
            ({"reference": "Decree 140/2025"}, "reference"),
            ({"grantor": "commune/chairman"}, "grantor"),
            ({"scope": {"1.001776"}}, "scope"),
            ({"region": 22366}, "region"),
            ({"id": None}, "id"),
        ],
    )
    def test_fields_of_a_wrong_type_are_refused(self, changes, field):
        """Each field of a grant is type-checked, the error naming the field and the value."""
        with pytest.raises(errors.InvalidValueError) as info:
            authorization(**changes)

        assert info.value.field == field
        assert info.value.value == next(iter(changes.values()))

    @pytest.mark.parametrize(
        ("build", "field"),
        [
            (lambda: Seat(3, "chairman"), "level"),
            (lambda: Seat("commune", "mayor"), "kind"),
            (lambda: Scope(3), "procedures"),
            (lambda: Scope(None), "procedures"),
            (lambda: Scope({1, 2}), "procedures"),
            (lambda: Scope(fields="Đất đai"), "fields"),
            (lambda: LegalReference(None), "instrument"),
            (lambda: LegalReference("x", issued_on="2025-06-12"), "issued_on"),
            (lambda: LegacyDistrict(code="568", name="x", communes=[22366]), "communes"),
            (lambda: authorization(allows_onward=True), None),
        ],
    )
    def test_value_objects_refuse_garbage(self, build, field):
        """Seats, scopes, references and districts raise InvalidValueError, not TypeError."""
        if field is None:  # an Authorization has no allows_onward at all
            with pytest.raises(TypeError):
                build()
            return

        with pytest.raises(errors.InvalidValueError) as info:
            build()

        assert info.value.field == field

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"authorizations": "a1"}, "authorizations"),
            ({"authorizations": None}, "authorizations"),
            ({"authorizations": [{"id": "a1"}]}, "authorizations[0]"),
            ({"decentralizations": [authorization()]}, "decentralizations[0]"),
            ({"title": 3}, "title"),
        ],
    )
    def test_rule_set_fields_are_checked(self, changes, field):
        """A rule set refuses lists of the wrong kind of rule, naming the entry."""
        with pytest.raises(errors.InvalidValueError) as info:
            CompetenceRules(**changes)

        assert info.value.field == field

    def test_blank_rule_id_is_a_problem(self):
        """A rule needs an id to be named in problems and chains."""
        rules = CompetenceRules(authorizations=[authorization(id=" ")])

        assert [p.path for p in rules.problems()] == ["authorizations[0].id"]


class TestRuleDocuments:
    @pytest.mark.parametrize(
        ("change", "path", "words"),
        [
            ({"reference": "Decree 140"}, "decentralizations[0].reference", "must be a table"),
            (
                {"reference": {"instrument": "x", "page": 3}},
                "decentralizations[0].reference",
                "page",
            ),
            ({"scope": {"procedures": ["1"]}}, "decentralizations[0].scope", "unknown key"),
            ({"valid_from": "2025-07-01T00:00:00"}, "decentralizations[0].valid_from", "ISO date"),
            ({"allows_onward": "yes"}, "decentralizations[0].allows_onward", "'yes'"),
            ({"region": 56}, "decentralizations[0].region", "got 56"),
            ({"procedures": "1.013225"}, "decentralizations[0].procedures", "list of strings"),
        ],
    )
    def test_bad_entries_are_reported_with_path_and_value(self, change, path, words):
        """A malformed rule is a ValidationError whose problem names the path and the value."""
        document = {"decentralizations": [RULE | change]}

        with pytest.raises(errors.ValidationError) as info:
            loads_rules(json.dumps(document), format="json")

        assert any(p.path == path and words in p.message for p in info.value.problems)

    def test_list_written_as_one_table_is_reported_once(self):
        """``decentralizations`` given as a table, not an array of tables, is one problem."""
        with pytest.raises(errors.ValidationError) as info:
            loads_rules(json.dumps({"decentralizations": RULE}), format="json")

        assert [p.path for p in info.value.problems] == ["decentralizations"]

    def test_authority_check_names_its_field(self):
        """An authority's own check (its unit code) names the field in the problem."""
        document = {
            "authorities": [{"id": "x", "name": "X", "kind": "department", "unit_code": "5"}]
        }

        with pytest.raises(errors.ValidationError) as info:
            loads_rules(json.dumps(document), format="json")

        assert "unit_code" in info.value.problems[0].message

    @pytest.mark.parametrize("text", [b"title = 'x'", None, 3])
    def test_text_of_a_wrong_type_is_an_invalid_value(self, text):
        """loads_rules wants text; bytes or None raise InvalidValueError naming ``text``."""
        with pytest.raises(errors.InvalidValueError) as info:
            loads_rules(text)

        assert info.value.field == "text"

    def test_file_that_is_not_utf8_is_a_validation_error(self, tmp_path):
        """A rule file in another encoding is reported, not a UnicodeDecodeError."""
        path = tmp_path / "rules.toml"
        path.write_bytes('title = "Khánh"'.encode("latin-1"))

        with pytest.raises(errors.ValidationError, match="UTF-8"):
            load_rules(path)

    def test_path_of_a_wrong_type_is_an_invalid_value(self):
        """A path that is not a str or Path raises InvalidValueError naming ``path``."""
        for call in (lambda: load_rules(3), lambda: dump_rules(CompetenceRules(), None)):
            with pytest.raises(errors.InvalidValueError) as info:
                call()
            assert info.value.field == "path"

    def test_dumping_something_else_is_an_invalid_value(self):
        """dumps_rules refuses anything but a rule set."""
        with pytest.raises(errors.InvalidValueError):
            dumps_rules({"title": "x"})


class TestBoundaryDates:
    def test_one_day_authorization_applies_on_that_day_only(self, catalog):
        """An authorization valid from and until the same day applies that day and no other."""
        rules = CompetenceRules(authorizations=[authorization()])
        resolver = CompetenceResolver(rules, catalog=catalog)

        acting = [
            resolver.resolve("1.001776", "22366", at=day).acting.id
            for day in (D(2025, 12, 31), D(2026, 1, 1), D(2026, 1, 2))
        ]

        assert acting == ["ct-ubnd-22366", "ttpvhcc-22366", "ct-ubnd-22366"]

    @pytest.mark.parametrize(
        ("day", "level"),
        [(D(2025, 6, 30), "district"), (D(2025, 7, 1), "commune")],
    )
    def test_district_level_ends_on_1_july_2025(self, example, day, level):
        """30 June 2025 is the district's last day; on 1 July 2025 the commune decides."""
        assert example.resolve("1.013225", "22366", at=day).level == level

    def test_aware_instant_in_vietnam_time_decides_the_day(self, example):
        """00:30 on 1 July 2025 in Vietnam (17:30 UTC on 30 June) is already the new structure."""
        instant = dt.datetime(2025, 6, 30, 17, 30, tzinfo=dt.UTC)

        assert example.resolve("1.013225", "22366", at=instant).level == "commune"

    @pytest.mark.parametrize(
        ("day", "instrument"),
        [
            (dt.datetime(2026, 6, 30, 16, 59, tzinfo=dt.UTC), "Decree 42/2022/NĐ-CP"),
            (dt.datetime(2026, 6, 30, 17, 0, tzinfo=dt.UTC), "Decree 224/2026/NĐ-CP"),
        ],
    )
    def test_online_regime_takes_instants_in_vietnam_time(self, day, instrument):
        """17:00 UTC on 30 June 2026 is midnight of 1 July in Vietnam: Decree 224/2026 governs."""
        assert online_service_regime(day).instrument == instrument
        assert classify_online_service("full", on=day).regime.instrument == instrument

    def test_online_regime_refuses_naive_datetimes(self):
        """A naive instant is refused by the online-service classification too."""
        with pytest.raises(errors.InvalidValueError, match="naive"):
            online_service_regime(dt.datetime(2026, 7, 1, 0, 0))

    @pytest.mark.parametrize(("day", "amended"), [(D(2026, 8, 4), False), (D(2026, 8, 5), True)])
    def test_decree_309_applies_from_5_august_2026(self, example, day, amended):
        """The clock rule and nationwide list of Decree 309/2026 apply from 5 August 2026."""
        transfer = example.transfer("1.013225", "22333", "22366", at=day)

        assert ("309/2026" in transfer.legal_basis) is amended

    @pytest.mark.parametrize(
        ("day", "deciding", "chain"),
        [
            (D(2026, 6, 30), "56-so-tu-phap", ["judicial-record-department-of-justice"]),
            (D(2026, 7, 1), "56-cong-an-tinh", ["judicial-record-police"]),
        ],
    )
    def test_assignments_hand_over_between_30_june_and_1_july_2026(
        self, example, day, deciding, chain
    ):
        """The judicial record certificate passes from justice to the police on 1 July 2026."""
        competence = example.resolve("3.000333", "22366", at=day)

        assert competence.deciding.id == deciding
        assert [g.id for g in competence.chain] == chain


class TestValidationRegions:
    def test_district_rule_overlaps_province_rule(self, gazetteer):
        """A district's rule and its province's rule on one scope overlap (no silent ambiguity)."""
        example = CompetenceRules.example_khanh_hoa()
        common = {
            "scope": Scope({"1.013225"}),
            "grantor": Seat.parse("district/peoples_committee"),
            "valid_from": D(2025, 1, 1),
            "valid_until": D(2025, 6, 30),
            "reference": REF,
        }
        rules = attrs.evolve(
            example,
            decentralizations=[
                Decentralization(
                    id="d-568", region="568", grantee=Seat.parse("commune/chairman"), **common
                ),
                Decentralization(
                    id="d-56",
                    region="56",
                    grantee=Seat.parse("commune/peoples_committee"),
                    **common,
                ),
            ],
        )

        problems = rules.problems(gazetteer=gazetteer)

        assert any("ambiguous" in p.message for p in problems)
        with pytest.raises(errors.AmbiguousCompetenceError):
            CompetenceResolver(rules, validate=False).resolve("1.013225", "22366", at=D(2025, 6, 1))

    def test_district_rule_does_not_overlap_another_province(self, gazetteer):
        """A Khánh Hòa district's rule and a Hà Nội rule do not overlap."""
        district = LegacyDistrict(code="568", name="Thành phố Nha Trang", communes={"22366"})
        assignment = {
            "scope": Scope({"1.013225"}),
            "valid_from": D(2020, 1, 1),
            "valid_until": D(2025, 6, 30),
            "reference": REF,
            "holder": Seat.parse("district/peoples_committee"),
        }
        rules = CompetenceRules(
            districts=[district],
            assignments=[
                Assignment(id="x", region="568", **assignment),
                Assignment(id="y", region="01", **assignment),
            ],
        )

        assert rules.problems(gazetteer=gazetteer) == []

    @pytest.mark.parametrize("end", [None, D(2025, 7, 1)])
    def test_district_rule_must_end_before_july_2025(self, gazetteer, end):
        """A rule for a pre-2025 district that runs past 30 June 2025 is reported."""
        district = LegacyDistrict(code="568", name="Thành phố Nha Trang", communes={"22366"})
        rule = authorization(region="568", valid_from=D(2025, 1, 1), valid_until=end)

        problems = CompetenceRules(districts=[district], authorizations=[rule]).problems(
            gazetteer=gazetteer
        )

        assert any(p.path == "authorizations[0].valid_until" for p in problems)
        assert all("2025-06-30" in p.message for p in problems if "district" in p.message)


class TestCatalogueExclusion:
    def test_catalogue_none_scope_refuses_with_its_note(self, catalog):
        """A catalogue entry with boundary_free 'none' is refused elsewhere, giving its note."""
        entry = attrs.evolve(
            catalog.get("1.004873"),
            boundary_free=BoundaryFreeScope.NONE,
            boundary_free_note="kept at the commune by Decision 9/QĐ-UBND (illustrative)",
        )
        resolver = CompetenceResolver(catalog=catalog)

        decision = resolver.can_receive(entry, "22333", "22366", at=D(2026, 3, 2))

        assert not decision
        assert "Decision 9/QĐ-UBND" in decision.reason
        assert resolver.can_receive(entry, "22366", "22366", at=D(2026, 3, 2))

    def test_exclusions_and_lists_are_checked_like_grants(self):
        """Boundary-free lists and exclusions type-check their fields too."""
        with pytest.raises(errors.InvalidValueError):
            BoundaryFreeList(id="b", valid_from="2025-10-01", reference=REF)
        with pytest.raises(errors.InvalidValueError):
            BoundaryFreeExclusion(
                id="x", scope=Scope({"1"}), reason=None, valid_from=D(2025, 1, 1), reference=REF
            )


class TestValidationConflicts:
    def test_authorizing_a_decentralized_competence_is_a_problem(self, catalog, gazetteer):
        """A seat that decentralized a competence may not also authorize it for the same case."""
        moved = Decentralization(
            id="d1",
            scope=Scope({"1.001193"}),
            grantor=Seat.parse("province/peoples_committee"),
            grantee=Seat.parse("commune/peoples_committee"),
            valid_from=D(2026, 1, 1),
            reference=REF,
        )
        ignored = authorization(
            scope=Scope({"1.001193"}),
            grantor=Seat.parse("province/peoples_committee"),
            grantee=Seat.parse("province/chairman"),
            region="56",
            valid_until=D(2026, 12, 31),
        )
        rules = CompetenceRules(decentralizations=[moved], authorizations=[ignored])

        problems = rules.problems(catalog=catalog, gazetteer=gazetteer)

        assert [p.path for p in problems] == ["authorizations[0].grantor"]
        assert "'d1'" in problems[0].message

    def test_rule_applying_before_its_instrument_was_issued_is_a_problem(self):
        """A grant cannot take effect before the instrument that makes it was issued."""
        early = authorization(
            reference=LegalReference("Decision 1/QĐ-UBND", issued_on=D(2026, 2, 1)),
            valid_until=D(2026, 12, 31),
        )

        problems = CompetenceRules(authorizations=[early]).problems()

        assert [p.path for p in problems] == ["authorizations[0].valid_from"]
        assert "2026-02-01" in problems[0].message


class TestTransferBasis:
    def test_before_july_2025_transfer_cites_decree_61_without_decree_118_articles(self, catalog):
        """Before 1 July 2025 a transfer names Decree 61/2018, not Decree 118's articles."""
        listed = BoundaryFreeList(
            id="b", region="56", scope=Scope({"1.001193"}), valid_from=D(2025, 1, 1), reference=REF
        )
        resolver = CompetenceResolver(CompetenceRules(boundary_free=[listed]), catalog=catalog)

        transfer = resolver.transfer("1.001193", "22333", "22366", at=D(2025, 3, 3))

        assert transfer.legal_basis.startswith("Decree 61/2018/NĐ-CP")
        assert "Art." not in transfer.legal_basis


class TestNamedSeats:
    def test_named_body_at_another_level_is_a_problem(self, gazetteer):
        """A seat naming the commune police as a provincial body is reported."""
        example = CompetenceRules.example_khanh_hoa()
        rule = authorization(
            scope=Scope({"2.001827"}),
            grantor=Seat.parse("province/peoples_committee"),
            grantee=Seat.parse("province/other@22366-cong-an"),
        )
        rules = attrs.evolve(example, authorizations=[rule])

        problems = rules.problems(gazetteer=gazetteer)

        assert [p.path for p in problems] == ["authorizations[0].grantee"]
        assert "commune level" in problems[0].message


class TestRuleDocumentReading:
    def test_unknown_keys_get_a_suggestion(self):
        """A misspelt rule key is reported at the rule with a 'did you mean'."""
        text = json.dumps({"decentralizations": [RULE | {"grantr": "x"}]})

        with pytest.raises(errors.ValidationError) as info:
            loads_rules(text, format="json")

        assert [str(p) for p in info.value.problems] == [
            "decentralizations[0]: unknown key: grantr (did you mean grantor?)"
        ]

    def test_each_item_that_is_not_a_string_is_named(self):
        """A procedure code that is not a string is reported at its index."""
        text = json.dumps({"decentralizations": [RULE | {"procedures": ["1.013225", 3]}]})

        with pytest.raises(errors.ValidationError) as info:
            loads_rules(text, format="json")

        assert [str(p) for p in info.value.problems] == [
            "decentralizations[0].procedures[1]: must be a string, got 3"
        ]

    def test_a_rule_file_with_a_byte_order_mark_loads(self, tmp_path):
        """A UTF-8 rule file starting with a byte-order mark loads."""
        path = tmp_path / "rules.toml"
        path.write_bytes(b"\xef\xbb\xbf" + b'title = "x"\n')

        assert load_rules(path) == CompetenceRules(title="x")
