"""Build a store from inline fixture rows: postings, their extraction and requirements."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import insert

from pipelines.store import schema
from pipelines.store.db import Store

TAXONOMY_VERSION = "test-1"


def ts(day: str) -> datetime:
    """'2026-03-02' -> that day at noon UTC."""
    return datetime.fromisoformat(day).replace(hour=12, tzinfo=timezone.utc)


@dataclass
class StoreBuilder:
    """Collects rows and writes them in one transaction with ``write(store)``."""

    postings: list[dict[str, Any]] = field(default_factory=list)
    extractions: list[dict[str, Any]] = field(default_factory=list)
    requirements: list[dict[str, Any]] = field(default_factory=list)

    def posting(
        self,
        *,
        source: str = "greenhouse",
        feed: str | None = None,
        title: str = "Medical Records Technician",
        company: str | None = "Acme Health",
        state: str | None = "OK",
        first_seen: str = "2026-03-02",
        last_seen: str | None = None,
        closed_at: str | None = None,
        duplicate_of: int | None = None,
        relevant: bool = True,
        extract: bool = True,
        role: str | None = "records",
        x_relevant: bool | None = None,
        x_salary: tuple[float | None, float | None, str | None] = (None, None, None),
        reqs: list[tuple] = (),
        **columns: Any,
    ) -> int:
        """Add a posting; ``reqs`` are (kind, item_id, level[, grp[, eligible[, within, years]]])."""
        pid = len(self.postings) + 1
        self.postings.append(
            {
                "id": pid,
                "source": source,
                "source_id": f"{source}-{pid}",
                "feed": feed or f"{source}:test",
                "title": title,
                "company": company,
                "state": state,
                "description": "",
                "content_hash": hashlib.sha256(str(pid).encode()).hexdigest(),
                "relevant": relevant,
                "first_seen": ts(first_seen),
                "last_seen": ts(last_seen or first_seen),
                "closed_at": ts(closed_at) if closed_at else None,
                "duplicate_of": duplicate_of,
                "salary_min": None,
                "salary_max": None,
                "salary_period": None,
                "remote": None,
                **columns,
            }
        )
        if extract:
            self.extractions.append(
                {
                    "posting_id": pid,
                    "taxonomy_version": TAXONOMY_VERSION,
                    "content_hash": self.postings[-1]["content_hash"],
                    "extracted_at": ts(first_seen),
                    "relevant": relevant if x_relevant is None else x_relevant,
                    "role": role,
                    "salary_min": x_salary[0],
                    "salary_max": x_salary[1],
                    "salary_period": x_salary[2],
                    "result": {},
                }
            )
        for req in reqs:
            kind, item, level, *rest = req
            grp, eligible, within, years = list(rest) + [None, False, None, None][len(rest) :]
            self.requirements.append(
                {
                    "posting_id": pid,
                    "taxonomy_version": TAXONOMY_VERSION,
                    "kind": kind,
                    "item_id": item,
                    "level": level,
                    "grp": grp,
                    "eligible": bool(eligible),
                    "within_months": within,
                    "years": years,
                }
            )
        return pid

    def write(self, store: Store) -> Store:
        with store.begin() as conn:
            # Postings first without their duplicate link, so a row may point at a later one.
            conn.execute(
                insert(schema.postings), [{**p, "duplicate_of": None} for p in self.postings]
            )
            for p in self.postings:
                if p["duplicate_of"] is not None:
                    conn.execute(
                        schema.postings.update()
                        .where(schema.postings.c.id == p["id"])
                        .values(duplicate_of=p["duplicate_of"])
                    )
            if self.extractions:
                conn.execute(insert(schema.extractions), self.extractions)
            if self.requirements:
                conn.execute(insert(schema.requirements), self.requirements)
        return store
