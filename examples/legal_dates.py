"""A dossier's due date when law changes over time: versions, extensions, transfers, codes.

Run: python examples/legal_dates.py
"""

import datetime as dt

from adminflow.calendar import WorkingCalendar
from adminflow.codes import DossierCode, parse_dossier_code
from adminflow.competence import CompetenceResolver, CompetenceRules, clock_start
from adminflow.procedures import Catalog


def main() -> None:
    calendar = WorkingCalendar.vietnam()
    catalog = Catalog.sample()

    # 1. The construction permit changed on 1 July 2026: pick the version by the receipt day.
    for day in (dt.date(2026, 6, 30), dt.date(2026, 7, 1)):
        permit = catalog.get("1.013225", on=day)
        print(f"{day}: {permit.processing_time} ({permit.legal_basis[0]})")

    # 2. A certified copy with its extension: two more working days after the base limit.
    copy = catalog.get("2.000815")
    received = dt.datetime(2025, 7, 7, 15, 30, tzinfo=calendar.timezone)
    print(copy.due(received, calendar=calendar, extension=copy.extensions[0]))

    # 3. A paper dossier received by another ward after 15:00 on a Friday in September 2026.
    resolver = CompetenceResolver(CompetenceRules.example_khanh_hoa(), catalog=catalog)
    desk = dt.datetime(2026, 9, 4, 16, 0, tzinfo=calendar.timezone)
    plan = resolver.transfer("1.013225", "22333", "22366", at=desk)
    start = clock_start(desk, plan, calendar=calendar, electronic=False)
    permit = catalog.get("1.013225", on=desk.date())
    print(permit.due(desk, calendar=calendar, clock_start=start))

    # 4. Dossier codes: the 2018 layout and the layout of 2026, chosen by the receipt date.
    print(parse_dossier_code("G09.20-20260609-0092637").layout)
    for day in (dt.date(2025, 12, 31), dt.date(2026, 1, 2)):
        print(DossierCode.generate("000.00.05.H56", day, 42))


if __name__ == "__main__":
    main()
