"""Bad input gets one kind of answer: an ``AdminflowError`` that names the argument and value.

Every error adminflow raises on purpose is an ``AdminflowError`` and also the closest built-in,
so code that does not know adminflow (``except FileNotFoundError``, ``except ValueError``) keeps
working.

Run: ``python examples/errors.py``
"""

import datetime as dt
import tempfile
from pathlib import Path

from adminflow import Catalog, CompetenceResolver, CompetenceRules, WorkingCalendar
from adminflow.calendar import ProcessingTime
from adminflow.errors import AdminflowError, CalendarError, FileMissingError, InvalidValueError

with tempfile.TemporaryDirectory() as folder:
    missing = Path(folder) / "province.toml"
    try:
        Catalog.load(missing)
    except FileNotFoundError as exc:  # the built-in works ...
        # ... and so does adminflow's own error
        print(f"load: {exc} ({isinstance(exc, FileMissingError | AdminflowError)})")

# An instant at the very end of Python's dates: no traceback, a CalendarError naming it.
calendar = WorkingCalendar.vietnam()
edge = dt.datetime.max.replace(tzinfo=dt.UTC)
try:
    calendar.due(edge, ProcessingTime.working_days(3))
except CalendarError as exc:
    print(f"due: {exc.field}: {exc.reason}")

# An argument of the wrong kind is refused with the parameter's name.
try:
    CompetenceResolver(CompetenceRules(), catalog="sample")  # type: ignore[arg-type]
except InvalidValueError as exc:
    print(f"resolver: {exc.field}: {exc.reason}")

try:
    Catalog.sample().by_level(None)  # type: ignore[arg-type]
except InvalidValueError as exc:
    print(f"by_level: {exc.field}: {exc.reason}")
