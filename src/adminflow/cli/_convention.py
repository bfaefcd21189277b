"""The one convention every ``adminflow`` sub-command follows: exit statuses and error messages.

Exit statuses:

* ``0`` — done;
* ``1`` — the answer is "no": nothing matched, the document has problems, receipt is refused;
* ``2`` — the command could not be carried out: bad usage, an unreadable file, an unknown code,
  an argument out of range;
* ``130`` — interrupted (Ctrl-C); ``141`` — the reader of the output went away (``| head``),
  which ends the command quietly, as a Unix tool killed by ``SIGPIPE``.

Errors are one line on stderr, ``adminflow COMMAND: error: OPTION: reason, got VALUE``, the same
for a usage error found by argparse and an error raised by the library. The option is the one the
user typed (``--working-hours``, not ``delta``), the value is shown as typed and cut to
:data:`SHOWN` characters plus its length. With ``--json`` the error is one JSON object on stderr
(``status``, ``field``, ``value``, ``message``); the exit status is the same.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import textwrap
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:  # imported when needed: `adminflow --help` imports no part of the library
    from adminflow.errors import AdminflowError

__all__ = [
    "EXIT_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_NO",
    "EXIT_OK",
    "EXIT_PIPE",
    "SHOWN",
    "CommandError",
    "Formatter",
    "Parser",
    "cut",
    "exit_statuses",
    "report",
    "shown",
]

EXIT_OK = 0
EXIT_NO = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130
EXIT_PIPE = 141


def exit_statuses(no: str | None, cannot: str = "") -> str:
    """The ``exit status`` paragraph of a sub-command's help.

    Args:
        no: When this command answers "no" (status 1), or ``None`` if it never does.
        cannot: Causes of status 2 particular to this command, added to the usual ones.
    """
    causes = "bad usage" + (f", {cannot}" if cannot else "") + ", a value out of range"
    lines = ["exit status:", "  0    done"]
    if no is not None:
        lines += textwrap.wrap(
            f"the answer is no: {no}", 70, initial_indent="  1    ", subsequent_indent=" " * 7
        )
    lines += textwrap.wrap(
        f"the command could not be carried out: {causes}",
        70,
        initial_indent="  2    ",
        subsequent_indent=" " * 7,
    )
    lines.append("  130  interrupted (Ctrl-C)")
    return "\n".join(lines)


class Formatter(argparse.HelpFormatter):
    """Help text wrapped paragraph by paragraph; indented lines (tables) are kept as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        blocks = []
        for block in text.split("\n\n"):
            if "\n  " in block:
                blocks.append("\n".join(indent + line for line in block.splitlines()))
            else:
                words = " ".join(block.split())
                blocks.append(
                    textwrap.fill(words, width, initial_indent=indent, subsequent_indent=indent)
                )
        return "\n\n".join(blocks)


#: Echoed values longer than this are cut, and their length is given.
SHOWN = 80


def cut(text: str, limit: int = SHOWN) -> str:
    """``text`` itself when short, else its first ``limit`` characters and its length."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters)"


def shown(value: Any) -> str:
    """A value as a user would write it (ISO dates, plain text), cut when long."""
    if isinstance(value, str):
        text = value if value.strip() == value and value else json.dumps(value, ensure_ascii=False)
    elif isinstance(value, dt.datetime | dt.date | dt.time):
        text = value.isoformat()
    elif value is None:
        text = "nothing"
    else:
        text = str(value)
    return cut(text)


class CommandError(Exception):
    """A sub-command cannot be carried out; printed as one line, exit status 2.

    Attributes:
        field: The option or argument as the user typed it (``"--on"``), or ``None``.
        value: The value as typed, or ``None`` when there is none to show.
        reason: What is wrong, in words.
        status: The exit status (2 unless a command says otherwise).
        prog: The command (``"adminflow deadline"``), filled in by the parser or ``main``.
    """

    def __init__(
        self,
        field: str | None,
        value: Any,
        reason: str,
        *,
        status: int = EXIT_ERROR,
        prog: str | None = None,
        has_value: bool = True,
    ) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        self.status = status
        self.prog = prog
        self.has_value = has_value and value is not None
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """``OPTION: reason, got VALUE`` (the parts that are known)."""
        text = f"{self.field}: {self.reason}" if self.field else self.reason
        return f"{text}, got {shown(self.value)}" if self.has_value else text

    @classmethod
    def from_library(
        cls,
        exc: AdminflowError,
        *,
        options: Mapping[str, str] = {},
        typed: Mapping[str, str] = {},
    ) -> CommandError:
        """The CLI form of a library error: internal names become the options the user typed.

        Args:
            exc: The library's error.
            options: Library field name -> option (``{"delta": "--working-hours"}``).
            typed: Option -> the text the user typed for it.
        """
        from adminflow.errors import NotFoundError, ValidationError

        if isinstance(exc, NotFoundError):
            hint = str(getattr(exc, "hint", ""))
            found = options.get(hint) or options.get(exc.kind)
            unknown = f"unknown {exc.kind}" + (f" ({hint})" if hint and found is None else "")
            return cls(found, exc.key, unknown)
        field = getattr(exc, "field", None)
        reason = getattr(exc, "reason", None)
        if isinstance(exc, ValidationError) or not isinstance(field, str) or reason is None:
            return cls(None, None, cut(str(exc), 2000), has_value=False)
        head = field.split(".")[0].split("[")[0]
        option = options.get(field) or options.get(head) or field
        if option in typed:
            return cls(option, typed[option], str(reason))
        return cls(option, getattr(exc, "value", None), str(reason))


class Parser(argparse.ArgumentParser):
    """An argparse parser that reports errors through :class:`CommandError`.

    Options are never abbreviated (``--work`` is not ``--working-days``): the help is the
    contract. Sub-parsers are of this class too.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)
        self._typed: str | None = None

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        self._typed = arg_string
        return super()._get_value(action, arg_string)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if action.choices is not None and value not in action.choices:
            choices = ", ".join(map(str, action.choices))
            raise argparse.ArgumentError(action, f"must be one of {choices}")

    def error(self, message: str) -> NoReturn:
        """Raise :class:`CommandError` instead of printing usage and exiting."""
        exc = sys.exc_info()[1]
        if isinstance(exc, argparse.ArgumentError) and exc.argument_name:
            field = exc.argument_name.split("/")[-1]
            raise CommandError(
                field, self._typed, exc.message, prog=self.prog, has_value=self._typed is not None
            )
        raise CommandError(None, None, cut(message, 300), prog=self.prog, has_value=False)


def report(error: CommandError, *, as_json: bool) -> int:
    """Print ``error`` on stderr (one line, or one JSON object) and return its exit status."""
    if as_json:
        record = {
            "status": error.status,
            "field": error.field,
            "value": cut(error.value) if isinstance(error.value, str) else None,
            "message": error.message,
        }
        if not error.has_value:
            record["value"] = None
        elif not isinstance(error.value, str):
            record["value"] = shown(error.value)
        print(json.dumps(record, ensure_ascii=False), file=sys.stderr)
    else:
        print(f"{error.prog or 'adminflow'}: error: {error.message}", file=sys.stderr)
    return error.status
