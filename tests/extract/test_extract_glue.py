"""Lines a scraper glued together ("requiredCoding") are read as the lines they were, and
evidence still points into the stored text."""

from __future__ import annotations

import pytest

from pipelines.extract.glue import kept_words, unglue
from pipelines.extract.structure import heading_kind


def _is_heading(word: str) -> bool:
    return heading_kind(word) is not None


def parted(text: str, kept: frozenset[str] = frozenset()) -> str:
    return unglue(text, kept, _is_heading).text


@pytest.mark.parametrize(
    ("glued", "read"),
    [
        ("license requiredCoding audits", "license required\nCoding audits"),
        ("basic filing skillsAbility to lift", "basic filing skills\nAbility to lift"),
        ("QualificationsRHIT or RHIA", "Qualifications\nRHIT or RHIA"),
        ("RequirementsAssociate degree", "Requirements\nAssociate degree"),
        ("diploma or GEDFamiliarity with", "diploma or GED\nFamiliarity with"),
        ("abstracting experienceCTR preferred", "abstracting experience\nCTR preferred"),
        ("Lakeside ClinicsQualifications", "Lakeside Clinics\nQualifications"),
        # a sentence or list item ended where the break was lost; a run-in heading
        ("in a clinic setting.Minimum one year", "in a clinic setting.\nMinimum one year"),
        ("Required:Two years of coding", "Required: Two years of coding"),
        # a dash list run together: the next item starts a line
        ("(RHIA).- Nurses must hold", "(RHIA).\n- Nurses must hold"),
        ("coding conventions.- Must know Excel", "coding conventions.\n- Must know Excel"),
        # a heading in *emphasis* inside a flattened line, before a list or with a colon
        (
            "ICD-10 training) *Our Perks:* * Free parking",
            "ICD-10 training) \n*Our Perks:*\n * Free parking",
        ),
        ("*Job Duties* * Code charts", "*Job Duties*\n * Code charts"),
        # a name glued to its bracketed acronym
        ("Certified Inpatient Coder(CIC)", "Certified Inpatient Coder (CIC)"),
        # a word that opens a requirement line, after a capitalised word
        ("Certified Professional CoderAssociate or Bachelor's", "Certified Professional Coder\nAssociate or Bachelor's"),
        ("Word and ExcelKnowledge of HIPAA", "Word and Excel\nKnowledge of HIPAA"),
        # a heading list joined by slashes is words, not a path
        ("Skills/Experience/EducationFive years", "Skills/Experience/Education\nFive years"),
        # a slash or ampersand acronym
        ("down-coding experienceE/M leveling", "down-coding experience\nE/M leveling"),
        ("coding experienceE&M audits", "coding experience\nE&M audits"),
        # a dotted acronym; an acronym ending a sentence
        ("Nice to haveR.H.I.T. credential", "Nice to have\nR.H.I.T. credential"),
        ("RHIA or RHIT.Bachelor's degree", "RHIA or RHIT.\nBachelor's degree"),
        ("diploma or GED.At least two years", "diploma or GED.\nAt least two years"),
        # a figure glued to the sentence or heading before it
        ("a related field.3-5 years of data work", "a related field.\n3-5 years of data work"),
        ("Preferred Qualifications1-2 years", "Preferred Qualifications\n1-2 years"),
        ("Experience:2 years", "Experience: 2 years"),
        ("a coding certificate2+ years of", "a coding certificate\n2+ years of"),
        ("CPC, COC or CCS-P.2-4 years of", "CPC, COC or CCS-P.\n2-4 years of"),
        ("credential (CPC, CCS)3+ years", "credential (CPC, CCS)\n3+ years"),
        # a suffixed acronym before a word
        ("(CCA) or CPC-ACoding certificate", "(CCA) or CPC-A\nCoding certificate"),
        # an emoji bullet glued to the item before it
        ("feedback to providers📌 What you bring✅ Active CRC",
         "feedback to providers\n📌 What you bring\n✅ Active CRC"),
    ],
)  # fmt: skip
def test_a_seam_where_a_line_break_was_lost_is_parted(glued, read):
    assert parted(glued) == read


