"""The job family (pipelines.jobfamily), shared by the crawler and the extractor."""

from __future__ import annotations

import pytest

from pipelines.jobfamily import classify, ruled_out_by_title


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Medical Records Technician", "records"),
        ("Health Information Technician I - HIM Department", "records"),
        ("Medical Records Clerk", "records"),
        ("HIM Specialist", "records"),
        ("Health Information Management Analyst", "records"),
        ("Medical Records Coordinator", "records"),
        ("Inpatient Coder II (Hybrid after training)", "coding"),
        ("Outpatient Coding Specialist - Orthopedics", "coding"),
        ("REMOTE Outpatient Coder - VA Contract", "coding"),
        ("Certified Professional Coder", "coding"),
        ("Coding Auditor", "coding"),
        ("Inpatient Coding Consultant (Remote, W2)", "coding"),
        ("Medical Biller/Coder", "coding"),
        ("Billing and Coding Specialist", "coding"),
        ("BILLING & CODING REP - St Anne Hospital Labs", "coding"),
        ("Medical Billing/Coding Specialist", "coding"),
        ("Release of Information Specialist (Onsite)", "roi"),
        ("ROI Specialist", "roi"),
        ("Cancer Registrar", "registry"),
        ("Tumor Registrar", "registry"),
        ("Clinical Documentation Integrity Specialist", "cdi"),
        ("CDI Specialist RN", "cdi"),
    ],
)
def test_family_titles(title: str, role: str) -> None:
    match = classify(title, "")
    assert match.relevant and match.role == role


@pytest.mark.parametrize(
    ("title", "description"),
    [
        (
            "Medical Assistant - Family Practice",
            "Enter CPT and ICD-10 codes on the superbill in our EHR.",
        ),
        (
            "Medical Billing Representative",
            "This role does not code. Submit claims with CPT codes.",
        ),
        ("Registered Nurse - Med/Surg", "Document care in Epic. HIPAA."),
        (
            "Software Engineer, EHR Integrations",
            "Build HL7 interfaces for health information systems.",
        ),
        ("Health Information Technology Specialist", "Support clinical applications and servers."),
        ("Legal Records Clerk", "Maintain court records."),
        ("Pharmacy Technician", "HIPAA, Epic Willow."),
        ("Medical Biller", "Work denials; CPT, HCPCS."),
        ("Software Coding Consultant", "Pair-program with clients in Python."),
        ("Commercial Lines Statistical Coding Analyst", "Reconcile policy data for the bureau."),
        ("Survey Coder (part-time)", "Code open-ended survey answers into categories."),
    ],
)
def test_look_alikes_are_not_relevant(title: str, description: str) -> None:
    assert not classify(title, description).relevant


def test_vague_title_decided_by_duties() -> None:
    assert classify(
        "Specialist II", "Performs deficiency analysis and maintains the master patient index."
    ).relevant
    assert not classify("Specialist II", "Sells insurance.").relevant
    assert classify("Registrar", "Cancer Registrar needed. CTR required.").role == "registry"
    assert not classify("Registrar", "Register students for classes.").relevant


@pytest.mark.parametrize(
    ("title", "description", "relevant"),
    [
        # a bare "records technician" is a county recorder's job as often as a hospital's
        (
            "Records Technician Trainee",
            "Examines deeds and liens for recording, issues marriage licenses and certified "
            "copies of official records. Benefits: medical and dental coverage.",
            False,
        ),
        (
            "Records Technician II",
            "Files and retrieves patient records for the hospital's HIM department.",
            True,
        ),
        ("Records Clerk (Days)", "Keeps the clinic's medical records complete.", True),
    ],
)
def test_a_bare_records_title_is_decided_by_the_text(
    title: str, description: str, relevant: bool
) -> None:
    assert classify(title, description).relevant is relevant


def test_a_document_improvement_title_is_cdi() -> None:
    assert classify("Clinical Document Improvement Specialist", "").role == "cdi"
    assert classify("Document Integrity Analyst", "").role == "cdi"


@pytest.mark.parametrize(
    ("title", "description", "relevant"),
    [
        # scanning and prepping charts is HIM work where the text puts it in medical records
        (
            "Chart Prepper Scanner Technician",
            "Receives discharged charts in the HIM department, puts them in order and scans "
            "them into the imaging system by medical record documentation rules.",
            True,
        ),
        ("Prep/Scan Tech II", "Prepares patient records for scanning.", True),
        # a pay plan's grade after the title leaves it vague
        (
            "Scanning Specialist, GS-303-5",
            "Indexes scanned medical records into the patient's electronic chart.",
            True,
        ),
        ("Scanning Clerk (GS-0303-04)", "Scans travel vouchers for the finance office.", False),
        ("Scanning Clerk", "Scans vendor invoices and shipping forms in the mail room.", False),
        ("Scanner Operator", "Scans plats and deeds for the county recorder.", False),
    ],
)
def test_a_scanning_title_is_decided_by_the_text(
    title: str, description: str, relevant: bool
) -> None:
    assert classify(title, description).relevant is relevant


