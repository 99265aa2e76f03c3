"""Extraction results in the store: which postings need (re-)extraction, and writing
`extractions` + `requirements` rows for a batch in one transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, or_, select

from pipelines.store.db import utcnow
from pipelines.store.schema import extractions, postings, requirements

from .text import PLAIN_TEXT


def pending_posting_ids(
    conn: Connection, taxonomy_version: str, *, redo: bool = False
) -> list[int]:
    """Postings with no extraction, or one made from other content or another taxonomy version."""
    query = select(postings.c.id).select_from(
        postings.outerjoin(extractions, extractions.c.posting_id == postings.c.id)
    )
    if not redo:
        query = query.where(
            or_(
                extractions.c.posting_id.is_(None),
                extractions.c.taxonomy_version != taxonomy_version,
                extractions.c.content_hash != postings.c.content_hash,
            )
        )
    return [row[0] for row in conn.execute(query.order_by(postings.c.id))]


def count_postings(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(postings)).scalar_one())


def load_extraction_inputs(conn: Connection, ids: Sequence[int]) -> list[dict[str, Any]]:
    """The extractor's input for these posting ids (description = the stored plain text)."""
    rows = conn.execute(
        select(
            postings.c.id,
            postings.c.title,
            postings.c.company,
            postings.c.location_raw,
            postings.c.description,
            postings.c.description_html,
            postings.c.content_hash,
        ).where(postings.c.id.in_(list(ids)))
    ).mappings()
    out = []
    for row in rows:
        plain = bool(row["description"])
        out.append(
            {
                "id": row["id"],
                "title": row["title"] or "",
                "company": row["company"],
                "location": row["location_raw"],
                "description": row["description"] or row["description_html"] or "",
                "content_hash": row["content_hash"],
                # requirement offsets point into postings.description: read it as stored
                PLAIN_TEXT: plain,
            }
        )
    order = {pid: i for i, pid in enumerate(ids)}
    return sorted(out, key=lambda p: order[p["id"]])


def requirement_rows(posting_id: int, version: str, result: dict[str, Any]) -> list[dict[str, Any]]:
    """One `requirements` row per credential, skill, education level and experience figure."""

    def base(kind: str, item_id: str, level: str, evidence: list[dict]) -> dict[str, Any]:
        first = evidence[0] if evidence else {}
        return {
            "posting_id": posting_id,
            "taxonomy_version": version,
            "kind": kind,
            "item_id": item_id,
            "level": level,
            "grp": None,
            "eligible": False,
            "within_months": None,
            "years": None,
            "start_char": first.get("start"),
            "end_char": first.get("end"),
            "evidence": first.get("text"),
        }

    rows = []
    for c in result.get("credentials", []):
        row = base("credential", c["id"], c["level"], c.get("evidence", []))
        row.update(grp=c.get("group"), eligible=bool(c.get("eligible")),
                   within_months=c.get("within_months"))  # fmt: skip
        rows.append(row)
    for s in result.get("skills", []):
        rows.append(base("skill", s["id"], s["level"], s.get("evidence", [])))
    for e in result.get("education", []):
        rows.append(base("education", e["level"], e["requirement"], e.get("evidence", [])))
    for x in result.get("experience", []):
        row = base("experience", f"{float(x['years']):g}", x["requirement"], x.get("evidence", []))
        row["years"] = float(x["years"])
        rows.append(row)
    return rows


def write_results(
    conn: Connection,
    results: Iterable[tuple[dict[str, Any], dict[str, Any]]],
    taxonomy_version: str,
    now: datetime | None = None,
) -> int:
    """Replace the extraction and requirement rows of each (posting, result) pair.

    Runs inside the caller's transaction: the old rows of a re-extracted posting are
    deleted in the same transaction that inserts the new ones.
    """
    now = now or utcnow()
    pairs = list(results)
    if not pairs:
        return 0
    ids = [p["id"] for p, _ in pairs]
    conn.execute(delete(requirements).where(requirements.c.posting_id.in_(ids)))
    conn.execute(delete(extractions).where(extractions.c.posting_id.in_(ids)))
    extraction_rows = []
    requirement_batch: list[dict[str, Any]] = []
    for posting, result in pairs:
        salary = result.get("salary") or {}
        extraction_rows.append(
            {
                "posting_id": posting["id"],
                "taxonomy_version": taxonomy_version,
                "content_hash": posting["content_hash"],
                "extracted_at": now,
                "relevant": bool(result.get("relevant")),
                "role": result.get("role"),
                "salary_min": salary.get("min"),
                "salary_max": salary.get("max"),
                "salary_period": salary.get("period"),
                "result": result,
            }
        )
        requirement_batch.extend(requirement_rows(posting["id"], taxonomy_version, result))
    conn.execute(insert(extractions), extraction_rows)
    if requirement_batch:
        conn.execute(insert(requirements), requirement_batch)
    return len(pairs)


def stored_result(conn: Connection, posting_id: int) -> dict[str, Any] | None:
    row = conn.execute(
        select(extractions.c.result).where(extractions.c.posting_id == posting_id)
    ).first()
    return row[0] if row else None


__all__ = [
    "pending_posting_ids",
    "load_extraction_inputs",
    "requirement_rows",
    "write_results",
    "stored_result",
    "count_postings",
]
