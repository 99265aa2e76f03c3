"""Required vs preferred: headings, inline cues (which beat the heading), items at both levels."""

from __future__ import annotations

import pytest
from extract_helpers import creds, skills


@pytest.mark.parametrize(
    ("description", "cid", "level"),
    [
        ("Requirements\n- CPC certification", "CPC", "required"),
        ("Requirements\n- CPC certification preferred", "CPC", "preferred"),
        ("Preferred Qualifications\n- CPC certification", "CPC", "preferred"),
        ("Preferred Qualifications\n- CPC certification required", "CPC", "required"),
        ("Nice to have:\n• R.H.I.T. credential", "RHIT", "preferred"),
        ("Qualifications\n- RHIT or RHIA - a plus.", "RHIT", "preferred"),
        ("Qualifications\n- CCS is desired but not required.", "CCS", "preferred"),
        ("Qualifications\n- RHIT strongly preferred", "RHIT", "preferred"),
        ("Ideally, you hold the CPC credential.", "CPC", "preferred"),
        ("Must have an active CPC.", "CPC", "required"),
        ("MUST HAVE:\n- CPC\n\nNICE TO HAVE:\n- CRC", "CRC", "preferred"),
        ("MUST HAVE:\n- CPC\n\nNICE TO HAVE:\n- CRC", "CPC", "required"),
        ("Req'd: CPC. Pref'd: CRC. HS diploma.", "CRC", "preferred"),
        ("Qualifications: CCS (bonus if you also hold CDIP)", "CDIP", "preferred"),
    ],
)
def test_credential_level(run, description: str, cid: str, level: str) -> None:
    assert creds(run(description))[cid]["level"] == level


def test_item_asked_at_both_levels_is_required(run) -> None:
    text = (
        "Requirements\n- Working knowledge of medical terminology\n\n"
        "Preferred\n- Coursework in medical terminology and anatomy"
    )
    found = skills(run(text))
    assert found["medical-terminology"] == "required"
    assert found["anatomy-physiology"] == "preferred"


def test_skills_in_duties_are_required(run) -> None:
    found = skills(run("Responsibilities\n- Assign ICD-10-CM and CPT® codes in Epic."))
    assert found == {"icd-10-cm": "required", "cpt": "required", "epic": "required"}


def test_cue_in_one_clause_does_not_leak_to_the_next(run) -> None:
    text = "Requirements\n* Minimum 3 years acute care experience; 1 year CDI preferred\n* BSN required; MSN a plus"
    result = run(text, title="CDI Specialist")
    assert {(x["years"], x["requirement"]) for x in result["experience"]} == {
        (3, "required"),
        (1, "preferred"),
    }
    assert {(e["level"], e["requirement"]) for e in result["education"]} == {
        ("bachelor", "required"),
        ("master", "preferred"),
    }


def test_preferably_qualifies_the_setting_not_the_years(run) -> None:
    result = run("Qualifications\n- One to two years of medical records experience, preferably in long-term care.",
                 title="Medical Records Coordinator")  # fmt: skip
    assert [(x["years"], x["requirement"]) for x in result["experience"]] == [(1, "required")]


def test_a_cue_in_the_next_sentence_after_cpc_a_stays_there(run) -> None:
    """'CPC-A.' ends a sentence: the '-A' is not an initial like 'J.'."""
    result = run("You must have a CPC or a CPC-A. Ideally you have 2 years coding orthopedics.")
    assert {c["id"]: c["level"] for c in result["credentials"]} == {
        "CPC": "required",
        "CPC-A": "required",
    }
    assert result["experience"][0]["requirement"] == "preferred"


def test_an_items_own_cue_uses_every_cue_word_of_the_vocabulary(run) -> None:
    # UK persons specifications write "essential" / "desirable" in brackets after each item
    result = run("Qualifications\n- RHIT (essential) or RHIA (desirable)\n- CCS (is an asset)")
    levels = {cid: c["level"] for cid, c in creds(result).items()}
    assert levels == {"RHIT": "required", "RHIA": "preferred", "CCS": "preferred"}
