"""Scraped postings flattened to one paragraph: run-in headings, dash/bullet separators, emoji bullets."""

from __future__ import annotations

import pytest
from extract_helpers import creds, paths, skills


def test_run_in_headings_without_punctuation(run) -> None:
    text = (
        "Acme Health is looking for a coder to join us. Responsibilities: Assign CPT and "
        "ICD-10-CM codes • resolve NCCI edits • meet quality standards Requirements: Req'd: "
        "HS dip • 2 yrs OP coding exp • CPC, COC, or CCS Pref'd: Assoc degree in HIM • Epic "
        "Benefits: $2,000 sign-on bonus • 401(k). Acme Health is an Equal Opportunity Employer."
    )
    result = run(text, title="Outpatient Coder II", company="Acme Health")
    found = creds(result)
    assert {k: (v["level"], v["group"] is not None) for k, v in found.items()} == {
        "CPC": ("required", True), "COC": ("required", True), "CCS": ("required", True),
    }  # fmt: skip
    assert skills(result) == {"cpt": "required", "icd-10-cm": "required", "ncci": "required",
                              "epic": "preferred"}  # fmt: skip
    assert set(paths(result)[0]) == {
        ("high-school", "required"), ("associate", "preferred")}  # fmt: skip
    assert paths(result)[1] == [(2, "required")]


def test_dash_separated_headings(run) -> None:
    text = (
        "Bluestem Home Care serves 2,300 patients a day. We are adding a coder - What you will do - "
        "Assign ICD10 codes - Work in our EMR - Requirements - CCS or CPC required (HCS-D must be "
        "obtained within 12 months of hire) - Minimum of 2 years of home health coding - Ideally 1 "
        "year of OASIS review experience - Pay - $58,000 - $70,000 annually - Perks - 401(k) match"
    )
    result = run(text, title="Home Health Coder", company="Bluestem Home Care")
    found = creds(result)
    assert set(found) == {"CCS", "CPC"}
    assert all(c["within_months"] is None for c in found.values())  # the deadline is the HCS-D's
    assert {(x["years"], x["requirement"]) for x in result["experience"]} == {
        (2, "required"),
        (1, "preferred"),
    }
    assert result["salary"] == {"min": 58000, "max": 70000, "period": "year"}
    assert set(skills(result)) == {"icd-10-cm", "ehr"}


def test_emoji_bullets_and_headings(run) -> None:
    text = (
        "Quickpoint runs 47 urgent care centers 😷\n\n"
        "👉 What you'll do: code visits w/ CPT and ICD-10-CM • work the coding queue in the EMR\n\n"
        "👉 Min. Quals: AAPC or AHIMA coding credential (CPC, CCA) • 1 year coding experience\n\n"
        "👉 Nice to have: E/M audit experience\n\n💵 $20 - $24/hour"
    )
    result = run(text, title="Medical Coder", company="Quickpoint")
    found = creds(result)
    assert found["CPC"]["group"] == found["CCA"]["group"] is not None
    assert skills(result)["auditing"] == "preferred"


def test_refused_credential_is_not_asked_for(run) -> None:
    result = run(
        "REQUIREMENTS:\n* MUST HAVE ACTIVE CPC!!! (CPC-A NOT ACCEPTED)\n* 3-5 YEARS PRO FEE CODING"
    )
    assert set(creds(result)) == {"CPC"}


@pytest.mark.parametrize(
    "refusal",
    [
        "If you hold only the CPC-A, please do not apply.",
        "Applicants holding only the CPC-A need not apply.",
        "(CPC-A candidates need not apply)",
        "This role does NOT require an RN license.",
        "We don't need an RN for this role.",
    ],
)
def test_refusal_wordings_rule_the_credential_out(run, refusal: str) -> None:
    result = run(f"Qualifications: CPC or COC required. {refusal} 3+ yrs coding.")
    assert set(creds(result)) == {"CPC", "COC"}


def test_deadline_said_of_one_member_stays_on_it(run) -> None:
    text = (
        "Qualifications: Either the CCDS or the CDIP is required; candidates who are eligible for "
        "the CCDS exam will be considered if they earn it within one year of hire."
    )
    found = creds(run(text, title="CDI Specialist"))
    assert (found["CCDS"]["eligible"], found["CCDS"]["within_months"]) == (True, 12)
    assert (found["CDIP"]["eligible"], found["CDIP"]["within_months"]) == (False, None)


def test_deadline_for_the_second_group_only(run) -> None:
    text = (
        "Required Licenses/Certifications: CPC or CCS-P; AND CPMA or CDEO; either audit "
        "credential may be obtained within 12 months of hire."
    )
    found = creds(run(text, title="Coding Auditor"))
    assert found["CPMA"]["within_months"] == found["CDEO"]["within_months"] == 12
    assert found["CPC"]["within_months"] is None and found["CCS-P"]["within_months"] is None
    assert found["CPC"]["group"] != found["CPMA"]["group"]


