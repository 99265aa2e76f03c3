"""What every job-board spider shares: feed naming, api_url override, error counting, link
checks and one guard around each record of a response."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit, urlunsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from pipelines.normalize.salary import SalaryRange
from scraper.freshness import Freshness, refresh_days
from scraper.guards import Refused, ResponseTooLarge, host_of, web_url
from scraper.items import JobPosting, SeenPosting
from scraper.records import RECORD_ERRORS, MalformedRecord, check_field_types

T = TypeVar("T")
MB = 1024 * 1024


def as_list(value: Any) -> list[str]:
    """Spider arguments arrive as strings from `scrapy crawl -a`; YAML gives lists."""
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [part.strip() for part in str(value).replace(";", ",").split(",") if part.strip()]


def as_bool(value: Any, default: bool = True) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() not in {"0", "false", "no", "off"}


def with_host(url: str, api_url: str | None) -> str:
    """Replace scheme and host of ``url`` with those of ``api_url``; the path stays."""
    if not api_url:
        return url
    base = urlsplit(api_url if "://" in api_url else f"http://{api_url}")
    parts = urlsplit(url)
    return urlunsplit((base.scheme, base.netloc, parts.path, parts.query, parts.fragment))


class JobSpider(scrapy.Spider):
    """Base of every source kind: one instance crawls one feed (a sources.yaml entry)."""

    api_host = ""  # real scheme://host of the kind's API
    #: A source kind is declared here and nowhere else: the parameters a sources.yaml entry
    #: of this kind must and may give (scraper.sources validates against them; `api_url`
    #: and the crawl options of every kind aside), and `feed_id`, the name of a feed.
    params_required: tuple[str, ...] = ()
    params_optional: tuple[str, ...] = ()
    #: True for kinds that fetch a detail (or pay) request per listed posting: those fetch
    #: it only for new, changed or stale postings (scraper.freshness).
    incremental = False

    def __init__(
        self,
        *args: Any,
        feed: str | None = None,
        api_url: str | None = None,
        max_response_mb: Any = None,
        allow_redirect_hosts: Any = None,
        refresh_days: Any = None,
        download_delay: Any = None,
        concurrency: Any = None,
        known: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.api_url = api_url or None
        self.feed = feed or f"{self.name}:{self.feed_name()}"
        #: this source's response size cap in bytes (None: DOWNLOAD_MAXSIZE); read by
        #: scraper.guards.CrawlGuardMiddleware.
        self.max_response_bytes = int(float(max_response_mb) * MB) if max_response_mb else None
        self.allow_redirect_hosts = as_list(allow_redirect_hosts)
        # Not named download_delay: Scrapy reads that spider attribute (deprecated).
        self.source_delay = None if download_delay in (None, "") else float(download_delay)
        self.source_concurrency = None if concurrency in (None, "") else int(concurrency)
        self.refresh_days_arg = refresh_days
        #: source_id -> FetchState of the feed's stored postings, handed over by the runner
        #: (None: read from the store when first needed, as under `scrapy crawl`).
        self.known = known if isinstance(known, Mapping) else None  # not from `-a known=`
        self._freshness: Freshness | None | bool = False  # False: not decided yet

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> JobSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.apply_source_settings(crawler.settings)
        crawler.signals.connect(spider.record_politeness, signal=signals.spider_opened)
        return spider

    def apply_source_settings(self, settings: Any) -> None:
        """The source's own ``download_delay`` and ``concurrency`` as this crawler's
        DOWNLOAD_DELAY and CONCURRENT_REQUESTS_PER_DOMAIN, at spider priority: above the
        project's, below `-s` (Scrapy's order). Each feed has its own crawler, so several
        feeds in one process keep their own. Replays have no politeness to apply."""
        if settings.get("MRT_REPLAY_DIR"):
            return
        if self.source_delay is not None:
            settings.set("DOWNLOAD_DELAY", self.source_delay, priority="spider")
        if self.source_concurrency is not None:
            settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", self.source_concurrency, "spider")

    def record_politeness(self, spider: scrapy.Spider) -> None:
        """The delay and per-host concurrency this feed ran with, in its stats."""
        settings, stats = self.crawler.settings, self.crawler.stats
        stats.set_value("mrt/politeness/download_delay", settings.getfloat("DOWNLOAD_DELAY"))
        stats.set_value(
            "mrt/politeness/concurrency", settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN")
        )

    @property
    def freshness(self) -> Freshness | None:
        """The feed's fetch rule, or None when every listed posting is fetched in full
        (a kind without detail requests, or MRT_INCREMENTAL off)."""
        if self._freshness is False:
            settings = self.crawler.settings
            if not self.incremental or not settings.getbool("MRT_INCREMENTAL", True):
                self._freshness = None
            else:
                days = refresh_days(
                    self.refresh_days_arg, settings.getfloat("MRT_REFRESH_DAYS", 7.0)
                )
                known = self.known if self.known is not None else self.stored_state()
                self._freshness = Freshness(known, days)
        return self._freshness or None

    def stored_state(self) -> dict[str, Any]:
        """What the store knows of this feed (when no runner handed it over); nothing when
        the store cannot say, so that everything is fetched."""
        from sqlalchemy.exc import SQLAlchemyError

        from pipelines.store.db import StoreError, default_db_url, open_store
        from pipelines.store.fetch_state import known_postings

        settings = self.crawler.settings
        try:
            store = open_store(
                settings.get("MRT_DB_URL") or default_db_url(), migrate_schema=False, create=False
            )
            try:
                return known_postings(
                    store, self.feed, include_irrelevant=settings.getbool("MRT_KEEP_ALL")
                )
            finally:
                store.dispose()
        except (StoreError, SQLAlchemyError) as exc:
            self.logger.warning("fetching every posting: the store's state is unknown (%s)", exc)
            return {}

    def listed(self, entry_fingerprint: str, source_id: str | None = None) -> list[Any] | None:
        """None when the listed posting must be fetched in full (counted by reason as
        ``mrt/fetch/<reason>``), else the ``SeenPosting`` items to emit instead."""
        stats = self.crawler.stats
        freshness = self.freshness
        if freshness is None:
            return None
        verdict = freshness.check(entry_fingerprint, source_id)
        if verdict.fetch:
            stats.inc_value(f"mrt/fetch/{verdict.reason}")
            return None
        stats.inc_value("mrt/fetch/seen", len(verdict.seen))
        return [SeenPosting(self.name, sid, self.feed) for sid in verdict.seen]

    @classmethod
    def feed_id(cls, params: Mapping[str, Any]) -> str:
        """The part of a feed's name after "kind:", from its sources entry (or a spider's
        own attributes, which carry the same names)."""
        return "default"

    def feed_name(self) -> str:
        return self.feed_id(vars(self))

    def own_urls(self) -> list[str | None]:
        """The URLs this source is configured with; their hosts are the source's own."""
        return [self.api_host, self.api_url]

    @property
    def redirect_hosts(self) -> set[str]:
        """Hosts a redirect may lead to: the source's own and the ones its entry allows."""
        own = {host_of(u if "://" in u else f"http://{u}") for u in self.own_urls() if u}
        return {h for h in own if h} | set(self.allow_redirect_hosts)

    def api(self, path: str) -> str:
        return with_host(f"{self.api_host}{path}", self.api_url)

    @property
    def keep_all(self) -> bool:
        return self.crawler.settings.getbool("MRT_KEEP_ALL")

    def request(self, url: str, callback: Any, **kwargs: Any) -> scrapy.Request:
        return scrapy.Request(url, callback=callback, errback=self.failed, **kwargs)

    def link(self, url: Any, base: str | None = None) -> str | None:
        """A URL found in a document (sitemap, page, API paging), resolved against
        ``base``; None for anything but http(s) with a host (counted, never requested)."""
        try:
            absolute = urljoin(base, url) if base and isinstance(url, str) else url
        except ValueError:
            absolute = None
        checked = web_url(absolute)
        if checked is None:
            self.crawler.stats.inc_value("mrt/url/refused_scheme")
            self.logger.info("refused a link that is not http(s): %.80r", url)
        return checked

    def failed(self, failure: Failure) -> Iterable[Any]:
        """A request that failed for good (after retries): counted, the crawl goes on.

        A refused request (robots.txt, a non-web URL, an offsite redirect) is counted by
        whoever refused it and is no error; a response over the size cap is one.
        """
        request = getattr(failure, "request", None)
        url = getattr(request, "url", "?")
        if failure.check(Refused):
            self.logger.info("refused: %s", failure.value)
        elif failure.check(ResponseTooLarge):
            self.count_error("response_too_large", url)
        else:
            self.count_error(type(failure.value).__name__, url)
        item = request.cb_kwargs.get("item") if request is not None else None
        if item is not None:  # a detail page failed: keep what the list gave
            item.listFingerprint = None  # and fetch it in full next time
            yield item

    def count_error(self, kind: str, url: str) -> None:
        stats = self.crawler.stats
        stats.inc_value("mrt/errors")
        stats.inc_value(f"mrt/errors/{kind}")
        self.logger.warning("%s: %s", kind, url)

    def json(self, response: Response) -> Any | None:
        """The response's JSON, or None (counted as malformed, with its URL)."""
        try:
            return json.loads(response.text)
        except (ValueError, AttributeError, RecursionError):  # RecursionError: [[[[...
            self.crawler.stats.inc_value("mrt/malformed/json")
            self.count_error("malformed_json", response.url)
            return None

    def json_records(
        self, response: Response, key: str | None, id_field: str
    ) -> tuple[Any, list[dict[str, Any]]] | None:
        """The records listed under ``key`` of a JSON response (the top level when None).

        None when the response is unusable (counted as an error); records that are not
        objects or lack ``id_field`` are counted as malformed and left out.
        """
        data = self.json(response)
        if data is None:
            return None
        records = data if key is None else (data.get(key) if isinstance(data, dict) else None)
        if not isinstance(records, list):
            self.count_error("unexpected_shape", response.url)
            return None
        usable = []
        for record in records:
            key = record.get(id_field) if isinstance(record, dict) else None
            if isinstance(key, str | int) and not isinstance(key, bool) and key != "":
                usable.append(record)
            else:
                self.malformed(f"no_{id_field}", response.url)
        return data, usable

    def malformed(self, what: str, url: str, why: object = "", dropped: bool = True) -> None:
        """A record we cannot use (no id, wrong shape): dropped and counted, not an error."""
        if dropped:
            self.crawler.stats.inc_value("mrt/dropped/malformed_record")
        self.crawler.stats.inc_value(f"mrt/malformed/{what}")
        self.logger.info("malformed %s at %s %.120s", what, url, why)

    def each_record(
        self, records: Iterable[T], read: Callable[[T], Any], url: str, what: str = "record"
    ) -> Iterator[Any]:
        """What ``read`` makes of each record (an item, a request or a list of them),
        malformed ones left out.

        The one place where a record's bad data (a list where text belongs, pay that is no
        number, an object where a list belongs) is contained: that record is skipped and
        counted (``mrt/malformed/<what>``), the rest of the response is read.
        """
        for record in records:
            try:
                result = read(record)
            except RECORD_ERRORS as exc:
                self.malformed(what, url, f"{type(exc).__name__}: {exc}")
                continue
            if isinstance(result, list):
                yield from result
            elif result is not None:
                yield result

    def posting(self, source_id: Any, **fields: Any) -> JobPosting:
        """The item for one record; MalformedRecord when a field has the wrong type."""
        if isinstance(source_id, bool) or not isinstance(source_id, str | int):
            raise MalformedRecord(f"id is {type(source_id).__name__}")
        item = JobPosting(source=self.name, sourceId=str(source_id), feed=self.feed, **fields)
        return check_field_types(item)

    @staticmethod
    def places(*places: dict[str, Any] | str | None) -> list[dict[str, Any]]:
        """``jobLocations`` from the places a record lists (text, or dicts of raw/city/state/
        country/remote), primary first, empty ones left out; [] for a single place (the
        posting's own fields hold it)."""
        out = []
        for place in places:
            if isinstance(place, str):
                place = {"raw": place}
            if place and any(v not in (None, "") for v in place.values()):
                out.append({k: v for k, v in place.items() if v not in (None, "")})
        return out if len(out) > 1 else []

    @staticmethod
    def pay_fields(pay: SalaryRange | None) -> dict[str, Any]:
        if pay is None:
            return {}
        return {
            "salaryMin": pay.min,
            "salaryMax": pay.max,
            "salaryPeriod": pay.period,
            "salaryCurrency": pay.currency,
            "baseSalaryRaw": pay.raw or None,
        }
