"""``adminflow catalog``: validate, list and show procedure catalogues (TOML or JSON files)."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable
from typing import Any

from adminflow.cli._convention import CommandError, cut, exit_statuses
from adminflow.cli._words import words
from adminflow.errors import FileError, InvalidValueError, NotFoundError, Problem, ValidationError
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
            "Check a catalogue file: a summary when it is valid, else one line per problem "
            "(path: message) on stdout and their count on stderr."
        ),
        epilog=exit_statuses(
            "the catalogue has problems", "a file that cannot be read or is not TOML/JSON"
        ),
    )
    validate.add_argument("file", metavar="FILE", help="a .toml or .json catalogue")
    validate.add_argument("--format", choices=_FORMATS, help="override the file suffix")
    validate.set_defaults(handler=_validate)

    listing = commands.add_parser(
        "list",
        help="list the procedures of a catalogue",
        description=(
            "List the procedures of a catalogue (the sample without --file): code, level, "
            "processing time and name, optionally only one field or level."
        ),
        epilog=exit_statuses("no procedure matches --field/--level", "a file that cannot be read"),
    )
    _add_file(listing)
    listing.add_argument("--field", metavar="FIELD", help="only this field (lĩnh vực), exact name")
    listing.add_argument("--level", choices=[lv.value for lv in Level], help="only this level")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=_list)

    show = commands.add_parser(
        "show",
        help="show one procedure by its code",
        description="Show one procedure of a catalogue (the sample without --file).",
        epilog=exit_statuses(None, "a file that cannot be read, an unknown code"),
    )
    show.add_argument("code", metavar="CODE", help="procedure code, e.g. 1.001193")
    _add_file(show)
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=_show)

    dump = commands.add_parser(
        "dump",
        help="print a catalogue as TOML or JSON (a starting point for your own)",
        description=(
            "Print a catalogue (the sample without --file) as TOML or JSON, a starting point "
            "for your own."
        ),
        epilog=exit_statuses(None, "a file that cannot be read"),
    )
    _add_file(dump)
    dump.add_argument("--to", choices=_FORMATS, default="toml", help="output format (toml)")
    dump.set_defaults(handler=_dump)


def _add_file(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--file", metavar="FILE", help="a .toml or .json catalogue (default: the sample)"
    )
    parser.add_argument("--format", choices=_FORMATS, help="override the file suffix")


def _load(args: argparse.Namespace) -> Catalog | int:
    """The catalogue named by ``--file`` (the sample without it), or an exit status."""
    path = getattr(args, "file", None)
    if path is None:
        return Catalog.sample()
    return _read(
        path,
        args.format,
        report=lambda p: print(cut(f"{path}: {p}", 500), file=sys.stderr),
        option="--file",
    )


def _read(
    path: str, format: Any, *, report: Callable[[Problem], None], option: str = "FILE"
) -> Catalog | int:
    """Read a catalogue file, or report its problems and return 1.

    Raises:
        CommandError: The file cannot be read or is not TOML/JSON (exit status 2).
    """
    try:
        return Catalog.load(path, format=format)
    except FileError as exc:
        raise CommandError(None, None, f"cannot read {cut(path)}: {exc.reason}") from exc
    except ValidationError as exc:
        for problem in exc.problems:
            report(problem)
        print(f"adminflow: {cut(path)}: {_count(len(exc.problems))}", file=sys.stderr)
        return 1
    except InvalidValueError as exc:
        if exc.field == "path":  # the suffix: say which option fixes it
            reason = "needs a .toml or .json suffix, or --format"
            raise CommandError(option, path, reason) from exc
        raise CommandError(None, None, f"{cut(path)}: {cut(exc.reason, 300)}") from exc


def _count(n: int) -> str:
    return f"{n} problem{'s' if n != 1 else ''}"


def _validate(args: argparse.Namespace) -> int:
    catalog = _read(args.file, args.format, report=lambda p: print(cut(str(p), 500)))
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
    for p in [] if args.json else rows:
        print(f"{p.code:<24} {p.level.value:<8} {p.processing_time!s:<28} {p.name}")
    if not rows:
        wanted = [f"--{n} {cut(v)}" for n, v in (("field", args.field), ("level", args.level)) if v]
        print(f"adminflow: no procedure matches {' '.join(wanted)}".rstrip(), file=sys.stderr)
        return 1
    return 0


def _show(args: argparse.Namespace) -> int:
    catalog = _load(args)
    if isinstance(catalog, int):
        return catalog
    try:
        versions = catalog.versions(args.code)
    except NotFoundError as exc:
        raise CommandError("CODE", args.code, "unknown procedure") from exc
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
        f"  competent:        {words(p.authority_kind)} ({words(p.level)} level)",
        f"  processing time:  {p.processing_time}",
        *(
            f"    {'plus' if e.mode.value == 'additional' else 'or'} {e.time} when {e.condition}"
            for e in p.extensions
        ),
        f"  channels:         {', '.join(sorted(words(c) for c in p.channels))}",
        f"  online service:   {words(p.online_service)}",
        f"  boundary-free:    {words(p.boundary_free)}",
        f"  result:           {words(p.result)}",
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
