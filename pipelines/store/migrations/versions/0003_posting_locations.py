"""posting_locations: every place a posting names, primary first; counted in each state

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "posting_locations",
        sa.Column("posting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("city", sa.String(length=128), nullable=True),
        sa.Column("state", sa.String(length=2), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("location_raw", sa.Text(), nullable=True),
        sa.Column("remote", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(["posting_id"], ["postings.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("posting_id", "position"),
    )
    op.create_index(
        "ix_posting_locations_state", "posting_locations", ["state", "posting_id"], unique=False
    )
    # Postings stored before: their one known place becomes position 0. A re-crawl adds
    # the other places of those that name several (their content hash then changes).
    op.execute(
        "INSERT INTO posting_locations "
        "(posting_id, position, city, state, country, location_raw, remote) "
        "SELECT id, 0, city, state, country, location_raw, remote FROM postings "
        "WHERE city IS NOT NULL OR state IS NOT NULL OR country IS NOT NULL "
        "OR location_raw IS NOT NULL OR remote IS NOT NULL"
    )


def downgrade() -> None:
    op.drop_index("ix_posting_locations_state", table_name="posting_locations")
    op.drop_table("posting_locations")
