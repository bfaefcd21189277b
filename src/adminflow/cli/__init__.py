"""The ``adminflow`` command line: thin wrappers that parse, call the library and print.

Each sub-command lives in its own private module exposing ``register(subparsers)``; the
module adds its parser and sets ``handler`` to a function ``(args) -> int`` (the exit status).
Only the module of the sub-command being run is imported (with the parts of the library it
uses): ``adminflow --help`` and ``adminflow --version`` import nothing but this package.
Every sub-command follows one convention (:mod:`adminflow.cli._convention`): exit status 0
done, 1 the answer is "no", 2 the command could not be carried out, 130 interrupted; an error is
one line on stderr (one JSON object with ``--json``) naming the option as the user typed it.
A closed output pipe (``| head``) ends the command quietly and output the terminal cannot encode
is escaped. Nothing here holds domain logic.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from adminflow.cli._convention import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_PIPE,
    CommandError,
    Parser,
    report,
)

__all__ = ["main"]

#: Sub-commands: name -> (private module that registers it, one-line help for the overview).
COMMANDS: dict[str, tuple[str, str]] = {
    "catalog": ("_catalog", "validate, list and show procedure catalogues"),
    "competence": (
        "_competence",
        "competence rules: validate, resolve who decides, boundary-free receipt",
    ),
    "db": ("_db", "create, upgrade and verify a dossier store"),
    "deadline": ("_deadline", "compute the due instant of a processing time and explain it"),
    "demo": (
        "_demo",
        "simulate a province quarter, print its indicators, write the HTML report",
    ),
    "report": ("_report", "indicator report of a dossier store (table, JSON, CSV or HTML)"),
    "units": ("_units", "look up provinces and communes (from 1 July 2025)"),
    "workflow": ("_workflow", "the dossier workflow: its state diagram (Mermaid or Graphviz)"),
}


class _Version(argparse.Action):
    """``--version``: reads the installed version only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("help", "show the version and exit")
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any, **__: Any) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            text = version("adminflow")
        except PackageNotFoundError:  # pragma: no cover - a source tree without install
            text = "0+unknown"
        parser.exit(message=f"adminflow {text}\n")


def _command_of(argv: Sequence[str]) -> str | None:
    """The sub-command named in ``argv``: its first argument that is not an option."""
    for arg in argv:
        if arg == "--":
            return None
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """Build the argument parser; ``command``'s module registers its full sub-parser.

    The other sub-commands get a placeholder with their one-line help, so the overview lists
    them all without importing them. Without ``command`` every sub-command is registered in
    full (for documentation and tests).
    """
    parser = Parser(
        prog="adminflow",
        description=(
            "Vietnamese administrative procedures and dossier workflows. Run "
            "'adminflow COMMAND --help' for a command's options.\n\n"
            "Exit status: 0 done; 1 the answer is no; 2 the command could not be carried out; "
            "130 interrupted."
        ),
    )
    parser.add_argument("--version", action=_Version)
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name, (module, summary) in COMMANDS.items():
        if command is None or name == command:
            importlib.import_module(f"adminflow.cli.{module}").register(subparsers)
        else:
            subparsers.add_parser(name, help=summary)
    for leaf in _leaves(parser):
        leaf.set_defaults(command=leaf.prog)
    return parser


def _leaves(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """The parsers of the commands that run (those without sub-commands)."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield parser
    for action in subs:
        for sub in dict.fromkeys(action.choices.values()):
            yield from _leaves(sub)


def _degrade_output() -> None:
    """Escape what the terminal cannot encode (Python backslash escapes), never crash."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def _run(arguments: list[str]) -> int:
    """Parse, run the handler and report any error by the convention."""
    as_json = "--json" in arguments
    command = _command_of(arguments)
    parser = build_parser(command) if command is not None else _overview()
    prog = "adminflow"
    try:
        args, extra = parser.parse_known_args(arguments)
        if extra:
            command_prog = getattr(args, "command", prog)
            words = " ".join(extra)
            raise CommandError(None, words, "unrecognized arguments", prog=command_prog)
        handler = getattr(args, "handler", None)
        if handler is None:
            parser.print_help(sys.stderr)
            return EXIT_ERROR
        prog = getattr(args, "command", prog)
        args.argv = arguments  # the words as typed, for messages
        as_json = bool(getattr(args, "json", False))
        from adminflow.errors import AdminflowError

        try:
            status: int = handler(args)
        except AdminflowError as exc:
            raise CommandError.from_library(exc) from exc
    except CommandError as error:
        error.prog = error.prog or prog
        return report(error, as_json=as_json)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``adminflow`` command and return its exit status.

    Args:
        argv: Arguments without the program name; ``sys.argv[1:]`` when ``None``.

    Returns:
        0 done; 1 the answer is "no" (nothing matched, the document has problems, receipt is
        refused); 2 the command could not be carried out; 130 interrupted (Ctrl-C); 141 the
        reader of the output went away (``| head``).
    """
    _degrade_output()
    try:
        try:
            status = _run(list(sys.argv[1:] if argv is None else argv))
        except SystemExit as exc:  # --help and --version
            status = exc.code if isinstance(exc.code, int) else 0
        sys.stdout.flush()
    except KeyboardInterrupt:
        print("adminflow: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The recipe of Python's `signal` docs (note on SIGPIPE): point stdout at /dev/null so
        # the interpreter's last flush stays quiet, and exit as a Unix tool would.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return EXIT_PIPE
    return status


def _overview() -> argparse.ArgumentParser:
    """The parser when no known sub-command is named: placeholders only, nothing imported."""
    return build_parser(command="")
