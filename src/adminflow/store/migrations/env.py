"""Alembic environment of adminflow's store: runs on the connection the caller passes."""

from alembic import context


def run() -> None:
    """Run the migrations on ``config.attributes["connection"]``."""
    connection = context.config.attributes["connection"]
    context.configure(connection=connection, target_metadata=None, render_as_batch=True)
    context.run_migrations()


if hasattr(context, "config"):  # executed by Alembic (plain imports, e.g. by pytest, skip it)
    run()
