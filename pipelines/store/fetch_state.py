"""What the store knows of a feed's postings for an incremental crawl, in one query."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import NamedTuple

from sqlalchemy import select

from pipelines.store.db import Store
from pipelines.store.schema import postings


class FetchState(NamedTuple):
    """A stored posting's list-entry fingerprint (None: unknown) and last full fetch."""

    fingerprint: str | None
    fetched_at: datetime | None


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite hands timestamps back without their zone; they were written in UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment


def known_postings(
    store: Store, feed: str, *, include_irrelevant: bool = False
) -> dict[str, FetchState]:
    """source_id -> FetchState of every posting of ``feed``, closed ones included.

    Without ``include_irrelevant`` the rows an earlier ``--all`` crawl kept with
    relevant=false are left out: this crawl drops them, so it must fetch them to know.
    """
    query = select(postings.c.source_id, postings.c.list_fingerprint, postings.c.fetched_at).where(
        postings.c.feed == feed
    )
    if not include_irrelevant:
        query = query.where(postings.c.relevant.is_(True))
    with store.engine.connect() as conn:
        return {
            source_id: FetchState(fingerprint, as_utc(fetched_at))
            for source_id, fingerprint, fetched_at in conn.execute(query)
        }


__all__ = ["FetchState", "as_utc", "known_postings"]
