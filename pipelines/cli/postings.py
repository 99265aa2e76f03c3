"""`mrt postings`: list stored postings as a table, JSON Lines or CSV."""

from __future__ import annotations

import csv
import io
import sys
from datetime import date
from typing import Any

import click

from pipelines.cli.errors import UserError
from pipelines.cli.options import db_option
from pipelines.safe_output import csv_cell, json_dumps, terminal_safe
from pipelines.store.records import FIELDS, posting_record
from pipelines.store.records import plain_value as _plain


def _pay(row: dict[str, Any]) -> str:
    from pipelines.store.postings import shown_pay

    pay = shown_pay(row)
    if pay["pay_source"] is None:
        return ""
    unit = "/hr" if pay["salary_period"] == "hour" else "/yr"
    low = pay["salary_min"] if pay["salary_min"] is not None else pay["salary_max"]
    high = pay["salary_max"] if pay["salary_max"] is not None else low
    fmt = "{:,.2f}" if pay["salary_period"] == "hour" else "{:,.0f}"
    text = fmt.format(low) if low == high else f"{fmt.format(low)}-{fmt.format(high)}"
    return f"${text}{unit}" + (" (from text)" if pay["pay_source"] == "text" else "")


def print_table(rows: list[dict[str, Any]], title: str = "Postings") -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{title} ({len(rows)})")
    for column in ("id", "source", "title", "company", "place", "pay", "posted", "status"):
        table.add_column(column, overflow="fold")
    for row in rows:
        place = ", ".join(p for p in (row.get("city"), row.get("state")) if p)
        if row.get("remote"):
            place = f"{place} (remote)" if place else "remote"
        others = len(row.get("places") or []) - 1
        if others > 0:  # a posting in several places: --state finds it by any of them
            place = f"{place} +{others} more" if place else f"{others + 1} places"
        status = "closed" if row.get("closed_at") else "open"
        if row.get("duplicate_of"):
            status += f", dup of {row['duplicate_of']}"
        if not row.get("relevant"):
            status += ", not relevant"
        # Text() keeps markup characters in employer-supplied strings literal.
        table.add_row(
            str(row["id"]), _text(row["source"]), _text(row.get("title")),
            _text(row.get("company")), _text(place), _pay(row),
            str(_plain(row.get("date_posted")) or ""), status,
        )  # fmt: skip
    Console(width=None if sys.stdout.isatty() else 160).print(table)


def _text(value: Any):
    """Employer-supplied text as a Rich ``Text``: markup literal, terminal controls visible."""
    from rich.text import Text

    return Text(terminal_safe(value or ""))


def parse_since(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UserError(f"--since must be an ISO date like 2026-01-31, not {value!r}") from exc


@click.command()
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table")
@click.option("--state", metavar="XX", help="Two-letter state code (any of a posting's places).")
@click.option("--since", metavar="DATE", help="Posted (or first seen) on or after this ISO date.")
@click.option("--source", metavar="KIND", help="Only this source kind (greenhouse, usajobs...).")
@click.option(
    "--relevant/--all",
    "relevant_only",
    default=True,
    help="Only medical-records postings (default) or every stored posting.",
)
@click.option("--open-only", is_flag=True, help="Leave out closed postings.")
@click.option(
    "--limit", type=click.IntRange(min=1, max=2**63 - 1), default=None, help="At most N rows."
)
@db_option
def postings(fmt, state, since, source, relevant_only, open_only, limit, db_url) -> None:
    """List stored postings, newest first."""
    from pipelines.store.db import open_store
    from pipelines.store.postings import query_postings

    if state and len(state) != 2:
        raise UserError(f"--state takes a two-letter code such as OK, not {state!r}")
    store = open_store(db_url, create=False)
    rows = query_postings(
        store, state=state, since=parse_since(since), source=source,
        relevant_only=relevant_only, include_closed=not open_only, limit=limit,
    )  # fmt: skip
    store.dispose()
    if fmt == "table":
        print_table(rows)
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json_dumps(posting_record(row)))
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=FIELDS)
        writer.writeheader()
        for row in rows:
            record = posting_record(row)
            record["states"] = " ".join(record["states"])  # one cell: "OK TX"
            writer.writerow({k: csv_cell(v) for k, v in record.items()})
        click.echo(buffer.getvalue(), nl=False)
