"""``mrt run``: crawl, extract and report in one go, for cron or a systemd timer.

Every stage runs even when an earlier one had trouble (a failed source still leaves the
others' postings to extract and report); the exit code then says something needs a look.
"""

from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import click

from pipelines.cli.errors import UserError
from pipelines.cli.options import db_option

EXIT_SOURCE_PROBLEM = 1


@dataclass
class RunOutcome:
    reports: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    crawl_line: str = ""
    extract_line: str = ""


def _stage(module: str, attr: str) -> Any:
    """The stage function, or a one-line error naming the missing part."""
    try:
        return getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError) as exc:
        raise UserError(f"{module}.{attr} is not available in this installation: {exc}") from None


def _call(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Call ``fn`` with the keyword arguments it accepts (the stages grow options over time)."""
    params = inspect.signature(fn).parameters
    if not any(p.kind is p.VAR_KEYWORD for p in params.values()):
        kwargs = {k: v for k, v in kwargs.items() if k in params}
    return fn(*args, **kwargs)


def feed_problem(feed: Any) -> str:
    """One line on what went wrong with a failed feed (the runner's FeedResult)."""
    name = getattr(feed, "feed", str(feed))
    if getattr(feed, "items", None) == 0 and not getattr(feed, "errors", 0):
        return f"{name} returned nothing"
    details = []
    if getattr(feed, "errors", 0):
        details.append(f"{feed.errors} error(s)")
    if getattr(feed, "finish_reason", "finished") != "finished":
        details.append(f"finished: {feed.finish_reason}")
    return f"{name} failed" + (f" ({', '.join(details)})" if details else "")


def _summary_line(obj: Any, names: tuple[str, ...]) -> str:
    parts = [f"{n.replace('_', ' ')} {getattr(obj, n)}" for n in names if hasattr(obj, n)]
    return ", ".join(parts)


def run_pipeline(
    db_url: str | None,
    sources_path: Path | None,
    out_dir: Path,
    replay: Path | None,
    day: date | None = None,
) -> RunOutcome:
    from pipelines.report import default_output, gather, write_data
    from pipelines.store.db import default_db_url, open_store

    crawl = _stage("scraper.runner", "crawl")
    load_sources = _stage("scraper.sources", "load_sources")
    extract_pending = _stage("pipelines.extract.batch", "extract_pending")
    db_url = db_url or default_db_url()
    try:
        sources = load_sources(sources_path)
    except (OSError, ValueError) as exc:
        raise UserError(f"cannot read sources: {str(exc).splitlines()[0]}") from None

    outcome = RunOutcome()
    store = open_store(db_url)
    try:
        summary = _call(
            crawl, sources, db_url, keep_all=False, progress=False, replay=replay, command="mrt run"
        )
        outcome.crawl_line = _summary_line(summary, ("run_id", "stored"))
        outcome.problems = [feed_problem(feed) for feed in summary.failed_feeds]
        outcome.notes = [
            f"{feed.feed} skipped: {feed.skipped}"
            for feed in getattr(summary, "feeds", [])
            if getattr(feed, "skipped", None)
        ]
        stats = _call(extract_pending, store, taxonomy_path=None, redo=False, progress=None)
        outcome.extract_line = _summary_line(
            stats, ("extracted", "skipped", "failed", "relevant", "taxonomy_version")
        )
        data = gather(store, day=day)
        for fmt in ("html", "json"):
            outcome.reports.append(write_data(data, default_output(fmt, data.day, out_dir), fmt))
    finally:
        store.dispose()
    return outcome


@click.command()
@db_option
@click.option(
    "--sources",
    "sources_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Sources file (default: config/sources.yaml).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("reports"),
    show_default=True,
    help="Directory for mrt-report-YYYY-MM-DD.html and .json.",
)
@click.option(
    "--replay",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Serve recorded responses from this directory instead of the network.",
)
@click.pass_context
def run(
    ctx: click.Context,
    db_url: str | None,
    sources_path: Path | None,
    out_dir: Path,
    replay: Path | None,
) -> None:
    """Crawl, extract and report; exit 1 when a source failed or returned nothing."""
    outcome = run_pipeline(db_url, sources_path, out_dir, replay)
    if outcome.crawl_line:
        click.echo(f"crawl: {outcome.crawl_line}", err=True)
    if outcome.extract_line:
        click.echo(f"extract: {outcome.extract_line}", err=True)
    for note in outcome.notes:
        click.echo(f"note: {note}", err=True)
    for problem in outcome.problems:
        click.echo(f"warning: {problem}", err=True)
    for path in outcome.reports:
        click.echo(str(path))
    if outcome.problems:
        # SystemExit, not ctx.exit: run_cli drops the code click returns for ctx.exit.
        raise SystemExit(EXIT_SOURCE_PROBLEM)
