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
sources_option = click.option(
    "--sources",
    "sources_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help="Sources file (default: config/sources.yaml).",
)
