"""``adminflow report``: the indicator report of a dossier store, as a table, JSON, CSV or HTML.

Thin: it opens the store, asks :mod:`adminflow.indicators` for the report (computed in SQL where
the data lives) and hands it to :mod:`adminflow.report`. The three functions at the bottom are
the seams to the store and the indicators; until ``adminflow.store`` is wired in, SQLite files
are read directly with the storage convention of the ``dossiers`` table (instants as UTC
ISO-8601 text, booleans as 0/1).
"""

from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import attrs

from adminflow.cli._convention import exit_statuses
from adminflow.dossiers import DossierRow
from adminflow.errors import ConfigurationError, InvalidValueError, StorageError

__all__ = ["register"]

_GROUPINGS = ("commune", "field", "procedure")
_FORMATS = ("table", "json", "csv", "html")


def register(subparsers: Any) -> None:
    """Add the ``report`` command to the ``adminflow`` parser."""
    parser = subparsers.add_parser(
        "report",
        help="indicator report of a dossier store (table, JSON, CSV or HTML)",
        description=(
            "Compute the service-quality indicators of Decision 766/QĐ-TTg and the online-service "
            "measures for one period from a dossier store, grouped by commune, field or "
            "procedure, and print them as a table, JSON or CSV, or write the HTML report."
        ),
        epilog=exit_statuses(None, "a store that cannot be opened or read"),
    )
    parser.add_argument(
        "--db",
        required=True,
        metavar="URL",
        help="the store: sqlite:///path/to/file.db (or a path to the SQLite file)",
    )
    parser.add_argument(
        "--period", required=True, help="2025, 2025-H1, 2025-Q3 or 2025-07 (Vietnam time)"
    )
    parser.add_argument("--by", choices=_GROUPINGS, default="commune", help="grouping (commune)")
    parser.add_argument("--format", choices=_FORMATS, default="table", help="output (table)")
    parser.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write to FILE instead of standard output (html: report-PERIOD.html by default)",
    )
    parser.set_defaults(handler=_report)


def _report(args: argparse.Namespace) -> int:
    from adminflow.report import print_indicators, table_to_csv, table_to_json, write_html

    connection = _connect(args.db)
    try:
        indicators = _indicator_report(connection, args.period, args.by)
        if args.format == "table":
            print_indicators(indicators, title=f"Indicators {args.period} by {args.by}")
            return 0
        if args.format == "html":
            target = Path(args.output or f"report-{args.period}.html")
            write_html(
                target,
                _rows(connection),
                period=args.period,
                indicators=indicators,
                diagram=_workflow_diagram(),
                title="Service quality report",
            )
            print(f"wrote {target}")
            return 0
        text = table_to_json(indicators) if args.format == "json" else table_to_csv(indicators)
    finally:
        connection.close()
    if args.output:
        try:
            Path(args.output).write_text(text if text.endswith("\n") else text + "\n", "utf-8")
        except OSError as exc:
            raise InvalidValueError("--output", args.output, f"cannot be written ({exc})") from exc
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


# --- seams to the store and the indicators (the lead wires adminflow.store here) -------------


def _connect(url: str) -> sqlite3.Connection:
    """Open the store at ``url`` read-only.

    ``sqlite:///relative.db``, ``sqlite:////absolute.db`` or a path to an SQLite file.
    """
    if url.startswith("sqlite:///"):
        path = url.removeprefix("sqlite:///")
    elif "://" in url:
        raise ConfigurationError(
            f"--db: only SQLite stores can be read until adminflow.store is wired in, got {url!r}"
        )
    else:
        path = url
    if not path or not Path(path).is_file():
        raise ConfigurationError(f"--db: no SQLite file at {path!r}")
    try:
        return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StorageError(f"--db: cannot open {path!r}: {exc}") from exc


def _indicator_report(connection: sqlite3.Connection, period: str, by: str) -> Any:
    """The indicator report, computed in SQL over the ``dossiers`` table."""
    try:
        indicators = importlib.import_module("adminflow.indicators")
    except ImportError as exc:  # only before the indicators package is merged
        raise ConfigurationError(f"adminflow.indicators cannot be imported: {exc}") from exc
    try:
        return indicators.report(indicators.SqlSource(connection, table="dossiers"), period, by=by)
    except sqlite3.Error as exc:
        raise StorageError(f"--db: cannot read the dossiers table: {exc}") from exc


def _workflow_diagram() -> str | None:
    """The dossier workflow of Decree 118/2025 as Mermaid text (``adminflow.dossiers.diagram``)."""
    dossiers = importlib.import_module("adminflow.dossiers")
    diagram = getattr(dossiers, "diagram", None)  # absent until the workflow package is merged
    text = diagram("118/2025", format="mermaid") if callable(diagram) else None
    return text if isinstance(text, str) else None


def _converter(annotation: str) -> Any:
    optional = annotation.endswith("| None")
    kind = annotation.removesuffix("| None").strip()
    convert: Any = {
        "datetime": datetime.fromisoformat,
        "bool": bool,
        "int": int,
        "str": str,
    }[kind]
    if optional:
        return lambda value: None if value is None else convert(value)
    return convert


_COLUMNS = [(f.name, _converter(str(f.type))) for f in attrs.fields(DossierRow)]


def _rows(connection: sqlite3.Connection) -> Iterator[DossierRow]:
    """Every row of the ``dossiers`` table as a :class:`DossierRow`."""
    names = ", ".join(f'"{name}"' for name, _ in _COLUMNS)
    try:
        cursor = connection.execute(f"SELECT {names} FROM dossiers")  # the names are fixed
        for values in cursor:
            yield DossierRow(
                **{name: convert(v) for (name, convert), v in zip(_COLUMNS, values, strict=True)}
            )
    except sqlite3.Error as exc:
        raise StorageError(f"--db: cannot read the dossiers table: {exc}") from exc
    except (TypeError, ValueError) as exc:
        raise StorageError(f"--db: a row of the dossiers table is not valid: {exc}") from exc
