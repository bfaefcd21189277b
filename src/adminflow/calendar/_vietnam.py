"""The days off and worked weekend days of Vietnam's civil service, with their legal sources.

The dates come from the ``holidays`` package (``holidays.Vietnam``), which already knows the
lunar holidays, the days off in lieu and the yearly swapped days; this module does not retype
them. It only classifies each date and attaches the legal source that makes it a day off or a
working day. It is imported lazily, on the first question asked of a Vietnamese calendar.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from holidays.countries.vietnam import Vietnam

from adminflow.calendar._types import DayKind, DayNote

__all__ = ["vietnam_day_notes"]

#: Who announces each year's Tết days, the adjacent National Day day and swapped days.
GENERIC_NOTICE = (
    "the yearly announcement under Labour Code 2019 Art. 112(3) (by the Minister of Home Affairs "
    "since Decree 128/2025/NĐ-CP Art. 7(2); by the labour ministry before)"
)

#: Instruments that fixed the Tết days of a year (Labour Code 2019 Art. 112(3)).
TET_NOTICES: dict[int, str] = {
    2025: "Notice 6150/TB-BLĐTBXH (2024) on Tết 2025, under Labour Code 2019 Art. 112(3)",
    2026: "Notice 9441/TB-BNV of 16 Oct 2025, under Labour Code 2019 Art. 112(3)",
    2027: "Official Letter 10065/VPCP-KGVX of 2 Oct 2026, under Labour Code 2019 Art. 112(3)",
}

#: Instruments that fixed the second National Day day of a year (Labour Code 2019 Art. 112(3)).
NATIONAL_DAY_NOTICES: dict[int, str] = {
    2026: "Notice 9441/TB-BNV of 16 Oct 2025, under Labour Code 2019 Art. 112(3)",
    2027: "Official Letter 10065/VPCP-KGVX of 2 Oct 2026, under Labour Code 2019 Art. 112(3)",
}

#: Instruments that swapped a working day with a weekend day in a year.
SWAP_NOTICES: dict[int, str] = {
    2024: (
        "Official Letter 2450/VPCP-KGVX of 12 Apr 2024 (Prime Minister's approval of the swap), "
        "under Labour Code 2019 Art. 112(3)"
    ),
    2025: (
        "Government announcement of the 2025 Reunification Day / Labour Day swap (reported by "
        "en.baochinhphu.vn), under Labour Code 2019 Art. 112(3)"
    ),
    2026: "Notice 9441/TB-BNV of 16 Oct 2025, under Labour Code 2019 Art. 112(3)",
}

#: Swaps announced for the civil service that the installed ``holidays`` release may not carry
#: yet: (day off, weekend day worked, instrument). Each is added only when ``holidays`` does not
#: already know it, so a newer ``holidays`` release that adds it changes nothing.
ANNOUNCED_SWAPS: tuple[tuple[dt.date, dt.date, str], ...] = (
    (
        dt.date(2026, 1, 2),
        dt.date(2026, 1, 10),
        "Official Letter 12729/VPCP-KGVX of 25 Dec 2025 (Deputy Prime Minister's approval of the "
        "Ministry of Home Affairs' proposal: New Year 2026 off Thu 1 - Sun 4 Jan, Fri 2 Jan "
        "swapped with Sat 10 Jan), under Labour Code 2019 Art. 112(3)",
    ),
)

GENERIC_NOTICE_BEFORE_2021 = (
    "the yearly announcement of the Government / labour ministry under the Labour Code "
    "then in force"
)


def _notice(table: dict[int, str], year: int) -> str:
    """The recorded instrument of ``year``, else the generic description of the announcement."""
    if year in table:
        return table[year]
    return GENERIC_NOTICE if year >= 2021 else GENERIC_NOTICE_BEFORE_2021


#: The day off in lieu of Culture Day follows the ``holidays`` package. Labour Code 2019
#: Art. 111(3) grants a day in lieu only for the holidays of Art. 112(1); Resolution
#: 28/2026/QH16 adds 24 November as a paid day off, and whether it amends Art. 112(1) or
#: provides a day in lieu could not be read (its text was not available to adminflow). Keeping
#: the day in lieu is the reading that errs on the applicant's side (a later deadline).
CULTURE_DAY_IN_LIEU_SOURCE = (
    "Resolution 28/2026/QH16 (in force 1 Jul 2026: 24 November a paid day off); day in lieu as "
    "given by the holidays package: Labour Code 2019 Art. 111(3) covers only the Art. 112(1) "
    "holidays, and the resolution's text on a day in lieu was not read"
)

_SWAP_LABEL = re.compile(r"substituted from (\d{2})/(\d{2})/(\d{4})")
_TET_NAMES = ("Lunar New Year", "Day of Lunar New Year", "29 of Lunar New Year")


def _labour_code(year: int) -> tuple[str, str]:
    """The holiday article and the in-lieu article of the Labour Code in force in ``year``."""
    if year >= 2021:
        return "Labour Code 2019 (45/2019/QH14) Art. 112(1)", "Labour Code 2019 Art. 111(3)"
    if year >= 2013:
        return "Labour Code 2012 (10/2012/QH13) Art. 115(1)", "Labour Code 2012 Art. 115(3)"
    return "Labour Code 1994 Art. 73 (as amended)", "Labour Code 1994 Art. 73 (as amended)"


def _fmt(day: dt.date) -> str:
    return day.strftime("%a %d %b %Y")


def _classify(day: dt.date, english: str, vietnamese: str) -> DayNote:
    """One day off of the ``holidays`` data, classified and with its source."""
    year = day.year
    holiday_article, in_lieu_article = _labour_code(year)
    name = f"{english} ({vietnamese})" if vietnamese and vietnamese != english else english
    swap = _SWAP_LABEL.search(english)
    if swap:
        month, dom, swap_year = (int(g) for g in swap.groups())
        worked = dt.date(swap_year, month, dom)
        return DayNote(
            day,
            DayKind.SWAPPED_OFF,
            f"day off swapped with {_fmt(worked)}, which is worked ({vietnamese})",
            _notice(SWAP_NOTICES, year),
        )
    if english.startswith("Vietnam Cultural Day"):
        if "(observed" in english:
            return DayNote(
                day,
                DayKind.SUBSTITUTE,
                f"day off in lieu: {name}",
                CULTURE_DAY_IN_LIEU_SOURCE,
            )
        return DayNote(
            day,
            DayKind.HOLIDAY,
            f"public holiday: {name}",
            "Resolution 28/2026/QH16 (in force 1 Jul 2026): 24 November, Vietnam Culture Day",
        )
    if "(observed" in english:
        return DayNote(day, DayKind.SUBSTITUTE, f"day off in lieu: {name}", in_lieu_article)
    if any(part in english for part in _TET_NAMES):
        notice = _notice(TET_NOTICES, year)
        return DayNote(
            day,
            DayKind.HOLIDAY,
            f"Tết holiday: {name}",
            f"{holiday_article} (Tết); the days are fixed by {notice}",
        )
    if english.startswith("National Day") and (day.month, day.day) != (9, 2):
        notice = _notice(NATIONAL_DAY_NOTICES, year)
        return DayNote(
            day,
            DayKind.HOLIDAY,
            f"public holiday: {name}, the day adjacent to 2 September",
            f"{holiday_article}; the adjacent day is fixed by {notice}",
        )
    return DayNote(day, DayKind.HOLIDAY, f"public holiday: {name}", holiday_article)


def vietnam_day_notes(first_year: int, last_year: int) -> Iterator[DayNote]:
    """Every day off and worked weekend day of the civil service in the years given.

    Args:
        first_year: First calendar year, inclusive.
        last_year: Last calendar year, inclusive.

    Yields:
        A :class:`~adminflow.calendar.DayNote` per holiday, day off in lieu, swapped day off and
        worked (make-up) weekend day.

    References:
        Labour Code 2019 Art. 111(3) and 112; Resolution 28/2026/QH16; the yearly announcements
        under Art. 112(3) listed in this module.
    """
    years = range(first_year, last_year + 1)
    english = Vietnam(years=years, language="en_US")  # type: ignore[no-untyped-call]
    vietnamese = Vietnam(years=years, language="vi")  # type: ignore[no-untyped-call]
    for day, name in sorted(english.items()):
        if first_year <= day.year <= last_year:
            yield _classify(day, name, vietnamese.get(day, ""))
    known_worked = set(english.weekend_workdays)
    notes = []
    for off, worked, source in ANNOUNCED_SWAPS:
        if worked not in known_worked and off not in english:
            notes += [
                DayNote(
                    off,
                    DayKind.SWAPPED_OFF,
                    f"day off swapped with {_fmt(worked)}, which is worked",
                    source,
                ),
                DayNote(
                    worked,
                    DayKind.SWAPPED_WORKDAY,
                    f"weekend day worked (làm bù), in exchange for {_fmt(off)} off",
                    source,
                ),
            ]
    for day in sorted(known_worked):
        label = day.strftime("%m/%d/%Y")  # as in the "substituted from" names of ``holidays``
        swapped = [d for d, n in english.items() if label in n]
        partner = f", in exchange for {_fmt(swapped[0])} off" if swapped else ""
        notes.append(
            DayNote(
                day,
                DayKind.SWAPPED_WORKDAY,
                f"weekend day worked (làm bù){partner}",
                _notice(SWAP_NOTICES, swapped[0].year if swapped else day.year),
            )
        )
    yield from (note for note in notes if first_year <= note.day.year <= last_year)
