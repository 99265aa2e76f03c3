"""Profiles from resume text: the real extractor for credentials and skills, plus dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from matcher.build import profile_from_text
from matcher.resume_text import (
    dated_ranges,
    home_state,
    months_covered,
    split_sections,
    stated_years,
    years_of_experience,
)

SAMPLE = Path(__file__).parents[2] / "matcher" / "samples" / "sample_resume.md"
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="session")
def extractor():
    from pipelines.extract import load_extractor

    return load_extractor()


def test_sample_resume_profile(extractor):
    profile = profile_from_text(SAMPLE.read_text(encoding="utf-8"), extractor, TODAY)
    assert profile.to_dict() == {
        "credentials": [{"id": "CCS", "status": "in progress"}, {"id": "RHIT", "status": "held"}],
        "skills": [
            "anatomy-physiology",
            "chart-analysis",
            "cpt",
            "customer-service",
            "data-entry",
            "ehr",
            "encoder",
            "epic",
            "hipaa",
            "icd-10-cm",
            "medical-terminology",
            "ms-office",
            "release-of-information",
            "scanning-indexing",
            "typing",
        ],  # fmt: skip
        # 01/2022-08/2023 (20 months) + 09/2023-08/2025 (24 months) = 44 months
        "years_experience": 3.7,
        "education": "associate",
        "state": "OK",
    }


def test_statuses_and_unfinished_degrees(extractor):
    text = (
        "Sam Lee\nAustin, TX\n\nCertifications\nRHIA\nCTR eligible\nPreparing for the CPC exam\n\n"
        "Education\nBachelor of Science, HIM, 2019\nMaster of Health Administration, expected 2027\n"
    )
    profile = profile_from_text(text, extractor, TODAY)
    assert dict(profile.credentials) == {"RHIA": "held", "CTR": "eligible", "CPC": "in progress"}
    assert profile.education == "bachelor"  # the master's is not finished
    assert profile.state == "TX"
    assert profile.years_experience == 0.0


def test_objective_line_is_not_a_holding(extractor):
    text = "Objective: seeking an inpatient coding role requiring CCS and DRG validation.\n\nSkills\nEpic\n"
    profile = profile_from_text(text, extractor, TODAY)
    assert dict(profile.credentials) == {} and profile.skills == frozenset({"epic"})


def test_degree_years_are_not_experience(extractor):
    text = "Experience\nCoder, 2024 - 2026\n\nEducation\nA.A.S., Health Information Technology, 2014 - 2016\n"
    profile = profile_from_text(text, extractor, TODAY)
    assert profile.years_experience == 2.0 and profile.education == "associate"


@pytest.mark.parametrize(
    "text, months",
    [
        ("03/2019 - 05/2019", 3),  # month precision: both months count
        ("2018 - 2021", 36),  # bare years: January to January
        ("Jan 2015 to Mar. 2016", 15),
        ("January 2020 – Present", 83),  # through November 2026
        ("2019-03 - 2019-12", 10),
        ("06/2020 - Current\n01/2021 - 12/2021", 78),  # the overlap counts once
        ("2010 - 2012\n2011 - 2014\n2020 - 2021", 60),  # 2010-2014 once, plus 2020
        ("call 555-2019 - 2021 ext", 0),  # not a date range
        ("13/2019 - 02/2020", 0),
    ],
)
def test_dated_roles(text, months):
    assert months_covered(dated_ranges(text, TODAY)) == months


@pytest.mark.parametrize(
    "text, years",
    [
        ("Over 5 years of experience in HIM.", 5.0),
        ("seven years of coding experience", 7.0),
        ("3+ years experience", 3.0),
        ("1.5 yrs of release of information experience", 1.5),
        ("worked there 5 years", 0.0),
    ],
)
def test_stated_totals(text, years):
    assert stated_years(text) == years


def test_stated_total_wins_over_shorter_history():
    text = "Summary\n10 years of HIM experience\nExperience\nClerk, 2024 - 2026\n"
    assert years_of_experience(text, split_sections(text), TODAY) == 10.0


def test_sections_and_state():
    text = "Pat Doe\n123 Main St, Richmond, Virginia 23219\n\nWORK HISTORY:\nx\n## Skills\ny\n"
    sections = split_sections(text)
    assert [s.name for s in sections] == ["header", "experience", "skills"]
    assert home_state(text, sections) == "VA"
