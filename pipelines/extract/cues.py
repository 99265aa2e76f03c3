"""Words in a clause that change what a mention means: preferred, required, eligible, within N months,
boilerplate (tuition, EEO, "our team includes"), and number words."""

from __future__ import annotations

import re
from functools import lru_cache

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "eighteen": 18,
    "twenty": 20, "twenty-four": 24, "twenty four": 24, "thirty": 30, "thirty-six": 36,
    "half a": 0.5, "half": 0.5, "one and a half": 1.5, "one-and-a-half": 1.5,
    "several": None, "few": None,
}  # fmt: skip
NUMBER = (
    r"(?:\d+(?:\.\d+)?(?:\s*1/2)?|one and a half|one-and-a-half|half an?|twenty[- ]four|"
    r"thirty[- ]six|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|eighteen|twenty|thirty|an?)"
)


def number_value(text: str) -> float | None:
    """ "three" -> 3, "1.5" -> 1.5, "1 1/2" -> 1.5; None for anything else."""
    t = text.strip().lower()
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t]
    t = t.replace("-", " ")
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t]
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s*1/2)?", t)
    if m:
        return float(m.group(1)) + (0.5 if "1/2" in t else 0)
    return None


# ---- requirement level ---------------------------------------------------------------
PREFERRED_CUE = re.compile(
    r"\b(?:preferred|preferable|preferably|prefer|pref(?:'d|\.|\b)|desired|desirable|ideally|ideal candidate|"
    r"nice[- ]to[- ]have|bonus|advantageous|an advantage|beneficial|a (?:big |huge |definite |"
    r"strong )?plus|are a plus|pluses|helpful|not required|not mandatory|optional|"
    r"is welcome|are welcome|would be great|good to have|encouraged|an? (?:strong |big |real )?asset|"
    r"assets)\b",
    re.IGNORECASE,
)
# "preferably in long-term care" qualifies the setting, not the item before it.
_SETTING_QUALIFIER = re.compile(
    r"\b(?:preferably|ideally|preferred)\s+(?:in|at|with|within|from|on|for|working)\b",
    re.IGNORECASE,
)
REQUIRED_CUE = re.compile(
    r"\b(?:required|requires?|must|mandatory|req'?d|a must|essential|necessary)\b(?!\s*:)",
    re.IGNORECASE,
)
_NOT_REQUIRED = re.compile(
    r"\b(?:not|nor)\s+(?:required|mandatory|necessary|a must)\b", re.IGNORECASE
)


@lru_cache(maxsize=8192)
def preferred_cue(clause: str) -> bool:
    for m in PREFERRED_CUE.finditer(clause):
        if _SETTING_QUALIFIER.match(clause, m.start()):
            continue
        return True
    return False


@lru_cache(maxsize=8192)
def required_cue(clause: str) -> bool:
    return bool(REQUIRED_CUE.search(_NOT_REQUIRED.sub(" ", clause)))


@lru_cache(maxsize=4096)
def level_for(clause: str, section_kind: str) -> str:
    """An inline cue beats the heading; otherwise a preferred section makes it preferred."""
    if preferred_cue(clause):
        return "preferred"
    if required_cue(clause):
        return "required"
    return "preferred" if section_kind == "preferred" else "required"


# ---- credential qualifiers ------------------------------------------------------------
ELIGIBLE_ATTACHED = re.compile(r"^[\s-]*(?:eligible|eligibility)\b", re.IGNORECASE)
ELIGIBLE_SENTENCE = re.compile(
    r"\b(?:(?:or|be|are|is|being)\s+(?:exam[- ])?eligible|exam[- ]eligible|registry[- ]eligible|"
    r"eligible\s+(?:to\s+(?:sit|take|test|apply)|for\s+(?:the\s+)?(?:\w+\s+){0,3}"
    r"(?:exam|examination|certification|credential|registration|credentialing))|"
    r"eligibility\s+(?:to|for)\s+(?:sit|take|the)|board[- ]eligible)\b",
    re.IGNORECASE,
)
WITHIN = re.compile(
    rf"\bwithin\s+(?:the\s+)?(?:first\s+)?(?:(?P<lo>{NUMBER})\s*(?:-|–|to)\s*)?(?P<n>{NUMBER})"
    r"\s*(?:\(\s*\d+\s*\)\s*)?(?P<unit>months?|mos?\.?|years?|yrs?\.?|days)\b",
    re.IGNORECASE,
)
_OBTAIN = re.compile(
    r"\b(?:obtain|obtained|earn|earned|achieve|achieved|attain|acquire|get|pass|passing|"
    r"become|becoming|certif|credential|hire|hired|hiring|employment|start|starting|"
    r"date of|sit for|complete)\w*",
    re.IGNORECASE,
)


_WITHIN_FIRST = re.compile(
    r"\bwithin\s+(?:the\s+)?first\s+(?P<unit>year|month)\b|\bwithin\s+a\s+year\b", re.IGNORECASE
)


