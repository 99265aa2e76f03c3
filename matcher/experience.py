"""Relevant experience from resume text: dated roles of the job family and adjacent work.

A role is a date range in the work history ("09/2023 - 08/2025") with the heading lines
around it (title, employer). Its heading is matched against the role words of
config/matching.yaml: medical records, coding, ROI, registry and CDI roles are the job
family; billing, patient access and medical office work are adjacent; a clerical title
counts as adjacent in a healthcare setting. Relevant roles are added up with overlaps
counted once. When no relevant role can be dated, the largest relevant total the resume
states ("three years of outpatient coding") is used instead.

Nothing here keeps resume text: a role is described by the matched word and its months.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from functools import lru_cache

from matcher.profile import CountedRole, Experience
from matcher.resume_text import ResumeSection, dated_ranges, months_covered, section_text

RoleWords = Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]

#: Heading lines read around a role's dates: up to this many above and one below, each
#: cut to HEADING_CHARS characters.
LINES_ABOVE = 2
HEADING_CHARS = 300
#: How far a stated total's sentence is looked for on each side, in characters.
REACH = 300
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦–>]|\d{1,2}[.)])\s")
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18,
    "twenty": 20, "a": 1, "an": 1,
}  # fmt: skip
_NUMBER = r"\d{1,2}(?:\.\d)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_STATED = re.compile(
    rf"\b({_NUMBER})\s*\+?\s*(?:plus\s+)?(years?|yrs?\.?|months?)['’]?\s+"
    r"(?:of\b|in\b|as\b|experience\b|working\b|doing\b|performing\b)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)|\n")


@lru_cache(maxsize=8)
def _patterns(words: tuple) -> dict[str, re.Pattern[str] | None]:
    """One regex per role class: phrases any case, acronyms as written, longest first."""
    out: dict[str, re.Pattern[str] | None] = {}
    for name, (phrases, acronyms) in words:
        parts = [
            r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True)
        ]
        alternatives = []
        if parts:
            alternatives.append(rf"(?i:\b(?:{'|'.join(parts)})\b)")
        if acronyms:
            alternatives.append(rf"\b(?:{'|'.join(map(re.escape, acronyms))})\b")
        out[name] = re.compile("|".join(alternatives)) if alternatives else None
    return out


def classify_role(heading: str, words: RoleWords) -> tuple[str, str | None]:
    """("family" | "adjacent" | "other", the matched word) of a role's heading text."""
    patterns = _patterns(tuple(sorted(words.items())))

    def find(name: str) -> str | None:
        pattern = patterns.get(name)
        m = pattern.search(heading) if pattern else None
        return " ".join(m[0].lower().split()) if m else None

    for relevance in ("family", "adjacent"):
        if hit := find(relevance):
            return relevance, hit
    clerical, setting = find("clerical"), find("healthcare_setting")
    if clerical and setting:
        return "adjacent", f"{clerical} + {setting}"
    return "other", None


def _month_text(month: int) -> str:
    return f"{month // 12}-{month % 12 + 1:02d}"


def _heading(lines: list[str], i: int, dated: set[int]) -> str:
    """The line with the dates plus the title/employer lines next to it (not bullets, not
    blank, not another role's dates)."""

    def heading_line(j: int) -> bool:
        return bool(lines[j].strip()) and not _BULLET.match(lines[j]) and j not in dated

    picked = [lines[i]]
    for j in range(i - 1, max(-1, i - 1 - LINES_ABOVE), -1):
        if not heading_line(j):
            break
        picked.insert(0, lines[j])
    if i + 1 < len(lines) and heading_line(i + 1):
        picked.append(lines[i + 1])
    return "\n".join(line[:HEADING_CHARS] for line in picked)


def dated_roles(
    work: str, today: date, words: RoleWords | None
) -> list[tuple[int, int, str, str | None]]:
    """(start month, end month exclusive, relevance, matched word) of each dated role."""
    lines = work.splitlines()
    spans_of = {
        i: spans
        for i, line in enumerate(lines)
        if re.search(r"\d{4}", line) and (spans := dated_ranges(line, today))
    }
    dated = set(spans_of)
    roles = []
    for i, spans in spans_of.items():
        relevance, matched = (
            classify_role(_heading(lines, i, dated), words) if words else ("family", None)
        )
        roles += [(start, stop, relevance, matched) for start, stop in spans]
    return roles


def stated_total(text: str, words: RoleWords | None) -> float:
    """The largest total of years a sentence states about relevant work ("three years of
    outpatient coding", "18 months as a medical receptionist at a clinic")."""
    best = 0.0
    for m in _STATED.finditer(text):
        token = m[1].lower()
        value = float(_NUMBER_WORDS[token]) if token in _NUMBER_WORDS else float(token)
        if m[2].lower().startswith("m"):
            value = value / 12
        if value <= best:
            continue
        # the sentence around it, looked for within REACH characters each side
        low = max(0, m.start() - REACH)
        before = text[low : m.start()]
        start = low + max(before.rfind(mark) for mark in ".;!?\n") + 1
        end_match = _SENTENCE_END.search(text, m.end(), m.end() + REACH)
        sentence = text[start : end_match.start() if end_match else m.end() + REACH]
        if words is None or classify_role(sentence, words)[0] != "other":
            best = value
    return round(best, 1)


def relevant_experience(
    text: str, sections: list[ResumeSection], today: date, words: RoleWords | None
) -> Experience:
    """Years of relevant experience and the roles counted (see the module docstring).

    ``words`` are the role words of config/matching.yaml (``MatchTerms.roles``); without
    them every dated role counts.
    """
    work = section_text(text, sections, "experience")
    if not work.strip():
        # No experience heading: everything but education (degree years are not work).
        work = "\n".join(text[s.start : s.end] for s in sections if s.name != "education")
    now = today.year * 12 + today.month
    found = dated_roles(work, today, words)
    roles = tuple(
        CountedRole(
            relevance=relevance,
            matched=matched,
            start=_month_text(start),
            end="present" if stop >= now else _month_text(stop - 1),
            years=round((stop - start) / 12, 1),
            counted=relevance != "other",
        )
        for start, stop, relevance, matched in found
    )
    counted = [(start, stop) for start, stop, relevance, _ in found if relevance != "other"]
    from_roles = round(months_covered(counted) / 12, 1)
    not_education = "\n".join(text[s.start : s.end] for s in sections if s.name != "education")
    stated = stated_total(not_education, words)
    if from_roles > 0:
        return Experience(from_roles, "dated roles", roles, stated)
    if stated > 0:
        return Experience(stated, "stated total", roles, stated)
    return Experience(0.0, "none", roles, 0.0)
