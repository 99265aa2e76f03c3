"""Options every command shares."""

from __future__ import annotations

from pathlib import Path

import click

from pipelines.store.db import default_db_url

db_option = click.option(
    "--db",
    "db_url",
    envvar="MRT_DB",
    default=None,
    metavar="URL",
    help=f"Database URL (sqlite:///path or postgresql://...). Default: {default_db_url()}",
)

# Existence is checked by the loaders, so a missing file is one line, like a malformed one.
taxonomy_option = click.option(
    "--taxonomy",
    "taxonomy",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help="Taxonomy file (default: config/taxonomy.yaml).",
)
scoring_option = click.option(
    "--scoring",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Scoring weights (default config/scoring.yaml).",
)
sources_option = click.option(
    "--sources",
    "sources_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help="Sources file (default: config/sources.yaml).",
)
monitors_option = click.option(
    "--monitors",
    "monitors_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="MRT_MONITORS",
    default=None,
    metavar="FILE",
    help="Feed health thresholds and notifications (default: config/monitors.yaml).",
)


def monitor_settings(path: Path | None) -> dict:
    """The crawl settings carrying the monitors file's thresholds to every feed (a Scrapyd
    worker too); a bad file is one line and exit 2, before anything is crawled."""
    from pipelines.cli.errors import UserError
    from scraper.thresholds import MonitorConfigError, default_monitors_path, read_monitor_file

    if path is None and not default_monitors_path().exists():
        return {}  # no file anywhere: the built-in thresholds
    try:
        data, _ = read_monitor_file(path)
    except MonitorConfigError as exc:
        raise UserError(str(exc)) from None
    return {"MRT_MONITORS_CONFIG": data}
