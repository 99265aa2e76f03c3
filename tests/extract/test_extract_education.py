"""Education levels: high-school, certificate, associate, bachelor, master; required/preferred/alternative."""

from __future__ import annotations

import pytest

from pipelines.extract.education import find_education


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("High school diploma or GED", {"high-school"}),
        ("HS dip or GED", {"high-school"}),
        ("High school graduate or equivalent", {"high-school"}),
        ("Completion of a medical coding certificate program", {"certificate"}),
        ("Graduate of an AHIMA-approved coding certificate program", {"certificate"}),
        ("Associate degree in Health Information Technology", {"associate"}),
        ("Associate's degree in HIM", {"associate"}),
        ("Associates in Health Information Management", {"associate"}),
        ("Bachelor's degree in a health-related field", {"bachelor"}),
        ("Bachelor of Science in Nursing (BSN)", {"bachelor"}),
        ("Master's degree in health administration", {"master"}),
        ("MSN a plus", {"master"}),
        ("Maintain the master patient index", set()),
        ("Certified Coding Associate (CCA)", set()),
        ("College coursework in medical terminology", set()),
    ],
)
def test_levels(text: str, levels: set[str]) -> None:
    assert {e.level for e in find_education(text)} == levels


def test_equivalent_experience_keeps_the_degree_required(run) -> None:
    result = run(
        "Requirements\n- Associate degree in HIM or an equivalent combination of education and experience."
    )
    assert [(e["level"], e["requirement"]) for e in result["education"]] == [
        ("associate", "required")
    ]


def test_degree_or_years_are_alternatives(run) -> None:
    result = run("Requirements\n- Bachelor's degree or 4 years of equivalent coding experience.")
    assert [(e["level"], e["requirement"]) for e in result["education"]] == [
        ("bachelor", "alternative")
    ]
    assert [(x["years"], x["requirement"]) for x in result["experience"]] == [(4, "alternative")]


def test_required_and_preferred_levels(run) -> None:
    result = run(
        "Qualifications\n• High school diploma or GED required; associate degree in HIT preferred.",
        title="Medical Records Coordinator",
    )
    assert {(e["level"], e["requirement"]) for e in result["education"]} == {
        ("high-school", "required"),
        ("associate", "preferred"),
    }
