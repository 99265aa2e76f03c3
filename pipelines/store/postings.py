"""Write postings: batched native upserts, closing vanished postings, cross-source duplicates.

Every write is one short transaction per batch, so a crawl killed mid-way keeps every
batch already flushed and a re-run upserts the rest without duplicating anything. The
upsert is the database's own ``INSERT ... ON CONFLICT (source, source_id) DO UPDATE``,
which is what keeps two crawlers writing at once from losing or duplicating rows.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    and_,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

from pipelines.store import schema
from pipelines.store.db import Store, utcnow
from pipelines.store.storable import storable_row

postings = schema.postings
posting_locations = schema.posting_locations

# Columns a re-crawl refreshes; first_seen and duplicate_of are never overwritten.
CONTENT_COLUMNS = (
    "feed", "url", "title", "company", "city", "state", "country", "location_raw", "remote",
    "employment_type", "date_posted", "date_posted_raw", "valid_through", "salary_min",
    "salary_max", "salary_period", "salary_currency", "salary_raw", "description",
    "description_html", "raw", "content_hash", "relevant", "dedupe_key", "list_fingerprint",
)  # fmt: skip
# What the content hash covers: what a reader of the posting would see change.
HASHED_COLUMNS = (
    "title", "company", "location_raw", "employment_type", "date_posted", "valid_through",
    "salary_min", "salary_max", "salary_period", "description", "url",
)  # fmt: skip
_COMPANY_NOISE = re.compile(
    r"\b(?:inc|llc|llp|ltd|corp|corporation|co|company|the|pc|pllc|lp|plc)\b\.?", re.I
)
_NON_WORD = re.compile(r"[^a-z0-9]+")
NEAR_IDENTICAL = 0.85  # word-trigram Jaccard of two descriptions


@dataclass
class UpsertResult:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    linked: int = 0
    #: postings the board still lists unchanged, not fetched again: only last_seen moved.
    seen: int = 0
    new_ids: list[int] = field(default_factory=list)
    #: NUL characters and lone surrogates taken out of the rows' text (``storable``).
    nul_removed: int = 0
    surrogates_removed: int = 0

    def add(self, other: UpsertResult) -> None:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.linked += other.linked
        self.seen += other.seen
        self.new_ids.extend(other.new_ids)
        self.nul_removed += other.nul_removed
        self.surrogates_removed += other.surrogates_removed


def _json_default(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def location_rows(places: Iterable[Any]) -> list[dict[str, Any]]:
    """``posting_locations`` values (without posting_id) of a posting's places, primary
    first; each place a ``Location`` or a mapping with its fields."""
    rows = []
    for position, place in enumerate(places):
        get = place.get if isinstance(place, Mapping) else lambda n, p=place: getattr(p, n, None)
        city, country = get("city"), get("country")
        rows.append({
            "position": position,
            "city": str(city)[:128] if city else None,
            "state": get("state") or None,
            "country": str(country)[:2].upper() if country else None,
            "location_raw": get("location_raw") or get("raw") or None,
            "remote": get("remote"),
        })  # fmt: skip
    return rows


def row_locations(row: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The places to store for a posting row: its ``locations`` when given, else its own
    place columns as the one place (nothing when it has none)."""
    if "locations" in row and row["locations"] is not None:
        return list(row["locations"])
    own = {name: row.get(name) for name in ("city", "state", "country", "location_raw", "remote")}
    return location_rows([own]) if any(v is not None for v in own.values()) else []


def content_hash(row: Mapping[str, Any]) -> str:
    payload = {name: row.get(name) for name in HASHED_COLUMNS}
    places = row.get("locations") or []
    if len(places) > 1:  # one place is the columns above: hashes of such rows stay as they were
        payload["places"] = [
            [p.get(k) for k in ("city", "state", "country", "remote", "location_raw")]
            for p in places
        ]
    text = json.dumps(payload, sort_keys=True, default=_json_default, ensure_ascii=False)
    # surrogatepass: a lone surrogate (taken out before the write, which hashes again)
    # must not make the hash itself fail.
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def normalise_company(name: str | None) -> str:
    return _NON_WORD.sub(" ", _COMPANY_NOISE.sub(" ", (name or "").lower())).strip()


