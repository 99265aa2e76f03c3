"""Table definitions of the store, shared by every stage (SQLAlchemy Core).

The migrations under ``migrations/versions`` create exactly these tables; a change here
needs a new migration beside it, never a hand-run ALTER.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

postings = Table(
    "postings",
    metadata,
    Column("id", Integer, primary_key=True),
    # Spider kind ("greenhouse", "usajobs", "import:jobspy"...).
    Column("source", String(64), nullable=False),
    # The source's own id of the posting, unique within `source`.
    Column("source_id", String(255), nullable=False),
    # The config entry that produced it ("greenhouse:acme"): a complete crawl of a feed
    # closes the feed's postings it did not see.
    Column("feed", String(255), nullable=False),
    Column("url", Text),
    Column("title", Text, nullable=False, default=""),
    Column("company", Text),
    Column("city", String(128)),
    Column("state", String(2)),  # two-letter US state / territory code
    Column("country", String(2)),
    Column("location_raw", Text),
    Column("remote", Boolean),
    Column("employment_type", String(32)),
    Column("date_posted", Date),
    Column("date_posted_raw", Text),
    Column("valid_through", Date),
    Column("salary_min", Float),
    Column("salary_max", Float),
    Column("salary_period", String(8)),  # "hour" | "year"
    Column("salary_currency", String(3)),
    Column("salary_raw", Text),
    Column("description", Text, nullable=False, default=""),  # plain text
    Column("description_html", Text),  # as the source served it
    Column("raw", JSON),  # the source record, for re-parsing later
    Column("content_hash", String(64), nullable=False),
    Column("relevant", Boolean, nullable=False, default=True),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    Column("closed_at", DateTime(timezone=True)),
    # The same job reached through another source: points at the kept posting.
    Column("duplicate_of", Integer, ForeignKey("postings.id", ondelete="SET NULL")),
    # Normalised employer + title (migration s0001): candidates for duplicate linking.
    Column("dedupe_key", String(64)),
    # Incremental crawls (migration 0004_fetch_state): the fingerprint of the board's list
    # entry the posting was last fetched from (None where the list tells nothing the
    # detail does not), and when it was last fetched in full. A re-crawl fetches the
    # detail again only when the entry's fingerprint changed or fetched_at is too old.
    Column("list_fingerprint", String(64)),
    Column("fetched_at", DateTime(timezone=True)),
    UniqueConstraint("source", "source_id", name="uq_postings_source_id"),
    Index("ix_postings_feed", "feed"),
    Index("ix_postings_state", "state"),
    Index("ix_postings_first_seen", "first_seen"),
    Index("ix_postings_dedupe", "company", "title"),
    Index("ix_postings_dedupe_key", "dedupe_key"),
    # Duplicate linking counts sources per key from the index alone (migration s0002).
    Index("ix_postings_dedupe_key_source", "dedupe_key", "source"),
)

# Every place a posting names (migration 0003), primary first: position 0 is the place the
# posting's own city/state/country/location_raw/remote columns hold. Rewritten in the same
# transaction as the posting whenever its content changes.
posting_locations = Table(
    "posting_locations",
    metadata,
    Column("posting_id", Integer, ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("city", String(128)),
    Column("state", String(2)),  # two-letter US state / territory code
    Column("country", String(2)),
    Column("location_raw", Text),  # this place's text as the board gave it
    Column("remote", Boolean),
    Index("ix_posting_locations_state", "state", "posting_id"),
)

crawl_runs = Table(
    "crawl_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("status", String(32), nullable=False, default="running"),
    Column("command", Text),
)

crawl_run_sources = Table(
    "crawl_run_sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("crawl_runs.id", ondelete="CASCADE"), nullable=False),
    Column("feed", String(255), nullable=False),
    Column("source", String(64), nullable=False),
    Column("started_at", DateTime(timezone=True)),
    Column("finished_at", DateTime(timezone=True)),
    Column("finish_reason", String(64)),
    Column("requests", Integer, nullable=False, default=0),
    Column("responses", Integer, nullable=False, default=0),
    Column("items", Integer, nullable=False, default=0),
    Column("stored", Integer, nullable=False, default=0),
    Column("new", Integer, nullable=False, default=0),
    Column("updated", Integer, nullable=False, default=0),
    Column("closed", Integer, nullable=False, default=0),
    Column("errors", Integer, nullable=False, default=0),
    Column("dropped", JSON),  # {"reason": count}
    Column("complete", Boolean, nullable=False, default=False),
    Column("stats", JSON),  # the Scrapy stats of this source, for diagnosis
)

# Feed health (migration 0005_feed_health): what the monitors found when a feed's crawl
# ended (scraper/monitors.py), one row per run and feed; `mrt status` reads it.
feed_health = Table(
    "feed_health",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("crawl_runs.id", ondelete="CASCADE"), nullable=False),
    Column("feed", String(255), nullable=False),
    Column("source", String(64), nullable=False),
    Column("checked_at", DateTime(timezone=True), nullable=False),
    Column("status", String(16), nullable=False),  # ok | degraded | failing
    Column("items", Integer, nullable=False, default=0),  # listed: stored, dropped or seen
    Column("fetched", Integer, nullable=False, default=0),  # fetched in full and checked
    Column("invalid", Integer, nullable=False, default=0),  # failing the posting schema
    Column("requests", Integer, nullable=False, default=0),
    Column("errors", Integer, nullable=False, default=0),
    Column("retries", Integer, nullable=False, default=0),
    Column("with_fields", JSON),  # {"title": n, "description": n, "location": n, "pay": n}
    Column("checks", JSON),  # [{"check", "status", "detail"}], every check in report order
    UniqueConstraint("run_id", "feed", name="uq_feed_health_run_feed"),
    Index("ix_feed_health_feed", "feed", "id"),
)

# One row per posting that has been through the extractor: lets `mrt extract` be
# incremental (skip when content_hash and taxonomy_version are unchanged).
extractions = Table(
    "extractions",
    metadata,
    Column("posting_id", Integer, ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True),
    Column("taxonomy_version", String(64), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("extracted_at", DateTime(timezone=True), nullable=False),
    Column("relevant", Boolean, nullable=False),
    Column("role", String(32)),  # records | coding | roi | registry | cdi
    Column("salary_min", Float),
    Column("salary_max", Float),
    Column("salary_period", String(8)),
    Column("result", JSON),  # the contract-format object, evidence included
)

# Extractor output, one row per requirement, with evidence offsets into
# postings.description (the plain text).
requirements = Table(
    "requirements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("posting_id", Integer, ForeignKey("postings.id", ondelete="CASCADE"), nullable=False),
    Column("taxonomy_version", String(64), nullable=False),
    Column("kind", String(16), nullable=False),  # credential | skill | education | experience
    # credential id ("RHIT"), skill id ("icd-10-cm"), education level ("associate"),
    # or for experience the years as text ("1.5").
    Column("item_id", String(64), nullable=False),
    Column("level", String(16), nullable=False),  # required | preferred | alternative
    Column("grp", Integer),  # alternative group within the posting, credentials only
    Column("eligible", Boolean, nullable=False, default=False),
    Column("within_months", Integer),
    Column("years", Float),  # experience only
    Column("start_char", Integer),
    Column("end_char", Integer),
    Column("evidence", Text),
    Index("ix_requirements_posting", "posting_id"),
    Index("ix_requirements_item", "kind", "item_id"),
)
