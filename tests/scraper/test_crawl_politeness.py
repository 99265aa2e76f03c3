"""A source's own download_delay and concurrency, `-s` overrides above them, and robots.txt
refusals counted, not failing the feed."""

from __future__ import annotations

import pytest
from helpers import rows, run
from localboard import LocalBoard, Reply, greenhouse_job
from scrapy.crawler import Crawler
from scrapy.settings import SETTINGS_PRIORITIES, Settings

from pipelines.store import crawl_runs
from pipelines.store.db import open_store
from scraper.sources import SourcesError, parse_sources
from scraper.spiders.greenhouse import GreenhouseSpider

CODER = "<p>Assign ICD-10-CM codes.</p>"


def serve_board(board: LocalBoard, name: str, jobs: int, delay: float = 0.0) -> None:
    listed = [greenhouse_job(name, n, "Medical Coder", CODER) for n in range(1, jobs + 1)]
    board.json(f"/v1/boards/{name}/jobs?content=true", {"jobs": listed})
    for n in range(1, jobs + 1):
        board.json(f"/v1/boards/{name}/jobs/{n}?pay_transparency=true", {"id": n}, delay=delay)


def recorded_stats(db_url: str, run_id: int) -> dict[str, dict]:
    store = open_store(db_url)
    found = {r["feed"]: r["stats"] for r in crawl_runs.run_sources(store, run_id)}
    store.dispose()
    return found


def test_each_feed_in_one_process_keeps_its_own_delay_and_concurrency(sqlite_url: str) -> None:
    with LocalBoard() as wide, LocalBoard() as narrow:
        serve_board(wide, "wide", 6, delay=0.3)
        serve_board(narrow, "narrow", 4, delay=0.1)
        summary = run(
            # A delay above 0: at 0, Scrapy 2.19 on the asyncio reactor sends every queued
            # request of a slot at once, whatever its concurrency.
            [{"kind": "greenhouse", "board": "wide", "api_url": wide.url,
              "download_delay": 0.01, "concurrency": 3},
             {"kind": "greenhouse", "board": "narrow", "api_url": narrow.url,
              "download_delay": 0.05, "concurrency": 1}],
            sqlite_url, settings={"AUTOTHROTTLE_ENABLED": False},
        )  # fmt: skip
        assert not summary.failed_feeds
        # Six pay calls queued at once: three at a time on one board, one on the other.
        assert (wide.max_in_flight, narrow.max_in_flight) == (3, 1)
    stats = recorded_stats(sqlite_url, summary.run_id)
    assert stats["greenhouse:wide"]["mrt/politeness/concurrency"] == 3
    assert stats["greenhouse:wide"]["mrt/politeness/download_delay"] == 0.01
    assert stats["greenhouse:narrow"]["mrt/politeness/concurrency"] == 1
    assert stats["greenhouse:narrow"]["mrt/politeness/download_delay"] == 0.05


def test_s_settings_win_over_a_source_s_own_as_scrapy_orders_them(sqlite_url: str) -> None:
    with LocalBoard() as board:
        serve_board(board, "slow", 2)
        summary = run(
            [{"kind": "greenhouse", "board": "slow", "api_url": board.url,
              "download_delay": 600, "concurrency": 2}],
            sqlite_url,
            settings={"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False",
                      "CONCURRENT_REQUESTS_PER_DOMAIN": "4"},
        )  # fmt: skip
    assert summary.feeds[0].complete  # not 600 s between requests
    stats = recorded_stats(sqlite_url, summary.run_id)["greenhouse:slow"]
    assert stats["mrt/politeness/download_delay"] == 0.0
    assert stats["mrt/politeness/concurrency"] == 4


def test_a_source_s_settings_reach_its_crawler_at_spider_priority() -> None:
    crawler = Crawler(GreenhouseSpider, Settings({"DOWNLOAD_DELAY": 1.0}))
    GreenhouseSpider.from_crawler(crawler, board="x", download_delay="2.5", concurrency="2")
    settings = crawler.settings
    assert settings.getfloat("DOWNLOAD_DELAY") == 2.5
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 2
    assert settings.getpriority("DOWNLOAD_DELAY") == SETTINGS_PRIORITIES["spider"]
    crawler = Crawler(GreenhouseSpider, Settings())
    crawler.settings.set("DOWNLOAD_DELAY", "0", priority="cmdline")
    GreenhouseSpider.from_crawler(crawler, board="x", download_delay=9)
    assert crawler.settings.getfloat("DOWNLOAD_DELAY") == 0


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"refresh_days": -1}, "refresh_days must be a number from 0 to 3650"),
        ({"refresh_days": "weekly"}, "refresh_days must be a number"),
        ({"download_delay": True}, "download_delay must be a number from 0 to 3600"),
        ({"download_delay": float("nan")}, "download_delay must be a number"),
        ({"concurrency": 0}, "concurrency must be a whole number from 1 to 64"),
        ({"concurrency": 2.5}, "concurrency must be a whole number"),
    ],
)
def test_bad_politeness_and_refresh_values_are_one_line(entry: dict, message: str) -> None:
    with pytest.raises(SourcesError, match=message):
        parse_sources([{"kind": "greenhouse", "board": "x", **entry}])


def test_good_values_pass_to_the_spider() -> None:
    (source,) = parse_sources([{"kind": "greenhouse", "board": "x", "refresh_days": 0,
                                "download_delay": 2.5, "concurrency": 2}])  # fmt: skip
    spider = GreenhouseSpider(**{k: v for k, v in source.items() if k != "kind"})
    assert (spider.source_delay, spider.source_concurrency) == (2.5, 2)


def test_pay_calls_robots_txt_forbids_are_counted_and_the_feed_stays_complete(
    sqlite_url: str,
) -> None:
    with LocalBoard() as board:
        board.route("/robots.txt", Reply(body="User-agent: *\nDisallow: /v1/boards/shy/jobs/\n"))
        serve_board(board, "shy", 2)
        summary = run([{"kind": "greenhouse", "board": "shy", "api_url": board.url}],
                      sqlite_url, settings={"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": 0})  # fmt: skip
        assert board.hits["/v1/boards/shy/jobs/1?pay_transparency=true"] == 0
    (feed,) = summary.feeds
    assert feed.complete and feed.errors == 0 and not feed.failed and feed.stored == 2
    stats = recorded_stats(sqlite_url, summary.run_id)["greenhouse:shy"]
    assert stats["robotstxt/forbidden"] == 2
    # Kept without pay, and without a fingerprint: the next crawl asks again.
    assert [r["list_fingerprint"] for r in rows(sqlite_url)] == [None, None]
