"""Find stored postings by text and fetch a page of them by id (for the web app's search)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select

from pipelines.store.db import Store
from pipelines.store.postings import TEXT_PAY, with_extraction
from pipelines.store.schema import postings

#: Longest search text taken, and most words in it (each word must occur).
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 8
LIST_COLUMNS = (
    postings.c.id, postings.c.source, postings.c.source_id, postings.c.feed, postings.c.url,
    postings.c.title, postings.c.company, postings.c.city, postings.c.state, postings.c.remote,
    postings.c.employment_type, postings.c.date_posted, postings.c.salary_min,
    postings.c.salary_max, postings.c.salary_period, postings.c.first_seen, postings.c.last_seen,
    postings.c.closed_at, postings.c.relevant, postings.c.duplicate_of, *TEXT_PAY,
)  # fmt: skip


def query_words(q: str | None) -> list[str]:
    """The words of a search text, lower-cased, at most :data:`MAX_QUERY_WORDS`."""
    return (q or "")[:MAX_QUERY_CHARS].lower().split()[:MAX_QUERY_WORDS]


class TextIndex:
    """The searchable text of every stored posting (title, employer, city, description),
    lower-cased and kept in memory: a search is a scan of strings, no database round trip.

    A 1.5 KB description per posting is about 150 MB at 100,000 postings; a search of
    them takes a few tens of milliseconds where SQL ``LIKE`` over the table takes
    half a second.
    """

    def __init__(self, ids: Sequence[int], texts: Sequence[str]) -> None:
        self.ids = list(ids)
        self.texts = list(texts)

    @classmethod
    def load(cls, store: Store) -> TextIndex:
        haystack = (
            func.coalesce(postings.c.title, "")
            + " "
            + func.coalesce(postings.c.company, "")
            + " "
            + func.coalesce(postings.c.city, "")
            + " "
            + func.coalesce(postings.c.description, "")
        )
        ids, texts = [], []
        with store.engine.connect() as conn:
            rows = conn.execution_options(yield_per=5000).execute(
                select(postings.c.id, haystack).order_by(postings.c.id)
            )
            for posting_id, text in rows:
                ids.append(posting_id)
                texts.append(text.lower())
        return cls(ids, texts)

    def matches(self, q: str | None) -> set[int]:
        """Ids of the postings containing every word of ``q`` (case-insensitive)."""
        words = query_words(q)
        if not words:
            return set(self.ids)
        first, rest = words[0], words[1:]
        return {
            posting_id
            for posting_id, text in zip(self.ids, self.texts, strict=True)
            if first in text and all(w in text for w in rest)
        }


def rows_by_id(
    store: Store, ids: Sequence[int], *, description: bool = False
) -> list[dict[str, Any]]:
    """The postings ``ids`` (with the pay read from their text), in the order given."""
    if not ids:
        return []
    columns = [*LIST_COLUMNS, postings.c.description] if description else list(LIST_COLUMNS)
    with store.engine.connect() as conn:
        found = {
            row.id: dict(row._mapping)
            for row in conn.execute(
                select(*columns).select_from(with_extraction()).where(postings.c.id.in_(list(ids)))
            )
        }
    return [found[i] for i in ids if i in found]


__all__ = ["MAX_QUERY_WORDS", "TextIndex", "query_words", "rows_by_id"]
