"""feed_health: what the monitors found when each feed's crawl ended, for `mrt status`

Revision ID: 0005_feed_health
Revises: 0004_fetch_state
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_feed_health"
down_revision = "0004_fetch_state"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feed_health",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("feed", sa.String(length=255), nullable=False),
        sa.Column("source", sa.String(length=64), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.Column("fetched", sa.Integer(), nullable=False),
        sa.Column("invalid", sa.Integer(), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("retries", sa.Integer(), nullable=False),
        sa.Column("with_fields", sa.JSON(), nullable=True),
        sa.Column("checks", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["run_id"], ["crawl_runs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("run_id", "feed", name="uq_feed_health_run_feed"),
    )
    op.create_index("ix_feed_health_feed", "feed_health", ["feed", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_feed_health_feed", table_name="feed_health")
    op.drop_table("feed_health")