def normalise_title(title: str | None) -> str:
    return _NON_WORD.sub(" ", (title or "").lower()).strip()


def dedupe_key(company: str | None, title: str | None) -> str:
    """Same employer and title across sources share this key (then the text must match)."""
    text = f"{normalise_company(company)}|{normalise_title(title)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _NON_WORD.sub(" ", text.lower()).split()
    return {tuple(words[i : i + 3]) for i in range(max(1, len(words) - 2))}


def near_identical(a: str, b: str) -> bool:
    left, right = _shingles(a), _shingles(b)
    if not left or not right:
        return a.strip() == b.strip()
    return len(left & right) / len(left | right) >= NEAR_IDENTICAL


def complete_row(row: dict[str, Any]) -> dict[str, Any]:
    """Fill the derived columns (hash, dedupe key) of a row built from an item."""
    row.setdefault("title", "")
    row.setdefault("description", "")
    row["content_hash"] = row.get("content_hash") or content_hash(row)
    row["dedupe_key"] = dedupe_key(row.get("company"), row.get("title"))
    row.setdefault("relevant", True)
    return row


def _insert(conn: Connection):
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(postings)


def _is_retryable(exc: DBAPIError) -> bool:
    """Deadlocks and serialisation failures between concurrent crawlers: try again."""
    code = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return code in {"40P01", "40001"} or "database is locked" in str(exc)


class PostingWriter:
    """Upserts batches of posting rows into a store, one transaction per batch."""

    def __init__(self, store: Store, *, attempts: int = 5) -> None:
        self.store = store
        self.attempts = attempts

    def upsert(
        self,
        rows: Sequence[dict[str, Any]],
        now: datetime | None = None,
        *,
        seen: Sequence[tuple[str, str]] = (),
    ) -> UpsertResult:
        """Write ``rows`` (postings fetched in full) and mark ``seen`` ((source, source_id)
        of postings listed unchanged, not fetched) in one transaction."""
        if not rows and not seen:
            return UpsertResult()
        now = now or utcnow()
        # Text the database would refuse (NUL, lone surrogates) goes first, so one such
        # character never fails the batch; the hash is then that of what is stored.
        nul = surrogates = 0
        unique = {}
        for row in rows:
            row, removed = storable_row(row)
            if removed:
                nul, surrogates = nul + removed.nul, surrogates + removed.surrogates
                row["content_hash"] = None
            # Last one wins within a batch.
            unique[(row["source"], row["source_id"])] = complete_row(dict(row))
        # A sorted order keeps concurrent writers from locking rows in opposite orders.
        batch = [unique[key] for key in sorted(unique)]
        for attempt in range(1, self.attempts + 1):
            try:
                with self.store.begin() as conn:
                    result = _upsert_batch(conn, batch, now)
                    result.seen = mark_seen(conn, seen, now)
                result.nul_removed, result.surrogates_removed = nul, surrogates
                return result
            except DBAPIError as exc:
                if attempt == self.attempts or not _is_retryable(exc):
                    raise
                time.sleep(0.05 * attempt)
        raise AssertionError("unreachable")


