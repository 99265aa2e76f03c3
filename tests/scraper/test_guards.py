"""What the crawl refuses, piece by piece: sources entries, URLs, redirects, download
handlers, and records of the wrong shape."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.exceptions import NotSupported
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from scraper.guards import CrawlGuardMiddleware, Refused, host_allowed, web_url
from scraper.items import JobPosting
from scraper.records import MalformedRecord, check_field_types
from scraper.sources import SourcesError, load_sources, parse_sources

pytestmark = pytest.mark.timeout(30)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"kind": "jsonld", "sitemap": "file:///etc/passwd"}, "sitemap must be an http(s) URL"),
        ({"kind": "jsonld", "start_urls": ["https://ok.example/jobs", "file:///etc/shadow"]},
         "start_urls must be an http(s) URL"),
        ({"kind": "jsonld", "start_urls": [42]}, "start_urls must be an http(s) URL"),
        ({"kind": "workday", "url": "ftp://acme.wd5.myworkdayjobs.com/wday/cxs/acme/Ext"},
         "url must be an http(s) URL"),
        ({"kind": "greenhouse", "board": "a", "api_url": "file:///srv/mirror"}, "api_url must"),
        ({"kind": "greenhouse", "board": "a", "api_url": "http:///no-host"}, "api_url must"),
        ({"kind": "greenhouse", "board": "a", "api_url": "127.0.0.1:8080"}, "api_url must"),
        ({"kind": "lever", "site": "a", "api_url": "data:text/plain,x"}, "api_url must"),
        ({"kind": "lever", "site": ["a"]}, "site must be text"),
        ({"kind": "lever", "site": "a", "max_response_mb": 0}, "max_response_mb must be"),
        ({"kind": "lever", "site": "a", "max_response_mb": "10"}, "max_response_mb must be"),
        ({"kind": "lever", "site": "a", "max_response_mb": True}, "max_response_mb must be"),
        ({"kind": "lever", "site": "a", "max_response_mb": 5000}, "max_response_mb must be"),
        ({"kind": "lever", "site": "a", "allow_redirect_hosts": "x.org"}, "must be a list"),
        ({"kind": "lever", "site": "a", "allow_redirect_hosts": ["https://x.org"]},
         "allow_redirect_hosts takes host names"),
        ({"kind": "lever", "site": "a", "allow_redirect_hosts": ["x.org:8080"]},
         "allow_redirect_hosts takes host names"),
    ],
)  # fmt: skip
def test_entries_with_non_web_urls_or_bad_options_are_one_line_errors(entry, message) -> None:
    with pytest.raises(SourcesError) as info:
        parse_sources([{"kind": "lever", "site": "fine"}, entry], "sources.yaml")
    text = str(info.value)
    assert message in text and "\n" not in text
    assert text.startswith(f"sources.yaml entry 2 ({entry['kind']}): ")


def test_values_are_quoted_short_and_on_one_line() -> None:
    hostile = "file:///" + "A" * 5000 + "\n\x1b[31mred"
    with pytest.raises(SourcesError) as info:
        parse_sources([{"kind": "jsonld", "sitemap": hostile}])
    text = str(info.value)
    assert "\n" not in text and "\x1b" not in text and len(text) < 200
    with pytest.raises(SourcesError) as info:
        parse_sources([{"kind": "k" * 1000}])
    assert len(str(info.value)) < 250


def test_the_new_options_are_accepted_and_reach_the_spider() -> None:
    from scraper.runner import spider_arguments
    from scraper.spiders.greenhouse import GreenhouseSpider

    (entry,) = parse_sources([{"kind": "greenhouse", "board": "a", "max_response_mb": 2.5,
                               "allow_redirect_hosts": ["boards.example.org", "127.0.0.1"],
                               "api_url": "http://127.0.0.1:8080"}])  # fmt: skip
    spider = GreenhouseSpider(**spider_arguments(entry))
    assert spider.max_response_bytes == int(2.5 * 1024 * 1024)
    assert spider.redirect_hosts == {
        "boards-api.greenhouse.io", "127.0.0.1", "boards.example.org"
    }  # fmt: skip
    assert parse_sources([{"kind": "lever", "site": 7, "company": 1199}])[0]["company"] == "1199"
    # `scrapy crawl -a` gives strings.
    spider = GreenhouseSpider(board="a", max_response_mb="1", allow_redirect_hosts="a.org,b.org")
    assert spider.max_response_bytes == 1024 * 1024
    assert {"a.org", "b.org"} <= spider.redirect_hosts


def test_an_alias_bomb_sources_file_is_refused_at_once(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    lines += ["sources:", "  - kind: usajobs", "    series: *i"]  # 9**9 codes, expanded
    path = tmp_path / "sources.yaml"
    path.write_text("\n".join(lines) + "\n")
    assert path.stat().st_size < 1000
    started = time.monotonic()
    with pytest.raises(SourcesError, match="aliases") as info:
        load_sources(path)
    assert time.monotonic() - started < 2 and "\n" not in str(info.value)


def test_an_oversized_sources_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("# padding\n" * 300_000)
    with pytest.raises(SourcesError, match="larger than"):
        load_sources(path)


def test_web_url_and_host_matching() -> None:
    assert web_url("https://a.example/x") == "https://a.example/x"
    for bad in ("file:///etc/passwd", "FILE://host/x", "http:///x", "javascript:alert(1)",
                "mailto:a@b", "//a.example/x", "/relative", "http://[::1", None, 3):  # fmt: skip
        assert web_url(bad) is None, bad
    assert host_allowed("www.example.org", ["example.org"])
    assert host_allowed("example.org", ["www.example.org"])
    assert host_allowed("jobs.example.org", ["example.org"])
    assert not host_allowed("example.org.evil.net", ["example.org"])
    assert not host_allowed("badexample.org", ["example.org"])
    assert not host_allowed(None, ["example.org"])


def reactor_crawler(settings: dict | None = None):
    from scraper.reactor import reactor_thread

    reactor = reactor_thread()
    project = Settings()
    project.setmodule("scraper.settings", priority="project")
    name = f"{type(reactor).__module__}.{type(reactor).__name__}"
    return get_crawler(settings_dict={**dict(project), "TWISTED_REACTOR": name, **(settings or {})})


def test_scrapys_other_download_handlers_are_off() -> None:
    from scrapy.core.downloader.handlers import DownloadHandlers

    handlers = DownloadHandlers(reactor_crawler())
    for url in ("file:///etc/passwd", "data:text/plain,secret", "s3://bucket/key", "ftp://h/x"):
        with pytest.raises(NotSupported):
            asyncio.run(handlers.download_request_async(Request(url)))


def guard_for(**source):
    from scraper.spiders.greenhouse import GreenhouseSpider

    crawler = reactor_crawler()
    crawler.spider = GreenhouseSpider.from_crawler(crawler, board="acme", **source)
    crawler.stats.open_spider()
    return CrawlGuardMiddleware.from_crawler(crawler), crawler.stats


def redirected(url: str, origin: str) -> Request:
    return Request(url, meta={"redirect_urls": [origin]})


def test_the_guard_refuses_non_web_requests_and_offsite_redirects() -> None:
    guard, stats = guard_for(api_url="http://127.0.0.1:8080", allow_redirect_hosts=["ok.example"])
    with pytest.raises(Refused):
        guard.process_request(Request("file:///etc/passwd"))
    origin = "http://127.0.0.1:8080/v1/boards/acme/jobs"
    with pytest.raises(Refused):
        guard.process_request(redirected("http://169.254.169.254/latest/meta-data", origin))
    assert stats.get_value("mrt/url/refused_scheme") == 1
    assert stats.get_value("mrt/redirect/offsite_refused") == 1
    for url in ("http://127.0.0.1:9999/moved", "https://boards-api.greenhouse.io/v1/x",
                "https://ok.example/x", "https://jobs.ok.example/x"):  # fmt: skip
        assert guard.process_request(redirected(url, origin)) is None


def test_the_guard_puts_a_sources_size_cap_on_each_request() -> None:
    guard, _ = guard_for(max_response_mb=1)
    request = Request("https://boards-api.greenhouse.io/v1/boards/acme/jobs")
    guard.process_request(request)
    assert request.meta["download_maxsize"] == 1024 * 1024
    assert request.meta["download_warnsize"] == 1024 * 1024
    uncapped, _ = guard_for()
    request = Request("https://boards-api.greenhouse.io/v1/boards/acme/jobs")
    uncapped.process_request(request)
    assert "download_maxsize" not in request.meta  # DOWNLOAD_MAXSIZE applies


def posting(**fields) -> JobPosting:
    return JobPosting(url="https://x", source="greenhouse", sourceId="1", feed="greenhouse:x",
                      **fields)  # fmt: skip


@pytest.mark.parametrize(
    "fields",
    [{"title": 123}, {"title": ["Coder"]}, {"jobLocationRaw": {"name": "Tulsa"}},
     {"salaryMin": "20"}, {"salaryMin": float("inf")}, {"salaryMax": True}, {"remote": "yes"},
     {"raw": []}, {"descriptionHtml": 7}],
)  # fmt: skip
def test_fields_of_the_wrong_type_make_a_record_malformed(fields) -> None:
    with pytest.raises(MalformedRecord):
        check_field_types(posting(**fields))


def test_well_typed_fields_pass() -> None:
    item = posting(title="Coder", salaryMin=20, salaryMax=25.5, remote=False, raw={"id": 1})
    assert check_field_types(item) is item
