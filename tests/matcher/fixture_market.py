"""Build a store market by hand: postings, extraction rows and requirement rows.

The eight current postings below are the market every exact-score test works out by hand
(see test_scoring.py). Four more postings must stay OUT of the market (closed, duplicate,
not relevant, never extracted), and P1's rows of an older taxonomy version must be ignored.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from pipelines.store.db import Store
from pipelines.store.schema import extractions, postings, requirements

TAXONOMY_VERSION = "test-1"
SEEN = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Req:
    kind: str
    item_id: str
    level: str = "required"
    grp: int | None = None
    eligible: bool = False
    within_months: int | None = None

    @property
    def years(self) -> float | None:
        return float(self.item_id) if self.kind == "experience" else None


def cred(
    item: str,
    level: str = "required",
    grp: int | None = None,
    *,
    eligible: bool = False,
    within: int | None = None,
) -> Req:
    return Req("credential", item, level, grp, eligible, within)


def skill(item: str, level: str = "required") -> Req:
    return Req("skill", item, level)


def edu(level_id: str, level: str = "required") -> Req:
    return Req("education", level_id, level)


def exp(years: float, level: str = "required") -> Req:
    return Req("experience", f"{years:g}", level)


@dataclass(frozen=True)
class FixturePosting:
    key: str
    title: str
    company: str
    city: str
    state: str
    reqs: tuple[Req, ...]
    remote: bool = False
    posted: date = date(2026, 11, 1)
    salary: tuple[float, float, str] | None = None
    relevant: bool = True
    closed: bool = False
    duplicate_of: str | None = None
    extracted: bool = True
    # rows left over from an older taxonomy version: must be ignored
    stale_reqs: tuple[Req, ...] = ()


MARKET: tuple[FixturePosting, ...] = (
    FixturePosting("P1", "Medical Records Clerk", "Lone Star Clinic", "Austin", "TX",
                   (edu("high-school"), skill("data-entry"), skill("customer-service"), skill("epic", "preferred")),
                   salary=(16.0, 18.5, "hour"), stale_reqs=(cred("CTR"), exp(4))),
    FixturePosting("P2", "Release of Information Specialist", "ROI Partners", "Dallas", "TX",
                   (skill("release-of-information"), skill("hipaa"), exp(1), cred("RHIT", "preferred")),
                   remote=True),
    FixturePosting("P3", "Health Information Technician", "Tulsa General", "Tulsa", "OK",
                   (cred("RHIT", grp=1, eligible=True), cred("RHIA", grp=1), edu("associate"), skill("epic"),
                    skill("icd-10-cm", "preferred")),
                   salary=(21.0, 26.0, "hour")),
    FixturePosting("P4", "Outpatient Coder", "Houston Outpatient", "Houston", "TX",
                   (cred("CPC", grp=1), cred("CCS", grp=1), cred("COC", grp=1), skill("cpt"), skill("icd-10-cm"),
                    exp(2), skill("em", "preferred"))),
    FixturePosting("P5", "Inpatient Coder", "Gulf Hospital", "Tampa", "FL",
                   (cred("CCS", within=12), skill("icd-10-cm"), skill("icd-10-pcs"), skill("drg"), exp(3)),
                   posted=date(2026, 10, 1)),
    FixturePosting("P6", "HIM Manager", "Texas Health System", "Fort Worth", "TX",
                   (cred("RHIA"), edu("bachelor"), exp(5), edu("master", "preferred"), skill("epic", "preferred")),
                   posted=date(2026, 10, 1), salary=(85000.0, 105000.0, "year")),
    FixturePosting("P7", "Cancer Registrar", "Pacific Oncology", "Fresno", "CA",
                   (cred("CTR", eligible=True), skill("icd-o-3"), skill("cancer-registry"), edu("associate")),
                   posted=date(2026, 10, 1)),
    FixturePosting("P8", "Medical Records Technician (Coder)", "Veterans Affairs", "Richmond", "VA",
                   (exp(1, "alternative"), edu("associate", "alternative"), edu("certificate", "alternative"),
                    skill("medical-terminology"), skill("vista", "preferred")),
                   posted=date(2026, 10, 1)),
)  # fmt: skip

OUTSIDE: tuple[FixturePosting, ...] = (
    FixturePosting("X1", "Closed Coder", "Gone Inc", "Austin", "TX", (skill("cpt"),), closed=True),
    FixturePosting("X2", "Medical Records Clerk", "Lone Star Clinic", "Austin", "TX", (skill("epic"),), duplicate_of="P1"),
    FixturePosting("X3", "Registered Nurse", "Some Hospital", "Austin", "TX", (cred("RN"),), relevant=False),
    FixturePosting("X4", "Coding Specialist", "Not Yet Ltd", "Austin", "TX", (skill("cpt"),), extracted=False),
)  # fmt: skip


def insert_postings(
    store: Store,
    items: tuple[FixturePosting, ...] | list[FixturePosting],
    *,
    source: str = "fixture",
    known: dict[str, int] | None = None,
) -> dict[str, int]:
    """Insert postings with their extraction and requirement rows; returns key -> id."""
    ids: dict[str, int] = dict(known or {})
    with store.begin() as conn:
        for item in items:
            digest = hashlib.sha256(item.key.encode()).hexdigest()
            values: dict[str, Any] = {
                "source": source,
                "source_id": item.key,
                "feed": f"{source}:test",
                "url": f"https://jobs.example.org/{item.key}",
                "title": item.title,
                "company": item.company,
                "city": item.city,
                "state": item.state,
                "remote": item.remote,
                "date_posted": item.posted,
                "description": f"{item.title} at {item.company}",
                "content_hash": digest,
                "relevant": item.relevant,
                "first_seen": SEEN,
                "last_seen": SEEN,
                "closed_at": SEEN if item.closed else None,
                "duplicate_of": ids.get(item.duplicate_of) if item.duplicate_of else None,
            }
            if item.salary:
                values.update(
                    salary_min=item.salary[0],
                    salary_max=item.salary[1],
                    salary_period=item.salary[2],
                )
            posting_id = conn.execute(insert(postings).values(**values)).inserted_primary_key[0]
            ids[item.key] = posting_id
            if not item.extracted:
                continue
            conn.execute(
                insert(extractions).values(
                    posting_id=posting_id,
                    taxonomy_version=TAXONOMY_VERSION,
                    content_hash=digest,
                    extracted_at=SEEN,
                    relevant=item.relevant,
                    role="records",
                    result={},
                )
            )
            for req, version in [(r, TAXONOMY_VERSION) for r in item.reqs] + [
                (r, "test-0") for r in item.stale_reqs
            ]:
                conn.execute(
                    insert(requirements).values(
                        posting_id=posting_id,
                        taxonomy_version=version,
                        kind=req.kind,
                        item_id=req.item_id,
                        level=req.level,
                        grp=req.grp,
                        eligible=req.eligible,
                        within_months=req.within_months,
                        years=req.years,
                    )
                )
    return ids


def build_market(store: Store) -> dict[str, int]:
    """The eight-posting market plus the four postings that must stay out of it."""
    ids = insert_postings(store, MARKET)
    return insert_postings(store, OUTSIDE, known=ids)


def extract_fixture_postings(store: Store, path: Path, feed: str, seen: datetime) -> Any:
    """Store the contract-input postings of `path` (JSON lines, "City, ST" locations) as
    current postings of `feed` and their extractions by the real extractor; return it."""
    from pipelines.extract import load_extractor
    from pipelines.extract.store import write_results

    extractor = load_extractor()
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    with store.begin() as conn:
        pairs = []
        for item in items:
            city, state = item["location"].split(", ")
            posted = item.get("date_posted")
            posting_id = conn.execute(
                insert(postings).values(
                    source="fixture",
                    source_id=item["id"],
                    feed=feed,
                    title=item["title"],
                    company=item["company"],
                    city=city,
                    state=state,
                    location_raw=item["location"],
                    description=item["description"],
                    date_posted=date.fromisoformat(posted) if posted else None,
                    content_hash=item["id"],
                    relevant=True,
                    first_seen=seen,
                    last_seen=seen,
                    url=f"https://jobs.example.org/{item['id']}",
                )
            ).inserted_primary_key[0]
            pairs.append(
                ({**item, "id": posting_id, "content_hash": item["id"]}, extractor.extract(item))
            )
        write_results(conn, pairs, extractor.taxonomy_version)
    return extractor
