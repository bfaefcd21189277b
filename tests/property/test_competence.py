"""Properties of competence resolution and rule validation."""

import contextlib
import datetime as dt
import json

import attrs
import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from adminflow import errors
from adminflow.competence import (
    Authorization,
    CompetenceResolver,
    CompetenceRules,
    Decentralization,
    LegalReference,
    Scope,
    Seat,
    classify_online_service,
    dumps_rules,
    loads_rules,
)
from adminflow.jurisdictions import Gazetteer
from adminflow.procedures import Catalog
from adminflow.testing import competence_rules, valid_competence_rules
from adminflow.testing._competence import SAMPLE_CODES

CATALOG = Catalog.sample()
GAZETTEER = Gazetteer.vietnam()
UNITS = ("22366", "22333", "22390", "00070", "56")
#: The query units that lie in each region the strategies draw.
UNITS_IN = {
    None: UNITS,
    "56": ("22366", "22333", "22390", "56"),
    "01": ("00070",),
    "22366": ("22366",),
    "22333": ("22333",),
    "00070": ("00070",),
}
queries = st.tuples(
    st.sampled_from(SAMPLE_CODES),
    st.sampled_from(UNITS),
    st.dates(dt.date(2024, 1, 1), dt.date(2029, 12, 31)),
)


@st.composite
def aimed_query(draw, grant):
    """A (code, unit, day) triple inside the grant's scope, region and window."""
    codes = sorted(
        code for code in SAMPLE_CODES if grant.scope.covers(code, CATALOG.versions(code)[0].field)
    )
    end = grant.valid_until or grant.valid_from + dt.timedelta(days=900)
    return (
        draw(st.sampled_from(codes)),
        draw(st.sampled_from(UNITS_IN[grant.region])),
        draw(st.dates(grant.valid_from, max(end, grant.valid_from))),
    )


def queries_for(rules, *, max_size=5):
    """Queries mostly aimed at the rules' grants (so that they apply), plus random ones."""
    grants = [*rules.decentralizations, *rules.authorizations]
    aimed = st.sampled_from(grants).flatmap(aimed_query) if grants else queries
    return st.lists(st.one_of(aimed, aimed, queries), min_size=1, max_size=max_size)


def outcome(resolver, code, unit, on):
    """The answer as comparable data: the competence, or the error's type."""
    try:
        return resolver.resolve(code, unit, at=on)
    except errors.CompetenceError as exc:
        return type(exc).__name__


def reordered(rules, data):
    return CompetenceRules(
        decentralizations=data.draw(st.permutations(rules.decentralizations)),
        authorizations=data.draw(st.permutations(rules.authorizations)),
    )


