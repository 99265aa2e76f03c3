"""The medical-records job family: one definition for the crawler's relevance filter,
the extractor's ``relevant`` field and the report's ``--role`` breakdown.

A posting belongs to the family by its title; a vague title ("Specialist I",
"Associate") is decided by what the description says the job does. Look-alikes that
mention EHRs, HIPAA or CPT codes (nurses, medical assistants, billers who do not code,
health IT, software coders, legal records clerks) are excluded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ROLES = ("records", "coding", "roi", "registry", "cdi")

# role -> title patterns (lower-cased title)
_ROLE_TITLES: dict[str, tuple[str, ...]] = {
    "cdi": (
        r"\bclinical documentation (?:integrity|improvement|specialist|spec)",
        r"\bcdi(?:p|s)?\b",
        r"\bdocumentation (?:integrity|improvement) (?:specialist|nurse|analyst)",
    ),
    "registry": (
        r"\b(?:cancer|tumor|tumour|oncology) (?:data )?registr",
        r"\boncology data (?:specialist|analyst|abstractor)",
        r"\bcertified tumor registrar\b",
        r"\bregistrar\b.*\b(?:cancer|tumor|oncology)\b",
        r"\bctr\b",
    ),
    "roi": (
        r"\brelease of information\b",
        r"\b(?:roi|r\.o\.i\.) (?:specialist|clerk|coordinator|representative|tech)",
        r"\bcorrespondence specialist\b",
        r"\bdisclosure (?:specialist|coordinator)\b",
    ),
    "coding": (
        r"\b(?:medical|clinical|inpatient|outpatient|profee|pro-fee|professional|facility|"
        r"hospital|coding|certified|risk adjustment|hcc|e/m|surgical|radiology|ed|"
        r"emergency|physician|senior|sr\.?|lead|remote)\s+coder\b",
        r"^coder\b",
        r"\bcoder\s*(?:i{1,3}|iv|[1-4])?\b(?!\s*developer)",
        r"\bcoding (?:specialist|analyst|auditor|consultant|educator|validator|quality|technician|"
        r"associate|professional|coordinator|supervisor|manager|lead)\b",
        r"\b(?:medical|clinical) coding\b",
        r"\bcoding\b(?: and [a-z]+| [a-z]+)? (?:specialist|analyst|auditor|technician|associate|"
        r"coordinator|reviewer|validator|educator|professional|representative|consultant)\b",
        r"\bcoding and (?:billing|reimbursement)\b",
        r"\b(?:him|drg|coding) (?:auditor|validation|validator|coordinator|reviewer)",
    ),
    "records": (
        r"\bmedical records?\b",
        r"\bhealth information\b(?! technology)(?! systems)(?! exchange)",
        r"\bhealth info(?:rmation)? (?:management|mgmt|tech|technician|specialist)\b",
        r"\bhim\b(?: (?!applications?\b|systems?\b|it\b|informatics\b|interface)[a-z&/-]+){0,3} "
        r"(?:specialist|analyst|technician|coordinator|clerk|associate)\b",
        r"\bhim (?:technician|specialist|analyst|coordinator|clerk|tech|associate|"
        r"supervisor|manager|director|lead|representative)\b",
        r"\b(?:patient|clinical) records? (?:clerk|technician|specialist|coordinator|tech)\b",
        r"\bchart (?:analyst|analysis|completion|prep)",
        r"\brecords? (?:technician|tech)\b",
        r"\bdocument imaging (?:specialist|tech|clerk)",
        r"\bscanning (?:clerk|specialist|technician)\b.*\b(?:health|medical|him)\b",
        r"\bmedical (?:record|records) (?:clerk|coordinator|specialist|technician|analyst)",
    ),
}

# Titles that are never in the family, even when the text mentions coding or records.
_EXCLUDED_TITLES = (
    r"\bmedical assistant\b",
    r"\b(?:registered|licensed|practical|vocational|staff|charge|travel|clinical) nurse\b",
    r"\b(?:rn|lpn|lvn|cna|np|pa-c)\b(?!.*\b(?:cdi|clinical documentation|coder|coding)\b)",
    r"\bnurse (?:practitioner|manager|educator)\b",
    r"\bhealth information (?:technology|systems|exchange)\b",
    r"\b(?:legal|court|law|police|student|school) records?\b",
    r"\bbiller\b(?!.*\bcoder\b)",
    r"\bbilling (?:specialist|representative|rep|clerk|associate)\b(?!.*\bcod)",
    r"\bphlebotom",
    r"\bpharmacy tech",
    r"\bphysician\b(?!.*\b(?:coder|coding|documentation|records)\b)",
    r"\b(?:truck|delivery) driver\b",
    r"\b(?:courier|driver|runner)\b",
)

# Software roles called "coder" are never in the family, whatever else the title says.
_SOFTWARE_TITLES = (
    r"\bsoftware\b",
    r"\b(?:developer|engineer|programmer|devops|data scientist)\b",
    r"\b(?:python|java|javascript|typescript|sql|\.net|c\+\+|c#|ruby|golang|php|react|"
    r"full[- ]stack|front[- ]end|back[- ]end|web|bootcamp|game)\b",
    r"\b(?:applications? analyst|systems analyst|informatics|interface analyst|integration analyst|"
    r"application (?:specialist|coordinator|administrator))\b",
)

# Description cues, for titles that say too little.
_DUTY_CUES: dict[str, tuple[str, ...]] = {
    "coding": (
        r"\bassign(?:s|ing)? (?:accurate )?(?:icd-?10|cpt|diagnosis|procedure) codes",
        r"\bassign(?:s|ing)?\b[^.\n]{0,40}\b(?:icd|cpt|hcpcs|diagnosis|procedure|drg)\b[^.\n]{0,30}\bcodes?\b",
        r"\b(?:abstract|code)s? (?:inpatient|outpatient|professional) (?:records|encounters|charts)",
    ),
    "records": (
        r"\bdeficiency analysis\b",
        r"\bmaster patient index\b",
        r"\bmaintain(?:s|ing)? (?:the )?(?:legal )?medical records?\b",
    ),
    "roi": (
        r"\brelease of information requests\b",
        r"\bprocess(?:es|ing)? requests for (?:medical )?records\b",
    ),
    "registry": (
        r"\bcancer registry\b",
        r"\babstract(?:s|ing)? cancer cases\b",
        r"\b(?:cancer|tumor) registrar\b",
        r"\bctr\b|\bods-c\b",
    ),
    "cdi": (r"\bphysician quer(?:y|ies)\b.*\bdocumentation\b",),
}
_VAGUE_TITLE = re.compile(
    r"^(?:specialist|associate|technician|clerk|analyst|coordinator|registrar)(?:\s+(?:i{1,3}|[1-3]))?$"
)
_NO_CODING = re.compile(r"\b(?:does not|do not|will not|doesn't|won't) (?:perform )?cod(?:e|ing)\b")

_compile = lambda pats: tuple(re.compile(p) for p in pats)  # noqa: E731
ROLE_TITLES = {role: _compile(p) for role, p in _ROLE_TITLES.items()}
EXCLUDED_TITLES = _compile(_EXCLUDED_TITLES)
SOFTWARE_TITLES = _compile(_SOFTWARE_TITLES)
DUTY_CUES = {role: _compile(p) for role, p in _DUTY_CUES.items()}


@dataclass(frozen=True)
class JobFamilyMatch:
    relevant: bool
    role: str | None  # one of ROLES when relevant
    reason: str


def _normalise_title(title: str) -> str:
    title = title.lower().replace("&amp;", "&")
    title = re.sub(r"[\u2010-\u2015]", "-", title)
    return re.sub(r"\s+", " ", title).strip()


def role_from_title(title: str) -> str | None:
    """The family role a title names, or None. Order matters: a "CDI coder" is CDI."""
    t = _normalise_title(title)
    for role in ("cdi", "registry", "roi", "coding", "records"):
        if any(p.search(t) for p in ROLE_TITLES[role]):
            return role
    return None


def classify(title: str, description: str = "") -> JobFamilyMatch:
    """Decide whether a posting is a medical-records job and which role."""
    t = _normalise_title(title or "")
    role = role_from_title(t)
    excluded = next((p.pattern for p in EXCLUDED_TITLES if p.search(t)), None)
    text = (description or "").lower()
    software = next((p.pattern for p in SOFTWARE_TITLES if p.search(t)), None)
    if software:
        return JobFamilyMatch(False, None, f"software title ({software})")
    if excluded and role not in ("cdi", "coding", "registry"):
        return JobFamilyMatch(False, None, f"title excluded by {excluded}")
    if role == "coding" and _NO_CODING.search(text) and "coder" not in t:
        return JobFamilyMatch(False, None, "the posting says the role does not code")
    if role:
        return JobFamilyMatch(True, role, "title")
    if _VAGUE_TITLE.match(t) or not t:
        for cue_role, patterns in DUTY_CUES.items():
            if any(p.search(text) for p in patterns):
                return JobFamilyMatch(True, cue_role, "vague title, family duties in text")
    return JobFamilyMatch(False, None, "title not in the family")


def is_relevant(title: str, description: str = "") -> bool:
    return classify(title, description).relevant