def within_months(sentence: str) -> int | None:
    """12 for "within one year of hire"; None when the sentence has no such deadline."""
    first = _WITHIN_FIRST.search(sentence)
    if first and _OBTAIN.search(sentence):
        return 1 if (first.group("unit") or "").lower() == "month" else 12
    for m in WITHIN.finditer(sentence):
        if not _OBTAIN.search(sentence):
            continue
        value = number_value(m.group("n"))
        if value is None:
            continue
        unit = m.group("unit").lower()
        if unit.startswith("y"):
            return round(value * 12)
        if unit.startswith("d"):
            return max(1, round(value / 30))
        return round(value)
    return None


# ---- boilerplate -----------------------------------------------------------------------
BOILERPLATE_SENTENCE = re.compile(
    r"\b(?:equal (?:opportunity|employment)|affirmative action|without regard to|e-verify|"
    r"\bEOE\b|tuition|at (?:our|no) (?:expense|cost)|(?:we|company) (?:will )?(?:pay|pays|cover|"
    r"covers|reimburse|reimburses|sponsor|sponsors) (?:for )?(?:your|the|all)?|reimburse|"
    r"exam fees?|paid (?:ahima|aapc|ncra) (?:membership|dues)|(?:our|the) (?:[\w-]+ ){0,2}(?:team|staff|"
    r"department|group|clinic|practice|facility|organization|program) (?:includes?|is made up|"
    r"consists|of more than|has grown|employs)|our (?:people|values|mission|culture)\b|"
    r"(?:sign[- ]on|signing|referral|retention) bonus|"
    r"our (?:nurses|coders|staff|physicians)(?:,| and| treat| are| work| include)|\bplaces (?:rns|nurses|coders|\w+ professionals)|"
    r"benefits include|we offer|we provide (?:competitive|comprehensive|a)|"
    r"continuing education (?:allowance|reimbursement|support)|ceu (?:allowance|reimbursement)|"
    r"career (?:ladder|growth|path)|growth path|opportunit(?:y|ies) to (?:earn|pursue|grow|advance)"
    r"|staff pursuing|for employees pursuing|core values|"
    # "Oak Harbor values compassion, integrity and customer service"
    r"values (?:of )?(?:compassion|integrity|respect|excellence|teamwork|kindness|innovation|"
    r"accountability|diversity|service))",
    re.IGNORECASE,
)
# Company description in the text before the first heading.
_DESCRIBING_VERB = (
    r"(?:(?:is|are)\s+(?:a|an|the|one|proud|committed|dedicated|home|part|located|recognized|"
    r"known|rated|nationally|among|\w+'s)\b|(?:has|have)\s+(?:been|cared|served|over|more|grown|"
    r"provided|\d)|provides|handles|places|serves|brings|operates|offers|specializes|delivers|"
    r"partners|employs|cares|was founded|began)\b"
)
_AFTER_NAME = re.compile(r"[\w&'’.,-]*\s+(?:[\w&'.,-]*\s+){0,6}?" + _DESCRIBING_VERB)
COMPANY_SENTENCE = re.compile(
    # A sentence about the job ("This is a coding job", "It is a remote role") is not one.
    r"^(?!(?i:an?|candidates?|applicants?|you|your|this|these|it|the (?:role|position|candidate|job|ideal))\b)"
    r"(?:[A-Z][\w&'.,-]*\s+){1,6}?" + _DESCRIBING_VERB
)
_SELF_DESCRIPTION = re.compile(
    r"^(?:(?:we|our)\b(?!.*\b(?:looking|seeking|hiring|searching|recruiting|in need|need|needs|"
    # "We're on eClinicalWorks", "We use Epic": the job's own tools
    r"use|uses|using|'re on|are on|work in|"
    r"require|requires|want|expect|prefer|ask|would love|candidate|candidates|you|your|"
    r"applicants?)\b)|founded\b|for (?:over|more than) \d+ years|since \d{4})",
    re.IGNORECASE,
)
PEOPLE_AFTER = re.compile(
    r"^[\s-]*(?:credentialed\s+|certified\s+)?(?:\w+\s+){0,2}?(?:case managers?|coders|nurses|staff|"
    r"team|teams|colleagues|auditors|professionals|pros|physicians|specialists|educators|"
    r"managers|members|reviewers|advisors|supervisors?|directors?|leadership|units?|"
    r"navigators?|liaisons?|colleagues)\b",
    re.IGNORECASE,
)
ASKING_CUE = re.compile(
    r"\b(?:require[sd]?|must|preferred|desired|plus|eligib\w*|certification|certified|"
    r"credential(?:ed|s)?|licen[cs]e[ds]?|hold|holds|obtain|possess|active|current|valid|"
    r"seeking|looking for|candidates?|applicants?|qualif\w*)\b",
    re.IGNORECASE,
)


def is_boilerplate_sentence(sentence: str, in_preamble: bool, company: str | None = None) -> bool:
    if BOILERPLATE_SENTENCE.search(sentence):
        return True
    if not in_preamble:
        return False
    stripped = sentence.strip().lstrip("-•*· ").strip()
    if company and company.split():
        head = company.split()[0]
        if (
            stripped.startswith(head)
            and stripped[len(head) : len(head) + 1] in (" ", "'", "’", ",")
            and _AFTER_NAME.match(stripped, len(head))
        ):
            return True
    return bool(COMPANY_SENTENCE.match(stripped) or _SELF_DESCRIPTION.match(stripped))
