"""Section headers found in plain text made from HTML: whole-line, all-caps, inline "X:"."""

from __future__ import annotations

import pytest
from extract_helpers import paths

from pipelines.extract.structure import Layout, heading_kind


def kinds_at(text: str, *phrases: str) -> list[str]:
    """The kind of section each phrase of `text` sits in."""
    layout = Layout(text)
    return [layout.section_of(text.index(p)).kind for p in phrases]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Requirements", "required"),
        ("Minimum Qualifications", "required"),
        ("What you bring", "required"),
        ("What we're looking for", "required"),
        ("MUST HAVE", "required"),
        ("Req'd", "required"),
        ("About you", "required"),
        ("Conditions of Employment", "required"),
        ("Preferred Qualifications", "preferred"),
        ("Preferred", "preferred"),
        ("Desired Skills", "preferred"),
        ("Nice to have", "preferred"),
        ("nice to have", "preferred"),
        ("Bonus points", "preferred"),
        ("Extra credit", "preferred"),
        ("Pref'd", "preferred"),
        ("What will make you stand out", "preferred"),
        ("What sets you apart", "preferred"),
        ("Physical demands", "boilerplate"),
        ("Physical requirements", "boilerplate"),
        ("Work environment", "boilerplate"),
        ("Working conditions", "boilerplate"),
        ("Responsibilities", "duties"),
        ("Essential Functions", "duties"),
        ("What you will do", "duties"),
        ("A typical day", "duties"),
        ("Job Summary", "duties"),
        ("About Acme Health", "boilerplate"),
        ("About us", "boilerplate"),
        ("Who we are", "boilerplate"),
        ("Why join us", "boilerplate"),
        ("Benefits", "boilerplate"),
        ("Perks", "boilerplate"),
        ("What we offer", "boilerplate"),
        ("Equal Opportunity Employer", "boilerplate"),
        ("Assessment 1", "required"),  # a federal questionnaire's qualification questions
        ("Compensation", "pay"),
        ("Pay and schedule", "pay"),
        ("Salary range", "pay"),
    ],
)
def test_heading_kinds(heading: str, kind: str) -> None:
    assert heading_kind(heading) == kind


@pytest.mark.parametrize(
    "heading",
    [
        "Medical Records Technician",
        "Location",
        "Series",
        "Telework eligible",
        # a hiring preference is no preferred qualification
        "Veterans' Preference",
        "Indian Preference guidelines",
        "Grade Preference Eligible",
    ],
)
def test_non_headings(heading: str) -> None:
    assert heading_kind(heading) is None


def _kinds(text: str) -> list[tuple[str, str]]:
    layout = Layout(text)
    return [(s.kind, s.heading) for s in layout.sections if s.kind != "preamble"]


def test_whole_line_headings_in_order() -> None:
    text = "About Acme\nAcme is a hospital.\n\nRequirements\n- CPC\n\nPreferred Qualifications\n- RHIT\n\nBenefits\n- 401k"
    assert _kinds(text) == [
        ("boilerplate", "About Acme"),
        ("required", "Requirements"),
        ("preferred", "Preferred Qualifications"),
        ("boilerplate", "Benefits"),
    ]


def test_all_caps_and_colon_headings() -> None:
    text = "DUTIES:\nScan records.\n\nQUALIFICATIONS:\nHS diploma.\n\nnice to have:\n- RHIT"
    assert [k for k, _ in _kinds(text)] == ["duties", "required", "preferred"]


def test_inline_heading_inside_a_paragraph() -> None:
    text = "Great team. Requirements: CPC, 2 yrs. PREFERRED QUALIFICATIONS: • RHIT • Epic"
    kinds = [k for k, _ in _kinds(text)]
    assert kinds == ["required", "preferred"]
    layout = Layout(text)
    assert layout.section_of(text.index("RHIT")).kind == "preferred"
    assert layout.section_of(text.index("CPC")).kind == "required"


