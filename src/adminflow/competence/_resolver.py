"""The competence resolver: who decides a procedure in a unit on a day, and who may receive it.

The package docstring (:mod:`adminflow.competence`) describes the rules and their sources.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TypeVar

from adminflow.competence._answer import Competence
from adminflow.competence._boundary_free import (
    ReceiptDecision,
    Transfer,
    decide_receipt,
    plan_transfer,
)
from adminflow.competence._directory import AnyAuthority, AuthorityDirectory, DistrictAuthority
from adminflow.competence._model import (
    DISTRICT_LEVEL_ENDS,
    Grant,
    ScopeKey,
    Seat,
    as_day,
)
from adminflow.competence._protocols import (
    CatalogLike,
    GazetteerLike,
    ProcedureLike,
    check_authorities,
    check_catalog,
    check_gazetteer,
    province_of,
)
from adminflow.competence._rules import CompetenceRules
from adminflow.errors import (
    AmbiguousCompetenceError,
    InvalidValueError,
    NoCompetentAuthorityError,
    NotFoundError,
)
from adminflow.jurisdictions import (
    AdministrativeUnit,
    Authority,
    AuthorityKind,
    Level,
    authority_functions,
)

__all__ = ["CompetenceResolver"]


def _seat_of(procedure: ProcedureLike) -> Seat:
    """The seat a catalogue entry names: its level, authority kind and function."""
    function = getattr(procedure, "authority_function", None)
    return Seat(procedure.level, procedure.authority_kind, function=function)


_G = TypeVar("_G", bound=Grant)
#: Grants by (scope key, region): what one resolution looks up.
_Index = dict[tuple[ScopeKey, str | None], list[_G]]


def _index(grants: Iterable[_G]) -> _Index[_G]:
    index: _Index[_G] = defaultdict(list)
    # Sorted by value, not input order, so that answers never depend on the rules' order.
    for grant in sorted(grants, key=lambda g: (g.id, repr(g))):
        for key in grant.scope.index_keys():
            index[(key, grant.region)].append(grant)
    return dict(index)


def _version(catalog: CatalogLike, code: str, on: dt.date | None) -> ProcedureLike:
    """The catalogue version of ``code`` valid on ``on`` (a dated catalogue), else the nearest.

    A catalogue with dated versions (``Catalog.versions``) gives the version valid on the day;
    outside every window, the first version before its start and the last one after its end
    (the seat and field rarely change between versions; the resolver's rules decide).
    """
    versions = getattr(catalog, "versions", None)
    if versions is None:
        return catalog.get(code)
    found: tuple[ProcedureLike, ...] = versions(code)
    if on is not None:
        for version in found:
            if version.is_valid_on(on):  # type: ignore[attr-defined]
                return version
        start = getattr(found[0], "valid_from", None)
        if start is not None and on < start:
            return found[0]
    return found[-1]


class CompetenceResolver:
    """Answers who decides a procedure in a unit on a day, and who may receive it.

    Args:
        rules: The rule set; validated against the catalogue, gazetteer and directory first.
        catalog: The procedure catalogue (level, authority kind, field, boundary-free scope).
        gazetteer: Units and their provinces; :meth:`Gazetteer.vietnam()
            <adminflow.jurisdictions.Gazetteer.vietnam>` by default.
        authorities: Extra bodies (departments, vice-chairmen, ministries) besides the rules'.
        validate: Check the rules first (raise :class:`~adminflow.errors.ValidationError`).

    Examples:
        >>> resolver = CompetenceResolver(CompetenceRules.example_khanh_hoa())
        >>> c = resolver.resolve("1.013225", "22366", at=dt.date(2025, 9, 1))
        >>> c.deciding.name
        'Ủy ban nhân dân phường Nha Trang'
        >>> [g.id for g in c.chain]
        ['building-permit-decree-140-2025']
    """

    def __init__(
        self,
        rules: CompetenceRules | None = None,
        *,
        catalog: CatalogLike | None = None,
        gazetteer: GazetteerLike | None = None,
        authorities: Iterable[AnyAuthority] = (),
        validate: bool = True,
    ) -> None:
        if rules is None:
            rules = CompetenceRules()
        if not isinstance(rules, CompetenceRules):
            raise InvalidValueError("rules", rules, "must be a CompetenceRules")
        self.rules = rules
        catalog = check_catalog(catalog)
        gazetteer = check_gazetteer(gazetteer)
        extra = check_authorities(authorities, (Authority, DistrictAuthority))
        if not isinstance(validate, bool):
            raise InvalidValueError("validate", validate, "must be True or False")
        if gazetteer is None:
            from adminflow.jurisdictions import Gazetteer

            gazetteer = Gazetteer.vietnam()
        self.catalog = catalog
        self.gazetteer = gazetteer
        if validate:
            self.rules.validate(
                catalog=catalog,
                gazetteer=gazetteer,
                authorities=[a for a in extra if isinstance(a, Authority)],
            )
        self.directory = AuthorityDirectory(
            [*self.rules.authorities, *extra], gazetteer=gazetteer, districts=self.rules.districts
        )
        self._district_of = {c: d for d in self.rules.districts for c in d.communes}
        self._assignments = _index(self.rules.assignments)
        self._decentralizations = _index(self.rules.decentralizations)
        self._authorizations = _index(self.rules.authorizations)
        self._province: dict[str, str | None] = {}

    def _procedure(
        self, procedure: str | ProcedureLike, on: dt.date | None = None
    ) -> tuple[str, str | None, Seat | None, ProcedureLike | None]:
        if isinstance(procedure, str):
            if self.catalog is not None and procedure in self.catalog:
                found = _version(self.catalog, procedure, on)
                return procedure, found.field, _seat_of(found), found
            return procedure, None, None, None
        try:
            code, field = procedure.code, procedure.field
            seat = _seat_of(procedure)
        except (AttributeError, InvalidValueError):
            raise InvalidValueError(
                "procedure", procedure, "must be a procedure code (str) or a Procedure"
            ) from None
        if not isinstance(code, str):
            raise InvalidValueError("procedure.code", code, "must be a string")
        return code, field, seat, procedure

    def _unit(self, unit: str | AdministrativeUnit, field: str) -> str:
        """The code of a unit argument, which must be a unit the gazetteer knows."""
        code = unit.code if isinstance(unit, AdministrativeUnit) else unit
        if not isinstance(code, str):
            raise InvalidValueError(
                field, unit, "must be a unit code (str) or an AdministrativeUnit"
            )
        if code not in self.gazetteer:
            raise NotFoundError("administrative unit", code, hint=f"argument {field}")
        return code

    def province_of(self, unit_code: str) -> str | None:
        """The province code of a unit (cached), or ``None`` when it cannot be told.

        Raises:
            InvalidValueError: ``unit_code`` is not a string.
        """
        if not isinstance(unit_code, str):
            raise InvalidValueError("unit_code", unit_code, "must be a unit code (str)")
        if unit_code not in self._province:
            self._province[unit_code] = province_of(unit_code, self.gazetteer)
        return self._province[unit_code]

    def _regions(self, unit_code: str, on: dt.date) -> tuple[str | None, ...]:
        regions: list[str | None] = [None, unit_code]
        province = self.province_of(unit_code)
        if province is not None and province != unit_code:
            regions.append(province)
        district = self._district_of.get(unit_code)
        if district is not None and on < DISTRICT_LEVEL_ENDS:
            regions.append(district.code)
        return tuple(regions)

    def _candidates(
        self,
        index: _Index[_G],
        keys: Sequence[ScopeKey],
        regions: Sequence[str | None],
        on: dt.date,
    ) -> list[_G]:
        found: dict[int, _G] = {}
        for key in keys:
            for region in regions:
                for grant in index.get((key, region), ()):
                    if grant.is_in_force(on):
                        found[id(grant)] = grant
        return sorted(found.values(), key=lambda g: g.id)

    def _unit_at(self, seat: Seat, unit_code: str, on: dt.date) -> str:
        if seat.level is Level.CENTRAL:
            return ""
        if seat.level is Level.PROVINCE:
            province = self.province_of(unit_code)
            if province is None:
                raise NoCompetentAuthorityError(f"unknown province of unit {unit_code!r}")
            return province
        if seat.level is Level.DISTRICT:
            if on >= DISTRICT_LEVEL_ENDS:
                raise NoCompetentAuthorityError(
                    f"the competence rests with a {seat} on {on.isoformat()}, but district-level "
                    "government is no longer organised since 1 July 2025 (Resolution 203/2025/QH15 "
                    "amending the Constitution; Law 72/2025/QH15); "
                    "add the decentralization that moved it"
                )
            district = self._district_of.get(unit_code)
            if district is None:
                raise NoCompetentAuthorityError(
                    f"no district is known for unit {unit_code!r} before 1 July 2025: add it to "
                    "the rules' districts"
                )
            return district.code
        if len(unit_code) != 5:
            raise NoCompetentAuthorityError(
                f"a {seat} is competent but unit {unit_code!r} is not a commune-level unit"
            )
        return unit_code

    def _body(self, seat: Seat, unit_code: str, on: dt.date) -> AnyAuthority:
        """The body that holds ``seat`` for a dossier of ``unit_code``.

        A unit has several bodies of some kinds (departments, specialised offices, other
        bodies, ministries; :attr:`AuthorityKind.needs_function`): for those the seat must
        name a function or an id, and the body is the listed one carrying that function,
        never "the only body of that kind" listed (Decree 150/2025/NĐ-CP organises a
        province's departments and a commune's offices by field).
        """
        if seat.authority_id is not None:
            try:
                return self.directory.get(seat.authority_id)
            except NotFoundError:
                raise NoCompetentAuthorityError(
                    f"unknown authority {seat.authority_id!r}"
                ) from None
        place = self._unit_at(seat, unit_code, on)
        where = repr(place) if place else "the central level"
        if seat.kind.needs_function and seat.function is None:
            raise NoCompetentAuthorityError(
                f"a {seat} is competent, but a unit has several bodies of kind {seat.kind}: "
                "name the body's function (the procedure's authority_function, or "
                f"'{seat.level}/{seat.kind}:<function>' in the rules) or its id"
            )
        if seat.kind is AuthorityKind.VICE_CHAIRMAN:
            raise NoCompetentAuthorityError(
                f"a {seat} is competent, but a People's Committee has several vice-chairmen: "
                "name one in the rules (level/vice_chairman@authority-id)"
            )
        found = self.directory.find(place, seat.kind, seat.function)
        if not found and seat.function is not None:
            known = authority_functions().get(seat.function)
            label = f"{seat.function!r} ({known.name})" if known else repr(seat.function)
            raise NoCompetentAuthorityError(
                f"the function {label} is missing from the authority directory: no "
                f"{seat.kind} carrying it is listed for {where}; list the body in the "
                f"authorities with function = {seat.function!r}"
            )
        if not found:
            raise NoCompetentAuthorityError(
                f"no {seat.kind} is known for {where}: list it in the authorities"
            )
        if len(found) > 1:
            raise AmbiguousCompetenceError(
                f"{len(found)} bodies of kind {seat.kind}"
                f"{f' with function {seat.function!r}' if seat.function else ''} serve "
                f"{where}; name one in the rules (level/kind@authority-id)",
                found,
            )
        return found[0]

    def _matches(self, grantor: Seat, holder: Seat, unit_code: str, on: dt.date) -> bool:
        """Whether a grant from ``grantor`` applies to the competence held by ``holder``."""
        if (grantor.level, grantor.kind) != (holder.level, holder.kind):
            return False
        if grantor.function and holder.function and grantor.function != holder.function:
            return False
        if grantor.authority_id is None and (grantor.function is None or holder.function):
            return True
        if grantor.authority_id is not None and holder.authority_id is not None:
            return grantor.authority_id == holder.authority_id
        try:
            body = self._body(holder, unit_code, on)
        except (NoCompetentAuthorityError, AmbiguousCompetenceError):
            return False
        if grantor.authority_id is not None:
            return body.id == grantor.authority_id
        return getattr(body, "function", None) == grantor.function

    def _single(self, grants: list[_G], what: str, code: str, unit_code: str) -> _G | None:
        if len(grants) > 1:
            raise AmbiguousCompetenceError(
                f"{len(grants)} {what} apply to {code} in {unit_code}: "
                f"{', '.join(g.id for g in grants)}",
                grants,
            )
        return grants[0] if grants else None

    def resolve(
        self,
        procedure: str | ProcedureLike,
        unit: str | AdministrativeUnit,
        *,
        at: dt.date | dt.datetime,
    ) -> Competence:
        """Who decides ``procedure`` for a dossier of ``unit`` received at ``at``.

        Args:
            procedure: A procedure code (looked up in the catalogue) or a procedure.
            unit: The unit the dossier belongs to (its code or the unit).
            at: The receipt date (or an instant, taken in Vietnam time).

        Raises:
            NoCompetentAuthorityError: Nobody is competent (unknown procedure without an
                assignment, district competence after 1 July 2025, unknown body, ...).
            AmbiguousCompetenceError: Several rules or bodies compete (``.candidates``).
            InvalidValueError: An argument has the wrong type, or ``at`` is a naive datetime.
            NotFoundError: The gazetteer does not know ``unit``.
        """
        on = as_day("at", at)
        unit_code = self._unit(unit, "unit")
        code, field, seat, _ = self._procedure(procedure, on)
        keys: list[ScopeKey] = [("procedure", code)]
        if field is not None:
            keys.append(("field", field))
        regions = self._regions(unit_code, on)
        chain: list[Grant] = []  # the assignment, decentralizations, an authorization

        assigned = self._candidates(self._assignments, keys, regions, on)
        if len({a.holder for a in assigned}) > 1:
            self._single(assigned, "assignments", code, unit_code)  # raises: ambiguous
        if assigned:
            seat = assigned[0].holder
            chain.append(assigned[0])
        if seat is None:
            raise NoCompetentAuthorityError(
                f"procedure {code!r} is not in the catalogue and no assignment covers it"
            )

        decentralizations = self._candidates(self._decentralizations, keys, regions, on)
        seen = {seat}
        while decentralizations:
            moving = [d for d in decentralizations if self._matches(d.grantor, seat, unit_code, on)]
            step = self._single(moving, "decentralizations", code, unit_code)
            if step is None or step.grantee in seen:
                break
            chain.append(step)
            seat = step.grantee
            seen.add(seat)
            if not step.allows_onward:
                break

        acting_seat = seat
        authorizations = [
            a
            for a in self._candidates(self._authorizations, keys, regions, on)
            if self._matches(a.grantor, seat, unit_code, on)
        ]
        authorization = self._single(authorizations, "authorizations", code, unit_code)
        if authorization is not None:
            chain.append(authorization)
            acting_seat = authorization.grantee

        deciding = self._body(seat, unit_code, on)
        acting = deciding if acting_seat == seat else self._body(acting_seat, unit_code, on)
        return Competence(code, unit_code, on, deciding, acting, seat.level, tuple(chain))

    def can_receive(
        self,
        procedure: str | ProcedureLike,
        receiving_unit: str | AdministrativeUnit,
        subject_unit: str | AdministrativeUnit,
        *,
        at: dt.date | dt.datetime,
    ) -> ReceiptDecision:
        """Whether a One-Stop Unit of ``receiving_unit`` may receive this dossier, and why.

        The result is truthy when receipt is allowed; its ``reason`` says why in words and
        ``legal_basis`` names the provisions (Decree 118/2025/NĐ-CP Art. 3(6)-(7), 14(2),
        14(4) as added by Decree 309/2026/NĐ-CP Art. 7).

        Raises:
            InvalidValueError: An argument has the wrong type, or ``at`` is a naive datetime.
            NotFoundError: The gazetteer does not know one of the units.
        """
        on = as_day("at", at)
        receiving = self._unit(receiving_unit, "receiving_unit")
        subject = self._unit(subject_unit, "subject_unit")
        return decide_receipt(self, procedure, receiving, subject, on)

    def transfer(
        self,
        procedure: str | ProcedureLike,
        receiving_unit: str | AdministrativeUnit,
        subject_unit: str | AdministrativeUnit,
        *,
        at: dt.date | dt.datetime,
    ) -> Transfer:
        """Where a dossier received at ``receiving_unit`` must go, how fast, and the clock rule.

        Raises:
            InvalidValueError: The receiving unit may not receive this dossier (the message
                gives the refusal's reason), or an argument is malformed.
            NotFoundError: The gazetteer does not know one of the units.
        """
        decision = self.can_receive(procedure, receiving_unit, subject_unit, at=at)
        receiving = self._unit(receiving_unit, "receiving_unit")
        same_level = False
        if decision.competence is not None and receiving in self.gazetteer:
            same_level = self.gazetteer.unit(receiving).level == decision.competence.acting.level
        return plan_transfer(decision, receiving, as_day("at", at), same_level=same_level)
