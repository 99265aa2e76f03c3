"""``mrt extract``: extract requirements from stored postings, or from a JSON Lines file to stdout."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click

from pipelines.cli.errors import UserError
from pipelines.cli.options import db_option, taxonomy_option
from pipelines.jsonlines import BadLine, read_json_lines
from pipelines.safe_output import json_dumps
from pipelines.untrusted import shown


def _load(taxonomy: Path | None):
    from pipelines.extract import TaxonomyError, load_extractor

    try:
        return load_extractor(taxonomy)
    except TaxonomyError as exc:
        raise UserError(str(exc)) from None


def _read_postings(stream: IO[bytes], failures: list[int]) -> Iterator[dict[str, Any]]:
    """Contract-input lines; a bad line (not UTF-8, not JSON, wrong types, too long) is
    reported on stderr by its number and skipped, the others still read."""
    for number, posting in read_json_lines(stream):
        problem = str(posting) if isinstance(posting, BadLine) else _problem(posting)
        if problem:
            failures.append(number)
            click.echo(f"line {number}: {problem}", err=True)
            continue
        yield posting


def _problem(posting: Any) -> str:
    if not isinstance(posting, dict):
        return "expected a JSON object with 'id', 'title' and 'description'"
    for key in ("title", "description", "company", "location"):
        value = posting.get(key)
        if value is not None and not isinstance(value, str):
            return f"'{key}' must be a string"
    if "description" not in posting:
        return "missing 'description'"
    return ""


def _extract_file(input_path: str, taxonomy: Path | None, batch_size: int) -> None:
    extractor = _load(taxonomy)
    failures: list[int] = []
    try:
        stream = sys.stdin.buffer if input_path == "-" else open(input_path, "rb")  # noqa: SIM115
    except OSError as exc:
        raise UserError(f"cannot read {shown(input_path)}: {exc.strerror}") from None
    try:
        for result in extractor.extract_many(_read_postings(stream, failures), batch_size):
            click.echo(json_dumps(result))
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    if failures:
        sys.exit(1)  # run_cli drops click.Exit codes in non-standalone mode


def _extract_store(db_url: str | None, redo: bool, taxonomy: Path | None, batch_size: int) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from pipelines.flow import extract_stage
    from pipelines.store.db import open_store

    _load(taxonomy)  # a bad taxonomy fails before the store is touched
    store = open_store(db_url)
    try:
        with Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=None,
            transient=True,
        ) as bar:
            task = bar.add_task("extracting", total=None)

            def progress(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            stats = extract_stage(
                store, taxonomy_path=taxonomy, redo=redo, progress=progress, batch_size=batch_size
            )
    finally:
        store.dispose()
    click.echo(
        f"extracted {stats.extracted}, skipped {stats.skipped} (unchanged), failed {stats.failed};"
        f" {stats.relevant} relevant; taxonomy {stats.taxonomy_version}"
    )
    if stats.failed:
        sys.exit(1)  # run_cli drops click.Exit codes in non-standalone mode


@click.command()
@db_option
@click.option(
    "--all", "redo", is_flag=True, help="Re-extract every posting, not only new or changed ones."
)
@taxonomy_option
@click.option(
    "--input",
    "input_path",
    type=str,
    default=None,
    metavar="FILE|-",
    help="Contract-input JSON Lines (or - for stdin): print one result per line, store untouched.",
)
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=256, show_default=True)
def extract(
    db_url: str | None, redo: bool, taxonomy: Path | None, input_path: str | None, batch_size: int
) -> None:
    """Extract credentials, skills, levels, education, experience and pay from postings.

    Without --input: every stored posting without an extraction for the current taxonomy
    version (or whose content changed) is extracted; --all redoes everything.
    """
    if taxonomy is not None and not taxonomy.is_file():
        raise UserError(f"taxonomy file not found: {taxonomy}")
    if input_path is not None:
        _extract_file(input_path, taxonomy, min(batch_size, 256))
    else:
        _extract_store(db_url, redo, taxonomy, batch_size)
