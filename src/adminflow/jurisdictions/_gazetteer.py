"""The gazetteer (danh mục đơn vị hành chính): units by code, by province and by name.

:meth:`Gazetteer.vietnam` loads the official units lazily; :func:`load_vietnam` imports the data
package only when called, so nothing here runs at import time.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Iterator

import attrs

from adminflow.errors import InvalidValueError, NotFoundError, Problem, ValidationError
from adminflow.jurisdictions._search import clean_name, fold, tone_key
from adminflow.jurisdictions._units import AdministrativeUnit, Level, UnitKind, check_unit_code

__all__ = ["Gazetteer", "SearchEntry", "SearchIndex", "data_version", "load_vietnam"]


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


def load_vietnam() -> Iterator[AdministrativeUnit]:
    """Yield the provinces, then the commune-level units, of the ``vietnam-provinces`` package.

    Province names get their kind in front, as in Decision 19/2025/QĐ-TTg (``Tỉnh Khánh Hòa``;
    centrally-run cities already read ``Thành phố Hà Nội``).
    """
    from vietnam_provinces import Province, VietNamDivisionType, Ward

    from adminflow.jurisdictions._units import AdministrativeUnit, UnitKind

    kinds = {
        VietNamDivisionType.TINH: UnitKind.PROVINCE,
        VietNamDivisionType.THANH_PHO_TRUNG_UONG: UnitKind.CITY,
        VietNamDivisionType.XA: UnitKind.COMMUNE,
        VietNamDivisionType.PHUONG: UnitKind.WARD,
        VietNamDivisionType.DAC_KHU: UnitKind.SPECIAL_ZONE,
    }
    for province in sorted(Province.iter_all(), key=lambda p: int(p.code)):
        kind = kinds[province.division_type]
        name = clean_name(province.name)
        if kind is UnitKind.PROVINCE and not fold(name).startswith("tinh "):
            name = f"Tỉnh {name}"
        yield AdministrativeUnit(f"{int(province.code):02d}", name, kind)
    for ward in sorted(Ward.iter_all(), key=lambda w: int(w.code)):
        yield AdministrativeUnit(
            f"{int(ward.code):05d}",
            clean_name(ward.name),
            kinds[ward.division_type],
            f"{int(ward.province_code):02d}",
        )


def data_version() -> str:
    """Version and retrieval date of the ``vietnam-provinces`` data."""
    import vietnam_provinces

    version, retrieved = vietnam_provinces.__version__, vietnam_provinces.__data_version__
    return f"vietnam-provinces {version} (data {retrieved})"


class Gazetteer:
    """A gazetteer (danh mục đơn vị hành chính): units by code, by province and by name.

    Build the official one with :meth:`vietnam`, or your own from any units (for tests or a
    single province). Lookups by code are dictionary lookups; :meth:`search` scans a folded
    index built on first use.

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

    @classmethod
    def vietnam(cls) -> Gazetteer:
        """The 34 provinces and 3,321 commune-level units in force since 1 July 2025.

        Data from the ``vietnam-provinces`` package, loaded on the first call and cached.

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
    return Gazetteer(load_vietnam(), source=data_version())
