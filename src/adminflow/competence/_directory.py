"""The authority directory: bodies found by id or by (unit, kind), with standard ones made up.

Private module; the public names are re-exported by :mod:`adminflow.competence`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

import attrs

from adminflow.competence._model import LegacyDistrict
from adminflow.competence._protocols import GazetteerLike, check_authorities, check_gazetteer
from adminflow.errors import InvalidValueError, NotFoundError
from adminflow.jurisdictions import Authority, AuthorityKind, Level

__all__ = ["AnyAuthority", "AuthorityDirectory", "DistrictAuthority"]

#: Kinds of body every unit has exactly one of; the directory makes them up when not listed.
_STANDARD = {
    AuthorityKind.PEOPLES_COMMITTEE: ("ubnd", "Ủy ban nhân dân"),
    AuthorityKind.CHAIRMAN: ("ct-ubnd", "Chủ tịch Ủy ban nhân dân"),
    AuthorityKind.SERVICE_CENTRE: ("ttpvhcc", "Trung tâm Phục vụ hành chính công"),
    AuthorityKind.CIVIL_SERVANT: ("cc-ubnd", "Công chức Ủy ban nhân dân"),
}


@attrs.frozen
class DistrictAuthority:
    """A district-level body (cơ quan cấp huyện) as it was before 1 July 2025.

    :class:`~adminflow.jurisdictions.Authority` only knows today's 2- and 5-digit units, so the
    bodies of the abolished district level get this small twin with the same attributes.

    Attributes:
        id: Identifier, e.g. ``"ubnd-huyen-568"``.
        name: Vietnamese name.
        kind: Kind of body.
        unit_code: The district's 3-digit code of the pre-2025 list.
    """

    id: str
    name: str
    kind: AuthorityKind
    unit_code: str

    @property
    def level(self) -> Level:
        """Always :attr:`Level.DISTRICT`."""
        return Level.DISTRICT


#: A deciding or acting body: a current authority, or a district body before 1 July 2025.
AnyAuthority = Authority | DistrictAuthority


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


class AuthorityDirectory:
    """A directory of authorities (danh bạ cơ quan), found by id or by (unit, kind).

    Listed authorities come first. For a People's Committee, its chairman, the public
    administration service centre and the civil servants (công chức) of a People's Committee,
    a unit known to the gazetteer that has none listed gets a standard one (id ``"ubnd-56"``,
    ``"ct-ubnd-22366"``, ``"ttpvhcc-56"``, ``"cc-ubnd-22366"``). Bodies of the kinds a unit
    has several of (departments, specialised offices, other bodies, ministries) are never
    made up: they are found by their listed ``function``.

    Examples:
        >>> from adminflow.jurisdictions import Gazetteer
        >>> directory = AuthorityDirectory(gazetteer=Gazetteer.vietnam())
        >>> [a.name for a in directory.find("56", AuthorityKind.PEOPLES_COMMITTEE)]
        ['Ủy ban nhân dân tỉnh Khánh Hòa']
    """

    def __init__(
        self,
        authorities: Iterable[AnyAuthority] = (),
        *,
        gazetteer: GazetteerLike | None = None,
        districts: Iterable[LegacyDistrict] = (),
    ) -> None:
        listed = check_authorities(authorities, (Authority, DistrictAuthority))
        self._gazetteer = check_gazetteer(gazetteer)
        given: object = districts
        if isinstance(given, str | bytes) or not isinstance(given, Iterable):
            raise InvalidValueError("districts", districts, "must be a collection of districts")
        self._districts: dict[str, LegacyDistrict] = {}
        for i, district in enumerate(districts):
            if not isinstance(district, LegacyDistrict):
                raise InvalidValueError(f"districts[{i}]", district, "must be a LegacyDistrict")
            self._districts[district.code] = district
        self._by_id: dict[str, AnyAuthority] = {}
        self._by_place: dict[tuple[str, AuthorityKind], list[AnyAuthority]] = defaultdict(list)
        self._made: dict[tuple[str, AuthorityKind], tuple[AnyAuthority, ...]] = {}
        for authority in listed:
            self._by_id[authority.id] = authority
            self._by_place[(authority.unit_code, authority.kind)].append(authority)

    def __contains__(self, authority_id: object) -> bool:
        return authority_id in self._by_id

    def __iter__(self) -> Iterator[AnyAuthority]:
        return iter(self._by_id.values())

    def get(self, authority_id: str) -> AnyAuthority:
        """The listed authority with this id.

        Raises:
            NotFoundError: No authority has that id.
        """
        if not isinstance(authority_id, str):
            raise InvalidValueError("authority_id", authority_id, "must be a string")
        try:
            return self._by_id[authority_id]
        except KeyError:
            raise NotFoundError("authority", authority_id) from None

    def find(
        self, unit_code: str, kind: AuthorityKind, function: str | None = None
    ) -> tuple[AnyAuthority, ...]:
        """The authorities of ``kind`` serving ``unit_code`` (listed, else standard ones).

        With ``function``, only the listed bodies that carry it (their ``function``).

        Raises:
            InvalidValueError: ``unit_code`` is not a string, ``kind`` not an authority kind or
                ``function`` not a string.
        """
        if not isinstance(unit_code, str):
            raise InvalidValueError("unit_code", unit_code, "must be a string")
        try:
            kind = AuthorityKind(kind)
        except (ValueError, TypeError):
            raise InvalidValueError("kind", kind, "must be an AuthorityKind") from None
        if function is not None and not isinstance(function, str):
            raise InvalidValueError("function", function, "must be a string or None")
        listed = self._by_place.get((unit_code, kind))
        if function is not None:
            return tuple(a for a in listed or () if getattr(a, "function", None) == function)
        if listed:
            return tuple(listed)
        key = (unit_code, kind)
        made = self._made.get(key)
        if made is None:
            made = self._make(unit_code, kind)
            self._made[key] = made
        return made

    def _make(self, unit_code: str, kind: AuthorityKind) -> tuple[AnyAuthority, ...]:
        if kind not in _STANDARD:
            return ()
        prefix, title = _STANDARD[kind]
        district = self._districts.get(unit_code)
        if district is not None:
            name = f"{title} {_lower_first(district.name)}"
            return (DistrictAuthority(f"{prefix}-huyen-{unit_code}", name, kind, unit_code),)
        if self._gazetteer is None or unit_code not in self._gazetteer:
            return ()
        unit = self._gazetteer.unit(unit_code)
        return (
            Authority(
                f"{prefix}-{unit_code}", f"{title} {_lower_first(unit.name)}", kind, unit_code
            ),
        )
