"""The first schema: dossier snapshots, the append-only event log with its hash chain, outbox.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import TIMESTAMP

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

INSTANT = sa.Text().with_variant(TIMESTAMP(timezone=True), "postgresql")


def upgrade() -> None:
    """Create the tables of adminflow 0.1."""
    op.create_table(
        "dossiers",
        sa.Column("id", sa.Text(), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("procedure_code", sa.Text(), nullable=False),
        sa.Column("procedure_field", sa.Text(), nullable=False),
        sa.Column("rule_set", sa.Text(), nullable=False),
        sa.Column("province_code", sa.Text(), nullable=False),
        sa.Column("unit_code", sa.Text(), nullable=False),
        sa.Column("receiving_unit_code", sa.Text(), nullable=False),
        sa.Column("authority_id", sa.Text(), nullable=True),
        sa.Column("channel", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("submitted_at", INSTANT, nullable=True),
        sa.Column("received_at", INSTANT, nullable=True),
        sa.Column("due_at", INSTANT, nullable=True),
        sa.Column("original_due_at", INSTANT, nullable=True),
        sa.Column("finished_at", INSTANT, nullable=True),
        sa.Column("returned_at", INSTANT, nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("supplement_requests_reception", sa.Integer(), nullable=False),
        sa.Column("supplement_requests_processing", sa.Integer(), nullable=False),
        sa.Column("supplement_seconds", sa.Integer(), nullable=False),
        sa.Column("pending_supplement_since", INSTANT, nullable=True),
        sa.Column("fee_payable", sa.Boolean(), nullable=False),
        sa.Column("paid_online", sa.Boolean(), nullable=False),
        sa.Column("paper_result", sa.Boolean(), nullable=False),
        sa.Column("e_result", sa.Boolean(), nullable=False),
        sa.Column("digitised", sa.Boolean(), nullable=False),
        sa.Column("reused_data", sa.Boolean(), nullable=False),
        sa.Column("digitally_signed", sa.Boolean(), nullable=False),
        sa.Column("full_online", sa.Boolean(), nullable=False),
        sa.Column("satisfied_receiving", sa.Boolean(), nullable=True),
        sa.Column("satisfied_resolving", sa.Boolean(), nullable=True),
    )
    op.create_index("ix_dossiers_code", "dossiers", ["code", "id"])
    op.create_index("ix_dossiers_unit_status", "dossiers", ["unit_code", "status", "id"])
    op.create_index("ix_dossiers_received", "dossiers", ["received_at", "id"])
    op.create_index(
        "ix_dossiers_open_due",
        "dossiers",
        ["due_at", "id"],
        sqlite_where=sa.text("finished_at IS NULL"),
        postgresql_where=sa.text("finished_at IS NULL"),
    )
    op.create_table(
        "dossier_events",
        sa.Column("dossier_id", sa.Text(), sa.ForeignKey("dossiers.id"), primary_key=True),
        sa.Column("version", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("at", INSTANT, nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("hash", sa.Text(), nullable=False),
    )
    op.create_table(
        "outbox",
        sa.Column(
            "position",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("dossier_id", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("at", INSTANT, nullable=False),
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id", "version"], ["dossier_events.dossier_id", "dossier_events.version"]
        ),
    )
