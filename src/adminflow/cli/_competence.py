"""``adminflow competence``: validate rule files, resolve who decides, check receipt."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from adminflow.competence import CompetenceResolver, CompetenceRules, load_rules
from adminflow.errors import InvalidValueError, ValidationError
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
        description="Exit 0 when valid, 1 with one line per problem, 2 when unreadable.",
    )
    validate.add_argument("file", help="a .toml or .json rule file")
    validate.add_argument("--catalog", help="catalogue file to check codes against (sample)")
    validate.set_defaults(handler=_validate)

    resolve = commands.add_parser("resolve", help="who decides a procedure for a unit on a day")
    resolve.add_argument("procedure", help="procedure code, e.g. 1.013225")
    resolve.add_argument("unit", help="unit code of the dossier, e.g. 22366")
    _add_common(resolve)
    resolve.set_defaults(handler=_resolve)

    receive = commands.add_parser(
        "receive",
        help="may a unit receive this dossier, and where does it go",
        description="Exit 0 when receipt is allowed, 1 when refused (the reason is printed).",
    )
    receive.add_argument("procedure", help="procedure code")
    receive.add_argument("receiving", help="code of the receiving unit")
    receive.add_argument("subject", help="code of the unit the dossier belongs to")
    _add_common(receive)
    receive.set_defaults(handler=_receive)


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--on", required=True, help="receipt date, YYYY-MM-DD")
    rules = parser.add_mutually_exclusive_group()
    rules.add_argument("--rules", help="a .toml or .json rule file (default: no rules)")
    rules.add_argument("--example", action="store_true", help="use the Khánh Hòa example rules")
    parser.add_argument("--catalog", help="catalogue file (default: the sample)")
    parser.add_argument("--json", action="store_true", help="print JSON")


def _catalog(path: str | None) -> Catalog:
    return Catalog.sample() if path is None else Catalog.load(path)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidValueError("--on", text, "must be a date YYYY-MM-DD") from None


def _cannot_read(exc: OSError) -> int:
    print(f"adminflow: error: cannot read {exc.filename}: {exc.strerror or exc}", file=sys.stderr)
    return 2


def _print_problems(path: str, exc: ValidationError) -> int:
    for problem in exc.problems:
        print(problem)
    count = len(exc.problems)
    print(f"adminflow: {path}: {count} problem{'s' if count != 1 else ''}", file=sys.stderr)
    return 1


def _validate(args: argparse.Namespace) -> int:
    try:
        rules = load_rules(args.file, validate=False)
        rules.validate(
            catalog=_catalog(args.catalog), gazetteer=Gazetteer.vietnam(), source=args.file
        )
    except OSError as exc:
        return _cannot_read(exc)
    except ValidationError as exc:
        return _print_problems(args.file, exc)
    grants = len(rules.assignments) + len(rules.decentralizations) + len(rules.authorizations)
    print(f"{args.file}: valid, {grants} grants, {len(rules.boundary_free)} boundary-free lists")
    return 0


def _resolver(args: argparse.Namespace) -> CompetenceResolver:
    if args.example:
        rules = CompetenceRules.example_khanh_hoa()
    elif args.rules:
        rules = load_rules(args.rules)
    else:
        rules = CompetenceRules()
    return CompetenceResolver(rules, catalog=_catalog(args.catalog), gazetteer=Gazetteer.vietnam())


def _resolve(args: argparse.Namespace) -> int:
    try:
        resolver = _resolver(args)
    except OSError as exc:
        return _cannot_read(exc)
    competence = resolver.resolve(args.procedure, args.unit, at=_day(args.on))
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
    try:
        resolver = _resolver(args)
    except OSError as exc:
        return _cannot_read(exc)
    on = _day(args.on)
    decision = resolver.can_receive(args.procedure, args.receiving, args.subject, at=on)
    transfer = (
        resolver.transfer(args.procedure, args.receiving, args.subject, at=on) if decision else None
    )
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
                f"paper within {transfer.paper_within_working_days} working day; clock starts "
                f"at {transfer.clock_start} ({transfer.legal_basis})"
            )
    return 0 if decision else 1
