"""`mrt import FILE`: parse options, import (pipelines.file_import), print what happened."""

from __future__ import annotations

from pathlib import Path

import click

from pipelines.cli.errors import UserError
from pipelines.cli.options import db_option
from pipelines.untrusted import shown


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def import_postings(file: Path, db_url: str | None) -> None:
    """Import postings from JSON Lines (id, title, company, location, description) or a
    JobSpy CSV. Bad lines are reported with their numbers (exit 1); good lines are stored."""
    if not file.exists():
        raise UserError(f"no such file: {shown(file)}")
    if not file.is_file():
        raise UserError(f"not a file: {shown(file)}")
    from pipelines.file_import import ImportFileError, import_file

    name = shown(file.name)
    try:
        result = import_file(file, db_url)
    except ImportFileError as exc:
        raise UserError(str(exc)) from None
    for problem in result.problems:
        click.echo(f"{name} {problem}", err=True)
    if result.rejected > len(result.problems):
        more = result.rejected - len(result.problems)
        click.echo(f"{name}: {more} more line(s) rejected, not listed", err=True)
    click.echo(
        f"Imported {result.stored} posting(s) from {name}; {result.rejected} line(s) rejected."
    )
    if result.rejected:
        raise click.exceptions.Exit(1)
