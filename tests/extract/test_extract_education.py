"""Education levels: high-school, certificate, associate, bachelor, master; required/preferred/alternative."""

from __future__ import annotations

import pytest
from extract_helpers import paths

from pipelines.extract.education import find_education


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("High school diploma or GED", {"high-school"}),
        ("HS dip or GED", {"high-school"}),
        ("High school graduate or equivalent", {"high-school"}),
        ("Completion of a medical coding certificate program", {"certificate"}),
        ("Graduate of an AHIMA-approved coding certificate program", {"certificate"}),
        ("Finished an approved program in medical coding", {"certificate"}),
        ("Associate degree in Health Information Technology", {"associate"}),
        ("Associate's degree in HIM", {"associate"}),
        ("Associates in Health Information Management", {"associate"}),
        ("Bachelor's degree in a health-related field", {"bachelor"}),
        ("Bachelor of Science in Nursing (BSN)", {"bachelor"}),
        ("Master's degree in health administration", {"master"}),
        ("MSN a plus", {"master"}),
        ("BS in Health Information Management", {"bachelor"}),
        # the federal standards' count of a degree
        ("Four years of education above the high school level", {"bachelor"}),
        ("BA in English or a related field", {"bachelor"}),
        ("MS in Health Informatics preferred", {"master"}),
        ("Maintain the master patient index", set()),
        ("Certified Coding Associate (CCA)", set()),
        ("High school diploma/GED; Associate's preferred", {"high-school", "associate"}),
        ("Associate's or Bachelor's in HIM", {"associate", "bachelor"}),
        # one degree word shared by both levels
        ("Associate or Bachelor’s degree in HIM", {"associate", "bachelor"}),
        ("Associate and/or Bachelor degree", {"associate", "bachelor"}),
        ("Associates or Bachelors degree in HIM", {"associate", "bachelor"}),
        (
            "Education: High School Diploma (Required). Associate's (Preferred)",
            {"high-school", "associate"},
        ),
        ("Reports to the sales associate's manager", set()),
        ("College coursework in medical terminology", set()),
    ],
)
def test_levels(text: str, levels: set[str]) -> None:
    assert {e.level for e in find_education(text)} == levels


def test_equivalent_experience_keeps_the_degree_required(run) -> None:
    result = run(
        "Requirements\n- Associate degree in HIM or an equivalent combination of education and experience."
    )
    assert paths(result)[0] == [("associate", "required")]


@pytest.mark.parametrize(
    ("text", "requirement"),
    [
        # a degree offered in a list of credentials is one more path
        ("Minimum: RN, BSN, RHIA, RHIT, or CCS.", "alternative"),
        ("Requirements: RHIA, RHIT or a bachelor's degree in HIM.", "alternative"),
        # a degree asked beside the list is asked for
        ("Requirements: Bachelor's degree. RHIA or RHIT required.", "required"),
    ],
)
def test_a_degree_among_credentials_offered_as_alternatives_is_a_path(
    run, text: str, requirement: str
) -> None:
    assert paths(run(text, title="Clinical Documentation Specialist"))[0] == [
        ("bachelor", requirement)
    ]


def test_degree_or_years_are_alternatives(run) -> None:
    result = run("Requirements\n- Bachelor's degree or 4 years of equivalent coding experience.")
    assert paths(result)[0] == [("bachelor", "alternative")]
    assert paths(result)[1] == [(4, "alternative")]


def test_required_and_preferred_levels(run) -> None:
    result = run(
        "Qualifications\n• High school diploma or GED required; associate degree in HIT preferred.",
        title="Medical Records Coordinator",
    )
    assert set(paths(result)[0]) == {
        ("high-school", "required"),
        ("associate", "preferred"),
    }


def test_federal_paths_in_one_paragraph_are_alternatives(run) -> None:
    result = run(
        "QUALIFICATIONS Experience and Education: (a) Specialized Experience: One year of "
        "specialized experience equivalent to the GS-6 level; OR (b) Education: a bachelor's "
        "degree in health information management; OR (c) a combination of both.",
        title="Medical Records Technician (Coder)",
    )
    assert paths(result) == ([("bachelor", "alternative")], [(1, "alternative")])


@pytest.mark.parametrize(
    "refusal",
    [
        "D. I do not meet any of the options above.",
        "D. I do not have the experience required for this grade.",
        "D. No, I do not meet this requirement.",
        "D. My background is not reflected in any of the above statements.",
    ],
)
def test_the_options_of_a_questionnaire_choice_are_alternatives(run, refusal: str) -> None:
    text = (
        "Assessment\n1. Pick the answer that describes how you qualify.\n"
        "A. I have one year of experience in records work at the next lower grade.\n"
        "B. I have an associate degree in health information technology.\n"
        "C. I have finished an approved coding certificate program.\n"
        f"{refusal}\n"
    )
    assert paths(run(text, title="Medical Records Technician")) == (
        [("associate", "alternative"), ("certificate", "alternative")],
        [(1, "alternative")],
    )


