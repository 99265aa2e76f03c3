"""Credential qualifiers: eligible instead of holding it, and months after hire to obtain it."""

from __future__ import annotations

import pytest
from extract_helpers import creds


@pytest.mark.parametrize(
    ("description", "cid", "eligible", "months"),
    [
        ("Requirements\n- RHIT or RHIT-eligible", "RHIT", True, None),
        ("Requirements\n- CTR eligible", "CTR", True, None),
        ("Requirements\n- CCS, or eligible to sit for the CCS exam", "CCS", True, None),
        ("Requirements\n- Must be eligible for CPC certification", "CPC", True, None),
        ("Requirements\n- Must obtain CCS within 12 months of hire", "CCS", False, 12),
        ("Requirements\n- CCS required within one year of hire", "CCS", False, 12),
        (
            "Requirements\n- CPC required; must obtain within six (6) months of employment",
            "CPC",
            False,
            6,
        ),
        (
            "Requirements\n- CCS. Coders without it must earn the credential within two years of hire.",
            "CCS",
            False,
            24,
        ),
        (
            "Requirements\n- CDIP, or obtain it within the first year of employment",
            "CDIP",
            False,
            12,
        ),
        (
            "Requirements\n- ODS-C, or eligible to sit for the NCRA exam. Candidates hired as exam-eligible "
            "must earn the credential within 2 years.",
            "CTR",
            True,
            24,
        ),
        ("Requirements\n- CPC required. Reports due within 5 business days.", "CPC", False, None),
        ("Telework eligible: No\n\nRequirements\n- RHIT", "RHIT", False, None),
        # eligibility for the credential, in the issuer's words
        (
            "Qualifications: Eligibility for registration as an RHIA is preferred.",
            "RHIA",
            True,
            None,
        ),
    ],
)
def test_qualifiers(run, description: str, cid: str, eligible: bool, months: int | None) -> None:
    found = creds(run(description))[cid]
    assert (found["eligible"], found["within_months"]) == (eligible, months)


def test_deadline_for_either_credential_applies_to_the_group(run) -> None:
    result = run("Requirements\n- CCDS or CDIP. Obtain either credential within 18 months of hire.")
    found = creds(result)
    assert found["CCDS"]["within_months"] == found["CDIP"]["within_months"] == 18


def test_eligible_attaches_only_to_its_credential(run) -> None:
    found = creds(run("Requirements\n- RHIT or RHIA. Graduates who are RHIT-eligible are welcome."))
    assert found["RHIT"]["eligible"] is True
    assert found["RHIA"]["eligible"] is False


@pytest.mark.parametrize(
    "later",
    [
        "Selectee must complete training within 30 days of appointment.",
        "Home care coding credential HCS-D must be obtained within one year of hire.",
    ],
)
def test_a_deadline_for_something_else_is_not_copied_onto_earlier_credentials(
    run, later: str
) -> None:
    result = run(f"Requirements: either a CPC or a CCS is required. {later} Two years of coding.")
    assert {c["id"]: c["within_months"] for c in result["credentials"]} == {
        "CPC": None,
        "CCS": None,
    }


def test_a_later_clause_about_the_credential_still_sets_the_deadline(run) -> None:
    result = run(
        "Requirements: CTR preferred; candidates eligible to sit for the NCRA exam are "
        "encouraged to apply. Coders without it must earn the credential within 2 years."
    )
    (ctr,) = result["credentials"]
    assert (ctr["eligible"], ctr["within_months"]) == (True, 24)


def test_parenthesis_qualifies_the_credentials_before_it(run) -> None:
    result = run("Requirements\n- RHIT or RHIA (or eligible, must obtain within 6 months)\n")
    assert {c["id"]: (c["eligible"], c["within_months"]) for c in result["credentials"]} == {
        "RHIT": (True, 6),
        "RHIA": (True, 6),
    }
