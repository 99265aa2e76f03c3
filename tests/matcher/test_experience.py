"""Relevant experience from resume text: which dated roles count, overlaps once, a stated
total when no relevant role is dated."""

from __future__ import annotations

from datetime import date

import pytest

from matcher.experience import classify_role, relevant_experience, stated_total
from matcher.resume_text import split_sections

TODAY = date(2026, 11, 23)


def experience(text, terms):
    return relevant_experience(text, split_sections(text), TODAY, terms.roles)


@pytest.mark.parametrize(
    "heading, relevance",
    [
        ("Medical Records Clerk, County Hospital", "family"),
        ("Outpatient Coder | Alamo Physicians", "family"),
        ("HIM Analyst", "family"),
        ("Release of Information Specialist", "family"),
        ("Tumor Registrar, Cancer Center", "family"),
        ("CDI Specialist", "family"),
        ("Medical Biller, Smith Family Practice", "adjacent"),
        ("Patient Access Representative", "adjacent"),
        ("Unit Secretary, 4 West", "adjacent"),
        ("Front Desk Receptionist, Mesquite Family Clinic", "adjacent"),
        ("Scheduler, Riverside Orthopedics", "adjacent"),
        ("Receptionist, Law Office of J. Smith", "other"),
        ("Cashier, Corner Grocery", "other"),
        ("Registrar's Office Assistant, State College", "other"),
        ("Software Developer", "other"),
    ],
)
def test_roles_by_their_heading(terms, heading, relevance):
    assert classify_role(heading, terms.roles)[0] == relevance


def test_only_relevant_roles_count_and_overlaps_count_once(terms):
    text = (
        "Experience\n"
        "Medical Coder, Alamo Physicians\n01/2020 - 12/2022\n- coded visits\n\n"
        "Medical Biller, Alamo Physicians\n06/2022 - 05/2023\n- claims\n\n"
        "Barista, Coffee Corner\n2015 - 2019\n- espresso\n"
    )
    found = experience(text, terms)
    # 2020-01..2022-12 (36 months) and 2022-06..2023-05 overlapping 7 months: 41 months
    assert found.source == "dated roles" and found.years == round(41 / 12, 1)
    assert [(r.relevance, r.counted, r.start, r.end) for r in found.roles] == [
        ("family", True, "2020-01", "2022-12"),
        ("adjacent", True, "2022-06", "2023-05"),
        ("other", False, "2015-01", "2018-12"),
    ]


def test_title_below_the_dates(terms):
    text = "Work History\nLakeside Clinic, Tulsa OK    2019 - 2021\nCoding Specialist\n- coded\n"
    found = experience(text, terms)
    assert found.years == 2.0 and found.roles[0].matched == "coding"


def test_a_stated_total_wins_when_no_relevant_role_is_dated(terms):
    text = (
        "Summary\nCPC coder with three years of outpatient coding.\n\n"
        "Experience\nCashier, Corner Grocery, 2015 - 2018\n"
    )
    found = experience(text, terms)
    assert (found.years, found.source, found.stated_years) == (3.0, "stated total", 3.0)
    assert [r.counted for r in found.roles] == [False]


def test_dated_relevant_roles_win_over_a_stated_total(terms):
    text = (
        "Summary\nHIM professional with 10 years of experience.\n\n"
        "Experience\nHealth Information Technician\n03/2021 - 02/2023\n"
    )
    found = experience(text, terms)
    assert (found.years, found.source, found.stated_years) == (2.0, "dated roles", 10.0)


@pytest.mark.parametrize(
    "text, years",
    [
        ("Medical coder with three years of outpatient coding.", 3.0),
        ("Over 5 years of experience in HIM.", 5.0),
        ("18 months as a medical receptionist at a clinic.", 1.5),
        ("2+ years of medical billing experience", 2.0),
        ("Friendly professional with 5 years of experience in retail.", 0.0),
        ("worked there 5 years", 0.0),
    ],
)
def test_stated_totals_count_when_the_sentence_is_about_relevant_work(terms, text, years):
    assert stated_total(text, terms.roles) == years


def test_without_role_words_every_dated_role_counts():
    text = "Experience\nBarista, 2019 - 2021\n"
    assert relevant_experience(text, split_sections(text), TODAY, None).years == 2.0
