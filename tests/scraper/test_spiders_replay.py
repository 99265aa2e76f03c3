"""Each spider against its bundled recording: what lands in the store, field by field."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import rows, run

from scraper.runner import RECORDINGS
from scraper.sources import load_sources

DEMO = {s["kind"]: s for s in load_sources(RECORDINGS / "sources.yaml")}


def crawl_kind(kind: str, db_url: str, **kwargs):
    source = {k: v for k, v in DEMO[kind].items() if k != "feed"}
    summary = run([source], db_url, replay=RECORDINGS, **kwargs)
    (feed,) = summary.feeds
    return feed, rows(db_url)


# kind -> (stored, dropped as not relevant, a title that must be there, its expected fields)
EXPECTED = {
    "greenhouse": (4, 1, "Health Information Technician I",
                   {"city": "Kearney", "state": "NE", "salary_min": 21.5, "salary_max": 28.75,
                    "salary_period": "hour", "company": "Harrowgate Valley Medical Center",
                    "date_posted": date(2026, 11, 2)}),
    "lever": (3, 1, "Inpatient Coder - Remote",
              {"remote": True, "salary_min": 62000.0, "salary_period": "year",
               "employment_type": "Full-time", "date_posted": date(2026, 11, 10)}),
    "smartrecruiters": (3, 1, "Cancer Registrar",
                        {"city": "Columbia", "state": "MO", "company": "Meridian Care Group"}),
    "ashby": (3, 0, "Clinical Documentation Integrity Specialist",
              {"state": "CO", "remote": True, "salary_min": 88000.0, "salary_max": 105000.0}),
    "workday": (3, 1, "Cancer Registrar",
                {"city": "Milwaukee", "state": "WI", "company": "Lakeshore Health",
                 "employment_type": "Full time"}),
    "usajobs": (4, 0, "Medical Records Technician (Cancer Registrar)",
                {"state": "MO", "city": "Kansas City", "salary_min": 28.15, "salary_period": "hour",
                 "valid_through": date(2026, 12, 4)}),
    "usajobs_historic": (2, 0, "Medical Records Technician",
                         {"state": "NM", "salary_min": 39576.0, "salary_period": "year",
                          "company": "Indian Health Service"}),
    "jsonld": (3, 1, "Inpatient Coder - Remote",
               {"city": "Rapid City", "state": "SD", "salary_min": 62400.0, "salary_period": "year",
                "company": "Bluestem Health"}),
}  # fmt: skip


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_replayed_feed_stores_its_postings(kind: str, db_url: str) -> None:
    stored, irrelevant, title, fields = EXPECTED[kind]
    feed, stored_rows = crawl_kind(kind, db_url)
    assert feed.complete and not feed.failed, feed
    assert feed.errors == 0
    assert (feed.stored, feed.new) == (stored, stored)
    assert feed.dropped.get("not_relevant", 0) == irrelevant
    assert len(stored_rows) == stored
    row = next(r for r in stored_rows if r["title"] == title)
    assert {k: row[k] for k in fields} == fields
    for r in stored_rows:
        assert r["source"] == kind and r["feed"] == feed.feed
        assert r["description"] and "<" not in r["description"].replace("<3", "")
        assert "&amp;" not in r["description"] and r["relevant"] is True
        assert r["content_hash"] and r["first_seen"] == r["last_seen"]


def test_keep_all_stores_irrelevant_postings_marked(sqlite_url: str) -> None:
    feed, stored_rows = crawl_kind("greenhouse", sqlite_url, keep_all=True)
    assert feed.stored == 5
    nurse = next(r for r in stored_rows if r["title"].startswith("Registered Nurse"))
    assert nurse["relevant"] is False


def test_greenhouse_content_is_unescaped_and_raw_kept(sqlite_url: str) -> None:
    _, stored_rows = crawl_kind("greenhouse", sqlite_url)
    row = next(r for r in stored_rows if r["source_id"] == "harrowgate:4100101")
    assert row["description_html"].startswith("<p>The Health Information Technician")
    assert (
        "- Performs quantitative and qualitative deficiency analysis in Epic" in row["description"]
    )
    assert "Monday–Friday" in row["description"]
    assert row["raw"]["pay_input_ranges"][0]["min_cents"] == 2150
    assert row["url"] == "https://job-boards.greenhouse.io/harrowgate/jobs/4100101"


def test_jsonld_reads_commented_and_graph_json_ld(sqlite_url: str) -> None:
    _, stored_rows = crawl_kind("jsonld", sqlite_url)
    ids = {r["source_id"] for r in stored_rows}
    # 7002 carries a comment and a trailing comma, 7003 sits in an @graph.
    assert ids == {f"careers.bluestemhealth.org:{n}" for n in (7001, 7002, 7003)}
