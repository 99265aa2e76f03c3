"""A stored posting as one output record: the fields `mrt postings` and the web API show."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pipelines.store.postings import shown_pay

# The fields every output row carries, in this order. The salary fields hold the posting's
# structured pay, or where it has none the pay read from its text; pay_source says which
# ("posted" | "text" | null). city and state are the primary place; states lists the states
# of every place the posting names (posting_locations), primary first.
FIELDS = (
    "id", "source", "source_id", "feed", "url", "title", "company", "city", "state", "states",
    "remote",
    "employment_type", "date_posted", "salary_min", "salary_max", "salary_period", "pay_source",
    "description", "first_seen", "last_seen", "closed_at", "relevant", "duplicate_of",
)  # fmt: skip


def plain_value(value: Any) -> Any:
    """Dates and datetimes as ISO text; anything else unchanged."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def posting_record(row: dict[str, Any]) -> dict[str, Any]:
    """A postings row (with ``text_salary_*``) as a record of :data:`FIELDS`."""
    row = {**row, **shown_pay(row)}
    record = {name: plain_value(row.get(name)) for name in FIELDS}
    if row.get("states") is None:  # a row read without its places
        record["states"] = [row["state"]] if row.get("state") else []
    else:
        record["states"] = list(row["states"])
    if isinstance(row.get("date_posted"), datetime):
        record["date_posted"] = row["date_posted"].date().isoformat()
    return record


__all__ = ["FIELDS", "plain_value", "posting_record"]
