"""The matcher's cache tables (created by migration m0001), kept out of the shared schema."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

match_cache_state = Table(
    "match_cache_state",
    metadata,
    Column("id", Integer, primary_key=True),
    # What the cache was built from (see matcher.signatures.market_fingerprint).
    Column("fingerprint", String(255), nullable=False),
    Column("built_at", DateTime(timezone=True), nullable=False),
    Column("postings", Integer, nullable=False),
)

# One row per distinct need signature, with how many current postings share it.
match_needs = Table(
    "match_needs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("needs", Text, nullable=False),  # matcher.needs.Needs as canonical JSON
    Column("postings", Integer, nullable=False),
)

# One row per current posting: its signature and the facets the market can be narrowed by.
match_posting_needs = Table(
    "match_posting_needs",
    metadata,
    Column("posting_id", Integer, primary_key=True),
    Column("need_id", Integer, nullable=False),
    Column("state", String(2)),
    Column("remote", Boolean, nullable=False),
    Column("posted_on", Date, nullable=False),
)

# The packed MarketIndex (matcher.index) of the signatures above: one row, id 1.
match_index = Table(
    "match_index",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("data", LargeBinary, nullable=False),
)
