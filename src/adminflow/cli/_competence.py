"""``adminflow competence``: validate rule files, resolve who decides, check receipt."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from adminflow.cli._args import day
from adminflow.cli._convention import CommandError, cut, exit_statuses
from adminflow.cli._words import words
from adminflow.competence import CompetenceResolver, CompetenceRules, load_rules
from adminflow.errors import (
    AdminflowError,
    CompetenceError,
    FileError,
    InvalidValueError,
    NotFoundError,
    ValidationError,
)
from adminflow.jurisdictions import Gazetteer
from adminflow.procedures import Catalog

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``competence`` command and its sub-commands to the ``adminflow`` parser."""
    parser = subparsers.add_parser(
        "competence",
        help="competence rules: validate, resolve who decides, boundary-free receipt",
        description=(
            "Competence rules (thẩm quyền): assignments, decentralizations (phân cấp) and "
            "authorizations (ủy quyền) written as TOML or JSON. Procedures come from the sample "
            "catalogue unless --catalog is given; units from the official gazetteer."
        ),
    )
    commands = parser.add_subparsers(title="sub-commands", metavar="SUBCOMMAND", required=True)

    validate = commands.add_parser(
        "validate",
        help="check a rule file and report every problem",
        description=(
            "Check a rule file against the catalogue and the gazetteer: a summary when it is "
            "valid, else one line per problem (path: message) on stdout and their count on "
            "stderr."
        ),
        epilog=exit_statuses(
            "the rules have problems", "a file that cannot be read or is not TOML/JSON"
        ),
    )
    validate.add_argument("file", metavar="FILE", help="a .toml or .json rule file")
    validate.add_argument(
        "--catalog", metavar="FILE", help="catalogue file to check codes against (sample)"
    )
    validate.set_defaults(handler=_validate)

    resolve = commands.add_parser(
        "resolve",
        help="who decides a procedure for a unit on a day",
        description=(
            "Who decides a procedure for a unit on a day, and on what legal basis. Without "
            "--rules or --example no rule applies beyond the catalogue's competent level. "
            f"{_UNITS_NOTE}"
        ),
        epilog=exit_statuses(
            None, "a file that cannot be read, an unknown code, no single competent authority"
        ),
    )
    resolve.add_argument("procedure", metavar="PROCEDURE", help="procedure code, e.g. 1.013225")
    resolve.add_argument("unit", metavar="UNIT", help="unit code of the dossier, e.g. 22366")
    _add_common(resolve)
    resolve.set_defaults(handler=_resolve)

    receive = commands.add_parser(
        "receive",
        help="may a unit receive this dossier, and where does it go",
        description=(
            "May the RECEIVING unit receive a dossier of the SUBJECT unit (boundary-free "
            "receipt, Decree 118/2025/NĐ-CP Art. 14), and where must it be transferred. The "
            f"reason is printed either way. {_UNITS_NOTE}"
        ),
        epilog=exit_statuses("receipt is refused", "a file that cannot be read, an unknown code"),
    )
    receive.add_argument("procedure", metavar="PROCEDURE", help="procedure code")
    receive.add_argument("receiving", metavar="RECEIVING", help="code of the receiving unit")
    receive.add_argument(
        "subject", metavar="SUBJECT", help="code of the unit the dossier belongs to"
    )
    _add_common(receive)
    receive.set_defaults(handler=_receive)


#: The years the calendar answers for; rules and units are dated within them.
_FIRST_DAY, _LAST_DAY = dt.date(2000, 1, 1), dt.date(2035, 12, 31)
#: Units and their codes are those in force from this day (Decision 19/2025/QĐ-TTg).
_UNITS_SINCE = dt.date(2025, 7, 1)
_UNITS_NOTE = (
    "Units are those in force since 1 July 2025 (Decision 19/2025/QĐ-TTg); --on must lie within "
    "2000-2035, and before 1 July 2025 a note says so."
)


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--on", required=True, type=day, metavar="DAY", help="receipt day, YYYY-MM-DD"
    )
    rules = parser.add_mutually_exclusive_group()
    rules.add_argument(
        "--rules", metavar="FILE", help="a .toml or .json rule file (default: no rules)"
    )
    rules.add_argument("--example", action="store_true", help="use the Khánh Hòa example rules")
    parser.add_argument("--catalog", metavar="FILE", help="catalogue file (default: the sample)")
    parser.add_argument("--json", action="store_true", help="print JSON")


def _catalog(path: str | None) -> Catalog:
    return Catalog.sample() if path is None else Catalog.load(path)


def _day(args: argparse.Namespace) -> dt.date:
    """``--on``, checked to lie within the years the data answers for."""
    on: dt.date = args.on
    if not _FIRST_DAY <= on <= _LAST_DAY:
        raise CommandError(
            "--on",
            on.isoformat(),
            f"must lie within {_FIRST_DAY.year}-{_LAST_DAY.year}, the years adminflow's "
            "calendar and rules answer for",
        )
    if on < _UNITS_SINCE and not args.json:
        print(
            f"adminflow: note: --on {on.isoformat()} is before {_UNITS_SINCE.isoformat()}; "
            "units are those in force since then",
            file=sys.stderr,
        )
    return on


def _unreadable(path: str, exc: AdminflowError) -> CommandError:
    reason = exc.reason if isinstance(exc, FileError | InvalidValueError) else str(exc)
    return CommandError(None, None, f"cannot read {cut(path)}: {cut(str(reason), 300)}")


def _print_problems(path: str, exc: ValidationError) -> int:
    for problem in exc.problems:
        print(cut(str(problem), 500))
    count = len(exc.problems)
    print(f"adminflow: {cut(path)}: {count} problem{'s' if count != 1 else ''}", file=sys.stderr)
    return 1


