"""The ``adminflow`` command line: thin wrappers that parse, call the library and print.

Each sub-command lives in its own private module exposing ``register(subparsers)``; the
module adds its parser and sets ``handler`` to a function ``(args) -> int`` (the exit status).
Library errors (:class:`adminflow.errors.AdminflowError`) are printed on stderr and exit with
status 2; nothing here holds domain logic.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from adminflow import __version__
from adminflow.errors import AdminflowError

__all__ = ["main"]

#: Private modules that each contribute sub-commands, imported when the CLI runs.
_COMMAND_MODULES: tuple[str, ...] = ("_catalog", "_competence", "_deadline", "_units")


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="adminflow",
        description="Vietnamese administrative procedures and dossier workflows.",
    )
    parser.add_argument("--version", action="version", version=f"adminflow {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in _COMMAND_MODULES:
        module = importlib.import_module(f"adminflow.cli.{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``adminflow`` command and return its exit status.

    Args:
        argv: Arguments without the program name; ``sys.argv[1:]`` when ``None``.

    Returns:
        0 on success, 1 when a check fails (e.g. an invalid file), 2 on bad usage or input.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        status: int = handler(args)
    except AdminflowError as exc:
        print(f"adminflow: error: {exc}", file=sys.stderr)
        return 2
    return status
