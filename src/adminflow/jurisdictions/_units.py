"""Levels, administrative units and authorities (đơn vị hành chính, cơ quan).

The package docstring (:mod:`adminflow.jurisdictions`) describes the two-level government.
"""

from __future__ import annotations

import enum

import attrs

from adminflow.errors import InvalidValueError
from adminflow.jurisdictions._codes import AgencyCode, parse_agency_code, validate_agency_code
from adminflow.jurisdictions._function_ids import check_function_id
from adminflow.jurisdictions._search import fold

__all__ = [
    "AdministrativeUnit",
    "Authority",
    "AuthorityKind",
    "Level",
    "UnitKind",
]


class Level(enum.StrEnum):
    """A level of government (cấp), ordered from the top: ``CENTRAL > PROVINCE > ... > COMMUNE``.

    ``Level.COMMUNE < Level.PROVINCE`` reads "commune is lower than province". A level also
    compares with its storage value (``Level.CENTRAL > "district"``), never alphabetically;
    comparing with any other text raises :class:`~adminflow.errors.InvalidValueError`.
    ``DISTRICT`` (cấp huyện) sits between province and commune and applies only before
    1 July 2025.
    """

    CENTRAL = "central"
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"

    @property
    def rank(self) -> int:
        """Height of the level: 3 for central down to 0 for commune."""
        return _RANK[self]

    def __lt__(self, other: object) -> bool:
        rank = _rank_of(other)
        return NotImplemented if rank is None else self.rank < rank

    def __le__(self, other: object) -> bool:
        rank = _rank_of(other)
        return NotImplemented if rank is None else self.rank <= rank

    def __gt__(self, other: object) -> bool:
        rank = _rank_of(other)
        return NotImplemented if rank is None else self.rank > rank

    def __ge__(self, other: object) -> bool:
        rank = _rank_of(other)
        return NotImplemented if rank is None else self.rank >= rank


def _rank_of(other: object) -> int | None:
    """The rank of a level or a level's storage value; ``None`` for a non-text."""
    if isinstance(other, Level):
        return other.rank
    if not isinstance(other, str):
        return None
    try:
        return Level(other).rank
    except ValueError:  # a str would otherwise be compared alphabetically, silently
        raise InvalidValueError("level", other, "must be a Level to compare with") from None


_RANK = {Level.CENTRAL: 3, Level.PROVINCE: 2, Level.DISTRICT: 1, Level.COMMUNE: 0}


class UnitKind(enum.StrEnum):
    """The kind of an administrative unit (loại đơn vị hành chính)."""

    PROVINCE = "tinh"  #: tỉnh
    CITY = "thanh_pho_truc_thuoc_trung_uong"  #: thành phố trực thuộc trung ương
    COMMUNE = "xa"  #: xã
    WARD = "phuong"  #: phường
    SPECIAL_ZONE = "dac_khu"  #: đặc khu

    @property
    def level(self) -> Level:
        """The level this kind of unit belongs to."""
        if self in (UnitKind.PROVINCE, UnitKind.CITY):
            return Level.PROVINCE
        return Level.COMMUNE

    @property
    def label(self) -> str:
        """The Vietnamese word that starts the name of such a unit, e.g. ``"Phường"``."""
        return _LABELS[self]


_LABELS = {
    UnitKind.PROVINCE: "Tỉnh",
    UnitKind.CITY: "Thành phố",
    UnitKind.COMMUNE: "Xã",
    UnitKind.WARD: "Phường",
    UnitKind.SPECIAL_ZONE: "Đặc khu",
}


