"""The report's formats agree with each other, escape posting text and survive an empty store."""

from __future__ import annotations

import json
import math
import re
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from pipelines.report import write_report
from pipelines.store.db import open_store
from report.conftest import HOSTILE_COMPANY, HOSTILE_SKILL, HOSTILE_TITLE
from report.htmltables import read_tables

DAY = date(2026, 4, 10)


def _number(text: str) -> float:
    return float(re.sub(r"[,$%]", "", text))


def _agrees(cell: str, value) -> bool:
    """Does an HTML cell show the CSV value (as count, share, money, date or text)?"""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return cell in ("not stated", "")
    if cell.endswith("%"):
        return abs(_number(cell) - 100 * float(value)) <= 0.051
    if cell.startswith("$"):
        return abs(_number(cell) - float(value)) <= 0.5
    if isinstance(value, (int, float)) and re.fullmatch(r"-?[\d,]+(\.\d+)?", cell):
        return _number(cell) == pytest.approx(float(value))
    return str(value).startswith(cell)  # "2026-03" for month 2026-03-01


def test_html_tables_hold_the_csv_numbers(report_store, tmp_path):
    html = write_report(report_store, tmp_path / "r.html", day=DAY).read_text()
    csv_dir = write_report(report_store, tmp_path / "csv", "csv", day=DAY)
    shown = read_tables(html)
    compared = 0
    for name, (keys, rows) in shown.items():
        if name == "accuracy":
            continue
        frame = pd.read_csv(csv_dir / f"{name}.csv", keep_default_na=False, na_values=[""])
        assert rows, name
        assert len(rows) <= len(frame), name
        for i, row in enumerate(rows):
            for key, cell in zip(keys, row, strict=True):
                value = frame.iloc[i][key]
                assert _agrees(cell, value.item() if hasattr(value, "item") else value), (
                    name,
                    i,
                    key,
                    cell,
                    value,
                )
                compared += 1
    assert {"credentials", "skills", "by_state", "pay", "weekly_trend"} <= set(shown)
    assert compared > 300


def test_posting_text_is_escaped_everywhere(report_store, tmp_path):
    html = write_report(report_store, tmp_path / "r.html", day=DAY).read_text()
    for raw in (HOSTILE_TITLE, HOSTILE_COMPANY, HOSTILE_SKILL):
        assert raw not in html
    assert "<script" not in html.lower()
    assert "onerror=" not in html.replace("onerror=&#34;", "").replace("onerror=&quot;", "")
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Coder" in html
    assert "Evil &amp; Co &lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html
    assert "&lt;svg onload=alert(2)&gt;" in html  # the skill, in the table and the chart
    markdown = write_report(report_store, tmp_path / "r.md", "markdown", day=DAY).read_text()
    assert "<script" not in markdown and "&lt;script&gt;" in markdown


def test_html_is_self_contained(report_store, tmp_path):
    html = write_report(report_store, tmp_path / "r.html", day=DAY).read_text()
    assert not re.search(r"<(script|link|iframe|img)\b", html, re.I)
    urls = set(re.findall(r"https?://[^\s\"'<>]+", html))
    assert urls <= {"http://www.w3.org/2000/svg"}  # the SVG namespace, never fetched
    assert html.count("<svg") >= 7


def test_json_has_the_issue_shape_and_the_csv_numbers(report_store, tmp_path):
    payload = json.loads(
        write_report(report_store, tmp_path / "r.json", "json", day=DAY).read_text()
    )
    assert payload["postings"] == 5
    for key in ("credentials", "skills"):
        for item in payload[key]:
            assert {"id", "postings", "required_share", "preferred_share", "share"} <= set(item)
            assert 0 <= item["required_share"] + item["preferred_share"] <= item["share"] + 1e-9
    rhit = next(c for c in payload["credentials"] if c["id"] == "RHIT")
    assert rhit == {
        **rhit,
        "postings": 3,
        "share": 0.75,
        "required_share": 0.5,
        "preferred_share": 0.25,
        "denominator": 4,
    }
    assert payload["by_state"] == [
        {"state": "OK", "postings": 2, "remote": 0, "share": 0.4, "denominator": 5},
        {"state": "KS", "postings": 1, "remote": 0, "share": 0.2, "denominator": 5},
        {"state": "TX", "postings": 1, "remote": 0, "share": 0.2, "denominator": 5},
        {"state": None, "postings": 1, "remote": 1, "share": 0.2, "denominator": 5},
    ]
    csv_dir = write_report(report_store, tmp_path / "csv", "csv", day=DAY)
    for name, records in payload["tables"].items():
        frame = pd.read_csv(csv_dir / f"{name}.csv", keep_default_na=False, na_values=[""])
        from_json = pd.DataFrame.from_records(records, columns=list(frame.columns))
        pd.testing.assert_frame_equal(
            from_json.astype(frame.dtypes.to_dict()), frame, check_dtype=False, obj=name
        )


