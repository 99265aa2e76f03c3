"""Posting upserts, closing and cross-source duplicates, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from pipelines.store import Store
from pipelines.store.db import utcnow
from pipelines.store.postings import (
    PostingWriter,
    close_missing,
    dedupe_key,
    near_identical,
    postings,
    query_postings,
)

TEXT = (
    "Assign ICD-10-CM and CPT codes to outpatient encounters. CPC or CCS required. Two years "
    "of coding experience. Epic and 3M encoder experience preferred. Full benefits."
)


def row(
    source_id: str, *, source: str = "greenhouse", feed: str = "greenhouse:acme", **extra
) -> dict:
    base = {
        "source": source, "source_id": source_id, "feed": feed, "title": "Medical Coder II",
        "company": "Acme Health", "description": TEXT, "state": "OK", "relevant": True,
        "url": f"https://example.org/{source_id}", "raw": {"id": source_id},
    }  # fmt: skip
    return {**base, **extra}


def all_rows(store: Store) -> list[dict]:
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(postings).order_by(postings.c.id))]


def test_insert_then_seen_again_then_changed(store: Store) -> None:
    writer = PostingWriter(store)
    t0 = utcnow()
    first = writer.upsert([row("1"), row("2")], now=t0)
    assert (first.new, first.updated, first.unchanged) == (2, 0, 0)
    again = writer.upsert([row("1"), row("2")], now=t0 + timedelta(hours=1))
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)
    changed = writer.upsert([row("1", title="Medical Coder III")], now=t0 + timedelta(hours=2))
    assert (changed.new, changed.updated) == (0, 1)
    stored = {r["source_id"]: r for r in all_rows(store)}
    assert len(stored) == 2
    one = stored["1"]
    assert one["title"] == "Medical Coder III"
    assert one["first_seen"].replace(tzinfo=None) == t0.replace(tzinfo=None)
    assert one["last_seen"] > stored["2"]["last_seen"]
    assert one["content_hash"] != stored["2"]["content_hash"]


def test_repeated_key_in_one_batch_keeps_the_last(store: Store) -> None:
    PostingWriter(store).upsert([row("1", title="Old Coder"), row("1", title="New Coder")])
    (only,) = all_rows(store)
    assert only["title"] == "New Coder"


def test_complete_crawl_closes_what_it_did_not_see_and_reopens_on_return(store: Store) -> None:
    writer = PostingWriter(store)
    t0 = utcnow() - timedelta(days=1)
    writer.upsert([row("1"), row("2"), row("9", feed="greenhouse:other")], now=t0)
    crawl_started = utcnow()
    writer.upsert([row("1")], now=crawl_started + timedelta(seconds=1))
    assert close_missing(store, "greenhouse:acme", crawl_started) == 1
    stored = {r["source_id"]: r for r in all_rows(store)}
    assert stored["2"]["closed_at"] is not None
    assert stored["1"]["closed_at"] is None and stored["9"]["closed_at"] is None
    back = writer.upsert([row("2")])
    assert back.updated == 1  # a closed posting seen again is reopened
    assert {r["source_id"]: r for r in all_rows(store)}["2"]["closed_at"] is None


def test_irrelevant_rows_are_left_open_by_a_relevant_only_crawl(store: Store) -> None:
    writer = PostingWriter(store)
    writer.upsert([row("1"), row("nurse", title="Registered Nurse", relevant=False)],
                  now=utcnow() - timedelta(days=1))  # fmt: skip
    started = utcnow()
    writer.upsert([row("1")], now=started + timedelta(seconds=1))
    assert close_missing(store, "greenhouse:acme", started) == 0
    assert close_missing(store, "greenhouse:acme", started, include_irrelevant=True) == 1


def test_same_job_from_two_sources_is_linked_to_the_earliest(store: Store) -> None:
    writer = PostingWriter(store)
    writer.upsert([row("gh-1", company="Acme Health, Inc.")], now=utcnow() - timedelta(days=2))
    writer.upsert([
        row("lv-1", source="lever", feed="lever:acme", company="ACME Health"),
        row("lv-2", source="lever", feed="lever:acme", company="Acme Health",
            description="Completely different text about release of information requests."),
        row("wd-1", source="workday", feed="workday:acme", title="Medical Coder II",
            description=TEXT + " Apply today."),
    ])  # fmt: skip
    stored = {r["source_id"]: r for r in all_rows(store)}
    earliest = stored["gh-1"]["id"]
    assert stored["gh-1"]["duplicate_of"] is None
    assert stored["lv-1"]["duplicate_of"] == earliest
    assert stored["wd-1"]["duplicate_of"] == earliest  # near-identical text
    assert stored["lv-2"]["duplicate_of"] is None  # same title, different job


def test_dedupe_helpers() -> None:
    assert dedupe_key("Acme Health, Inc.", "Medical Coder II") == dedupe_key(
        "ACME HEALTH", "medical coder ii"
    )
    assert near_identical(TEXT, TEXT + " Apply today.")
    assert not near_identical(TEXT, "Release of information specialist in Tulsa.")


def test_query_filters(store: Store) -> None:
    writer = PostingWriter(store)
    writer.upsert([row("1"), row("2", state="NE"), row("3", relevant=False, title="Nurse")])
    assert {r["source_id"] for r in query_postings(store)} == {"1", "2"}
    assert {r["source_id"] for r in query_postings(store, state="ne")} == {"2"}
    assert len(query_postings(store, relevant_only=False)) == 3
    assert len(query_postings(store, limit=1)) == 1


def test_large_batch_counts(store: Store) -> None:
    result = PostingWriter(store).upsert([row(str(n)) for n in range(1200)])
    assert result.new == 1200
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(postings)).scalar() == 1200


def test_unchanged_rows_only_move_last_seen_and_flag_changes_count(store: Store) -> None:
    writer = PostingWriter(store)
    t0 = utcnow() - timedelta(hours=3)
    writer.upsert([row("1", raw={"v": 1}), row("2")], now=t0)
    same = writer.upsert([row("1", raw={"v": 2}), row("2")], now=t0 + timedelta(hours=1))
    assert (same.unchanged, same.updated) == (2, 0)
    stored = {r["source_id"]: r for r in all_rows(store)}
    assert stored["1"]["raw"] == {"v": 1}  # same content: nothing but last_seen rewritten
    assert stored["1"]["last_seen"] > stored["1"]["first_seen"]
    flags = writer.upsert(
        [row("1", relevant=False), row("2", feed="greenhouse:renamed")], now=t0 + timedelta(hours=2)
    )
    assert (flags.unchanged, flags.updated) == (0, 2)
    stored = {r["source_id"]: r for r in all_rows(store)}
    assert stored["1"]["relevant"] is False and stored["2"]["feed"] == "greenhouse:renamed"
