"""``adminflow demo``: simulate a province quarter, print its indicators, write the report.

Thin: :mod:`adminflow.simulation` lives the dossiers through the workflow, :mod:`adminflow.store`
keeps them in an SQLite file, :mod:`adminflow.indicators` computes the indicators in SQL where
the data lives, and :mod:`adminflow.report` prints the table and writes the HTML page.

With no option it needs no configuration: the store is ``adminflow-demo.db`` and the report
``adminflow-demo.html``, both in the current directory (re-running the demo replaces both).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

from adminflow.cli._convention import exit_statuses
from adminflow.errors import ConfigurationError, InvalidValueError

__all__ = ["register"]

DEFAULT_DB = "adminflow-demo.db"
DEFAULT_OUT = "adminflow-demo.html"
#: Terminals narrower than this get the table's most quoted columns, with short titles.
_WIDE = 170
_NARROW_COLUMNS = {
    "on_time": "On time",
    "processing_time": "Avg days",
    "online": "Online",
    "full_online": "Full onl.",
    "paid_online": "Paid onl.",
    "e_result": "E-result",
}


def register(subparsers: Any) -> None:
    """Add the ``demo`` command to the ``adminflow`` parser."""
    parser = subparsers.add_parser(
        "demo",
        help="simulate a province quarter, print its indicators, write the HTML report",
        description=(
            "Simulate a province quarter like Khánh Hòa's third quarter of 2025 (65 communes, "
            "about 23,700 dossiers) through the real workflow into an SQLite store, print the "
            "indicator table per commune with the province totals, and write a self-contained "
            "HTML report. Needs no configuration; re-running replaces the demo's own files."
        ),
        epilog=exit_statuses(None, "a file that cannot be read or written"),
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=None,
        help=f"the SQLite file to create ({DEFAULT_DB} in the current directory)",
    )
    parser.add_argument("--seed", type=int, default=0, help="the simulation's seed (0)")
    parser.add_argument(
        "--out",
        metavar="FILE",
        default=DEFAULT_OUT,
        help=f"the HTML report to write ({DEFAULT_OUT})",
    )
    size = parser.add_mutually_exclusive_group()
    size.add_argument(
        "--dossiers", type=int, default=None, metavar="N", help="simulate N dossiers (23,700)"
    )
    size.add_argument(
        "--scale", type=float, default=None, metavar="F", help="a fraction of the quarter (1.0)"
    )
    parser.add_argument(
        "--parameters", metavar="FILE", default=None, help="a TOML parameter set instead"
    )
    parser.add_argument(
        "--overwrite", action="store_true", help="replace the --db file if it exists"
    )
    parser.add_argument(
        "--quiet", action="store_true", help="no progress bar and no table; print the summary"
    )
    parser.set_defaults(handler=_demo)


def _sqlite_path(db: str | None, overwrite: bool) -> Path:
    """The SQLite file to create, removing a previous demo file when allowed."""
    if db is None:
        path, replace = Path(DEFAULT_DB), True
    else:
        text = db.removeprefix("sqlite:///") if db.startswith("sqlite:///") else db
        if "://" in text or not text:
            raise ConfigurationError(
                f"--db: the demo writes an SQLite file; give a path, got {db!r}"
            )
        path, replace = Path(text), overwrite
    if path.exists():
        if not replace:
            raise ConfigurationError(f"--db: {str(path)!r} exists; pass --overwrite to replace it")
        if path.is_dir():
            raise ConfigurationError(f"--db: {str(path)!r} is a directory")
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            except OSError as exc:
                raise ConfigurationError(f"--db: cannot replace {str(path)!r}: {exc}") from exc
    if not path.parent.is_dir():
        raise ConfigurationError(f"--db: no directory {str(path.parent)!r}")
    return path


def _period_label(first: dt.date, last: dt.date) -> str:
    """The period as the report writes it (``2025-Q3``), for whole months to years."""
    after = last + dt.timedelta(days=1)
    months = (after.year - first.year) * 12 + after.month - first.month
    if first.day != 1 or after.day != 1:
        months = -1
    if months == 1:
        return f"{first:%Y-%m}"
    if months == 3 and (first.month - 1) % 3 == 0:
        return f"{first.year}-Q{(first.month - 1) // 3 + 1}"
    if months == 6 and first.month in (1, 7):
        return f"{first.year}-H{1 if first.month == 1 else 2}"
    if months == 12 and first.month == 1:
        return f"{first.year}"
    raise InvalidValueError(
        "parameters.first_day",
        f"{first}..{last}",
        "the demo reports a whole month, quarter, half-year or year",
    )


def _parameters(args: argparse.Namespace) -> Any:
    from adminflow.simulation import Parameters

    parameters = (
        Parameters.khanh_hoa_2025q3()
        if args.parameters is None
        else Parameters.load(args.parameters)
    )
    if args.dossiers is not None:
        parameters = parameters.scaled(args.dossiers)
    elif args.scale is not None:
        if not 0 < args.scale <= 100:
            raise InvalidValueError("--scale", args.scale, "must be > 0 and at most 100")
        parameters = parameters.scaled(max(1, round(parameters.dossiers * args.scale)))
    return parameters


def _demo(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    from adminflow import dossiers, indicators, report, store
    from adminflow.simulation import Simulation

    started = time.perf_counter()
    parameters = _parameters(args)
    period = _period_label(parameters.first_day, parameters.last_day)
    path = _sqlite_path(args.db, args.overwrite)
    out = Path(args.out)
    if out.is_dir() or not out.parent.is_dir():
        raise InvalidValueError("--out", args.out, "must be a file in an existing directory")
    console = Console(quiet=args.quiet)
    columns = (
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        setup = progress.add_task("Preparing the province", total=None)
        simulation = Simulation(parameters, seed=args.seed)
        the_store = store.connect(f"sqlite:///{path.resolve()}")
        progress.update(setup, total=1, completed=1)
        task = progress.add_task(
            f"Simulating {parameters.dossiers:,} dossiers", total=parameters.dossiers
        )
        try:
            summary = simulation.run(
                the_store,
                progress=lambda n: progress.update(task, completed=n),
                keep_rows=True,
            )
        finally:
            the_store.close()
        compute = progress.add_task("Computing the indicators (SQL)", total=None)
        connection = sqlite3.connect(path)
        try:
            table = indicators.report(
                indicators.SqlSource(connection, table="dossiers"), period, by="commune"
            )
        finally:
            connection.close()
        progress.update(compute, total=1, completed=1)
        writing = progress.add_task("Writing the HTML report", total=None)
        report.write_html(
            out,
            summary.rows,
            period=period,
            indicators=table,
            diagram=dossiers.diagram(summary.rows[0].rule_set if summary.rows else "118/2025"),
            title=f"adminflow demo: {parameters.title}",
        )
        progress.update(writing, total=1, completed=1)
    names = simulation.unit_names()
    if not args.quiet:
        report.print_indicators(
            table,
            title=f"Indicators {period} by commune (Decision 766/QĐ-TTg; total = province)",
            labels=names,
            columns=None if console.width >= _WIDE else _NARROW_COLUMNS,
            console=console,
        )
    elapsed = time.perf_counter() - started
    statuses = ", ".join(f"{k} {v:,}" for k, v in sorted(summary.statuses.items()))
    print(
        f"{summary.dossiers:,} dossiers ({summary.events:,} events) in {len(simulation.units)} "
        f"communes, seed {args.seed}: {statuses}",
        file=sys.stdout,
    )
    print(f"store:  {path}  (adminflow report --db sqlite:///{path} --period {period})")
    print(f"report: {out}")
    print(f"took {elapsed:.1f} s")
    return 0
