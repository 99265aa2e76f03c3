"""``mrt report``: the skills-demand report of the stored postings."""

from __future__ import annotations

from pathlib import Path

import click

from pipelines.cli.errors import UserError
from pipelines.cli.options import db_option, taxonomy_option
from pipelines.jobfamily import ROLES


def filter_options(func):
    """--state/--since/--until/--role/--source, as ``DemandFilters.build`` takes them."""
    options = [
        click.option(
            "--state",
            multiple=True,
            metavar="XX",
            help="Only postings in this state (two-letter code; repeat or comma-separate).",
        ),
        click.option(
            "--since", metavar="YYYY-MM-DD", help="Only postings open on or after this day."
        ),
        click.option(
            "--until", metavar="YYYY-MM-DD", help="Only postings first seen on or before this day."
        ),
        click.option(
            "--role",
            multiple=True,
            metavar="ROLE",
            help=f"Only this job family role: {', '.join(ROLES)} (repeatable).",
        ),
        click.option(
            "--source",
            multiple=True,
            metavar="NAME",
            help="Only this source kind (greenhouse) or feed (greenhouse:acme); repeatable.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def produce_report(
    db_url: str | None,
    fmt: str,
    out: Path | None,
    filters: dict,
    taxonomy_path: Path | None = None,
) -> Path | str:
    """Write the report (or return its text for json/markdown without --out)."""
    from pipelines.demand.filters import DemandFilters
    from pipelines.report import default_output, gather, render_text, write_data
    from pipelines.store.db import open_store

    try:
        parsed = DemandFilters.build(**filters)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    store = open_store(db_url, create=False)
    try:
        data = gather(store, parsed, taxonomy_path=taxonomy_path)
    except ValueError as exc:
        raise UserError(str(exc).splitlines()[0]) from None
    finally:
        store.dispose()
    if out is None and fmt in ("json", "markdown"):
        return render_text(data, fmt)
    target = out or default_output(fmt, data.day)
    if target.exists() and target.is_dir() and fmt in ("html", "json", "markdown"):
        raise UserError(f"--out {target} is a directory; give a file name")
    try:
        return write_data(data, target, fmt)
    except OSError as exc:
        raise UserError(f"cannot write {target}: {exc.strerror or exc}") from None


@click.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "markdown", "csv", "json", "parquet"]),
    default="html",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Where to write. Default: reports/mrt-report-YYYY-MM-DD.html (csv/parquet: a "
    "directory of one file per table; a path ending in .zip gives a zip archive). "
    "json and markdown print to stdout without --out.",
)
@taxonomy_option
@filter_options
def report(
    db_url: str | None, fmt: str, out: Path | None, taxonomy: Path | None, **filters
) -> None:
    """Write the skills-demand report of the stored postings and print its path."""
    result = produce_report(db_url, fmt, out, filters, taxonomy)
    if isinstance(result, Path):
        click.echo(str(result))
    else:
        click.echo(result, nl=False)
