"""Education levels a text names: high-school, certificate, associate, bachelor, master."""

from __future__ import annotations

import re
from dataclasses import dataclass

EDUCATION_LEVELS = ("high-school", "certificate", "associate", "bachelor", "master")

# One pattern, one group per level, so the text is scanned once. Acronyms keep their case
# through scoped flags: (?-i:BS) must not match "bs".
_LEVEL_PATTERNS = {
    "hs": (
        r"\b(?<!above )(?<!beyond )(?<!after )(?<!past )(?<!post )"
        r"(?:high[- ]school(?!\s+(?:students?|teachers?|nurse|level))|H\.?S\.?\s*(?:diploma|dip|grad"
        r"(?:uate)?|education|equivalen\w*)\b|HS/GED|(?-i:HSD)\b|G\.?E\.?D\b\.?|"
        r"secondary school(?: diploma)?|"
        # UK school levels: GCSEs, A levels, "a good standard of (general) education"
        r"(?-i:GCSEs?)\b|(?-i:A[- ]?[Ll]evels?)\b|good (?:general )?standard of (?:general )?education)"
    ),
    "cert": (
        r"\b(?:certificate\s+(?:program|programme|course|of completion|in\s+(?:medical|health|"
        r"coding|him|billing|cancer|tumor))|(?:coding|medical coding|billing(?: and| &)? coding|"
        r"him|hit|health information|cancer registry|registry|medical records?|vocational|"
        r"technical|post-?secondary|professional)\s+(?:certificate|diploma)(?:\s+program)?|"
        r"diploma\s+program|coding\s+(?:training\s+)?program|"
        r"(?:certificate|diploma) from an? (?:[\w-]*[- ])?(?:accredited|approved)|"
        r"(?:ahima|aapc)[- ]approved (?:coding )?(?:certificate|program)|"
        # UK vocational qualifications
        r"(?-i:NVQ|BTEC)(?:\s+(?:level|lvl)\s*\d)?)\b"
    ),
    "assoc": (
        r"\b(?:assoc\.?\s+(?:degree|deg\b)|associate(?:'s|’s|s)?\s+(?:degree|of\s+(?:applied\s+)?(?:science|arts)|in\s+"
        r"(?:health|medical|him|hit|applied|science|cancer|nursing))|associate(?:'s|’s|s)?"
        r"\s+(?:\w+\s+){0,2}degree|A\.?A\.?S\.?\s+degree|(?-i:AAS)\b|A\.S\.\s+(?:degree|in)|"
        r"(?-i:AA|AS)\s*/\s*(?-i:AA|AS)\b|(?-i:AA|AS)\s+(?:degree|in (?-i:HIM|HIT|[Hh]ealth))|"
        r"two[- ]year degree|2[- ]year degree|"
        # two years of study past high school, in the federal and state standards' words
        r"(?:two|2)\s+(?:full\s+|academic\s+)?years?\s+(?:of\s+(?:[\w-]+\s+){0,3})?(?:above|beyond|"
        r"after|past)\s+(?:the\s+)?high[- ]school|(?:60|sixty)\s+semester\s+hours|"
        r"(?:90|ninety)\s+quarter\s+hours|"
        # UK: foundation degree, HNC / HND
        r"foundation degree|(?-i:HNC|HND)\b|"
        # "High school diploma/GED; Associate's preferred": the possessive alone is the degree
        r"associate(?:'s|’s)(?=\s*(?:[;,.()/]|$|or\b|and\b|preferred|required|desired|a plus|"
        r"is\b|in\b|level\b|strongly)))"
    ),
    "bach": (
        r"\b(?:bachelor(?:'s|’s|s)?\b|baccalaureate|four[- ]year degree|4[- ]year degree|"
        r"undergraduate degree|college degree|university degree|(?-i:BSN)\b|B\.S\.N\.|"
        r"(?-i:B\.S\.|B\.A\.)|(?-i:BS|BA)(?=\s+(?:degree|in)))"
    ),
    "mast": (
        r"\b(?:master(?:'s|’s|s)?\s+(?:degree|of|in|level|prepared)|graduate degree|"
        r"advanced degree|post-?graduate degree|(?-i:MSN|MBA|MHA|MPH)\b|(?-i:M\.S\.)|"
        r"(?-i:MS)(?=\s+(?:degree|in)))"
    ),
}
_GROUP_LEVEL = {
    "hs": "high-school", "cert": "certificate", "assoc": "associate", "bach": "bachelor",
    "mast": "master",
}  # fmt: skip
_EDUCATION = re.compile(
    "|".join(f"(?P<{name}>{pattern})" for name, pattern in _LEVEL_PATTERNS.items()), re.IGNORECASE
)
_NEGATED = re.compile(r"\b(?:no|not|without)\s+(?:a\s+)?(?:\w+\s+){0,2}$", re.IGNORECASE)


@dataclass(frozen=True)
class EducationMention:
    level: str
    start: int
    end: int


# Words every education phrase contains one of: found with str.find, so the full pattern only
# runs around them (the text is scanned once in C instead of by the regex engine).
_TRIGGERS = (
    "school", "ged", "g.e.d", "certificate", "diploma", "program", "assoc", "aas", "a.s.", "aa",
    "degree", "bachelor", "baccalaureate", "bsn", "b.s", "b.a", "master", "msn", "mba", "mha",
    "mph", "m.s", "hs", "hsd", "gcse", "a level", "a-level", "standard of", "nvq", "btec", "semester",
    "quarter hours", "hnc", "hnd",
)  # fmt: skip


def _windows(lowered: str, start: int, end: int) -> list[tuple[int, int]]:
    spots: list[tuple[int, int]] = []
    for word in _TRIGGERS:
        short = len(word) <= 3
        pos = lowered.find(word, start, end)
        while pos >= 0:
            # a short trigger must start a word: "hs" in "months" is not "HS diploma"
            if not (short and pos > 0 and lowered[pos - 1].isalpha()):
                spots.append((max(start, pos - 60), min(end, pos + 60)))
            pos = lowered.find(word, pos + 1, end)
    spots.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spots:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def find_education(text: str, start: int = 0, end: int | None = None) -> list[EducationMention]:
    """Education mentions in text[start:end], in text order; "no degree required" is skipped."""
    end = len(text) if end is None else end
    found: list[EducationMention] = []
    last_end = -1
    for a, b in _windows(text.lower(), start, end):
        for m in _EDUCATION.finditer(text, a, b):
            if m.start() < last_end:
                continue
            if _NEGATED.search(text, max(start, m.start() - 20), m.start()):
                continue
            found.append(EducationMention(_GROUP_LEVEL[m.lastgroup], m.start(), m.end()))
            last_end = m.end()
    return found
