"""Education levels a text names: high-school, certificate, associate, bachelor, master."""

from __future__ import annotations

import re
from dataclasses import dataclass

EDUCATION_LEVELS = ("high-school", "certificate", "associate", "bachelor", "master")

_I = re.IGNORECASE
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "high-school",
        re.compile(
            r"(?<!above )(?<!beyond )(?<!after )(?<!past )(?<!post )"
            r"\b(?:high[- ]school(?!\s+(?:students?|teachers?|nurse|level))|H\.?S\.?\s*(?:diploma|dip|grad"
            r"(?:uate)?|education|equivalen\w*)|HS/GED|HSD|G\.?E\.?D\.?|secondary school"
            r"(?: diploma)?|hs diploma)\b",
            _I,
        ),
    ),
    (
        "certificate",
        re.compile(
            r"\b(?:certificate\s+(?:program|programme|course|of completion|in\s+(?:medical|health|"
            r"coding|him|billing|cancer|tumor))|(?:coding|medical coding|billing(?: and| &)? coding|"
            r"him|hit|health information|cancer registry|registry|medical records?|vocational|"
            r"technical|post-?secondary|professional)\s+(?:certificate|diploma)(?:\s+program)?|"
            r"diploma\s+program|coding\s+(?:training\s+)?program|"
            r"(?:certificate|diploma) from an? (?:accredited|approved)|"
            r"(?:ahima|aapc)[- ]approved (?:coding )?(?:certificate|program))\b",
            _I,
        ),
    ),
    (
        "associate",
        re.compile(
            r"\b(?:associate(?:'s|’s|s)?\s+(?:degree|of\s+(?:applied\s+)?(?:science|arts)|in\s+"
            r"(?:health|medical|him|hit|applied|science|cancer|nursing))|associate(?:'s|’s|s)?"
            r"\s+(?:\w+\s+){0,2}degree|A\.?A\.?S\.?\s+degree|AAS\b|A\.S\.\s+(?:degree|in)|"
            r"two[- ]year degree|2[- ]year degree)",
            _I,
        ),
    ),
    (
        "bachelor",
        re.compile(
            r"\b(?:bachelor(?:'s|’s|s)?\b|baccalaureate|four[- ]year degree|4[- ]year degree|"
            r"undergraduate degree|college degree|university degree)"
            r"|\b(?:BSN|B\.S\.N\.|B\.S\.|B\.A\.|BS(?=\s+(?:degree|in))|BA(?=\s+(?:degree|in)))",
            _I,
        ),
    ),
    (
        "master",
        re.compile(
            r"\b(?:master(?:'s|’s|s)?\s+(?:degree|of|in|level|prepared)|graduate degree|"
            r"advanced degree|post-?graduate degree)"
            r"|\b(?:MSN|MBA|MHA|MPH|M\.S\.|MS(?=\s+(?:degree|in)))\b",
        ),
    ),
)
# Acronyms above must keep their case (BS, MS, AAS); the rest is case-insensitive.
_CASED_MASTER = re.compile(
    r"\b(?:master(?:'s|’s|s)?\s+(?:degree|of|in|level|prepared)|graduate degree|advanced degree|"
    r"post-?graduate degree)",
    _I,
)
_NEGATED = re.compile(r"\b(?:no|not|without)\s+(?:a\s+)?(?:\w+\s+){0,2}$", _I)


@dataclass(frozen=True)
class EducationMention:
    level: str
    start: int
    end: int


def find_education(text: str, start: int = 0, end: int | None = None) -> list[EducationMention]:
    """Education mentions in text[start:end], in text order; "no degree required" is skipped."""
    end = len(text) if end is None else end
    found: list[EducationMention] = []
    chunk = text[start:end]
    for level, pattern in _PATTERNS:
        matches = list(pattern.finditer(chunk))
        if level == "master":
            matches += list(_CASED_MASTER.finditer(chunk))
        for m in matches:
            if _NEGATED.search(chunk[max(0, m.start() - 20) : m.start()]):
                continue
            found.append(EducationMention(level, start + m.start(), start + m.end()))
    found.sort(key=lambda e: e.start)
    # A "certificate" that is part of a longer degree phrase is not a separate level.
    return [
        e
        for e in found
        if not any(
            o is not e
            and o.start <= e.start
            and e.end <= o.end
            and (o.end - o.start) > (e.end - e.start)
            for o in found
        )
    ]
