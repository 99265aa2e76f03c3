"""matcher: packed incidence index of the market cache

Revision ID: m0002
Revises: m0001
Create Date: 2026-11-23 12:40:00

The distinct need signatures unpacked into numpy arrays (signature x group and
signature x item incidences), stored as one blob so `mrt match` loads the market in
one read whatever the number of postings.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "m0002"
down_revision = "m0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "match_index",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("match_index")