def test_requirement_lines_are_not_headings() -> None:
    text = "Requirements\nEpic experience preferred\nExperience with Cerner\nCPC required"
    layout = Layout(text)
    assert [s.heading for s in layout.sections if s.kind != "preamble"] == ["Requirements"]
    assert layout.section_of(text.index("CPC")).kind == "required"


def test_bulleted_inline_heading_covers_only_its_line() -> None:
    text = "Requirements\n- HS diploma\n- Preferred: CPC\n- 2 years of coding experience"
    layout = Layout(text)
    assert layout.section_of(text.index("CPC")).kind == "preferred"
    assert layout.section_of(text.index("2 years")).kind == "required"


def test_collapsed_bullets_split_into_clauses() -> None:
    text = "Requirements: • HS diploma • CPC preferred • 2 yrs exp"
    layout = Layout(text)
    clauses = [text[a:b] for a, b in layout.clauses]
    assert "CPC preferred" in clauses and "HS diploma" in clauses


def test_a_lettered_item_after_a_full_stop_opens_a_clause() -> None:
    text = "Substitutions: (a) Six months of coding work. (b) A corpsman course, which counts."
    clauses = [text[a:b].strip() for a, b in Layout(text).clauses]
    assert "(b) A corpsman course, which counts." in clauses
    # an abbreviation's letters are no item ("e.g. a clinic")
    text = "Work in a setting, e.g. a clinic. Then file."
    assert "Work in a setting, e.g. a clinic." in [text[a:b] for a, b in Layout(text).clauses]


def test_dash_heading_opening_a_line_covers_that_line() -> None:
    text = (
        "Requirements – CPC or CPC-A; HS diploma.\n\nA plus – pediatric coding; COC.\n\nPay $19/hr"
    )
    layout = Layout(text)
    assert layout.section_of(text.index("CPC-A")).kind == "required"
    assert layout.section_of(text.index("COC")).kind == "preferred"
    assert layout.section_of(text.index("Pay")).kind != "preferred"


def test_lower_case_heading_after_a_sentence_end() -> None:
    text = (
        "coder - full time. requirements: CPC; HS diploma. preferred: a coding program; "
        "bachelor's degree in a related field. pay: $21/hr."
    )
    layout = Layout(text)
    assert layout.section_of(text.index("CPC")).kind == "required"
    assert layout.section_of(text.index("bachelor")).kind == "preferred"


def test_inline_heading_opening_its_line_is_read_whole() -> None:
    text = (
        "Minimum Qualifications: Two years of ED or outpatient coding. CPC or CCS. Associate.\n\n"
        "Preferred Qualifications: COC. MEDITECH Expanse experience. CPC-A candidates will not be "
        "considered."
    )
    layout = Layout(text)
    assert layout.section_of(text.index("COC")).kind == "preferred"


def test_collapsed_bullets_carry_the_next_heading() -> None:
    text = (
        "Req'd: HS dip/GED\n• C.P.C. or CCS-P\n• NCCI edits Pref'd: COC\n• NextGen\n"
        "• anatomy & physiology course Duties: code office visits\n• do chart audits\n"
    )
    assert kinds_at(text, "NCCI", "COC", "NextGen", "anatomy", "chart audits") == [
        "required", "preferred", "preferred", "preferred", "duties"
    ]  # fmt: skip


def test_bullet_opening_with_a_heading_word_stays_line_scoped() -> None:
    text = "Preferred:\n• Experience: 2 years in Epic\n• RHIT\n"
    layout = Layout(text)
    assert layout.section_of(text.index("RHIT")).kind == "preferred"


def test_acronym_with_a_level_word_labels_only_its_bullet() -> None:
    text = "Preferred:\n• CPC Required: for the senior track\n• RHIT\n• Epic\n"
    layout = Layout(text)
    assert layout.section_of(text.index("RHIT")).kind == "preferred"
    assert layout.section_of(text.index("Epic")).kind == "preferred"


def test_item_label_with_a_dash_is_not_a_section() -> None:
    text = "Preferred Qualifications\nExperience - 1 year in Epic\nEducation – Associate degree\n"
    layout = Layout(text)
    assert layout.section_of(text.index("1 year")).kind == "preferred"
    assert layout.section_of(text.index("Associate")).kind == "preferred"


