"""postings (dedupe_key, source) index: duplicate linking reads the index only

Revision ID: s0002
Revises: s0001
"""

from __future__ import annotations

from alembic import op

revision = "s0002"
down_revision = "s0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_postings_dedupe_key_source", "postings", ["dedupe_key", "source"])


def downgrade() -> None:
    op.drop_index("ix_postings_dedupe_key_source", table_name="postings")
