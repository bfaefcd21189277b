"""``adminflow demo`` run as a subprocess on small workloads in a temporary directory."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200"}


def demo(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "adminflow", "demo", *args],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=cwd,
        check=False,
        timeout=600,
    )


def count(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        (n,) = connection.execute("SELECT count(*) FROM dossiers").fetchone()
    return int(n)


def test_small_demo_writes_store_table_and_report(tmp_path: Path) -> None:
    """A small demo fills the SQLite store, prints the table with totals and writes the HTML."""
    result = demo("--dossiers", "120", "--seed", "4", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert count(tmp_path / "adminflow-demo.db") == 120
    assert "Total" in result.stdout
    assert "120 dossiers" in result.stdout
    html = (tmp_path / "adminflow-demo.html").read_text(encoding="utf-8")
    assert "Plotly" in html
    assert "<script src=" not in html  # nothing fetched: plotly.js is embedded


def test_rerun_replaces_the_default_files(tmp_path: Path) -> None:
    """Running the demo twice with the defaults replaces its own store."""
    first = demo("--dossiers", "30", "--quiet", cwd=tmp_path)
    second = demo("--dossiers", "40", "--quiet", cwd=tmp_path)

    assert first.returncode == second.returncode == 0, second.stderr
    assert count(tmp_path / "adminflow-demo.db") == 40


def test_existing_db_is_kept_without_overwrite(tmp_path: Path) -> None:
    """An existing --db file is refused (status 2) unless --overwrite is given."""
    db = tmp_path / "mine.db"
    db.write_bytes(b"precious")

    refused = demo("--db", str(db), "--dossiers", "10", "--quiet", cwd=tmp_path)
    replaced = demo(
        "--db",
        str(db),
        "--out",
        "r.html",
        "--dossiers",
        "10",
        "--overwrite",
        "--quiet",
        cwd=tmp_path,
    )

    assert refused.returncode == 2
    assert "--overwrite" in refused.stderr
    assert replaced.returncode == 0, replaced.stderr
    assert count(db) == 10
    assert (tmp_path / "r.html").is_file()


def test_same_seed_same_store(tmp_path: Path) -> None:
    """Two runs with the same seed store the same rows."""
    demo("--db", "a.db", "--out", "a.html", "--dossiers", "50", "--quiet", cwd=tmp_path)
    demo("--db", "b.db", "--out", "b.html", "--dossiers", "50", "--quiet", cwd=tmp_path)

    rows = []
    for name in ("a.db", "b.db"):
        with sqlite3.connect(tmp_path / name) as connection:
            rows.append(connection.execute("SELECT * FROM dossiers ORDER BY id").fetchall())

    assert rows[0] == rows[1]


def test_bad_options_are_usage_errors(tmp_path: Path) -> None:
    """A non-SQLite --db, a bad --scale or a missing parameter file exit with status 2."""
    for args in (
        ("--db", "postgresql://u@h/db"),
        ("--scale", "0"),
        ("--dossiers", "0"),
        ("--parameters", "missing.toml"),
        ("--out", "no/such/dir/report.html"),
        ("--seed", "-1"),
    ):
        result = demo(*args, "--quiet", cwd=tmp_path)

        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.startswith("adminflow demo: error:"), result.stderr
