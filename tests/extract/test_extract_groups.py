"""Alternative credential groups: "X or Y", "X, Y, or Z", "one of the following", "either", bullets."""

from __future__ import annotations

import pytest
from extract_helpers import creds


def groups(result) -> set[frozenset[str]]:
    found: dict[int, set[str]] = {}
    for c in result["credentials"]:
        if c["group"] is not None:
            found.setdefault(c["group"], set()).add(c["id"])
    return {frozenset(g) for g in found.values()}


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("Requirements\n- RHIT or RHIA", {frozenset({"RHIT", "RHIA"})}),
        ("Requirements\n- CPC, CCS, or COC preferred", {frozenset({"CPC", "CCS", "COC"})}),
        (
            "Requirements\n- Active CPC or CCS or CCS-P cert (AAPC/AHIMA)",
            {frozenset({"CPC", "CCS", "CCS-P"})},
        ),
        (
            "Requirements\n- CCDS (ACDIS) or CDIP (AHIMA) certification",
            {frozenset({"CCDS", "CDIP"})},
        ),
        ("An NHA credential, either CEHRS or CBCS, is desired.", {frozenset({"CEHRS", "CBCS"})}),
        ("Medical records certification (RHIT or CCA) is a plus.", {frozenset({"RHIT", "CCA"})}),
        ("Requirements\n- RHIT/RHIA credential", {frozenset({"RHIT", "RHIA"})}),
        # a degree we do not score stands in the list as one more option
        (
            "Minimum: RN, BSN, RHIA, RHIT, or CCS, or a mix of these.",
            {frozenset({"RN", "RHIA", "RHIT", "CCS"})},
        ),
        ("Requirements\n- CPC and/or CCS", {frozenset({"CPC", "CCS"})}),
        (
            "You must hold one of the following credentials: Certified Coding Associate (CCA), "
            "Certified Coding Specialist (CCS), Registered Health Information Technician (RHIT).",
            {frozenset({"CCA", "CCS", "RHIT"})},
        ),
        (
            "Must hold one of the following:\n- CPC\n- CCS\n- COC\n\nPreferred\n- CRC",
            {frozenset({"CPC", "CCS", "COC"})},
        ),
        ("Nice to have:\n- RHIT\n- CRC", set()),
        ("Requirements\n- RHIT and CCS", set()),
        ("Requirements\n- RHIT or RHIT-eligible", set()),
        ("Requirements\n- RN license\n- CCDS or CDIP", {frozenset({"CCDS", "CDIP"})}),
        # a bare comma list of three names the accepted kinds; of two, both can be asked
        ("Applicants need CCS, RHIT, RHIA and two years of coding.", set()),
        ("You will need CCS, RHIT, RHIA to apply.", {frozenset({"CCS", "RHIT", "RHIA"})}),
        ("Requirements\n- CPC, CRC", set()),
        # "and" closes a list of kinds only where the words say so; elsewhere it joins
        # requirements
        (
            "Accepted certifications include: CPC, CCS-P, and CRC.",
            {frozenset({"CPC", "CCS-P", "CRC"})},
        ),
        ("Requirements\n- CPC or CCS and RHIT", {frozenset({"CPC", "CCS"})}),
        # the VA's list, with CCS written inside the name of CCS-P
        (
            "Coding certifications include: Certified Coding Specialist (CCS), Certified Coding "
            "Specialist (CCS) - Physician-based (CCS-P), Certified Professional Coder (CPC), "
            "and Certified Inpatient Coder(CIC).",
            {frozenset({"CCS", "CCS-P", "CPC", "CIC"})},
        ),
        # a credential we do not score, named in title case, inside the list
        (
            "Hold RHIT, a Certified Medical Biller or CPC.",
            {frozenset({"RHIT", "CPC"})},
        ),
    ],
)
def test_groups(run, description: str, expected: set[frozenset[str]]) -> None:
    assert groups(run(description)) == expected


def test_two_groups_get_two_numbers(run) -> None:
    result = run("Requirements\n- RHIT or RHIA\n- CPC or CCS")
    found = creds(result)
    assert found["RHIT"]["group"] == found["RHIA"]["group"]
    assert found["CPC"]["group"] == found["CCS"]["group"]
    assert found["RHIT"]["group"] != found["CPC"]["group"]


