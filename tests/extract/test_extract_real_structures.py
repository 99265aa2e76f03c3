"""Structures real postings use that our own early fixtures did not: federal qualification
paths written the way OPM/VA announcements lay them out, long credential lists by full name,
pages flattened by aggregators, UK and state-service wording. Every text here is written in
our own words; it copies the structure, not any posting."""

from __future__ import annotations

import pytest
from extract_helpers import paths

from pipelines.extract.education import find_education
from pipelines.extract.experience import find_years


def _groups(result) -> list[list[str]]:
    groups: dict[int, list[str]] = {}
    for c in result["credentials"]:
        if c["group"] is not None:
            groups.setdefault(c["group"], []).append(c["id"])
    return sorted(sorted(g) for g in groups.values())


def test_federal_paths_run_into_one_paragraph(run) -> None:
    # "OR,(2) Education." is a label; its level is named in the next sentence.
    result = run(
        "Qualifications: BASIC REQUIREMENTS: Citizenship. Must be a U.S. citizen. Experience and "
        "Education: Must meet one of the following:(1) Experience. One year of creditable "
        "experience showing knowledge of medical terminology and the layout of a health record. "
        "OR,(2) Education. An associate's degree from an accredited school with a major in health "
        "information technology. OR,(3) Completion of an AHIMA approved coding program of about a "
        "year that led to eligibility for a coding certification exam.",
        title="Medical Records Technician (Coder)",
    )
    assert paths(result) == (
        [("associate", "alternative"), ("certificate", "alternative")],
        [(1, "alternative")],
    )


def test_a_path_with_a_part_figure_stays_one_path(run) -> None:
    result = run(
        "Basic Requirements: English Language Proficiency. Experience. One year of creditable "
        "experience with health records. Six months of the required one year must have given the "
        "skills to do release of information work. OR, Education. An associate's degree in "
        "health information management. OR, Combination. Equal mixes of experience and education "
        "also qualify.",
        title="Med Rec Tech (ROI)",
    )
    assert paths(result) == (
        [("associate", "alternative")],
        [(0.5, "alternative"), (1, "alternative")],
    )


def test_bulleted_or_lines_arepaths(run) -> None:
    result = run(
        "Key Requirements\n"
        "  • US citizenship\n"
        "  • One year of creditable experience with health records, six months of it in analysis\n"
        "  • OR an associate's degree in health information technology\n"
        "  • OR an equal mix of experience and education\n",
        title="Medical Records Technician (HIT)",
    )
    assert paths(result) == (
        [("associate", "alternative")],
        [(0.5, "alternative"), (1, "alternative")],
    )


def test_or_on_its_own_line_with_a_comma(run) -> None:
    result = run(
        "Experience. Three years of experience managing health records and record systems.\n"
        "OR,\n"
        "Education. A bachelor's degree in health information management.\n"
        "OR,\n"
        "Combination. For example, two years above high school plus one year and six months of "
        "experience.\n",
        title="Medical Records Administrator",
    )
    assert paths(result) == (
        [("associate", "alternative"), ("bachelor", "alternative")],
        [(1.5, "alternative"), (3, "alternative")],
    )


@pytest.mark.parametrize("bullet", ["- ", ""])
def test_a_path_that_opens_a_list_holds_its_items(run, bullet: str) -> None:
    # the combination path names its figures in a lettered list under it
    result = run(
        "Experience: One year of work that shows a grasp of medical words and record layout.\n"
        "OR\n"
        "Education: An associate degree in health information technology.\n"
        "OR\n"
        "Combination: Mixes of the two also qualify, as follows:\n"
        f"{bullet}(a) Six months of experience in record work and one year of study above "
        "high school.\n"
        f"{bullet}(b) A military medical course may stand in for part of the experience.\n"
        "\n"
        "Grade 6: two years of experience in record work, one of them at grade 5.\n",
        title="Medical Records Technician",
    )
    assert sorted(paths(result)[1]) == [
        (0.5, "alternative"), (1, "alternative"), (2, "required")
    ]  # fmt: skip


def test_paths_each_closed_by_or_with_a_comma(run) -> None:
    result = run(
        "- (1) Experience. One year of work with medical words and health record layout. OR,\n"
        "- (2) Education. An associate degree in health information technology. OR,\n"
        "- (3) Completion of a coding program of about one year that led to a coding exam.\n",
        title="Medical Records Technician (Coder)",
    )
    assert paths(result) == (
        [("associate", "alternative"), ("certificate", "alternative")],
        [(1, "alternative")],
    )


