"""What a crawl refuses to fetch or read: non-web URLs, offsite redirects, oversized bodies.

Sources files, sitemaps, pages and API responses come from outside, so every request
passes `CrawlGuardMiddleware` before anything else: only http(s) URLs with a host are
fetched (Scrapy's file, data, s3 and ftp handlers are off in settings too), a redirect
may leave the source's own hosts only for the hosts its entry allows, and the per-source
size cap is put on the request, and a request to an internal address (loopback, private,
link-local, cloud metadata: `PRIVATE_NETWORKS`) is refused unless the source itself lives
on one or ``MRT_ALLOW_PRIVATE_HOSTS`` is set. A refusal is counted and raised as `Refused`,
which the spiders' errback does not count as an error; a body over the cap is
`ResponseTooLarge`, which is one (the feed is then incomplete).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Coroutine, Iterable
from ipaddress import IPv4Address, IPv6Address, ip_address, ip_network
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred
from twisted.internet.error import DNSLookupError
from twisted.internet.interfaces import IResolutionReceiver
from zope.interface import implementer

WEB_SCHEMES = ("http", "https")
#: Addresses a crawl does not fetch from links it finds: loopback, private (RFC 1918 and
#: IPv6 unique-local), link-local (169.254.169.254 is the cloud metadata service),
#: carrier-grade NAT, "this network" and the unspecified address. IPv4-mapped IPv6
#: addresses (::ffff:10.0.0.1) are checked as the IPv4 address they carry.
PRIVATE_NETWORKS = tuple(
    ip_network(net)
    for net in (
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
        "172.16.0.0/12", "192.168.0.0/16", "::/128", "::1/128", "fc00::/7", "fe80::/10",
    )
)  # fmt: skip
#: Host names that are the local machine by definition (RFC 6761), never looked up.
LOCAL_NAMES = ("localhost", ".localhost")


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


def literal_address(host: str | None) -> IPv4Address | IPv6Address | None:
    """The address a host written as an IP address stands for, else None; also the short
    and numeric IPv4 forms the system resolver accepts (``127.1``, ``2130706433``,
    ``0x7f.0.0.1``)."""
    if not host:
        return None
    try:
        return ip_address(host.strip("[]"))
    except ValueError:
        pass
    try:
        return IPv4Address(socket.inet_aton(host))
    except (OSError, ValueError):
        return None


def is_private_address(address: IPv4Address | IPv6Address | str) -> bool:
    """``address`` lies in one of :data:`PRIVATE_NETWORKS`."""
    if isinstance(address, str):
        try:
            address = ip_address(address.split("%", 1)[0])  # fe80::1%eth0
        except ValueError:
            return False
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address in network for network in PRIVATE_NETWORKS)


def is_local_name(host: str) -> bool:
    host = host.lower().rstrip(".")
    return host == LOCAL_NAMES[0] or host.endswith(LOCAL_NAMES[1])


@implementer(IResolutionReceiver)
class _Addresses:
    """Collects the addresses a Twisted name resolver finds for one host."""

    def __init__(self) -> None:
        self.found: list[str] = []
        self.done: Deferred[list[str]] = Deferred()

    def resolutionBegan(self, resolution: Any) -> None:  # noqa: N802 - Twisted's interface
        pass

    def addressResolved(self, address: Any) -> None:  # noqa: N802
        self.found.append(address.host)

    def resolutionComplete(self) -> None:  # noqa: N802
        if not self.done.called:
            self.done.callback(self.found)


async def resolve(host: str, timeout: float) -> list[str]:
    """Every address of ``host`` from the reactor's name resolver: the one the download
    handler connects through (Scrapy's caching resolver, so both see the same answer).
    DNSLookupError when there is none or the lookup takes longer than ``timeout``."""
    from twisted.internet import reactor

    receiver = _Addresses()
    reactor.nameResolver.resolveHostName(receiver, host, 0)
    receiver.done.addTimeout(timeout, reactor)
    try:
        found = await maybe_deferred_to_future(receiver.done)
    except Exception as exc:  # noqa: BLE001 - a timeout, or the resolver failed
        raise DNSLookupError(f"{host}: {type(exc).__name__}") from exc
    if not found:
        raise DNSLookupError(host)
    return found


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
        settings = crawler.settings
        allow = settings.get("MRT_ALLOW_PRIVATE_HOSTS")
        if allow is None:
            allow = os.environ.get("MRT_ALLOW_PRIVATE_HOSTS", "")
        if isinstance(allow, str):
            allow = allow.strip().lower() not in {"", "0", "false", "no", "off"}
        #: None: not known yet (the source's own hosts are names to look up).
        self.private_allowed: bool | None = bool(allow) or None
        # Recorded responses are served without a connection: nothing to look up.
        self.lookups = not settings.get("MRT_REPLAY_DIR")
        self.dns_timeout = settings.getfloat("DNS_TIMEOUT", 60.0)
        self.own_hosts: frozenset[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlGuardMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> Coroutine[Any, Any, None] | None:
        """None when the request may go on; `Refused` when not. A host name that has to
        be looked up first returns a coroutine instead (Scrapy awaits it), so requests to
        literal addresses and replayed ones cost no await."""
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
        return self._check_address(request)

    # -- internal addresses -------------------------------------------------------------

    def _own_hosts(self) -> list[str]:
        own = getattr(self.crawler.spider, "own_urls", lambda: [])()
        hosts = (host_of(u if "://" in u else f"http://{u}") for u in own if u)
        return [h for h in hosts if h]

    def _own_host_set(self) -> frozenset[str]:
        if self.own_hosts is None:
            self.own_hosts = frozenset(h.lower().rstrip(".") for h in self._own_hosts())
        return self.own_hosts

    def _own_private_known(self) -> bool | None:
        """Whether the source lives on an internal address, when its configured hosts tell
        without a lookup (a literal address or localhost); None when a name must be looked up."""
        if self.private_allowed is not None:
            return self.private_allowed
        names = []
        for host in self._own_hosts():
            address = literal_address(host)
            if (address is not None and is_private_address(address)) or is_local_name(host):
                self.private_allowed = True
                return True
            if address is None:
                names.append(host)
        if not names or not self.lookups:
            self.private_allowed = False
            return False
        return None

    async def _own_private_looked_up(self) -> bool:
        for host in self._own_hosts():
            if literal_address(host) is None:
                try:
                    found = await resolve(host, self.dns_timeout)
                except DNSLookupError:
                    continue
                if any(is_private_address(a) for a in found):
                    self.private_allowed = True
                    return True
        self.private_allowed = False
        return False

    def _refuse(self, request: Request, where: str) -> Refused:
        self.stats.inc_value("mrt/url/refused_private")
        return Refused(f"internal address ({where[:60]}): {request.url[:80]}")

    def _check_address(self, request: Request) -> Coroutine[Any, Any, None] | None:
        own_private = self._own_private_known()
        if own_private:
            return None
        host = host_of(request.url) or ""
        if host in self._own_host_set():
            # The source's own host: public, or internal and so allowed for this source.
            return None
        address = literal_address(host)
        if address is not None:
            if not is_private_address(address):
                return None
        elif is_local_name(host):
            pass  # localhost: internal by definition
        elif self.lookups:
            return self._check_looked_up(request, host)
        else:
            return None
        if own_private is False:
            raise self._refuse(request, str(address or host))
        return self._check_own_then(request, str(address or host))

    async def _check_looked_up(self, request: Request, host: str) -> None:
        found = await resolve(host, self.dns_timeout)
        private = [a for a in found if is_private_address(a)]
        if private and not self._own_private_known():
            if self.private_allowed is None and await self._own_private_looked_up():
                return
            raise self._refuse(request, f"{host} is {private[0]}")

    async def _check_own_then(self, request: Request, where: str) -> None:
        if not await self._own_private_looked_up():
            raise self._refuse(request, where)

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
