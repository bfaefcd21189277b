"""The competence rule set and its validation (every problem at once).

Private module; the public names are re-exported by :mod:`adminflow.competence`.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

import attrs

from adminflow._competence_model import (
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
from adminflow.errors import NotFoundError, Problem, ValidationError
from adminflow.jurisdictions import AdministrativeUnit, Authority, AuthorityKind, Level

__all__ = [
    "CatalogLike",
    "CompetenceRules",
    "GazetteerLike",
    "ProcedureLike",
    "province_of",
]


class ProcedureLike(Protocol):
    """What competence needs from a procedure (:class:`adminflow.procedures.Procedure`)."""

    @property
    def code(self) -> str: ...
    @property
    def field(self) -> str: ...
    @property
    def level(self) -> Level: ...
    @property
    def authority_kind(self) -> AuthorityKind: ...


class CatalogLike(Protocol):
    """What competence needs from a catalogue (:class:`adminflow.procedures.Catalog`)."""

    def __contains__(self, code: object, /) -> bool: ...
    def __iter__(self) -> Iterator[ProcedureLike]: ...
    def get(self, code: str, /) -> ProcedureLike: ...


class GazetteerLike(Protocol):
    """What competence needs from a gazetteer (:class:`adminflow.jurisdictions.Gazetteer`)."""

    def __contains__(self, code: object, /) -> bool: ...
    def unit(self, code: str, /) -> AdministrativeUnit: ...


def province_of(code: str, gazetteer: GazetteerLike | None) -> str | None:
    """The province code of a unit code, or ``None`` when it cannot be told.

    A two-character code is a province (Decision 19/2025/QĐ-TTg); a commune's province is its
    ``parent_code`` in the gazetteer.
    """
    if len(code) == 2:
        return code
    if gazetteer is None or code not in gazetteer:
        return None
    try:
        return gazetteer.unit(code).parent_code
    except NotFoundError:
        return None


def _region_overlap(a: str | None, b: str | None, gazetteer: GazetteerLike | None) -> bool:
    if a is None or b is None or a == b:
        return True
    return province_of(a, gazetteer) == b or province_of(b, gazetteer) == a


def _tuple_assignments(values: Iterable[Assignment]) -> tuple[Assignment, ...]:
    return tuple(values)


def _tuple_decentralizations(values: Iterable[Decentralization]) -> tuple[Decentralization, ...]:
    return tuple(values)


def _tuple_authorizations(values: Iterable[Authorization]) -> tuple[Authorization, ...]:
    return tuple(values)


def _tuple_authorities(values: Iterable[Authority]) -> tuple[Authority, ...]:
    return tuple(values)


def _tuple_boundary_free(values: Iterable[BoundaryFreeList]) -> tuple[BoundaryFreeList, ...]:
    return tuple(values)


def _tuple_exclusions(values: Iterable[BoundaryFreeExclusion]) -> tuple[BoundaryFreeExclusion, ...]:
    return tuple(values)


def _tuple_districts(values: Iterable[LegacyDistrict]) -> tuple[LegacyDistrict, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True)
class CompetenceRules:
    """A competence rule set (bộ quy tắc thẩm quyền): who decides what, where and when.

    Build one in Python or load it from TOML/JSON with :meth:`loads` / :meth:`load`; check it
    with :meth:`validate`, which reports every problem at once.

    Attributes:
        title: What the rule set is (e.g. the province and the decisions it gathers).
        assignments: Competences assigned by law, where the catalogue is not enough.
        decentralizations: Decentralizations (phân cấp).
        authorizations: Authorizations (ủy quyền).
        authorities: Named bodies the rules refer to (departments, vice-chairmen, ...).
        boundary_free: Published lists of procedures received regardless of boundaries.
        exclusions: Procedures kept out of boundary-free receipt, with their reasons.
        districts: District-level units of before 1 July 2025 the rules need.

    Examples:
        >>> CompetenceRules().validate()
        >>> len(CompetenceRules.example_khanh_hoa().decentralizations) >= 2
        True
    """

    title: str = ""
    assignments: tuple[Assignment, ...] = attrs.field(default=(), converter=_tuple_assignments)
    decentralizations: tuple[Decentralization, ...] = attrs.field(
        default=(), converter=_tuple_decentralizations
    )
    authorizations: tuple[Authorization, ...] = attrs.field(
        default=(), converter=_tuple_authorizations
    )
    authorities: tuple[Authority, ...] = attrs.field(default=(), converter=_tuple_authorities)
    boundary_free: tuple[BoundaryFreeList, ...] = attrs.field(
        default=(), converter=_tuple_boundary_free
    )
    exclusions: tuple[BoundaryFreeExclusion, ...] = attrs.field(
        default=(), converter=_tuple_exclusions
    )
    districts: tuple[LegacyDistrict, ...] = attrs.field(default=(), converter=_tuple_districts)

    def grants(self) -> Iterator[tuple[str, Grant]]:
        """Every assignment, decentralization and authorization with its document path."""
        for name in ("assignments", "decentralizations", "authorizations"):
            for i, grant in enumerate(getattr(self, name)):
                yield f"{name}[{i}]", grant

    def problems(
        self,
        *,
        catalog: CatalogLike | None = None,
        gazetteer: GazetteerLike | None = None,
        authorities: Iterable[Authority] = (),
    ) -> list[Problem]:
        """Every problem of the rule set, in document order; empty when it is valid.

        Checks: unique ids; non-empty scopes; windows that end after they start; an end date
        and a region on every authorization; decentralizations and authorizations that go to a
        lower level or a subordinate body (never upward); overlapping rules that would make the
        answer ambiguous; onward decentralization the instrument does not allow;
        sub-delegation of an authorization; cycles; and, when given, unknown procedure codes
        and fields (``catalog``), unknown unit codes (``gazetteer``) and unknown authority ids
        (``authorities`` plus this rule set's own).

        Pass ``catalog`` to also catch a procedure-scoped rule overlapping a field-scoped one.
        """
        return _Validator(self, catalog, gazetteer, authorities).run()

    def validate(
        self,
        *,
        catalog: CatalogLike | None = None,
        gazetteer: GazetteerLike | None = None,
        authorities: Iterable[Authority] = (),
        source: str = "competence rules",
    ) -> None:
        """Raise :class:`~adminflow.errors.ValidationError` listing every problem, if any.

        Raises:
            ValidationError: The rule set has problems (see :meth:`problems`).
        """
        found = self.problems(catalog=catalog, gazetteer=gazetteer, authorities=authorities)
        if found:
            raise ValidationError(found, source=source)

    # I/O lives in adminflow._competence_io; these thin methods keep the API in one place.
    @classmethod
    def loads(cls, text: str, *, format: str = "toml", source: str = "<string>") -> CompetenceRules:
        """Read a rule set from TOML or JSON text (see :func:`adminflow.competence.load_rules`)."""
        from adminflow._competence_io import loads_rules

        return loads_rules(text, format=format, source=source)

    @classmethod
    def load(cls, path: str | Path) -> CompetenceRules:
        """Read a rule set from a ``.toml`` or ``.json`` file (see :func:`adminflow.competence.load_rules`)."""
        from adminflow._competence_io import load_rules

        return load_rules(path)

    def dump(self, path: str | Path) -> None:
        """Write the rule set to a ``.toml`` or ``.json`` file (see :func:`adminflow.competence.dump_rules`)."""
        from adminflow._competence_io import dump_rules

        dump_rules(self, path)

    @classmethod
    def example_khanh_hoa(cls) -> CompetenceRules:
        """The example rule set for Khánh Hòa (province 56) shipped as package data."""
        from adminflow._competence_io import example_rules

        return example_rules()

    def dumps(self, *, format: str = "toml") -> str:
        """Write the rule set as TOML or JSON (see :func:`adminflow.competence.dumps_rules`)."""
        from adminflow._competence_io import dumps_rules

        return dumps_rules(self, format=format)


_LAW_SUBDELEGATION = "Law 63/2025/QH15 Art. 9(6); Law 72/2025/QH15 Art. 14"
_LAW_ONWARD = "Law 72/2025/QH15 Art. 13 (article number from secondary sources)"


class _Validator:
    def __init__(
        self,
        rules: CompetenceRules,
        catalog: CatalogLike | None,
        gazetteer: GazetteerLike | None,
        authorities: Iterable[Authority],
    ) -> None:
        self.rules = rules
        self.catalog = catalog
        self.gazetteer = gazetteer
        self.known_authorities = {a.id: a for a in authorities}
        self.problems: list[Problem] = []
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
            if authority.id in self.known_authorities:
                self.add(f"authorities[{i}].id", f"duplicate authority id {authority.id!r}")
            self.known_authorities[authority.id] = authority

    def _ids(self) -> None:
        seen: set[str] = set()
        paths: list[tuple[str, str]] = [(p, g.id) for p, g in self.rules.grants()]
        paths += [(f"boundary_free[{i}]", b.id) for i, b in enumerate(self.rules.boundary_free)]
        paths += [(f"exclusions[{i}]", e.id) for i, e in enumerate(self.rules.exclusions)]
        for path, rule_id in paths:
            if rule_id in seen:
                self.add(f"{path}.id", f"duplicate rule id {rule_id!r}")
            seen.add(rule_id)

    def _window(self, path: str, rule: Grant | BoundaryFreeList | BoundaryFreeExclusion) -> None:
        if rule.valid_until is not None and rule.valid_until < rule.valid_from:
            self.add(
                f"{path}.valid_until",
                f"ends on {rule.valid_until.isoformat()}, before it starts "
                f"on {rule.valid_from.isoformat()}",
            )

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

    def _region(self, path: str, region: str | None) -> None:
        if region is not None and self.gazetteer is not None and region not in self.gazetteer:
            self.add(f"{path}.region", f"unknown administrative unit {region!r}")

    def _seat(self, path: str, seat: Seat) -> None:
        if seat.authority_id is None:
            return
        authority = self.known_authorities.get(seat.authority_id)
        if authority is None:
            self.add(path, f"unknown authority {seat.authority_id!r}")
        elif authority.kind is not seat.kind:
            self.add(
                path, f"authority {seat.authority_id!r} is a {authority.kind}, not a {seat.kind}"
            )

    def _grant(self, path: str, grant: Grant) -> None:
        if grant.scope.is_empty():
            self.add(f"{path}.scope", "names no procedure and no field")
        self._window(path, grant)
        self._scope_refs(path, grant.scope.procedures, grant.scope.fields)
        self._region(path, grant.region)
        if isinstance(grant, Assignment):
            self._seat(f"{path}.holder", grant.holder)
            return
        assert isinstance(grant, Decentralization | Authorization)
        self._seat(f"{path}.grantor", grant.grantor)
        self._seat(f"{path}.grantee", grant.grantee)
        word = "decentralization" if isinstance(grant, Decentralization) else "authorization"
        if grant.grantee.is_above(grant.grantor):
            self.add(
                f"{path}.grantee",
                f"upward {word}: {grant.grantee} is above {grant.grantor}; a {word} only goes "
                "to a lower level or a subordinate body",
            )
        elif not grant.grantor.is_above(grant.grantee):
            self.add(
                f"{path}.grantee",
                f"{word} from {grant.grantor} to {grant.grantee} does not go to a lower level "
                "or a subordinate body",
            )
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
        self._window(path, rule)
        self._region(path, rule.region)
        self._scope_refs(path, rule.scope.procedures, rule.scope.fields)
        if isinstance(rule, BoundaryFreeList):
            if rule.scope.is_empty() and not rule.all_procedures:
                self.add(f"{path}.scope", "names no procedure and no field")
            if rule.region is not None and len(rule.region) != 2:
                self.add(f"{path}.region", f"must be a province code, got {rule.region!r}")
        else:
            if rule.scope.is_empty():
                self.add(f"{path}.scope", "names no procedure and no field")
            if not rule.reason.strip():
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
            and _region_overlap(a.region, b.region, self.gazetteer)
            and not self._keys(a).isdisjoint(self._keys(b))
        )

    def _overlaps(self, name: str, grants: Sequence[Grant]) -> None:
        by_key: dict[tuple[ScopeKey, Level, AuthorityKind], list[int]] = defaultdict(list)
        for i, grant in enumerate(grants):
            seat = grant.holder if isinstance(grant, Assignment) else grant.grantor  # type: ignore[attr-defined]
            for key in self._keys(grant):
                by_key[(key, seat.level, seat.kind)].append(i)
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