def test_two_figures_joined_by_or_alone_are_notpaths(run) -> None:
    result = run(
        "Requirements: 2 years of inpatient coding; OR 3 years of outpatient coding. Associate "
        "degree required."
    )
    assert paths(result)[0] == [("associate", "required")]


def test_who_may_apply_is_not_an_experience_requirement(run) -> None:
    result = run(
        "This job is open to\n\nCurrent federal employees with one year in the excepted service.\n\n"
        "Duties\n\nAnalyse incomplete health records.",
        title="Medical Records Technician",
    )
    assert result["experience"] == []


def test_long_credential_list_by_full_name_is_one_group(run) -> None:
    result = run(
        "Certification. You must hold a mastery level certification. Current mastery level "
        "certifications include: Certified Coding Specialist (CCS),Certified Coding Specialist - "
        "Physician-based (CCS-P),Registered Health Information Technician (RHIT),Registered "
        "Health Information Administrator (RHIA),Certified Professional Coder (CPC),Certified "
        "Outpatient Coder (COC),Certified Inpatient Coder (CIC).",
        title="Medical Records Technician (Coder)",
    )
    assert _groups(result) == [["CCS", "CCS-P", "CIC", "COC", "CPC", "RHIA", "RHIT"]]
    assert {c["level"] for c in result["credentials"]} == {"required"}


def test_credentials_in_the_issuers_words(run) -> None:
    result = run(
        "Certifications: one of Clinical Documentation Improvement Practitioner (CDIP)Certified "
        "Clinical Documentation Specialist (CCDS), or a Health Data Analyst Certification through "
        "AHIMA.",
        title="Clinical Documentation Integrity Specialist",
    )
    assert {c["id"] for c in result["credentials"]} == {"CDIP", "CCDS", "CHDA"}


def test_the_credentials_former_names_count(run) -> None:
    # AHIMA's names for RHIT and RHIA before 1999, still in older postings
    result = run(
        "Must be an Accredited Record Technician or a Registered Record Administrator.",
        title="Coding Auditor",
    )
    assert {c["id"] for c in result["credentials"]} == {"RHIT", "RHIA"}
    # and their acronyms, "ART" only beside the other names of the two
    result = run("Preferred: BS in HIM, RRA or ART certification.", title="HIM Director")
    assert {c["id"] for c in result["credentials"]} == {"RHIT", "RHIA"}
    result = run(
        "This is an Air Reserve Technician (ART) position; applicants must be eligible to "
        "join the Reserve. Keeps the medical records of the clinic.",
        title="Medical Records Technician",
    )
    assert result["credentials"] == []


def test_a_comma_list_without_an_introduction_is_not_forced_into_a_group(run) -> None:
    result = run("Our HIM team works beside CPC and CCS coders.\nDuties: code outpatient visits.")
    assert _groups(result) == []


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("Two years above high school in an accredited college", ["associate"]),
        ("completion of 60 semester hours of college study", ["associate"]),
        ("or 90 quarter hours of coursework", ["associate"]),
        ("Educated to NVQ Level 3 in business administration", ["certificate"]),
        ("BTEC in health and social care", ["certificate"]),
        ("Five GCSEs at grade C or above, including Maths", ["high-school"]),
        ("A good standard of general education", ["high-school"]),
        ("A foundation degree or HNC in a related subject", ["associate", "associate"]),
        ("one year above high school", []),
    ],
)
def test_education_in_federal_state_and_uk_words(text: str, levels: list[str]) -> None:
    assert [m.level for m in find_education(text)] == levels


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("plus one year and six months of creditable experience", [1.5]),
        ("two years and 3 months of coding experience", [2.25]),
        ("one year of experience and six months of training", [1.0]),
    ],
)
def test_years_and_months_are_one_figure(text: str, years: list[float]) -> None:
    assert [f.years for f in find_years(text)] == years


def test_an_or_set_off_by_dashes_after_a_long_first_path(run) -> None:
    # The first path runs over a ";" list of what the experience covers; "--OR--" ends the
    # clause before the next path rather than opening it.
    result = run(
        "Basic Requirements: Citizenship: you must be a U.S. citizen. Experience: One year of "
        "creditable experience with medical terms and health records. Six months of the required "
        "one year must have given the skills for records work. This experience should cover "
        "terminology; disease processes; record procedures; and the legal weight of records. "
        "--OR-- Education: An associate's degree in health information technology. --OR-- "
        "Combination: mixes of education and experience also qualify.",
        title="Medical Records Technician (ROI)",
    )
    assert paths(result) == (
        [("associate", "alternative")],
        [(0.5, "alternative"), (1, "alternative")],
    )


