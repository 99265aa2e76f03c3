"""`mrt crawl --scrapyd` on two real Scrapyd daemons started on loopback, into PostgreSQL.

Each daemon runs in its own temporary directory with its own scrapyd.conf and egg cache
(two machines in miniature); the feeds are Lever boards served by a LocalBoard. The
second crawl loses a daemon mid-job: its feed is reported failed and closes nothing.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.request import urlopen

import pytest
import yaml
from click.testing import CliRunner, Result
from localboard import LocalBoard, Reply, lever_posting
from sqlalchemy import select

from pipelines.cli import cli
from pipelines.store import crawl_runs
from pipelines.store.db import open_store
from pipelines.store.postings import postings
from pipelines.store.schema import crawl_runs as crawl_runs_table
from scraper import scrapyd as scrapyd_crawl
from scraper.egg import build_egg

pytest.importorskip("scrapyd", reason="Scrapyd is not installed (pip install -e '.[dev]')")
pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.timeout(180)]

START_SECONDS = 30  # for a daemon to answer daemonstatus.json
ROOT = Path(__file__).resolve().parents[2]
LOOPBACK = {"NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}


def local_env() -> dict[str, str]:
    """This environment for a child process, minus Scrapy's variables, loopback unproxied."""
    return {k: v for k, v in os.environ.items() if not k.startswith("SCRAPY")} | LOOPBACK


SITES = ("alpha", "bravo", "charlie", "delta")


@dataclass
class Daemon:
    url: str
    home: Path
    process: subprocess.Popen

    def api(self, endpoint: str) -> dict:
        with urlopen(f"{self.url}{endpoint}", timeout=5) as reply:
            return json.loads(reply.read())

    def stop(self) -> None:
        """Kill the daemon and its jobs, as stopping its service or machine does."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def log_tail(self) -> str:
        log = self.home / "scrapyd.log"
        return log.read_text(errors="replace")[-3000:] if log.exists() else "(no log)"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_daemon(home: Path) -> Daemon:
    home.mkdir()
    port = free_port()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        "bind_address = 127.0.0.1\n"
        f"http_port = {port}\n"
        f"eggs_dir = {home / 'eggs'}\n"
        f"logs_dir = {home / 'logs'}\n"
        f"dbs_dir = {home / 'dbs'}\n"
        "items_dir =\n"
        "max_proc = 2\n"
        "poll_interval = 0.2\n"
    )
    env = local_env()
    env["MRT_EGG_CACHE"] = str(home / "egg-cache")
    process = subprocess.Popen(
        [sys.executable, "-m", "scrapyd", "--logfile", str(home / "scrapyd.log"),
         "--pidfile", str(home / "scrapyd.pid")],
        cwd=home, env=env, start_new_session=True,
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return Daemon(f"http://127.0.0.1:{port}/", home, process)


def wait_until_up(daemon: Daemon) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if daemon.process.poll() is not None:
            pytest.fail(f"scrapyd exited ({daemon.process.returncode}):\n{daemon.log_tail()}")
        try:
            if daemon.api("daemonstatus.json")["status"] == "ok":
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"scrapyd did not answer within {START_SECONDS} s:\n{daemon.log_tail()}")


@pytest.fixture
def daemons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Daemon]]:
    for name, value in LOOPBACK.items():  # never through a proxy
        monkeypatch.setenv(name, value)
    started: list[Daemon] = []
    try:
        for name in ("node-a", "node-b"):
            started.append(start_daemon(tmp_path / name))
        for daemon in started:
            wait_until_up(daemon)
        yield started
    finally:
        for daemon in started:
            daemon.stop()


def scrapyd_deploy(daemon: Daemon, workdir: Path, egg: bytes, version: str) -> None:
    """Deploy with scrapyd-client as an operator would: the project's scrapy.cfg, its
    [deploy] url pointed at ``daemon``, and the egg `mrt deploy --egg` writes."""
    workdir.mkdir()
    config = (ROOT / "scrapy.cfg").read_text()
    assert "url = http://localhost:6800/" in config
    (workdir / "scrapy.cfg").write_text(config.replace("http://localhost:6800/", daemon.url))
    (workdir / "mrt.egg").write_bytes(egg)
    done = subprocess.run(
        [sys.executable, "-m", "scrapyd_client.deploy", "--egg", "mrt.egg", "--version", version],
        cwd=workdir, env=local_env(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr + done.stdout
    assert json.loads(done.stdout)["status"] == "ok"


def serve(board: LocalBoard, site: str, count: int, **reply: object) -> None:
    jobs = [
        lever_posting(f"{site}-{n}", "Health Information Technician", "<p>RHIT required</p>")
        for n in range(count)
    ]
    board.json(f"/v0/postings/{site}?mode=json&skip=0&limit=100", jobs, **reply)


def write_sources(path: Path, url: str, sites: tuple[str, ...]) -> Path:
    entries = [{"kind": "lever", "site": site, "api_url": url} for site in sites]
    path.write_text(yaml.safe_dump({"sources": entries}))
    return path


def mrt_crawl(sources: Path, db_url: str, daemons: list[Daemon]) -> Result:
    urls = ",".join(d.url for d in daemons)
    args = ["crawl", "--sources", str(sources), "--db", db_url, "--scrapyd", urls]
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def stored(db_url: str) -> list[dict]:
    store = open_store(db_url, migrate_schema=False)
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(postings))]
    store.dispose()
    return rows


def last_run(db_url: str) -> tuple[str, dict[str, dict]]:
    """The latest crawl run's status and its rows by feed."""
    store = open_store(db_url, migrate_schema=False)
    with store.engine.connect() as conn:
        run_id, status = conn.execute(
            select(crawl_runs_table.c.id, crawl_runs_table.c.status)
            .order_by(crawl_runs_table.c.id.desc())
            .limit(1)
        ).one()
    feeds = {row["feed"]: row for row in crawl_runs.run_sources(store, run_id)}
    store.dispose()
    return status, feeds


