"""Validation of competence rule sets: every problem at once.

Private module used by :meth:`adminflow.competence.CompetenceRules.problems`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from adminflow.competence._model import (
    DISTRICT_LEVEL_ENDS,
    Assignment,
    Authorization,
    BoundaryFreeExclusion,
    BoundaryFreeList,
    Decentralization,
    Grant,
    LegacyDistrict,
    ScopeKey,
    Seat,
)
from adminflow.competence._protocols import CatalogLike, GazetteerLike, province_of
from adminflow.errors import Problem
from adminflow.jurisdictions import Authority, AuthorityKind, Level, authority_functions

__all__ = ["Validator"]


_LAW_SUBDELEGATION = (
    "Law 63/2025/QH15 Art. 9(6); Law 72/2025/QH15 Art. 14 (article number from secondary sources)"
)
_LAW_ONWARD = "Law 72/2025/QH15 Art. 13 (article number from secondary sources)"


class RuleSet(Protocol):
    """The parts of a :class:`~adminflow.competence.CompetenceRules` that validation reads."""

    @property
    def assignments(self) -> tuple[Assignment, ...]: ...
    @property
    def decentralizations(self) -> tuple[Decentralization, ...]: ...
    @property
    def authorizations(self) -> tuple[Authorization, ...]: ...
    @property
    def authorities(self) -> tuple[Authority, ...]: ...
    @property
    def boundary_free(self) -> tuple[BoundaryFreeList, ...]: ...
    @property
    def exclusions(self) -> tuple[BoundaryFreeExclusion, ...]: ...
    @property
    def districts(self) -> tuple[LegacyDistrict, ...]: ...
    def grants(self) -> Iterator[tuple[str, Grant]]: ...


class Validator:
    def __init__(
        self,
        rules: RuleSet,
        catalog: CatalogLike | None,
        gazetteer: GazetteerLike | None,
        authorities: Iterable[Authority],
    ) -> None:
        self.rules = rules
        self.catalog = catalog
        self.gazetteer = gazetteer
        self.known_authorities = {a.id: a for a in authorities}
        self.problems: list[Problem] = []
        self.district_communes = {d.code: d.communes for d in rules.districts}
        self.by_field: dict[str, list[str]] = defaultdict(list)
        if catalog is not None:
            for procedure in catalog:
                self.by_field[procedure.field].append(procedure.code)

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def run(self) -> list[Problem]:
        self._authorities()
        self._ids()
        for path, grant in self.rules.grants():
            self._grant(path, grant)
        for i, listed in enumerate(self.rules.boundary_free):
            self._listing(f"boundary_free[{i}]", listed)
        for i, excluded in enumerate(self.rules.exclusions):
            self._listing(f"exclusions[{i}]", excluded)
        self._districts()
        self._overlaps("assignments", self.rules.assignments)
        self._overlaps("decentralizations", self.rules.decentralizations)
        self._overlaps("authorizations", self.rules.authorizations)
        self._onward()
        self._cycles()
        return self.problems

    # -- single rules --------------------------------------------------------------------
    def _authorities(self) -> None:
        for i, authority in enumerate(self.rules.authorities):
            self._function(
                f"authorities[{i}].function", authority.function, authority.kind, authority.level
            )
            if authority.id in self.known_authorities:
                self.add(f"authorities[{i}].id", f"duplicate authority id {authority.id!r}")
            self.known_authorities[authority.id] = authority

    def _ids(self) -> None:
        seen: set[str] = set()
        paths: list[tuple[str, str]] = [(p, g.id) for p, g in self.rules.grants()]
        paths += [(f"boundary_free[{i}]", b.id) for i, b in enumerate(self.rules.boundary_free)]
        paths += [(f"exclusions[{i}]", e.id) for i, e in enumerate(self.rules.exclusions)]
        for path, rule_id in paths:
            if not rule_id.strip():
                self.add(f"{path}.id", "must not be blank")
            elif rule_id in seen:
                self.add(f"{path}.id", f"duplicate rule id {rule_id!r}")
            seen.add(rule_id)

    def _rule(self, path: str, rule: Grant | BoundaryFreeList | BoundaryFreeExclusion) -> None:
        """Checks every rule needs: scope, window, instrument date, references, region."""
        if rule.scope.is_empty() and not getattr(rule, "all_procedures", False):
            self.add(f"{path}.scope", "names no procedure and no field")
        if rule.valid_until is not None and rule.valid_until < rule.valid_from:
            self.add(
                f"{path}.valid_until",
                f"ends on {rule.valid_until.isoformat()}, before it starts "
                f"on {rule.valid_from.isoformat()}",
            )
        issued_on = rule.reference.issued_on
        if issued_on is not None and rule.valid_from < issued_on:
            self.add(
                f"{path}.valid_from",
                f"applies from {rule.valid_from.isoformat()}, before its instrument was issued "
                f"on {issued_on.isoformat()}",
            )
        self._scope_refs(path, rule.scope.procedures, rule.scope.fields)
        self._region(path, rule)

    def _scope_refs(self, path: str, procedures: Iterable[str], fields: Iterable[str]) -> None:
        if self.catalog is None:
            return
        for code in sorted(procedures):
            if code not in self.catalog:
                self.add(f"{path}.procedures", f"unknown procedure code {code!r}")
        for field in sorted(fields):
            if field not in self.by_field:
                self.add(
                    f"{path}.fields", f"unknown field {field!r} (no catalogue procedure in it)"
                )

    def _region(self, path: str, rule: Grant | BoundaryFreeList | BoundaryFreeExclusion) -> None:
        region = rule.region
        if region in self.district_communes:
            last = DISTRICT_LEVEL_ENDS - dt.timedelta(days=1)
            if rule.valid_until is None or rule.valid_until > last:
                self.add(
                    f"{path}.valid_until",
                    f"a rule for district {region!r} must end by {last.isoformat()}: "
                    "district-level government is no longer organised from 1 July 2025",
                )
            return
        if region is not None and self.gazetteer is not None and region not in self.gazetteer:
            self.add(f"{path}.region", f"unknown administrative unit {region!r}")

    def _function(self, path: str, function: str | None, kind: AuthorityKind, level: Level) -> None:
        """A function must be in the vocabulary and fit the kind and level of body."""
        if function is None:
            return
        known = authority_functions().get(function)
        if known is None:
            self.add(
                path,
                f"unknown function {function!r}; known: {', '.join(sorted(authority_functions()))}",
            )
        elif not known.fits(kind, level):
            self.add(
                path,
                f"function {function!r} ({known.name}) belongs to "
                f"{'/'.join(sorted(known.kinds))} bodies at {'/'.join(sorted(known.levels))} "
                f"level, not to a {level}/{kind}",
            )

    def _seat(self, path: str, seat: Seat) -> None:
        self._function(path, seat.function, seat.kind, seat.level)
        if seat.authority_id is None:
            return
        authority = self.known_authorities.get(seat.authority_id)
        if authority is None:
            self.add(path, f"unknown authority {seat.authority_id!r}")
        elif authority.kind is not seat.kind:
            self.add(
                path, f"authority {seat.authority_id!r} is a {authority.kind}, not a {seat.kind}"
            )
        elif authority.level is not seat.level:
            self.add(
                path,
                f"authority {seat.authority_id!r} is at {authority.level} level, not {seat.level}",
            )
        elif seat.function is not None and getattr(authority, "function", None) != seat.function:
            self.add(
                path,
                f"authority {seat.authority_id!r} does not carry the function {seat.function!r}",
            )

    def _grant(self, path: str, grant: Grant) -> None:
        self._rule(path, grant)
        if isinstance(grant, Assignment):
            self._seat(f"{path}.holder", grant.holder)
            return
        assert isinstance(grant, Decentralization | Authorization)
        self._seat(f"{path}.grantor", grant.grantor)
        self._seat(f"{path}.grantee", grant.grantee)
        word = "decentralization" if isinstance(grant, Decentralization) else "authorization"
        article = "a" if word == "decentralization" else "an"
        if grant.grantee.is_above(grant.grantor):
            self.add(
                f"{path}.grantee",
                f"upward {word}: {grant.grantee} is above {grant.grantor}; "
                f"{article} {word} only goes to a lower level or a subordinate body",
            )
        elif not grant.grantor.is_above(grant.grantee) and not _same_level_grantee(grant):
            self.add(
                f"{path}.grantee",
                f"{word} from {grant.grantor} to {grant.grantee} does not go to a lower level "
                "or a subordinate body",
            )
        else:
            refusal = edge_refusal(grant)
            if refusal is not None:
                self.add(f"{path}.grantee", refusal)
        if isinstance(grant, Authorization):
            if grant.valid_until is None:
                self.add(
                    f"{path}.valid_until",
                    "an authorization must have an end date: the authorizing document states "
                    "its term (Law 63/2025/QH15 Art. 9(3))",
                )
            if grant.region is None:
                self.add(
                    f"{path}.region",
                    "an authorization is issued by one authority: give the unit it applies in",
                )

    def _listing(self, path: str, rule: BoundaryFreeList | BoundaryFreeExclusion) -> None:
        self._rule(path, rule)
        if isinstance(rule, BoundaryFreeList):
            if rule.region is not None and len(rule.region) != 2:
                self.add(f"{path}.region", f"must be a province code, got {rule.region!r}")
        elif not rule.reason.strip():
            self.add(f"{path}.reason", "an exclusion must give its reason")

    def _districts(self) -> None:
        seen: set[str] = set()
        for i, district in enumerate(self.rules.districts):
            path = f"districts[{i}]"
            if not (
                len(district.code) == 3 and district.code.isascii() and district.code.isdigit()
            ):
                self.add(f"{path}.code", f"must be a 3-digit district code, got {district.code!r}")
            if district.code in seen:
                self.add(f"{path}.code", f"duplicate district {district.code!r}")
            seen.add(district.code)
            if self.gazetteer is not None:
                for code in sorted(district.communes):
                    if code not in self.gazetteer:
                        self.add(f"{path}.communes", f"unknown administrative unit {code!r}")

    # -- relations between rules -----------------------------------------------------------
    def _keys(self, grant: Grant) -> set[ScopeKey]:
        keys = set(grant.scope.index_keys())
        for field in grant.scope.fields:
            keys.update(("procedure", code) for code in self.by_field.get(field, ()))
        return keys

    def _related(self, a: Grant, b: Grant) -> bool:
        return (
            a.overlaps_in_time(b)
            and self._regions_overlap(a.region, b.region)
            and not self._keys(a).isdisjoint(self._keys(b))
        )

    def _cells(self, region: str) -> set[str]:
        """The units a region stands for: a district's communes, or the region itself."""
        return set(self.district_communes.get(region, ())) or {region}

    def _regions_overlap(self, a: str | None, b: str | None) -> bool:
        """Whether one dossier's unit can lie in both regions (a district: its communes)."""
        if a is None or b is None or a == b:
            return True
        cells_a, cells_b = self._cells(a), self._cells(b)
        if not cells_a.isdisjoint(cells_b):
            return True
        provinces_a = {province_of(c, self.gazetteer) for c in cells_a} - {None}
        provinces_b = {province_of(c, self.gazetteer) for c in cells_b} - {None}
        return bool(provinces_a & cells_b or provinces_b & cells_a)

    def _overlaps(self, name: str, grants: Sequence[Grant]) -> None:
        # Assignments compete whatever their holders; delegations only from the same seat.
        by_key: dict[tuple[ScopeKey, Level | None, AuthorityKind | None], list[int]]
        by_key = defaultdict(list)
        for i, grant in enumerate(grants):
            seat = None if isinstance(grant, Assignment) else grant.grantor  # type: ignore[attr-defined]
            for key in self._keys(grant):
                by_key[(key, seat and seat.level, seat and seat.kind)].append(i)
        reported: set[tuple[int, int]] = set()
        for indexes in by_key.values():
            for i, j in itertools.combinations(sorted(set(indexes)), 2):
                if (i, j) in reported:
                    continue
                a, b = grants[i], grants[j]
                if isinstance(a, Assignment) and isinstance(b, Assignment):
                    same_seat = True
                else:
                    same_seat = a.grantor.overlaps(b.grantor)  # type: ignore[attr-defined]
                if same_seat and self._related(a, b):
                    reported.add((i, j))
                    self.add(
                        f"{name}[{j}]",
                        f"overlaps {a.id!r} for the same scope, unit and period; the "
                        "competent authority would be ambiguous",
                    )

    def _onward(self) -> None:
        delegations: list[tuple[str, Decentralization | Authorization]] = [
            (f"decentralizations[{i}]", d) for i, d in enumerate(self.rules.decentralizations)
        ] + [(f"authorizations[{i}]", a) for i, a in enumerate(self.rules.authorizations)]
        by_grantor: dict[
            tuple[Level, AuthorityKind], list[tuple[str, Decentralization | Authorization]]
        ]
        by_grantor = defaultdict(list)
        for entry in delegations:
            by_grantor[(entry[1].grantor.level, entry[1].grantor.kind)].append(entry)
        for _, first in delegations:
            for path, second in by_grantor[(first.grantee.level, first.grantee.kind)]:
                if second is first or not first.grantee.overlaps(second.grantor):
                    continue
                if self._related(first, second):
                    self._onward_problem(first, second, path)
            if isinstance(first, Decentralization):
                self._authorized_after_decentralizing(first, by_grantor)

    def _authorized_after_decentralizing(
        self,
        moved: Decentralization,
        by_grantor: dict[
            tuple[Level, AuthorityKind], list[tuple[str, Decentralization | Authorization]]
        ],
    ) -> None:
        """A seat may not authorize a competence it decentralized away for the same case."""
        for path, other in by_grantor[(moved.grantor.level, moved.grantor.kind)]:
            if (
                isinstance(other, Authorization)
                and moved.grantor.overlaps(other.grantor)
                and self._related(moved, other)
            ):
                self.add(
                    f"{path}.grantor",
                    f"{other.grantor} authorizes a competence that {moved.id!r} decentralized "
                    f"to {moved.grantee} for an overlapping scope, unit and period; the "
                    "grantor no longer holds it there and the authorization would not apply",
                )

    def _onward_problem(
        self,
        first: Decentralization | Authorization,
        second: Decentralization | Authorization,
        path: str,
    ) -> None:
        if isinstance(first, Authorization):
            self.add(
                f"{path}.grantor",
                f"sub-delegation: {second.grantor} acts under authorization {first.id!r} "
                f"and may not delegate it further ({_LAW_SUBDELEGATION})",
            )
        elif isinstance(second, Decentralization) and not first.allows_onward:
            self.add(
                f"{path}.grantor",
                f"onward decentralization: {second.grantor} received this competence by "
                f"{first.id!r}, which does not allow decentralizing it further ({_LAW_ONWARD})",
            )

    def _cycles(self) -> None:
        edges: dict[ScopeKey, list[tuple[str, str, str]]] = defaultdict(list)
        for _, grant in self.rules.grants():
            if isinstance(grant, Decentralization | Authorization):
                for key in self._keys(grant):
                    edges[key].append((_node(grant.grantor), _node(grant.grantee), grant.id))
        paths = {grant.id: path for path, grant in self.rules.grants()}
        reported: set[frozenset[str]] = set()
        for key, key_edges in sorted(edges.items()):
            for cycle in _find_cycles(key_edges):
                ids = frozenset(grant_id for _, _, grant_id in cycle)
                if ids in reported:
                    continue
                reported.add(ids)
                route = " → ".join([cycle[0][0], *(target for _, target, _ in cycle)])
                self.add(
                    paths[cycle[0][2]],
                    f"cycle of delegations for {key[0]} {key[1]!r}: {route} "
                    f"(rules {', '.join(sorted(ids))})",
                )