def test_ccs_p_is_not_ccs_and_cpc_a_is_not_cpc(run) -> None:
    found = creds(run("Requirements\n- CCS-P required\n- CPC-A welcome"))
    assert set(found) == {"CCS-P", "CPC-A"}
    # an apprentice form we do not score is not its full credential either
    assert set(creds(run("Requirements: CCA or COC-A or CIC-A."))) == {"CCA"}


# Federal certification blocks, in our own words: each level of certification is a kind
# with the ids it includes, and every kind is an alternative to the others.
_KINDS_BY_OR_LINES = (
    "Certification - applicants must hold one of the following:\n"
    "Entry level credential from AHIMA or AAPC. Entry credentials today include: Certified "
    "Coding Associate (CCA) and Certified Professional Coder-Apprentice (CPC-A); OR\n"
    "Full level credential from AHIMA or AAPC. Full credentials today include: Certified "
    "Coding Specialist (CCS), Registered Health Information Technician (RHIT), Certified "
    "Professional Coder (CPC); OR\n"
    "Documentation credential from AHIMA or ACDIS. Today these include: Clinical "
    "Documentation Improvement Practitioner (CDIP) and Certified Clinical Documentation "
    "Specialist.\n"
)
_KINDS_AS_NUMBERED_PARAGRAPHS = (
    "2. Certification. Coders in this series must have either (1), (2), or (3) below:\n\n"
    "1. Entry level credential. Earned through AHIMA or AAPC; the credentials that count "
    "today include: Certified Coding Associate (CCA) and Certified Professional "
    "Coder-Apprentice (CPC-A).\n\n"
    "2. Full level credential. Earned through AHIMA or AAPC; the credentials that count "
    "today include: Certified Coding Specialist (CCS), Registered Health Information "
    "Technician (RHIT), Certified Professional Coder (CPC).\n\n"
    "3. Documentation credential. The credentials that count today include: Clinical "
    "Documentation Improvement Practitioner (CDIP) and Certified Clinical Documentation "
    "Specialist.\n\n"
    "Do you meet the certification requirement?\nA. Yes\nB. No\n"
)
# numbered kinds with an "OR," line of its own between them
_KINDS_AS_NUMBERED_PARAGRAPHS_OR = (
    "3. Certification. Records staff in this series must meet one of the following:\n\n"
    "(1) Entry credential from AHIMA or AAPC.\nThe credentials that count today: Certified "
    "Coding Associate (CCA) and Certified Professional Coder-Apprentice (CPC-A).\n\n"
    "OR,\n\n"
    "(2) Full credential from AHIMA or AAPC.\nThe credentials that count today: Certified "
    "Coding Specialist (CCS), Registered Health Information Technician (RHIT), Certified "
    "Professional Coder (CPC).\n\n"
    "OR,\n\n"
    "(3) Documentation credential.\nThe credentials that count today: Clinical "
    "Documentation Improvement Practitioner (CDIP) and Certified Clinical Documentation "
    "Specialist.\n\n"
    "Please attach a copy of your certificate.\n"
)


@pytest.mark.parametrize(
    "text",
    [_KINDS_BY_OR_LINES, _KINDS_AS_NUMBERED_PARAGRAPHS, _KINDS_AS_NUMBERED_PARAGRAPHS_OR],
)
def test_lists_of_each_kind_of_credential_are_one_set_of_alternatives(run, text: str) -> None:
    assert groups(run(text, title="Medical Records Technician (Coder)")) == {
        frozenset({"CCA", "CPC-A", "CCS", "RHIT", "CPC", "CDIP", "CCDS"})
    }


def test_credentials_offered_as_the_options_of_one_choice_are_one_group(run) -> None:
    text = (
        "4. Grade 9: coders at this grade hold a full level credential.\n"
        "Pick the credential you hold.\n\n"
        " Certified Coding Specialist (CCS)\n"
        " Registered Health Information Technician (RHIT)\n"
        " Certified Professional Coder (CPC)\n"
        " None of the above\n"
    )
    assert groups(run(text, title="Medical Records Technician (Coder)")) == {
        frozenset({"CCS", "RHIT", "CPC"})
    }
    # one credential per line with its own level is a list of asks, not of options
    asks = "Requirements\n- CPC required\n- CCS preferred\n- RHIT preferred\n"
    assert groups(run(asks)) == set()


