"""What a crawl refuses to fetch or read: non-web URLs, offsite redirects, oversized bodies.

Sources files, sitemaps, pages and API responses come from outside, so every request
passes `CrawlGuardMiddleware` before anything else: only http(s) URLs with a host are
fetched (Scrapy's file, data, s3 and ftp handlers are off in settings too), a redirect
may leave the source's own hosts only for the hosts its entry allows, and the per-source
size cap is put on the request. A refusal is counted and raised as `Refused`, which the
spiders' errback does not count as an error; a body over the cap is `ResponseTooLarge`,
which is one (the feed is then incomplete).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import Response

WEB_SCHEMES = ("http", "https")


class Refused(IgnoreRequest):
    """A request the crawl's rules refuse (robots.txt, scheme, offsite redirect): counted
    under its own stat, not an error."""


class ResponseTooLarge(IgnoreRequest):
    """A response body over DOWNLOAD_MAXSIZE (or the source's ``max_response_mb``), raw or
    decompressed: an error, so the feed is incomplete."""


def web_url(url: object) -> str | None:
    """``url`` when it is an http(s) URL with a host, else None."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:  # e.g. an unbalanced [ in the host
        return None
    return url.strip() if parts.scheme.lower() in WEB_SCHEMES and host else None


def host_of(url: str | None) -> str | None:
    try:
        return urlsplit(url).hostname if url else None
    except ValueError:
        return None


def _bare(host: str) -> str:
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def host_allowed(host: str | None, allowed: Iterable[str]) -> bool:
    """``host`` is one of ``allowed`` or a subdomain of one; ``www.`` does not count."""
    if not host:
        return False
    bare = _bare(host)
    return any(bare == a or bare.endswith("." + a) for a in map(_bare, allowed) if a)


class CrawlGuardMiddleware:
    """Downloader middleware in front of all others (robots.txt included, so a refused host
    is not even asked for its robots.txt)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlGuardMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        spider = self.crawler.spider
        if web_url(request.url) is None:
            self.stats.inc_value("mrt/url/refused_scheme")
            raise Refused(f"not an http(s) URL: {request.url[:80]}")
        chain = request.meta.get("redirect_urls")
        if chain:
            allowed = {*getattr(spider, "redirect_hosts", ()), host_of(chain[0]) or ""}
            if not host_allowed(host_of(request.url), allowed):
                self.stats.inc_value("mrt/redirect/offsite_refused")
                raise Refused(f"redirect from {chain[-1][:80]} to another host: {request.url[:80]}")
        maxsize = getattr(spider, "max_response_bytes", None)
        if maxsize:
            request.meta.setdefault("download_maxsize", maxsize)
            warnsize = self.crawler.settings.getint("DOWNLOAD_WARNSIZE")
            request.meta.setdefault("download_warnsize", min(warnsize, maxsize))
        return None

    def process_exception(self, request: Request, exception: Exception) -> None:
        # Scrapy's download handlers cancel a body over the cap with this error (a
        # timeout is DownloadTimeoutError); it is retried by nobody.
        if isinstance(exception, DownloadCancelledError):
            self.stats.inc_value("mrt/response/too_large")
            raise ResponseTooLarge(str(exception)) from exception
        return None


class CappedHttpCompressionMiddleware(HttpCompressionMiddleware):
    """Scrapy's decompression, which stops at the size cap (a gzip bomb is cut off there,
    never inflated whole); its IgnoreRequest for that becomes `ResponseTooLarge`."""

    def process_response(self, request: Request, response: Response) -> Response | Request:
        try:
            return super().process_response(request, response)
        except IgnoreRequest as exc:
            self.stats.inc_value("mrt/response/too_large")
            raise ResponseTooLarge(str(exc)) from exc


class PoliteRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware (it counts ``robotstxt/forbidden``); a forbidden URL
    is a `Refused` request, not a failure of the feed."""

    def process_request_2(self, rp: Any, request: Request) -> None:
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest as exc:
            raise Refused(str(exc)) from exc
