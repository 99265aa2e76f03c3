"""Pay stated only in a posting's text is used where structured pay is missing, and marked."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd

from pipelines.report import write_report
from pipelines.report.methodology import PAY_METHOD
from report.htmltables import read_tables

DAY = date(2026, 4, 10)


def test_pay_tables_count_pay_read_from_text(report_store, tmp_path):
    # The fixture's P2 (yearly, CCS and CPC) states its pay only in the text; P1 and P6
    # have structured hourly pay (P1's extracted figure is ignored).
    keys, rows = read_tables(write_report(report_store, tmp_path / "r.html", day=DAY).read_text())[
        "pay"
    ]
    by_period = {row[0]: dict(zip(keys, row, strict=True)) for row in rows}
    assert by_period["year"]["postings"] == "1" and by_period["year"]["from_text"] == "1"
    assert by_period["hour"]["postings"] == "2" and by_period["hour"]["from_text"] == "0"
    csv_dir = write_report(report_store, tmp_path / "csv", "csv", day=DAY)
    pay = pd.read_csv(csv_dir / "pay.csv").set_index("period")
    assert pay.loc["year", "from_text"] == 1 and pay.loc["hour", "from_text"] == 0
    by_credential = pd.read_csv(csv_dir / "pay_by_credential.csv").set_index("id")
    assert (
        by_credential.loc["CCS", "from_text"] == 1 and by_credential.loc["RHIT", "from_text"] == 0
    )


def test_every_format_says_where_pay_comes_from(report_store, tmp_path):
    html = write_report(report_store, tmp_path / "r.html", day=DAY).read_text()
    assert "Of which pay from text" in html
    assert "description, the figure the extractor read from the text is used" in html
    markdown = write_report(report_store, tmp_path / "r.md", "markdown", day=DAY).read_text()
    assert f"- Pay: {PAY_METHOD}" in markdown
    glance = (
        "Median advertised yearly pay $50,000 (1 postings state yearly pay, 1 of them only "
        "in the text)."
    )
    assert glance in markdown
    payload = json.loads(
        write_report(report_store, tmp_path / "r.json", "json", day=DAY).read_text()
    )
    assert payload["methodology"]["pay"] == PAY_METHOD
    assert {r["period"]: r["from_text"] for r in payload["tables"]["pay"]} == {"hour": 0, "year": 1}