def test_kinds_listed_without_ids_take_the_ids_of_the_notes_under_them(run) -> None:
    text = (
        "2. Do you hold ONE (1) of the following certifications?\n\n"
        "* Full level credential from AHIMA or AAPC.\nOR\n"
        "* Documentation credential from AHIMA or ACDIS.\n\n"
        "Full level note: the credentials that count today include: Certified Coding "
        "Specialist (CCS), Registered Health Information Technician (RHIT), Certified "
        "Professional Coder (CPC).\n\n"
        "Documentation note: the credentials that count today include: Clinical "
        "Documentation Improvement Practitioner (CDIP) and Certified Clinical Documentation "
        "Specialist.\n Yes\n No\n\n"
        "2a. Tell us the issuer and date of your certification.\n"
    )
    assert groups(run(text, title="Medical Records Technician (Coder)")) == {
        frozenset({"CCS", "RHIT", "CPC", "CDIP", "CCDS"})
    }


@pytest.mark.parametrize(
    "text",
    [
        # an "OR" on a line of its own between two lists of kinds
        "Certification reminder. Must hold either:\n"
        "A full level credential (e.g., CCS, RHIT, CPC)\nOR\n"
        " A documentation credential (e.g., CDIP from AHIMA or CCDS from ACDIS)\n",
        # lists offered as the lettered options of one choice that ends with none of them
        "Pick the credential that describes you.\n"
        " A. I hold a full level credential. These include: Certified Coding Specialist (CCS), "
        "Registered Health Information Technician (RHIT), Certified Professional Coder (CPC).\n"
        " B. I hold a documentation credential. These include: Clinical Documentation "
        "Improvement Practitioner (CDIP) and Certified Clinical Documentation Specialist (CCDS).\n"
        " C. I do not hold a credential listed above.\n",
        # the same options unlettered, each a statement of its own line
        "Choose the statement that fits your certification.\n\n"
        " I have a current full level credential as a Certified Coding Specialist (CCS) or "
        "Registered Health Information Technician (RHIT) or Certified Professional Coder (CPC).\n"
        " I have a current documentation credential as a Clinical Documentation Improvement "
        "Practitioner (CDIP) or Certified Clinical Documentation Specialist (CCDS).\n"
        " I do not hold any of the credentials described above.\n",
        # two kinds named "either ... or ...", each kind's list on a line of its own under it
        "(b) Certification. Staff at this grade must have either a full level certification "
        "or a documentation improvement certification.\n"
        "Full level certifications today include: Certified Coding Specialist (CCS),"
        "Registered Health Information Technician (RHIT),Certified Professional Coder (CPC)\n"
        "Documentation improvement certifications today include: Clinical Documentation "
        "Improvement Practitioner (CDIP),Certified Clinical Documentation Specialist (CCDS)\n",
    ],
)
def test_lists_offered_as_alternatives_on_separate_lines_are_one_group(run, text: str) -> None:
    assert groups(run(text, title="Medical Records Technician (CDIS)")) == {
        frozenset({"CCS", "RHIT", "CPC", "CDIP", "CCDS"})
    }


def test_two_kinds_named_either_or_take_the_lists_under_them(run) -> None:
    text = (
        "4.\nStaff at this grade must have either a full level certification or a "
        "documentation improvement certification.\n\n"
        "Full level certifications today include: Certified Coding Specialist (CCS), "
        "Registered Health Information Technician (RHIT), Certified Professional Coder (CPC)\n\n"
        "Documentation improvement certifications today include: Clinical Documentation "
        "Improvement Practitioner (CDIP), Certified Clinical Documentation Specialist (CCDS).\n"
        " Yes\n No\n\n"
        "Preferred: CRC or CPMA.\n"
    )
    assert groups(run(text, title="Medical Records Technician (CDIS)")) == {
        frozenset({"CCS", "RHIT", "CPC", "CDIP", "CCDS"}), frozenset({"CRC", "CPMA"})
    }  # fmt: skip


