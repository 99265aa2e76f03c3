"""Item pipelines: clean -> relevance -> dedupe -> store, one small class per concern.

Data problems are counted in namespaced stats (``mrt/dropped/<reason>``,
``mrt/clean/<what>``) rather than logged one by one; the store pipeline writes them into
the crawl run record when the spider closes.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Mapping, MutableMapping
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from twisted.internet import task

from pipelines.jobfamily import classify
from pipelines.normalize.dates import parse_date
from pipelines.normalize.html import html_to_text
from pipelines.normalize.location import (
    distinct,
    is_not_a_place,
    normalise_place,
    parse_location,
    split_places,
    state_code,
)
from pipelines.normalize.salary import parse_salary
from pipelines.store import crawl_runs
from pipelines.store.db import Store, default_db_url, open_store
from pipelines.store.postings import PostingWriter, close_missing, content_hash, location_rows
from scraper.items import SeenPosting, item_fields

logger = logging.getLogger(__name__)


def error_count(stats: dict[str, Any]) -> int:
    """Failed requests, malformed payloads and exceptions in spider callbacks."""
    return stats.get("mrt/errors", 0) + stats.get("spider_exceptions/count", 0)


def drop(crawler: Crawler, reason: str, message: str) -> DropItem:
    crawler.stats.inc_value(f"mrt/dropped/{reason}")
    return DropItem(message)


def clean_posting(adapter: MutableMapping[str, Any], count: Callable[[str], None]) -> str | None:
    """Fill the normalised twins from the raw fields; the reason to drop it, or None.

    Shared by the crawl (CleanPipeline) and `mrt import`; ``count`` receives the name
    of each data problem met.
    """
    adapter["title"] = html_to_text(adapter.get("title") or "").replace("\n", " ")
    if not adapter["title"] or not adapter.get("sourceId"):
        return "missing_field"
    if not adapter.get("description"):
        adapter["description"] = html_to_text(adapter.get("descriptionHtml") or "")
    if not adapter["description"]:
        count("no_description")
    _clean_location(adapter, count)
    for raw_name, name in (("datePostedRaw", "datePosted"), ("validThroughRaw", "validThrough")):
        if adapter.get(name) is None and adapter.get(raw_name):
            adapter[name] = parse_date(adapter[raw_name])
            if adapter[name] is None:
                count(f"unparsed_{name}")
    if adapter.get("salaryMin") is None and adapter.get("baseSalaryRaw"):
        pay = parse_salary(adapter["baseSalaryRaw"])
        if pay is not None:
            adapter["salaryMin"], adapter["salaryMax"] = pay.min, pay.max
            adapter["salaryPeriod"], adapter["salaryCurrency"] = pay.period, pay.currency
        else:
            count("unparsed_salary")
    return None


def _clean_location(adapter: MutableMapping[str, Any], count: Callable[[str], None]) -> None:
    """Every place of the posting into ``locations`` (primary first), and the primary into
    the posting's own city, state, country and remote flag where the board left them out.

    The places are the board's own list (``jobLocations``) or, failing that, the places
    its location text names ("Toronto, New York, San Francisco" is three). A text that
    names no place ("Location Negotiable After Selection") never becomes a city.
    """
    raw = adapter.get("jobLocationRaw")
    places = [normalise_place(**place) for place in adapter.get("jobLocations") or []]
    if not places and raw and not adapter.get("state"):
        pieces = split_places(raw)
        if len(pieces) > 1:
            places = [parse_location(piece) for piece in pieces]
    places = distinct(places)
    if adapter.get("state"):
        adapter["state"] = state_code(adapter["state"])
    if places:
        first = places[0]
        if not adapter.get("state"):
            adapter["state"] = first.state
            adapter["city"] = adapter.get("city") or first.city
        adapter["country"] = adapter.get("country") or first.country
        if adapter.get("remote") is None:
            adapter["remote"] = first.remote
    elif not adapter.get("state") and raw:
        place = parse_location(raw)
        adapter["city"] = adapter.get("city") or place.city
        adapter["state"] = place.state
        adapter["country"] = adapter.get("country") or place.country
        if adapter.get("remote") is None:
            adapter["remote"] = place.remote
    if adapter.get("city") and is_not_a_place(adapter["city"]):
        adapter["city"] = None
    if not places:
        primary = normalise_place(
            raw, adapter.get("city"), adapter.get("state"), adapter.get("country"),
            adapter.get("remote"),
        )  # fmt: skip
        places = distinct([primary])
    adapter["locations"] = places
    if not any(p.state for p in places) and not adapter.get("remote"):
        count("no_state")


class CleanPipeline:
    """Normalise each item (text, place, dates, pay); drop the ones without title or id."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CleanPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if type(item) is SeenPosting:  # not fetched: nothing to clean
            return item
        adapter = item_fields(item)
        stats = self.crawler.stats
        problem = clean_posting(adapter, lambda name: stats.inc_value(f"mrt/clean/{name}"))
        if problem:
            raise drop(self.crawler, problem, f"{problem}: {adapter.get('url')}")
        return item


