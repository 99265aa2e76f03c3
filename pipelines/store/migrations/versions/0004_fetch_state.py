"""postings.list_fingerprint and fetched_at: what an incremental crawl compares a board's
list entry against, and when the posting was last fetched in full

Revision ID: 0004_fetch_state
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_fetch_state"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("postings", sa.Column("list_fingerprint", sa.String(length=64), nullable=True))
    op.add_column("postings", sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=True))
    # Every crawl before this one fetched every posting in full: its last full fetch is
    # when it was last seen. No fingerprint is known yet, so the next crawl fetches each
    # posting with a detail page once more and records its list entry's fingerprint.
    op.execute("UPDATE postings SET fetched_at = last_seen")


def downgrade() -> None:
    with op.batch_alter_table("postings") as batch:
        batch.drop_column("fetched_at")
        batch.drop_column("list_fingerprint")