def test_lettered_paths_with_a_credential_make_experience_an_alternative(run) -> None:
    result = run(
        "Requirements: Applicants need one of these: (a) the CPC or CCS credential; or (b) two "
        "years of work with medical records in a clinic; or (c) twenty college credits in "
        "health courses.",
        title="Coder I",
    )
    assert paths(result) == ([], [(2, "alternative")])
    assert {c["id"]: c["level"] for c in result["credentials"]} == {
        "CPC": "required",
        "CCS": "required",
    }


def test_the_credential_deadline_wins_over_the_eligibility_deadline(run) -> None:
    result = run(
        "Requirements\n- Must be CTR eligible within six months of hire, with the CTR credential "
        "earned within 18 months of hire.",
        title="Tumor Registrar",
    )
    (ctr,) = result["credentials"]
    assert ctr["eligible"] is True and ctr["within_months"] == 18


@pytest.mark.parametrize(
    ("duty", "skill"),
    [
        ("Answer subpoenas for patient charts.", "release-of-information"),
        ("Review discharged records for completeness.", "chart-analysis"),
        ("Query the attending provider when documentation is unclear.", "cdi"),
    ],
)
def test_duties_in_government_wording(run, duty: str, skill: str) -> None:
    result = run(f"Duties\n- {duty}", title="Medical Records Technician")
    assert skill in {s["id"] for s in result["skills"]}


def test_criminal_records_are_not_medical_records(run) -> None:
    assert (
        run("Keep arrest files current.", title="Criminal Records Technician")["relevant"] is False
    )


def test_a_one_of_list_ends_where_the_next_labelled_block_starts(run) -> None:
    # A page flattened without blank lines: the credential list under "one of the
    # following" stops at "Language:", so the grade's own figure further down is asked for
    # in addition to the basic paths, not as one more path.
    result = run(
        "Basic Requirements:\n"
        "Education or Experience:\n"
        "- Two years of experience maintaining health records.\n"
        "OR\n"
        "- A bachelor's degree in health information management.\n"
        "Certification:\n"
        "Anyone hired must meet one of the following:\n"
        "- Coding certification from AHIMA or AAPC\n"
        "- RHIA\n"
        "Language:\n"
        "Reads and writes English well.\n"
        "Grade Determinations: GS-11\n"
        "Experience: One year of experience equivalent to the next lower grade level.",
        title="Medical Records Administrator",
    )
    education, experience = paths(result)
    assert education == [("bachelor", "alternative")]
    assert experience == [(1, "required"), (2, "alternative")]


def test_acronyms_with_their_letters_spaced_out(run) -> None:
    # text copied out of a typed form: "C P T" is CPT; a form that needs context to be
    # read ("PCS" alone) is not guessed at when spaced
    result = run(
        "Duties: assigns and sequences C P T and H C P C S codes for outpatient visits and "
        "checks them against N C C I edits; files the P C S forms.",
        title="Medical Records Technician (Coder)",
    )
    found = {s["id"] for s in result["skills"]}
    assert {"cpt", "hcpcs", "ncci"} <= found
    assert "icd-10-pcs" not in found


def test_icd_without_a_version_is_not_icd_10_cm(run) -> None:
    # class specifications older than ICD-10 still say "ICD" or "International
    # Classification of Diseases"; the contract's icd-10-cm needs the tenth revision
    bare = run(
        "Duties: codes diagnoses using ICD and the International Classification of Diseases.",
        title="Medical Records Technician",
    )
    assert "icd-10-cm" not in {s["id"] for s in bare["skills"]}
    tenth = run("Duties: codes diagnoses in ICD-10.", title="Medical Records Technician")
    assert "icd-10-cm" in {s["id"] for s in tenth["skills"]}


def test_credentials_one_per_line_joined_by_a_trailing_or(run) -> None:
    # each credential spelled out with its issuer on a line of its own, the lines joined
    # by "or" at their ends; a bracketed "(Optional)" line opens the preferred ones
    result = run(
        "Certifications\n\n(Required)\n\n"
        " Professional Coder (CPC) certification from the AAPC, or\n"
        " Coding Associate (CCA) certification from AHIMA\n\n"
        " (Optional)\n\n"
        " Coding Specialist - Physician (CCS-P) certification from AHIMA, or\n"
        " Health Information Technician (RHIT) registration from AHIMA\n",
        title="Coding Educator",
    )
    assert _groups(result) == [["CCA", "CPC"], ["CCS-P", "RHIT"]]
    levels = {c["id"]: c["level"] for c in result["credentials"]}
    assert levels == {
        "CPC": "required",
        "CCA": "required",
        "CCS-P": "preferred",
        "RHIT": "preferred",
    }