@pytest.mark.parametrize(
    "word",
    [
        "BrightCare Partners",  # a capitalised name: not a heading before the capital
        "iPad",  # too short before the capital
        "McAllen",
        "SoftMed ChartRoom",
        "StaffMark",
        "see careers.northHaven.org",  # an address
        "mail hr@valleyClinic",
        "CompTIA",  # an acronym ending a brand, not a word after an acronym
        "St.Joseph Mercy",
        "e.g.Epic",
        "starts at 10:30",
        "Dr.Alvarez",
        "U.S.-Based team",
        "pages 4.-5.",
        "Interested?Apply now",  # a question mark: left as written
        "•Coding audits",  # a bullet glued to its item is read as it is
        "eClinicalWorks",  # neither side a heading
        "NorthwindQualityCare",
        "see /CareersPortal/ApplyNow",  # a path
        "at www.site.com/JobsPage",
        "U.S.Army veterans",
        "ICD10 and CPT4, covid19, v1.2, $18.50 at 10:30",  # figures inside words and numbers
        "a CPC-Apprentice, U.S.3 and page (1)2",
        "e.g.An example and U.S.At home",
        "covid19 and team24 at h2o",  # a word and a number that is no figure of years
        "Great team ⭐️ apply today",  # an emoji after a space, with its variation selector
    ],
)
def test_names_with_an_inner_capital_stay_whole(word):
    assert parted(word) == word


def test_kept_words_are_never_parted():
    assert parted("charting in athenaCollector", kept_words(["athenaCollector"])) == (
        "charting in athenaCollector"
    )
    assert parted("notes in athenaCollector") == "notes in athena\nCollector"  # not kept


def test_offsets_map_back_to_the_stored_text():
    stored = "cert requiredExperienceTwo years"
    view = unglue(stored, frozenset(), _is_heading)
    assert view.stored() == stored
    at = view.text.index("Two")
    assert stored[view.original(at) : view.original(at + 3)] == "Two"
    assert view.original(len(view.text)) == len(stored)


def test_the_extractor_reads_glued_lines_and_points_into_the_stored_text(extractor):
    description = (
        "Coding Specialist at Northwind Clinics"
        "QualificationsCPC or CCS credential requiredExperienceThree years of "
        "outpatient coding experience requiredPreferredEpic experience"
    )
    result = extractor.extract({"id": 1, "title": "Coding Specialist", "description": description})
    credentials = {c["id"]: c for c in result["credentials"]}
    assert set(credentials) == {"CPC", "CCS"}
    assert credentials["CPC"]["group"] == credentials["CCS"]["group"] is not None
    assert [x["years"] for x in result["experience"]] == [3]
    assert {s["id"]: s["level"] for s in result["skills"]}.get("epic") == "preferred"
    for item in (*result["credentials"], *result["skills"], *result["experience"]):
        for ev in item["evidence"]:
            assert description[ev["start"] : ev["end"]] == ev["text"]


def test_the_company_name_and_taxonomy_names_stay_whole(extractor):
    text, _ = extractor.reading(
        {
            "title": "Release of Information Specialist",
            "company": "BrightHarbor Health",
            "description": "Join BrightHarborHealth. Charts live in eClinicalWorks and PointClickCare.",
        }
    )
    assert "BrightHarborHealth" in text
    assert "eClinicalWorks" in text and "PointClickCare" in text


def test_a_resume_with_glued_lines_is_read_parted(extractor):
    text = "SKILLS AND SYSTEMSSkillsEpic and Cerner charting\nCertificationsRHIT, 2021"
    found = {m.id: m for m in extractor.find_mentions(text)}
    assert {"epic", "cerner", "RHIT"} <= set(found)
    for m in found.values():
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize("text", ["Apply at *Lakeview Clinic* today.", "You *must* know CPT."])
def test_emphasis_inside_a_sentence_is_not_a_heading(text):
    assert parted(text) == text


ACRONYMS = frozenset({"RHIT", "RHIA", "CDIP", "CCS", "COC", "CPC", "RN", "CCDS", "CBCS", "CEHRS"})


@pytest.mark.parametrize(
    ("glued", "read"),
    [
        ("NICE:RHITCDIPDETAILS: full time", "NICE: RHIT\nCDIP\nDETAILS: full time"),
        ("MUST HAVE:RNCCDS", "MUST HAVE: RN\nCCDS"),
        ("RHIA or RHIT3-5 years of HIM work", "RHIA or RHIT 3-5 years of HIM work"),
        ("(CBCS) or CEHRS$19/hour", "(CBCS) or CEHRS $19/hour"),
        ("Word and ExcelRHIT strongly preferred", "Word and Excel\nRHIT strongly preferred"),
        # no run of known acronyms: left as written
        ("COCONUT and CPCTEAM", "COCONUT and CPCTEAM"),
        ("ICD10 and CPT4", "ICD10 and CPT4"),
    ],
)
def test_credential_acronyms_glued_together_are_parted(glued, read):
    assert unglue(glued, frozenset(), _is_heading, acronyms=ACRONYMS).text == read
