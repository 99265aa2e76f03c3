"""Every format renders whatever the data: empty tables, one posting, nothing extracted..."""

from __future__ import annotations

import json
from datetime import date

from demand.generate import generated
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.demand import DemandFilters, DemandTables, compute_tables
from pipelines.report import ReportData, render_text
from pipelines.report.methodology import Methodology
from pipelines.report.names import Names
from report.htmltables import read_tables


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(0, 12))
def test_every_format_renders_generated_data(seed: int, n: int):
    postings, reqs = generated(seed, n)
    tables = DemandTables(DemandFilters(), compute_tables(postings, reqs))
    data = ReportData(tables, Names(), Methodology(), date(2026, 4, 10))
    html = render_text(data, "html")
    shown = read_tables(html)
    if tables.n:
        assert int(shown["sample"][1][0][0].replace(",", "")) == tables.n
    else:
        assert 'data-empty="true"' in html
    assert json.loads(render_text(data, "json"))["postings"] == tables.n
    assert f"n = {tables.n:,} postings" in render_text(data, "markdown")
