"""Facts read from resume text that the posting extractor does not cover.

Sections (a resume lists what the person has, section by section), years of experience
from dated roles or a stated total, the highest education level, and the home state.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from matcher.profile import education_rank

SECTION_HEADINGS: dict[str, tuple[str, ...]] = {
    "experience": (
        "experience", "work experience", "professional experience", "employment history",
        "work history", "relevant experience", "employment", "career history",
        "professional history",
    ),
    "education": ("education", "education and training", "academic background", "training"),
    "certifications": (
        "certifications", "certification", "certificates", "licenses", "licensure",
        "licenses and certifications", "certifications and licenses", "credentials",
        "professional certifications",
    ),
    "skills": (
        "skills", "technical skills", "core competencies", "key skills", "software",
        "areas of expertise", "systems", "skills and systems", "competencies",
    ),
    "summary": ("summary", "professional summary", "profile", "objective", "career objective"),
    "other": (
        "references", "volunteer", "volunteer experience", "awards", "projects", "interests",
        "affiliations", "professional affiliations", "memberships",
    ),
}  # fmt: skip
_HEADING_OF = {h: name for name, heads in SECTION_HEADINGS.items() for h in heads}
_HEADING_CLEAN = re.compile(r"^[#*_=\-\s]+|[#*_=:\-\s]+$")


@dataclass(frozen=True)
class ResumeSection:
    name: str  # experience | education | certifications | skills | summary | other | header
    start: int
    end: int


def split_sections(text: str) -> list[ResumeSection]:
    """Cut the text at heading lines ("## Experience", "SKILLS:", "Work History")."""
    marks: list[tuple[int, str]] = [(0, "header")]
    offset = 0
    for line in text.splitlines(keepends=True):
        # Length first: the clean-up pattern is quadratic on a long line of "- - - -".
        if len(line.strip()) < 60:
            key = _HEADING_CLEAN.sub("", line.strip()).replace("&", "and").lower()
            key = re.sub(r"\s+", " ", key)
            if key in _HEADING_OF:
                marks.append((offset, _HEADING_OF[key]))
        offset += len(line)
    return [
        ResumeSection(name, start, marks[i + 1][0] if i + 1 < len(marks) else len(text))
        for i, (start, name) in enumerate(marks)
    ]


def section_text(text: str, sections: list[ResumeSection], name: str) -> str:
    return "\n".join(text[s.start : s.end] for s in sections if s.name == name)


_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}  # fmt: skip
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_POINT = rf"(?:\d{{1,2}}/\d{{4}}|\d{{4}}-\d{{2}}\b|(?:{_MONTH_RE})\.?,?\s+\d{{4}}|\d{{4}})"
_RANGE = re.compile(
    rf"(?<![\d/-])({_POINT})\s*(?:-|–|—|to|through|until|thru)\s*({_POINT}|present|current|now|today)(?![\d/])",
    re.I,
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
_STATED = re.compile(
    rf"\b(\d{{1,2}}(?:\.\d)?|{'|'.join(_NUMBER_WORDS)})\s*\+?\s*(?:years?|yrs?)\.?(?:\s+of)?\s+(?:[\w/-]+\s+){{0,4}}?experience",
    re.I,
)


def _point(text: str, today: date, *, end: bool) -> int | None:
    """A date as a month index (year * 12 + month - 1); an end is exclusive."""
    s = text.strip().lower().rstrip(".")
    if s in ("present", "current", "now", "today"):
        return today.year * 12 + today.month  # through the current month
    if m := re.fullmatch(r"(\d{1,2})/(\d{4})", s):
        month, year = int(m[1]), int(m[2])
    elif m := re.fullmatch(r"(\d{4})-(\d{2})", s):
        year, month = int(m[1]), int(m[2])
    elif m := re.fullmatch(rf"({_MONTH_RE})\.?,?\s+(\d{{4}})", s):
        month, year = _MONTHS[m[1]], int(m[2])
    elif re.fullmatch(r"\d{4}", s):
        year = int(s)
        if not 1950 <= year <= today.year + 1:
            return None
        return year * 12  # a bare year starts (or ends) in January: "2018 - 2021" is 3 years
    else:
        return None
    if not (1 <= month <= 12 and 1950 <= year <= today.year + 1):
        return None
    return year * 12 + month - 1 + (1 if end else 0)


def dated_ranges(text: str, today: date) -> list[tuple[int, int]]:
    spans = []
    for m in _RANGE.finditer(text):
        start, stop = _point(m[1], today, end=False), _point(m[2], today, end=True)
        if start is not None and stop is not None and stop > start:
            spans.append((start, min(stop, today.year * 12 + today.month)))
    return spans


def months_covered(spans: list[tuple[int, int]]) -> int:
    """Total months in the union of spans: overlapping roles count once."""
    total, current_end = 0, None
    for start, stop in sorted(spans):
        if current_end is None or start >= current_end:
            total += stop - start
            current_end = stop
        elif stop > current_end:
            total += stop - current_end
            current_end = stop
    return total


def stated_years(text: str) -> float:
    best = 0.0
    for m in _STATED.finditer(text):
        token = m[1].lower()
        best = max(
            best, float(_NUMBER_WORDS.get(token, token) if token in _NUMBER_WORDS else token)
        )
    return best


def years_of_experience(text: str, sections: list[ResumeSection], today: date) -> float:
    """The larger of a stated total and the months covered by dated roles."""
    work = section_text(text, sections, "experience")
    if not work.strip():
        # No experience heading: use everything but education (degree years are not work).
        work = "\n".join(text[s.start : s.end] for s in sections if s.name != "education")
    from_roles = months_covered(dated_ranges(work, today)) / 12
    return round(max(from_roles, stated_years(text)), 1)


_UNFINISHED = re.compile(
    r"\b(expected|anticipated|in progress|pursuing|currently enrolled|candidate)\b", re.I
)
# Degree abbreviations resumes use that postings rarely do ("A.A.S., HIT, 2021").
_RESUME_DEGREES = {"associate": re.compile(r"\bA\.A\.S\.?|\bAAS\b|\bA\.S\.|\bA\.A\.")}


def highest_education(
    text: str, sections: list[ResumeSection], find_education: Callable[[str], list[dict]]
) -> str | None:
    """The highest level named on a finished line of the Education section (or anywhere).

    ``find_education`` is the extractor's education reader (levels with offsets); lines
    saying "expected 2027" or "pursuing" do not count yet.
    """
    scope = section_text(text, sections, "education") or text
    found: list[str] = []
    for line in scope.splitlines():
        if _UNFINISHED.search(line):
            continue
        found += [m["level"] for m in find_education(line)]
        found += [level for level, pattern in _RESUME_DEGREES.items() if pattern.search(line)]
    return max(found, key=education_rank, default=None)


_PLACE = re.compile(r",\s*([A-Za-z]{2}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\b(?:\s+\d{5}(?:-\d{4})?)?")


def home_state(text: str, sections: list[ResumeSection]) -> str | None:
    """The state of the "City, ST 12345" line in the resume's header."""
    from pipelines.normalize.location import state_code

    header = section_text(text, sections, "header")[:600]
    for m in _PLACE.finditer(header):
        code = state_code(m[1]) if (len(m[1]) != 2 or m[1].isupper()) else None
        if code:
            return code
    return None
