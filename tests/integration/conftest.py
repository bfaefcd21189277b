"""Real databases for the integration tests: SQLite files and a PostgreSQL server on loopback.

The PostgreSQL server is started once per session with pytest-postgresql's executor and the
machine's ``pg_ctl``/``initdb`` (as the ``postgres`` user when the tests run as root, since
PostgreSQL refuses to run as root). Each test gets its own database. When no server can be
started the PostgreSQL tests are skipped, unless ``ADMINFLOW_REQUIRE_POSTGRES=1`` (set by
``.ci/run``), which turns the skip into a failure.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REQUIRE_POSTGRES = os.environ.get("ADMINFLOW_REQUIRE_POSTGRES", "") not in {"", "0", "false"}
_counter = itertools.count()


def _unavailable(reason: str) -> Any:
    message = f"PostgreSQL not available: {reason}"
    if REQUIRE_POSTGRES:
        pytest.fail(message + " (ADMINFLOW_REQUIRE_POSTGRES is set)")
    pytest.skip(message)


def _find_pg_ctl() -> str | None:
    found = shutil.which("pg_ctl")
    if found:
        return found
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return candidates[-1] if candidates else None


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[tuple[str, int]]:
    """A PostgreSQL server on 127.0.0.1 for this test session: ``(host, port)``."""
    try:
        import psycopg  # noqa: F401
        from port_for import get_port
        from pytest_postgresql.executors import PostgreSQLExecutor
    except ImportError as exc:
        _unavailable(f"missing Python package ({exc.name})")
    pg_ctl = _find_pg_ctl()
    if pg_ctl is None:
        _unavailable("pg_ctl not found (apt-get install postgresql)")
    base = Path(tempfile.mkdtemp(prefix="adminflow-pg-"))
    executable = pg_ctl
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: run it as `postgres`.
        if shutil.which("runuser") is None:
            _unavailable("running as root without runuser")
        wrapper = base / "pg_ctl"
        wrapper.write_text(f'#!/bin/sh\nexec runuser -u postgres -- "{pg_ctl}" "$@"\n')
        wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        try:
            shutil.chown(base, user="postgres", group=None)
        except (LookupError, OSError) as exc:
            _unavailable(f"cannot hand the data directory to the postgres user ({exc})")
        base.chmod(0o755)
        executable = str(wrapper)
    port = get_port(None)
    assert isinstance(port, int)
    executor = PostgreSQLExecutor(
        executable=executable,
        host="127.0.0.1",
        port=port,
        datadir=str(base / "data"),
        unixsocketdir=str(base),
        logfile=str(base / "postgresql.log"),
        startparams="-w",
        dbname="adminflow",
        user="postgres",
        postgres_options="-c fsync=off -c synchronous_commit=off -c max_connections=60",
    )
    try:
        executor.start()
    except Exception as exc:  # noqa: BLE001 - any start failure means "not available"
        log = base / "postgresql.log"
        tail = log.read_text(errors="replace")[-800:] if log.exists() else ""
        shutil.rmtree(base, ignore_errors=True)
        _unavailable(f"could not start the server ({exc!r}) {tail}")
    _wait_until_ready(port)
    try:
        yield "127.0.0.1", port
    finally:
        executor.stop()
        shutil.rmtree(base, ignore_errors=True)


def _wait_until_ready(port: int) -> None:
    """Poll until the server accepts connections (it may still be recovering or starting)."""
    import psycopg

    deadline = time.monotonic() + 60
    while True:
        try:
            with psycopg.connect(f"host=127.0.0.1 port={port} user=postgres dbname=postgres"):
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture
def postgres_url(postgres_server: tuple[str, int]) -> Iterator[str]:
    """A fresh, empty PostgreSQL database; its ``postgresql+psycopg://`` URL."""
    yield from _database(postgres_server)


@pytest.fixture(scope="module")
def postgres_module_url(postgres_server: tuple[str, int]) -> Iterator[str]:
    """A PostgreSQL database shared by the tests of one module."""
    yield from _database(postgres_server)


def _database(postgres_server: tuple[str, int]) -> Iterator[str]:
    import psycopg

    host, port = postgres_server
    name = f"adminflow_{os.getpid()}_{next(_counter)}"
    admin = f"host={host} port={port} user=postgres dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@{host}:{port}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A URL of a new SQLite file."""
    return f"sqlite:///{tmp_path / 'dossiers.db'}"