def _upsert_batch(conn: Connection, batch: list[dict[str, Any]], now: datetime) -> UpsertResult:
    """New and changed rows go through one upsert; unchanged ones only get last_seen.

    Unchanged means the same content hash, feed and relevance, and still open: a
    re-crawl of an unchanged board then rewrites nothing but two timestamps per row (last
    seen, last fetched in full), and the list-entry fingerprint where only that changed.
    """
    result = UpsertResult()
    existing = _existing(conn, batch)
    changed: list[tuple[str, str, str]] = []
    values = []
    unchanged: dict[str, list[str]] = {}
    new_fingerprints = []
    for row in batch:
        before = existing.get((row["source"], row["source_id"]))
        if before is not None and before[:4] == (
            row["content_hash"], None, bool(row["relevant"]), row["feed"]
        ):  # fmt: skip
            result.unchanged += 1
            unchanged.setdefault(row["source"], []).append(row["source_id"])
            if before[4] != row.get("list_fingerprint"):
                new_fingerprints.append({"b_source": row["source"], "b_source_id": row["source_id"],
                                         "b_fingerprint": row.get("list_fingerprint")})  # fmt: skip
            continue
        if before is None:
            result.new += 1
        else:
            result.updated += 1
        changed.append((row["source"], row["source_id"], row["dedupe_key"]))
        values.append({**{c: row.get(c) for c in CONTENT_COLUMNS}, "source": row["source"],
                       "source_id": row["source_id"], "first_seen": now, "last_seen": now,
                       "fetched_at": now, "closed_at": None})  # fmt: skip
    for source, ids in unchanged.items():
        conn.execute(
            update(postings)
            .where(postings.c.source == source, postings.c.source_id.in_(ids))
            .values(last_seen=now, fetched_at=now)
        )
    if new_fingerprints:
        conn.execute(
            update(postings)
            .where(
                postings.c.source == bindparam("b_source"),
                postings.c.source_id == bindparam("b_source_id"),
            )
            .values(list_fingerprint=bindparam("b_fingerprint")),
            new_fingerprints,
        )
    if values:
        stmt = _insert(conn)
        stmt = stmt.on_conflict_do_update(
            index_elements=[postings.c.source, postings.c.source_id],
            set_={
                **{name: stmt.excluded[name] for name in CONTENT_COLUMNS},
                "last_seen": stmt.excluded.last_seen,
                "fetched_at": stmt.excluded.fetched_at,
                "closed_at": None,
            },
        )
        conn.execute(stmt, values)
        keys = {(source, source_id) for source, source_id, _ in changed}
        _replace_locations(conn, [r for r in batch if (r["source"], r["source_id"]) in keys])
    if changed:
        result.linked = link_duplicates(conn, changed)
    return result


def _ids(conn: Connection, rows: list[dict[str, Any]]) -> dict[tuple[str, str], int]:
    by_source: dict[str, list[str]] = {}
    for row in rows:
        by_source.setdefault(row["source"], []).append(row["source_id"])
    found: dict[tuple[str, str], int] = {}
    for source, ids in by_source.items():
        query = select(postings.c.id, postings.c.source_id).where(
            postings.c.source == source, postings.c.source_id.in_(ids)
        )
        for posting_id, source_id in conn.execute(query):
            found[(source, source_id)] = posting_id
    return found


