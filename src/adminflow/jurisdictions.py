"""Jurisdictions (địa giới hành chính): levels, administrative units and authorities.

Since 1 July 2025 local government has two levels, the province (cấp tỉnh) and the commune
(cấp xã); the district level (cấp huyện) is no longer organised (Law on Organization of Local
Government No. 72/2025/QH15). :attr:`Level.DISTRICT` is kept only for dossiers received
before that date.
"""

from __future__ import annotations

import enum
from functools import total_ordering

import attrs

__all__ = ["AdministrativeUnit", "Authority", "AuthorityKind", "Level", "UnitKind"]


@total_ordering
class Level(enum.StrEnum):
    """A level of government (cấp), ordered from the top: ``CENTRAL > PROVINCE > ... > COMMUNE``.

    ``Level.COMMUNE < Level.PROVINCE`` reads "commune is lower than province".
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
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank >= other.rank

    __hash__ = enum.StrEnum.__hash__


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


class AuthorityKind(enum.StrEnum):
    """The kind of body that decides procedures (cơ quan có thẩm quyền)."""

    MINISTRY = "ministry"  #: Bộ, cơ quan ngang bộ
    PEOPLES_COMMITTEE = "peoples_committee"  #: Ủy ban nhân dân
    CHAIRMAN = "chairman"  #: Chủ tịch Ủy ban nhân dân
    VICE_CHAIRMAN = "vice_chairman"  #: Phó Chủ tịch Ủy ban nhân dân
    DEPARTMENT = "department"  #: Sở and equivalent provincial specialised agencies
    SPECIALISED_OFFICE = "specialised_office"  #: Phòng chuyên môn thuộc UBND cấp xã
    SERVICE_CENTRE = "service_centre"  #: Trung tâm Phục vụ hành chính công
    OTHER = "other"  #: any other body named by a sector law (e.g. a police unit)


@attrs.frozen
class AdministrativeUnit:
    """An administrative unit (đơn vị hành chính): a province or a commune-level unit.

    Attributes:
        code: Official code of Decision 19/2025/QĐ-TTg: 2 digits for a province, 5 for a commune.
        name: Official Vietnamese name with its kind, e.g. ``"Phường Hoàn Kiếm"``.
        kind: Province, centrally-run city, commune, ward or special zone.
        parent_code: Code of the province for a commune-level unit, ``None`` for a province.
    """

    code: str
    name: str
    kind: UnitKind
    parent_code: str | None = None

    @property
    def level(self) -> Level:
        """The unit's level (province or commune)."""
        return self.kind.level


@attrs.frozen
class Authority:
    """A body that decides procedures for an administrative unit (cơ quan có thẩm quyền).

    Attributes:
        id: Stable identifier used in rule files; the electronic agency identifier
            (mã định danh điện tử, Decision 20/2020/QĐ-TTg) when the body has one.
        name: Vietnamese name, e.g. ``"Ủy ban nhân dân phường Hoàn Kiếm"``.
        kind: What kind of body it is.
        unit_code: Code of the administrative unit it serves.
    """

    id: str
    name: str
    kind: AuthorityKind
    unit_code: str