class TestResolutionProperties:
    @given(competence_rules(), st.data())
    def test_deterministic_and_independent_of_rule_order(self, rules, data):
        """Shuffling the rules never changes any answer, and asking twice gives the same."""
        triples = data.draw(queries_for(rules))
        first = CompetenceResolver(rules, catalog=CATALOG, gazetteer=GAZETTEER, validate=False)
        second = CompetenceResolver(
            reordered(rules, data), catalog=CATALOG, gazetteer=GAZETTEER, validate=False
        )

        for code, unit, on in triples:
            assert outcome(first, code, unit, on) == outcome(second, code, unit, on)
            assert outcome(first, code, unit, on) == outcome(first, code, unit, on)

    @given(competence_rules(), st.data())
    def test_grants_apply_only_inside_scope_window_and_region(self, rules, data):
        """Every grant in an answer's chain covers the procedure, the day and the unit."""
        triples = data.draw(queries_for(rules))
        resolver = CompetenceResolver(rules, catalog=CATALOG, gazetteer=GAZETTEER, validate=False)

        for code, unit, on in triples:
            answer = outcome(resolver, code, unit, on)
            if isinstance(answer, str):
                continue
            field = CATALOG.versions(code)[0].field
            if answer.authorization is None:
                assert answer.acting == answer.deciding
            for grant in answer.chain:
                assert grant.scope.covers(code, field)
                assert grant.is_in_force(on)
                assert grant.region in (None, unit, resolver.province_of(unit))

    @given(valid_competence_rules(catalog=CATALOG, gazetteer=GAZETTEER), st.data())
    @settings(max_examples=40)
    def test_validated_rules_never_raise_ambiguous(self, rules, data):
        """A rule set without problems never yields an ambiguous answer."""
        triples = data.draw(queries_for(rules, max_size=8))
        resolver = CompetenceResolver(rules, catalog=CATALOG, gazetteer=GAZETTEER)

        for code, unit, on in triples:
            assert outcome(resolver, code, unit, on) != "AmbiguousCompetenceError"

    @given(
        competence_rules(),
        st.data(),
        st.sampled_from([Decentralization, Authorization]),
        st.sampled_from(["other procedure", "other province", "before every query"]),
    )
    def test_unrelated_rule_never_changes_an_answer(self, rules, data, kind, unrelated):
        """A rule for another procedure, another province or another period changes no answer."""
        triples = data.draw(queries_for(rules))
        start = data.draw(st.dates(dt.date(2024, 1, 1), dt.date(2029, 12, 31)))
        scope, region = Scope({data.draw(st.sampled_from(SAMPLE_CODES))}), "22366"
        if unrelated == "other procedure":
            scope = Scope({"9.999999"})
        elif unrelated == "other province":
            region = "79"  # Hồ Chí Minh City: no queried unit lies in it
        else:
            start = dt.date(2020, 1, 1)  # ends on 31 Dec 2020, before every queried day
        extra = kind(
            id="unrelated",
            scope=scope,
            region=region,
            valid_from=start,
            valid_until=start + dt.timedelta(days=365),
            reference=LegalReference("Decision 0/QĐ-UBND"),
            grantor=Seat.parse("commune/peoples_committee"),
            grantee=Seat.parse("commune/chairman"),
        )
        name = "decentralizations" if kind is Decentralization else "authorizations"
        more = attrs.evolve(rules, **{name: (*getattr(rules, name), extra)})
        before = CompetenceResolver(rules, catalog=CATALOG, gazetteer=GAZETTEER, validate=False)
        after = CompetenceResolver(more, catalog=CATALOG, gazetteer=GAZETTEER, validate=False)

        for code, unit, on in triples:
            assert outcome(before, code, unit, on) == outcome(after, code, unit, on)


_anything = st.one_of(
    st.none(),
    st.integers(),
    st.text(max_size=6),
    st.sampled_from([*SAMPLE_CODES, *UNITS, "568", "", "99999"]),
    st.dates(),
    st.datetimes(),
    st.datetimes(timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=14))])),
    st.lists(st.integers(), max_size=2),
)
EXAMPLE = CompetenceResolver(CompetenceRules.example_khanh_hoa(), catalog=CATALOG)


class TestArgumentFuzzing:
    @given(_anything, _anything, _anything, _anything)
    def test_public_calls_raise_only_adminflow_errors(self, procedure, unit, other, at):
        """Whatever the arguments, resolve/can_receive/transfer raise only adminflow errors."""
        calls = [
            lambda: EXAMPLE.resolve(procedure, unit, at=at),
            lambda: EXAMPLE.can_receive(procedure, other, unit, at=at),
            lambda: EXAMPLE.transfer(procedure, other, unit, at=at),
            lambda: classify_online_service(procedure, on=at),
        ]

        for call in calls:
            with contextlib.suppress(errors.AdminflowError):
                call()

    @given(
        st.sampled_from(
            ["title", "assignments", "decentralizations", "authorizations", "districts"]
        ),
        _anything,
        _anything,
        _anything,
    )
    def test_rule_objects_raise_only_adminflow_errors(self, name, first, second, third):
        """Rule sets, seats, scopes and references built from garbage raise InvalidValueError."""
        calls = [
            lambda: CompetenceRules(**{name: first}),
            lambda: Seat(first, second, third),
            lambda: Scope(first, second),
            lambda: LegalReference(first, second, third),
            lambda: authorization_with(first, second, third),
        ]

        for call in calls:
            with contextlib.suppress(errors.InvalidValueError):
                call()


def authorization_with(scope, region, valid_from):
    return Authorization(
        id="a",
        scope=scope,
        region=region,
        grantor=Seat.parse("commune/chairman"),
        grantee=Seat.parse("commune/service_centre"),
        valid_from=valid_from,
        valid_until=valid_from,
        reference=LegalReference("x"),
    )


