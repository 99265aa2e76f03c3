"""Feed health records: what the monitors found at the end of each feed's crawl, the feed's
previous complete runs they compare against, and each feed's standing for `mrt status`."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import and_, func, insert, literal, select

from pipelines.store.db import Store, utcnow
from pipelines.store.schema import crawl_run_sources, feed_health


def record_health(store: Store, run_id: int, feed: str, source: str, **values: Any) -> None:
    """Store one feed's health for run ``run_id`` (status, counts, checks)."""
    allowed = {c.name for c in feed_health.columns} - {"id", "run_id", "feed", "source"}
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"unknown feed_health columns: {sorted(unknown)}")
    values.setdefault("checked_at", utcnow())
    with store.begin() as conn:
        conn.execute(insert(feed_health).values(run_id=run_id, feed=feed, source=source, **values))


def past_runs(store: Store, feed: str, before_run: int | None, limit: int) -> list[dict[str, Any]]:
    """The feed's last ``limit`` complete runs other than ``before_run``, newest first:
    run_id, items and, where the monitors ran, fetched and with_fields."""
    runs = crawl_run_sources
    query = (
        select(runs.c.run_id, runs.c["items"], feed_health.c.fetched, feed_health.c.with_fields)
        .select_from(
            runs.outerjoin(
                feed_health,
                and_(feed_health.c.run_id == runs.c.run_id, feed_health.c.feed == runs.c.feed),
            )
        )
        .where(runs.c.feed == feed, runs.c.complete.is_(True))
        .order_by(runs.c.id.desc())
        .limit(limit)
    )
    if before_run is not None:
        query = query.where(runs.c.run_id != before_run)
    with store.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def feed_standing(
    store: Store, runs: int = 10, feeds: list[str] | None = None
) -> list[dict[str, Any]]:
    """Each checked feed's health as of its last check, by feed name: status and checks,
    since when it has had that status, its last ok run, and its last ``runs`` checks
    (oldest first) with their item counts."""
    h = feed_health
    chosen = h.c.feed.in_(feeds) if feeds else literal(True)
    latest_ids = select(h.c.feed, func.max(h.c.id).label("id")).where(chosen).group_by(h.c.feed)
    latest_ids = latest_ids.subquery("latest_ids")
    latest = select(h).join(latest_ids, h.c.id == latest_ids.c.id).subquery("latest")
    # The last check whose status differs from the latest: the current status holds since
    # the check after it (or the feed's first check).
    breaks = (
        select(h.c.feed, func.max(h.c.id).label("id"))
        .join(latest, and_(latest.c.feed == h.c.feed, h.c.status != latest.c.status))
        .group_by(h.c.feed)
        .subquery("breaks")
    )
    since = (
        select(h.c.feed, func.min(h.c.checked_at).label("since"))
        .join(latest, latest.c.feed == h.c.feed)
        .outerjoin(breaks, breaks.c.feed == h.c.feed)
        .where(h.c.id > func.coalesce(breaks.c.id, 0))
        .group_by(h.c.feed)
    )
    last_ok_ids = (
        select(h.c.feed, func.max(h.c.id).label("id"))
        .where(chosen, h.c.status == "ok")
        .group_by(h.c.feed)
        .subquery("last_ok_ids")
    )
    last_ok = select(h.c.feed, h.c.run_id, h.c.checked_at).join(
        last_ok_ids, h.c.id == last_ok_ids.c.id
    )
    numbered = select(
        h.c.feed, h.c.id, h.c.run_id, h.c.checked_at, h.c.status, h.c["items"],
        func.row_number().over(partition_by=h.c.feed, order_by=h.c.id.desc()).label("n"),
    ).where(chosen).subquery("numbered")  # fmt: skip
    recent = select(numbered).where(numbered.c.n <= runs).order_by(numbered.c.id)
    with store.engine.connect() as conn:
        rows = {r.feed: dict(r._mapping) for r in conn.execute(select(latest))}
        since_of = {r.feed: r.since for r in conn.execute(since)}
        ok_of = {r.feed: r for r in conn.execute(last_ok)}
        history: dict[str, list[dict[str, Any]]] = {}
        for r in conn.execute(recent):
            history.setdefault(r.feed, []).append(
                {"run_id": r.run_id, "checked_at": iso(r.checked_at), "status": r.status,
                 "items": r._mapping["items"]}
            )  # fmt: skip
    standing = []
    for feed in sorted(rows):
        row = rows[feed]
        ok = ok_of.get(feed)
        checks = row["checks"] or []
        standing.append(
            {
                "feed": feed,
                "source": row["source"],
                "status": row["status"],
                "since": iso(since_of.get(feed)),
                "why": [c for c in checks if c.get("status") != "ok"],
                "last_run": {"run_id": row["run_id"], "checked_at": iso(row["checked_at"])},
                "last_good": ok and {"run_id": ok.run_id, "checked_at": iso(ok.checked_at)},
                "items": [run["items"] for run in history.get(feed, [])],
                "runs": history.get(feed, []),
                "checks": checks,
            }
        )
    return standing


def iso(value: datetime | None) -> str | None:
    """A stored time as ISO 8601 in UTC (SQLite hands back naive UTC times)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).isoformat(timespec="seconds")
