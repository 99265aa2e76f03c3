"""`mrt status`: each feed's health as the monitors left it; exit 1 while a feed fails."""

from __future__ import annotations

import sys
from typing import Any

import click

from pipelines.cli.options import db_option
from pipelines.safe_output import json_dumps, terminal_safe

EXIT_FAILING = 1
STYLE = {"ok": "green", "degraded": "yellow", "failing": "bold red"}


def _when(iso: str | None) -> str:
    return iso[:16].replace("T", " ") if iso else ""


def _why(feed: dict[str, Any]) -> str:
    return "\n".join(f"{c['check']}: {c['detail']}" for c in feed["why"])


def print_table(feeds: list[dict[str, Any]], runs: int) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"Feed health ({len(feeds)} feeds)")
    table.add_column("feed", overflow="fold", min_width=12)
    table.add_column("health")
    table.add_column("since")
    table.add_column("why", overflow="fold")
    table.add_column("last good run")
    table.add_column(f"items, last {runs} runs", overflow="fold")
    for feed in feeds:
        good = feed["last_good"]
        last_good = f"run {good['run_id']}, {_when(good['checked_at'])}" if good else "never"
        # Text() keeps markup characters in feed names and check details literal.
        table.add_row(
            Text(terminal_safe(feed["feed"])),
            Text(feed["status"], style=STYLE.get(feed["status"], "")),
            _when(feed["since"]),
            Text(terminal_safe(_why(feed))),
            last_good,
            " ".join(str(n) for n in feed["items"]),
        )
    Console(width=None if sys.stdout.isatty() else 160).print(table)


def counts(feeds: list[dict[str, Any]]) -> dict[str, int]:
    return {s: sum(f["status"] == s for f in feeds) for s in ("ok", "degraded", "failing")}


@click.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.option(
    "--runs",
    type=click.IntRange(min=1, max=1000),
    default=10,
    show_default=True,
    help="Item counts of this many last runs per feed.",
)
@click.option("--feed", "feeds", multiple=True, metavar="NAME", help="Only this feed (repeatable).")
@db_option
def status(fmt: str, runs: int, feeds: tuple[str, ...], db_url: str | None) -> None:
    """Each feed's health from its last crawl: ok, degraded or failing, why, since when,
    its last good run and items per run.

    Exit status 1 when a feed is failing (for cron and alerting), 2 for a database that
    does not exist.
    """
    from pipelines.store.db import open_store
    from pipelines.store.health import feed_standing

    store = open_store(db_url, create=False)
    try:
        standing = feed_standing(store, runs=runs, feeds=list(feeds) or None)
    finally:
        store.dispose()
    tally = counts(standing)
    if fmt == "json":
        click.echo(json_dumps({"feeds": standing, **tally}, indent=2))
    elif not standing and feeds:
        click.echo("No feed health recorded for the feed(s) named by --feed.", err=True)
    elif not standing:
        click.echo("No feed health recorded yet: mrt crawl records it as each feed ends.", err=True)
    else:
        print_table(standing, runs)
        click.echo(
            f"{len(standing)} feeds: {tally['ok']} ok, {tally['degraded']} degraded, "
            f"{tally['failing']} failing"
        )
    if tally["failing"]:
        # SystemExit, not ctx.exit: run_cli drops the code click returns for ctx.exit.
        raise SystemExit(EXIT_FAILING)
