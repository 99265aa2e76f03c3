"""Two writers on one PostgreSQL database at once lose and duplicate nothing."""

from __future__ import annotations

import multiprocessing
import random

import pytest
from sqlalchemy import func, select

from pipelines.store.db import open_store
from pipelines.store.postings import PostingWriter, postings

pytestmark = pytest.mark.postgres


def write_many(url: str, seed: int, ids: list[int], barrier) -> None:
    rng = random.Random(seed)
    rows = [
        {"source": "greenhouse", "source_id": str(n), "feed": "greenhouse:acme",
         "title": f"Medical Coder {n % 7}", "company": "Acme Health",
         "description": f"Posting {n}: ICD-10-CM and CPT coding.", "relevant": True}
        for n in ids
    ]  # fmt: skip
    rng.shuffle(rows)
    store = open_store(url)
    writer = PostingWriter(store)
    barrier.wait()
    for start in range(0, len(rows), 40):
        writer.upsert(rows[start : start + 40])
    store.dispose()


def test_two_processes_upserting_overlapping_rows(postgres_url: str) -> None:
    open_store(postgres_url).dispose()  # migrate once up front
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    a = context.Process(target=write_many, args=(postgres_url, 1, list(range(0, 1500)), barrier))
    b = context.Process(target=write_many, args=(postgres_url, 2, list(range(500, 2000)), barrier))
    a.start(), b.start()
    a.join(120), b.join(120)
    assert (a.exitcode, b.exitcode) == (0, 0)
    store = open_store(postgres_url)
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(postings)).scalar()
        distinct = conn.execute(select(func.count(func.distinct(postings.c.source_id)))).scalar()
        described = conn.execute(
            select(func.count()).where(postings.c.description.like("Posting %"))
        ).scalar()
    store.dispose()
    assert total == distinct == described == 2000
