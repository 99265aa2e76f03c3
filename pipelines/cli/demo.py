"""`mrt demo`: run the pipeline on the bundled recordings, no network needed.

Each step runs one stage of ``pipelines.flow`` and prints what it gave; the steps share
one context (``db_url``, ``console``, and ``data`` for what each step left).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from pipelines.cli.options import db_option


@dataclass
class DemoContext:
    db_url: str
    console: Any
    data: dict[str, Any] = field(default_factory=dict)
    reports_dir: Path = Path("reports")


def crawl_step(ctx: DemoContext) -> None:
    """Crawl every bundled recording (one feed per source kind) into the store."""
    from pipelines.cli.crawl import print_summary
    from pipelines.flow import crawl_recordings

    summary = crawl_recordings(ctx.db_url)
    ctx.data["summary"] = summary
    print_summary(summary, ctx.console)


def show_postings_step(ctx: DemoContext) -> None:
    """Print what the crawl stored."""
    from pipelines.cli.postings import print_table
    from pipelines.store.db import open_store
    from pipelines.store.postings import query_postings

    store = open_store(ctx.db_url)
    rows = query_postings(store, include_closed=False)
    store.dispose()
    ctx.data["postings"] = len(rows)
    print_table(rows, title="Stored postings")


def extract_step(ctx: DemoContext) -> None:
    """Extract requirements from what was crawled and show the most asked-for."""
    from pipelines.demand import load_postings, load_requirements, sample_postings
    from pipelines.demand.items import item_demand
    from pipelines.flow import extract_stage
    from pipelines.store.db import open_store

    store = open_store(ctx.db_url)
    try:
        stats = extract_stage(store)
        ctx.data["extract"] = stats
        ctx.console.print(
            f"Extracted {stats.extracted} postings ({stats.relevant} in the job family), "
            f"{stats.skipped} unchanged since the last extraction, {stats.failed} failed."
        )
        sample = sample_postings(load_postings(store))
        requirements = load_requirements(store)
    finally:
        store.dispose()
    for kind, title in (("credential", "Top credentials"), ("skill", "Top skills")):
        print_top_demand(ctx.console, item_demand(sample, requirements, kind).head(10), title)


def print_top_demand(console: Any, demand: Any, title: str) -> None:
    """A table of ``item_demand`` rows: postings asking, and the required / preferred split."""
    from rich.table import Table

    table = Table(title=title)
    for header in ("id", "postings", "share", "required", "preferred"):
        table.add_column(header, justify="left" if header == "id" else "right")
    for row in demand.itertuples():
        table.add_row(
            str(row.id),
            f"{row.postings} / {row.denominator}",
            f"{row.share:.0%}",
            f"{row.required_share:.0%}",
            f"{row.preferred_share:.0%}",
        )
    console.print(table)


def match_step(ctx: DemoContext) -> None:
    """Match the bundled sample resume (a made-up RHIT) against the extracted postings."""
    from rich.text import Text

    from matcher.render import render_table
    from pipelines.flow import SAMPLE_RESUME, match_sample

    ctx.console.print(Text(f"mrt match {SAMPLE_RESUME.name} (a made-up candidate)", style="bold"))
    result = match_sample(ctx.db_url)
    render_table(result, ctx.console)
    ctx.console.print(
        Text("Try it on your own resume: mrt match path/to/resume.pdf [--state TX] [--format json]")
    )
    ctx.data["match"] = {
        "score": result.score,
        "qualified_share": result.qualified_share,
        "postings_considered": result.postings_considered,
    }


def report_step(ctx: DemoContext) -> None:
    """Write the HTML demand report of the demo store and print its path."""
    from pipelines.flow import write_reports
    from pipelines.store.db import open_store

    store = open_store(ctx.db_url)
    try:
        (path,) = write_reports(store, ctx.reports_dir, formats=("html",))
    finally:
        store.dispose()
    ctx.data["report"] = path
    ctx.console.print(f"Report: {path}")


STEPS: list[Callable[[DemoContext], None]] = [
    crawl_step,
    show_postings_step,
    extract_step,
    match_step,
    report_step,
]


@click.command()
@db_option
def demo(db_url: str | None) -> None:
    """Run the whole pipeline offline: crawl the bundled recordings of every source kind,
    extract requirements, match a sample resume and write the demand report."""
    import logging
    import sys

    from rich.console import Console

    from pipelines.cli.crawl import configure_logging
    from pipelines.store.db import default_db_url

    configure_logging(verbose=False)
    logging.getLogger("scraper").setLevel(logging.ERROR)
    console = Console(width=None if sys.stdout.isatty() else 160)
    ctx = DemoContext(db_url=db_url or default_db_url(), console=console)
    console.print(f"Demo store: {ctx.db_url}")
    for step in STEPS:
        console.rule(step.__doc__.splitlines()[0] if step.__doc__ else step.__name__)
        step(ctx)
    summary = ctx.data.get("summary")
    if summary is not None and summary.failed_feeds:
        raise SystemExit(1)
