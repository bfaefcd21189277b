"""Real databases for the integration tests: SQLite files and a PostgreSQL server on loopback.

The PostgreSQL server is started once per session with pytest-postgresql's executor and the
machine's ``pg_ctl``/``initdb`` (as the ``postgres`` user when the tests run as root, since
PostgreSQL refuses to run as root). Each test gets its own database. When no server can be
started the PostgreSQL tests are skipped, unless ``ADMINFLOW_REQUIRE_POSTGRES=1`` (set by
``.ci/run``), which turns the skip into a failure.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REQUIRE_POSTGRES = os.environ.get("ADMINFLOW_REQUIRE_POSTGRES", "") not in {"", "0", "false"}
_counter = itertools.count()


def _unavailable(reason: str) -> Any:
    message = reason if reason.startswith("PostgreSQL") else f"PostgreSQL not available: {reason}"
    if REQUIRE_POSTGRES:
        pytest.fail(message + " (ADMINFLOW_REQUIRE_POSTGRES is set)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[tuple[str, int]]:
    """A PostgreSQL server on 127.0.0.1 for this test session: ``(host, port)``."""
    from adminflow.errors import ConfigurationError
    from adminflow.testing._postgres import temporary_postgres

    try:
        server = temporary_postgres()
        address = server.__enter__()
    except ConfigurationError as exc:
        _unavailable(str(exc))
    try:
        yield address
    finally:
        server.__exit__(None, None, None)


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
