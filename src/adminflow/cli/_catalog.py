"""``adminflow catalog``: validate, list and show procedure catalogues (TOML or JSON files)."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable
from typing import Any

from adminflow.errors import InvalidValueError, Problem, ValidationError
from adminflow.jurisdictions import Level
from adminflow.procedures import Catalog, Procedure
from adminflow.procedures._io import converter

__all__ = ["register"]

_FORMATS = ["toml", "json"]


def register(subparsers: Any) -> None:
    """Add the ``catalog`` command and its sub-commands to the ``adminflow`` parser."""
    parser = subparsers.add_parser(
        "catalog",
        help="validate, list and show procedure catalogues",
        description=(
            "Work with procedure catalogues (danh mục thủ tục hành chính) written as TOML or "
            "JSON. Without --file, list/show/dump use the sample catalogue shipped with "
            "adminflow."
        ),
    )
    commands = parser.add_subparsers(title="sub-commands", metavar="SUBCOMMAND", required=True)

    validate = commands.add_parser(
        "validate",
        help="check a catalogue file and report every problem",
        description=(
            "Check a catalogue file. Exit status 0 and a summary when it is valid; 1 and one "
            "line per problem (path: message) when it is not; 2 when the file cannot be read "
            "or is not TOML/JSON."
        ),
    )
    validate.add_argument("file", help="a .toml or .json catalogue")
    validate.add_argument("--format", choices=_FORMATS, help="override the file suffix")
    validate.set_defaults(handler=_validate)

    listing = commands.add_parser("list", help="list the procedures of a catalogue")
    _add_file(listing)
    listing.add_argument("--field", help="only this field (lĩnh vực), exact name")
    listing.add_argument("--level", choices=[lv.value for lv in Level], help="only this level")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=_list)

    show = commands.add_parser("show", help="show one procedure by its code")
    show.add_argument("code", help="procedure code, e.g. 1.001193")
    _add_file(show)
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=_show)

    dump = commands.add_parser(
        "dump", help="print a catalogue as TOML or JSON (a starting point for your own)"
    )
    _add_file(dump)
    dump.add_argument("--to", choices=_FORMATS, default="toml", help="output format (toml)")
    dump.set_defaults(handler=_dump)


def _add_file(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--file", help="a .toml or .json catalogue (default: the sample)")
    parser.add_argument("--format", choices=_FORMATS, help="override the file suffix")


def _error(message: str) -> int:
    print(f"adminflow: error: {message}", file=sys.stderr)
    return 2


def _load(args: argparse.Namespace) -> Catalog | int:
    """The catalogue named by ``--file`` (the sample without it), or an exit status."""
    path = getattr(args, "file", None)
    if path is None:
        return Catalog.sample()
    return _read(path, args.format, report=lambda p: print(f"{path}: {p}", file=sys.stderr))


def _read(path: str, format: Any, *, report: Callable[[Problem], None]) -> Catalog | int:
    """Read a catalogue file, or report why not and return the exit status (1 or 2)."""
    try:
        return Catalog.load(path, format=format)
    except OSError as exc:
        return _error(f"cannot read {path}: {exc.strerror or exc}")
    except ValidationError as exc:
        for problem in exc.problems:
            report(problem)
        print(f"adminflow: {path}: {_count(len(exc.problems))}", file=sys.stderr)
        return 1
    except InvalidValueError as exc:
        return _error(f"{path}: {exc.reason}")


def _count(n: int) -> str:
    return f"{n} problem{'s' if n != 1 else ''}"


def _validate(args: argparse.Namespace) -> int:
    catalog = _read(args.file, args.format, report=print)
    if isinstance(catalog, int):
        return catalog
    levels = Counter(p.level.value for p in catalog)
    by_level = ", ".join(f"{n} {level}" for level, n in sorted(levels.items()))
    noun = "procedure" if len(catalog) == 1 else "procedures"
    print(f"{args.file}: valid, {len(catalog)} {noun}" + (f" ({by_level})" if by_level else ""))
    return 0


def _record(procedure: Procedure) -> dict[str, Any]:
    data: dict[str, Any] = converter("json").unstructure(procedure, Procedure)
    return data


def _list(args: argparse.Namespace) -> int:
    catalog = _load(args)
    if isinstance(catalog, int):
        return catalog
    rows = [
        p
        for p in catalog
        if (args.field is None or p.field == args.field)
        and (args.level is None or p.level.value == args.level)
    ]
    if args.json:
        print(json.dumps([_record(p) for p in rows], ensure_ascii=False, indent=2))
        return 0
    for p in rows:
        print(f"{p.code:<24} {p.level.value:<8} {p.processing_time!s:<28} {p.name}")
    return 0


def _show(args: argparse.Namespace) -> int:
    catalog = _load(args)
    if isinstance(catalog, int):
        return catalog
    versions = catalog.versions(args.code)
    if args.json:
        records = [_record(p) for p in versions]
        data = records[0] if len(records) == 1 else records
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print("\n\n".join(_describe(p) for p in versions))
    return 0


def _describe(p: Procedure) -> str:
    start = p.valid_from.isoformat() if p.valid_from else "..."
    end = p.valid_to.isoformat() if p.valid_to else "..."
    lines = [
        f"{p.code}  {p.name}",
        f"  valid:            [{start}, {end})",
        f"  field:            {p.field}",
        f"  competent:        {p.authority_kind.value} ({p.level.value} level)",
        f"  processing time:  {p.processing_time}",
        *(
            f"    {'plus' if e.mode.value == 'additional' else 'or'} {e.time} when {e.condition}"
            for e in p.extensions
        ),
        f"  channels:         {', '.join(sorted(c.value for c in p.channels))}",
        f"  online service:   {p.online_service.value}",
        f"  boundary-free:    {p.boundary_free.value}",
        f"  result:           {p.result.value}",
    ]
    lines += [f"  fee:              {f.amount_vnd:,} VND  {f.description}" for f in p.fees]
    lines += [f"  step:             {s.budget:g}  {s.name} ({s.role})" for s in p.steps]
    lines += [f"  legal basis:      {basis}" for basis in p.legal_basis]
    lines += [f"  note:             {note}" for note in p.notes]
    return "\n".join(lines)


def _dump(args: argparse.Namespace) -> int:
    catalog = _load(args)
    if isinstance(catalog, int):
        return catalog
    sys.stdout.write(catalog.dumps(args.to))
    return 0
