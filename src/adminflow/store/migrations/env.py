"""Alembic environment of adminflow's store: runs on the connection the caller passes."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, render_as_batch=True)
context.run_migrations()
