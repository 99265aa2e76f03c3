"""The parts of `--scrapyd` that need no daemon: URLs, the egg, job arguments, the API
client's errors, and how the wait decides each feed (with Scrapyd's answers made up)."""

from __future__ import annotations

import json
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from localboard import LocalBoard, Reply

from pipelines.cli import cli
from pipelines.store import crawl_runs
from pipelines.store.db import open_store
from scraper import scrapyd
from scraper.egg import SETTINGS_MODULE, build_egg
from scraper.scrapyd_api import Daemon, ScrapydClient, ScrapydError, parse_daemons

PG = "postgresql://mrt@db.example:5432/mrt"


def test_daemon_urls_are_http_and_normalised() -> None:
    (plain, secured) = parse_daemons(" http://10.0.0.5:6800 ,https://u:p%40ss@Crawl.example/sd")
    assert plain.url == "http://10.0.0.5:6800/" and plain.authorization is None
    assert secured.url == "https://crawl.example/sd/"
    assert secured.authorization == "Basic dTpwQHNz"  # u:p@ss, never in the URL shown
    assert "p%40ss" not in repr(secured)


@pytest.mark.parametrize(
    "text",
    ["ftp://h:6800", "localhost:6800", "http://", "file:///tmp/x", "http://h:6800/?a=1",
     "http://h:99999", "http://h:6800,", "http://h:6800,http://H:6800/"],
)  # fmt: skip
def test_bad_daemon_urls_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_daemons(text)


def test_only_postgresql_and_never_its_password() -> None:
    assert scrapyd.require_postgresql(PG) == PG
    passed = scrapyd.require_postgresql("postgresql://mrt:s3cret@db.example/mrt")
    assert "s3cret" not in passed and "db.example" in passed
    for url in ("sqlite:///data/mrt.sqlite", "data/mrt.sqlite", "mysql://h/db", "::"):
        with pytest.raises(ValueError, match="PostgreSQL"):
            scrapyd.require_postgresql(url)


def test_the_cli_refuses_sqlite_and_bad_urls_in_one_line(tmp_path: Path) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text("sources:\n  - kind: lever\n    site: acme\n")
    runner = CliRunner()
    for extra, message in (
        (["--db", f"sqlite:///{tmp_path / 'x.sqlite'}"], "needs a PostgreSQL --db"),
        (["--db", PG, "--scrapyd", "ftp://h:6800"], "not an http(s) URL"),
        (["--db", PG, "--replay", str(tmp_path)], "not with --scrapyd"),
    ):
        args = ["crawl", "--sources", str(sources), "--scrapyd", "http://127.0.0.1:6800", *extra]
        result = runner.invoke(cli, args)
        assert result.exit_code == 2, result.output
        assert message in result.output and len(result.output.strip().splitlines()) == 1
    result = runner.invoke(cli, ["run", "--db", "sqlite:///x.sqlite", "--scrapyd", "http://h:1"])
    assert result.exit_code == 2 and "needs a PostgreSQL --db" in result.output
    assert not (tmp_path / "x.sqlite").exists()


def test_the_egg_is_the_installed_project_with_a_content_version(tmp_path: Path) -> None:
    egg = build_egg()
    assert build_egg().data == egg.data  # same tree, same bytes
    assert egg.version.endswith(f"+{egg.digest}") and egg.stored_as == egg.version.replace(
        ".", "_"
    ).replace("+", "_")
    names = set(zipfile.ZipFile(BytesIO(egg.data)).namelist())
    assert {"scraper/spiders/lever.py", "pipelines/normalize/not_places.yaml",
            "config/vocabulary.yaml", f"{SETTINGS_MODULE}.py", "EGG-INFO/PKG-INFO"} <= names  # fmt: skip
    assert not any(
        "__pycache__" in n or n.endswith(".pyc") or n.startswith("tests/") for n in names
    )
    entry_points = zipfile.ZipFile(BytesIO(egg.data)).read("EGG-INFO/entry_points.txt")
    assert entry_points.decode() == f"[scrapy]\nsettings = {SETTINGS_MODULE}\n"


