"""Years of experience: digits, words, ranges (minimum), "three (3)", months; and what is not experience."""

from __future__ import annotations

import pytest

from pipelines.extract.experience import find_years


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("1-2 years of experience in a hospital HIM department", [1]),
        ("Minimum of three (3) years of inpatient acute-care coding", [3]),
        ("At least two years of professional-fee coding experience", [2]),
        ("Six months of experience in a medical office", [0.5]),
        ("I have at least one full year of specialized experience", [1]),
        ("18 months or more of abstracting experience", [1.5]),
        (
            "Five (5) years of nursing experience, including at least two (2) years in critical care",
            [5, 2],
        ),
        ("min 3 yrs outpt coding exp", [3]),
        ("1 yr of it in VA or DoD preferred", [1]),
        ("One to two years of medical records experience", [1]),
        ("3+ years of coding experience", [3]),
        ("5 or more years of HIM experience", [5]),
        ("2 years' experience in coding", [2]),
        ("3-5 yrs exp", [3]),
        ("a minimum of one year of experience", [1]),
        ("one-year experience in a records room", [1]),
        ("two to three years of experience", [2]),
        ("1.5 years of experience", [1.5]),
        ("Ideally, you have worked at least one year in a clinic", [1]),
        # the figure in brackets alone
        ("CCS or CPC with (1) year minimum of full-time coding", [1]),
        ("(2) years of coding experience", [2]),
    ],
)
def test_years_found(text: str, years: list[float]) -> None:
    assert [y.years for y in find_years(text)] == years


@pytest.mark.parametrize(
    "text",
    [
        "We have cared for families for 35 years.",
        "Remote work is available after 12 months.",
        "Fully remote after six months for specialists who meet targets.",
        "6 mo contract w/ possible conversion to perm",
        "401k after 90 days",
        "Requests completed within 5 business days.",
        "Must earn the credential within two years of hire.",
        "Completion of a coding program of about one academic year",
        "Named a top workplace three years running.",
        "Associate degree from a two-year program",
        "Experience with our 10 year old EHR",
        # when something happened, not how long: a refresher course, a progression exam
        "Coding staff must have passed the refresher within the last three years.",
        "Coders sit the in-house exam after a minimum of 1 year and then move up a band.",
    ],
)
def test_not_experience(text: str) -> None:
    assert find_years(text) == []


def test_experience_levels_and_alternatives(run) -> None:
    text = (
        "Qualifications\nYou must meet ONE of the following:\n"
        "A. EXPERIENCE: One year of specialized experience.\nOR\n"
        "B. EDUCATION: An associate degree in HIM.\nOR\n"
        "C. A coding certificate program.\n"
    )
    result = run(text, title="Medical Records Technician (Coder)")
    assert {(x["years"], x["requirement"]) for x in result["experience"]} == {(1, "alternative")}
    assert {(e["level"], e["requirement"]) for e in result["education"]} == {
        ("associate", "alternative"),
        ("certificate", "alternative"),
    }


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("2 years in release of information or HIM", [2]),
        ("3 yrs in HIM operations", [3]),
        ("we're 4 docs + 2 PAs, open 14 years", []),
        ("Pay is $21/hr to start, raise at 6 months if it's working out.", []),
        ("named a top workplace 6 years in a row", []),
        ("RN license in Texas OR RHIA with 3 years CDI", [3]),
        ("OR Education: 4 years above high school leading to a bachelor's degree", []),
        ("at least 1 year coding in a doctor's office", [1]),
    ],
)
def test_field_years_and_more_non_experience(text: str, years: list[float]) -> None:
    assert [y.years for y in find_years(text)] == years


@pytest.mark.parametrize(
    "statement",
    [
        "20. Are you a veteran who served three or more years of continuous active duty "
        "service in the armed forces OR who is entitled to preference?",
        "7. Did your service begin with an appointment in the Foreign Service counting "
        "towards the 3-year service requirement for career tenure?",
    ],
)
def test_a_federal_forms_hiring_eligibility_asks_for_no_experience(run, statement: str) -> None:
    text = (
        f"Assessment 1\n{statement}\nA. Yes\nB. No\n"
        "21. Do you have one year of coding experience in a hospital?\nA. Yes\nB. No\n"
    )
    result = run(text, title="Medical Records Technician (Coder)")
    assert [x["years"] for x in result["experience"]] == [1]
