"""one history: the crawl (s*) and match (m*) branches joined; every later migration follows
this one in a single line, so `alembic revision` has one head to build on

Revision ID: 0002
Revises: m0002, s0002
"""

from __future__ import annotations

revision = "0002"
down_revision = ("m0002", "s0002")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change: the join only gives later migrations one parent."""


def downgrade() -> None:
    """Nothing to undo."""