class AuthorityKind(enum.StrEnum):
    """The kind of body that decides procedures (cơ quan có thẩm quyền)."""

    MINISTRY = "ministry"  #: Bộ, cơ quan ngang bộ
    PEOPLES_COMMITTEE = "peoples_committee"  #: Ủy ban nhân dân
    CHAIRMAN = "chairman"  #: Chủ tịch Ủy ban nhân dân
    VICE_CHAIRMAN = "vice_chairman"  #: Phó Chủ tịch Ủy ban nhân dân
    DEPARTMENT = "department"  #: Sở and equivalent provincial specialised agencies
    SPECIALISED_OFFICE = "specialised_office"  #: Phòng chuyên môn thuộc UBND cấp xã
    SERVICE_CENTRE = "service_centre"  #: Trung tâm Phục vụ hành chính công
    CIVIL_SERVANT = "civil_servant"  #: công chức thuộc UBND (Law 72/2025/QH15 Art. 14(1))
    OTHER = "other"  #: any other body named by a sector law (e.g. a police unit)

    @property
    def needs_function(self) -> bool:
        """Whether a unit has several bodies of this kind, so a seat must say which one.

        A province has about fifteen departments and a commune three specialised offices
        (Decree 150/2025/NĐ-CP); "other" bodies and ministries are many too. For these kinds
        the competent body is named by its function (:class:`AuthorityFunction`) or its id,
        never taken as "the only body of that kind" listed.
        """
        return self in _NEEDS_FUNCTION


_NEEDS_FUNCTION = frozenset(
    {
        AuthorityKind.MINISTRY,
        AuthorityKind.DEPARTMENT,
        AuthorityKind.SPECIALISED_OFFICE,
        AuthorityKind.OTHER,
    }
)


def _is_digits(value: object, width: int) -> bool:
    return isinstance(value, str) and len(value) == width and value.isascii() and value.isdigit()


def check_unit_code(value: object, *, field: str = "code") -> str:
    """Return a well-formed unit code (2 or 5 digits) or raise InvalidValueError."""
    if not (_is_digits(value, 2) or _is_digits(value, 5)):
        raise InvalidValueError(field, value, "must be 2 digits (province) or 5 digits (commune)")
    assert isinstance(value, str)
    return value


@attrs.frozen
class AdministrativeUnit:
    """An administrative unit (đơn vị hành chính): a province or a commune-level unit.

    Codes are stable: renaming a unit or turning a xã into a phường keeps its code; in a
    merger the unit hosting the new People's Committee seat keeps its code and the others
    are closed and never reissued (Decision 19/2025/QĐ-TTg, Art. 3).

    Attributes:
        code: Official code of Decision 19/2025/QĐ-TTg: 2 digits for a province, 5 for a commune.
        name: Official Vietnamese name with its kind, e.g. ``"Phường Hoàn Kiếm"``.
        kind: Province, centrally-run city, commune, ward or special zone.
        parent_code: Code of the province for a commune-level unit, ``None`` for a province.

    Raises:
        InvalidValueError: If the code does not fit the kind (2 digits for a province, 5 for
            a commune-level unit), the name is blank, or a commune has no 2-digit parent code.

    References:
        Decision 19/2025/QĐ-TTg (list and codes of administrative units from 1 July 2025),
        Art. 3; Law on Organization of Local Government No. 72/2025/QH15.

    Examples:
        >>> ward = AdministrativeUnit("00070", "Phường Hoàn Kiếm", UnitKind.WARD, "01")
        >>> ward.level, ward.short_name
        (<Level.COMMUNE: 'commune'>, 'Hoàn Kiếm')
        >>> AdministrativeUnit("1", "Thành phố Hà Nội", UnitKind.CITY)
        Traceback (most recent call last):
        ...
        adminflow.errors.InvalidValueError: code: must be 2 digits for a province, got '1'
    """

    code: str
    name: str
    kind: UnitKind
    parent_code: str | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.kind, UnitKind):
            raise InvalidValueError("kind", self.kind, "must be a UnitKind")
        if not isinstance(self.name, str) or not self.name.strip():
            raise InvalidValueError("name", self.name, "must be a non-empty string")
        if self.kind.level is Level.PROVINCE:
            if not _is_digits(self.code, 2):
                raise InvalidValueError("code", self.code, "must be 2 digits for a province")
            if self.parent_code is not None:
                raise InvalidValueError("parent_code", self.parent_code, "must be None")
        else:
            if not _is_digits(self.code, 5):
                raise InvalidValueError("code", self.code, "must be 5 digits for a commune")
            if not _is_digits(self.parent_code, 2):
                raise InvalidValueError(
                    "parent_code", self.parent_code, "must be the 2-digit province code"
                )

    @property
    def level(self) -> Level:
        """The unit's level (province or commune)."""
        return self.kind.level

    @property
    def short_name(self) -> str:
        """The name without the word of its kind: ``"Hoàn Kiếm"`` for ``"Phường Hoàn Kiếm"``."""
        words = self.name.split()
        label = self.kind.label.split()
        if len(words) > len(label) and fold(" ".join(words[: len(label)])) == fold(" ".join(label)):
            return " ".join(words[len(label) :])
        return self.name


