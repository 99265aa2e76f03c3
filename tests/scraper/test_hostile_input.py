"""Hostile sources on loopback servers: local-file URLs, offsite redirects, robots.txt
refusals, oversized and gzip-bomb bodies, malformed records. Each one is refused or
skipped, counted, and the rest of the feed is stored."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from helpers import rows, run
from localboard import LocalBoard, Reply, greenhouse_job, lever_posting

from pipelines.store import crawl_runs
from pipelines.store.db import open_store

pytestmark = pytest.mark.timeout(60)

FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False}
CODER = "<p>Assign ICD-10-CM and CPT codes.</p><ul><li>CPC or CCS required</li></ul>"
JSON = {"Content-Type": "application/json"}


def recorded_stats(db_url: str, run_id: int | None) -> dict[str, dict[str, Any]]:
    store = open_store(db_url)
    try:
        return {r["feed"]: r["stats"] for r in crawl_runs.run_sources(store, run_id)}
    finally:
        store.dispose()


def job_page(title: str, ident: str) -> str:
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": title,
        "identifier": ident,
        "description": "<p>RHIT required. Release of information and chart analysis.</p>",
        "jobLocation": {"address": {"addressLocality": "Tulsa", "addressRegion": "OK"}},
    }
    return f'<html><script type="application/ld+json">{json.dumps(posting)}</script></html>'


def sitemap(*locs: str) -> str:
    entries = "".join(f"<url><loc>{loc}</loc></url>" for loc in locs)
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'


def html(board: LocalBoard, path: str, body: str) -> None:
    board.route(path, Reply(body=body, headers={"Content-Type": "text/html"}))


def xml(board: LocalBoard, path: str, body: str) -> None:
    board.route(path, Reply(body=body, headers={"Content-Type": "application/xml"}))


def test_sitemap_links_to_local_files_and_other_schemes_are_never_fetched(
    sqlite_url: str, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text(job_page("Medical Records Technician (from a local file)", "secret"))
    with LocalBoard() as board:
        xml(board, "/sitemap.xml", sitemap(
            f"file://{secret}",
            "ftp://127.0.0.1/jobs/1",
            "data:text/html," + job_page("Medical Records Technician (data URL)", "data"),
            "mailto:jobs@example.org",
            f"{board.url}/jobs/1",
        ))  # fmt: skip
        html(board, "/jobs/1", job_page("Medical Records Technician", "1"))
        summary = run([{"kind": "jsonld", "sitemap": f"{board.url}/sitemap.xml"}], sqlite_url,
                      settings=FAST)  # fmt: skip
    (feed,) = summary.feeds
    assert [r["title"] for r in rows(sqlite_url)] == ["Medical Records Technician"]
    assert feed.complete and not feed.failed and feed.errors == 0
    stats = recorded_stats(sqlite_url, summary.run_id)[feed.feed]
    assert stats["mrt/url/refused_scheme"] == 4


def test_a_sitemap_index_pointing_at_a_local_file_reads_nothing(sqlite_url: str) -> None:
    with LocalBoard() as board:
        index = (
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            "<sitemap><loc>file:///etc/passwd</loc></sitemap>"
            f"<sitemap><loc>{board.url}/jobs.xml</loc></sitemap></sitemapindex>"
        )
        xml(board, "/index.xml", index)
        xml(board, "/jobs.xml", sitemap(f"{board.url}/jobs/7"))
        html(board, "/jobs/7", job_page("Medical Coder", "7"))
        summary = run([{"kind": "jsonld", "sitemap": f"{board.url}/index.xml"}], sqlite_url,
                      settings=FAST)  # fmt: skip
    (feed,) = summary.feeds
    assert feed.stored == 1 and feed.complete
    assert recorded_stats(sqlite_url, summary.run_id)[feed.feed]["mrt/url/refused_scheme"] == 1


def test_entries_that_skip_validation_are_still_refused_by_the_middleware(
    sqlite_url: str, tmp_path: Path
) -> None:
    """`scrapy crawl jsonld -a sitemap=file://...` never passes sources.py: the spider's
    link check and the downloader middleware refuse it there."""
    from scraper.runner import crawl

    secret = tmp_path / "secret.html"
    secret.write_text(job_page("Medical Records Technician", "secret"))
    entry = {"kind": "jsonld", "start_urls": [f"file://{secret}"], "feed": "jsonld:local"}
    summary = crawl([entry], sqlite_url, settings=FAST)
    (feed,) = summary.feeds
    assert feed.requests == 0 and feed.stored == 0 and rows(sqlite_url) == []
    assert recorded_stats(sqlite_url, summary.run_id)["jsonld:local"]["mrt/url/refused_scheme"] == 1


def serve_moved_board(board: LocalBoard, elsewhere: str) -> None:
    """A Greenhouse board that moved to another host (the same server, named differently)."""
    jobs = [greenhouse_job("moved", n, "Medical Coder", CODER) for n in (1, 2)]
    board.route("/v1/boards/moved/jobs", Reply(302, headers={
        "Location": f"{elsewhere}/v1/boards/elsewhere/jobs?content=true"}))  # fmt: skip
    board.json("/v1/boards/elsewhere/jobs?content=true", {"jobs": jobs})


def test_a_redirect_to_another_host_is_refused_unless_the_entry_allows_it(
    tmp_path: Path,
) -> None:
    with LocalBoard() as board:
        elsewhere = board.url.replace("127.0.0.1", "localhost")
        serve_moved_board(board, elsewhere)
        entry = {"kind": "greenhouse", "board": "moved", "api_url": board.url, "pay": False}

        refused_db = f"sqlite:///{tmp_path / 'refused.sqlite'}"
        refused = run([entry], refused_db, settings=FAST)
        assert board.hits["/v1/boards/elsewhere/jobs?content=true"] == 0
        assert board.hits["/robots.txt"] == 1  # the other host was not even asked for it

        allowed_db = f"sqlite:///{tmp_path / 'allowed.sqlite'}"
        allowed = run([{**entry, "allow_redirect_hosts": ["localhost"]}], allowed_db,
                      settings=FAST)  # fmt: skip
        assert board.hits["/v1/boards/elsewhere/jobs?content=true"] == 1
    (feed,) = refused.feeds
    assert feed.stored == 0 and feed.errors == 0 and feed.failed  # nothing came back
    stats = recorded_stats(refused_db, refused.run_id)["greenhouse:moved"]
    assert stats["mrt/redirect/offsite_refused"] == 1
    (feed,) = allowed.feeds
    assert feed.stored == 2 and feed.complete


def test_a_page_redirected_offsite_is_skipped_and_a_same_host_redirect_followed(
    sqlite_url: str,
) -> None:
    with LocalBoard() as board:
        elsewhere = board.url.replace("127.0.0.1", "localhost")
        xml(board, "/sitemap.xml", sitemap(*(f"{board.url}/jobs/{n}" for n in (1, 2, 3))))
        html(board, "/jobs/1", job_page("Medical Records Technician", "1"))
        board.route("/jobs/2", Reply(301, headers={"Location": "/jobs/2b"}))
        html(board, "/jobs/2b", job_page("Medical Coder", "2"))
        board.route("/jobs/3", Reply(302, headers={"Location": f"{elsewhere}/jobs/3"}))
        summary = run([{"kind": "jsonld", "sitemap": f"{board.url}/sitemap.xml"}], sqlite_url,
                      settings=FAST)  # fmt: skip
        assert board.hits["/jobs/3"] == 1  # requested once, through 127.0.0.1 only
    (feed,) = summary.feeds
    assert feed.stored == 2 and feed.complete and feed.errors == 0
    assert (
        recorded_stats(sqlite_url, summary.run_id)[feed.feed]["mrt/redirect/offsite_refused"] == 1
    )


def test_urls_robots_txt_forbids_are_counted_and_the_feed_stays_complete(sqlite_url: str) -> None:
    with LocalBoard() as board:
        board.route("/robots.txt", Reply(body="User-agent: *\nDisallow: /private/\n"))
        xml(board, "/sitemap.xml", sitemap(f"{board.url}/jobs/1", f"{board.url}/private/2"))
        html(board, "/jobs/1", job_page("Medical Records Technician", "1"))
        html(board, "/private/2", job_page("Medical Coder", "2"))
        summary = run([{"kind": "jsonld", "sitemap": f"{board.url}/sitemap.xml"}], sqlite_url,
                      settings=FAST)  # fmt: skip
        assert board.hits["/private/2"] == 0
    (feed,) = summary.feeds
    assert feed.stored == 1 and feed.errors == 0
    assert feed.complete and not feed.failed and not summary.failed_feeds
    assert recorded_stats(sqlite_url, summary.run_id)[feed.feed]["robotstxt/forbidden"] == 1


def gzip_bomb(compressed_mb: int = 3) -> bytes:
    """About ``compressed_mb`` MB of gzip that inflates ~1000-fold: one member holding
    10 MB of zeros, repeated (gzip readers join concatenated members)."""
    member = gzip.compress(b"\0" * (10 * 1024 * 1024), compresslevel=9)
    return member * (compressed_mb * 1024 * 1024 // len(member))


def test_a_gzip_bomb_is_cut_off_at_the_cap_and_the_feed_marked_incomplete(sqlite_url: str) -> None:
    bomb = gzip_bomb()
    assert 2_500_000 < len(bomb) < 3_500_000
    with LocalBoard() as board:
        board.route("/v1/boards/bomb/jobs?content=true",
                    Reply(body=bomb, headers={**JSON, "Content-Encoding": "gzip"}))  # fmt: skip
        board.json("/v0/postings/calm?mode=json&skip=0&limit=100",
                   [lever_posting("l-1", "Medical Coder", CODER)])  # fmt: skip
        summary = run([{"kind": "greenhouse", "board": "bomb", "api_url": board.url},
                       {"kind": "lever", "site": "calm", "api_url": board.url}],
                      sqlite_url, settings=FAST)  # fmt: skip
    feeds = {f.feed: f for f in summary.feeds}
    bombed = feeds["greenhouse:bomb"]
    assert bombed.errors == 1 and not bombed.complete and bombed.failed
    assert feeds["lever:calm"].complete and feeds["lever:calm"].stored == 1
    stats = recorded_stats(sqlite_url, summary.run_id)["greenhouse:bomb"]
    assert stats["mrt/response/too_large"] == 1
    assert stats["mrt/errors/response_too_large"] == 1


def test_max_response_mb_sets_a_sources_own_cap(sqlite_url: str) -> None:
    jobs = [greenhouse_job("big", n, "Medical Coder", CODER + "<p>" + "x" * 4000 + "</p>")
            for n in range(500)]  # fmt: skip
    with LocalBoard() as board:
        board.json("/v1/boards/big/jobs?content=true", {"jobs": jobs})
        entry = {"kind": "greenhouse", "board": "big", "api_url": board.url, "pay": False}
        summary = run([entry, {**entry, "name": "capped", "max_response_mb": 1}], sqlite_url,
                      settings=FAST)  # fmt: skip
    feeds = {f.feed: f for f in summary.feeds}
    assert feeds["greenhouse:big"].stored == 500 and feeds["greenhouse:big"].complete
    capped = feeds["greenhouse:capped"]
    assert capped.stored == 0 and capped.errors == 1 and not capped.complete
    stats = recorded_stats(sqlite_url, summary.run_id)["greenhouse:capped"]
    assert stats["mrt/response/too_large"] == 1


def test_a_body_without_content_length_is_cut_off_while_streaming(sqlite_url: str) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Endless(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()  # HTTP/1.0, no Content-Length: the body ends when we close
            try:
                for _ in range(200):  # up to 20 MB, far past the 1 MB cap
                    self.wfile.write(b" " * 100_000)
            except OSError:
                pass  # the crawler hung up at the cap

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Endless)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        summary = run([{"kind": "lever", "site": "endless", "api_url": url, "max_response_mb": 1}],
                      sqlite_url, settings={**FAST, "ROBOTSTXT_OBEY": False})  # fmt: skip
    finally:
        server.shutdown()
        server.server_close()
    (feed,) = summary.feeds
    assert feed.errors == 1 and not feed.complete
    assert recorded_stats(sqlite_url, summary.run_id)[feed.feed]["mrt/response/too_large"] == 1


def serve_boards_with_broken_records(board: LocalBoard) -> dict[str, tuple[int, str, int]]:
    """Each kind's API with good records and broken ones beside them.

    Returns feed -> (postings to store, malformed stat, how many it counts).
    """
    good = [greenhouse_job("gh", n, "Medical Coder", CODER) for n in (1, 2, 3, 4, 5, 6)]
    good[2]["title"] = 123  # a number where text belongs
    good[3]["location"] = {"name": ["Tulsa", "OK"]}  # a list where text belongs
    good[4]["content"] = ["<p>x</p>"]
    good[5]["company_name"] = {"name": "Acme"}
    board.json("/v1/boards/gh/jobs?content=true", {"jobs": [*good, {"id": [7]}, "job 8"]})
    board.json("/v1/boards/gh/jobs/1?pay_transparency=true",
               {"pay_input_ranges": [{"min_cents": "lots", "max_cents": 2_000_000}]})  # fmt: skip
    board.json("/v1/boards/gh/jobs/2?pay_transparency=true", {"pay_input_ranges": [
        {"min_cents": 4_000_000, "max_cents": 5_000_000, "currency_type": "USD"}]})  # fmt: skip

    lever = [lever_posting(f"l-{n}", "Medical Coder", CODER) for n in range(4)]
    lever[1]["categories"] = "HIM"  # text where an object belongs
    lever[2]["salaryRange"] = {"currency": "USD", "interval": "per-year-salary",
                               "min": float("inf"), "max": float("inf")}  # fmt: skip
    lever[3]["text"] = ["Medical Coder"]
    board.json("/v0/postings/lv?mode=json&skip=0&limit=100", lever)

    ashby = [{"id": f"a-{n}", "title": "Medical Coder", "location": "Tulsa, OK",
              "descriptionHtml": CODER, "jobUrl": f"https://jobs.ashbyhq.com/ab/a-{n}",
              "compensation": {"summaryComponents": []}} for n in range(2)]  # fmt: skip
    ashby[1]["compensation"] = "n/a"  # bad pay data
    board.json("/posting-api/job-board/ab", {"jobs": ashby})

    board.json(
        "/v1/companies/Sr/postings", {"totalFound": 2, "content": [{"id": "1"}, {"id": "2"}]}
    )
    for n, location in (("1", {"city": "Tulsa", "region": "OK", "country": "us"}),
                        ("2", ["Tulsa"])):  # fmt: skip
        board.json(f"/v1/companies/Sr/postings/{n}", {
            "id": n, "name": "Medical Coder", "location": location, "company": {"name": "Sr"},
            "jobAd": {"sections": {"jobDescription": {"title": "Job", "text": CODER}}}})  # fmt: skip

    listing = [{"externalPath": f"/job/{n}", "title": "Medical Coder"} for n in (1, 2)]
    board.json("/wday/cxs/wd/External/jobs", {"total": 2, "jobPostings": listing})
    for n, organisation in ((1, {"name": "Wd Health"}), (2, "Wd Health")):
        board.json(f"/wday/cxs/wd/External/job/{n}", {"hiringOrganization": organisation,
                   "jobPostingInfo": {"id": str(n), "title": "Medical Coder",
                                      "jobDescription": CODER, "location": "Tulsa, OK"}})  # fmt: skip

    def federal(number: str, **changes) -> dict:
        descriptor = {"PositionTitle": "Medical Records Technician", "OrganizationName": "VA",
                      "PositionURI": f"https://www.usajobs.gov/job/{number}",
                      "PositionLocation": [{"LocationName": "Tulsa, Oklahoma", "CityName": "Tulsa",
                                            "CountrySubDivisionCode": "Oklahoma"}],
                      "PositionRemuneration": [{"MinimumRange": "40000", "MaximumRange": "50000",
                                                "RateIntervalCode": "PA"}],
                      "UserArea": {"Details": {"JobSummary": "RHIT required."}}}  # fmt: skip
        return {"MatchedObjectId": number, "MatchedObjectDescriptor": {**descriptor, **changes}}

    results = [federal("1"), federal("2", PositionRemuneration={"MinimumRange": "1"}), "junk"]
    board.json("/api/Search", {"SearchResult": {"SearchResultItems": results,
                                                "UserArea": {"NumberOfPages": "1"}}})  # fmt: skip

    history = [{"usajobsControlNumber": n, "positionTitle": "Medical Records Technician",
                "minimumSalary": 40000.0, "maximumSalary": 50000.0, "salaryType": "Per Year",
                "positionOpenDate": "2026-11-02"} for n in (11, 12)]  # fmt: skip
    history[1]["positionTitle"] = {"text": "Medical Records Technician"}
    board.json("/api/historicjoa", {"data": history, "paging": {"next": None}})
    board.json("/api/historicjoa/announcementtext", {"data": [
        {"usajobsControlNumber": 11, "summary": "RHIT required."}]})  # fmt: skip

    pages = [{"@type": "JobPosting", "title": "Medical Coder", "identifier": str(n),
              "description": CODER} for n in (1, 2)]  # fmt: skip
    pages[1]["baseSalary"] = {"currency": "USD", "value": {"minValue": 1e999, "unitText": "YEAR"}}
    html(board, "/careers", '<script type="application/ld+json">'
         + json.dumps({"@graph": pages}) + "</script>")  # fmt: skip

    return {
        "greenhouse:gh": (2, "mrt/malformed/record", 4),
        "lever:lv": (1, "mrt/malformed/record", 3),
        "ashby:ab": (1, "mrt/malformed/record", 1),
        "smartrecruiters:Sr": (1, "mrt/malformed/posting", 1),
        "workday:wd/External": (1, "mrt/malformed/detail", 1),
        "usajobs:0675-0669": (1, "mrt/malformed/result", 2),
        "usajobs_historic:0675-0669": (1, "mrt/malformed/record", 1),
        "jsonld:pages": (1, "mrt/malformed/jobposting", 1),
    }


def test_a_malformed_record_is_skipped_and_counted_and_the_rest_of_the_feed_stored(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("USAJOBS_API_KEY", "test-key")
    monkeypatch.setenv("USAJOBS_EMAIL", "test@example.org")
    with LocalBoard() as board:
        expected = serve_boards_with_broken_records(board)
        url = board.url
        entries = [
            {"kind": "greenhouse", "board": "gh", "api_url": url},
            {"kind": "lever", "site": "lv", "api_url": url},
            {"kind": "ashby", "board": "ab", "api_url": url},
            {"kind": "smartrecruiters", "company": "Sr", "api_url": url},
            {"kind": "workday", "url": f"{url}/wday/cxs/wd/External"},
            {"kind": "usajobs", "api_url": url},
            {"kind": "usajobs_historic", "api_url": url, "since": "2026-11-01"},
            {"kind": "jsonld", "start_urls": [f"{url}/careers"], "name": "pages"},
        ]
        summary = run(entries, sqlite_url, settings=FAST)
    stats = recorded_stats(sqlite_url, summary.run_id)
    feeds = {f.feed: f for f in summary.feeds}
    assert set(feeds) == set(expected)
    for name, (stored, stat, count) in expected.items():
        feed = feeds[name]
        assert (feed.stored, feed.errors, feed.complete) == (stored, 0, True), feed
        assert stats[name][stat] == count, (name, stats[name])
    # Greenhouse job 1's pay call carried no number: the job is kept without pay.
    pay = {r["source_id"]: r["salary_min"] for r in rows(sqlite_url, source="greenhouse")}
    assert pay == {"gh:1": None, "gh:2": 40000.0}
    assert stats["greenhouse:gh"]["mrt/malformed/pay"] == 1
    assert stats["greenhouse:gh"]["mrt/malformed/no_id"] == 2


def test_json_nested_past_the_recursion_limit_is_malformed_not_a_crash(sqlite_url: str) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    with LocalBoard() as board:
        html(board, "/careers", f'<script type="application/ld+json">{deep}</script>'
             + job_page("Medical Records Technician", "1"))  # fmt: skip
        board.route("/v0/postings/deep?mode=json&skip=0&limit=100", Reply(body=deep))
        summary = run([{"kind": "jsonld", "start_urls": [f"{board.url}/careers"]},
                       {"kind": "lever", "site": "deep", "api_url": board.url}],
                      sqlite_url, settings=FAST)  # fmt: skip
    feeds = {f.feed: f for f in summary.feeds}
    page = feeds[f"jsonld:{board.url.split('//')[1]}"]
    assert page.stored == 1 and page.complete and page.errors == 0
    lever = feeds["lever:deep"]  # the whole response is unreadable: an error, not a crash
    assert lever.errors == 1 and not lever.complete
    stats = recorded_stats(sqlite_url, summary.run_id)
    assert stats["lever:deep"]["mrt/malformed/json"] == 1
    assert "spider_exceptions/count" not in stats["lever:deep"]
