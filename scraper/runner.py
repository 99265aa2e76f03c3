"""Crawl a list of sources in one process and report per feed what happened.

``crawl()`` is the Python API `mrt crawl`, `mrt demo` and `mrt run` share: every feed
is one Scrapy crawler, all of them in one reactor, writing through the store pipeline.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterator
from concurrent.futures import TimeoutError as FuturesTimeout
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler, CrawlerRunner
from scrapy.settings import Settings
from twisted.internet.defer import DeferredList

from pipelines.store import crawl_runs
from pipelines.store.db import Store, default_db_url, open_store
from pipelines.store.fetch_state import known_postings
from scraper.pipelines import error_count
from scraper.reactor import call_in_reactor, reactor_thread
from scraper.sources import COMMON
from scraper.spiders import SPIDERS
from scraper.spiders.usajobs import usajobs_credentials

RECORDINGS = Path(__file__).with_name("recordings")
logger = logging.getLogger(__name__)


@dataclass
class FeedResult:
    feed: str
    kind: str
    requests: int = 0
    items: int = 0
    stored: int = 0
    new: int = 0
    updated: int = 0
    closed: int = 0
    errors: int = 0
    seen: int = 0  # listed unchanged, not fetched again (scraper.freshness)
    dropped: dict[str, int] = field(default_factory=dict)
    complete: bool = False
    finish_reason: str = "not started"
    skipped: str | None = None  # why the feed was not crawled (e.g. a missing API key)

    @property
    def failed(self) -> bool:
        """Errored, cut short, or returned nothing (a skipped feed is reported, not failed)."""
        return self.skipped is None and (
            self.errors > 0 or self.items == 0 or self.finish_reason != "finished"
        )


@dataclass
class CrawlSummary:
    run_id: int | None
    feeds: list[FeedResult]

    @property
    def failed_feeds(self) -> list[FeedResult]:
        return [f for f in self.feeds if f.failed]

    @property
    def stored(self) -> int:
        return sum(f.stored for f in self.feeds)


def feed_result(feed: str, kind: str, stats: dict[str, Any], reason: str | None) -> FeedResult:
    dropped = {k.rsplit("/", 1)[-1]: v for k, v in stats.items() if k.startswith("mrt/dropped/")}
    return FeedResult(
        feed=feed,
        kind=kind,
        requests=stats.get("downloader/request_count", 0),
        items=stats.get("item_scraped_count", 0) + stats.get("item_dropped_count", 0),
        stored=stats.get("mrt/store/stored", 0),
        new=stats.get("mrt/store/new", 0),
        updated=stats.get("mrt/store/updated", 0),
        closed=stats.get("mrt/store/closed", 0),
        errors=error_count(stats),
        seen=stats.get("mrt/store/seen", 0),
        dropped=dropped,
        complete=bool(stats.get("mrt/complete", False)),
        finish_reason=reason or "running",
    )


def crawl_settings(
    db_url: str,
    *,
    keep_all: bool,
    run_id: int,
    replay: str | Path | None,
    record: str | Path | None,
    overrides: dict[str, Any] | None,
) -> Settings:
    settings = Settings()
    settings.setmodule("scraper.settings", priority="project")
    # Whatever reactor this process already runs (asyncio unless someone installed
    # another first): Scrapy refuses to start under a reactor it was not told about.
    reactor = reactor_thread()
    settings.set("TWISTED_REACTOR", f"{type(reactor).__module__}.{type(reactor).__name__}")
    settings.set("MRT_DB_URL", db_url)
    settings.set("MRT_KEEP_ALL", keep_all)
    settings.set("MRT_RUN_ID", run_id)
    settings.set("MRT_STORE_MIGRATED", True)  # crawl() migrated it once for every feed
    if replay:
        # Recorded responses: no robots.txt, no politeness delays, no Retry-After sleeps.
        settings.set("MRT_REPLAY_DIR", str(replay))
        settings.set("ROBOTSTXT_OBEY", False)
        settings.set("AUTOTHROTTLE_ENABLED", False)
        settings.set("DOWNLOAD_DELAY", 0)
        settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", 8)
        settings.set("RETRY_AFTER_MAX_SECONDS", 0)
    if record:
        settings.set("MRT_RECORD_DIR", str(record))
    # As `scrapy crawl -s NAME=VALUE`: above the project's and every spider's settings
    # (a source's own download_delay included); text is read by Scrapy's typed getters.
    settings.setdict(overrides or {}, priority="cmdline")
    return settings


def spider_arguments(source: dict[str, Any], known: Any = None) -> dict[str, Any]:
    args = {k: v for k, v in source.items() if k not in COMMON and k != "feed"}
    args["feed"] = source["feed"]
    if known is not None:
        args["known"] = known
    return args


def stored_state(
    store: Store, sources: list[dict[str, Any]], settings: Settings, keep_all: bool
) -> dict[str, Any]:
    """feed -> what the store knows of its postings (one query per feed), for the feeds
    whose spiders fetch a detail per posting; nothing when MRT_INCREMENTAL is off."""
    if not settings.getbool("MRT_INCREMENTAL"):
        return {}
    return {
        source["feed"]: known_postings(store, source["feed"], include_irrelevant=keep_all)
        for source in sources
        if SPIDERS[source["kind"]].incremental
    }


def skip_reason(source: dict[str, Any], replaying: bool) -> str | None:
    if source["kind"] == "usajobs" and not replaying and usajobs_credentials() is None:
        return "USAJOBS_API_KEY and USAJOBS_EMAIL are not set"
    return None


class _RunningCrawl:
    """The crawlers of one :func:`crawl` call and their running figures per feed."""

    def __init__(
        self,
        sources: list[dict[str, Any]],
        settings: Settings,
        replaying: bool,
        known: dict[str, Any] | None = None,
    ) -> None:
        self.sources = sources
        self.settings = settings
        self.known = known or {}
        self.results: dict[str, FeedResult] = {}
        self.runnable: list[dict[str, Any]] = []
        for source in sources:
            reason = skip_reason(source, replaying)
            if reason:
                self.results[source["feed"]] = FeedResult(
                    source["feed"], source["kind"], finish_reason="skipped", skipped=reason
                )
            else:
                self.runnable.append(source)
        self.crawlers: dict[str, tuple[Crawler, dict[str, Any]]] = {}
        self.reasons: dict[str, str] = {}
        self.runner: CrawlerRunner | None = None

    def start(self) -> Any:
        """Start every feed's crawler (in the reactor thread); fires when all are done."""
        self.runner = CrawlerRunner(self.settings)
        deferreds = []
        for source in self.runnable:
            crawler = self.runner.create_crawler(SPIDERS[source["kind"]])
            feed = source["feed"]

            def closed(spider: Any, reason: str, feed: str = feed) -> None:
                self.reasons[feed] = reason

            crawler.signals.connect(closed, signal=signals.spider_closed, weak=False)
            self.crawlers[feed] = (crawler, source)
            args = spider_arguments(source, self.known.get(feed))
            deferreds.append(self.runner.crawl(crawler, **args))
        return DeferredList(deferreds, consumeErrors=True)

    def stop(self) -> Any:
        return self.runner.stop() if self.runner is not None else None

    def snapshot(self) -> list[FeedResult]:
        for feed, (crawler, source) in self.crawlers.items():
            try:
                stats = dict(crawler.stats.get_stats())  # a copy: the reactor thread writes it
            except RuntimeError:  # not started yet: Scrapy sets stats when the crawl starts
                stats = {}
            self.results[feed] = feed_result(feed, source["kind"], stats, self.reasons.get(feed))
        return [self.results[s["feed"]] for s in self.sources if s["feed"] in self.results]

    def finish(self, outcomes: list[tuple[bool, Any]]) -> list[FeedResult]:
        """Final figures; a spider that could not even start counts as an error."""
        self.snapshot()
        for (ok, failure), source in zip(outcomes, self.runnable, strict=True):
            if not ok:
                logger.error("%s could not start: %s", source["feed"], failure.value)
                result = self.results.setdefault(
                    source["feed"], FeedResult(source["feed"], source["kind"])
                )
                result.finish_reason = f"error: {failure.value}".splitlines()[0][:64]
                result.errors += 1
        return [self.results[s["feed"]] for s in self.sources if s["feed"] in self.results]


