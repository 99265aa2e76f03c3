"""Benchmark the crawl pipeline against a bare Scrapy spider on a local board.

A local server (tests/localboard.py) holds generated postings, half as one Greenhouse
board (one response) and half as a Lever site (pages of 100). In one run it measures:

- the full pipeline (scraper.runner.crawl, the code path of `mrt crawl`: spiders,
  clean -> relevance -> dedupe -> store into a fresh SQLite file) against a bare spider
  that fetches the same pages and only parses the JSON; same concurrency, no delays,
  politeness off for the measurement only. Items/s of each and the ratio.
- a re-crawl of the unchanged board into the same store.
- peak memory (max RSS) of each at 1,000 and 10,000 postings.
- for diagnosis, our spiders through the same runner with the item pipelines off.

Each measurement runs in a fresh child process so that its peak memory is its own.
Greenhouse pay calls (one request per job) are off here: both sides would pay the
same per-request cost, which only dilutes the comparison.

Then, with politeness on (the project's settings: robots.txt, one request per host per
second, AutoThrottle), a Greenhouse board with pay calls, a SmartRecruiters company and a
Workday site on loopback: requests (counted at the server) and wall time of a first crawl,
a re-crawl of the unchanged boards (incremental: robots.txt and the lists only) and a
re-crawl after 5% of the postings changed.

    python bench/crawl.py [--sizes 1000 10000] [--polite-postings 40] [--only polite]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the local board server the tests use too

FAST = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "ROBOTSTXT_OBEY": False,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "LOG_LEVEL": "ERROR",
    "TELNETCONSOLE_ENABLED": False,
}
TITLES = [
    "Medical Records Technician", "Health Information Technician II", "Medical Coder - Outpatient",
    "Release of Information Specialist", "Cancer Registrar", "Inpatient Coder",
    "Clinical Documentation Integrity Specialist", "HIM Analyst",
]  # fmt: skip
STATES = ["Tulsa, OK", "Kearney, NE", "Omaha, Nebraska", "Remote - US", "Denver, CO", "Madison, WI"]


def description(n: int) -> str:
    return (
        f"<p>Posting {n}: our health information department is hiring.</p>"
        "<p><strong>Essential Functions</strong></p><ul>"
        "<li>Assign ICD-10-CM, CPT and HCPCS codes to outpatient encounters</li>"
        "<li>Perform deficiency analysis in Epic and maintain the master patient index</li>"
        "<li>Process release of information requests in compliance with HIPAA</li></ul>"
        "<p><strong>Required Qualifications</strong></p><ul>"
        "<li>RHIT or RHIA required, or CCS / CPC within 12 months of hire</li>"
        "<li>2 years of experience in a hospital HIM department</li>"
        "<li>High school diploma; associate degree in HIM preferred</li></ul>"
        f"<p>Pay: ${18 + n % 10}.50 - ${24 + n % 10}.75/hr. Benefits from day one.</p>"
    )


def serve(board, total: int) -> None:
    from localboard import greenhouse_job, lever_posting

    half = total // 2
    jobs = [
        greenhouse_job("bench", n, TITLES[n % len(TITLES)], description(n), STATES[n % len(STATES)])
        for n in range(half)
    ]
    board.json("/v1/boards/bench/jobs?content=true", {"jobs": jobs, "meta": {"total": half}})
    postings = [
        lever_posting(
            f"lv-{n:06d}", TITLES[n % len(TITLES)], description(n), STATES[n % len(STATES)]
        )
        for n in range(total - half)
    ]
    for skip in range(0, len(postings) + 1, 100):
        board.json(
            f"/v0/postings/bench?mode=json&skip={skip}&limit=100", postings[skip : skip + 100]
        )


def sources(url: str) -> list[dict]:
    from scraper.sources import parse_sources

    return parse_sources([
        {"kind": "greenhouse", "board": "bench", "api_url": url, "pay": False},
        {"kind": "lever", "site": "bench", "api_url": url},
    ])  # fmt: skip


def child_full(url: str, db: str, pipelines: bool = True) -> dict:
    from scraper.runner import crawl

    settings = FAST if pipelines else {**FAST, "ITEM_PIPELINES": {}}
    start = time.perf_counter()
    summary = crawl(sources(url), db, settings=settings)
    seconds = time.perf_counter() - start
    return {
        "items": sum(f.items for f in summary.feeds),
        "stored": summary.stored,
        "failed": [f.feed for f in summary.failed_feeds],
        "seconds": seconds,
    }


def child_bare(url: str) -> dict:
    """A spider that fetches the same pages and only parses the JSON."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    counted = {"items": 0}

    class BareSpider(scrapy.Spider):
        name = "bare"

        async def start(self):
            yield scrapy.Request(f"{url}/v1/boards/bench/jobs?content=true", self.parse_board)
            yield scrapy.Request(self.lever(0), self.parse_lever, cb_kwargs={"skip": 0})

        @staticmethod
        def lever(skip: int) -> str:
            return f"{url}/v0/postings/bench?mode=json&skip={skip}&limit=100"

        def parse_board(self, response):
            for job in json.loads(response.text)["jobs"]:
                counted["items"] += 1
                yield {"id": job["id"], "title": job["title"]}

        def parse_lever(self, response, skip: int):
            page = json.loads(response.text)
            for posting in page:
                counted["items"] += 1
                yield {"id": posting["id"], "title": posting["text"]}
            if len(page) == 100:
                yield scrapy.Request(
                    self.lever(skip + 100), self.parse_lever, cb_kwargs={"skip": skip + 100}
                )

    start = time.perf_counter()  # like the full side: from setting up the crawl to its end
    process = CrawlerProcess(settings={**FAST, "ITEM_PIPELINES": {}})
    process.crawl(BareSpider)
    process.start()
    return {"items": counted["items"], "seconds": time.perf_counter() - start}