@pytest.mark.parametrize(
    ("title", "role"),
    [
        # abbreviated and shouted federal titles
        ("Med Rec Tech (Release of Info)", "roi"),
        ("Supervisory Med. Rec. Tech.", "records"),
        ("MEDICAL RECORDS TECH (CODER)", "coding"),
        ("Medical Records Administrator (Chief, HIM)", "records"),
        ("Health Record Technician II", "records"),
        ("Regional Tumor Rgstr (Job 1234)", "registry"),
        # the VA's short form, and the specialty in brackets
        ("MRT (ROI)", "roi"),
        ("Lead MRT (Coder)", "coding"),
        ("Supervisory MRT", "records"),
        # the same work under UK titles
        ("Trainee Clinical Coder", "coding"),
        ("Clinical Coding Officer", "coding"),
        ("Health Records Officer - Outpatients", "records"),
        ("Healthcare Records Assistant", "records"),
        ("Health Records and Reception Clerk", "records"),
        ("Patient Records Administrator (part time)", "records"),
        ("Cancer Registration Officer", "registry"),
        ("Subject Access Request Officer", "roi"),
        ("Access to Health Records Clerk", "roi"),
        ("Clinic Prep Clerk - Medical Records Library", "records"),
        ("Case Notes Preparation Assistant", "records"),
        ("Medical Notes Summariser", "records"),
        ("Record Summarising / Admin Clerk", "records"),
        # a state class: the program it runs stands between
        ("Health Records Program Manager", "records"),
        # a courier duty in the title of a records clerk is still a records clerk
        ("Health Records Library Clerk and Relief Courier", "records"),
    ],
)
def test_short_and_local_titles(title: str, role: str) -> None:
    match = classify(title, "")
    assert (match.relevant, match.role) == (True, role)


@pytest.mark.parametrize(
    "title",
    [
        "Courier / Van Driver",
        "Health Records Contact Centre Clerk",
        "Corporate Records Officer",
        "Clinic Receptionist",
        "Patient Services Administrator",
        # an imaging technologist's designation, not the VA's records technician
        "MRT(R) - CT Technologist",
        "MRT - Diagnostic Imaging",
    ],
)
def test_near_misses_of_local_titles(title: str) -> None:
    assert not classify(title, "").relevant


@pytest.mark.parametrize(
    ("title", "description", "relevant"),
    [
        # billers are out unless they code: the contract's "billers without coding duties"
        ("Medical Billing Specialist", "Post payments, work denials and call payers.", False),
        (
            "Medical Billing Specialist",
            "Accurately code an average of 90 patient visits per day and submit the claims.",
            True,
        ),
        ("Biller", "Verify the codes on each claim before it goes out.", False),
        (
            "Billing Representative",
            "Coders assign the codes; this role never assigns ICD-10 or CPT codes itself.",
            False,
        ),
    ],
)
def test_a_biller_who_codes_is_a_coder(title: str, description: str, relevant: bool) -> None:
    assert classify(title, description).relevant is relevant
    assert not ruled_out_by_title(title)  # the crawler must fetch the text to decide


def test_abstractors_are_in_the_family() -> None:
    assert classify("Abstractor", "Abstracts clinical data from medical records.").relevant
    assert classify("Clinical Data Abstractor II").relevant


@pytest.mark.parametrize(
    ("title", "description", "relevant"),
    [
        # a title that names only a coder: the text says whether the codes are medical
        (
            "Coder (part time) - Study Office",
            "Reads the questionnaires returned by study members and enters the numeric code "
            "for each write-in answer; files the coded forms for the optical scanner.",
            False,
        ),
        ("Coder II", "Assigns diagnosis and procedure codes to outpatient visits.", True),
        ("Coder III (Remote)", "CCS or CPC required. Codes inpatient stays.", True),
    ],
)
def test_a_bare_coder_title_is_decided_by_the_text(
    title: str, description: str, relevant: bool
) -> None:
    match = classify(title, description)
    assert (match.relevant, match.role) == (relevant, "coding" if relevant else None)
    assert not ruled_out_by_title(title)  # the crawler must fetch the text to decide
    assert classify("Medical Coder", "").relevant  # a medical title needs no text
