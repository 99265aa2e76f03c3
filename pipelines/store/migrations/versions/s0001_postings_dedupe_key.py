"""postings.dedupe_key: normalised employer + title, to link the same job across sources

Revision ID: s0001
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0001"
down_revision = "0001"
branch_labels = ("scraper",)
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("postings") as batch:
        batch.add_column(sa.Column("dedupe_key", sa.String(length=64), nullable=True))
        batch.create_index("ix_postings_dedupe_key", ["dedupe_key"])


def downgrade() -> None:
    with op.batch_alter_table("postings") as batch:
        batch.drop_index("ix_postings_dedupe_key")
        batch.drop_column("dedupe_key")
