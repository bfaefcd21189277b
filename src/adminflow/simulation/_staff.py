"""The simulated province's people and decisions: staff with roles, and the added rules.

Each commune has reception officers and a head at its One-Stop Unit (Bộ phận Một cửa); each
body that decides or acts on the simulated procedures (the commune People's Committee, its
chairman, the Culture-Society office acting under an authorization) has processing officers and
signing leaders. Staff are identified by codes, never by personal data.

References:
    Decree 118/2025/NĐ-CP, Art. 7-8 (One-Stop Units and their officers), Art. 14(2)
    (boundary-free receipt within a province), Art. 17(5). Law 72/2025/QH15, Art. 14(1) (the
    commune chairman may authorize the head of a specialised office of the same level).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Mapping, Sequence

import attrs

from adminflow.competence import CompetenceRules, loads_rules
from adminflow.dossiers import Actor, Role
from adminflow.errors import InvalidValueError, NotFoundError

__all__ = ["Staff", "StaffMember", "simulated_rules"]


def _role(value: object) -> Role:
    if isinstance(value, Role):
        return value
    try:
        return Role(str(value)) if isinstance(value, str) else Role(value)  # type: ignore[arg-type]
    except (ValueError, TypeError):
        raise InvalidValueError("role", value, f"must be one of {', '.join(Role)}") from None


def _optional(field: str, value: object) -> str | None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise InvalidValueError(field, value, "must be a non-empty string or None")
    return value


def _required(field: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(field, value, "must be a non-empty string")
    return value


def _unit_code(value: object) -> str | None:
    return _optional("unit_code", value)


def _authority_id(value: object) -> str | None:
    return _optional("authority_id", value)


def _id(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError("id", value, "must be a non-empty string")
    return value


def _count(field: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1000:
        raise InvalidValueError(field, value, "must be an integer from 1 to 1000")
    return value


@attrs.frozen
class StaffMember:
    """A member of staff with a role, at a One-Stop Unit or in a deciding body.

    Attributes:
        id: A stable code (``"56.22366.reception-1"``), never a personal number.
        role: What they may do (reception officer, One-Stop head, processing officer,
            signing leader).
        unit_code: The unit whose One-Stop Unit they work at (reception staff).
        authority_id: The body they belong to (processing officers, signing leaders).
    """

    id: str = attrs.field(converter=_id)
    role: Role = attrs.field(converter=_role)
    unit_code: str | None = attrs.field(default=None, converter=_unit_code)
    authority_id: str | None = attrs.field(default=None, converter=_authority_id)

    @property
    def actor(self) -> Actor:
        """The member as the workflow's :class:`~adminflow.dossiers.Actor`."""
        return Actor(self.id, self.role, unit_code=self.unit_code, authority_id=self.authority_id)