def test_federal_paths_after_sentence_end_and_label(run) -> None:
    result = run(
        "Qualifications: To qualify you must meet ONE of the following: A. Specialized "
        "Experience: 6 months of experience maintaining medical records; OR B. Education: "
        "2 years of education above high school (associate degree); OR C. Completion of a "
        "medical records technician certificate program.",
        title="Medical Records Technician",
    )
    assert paths(result) == (
        [("associate", "alternative"), ("certificate", "alternative")],
        [(0.5, "alternative")],
    )


def test_capital_or_joins_a_long_path_and_a_grade_restatement_stays_a_path(run) -> None:
    result = run(
        "Qualifications: GS-5: One year of experience equivalent to the GS-4 level in the "
        "Federal service, which included work with medical records, OR four years of education "
        "above high school leading to a bachelor's degree, OR a combination. GS-6: one year of "
        "specialized experience equivalent to GS-5.",
        title="Medical Records Technician",
    )
    assert paths(result) == ([("bachelor", "alternative")], [(1, "alternative")])


def test_or_between_two_figures_alone_is_not_a_substitution(run) -> None:
    result = run(
        "Requirements: 2 years of inpatient coding; OR 3 years of outpatient coding. "
        "Associate degree required.",
    )
    assert paths(result) == ([("associate", "required")], [(2, "required"), (3, "required")])


@pytest.mark.parametrize(
    "text",
    [
        "Maintains the master index system and files loose reports.",
        "Manages accounts in MS Intune for the clinic's tablets.",
        "Keeps BS insurance forms on file.",
    ],
)
def test_a_degree_word_before_a_longer_word_is_no_degree(run, text: str) -> None:
    assert paths(run(f"Duties\n- {text}", title="Health Information Coordinator"))[0] == []


def test_or_between_fields_of_study_is_not_a_path(run) -> None:
    result = run(
        "Qualifications: Bachelor's degree in social work, or a related field with at least "
        "three years of HIM experience, and a minimum of two years supervising staff.",
        title="HIM Supervisor",
    )
    assert paths(result) == ([("bachelor", "required")], [(2, "required"), (3, "required")])


def test_degree_substituting_for_the_experience_before_it_is_a_path(run) -> None:
    result = run(
        "Basic Requirements: U.S. Citizen. Experience: 1 year of experience that included "
        "medical records work. Education: Associate degree in HIT may be substituted for "
        "experience.",
        title="Medical Records Technician",
    )
    assert paths(result) == ([("associate", "alternative")], [(1, "alternative")])


def test_degree_that_may_not_substitute_stays_its_own_level(run) -> None:
    result = run(
        "GS-5: one year of specialized experience. Education may not be substituted for "
        "experience at GS-6. Associate degree preferred.",
        title="Medical Records Technician",
    )
    assert paths(result) == ([("associate", "preferred")], [(1, "required")])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # levels offered as either one ask for the lowest: the higher ones include it
        ("Requirements\n- Associate degree or coding certificate required.",
         {("certificate", "required")}),
        ("Requirements\n- An associate or a bachelor's degree in HIM", {("associate", "required")}),
        ("Requirements\n- HS diploma/GED or associate degree", {("high-school", "required")}),
        ("Requirements\n- HS diploma\nPreferred\n- Associate or bachelor's degree",
         {("high-school", "required"), ("associate", "preferred")}),
        # a level also asked for outright stays
        ("Education\nAssociate's degree in a health field\n"
         "Associate's Degree or Program Certificate from an accredited school",
         {("associate", "required"), ("certificate", "required")}),
        # "and" asks for both; one level said two ways is one level
        ("Requirements\n- High school diploma or GED and an associate degree",
         {("high-school", "required"), ("associate", "required")}),
        ("Requirements\n- High school diploma or GED", {("high-school", "required")}),
        # paths of a degree or experience are still each a path
        ("Requirements\n- Associate or bachelor's degree, or 3 years of coding experience",
         {("associate", "alternative"), ("bachelor", "alternative")}),
    ],
)  # fmt: skip
def test_levels_offered_as_either_one_ask_for_the_lowest(run, text: str, expected: set) -> None:
    result = run(text, title="Health Information Technician")
    assert set(paths(result)[0]) == expected
