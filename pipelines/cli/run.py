"""``mrt run``: crawl, extract and report in one go (`pipelines.flow`), for cron or a
systemd timer; the exit code says when something needs a look."""

from __future__ import annotations

from pathlib import Path

import click

from pipelines.cli.errors import UserError
from pipelines.cli.options import db_option, monitor_settings, monitors_option, sources_option
from pipelines.cli.scrapy_settings import settings_option
from pipelines.cli.scrapyd import checked_daemons, scrapyd_crawl, scrapyd_options

EXIT_SOURCE_PROBLEM = 1


@click.command()
@db_option
@sources_option
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
@settings_option
@scrapyd_options
@monitors_option
def run(
    db_url: str | None,
    sources_path: Path | None,
    out_dir: Path,
    replay: Path | None,
    scrapy_settings: dict[str, str],
    scrapyd: str | None,
    scrapyd_timeout: float,
    monitors_path: Path | None,
) -> None:
    """Crawl, extract and report; exit 1 when a source failed or returned nothing."""
    daemons = checked_daemons(scrapyd, db_url, replay=replay)
    crawl_with = scrapyd_crawl(daemons, scrapyd_timeout) if daemons else None
    monitors = monitor_settings(monitors_path)
    settings = {**monitors, **scrapy_settings}  # -s as `scrapy crawl -s`
    from pipelines.flow import run_pipeline
    from scraper.sources import SourcesError

    try:
        outcome = run_pipeline(
            db_url, sources_path, out_dir, replay, crawl_with=crawl_with, settings=settings
        )
    except (OSError, SourcesError) as exc:
        raise UserError(str(exc).splitlines()[0]) from None
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
