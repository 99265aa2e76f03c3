"""Record crawl runs and, per feed, what each crawl requested, stored, dropped and closed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update

from pipelines.store.db import Store, utcnow
from pipelines.store.schema import crawl_run_sources, crawl_runs


def start_run(store: Store, command: str = "") -> int:
    with store.begin() as conn:
        result = conn.execute(
            insert(crawl_runs).values(started_at=utcnow(), status="running", command=command)
        )
        return int(result.inserted_primary_key[0])


def finish_run(store: Store, run_id: int, status: str) -> None:
    with store.begin() as conn:
        conn.execute(
            update(crawl_runs)
            .where(crawl_runs.c.id == run_id)
            .values(finished_at=utcnow(), status=status)
        )


def start_source(store: Store, run_id: int, feed: str, source: str) -> tuple[int, datetime]:
    started = utcnow()
    with store.begin() as conn:
        result = conn.execute(
            insert(crawl_run_sources).values(
                run_id=run_id, feed=feed, source=source, started_at=started, finish_reason="running"
            )
        )
        return int(result.inserted_primary_key[0]), started


def finish_source(store: Store, row_id: int, **values: Any) -> None:
    allowed = {c.name for c in crawl_run_sources.columns} - {"id", "run_id", "feed", "source"}
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"unknown crawl_run_sources columns: {sorted(unknown)}")
    with store.begin() as conn:
        conn.execute(
            update(crawl_run_sources)
            .where(crawl_run_sources.c.id == row_id)
            .values(finished_at=utcnow(), **values)
        )


def run_sources(store: Store, run_id: int) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(crawl_run_sources)
            .where(crawl_run_sources.c.run_id == run_id)
            .order_by(crawl_run_sources.c.id)
        )
        return [dict(r._mapping) for r in rows]