def test_csv_zip_and_parquet_hold_the_same_tables(report_store, tmp_path):
    csv_dir = write_report(report_store, tmp_path / "csv", "csv", day=DAY)
    zipped = write_report(report_store, tmp_path / "tables.zip", "csv", day=DAY)
    parquet_dir = write_report(report_store, tmp_path / "pq", "parquet", day=DAY)
    names = sorted(p.stem for p in csv_dir.glob("*.csv"))
    assert "credentials" in names and len(names) >= 15
    with zipfile.ZipFile(zipped) as archive:
        assert sorted(Path(n).stem for n in archive.namelist()) == names
        assert archive.read("credentials.csv") == (csv_dir / "credentials.csv").read_bytes()
    for name in names:
        csv = pd.read_csv(csv_dir / f"{name}.csv")
        parquet = pd.read_parquet(parquet_dir / f"{name}.parquet")
        assert list(parquet.columns) == list(csv.columns), name
        assert len(parquet) == len(csv), name
    pq = pd.read_parquet(parquet_dir / "credentials.parquet")
    assert pq.set_index("id").loc["RHIT", "postings"] == 3


def test_an_empty_store_gives_a_report_that_says_so(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    html = write_report(store, tmp_path / "e.html", day=DAY).read_text()
    assert 'data-empty="true"' in html and "No postings to report" in html
    payload = json.loads(write_report(store, tmp_path / "e.json", "json", day=DAY).read_text())
    assert payload["postings"] == 0 and payload["credentials"] == [] and payload["by_state"] == []
    assert (
        "No postings to report"
        in write_report(store, tmp_path / "e.md", "markdown", day=DAY).read_text()
    )
    assert (write_report(store, tmp_path / "csv", "csv", day=DAY) / "credentials.csv").exists()
    store.dispose()


def test_methodology_shows_the_measured_accuracy(report_store, tmp_path):
    missing = write_report(
        report_store, tmp_path / "a.html", day=DAY, accuracy_path=tmp_path / "none.json"
    ).read_text()
    assert 'data-accuracy="not measured"' in missing
    accuracy = tmp_path / "accuracy.json"
    accuracy.write_text(
        json.dumps(
            {
                "measured_on": "2026-11-20",
                "dev": {
                    "postings": 12,
                    "credentials": {"f1": 0.9312, "tp": 30, "fn": 2},
                    "relevance": {"accuracy": 1.0, "n": 12},
                },
                "own": {"postings": 40, "credentials": {"f1": 0.9, "tp": 90, "fn": 10}},
            }
        )
    )
    html = write_report(report_store, tmp_path / "b.html", day=DAY, accuracy_path=accuracy)
    keys, rows = read_tables(html.read_text())["accuracy"]
    assert rows == [
        ["postings", "12", "40"],
        ["credentials", "F1 0.931 (n=32)", "F1 0.900 (n=100)"],
        ["relevance", "accuracy 1.000 (n=12)", ""],
    ]
    assert "measured 2026-11-20" in html.read_text()
    payload = json.loads(
        write_report(
            report_store, tmp_path / "b.json", "json", day=DAY, accuracy_path=accuracy
        ).read_text()
    )
    assert payload["methodology"]["extractor_accuracy"]["own"]["credentials"]["f1"] == 0.9


def test_filters_reach_the_report(report_store, tmp_path):
    payload = json.loads(
        write_report(report_store, tmp_path / "r.json", "json", day=DAY, state="TX").read_text()
    )
    assert payload["postings"] == 1
    assert payload["filters"] == "state TX"
    assert [c["id"] for c in payload["credentials"]] == ["CCS", "CPC"]


def test_at_a_glance_reads_the_same_tables(report_store, tmp_path):
    md = write_report(report_store, tmp_path / "r.md", "markdown", day=DAY).read_text()
    glance = md.split("## At a glance")[1].split("## ")[0]
    # RHIT: 3 of the 4 extracted postings, 2 of them as a requirement.
    assert "- RHIT (" in glance and "75.0% of 4 postings, 50.0% as a requirement" in glance
    assert "25.0% of postings accept either RHIA or RHIT." in glance
    assert "Median advertised hourly pay $20.00 (2 postings state hourly pay)." in glance
    html = write_report(report_store, tmp_path / "r.html", day=DAY).read_text()
    assert "75.0% of 4 postings, 50.0% as a requirement" in html


def test_a_store_not_yet_extracted_says_so(tmp_path):
    from demand.builder import StoreBuilder

    builder = StoreBuilder()
    builder.posting(extract=False, salary_min=20.0, salary_max=24.0, salary_period="hour")
    store = builder.write(open_store(f"sqlite:///{tmp_path / 'raw.sqlite'}"))
    html = write_report(store, tmp_path / "raw.html", day=DAY).read_text()
    store.dispose()
    assert 'data-not-extracted="true"' in html
    assert read_tables(html)["pay"][1][0][:2] == ["hour", "1"]


def test_every_database_gives_the_same_report(store, report_store, tmp_path):
    """The same rows in PostgreSQL (and a fresh SQLite file) give the same JSON tables."""
    from report.conftest import report_rows

    report_rows().write(store)
    here = json.loads(write_report(store, tmp_path / "a.json", "json", day=DAY).read_text())
    reference = json.loads(
        write_report(report_store, tmp_path / "b.json", "json", day=DAY).read_text()
    )
    assert here["tables"] == reference["tables"]
    assert here["postings"] == reference["postings"] == 5
