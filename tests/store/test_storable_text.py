"""Text a database refuses (NUL, lone surrogates) is taken out on the way in, in one place
(PostingWriter.upsert), so one such character never fails a batch, on SQLite or PostgreSQL."""

from __future__ import annotations

import json

from sqlalchemy import select

from pipelines.store.postings import PostingWriter, postings
from pipelines.store.storable import Removed, storable, storable_text


def posting_row(source_id: str, **fields) -> dict:
    row = {"source": "test", "source_id": source_id, "feed": "test:feed",
           "title": "Medical Records Technician", "description": "RHIT required.",
           "raw": {"id": source_id}}  # fmt: skip
    return {**row, **fields}


def test_storable_text_counts_what_it_removes() -> None:
    removed = Removed()
    assert storable_text("a\x00b\x00", removed) == "ab" and removed.nul == 2
    lone = json.loads('"x\\ud800y"')  # an unpaired escape, as a JSON decoder reads it
    assert storable_text(lone, removed) == "xy" and removed.surrogates == 1
    assert storable_text("é 😀 ok", removed) == "é 😀 ok"  # real characters stay
    clean = {"a": ["b", {"c": 1}]}
    assert storable(clean, Removed()) is clean  # nothing to change: the same object
    nested = storable({"k\x00": ["v\x00", ("w", "\x00")]}, removed)
    assert nested == {"k": ["v", ("w", "")]} and removed.nul == 5


def test_a_nul_or_lone_surrogate_does_not_fail_the_batch(store) -> None:
    lone = json.loads('"Coder \\udc80"')
    rows = [
        posting_row("1", title="Medical\x00 Coder", description="CPC\x00 required",
                    raw={"id": "1", "content": "<p>x\x00</p>", "k\x00": [lone]}),
        posting_row("2", company=lone, location_raw="Tulsa,\x00 OK"),
        posting_row("3"),
    ]  # fmt: skip
    result = PostingWriter(store).upsert(rows)
    assert result.new == 3 and result.nul_removed == 5 and result.surrogates_removed == 2
    with store.engine.connect() as conn:
        stored = {r.source_id: r for r in conn.execute(select(postings))}
    assert stored["1"].title == "Medical Coder" and stored["1"].description == "CPC required"
    assert stored["1"].raw == {"id": "1", "content": "<p>x</p>", "k": ["Coder "]}
    assert stored["2"].company == "Coder " and stored["2"].location_raw == "Tulsa, OK"
    # The hash is that of the stored text: the same posting served clean is unchanged.
    again = PostingWriter(store).upsert(
        [
            posting_row(
                "1",
                title="Medical Coder",
                description="CPC required",
                raw={"id": "1", "content": "<p>x</p>", "k": ["Coder "]},
            )
        ]  # fmt: skip
    )
    assert again.unchanged == 1 and again.nul_removed == 0
