"""Incremental crawls on loopback boards: detail and pay requests only for new, changed or
stale postings; the others marked seen; closing as before."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from helpers import rows, run
from localboard import LocalBoard, greenhouse_job
from scrapy.utils.test import get_crawler
from sqlalchemy import update

from pipelines.store.db import open_store, utcnow
from pipelines.store.fetch_state import known_postings
from pipelines.store.postings import postings
from scraper.spiders.greenhouse import GreenhouseSpider

FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False}
TITLES = {1: "Medical Coder", 2: "Health Information Technician", 3: "Medical Records Clerk"}
WORKDAY = "https://inc.wd1.myworkdayjobs.com/wday/cxs/inc/External"


class Boards:
    """A Greenhouse board, a SmartRecruiters company and a Workday site of three
    postings each on one loopback server; ``change`` edits a posting as a board would."""

    def __init__(self, board: LocalBoard) -> None:
        self.board = board
        self.text = {(kind, n): f"<p>{kind} posting {n}: ICD-10-CM coding.</p>"
                     for kind in ("gh", "sr", "wd") for n in TITLES}  # fmt: skip
        self.stamp = {n: "2026-11-18T09:12:44-05:00" for n in TITLES}
        self.listed = {kind: set(TITLES) for kind in ("gh", "sr", "wd")}
        self.serve()

    def serve(self) -> None:
        board = self.board
        jobs = []
        for n in sorted(self.listed["gh"]):
            job = greenhouse_job("inc", n, TITLES[n], self.text[("gh", n)])
            jobs.append({**job, "updated_at": self.stamp[n]})
            board.json(f"/v1/boards/inc/jobs/{n}?pay_transparency=true",
                       {"id": n, "pay_input_ranges": [{"min_cents": 4000000 + n, "max_cents":
                        5000000, "currency_type": "USD", "title": "Salary"}]})  # fmt: skip
        board.json("/v1/boards/inc/jobs?content=true", {"jobs": jobs})
        listed = [self.sr_entry(n) for n in sorted(self.listed["sr"])]
        listed.append({"id": "99", "name": "Registered Nurse - ICU", "releasedDate": "x"})
        board.json("/v1/companies/IncCo/postings?limit=100&offset=0",
                   {"content": listed, "totalFound": len(listed)})  # fmt: skip
        for n in TITLES:
            board.json(f"/v1/companies/IncCo/postings/{n}", {
                **self.sr_entry(n), "postingUrl": f"https://jobs.example/inc/{n}",
                "jobAd": {"sections": {"jobDescription": {"title": "Job",
                                                          "text": self.text[("sr", n)]}}},
            })  # fmt: skip
        paths = {n: f"/job/Tulsa/Posting_R-{n}" for n in TITLES}
        board.json("/wday/cxs/inc/External/jobs", {"total": len(self.listed["wd"]), "jobPostings": [
            {"title": self.wd_title(n), "externalPath": paths[n], "locationsText": "Tulsa, OK",
             "postedOn": "Posted Today", "bulletFields": [f"R-{n}"]}
            for n in sorted(self.listed["wd"])]})  # fmt: skip
        for n in TITLES:
            board.json(f"/wday/cxs/inc/External{paths[n]}", {"jobPostingInfo": {
                "title": self.wd_title(n), "jobDescription": self.text[("wd", n)],
                "location": "Tulsa, OK", "jobReqId": f"R-{n}", "startDate": "2026-11-02",
            }, "hiringOrganization": {"name": "Inc Health"}})  # fmt: skip

    def sr_entry(self, n: int) -> dict[str, Any]:
        return {"id": str(n), "name": TITLES[n], "releasedDate": self.stamp[n],
                "location": {"city": "Tulsa", "region": "OK", "country": "us"},
                "company": {"identifier": "IncCo", "name": "Inc Health"}}  # fmt: skip

    def wd_title(self, n: int) -> str:
        return TITLES[n] + (" II" if self.text[("wd", n)].startswith("<p>Changed") else "")

    def change(self, kind: str, n: int) -> None:
        self.text[(kind, n)] = f"<p>Changed {kind} {n}: CPC required.</p>"
        if kind in ("gh", "sr"):  # the board dates the edit in its list
            self.stamp[n] = "2026-12-01T10:00:00-05:00"
        self.serve()

    def sources(self, **extra: Any) -> list[dict[str, Any]]:
        url = self.board.url
        return [
            {"kind": "greenhouse", "board": "inc", "api_url": url, **extra},
            {"kind": "smartrecruiters", "company": "IncCo", "api_url": url, **extra},
            {"kind": "workday", "url": WORKDAY, "api_url": url, **extra},
        ]


DETAIL = ("pay_transparency", "/postings/", "/job/")


def requested(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    """Requests the server answered between two snapshots of its hit counts."""
    return {k: v - before.get(k, 0) for k, v in after.items() if v != before.get(k, 0)}


def details(hits: dict[str, int]) -> list[str]:
    return sorted(k for k in hits if any(d in k and "?limit" not in k for d in DETAIL))


def by_id(db_url: str) -> dict[str, dict[str, Any]]:
    return {r["source_id"]: r for r in rows(db_url)}


def test_recrawls_fetch_only_new_changed_and_stale_postings_and_close_vanished(
    db_url: str,
) -> None:
    with LocalBoard() as board:
        boards = Boards(board)
        first = run(boards.sources(), db_url, settings=FAST)
        assert not first.failed_feeds
        assert len(details(dict(board.hits))) == 9  # 3 pay calls, 3 + 3 detail pages
        assert "/v1/companies/IncCo/postings/99" not in board.hits  # a nurse: by title alone
        stored = by_id(db_url)
        assert len(stored) == 9 and all(r["list_fingerprint"] for r in stored.values())

        # Unchanged boards: robots.txt and the lists, no detail or pay request.
        hits = dict(board.hits)
        again = run(boards.sources(), db_url, settings=FAST)
        assert requested(hits, dict(board.hits)) == {
            "/robots.txt": 3,
            "/v1/boards/inc/jobs?content=true": 1,
            "/v1/companies/IncCo/postings?limit=100&offset=0": 1,
            "/wday/cxs/inc/External/jobs": 1,
        }
        assert all(f.complete and f.seen == 3 and f.stored == 0 for f in again.feeds)
        seen = by_id(db_url)
        for key, row in seen.items():  # every field kept, last_seen moved
            assert row["last_seen"] > stored[key]["last_seen"]
            keep = ("last_seen",)
            assert {k: v for k, v in row.items() if k not in keep} == {
                k: v for k, v in stored[key].items() if k not in keep
            }

        # One posting changed on each board, one fetched too long ago, one gone.
        for kind in ("gh", "sr", "wd"):
            boards.change(kind, 2)
        store = open_store(db_url)
        with store.begin() as conn:
            conn.execute(update(postings).where(postings.c.source_id == "inc:3")
                         .values(fetched_at=utcnow() - timedelta(days=8)))  # fmt: skip
        store.dispose()
        boards.listed["sr"].discard(3)
        boards.serve()
        hits = dict(board.hits)
        third = run(boards.sources(), db_url, settings=FAST)
        assert details(requested(hits, dict(board.hits))) == [
            "/v1/boards/inc/jobs/2?pay_transparency=true",  # changed
            "/v1/boards/inc/jobs/3?pay_transparency=true",  # last fetched 8 days ago
            "/v1/companies/IncCo/postings/2",  # changed
            "/wday/cxs/inc/External/job/Tulsa/Posting_R-2",  # changed
        ]
    assert not third.failed_feeds
    final = by_id(db_url)
    assert "Changed gh 2" in final["inc:2"]["description"]
    assert "Changed sr 2" in final["IncCo:2"]["description"]
    assert final["inc/External:R-2"]["title"] == "Health Information Technician II"
    assert final["inc:3"]["fetched_at"] > seen["inc:3"]["fetched_at"]
    assert final["IncCo:3"]["closed_at"] is not None  # no longer listed: closed
    assert [k for k, r in final.items() if r["closed_at"]] == ["IncCo:3"]
    assert final["inc:1"]["salary_min"] == 40000.01  # seen twice, its pay kept


def test_refresh_days_per_source_and_incremental_off(sqlite_url: str) -> None:
    with LocalBoard() as board:
        boards = Boards(board)
        run(boards.sources()[:1], sqlite_url, settings=FAST)
        store = open_store(sqlite_url)
        with store.begin() as conn:
            conn.execute(update(postings).values(fetched_at=utcnow() - timedelta(days=8)))
        store.dispose()
        hits = dict(board.hits)
        run(boards.sources(refresh_days=30)[:1], sqlite_url, settings=FAST)
        assert details(requested(hits, dict(board.hits))) == []  # 8 days is fresh for 30
        hits = dict(board.hits)
        run(boards.sources()[:1], sqlite_url, settings=FAST)  # the default: 7 days
        assert len(details(requested(hits, dict(board.hits)))) == 3
        hits = dict(board.hits)
        run(boards.sources()[:1], sqlite_url, settings={**FAST, "MRT_INCREMENTAL": "false"})
        assert len(details(requested(hits, dict(board.hits)))) == 3  # -s MRT_INCREMENTAL=false


def test_a_failed_pay_call_is_made_again_next_time(sqlite_url: str) -> None:
    with LocalBoard() as board:
        boards = Boards(board)
        board.route("/v1/boards/inc/jobs/1?pay_transparency=true", "not json")
        first = run(boards.sources()[:1], sqlite_url, settings=FAST)
        assert first.feeds[0].errors == 1  # the feed is incomplete; the job kept without pay
        boards.serve()
        hits = dict(board.hits)
        run(boards.sources()[:1], sqlite_url, settings=FAST)
        assert details(requested(hits, dict(board.hits))) == [
            "/v1/boards/inc/jobs/1?pay_transparency=true"
        ]
    assert by_id(sqlite_url)["inc:1"]["salary_min"] == 40000.01


def test_a_spider_under_scrapy_crawl_reads_what_the_store_knows(sqlite_url: str) -> None:
    with LocalBoard() as board:
        run(Boards(board).sources()[:1], sqlite_url, settings=FAST)
    crawler = get_crawler(GreenhouseSpider, {"MRT_DB_URL": sqlite_url})
    spider = GreenhouseSpider.from_crawler(crawler, board="inc", refresh_days="2.5")
    store = open_store(sqlite_url)
    assert spider.freshness.known == known_postings(store, "greenhouse:inc")
    store.dispose()
    assert len(spider.freshness.known) == 3
    assert utcnow() - timedelta(days=2.5) - spider.freshness.oldest < timedelta(minutes=1)
