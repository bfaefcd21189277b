"""``adminflow units``: look up administrative units in force since 1 July 2025."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from adminflow.cli._args import positive_int
from adminflow.cli._convention import CommandError, cut, exit_statuses
from adminflow.cli._words import words
from adminflow.errors import InvalidValueError, NotFoundError
from adminflow.jurisdictions import AdministrativeUnit, Gazetteer, Level

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``units`` command and its sub-commands to the ``adminflow`` parser."""
    parser = subparsers.add_parser(
        "units",
        help="look up provinces and communes (from 1 July 2025)",
        description=(
            "Look up the 34 provinces and 3,321 commune-level units in force since 1 July 2025 "
            "(Decision 19/2025/QĐ-TTg codes)."
        ),
    )
    commands = parser.add_subparsers(title="sub-commands", metavar="SUBCOMMAND", required=True)

    search = commands.add_parser(
        "search",
        help="find units by name, ignoring case and diacritics",
        description=(
            "Find units by name, ignoring case, diacritics and tone placement; exact matches "
            "first. Prints code, kind, name and province."
        ),
        epilog=exit_statuses("nothing matches"),
    )
    search.add_argument("text", metavar="TEXT", help='what to look for, e.g. "khanh hoa"')
    search.add_argument(
        "--limit", type=positive_int, metavar="N", default=10, help="most results (10)"
    )
    search.add_argument(
        "--level", choices=[Level.PROVINCE.value, Level.COMMUNE.value], help="only this level"
    )
    search.add_argument("--json", action="store_true", help="print JSON")
    search.set_defaults(handler=_search)

    show = commands.add_parser(
        "show",
        help="show one unit by its code",
        description="Show one province or commune-level unit by its code.",
        epilog=exit_statuses(None, "an unknown code"),
    )
    show.add_argument("code", metavar="CODE", help="2-digit province or 5-digit commune code")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=_show)

    communes = commands.add_parser(
        "communes",
        help="list the commune-level units of a province",
        description="List the commune-level units (xã, phường, đặc khu) of a province.",
        epilog=exit_statuses(None, "an unknown province code"),
    )
    communes.add_argument("province", metavar="PROVINCE", help="2-digit province code")
    communes.add_argument("--json", action="store_true", help="print JSON")
    communes.set_defaults(handler=_communes)


def _record(gazetteer: Gazetteer, unit: AdministrativeUnit) -> dict[str, Any]:
    parent = gazetteer.parent(unit.code)
    return {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind.value,
        "level": unit.level.value,
        "parent_code": unit.parent_code,
        "parent_name": None if parent is None else parent.name,
    }


def _print_table(gazetteer: Gazetteer, units: list[AdministrativeUnit]) -> None:
    rows = [{**_record(gazetteer, u), "kind": words(u.kind)} for u in units]
    width_kind = max(len(r["kind"]) for r in rows)
    width_name = max(len(r["name"]) for r in rows)
    for r in rows:
        line = f"{r['code']:<5}  {r['kind']:<{width_kind}}  {r['name']:<{width_name}}"
        print(f"{line}  {r['parent_name'] or ''}".rstrip())


def _print(gazetteer: Gazetteer, units: list[AdministrativeUnit], *, as_json: bool) -> None:
    if as_json:
        records = [_record(gazetteer, u) for u in units]
        print(json.dumps(records, ensure_ascii=False, indent=2))
    elif units:
        _print_table(gazetteer, units)


def _search(args: argparse.Namespace) -> int:
    gazetteer = Gazetteer.vietnam()
    level = None if args.level is None else Level(args.level)
    try:
        units = gazetteer.search(args.text, limit=args.limit, level=level)
    except InvalidValueError as exc:
        raise CommandError("TEXT", args.text, exc.reason) from exc
    _print(gazetteer, units, as_json=args.json)
    if not units:
        print(f"adminflow: no unit matches {cut(args.text)}", file=sys.stderr)
        return 1
    return 0


def _show(args: argparse.Namespace) -> int:
    gazetteer = Gazetteer.vietnam()
    try:
        unit = gazetteer.unit(args.code)
    except NotFoundError as exc:
        raise CommandError("CODE", args.code, "unknown administrative unit") from exc
    except InvalidValueError as exc:
        raise CommandError("CODE", args.code, exc.reason) from exc
    record = _record(gazetteer, unit)
    if unit.level is Level.PROVINCE:
        record["communes"] = len(gazetteer.communes_of(unit.code))
    if args.json:
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return 0
    record["kind"] = words(unit.kind)
    for key, value in record.items():
        if value is not None:
            print(f"{key + ':':<13}{value}")
    return 0


def _communes(args: argparse.Namespace) -> int:
    gazetteer = Gazetteer.vietnam()
    try:
        communes = list(gazetteer.communes_of(args.province))
    except NotFoundError as exc:
        raise CommandError("PROVINCE", args.province, "unknown province") from exc
    except InvalidValueError as exc:
        raise CommandError("PROVINCE", args.province, exc.reason) from exc
    _print(gazetteer, communes, as_json=args.json)
    return 0