@attrs.frozen
class Authority:
    """A body that decides procedures for an administrative unit (cơ quan có thẩm quyền).

    Attributes:
        id: Stable identifier used in rule files; the electronic agency identifier
            (mã định danh điện tử, Decision 20/2020/QĐ-TTg) when the body has one.
        name: Vietnamese name, e.g. ``"Ủy ban nhân dân phường Hoàn Kiếm"``.
        kind: What kind of body it is.
        unit_code: Code of the administrative unit it serves (2 or 5 digits); empty for a
            central body (:attr:`AuthorityKind.MINISTRY`), which serves the whole country.
        agency_code: Its electronic agency identifier, e.g. ``"000.00.00.H41"``, if known.
        function: What the body does, from the vocabulary of
            :func:`~adminflow.jurisdictions.authority_functions` (e.g. ``"land_registration"``,
            ``"economic"``), so that a procedure naming a function finds this body. Bodies of
            kinds a unit has several of (:attr:`AuthorityKind.needs_function`) need it to be
            found by function.

    Raises:
        InvalidValueError: If a field is blank or malformed, or a ministry has a unit code.

    References:
        Decision 20/2020/QĐ-TTg, Art. 3–4 (agency identifiers); Decree 118/2025/NĐ-CP, Art. 28
        (the dossier code starts with the identifier of the agency competent to resolve).

    Examples:
        >>> pc = Authority("ubnd-00070", "Ủy ban nhân dân phường Hoàn Kiếm",
        ...                AuthorityKind.PEOPLES_COMMITTEE, "00070")
        >>> pc.level
        <Level.COMMUNE: 'commune'>
    """

    id: str
    name: str
    kind: AuthorityKind
    unit_code: str
    agency_code: str | None = attrs.field(default=None, kw_only=True)
    function: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        for field in ("id", "name"):
            value = getattr(self, field)
            if not isinstance(value, str) or not value.strip():
                raise InvalidValueError(field, value, "must be a non-empty string")
        if not isinstance(self.kind, AuthorityKind):
            raise InvalidValueError("kind", self.kind, "must be an AuthorityKind")
        if self.kind is AuthorityKind.MINISTRY:
            if self.unit_code != "":
                raise InvalidValueError("unit_code", self.unit_code, "must be empty for a ministry")
        else:
            check_unit_code(self.unit_code, field="unit_code")
        if self.agency_code is not None:
            validate_agency_code(self.agency_code)
        if self.function is not None:
            check_function_id(self.function, field="function")

    @property
    def level(self) -> Level:
        """The level of government the body belongs to."""
        if self.kind is AuthorityKind.MINISTRY:
            return Level.CENTRAL
        return Level.PROVINCE if len(self.unit_code) == 2 else Level.COMMUNE

    @property
    def agency(self) -> AgencyCode | None:
        """The parsed electronic agency identifier, if the body has one."""
        return None if self.agency_code is None else parse_agency_code(self.agency_code)
