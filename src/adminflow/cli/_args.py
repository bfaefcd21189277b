"""Argument types shared by the sub-commands (argparse ``type=`` callables).

Each one accepts exactly the form its help shows, written with ASCII digits, and fails with a
reason that the parser reports as ``OPTION: reason, got VALUE`` (the value as typed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re

__all__ = ["day", "instant", "local_time", "positive_int"]

_INT = re.compile(r"[0-9]{1,18}", re.ASCII)
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_INSTANT = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})",
    re.ASCII,
)
_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})", re.ASCII)


def positive_int(text: str) -> int:
    """A whole number greater than zero, in ASCII digits (``3``, not ``٣`` or ``+3``)."""
    if not _INT.fullmatch(text) or int(text) <= 0:
        raise argparse.ArgumentTypeError("must be a whole number greater than 0")
    return int(text)


def day(text: str) -> dt.date:
    """A day written ``YYYY-MM-DD`` (not ``20260302``, not ``2026-W10-1``)."""
    if not _DAY.fullmatch(text):
        raise argparse.ArgumentTypeError("must be a day YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("is not a day of the calendar (YYYY-MM-DD)") from None


def instant(text: str) -> dt.datetime:
    """An instant ``YYYY-MM-DDTHH:MM[:SS[.ffffff]]`` with its UTC offset (``+07:00`` or ``Z``)."""
    if not _INSTANT.fullmatch(text):
        raise argparse.ArgumentTypeError(
            "must be an instant with its UTC offset, YYYY-MM-DDTHH:MM+07:00"
        )
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("is not an instant of the calendar") from None


def local_time(text: str) -> dt.time:
    """A local time of day ``HH:MM`` (``7:00`` and ``07:00`` alike; no seconds, no offset)."""
    match = _TIME.fullmatch(text)
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise argparse.ArgumentTypeError("must be a local time HH:MM")
    return dt.time(int(match[1]), int(match[2]))
