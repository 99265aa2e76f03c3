"""`mrt demo`: run the pipeline on the bundled recordings, no network needed.

The demo is a list of steps sharing one context; later stages (extract, match,
report) add their step to ``STEPS`` after ``crawl_step`` and read what it left in the
context (``db_url``, ``summary``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import click

from pipelines.cli.options import db_option


@dataclass
class DemoContext:
    db_url: str
    console: Any
    data: dict[str, Any] = field(default_factory=dict)


def crawl_step(ctx: DemoContext) -> None:
    """Crawl every bundled recording (one feed per source kind) into the store."""
    from scraper.runner import RECORDINGS, crawl
    from scraper.sources import load_sources

    sources = load_sources(RECORDINGS / "sources.yaml")
    summary = crawl(sources, ctx.db_url, replay=RECORDINGS, command="mrt demo")
    ctx.data["summary"] = summary
    from pipelines.cli.crawl import print_summary

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


# The integrator inserts the extract, match and report steps here, after the crawl.
STEPS: list[Callable[[DemoContext], None]] = [crawl_step, show_postings_step]


@click.command()
@db_option
def demo(db_url: str | None) -> None:
    """Crawl the bundled recordings of every source kind into the store and show them."""
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