def test_an_issuer_named_inside_an_either_or_list(run) -> None:
    result = run(
        "Required Qualifications\n- Active ACDIS, CCDS, or AHIMA, CDIP certification\n",
        title="CDI Specialist",
    )
    assert _groups(result) == [["CCDS", "CDIP"]]


def test_credentials_named_without_certified_as_application_forms_list_them(run) -> None:
    result = run(
        "Required:\nLicense required\n"
        "Professional Coder Certificate OR Coding Associate Certificate OR Professional "
        "Medical Auditor Certificate OR Professional Coder Certificate - Apprentice\n",
        title="Medical Coder",
    )
    assert _groups(result) == [["CCA", "CPC", "CPC-A", "CPMA"]]
    # one word after "certified" names no credential: "coder certification" is any of them
    assert run("Coder certification required.", title="Medical Coder")["credentials"] == []


# ---- applicant questionnaires: choices, labelled paths, the grade hired at ----------------


def test_a_choice_of_plain_lines_ending_in_none_of_the_above(run) -> None:
    # The options are neither lettered nor in the applicant's voice: each is a line under
    # the question, and the refusing line closes the choice.
    result = run(
        "2.\nQualifying path. Pick the one statement that best describes your background.\n\n"
        "Twelve months of experience with patient charts, including indexing and audits\n"
        "An associate degree in health information management and a records course\n"
        "A mix of work and schooling adding up to the same\n"
        "None of the above.\n",
        title="Health Records Technician",
    )
    assert paths(result) == ([("associate", "alternative")], [(1, "alternative")])


def test_a_choice_stops_at_the_question_above_it(run) -> None:
    # Two questions in a row, each with one qualifying option: the first question's option is
    # not an option of the second, so the grade's year is not one path among several.
    result = run(
        "1. Minimum qualification for GS-07\n"
        "Choose the answer that best describes your work history for this grade.\n"
        "A. I have twelve months of specialized experience comparable to the GS-06 level.\n"
        "B. I do not have any of these.\n"
        "2. Minimum qualification for GS-08\n"
        "Choose the answer that best describes your work history for this grade.\n"
        "A. I have twelve months of specialized experience comparable to the GS-07 level.\n"
        "B. I do not have the experience or education for this grade.\n",
        title="Medical Records Technician",
    )
    assert paths(result) == ([], [(1, "required")])


@pytest.mark.parametrize("glued", ["chartsOR", "charts;OR", "charts) OR"])
def test_an_or_glued_to_the_end_of_a_path(run, glued: str) -> None:
    # a page that lost a line break leaves "...chartsOR" at the end of the path
    result = run(
        "Basic requirements:\n\n"
        f"Experience: One year of creditable experience with patient {glued}\n\n"
        "Education: An associate degree with a major in health information technology",
        title="Medical Records Technician",
    )
    assert paths(result) == ([("associate", "alternative")], [(1, "alternative")])


def test_labelled_paths_with_a_combination_path_and_no_or(run) -> None:
    # OPM's layout without any OR: the combination label says the paragraphs are paths, and
    # its substitutions on the lines below it are one more.
    result = run(
        "Experience and Education\n\n"
        "Experience. One year of creditable experience showing medical terminology and a "
        "general understanding of health records.\n\n"
        "Education. An associate degree in health information technology, with course work in "
        "records.\n\n"
        "Experience/Education Combination. Mixes of the two also qualify, as follows:\n"
        "Six months of creditable experience with records and one year above high school with "
        "six semester hours of record courses.\n",
        title="Medical Records Technician (ROI)",
    )
    assert paths(result) == (
        [("associate", "alternative")],
        [(0.5, "alternative"), (1, "alternative")],
    )


def test_education_and_experience_labels_without_a_combination_are_both_asked(run) -> None:
    result = run(
        "Requirements\n\nEducation: Associate degree in health information technology.\n\n"
        "Experience: Two years of hospital coding experience.\n",
        title="Coding Specialist",
    )
    assert paths(result) == ([("associate", "required")], [(2, "required")])