#: The next lower level of local government.
_LOWER = {
    Level.CENTRAL: (Level.PROVINCE,),
    Level.PROVINCE: (Level.DISTRICT, Level.COMMUNE),
    Level.DISTRICT: (Level.COMMUNE,),
    Level.COMMUNE: (),
}
_PC, _CHAIR = AuthorityKind.PEOPLES_COMMITTEE, AuthorityKind.CHAIRMAN
_AGENCIES = frozenset(
    {
        AuthorityKind.DEPARTMENT,
        AuthorityKind.SPECIALISED_OFFICE,
        AuthorityKind.OTHER,
        AuthorityKind.SERVICE_CENTRE,
    }
)
_DECIDERS = frozenset(
    {
        AuthorityKind.MINISTRY,
        _PC,
        _CHAIR,
        AuthorityKind.DEPARTMENT,
        AuthorityKind.SPECIALISED_OFFICE,
        AuthorityKind.OTHER,
    }
)
_LAW_AUTHORIZATION = (
    "Law 72/2025/QH15 Art. 14(1); Law 63/2025/QH15 Art. 9(2); Decree 118/2025/NĐ-CP "
    "Art. 8(1)(c), 17(5)"
)
_LAW_DECENTRALIZATION = "Law 72/2025/QH15 Art. 13(1) (read in secondary sources)"