class RelevancePipeline:
    """Keep the medical-records family (pipelines.jobfamily); others only with --all."""

    def __init__(self, crawler: Crawler, keep_all: bool) -> None:
        self.crawler = crawler
        self.keep_all = keep_all

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RelevancePipeline:
        return cls(crawler, crawler.settings.getbool("MRT_KEEP_ALL"))

    def process_item(self, item: Any) -> Any:
        if type(item) is SeenPosting:  # the store knows it as relevant (scraper.freshness)
            return item
        adapter = item_fields(item)
        match = classify(adapter.get("title") or "", adapter.get("description") or "")
        adapter["relevant"], adapter["role"] = match.relevant, match.role
        if not match.relevant and not self.keep_all:
            raise drop(self.crawler, "not_relevant", f"{match.reason}: {adapter['title']!r}")
        return item


class DedupePipeline:
    """Drop a job the same crawl already produced (overlapping pages, repeated links)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.seen: set[tuple[str, str]] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        adapter = item_fields(item)
        key = (adapter["source"], str(adapter["sourceId"]))
        if key in self.seen:
            raise drop(self.crawler, "duplicate_in_crawl", f"seen already: {key}")
        self.seen.add(key)
        return item


def item_to_row(adapter: Mapping[str, Any]) -> dict[str, Any]:
    """Map the item (schema.org names) onto postings columns."""
    row = {
        "source": adapter["source"],
        "source_id": str(adapter["sourceId"])[:255],
        "feed": adapter["feed"],
        "url": adapter.get("url"),
        "title": adapter.get("title") or "",
        "company": adapter.get("hiringOrganization"),
        "city": (adapter.get("city") or None) and str(adapter["city"])[:128],
        "state": adapter.get("state"),
        "country": (adapter.get("country") or None) and str(adapter["country"])[:2].upper(),
        "location_raw": adapter.get("jobLocationRaw"),
        "remote": adapter.get("remote"),
        "employment_type": (adapter.get("employmentType") or None)
        and str(adapter["employmentType"])[:32],
        "date_posted": adapter.get("datePosted"),
        "date_posted_raw": adapter.get("datePostedRaw"),
        "valid_through": adapter.get("validThrough"),
        "salary_min": adapter.get("salaryMin"),
        "salary_max": adapter.get("salaryMax"),
        "salary_period": adapter.get("salaryPeriod"),
        "salary_currency": adapter.get("salaryCurrency"),
        "salary_raw": adapter.get("baseSalaryRaw"),
        "description": adapter.get("description") or "",
        "description_html": adapter.get("descriptionHtml"),
        "raw": adapter.get("raw") or {},
        "relevant": bool(adapter.get("relevant", True)),
        "locations": location_rows(adapter.get("locations") or []),
        "list_fingerprint": adapter.get("listFingerprint"),
    }
    row["content_hash"] = content_hash(row)
    return row


class StorePipeline:
    """Upsert items in small batches; on close, record the run and close vanished postings.

    Batches are written by one background thread, so the crawl keeps downloading while
    the database works (at most ``MAX_PENDING`` batches wait; then the crawl waits).
    A feed's missing postings are closed only when its crawl was complete: finished
    normally, no failed request, malformed payload or failed write, and at least one
    posting seen.
    """

    MAX_PENDING = 2

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.db_url = settings.get("MRT_DB_URL") or default_db_url()
        self.batch_size = settings.getint("MRT_STORE_BATCH", 500)
        self.flush_seconds = settings.getfloat("MRT_STORE_FLUSH_SECONDS", 2.0)
        self.keep_all = settings.getbool("MRT_KEEP_ALL")
        self.run_id: int | None = settings.getint("MRT_RUN_ID") or None
        self.own_run = False
        self.buffer: list[dict[str, Any]] = []
        self.seen: list[tuple[str, str]] = []  # (source, source_id) of SeenPosting items
        self.last_flush = time.monotonic()
        self.store: Store | None = None
        self.writer: PostingWriter | None = None
        self.source_row: int | None = None
        self.started: datetime | None = None
        self.timer: task.LoopingCall | None = None
        self.executor: ThreadPoolExecutor | None = None
        self.pending: deque[tuple[int, Future]] = deque()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        spider = self.crawler.spider
        migrated = self.crawler.settings.getbool("MRT_STORE_MIGRATED")
        self.store = open_store(self.db_url, migrate_schema=not migrated)
        self.writer = PostingWriter(self.store)
        if self.run_id is None:  # plain `scrapy crawl`: this spider is the whole run
            self.run_id = crawl_runs.start_run(self.store, f"scrapy crawl {spider.name}")
            self.own_run = True
        self.crawler.stats.set_value("mrt/run_id", self.run_id)  # the monitors record into it
        self.source_row, self.started = crawl_runs.start_source(
            self.store, self.run_id, spider.feed, spider.name
        )
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mrt-store")
        # A stalled crawl still writes what it has: a kill loses at most a few seconds.
        self.timer = task.LoopingCall(self._flush_if_due)
        self.timer.start(self.flush_seconds, now=False)

    def _flush_if_due(self) -> None:
        if (self.buffer or self.seen) and time.monotonic() - self.last_flush >= self.flush_seconds:
            self.flush()

    def process_item(self, item: Any) -> Any:
        if type(item) is SeenPosting:
            self.seen.append((item.source, item.sourceId))
        else:
            self.buffer.append(item_to_row(item_fields(item)))
        if (
            len(self.buffer) + len(self.seen) >= self.batch_size
            or time.monotonic() - self.last_flush >= self.flush_seconds
        ):
            self.flush()
        return item

    def flush(self) -> None:
        self.last_flush = time.monotonic()
        if not (self.buffer or self.seen) or self.writer is None:
            return
        rows, self.buffer = self.buffer, []
        seen, self.seen = self.seen, []
        assert self.executor is not None
        future = self.executor.submit(self.writer.upsert, rows, seen=seen)
        self.pending.append((len(rows), future))
        self.collect(wait_for_one=len(self.pending) > self.MAX_PENDING)

    def collect(self, *, wait_for_one: bool = False, wait_for_all: bool = False) -> None:
        """Count the finished batch writes (in order); optionally wait for them."""
        stats = self.crawler.stats
        while self.pending and (self.pending[0][1].done() or wait_for_one or wait_for_all):
            wait_for_one = False
            count, future = self.pending.popleft()
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - reported, and the feed is incomplete
                stats.inc_value("mrt/errors")
                stats.inc_value("mrt/errors/store")
                logger.error("storing %d postings failed: %s", count, exc)
                continue
            stats.inc_value("mrt/store/stored", count)
            stats.inc_value("mrt/store/new", result.new)
            stats.inc_value("mrt/store/updated", result.updated)
            stats.inc_value("mrt/store/unchanged", result.unchanged)
            if result.seen:
                stats.inc_value("mrt/store/seen", result.seen)
            if result.linked:
                stats.inc_value("mrt/store/linked_duplicates", result.linked)
            if result.nul_removed:
                stats.inc_value("mrt/text/nul_removed", result.nul_removed)
            if result.surrogates_removed:
                stats.inc_value("mrt/text/surrogates_removed", result.surrogates_removed)

    def close_spider(self) -> None:
        if self.timer is not None and self.timer.running:
            self.timer.stop()
        self.flush()
        self.collect(wait_for_all=True)
        if self.executor is not None:
            self.executor.shutdown(wait=True)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.store is None or self.source_row is None:
            return
        stats = self.crawler.stats
        values = stats.get_stats()
        seen = values.get("item_scraped_count", 0) + values.get("item_dropped_count", 0)
        errors = error_count(values)
        complete = reason == "finished" and errors == 0 and seen > 0
        closed = 0
        if complete and self.started is not None:
            closed = close_missing(
                self.store, spider.feed, self.started, include_irrelevant=self.keep_all
            )
        stats.set_value("mrt/store/closed", closed)
        stats.set_value("mrt/complete", complete)
        dropped = {
            key.rsplit("/", 1)[-1]: count
            for key, count in values.items()
            if key.startswith("mrt/dropped/")
        }
        crawl_runs.finish_source(
            self.store,
            self.source_row,
            finish_reason=reason,
            requests=values.get("downloader/request_count", 0),
            responses=values.get("downloader/response_count", 0),
            items=seen,
            stored=values.get("mrt/store/stored", 0),
            new=values.get("mrt/store/new", 0),
            updated=values.get("mrt/store/updated", 0),
            closed=closed,
            errors=errors,
            dropped=dropped,
            complete=complete,
            stats={k: _jsonable(v) for k, v in values.items()},
        )
        if self.own_run:
            crawl_runs.finish_run(self.store, self.run_id, "finished" if complete else "incomplete")
        self.store.dispose()


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)


__all__ = [
    "CleanPipeline",
    "DedupePipeline",
    "RelevancePipeline",
    "StorePipeline",
    "clean_posting",
    "error_count",
    "item_to_row",
]
