"""The whole chain on real extractor output: fixture postings -> extractor -> store -> match."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from fixture_market import extract_fixture_postings

from matcher.match import match_resume

FIXTURES = Path(__file__).parents[1] / "fixtures" / "resumes"
SAMPLE = Path(__file__).parents[2] / "matcher" / "samples" / "sample_resume.md"
NOW = datetime(2026, 11, 20, tzinfo=timezone.utc)


@pytest.fixture
def extracted_db(store) -> str:
    extract_fixture_postings(store, FIXTURES / "market_postings.jsonl", "fixture:x", NOW)
    return store.url


def test_sample_resume_against_extracted_postings(extracted_db):
    result = match_resume(SAMPLE, extracted_db)
    assert result.postings_considered == 3
    # RHIT held + associate meets m1 (RHIT or RHIA); one year + high school meets m3.
    assert sorted(p["source_id"] for p in result.qualified_postings) == ["m1", "m3"]
    ccs = next(g for g in result.gaps if g["id"] == "CCS")
    assert ccs["required_share"] == round(1 / 3, 4)
    assert ccs["status"] == "in progress"
    assert "AHIMA" in ccs["next_step"]


def test_rhia_profile_meets_rhit_requirement(extracted_db):
    profile = {
        "credentials": ["RHIA"],
        "skills": ["Epic", "deficiency analysis", "release of information", "HIPAA"],
        "education": "bachelor",
    }
    result = match_resume(profile, extracted_db)
    assert {p["source_id"] for p in result.qualified_postings} == {"m1"}
    rhit = next(s for s in result.strengths if s["id"] == "RHIT")
    assert rhit["implied_by"] == "RHIA" and rhit["demand_share"] == round(1 / 3, 4)
