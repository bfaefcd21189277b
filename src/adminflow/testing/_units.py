"""Hypothesis strategies for administrative units, authorities and codes.

The official gazetteer is loaded when a strategy first draws, not when it is built.
"""

from __future__ import annotations

import datetime as dt
import string
import unicodedata

from hypothesis import strategies as st

from adminflow.errors import InvalidValueError
from adminflow.jurisdictions import (
    AdministrativeUnit,
    AgencyCode,
    AgencyCodeLayout,
    Authority,
    AuthorityKind,
    DossierCode,
    DossierCodeLayout,
    Gazetteer,
    Level,
    UnitKind,
)

__all__ = [
    "agency_codes",
    "authorities",
    "communes",
    "dossier_codes",
    "gazetteers",
    "provinces",
    "unit_names",
    "units",
]

_UNIT_LEVELS = {level.value: level for level in (Level.PROVINCE, Level.COMMUNE)}
_PROVINCE_KINDS = (UnitKind.PROVINCE, UnitKind.CITY)
_COMMUNE_KINDS = (UnitKind.COMMUNE, UnitKind.WARD, UnitKind.SPECIAL_ZONE)
_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
_VOWELS = ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")
#: Lower-case Vietnamese letters: the Latin consonants, đ, and every vowel with every tone.
VIETNAMESE_LETTERS = "".join(
    sorted(
        set("bcdfghklmnpqrstvx")
        | {"đ"}
        | {unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in _TONES}
    )
)


def _gazetteer(gazetteer: Gazetteer | None) -> Gazetteer:
    return Gazetteer.vietnam() if gazetteer is None else gazetteer


def provinces(*, gazetteer: Gazetteer | None = None) -> st.SearchStrategy[AdministrativeUnit]:
    """Provinces (tỉnh, thành phố trực thuộc trung ương) of a gazetteer (the official one)."""
    return st.deferred(lambda: st.sampled_from(_gazetteer(gazetteer).provinces()))


def communes(
    *, province_code: str | None = None, gazetteer: Gazetteer | None = None
) -> st.SearchStrategy[AdministrativeUnit]:
    """Commune-level units (xã, phường, đặc khu), of one province if ``province_code`` is given."""

    def build() -> st.SearchStrategy[AdministrativeUnit]:
        g = _gazetteer(gazetteer)
        if province_code is not None:
            return st.sampled_from(g.communes_of(province_code))
        return st.sampled_from([u for u in g if u.level is Level.COMMUNE])

    return st.deferred(build)


def units(
    *, level: Level | None = None, gazetteer: Gazetteer | None = None
) -> st.SearchStrategy[AdministrativeUnit]:
    """Any unit of a gazetteer (the official one), optionally of one level.

    Raises:
        InvalidValueError: If ``level`` is not ``None``, province or commune (the only levels
            units have since 1 July 2025).
    """
    if level is not None:
        if not (isinstance(level, str) and level in _UNIT_LEVELS):
            raise InvalidValueError("level", level, "must be None, province or commune")
        level = _UNIT_LEVELS[level]
    if level is Level.PROVINCE:
        return provinces(gazetteer=gazetteer)
    if level is Level.COMMUNE:
        return communes(gazetteer=gazetteer)
    return st.deferred(lambda: st.sampled_from(list(_gazetteer(gazetteer))))


def _words() -> st.SearchStrategy[str]:
    word = st.text(alphabet=VIETNAMESE_LETTERS, min_size=1, max_size=7)
    return st.lists(word.map(str.capitalize), min_size=1, max_size=3).map(" ".join)


def unit_names(kind: UnitKind | None = None) -> st.SearchStrategy[str]:
    """Made-up unit names with Vietnamese letters and tones, e.g. ``"Phường Hòa Đắk"``."""
    kinds = st.just(kind) if kind is not None else st.sampled_from(UnitKind)
    return st.builds(lambda k, words: f"{k.label} {words}", kinds, _words())


@st.composite
def gazetteers(draw: st.DrawFn, *, max_provinces: int = 3, max_communes: int = 8) -> Gazetteer:
    """Small made-up gazetteers: a few provinces with unique codes and made-up names."""
    province_codes = draw(
        st.lists(
            st.integers(1, 99).map("{:02d}".format),
            min_size=1,
            max_size=max_provinces,
            unique=True,
        )
    )
    units_: list[AdministrativeUnit] = []
    for code in province_codes:
        kind = draw(st.sampled_from(_PROVINCE_KINDS))
        units_.append(AdministrativeUnit(code, draw(unit_names(kind)), kind))
    commune_codes = draw(
        st.lists(st.integers(1, 99999).map("{:05d}".format), max_size=max_communes, unique=True)
    )
    for code in commune_codes:
        kind = draw(st.sampled_from(_COMMUNE_KINDS))
        parent = draw(st.sampled_from(province_codes))
        units_.append(AdministrativeUnit(code, draw(unit_names(kind)), kind, parent))
    return Gazetteer(units_, source="generated")


