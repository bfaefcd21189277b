"""A throw-away PostgreSQL server on loopback, for tests and benchmarks.

It uses pytest-postgresql's executor with the machine's ``pg_ctl``/``initdb`` (Debian:
``apt-get install postgresql``). PostgreSQL refuses to run as root, so under root the server
runs as the ``postgres`` user through ``runuser``.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from adminflow.errors import ConfigurationError

__all__ = ["create_database", "temporary_postgres"]


def _find_pg_ctl() -> str | None:
    found = shutil.which("pg_ctl")
    if found:
        return found
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return candidates[-1] if candidates else None


@contextlib.contextmanager
def temporary_postgres(*, max_connections: int = 60) -> Iterator[tuple[str, int]]:
    """Start a PostgreSQL server on 127.0.0.1 for the duration of the block: ``(host, port)``.

    The server trusts local connections as ``postgres`` and runs without fsync (it is thrown
    away). Its data directory is removed afterwards.

    Raises:
        ConfigurationError: PostgreSQL, psycopg or pytest-postgresql is not installed, or the
            server did not start; the message says which.
    """
    try:
        import psycopg  # noqa: F401
        from port_for import get_port
        from pytest_postgresql.executors import PostgreSQLExecutor
    except ImportError as exc:
        raise ConfigurationError(
            f"PostgreSQL not available: missing Python package {exc.name!r}"
        ) from None
    pg_ctl = _find_pg_ctl()
    if pg_ctl is None:
        raise ConfigurationError("PostgreSQL not available: pg_ctl not found")
    base = Path(tempfile.mkdtemp(prefix="adminflow-pg-"))
    executable = pg_ctl
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            raise ConfigurationError("PostgreSQL not available: running as root without runuser")
        wrapper = base / "pg_ctl"
        wrapper.write_text(f'#!/bin/sh\nexec runuser -u postgres -- "{pg_ctl}" "$@"\n')
        wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        try:
            shutil.chown(base, user="postgres")
        except (LookupError, OSError) as exc:
            shutil.rmtree(base, ignore_errors=True)
            raise ConfigurationError(
                f"PostgreSQL not available: no postgres user ({exc})"
            ) from None
        base.chmod(0o755)
        executable = str(wrapper)
    port = get_port(None)
    if not isinstance(port, int):  # pragma: no cover - get_port(None) gives one port
        raise ConfigurationError("PostgreSQL not available: no free port")
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
        postgres_options=(
            f"-c fsync=off -c synchronous_commit=off -c max_connections={int(max_connections)}"
        ),
    )
    try:
        executor.start()
        _wait_until_ready(port)
    except Exception as exc:
        log = base / "postgresql.log"
        tail = log.read_text(errors="replace")[-600:] if log.exists() else ""
        with contextlib.suppress(Exception):
            executor.stop()
        shutil.rmtree(base, ignore_errors=True)
        raise ConfigurationError(
            f"PostgreSQL not available: the server did not start ({exc!r}) {tail}"
        ) from None
    try:
        yield "127.0.0.1", port
    finally:
        with contextlib.suppress(Exception):
            executor.stop()
        shutil.rmtree(base, ignore_errors=True)


def _wait_until_ready(port: int) -> None:
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


def create_database(server: tuple[str, int], name: str) -> str:
    """Create database ``name`` on a :func:`temporary_postgres` server; its store URL."""
    import psycopg

    host, port = server
    if not name.replace("_", "").isalnum():
        raise ConfigurationError(f"database name must be letters, digits and _, got {name!r}")
    with psycopg.connect(f"host={host} port={port} user=postgres dbname=postgres") as conn:
        conn.autocommit = True
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://postgres@{host}:{port}/{name}"
