"""Words in a clause that change what a mention means: preferred, required, eligible, within N months,
boilerplate (tuition, EEO, "our team includes"), and number words."""

from __future__ import annotations

import re
from functools import lru_cache

from pipelines.vocabulary import load_vocabulary

from .literals import prefilter

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


_DIGITS_VALUE = re.compile(r"(\d+(?:\.\d+)?)(?:\s*1/2)?")


def number_value(text: str) -> float | None:
    """ "three" -> 3, "1.5" -> 1.5, "1 1/2" -> 1.5; None for anything else."""
    t = text.strip().lower()
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t]
    t = t.replace("-", " ")
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t]
    m = _DIGITS_VALUE.fullmatch(t)
    if m:
        return float(m.group(1)) + (0.5 if "1/2" in t else 0)
    return None


# ---- requirement level ---------------------------------------------------------------
# The words themselves are data: config/vocabulary.yaml, class by class.
_VOCAB = load_vocabulary()
PREFERRED_CUE = _VOCAB.pattern("cues.preferred", suffix=r"\b")
# "preferably in long-term care" qualifies the setting, not the item before it.
_SETTING_QUALIFIER = _VOCAB.pattern("cues.setting_qualifier", suffix=r"\b")
REQUIRED_CUE = _VOCAB.pattern("cues.required", suffix=r"\b(?!\s*:)")
_NOT_REQUIRED = _VOCAB.pattern("cues.not_required", suffix=r"\b")


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
ELIGIBLE_SENTENCE = _VOCAB.pattern("cues.eligible", suffix=r"\b")
WITHIN = re.compile(
    rf"\bwithin\s+(?:the\s+)?(?:first\s+)?(?:(?P<lo>{NUMBER})\s*(?:-|–|to)\s*)?(?P<n>{NUMBER})"
    r"\s*(?:\(\s*\d+\s*\)\s*)?(?P<unit>months?|mos?\.?|years?|yrs?\.?|days)\b",
    re.IGNORECASE,
)
_OBTAIN = _VOCAB.pattern("cues.deadline_obtain", suffix=r"\w*")


_WITHIN_FIRST = re.compile(
    r"\bwithin\s+(?:the\s+)?first\s+(?P<unit>year|month)\b|\bwithin\s+a\s+year\b", re.IGNORECASE
)


_ELIGIBLE_BEFORE = re.compile(r"\beligib\w*\s*$", re.IGNORECASE)


def within_months(sentence: str) -> int | None:
    """12 for "within one year of hire"; None when the sentence has no such deadline.

    With two deadlines ("CTR eligible within one year of hire, certification required
    within 2 years"), the one for the credential wins over the one for exam eligibility.
    """
    if not _OBTAIN.search(sentence):
        return None
    # (rank, position, months): "within the first year" outranks a plain figure
    found = [
        (0, m.start(), 1 if (m.group("unit") or "").lower() == "month" else 12)
        for m in _WITHIN_FIRST.finditer(sentence)
    ]
    for m in WITHIN.finditer(sentence):
        value = number_value(m.group("n"))
        if value is None:
            continue
        unit = m.group("unit").lower()
        if unit.startswith("y"):
            months = round(value * 12)
        elif unit.startswith("d"):
            months = max(1, round(value / 30))
        else:
            months = round(value)
        found.append((1, m.start(), months))
    found.sort()
    for _, at, months in found:
        if not _ELIGIBLE_BEFORE.search(sentence, max(0, at - 25), at):
            return months
    return found[0][2] if found else None


# ---- boilerplate -----------------------------------------------------------------------
BOILERPLATE_SENTENCE = _VOCAB.pattern("cues.boilerplate_sentence")
# Words one of which every boilerplate phrase holds: most clauses hold none, and looking for
# them with `in` costs a fraction of the case-insensitive alternation.
BOILERPLATE_WORDS = prefilter(BOILERPLATE_SENTENCE)
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


def is_boilerplate_sentence(
    sentence: str, in_preamble: bool, company: str | None = None, phrase_possible: bool = True
) -> bool:
    """`phrase_possible` False says the sentence holds none of BOILERPLATE_WORDS (the caller
    looked), so no boilerplate phrase is searched for."""
    if phrase_possible and BOILERPLATE_SENTENCE.search(sentence):
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
