"""Paging, empty boards, errors and malformed payloads, replayed from written cassettes."""

from __future__ import annotations

import pytest
from helpers import EDGE, rows, run


def feeds_by_name(summary):
    return {f.feed: f for f in summary.feeds}


def test_lever_pages_until_a_short_page(sqlite_url: str) -> None:
    summary = run([{"kind": "lever", "site": "bigsite"}], sqlite_url, replay=EDGE)
    (feed,) = summary.feeds
    assert feed.requests == 2 and feed.items == 103 and feed.complete
    # Titles cycle through 5 kinds, one of which (the nurse) is not in the family.
    assert feed.dropped == {"not_relevant": 20}
    assert len(rows(sqlite_url)) == 83


def test_smartrecruiters_pages_by_offset_and_survives_a_malformed_detail(sqlite_url: str) -> None:
    summary = run([{"kind": "smartrecruiters", "company": "PagedCo"}], sqlite_url, replay=EDGE)
    (feed,) = summary.feeds
    # 2 pages and a detail per posting, but none for the 20 nurses: their titles alone
    # rule them out (dropped as not_relevant from the list entry, as from the detail).
    assert feed.requests == 2 + 102 - 20
    assert feed.errors == 1  # posting 7's detail is not JSON: counted, the crawl goes on
    assert not feed.complete and feed.failed
    assert len(rows(sqlite_url)) == 101 - 20


def test_workday_follows_pages_although_total_is_zero_after_the_first(sqlite_url: str) -> None:
    url = "https://paged.wd1.myworkdayjobs.com/wday/cxs/paged/External"
    summary = run([{"kind": "workday", "url": url, "search": "coding"}], sqlite_url, replay=EDGE)
    (feed,) = summary.feeds
    assert feed.items == 25 and feed.errors == 0 and feed.complete
    assert all(r["source_id"].startswith("paged/External:R-") for r in rows(sqlite_url))


def test_empty_board_counts_as_failed_and_closes_nothing(sqlite_url: str) -> None:
    summary = run([{"kind": "greenhouse", "board": "emptyboard"}], sqlite_url, replay=EDGE)
    (feed,) = summary.feeds
    assert feed.items == 0 and feed.failed and not feed.complete
    assert summary.failed_feeds == [feed]


def test_persistent_500_fails_that_feed_and_the_others_are_stored(sqlite_url: str) -> None:
    summary = run(
        [{"kind": "greenhouse", "board": "flaky"}, {"kind": "lever", "site": "bigsite"}],
        sqlite_url,
        replay=EDGE,
    )
    feeds = feeds_by_name(summary)
    flaky = feeds["greenhouse:flaky"]
    assert flaky.requests == 3 and flaky.errors == 1 and flaky.failed  # tried 1 + 2 retries
    assert [f.feed for f in summary.failed_feeds] == ["greenhouse:flaky"]
    assert feeds["lever:bigsite"].stored == 83
    assert len(rows(sqlite_url)) == 83


def test_429_is_retried_and_then_succeeds(sqlite_url: str) -> None:
    summary = run([{"kind": "greenhouse", "board": "busy", "pay": False}], sqlite_url, replay=EDGE)
    (feed,) = summary.feeds
    assert feed.requests == 2 and feed.errors == 0 and feed.complete and feed.stored == 1


def test_truncated_json_is_counted_not_fatal(sqlite_url: str) -> None:
    summary = run(
        [{"kind": "greenhouse", "board": "truncated"}, {"kind": "greenhouse", "board": "busy"}],
        sqlite_url,
        replay=EDGE,
    )
    feeds = feeds_by_name(summary)
    assert feeds["greenhouse:truncated"].errors == 1 and feeds["greenhouse:truncated"].failed
    assert feeds["greenhouse:busy"].stored == 1


def test_missing_fields_drop_the_record_and_keep_the_rest(sqlite_url: str) -> None:
    summary = run([{"kind": "greenhouse", "board": "gaps"}], sqlite_url, replay=EDGE)
    (feed,) = summary.feeds
    stored = {r["source_id"]: r for r in rows(sqlite_url)}
    # 601 complete; 602 has no location nor content and its pay call 404s: stored without pay.
    assert set(stored) == {"gaps:601", "gaps:602"}
    assert stored["gaps:601"]["salary_min"] == 20.0
    assert stored["gaps:602"]["salary_min"] is None and stored["gaps:602"]["state"] is None
    assert feed.dropped == {"malformed_record": 2, "missing_field": 1}
    assert feed.errors == 1  # the 404 of the pay call


def test_malformed_json_ld_is_tolerated_or_counted(sqlite_url: str) -> None:
    summary = run(
        [{"kind": "jsonld", "start_urls": ["https://broken.example.org/careers"]}],
        sqlite_url,
        replay=EDGE,
    )
    (feed,) = summary.feeds
    titles = sorted(r["title"] for r in rows(sqlite_url))
    # Control character + comment + trailing comma: read; two concatenated objects: read
    # (neither is a JobPosting); truncated script: counted; empty title: dropped.
    assert titles == ["Health Information Technician I", "Medical Coder II - Outpatient"]
    assert feed.dropped.get("malformed_record") == 1
    assert feed.errors == 0  # the off-site link is not followed, nothing failed
    assert feed.requests == 5


@pytest.mark.parametrize("board", ["nosuchboard"])
def test_request_missing_from_the_cassette_is_an_error(board: str, sqlite_url: str) -> None:
    summary = run([{"kind": "greenhouse", "board": board}], sqlite_url, replay=EDGE)
    (feed,) = summary.feeds
    assert feed.errors == 1 and feed.failed


def test_usajobs_follows_number_of_pages(sqlite_url: str, monkeypatch) -> None:
    monkeypatch.setenv("USAJOBS_API_KEY", "test-key")
    monkeypatch.setenv("USAJOBS_EMAIL", "tester@example.org")
    summary = run([{"kind": "usajobs", "series": ["0675"]}], sqlite_url, replay=EDGE)
    (feed,) = summary.feeds
    assert feed.requests == 2 and feed.stored == 4
    assert feed.dropped == {"malformed_record": 1}
    assert {r["source_id"] for r in rows(sqlite_url)} == {f"84510020{n}" for n in (1, 2, 3, 4)}
