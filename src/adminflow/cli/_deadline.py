"""``adminflow deadline``: the due instant of a processing time, with its explanation."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from adminflow.calendar import Closure, ProcessingTime, WorkingCalendar
from adminflow.cli._args import positive_int
from adminflow.errors import InvalidValueError

__all__ = ["register"]


def _instant(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"not an ISO 8601 instant: {text!r} (e.g. 2025-04-25T10:00+07:00)"
        ) from exc


def _time(text: str) -> dt.time:
    try:
        value = dt.time.fromisoformat(text)
    except ValueError:
        value = None
    if value is None or value.tzinfo is not None:
        raise argparse.ArgumentTypeError(f"not a local time HH:MM: {text!r}")
    return value


def _closure(text: str) -> tuple[dt.date, dt.date]:
    first, _, last = text.partition("..")
    try:
        start = dt.date.fromisoformat(first)
        end = dt.date.fromisoformat(last) if last else start
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"not a day or range YYYY-MM-DD[..YYYY-MM-DD]: {text!r}"
        ) from exc
    return start, end


def register(subparsers: Any) -> None:
    """Add the ``deadline`` command to the ``adminflow`` parser."""
    parser = subparsers.add_parser(
        "deadline",
        help="compute the due instant of a processing time and explain it",
        description=(
            "Compute when a result is due under the Vietnamese civil-service calendar, from the "
            "receipt instant on the receipt slip, and list every rule and day that set it."
        ),
    )
    parser.add_argument(
        "--received",
        required=True,
        type=_instant,
        metavar="INSTANT",
        help="receipt instant with its UTC offset, e.g. 2025-04-25T10:00+07:00",
    )
    unit = parser.add_mutually_exclusive_group(required=True)
    unit.add_argument("--working-days", type=positive_int, metavar="N", help="N working days")
    unit.add_argument("--working-hours", type=positive_int, metavar="N", help="N working hours")
    unit.add_argument("--days", type=positive_int, metavar="N", help="N calendar days (ngày)")
    unit.add_argument("--same-day", action="store_true", help="within the day, with a cut-off hour")
    parser.add_argument(
        "--cutoff",
        type=_time,
        metavar="HH:MM",
        help="cut-off hour, only with --same-day (default 15:00, Decree 118/2025 Art. 18(2))",
    )
    parser.add_argument(
        "--closure",
        action="append",
        type=_closure,
        default=[],
        metavar="DAY[..DAY]",
        help="a local closure (repeatable); needs --closure-source",
    )
    parser.add_argument(
        "--closure-source", metavar="TEXT", help="the decision that closed the office"
    )
    parser.add_argument("--json", action="store_true", help="print JSON for machines")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the deadline for the parsed arguments; return the exit status."""
    if args.working_days is not None:
        processing_time = ProcessingTime.working_days(args.working_days)
    elif args.working_hours is not None:
        processing_time = ProcessingTime.working_hours(args.working_hours)
    elif args.days is not None:
        processing_time = ProcessingTime.days(args.days)
    else:
        processing_time = ProcessingTime.same_day(args.cutoff or dt.time(15))
    if args.cutoff is not None and not args.same_day:
        raise InvalidValueError(
            "--cutoff", args.cutoff.isoformat("minutes"), "only goes with --same-day"
        )
    if args.closure and not args.closure_source:
        raise InvalidValueError("--closure-source", None, "is required with --closure")
    closures = [
        Closure(first, last, name="local closure", source=args.closure_source)
        for first, last in args.closure
    ]
    calendar = WorkingCalendar.vietnam(closures=closures)
    deadline = calendar.due(args.received, processing_time)
    if args.json:
        json.dump(deadline.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(deadline)
    return 0
