"""The market as distinct need signatures with counts, cached in the store.

The cache (tables of migration m0001) is keyed by a fingerprint of the postings and
extractions it was built from and rebuilt only when that changes, so a match costs a
few indexed queries whatever the number of postings. The packed index in
``match_index`` also holds every posting's signature and facets, newest first, so
filters and the ranking of qualified postings are numpy work.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

import numpy as np
from sqlalchemy import Connection, and_, case, delete, func, insert, select, true

from matcher.cache_tables import match_cache_state, match_index, match_needs, match_posting_needs
from matcher.index import MarketIndex, PostingFacets
from matcher.needs import Needs, needs_from_tuples
from pipelines.store.db import Store, utcnow
from pipelines.store.postings import TEXT_PAY, with_extraction
from pipelines.store.schema import extractions, posting_locations, postings, requirements

CACHE_FORMAT = 4  # bump when Needs or the build rules change, to force a rebuild
REQUIREMENT_COLUMNS = (
    requirements.c.posting_id,
    requirements.c.kind,
    requirements.c.item_id,
    requirements.c.level,
    requirements.c.grp,
    requirements.c.eligible,
    requirements.c.within_months,
    requirements.c.years,
)


@dataclass(frozen=True)
class MarketFilter:
    """Narrowing of the market: postings in a state, remote ones, posted since a date."""

    state: str | None = None
    remote: bool = False
    since: date | None = None

    def describe(self) -> str:
        parts = []
        if self.state:
            parts.append(f"in {self.state}")
        if self.remote:
            parts.append("remote")
        if self.since:
            parts.append(f"since {self.since.isoformat()}")
        return " ".join(parts)


@dataclass(frozen=True)
class MarketSlice:
    """The market's index and how many considered postings each signature stands for.

    Signature ``i`` of the index is row ``i + 1`` of ``match_needs``. ``rows`` are the
    rows of ``index.facets`` passing the filters (None for a one-posting market).
    """

    index: MarketIndex
    weights: np.ndarray
    rows: np.ndarray | None = None

    @property
    def postings(self) -> int:
        return int(self.weights.sum())


def current_postings_clause():
    """Relevant, open, not a duplicate, and extracted (the extraction says relevant too)."""
    return and_(
        postings.c.relevant == true(),
        postings.c.closed_at.is_(None),
        postings.c.duplicate_of.is_(None),
        extractions.c.relevant == true(),
    )


def market_fingerprint(conn: Connection) -> str:
    """Changes whenever a posting or extraction that could enter the market changes."""
    p = conn.execute(
        select(
            func.count(),
            func.max(postings.c.last_seen),
            func.count(postings.c.closed_at),
            func.count(postings.c.duplicate_of),
            func.sum(case((postings.c.relevant == true(), 1), else_=0)),
        )
    ).one()
    # Re-extraction rewrites extracted_at; requirement rows only change with it, and
    # their max id (O(1)) catches a rewrite of rows alone.
    e = conn.execute(select(func.count(), func.max(extractions.c.extracted_at))).one()
    r = conn.execute(select(func.max(requirements.c.id))).one()
    parts = [CACHE_FORMAT, *p, *e, *r]
    return "|".join("" if v is None else str(v) for v in parts)[:255]


def _posted_on(date_posted: date | None, first_seen: datetime) -> date:
    return date_posted or first_seen.date()


def _requirements_by_posting(rows: Iterable) -> dict[int, list]:
    """posting id -> its requirement tuples (rows come posting_id first, then the fields)."""
    grouped: dict[int, list] = defaultdict(list)
    for posting_id, *fields in rows:
        grouped[posting_id].append(tuple(fields))
    return grouped


def rebuild_cache(conn: Connection, fingerprint: str) -> int:
    """Recompute every current posting's signature and the counts; returns postings cached."""
    current = conn.execute(
        select(
            postings.c.id,
            postings.c.state,
            postings.c.remote,
            postings.c.date_posted,
            postings.c.first_seen,
        )
        .join(extractions, extractions.c.posting_id == postings.c.id)
        .where(current_postings_clause())
    ).all()
    reqs = _requirements_by_posting(
        conn.execute(
            select(*REQUIREMENT_COLUMNS)
            .join(
                extractions,
                and_(
                    extractions.c.posting_id == requirements.c.posting_id,
                    extractions.c.taxonomy_version == requirements.c.taxonomy_version,
                ),
            )
            .join(postings, postings.c.id == requirements.c.posting_id)
            .where(current_postings_clause())
        )
    )
    need_ids: dict[Needs, int] = {}
    counts: dict[int, int] = defaultdict(int)
    rows = []
    for posting in current:
        key = needs_from_tuples(reqs.get(posting.id, ()))
        need_id = need_ids.setdefault(key, len(need_ids) + 1)
        counts[need_id] += 1
        rows.append(
            {
                "posting_id": posting.id,
                "need_id": need_id,
                "state": posting.state,
                "remote": bool(posting.remote),
                "posted_on": _posted_on(posting.date_posted, posting.first_seen),
            }
        )
    conn.execute(delete(match_posting_needs))
    conn.execute(delete(match_needs))
    conn.execute(delete(match_index))
    conn.execute(delete(match_cache_state))
    ordered = sorted(need_ids.items(), key=lambda kv: kv[1])
    index = MarketIndex.build([k for k, _ in ordered], [counts[i] for _, i in ordered])
    # every place but the first (the posting's own state) of the postings cached
    more_places = conn.execute(
        select(posting_locations.c.posting_id, posting_locations.c.state).where(
            posting_locations.c.position > 0, posting_locations.c.state.is_not(None)
        )
    ).all()
    facets = PostingFacets.build(
        [
            (r["posting_id"], r["need_id"] - 1, r["state"], r["remote"], r["posted_on"])
            for r in rows
        ],
        [(pid, state) for pid, state in more_places],
    )
    index = replace(index, facets=facets)
    conn.execute(insert(match_index), {"id": 1, "data": index.to_bytes()})
    if need_ids:
        conn.execute(
            insert(match_needs),
            [{"id": i, "needs": key.to_json(), "postings": counts[i]} for key, i in ordered],
        )
    for start in range(0, len(rows), 20_000):
        conn.execute(insert(match_posting_needs), rows[start : start + 20_000])
    conn.execute(
        insert(match_cache_state),
        {"id": 1, "fingerprint": fingerprint, "built_at": utcnow(), "postings": len(rows)},
    )
    return len(rows)


