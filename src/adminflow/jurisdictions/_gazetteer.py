"""Private helpers of the gazetteer: text folding for search and the vietnam-provinces loader.

Nothing here runs at import time; :func:`load_vietnam` imports ``vietnam_provinces`` when called.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from adminflow.jurisdictions._units import AdministrativeUnit

#: Combining marks that carry a Vietnamese tone (thanh điệu): huyền, sắc, ngã, hỏi, nặng.
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_APOSTROPHES = re.compile(r"['’‘`ʼ]")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


#: Letters written for đ/Đ: đ itself, and the look-alikes legacy encodings and keyboards produce
#: (Icelandic eth Ð/ð, African D Ɖ/ɖ), none of which decompose to d.
_D_LIKE = str.maketrans(dict.fromkeys("đĐðÐɖƉ", "d"))


def fold(text: str) -> str:
    """Fold text for search: no diacritics, đ as d, lower case, words split by single spaces.

    Compatibility forms are folded too (full-width ``ｈａ`` is ``ha``). Apostrophes vanish
    (``M’Drắk`` -> ``mdrak``); other punctuation separates words.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.translate(_D_LIKE).casefold()
    stripped = _APOSTROPHES.sub("", stripped)
    return _NOT_WORD.sub(" ", stripped).strip()


def tone_key(text: str) -> str:
    """Lower-case text whose tone marks are moved to the end of each word.

    The old (``Hoà``) and new (``Hòa``) tone placements give the same key, while ``Hoa`` and
    ``Hòa`` stay different. Used to prefer results whose diacritics match the query.
    """
    words = []
    for word in unicodedata.normalize("NFD", text.casefold()).split():
        tones = "".join(sorted(c for c in word if c in _TONE_MARKS))
        base = unicodedata.normalize("NFC", "".join(c for c in word if c not in _TONE_MARKS))
        words.append(base + tones)
    return " ".join(words)


def clean_name(name: str) -> str:
    """NFC-normalise a name and collapse runs of whitespace (the package has a few doubles)."""
    return " ".join(unicodedata.normalize("NFC", name).split())


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
