"""`mrt status` after crawls of loopback boards (issue 14): a feed that drops to zero, one
with half its postings missing pay and one whose postings fail the posting schema are each
failing (exit 1), a healthy one is ok (exit 0); the webhook and the mail are sent for the
failing feeds; a bad thresholds file is one line and exit 2."""

from __future__ import annotations

import json
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from localboard import LocalBoard, greenhouse_job, lever_posting

from pipelines.cli import cli
from pipelines.cli.errors import run_cli
from pipelines.store import crawl_runs
from pipelines.store.db import open_store
from pipelines.store.health import record_health
from scraper.runner import crawl
from scraper.sources import parse_sources
from scraper.thresholds import PACKAGED_MONITORS

FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False}
TITLE, TEXT = "Health Information Technician", "<p>RHIT required. ICD-10-CM coding.</p>"
N = 10


@pytest.fixture(autouse=True)
def loopback_unproxied(monkeypatch) -> None:
    """The webhook and SMTP servers are on loopback: never reach them through a proxy."""
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")


def mrt(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """`mrt ARGS` in-process through the real entry point: (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "argv", ["mrt", *map(str, args)])
    try:
        code = run_cli(cli)
    except SystemExit as exc:  # as `mrt` ends through sys.exit
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


class Webhook:
    """A loopback HTTP server keeping the JSON bodies POSTed to it."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        received = self.bodies

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length") or 0)
                received.append(json.loads(self.rfile.read(length)))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/mrt"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Mailbox:
    """aiosmtpd's SMTP server on a loopback port, keeping the messages it receives."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[str] = []
        messages = self.messages

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's
                messages.append(envelope.content.decode("utf-8"))
                return "250 OK"

        with socket.socket() as probe:  # a free port: the controller needs a fixed one
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def close(self) -> None:
        self.controller.stop()


def serve(board: LocalBoard, second: bool) -> None:
    """Four boards: steady, then emptied, then half without pay, and one without URLs."""
    jobs = [lever_posting(f"s-{n}", TITLE, TEXT) for n in range(N)]
    board.json("/v0/postings/steady?mode=json&skip=0&limit=100", jobs)
    vanishing = [] if second else [lever_posting(f"v-{n}", TITLE, TEXT) for n in range(N)]
    board.json("/v0/postings/vanishing?mode=json&skip=0&limit=100", vanishing)
    halfpay = [lever_posting(f"h-{n}", TITLE, TEXT) for n in range(N)]
    for job in halfpay[: N // 2] if second else []:
        del job["salaryRange"]
    board.json("/v0/postings/halfpay?mode=json&skip=0&limit=100", halfpay)
    broken = [greenhouse_job("broken", n, TITLE, TEXT) for n in range(N)]
    for job in broken:
        job["absolute_url"] = None  # the API changed shape: no public URL any more
    board.json("/v1/boards/broken/jobs?content=true", {"jobs": broken})


def sources(url: str) -> list[dict[str, Any]]:
    return parse_sources(
        [{"kind": "lever", "site": site, "api_url": url} for site in ("steady", "vanishing", "halfpay")]
        + [{"kind": "greenhouse", "board": "broken", "api_url": url, "pay": False}]
    )  # fmt: skip


def monitors(**notify: Any) -> dict[str, Any]:
    data = yaml.safe_load(PACKAGED_MONITORS.read_text())
    if notify:
        data["notify"] = notify
    return {"MRT_MONITORS_CONFIG": data}


def test_failing_feeds_are_reported_notified_and_fail_the_exit_code(
    db_url: str, monkeypatch, capsys
) -> None:
    webhook, mailbox = Webhook(), Mailbox()
    mail = {"host": "127.0.0.1", "port": mailbox.port, "from": "mrt@example.org",
            "to": ["ops@example.org"]}  # fmt: skip
    try:
        with LocalBoard() as board:
            serve(board, second=False)
            crawl(sources(board.url), db_url, settings={**FAST, **monitors()})
            serve(board, second=True)
            notify = {"when": "failing", "webhook": {"url": webhook.url}, "mail": mail}
            crawl(sources(board.url), db_url, settings={**FAST, **monitors(**notify)})
    finally:
        webhook.close()
        mailbox.close()

    failing = {"lever:vanishing", "lever:halfpay", "greenhouse:broken"}
    assert {body["feed"] for body in webhook.bodies} == failing
    assert len(webhook.bodies) == 3 and all(b["status"] == "failing" for b in webhook.bodies)
    vanished = next(b for b in webhook.bodies if b["feed"] == "lever:vanishing")
    assert [p["check"] for p in vanished["problems"]] == ["item_count"]
    assert len(mailbox.messages) == 3
    assert any("Subject: [mrt] lever:halfpay failing: coverage:pay" in m for m in mailbox.messages)

    code, out, _ = mrt(monkeypatch, capsys, "status", "--db", db_url, "--format", "json")
    assert code == 1
    report = json.loads(out)
    feeds = {f["feed"]: f for f in report["feeds"]}
    assert {name for name, f in feeds.items() if f["status"] == "failing"} == failing
    assert report["failing"] == 3 and report["ok"] == 1
    why = {name: {c["check"]: c["detail"] for c in f["why"]} for name, f in feeds.items()}
    assert why["lever:steady"] == {}
    assert why["lever:vanishing"] == {
        "item_count": "no postings (median of the previous 1 complete run: 10)"
    }
    assert why["lever:halfpay"] == {
        "coverage:pay": "pay in 5 of 10 fetched postings (50%), 100% on average in the previous 1 run"
    }
    assert why["greenhouse:broken"] == {
        "validation": "10 of 10 fetched postings fail the posting schema (100%): "
        "url: regex_not_matched x10"
    }
    assert feeds["lever:steady"]["items"] == [10, 10]
    assert feeds["lever:vanishing"]["items"] == [10, 0]
    first_run = feeds["lever:steady"]["runs"][0]["run_id"]
    assert feeds["lever:vanishing"]["last_good"]["run_id"] == first_run
    assert feeds["greenhouse:broken"]["last_good"] is None  # failing since its first crawl
    assert (
        feeds["greenhouse:broken"]["since"] == feeds["greenhouse:broken"]["runs"][0]["checked_at"]
    )

    code, out, _ = mrt(monkeypatch, capsys, "status", "--db", db_url)
    assert code == 1
    assert "lever:halfpay" in out and "coverage:pay" in out
    assert "4 feeds: 1 ok, 0 degraded, 3 failing" in out
    code, out, _ = mrt(monkeypatch, capsys, "status", "--db", db_url, "--feed", "lever:steady")
    assert code == 0 and "1 ok" in out


def _record(store, run_id: int, feed: str, status: str, items: int = 10) -> None:
    checks = [{"check": "item_count", "status": status, "detail": f"{items} postings"}]
    record_health(store, run_id, feed, "lever", status=status, items=items, checks=checks)


def test_a_healthy_store_exits_0_and_since_is_when_the_status_began(
    db_url: str, monkeypatch, capsys
) -> None:
    store = open_store(db_url)
    runs = [crawl_runs.start_run(store, "test") for _ in range(4)]
    for run_id, status in zip(runs, ["ok", "ok", "degraded", "degraded"], strict=True):
        _record(store, run_id, "lever:a", status, items=10 + run_id)
        _record(store, run_id, "lever:b", "ok")
    store.dispose()
    code, out, _ = mrt(monkeypatch, capsys, "status", "--db", db_url, "--format", "json")
    assert code == 0, out
    feeds = {f["feed"]: f for f in json.loads(out)["feeds"]}
    a = feeds["lever:a"]
    assert a["status"] == "degraded" and a["since"] == a["runs"][2]["checked_at"]
    assert a["last_good"]["run_id"] == runs[1]
    assert a["items"] == [10 + r for r in runs]
    assert feeds["lever:b"]["since"] == feeds["lever:b"]["runs"][0]["checked_at"]
    code, out, _ = mrt(
        monkeypatch, capsys, "status", "--db", db_url, "--runs", "2", "--format", "json"
    )
    assert json.loads(out)["feeds"][0]["items"] == [10 + r for r in runs[2:]]


def test_feed_names_and_reasons_are_shown_inert(sqlite_url: str, monkeypatch, capsys) -> None:
    store = open_store(sqlite_url)
    run_id = crawl_runs.start_run(store, "test")
    _record(store, run_id, "lever:\x1b]0;pwned\x07[red]x[/red]", "failing", items=0)
    store.dispose()
    code, out, _ = mrt(monkeypatch, capsys, "status", "--db", sqlite_url)
    assert code == 1
    assert "\x1b" not in out and "\x07" not in out
    cells = out.replace("\n", "").replace("│", "").replace(" ", "")
    assert "\\x1b]0;pwned\\x07[red]x[/red]" in cells


def test_no_health_yet_is_exit_0_and_a_missing_database_exit_2(
    sqlite_url: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    open_store(sqlite_url).dispose()
    code, _, err = mrt(monkeypatch, capsys, "status", "--db", sqlite_url)
    assert code == 0 and "No feed health recorded yet" in err
    missing = tmp_path / "missing.sqlite"
    code, _, err = mrt(monkeypatch, capsys, "status", "--db", f"sqlite:///{missing}")
    assert code == 2 and "no database at" in err and not missing.exists()


@pytest.mark.parametrize("command", ["crawl", "run"])
def test_a_bad_thresholds_file_is_one_line_and_exit_2(
    command: str, sqlite_url: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    bad = tmp_path / "monitors.yaml"
    bad.write_text("item_count:\n  failing_drop: lots\n")
    listed = tmp_path / "sources.yaml"
    listed.write_text("- {kind: lever, site: steady, api_url: 'http://127.0.0.1:9'}\n")
    code, out, err = mrt(monkeypatch, capsys, command, "--sources", listed, "--db", sqlite_url,
                         "--monitors", bad)  # fmt: skip
    assert code == 2, err
    assert err.strip().splitlines() == [
        "Error: monitors.yaml: item_count.failing_drop must be a share from 0 to 1, not 'lots'"
    ]
    assert not Path(sqlite_url.removeprefix("sqlite:///")).exists()  # nothing crawled