def _replace_locations(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """The places of new or changed postings, rewritten in the posting's transaction."""
    if not rows:
        return
    ids = _ids(conn, rows)
    posting_ids = sorted(ids.values())
    conn.execute(delete(posting_locations).where(posting_locations.c.posting_id.in_(posting_ids)))
    values = [
        {**place, "posting_id": ids[(row["source"], row["source_id"])]}
        for row in rows
        for place in row_locations(row)
    ]
    if values:
        conn.execute(insert(posting_locations), values)


def mark_seen(conn: Connection, seen: Iterable[tuple[str, str]], now: datetime) -> int:
    """Postings a crawl found listed unchanged and did not fetch: last_seen moves (and a
    closed one is open again); every other column stays. Returns the rows marked."""
    by_source: dict[str, list[str]] = {}
    for source, source_id in seen:
        by_source.setdefault(source, []).append(source_id)
    marked = 0
    for source, ids in by_source.items():
        for start in range(0, len(ids), 500):
            result = conn.execute(
                update(postings)
                .where(
                    postings.c.source == source, postings.c.source_id.in_(ids[start : start + 500])
                )
                .values(last_seen=now, closed_at=None)
            )
            marked += result.rowcount or 0
    return marked


def _existing(conn: Connection, batch: list[dict[str, Any]]) -> dict[tuple[str, str], tuple]:
    """(content_hash, closed_at, relevant, feed, list_fingerprint) of the batch's rows
    already stored."""
    by_source: dict[str, list[str]] = {}
    for row in batch:
        by_source.setdefault(row["source"], []).append(row["source_id"])
    found: dict[tuple[str, str], tuple] = {}
    for source, ids in by_source.items():
        query = select(
            postings.c.source_id,
            postings.c.content_hash,
            postings.c.closed_at,
            postings.c.relevant,
            postings.c.feed,
            postings.c.list_fingerprint,
        ).where(postings.c.source == source, postings.c.source_id.in_(ids))
        for source_id, hash_, closed, relevant, feed, fingerprint in conn.execute(query):
            found[(source, source_id)] = (hash_, closed, bool(relevant), feed, fingerprint)
    return found


def link_duplicates(conn: Connection, changed: Iterable[tuple[str, str, str]]) -> int:
    """Point new or changed postings at the earliest posting of the same job elsewhere.

    ``changed`` holds (source, source_id, dedupe_key) of the batch's new or changed rows.
    The earliest row of a dedupe key (lowest id: ids grow with first_seen) is the kept
    one; a row from another source with near-identical text points at it. One grouped
    query finds the keys that more than one source shares; only those rows are read.
    """
    changed = list(changed)
    keys = sorted({key for _, _, key in changed})
    if not keys:
        return 0
    first_ids = dict(
        conn.execute(
            select(postings.c.dedupe_key, func.min(postings.c.id))
            .where(postings.c.dedupe_key.in_(keys))
            .group_by(postings.c.dedupe_key)
            .having(func.count(func.distinct(postings.c.source)) > 1)
        ).all()
    )
    if not first_ids:
        return 0
    by_source: dict[str, list[str]] = {}
    for source, source_id, key in changed:
        if key in first_ids:
            by_source.setdefault(source, []).append(source_id)
    candidates = []
    columns = (postings.c.id, postings.c.source, postings.c.dedupe_key,
               postings.c.description, postings.c.duplicate_of)  # fmt: skip
    for source, ids in by_source.items():
        candidates += conn.execute(
            select(*columns).where(postings.c.source == source, postings.c.source_id.in_(ids))
        ).all()
    needed = {first_ids[c.dedupe_key] for c in candidates if c.id != first_ids[c.dedupe_key]}
    if not needed:
        return 0
    firsts = {
        r.id: r for r in conn.execute(select(*columns).where(postings.c.id.in_(sorted(needed))))
    }
    linked = 0
    for row in candidates:
        first = firsts.get(first_ids[row.dedupe_key])
        if first is None or first.id == row.id:
            continue
        target = (
            first.id
            if row.source != first.source
            and near_identical(row.description or "", first.description or "")
            else None
        )
        if row.duplicate_of != target:
            conn.execute(
                update(postings).where(postings.c.id == row.id).values(duplicate_of=target)
            )
            linked += target is not None
    return linked


def close_missing(
    store: Store,
    feed: str,
    crawl_started: datetime,
    *,
    include_irrelevant: bool = False,
    now: datetime | None = None,
) -> int:
    """Close the feed's open postings a complete crawl started at ``crawl_started`` missed.

    Rows the crawl saw have ``last_seen >= crawl_started``. Without ``--all`` the crawl
    never sees the irrelevant rows an earlier ``--all`` crawl stored, so it leaves them be.
    """
    conditions = [
        postings.c.feed == feed,
        postings.c.closed_at.is_(None),
        postings.c.last_seen < crawl_started,
    ]
    if not include_irrelevant:
        conditions.append(postings.c.relevant.is_(True))
    with store.begin() as conn:
        result = conn.execute(
            update(postings).where(and_(*conditions)).values(closed_at=now or utcnow())
        )
    return result.rowcount or 0


#: The pay the extractor read from a posting's text, selected beside the posting's columns.
TEXT_PAY = (
    schema.extractions.c.salary_min.label("text_salary_min"),
    schema.extractions.c.salary_max.label("text_salary_max"),
    schema.extractions.c.salary_period.label("text_salary_period"),
)


def with_extraction():
    """``postings`` outer-joined to its extraction row, for selecting :data:`TEXT_PAY`."""
    return postings.outerjoin(schema.extractions, schema.extractions.c.posting_id == postings.c.id)


def shown_pay(row: Mapping[str, Any]) -> dict[str, Any]:
    """The pay to show for a posting: its structured salary fields when it has any, else
    what the extractor read from the description (``text_salary_*``).

    Returns ``salary_min``, ``salary_max``, ``salary_period`` and ``pay_source``: "posted",
    "text" or None when the posting states no pay anywhere. The demand report applies the
    same rule to whole frames (``pipelines.demand.load``).
    """
    for prefix, source in (("", "posted"), ("text_", "text")):
        low, high = row.get(f"{prefix}salary_min"), row.get(f"{prefix}salary_max")
        if low is not None or high is not None:
            period = row.get(f"{prefix}salary_period")
            return {"salary_min": low, "salary_max": high, "salary_period": period,
                    "pay_source": source}  # fmt: skip
    return {"salary_min": None, "salary_max": None, "salary_period": None, "pay_source": None}


def in_state(*states: str):
    """A posting with any of its places in one of ``states`` (its primary state, or any
    ``posting_locations`` row: postings written before that table keep their own state)."""
    codes = sorted({s.upper() for s in states})
    return or_(
        postings.c.state.in_(codes),
        postings.c.id.in_(
            select(posting_locations.c.posting_id).where(posting_locations.c.state.in_(codes))
        ),
    )


def query_postings(
    store: Store,
    *,
    state: str | None = None,
    since: date | None = None,
    source: str | None = None,
    relevant_only: bool = True,
    include_closed: bool = True,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Stored postings, newest first, as dicts of column values (plus ``text_salary_*``, the
    pay the extractor read from the text: see :func:`shown_pay`)."""
    query = (
        select(postings, *TEXT_PAY)
        .select_from(with_extraction())
        .order_by(postings.c.first_seen.desc(), postings.c.id.desc())
    )
    if state:
        query = query.where(in_state(state))
    if since:
        query = query.where(
            or_(
                postings.c.date_posted >= since,
                and_(postings.c.date_posted.is_(None), postings.c.first_seen >= since),
            )
        )
    if source:
        query = query.where(postings.c.source == source)
    if relevant_only:
        query = query.where(postings.c.relevant.is_(True))
    if not include_closed:
        query = query.where(postings.c.closed_at.is_(None))
    if limit:
        query = query.limit(limit)
    with store.engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(query)]
        _attach_places(conn, rows)
    return rows


def _attach_places(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Give each row ``places`` (its posting_locations rows, primary first; its own place
    columns for a posting stored without them) and ``states`` (their distinct states)."""
    found: dict[int, list[dict[str, Any]]] = {}
    ids = [row["id"] for row in rows]
    columns = [c for c in posting_locations.c if c.name not in ("position",)]
    for start in range(0, len(ids), 1000):
        query = (
            select(*columns)
            .where(posting_locations.c.posting_id.in_(ids[start : start + 1000]))
            .order_by(posting_locations.c.posting_id, posting_locations.c.position)
        )
        for place in conn.execute(query):
            found.setdefault(place.posting_id, []).append(
                {k: v for k, v in place._mapping.items() if k != "posting_id"}
            )
    for row in rows:
        places = found.get(row["id"]) or row_locations({**row, "locations": None})
        row["places"] = [{k: v for k, v in p.items() if k != "position"} for p in places]
        row["states"] = list(dict.fromkeys(p["state"] for p in places if p.get("state")))