def crawl(
    sources: list[dict[str, Any]],
    db_url: str | None = None,
    *,
    keep_all: bool = False,
    progress: bool = False,
    replay: str | Path | None = None,
    record: str | Path | None = None,
    settings: dict[str, Any] | None = None,
    command: str = "crawl",
    on_update: Callable[[list[FeedResult]], None] | None = None,
) -> CrawlSummary:
    """Crawl ``sources`` (validated entries of sources.yaml) into the store at ``db_url``.

    ``replay`` answers every request from the cassettes in that directory;
    ``record`` saves live responses as cassettes there. ``on_update`` is called about
    five times a second with the feeds' running figures (``progress=True`` draws them).
    """
    db_url = db_url or default_db_url()
    store = open_store(db_url)
    run_id = crawl_runs.start_run(store, command)
    scrapy_settings = crawl_settings(
        db_url, keep_all=keep_all, run_id=run_id, replay=replay, record=record, overrides=settings
    )
    known = stored_state(store, sources, scrapy_settings, keep_all)
    job = _RunningCrawl(sources, scrapy_settings, replaying=bool(replay), known=known)
    with fewer_gc_passes():
        done = call_in_reactor(job.start)
        display = _LiveTable() if progress else None
        try:
            outcomes = _wait(done, job, display, on_update)
        except KeyboardInterrupt:
            # Stop cleanly: flushed batches stay stored, the feeds are marked incomplete.
            # A second Ctrl-C quits at once (what is stored stays stored).
            if display:
                display.stop(job.snapshot())
                display = None
            logger.warning(
                "stopping the crawl after the requests in flight (Ctrl-C again to quit now)"
            )
            call_in_reactor(job.stop).result(timeout=120)
            done.result(timeout=120)
            job.snapshot()
            crawl_runs.finish_run(store, run_id, "interrupted")
            raise
        finally:
            if display:
                display.stop(job.snapshot())
    summary = CrawlSummary(run_id, job.finish(outcomes))
    crawl_runs.finish_run(store, run_id, "failed" if summary.failed_feeds else "finished")
    store.dispose()
    return summary