def _same_level_grantee(grant: Decentralization | Authorization) -> bool:
    """A same-rank grantee the law allows: a department authorizing One-Stop staff."""
    return (
        isinstance(grant, Authorization)
        and grant.grantee.kind is AuthorityKind.SERVICE_CENTRE
        and grant.grantee.level is grant.grantor.level
    )


def _exists(seat: Seat) -> bool:
    """Whether such a body exists at that level.

    Departments are provincial, specialised offices belong to a commune (or a district before
    1 July 2025), the civil servants a grant can name are those of a commune People's
    Committee, ministries are central (Decree 150/2025/NĐ-CP; Law 72/2025/QH15 Art. 14(1)).
    """
    if seat.kind is AuthorityKind.DEPARTMENT:
        return seat.level is Level.PROVINCE
    if seat.kind is AuthorityKind.SPECIALISED_OFFICE:
        return seat.level in (Level.DISTRICT, Level.COMMUNE)
    if seat.kind is AuthorityKind.CIVIL_SERVANT:
        return seat.level is Level.COMMUNE
    return (seat.kind is AuthorityKind.MINISTRY) == (seat.level is Level.CENTRAL)


def _may_authorize(grantor: Seat, grantee: Seat) -> bool:
    """Whether the law lets ``grantor`` authorize ``grantee`` (ủy quyền), by kind and level.

    References:
        Law 72/2025/QH15 Art. 14(1) (read in a verbatim quotation): a People's Committee
        authorizes its chairman, the heads of its specialised agencies, other administrative
        organisations and public service units, or the lower People's Committee or its
        chairman; a chairman authorizes the heads of the same bodies of its level or the lower
        chairman; the head of a provincial specialised agency or other provincial
        administrative organisation authorizes a commune People's Committee or its chairman;
        a commune chairman authorizes a civil servant (công chức) of the commune People's
        Committee. Law 63/2025/QH15 Art. 9(2): a minister authorizes the provincial People's
        Committee or its chairman. Decree 118/2025/NĐ-CP Art. 8(1)(c) and 17(5): the body
        competent for a procedure may authorize the officials seated at the One-Stop Unit
        (the public administration service centre) of its level to decide it.
    """
    same = grantee.level is grantor.level
    lower = grantee.level in _LOWER[grantor.level]
    if not (_exists(grantor) and _exists(grantee)):
        return False
    if grantee.kind is AuthorityKind.SERVICE_CENTRE and same:
        return grantor.kind in _DECIDERS
    if grantor.kind is AuthorityKind.MINISTRY:
        return grantee.level is Level.PROVINCE and grantee.kind in (_PC, _CHAIR)
    if grantor.kind is _PC:
        return (same and (grantee.kind is _CHAIR or grantee.kind in _AGENCIES)) or (
            lower and grantee.kind in (_PC, _CHAIR)
        )
    if grantor.kind is _CHAIR:
        if same and grantor.level is Level.COMMUNE and grantee.kind is AuthorityKind.CIVIL_SERVANT:
            return True
        return (same and grantee.kind in _AGENCIES) or (lower and grantee.kind is _CHAIR)
    if grantor.kind in (AuthorityKind.DEPARTMENT, AuthorityKind.OTHER):
        return grantor.level is Level.PROVINCE and lower and grantee.kind in (_PC, _CHAIR)
    return False