def agency_codes(*, layout: AgencyCodeLayout | None = None) -> st.SearchStrategy[AgencyCode]:
    """Well-formed electronic agency identifiers (Decision 20/2020/QĐ-TTg), either layout."""
    level1 = st.builds(
        "{}{:02d}".format, st.sampled_from(string.ascii_uppercase[:25]), st.integers(0, 99)
    )
    group = st.text(alphabet=string.digits + string.ascii_uppercase, min_size=1, max_size=3)
    level_first = st.builds(
        AgencyCode,
        level1,
        st.lists(group, max_size=4).map(tuple),
        st.just(AgencyCodeLayout.LEVEL_FIRST),
    )

    @st.composite
    def qcvn(draw: st.DrawFn) -> AgencyCode:
        depth = draw(st.integers(0, 3))
        groups = []
        for index, width in enumerate((2, 2, 3)):
            if index < depth:
                groups.append(f"{draw(st.integers(1, 10**width - 1)):0{width}d}")
            else:
                groups.append("0" * width)
        return AgencyCode(draw(level1), tuple(groups), AgencyCodeLayout.QCVN_102)

    if layout is AgencyCodeLayout.LEVEL_FIRST:
        return level_first
    if layout is AgencyCodeLayout.QCVN_102:
        return qcvn()
    return st.one_of(level_first, qcvn())


def dossier_codes() -> st.SearchStrategy[DossierCode]:
    """Well-formed dossier codes (mã hồ sơ), ``<agency>-YYMMDD-XXXX`` or the 2026 layout."""
    return st.one_of(
        st.builds(
            DossierCode,
            agency_codes(),
            st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
            st.integers(1, 9999),
            st.just(DossierCodeLayout.CIRCULAR_01_2018),
        ),
        st.builds(
            DossierCode,
            agency_codes(),
            st.dates(dt.date(2000, 1, 1), dt.date(9999, 12, 31)),
            st.integers(1, 9_999_999),
            st.just(DossierCodeLayout.NPSP_2026),
        ),
    )


_AUTHORITY_PREFIX = {
    AuthorityKind.PEOPLES_COMMITTEE: "Ủy ban nhân dân",
    AuthorityKind.CHAIRMAN: "Chủ tịch Ủy ban nhân dân",
    AuthorityKind.VICE_CHAIRMAN: "Phó Chủ tịch Ủy ban nhân dân",
    AuthorityKind.DEPARTMENT: "Sở Tư pháp",
    AuthorityKind.SPECIALISED_OFFICE: "Phòng Văn hóa - Xã hội",
    AuthorityKind.SERVICE_CENTRE: "Trung tâm Phục vụ hành chính công",
    AuthorityKind.CIVIL_SERVANT: "Công chức Ủy ban nhân dân",
    AuthorityKind.OTHER: "Công an",
}


def authorities(
    *, kinds: list[AuthorityKind] | None = None, gazetteer: Gazetteer | None = None
) -> st.SearchStrategy[Authority]:
    """Authorities (cơ quan có thẩm quyền) of units of a gazetteer (the official one).

    A department serves a province, a specialised office a commune; a ministry serves the
    whole country (empty ``unit_code``).
    """

    @st.composite
    def build(draw: st.DrawFn) -> Authority:
        kind = draw(st.sampled_from(kinds or list(AuthorityKind)))
        agency = draw(st.none() | agency_codes().map(str))
        if kind is AuthorityKind.MINISTRY:
            return Authority("bo-tu-phap", "Bộ Tư pháp", kind, "", agency_code=agency)
        level = {
            AuthorityKind.DEPARTMENT: Level.PROVINCE,
            AuthorityKind.SPECIALISED_OFFICE: Level.COMMUNE,
            AuthorityKind.CIVIL_SERVANT: Level.COMMUNE,
        }.get(kind)
        unit = draw(units(level=level, gazetteer=gazetteer))
        name = f"{_AUTHORITY_PREFIX[kind]} {unit.name[0].lower()}{unit.name[1:]}"
        return Authority(f"{kind}-{unit.code}", name, kind, unit.code, agency_code=agency)

    return build()
