"""The ``adminflow`` command line: thin wrappers that parse, call the library and print.

Each sub-command lives in its own private module exposing ``register(subparsers)``; the
module adds its parser and sets ``handler`` to a function ``(args) -> int`` (the exit status).
Only the module of the sub-command being run is imported (with the parts of the library it
uses): ``adminflow --help`` and ``adminflow --version`` import nothing but this package.
Library errors (:class:`adminflow.errors.AdminflowError`) are printed on stderr and exit with
status 2; nothing here holds domain logic.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Any

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
    parser = argparse.ArgumentParser(
        prog="adminflow",
        description="Vietnamese administrative procedures and dossier workflows.",
    )
    parser.add_argument("--version", action=_Version)
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name, (module, summary) in COMMANDS.items():
        if command is None or name == command:
            importlib.import_module(f"adminflow.cli.{module}").register(subparsers)
        else:
            subparsers.add_parser(name, help=summary)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``adminflow`` command and return its exit status.

    Args:
        argv: Arguments without the program name; ``sys.argv[1:]`` when ``None``.

    Returns:
        0 on success, 1 when a check fails (e.g. an invalid file), 2 on bad usage or input.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    command = _command_of(arguments)
    parser = build_parser(command) if command is not None else _overview()
    args = parser.parse_args(arguments)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    from adminflow.errors import AdminflowError

    try:
        status: int = handler(args)
    except AdminflowError as exc:
        print(f"adminflow: error: {exc}", file=sys.stderr)
        return 2
    return status


def _overview() -> argparse.ArgumentParser:
    """The parser when no known sub-command is named: placeholders only, nothing imported."""
    return build_parser(command="")
