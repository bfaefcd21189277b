"""Deadlines of a one-stop unit over the 30 April - 1 May 2025 holidays, explained.

Run: python examples/deadlines.py
"""

import datetime as dt

from adminflow import Closure, ProcessingTime, WorkingCalendar

calendar = WorkingCalendar.vietnam()
received = dt.datetime(2025, 4, 25, 10, 0, tzinfo=calendar.timezone)

for processing_time in (
    ProcessingTime.working_days(3),
    ProcessingTime.working_days(5),
    ProcessingTime.working_hours(8),
    ProcessingTime.same_day(),
):
    deadline = calendar.due(received, processing_time)
    print(deadline)
    print()

# A province closed its offices for a typhoon: the closure moves the deadline and is cited.
typhoon = Closure(
    dt.date(2024, 9, 9),
    name="typhoon Yagi",
    source="decision of the provincial People's Committee (example)",
)
local = WorkingCalendar.vietnam(closures=[typhoon])
deadline = local.due(
    dt.datetime(2024, 9, 6, 9, 0, tzinfo=local.timezone), ProcessingTime.working_days(1)
)
print(deadline)
assert deadline.due_on == dt.date(2024, 9, 10)

# Working time between receipt and result, for "average processing time" indicators.
result_at = dt.datetime(2025, 5, 5, 11, 30, tzinfo=calendar.timezone)
used = calendar.working_time_between(received, result_at)
print(f"\nworking time used: {used / dt.timedelta(hours=1):g} working hours")
