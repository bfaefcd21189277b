"""Alembic migrations shipped with the package: upgrade a store in place, read its revision."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from sqlalchemy import Connection, Engine, inspect, text

__all__ = ["current_revision", "upgrade_to", "upgrade_to_head"]


def _config(connection: Connection) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(files("adminflow.store") / "migrations"))
    config.attributes["connection"] = connection
    return config


def current_revision(connection: Connection) -> str | None:
    """The store's Alembic revision, or ``None`` for an empty database."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    found = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return None if found is None else str(found)


def upgrade_to(engine: Engine, revision: str) -> None:
    """Run the migrations up to ``revision`` (``"head"`` for this version's schema)."""
    from alembic import command

    with (
        engine.connect().execution_options(adminflow_write=True) as connection,
        connection.begin(),
    ):
        command.upgrade(_config(connection), revision)


def upgrade_to_head(engine: Engine) -> None:
    """Run every migration this version knows."""
    upgrade_to(engine, "head")
