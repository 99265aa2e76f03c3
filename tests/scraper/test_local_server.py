"""Spiders against a real HTTP server on 127.0.0.1 through `api_url`: retries and recording."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import rows, run
from localboard import LocalBoard, Reply, greenhouse_job, lever_posting

from pipelines.store import crawl_runs
from pipelines.store.db import open_store

FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "RETRY_AFTER_MAX_SECONDS": 5}
CODER = "<p>Assign ICD-10-CM and CPT codes.</p><ul><li>CPC or CCS required</li></ul>"


def serve_boards(board: LocalBoard) -> None:
    jobs = [greenhouse_job("acme", n, "Medical Coder", CODER) for n in (1, 2, 3)]
    board.route(
        "/v1/boards/acme/jobs?content=true",
        Reply(429, {"message": "rate limited"}, {"Retry-After": "1"}),
        Reply(200, {"jobs": jobs, "meta": {"total": 3}}, {"Content-Type": "application/json"}),
    )
    for n in (1, 2, 3):
        board.json(
            f"/v1/boards/acme/jobs/{n}?pay_transparency=true",
            {"id": n, "pay_input_ranges": [{"min_cents": 5000000, "max_cents": 6000000,
                                            "currency_type": "USD", "title": "Salary"}]},
        )  # fmt: skip
    board.json(
        "/v0/postings/beta?mode=json&skip=0&limit=100",
        [
            lever_posting(f"l-{n}", "Health Information Technician", "<p>RHIT required</p>")
            for n in range(4)
        ],
    )
    board.route("/v1/companies/Down/postings?limit=100&offset=0", Reply(500, "boom"))


def sources(url: str) -> list[dict]:
    return [
        {"kind": "greenhouse", "board": "acme", "api_url": url},
        {"kind": "lever", "site": "beta", "api_url": url},
        {"kind": "smartrecruiters", "company": "Down", "api_url": url},
    ]


def test_retry_after_then_success_and_a_failing_source_reported(sqlite_url: str) -> None:
    with LocalBoard() as board:
        serve_boards(board)
        summary = run(sources(board.url), sqlite_url, settings=FAST)
        hits = dict(board.hits)
    feeds = {f.feed: f for f in summary.feeds}
    assert hits["/v1/boards/acme/jobs?content=true"] == 2  # 429, then the board
    assert feeds["greenhouse:acme"].complete and feeds["greenhouse:acme"].stored == 3
    assert feeds["lever:beta"].stored == 4
    down = feeds["smartrecruiters:Down"]
    assert hits["/v1/companies/Down/postings?limit=100&offset=0"] == 3  # 1 + RETRY_TIMES
    assert down.failed and down.errors == 1
    assert [f.feed for f in summary.failed_feeds] == ["smartrecruiters:Down"]
    assert {r["salary_min"] for r in rows(sqlite_url, source="greenhouse")} == {50000.0}
    # The crawl run records the wait the server asked for, and the failure.
    store = open_store(sqlite_url)
    recorded = {r["feed"]: r for r in crawl_runs.run_sources(store, summary.run_id)}
    store.dispose()
    assert recorded["greenhouse:acme"]["stats"]["mrt/retry_after/waited_seconds"] == 1.0
    assert recorded["smartrecruiters:Down"]["complete"] is False
    assert recorded["smartrecruiters:Down"]["errors"] == 1


def test_recorded_cassettes_replay_without_the_server(tmp_path: Path) -> None:
    live, replayed = (
        f"sqlite:///{tmp_path / 'live.sqlite'}",
        f"sqlite:///{tmp_path / 'replay.sqlite'}",
    )
    with LocalBoard() as board:
        serve_boards(board)
        url = board.url
        run(sources(url)[:2], live, settings=FAST, record=tmp_path / "tapes")
    assert sorted(p.name for p in (tmp_path / "tapes").iterdir()) == [
        "greenhouse-acme.yaml",
        "lever-beta.yaml",
    ]
    assert "Authorization" not in (tmp_path / "tapes" / "greenhouse-acme.yaml").read_text()
    summary = run(sources(url)[:2], replayed, replay=tmp_path / "tapes")
    assert not summary.failed_feeds
    strip = ("id", "first_seen", "last_seen", "fetched_at")
    assert [{k: v for k, v in r.items() if k not in strip} for r in rows(replayed)] == [
        {k: v for k, v in r.items() if k not in strip} for r in rows(live)
    ]


def test_503_without_retry_after_backs_off_and_succeeds(sqlite_url: str) -> None:
    with LocalBoard() as board:
        jobs = [greenhouse_job("calm", 1, "Medical Coder", CODER)]
        board.route(
            "/v1/boards/calm/jobs?content=true",
            Reply(503, "maintenance"),
            Reply(503, "maintenance"),
            Reply(200, {"jobs": jobs}, {"Content-Type": "application/json"}),
        )
        summary = run([{"kind": "greenhouse", "board": "calm", "api_url": board.url, "pay": False}],
                      sqlite_url, settings={**FAST, "RETRY_AFTER_DEFAULT_SECONDS": 0.1})  # fmt: skip
        assert board.hits["/v1/boards/calm/jobs?content=true"] == 3
    (feed,) = summary.feeds
    assert feed.complete and feed.stored == 1
    store = open_store(sqlite_url)
    (recorded,) = crawl_runs.run_sources(store, summary.run_id)
    store.dispose()
    assert recorded["stats"]["mrt/retry_after/waited_seconds"] == pytest.approx(0.1 + 0.2)