def test_two_word_tail_after_a_bullet_stays_a_label() -> None:
    text = "Preferred:\n• Proficiency in Epic Required: for inpatient\n• RHIT\n"
    layout = Layout(text)
    assert layout.section_of(text.index("RHIT")).kind == "preferred"


def test_a_pay_label_with_its_value_covers_only_its_line(run) -> None:
    """An aggregator's fact lines ("Salary: ...", "Posted: ...") before the posting: the pay
    line is pay, and the job summary under it is job content."""
    text = (
        "Job opening: Release of Information Technician\n"
        "Salary: $34,584 - $54,625 per year\n"
        "Posted: Oct 11 2026\n"
        "The technician processes requests for records and gives direct customer service to "
        "patients and third parties.\n"
        "Duties\n- Validate authorizations under HIPAA."
    )
    assert kinds_at(text, "$34", "customer service") == ["pay", "neutral"]
    result = run(text, title="Release of Information Technician")
    assert "customer-service" in {s["id"] for s in result["skills"]}
    assert result["salary"] == {"min": 34584.0, "max": 54625.0, "period": "year"}


def test_a_pay_heading_alone_still_opens_a_section() -> None:
    text = "Requirements\n- CPC\n\nCompensation\n$21.00 - $27.00 per hour\nShift differential"
    assert kinds_at(text, "Shift") == ["pay"]


def test_all_caps_headings_run_into_a_flattened_paragraph() -> None:
    text = (
        "PRIMARY RESPONSIBILITIES Codes clinic visits and follows up on edits in the work "
        "queue. Performs other duties. EDUCATION High school diploma or equivalent "
        "EXPERIENCE One year experience HIPAA Compliance is everyone's job."
    )
    assert kinds_at(text, "Codes clinic", "High school", "One year") == [
        "duties", "required", "required"
    ]  # fmt: skip
    # a heading word must close the phrase: a shouted sentence is not a heading
    shouted = "We are hiring now. THIS POSITION REQUIRES Strong typing skills and a CPC credential."
    assert [s.kind for s in Layout(shouted).sections] == ["preamble"]


def test_a_degree_and_a_figure_under_their_own_caps_headings_are_not_paths(run) -> None:
    text = (
        "PRIMARY RESPONSIBILITIES Codes clinic visits and works the edit queue for the clinic "
        "group. EDUCATION High school diploma or equivalent EXPERIENCE One year experience"
    )
    result = run(text, title="Coder I")
    assert paths(result)[0] == [("high-school", "required")]
    assert paths(result)[1] == [(1, "required")]


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        # a numbered part titled as a heading ends the applicant form's "Preferences" part
        (
            "Preferences\n1. Which statement describes your service as a political appointee?"
            "\nA. None\n\nAssessment 1\n1. Basic Requirements\nOne year of experience with "
            "medical terminology.\n",
            "Which statement",
            "One year",
        ),
        # so does the questionnaire's "Assessment 1" part
        (
            "Preferences\n1.\nAre you a current or recent political appointee?\n A. No\n"
            "Assessment 1\n1.\nCertification. Staff at this grade must hold a full level "
            "credential.\n Yes\n No\n",
            "political",
            "Certification.",
        ),
    ],
)
def test_a_forms_parts_end_its_hiring_preferences_part(text: str, before: str, after: str) -> None:
    # an applicant form: "Preferences" asks about hiring preferences, not preferred skills
    assert kinds_at(text, before, after) == ["preferred", "required"]


@pytest.mark.parametrize("mark", ["2.", "2)", "b.", "-"])
def test_a_list_item_that_opens_with_a_label_is_headed_by_the_label(mark: str) -> None:
    # "2. Education: associate degree": an item of a list, its label run in before the colon
    layout = Layout(f"Qualifications\n1. Coding: two years\n{mark} Education: associate degree\n")
    headings = [s.heading for s in layout.sections]
    assert "Education" in headings
    assert "Education: associate degree" not in headings
