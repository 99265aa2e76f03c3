"""Company description, benefits and EEO text name credentials and skills that are not asked for."""

from __future__ import annotations

import pytest
from extract_helpers import creds, skills


@pytest.mark.parametrize(
    "description",
    [
        "About us\nOur team includes RNs and RHIAs.\n\nRequirements\n- HS diploma",
        "Benefits\n- Tuition assistance that can pay for your CPC exam",
        "Requirements\n- HS diploma\n\nPerks: we pay for your CCS exam and AAPC membership.",
        "Acme Staffing places RNs, LPNs and coders in 40 states.\n\nRequirements\n- HS diploma",
        "We offer tuition assistance for staff pursuing an LPN or RN license.",
        "Duties\n- Communicate with RN case managers about documentation.",
        "Why Acme\nOur CCS-credentialed inpatient coders love it here.",
    ],
)
def test_credentials_in_boilerplate_do_not_count(run, description: str) -> None:
    assert creds(run(description)) == {}


def test_company_description_before_headings(run) -> None:
    text = (
        "Brightfile Health handles release of information for 400 hospitals.\n\n"
        "We are hiring a Release of Information Specialist.\n\n"
        "Requirements\n- Customer service experience"
    )
    found = skills(run(text, title="ROI Specialist", company="Brightfile Health"))
    assert "customer-service" in found
    assert "release-of-information" in found  # from the hiring sentence, not the company line
    company_only = "Brightfile Health handles release of information for 400 hospitals."
    assert "release-of-information" not in skills(
        run(company_only, title="ROI Specialist", company="Brightfile Health")
    )


@pytest.mark.parametrize("opening", ["This is", "It is"])
def test_a_sentence_about_the_job_is_not_company_description(run, opening: str) -> None:
    text = (
        "Red Hill Family Medicine is looking for a coder. "
        f"{opening} a real coding job: you will assign the CPT and ICD-10-CM codes yourself."
    )
    found = skills(run(text, company="Red Hill Family Medicine"))
    assert {"cpt", "icd-10-cm"} <= set(found)


def test_values_and_eeo_do_not_give_skills(run) -> None:
    text = (
        "About Riverbend\nOur values (respect and outstanding customer service) guide us.\n\n"
        "Requirements\n- Typing 40 wpm\n\nRiverbend is an equal opportunity employer."
    )
    assert skills(run(text, title="Medical Records Clerk")) == {"typing": "required"}


def test_epic_the_adjective_is_not_the_vendor(run) -> None:
    assert "epic" not in skills(run("This is an epic opportunity to code in Cerner."))
    assert "epic" in skills(run("Code in Epic daily."))


def test_ambiguous_acronyms_need_context(run) -> None:
    assert "release-of-information" not in skills(run("Show a strong ROI on investment in tools."))
    assert "pointclickcare" in skills(run("Enter records in PointClickCare (PCC); scan into PCC."))


@pytest.mark.parametrize(
    ("duty", "absent"),
    [
        ("Code CT scans and MRIs for the radiology group.", "scanning-indexing"),
        ("Route questions to the billing department.", "billing"),
        ("Keeps records that give clinicians data and serve billing purposes.", "billing"),
        ("Researches billing and coding rules for the clinics.", "billing"),
        ("Codes outpatient visits remotely via scanned medical records.", "scanning-indexing"),
        ("An Epic opportunity for a growing coder!", "epic"),
        # UK "clinical audit" reviews care, not codes; a rule limited to the bare forms
        ("Coded data feeds clinical audit and research.", "auditing"),
        ("This is a customer focused post in a busy office.", "customer-service"),
        # the object audited is a computer system, not codes or records
        ("Troubleshoots and audits electronic systems used by the clinics.", "auditing"),
        # a quality bar the coding must pass, not audits the job performs
        ("Keeps coding in line with payer rules and audit standards.", "auditing"),
        ("Helps the committee write admission and audit criteria.", "auditing"),
        # records kept to satisfy requirements, several named before the noun
        ("Files case notes to meet legal, audit and governance requirements.", "auditing"),
    ],
)
def test_wrong_sense_is_not_the_skill(run, duty: str, absent: str) -> None:
    assert absent not in skills(run(f"Duties\n- {duty}"))


@pytest.mark.parametrize(
    ("duty", "present"),
    [
        ("Scan documents into the EHR.", "scanning-indexing"),
        ("Medical billing experience.", "billing"),
        ("Code in Epic.", "epic"),
        ("Support clinical coding audits each quarter.", "auditing"),
        ("Be customer focused with callers.", "customer-service"),
        ("Manage the input of patient demographic data onto the system.", "data-entry"),
        ("Experience with electronic medical record and encoding systems.", "encoder"),
    ],
)
def test_right_sense_is_the_skill(run, duty: str, present: str) -> None:
    assert present in skills(run(f"Duties\n- {duty}"))


def test_physical_demands_tail_adds_no_skill(run) -> None:
    result = run(
        "Requirements:\n- CPC\n- 2 years of coding\n\nPhysical demands: frequent sitting, "
        "keyboarding and viewing a computer monitor for extended periods. Work environment: "
        "office setting; customer service areas nearby."
    )
    assert {s["id"] for s in result["skills"]} == set()