def _is_unreadable(exc: ValidationError) -> bool:
    """Whether the problem is with the document as a whole: not UTF-8, not TOML/JSON."""
    return len(exc.problems) == 1 and exc.problems[0].path == ""


def _validate(args: argparse.Namespace) -> int:
    try:
        rules = load_rules(args.file, validate=False)
    except FileError as exc:
        raise _unreadable(args.file, exc) from exc
    except ValidationError as exc:
        if _is_unreadable(exc):
            raise _unreadable(
                args.file, InvalidValueError("", "", exc.problems[0].message)
            ) from exc
        return _print_problems(args.file, exc)
    except InvalidValueError as exc:
        raise _unreadable(args.file, exc) from exc
    catalog = _read_catalog(args.catalog)
    try:
        rules.validate(catalog=catalog, gazetteer=Gazetteer.vietnam(), source=args.file)
    except ValidationError as exc:
        return _print_problems(args.file, exc)
    grants = len(rules.assignments) + len(rules.decentralizations) + len(rules.authorizations)
    print(f"{args.file}: valid, {grants} grants, {len(rules.boundary_free)} boundary-free lists")
    return 0


def _read_catalog(path: str | None) -> Catalog:
    try:
        return _catalog(path)
    except ValidationError as exc:
        raise CommandError(
            "--catalog",
            path,
            f"the catalogue has {len(exc.problems)} problem(s); "
            "run 'adminflow catalog validate' on it",
        ) from exc
    except (FileError, InvalidValueError) as exc:
        raise _unreadable(str(path), exc) from exc


def _resolver(args: argparse.Namespace) -> CompetenceResolver:
    catalog = _read_catalog(args.catalog)
    if args.example:
        rules = CompetenceRules.example_khanh_hoa()
    elif args.rules:
        try:
            rules = load_rules(args.rules)
        except ValidationError as exc:
            raise CommandError(
                "--rules",
                args.rules,
                f"the rules have {len(exc.problems)} problem(s); "
                "run 'adminflow competence validate' on them",
            ) from exc
        except (FileError, InvalidValueError) as exc:
            raise _unreadable(args.rules, exc) from exc
    else:
        rules = CompetenceRules()
    try:
        return CompetenceResolver(rules, catalog=catalog, gazetteer=Gazetteer.vietnam())
    except ValidationError as exc:
        source = "--rules" if args.rules else "--catalog"
        raise CommandError(
            source,
            args.rules or args.catalog,
            f"the rules do not fit the catalogue: {exc.problems[0]}",
        ) from exc


#: Arguments as the user sees them, for the library's field names.
_OPTIONS = {
    "procedure": "PROCEDURE",
    "unit": "UNIT",
    "argument unit": "UNIT",
    "receiving": "RECEIVING",
    "argument receiving": "RECEIVING",
    "subject": "SUBJECT",
    "argument subject": "SUBJECT",
    "at": "--on",
}


def _resolve(args: argparse.Namespace) -> int:
    on = _day(args)
    resolver = _resolver(args)
    try:
        competence = resolver.resolve(args.procedure, args.unit, at=on)
    except (NotFoundError, InvalidValueError) as exc:
        raise CommandError.from_library(exc, options=_OPTIONS) from exc
    except CompetenceError as exc:
        raise CommandError(None, None, cut(str(exc), 500)) from exc
    if args.json:
        record = {
            "procedure": competence.procedure_code,
            "unit": competence.unit_code,
            "on": competence.on.isoformat(),
            "level": str(competence.level),
            "deciding": {"id": competence.deciding.id, "name": competence.deciding.name},
            "acting": {"id": competence.acting.id, "name": competence.acting.name},
            "chain": [{"id": g.id, "reference": str(g.reference)} for g in competence.chain],
        }
        print(json.dumps(record, ensure_ascii=False, indent=2))
    else:
        print(competence.explain())
    return 0


def _receive(args: argparse.Namespace) -> int:
    on = _day(args)
    resolver = _resolver(args)
    try:
        # An unknown code or a procedure nobody decides cannot be answered, as with `resolve`;
        # a refusal is an answer (status 1).
        resolver.resolve(args.procedure, args.subject, at=on)
        decision = resolver.can_receive(args.procedure, args.receiving, args.subject, at=on)
        transfer = (
            resolver.transfer(args.procedure, args.receiving, args.subject, at=on)
            if decision
            else None
        )
    except (NotFoundError, InvalidValueError) as exc:
        options = {**_OPTIONS, "unit": "SUBJECT", "argument unit": "SUBJECT"}
        raise CommandError.from_library(exc, options=options) from exc
    except CompetenceError as exc:
        raise CommandError(None, None, cut(str(exc), 500)) from exc
    if args.json:
        record: dict[str, Any] = {
            "allowed": decision.allowed,
            "mode": None if decision.mode is None else str(decision.mode),
            "reason": decision.reason,
            "legal_basis": decision.legal_basis,
        }
        if transfer is not None:
            record["transfer"] = {
                "required": transfer.required,
                "destination": transfer.destination.id,
                "paper_within_working_days": transfer.paper_within_working_days,
                "clock_start": str(transfer.clock_start),
                "legal_basis": transfer.legal_basis,
            }
        print(json.dumps(record, ensure_ascii=False, indent=2))
    else:
        print(decision)
        if transfer is not None and transfer.required:
            print(
                f"transfer to {transfer.destination.name}: electronic {transfer.electronic}, "
                f"paper within {transfer.paper_within_working_days} working day; the clock "
                f"starts {words(transfer.clock_start)} ({transfer.legal_basis})"
            )
    return 0 if decision else 1