def _may_decentralize(grantor: Seat, grantee: Seat) -> bool:
    """Whether ``grantor`` may decentralize (phân cấp) to ``grantee``, by kind and level.

    References:
        Law 72/2025/QH15 Art. 13(1) (read in secondary sources): the provincial People's
        Committee and its chairman decentralize to the provincial specialised agencies and
        other administrative organisations, the commune People's Committees and their
        chairmen, and public service units; commune bodies are not decentralizers, and a
        People's Committee moving a task to its own chairman is an authorization (Art. 14(1)),
        not a decentralization. Law 63/2025/QH15 Art. 8-9 and the June-2025 decrees (e.g.
        Decree 146/2025/NĐ-CP Art. 24(1)): a ministry decentralizes to the provincial
        People's Committee or its chairman. Before 1 July 2025 a district People's Committee
        or chairman decentralized to the commune ones (Law 77/2015/QH13 as amended, [B]).
    """
    lower = grantee.level in _LOWER[grantor.level]
    if not (_exists(grantor) and _exists(grantee)):
        return False
    if grantor.kind is AuthorityKind.MINISTRY:
        return grantee.level is Level.PROVINCE and grantee.kind in (_PC, _CHAIR)
    if grantor.kind not in (_PC, _CHAIR) or grantor.level is Level.COMMUNE:
        return False
    if lower:
        return grantee.kind in (_PC, _CHAIR)
    return (
        grantor.level is Level.PROVINCE
        and grantee.level is Level.PROVINCE
        and grantee.kind in (AuthorityKind.DEPARTMENT, AuthorityKind.OTHER)
    )