def test_a_changed_file_makes_another_version(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    from scraper import egg as egg_module

    files = egg_module.project_files()
    before = build_egg()
    changed = tmp_path / "lever.py"
    changed.write_bytes(files["scraper/spiders/lever.py"].read_bytes() + b"\n# changed\n")
    monkeypatch.setattr(
        egg_module, "project_files", lambda: {**files, "scraper/spiders/lever.py": changed}
    )
    after = build_egg()
    assert after.version.split("+")[0] == before.version.split("+")[0]
    assert after.digest != before.digest


def test_job_arguments_are_strings_as_scrapy_crawl_gets_them() -> None:
    source = {"kind": "usajobs_historic", "feed": "usajobs_historic:0675", "series": ["0675"],
              "pay": False, "max_response_mb": 8, "company": None, "enabled": True}  # fmt: skip
    assert scrapyd.job_arguments(source) == {
        "series": "0675", "pay": "false", "max_response_mb": "8",
        "feed": "usajobs_historic:0675",
    }  # fmt: skip
    with pytest.raises(ValueError, match="start_urls"):
        scrapyd.job_arguments(
            {"kind": "jsonld", "feed": "jsonld:x", "start_urls": ["http://x/a,b", "http://x/c"]}
        )
    settings = scrapyd.job_settings(PG, 7, False, {"DOWNLOAD_DELAY": 0, "USER_AGENT": "me"})
    assert settings["MRT_RUN_ID"] == "7" and settings["MRT_STORE_MIGRATED"] == "1"
    assert settings["DOWNLOAD_DELAY"] == "0" and settings["USER_AGENT"] == "me"
    assert scrapyd.job_name("workday:acme/External jobs", 12).startswith(
        "workday_acme_External_jobs-run12-"
    )


def test_mrt_deploy_writes_the_egg_and_prints_its_version(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["deploy", "--egg", str(tmp_path / "mrt.egg")])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == build_egg().version
    assert (tmp_path / "mrt.egg").read_bytes() == build_egg().data
    assert runner.invoke(cli, ["deploy"]).exit_code == 2
    result = runner.invoke(cli, ["deploy", "--scrapyd", "http://127.0.0.1:9/"])
    assert result.exit_code == 1 and "not using http://127.0.0.1:9/" in result.output


def test_least_loaded_daemon_first_among_equals() -> None:
    a, b, c = (Daemon(f"http://{n}:6800/") for n in "abc")
    assert scrapyd.least_loaded({a: 2, b: 1, c: 1}) == b
    assert scrapyd.least_loaded({a: 0, b: 0}) == a


def test_api_errors_are_one_line() -> None:
    with LocalBoard() as board:
        board.json("/listversions.json", {"status": "error", "message": "Traceback\n  boom"})
        board.route("/daemonstatus.json", Reply(200, "<html>not json</html>"))
        board.route("/listjobs.json", Reply(503, "busy"))
        board.json("/schedule.json", {"status": "ok", "jobid": "j1"})
        client = ScrapydClient(parse_daemons(board.url)[0], timeout=5)
        with pytest.raises(ScrapydError, match=r"listversions.json: boom$"):
            client.list_versions("mrt_skills")
        with pytest.raises(ScrapydError, match="not JSON"):
            client.daemon_status()
        with pytest.raises(ScrapydError, match="HTTP 503"):
            client.list_jobs("mrt_skills")
        job = client.schedule(
            "mrt_skills", "lever", job="j1", version="1", settings={"A": "1"}, arguments={}
        )
        assert job == "j1"
        port = board.url.rsplit(":", 1)[1]
    with pytest.raises(ScrapydError, match=f"127.0.0.1:{port}/daemonstatus.json"):
        ScrapydClient(Daemon(f"http://127.0.0.1:{port}/"), timeout=2).daemon_status()


@pytest.fixture
def waiting(sqlite_url: str, monkeypatch: pytest.MonkeyPatch):
    """A run with one scheduled job per outcome, and Scrapyd's answers to fill in."""
    monkeypatch.setattr(scrapyd, "POLL_SECONDS", 0)
    monkeypatch.setattr(scrapyd, "_cancel", lambda jobs: cancelled.extend(jobs))
    cancelled: list = []
    store = open_store(sqlite_url)
    run = scrapyd._Run(store, crawl_runs.start_run(store, "test"), "0.1.0+abc")
    daemon = Daemon("http://a:6800/")
    yield run, daemon, cancelled
    store.dispose()


def job(feed: str, daemon: Daemon) -> scrapyd.Job:
    return scrapyd.Job({"kind": "lever", "feed": feed}, daemon=daemon, job_id=f"{feed}-job")


def test_a_job_that_ends_without_reporting_fails_its_feed(waiting, monkeypatch) -> None:
    run, daemon, _ = waiting
    done, crashed, forgotten = job("done", daemon), job("crashed", daemon), job("gone", daemon)
    row_id, _ = crawl_runs.start_source(run.store, run.run_id, "done", "lever")
    stats = {
        "item_scraped_count": 3,
        "mrt/store/stored": 3,
        "mrt/store/new": 3,
        "downloader/request_count": 2,
        "mrt/complete": True,
        "mrt/build": "0.1.0+abc",
    }
    crawl_runs.finish_source(run.store, row_id, finish_reason="finished", items=3, stored=3,
                             complete=True, stats=stats)  # fmt: skip
    crawl_runs.start_source(run.store, run.run_id, "crashed", "lever")  # opened, never closed
    log = "/logs/mrt_skills/lever/crashed-job.log"
    states = {"done-job": ("finished", None), "crashed-job": ("finished", log)}
    monkeypatch.setattr(scrapyd, "_job_states", lambda daemons: {daemon: states})
    said: list[str] = []
    scrapyd._wait(run, [done, crashed, forgotten], deadline=1e12, say=said.append)
    assert done.result.complete and not done.result.failed and done.result.stored == 3
    assert (done.result.new, done.result.requests, done.result.items) == (3, 2, 3)
    assert crashed.result.failed and "without reporting" in crashed.result.finish_reason
    assert forgotten.result.failed and forgotten.result.finish_reason.startswith("lost")
    rows = {r["feed"]: r for r in crawl_runs.run_sources(run.store, run.run_id)}
    assert len(rows) == 3  # the crashed job's own row, finished here
    assert rows["crashed"]["stats"]["mrt/scrapyd/log_url"] == f"http://a:6800{log}"
    assert not rows["crashed"]["complete"] and rows["gone"]["errors"] == 1
    assert any(line.startswith("crashed: failed") and log in line for line in said)


def test_silent_daemons_and_the_deadline_fail_what_is_left(waiting, monkeypatch) -> None:
    run, daemon, cancelled = waiting
    other = Daemon("http://b:6800/")
    silent, slow = job("silent", daemon), job("slow", other)
    monkeypatch.setattr(scrapyd, "LOST_AFTER", 0)
    monkeypatch.setattr(
        scrapyd, "_job_states", lambda daemons: {other: {"slow-job": ("running", None)}}
    )
    scrapyd._wait(run, [silent, slow], deadline=0, say=lambda line: None)
    assert silent.result.finish_reason == "lost: the Scrapyd daemon stopped answering"
    assert slow.result.finish_reason == "timeout: cancelled" and cancelled == [slow]
    stats = {r["feed"]: r["stats"] for r in crawl_runs.run_sources(run.store, run.run_id)}
    assert stats["silent"]["mrt/scrapyd/daemon"] == "http://a:6800/"
    assert json.dumps(stats)  # stored as JSON


@pytest.mark.postgres
def test_mrt_run_crawls_through_scrapyd(postgres_url: str, tmp_path: Path, monkeypatch) -> None:
    from scraper.runner import FeedResult

    calls = []

    def fake(sources, db_url, daemons, **kwargs):
        calls.append((db_url, [str(d) for d in daemons], kwargs["timeout"]))
        lost = FeedResult("lever:acme", "lever", errors=1, finish_reason="lost: gone")
        return scrapyd.ScrapydSummary(None, [lost])

    monkeypatch.setattr(scrapyd, "crawl_on_scrapyd", fake)
    sources = tmp_path / "sources.yaml"
    sources.write_text("sources:\n  - kind: lever\n    site: acme\n")
    args = ["run", "--db", postgres_url, "--sources", str(sources), "--out", str(tmp_path),
            "--scrapyd", "http://10.0.0.5:6800,http://10.0.0.6:6800", "--scrapyd-timeout", "60"]  # fmt: skip
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert calls == [(postgres_url, ["http://10.0.0.5:6800/", "http://10.0.0.6:6800/"], 60.0)]
    assert "warning: lever:acme failed (1 error(s), finished: lost: gone)" in result.output
    assert list(tmp_path.glob("mrt-report-*.html"))
