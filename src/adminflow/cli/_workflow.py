"""``adminflow workflow diagram``: the dossier state diagram of a rule set."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from adminflow.cli._convention import exit_statuses
from adminflow.dossiers import RULE_SETS, diagram

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``workflow`` command to the ``adminflow`` parser."""
    parser = subparsers.add_parser(
        "workflow",
        help="the dossier workflow: its state diagram (Mermaid or Graphviz)",
        description="The dossier workflow of a rule set (Decree 61/2018, 118/2025, 309/2026).",
    )
    commands = parser.add_subparsers(title="workflow commands", metavar="WORKFLOW_COMMAND")
    draw = commands.add_parser(
        "diagram",
        help="print the state diagram (Mermaid or Graphviz)",
        description="Print the dossier state diagram of a rule set as Mermaid or Graphviz text.",
        epilog=exit_statuses(None),
    )
    draw.add_argument(
        "--rules",
        default="118/2025",
        choices=[r.code for r in RULE_SETS],
        help="the rule set (default 118/2025)",
    )
    draw.add_argument("--format", default="mermaid", choices=["mermaid", "dot"])
    draw.set_defaults(handler=_diagram)
    parser.set_defaults(handler=lambda args: _help(parser))


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _diagram(args: argparse.Namespace) -> int:
    sys.stdout.write(diagram(args.rules, format=args.format))
    return 0
