"""`mrt demo`'s report step writes the report of the demo store and says where."""

from __future__ import annotations

import io
from datetime import date

from demand.sample_store import fixture_rows
from rich.console import Console

from pipelines.cli.demo import DemoContext, report_step
from pipelines.store.db import open_store


def test_report_step_writes_and_prints_the_path(tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    fixture_rows().write(open_store(url)).dispose()
    buffer = io.StringIO()
    ctx = DemoContext(
        db_url=url, console=Console(file=buffer, width=200), reports_dir=tmp_path / "reports"
    )
    report_step(ctx)
    path = ctx.data["report"]
    assert path == tmp_path / "reports" / f"mrt-report-{date.today().isoformat()}.html"
    assert "n = 4 postings" in path.read_text()
    assert f"Report: {path}" in buffer.getvalue()
    assert ctx.data["report"] == path