def edge_refusal(grant: Decentralization | Authorization) -> str | None:
    """Why the law does not let this grantor make this grantee act, or ``None`` if it does."""
    grantor, grantee = grant.grantor, grant.grantee
    if isinstance(grant, Authorization):
        if _may_authorize(grantor, grantee):
            return None
        return (
            f"a {grantor.level}/{grantor.kind} may not authorize a {grantee.level}/"
            f"{grantee.kind}: the law names who authorizes whom ({_LAW_AUTHORIZATION})"
        )
    if _may_decentralize(grantor, grantee):
        return None
    hint = (
        "; a People's Committee lets its own chairman act by authorization (ủy quyền, "
        "Law 72/2025/QH15 Art. 14(1)), not by decentralization"
        if grantor.kind is _PC and grantee.kind is _CHAIR and grantee.level is grantor.level
        else ""
    )
    return (
        f"a {grantor.level}/{grantor.kind} may not decentralize to a {grantee.level}/"
        f"{grantee.kind} ({_LAW_DECENTRALIZATION}){hint}"
    )


def _node(seat: Seat) -> str:
    return f"{seat.level}/{seat.kind}"


def _find_cycles(edges: Sequence[tuple[str, str, str]]) -> Iterator[list[tuple[str, str, str]]]:
    """Yield one cycle per strongly connected loop reachable in the edge list (DFS)."""
    out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for edge in edges:
        out[edge[0]].append(edge)
    done: set[str] = set()
    for start in sorted(out):
        if start in done:
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[tuple[str, str, str]] = []
        on_path = {start}
        while stack:
            node, index = stack[-1]
            if index >= len(out[node]):
                stack.pop()
                on_path.discard(node)
                done.add(node)
                if path:
                    path.pop()
                continue
            stack[-1] = (node, index + 1)
            edge = out[node][index]
            target = edge[1]
            if target in on_path:
                nodes = [start, *(e[1] for e in path)]
                yield [*path[nodes.index(target) :], edge]
            elif target not in done:
                path.append(edge)
                on_path.add(target)
                stack.append((target, 0))
