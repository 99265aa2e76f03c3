"""The pipeline's flow, in one place: crawl → extract → refresh the matcher's market →
report. `mrt run` runs it from cron; `mrt extract`, `mrt demo` and the tests that build a
store call its stages; the CLI only parses options and prints what comes back.

Every stage runs even when an earlier one had trouble (a failed source, or even a crashed
crawl, still leaves the stored postings to extract and report); the outcome then says
something needs a look.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matcher.match import MatchResult
    from pipelines.extract.batch import ExtractStats
    from pipelines.store.db import Store
    from scraper.runner import CrawlSummary

# A made-up candidate (an RHIT with a CCS in progress) that `mrt demo` matches.
SAMPLE_RESUME = Path(__file__).resolve().parents[1] / "matcher" / "samples" / "sample_resume.md"


def refresh_match_market(store: Store) -> None:
    """Rebuild the market `mrt match` reads now, so the first match after new extractions
    is fast."""
    from matcher.signatures import ensure_cache

    ensure_cache(store)


def extract_stage(store: Store, **options: Any) -> ExtractStats:
    """Extract every pending posting (``options`` go to ``extract_pending``: taxonomy_path,
    redo, progress, batch_size), then rebuild the market `mrt match` reads."""
    from pipelines.extract.batch import extract_pending

    stats = extract_pending(store, **options)
    refresh_match_market(store)
    return stats


def crawl_recordings(db_url: str, command: str = "mrt demo") -> CrawlSummary:
    """Crawl the bundled recorded responses (one feed per source kind): no network."""
    from scraper.runner import RECORDINGS, crawl
    from scraper.sources import load_sources

    sources = load_sources(RECORDINGS / "sources.yaml")
    return crawl(sources, db_url, replay=RECORDINGS, command=command)


def match_sample(db_url: str, resume: Path = SAMPLE_RESUME) -> MatchResult:
    """Match ``resume`` (default: the made-up sample) against the store."""
    from matcher.match import match_resume

    return match_resume(resume, db_url)


def write_reports(
    store: Store,
    out_dir: Path,
    formats: tuple[str, ...] = ("html", "json"),
    day: date | None = None,
) -> list[Path]:
    """Write the dated demand report of ``store`` in each of ``formats`` under ``out_dir``."""
    from pipelines.report import default_output, gather, write_data

    data = gather(store, day=day)
    return [write_data(data, default_output(fmt, data.day, out_dir), fmt) for fmt in formats]


@dataclass
class RunOutcome:
    reports: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # make the run exit 1
    notes: list[str] = field(default_factory=list)  # worth saying, not a failure
    crawl_line: str = ""
    extract_line: str = ""


def feed_problem(feed: Any) -> str:
    """One line on what went wrong with a failed feed (the runner's FeedResult)."""
    if feed.items == 0 and not feed.errors:
        return f"{feed.feed} returned nothing"
    details = []
    if feed.errors:
        details.append(f"{feed.errors} error(s)")
    if feed.finish_reason != "finished":
        details.append(f"finished: {feed.finish_reason}")
    return f"{feed.feed} failed" + (f" ({', '.join(details)})" if details else "")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{exc.__class__.__name__}: {text.splitlines()[0]}" if text else exc.__class__.__name__


def run_pipeline(
    db_url: str | None,
    sources_path: Path | None,
    out_dir: Path,
    replay: Path | None,
    day: date | None = None,
    crawl_with: Any = None,
    settings: dict[str, Any] | None = None,
) -> RunOutcome:
    """Crawl ``sources_path``, extract what is pending, write the dated HTML and JSON.

    ``crawl_with`` stands in for ``scraper.runner.crawl`` (``--scrapyd``'s crawl);
    ``settings`` are the crawl's (the monitors file's thresholds)."""
    # Imported here: `mrt --help` must not load Scrapy and spaCy.
    from pipelines.store.db import default_db_url, open_store
    from scraper.runner import crawl
    from scraper.sources import load_sources

    crawl = crawl_with or crawl
    db_url = db_url or default_db_url()
    sources = load_sources(sources_path)  # SourcesError (one line) before anything runs

    outcome = RunOutcome()
    store = open_store(db_url)
    try:
        try:
            summary = crawl(
                sources,
                db_url,
                keep_all=False,
                progress=False,
                replay=replay,
                command="mrt run",
                settings=settings,
            )
        except Exception as exc:  # noqa: BLE001 - report what is stored, then exit 1
            outcome.problems.append(f"crawl stopped: {_first_line(exc)}")
        else:
            outcome.crawl_line = f"run {summary.run_id}, {summary.stored} postings stored"
            outcome.problems += [feed_problem(feed) for feed in summary.failed_feeds]
            outcome.notes += [f"{f.feed} skipped: {f.skipped}" for f in summary.feeds if f.skipped]
        try:
            stats = extract_stage(store)
        except Exception as exc:  # noqa: BLE001 - the postings extracted before still count
            outcome.problems.append(f"extraction stopped: {_first_line(exc)}")
        else:
            outcome.extract_line = (
                f"{stats.extracted} extracted, {stats.skipped} unchanged, {stats.failed} failed "
                f"(taxonomy {stats.taxonomy_version})"
            )
            if stats.failed:
                outcome.notes.append(f"{stats.failed} posting(s) could not be extracted")
        outcome.reports = write_reports(store, out_dir, day=day)
    finally:
        store.dispose()
    return outcome
