"""``adminflow deadline``: the due instant of a processing time, with its explanation."""

from __future__ import annotations

import argparse
import datetime as dt
import inspect
import json
import sys
from typing import Any

from adminflow.calendar import Closure, ProcessingTime, WorkingCalendar
from adminflow.cli._args import day, instant, local_time, positive_int
from adminflow.cli._convention import CommandError, exit_statuses
from adminflow.errors import AdminflowError, CalendarError

__all__ = ["register"]

_COUNTS = {"working_days": "--working-days", "working_hours": "--working-hours", "days": "--days"}


def _supported_years() -> tuple[int, int]:
    """The years :meth:`WorkingCalendar.vietnam` answers for, from its defaults."""
    parameters = inspect.signature(WorkingCalendar.vietnam).parameters
    return parameters["first_year"].default, parameters["last_year"].default


def _closure(text: str) -> tuple[dt.date, dt.date]:
    first, separator, last = text.partition("..")
    try:
        start = day(first)
        end = day(last) if separator else start
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(
            "must be a day or range YYYY-MM-DD[..YYYY-MM-DD]"
        ) from None
    if end < start:
        raise argparse.ArgumentTypeError("must not end before it starts")
    low, high = _supported_years()
    if start.year < low or end.year > high:
        raise argparse.ArgumentTypeError(f"must lie within the supported years {low}-{high}")
    return start, end


def register(subparsers: Any) -> None:
    """Add the ``deadline`` command to the ``adminflow`` parser."""
    low, high = _supported_years()
    parser = subparsers.add_parser(
        "deadline",
        help="compute the due instant of a processing time and explain it",
        description=(
            "Compute when a result is due under the Vietnamese civil-service calendar, from the "
            "receipt instant on the receipt slip, and list every rule and day that set it. "
            f"The calendar covers the years {low}-{high}: the receipt and the due day must lie "
            "within them."
        ),
        epilog=exit_statuses(None, "an instant or a due day outside the supported years"),
    )
    parser.add_argument(
        "--received",
        required=True,
        type=instant,
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
        type=local_time,
        metavar="HH:MM",
        help="cut-off hour, only with --same-day (default 15:00, Decree 118/2025 Art. 18(2))",
    )
    parser.add_argument(
        "--closure",
        action="append",
        type=_closure,
        default=[],
        metavar="DAY[..DAY]",
        help=f"a local closure within {low}-{high} (repeatable); needs --closure-source",
    )
    parser.add_argument(
        "--closure-source",
        metavar="TEXT",
        help="the decision that closed the office; only with --closure",
    )
    parser.add_argument("--json", action="store_true", help="print JSON for machines")
    parser.set_defaults(handler=run)


def _typed(args: argparse.Namespace, option: str) -> str | None:
    """The text the user typed after ``option`` (the last time it was given)."""
    argv: list[str] = getattr(args, "argv", [])
    for i in range(len(argv) - 1, -1, -1):
        if argv[i] == option and i + 1 < len(argv):
            return argv[i + 1]
        if argv[i].startswith(option + "="):
            return argv[i].partition("=")[2]
    return None


def _processing_time(args: argparse.Namespace) -> tuple[ProcessingTime, str]:
    """The processing time and the option that gave it."""
    if args.working_days is not None:
        return ProcessingTime.working_days(args.working_days), "--working-days"
    if args.working_hours is not None:
        return ProcessingTime.working_hours(args.working_hours), "--working-hours"
    if args.days is not None:
        return ProcessingTime.days(args.days), "--days"
    return ProcessingTime.same_day(args.cutoff or dt.time(15)), "--same-day"


def _check_options(args: argparse.Namespace) -> None:
    if args.cutoff is not None and not args.same_day:
        raise CommandError(
            "--cutoff", args.cutoff.isoformat("minutes"), "only goes with --same-day"
        )
    if args.closure and args.closure_source is None:
        raise CommandError("--closure-source", None, "is required with --closure")
    if args.closure_source is not None and not args.closure:
        raise CommandError("--closure-source", args.closure_source, "only goes with --closure")
    if args.closure_source is not None and not args.closure_source.strip():
        raise CommandError("--closure-source", args.closure_source, "must name the decision")


def run(args: argparse.Namespace) -> int:
    """Print the deadline for the parsed arguments; return the exit status."""
    _check_options(args)
    option = "--same-day"
    try:
        processing_time, option = _processing_time(args)
        closures = [
            Closure(first, last, name="local closure", source=args.closure_source)
            for first, last in args.closure
        ]
        calendar = WorkingCalendar.vietnam(closures=closures)
        try:
            deadline = calendar.due(args.received, processing_time)
        except CalendarError as exc:
            raise _cause(exc, args, option, processing_time) from exc
    except AdminflowError as exc:
        options = {**_COUNTS, "n": option, "delta": option, "hours": option}
        options |= {"received_at": "--received", "cutoff": "--cutoff", "source": "--closure-source"}
        typed = {name: _typed(args, name) or "" for name in set(options.values())}
        raise CommandError.from_library(exc, options=options, typed=typed) from exc
    if args.json:
        json.dump(deadline.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(deadline)
    return 0


def _cause(
    exc: CalendarError, args: argparse.Namespace, option: str, processing_time: ProcessingTime
) -> CommandError:
    """The error in the user's words, blaming the option that really caused it."""
    low, high = _supported_years()
    received = _typed(args, "--received") or args.received.isoformat()
    if exc.field == "received_at":
        return CommandError("--received", received, exc.reason)
    if args.closure:
        try:  # the same count without the closures: if it fits, the closures are the cause
            WorkingCalendar.vietnam().due(args.received, processing_time)
        except AdminflowError:
            pass
        else:
            return CommandError(
                "--closure",
                _typed(args, "--closure"),
                f"closes every working day left until the end of {high}, so the period cannot "
                f"end within the supported years {low}-{high}",
            )
    if option == "--same-day":
        return CommandError("--received", received, exc.reason)
    return CommandError(
        option,
        _typed(args, option),
        f"the period would end after {high} (supported years {low}-{high})",
    )
