"""`mrt demo` crawls every bundled recording into a fresh store and shows the postings."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pipelines.cli import cli
from pipelines.cli.demo import STEPS, crawl_step
from pipelines.store.db import open_store
from pipelines.store.postings import query_postings


def test_demo_stores_every_source_kind(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    result = CliRunner().invoke(cli, ["demo", "--db", db])
    assert result.exit_code == 0, result.output
    assert "Stored postings (25)" in result.output
    store = open_store(db)
    rows = query_postings(store)
    store.dispose()
    kinds = {r["source"] for r in rows}
    assert kinds == {"greenhouse", "lever", "smartrecruiters", "ashby", "workday", "usajobs",
                     "usajobs_historic", "jsonld"}  # fmt: skip
    assert len({r["state"] for r in rows}) >= 10
    # Running it again is idempotent.
    again = CliRunner().invoke(cli, ["demo", "--db", db])
    assert again.exit_code == 0 and "Stored postings (25)" in again.output


def test_crawl_is_the_first_step() -> None:
    assert STEPS[0] is crawl_step