_BASIC_PATHS = (
    "Basic requirements: One year of creditable experience with health records; OR an "
    "associate degree in health information technology; OR six months of such experience "
    "plus a year of college with records courses.\n\n"
)


def test_the_year_a_single_grade_asks_outright_is_required(run) -> None:
    # Hiring at GS-8 only: whoever qualifies by a degree still needs the grade's year.
    result = run(
        "Medical Records Technician (Coder), GS-8\n\n"
        + _BASIC_PATHS
        + "GS-8 specialized experience: You must have one year of creditable experience "
        "equivalent to the next lower grade level (GS-7).\n",
        title="Medical Records Technician (Coder)",
    )
    assert paths(result) == (
        [("associate", "alternative")],
        [(0.5, "alternative"), (1, "required")],
    )


def test_the_year_stays_a_path_where_the_lowest_grade_can_be_entered_by_a_degree(run) -> None:
    result = run(
        "Grade 4:\n\n"
        + _BASIC_PATHS
        + "Grade 5:\nOne year of experience equivalent to the GS-4 level; OR a bachelor's "
        "degree in health information management.\n\n"
        "Grade 6:\nOne year of experience equivalent to the next lower grade, GS-5.\n",
        title="Medical Records Technician",
    )
    assert paths(result) == (
        [("associate", "alternative"), ("bachelor", "alternative")],
        [(0.5, "alternative"), (1, "alternative")],
    )


def test_the_lowest_grade_offering_paths_of_its_own_keeps_the_year_a_path(run) -> None:
    # GS-9 only, but the grade itself may be entered several ways
    result = run(
        "Grade determination, GS-9\n\n"
        "You need one year of experience equivalent to the GS-8 grade level OR an associate "
        "degree and three years of clinical documentation improvement work.\n\n"
        "Do you have one year of experience equivalent to the GS-8 grade level?\nYes\nNo\n",
        title="Medical Records Technician (CDI Specialist)",
    )
    assert paths(result) == (
        [("associate", "alternative")],
        [(1, "alternative"), (3, "alternative")],
    )


@pytest.mark.parametrize(
    "text, levels",
    [
        # a misspelt "Mastery Level Certification" names a credential, no degree
        ("Masters Level Certification note: a higher coding credential.", []),
        ("A master's level clinician may apply.", ["master"]),
        # a federal crediting rule names a threshold, not a degree asked for
        ("Only education in excess of the first 60 semester hours counts.", []),
        ("No degree required; a high school diploma is.", ["high-school"]),
    ],
)
def test_a_level_certification_is_no_degree(text: str, levels: list[str]) -> None:
    assert [e.level for e in find_education(text)] == levels


def test_a_course_that_included_classes_is_not_a_team_description(run) -> None:
    # "the training program included courses in ..." describes a path, not an employer
    result = run(
        "Combination: six months of creditable experience with records, and completion of a "
        "corpsman course; the training program included courses in anatomy and records.\n",
        title="Medical Records Technician",
    )
    assert paths(result) == ([], [(0.5, "alternative")])


def test_a_federal_employees_time_in_grade_is_no_experience() -> None:
    text = "An SF-50 must show one-year time-in-grade at the next lower grade of experience."
    assert find_years(text) == []


def test_a_path_wrapped_over_lines_before_its_or(run) -> None:
    # the grade's year sits on the first line of a paragraph wrapped before its "; OR"
    result = run(
        "Medical Records Technician, GS-5\n\n"
        "GS-5 experience: one year of experience equivalent to the next lower grade that shows\n"
        "analysis of health records for accuracy and completeness; OR\n\n"
        "Education: a bachelor's degree in health information management.\n",
        title="Medical Records Technician",
    )
    assert paths(result) == ([("bachelor", "alternative")], [(1, "alternative")])


def test_words_an_editor_put_in_brackets_are_read(run) -> None:
    # the VA's standards print amendments in square brackets: "[One] year of [creditable] ..."
    result = run(
        "Health Information Administrator, GS-12\n\n"
        "(a) Experience. [One] year of [creditable] experience equivalent to the next lower "
        "grade level [that shows] the skills described at that level.\n",
        title="Health Information Administrator",
    )
    assert paths(result) == ([], [(1, "required")])


