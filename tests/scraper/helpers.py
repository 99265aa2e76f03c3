"""Shared by the scraper tests: run a crawl of given sources and read the store back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from pipelines.store.db import open_store
from pipelines.store.postings import postings
from scraper.runner import CrawlSummary, crawl
from scraper.sources import parse_sources

CASSETTES = Path(__file__).resolve().parents[1] / "fixtures" / "cassettes"
EDGE = CASSETTES / "edge"


def run(entries: list[dict[str, Any]], db_url: str, **kwargs: Any) -> CrawlSummary:
    return crawl(parse_sources(entries), db_url, **kwargs)


def rows(db_url: str, **where: Any) -> list[dict[str, Any]]:
    store = open_store(db_url)
    query = select(postings).order_by(postings.c.source, postings.c.source_id)
    for name, value in where.items():
        query = query.where(postings.c[name] == value)
    with store.engine.connect() as conn:
        result = [dict(r._mapping) for r in conn.execute(query)]
    store.dispose()
    return result
