"""The market cache is rebuilt exactly when postings or extractions change."""

from __future__ import annotations

from datetime import datetime, timezone

from fixture_market import FixturePosting, cred, insert_postings, skill
from sqlalchemy import delete, insert, select, update

from matcher.cache_tables import match_cache_state, match_needs, match_posting_needs
from matcher.signatures import MarketFilter, load_market
from pipelines.store.schema import postings, requirements


def built_at(store):
    with store.engine.connect() as conn:
        return conn.execute(select(match_cache_state.c.built_at)).scalar_one()


def test_cache_follows_the_store(market_store):
    store, ids = market_store
    market = load_market(store, MarketFilter())
    assert market.postings == 8 and market.index.signatures == 8
    first = built_at(store)
    assert load_market(store, MarketFilter()).postings == 8
    assert built_at(store) == first, "unchanged data must not rebuild the cache"

    later = datetime(2026, 11, 2, tzinfo=timezone.utc)
    with store.begin() as conn:
        conn.execute(update(postings).where(postings.c.id == ids["P2"]).values(closed_at=later))
    assert load_market(store, MarketFilter()).postings == 7

    with store.begin() as conn:
        conn.execute(
            update(postings).where(postings.c.id == ids["P3"]).values(duplicate_of=ids["P1"])
        )
    assert load_market(store, MarketFilter()).postings == 6

    # Two new postings asking the same thing share one signature.
    insert_postings(
        store,
        [
            FixturePosting(k, "Coder", "New Co", "Austin", "TX", (cred("CPC"), skill("cpt")))
            for k in ("N1", "N2")
        ],
        known=ids,
    )
    market = load_market(store, MarketFilter())
    # 6 left of the first 8 (their signatures stay indexed with weight 0) + 1 new shared one
    assert market.postings == 8 and int((market.weights > 0).sum()) == 7
    assert int(market.weights.max()) == 2

    # Re-extraction replaces a posting's rows: its signature follows.
    with store.begin() as conn:
        conn.execute(delete(requirements).where(requirements.c.posting_id == ids["P7"]))
        conn.execute(
            insert(requirements).values(
                posting_id=ids["P7"],
                taxonomy_version="test-1",
                kind="skill",
                item_id="cpt",
                level="required",
                eligible=False,
            )
        )
    market = load_market(store, MarketFilter(state="CA"))
    assert market.postings == 1
    (only,) = [i for i in range(market.index.signatures) if market.weights[i]]
    groups = [
        g
        for s, g in zip(market.index.entry_sig, market.index.entry_group, strict=True)
        if s == only
    ]
    assert [market.index.groups[g] for g in groups] == [
        ("required", (("skill", "cpt", False, False),))
    ]


def test_facets_are_indexed_not_recomputed(market_store):
    store, _ids = market_store
    load_market(store, MarketFilter())
    with store.engine.connect() as conn:
        assert conn.execute(select(match_needs.c.postings)).scalars().all() == [1] * 8
        rows = conn.execute(select(match_posting_needs.c.state, match_posting_needs.c.remote)).all()
    assert sorted(rows) == sorted(
        [
            ("TX", False),
            ("TX", True),
            ("OK", False),
            ("TX", False),
            ("FL", False),
            ("TX", False),
            ("CA", False),
            ("VA", False),
        ]
    )


def test_a_state_filter_finds_a_posting_by_any_of_its_places(market_store):
    from pipelines.store.schema import posting_locations

    store, ids = market_store
    before = load_market(store, MarketFilter(state="NV")).postings
    with store.begin() as conn:
        own = conn.execute(select(postings.c.state).where(postings.c.id == ids["P1"])).scalar_one()
        assert own != "NV"
        conn.execute(
            insert(posting_locations),
            [
                {"posting_id": ids["P1"], "position": 0, "state": own},
                {"posting_id": ids["P1"], "position": 1, "city": "Reno", "state": "NV"},
            ],
        )
        # a new place is a change of the posting: its last-seen moves on a re-crawl
        conn.execute(
            update(postings)
            .where(postings.c.id == ids["P1"])
            .values(last_seen=datetime(2030, 1, 1, tzinfo=timezone.utc))
        )
    assert load_market(store, MarketFilter(state="NV")).postings == before + 1
    assert load_market(store, MarketFilter(state=own)).postings >= 1
