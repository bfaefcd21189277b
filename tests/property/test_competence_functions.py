"""Property tests: competent bodies of kinds a unit has several of are found by function only,
and every accepted authorization is an edge the law names."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from adminflow import errors
from adminflow.competence import (
    Authorization,
    CompetenceResolver,
    CompetenceRules,
    LegalReference,
    Scope,
    Seat,
)
from adminflow.jurisdictions import Authority, AuthorityKind, Level, authority_functions
from adminflow.procedures import Catalog, Procedure

CATALOG = Catalog.sample()
GENERIC = [k for k in AuthorityKind if k.needs_function and k is not AuthorityKind.MINISTRY]
FUNCTIONS = sorted(authority_functions())
_PLACE = {Level.PROVINCE: "56", Level.COMMUNE: "22366"}


@st.composite
def directories(draw):
    """A few bodies of generic kinds in Khánh Hòa or Phường Nha Trang, some with a function."""
    bodies = []
    for i in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(GENERIC))
        level = draw(st.sampled_from([Level.PROVINCE, Level.COMMUNE]))
        candidates = [f for f in FUNCTIONS if authority_functions()[f].fits(kind, level)]
        function = draw(st.none() | st.sampled_from(candidates)) if candidates else None
        bodies.append(Authority(f"b{i}", f"Body {i}", kind, _PLACE[level], function=function))
    return bodies


def procedure(kind, level, function):
    base = CATALOG.get("1.001612")
    return Procedure(
        base.code,
        base.name,
        base.field,
        level,
        kind,
        base.processing_time,
        base.channels,
        online_service=base.online_service,
        authority_function=function,
    )


class TestBodiesByFunction:
    @given(
        directories(),
        st.sampled_from(GENERIC),
        st.sampled_from([Level.PROVINCE, Level.COMMUNE]),
        st.data(),
    )
    def test_the_decider_carries_the_named_function_or_none_is_found(
        self, bodies, kind, level, data
    ):
        """A decider of a generic kind always carries the procedure's function; else refused."""
        fitting = [f for f in FUNCTIONS if authority_functions()[f].fits(kind, level)]
        function = data.draw(st.none() | st.sampled_from(fitting)) if fitting else None
        resolver = CompetenceResolver(CompetenceRules(authorities=bodies))

        carriers = [
            b
            for b in bodies
            if function and (b.kind, b.level, b.function) == (kind, level, function)
        ]
        try:
            competence = resolver.resolve(
                procedure(kind, level, function), "22366", at=dt.date(2026, 9, 1)
            )
        except errors.NoCompetentAuthorityError as error:
            refusal = str(error)
            competence = None
        except errors.AmbiguousCompetenceError:
            refusal, competence = "ambiguous", None

        if competence is None:
            assert len(carriers) != 1
            assert function is None or refusal == "ambiguous" or repr(function) in refusal
        else:
            assert competence.deciding in carriers


SEATS = [
    Seat(level, kind)
    for level in (Level.CENTRAL, Level.PROVINCE, Level.COMMUNE)
    for kind in AuthorityKind
    if (kind is AuthorityKind.MINISTRY) == (level is Level.CENTRAL)
]
ARTICLE_14 = {
    ("province/peoples_committee", "province/chairman"),
    ("province/peoples_committee", "province/department"),
    ("province/peoples_committee", "province/other"),
    ("province/peoples_committee", "province/service_centre"),
    ("province/peoples_committee", "commune/peoples_committee"),
    ("province/peoples_committee", "commune/chairman"),
    ("province/chairman", "province/department"),
    ("province/chairman", "province/other"),
    ("province/chairman", "province/service_centre"),
    ("province/chairman", "commune/chairman"),
    ("province/department", "commune/peoples_committee"),
    ("province/department", "commune/chairman"),
    ("province/department", "province/service_centre"),
    ("province/other", "commune/peoples_committee"),
    ("province/other", "commune/chairman"),
    ("province/other", "province/service_centre"),
    ("commune/peoples_committee", "commune/chairman"),
    ("commune/peoples_committee", "commune/specialised_office"),
    ("commune/peoples_committee", "commune/other"),
    ("commune/peoples_committee", "commune/service_centre"),
    ("commune/chairman", "commune/specialised_office"),
    ("commune/chairman", "commune/other"),
    ("commune/chairman", "commune/service_centre"),
    ("commune/chairman", "commune/civil_servant"),
    ("commune/specialised_office", "commune/service_centre"),
    ("commune/other", "commune/service_centre"),
    ("central/ministry", "province/peoples_committee"),
    ("central/ministry", "province/chairman"),
}


class TestWhoMayAuthorizeWhom:
    @given(st.sampled_from(SEATS), st.sampled_from(SEATS))
    def test_an_authorization_is_accepted_exactly_when_the_law_names_the_edge(
        self, grantor, grantee
    ):
        """Validation accepts exactly the edges of Law 72/2025 Art. 14(1), Law 63/2025 Art. 9(2)
        and Decree 118/2025 Art. 8(1)(c), 17(5)."""
        rule = Authorization(
            id="a",
            scope=Scope({"1.001776"}),
            region="22366",
            grantor=grantor,
            grantee=grantee,
            valid_from=dt.date(2026, 1, 1),
            valid_until=dt.date(2026, 12, 31),
            reference=LegalReference("Decision 1/QĐ-UBND"),
        )

        problems = CompetenceRules(authorizations=[rule]).problems()

        assert (not problems) == ((str(grantor), str(grantee)) in ARTICLE_14)
