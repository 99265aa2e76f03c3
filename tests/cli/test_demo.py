"""`mrt demo` runs the whole pipeline offline: crawl, extract, match, report."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pipelines.cli import cli
from pipelines.cli.demo import STEPS, crawl_step, extract_step, match_step, report_step
from pipelines.store.db import open_store
from pipelines.store.postings import query_postings


def test_demo_stores_every_source_kind(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # the report goes to ./reports
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
    # Every posting was extracted, the top requirements shown, the sample resume matched
    # and the report written where the output says.
    assert "Extracted 25 postings (25 in the job family)" in result.output
    assert "Top credentials" in result.output and "RHIT" in result.output
    assert "Market fit" in result.output
    report = tmp_path / "reports"
    assert [p.suffix for p in report.iterdir()] == [".html"]
    assert f"Report: reports/{next(report.iterdir()).name}" in result.output
    # Running it again is idempotent: nothing new to store or extract.
    again = CliRunner().invoke(cli, ["demo", "--db", db])
    assert again.exit_code == 0 and "Stored postings (25)" in again.output
    assert "Extracted 0 postings" in again.output and "25 unchanged" in again.output


def test_steps_run_in_pipeline_order() -> None:
    assert STEPS[0] is crawl_step
    assert STEPS.index(extract_step) < STEPS.index(match_step) < STEPS.index(report_step)
