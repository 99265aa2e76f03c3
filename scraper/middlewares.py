"""Downloader middlewares: Retry-After backoff, and vcrpy cassette replay/recording.

Twisted cannot be patched by vcrpy, so cassettes are served here instead: vcrpy's own
Cassette (file format and matchers) maps each Scrapy request to its recorded response.
"""

from __future__ import annotations

import email.utils
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import task
from vcr import matchers
from vcr.cassette import Cassette
from vcr.record_mode import RecordMode
from vcr.request import Request as VcrRequest

MATCH_ON = (
    matchers.method,
    matchers.scheme,
    matchers.host,
    matchers.port,
    matchers.path,
    matchers.query,
    matchers.body,
)
# Request headers worth keeping in a cassette: never credentials.
_RECORDED_HEADERS = {"content-type", "accept"}


def cassette_name(feed: str) -> str:
    """The file a feed's cassette lives in: ``greenhouse:harrowgate`` -> greenhouse-harrowgate.yaml."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", feed).strip("-") + ".yaml"


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


class RetryAfterMiddleware:
    """Retry 429/503 after the server's Retry-After (capped), else exponential backoff."""

    codes = (429, 503)

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.max_wait = crawler.settings.getfloat("RETRY_AFTER_MAX_SECONDS", 120.0)
        self.default_wait = crawler.settings.getfloat("RETRY_AFTER_DEFAULT_SECONDS", 2.0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        return cls(crawler)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status not in self.codes or request.meta.get("dont_retry"):
            return response
        stats = self.crawler.stats
        retries = request.meta.get("retry_times", 0)
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        if wait is None:
            wait = self.default_wait * (2**retries)
        wait = min(wait, self.max_wait)
        retry = get_retry_request(
            request,
            spider=self.crawler.spider,
            reason=f"{response.status} retry-after",
            stats_base_key="mrt/retry_after",
        )
        if retry is None:
            return response  # out of retries: HttpErrorMiddleware reports it
        stats.inc_value("mrt/retry_after/waited_seconds", wait)
        if wait > 0:
            from twisted.internet import reactor

            await maybe_deferred_to_future(task.deferLater(reactor, wait, lambda: None))
        return retry


class CassetteMiddleware:
    """Answer requests from a feed's recorded cassette, or record live responses into one."""

    def __init__(self, crawler: Crawler, replay_dir: str | None, record_dir: str | None) -> None:
        self.crawler = crawler
        self.replay_dir = Path(replay_dir) if replay_dir else None
        self.record_dir = Path(record_dir) if record_dir else None
        self.cassette: Cassette | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CassetteMiddleware:
        mw = cls(
            crawler,
            crawler.settings.get("MRT_REPLAY_DIR"),
            crawler.settings.get("MRT_RECORD_DIR"),
        )
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        return mw

    def spider_opened(self, spider: Any) -> None:
        feed = getattr(spider, "feed", spider.name)
        if self.replay_dir is not None:
            path = self.replay_dir / cassette_name(feed)
            if not path.exists():
                self.crawler.stats.set_value("mrt/cassette/missing", str(path.name))
                spider.logger.warning(
                    "no cassette %s for feed %s: every request will fail", path, feed
                )
            self.cassette = Cassette.load(
                path=str(path), record_mode=RecordMode.NONE, match_on=MATCH_ON
            )
        elif self.record_dir is not None:
            self.record_dir.mkdir(parents=True, exist_ok=True)
            self.cassette = Cassette(
                path=str(self.record_dir / cassette_name(feed)),
                record_mode=RecordMode.ALL,
                match_on=MATCH_ON,
            )

    def spider_closed(self, spider: Any) -> None:
        if self.record_dir is not None and self.cassette is not None and self.replay_dir is None:
            self.cassette._save(force=True)

    @staticmethod
    def _vcr_request(request: Request) -> VcrRequest:
        headers = {
            k.decode("latin-1"): request.headers.get(k).decode("latin-1")
            for k in request.headers
            if k.decode("latin-1").lower() in _RECORDED_HEADERS
        }
        return VcrRequest(request.method, request.url, request.body or None, headers)

    def process_request(self, request: Request) -> Response | None:
        if self.replay_dir is None or self.cassette is None:
            return None
        wanted = self._vcr_request(request)
        if not self.cassette.can_play_response_for(wanted):
            self.crawler.stats.inc_value("mrt/cassette/unmatched")
            raise IgnoreRequest(f"no recorded response for {request.method} {request.url}")
        recorded = self.cassette.play_response(wanted)
        self.crawler.stats.inc_value("mrt/cassette/played")
        return _to_scrapy_response(request, recorded)

    def process_response(self, request: Request, response: Response) -> Response:
        if self.record_dir is not None and self.replay_dir is None and self.cassette is not None:
            self.cassette.append(self._vcr_request(request), _to_vcr_response(response))
            self.crawler.stats.inc_value("mrt/cassette/recorded")
        return response


def _to_scrapy_response(request: Request, recorded: dict[str, Any]) -> Response:
    status = recorded.get("status", {})
    headers = Headers(recorded.get("headers") or {})
    body = (recorded.get("body") or {}).get("string", b"")
    if isinstance(body, str):
        body = body.encode("utf-8")
    cls = responsetypes.from_args(headers=headers, url=request.url, body=body)
    return cls(
        url=request.url,
        status=int(status.get("code", 200)),
        headers=headers,
        body=body,
        request=request,
    )


def _to_vcr_response(response: Response) -> dict[str, Any]:
    headers = {
        k.decode("latin-1"): [v.decode("latin-1") for v in response.headers.getlist(k)]
        for k in response.headers
    }
    try:
        body: str | bytes = response.body.decode("utf-8")
    except UnicodeDecodeError:
        body = response.body
    return {
        "status": {"code": response.status, "message": ""},
        "headers": headers,
        "body": {"string": body},
    }
