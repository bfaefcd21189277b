"""Idempotency keys (``commands``, ``dossier_events.command_key``) and the applicant hash index.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add what adminflow 0.2 needs; existing rows keep their values (new columns are NULL)."""
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(sa.Column("applicant_hash", sa.Text(), nullable=True))
    op.create_index("ix_dossiers_applicant", "dossiers", ["applicant_hash", "id"])
    with op.batch_alter_table("dossier_events") as batch:
        batch.add_column(sa.Column("command_key", sa.Text(), nullable=True))
    op.create_table(
        "commands",
        sa.Column("key", sa.Text(), primary_key=True),
        sa.Column("dossier_id", sa.Text(), sa.ForeignKey("dossiers.id"), nullable=False),
        sa.Column("first_version", sa.Integer(), nullable=False),
        sa.Column("last_version", sa.Integer(), nullable=False),
    )
