"""Hypothesis strategies for competence rules (thẩm quyền): seats, grants and rule sets.

The defaults draw over the sample catalogue's procedure codes and fields and a few real units
of Khánh Hòa (56) and Hà Nội (01); pass your own lists to draw over your data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import attrs
from hypothesis import strategies as st

from adminflow.competence import (
    Assignment,
    Authorization,
    CompetenceRules,
    Decentralization,
    LegalReference,
    Scope,
    Seat,
)
from adminflow.competence._protocols import CatalogLike, GazetteerLike
from adminflow.jurisdictions import AuthorityKind, Level

__all__ = [
    "authorizations",
    "competence_rules",
    "decentralizations",
    "seats",
    "valid_competence_rules",
]

#: Procedure codes and fields of the sample catalogue (kept literal: no I/O at import time).
SAMPLE_CODES = (
    "1.001193",
    "1.000656",
    "1.004873",
    "2.000815",
    "2.000884",
    "1.013225",
    "1.001776",
    "3.000333",
)
SAMPLE_FIELDS = ("Hộ tịch", "Chứng thực", "Hoạt động xây dựng")
#: Regions used by default: the whole country, two provinces and three communes.
SAMPLE_REGIONS: tuple[str | None, ...] = (None, "56", "22366", "22333", "01", "00070")

#: The seats that hold the sample procedures (commune People's Committee and chairman).
_SAMPLE_HOLDERS = (
    Seat(Level.COMMUNE, AuthorityKind.PEOPLES_COMMITTEE),
    Seat(Level.COMMUNE, AuthorityKind.CHAIRMAN),
)
_KINDS = (AuthorityKind.PEOPLES_COMMITTEE, AuthorityKind.CHAIRMAN, AuthorityKind.SERVICE_CENTRE)
_START = dt.date(2024, 1, 1)
_END = dt.date(2028, 12, 31)


def seats(
    *,
    levels: Sequence[Level] = (Level.PROVINCE, Level.COMMUNE),
    kinds: Sequence[AuthorityKind] = _KINDS,
) -> st.SearchStrategy[Seat]:
    """Seats (a kind of body at a level) without a named body."""
    return st.builds(Seat, st.sampled_from(levels), st.sampled_from(kinds))


def _scopes(codes: Sequence[str], fields: Sequence[str]) -> st.SearchStrategy[Scope]:
    by_code = st.builds(
        Scope,
        st.frozensets(st.sampled_from(codes), min_size=1, max_size=2),
        st.frozensets(st.sampled_from(fields), max_size=1) if fields else st.just(frozenset()),
    )
    if not fields:
        return by_code
    by_field = st.builds(
        Scope, st.just(frozenset()), st.frozensets(st.sampled_from(fields), min_size=1, max_size=1)
    )
    return st.one_of(by_code, by_field)


@st.composite
def _pair(draw: st.DrawFn, *, downward: bool) -> tuple[Seat, Seat]:
    """A grantor and a grantee; with ``downward`` the grantee is strictly below the grantor."""
    pool = [Seat(level, kind) for level in (Level.PROVINCE, Level.COMMUNE) for kind in _KINDS]
    if not downward:
        return draw(st.sampled_from(pool)), draw(st.sampled_from(pool))
    # Half the time the grantor holds most sample procedures, so that grants often apply.
    above = [s for s in pool if any(s.is_above(t) for t in pool)]
    grantor = draw(st.sampled_from(_SAMPLE_HOLDERS) | st.sampled_from(above))
    return grantor, draw(st.sampled_from([t for t in pool if grantor.is_above(t)]))


@st.composite
def _window(draw: st.DrawFn, *, open_ended: bool) -> tuple[dt.date, dt.date | None]:
    start = draw(st.dates(_START, _END))
    if open_ended and draw(st.booleans()):
        return start, None
    return start, start + dt.timedelta(days=draw(st.integers(0, 900)))


def _reference() -> st.SearchStrategy[LegalReference]:
    return st.builds(
        LegalReference,
        st.sampled_from(["Decree 140/2025/NĐ-CP", "Decision 1/QĐ-UBND", "Law 72/2025/QH15"]),
        article=st.sampled_from([None, "Art. 4(1)", "Art. 14(1)"]),
    )


def _grant_fields(
    draw: st.DrawFn,
    procedure_codes: Sequence[str],
    fields: Sequence[str],
    regions: Sequence[str | None],
    *,
    downward: bool,
    open_ended: bool,
) -> dict[str, Any]:
    """The keyword arguments shared by a drawn decentralization and authorization."""
    grantor, grantee = draw(_pair(downward=downward))
    start, end = draw(_window(open_ended=open_ended))
    return {
        "scope": draw(_scopes(procedure_codes, fields)),
        "region": draw(st.sampled_from(regions)),
        "grantor": grantor,
        "grantee": grantee,
        "valid_from": start,
        "valid_until": end,
        "reference": draw(_reference()),
    }


@st.composite
def decentralizations(
    draw: st.DrawFn,
    *,
    procedure_codes: Sequence[str] = SAMPLE_CODES,
    fields: Sequence[str] = SAMPLE_FIELDS,
    regions: Sequence[str | None] = SAMPLE_REGIONS,
    downward: bool = True,
) -> Decentralization:
    """Decentralizations (phân cấp); with ``downward`` the grantee is below the grantor."""
    return Decentralization(
        id=f"d-{draw(st.integers(0, 10**6))}",
        **_grant_fields(draw, procedure_codes, fields, regions, downward=downward, open_ended=True),
    )


@st.composite
def authorizations(
    draw: st.DrawFn,
    *,
    procedure_codes: Sequence[str] = SAMPLE_CODES,
    fields: Sequence[str] = SAMPLE_FIELDS,
    regions: Sequence[str] = tuple(r for r in SAMPLE_REGIONS if r is not None),
    downward: bool = True,
) -> Authorization:
    """Authorizations (ủy quyền), each with an end date and a region."""
    return Authorization(
        id=f"a-{draw(st.integers(0, 10**6))}",
        **_grant_fields(
            draw, procedure_codes, fields, regions, downward=downward, open_ended=False
        ),
    )


def _unique_ids(rules: CompetenceRules) -> CompetenceRules:
    """The rules with ids ``d0, d1, ...`` and ``a0, a1, ...`` (drawn ids may collide)."""
    return CompetenceRules(
        decentralizations=[
            attrs.evolve(d, id=f"d{i}") for i, d in enumerate(rules.decentralizations)
        ],
        authorizations=[attrs.evolve(a, id=f"a{i}") for i, a in enumerate(rules.authorizations)],
    )


@st.composite
def competence_rules(
    draw: st.DrawFn,
    *,
    procedure_codes: Sequence[str] = SAMPLE_CODES,
    fields: Sequence[str] = SAMPLE_FIELDS,
    max_rules: int = 6,
    downward: bool = True,
) -> CompetenceRules:
    """Rule sets of decentralizations and authorizations; not necessarily valid."""
    decs = draw(
        st.lists(
            decentralizations(procedure_codes=procedure_codes, fields=fields, downward=downward),
            max_size=max_rules,
        )
    )
    auths = draw(
        st.lists(
            authorizations(procedure_codes=procedure_codes, fields=fields, downward=downward),
            max_size=max_rules,
        )
    )
    return _unique_ids(CompetenceRules(decentralizations=decs, authorizations=auths))


@st.composite
def valid_competence_rules(
    draw: st.DrawFn,
    *,
    procedure_codes: Sequence[str] = SAMPLE_CODES,
    fields: Sequence[str] = SAMPLE_FIELDS,
    max_rules: int = 6,
    catalog: CatalogLike | None = None,
    gazetteer: GazetteerLike | None = None,
) -> CompetenceRules:
    """Rule sets without problems: rules are drawn one by one and kept only if still valid.

    Pass the ``catalog`` and ``gazetteer`` you will resolve with, so that field-versus-code
    and commune-versus-province overlaps are caught too.
    """
    candidates = draw(
        competence_rules(procedure_codes=procedure_codes, fields=fields, max_rules=max_rules)
    )
    kept = CompetenceRules()
    if draw(st.booleans()):
        # Only provincial bodies decentralize (Law 72/2025/QH15 Art. 13(1)): an assignment to
        # a provincial seat gives drawn decentralizations something to move.
        provincial = [
            d
            for d in candidates.decentralizations
            if d.grantor.level is Level.PROVINCE and d.scope.procedures
        ]
        holder = Seat(Level.PROVINCE, AuthorityKind.PEOPLES_COMMITTEE)
        code = draw(st.sampled_from(procedure_codes))
        if provincial:
            holder, code = provincial[0].grantor, min(provincial[0].scope.procedures)
        assigned = Assignment(
            id="s0",
            scope=Scope(frozenset({code})),
            holder=holder,
            valid_from=_START,
            reference=LegalReference("Decree 151/2025/NĐ-CP", article="Art. 5(1)"),
        )
        trial = attrs.evolve(kept, assignments=(assigned,))
        if not trial.problems(catalog=catalog, gazetteer=gazetteer):
            kept = trial
    for kind in ("decentralizations", "authorizations"):
        for rule in getattr(candidates, kind):
            more: dict[str, Any] = {kind: (*getattr(kept, kind), rule)}
            trial = attrs.evolve(kept, **more)
            if not trial.problems(catalog=catalog, gazetteer=gazetteer):
                kept = trial
    return kept