def test_stand_out_heading_lists_preferred_items(run) -> None:
    result = run(
        "What you'll need\n\n- Associate degree\n- CCS\n\nWhat will make you stand out\n\n"
        "- Bachelor's degree\n- Certified Risk Adjustment Coder (CRC)"
    )
    assert {c["id"]: c["level"] for c in result["credentials"]} == {
        "CCS": "required",
        "CRC": "preferred",
    }
    assert {e["level"]: e["requirement"] for e in result["education"]} == {
        "associate": "required",
        "bachelor": "preferred",
    }


@pytest.mark.parametrize(
    ("description", "sid"),
    [
        ("Duties: Merge duplicate patient charts; file records.", "mpi"),
        (
            "Duties: pull records when a lawyer asks (with signed release).",
            "release-of-information",
        ),
        (
            "Duties: fax records to specialists when patients sign a release.",
            "release-of-information",
        ),
        (
            "Duties: checks records for missing documentation and notifies providers.",
            "chart-analysis",
        ),
        ("Duties: assign CPT codes and submit medical claims to payers.", "billing"),
    ],
)
def test_duty_wordings_give_their_skill(run, description: str, sid: str) -> None:
    assert sid in skills(run(description, title="Medical Records Specialist"))


def test_values_sentence_is_boilerplate_but_our_tools_are_not(run) -> None:
    result = run(
        "Hi! We're on eClinicalWorks (eCW). You code office visits. Requirements: CPC. "
        "Oak Harbor values compassion, integrity and customer service."
    )
    found = skills(result)
    assert "eclinicalworks" in found
    assert "customer-service" not in found


@pytest.mark.parametrize(
    ("description", "present"),
    [
        ("Duties: index faxed referrals into WebPT; answer phones.", True),
        ("Duties: scan and index loose documents.", True),
        ("Duties: casefinding from pathology and disease-index reports to identify cases.", False),
        ("Duties: track the case mix index for leadership.", False),
        ("Duties: opens case files; indexes and files patient records and reports.", True),
        ("Duties: indexes all incoming outside records the same day.", True),
        ("Duties: casefinding from disease index reports each month.", False),
    ],
)
def test_index_counts_as_the_filing_duty_only(run, description: str, present: bool) -> None:
    assert ("scanning-indexing" in skills(run(description, title="HIM Specialist"))) is present


def test_cdi_query_for_missing_documentation_is_not_deficiency_analysis(run) -> None:
    result = run(
        "Duties: query physicians when missing documentation affects severity of illness.",
        title="CDI Specialist",
    )
    assert "chart-analysis" not in skills(result)
    assert "cdi" in skills(result)


def test_a_credential_sentence_in_a_prose_posting_is_asked_for(run) -> None:
    text = (
        "We need someone with a high school diploma. An RHIT is a plus but not needed on day one."
    )
    found = creds(run(text, title="Health Information Technician", company="Sagebrush Valley"))
    assert found["RHIT"]["level"] == "preferred"


def test_training_the_employer_gives_is_not_asked_for(run) -> None:
    provided = run("Duties\n- File records.\nYou will attend external medical terminology courses.")
    assert "medical-terminology" not in skills(provided)
    asked = run("Requirements\n- Completed a medical terminology course.\n- File records.")
    assert "medical-terminology" in skills(asked)


def test_we_under_the_jobs_own_team_heading_is_the_work(run) -> None:
    text = (
        "Health Records Team\n\nWe keep the records library: we track, scan "
        "and store paper records for the hospital.\n\nAbout Us\n\nWe scan the horizon for talent."
    )
    assert "scanning-indexing" in skills(run(text, title="Health Records Clerk"))
    about = "Our Story\n\nWe scan and archive for many clients.\n"
    assert "scanning-indexing" not in skills(run(about, title="Health Records Clerk"))


def test_the_commission_on_cancer_is_not_the_outpatient_coder_credential(run) -> None:
    result = run(
        "Requirements:\n- CTR required\n- Must have COC facility experience\n",
        title="Cancer Registrar",
    )
    assert [c["id"] for c in result["credentials"]] == ["CTR"]
    coder = run("Requirements:\n- COC or CPC required\n", title="Outpatient Coder")
    assert {c["id"] for c in coder["credentials"]} == {"COC", "CPC"}


def test_a_rule_for_all_employees_is_no_requirement_of_the_job(run) -> None:
    text = (
        "Duties: abstracts clinical data from patient records into the registry.\n"
        "All employees must comply with HIPAA as described in our privacy policies."
    )
    assert "hipaa" not in skills(run(text, title="Abstractor"))


@pytest.mark.parametrize(
    ("description", "counted"),
    [
        # the coder's own work: reimbursement of claims
        (
            "Duties\n- Assign DRGs and abstract cases so hospital claims receive full reimbursement.",
            True,
        ),
        ("Duties\n- Abstracts cases for the DRG reimbursement of inpatient stays.", True),
        # the employer paying for something
        ("Perks\n- We reimburse the DRG validation course fee.", False),
        ("Perks\n- Mileage reimbursement and certification reimbursement for DRG training.", False),
    ],
)
def test_reimbursement_is_benefit_only_when_it_pays_for_something(
    run, description: str, counted: bool
) -> None:
    assert ("drg" in skills(run(description, title="Inpatient Coder"))) is counted