def ensure_cache(store: Store, *, force: bool = False) -> None:
    """Rebuild the cache when the store's postings or extractions changed since."""
    with store.begin() as conn:
        fingerprint = market_fingerprint(conn)
        cached = conn.execute(
            select(match_cache_state.c.fingerprint).where(match_cache_state.c.id == 1)
        ).scalar()
        if cached == fingerprint and not force:
            return
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(727275)")
            cached = conn.execute(
                select(match_cache_state.c.fingerprint).where(match_cache_state.c.id == 1)
            ).scalar()
            if cached == fingerprint and not force:
                return
        rebuild_cache(conn, fingerprint)


def cached_index(store: Store) -> MarketIndex | None:
    """The market index as last built into the store, without rebuilding it (read only)."""
    query = select(match_index.c.data).where(match_index.c.id == 1)
    with store.engine.connect() as conn:
        data = conn.execute(query).scalar()
    return MarketIndex.from_bytes(data) if data is not None else None


def load_market(
    store: Store, market_filter: MarketFilter, index: MarketIndex | None = None
) -> MarketSlice:
    """The cached market index, weighted by the postings passing ``market_filter``.

    ``index``: one already loaded (the web app keeps one, from ``cached_index``); the
    store is then not read at all and the cache is neither checked nor rebuilt.
    """
    if index is None or index.facets is None:
        ensure_cache(store)
        index = cached_index(store)
    if index is None or index.facets is None:  # a cache left by an older version
        ensure_cache(store, force=True)
        index = cached_index(store)
    assert index is not None and index.facets is not None
    keep = index.facets.mask(market_filter.state, market_filter.remote, market_filter.since)
    rows = np.flatnonzero(keep)
    weights = np.bincount(index.facets.need[rows], minlength=index.signatures)
    return MarketSlice(index, weights.astype(np.int64), rows)