GC_FIRST_THRESHOLD = 10_000  # allocations between young-generation collections


@contextmanager
def fewer_gc_passes() -> Iterator[None]:
    """Collect the young generation every 10,000 allocations during a crawl, not 700.

    A crawl allocates millions of short-lived objects (lxml elements, JSON records,
    Deferreds) on top of large live data (a 5,000-job board response), and each young
    collection also ages survivors into the older ones, whose passes walk all of it:
    about 13% of the bench crawl's time went to ~400 collections. Cyclic garbage is
    still collected, just in fewer, later passes; the old thresholds come back after.
    """
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], GC_FIRST_THRESHOLD), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _wait(done: Any, job: _RunningCrawl, display: Any, on_update: Any) -> list:
    """Wait for the crawl, refreshing the figures five times a second."""
    while True:
        try:
            return done.result(timeout=0.2)
        except FuturesTimeout:
            current = job.snapshot()
            if on_update:
                on_update(current)
            if display:
                display.update(current)


class _LiveTable:
    """Rich live view of requests, items stored and errors per feed."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.live import Live

        self.live = Live(console=Console(stderr=True), refresh_per_second=4, transient=True)
        self.live.start()

    def update(self, feeds: list[FeedResult]) -> None:
        self.live.update(progress_table(feeds, title="Crawling"))

    def stop(self, feeds: list[FeedResult]) -> None:
        self.live.update(progress_table(feeds, title="Crawling"))
        self.live.stop()


def progress_table(feeds: list[FeedResult], title: str = "Crawl summary"):
    from rich.table import Table

    table = Table(title=title)
    columns = ("feed", "requests", "items", "stored", "seen", "new", "updated", "closed", "errors")
    for column in columns:
        if column == "feed":
            table.add_column(column, overflow="fold", min_width=12)
        else:
            table.add_column(column, justify="right")
    table.add_column("status")
    for f in feeds:
        if f.skipped:
            status = f"[yellow]skipped: {f.skipped}[/]"
        elif f.finish_reason == "running":
            status = "running"
        elif f.failed:
            status = (
                f"[red]failed ({f.finish_reason}{', nothing returned' if not f.items else ''})[/]"
            )
        else:
            status = "[green]complete[/]" if f.complete else f.finish_reason
        table.add_row(
            f.feed, str(f.requests), str(f.items), str(f.stored), str(f.seen), str(f.new),
            str(f.updated), str(f.closed), str(f.errors), status,
        )  # fmt: skip
    return table
