"""`mrt run` on the bundled recordings: crawl -> extract -> dated HTML + JSON report."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import yaml
from click.testing import CliRunner

from pipelines.cli import cli
from scraper.runner import RECORDINGS

EDGE = Path(__file__).resolve().parents[1] / "fixtures" / "cassettes" / "edge"


def run(tmp_path: Path, sources: Path, name: str, replay: Path = RECORDINGS):
    db = f"sqlite:///{tmp_path / f'{name}.sqlite'}"
    out = tmp_path / name
    result = CliRunner().invoke(
        cli,
        ["run", "--db", db, "--sources", str(sources), "--replay", str(replay), "--out", str(out)],
    )
    return result, out / f"mrt-report-{date.today().isoformat()}"


def test_run_crawls_extracts_and_writes_a_dated_report(tmp_path):
    result, stem = run(tmp_path, RECORDINGS / "sources.yaml", "all")
    assert result.exit_code == 0, result.output
    html, js = stem.with_suffix(".html"), stem.with_suffix(".json")
    assert str(html) in result.output and str(js) in result.output
    payload = json.loads(js.read_text())
    assert payload["postings"] == 25 and payload["sample"]["extracted"] == 25
    assert payload["sample"]["sources"] == 8
    rhit = next(c for c in payload["credentials"] if c["id"] == "RHIT")
    assert 0 < rhit["required_share"] <= rhit["share"] <= 1
    assert "Crawl runs" in html.read_text()


def test_a_failed_source_still_reports_and_exits_1(tmp_path):
    sources = yaml.safe_load((RECORDINGS / "sources.yaml").read_text())["sources"][:1]
    sources.append({"kind": "greenhouse", "board": "no-such-board"})
    path = tmp_path / "sources.yaml"
    path.write_text(yaml.safe_dump({"sources": sources}))
    result, stem = run(tmp_path, path, "bad")
    assert result.exit_code == 1, result.output
    assert "greenhouse:no-such-board failed" in result.output
    payload = json.loads(stem.with_suffix(".json").read_text())
    assert payload["postings"] == 4  # the good feed's postings, extracted and reported


def test_a_source_returning_nothing_exits_1_and_still_reports(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text(yaml.safe_dump({"sources": [{"kind": "greenhouse", "board": "emptyboard"}]}))
    result, stem = run(tmp_path, path, "empty", replay=EDGE)
    assert result.exit_code == 1, result.output
    assert "warning: greenhouse:emptyboard returned nothing" in result.output
    payload = json.loads(stem.with_suffix(".json").read_text())
    assert payload["postings"] == 0  # a report that says so, for the cron mail to link


def test_an_unreadable_sources_file_is_one_line(tmp_path):
    result = CliRunner().invoke(
        cli,
        [
            "run",
            "--db",
            f"sqlite:///{tmp_path / 'x.sqlite'}",
            "--sources",
            str(tmp_path / "missing.yaml"),
        ],
    )
    assert result.exit_code == 2
    assert "cannot read sources" in result.output
