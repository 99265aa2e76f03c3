"""`mrt demo`'s match step matches the bundled sample resume against whatever the store holds."""

from __future__ import annotations

import io

from rich.console import Console

from pipelines.cli.demo import DemoContext as Ctx
from pipelines.cli.demo import match_step
from pipelines.flow import SAMPLE_RESUME
from pipelines.store import open_store


def test_match_step_prints_the_sample_result(market_store):
    store, _ids = market_store
    out = io.StringIO()
    ctx = Ctx(store.url, Console(file=out, width=160))
    match_step(ctx)
    text = out.getvalue()
    assert (
        SAMPLE_RESUME.name in text
        and "Market fit" in text
        and "mrt match path/to/resume.pdf" in text
    )
    # the sample (RHIT, CCS in progress, associate, 3.7 years) qualifies for P1, P2, P3,
    # P5 (CCS within 12 months) and P8
    assert ctx.data["match"]["postings_considered"] == 8
    assert ctx.data["match"]["qualified_share"] == 0.625


def test_match_step_on_an_empty_store(sqlite_url):
    open_store(sqlite_url).dispose()
    out = io.StringIO()
    ctx = Ctx(sqlite_url, Console(file=out, width=160))
    match_step(ctx)
    assert "No current extracted postings" in out.getvalue()
    assert ctx.data["match"]["postings_considered"] == 0
