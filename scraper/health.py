"""Feed health: one crawl's figures against the thresholds and the feed's own history.

Pure functions; ``scraper.monitors`` gathers the figures from the crawl's stats and the
store, and Spidermon runs one monitor per check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median
from typing import Any

from scraper.thresholds import COVERED_FIELDS, STATUSES


@dataclass
class FeedFigures:
    """What one crawl of a feed did and produced."""

    feed: str
    source: str
    finish_reason: str = "finished"
    requests: int = 0
    items: int = 0
    """Postings listed: stored, dropped, or seen unchanged and not fetched again."""
    errors: int = 0
    retries: int = 0
    fetched: int = 0
    """Postings fetched in full that reached the store: those the field shares and the
    posting schema are checked on."""
    with_fields: dict[str, int] = field(default_factory=dict)
    """Of the fetched postings, how many have each of ``COVERED_FIELDS``."""
    invalid: int = 0
    """Of the fetched postings, how many fail the posting schema."""
    invalid_fields: dict[str, int] = field(default_factory=dict)
    """``"field: error"`` -> how many postings have that error."""


@dataclass
class PastRun:
    """A previous complete run of the feed, as the store recorded it."""

    run_id: int
    items: int
    fetched: int | None = None  # None: run before monitors were recorded
    with_fields: dict[str, int] | None = None


@dataclass
class Check:
    name: str
    status: str  # ok | degraded | failing
    detail: str

    def as_dict(self) -> dict[str, str]:
        return {"check": self.name, "status": self.status, "detail": self.detail}


def worst(statuses: list[str]) -> str:
    return max(statuses, key=STATUSES.index, default="ok")


def evaluate(figures: FeedFigures, history: list[PastRun], limits: dict[str, Any]) -> list[Check]:
    """Every check of one feed's crawl, in report order. ``history``: newest first."""
    history = history[: limits["history_runs"]]
    return [
        check_finished(figures),
        check_item_count(figures, history, limits["item_count"]),
        check_rate("error_rate", figures.errors, figures.requests, limits["error_rate"],
                   "failed request or payload", "failed requests or payloads"),
        check_rate("retry_rate", figures.retries, figures.requests, limits["retry_rate"],
                   "retry", "retries"),
        *(check_coverage(name, figures, history, limits) for name in COVERED_FIELDS),
        check_validation(figures, limits["validation"]),
    ]  # fmt: skip


def check_finished(figures: FeedFigures) -> Check:
    if figures.finish_reason == "finished":
        return Check("finished", "ok", "the crawl ran to its end")
    return Check("finished", "failing", f"the crawl ended early ({figures.finish_reason})")


def check_item_count(figures: FeedFigures, history: list[PastRun], limits: dict) -> Check:
    items = figures.items
    if not history:
        status = "failing" if items == 0 else "ok"
        return Check("item_count", status, f"{_n(items, 'posting')}, no previous complete run")
    baseline = median(run.items for run in history)
    before = f"median of the previous {_n(len(history), 'complete run')}: {baseline:g}"
    if items == 0:
        return Check("item_count", "failing", f"no postings ({before})")
    drop = 1 - items / baseline if baseline else 0.0
    status = _past(drop, limits["degraded_drop"], limits["failing_drop"])
    if drop > 0:
        return Check("item_count", status, f"{_n(items, 'posting')}, {drop:.0%} fewer ({before})")
    return Check("item_count", status, f"{_n(items, 'posting')} ({before})")


def check_rate(name: str, count: int, requests: int, limits: dict, one: str, many: str) -> Check:
    rate = count / requests if requests else 0.0
    status = _past(rate, limits["degraded"], limits["failing"])
    noun = one if count == 1 else many
    return Check(name, status, f"{count} {noun} in {_n(requests, 'request')} ({rate:.0%})")


def check_coverage(
    name: str, figures: FeedFigures, history: list[PastRun], limits: dict[str, Any]
) -> Check:
    check = f"coverage:{name}"
    fetched = figures.fetched
    if fetched < limits["min_items"]:
        return Check(
            check, "ok", f"not judged: {_n(fetched, 'posting')} fetched in full, fewer than "
            f"{limits['min_items']}"
        )  # fmt: skip
    share = figures.with_fields.get(name, 0) / fetched
    floor = limits["coverage"][name]
    status = _below(share, floor["degraded"], floor["failing"])
    detail = (
        f"{name} in {figures.with_fields.get(name, 0)} of {fetched} fetched postings ({share:.0%})"
    )
    shares = [
        run.with_fields.get(name, 0) / run.fetched
        for run in history
        if run.fetched and run.fetched >= limits["min_items"] and run.with_fields is not None
    ]
    if shares:
        before = sum(shares) / len(shares)
        drop = before - share
        drop_limits = limits["coverage_drop"]
        status = worst([status, _past(drop, drop_limits["degraded"], drop_limits["failing"])])
        detail += f", {before:.0%} on average in the previous {_n(len(shares), 'run')}"
    if status != "ok" and share < floor["degraded"]:
        detail += f" (floor {floor['degraded']:.0%})"
    return Check(check, status, detail)


def check_validation(figures: FeedFigures, limits: dict) -> Check:
    fetched, invalid = figures.fetched, figures.invalid
    if not fetched:
        return Check("validation", "ok", "no posting fetched in full to validate")
    share = invalid / fetched
    status = _past(share, limits["degraded"], limits["failing"])
    detail = f"{invalid} of {fetched} fetched postings fail the posting schema ({share:.0%})"
    if invalid:
        top = sorted(figures.invalid_fields.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        detail += ": " + ", ".join(f"{what} x{count}" for what, count in top)
    return Check("validation", status, detail)


def _past(value: float, degraded: float, failing: float) -> str:
    """A rate or drop: failing above ``failing``, degraded above ``degraded``."""
    if value > failing:
        return "failing"
    return "degraded" if value > degraded else "ok"


def _below(share: float, degraded: float, failing: float) -> str:
    """A share: failing below ``failing``, degraded below ``degraded``."""
    if share < failing:
        return "failing"
    return "degraded" if share < degraded else "ok"


def _n(count: float, noun: str) -> str:
    return f"{count:g} {noun}" + ("" if count == 1 else "s")
