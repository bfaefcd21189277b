"""``adminflow db``: create, upgrade, inspect and verify a dossier store."""

from __future__ import annotations

import argparse
from typing import Any

from adminflow.cli._convention import exit_statuses

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``db`` command and its sub-commands to the ``adminflow`` parser."""
    parser = subparsers.add_parser(
        "db",
        help="create, upgrade and verify a dossier store",
        description=(
            "Manage a dossier store given by its URL: sqlite:///path.db or "
            "postgresql+psycopg://user:password@host/db. Passwords are never printed."
        ),
    )
    commands = parser.add_subparsers(title="sub-commands", metavar="SUBCOMMAND", required=True)

    upgrade = commands.add_parser(
        "upgrade",
        help="create the schema or upgrade it in place (Alembic migrations)",
        description="Run the schema migrations shipped with adminflow, keeping every row.",
        epilog=exit_statuses(None, "a store that cannot be opened, an unknown revision"),
    )
    upgrade.add_argument("url", metavar="URL", help="the store's URL")
    upgrade.add_argument(
        "--revision", default="head", help="migrate to this revision (default: head)"
    )
    upgrade.set_defaults(handler=_upgrade)

    current = commands.add_parser(
        "current",
        help="print the store's schema revision",
        description="Print the schema revision of a store, and whether it is the newest.",
        epilog=exit_statuses(None, "a store that cannot be opened"),
    )
    current.add_argument("url", metavar="URL", help="the store's URL")
    current.set_defaults(handler=_current)

    verify = commands.add_parser(
        "verify",
        help="check every dossier's audit hash chain",
        description=(
            "Recompute the hash chain of every dossier's events (or one dossier's) and list "
            "each edited, missing or extra row."
        ),
        epilog=exit_statuses(
            "a hash chain is broken (a row edited, missing or extra)",
            "a store that cannot be opened, an unknown dossier",
        ),
    )
    verify.add_argument("url", metavar="URL", help="the store's URL")
    verify.add_argument("--dossier", help="verify only this dossier id")
    verify.set_defaults(handler=_verify)


def _upgrade(args: argparse.Namespace) -> int:
    from adminflow.store._schema import HEAD
    from adminflow.store._sql import parse_url, upgrade_schema

    before, after = upgrade_schema(args.url, args.revision)
    name = parse_url(args.url).render_as_string(hide_password=True)
    head = " (head)" if after == HEAD else ""
    print(f"{name}: revision {before or 'none'} -> {after or 'none'}{head}")
    return 0


def _current(args: argparse.Namespace) -> int:
    from adminflow.store._schema import HEAD
    from adminflow.store._sql import schema_revision

    revision = schema_revision(args.url)
    if revision is None:
        print("none (empty database; run: adminflow db upgrade URL)")
    else:
        print(f"{revision}{' (head)' if revision == HEAD else f' (head is {HEAD})'}")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from adminflow.store._sql import connect

    store = connect(args.url, upgrade=False)
    try:
        if args.dossier is not None:
            problems = store.verify(args.dossier)
            checked = 1
        else:
            problems = list(store.verify_all())
            checked = store.count()
    finally:
        store.close()
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in the audit chain of {checked} dossier(s)")
        return 1
    print(f"{checked} dossier(s) verified: every hash chain is intact")
    return 0
