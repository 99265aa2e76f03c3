"""matcher: market cache of posting need signatures

Revision ID: m0001
Revises: 0001
Create Date: 2026-11-23 12:30:00

`mrt match` evaluates a candidate once per distinct "need signature" (the required
groups and preferred items a posting asks for) instead of once per posting; these tables
hold the signatures, each current posting's signature with its market facets, and the
fingerprint of the data they were built from.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "m0001"
down_revision = "0001"
branch_labels = ("matcher",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "match_cache_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=255), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("postings", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "match_needs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("needs", sa.Text(), nullable=False),
        sa.Column("postings", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "match_posting_needs",
        sa.Column("posting_id", sa.Integer(), nullable=False),
        sa.Column("need_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=2), nullable=True),
        sa.Column("remote", sa.Boolean(), nullable=False),
        sa.Column("posted_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("posting_id"),
    )
    op.create_index("ix_match_posting_needs_need", "match_posting_needs", ["need_id"])
    op.create_index("ix_match_posting_needs_state", "match_posting_needs", ["state", "need_id"])
    op.create_index("ix_match_posting_needs_posted", "match_posting_needs", ["posted_on"])


def downgrade() -> None:
    op.drop_index("ix_match_posting_needs_posted", table_name="match_posting_needs")
    op.drop_index("ix_match_posting_needs_state", table_name="match_posting_needs")
    op.drop_index("ix_match_posting_needs_need", table_name="match_posting_needs")
    op.drop_table("match_posting_needs")
    op.drop_table("match_needs")
    op.drop_table("match_cache_state")
