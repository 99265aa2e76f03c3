"""Incremental crawls: which listed postings need their detail (or pay) request again.

A board's list names every open posting; the detail page costs one request each. A
posting is fetched in full only when it is new to the store, when its list entry changed
(its fingerprint: a hash of the entry's fields that matter) or when its last full fetch is
older than the source's refresh age. Otherwise the spider emits a ``SeenPosting`` and the
store moves its last_seen without fetching anything.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pipelines.store.db import utcnow
from pipelines.store.fetch_state import FetchState, as_utc

DEFAULT_REFRESH_DAYS = 7.0


def fingerprint(record: Mapping[str, Any], fields: Iterable[str]) -> str:
    """A hash of ``record``'s ``fields`` (missing ones count as null), stable across runs."""
    picked = {name: record.get(name) for name in fields}
    text = json.dumps(picked, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Verdict:
    """``fetch`` with its reason (new, changed, stale, new_or_changed), or the source ids
    of the stored postings to mark seen."""

    fetch: bool
    reason: str
    seen: tuple[str, ...] = ()


class Freshness:
    """What the store knows of one feed, and the rule for fetching a listed posting again."""

    def __init__(
        self,
        known: Mapping[str, FetchState],
        refresh_days: float = DEFAULT_REFRESH_DAYS,
        now: datetime | None = None,
    ) -> None:
        self.known = known
        self.oldest = (now or utcnow()) - timedelta(days=refresh_days)
        self.by_fingerprint: dict[str, list[str]] = {}
        for source_id, state in known.items():
            if state.fingerprint:
                self.by_fingerprint.setdefault(state.fingerprint, []).append(source_id)

    def check(self, entry_fingerprint: str, source_id: str | None = None) -> Verdict:
        """The verdict on a list entry; ``source_id`` where the list gives the stored id
        (else the postings are found by fingerprint, which covers the entry's identity)."""
        if source_id is not None:
            state = self.known.get(source_id)
            if state is None:
                return Verdict(True, "new")
            if state.fingerprint != entry_fingerprint:
                return Verdict(True, "changed")
            ids = [source_id]
        else:
            ids = self.by_fingerprint.get(entry_fingerprint, [])
            if not ids:
                return Verdict(True, "new_or_changed")
        if any(self._stale(self.known[i].fetched_at) for i in ids):
            return Verdict(True, "stale")
        return Verdict(False, "seen", tuple(ids))

    def _stale(self, fetched_at: datetime | None) -> bool:
        fetched_at = as_utc(fetched_at)
        return fetched_at is None or fetched_at < self.oldest


def refresh_days(value: Any, default: float = DEFAULT_REFRESH_DAYS) -> float:
    """A source's ``refresh_days`` (a spider argument: text from `scrapy crawl -a`)."""
    if value is None or value == "":
        return default
    return float(value)


__all__ = ["DEFAULT_REFRESH_DAYS", "Freshness", "Verdict", "fingerprint", "refresh_days"]