class Staff:
    """The simulated staff: reception desks per unit and officers per body.

    Args:
        units: The units with a One-Stop Unit.
        bodies: The deciding or acting bodies, by id, with the unit each serves.
        reception: Reception officers per unit.
        officers: Processing officers per body.
        leaders: Signing leaders per body.

    Raises:
        InvalidValueError: A unit or body is not a non-empty string, or a count is not an
            integer from 1 to 1000.
    """

    def __init__(
        self,
        units: Iterable[str],
        bodies: Mapping[str, str],
        *,
        reception: int = 3,
        officers: int = 2,
        leaders: int = 2,
    ) -> None:
        reception = _count("reception", reception)
        officers = _count("officers", officers)
        leaders = _count("leaders", leaders)
        if isinstance(units, str | bytes) or not isinstance(units, Iterable):
            raise InvalidValueError("units", units, "must be a list of unit codes")
        codes = [_required("units", u) for u in units]
        if not isinstance(bodies, Mapping):
            raise InvalidValueError("bodies", type(bodies).__name__, "must map body ids to units")
        for body in bodies:
            _required("bodies", body)
        members: list[StaffMember] = []
        self._desks: dict[str, tuple[Actor, ...]] = {}
        self._officers: dict[str, tuple[Actor, ...]] = {}
        self._leaders: dict[str, tuple[Actor, ...]] = {}
        for unit in sorted(set(codes)):
            desk = [
                StaffMember(f"{unit}.reception-{i}", Role.RECEPTION_OFFICER, unit_code=unit)
                for i in range(1, reception + 1)
            ]
            head = StaffMember(f"{unit}.one-stop-head", Role.ONE_STOP_HEAD, unit_code=unit)
            members.extend([*desk, head])
            self._desks[unit] = tuple(m.actor for m in desk)
        self._sizes = (officers, leaders)
        self._members = members
        for body in sorted(bodies):
            self._add_body(body)

    def _add_body(self, body: str) -> None:
        officers, leaders = self._sizes
        team = [
            StaffMember(f"{body}.officer-{i}", Role.PROCESSING_OFFICER, authority_id=body)
            for i in range(1, officers + 1)
        ]
        signing = [
            StaffMember(f"{body}.leader-{i}", Role.SIGNING_LEADER, authority_id=body)
            for i in range(1, leaders + 1)
        ]
        self._members.extend([*team, *signing])
        self._officers[body] = tuple(m.actor for m in team)
        self._leaders[body] = tuple(m.actor for m in signing)

    @property
    def members(self) -> tuple[StaffMember, ...]:
        """Every member, desks first, then each body's officers and leaders."""
        return tuple(self._members)

    def __len__(self) -> int:
        return len(self._members)

    def desk(self, unit: str, rng: random.Random) -> Actor:
        """A reception officer of ``unit``'s One-Stop Unit.

        Raises:
            NotFoundError: ``unit`` has no One-Stop Unit in this staff.
        """
        if unit not in self._desks:
            raise NotFoundError("One-Stop Unit", unit, hint="not a unit of the simulation")
        return rng.choice(self._desks[unit])

    def officer(self, body: str, rng: random.Random) -> Actor:
        """A processing officer of ``body`` (a body met for the first time gets its team)."""
        if body not in self._officers:
            self._add_body(_required("body", body))
        return rng.choice(self._officers[body])

    def leader(self, body: str, rng: random.Random) -> Actor:
        """A signing leader of ``body`` (a body met for the first time gets its team)."""
        if body not in self._leaders:
            self._add_body(_required("body", body))
        return rng.choice(self._leaders[body])

    def roles(self) -> dict[str, int]:
        """How many members have each role."""
        counts: dict[str, int] = {}
        for member in self.members:
            counts[member.role.value] = counts.get(member.role.value, 0) + 1
        return counts


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def simulated_rules(
    base: CompetenceRules,
    *,
    province: str,
    units: Sequence[str],
    first_day: dt.date,
    last_day: dt.date,
    boundary_free: Sequence[str],
    authorized: Sequence[str],
    authorizing: Sequence[str],
) -> CompetenceRules:
    """``base`` with the simulated province's own (illustrative) decisions added.

    * a boundary-free list of ``boundary_free`` for the province, in force over the period;
    * in each unit of ``authorizing``, a Culture-Society office and the chairman's
      authorization for it to decide ``authorized`` over the period.

    The added rules are validated with the rest by the resolver that reads them.

    References:
        Decree 118/2025/NĐ-CP, Art. 14(2); Law 72/2025/QH15, Art. 14(1) (secondary source).

    Raises:
        InvalidValueError: An argument of the wrong kind (named).
    """
    if not isinstance(base, CompetenceRules):
        raise InvalidValueError("base", base, "must be a CompetenceRules")
    if not isinstance(province, str):
        raise InvalidValueError("province", province, "must be a unit code (a string)")
    for name, day in (("first_day", first_day), ("last_day", last_day)):
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise InvalidValueError(name, day, "must be a datetime.date")
    lists = {"units": units, "boundary_free": boundary_free, "authorized": authorized}
    lists["authorizing"] = authorizing
    for name, codes in lists.items():
        if isinstance(codes, str) or not isinstance(codes, Sequence):
            raise InvalidValueError(name, codes, "must be a sequence of codes")
        if not all(isinstance(code, str) for code in codes):
            raise InvalidValueError(name, codes, "must hold only codes (strings)")
    known = {a.id for a in base.authorities}
    lines: list[str] = []
    if authorized:
        for unit in authorizing:
            office = f"{unit}-phong-vhxh"
            if office not in known:
                lines += [
                    "[[authorities]]",
                    f"id = {_q(office)}",
                    f"name = {_q(f'Phòng Văn hóa - Xã hội (đơn vị {unit})')}",
                    'kind = "specialised_office"',
                    f"unit_code = {_q(unit)}",
                    "",
                ]
            lines += [
                "[[authorizations]]",
                f"id = {_q(f'simulated-authorization-{unit}')}",
                f"procedures = [{', '.join(_q(c) for c in authorized)}]",
                f"region = {_q(unit)}",
                'grantor = "commune/chairman"',
                f"grantee = {_q(f'commune/specialised_office@{office}')}",
                f"valid_from = {first_day.isoformat()}",
                f"valid_until = {last_day.isoformat()}",
                'reference = { instrument = "Simulated decision of the commune chairman '
                '(illustrative)", note = "Law 72/2025/QH15 Art. 14(1) lets the chairman '
                'authorize the head of a specialised office of the same level" }',
                "",
            ]
    if boundary_free:
        lines += [
            "[[boundary_free]]",
            f"id = {_q(f'simulated-boundary-free-{province}')}",
            f"region = {_q(province)}",
            f"procedures = [{', '.join(_q(c) for c in boundary_free)}]",
            f"valid_from = {first_day.isoformat()}",
            f"valid_until = {last_day.isoformat()}",
            'reference = { instrument = "Simulated list of the provincial chairman '
            '(illustrative)", note = "Decree 118/2025/NĐ-CP Art. 14(2)" }',
            "",
        ]
    if not lines:
        return base
    extra = loads_rules("\n".join(lines), source="simulated rules", validate=False)
    return attrs.evolve(
        base,
        authorities=base.authorities + tuple(a for a in extra.authorities if a.id not in known),
        authorizations=base.authorizations + extra.authorizations,
        boundary_free=base.boundary_free + extra.boundary_free,
    )
