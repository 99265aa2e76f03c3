"""`mrt crawl -s NAME=VALUE` and `mrt run -s` reach every feed's Scrapy settings, as
`scrapy crawl -s` does: text values read by Scrapy's typed getters, above a source's own."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml
from click.testing import CliRunner
from localboard import LocalBoard, Reply, greenhouse_job

from pipelines.cli import cli
from pipelines.store import crawl_runs
from pipelines.store.db import open_store
from scraper.runner import RECORDINGS

CODER = "<p>Assign ICD-10-CM codes.</p>"


def feed_stats(db: str) -> dict[str, dict]:
    """The Scrapy stats of each feed of the store's last run."""
    store = open_store(db)
    with store.engine.connect() as conn:
        run_id = conn.exec_driver_sql("SELECT max(id) FROM crawl_runs").scalar()
    found = {r["feed"]: r["stats"] for r in crawl_runs.run_sources(store, run_id)}
    store.dispose()
    return found


def test_s_overrides_reach_the_crawler_settings(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'mrt.sqlite'}"
    sources = tmp_path / "sources.yaml"
    with LocalBoard() as board:
        board.route("/robots.txt", Reply(body="User-agent: *\nDisallow: /\n"))
        board.json("/v1/boards/acme/jobs?content=true",
                   {"jobs": [greenhouse_job("acme", 1, "Medical Coder", CODER)]})  # fmt: skip
        board.json("/v1/boards/acme/jobs/1?pay_transparency=true", {"id": 1})
        sources.write_text(yaml.safe_dump([{"kind": "greenhouse", "board": "acme",
                                            "api_url": board.url, "download_delay": 30}]))  # fmt: skip
        args = ["crawl", "--sources", str(sources), "--db", db, "-s", "ROBOTSTXT_OBEY=False",
                "-s", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=false",
                "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=3"]  # fmt: skip
        first = CliRunner().invoke(cli, args)
        assert first.exit_code == 0, first.output
        assert board.hits["/robots.txt"] == 0  # it would forbid everything
        stats = feed_stats(db)["greenhouse:acme"]
        assert stats["mrt/politeness/download_delay"] == 0.0  # "0" above the source's 30
        assert stats["mrt/politeness/concurrency"] == 3
        again = CliRunner().invoke(cli, [*args, "-s", "MRT_INCREMENTAL=false"])
        assert again.exit_code == 0, again.output
        assert board.hits["/v1/boards/acme/jobs/1?pay_transparency=true"] == 2  # asked again


def test_a_malformed_s_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["crawl", "-s", "DOWNLOAD_DELAY", "--db",
                                      f"sqlite:///{tmp_path / 'x.sqlite'}"])  # fmt: skip
    assert result.exit_code == 2
    assert "'DOWNLOAD_DELAY' is not NAME=VALUE" in result.output


def test_mrt_run_passes_s_to_the_crawl(tmp_path: Path) -> None:
    entries = yaml.safe_load((RECORDINGS / "sources.yaml").read_text())["sources"][:1]
    sources = tmp_path / "sources.yaml"
    sources.write_text(yaml.safe_dump({"sources": entries}))
    db = f"sqlite:///{tmp_path / 'run.sqlite'}"
    result = CliRunner().invoke(cli, [
        "run", "--db", db, "--sources", str(sources), "--replay", str(RECORDINGS),
        "--out", str(tmp_path / "out"), "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=5",
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / f"mrt-report-{date.today().isoformat()}.json").exists()
    assert feed_stats(db)["greenhouse:harrowgate"]["mrt/politeness/concurrency"] == 5
