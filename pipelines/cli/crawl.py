"""`mrt crawl`: crawl the configured job sources into the store."""

from __future__ import annotations

import logging
import sys

import click

from pipelines.cli.errors import UserError
from pipelines.cli.options import db_option, monitor_settings, monitors_option, sources_option
from pipelines.cli.scrapy_settings import settings_option
from pipelines.cli.scrapyd import checked_daemons, scrapyd_crawl, scrapyd_options


class OneLineFormatter(logging.Formatter):
    """A record per line: a network failure is one line, not a Twisted traceback.

    The failing feed is named again in the summary; ``-v`` shows the tracebacks.
    """

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).split("\n", 1)[0]

    def formatException(self, ei) -> str:  # noqa: N802 - logging's name
        return ""


def configure_logging(verbose: bool) -> None:
    """Scrapy logs at INFO by default; keep the terminal for the progress table."""
    level = logging.INFO if verbose else logging.WARNING
    handler = logging.StreamHandler(sys.stderr)
    fmt = "%(levelname)s %(name)s: %(message)s"
    handler.setFormatter(logging.Formatter(fmt) if verbose else OneLineFormatter(fmt))
    logging.basicConfig(level=level, handlers=[handler])
    for name in ("scrapy", "twisted", "py.warnings", "vcr"):
        logging.getLogger(name).setLevel(level if verbose else logging.ERROR)


def print_summary(summary, console=None) -> None:
    from rich.console import Console

    from scraper.runner import progress_table

    console = console or Console(width=None if sys.stdout.isatty() else 160)
    console.print(progress_table(summary.feeds))
    for feed in summary.feeds:
        if feed.dropped:
            reasons = ", ".join(f"{k}={v}" for k, v in sorted(feed.dropped.items()))
            console.print(f"  {feed.feed} dropped: {reasons}", style="dim")


@click.command()
@sources_option
@click.option(
    "--source-kind",
    "kinds",
    multiple=True,
    metavar="KIND",
    help="Only crawl sources of this kind (repeatable).",
)
@click.option(
    "--all",
    "keep_all",
    is_flag=True,
    help="Keep postings outside the medical-records family (stored with relevant=false).",
)
@click.option(
    "--replay",
    type=click.Path(file_okay=False, exists=True),
    default=None,
    help="Answer every request from the vcrpy cassettes in DIR (no network).",
)
@click.option(
    "--record",
    type=click.Path(file_okay=False),
    default=None,
    help="Record the live responses as vcrpy cassettes into DIR (one per feed).",
)
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's log.")
@settings_option
@db_option
@scrapyd_options
@monitors_option
def crawl(
    sources_path,
    kinds,
    keep_all,
    replay,
    record,
    verbose,
    scrapy_settings,
    db_url,
    scrapyd,
    scrapyd_timeout,
    monitors_path,
) -> None:
    """Crawl every source of the sources file into the store.

    Exit status 1 when a source failed or returned nothing, 2 for a bad sources file.
    """
    from scraper.sources import SourcesError, load_sources
    from scraper.spiders import SPIDERS

    unknown = sorted(set(kinds) - set(SPIDERS))
    if unknown:
        raise UserError(
            f"unknown --source-kind {', '.join(unknown)} (known: {', '.join(sorted(SPIDERS))})"
        )
    try:
        sources = load_sources(sources_path)
    except SourcesError as exc:
        raise UserError(str(exc)) from exc
    if kinds:
        sources = [s for s in sources if s["kind"] in kinds]
    if not sources:
        raise UserError("no sources to crawl (check --sources and --source-kind)")
    if replay and record:
        raise UserError("--replay and --record cannot be used together")
    daemons = checked_daemons(scrapyd, db_url, replay=replay, record=record)
    monitors = monitor_settings(monitors_path)
    configure_logging(verbose)
    from scraper.runner import crawl as run_crawl

    if daemons:  # the same call, one Scrapyd job per feed
        run_crawl = scrapyd_crawl(daemons, scrapyd_timeout)
    summary = run_crawl(
        sources,
        db_url,
        keep_all=keep_all,
        progress=sys.stderr.isatty(),
        replay=replay,
        record=record,
        command="mrt crawl " + " ".join(sys.argv[2:]),
        settings={**monitors, **scrapy_settings},
    )
    print_summary(summary)
    if summary.failed_feeds:
        names = ", ".join(f.feed for f in summary.failed_feeds)
        click.echo(f"Failed or empty: {names}", err=True)
        sys.exit(1)
