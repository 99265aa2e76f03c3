"""Links to internal addresses (loopback, private, link-local, metadata) are refused and
counted (mrt/url/refused_private), whether written as addresses or as names that resolve
to one; a source that itself lives on such an address, or MRT_ALLOW_PRIVATE_HOSTS, keeps
them allowed."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from helpers import rows, run
from scrapy import Request
from scrapy.utils.defer import deferred_from_coro
from twisted.internet.error import DNSLookupError
from twisted.internet.interfaces import IHostnameResolver
from zope.interface import implementer

from pipelines.store import crawl_runs
from pipelines.store.db import open_store
from scraper.guards import CrawlGuardMiddleware, Refused, is_private_address, literal_address
from scraper.reactor import call_in_reactor

pytestmark = pytest.mark.timeout(60)

INTERNAL = [
    "http://127.0.0.1:8080/jobs/1", "http://127.1/jobs", "http://2130706433/jobs",
    "http://0x7f.0.0.1/jobs", "http://10.1.2.3/jobs", "http://172.20.0.5/jobs",
    "http://192.168.1.10/jobs", "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/jobs", "http://[fd12:3456::1]/jobs", "http://[fe80::1]/jobs",
    "http://[::ffff:10.0.0.1]/jobs", "http://0.0.0.0/jobs", "http://localhost:9200/",
    "http://search.localhost/",
]  # fmt: skip


def test_internal_addresses_in_every_written_form_are_recognised() -> None:
    for url in INTERNAL:
        host = urlsplit(url).hostname
        if not host.endswith("localhost"):  # a name, internal by definition
            address = literal_address(host)
            assert address is not None and is_private_address(address), url
    for public in ("93.184.216.34", "8.8.8.8", "2606:4700::1111", "172.32.0.1", "100.128.0.1"):
        assert not is_private_address(public), public
    assert literal_address("careers.example.org") is None


def guard_for(**options: Any) -> tuple[CrawlGuardMiddleware, Any]:
    from test_guards import reactor_crawler

    from scraper.spiders.jsonld import JsonLdSpider

    settings = options.pop("settings", {})
    crawler = reactor_crawler(settings)
    crawler.spider = JsonLdSpider.from_crawler(crawler, **options)
    crawler.stats.open_spider()
    return CrawlGuardMiddleware.from_crawler(crawler), crawler.stats


def check(guard: CrawlGuardMiddleware, url: str) -> None:
    """Run the guard on ``url`` as Scrapy does, awaiting a look-up in the reactor thread."""
    result = guard.process_request(Request(url))
    if result is not None:
        call_in_reactor(lambda: deferred_from_coro(result)).result(timeout=20)


def test_a_public_source_is_refused_every_internal_address(monkeypatch) -> None:
    monkeypatch.delenv("MRT_ALLOW_PRIVATE_HOSTS", raising=False)
    guard, stats = guard_for(sitemap="https://careers.example.org/sitemap.xml",
                             settings={"MRT_REPLAY_DIR": "."})  # fmt: skip
    for url in INTERNAL:
        with pytest.raises(Refused, match="internal address"):
            check(guard, url)
    assert stats.get_value("mrt/url/refused_private") == len(INTERNAL)
    check(guard, "https://careers.example.org/jobs/1")  # its own host
    check(guard, "http://93.184.216.34/jobs/1")  # a public address


def test_a_source_on_an_internal_address_or_the_setting_allows_them(monkeypatch) -> None:
    monkeypatch.delenv("MRT_ALLOW_PRIVATE_HOSTS", raising=False)
    for options in (
        {"sitemap": "http://127.0.0.1:8000/sitemap.xml"},
        {"start_urls": ["http://localhost:8000/careers"]},
        {"sitemap": "http://10.0.0.8/sitemap.xml"},
        {"sitemap": "https://careers.example.org/s.xml",
         "settings": {"MRT_ALLOW_PRIVATE_HOSTS": True}},
    ):  # fmt: skip
        guard, stats = guard_for(**{"settings": {"MRT_REPLAY_DIR": "."}, **options})
        for url in INTERNAL:
            check(guard, url)
        assert stats.get_value("mrt/url/refused_private") is None
    monkeypatch.setenv("MRT_ALLOW_PRIVATE_HOSTS", "1")
    guard, _ = guard_for(sitemap="https://careers.example.org/s.xml")
    check(guard, "http://169.254.169.254/latest/meta-data/")


@implementer(IHostnameResolver)
class FakeNames:
    """A name resolver answering from a table (nothing for other names)."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.table = table
        self.asked: list[str] = []

    def resolveHostName(self, receiver, hostName, portNumber=0, addressTypes=None,  # noqa: N802
                        transportSemantics="TCP"):  # fmt: skip
        from twisted.internet.address import IPv4Address, IPv6Address

        self.asked.append(hostName)
        receiver.resolutionBegan(None)
        for address in self.table.get(hostName, []):
            kind = IPv6Address if ":" in address else IPv4Address
            receiver.addressResolved(kind("TCP", address, portNumber))
        receiver.resolutionComplete()
        return receiver