def test_an_option_offering_schooling_without_a_level_is_a_path(run) -> None:
    result = run(
        "1. Minimum qualifications, GS-0601-11\n"
        "Choose the response that best describes your background.\n"
        "A. I have one year of specialized experience comparable to the GS-09 grade level.\n"
        "B. I have three years of graduate education leading to a doctoral degree.\n"
        "C. I have a combination of education and experience adding up to 100 percent.\n"
        "D. I do not have the education or experience described above.\n",
        title="Health Information Specialist",
    )
    assert paths(result)[1] == [(1, "alternative")]


def test_an_option_may_use_a_question_word_in_its_duties(run) -> None:
    # "select and assign codes" inside option A does not end the choice there
    result = run(
        "1. Minimum qualification, GS-05\n"
        "Pick the one response that best describes your background.\n"
        "A. I have one year of specialized experience equivalent to the GS-04 grade level; "
        "duties include: select and assign codes to records.\n"
        "B. I have an associate degree in health information technology.\n"
        "C. I do not have any of these.\n",
        title="Medical Records Technician",
    )
    assert paths(result) == ([("associate", "alternative")], [(1, "alternative")])


@pytest.mark.parametrize(
    ("hired_at", "year"),
    [
        # the grades after the series: several, so the lowest can be entered by a degree
        ("Medical Records Technician, GS-0675-04/05/06", "alternative"),
        # no grade hired at is named: the steps up all lead to the one grade hired at
        ("Medical Records Technician", "required"),
    ],
)
def test_the_grades_hired_at_after_a_series(run, hired_at: str, year: str) -> None:
    result = run(
        f"{hired_at}\n\n"
        + _BASIC_PATHS
        + "Do you have one year of creditable experience equivalent to the next lower grade "
        "level (GS-6)?\nYes\nNo\n",
        title="Medical Records Technician",
    )
    assert paths(result)[1] == [(0.5, "alternative"), (1, year)]


def test_a_refusal_that_says_it_is_not_reflected(run) -> None:
    result = run(
        "2. Do you meet the requirement with one of the following?\n\n"
        "Three years of creditable experience managing health records.\n"
        "A bachelor's degree in health information management.\n"
        "My experience and/or education are not reflected.\n",
        title="Medical Records Administrator",
    )
    assert paths(result) == ([("bachelor", "alternative")], [(3, "alternative")])


def test_a_combination_label_with_its_list_after_a_blank_line(run) -> None:
    result = run(
        "Combination. Mixes of experience and education qualify as follows:\n\n"
        "(a) Six months of creditable experience with records and a year of college courses.\n",
        title="Medical Records Technician",
    )
    assert paths(result)[1] == [(0.5, "alternative")]


@pytest.mark.parametrize(
    "text",
    [
        "divide your semester hours of education beyond two years of college by 60",
        "Veterans released shortly before completing a 3-year tour are eligible.",
        "a veteran separated after 3 or more years of continuous active service",
        "served for at least one year in a position under an interchange agreement",
    ],
)
def test_eligibility_and_schooling_spans_are_no_experience(run, text: str) -> None:
    result = run(
        f"Basic requirements, with experience noted:\n{text}.\n", title="Medical Records Technician"
    )
    assert result["experience"] == []


def test_an_option_ending_in_a_colon_is_still_an_option(run) -> None:
    # the combination option leads into its substitutions with a colon
    result = run(
        "2.\nExperience and Education. Pick the option that best describes you.\n\n"
        "One year of creditable experience with health records.\n"
        "An associate degree in health information technology.\n"
        "Equivalent combinations of experience and education, as follows:\n"
        "None of the above.\n",
        title="Medical Records Technician",
    )
    assert paths(result) == ([("associate", "alternative")], [(1, "alternative")])


def test_an_apostrophe_lost_to_a_question_mark(run) -> None:
    result = run(
        "A. I have one year of experience with health records.\n"
        "B. I have an associate?s degree in health information technology.\n"
        "C. I do not have any of these.\n",
        title="Medical Records Technician",
    )
    assert paths(result) == ([("associate", "alternative")], [(1, "alternative")])


def test_experience_at_a_grade_refers_to_the_grade_below(run) -> None:
    # hiring at GS-8 only: "experience at the GS-7 grade level" names the grade below
    result = run(
        "1. Basic requirements\n" + _BASIC_PATHS + "2. GS-8 Experience\n\n"
        "One year of creditable experience equivalent to the next lower (GS-7) grade level.\n"
        "Do you possess one year of experience at the GS-07 grade level described above?\n",
        title="Medical Records Technician (ROI)",
    )
    assert paths(result)[1] == [(0.5, "alternative"), (1, "required")]
