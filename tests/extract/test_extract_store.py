"""extract_pending over a real store: rows written, incremental, taxonomy change re-extracts."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import func, insert, select, update

from pipelines.extract.batch import extract_pending
from pipelines.store.db import utcnow
from pipelines.store.schema import extractions, postings, requirements
from pipelines.taxonomy import DEFAULT_TAXONOMY

CODER = (
    "Requirements\n- CPC or CCS required\n- 2 years of coding experience\n- HS diploma\n"
    "- ICD-10-CM and CPT\n\nPay: $24 - $28 per hour"
)


def add_posting(store, source_id: str, title: str, description: str) -> int:
    now = utcnow()
    with store.begin() as conn:
        return conn.execute(
            insert(postings).values(
                source="test",
                source_id=source_id,
                feed="test:feed",
                title=title,
                description=description,
                content_hash=f"h-{source_id}-{len(description)}",
                relevant=True,
                first_seen=now,
                last_seen=now,
            )  # fmt: skip
        ).inserted_primary_key[0]


def test_extract_pending_writes_rows_and_is_incremental(store, tmp_path: Path) -> None:
    coder = add_posting(store, "1", "Medical Coder", CODER)
    add_posting(store, "2", "Medical Assistant", "Take vitals. CPT codes on superbill.")
    stats = extract_pending(store)
    assert (stats.extracted, stats.skipped, stats.failed, stats.relevant) == (2, 0, 0, 1)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(
                requirements.c.kind,
                requirements.c.item_id,
                requirements.c.level,
                requirements.c.grp,
                requirements.c.years,
                requirements.c.start_char,
                requirements.c.end_char,
                requirements.c.evidence,
            ).where(requirements.c.posting_id == coder)  # fmt: skip
        ).all()
        extraction = (
            conn.execute(select(extractions).where(extractions.c.posting_id == coder))
            .mappings()
            .one()
        )
    items = {(r.kind, r.item_id, r.level) for r in rows}
    assert {("credential", "CPC", "required"), ("credential", "CCS", "required"),
            ("skill", "icd-10-cm", "required"), ("education", "high-school", "required"),
            ("experience", "2", "required")} <= items  # fmt: skip
    assert all(CODER[r.start_char : r.end_char] == r.evidence for r in rows)
    assert {r.grp for r in rows if r.kind == "credential"} == {1}
    assert (extraction["role"], extraction["salary_min"], extraction["salary_period"]) == (
        "coding",
        24,
        "hour",
    )

    again = extract_pending(store)
    assert (again.extracted, again.skipped) == (0, 2)

    # Changed content re-extracts that posting only, replacing its rows.
    with store.begin() as conn:
        conn.execute(update(postings).where(postings.c.id == coder).values(
            description="Requirements\n- RHIT required", content_hash="changed"))  # fmt: skip
    third = extract_pending(store)
    assert (third.extracted, third.skipped) == (1, 1)
    with store.engine.connect() as conn:
        items = (
            conn.execute(select(requirements.c.item_id).where(requirements.c.posting_id == coder))
            .scalars()
            .all()
        )
        assert items == ["RHIT"]

    # A new taxonomy version re-extracts everything.
    copy = tmp_path / "taxonomy.yaml"
    shutil.copy(DEFAULT_TAXONOMY, copy)
    copy.write_text(
        copy.read_text(encoding="utf-8").replace("version: ", "version: 1", 1), encoding="utf-8"
    )
    fourth = extract_pending(store, taxonomy_path=copy)
    assert (fourth.extracted, fourth.skipped) == (2, 0)
    with store.engine.connect() as conn:
        versions = set(conn.execute(select(extractions.c.taxonomy_version)).scalars())
        assert versions == {fourth.taxonomy_version}
        assert conn.execute(select(func.count()).select_from(extractions)).scalar_one() == 2


def test_redo_extracts_all_and_progress_reports(store) -> None:
    for i in range(5):
        add_posting(store, str(i), "Medical Records Clerk", f"Requirements\n- HS diploma {i}")
    extract_pending(store)
    seen: list[tuple[int, int]] = []
    stats = extract_pending(
        store, redo=True, batch_size=2, progress=lambda d, t: seen.append((d, t))
    )
    assert stats.extracted == 5
    assert seen == [(2, 5), (4, 5), (5, 5)]
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(requirements)).scalar_one() == 5