def test_an_inline_one_of_list_does_not_take_the_lines_under_it(run) -> None:
    text = (
        "Requirements\nOne of the following credentials: RHIA, RHIT, CCS or CPC\n"
        "CDIP or CRC must be earned within 18 months of hire\n"
        "Pluses\nCDEO credential\n"
    )
    assert groups(run(text)) == {
        frozenset({"RHIA", "RHIT", "CCS", "CPC"}), frozenset({"CDIP", "CRC"})
    }  # fmt: skip


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        (
            "You have: CPC, COC, CCS-P — any one of these is fine. 18 months of coding.",
            {frozenset({"CPC", "COC", "CCS-P"})},
        ),
        ("Requirements: CRC or CPC - either is acceptable.", {frozenset({"CRC", "CPC"})}),
        (
            "Qualifications 1. Registered Nurse (RN) license in Virginia, OR Registered Health "
            "Information Administrator (RHIA) / RHIT with inpatient coding background.",
            {frozenset({"RN", "RHIA", "RHIT"})},
        ),
        (
            "MQs: RN with current WA license OR RHIA; bachelor's degree.",
            {frozenset({"RN", "RHIA"})},
        ),
    ],
)
def test_late_one_of_cue_and_capital_or_across_a_qualifier(
    run, description: str, expected: set
) -> None:
    assert groups(run(description, title="CDI Specialist")) == expected


def test_capital_or_across_a_sentence_is_not_a_group(run) -> None:
    result = run("Requirements: RN license. Two years of CDI OR coding work. RHIA preferred.")
    assert groups(result) == set()


@pytest.mark.parametrize(
    "lead",
    [
        "Current mastery level certifications include:",
        "Acceptable certifications:",
        "Qualifying credentials are:",
    ],
)
def test_a_line_that_lists_the_accepted_kinds_groups_the_lines_under_it(run, lead: str) -> None:
    text = (
        "Certification. This grade requires a mastery level certification.\n\n"
        f"{lead}\n\n"
        "Certified Coding Specialist (CCS)\n"
        "Registered Health Information Technician (RHIT), Registered Health Information "
        "Administrator (RHIA)\n"
        "Certified Inpatient Coder (CIC).\n\n"
        "Do you hold one of these?"
    )
    result = run(text, title="Medical Records Technician (Coder)")
    assert groups(result) == {frozenset({"CCS", "CIC", "RHIA", "RHIT"})}


def test_a_requirements_list_is_not_a_list_of_kinds(run) -> None:
    result = run("Requirements include:\n- CPC\n- 2 years of coding\n- RHIT", title="Coder")
    assert groups(result) == set()


def test_a_level_word_after_a_credential_ends_its_item(run) -> None:
    """A flattened list whose line breaks were lost: each item ends with its level word."""
    text = (
        "Certification: Certified Coding Specialist (CCS) required or Certified Professional "
        "Coder (CPC) required Registered Health Information Administrator (RHIA) or Registered "
        "Health Information Technician (RHIT) preferred"
    )
    result = run(text, title="Certified Coding Specialist II")
    assert groups(result) == {frozenset({"CCS", "CPC"}), frozenset({"RHIA", "RHIT"})}
    assert {c: e["level"] for c, e in creds(result).items()} == {
        "CCS": "required", "CPC": "required", "RHIA": "preferred", "RHIT": "preferred"
    }  # fmt: skip
    # the level word inside one item's "or" does not split it
    assert groups(run("Requirements: CCS required or CPC", title="Coder")) == {
        frozenset({"CCS", "CPC"})
    }


@pytest.mark.parametrize(
    "lead, question",
    [
        # the lead runs into the lists on one line
        ("Coders hired here must have either: ", ""),
        # the question under the paragraph offers them together
        (
            "Coders hired here need a certification. ",
            "\n\nDo you hold one of the above listed certifications?\nYes\nNo\n",
        ),
    ],
)
def test_lists_offered_together_by_one_lead_or_question(run, lead: str, question: str) -> None:
    result = run(
        f"{lead}Entry level certification through AHIMA or AAPC; entry certifications include "
        "Certified Coding Associate (CCA) and CPC-A. Mastery level certification; mastery "
        "certifications include Certified Coding Specialist (CCS), RHIT and CPC." + question,
        title="Medical Records Technician (Coder)",
    )
    groups = {c["group"] for c in result["credentials"]}
    assert len(groups) == 1 and None not in groups
    assert {c["id"] for c in result["credentials"]} == {"CCA", "CPC-A", "CCS", "RHIT", "CPC"}