def run_child(mode: str, url: str, db: str = "") -> dict:
    command = [sys.executable, __file__, "--child", mode, "--url", url, "--db", db]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=900)
    if result.returncode != 0:
        raise SystemExit(f"{mode} child failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def child_main(mode: str, url: str, db: str) -> None:
    figures = child_bare(url) if mode == "bare" else child_full(url, db, pipelines=mode == "full")
    figures["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))


class PoliteBoards:
    """Three loopback boards of ``per_board`` postings, each with a detail (or pay) request
    per posting; ``change`` edits postings the way their boards would show it."""

    WORKDAY = "https://bench.wd1.myworkdayjobs.com/wday/cxs/bench/External"
    WORKDAY_LIST = "/wday/cxs/bench/External/jobs"

    def __init__(self, board, per_board: int) -> None:
        self.board, self.ids = board, range(per_board)
        self.version = dict.fromkeys(self.ids, 0)

    def text(self, n: int) -> str:
        return description(n) + (f"<p>Edited {self.version[n]} times.</p>" * bool(self.version[n]))

    def serve(self) -> None:
        from localboard import greenhouse_job

        board, titles = self.board, {n: TITLES[n % len(TITLES)] for n in self.ids}
        stamp = {n: f"2026-11-{18 + self.version[n]:02d}T09:00:00-05:00" for n in self.ids}
        jobs = [{**greenhouse_job("bench", n, titles[n], self.text(n)), "updated_at": stamp[n]}
                for n in self.ids]  # fmt: skip
        board.json("/v1/boards/bench/jobs?content=true", {"jobs": jobs})
        listed = [{"id": str(n), "name": titles[n], "releasedDate": stamp[n],
                   "location": {"city": "Tulsa", "region": "OK", "country": "us"}}
                  for n in self.ids]  # fmt: skip
        board.json("/v1/companies/Bench/postings?limit=100&offset=0",
                   {"content": listed, "totalFound": len(listed)})  # fmt: skip
        paths = {n: f"/job/Tulsa/Posting_R-{n}" for n in self.ids}
        entries = [{"title": titles[n], "externalPath": paths[n], "locationsText": "Tulsa, OK",
                    "bulletFields": [f"R-{n}", str(self.version[n])]} for n in self.ids]  # fmt: skip
        # Workday pages are POSTs to one path: the board answers them in order (rewind).
        pages = [entries[i : i + 20] for i in range(0, len(entries), 20)] + [[]]
        board.route(self.WORKDAY_LIST, *(_json_reply({"total": len(entries), "jobPostings": p})
                                         for p in pages))  # fmt: skip
        for n in self.ids:
            board.json(f"/v1/boards/bench/jobs/{n}?pay_transparency=true", {"id": n,
                       "pay_input_ranges": [{"min_cents": 3800000, "max_cents": 5200000,
                                             "currency_type": "USD", "title": "Salary"}]})  # fmt: skip
            board.json(f"/v1/companies/Bench/postings/{n}", {**listed[n], "jobAd": {"sections": {
                "jobDescription": {"title": "Job", "text": self.text(n)}}}})  # fmt: skip
            board.json(f"/wday/cxs/bench/External{paths[n]}", {"jobPostingInfo": {
                "title": titles[n], "jobDescription": self.text(n), "location": "Tulsa, OK",
                "jobReqId": f"R-{n}"}})  # fmt: skip

    def rewind(self) -> None:
        """Before a crawl: the Workday pages from the first again."""
        self.board.hits[self.WORKDAY_LIST] = 0

    def change(self, share: float) -> int:
        """Edit every 1/share-th posting on each board; the number edited per board."""
        step = round(1 / share)
        for n in self.ids[::step]:
            self.version[n] += 1
        self.serve()
        return len(self.ids[::step])

    def sources(self) -> list[dict]:
        from scraper.sources import parse_sources

        url = self.board.url
        return parse_sources([
            {"kind": "greenhouse", "board": "bench", "api_url": url},
            {"kind": "smartrecruiters", "company": "Bench", "api_url": url},
            {"kind": "workday", "url": self.WORKDAY, "api_url": url},
        ])  # fmt: skip


def _json_reply(payload):
    from localboard import Reply

    return Reply(body=payload, headers={"Content-Type": "application/json"})


def request_kinds(hits: dict[str, int]) -> dict[str, int]:
    """Requests answered by the server, as robots.txt, list pages and detail/pay calls."""
    kinds = {"robots": 0, "lists": 0, "details": 0}
    for path, count in hits.items():
        if path == "/robots.txt":
            kinds["robots"] += count
        elif path.endswith(("content=true", "offset=0", "/External/jobs")):
            kinds["lists"] += count
        else:
            kinds["details"] += count
    return kinds


def polite_recrawls(per_board: int) -> tuple[list[tuple[str, dict, float, int, int]], int]:
    """(run, requests by kind, wall seconds, stored, seen) of the three polite crawls, and
    how many postings per board the last one found changed."""
    from localboard import LocalBoard

    from scraper.runner import crawl

    quiet = {"LOG_LEVEL": "ERROR"}  # politeness as configured: scraper/settings.py
    figures = []
    with LocalBoard() as board, tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{Path(tmp) / 'polite.sqlite'}"
        boards = PoliteBoards(board, per_board)
        boards.serve()
        changed = 0
        runs = (("first crawl", 0), ("re-crawl, unchanged", 0), ("re-crawl, 5% changed", 0.05))
        for name, share in runs:
            if share:
                changed = boards.change(share)
            boards.rewind()
            before = dict(board.hits)
            start = time.perf_counter()
            summary = crawl(boards.sources(), db, settings=quiet)
            seconds = time.perf_counter() - start
            if summary.failed_feeds:
                raise SystemExit(f"{name}: failed feeds {[f.feed for f in summary.failed_feeds]}")
            hits = {k: v - before.get(k, 0) for k, v in board.hits.items()}
            stored = sum(f.stored for f in summary.feeds)
            seen = sum(f.seen for f in summary.feeds)
            figures.append((name, request_kinds(hits), seconds, stored, seen))
    return figures, changed


def print_polite(per_board: int, figures: list, changed: int) -> None:
    print()
    print(f"politeness on: 3 boards (Greenhouse with pay calls, SmartRecruiters, Workday) of "
          f"{per_board} postings each, one request per host per second; "
          f"{changed} per board changed before the last")  # fmt: skip
    print(f"{'crawl':<22} {'requests':>9} {'robots':>7} {'lists':>6} {'detail/pay':>11} "
          f"{'wall s':>7} {'stored':>7} {'seen':>5}")  # fmt: skip
    for name, kinds, seconds, stored, seen in figures:
        total = sum(kinds.values())
        print(f"{name:<22} {total:>9} {kinds['robots']:>7} {kinds['lists']:>6} "
              f"{kinds['details']:>11} {seconds:>7.1f} {stored:>7} {seen:>5}")  # fmt: skip
    print("target: an unchanged re-crawl asks robots.txt and the lists only (detail/pay 0)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--polite-postings", type=int, default=40, metavar="N",
                        help="postings per board of the polite re-crawl runs (0: skip them)")  # fmt: skip
    parser.add_argument("--only", choices=["throughput", "polite"])
    parser.add_argument("--child", choices=["full", "bare", "spider"])
    parser.add_argument("--url", default="")
    parser.add_argument("--db", default="")
    args = parser.parse_args()
    if args.child:
        child_main(args.child, args.url, args.db)
        return
    if args.only != "polite":
        throughput(args.sizes)
    if args.only != "throughput" and args.polite_postings > 0:
        print_polite(args.polite_postings, *polite_recrawls(args.polite_postings))


def throughput(sizes: list[int]) -> None:

    from localboard import LocalBoard

    rows = []
    for size in sizes:
        with LocalBoard() as board, tempfile.TemporaryDirectory() as tmp:
            serve(board, size)
            db = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
            bare = run_child("bare", board.url)
            spider = run_child("spider", board.url, f"sqlite:///{Path(tmp) / 'spider.sqlite'}")
            full = run_child("full", board.url, db)
            again = run_child("full", board.url, db)
        assert bare["items"] == full["items"] == size, (bare, full)
        assert full["stored"] == size and not full["failed"], full
        rows.append((size, bare, spider, full, again))

    print(f"{'postings':>9} {'bare it/s':>10} {'spiders it/s':>13} {'full it/s':>10} "
          f"{'full/bare time':>15} {'first s':>8} {'re-crawl s':>11} {'bare MB':>8} {'full MB':>8}")  # fmt: skip
    for size, bare, spider, full, again in rows:
        print(
            f"{size:>9} {size / bare['seconds']:>10.0f} {size / spider['seconds']:>13.0f} "
            f"{size / full['seconds']:>10.0f} {full['seconds'] / bare['seconds']:>14.2f}x "
            f"{full['seconds']:>8.2f} {again['seconds']:>11.2f} "
            f"{bare['max_rss_mb']:>8.0f} {full['max_rss_mb']:>8.0f}"
        )
    print("spiders = our spiders through the runner with no item pipelines (where the time goes)")
    print("targets: full/bare <= 1.5x; re-crawl <= first crawl; full MB flat from 1,000 to 10,000")


if __name__ == "__main__":
    main()
