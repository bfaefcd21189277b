"""Units before 1 July 2025 and what became of them (Decision 19/2025/QĐ-TTg, Art. 3).

On 1 July 2025 the 63 provinces became 34, the 696 district-level units were no longer
organised and the 10,035 communes were rearranged into 3,321 commune-level units. A merged unit
took the code of the unit hosting its People's Committee seat; the other codes were closed and
are never reissued (Decision 19/2025/QĐ-TTg, Art. 3). Most old communes went whole into one
new unit; 471 were divided between two to five. Five island districts without communes became
special zones (đặc khu).

The data (``adminflow/data/units_before_2025.tsv``) is read on first use; see
:mod:`adminflow.jurisdictions._data` for its provenance.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping

import attrs

from adminflow.errors import AmbiguousUnitError, InvalidValueError, NotFoundError
from adminflow.jurisdictions._data import UNITS_BEFORE_2025, read_table
from adminflow.jurisdictions._search import clean_name, fold
from adminflow.jurisdictions._units import Level

__all__ = ["LegacyKind", "LegacyUnit", "UnitHistory", "check_old_code", "load_history"]


class LegacyKind(enum.StrEnum):
    """The kind of a unit in force before 1 July 2025 (loại đơn vị hành chính trước sắp xếp)."""

    PROVINCE = "tinh"  #: tỉnh
    CITY = "thanh_pho_truc_thuoc_trung_uong"  #: thành phố trực thuộc trung ương
    URBAN_DISTRICT = "quan"  #: quận
    RURAL_DISTRICT = "huyen"  #: huyện
    TOWN = "thi_xa"  #: thị xã
    DISTRICT_CITY = "thanh_pho"  #: thành phố thuộc tỉnh (or thuộc thành phố trực thuộc TW)
    COMMUNE = "xa"  #: xã
    WARD = "phuong"  #: phường
    TOWNSHIP = "thi_tran"  #: thị trấn

    @property
    def level(self) -> Level:
        """Province, district or commune."""
        return _LEVELS[self]

    @property
    def label(self) -> str:
        """The Vietnamese word that starts the name of such a unit, e.g. ``"Thị trấn"``."""
        return _LABELS[self]


_LEVELS = {
    LegacyKind.PROVINCE: Level.PROVINCE,
    LegacyKind.CITY: Level.PROVINCE,
    LegacyKind.URBAN_DISTRICT: Level.DISTRICT,
    LegacyKind.RURAL_DISTRICT: Level.DISTRICT,
    LegacyKind.TOWN: Level.DISTRICT,
    LegacyKind.DISTRICT_CITY: Level.DISTRICT,
    LegacyKind.COMMUNE: Level.COMMUNE,
    LegacyKind.WARD: Level.COMMUNE,
    LegacyKind.TOWNSHIP: Level.COMMUNE,
}
_LABELS = {
    LegacyKind.PROVINCE: "Tỉnh",
    LegacyKind.CITY: "Thành phố",
    LegacyKind.URBAN_DISTRICT: "Quận",
    LegacyKind.RURAL_DISTRICT: "Huyện",
    LegacyKind.TOWN: "Thị xã",
    LegacyKind.DISTRICT_CITY: "Thành phố",
    LegacyKind.COMMUNE: "Xã",
    LegacyKind.WARD: "Phường",
    LegacyKind.TOWNSHIP: "Thị trấn",
}
#: Code width of each level before 1 July 2025 (Decision 124/2004/QĐ-TTg).
_WIDTH = {Level.PROVINCE: 2, Level.DISTRICT: 3, Level.COMMUNE: 5}


#: Kind words and their usual abbreviations in written addresses (``TP``, ``Q.``, ``P.`` ...),
#: folded; dropped from the front of a name when looking an old unit up.
_KIND_WORDS = re.compile(
    r"^(?:tinh|thanh pho|tp|quan|q|huyen|h|thi xa|tx|thi tran|tt|xa|x|phuong|p|f) (?=\S)"
)
_NUMBERED = re.compile(r"^[pqf](\d+)$")  # "P1", "Q10", "F5": Phường 1, Quận 10, Phường 5


def name_key(name: str) -> str:
    """Folded name without its kind word or its abbreviation (``"TP. Hồ Chí Minh"``, ``"Q.1"``)."""
    folded = fold(name)
    numbered = _NUMBERED.match(folded)
    if numbered:
        return numbered.group(1)
    return _KIND_WORDS.sub("", folded, count=1)


def _is_digits(value: object, width: int) -> bool:
    return isinstance(value, str) and len(value) == width and value.isascii() and value.isdigit()


def check_old_code(value: object, *, field: str = "old_code") -> str:
    """Return a well-formed pre-2025 code (2, 3 or 5 digits) or raise InvalidValueError."""
    if not any(_is_digits(value, width) for width in (2, 3, 5)):
        raise InvalidValueError(
            field, value, "must be 2 (province), 3 (district) or 5 digits (commune)"
        )
    assert isinstance(value, str)
    return value


@attrs.frozen
class LegacyUnit:
    """An administrative unit as it was on 30 June 2025: a province, a district or a commune.

    Codes follow the list in force before 1 July 2025 (Decision 124/2004/QĐ-TTg and its
    updates): 2 digits for a province, 3 for a district, 5 for a commune. A commune's code may
    equal today's code of another unit, so keep old and new codes apart.

    Attributes:
        code: The pre-2025 code.
        name: Vietnamese name with its kind, e.g. ``"Thị trấn Diên Khánh"``.
        kind: Its kind (tỉnh, quận, huyện, thị xã, thành phố, xã, phường, thị trấn ...).
        parent_code: The province of a district, the district of a commune; ``None`` for a
            province.

    Raises:
        InvalidValueError: If the kind is not a LegacyKind, the name is blank, or a code does
            not fit the level (2, 3 or 5 digits; a district's parent is a province, a
            commune's a district).

    References:
        Decision 124/2004/QĐ-TTg (codes before 2025); Decision 19/2025/QĐ-TTg, Art. 3.

    Examples:
        >>> old = LegacyUnit("22651", "Thị trấn Diên Khánh", LegacyKind.TOWNSHIP, "574")
        >>> old.level, old.short_name
        (<Level.COMMUNE: 'commune'>, 'Diên Khánh')
    """

    code: str
    name: str
    kind: LegacyKind
    parent_code: str | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.kind, LegacyKind):
            raise InvalidValueError("kind", self.kind, "must be a LegacyKind")
        if not isinstance(self.name, str) or not self.name.strip():
            raise InvalidValueError("name", self.name, "must be a non-empty string")
        level = self.kind.level
        if not _is_digits(self.code, _WIDTH[level]):
            raise InvalidValueError("code", self.code, f"must be {_WIDTH[level]} digits")
        if level is Level.PROVINCE:
            if self.parent_code is not None:
                raise InvalidValueError("parent_code", self.parent_code, "must be None")
        else:
            width = 2 if level is Level.DISTRICT else 3
            if not _is_digits(self.parent_code, width):
                raise InvalidValueError(
                    "parent_code", self.parent_code, f"must be the {width}-digit parent code"
                )

    @property
    def level(self) -> Level:
        """Province, district or commune."""
        return self.kind.level

    @property
    def short_name(self) -> str:
        """The name without the word of its kind: ``"Diên Khánh"`` for ``"Huyện Diên Khánh"``."""
        label = self.kind.label
        if fold(self.name).startswith(fold(label) + " "):
            return self.name[len(label) :].strip() or self.name
        return self.name


class UnitHistory:
    """The pre-2025 units, their parents and successors: the data behind the Gazetteer's history.

    Args:
        units: Every pre-2025 unit (provinces, districts, communes).
        successors: Old code -> today's codes, the main one first, for provinces, communes and
            the island districts that had no communes.
    """

    def __init__(self, units: Iterable[LegacyUnit], successors: Mapping[str, tuple[str, ...]]):
        self.by_code: dict[str, LegacyUnit] = {}
        children: dict[str | None, list[LegacyUnit]] = {}
        for unit in units:
            self.by_code[unit.code] = unit
            children.setdefault(unit.parent_code, []).append(unit)
        self.children = {
            code: tuple(sorted(kids, key=lambda u: u.code)) for code, kids in children.items()
        }
        self.successors = dict(successors)
        predecessors: dict[str, list[str]] = {}
        for old, news in self.successors.items():
            for new in news:
                predecessors.setdefault(new, []).append(old)
        self.predecessors = {new: tuple(sorted(olds)) for new, olds in predecessors.items()}
        self._names: dict[tuple[str | None, str], list[LegacyUnit]] | None = None

    def unit(self, code: str) -> LegacyUnit:
        """The pre-2025 unit with this code (NotFoundError if none)."""
        unit = self.by_code.get(check_old_code(code))
        if unit is None:
            raise NotFoundError("unit before 1 July 2025", code)
        return unit

    def successor_codes(self, code: str) -> tuple[str, ...]:
        """Today's codes that took over an old unit, the main one first.

        A district with communes has no successor of its own: its communes' successors are
        returned, in code order.
        """
        unit = self.unit(code)
        own = self.successors.get(unit.code)
        if own:
            return own
        found = {
            new for kid in self.children.get(unit.code, ()) for new in self.successors[kid.code]
        }
        return tuple(sorted(found))

    def children_of(self, code: str, level: Level) -> tuple[LegacyUnit, ...]:
        """The districts of an old province, or the communes of a district."""
        unit = self.unit(code)
        parent_level = Level.PROVINCE if level is Level.DISTRICT else Level.DISTRICT
        if unit.level is not parent_level:
            raise NotFoundError(f"{parent_level.value} before 1 July 2025", code)
        return self.children.get(unit.code, ())

    def find(
        self, name: object, *, field: str, parent: LegacyUnit | None, level: Level
    ) -> LegacyUnit:
        """The unit of ``level`` under ``parent`` named ``name`` (or with that code)."""
        if not isinstance(name, str) or not fold(name):
            raise InvalidValueError(field, name, "must contain letters or digits")
        candidates = self._by_name(fold(name), parent, level) or self._by_name(
            name_key(name), parent, level
        )
        if not candidates and _is_digits(name.strip(), _WIDTH[level]):
            unit = self.by_code.get(name.strip())
            candidates = [unit] if unit is not None and unit.level is level else []
            if parent is not None and candidates and not self._is_under(candidates[0], parent):
                candidates = []
        if not candidates:
            where = f" in {parent.name}" if parent is not None else ""
            raise NotFoundError(f"{level.value} before 1 July 2025", f"{name}{where}")
        if len(candidates) > 1:
            raise AmbiguousUnitError(
                field,
                name,
                tuple(f"{u.code} {u.name}" for u in candidates),
                hint="give the district (or a code) to tell them apart",
            )
        return candidates[0]

    def _is_under(self, unit: LegacyUnit, parent: LegacyUnit) -> bool:
        while unit.parent_code is not None:
            if unit.parent_code == parent.code:
                return True
            unit = self.by_code[unit.parent_code]
        return False

    def _by_name(self, folded: str, parent: LegacyUnit | None, level: Level) -> list[LegacyUnit]:
        if self._names is None:
            names: dict[tuple[str | None, str], list[LegacyUnit]] = {}
            for unit in self.by_code.values():
                keys = {fold(unit.name), name_key(unit.name), fold(unit.short_name)}
                ancestors: list[str | None] = [None]
                node = unit
                while node.parent_code is not None:
                    ancestors.append(node.parent_code)
                    node = self.by_code[node.parent_code]
                for key in keys:
                    for ancestor in ancestors:
                        names.setdefault((ancestor, key), []).append(unit)
            self._names = names
        scope = None if parent is None else parent.code
        return sorted(
            (u for u in self._names.get((scope, folded), ()) if u.level is level),
            key=lambda u: u.code,
        )


def load_history() -> UnitHistory:
    """Read ``units_before_2025.tsv`` (see :mod:`adminflow.jurisdictions._data`)."""
    units = []
    successors: dict[str, tuple[str, ...]] = {}
    for code, kind, name, parent, after in read_table(UNITS_BEFORE_2025):
        units.append(LegacyUnit(code, clean_name(name), LegacyKind(kind), parent or None))
        if after:
            successors[code] = tuple(after.split(","))
    return UnitHistory(units, successors)