def answers(rules, triples, *, validate):
    resolver = CompetenceResolver(rules, catalog=CATALOG, gazetteer=GAZETTEER, validate=validate)
    return [outcome(resolver, code, unit, on) for code, unit, on in triples]


def with_queries(rules_strategy):
    return rules_strategy.flatmap(lambda rules: st.tuples(st.just(rules), queries_for(rules)))


class TestStrategiesReachTheRules:
    """The properties above are not vacuous: the strategies make grants apply and compete."""

    @pytest.mark.parametrize("kind", [Decentralization, Authorization])
    def test_valid_rule_sets_yield_answers_through_each_kind_of_grant(self, kind):
        """Some validated rule set and aimed query resolve through a grant of each kind."""

        def applies(example):
            rules, triples = example
            return any(
                not isinstance(answer, str) and any(isinstance(g, kind) for g in answer.chain)
                for answer in answers(rules, triples, validate=True)
            )

        find(
            with_queries(valid_competence_rules(catalog=CATALOG, gazetteer=GAZETTEER)),
            applies,
            settings=settings(
                max_examples=1000, database=None, phases=[Phase.generate], derandomize=True
            ),
        )

    def test_unvalidated_rule_sets_can_be_ambiguous(self):
        """Unchecked rule sets do give ambiguous answers, so "never ambiguous" means something."""

        def ambiguous(example):
            rules, triples = example
            return "AmbiguousCompetenceError" in answers(rules, triples, validate=False)

        find(
            with_queries(competence_rules()),
            ambiguous,
            settings=settings(
                max_examples=500, database=None, phases=[Phase.generate], derandomize=True
            ),
        )


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
_REQUIRED = ("id", "grantor", "grantee", "valid_from", "reference")
_KEYS = (
    "id",
    "grantor",
    "grantee",
    "valid_from",
    "valid_until",
    "reference",
    "region",
    "procedures",
)


class TestDocumentProperties:
    @given(competence_rules(downward=True))
    def test_dump_then_load_gives_the_same_rules(self, rules):
        """TOML and JSON round trips keep the rules unchanged (loading without checks)."""
        for fmt in ("toml", "json"):
            assert loads_rules(dumps_rules(rules, format=fmt), format=fmt, validate=False) == rules

    @given(
        st.dictionaries(
            st.sampled_from(
                ["title", "decentralizations", "authorizations", "authorities", "exclusions", "x"]
            ),
            _json,
            max_size=3,
        )
    )
    def test_arbitrary_documents_give_rules_or_validation_error(self, document):
        """Any JSON document either loads or raises ValidationError, never another exception."""
        with contextlib.suppress(errors.ValidationError):
            loads_rules(json.dumps(document), format="json")

    @given(valid_competence_rules(), st.data())
    @settings(max_examples=40)
    def test_broken_documents_always_give_validation_error(self, rules, data):
        """Dropping, corrupting, over-nesting or adding a key in a valid document is reported."""
        document = json.loads(dumps_rules(rules, format="json"))
        lists = [name for name in ("decentralizations", "authorizations") if document.get(name)]
        if not lists:
            document["authorizations"] = [{"id": "a"}]
        else:
            name = data.draw(st.sampled_from(lists))
            entry = data.draw(st.sampled_from(document[name]))
            key = data.draw(st.sampled_from([k for k in _KEYS if k in entry]))
            damage = data.draw(st.sampled_from(["drop", "value", "nest", "unknown", "table"]))
            if damage == "drop" and key in _REQUIRED:
                del entry[key]
            elif damage == "nest":  # a value one level too deep
                entry[key] = {key: entry[key]}
            elif damage == "unknown":
                entry[data.draw(st.sampled_from(["scope", "holder_id", "valid_to", "Id"]))] = "x"
            elif damage == "table":  # an array of tables written as a single table
                document[name] = entry
            else:
                bad = [3, [1], {"a": 1}]
                if key in ("grantor", "grantee", "valid_from", "valid_until"):
                    bad.append("nonsense/words")
                entry[key] = data.draw(st.sampled_from(bad))

        with pytest.raises(errors.ValidationError):
            loads_rules(json.dumps(document), format="json")