@pytest.fixture
def fake_names():
    from scraper.reactor import reactor_thread

    reactor = reactor_thread()
    names = FakeNames({
        "careers.example.org": ["93.184.216.34"],
        "cdn.example.org": ["93.184.216.35", "2606:2800::1"],
        "intranet.example.org": ["10.20.30.40"],
        "sneaky.example.org": ["93.184.216.36", "fd00::7"],  # one internal answer is enough
        "metadata.example.org": ["169.254.169.254"],
        "hr.internal.example": ["192.168.4.4"],
    })  # fmt: skip
    original = reactor.nameResolver
    reactor.installNameResolver(names)
    yield names
    reactor.installNameResolver(original)


def test_names_that_resolve_to_internal_addresses_are_refused(fake_names, monkeypatch) -> None:
    monkeypatch.delenv("MRT_ALLOW_PRIVATE_HOSTS", raising=False)
    guard, stats = guard_for(sitemap="https://careers.example.org/sitemap.xml")
    for name in ("intranet.example.org", "sneaky.example.org", "metadata.example.org"):
        with pytest.raises(Refused, match=name):
            check(guard, f"https://{name}/jobs/1")
    check(guard, "https://cdn.example.org/jobs/1")
    check(guard, "https://careers.example.org/jobs/1")
    assert stats.get_value("mrt/url/refused_private") == 3
    # Requests to its own host are not checked; the name is looked up once, to know
    # whether the source itself lives on an internal address.
    assert fake_names.asked.count("careers.example.org") == 1
    with pytest.raises(DNSLookupError):  # no answer: fails as the download would
        check(guard, "https://unknown.example.org/jobs/1")
    # A source whose own name resolves to an internal address may follow internal links.
    guard, stats = guard_for(sitemap="https://hr.internal.example/sitemap.xml")
    check(guard, "https://intranet.example.org/jobs/1")
    check(guard, "http://10.9.9.9/jobs/1")
    assert stats.get_value("mrt/url/refused_private") is None


def job_page(title: str, ident: str) -> str:
    import json

    data = {"@context": "https://schema.org", "@type": "JobPosting", "title": title,
            "identifier": ident, "description": "<p>RHIT required. Release of information.</p>",
            "jobLocation": {"address": {"addressLocality": "Tulsa", "addressRegion": "OK"}}}  # fmt: skip
    return f'<html><script type="application/ld+json">{json.dumps(data)}</script></html>'


def test_a_sitemap_listing_internal_addresses_fetches_only_the_public_pages(
    sqlite_url: str, tmp_path: Path, monkeypatch
) -> None:
    """A recorded crawl: the internal links never reach the downloader (a request that did
    would be missing from the cassette and count as an error)."""
    monkeypatch.delenv("MRT_ALLOW_PRIVATE_HOSTS", raising=False)
    host = "https://careers.example.org"
    locs = [*INTERNAL, f"{host}/jobs/1"]
    sitemap = ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               + "".join(f"<url><loc>{loc}</loc></url>" for loc in locs) + "</urlset>")  # fmt: skip

    def answer(uri: str, body: str, content_type: str) -> dict:
        return {"request": {"method": "GET", "uri": uri, "body": None, "headers": {}},
                "response": {"status": {"code": 200, "message": ""},
                             "headers": {"Content-Type": [content_type]},
                             "body": {"string": body}}}  # fmt: skip

    interactions = [answer(f"{host}/sitemap.xml", sitemap, "application/xml"),
                    answer(f"{host}/jobs/1", job_page("Medical Records Technician", "1"),
                           "text/html")]  # fmt: skip
    cassette = tmp_path / "jsonld-careers.example.org.yaml"
    cassette.write_text(yaml.safe_dump({"interactions": interactions, "version": 1}))
    summary = run([{"kind": "jsonld", "sitemap": f"{host}/sitemap.xml"}], sqlite_url,
                  replay=tmp_path)  # fmt: skip
    (feed,) = summary.feeds
    assert feed.stored == 1 and feed.errors == 0 and feed.complete
    assert feed.requests == 2
    assert [r["title"] for r in rows(sqlite_url)] == ["Medical Records Technician"]
    store = open_store(sqlite_url)
    try:
        (source,) = crawl_runs.run_sources(store, summary.run_id)
    finally:
        store.dispose()
    assert source["stats"]["mrt/url/refused_private"] == len(INTERNAL)