def finished_jobs(daemon: Daemon, count: int) -> list[str]:
    """The daemon's finished jobs, once ``count`` are (a job reports before it exits)."""
    deadline = time.monotonic() + 20
    while True:
        jobs = [job["id"] for job in daemon.api("listjobs.json?project=mrt_skills")["finished"]]
        if len(jobs) >= count or time.monotonic() > deadline:
            return jobs
        time.sleep(0.2)


def test_feeds_run_as_jobs_on_two_daemons_and_a_lost_daemon_fails_its_feed(
    daemons: list[Daemon], postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scrapyd_crawl, "POLL_SECONDS", 0.3)
    monkeypatch.setattr(scrapyd_crawl, "LOST_AFTER", 3.0)
    egg = build_egg()
    version, digest = egg.version, egg.digest
    # The first daemon gets the build from scrapyd-deploy, the second from mrt crawl.
    scrapyd_deploy(daemons[0], tmp_path / "deploy", egg.data, version)
    with LocalBoard() as board:
        for site in SITES:
            serve(board, site, 3)
        # 1. Four feeds over two daemons: deployed to both, two jobs each, all complete.
        sources = write_sources(tmp_path / "sources.yaml", board.url, SITES)
        result = mrt_crawl(sources, postgres_url, daemons)
        assert result.exit_code == 0, result.output
        assert f"{daemons[0].url} already has mrt_skills {version}" in result.output
        assert f"deployed mrt_skills {version} to {daemons[1].url}" in result.output
        for daemon in daemons:
            versions = daemon.api("listversions.json?project=mrt_skills")["versions"]
            assert versions == [egg.stored_as]
            assert len(finished_jobs(daemon, 2)) == 2
            # The deployed egg, unpacked on that daemon's machine.
            assert [p.name for p in (daemon.home / "egg-cache").iterdir()] == [digest]
        rows = stored(postgres_url)
        assert len(rows) == 12
        assert len({(r["source"], r["source_id"]) for r in rows}) == 12
        assert not any(r["closed_at"] for r in rows)
        status, feeds = last_run(postgres_url)
        assert status == "finished"
        assert sorted(feeds) == [f"lever:{site}" for site in SITES]
        assert all(f["complete"] and f["finish_reason"] == "finished" for f in feeds.values())
        assert {f["stored"] for f in feeds.values()} == {3}
        assert {f["stats"]["mrt/build"] for f in feeds.values()} == {version}

        # 2. alpha now lists one posting, slowly; its daemon dies while the job waits.
        slow = "/v0/postings/alpha?mode=json&skip=0&limit=100"
        board.routes[slow] = [
            Reply(body=[lever_posting("alpha-0", "Health Information Technician", "<p>RHIT</p>")],
                  headers={"Content-Type": "application/json"}, delay=20)
        ]  # fmt: skip
        board.hits.clear()
        # The reply to the killed job finds its connection gone: nothing to report.
        board.server.handle_error = lambda request, address: None
        sources = write_sources(tmp_path / "second.yaml", board.url, ("alpha", "bravo"))
        outcome: list[Result] = []
        crawling = threading.Thread(
            target=lambda: outcome.append(mrt_crawl(sources, postgres_url, daemons))
        )
        crawling.start()
        deadline = time.monotonic() + 60
        while not board.hits[slow] and time.monotonic() < deadline:
            time.sleep(0.1)
        assert board.hits[slow], "the alpha job never asked for its board"
        (lost,) = [
            d for d in daemons
            if any(j["id"].startswith("lever_alpha-")
                   for j in d.api("listjobs.json?project=mrt_skills")["running"])
        ]  # fmt: skip
        lost.stop()
        crawling.join(timeout=90)
        assert not crawling.is_alive()
    (result,) = outcome
    assert result.exit_code == 1, result.output
    assert "Failed or empty: lever:alpha" in result.output
    status, feeds = last_run(postgres_url)
    assert status == "failed"
    alpha, bravo = feeds["lever:alpha"], feeds["lever:bravo"]
    assert alpha["finish_reason"].startswith("lost") and not alpha["complete"]
    assert alpha["closed"] == 0 and alpha["stats"]["mrt/scrapyd/daemon"] == lost.url
    assert bravo["complete"] and bravo["stored"] == 3
    alpha_rows = [r for r in stored(postgres_url) if r["feed"] == "lever:alpha"]
    assert len(alpha_rows) == 3 and not any(r["closed_at"] for r in alpha_rows)