POSTING_COLUMNS = (
    postings.c.id,
    postings.c.source,
    postings.c.source_id,
    postings.c.title,
    postings.c.company,
    postings.c.city,
    postings.c.state,
    postings.c.remote,
    postings.c.url,
    postings.c.salary_min,
    postings.c.salary_max,
    postings.c.salary_period,
    postings.c.date_posted,
    *TEXT_PAY,  # pay read from the text, shown where the posting has none (shown_pay)
)


def ranked_postings(
    store: Store,
    market: MarketSlice,
    qualified: np.ndarray,
    strong: np.ndarray,
    coverage: np.ndarray,
    limit: int,
) -> list[dict]:
    """The first ``limit`` qualified postings: strong matches first, then by skill
    coverage, then newest. ``qualified``, ``strong`` (bool) and ``coverage`` (0..1) are
    per signature; each row gets its signature as ``need``.
    """
    facets = market.index.facets
    if facets is None or market.rows is None or limit <= 0:
        return []
    rows = market.rows[qualified[facets.need[market.rows]]]
    if not len(rows):
        return []
    need = facets.need[rows]
    # rows are newest first already: their position breaks the ties
    order = np.lexsort((np.arange(len(rows)), -coverage[need], ~strong[need]))[:limit]
    chosen = [int(i) for i in facets.posting_id[rows[order]]]
    needs = {int(p): int(n) for p, n in zip(chosen, need[order], strict=True)}
    with store.engine.connect() as conn:
        found = {
            row.id: {**row._mapping, "need": needs[row.id]}
            for row in conn.execute(
                select(*POSTING_COLUMNS)
                .select_from(with_extraction())
                .where(postings.c.id.in_(chosen))
            )
        }
    return [found[i] for i in chosen if i in found]


def find_posting(store: Store, ref: str) -> dict | None:
    """A posting by ``postings.id`` or ``source:source_id``."""
    if ref.isascii() and ref.isdigit():
        if len(ref) > 18:  # beyond any id a database holds (and SQLite's 64-bit integers)
            return None
        where = postings.c.id == int(ref)
    elif ":" in ref:
        source, source_id = ref.split(":", 1)
        where = and_(postings.c.source == source, postings.c.source_id == source_id)
    else:
        return None
    with store.engine.connect() as conn:
        row = conn.execute(
            select(*POSTING_COLUMNS).select_from(with_extraction()).where(where)
        ).first()
        return dict(row._mapping) if row else None


class PostingNotMatchable(ValueError):
    """The posting was never extracted, or the extractor found it outside the job family."""


def posting_requirements(store: Store, posting_id: int) -> list[dict]:
    """The posting's requirement rows of its current extraction, with their evidence text,
    in reading order."""
    with store.engine.connect() as conn:
        extraction = conn.execute(
            select(extractions.c.taxonomy_version, extractions.c.relevant).where(
                extractions.c.posting_id == posting_id
            )
        ).first()
        if extraction is None:
            raise PostingNotMatchable("has not been extracted yet: run `mrt extract` first")
        if not extraction.relevant:
            raise PostingNotMatchable(
                "is not a medical-records job (the extractor found it not relevant)"
            )
        rows = conn.execute(
            select(*REQUIREMENT_COLUMNS[1:], requirements.c.evidence, requirements.c.start_char)
            .where(
                requirements.c.posting_id == posting_id,
                requirements.c.taxonomy_version == extraction.taxonomy_version,
            )
            .order_by(func.coalesce(requirements.c.start_char, 2**31 - 1), requirements.c.id)
        ).all()
    return [dict(row._mapping) for row in rows]
