"""The gazetteer (danh mục đơn vị hành chính): units by code, by province and by name.

:meth:`Gazetteer.vietnam` reads the shipped unit tables on first use (the pre-2025 table only
when history is first asked for), so nothing here runs at import time.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Iterable, Iterator

import attrs

from adminflow.errors import (
    AmbiguousUnitError,
    InvalidValueError,
    NotFoundError,
    Problem,
    ValidationError,
)
from adminflow.jurisdictions._data import data_version, load_vietnam
from adminflow.jurisdictions._history import LegacyUnit, UnitHistory, load_history
from adminflow.jurisdictions._search import fold, tone_key
from adminflow.jurisdictions._units import AdministrativeUnit, Level, UnitKind, check_unit_code

__all__ = ["Gazetteer", "SearchEntry", "SearchIndex"]


@attrs.frozen
class SearchEntry:
    """A unit with its folded names, prepared for search.

    Word-prefix tests use padded strings: a word of ``" " + full`` starts with ``q`` exactly when
    ``" " + q`` occurs in it, which keeps a query to a few substring searches per unit.
    """

    unit: AdministrativeUnit
    full: str  # folded full name
    short: str  # folded name without the kind word
    accents: str  # tone keys of both names, to prefer matching diacritics
    padded: str  # " " + full
    padded_context: str  # " " + full + " " + folded name of the province

    def tier(self, query: str, words: list[str]) -> int | None:
        """Rank of the match (0 exact … 4 words in name and province), ``None`` if none."""
        if query in (self.full, self.short, self.unit.code):
            return 0
        if self.full.startswith(query) or self.short.startswith(query):
            return 1
        if query in self.full:
            return 2
        if all(f" {q}" in self.padded for q in words):
            return 3
        if all(f" {q}" in self.padded_context for q in words):
            return 4
        return None


class SearchIndex:
    """Search entries plus one text holding every entry's words, to find candidates quickly.

    Every match (short of a code match) contains each query word somewhere in the unit's name
    or its province's name, so only entries where the longest query word occurs are ranked.
    """

    def __init__(self, entries: list[SearchEntry]) -> None:
        self.entries = entries
        self._by_code = {entry.unit.code: entry for entry in entries}
        self._starts: list[int] = []
        offset = 0
        for entry in entries:
            self._starts.append(offset)
            offset += len(entry.padded_context) + 1
        self._text = "\n".join(entry.padded_context for entry in entries)

    def candidates(self, query: str, words: list[str]) -> list[SearchEntry]:
        """Entries that may match ``query``, in index order."""
        longest = max(words, key=len)
        found: dict[int, None] = {}
        position = self._text.find(longest)
        while position != -1:
            index = bisect.bisect_right(self._starts, position) - 1
            found[index] = None
            if index + 1 == len(self._starts):
                break
            position = self._text.find(longest, self._starts[index + 1])
        candidates = [self.entries[i] for i in found]
        by_code = self._by_code.get(query)
        if by_code is not None and by_code not in candidates:
            candidates.append(by_code)
        return candidates


class Gazetteer:
    """A gazetteer (danh mục đơn vị hành chính): units by code, by province and by name.

    Build the official one with :meth:`vietnam`, or your own from any units (for tests or a
    single province). Lookups by code are dictionary lookups; :meth:`search` scans a folded
    index built on first use. The official one also knows the units in force before 1 July
    2025 and what became of them (:meth:`successors`, :meth:`predecessors`,
    :meth:`unit_for_legacy_address`); a gazetteer of your own has no such history.

    Args:
        units: The units; every commune's province must be among them.
        source: A description of where the units come from.

    Raises:
        InvalidValueError: If ``units`` is not iterable or ``source`` is not a string.
        ValidationError: Listing every duplicate code, missing province or non-unit item.

    Examples:
        >>> hanoi = AdministrativeUnit("01", "Thành phố Hà Nội", UnitKind.CITY)
        >>> ward = AdministrativeUnit("00070", "Phường Hoàn Kiếm", UnitKind.WARD, "01")
        >>> g = Gazetteer([hanoi, ward])
        >>> g.parent("00070").name
        'Thành phố Hà Nội'
        >>> [u.code for u in g.search("phuong hoan kiem")]
        ['00070']
    """

    def __init__(self, units: Iterable[AdministrativeUnit], *, source: str = "custom") -> None:
        if not isinstance(source, str):
            raise InvalidValueError("source", source, "must be a string")
        given: object = units
        if isinstance(given, str | bytes) or not isinstance(given, Iterable):
            raise InvalidValueError("units", given, "must be an iterable of AdministrativeUnit")
        self.source = source
        by_code: dict[str, AdministrativeUnit] = {}
        problems: list[Problem] = []
        items: list[object] = list(units)
        for index, unit in enumerate(items):
            if not isinstance(unit, AdministrativeUnit):
                problems.append(Problem(f"units[{index}]", f"not an AdministrativeUnit: {unit!r}"))
            elif unit.code in by_code:
                problems.append(Problem(f"units[{index}].code", f"duplicate code {unit.code!r}"))
            else:
                by_code[unit.code] = unit
        communes: dict[str, list[AdministrativeUnit]] = {}
        for index, unit in enumerate(items):
            if not isinstance(unit, AdministrativeUnit) or unit.parent_code is None:
                continue
            parent = by_code.get(unit.parent_code)
            if parent is None or parent.level is not Level.PROVINCE:
                problems.append(
                    Problem(f"units[{index}].parent_code", f"no province {unit.parent_code!r}")
                )
            communes.setdefault(unit.parent_code, []).append(unit)
        if problems:
            raise ValidationError(problems, source=source)
        ordered = sorted(by_code.values(), key=lambda u: (-u.level.rank, u.code))
        self._by_code = {unit.code: unit for unit in ordered}
        self._provinces = tuple(u for u in ordered if u.level is Level.PROVINCE)
        self._communes = {
            p.code: tuple(sorted(communes.get(p.code, ()), key=lambda u: u.code))
            for p in self._provinces
        }
        self._index: SearchIndex | None = None
        self._history_loader: Callable[[], UnitHistory] | None = None

    @classmethod
    def vietnam(cls) -> Gazetteer:
        """The 34 provinces and 3,321 commune-level units in force since 1 July 2025.

        The codes are the official ones of Decision 19/2025/QĐ-TTg (see :attr:`data_version`
        for the source and its date). The table is read on the first call and cached; the
        units before 1 July 2025 (:meth:`successors`, :meth:`predecessors`,
        :meth:`unit_for_legacy_address` ...) are read the first time they are asked for.

        References:
            NA Resolution 202/2025/QH15 (34 provincial units); the 34 NASC resolutions on
            commune-level units; Decision 19/2025/QĐ-TTg (codes).

        Examples:
            >>> g = Gazetteer.vietnam()
            >>> len(g.provinces()), len(g) - len(g.provinces())
            (34, 3321)
        """
        return _vietnam()

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self) -> Iterator[AdministrativeUnit]:
        """Provinces in code order, then commune-level units in code order."""
        return iter(self._by_code.values())

    def __contains__(self, item: object) -> bool:
        """Whether a code (or a unit, compared by value) is in the gazetteer."""
        if isinstance(item, AdministrativeUnit):
            return self._by_code.get(item.code) == item
        return isinstance(item, str) and item in self._by_code

    def __repr__(self) -> str:
        return f"<Gazetteer {self.source}: {len(self._provinces)} provinces, {len(self)} units>"

    def get(self, code: object) -> AdministrativeUnit | None:
        """The unit with this code, or ``None``."""
        return self._by_code.get(code) if isinstance(code, str) else None

    def unit(self, code: str) -> AdministrativeUnit:
        """The unit (province or commune-level) with this code.

        Raises:
            InvalidValueError: If ``code`` is not 2 or 5 digits.
            NotFoundError: If no unit has this code.

        Examples:
            >>> Gazetteer.vietnam().unit("00070").name
            'Phường Hoàn Kiếm'
        """
        unit = self._by_code.get(check_unit_code(code))
        if unit is None:
            raise NotFoundError("administrative unit", code, hint=self.source)
        return unit

    def province(self, code: str) -> AdministrativeUnit:
        """The province (tỉnh or thành phố trực thuộc trung ương) with this 2-digit code.

        Raises:
            InvalidValueError: If ``code`` is not 2 or 5 digits.
            NotFoundError: If no province has this code (a commune's code included).

        Examples:
            >>> Gazetteer.vietnam().province("56").name
            'Tỉnh Khánh Hòa'
        """
        unit = self._by_code.get(check_unit_code(code))
        if unit is None or unit.level is not Level.PROVINCE:
            raise NotFoundError("province", code, hint=self.source)
        return unit

    def provinces(self) -> tuple[AdministrativeUnit, ...]:
        """All provinces, in code order."""
        return self._provinces

    def communes_of(self, province_code: str) -> tuple[AdministrativeUnit, ...]:
        """The commune-level units (xã, phường, đặc khu) of a province, in code order.

        Raises:
            InvalidValueError: If ``province_code`` is not 2 or 5 digits.
            NotFoundError: If no province has this code.
        """
        return self._communes[self.province(province_code).code]

    def parent(self, code: str) -> AdministrativeUnit | None:
        """The province of a commune-level unit; ``None`` for a province.

        Raises:
            InvalidValueError: If ``code`` is not 2 or 5 digits.
            NotFoundError: If no unit has this code.
        """
        parent_code = self.unit(code).parent_code
        return None if parent_code is None else self._by_code[parent_code]

    def counts(self) -> dict[UnitKind, int]:
        """How many units of each kind the gazetteer holds."""
        counts = dict.fromkeys(UnitKind, 0)
        for unit in self._by_code.values():
            counts[unit.kind] += 1
        return counts

    def search(
        self, text: str, *, limit: int = 10, level: Level | None = None
    ) -> list[AdministrativeUnit]:
        """Find units by name, ignoring case, diacritics and tone-mark placement.

        ``"khanh hoa"`` finds Tỉnh Khánh Hòa, ``"Phuong Hoan Kiem"`` Phường Hoàn Kiếm, ``"Hoà"``
        matches ``"Hòa"`` and ``"d"`` matches ``"đ"``. A name matches with or without the word
        of its kind. Results are ranked: exact name (or code) matches, then names starting with
        the text, then names containing it, then names holding every word of it, then units
        whose name together with their province's name holds every word ("hoan kiem ha noi").
        Within a rank, matching diacritics come first, then provinces before communes, shorter
        names, lower codes: the order is deterministic.

        Args:
            text: What to look for.
            limit: Most results returned (at least 1).
            level: Only units of this level (:attr:`Level.PROVINCE` or :attr:`Level.COMMUNE`).

        Returns:
            The matching units, best first.

        Raises:
            InvalidValueError: If ``text`` is blank, ``limit`` < 1 or ``level`` is not a Level.

        Examples:
            >>> [u.name for u in Gazetteer.vietnam().search("khanh hoa", limit=1)]
            ['Tỉnh Khánh Hòa']
        """
        if not isinstance(text, str) or not fold(text):
            raise InvalidValueError("text", text, "must contain letters or digits")
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise InvalidValueError("limit", limit, "must be an integer >= 1")
        if level is not None and not isinstance(level, Level):
            raise InvalidValueError("level", level, "must be a Level or None")
        query = fold(text)
        words = list(dict.fromkeys(query.split()))  # a repeated word adds nothing
        accents = tone_key(text)
        ranked: list[tuple[tuple[int, int, int, int, str], AdministrativeUnit]] = []
        for entry in self._search_index().candidates(query, words):
            unit = entry.unit
            if level is not None and unit.level is not level:
                continue
            tier = entry.tier(query, words)
            if tier is None:
                continue
            mismatch = 0 if accents in entry.accents else 1
            key = (tier, mismatch, -unit.level.rank, len(entry.full), unit.code)
            ranked.append((key, unit))
        ranked.sort(key=lambda pair: pair[0])
        return [unit for _, unit in ranked[:limit]]

    @property
    def data_version(self) -> str:
        """Where the units come from and as of when (the ``source`` of your own gazetteer).

        Examples:
            >>> Gazetteer.vietnam().data_version
            'vietnamadminunits 1.0.4, data of 2025-08-23 (codes of Decision 19/2025/QĐ-TTg)'
        """
        return self.source

    # --- Units before 1 July 2025 ------------------------------------------------------------

    def legacy_unit(self, old_code: str) -> LegacyUnit:
        """The province, district or commune with this code before 1 July 2025.

        Raises:
            InvalidValueError: If ``old_code`` is not 2, 3 or 5 digits.
            NotFoundError: If no unit had this code on 30 June 2025, or the gazetteer has no
                pre-2025 data (only :meth:`vietnam` has).

        Examples:
            >>> Gazetteer.vietnam().legacy_unit("574").name
            'Huyện Diên Khánh'
        """
        return self._history().unit(old_code)

    def legacy_provinces(self) -> tuple[LegacyUnit, ...]:
        """The 63 provinces in force before 1 July 2025, in code order.

        Raises:
            NotFoundError: If the gazetteer has no pre-2025 data (only :meth:`vietnam` has).
        """
        return self._history().children.get(None, ())

    def legacy_districts(self, old_province_code: str) -> tuple[LegacyUnit, ...]:
        """The districts (quận, huyện, thị xã, thành phố) of a province before 1 July 2025.

        Raises:
            InvalidValueError: If the code is not 2, 3 or 5 digits.
            NotFoundError: If no province had this code on 30 June 2025.
        """
        return self._history().children_of(old_province_code, Level.DISTRICT)

    def legacy_communes(self, district_code: str) -> tuple[LegacyUnit, ...]:
        """The communes (xã, phường, thị trấn) of a district before 1 July 2025.

        Raises:
            InvalidValueError: If the code is not 2, 3 or 5 digits.
            NotFoundError: If no district had this code on 30 June 2025.

        Examples:
            >>> [u.code for u in Gazetteer.vietnam().legacy_communes("574")][:3]
            ['22651', '22654', '22657']
        """
        return self._history().children_of(district_code, Level.COMMUNE)

    def successors(self, old_code: str) -> tuple[AdministrativeUnit, ...]:
        """Today's units that took over a unit in force before 1 July 2025.

        A commune that went whole into a new unit has one successor. A commune divided between
        several units has each of them, the first being the one the source found nearest to
        the old commune's centre (a geographic guess, not a legal fact). An old province has
        the province it merged into; a district has the successors of its communes (an island
        district without communes has its special zone).

        Raises:
            InvalidValueError: If ``old_code`` is not 2, 3 or 5 digits.
            NotFoundError: If no unit had this code on 30 June 2025.

        References:
            Decision 19/2025/QĐ-TTg, Art. 3 (a merged unit keeps the code of the unit hosting
            its People's Committee seat); NA Resolution 202/2025/QH15; the NASC resolutions
            rearranging each province's communes.

        Examples:
            >>> [u.name for u in Gazetteer.vietnam().successors("30")]
            ['Thành phố Hải Phòng']
        """
        return tuple(self._by_code[c] for c in self._history().successor_codes(old_code))

    def successor(self, old_code: str) -> AdministrativeUnit:
        """The one unit that took over a unit in force before 1 July 2025.

        Raises:
            InvalidValueError: If ``old_code`` is not 2, 3 or 5 digits.
            NotFoundError: If no unit had this code on 30 June 2025.
            AmbiguousUnitError: If it was divided between several units (a district, or one
                of the 471 divided communes): use :meth:`successors`, or the street address.

        Examples:
            >>> Gazetteer.vietnam().successor("22690").name  # Xã Diên Toàn, Diên Khánh
            'Xã Diên Khánh'
        """
        units = self.successors(old_code)
        if len(units) > 1:
            raise AmbiguousUnitError(
                "old_code",
                old_code,
                tuple(f"{u.code} {u.name}" for u in units),
                hint="divided on 1 July 2025; see Gazetteer.successors()",
            )
        return units[0]

    def predecessors(self, code: str) -> tuple[LegacyUnit, ...]:
        """The pre-2025 units (whole or in part) that a unit of today was formed from.

        For a commune-level unit, its old communes in code order (or, for a special zone made
        of an island district without communes, that district); for a province, the old
        provinces merged into it.

        Raises:
            InvalidValueError: If ``code`` is not 2 or 5 digits.
            NotFoundError: If no unit has this code today.

        Examples:
            >>> [u.name for u in Gazetteer.vietnam().predecessors("22651")]
            ['Thị trấn Diên Khánh', 'Xã Diên Toàn', 'Xã Diên An']
        """
        unit = self.unit(code)
        history = self._history()
        return tuple(history.by_code[c] for c in history.predecessors.get(unit.code, ()))

    def find_legacy(
        self, *, province: str, district: str | None = None, commune: str | None = None
    ) -> LegacyUnit:
        """The pre-2025 unit named by an old address: a commune, or a district if no commune.

        Names match ignoring case, diacritics and the kind word (``"dien toan"`` finds Xã Diên
        Toàn); a code works too. The district may be left out when the commune's name is
        unique in the province.

        Raises:
            InvalidValueError: If a given name is blank or not a string.
            NotFoundError: If no such unit existed on 30 June 2025.
            AmbiguousUnitError: If several units answer (give the district).

        Examples:
            >>> g = Gazetteer.vietnam()
            >>> g.find_legacy(province="Khánh Hòa", district="Diên Khánh", commune="Diên Toàn").code
            '22690'
        """
        history = self._history()
        old_province = history.find(province, field="province", parent=None, level=Level.PROVINCE)
        old_district = None
        if district is not None:
            old_district = history.find(
                district, field="district", parent=old_province, level=Level.DISTRICT
            )
        if commune is None:
            if old_district is None:
                raise InvalidValueError("commune", commune, "give a commune or a district")
            return old_district
        return history.find(
            commune, field="commune", parent=old_district or old_province, level=Level.COMMUNE
        )

    def unit_for_legacy_address(
        self, *, province: str, district: str | None = None, commune: str
    ) -> AdministrativeUnit:
        """The unit of today that a pre-1-July-2025 address (commune, district, province) is in.

        ``find_legacy`` then ``successor``: an address in a commune that went whole into a new
        unit resolves; one in a divided commune raises, because only the street tells which
        part it lies in.

        Raises:
            InvalidValueError: If a name is blank or not a string.
            NotFoundError: If the old unit is unknown.
            AmbiguousUnitError: If the names fit several old units, or the commune was divided.

        Examples:
            >>> Gazetteer.vietnam().unit_for_legacy_address(
            ...     province="Khánh Hòa", district="Diên Khánh", commune="Xã Diên Toàn").name
            'Xã Diên Khánh'
        """
        return self.successor(
            self.find_legacy(province=province, district=district, commune=commune).code
        )

    def _history(self) -> UnitHistory:
        if self._history_loader is None:
            raise NotFoundError(
                "pre-2025 data", self.source, hint="only Gazetteer.vietnam() carries unit history"
            )
        return self._history_loader()

    def _search_index(self) -> SearchIndex:
        if self._index is None:
            self._index = SearchIndex([self._entry(unit) for unit in self._by_code.values()])
        return self._index

    def _entry(self, unit: AdministrativeUnit) -> SearchEntry:
        full, short = fold(unit.name), fold(unit.short_name)
        accents = f"{tone_key(unit.name)}|{tone_key(unit.short_name)}"
        context = f" {full}"
        if unit.parent_code is not None:
            context = f"{context} {fold(self._by_code[unit.parent_code].name)}"
        return SearchEntry(unit, full, short, accents, f" {full}", context)


@functools.cache
def _vietnam() -> Gazetteer:
    gazetteer = Gazetteer(load_vietnam(), source=data_version())
    gazetteer._history_loader = _vietnam_history
    return gazetteer


@functools.cache
def _vietnam_history() -> UnitHistory:
    return load_history()
