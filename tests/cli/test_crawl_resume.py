"""A crawl cut short or killed mid-way, then run again, ends with the same rows."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from localboard import LocalBoard, Reply, lever_posting
from sqlalchemy import create_engine, text

from scraper.runner import crawl
from scraper.sources import parse_sources

EDGE = Path(__file__).resolve().parents[1] / "fixtures" / "cassettes" / "edge"
BIGSITE = [{"kind": "lever", "site": "bigsite"}]
MRT = str(Path(sys.executable).with_name("mrt"))


def snapshot(db: str) -> dict[str, tuple]:
    engine = create_engine(db)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT source_id, content_hash, closed_at IS NULL FROM postings")
        ).all()
        duplicates = conn.execute(
            text("SELECT count(*) - count(DISTINCT source || source_id) FROM postings")
        ).scalar()
    engine.dispose()
    assert duplicates == 0
    return {r[0]: (r[1], r[2]) for r in rows}


def test_cut_short_crawl_closes_nothing_and_a_rerun_completes_it(tmp_path: Path) -> None:
    reference = f"sqlite:///{tmp_path / 'reference.sqlite'}"
    db = f"sqlite:///{tmp_path / 'mrt.sqlite'}"
    crawl(parse_sources(BIGSITE), reference, replay=EDGE)
    crawl(parse_sources(BIGSITE), db, replay=EDGE)  # yesterday's full crawl

    short = crawl(parse_sources(BIGSITE), db, replay=EDGE,
                  settings={"CLOSESPIDER_ITEMCOUNT": 30, "MRT_STORE_BATCH": 10})  # fmt: skip
    (feed,) = short.feeds
    assert feed.finish_reason == "closespider_itemcount" and not feed.complete
    assert feed.closed == 0 and feed.failed
    assert all(open_ for _, open_ in snapshot(db).values())  # nothing closed

    fresh = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    cut = crawl(parse_sources(BIGSITE), fresh, replay=EDGE,
                settings={"CLOSESPIDER_ITEMCOUNT": 30, "MRT_STORE_BATCH": 10})  # fmt: skip
    assert 0 < cut.feeds[0].stored < 83
    rerun = crawl(parse_sources(BIGSITE), fresh, replay=EDGE)
    assert rerun.feeds[0].complete
    assert snapshot(fresh) == snapshot(reference) == snapshot(db)


@pytest.mark.slow
def test_killed_crawl_keeps_what_it_stored_and_a_rerun_duplicates_nothing(tmp_path: Path) -> None:
    page1 = [
        lever_posting(f"p-{n:03d}", "Medical Records Technician", "<p>RHIT</p>") for n in range(100)
    ]
    page2 = [
        lever_posting(f"p-{n:03d}", "Medical Records Technician", "<p>RHIT</p>")
        for n in range(100, 130)
    ]
    db_path = tmp_path / "mrt.sqlite"
    db = f"sqlite:///{db_path}"
    with LocalBoard() as board:
        board.json("/v0/postings/slow?mode=json&skip=0&limit=100", page1)
        board.route("/v0/postings/slow?mode=json&skip=100&limit=100",
                    Reply(200, page2, {"Content-Type": "application/json"}, delay=60))  # fmt: skip
        sources = tmp_path / "sources.yaml"
        sources.write_text(f"- kind: lever\n  site: slow\n  api_url: {board.url}\n")
        process = subprocess.Popen(
            [MRT, "crawl", "--sources", str(sources), "--db", db],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 40
            count = 0
            while time.monotonic() < deadline and count < 100:
                time.sleep(0.5)
                if db_path.exists():
                    try:
                        count = len(snapshot(db))
                    except Exception:  # noqa: BLE001 - tables not created yet
                        count = 0
            assert count == 100, "page 1 should be stored while page 2 is pending"
        finally:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
        assert len(snapshot(db)) == 100  # the kill lost nothing already stored
        board.json("/v0/postings/slow?mode=json&skip=100&limit=100", page2)
        rerun = subprocess.run([MRT, "crawl", "--sources", str(sources), "--db", db],
                               capture_output=True, text=True, timeout=120)  # fmt: skip
    assert rerun.returncode == 0, rerun.stderr
    rows = snapshot(db)
    assert len(rows) == 130 and all(open_ for _, open_ in rows.values())


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_and_records_an_interrupted_run(tmp_path: Path) -> None:
    page1 = [
        lever_posting(f"p-{n:03d}", "Medical Records Technician", "<p>RHIT</p>") for n in range(100)
    ]
    db_path = tmp_path / "mrt.sqlite"
    db = f"sqlite:///{db_path}"
    with LocalBoard() as board:
        board.json("/v0/postings/slow?mode=json&skip=0&limit=100", page1)
        board.route("/v0/postings/slow?mode=json&skip=100&limit=100",
                    Reply(200, [], {"Content-Type": "application/json"}, delay=4))  # fmt: skip
        sources = tmp_path / "sources.yaml"
        sources.write_text(f"- kind: lever\n  site: slow\n  api_url: {board.url}\n")
        process = subprocess.Popen([MRT, "crawl", "--sources", str(sources), "--db", db],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            time.sleep(0.3)
            try:
                if len(snapshot(db)) == 100:
                    break
            except Exception:  # noqa: BLE001 - tables not created yet
                pass
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    engine = create_engine(db)
    with engine.connect() as conn:
        status = conn.execute(text("SELECT status FROM crawl_runs")).scalar()
        reason, complete = conn.execute(
            text("SELECT finish_reason, complete FROM crawl_run_sources")
        ).one()
    engine.dispose()
    assert (status, reason, bool(complete)) == ("interrupted", "shutdown", False)
    assert len(snapshot(db)) == 100
