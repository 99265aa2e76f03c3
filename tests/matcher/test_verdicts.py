"""A screener's verdicts, written by hand (verdict_market.py), against what `mrt match` says.

First on the hand-read requirement rows (exact), then the whole chain: the postings' text
through the extractor and the six resumes through the resume reader (exact as well;
the issue's bar is Jaccard >= 0.8 on unseen postings).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from fixture_market import extract_fixture_postings, insert_postings
from verdict_market import PROFILES, VERDICT_MARKET, VERDICTS

from matcher.build import profile_from_mapping, profile_from_text
from matcher.match import evaluate_profile

FIXTURES = Path(__file__).parents[1] / "fixtures" / "match_verdicts"
TODAY = date(2026, 11, 23)


@pytest.fixture
def verdict_store(store):
    insert_postings(store, VERDICT_MARKET)
    return store


def match(store, terms, scoring, profile, **kwargs):
    if isinstance(profile, dict):
        profile = profile_from_mapping(profile, terms)
    return evaluate_profile(profile, store, terms, scoring, limit=100, **kwargs)


def verdicts(result) -> tuple[set[str], set[str]]:
    listed = result.qualified_postings
    return {p["source_id"] for p in listed}, {p["source_id"] for p in listed if p["strong"]}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


@pytest.mark.parametrize("who", sorted(VERDICTS))
def test_profiles_get_the_screeners_verdicts(verdict_store, terms, scoring, who):
    result = match(verdict_store, terms, scoring, PROFILES[who])
    qualified, strong = VERDICTS[who]
    assert verdicts(result) == (qualified, strong)
    assert result.postings_considered == 16
    assert result.qualified_count == len(qualified) and result.strong_count == len(strong)
    assert result.qualified_share == round(len(qualified) / 16, 4)
    assert result.strong_share == round(len(strong) / 16, 4)
    assert {p["source_id"] for p in result.strong_postings} == strong
    # strong matches first, then by skill coverage, then newest
    ranked = [(not p["strong"], -p["skill_coverage"]) for p in result.qualified_postings]
    assert ranked == sorted(ranked)


def test_cpc_coder_ranking_gaps_and_next_steps(verdict_store, terms, scoring):
    result = match(verdict_store, terms, scoring, PROFILES["cpc_coder"])
    # v04 and v05 strong (newest first); v14 1 of 2 skills, v15 1 of 3; then none met,
    # newest first
    assert [p["source_id"] for p in result.qualified_postings] == [
        "v04", "v05", "v14", "v15", "v01", "v02", "v13"
    ]  # fmt: skip
    v14 = result.qualified_postings[2]
    assert (v14["skills_met"], v14["skills_asked"], v14["missing_skills"]) == (1, 2, ["hcc"])
    # CPC supersedes CPC-A: a strength, never a gap
    assert all(g["id"] != "CPC-A" for g in result.gaps)
    cpca = next(s for s in result.strengths if s["id"] == "CPC-A")
    assert cpca["implied_by"] == "CPC"
    # CCS opens v06 (3 years) and v07 (CCS meets CCA), and makes v07 strong; CTR opens v10
    # and v11, RHIA v03 (as RHIT) and v09, RHIT v03 and v09: each named by two postings
    first = [(g["id"], g["qualify_postings"], g["strong_gain_postings"]) for g in result.gaps[:4]]
    assert first == [("CCS", 2, 1), ("CTR", 2, 0), ("RHIA", 2, 0), ("RHIT", 2, 0)]
    texts = [s["text"] for s in result.next_steps]
    assert texts[0].startswith("Plan for CRC: 1 of 16 postings would hire you without it")
    assert texts[1].startswith(
        "CCS: +2 postings you would qualify for (+12.5% of postings); issued by AHIMA"
    )
    assert "then the CCS exam" in texts[1]  # who may sit the exam, from the taxonomy
    # skills: HCC makes v14 strong, medical terminology v13
    assert [s["id"] for s in result.next_steps if s["kind"] == "skill"] == [
        "hcc",
        "medical-terminology",
    ]


def test_new_graduate_next_steps(verdict_store, terms, scoring):
    result = match(verdict_store, terms, scoring, PROFILES["new_graduate"])
    steps = result.next_steps
    assert steps[0]["text"].startswith(
        "Sit the RHIT exam: 1 of 16 postings accept 'RHIT eligible' for now"
    )
    assert "AHIMA" in steps[0]["text"]
    # one year opens v02, v14, v15 (the larger steps open no more and are left out);
    # CCS and CCA open v07 and make it strong (CCS is also asked by v04 and v06)
    gating = [(s["id"], s.get("qualify_postings")) for s in steps if s["kind"] != "skill"][1:]
    assert gating == [("1", 3), ("CCS", 1), ("CCA", 1)]
    assert steps[1]["text"].startswith("1 year of experience: +3 postings you would qualify for")


def test_implied_skills_and_credentials_are_strengths(verdict_store, terms, scoring):
    rhia = match(verdict_store, terms, scoring, PROFILES["rhia_manager"])
    implied = {s["id"]: s["implied_by"] for s in rhia.strengths if s["implied_by"]}
    assert implied == {"RHIT": "RHIA", "ehr": "cerner"}
    assert not {"RHIT", "ehr"} & {g["id"] for g in rhia.gaps}
    roi = match(verdict_store, terms, scoring, PROFILES["roi_specialist"])
    assert {s["id"]: s["implied_by"] for s in roi.strengths if s["implied_by"]} == {"ehr": "epic"}


def test_one_posting_lists_every_requirement(verdict_store, terms, scoring):
    result = match(verdict_store, terms, scoring, PROFILES["new_graduate"], posting="fixture:v03")
    rows = {r["id"]: r for r in result.requirements}
    assert set(rows) == {"RHIT", "associate", "chart-analysis", "ehr", "icd-10-cm"}
    assert rows["RHIT"]["status"] == "partly met"
    assert rows["RHIT"]["action"].startswith("sit the RHIT exam")
    assert rows["associate"]["status"] == "met" and rows["associate"]["gates"]
    assert rows["ehr"]["status"] == "met" and rows["ehr"]["how"] == "on your resume"
    assert rows["chart-analysis"]["status"] == "unmet"
    assert rows["chart-analysis"]["action"].endswith("usually learned on the job")
    assert rows["icd-10-cm"]["level"] == "preferred" and rows["icd-10-cm"]["status"] == "met"
    assert result.qualified_count == 1 and result.strong_count == 0
    manager = match(verdict_store, terms, scoring, PROFILES["rhia_manager"], posting="fixture:v09")
    assert {r["status"] for r in manager.requirements} == {"met"}
    rhit = next(r for r in manager.requirements if r["id"] == "RHIT")
    assert rhit["how"] == "you hold RHIA" and rhit["alternatives"] == "RHIT or RHIA"
    manager = match(verdict_store, terms, scoring, PROFILES["rhia_manager"], posting="fixture:v03")
    rhit = next(r for r in manager.requirements if r["id"] == "RHIT")
    assert rhit["status"] == "met" and rhit["how"] == "through RHIA"


# ---------------------------------------------------------------- the whole chain


@pytest.fixture
def extracted_store(store):
    seen = datetime(2026, 11, 21, tzinfo=timezone.utc)
    extractor = extract_fixture_postings(
        store, FIXTURES / "postings.jsonl", "fixture:verdicts", seen
    )
    return store, extractor


@pytest.mark.parametrize("who", sorted(VERDICTS))
def test_resumes_and_posting_text_get_the_screeners_verdicts(extracted_store, terms, scoring, who):
    store, extractor = extracted_store
    text = (FIXTURES / "resumes" / f"{who}.md").read_text(encoding="utf-8")
    profile = profile_from_text(text, extractor, TODAY, terms.roles)
    result = match(store, terms, scoring, profile)
    qualified, strong = VERDICTS[who]
    got_qualified, got_strong = verdicts(result)
    assert jaccard(got_qualified, qualified) >= 0.8
    assert (got_qualified, got_strong) == (qualified, strong)


def test_experience_counted_from_the_resumes(extracted_store, terms):
    _store, extractor = extracted_store

    def read(who):
        text = (FIXTURES / "resumes" / f"{who}.md").read_text(encoding="utf-8")
        return profile_from_text(text, extractor, TODAY, terms.roles)

    clerk = read("entry_clerk").experience_counted()
    # six months at a clinic's front desk count (adjacent); four years as a cashier do not
    assert clerk["years"] == 0.5 and clerk["source"] == "dated roles"
    assert [(r["relevance"], r["counted"]) for r in clerk["roles"]] == [
        ("adjacent", True),
        ("other", False),
    ]
    # 01/2019-12/2021 and 01/2022-11/2026, the part-time 2020 role inside them counted once
    manager = read("rhia_manager").experience_counted()
    assert manager["years"] == round(95 / 12, 1) and len(manager["roles"]) == 3
    graduate = read("new_graduate").experience_counted()
    assert graduate == {"years": 0.0, "source": "none", "stated_years": 0.0, "roles": []}