def test_comma_phrases_keep_their_own_cue(run) -> None:
    result = run(
        "Required - High school diploma required, associate degree a plus", title="HCC Coder"
    )
    assert set(paths(result)[0]) == {
        ("high-school", "required"), ("associate", "preferred")}  # fmt: skip


INDEED = """Job Type: Full-time

Pay: $19.00 - $23.00 per hour

Benefits:
401(k)
Paid time off

Education:
High school or equivalent (Required)

Experience:
Medical coding: 2 years (Required)
Epic: 1 year (Preferred)

License/Certification:
CPC (Required)
RHIT (Preferred)"""


def test_indeed_structured_fields(run) -> None:
    result = run(INDEED, title="Medical Coder")
    assert {c["id"]: c["level"] for c in result["credentials"]} == {
        "CPC": "required",
        "RHIT": "preferred",
    }
    assert {(x["years"], x["requirement"]) for x in result["experience"]} == {
        (2, "required"),
        (1, "preferred"),
    }
    assert paths(result)[0] == [("high-school", "required")]
    assert result["salary"] == {"min": 19.0, "max": 23.0, "period": "hour"}


def test_level_in_parentheses_binds_to_its_item(run) -> None:
    found = creds(run("Certification: RHIT (required) or RHIA (preferred)", title="HIM Specialist"))
    assert (found["RHIT"]["level"], found["RHIA"]["level"]) == ("required", "preferred")


def test_credentials_ruled_out(run) -> None:
    text = (
        "REQUIREMENTS: MUST HAVE ACTIVE CCS OR CPC!!! (NO CPC-A, NO STUDENTS) * 3+ YRS CODING\n"
        "We are hiring a non-RN specialist. CCS alone not accepted; COC holders will not be considered."
    )
    assert set(creds(run(text, title="Outpatient Coder"))) == {"CCS", "CPC"}


def test_also_considered_joins_the_group_and_repeats_unify(run) -> None:
    text = (
        "Summary: requires CPC or CCS-P.\n\nMinimum Qualifications: Certification: CPC or CCS-P "
        "required (CPC-A holders will also be considered)."
    )
    found = creds(run(text, title="Profee Coder"))
    assert found["CPC"]["group"] == found["CCS-P"]["group"] == found["CPC-A"]["group"] is not None


def test_one_of_the_following_paths_are_alternatives(run) -> None:
    text = (
        "Qualifications\nTo qualify you must meet ONE of the following:\n"
        "- Experience: Two years of general experience, one year of which was specialized.\n"
        "- Education: an associate degree in any field.\n"
        "- Combination: a combination of education and experience.\n"
    )
    result = run(text, title="Medical Records Technician")
    assert {(x["years"], x["requirement"]) for x in result["experience"]} == {
        (2, "alternative"), (1, "alternative")}  # fmt: skip
    assert paths(result)[0] == [("associate", "alternative")]


def test_all_caps_headings_run_into_a_paragraph(run) -> None:
    text = (
        "RESPONSIBILITIES: Process requests for health records. REQUIRED QUALIFICATIONS: RHIT. "
        "Two years of HIM experience. PREFERRED QUALIFICATIONS: Bachelor's degree in HIM. "
        "MIN. QUALS - HS diploma DESIRED QUALS - Associate degree in HIT"
    )
    result = run(text, title="Health Information Specialist")
    assert set(paths(result)[0]) == {
        ("bachelor", "preferred"), ("high-school", "required"), ("associate", "preferred")}  # fmt: skip
    assert paths(result)[1] == [(2, "required")]


def test_step_scale_pay_is_a_range(run) -> None:
    text = (
        "Requirements\n- RHIT\n\nWAGE SCALE (per contract):\n\nStep 1 | $26.04/hr\nStep 4 | $29.11/hr\n"
        "Step 8 | $33.62/hr\n\nEvening differential $1.50/hr."
    )
    assert run(text, title="HIM Technician")["salary"] == {
        "min": 26.04,
        "max": 33.62,
        "period": "hour",
    }


def test_emphasised_headings_in_a_flattened_posting(run) -> None:
    # a dataset that lost its line breaks but kept *emphasis* on the headings
    text = (
        "*What You Need* * *Three years of inpatient coding* * RHIT or CCS "
        "*About Lakeview* * Teams with 10 years of experience in auditing "
        "*Perks:* * Epic access from home on a company laptop"
    )
    result = run(text, title="Inpatient Coder", company="Lakeview")
    assert paths(result)[1] == [(3, "required")]
    assert "auditing" not in skills(result)  # the company's own audits
    assert "epic" not in skills(result)  # a perk


def test_a_knowledge_item_in_a_dash_list_is_no_heading(run) -> None:
    text = (
        "Skills preferred: - Coding of dermatology visits - Knowledge of denied claims "
        "- Scheduling patients in the EMR - Answering billing questions"
    )
    assert skills(run(text, title="Medical Biller/Coder")).get("billing") == "preferred"


