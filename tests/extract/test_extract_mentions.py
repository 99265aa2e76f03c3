"""find_mentions / find_education / find_experience_years: the resume-side API the matcher uses."""

from __future__ import annotations

import pytest
from extract_helpers import skills


@pytest.mark.parametrize(
    ("text", "cid", "status"),
    [
        ("RHIT, AHIMA, 2019", "RHIT", "held"),
        ("Currently pursuing the CCS credential", "CCS", "in progress"),
        ("Preparing for the CPC exam (expected June 2026)", "CPC", "in progress"),
        ("CCA candidate", "CCA", "in progress"),
        ("RHIT eligible (graduated May 2026)", "RHIT", "eligible"),
        ("Registered Health Information Technician", "RHIT", "held"),
    ],
)
def test_status(extractor, text: str, cid: str, status: str) -> None:
    found = [m for m in extractor.find_mentions(text) if m.id == cid]
    assert found and found[0].status == status
    assert text[found[0].start : found[0].end] == found[0].text


def test_mentions_have_kinds_and_skip_no_boilerplate(extractor) -> None:
    kinds = {
        (m.id, m.kind)
        for m in extractor.find_mentions("Benefits: CPC. Skills: Epic, ICD-10-CM, HIPAA")
    }
    assert kinds == {
        ("CPC", "credential"),
        ("epic", "skill"),
        ("icd-10-cm", "skill"),
        ("hipaa", "skill"),
    }


def test_education_and_years(extractor) -> None:
    text = "Associate of Applied Science, HIT. 5 years of coding experience."
    assert [e["level"] for e in extractor.find_education(text)] == ["associate"]
    assert [y["years"] for y in extractor.find_experience_years(text)] == [5]


def test_a_slash_after_a_trademark_sign_separates_terms(run) -> None:
    result = run("Requirements\n- RHIT®/RHIA® a plus\n- CPT®/HCPCS coding")
    assert {c["id"]: c["group"] for c in result["credentials"]} == {"RHIT": 1, "RHIA": 1}
    assert {"cpt", "hcpcs"} <= {s["id"] for s in result["skills"]}


def test_a_registrars_job_is_cancer_registry_work(run) -> None:
    result = run(
        "Duties by level\nLevel One: Tumor Registrar (not yet certified)\n"
        "- Finds and reports each malignancy diagnosed at the hospital\n"
        "- Follows living patients each year for survival data",
        title="Oncology Data Registrar",
    )
    assert {s["id"]: s["level"] for s in result["skills"]}.get("cancer-registry") == "required"
    assert not result["credentials"]  # the level names the job, it does not ask for the CTR


def test_a_shared_noun_after_and_still_names_the_term(run) -> None:
    # "medical and surgical terminology" asks for medical terminology
    result = run("Requirements\n- Working knowledge of medical and surgical terminology")
    assert "medical-terminology" in {s["id"] for s in result["skills"]}


@pytest.mark.parametrize(
    "duty",
    [
        "Reaches out to providers for clarification when a diagnosis is vague.",
        "Requests clarification from the attending physician on conflicting notes.",
    ],
)
def test_asking_the_provider_to_clarify_is_a_query(run, duty: str) -> None:
    result = run(f"Duties\n- {duty}", title="Outpatient Coder")
    assert "cdi" in {s["id"] for s in result["skills"]}


@pytest.mark.parametrize(
    ("duty", "expected"),
    [
        # the current ICD is ICD-10-CM; its clinical modification names it too
        ("Assigns codes from the current versions of the International Classification of "
         "Diseases (ICD) and CPT.", True),
        ("Knowledge of ICD CM and PCS conventions.", True),
        ("Uses the current ICD for diagnoses.", True),
        # a bare ICD names no version ("Current Procedural Terminology" is not "current ICD")
        ("Knowledge of ICD and Current Procedural Terminology (CPT).", False),
        ("Codes with ICD-9-CM.", False),
    ],
)  # fmt: skip
def test_a_bare_icd_counts_only_when_the_text_makes_it_current(
    run, duty: str, expected: bool
) -> None:
    found = skills(run(f"Duties\n- {duty}", title="Medical Records Technician (Coder)"))
    assert ("icd-10-cm" in found) is expected


@pytest.mark.parametrize(
    ("duty", "expected"),
    [
        ("Ensures accurate charge capture to reduce denials.", False),
        ("Helps prevent claim denials through complete documentation.", False),
        ("Works claim denials and resubmits corrected claims.", True),
        ("Manages denials and appeals with payers.", True),
    ],
)
def test_fewer_denials_is_an_aim_not_billing_work(run, duty: str, expected: bool) -> None:
    assert ("billing" in skills(run(f"Duties\n- {duty}", title="Outpatient Coder III"))) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a kind of credential accepted, not CDI work the job does
        (
            "Certification: one of the following. Coding certification through AHIMA or AAPC; OR "
            "Clinical Documentation Improvement Certification through AHIMA or ACDIS.",
            False,
        ),
        ("Requirements: a CDI credential (CCDS or CDIP) preferred.", False),
        ("Duties: works with the CDI team on provider queries.", True),
    ],
)
def test_a_cdi_certification_names_a_credential_not_cdi_work(
    run, text: str, expected: bool
) -> None:
    assert ("cdi" in skills(run(text, title="Medical Records Technician (Coder)"))) is expected


def test_records_reviewed_to_ensure_completeness_are_chart_analysis(run) -> None:
    found = skills(run("Duties: reviews resident records to ensure completeness and accuracy."))
    assert "chart-analysis" in found


@pytest.mark.parametrize(
    ("duty", "expected"),
    [
        ("Codes diagnoses so the clinic has the facts for accurate billing.", False),
        ("Codes each visit for the appropriate billing of services.", False),
        ("Handles billing and payment posting for the clinic.", True),
    ],
)
def test_billing_as_the_aim_of_coding_is_not_billing_work(run, duty: str, expected: bool) -> None:
    assert ("billing" in skills(run(f"Duties\n- {duty}", title="Outpatient Coder"))) is expected


def test_keying_information_into_a_system_is_data_entry(run) -> None:
    found = skills(run("Duties: enters patient admission information into the abstracting system."))
    assert "data-entry" in found


def test_releasing_records_is_release_of_information(run) -> None:
    text = "Duties: follows the privacy rules when releasing patient records and information."
    assert "release-of-information" in skills(run(text, title="Medical Records Clerk"))
