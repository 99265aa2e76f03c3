"""JSON-LD as career sites serve it (extruct, json5 as the fallback), microdata postings,
and the bounds on what one page may make the reader walk."""

from __future__ import annotations

import json
import time

import pytest
from helpers import rows, run
from localboard import LocalBoard, Reply

from scraper.jsonld import MAX_BLOCKS, MAX_NODES, job_postings_in_html, parse_json_ld

pytestmark = pytest.mark.timeout(60)


def page(*blocks: str, kind: str = "application/ld+json") -> str:
    scripts = "".join(f'<script type="{kind}">{b}</script>' for b in blocks)
    return f"<!doctype html><html><head>{scripts}</head><body><h1>Jobs</h1></body></html>"


SERVED = {
    # What broke the hand-written repairer: a comment after a value on the same line.
    "comment after a value": '{"@type": "JobPosting", "title": "Coder", // shown as H1\n'
    ' "url": "https://jobs.example.org/a//b"}',
    "comment before the brace": '{"@type": "JobPosting", "title": "Coder" // last\n}',
    "block comment and trailing commas": '{"@type": "JobPosting", /* x */ "title": "Coder",'
    ' "employmentType": ["FULL_TIME",],}',
    "single quotes": "{'@type': 'JobPosting', 'title': 'Coder'}",
    "unquoted keys": '{"@type": "JobPosting", title: "Coder", identifier: 7}',
    "raw control character": '{"@type": "JobPosting", "title": "Coder\x01", "x": 1,}',
    "wrapped in an HTML comment": '<!--\n{"@type": "JobPosting", "title": "Coder"}\n-->',
}


@pytest.mark.parametrize("block", SERVED.values(), ids=SERVED.keys())
def test_job_postings_are_read_as_sites_serve_them(block: str) -> None:
    found, broken = job_postings_in_html(page(block))
    assert broken == 0
    assert [p["title"].strip("\x01") for p in found] == ["Coder"]


def test_any_spelling_of_the_type_and_several_values_in_one_block() -> None:
    found, broken = job_postings_in_html(
        page('{"@type": "JobPosting", "title": "A"}', kind="application/LD+JSON; charset=utf-8")
        + page('{"@type": "JobPosting", "title": "B"}\n{"@type": "JobPosting", "title": "C"}')
    )
    assert [p["title"] for p in found] == ["A", "B", "C"] and broken == 0


def test_unreadable_blocks_are_counted_and_the_rest_read() -> None:
    found, broken = job_postings_in_html(
        page(
            '{"@type": "JobPosting", "title": ',
            "[" * 50_000 + "]" * 50_000,
            '{"@type": "JobPosting", "title": "Kept"}',
        )  # fmt: skip
    )
    assert [p["title"] for p in found] == ["Kept"] and broken == 2
    assert job_postings_in_html("") == ([], 0)
    assert parse_json_ld("{'a': 1, // c\n}") == [{"a": 1}]


def test_microdata_postings_are_read_when_the_page_has_no_json_ld_posting() -> None:
    html = """<html><body><div itemscope itemtype="https://schema.org/JobPosting">
      <h1 itemprop="title">Medical Records Clerk</h1>
      <span itemprop="hiringOrganization" itemscope itemtype="https://schema.org/Organization">
        <span itemprop="name">Prairie Clinic</span></span>
      <div itemprop="jobLocation" itemscope itemtype="https://schema.org/Place">
        <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
          <span itemprop="addressLocality">Enid</span> <span itemprop="addressRegion">OK</span>
        </div></div>
      <div itemprop="description"><p>Scan and index records. RHIT preferred.</p></div>
    </div></body></html>"""
    (posting,) = job_postings_in_html(html)[0]
    assert posting["title"] == "Medical Records Clerk"
    assert posting["hiringOrganization"]["name"] == "Prairie Clinic"
    assert posting["jobLocation"]["address"]["addressLocality"] == "Enid"
    both = html.replace("<body>", page('{"@type": "JobPosting", "title": "From JSON-LD"}'))
    assert [p["title"] for p in job_postings_in_html(both)[0]] == ["From JSON-LD"]


def test_a_page_cannot_make_the_reader_walk_without_bound() -> None:
    blocks = [json.dumps({"@type": "JobPosting", "title": f"T{n}"}) for n in range(MAX_BLOCKS + 7)]
    found, broken = job_postings_in_html(page(*blocks))
    assert len(found) == MAX_BLOCKS and broken == 7  # the blocks past the cap are not read
    wide = json.dumps({"@graph": [{"@type": "Thing"}] * (MAX_NODES * 3)
                      + [{"@type": "JobPosting", "title": "Too far"}]})  # fmt: skip
    started = time.monotonic()
    assert job_postings_in_html(page(wide))[0] == []
    huge_single_quoted = "{'@type': 'JobPosting', 'title': '" + "x" * 3_000_000 + "'}"
    assert job_postings_in_html(page(huge_single_quoted)) == ([], 1)  # json5 is not tried
    assert time.monotonic() - started < 10


def test_a_posting_with_a_trailing_comment_is_stored_by_the_crawl(sqlite_url: str) -> None:
    posting = (
        '{"@context": "https://schema.org", "@type": "JobPosting",\n'
        ' "title": "Health Information Technician", // as on the page heading\n'
        ' "identifier": "HIT-3", "datePosted": "2026-11-20",\n'
        ' "description": "<p>RHIT required. Abstract charts and release records.</p>",\n'
        ' "jobLocation": {"@type": "Place", "address": {"addressLocality": "Lawton",\n'
        '   "addressRegion": "OK"}}, // one place\n'
        "}"
    )
    with LocalBoard() as board:
        board.route("/careers/hit-3", Reply(body=page(posting),
                                            headers={"Content-Type": "text/html"}))  # fmt: skip
        summary = run([{"kind": "jsonld", "start_urls": [f"{board.url}/careers/hit-3"]}],
                      sqlite_url, settings={"DOWNLOAD_DELAY": 0})  # fmt: skip
    (feed,) = summary.feeds
    assert feed.stored == 1 and feed.complete
    (row,) = rows(sqlite_url)
    assert (row["title"], row["city"], row["state"]) == ("Health Information Technician",
                                                         "Lawton", "OK")  # fmt: skip