def test_headings_without_colons_on_a_page_joined_with_spaces(run) -> None:
    """A page whose lines an aggregator joined with spaces: headings keep no colon, bullets
    stay as " - ". A heading after a sentence end or after an item's last word, before a
    bullet, still opens its section; a heading word after an item is not that item's cue."""
    text = (
        "About Larkspur Larkspur Clinic serves four counties. What you'll do - Code clinic "
        "visits in Epic - answer coding questions from providers Requirments - CPC or CPC-A "
        "- 2 years of coding experience - obtain the CRC within 12 months of hire "
        "Preferred - RHIT - Bachelor's degree in HIM. Nice to have - CDEO Pay: $24 - $30 per "
        "hour."
    )
    result = run(text, title="Medical Coder")
    assert {c["id"]: c["level"] for c in result["credentials"]} == {
        "CPC": "required", "CPC-A": "required", "CRC": "required",
        "RHIT": "preferred", "CDEO": "preferred",
    }  # fmt: skip
    assert paths(result)[0] == [("bachelor", "preferred")]
    assert paths(result)[1] == [(2, "required")]


def test_emoji_bullets_on_one_line_are_items_and_headings(run) -> None:
    """A post with its list on one line, emoji as bullets: each item has its own level, and a
    heading between bullets ("⭐ Nice to have ⭐ ...") opens its section."""
    text = (
        "Maple Grove Rehab 🌿 HIM Coordinator ✅ What you bring: ✔️ High school diploma/GED "
        "✔️ Two years of medical records experience ✔️ Working knowledge of HIPAA "
        "✔️ RHIT a plus ✅ Pay: $22/hour\n"
        "⭐ Nice to have ⭐ CPMA or CDEO ⭐ Epic experience"
    )
    result = run(text, title="HIM Coordinator")
    assert paths(result)[0] == [("high-school", "required")]
    assert paths(result)[1] == [(2, "required")]
    assert creds(result)["RHIT"]["level"] == "preferred"
    assert {c: creds(result)[c]["level"] for c in ("CPMA", "CDEO")} == {
        "CPMA": "preferred",
        "CDEO": "preferred",
    }
    assert skills(result)["hipaa"] == "required"
    assert skills(result)["epic"] == "preferred"


def test_a_heading_phrase_after_an_item_before_a_bullet(run) -> None:
    text = (
        "Requirements - Active CPC or COC credential - High school diploma; associate degree "
        "preferred Nice to have - CRC - Epic experience Desired Quals - Bachelor's degree in HIM"
    )
    result = run(text, title="ED Facility Coder")
    assert {c["id"]: c["level"] for c in result["credentials"]} == {
        "CPC": "required", "COC": "required", "CRC": "preferred"
    }  # fmt: skip
    assert skills(result)["epic"] == "preferred"
    assert dict(paths(result)[0]) == {
        "high-school": "required", "associate": "preferred", "bachelor": "preferred"
    }  # fmt: skip


def test_headings_before_numbered_and_en_dash_items(run) -> None:
    text = (
        "Duties 1) Scan and index intake forms 2) Merge duplicate records Minimum "
        "Qualifications 1) High school graduate 2) One year of medical records experience. "
        "A plus – release of information experience (ideally 1 year); RHIT."
    )
    result = run(text, title="Medical Records Specialist")
    assert creds(result)["RHIT"]["level"] == "preferred"
    assert paths(result)[0] == [("high-school", "required")]
    assert (1, "required") in paths(result)[1]


def test_a_heading_with_its_colon_before_a_bullet_after_an_item(run) -> None:
    text = (
        "What you'll need: - Associate degree - 2 years of registry experience What will "
        "make you stand out: - Bachelor's degree - CTR eligible. Preferred Qualifications: - "
        "Epic experience. Pay: $30 per hour."
    )
    result = run(text, title="Cancer Registrar")
    assert dict(paths(result)[0]) == {
        "associate": "required", "bachelor": "preferred"
    }  # fmt: skip
    assert skills(result)["epic"] == "preferred"


def test_sentence_case_headings_run_into_a_paragraph(run) -> None:
    text = (
        "Profee Coder (Orthopedics) Who we are: a physician group of 40 surgeons, coding in "
        "house for 25 years. The job: code office visits and surgeries with CPT and ICD-10-CM. "
        "What I need: CPC or COC, and 2 years of orthopedic coding. Location: Remote About us: "
        "Ridgeview was founded by three surgeons and an RHIA coding manager, and its coders "
        "stay 7 years on average."
    )
    result = run(text, title="Profee Coder")
    assert set(creds(result)) == {"CPC", "COC"}  # the RHIAs are the company's, after "About us"
    assert paths(result)[1] == [(2, "required")]  # 25 and 8 years are the company's
