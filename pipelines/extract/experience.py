"""Years of experience asked for: digits, number words, ranges (minimum), "three (3)", months."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.vocabulary import load_vocabulary

from .cues import NUMBER, number_value

# "2 years", "two (2) years", "(1) year" (the figure in brackets alone), "1-2 yrs"
FIGURE = re.compile(
    rf"(?<![\w$.,/])(?:\((?=\d+\))(?P<p>)?)?(?P<a>{NUMBER})(?(p)\))(?:\s*\(\s*\d+(?:\.\d+)?\s*\))?\s*\+?\s*"
    rf"(?:(?:-|–|—|to|or)\s*(?P<b>{NUMBER})(?:\s*\(\s*\d+(?:\.\d+)?\s*\))?\s*\+?\s*)?"
    r"(?:or\s+(?:more|greater|longer)\s+|plus\s+)?-?"
    r"(?:full(?:[- ]time)?\s+)?(?P<unit>years?|yrs?|months?|mos?)(?![\w-])\.?(?:'s|’s|s')?",
    re.IGNORECASE,
)
# The words are data: config/vocabulary.yaml, classes experience.*.
_VOCAB = load_vocabulary()
_EXPERIENCE_WORD = _VOCAB.pattern("experience.words")
# Figures that are not experience: deadlines, ages, programme lengths, company history.
_BEFORE_NOT = _VOCAB.pattern("experience.not_before", suffix=r"\s*$")
_AFTER_NOT = _VOCAB.pattern("experience.not_after", prefix=r"^\s*", suffix=r"\b")


_NOT_LETTER = re.compile(r"[^A-Za-z]")
_SCHOOLING_AFTER = re.compile(r"^[-\s]*(?:degree|program|college|course)", re.IGNORECASE)
_MONTH_UNIT = re.compile(r"\bmo")


@dataclass(frozen=True)
class YearsFigure:
    years: float
    start: int
    end: int


def _years(match: re.Match) -> float | None:
    value = number_value(match.group("a"))
    if value is None:
        return None
    unit = match.group("unit").lower()
    if unit.startswith("m"):
        value = value / 12
    return round(value, 2)


def find_years(
    text: str, start: int = 0, end: int | None = None, context: str | None = None
) -> list[YearsFigure]:
    """Experience figures in text[start:end] (a clause): the minimum of a range.

    Only figures in a clause that speaks of experience, and not deadlines ("within 12
    months"), company history ("for 35 years"), contract lengths ("6 mo contract") or
    programme lengths ("one academic year"). `context` (the clause's line) may supply the
    experience word instead ("3 years of experience; 1 year CDI preferred").
    """
    end = len(text) if end is None else end
    clause = text[start:end]
    if (
        not _EXPERIENCE_WORD.search(clause)
        and not (context and _EXPERIENCE_WORD.search(context))
        and len(_NOT_LETTER.sub("", FIGURE.sub("", clause))) > 8
    ):
        return []  # a bare "2+ yrs" item still counts; "a 2 year warranty" does not
    found: list[YearsFigure] = []
    for m in FIGURE.finditer(clause):
        before = clause[max(0, m.start() - 30) : m.start()]
        after = clause[m.end() : m.end() + 40]
        if _BEFORE_NOT.search(before) and not re.search(
            r"(?:experience|worked|working)\s+for\s*$", before, re.IGNORECASE
        ):
            continue
        if _AFTER_NOT.match(after) or _SOMEONE_OF.search(before):
            continue
        if _SCHOOLING_AFTER.match(after):
            continue
        word = m.group("a").lower()
        if word in ("a", "an") and not re.match(
            r"^\s*(?:or more\s+)?(?:of|in|as|with|working|experience)\b", after, re.IGNORECASE
        ):
            continue
        value = _years(m)
        if value is None or value <= 0 or value > 40:
            continue
        found.append(YearsFigure(value, start + m.start(), start + m.end()))
    # "Six months to one year": a range across units; its minimum is the first figure.
    found = [
        f
        for i, f in enumerate(found)
        if i == 0 or not _RANGE_GAP.fullmatch(text, found[i - 1].end, f.start)
    ]
    # "one year and six months": one figure of 1.5 years.
    for i in range(len(found) - 1, 0, -1):
        a, b = found[i - 1], found[i]
        if b.years < 1 and _AND_GAP.fullmatch(text, a.end, b.start) and a.years == int(a.years):
            found[i - 1 : i + 1] = [YearsFigure(round(a.years + b.years, 2), a.start, b.end)]
    if found:
        # "Seven years of coding, at least three of them in auditing": the part is a figure too.
        unit_months = clause[found[0].start - start : found[0].end - start].lower()
        per_month = bool(_MONTH_UNIT.search(unit_months))
        for m in _PART.finditer(clause):
            group = "a" if m.group("a") else "b"
            value = number_value(m.group(group))
            at = start + m.start(group)
            if value is None or value <= 0 or any(f.start <= at < f.end for f in found):
                continue
            value = round(value / 12, 2) if per_month else value
            found.append(YearsFigure(value, at, start + m.end(group)))
    return found


# "my coder of 11 years is retiring": someone else's tenure
_SOMEONE_OF = re.compile(r"\b(?:my|our|his|her|their)\s+[\w-]+\s+of\s*$", re.IGNORECASE)
_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|or)\s*")
_AND_GAP = re.compile(r",?\s+(?:and|&)\s+")
_PART = re.compile(
    rf"\b(?:including|incl\.?|at least|of which|with)\s+(?:at least\s+)?(?P<a>{NUMBER})"
    r"(?:\s*\(\s*\d+\s*\))?\s+(?:of (?:them|those|these|which)|in|as|doing|performing)\b"
    rf"|,\s*(?:at least\s+)?(?P<b>{NUMBER})(?:\s*\(\s*\d+\s*\))?\s+of (?:which|them|those|these)\b",
    re.IGNORECASE,
)
