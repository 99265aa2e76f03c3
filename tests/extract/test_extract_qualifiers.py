"""Credential qualifiers: eligible instead of holding it, and months after hire to obtain it."""

from __future__ import annotations

import pytest
from conftest import creds


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
