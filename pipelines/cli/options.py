"""Options every command shares."""

from __future__ import annotations

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
