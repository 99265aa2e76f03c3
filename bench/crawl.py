"""Benchmark the crawl pipeline against a bare Scrapy spider on a local board.

A local server (scraper.localboard) holds generated postings, half as one Greenhouse
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

    python bench/crawl.py [--sizes 1000 10000]
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
    from scraper.localboard import greenhouse_job, lever_posting

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--child", choices=["full", "bare", "spider"])
    parser.add_argument("--url", default="")
    parser.add_argument("--db", default="")
    args = parser.parse_args()
    if args.child:
        child_main(args.child, args.url, args.db)
        return

    from scraper.localboard import LocalBoard

    rows = []
    for size in args.sizes:
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
