"""Find the advertised pay in a posting: the dollar figure that is pay, not tuition, a bonus or a match."""

from __future__ import annotations

import re

from pipelines.normalize.salary import SalaryRange, parse_salary

from .structure import Layout

_MONEY = re.compile(r"(?:\$|USD\s?)\s?\d")
_NOT_PAY = re.compile(
    r"\b(?:tuition|bonus|bonuses|sign[- ]on|signing|referral|reimburse\w*|stipend|allowance|"
    r"assistance|match|matching|401\(?k\)?|403\(?b\)?|457\(?b\)?|ira|hsa|fsa|credit|"
    r"relocation|incentive|fee|fees|exam|membership|ceu|per chart|per encounter|deductible|"
    r"copay|premium|gift card|raise|differential of|revenue|budget|million|billion|"
    r"collections?|savings|worth|loan|loans|repayment|stipend|premium|differential)\b",
    re.IGNORECASE,
)
_PAY_WORD = re.compile(
    r"\b(?:pay|pays|paid|salary|salaries|compensation|wage|wages|rate|range|hourly|per hour|"
    r"/\s?hr|/\s?hour|an hour|a year|annually|annual|per year|/\s?yr|/\s?year|starting at|"
    r"starts at|up to|GS-?\d+|base|earn|doe)\b",
    re.IGNORECASE,
)
# Pay written without a dollar sign: "Pay: 18.50 - 24.75 per hour".
_BARE = re.compile(
    r"\b(?:pay|salary|rate|wage|compensation)\b[^\n.$]{0,30}?"
    r"(?P<amt>\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\d+(?:\.\d{2})?)"
    r"(?P<rest>\s*(?:-|–|to)\s*(?:\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\d+(?:\.\d{2})?))?"
    r"\s*(?:USD\s*)?(?P<per>/\s?h(?:ou)?r|per hour|an hour|hourly|/\s?y(?:ea)?r|per year|annually|"
    r"annual|yearly|a year|per annum)",
    re.IGNORECASE,
)


def find_salary(layout: Layout) -> tuple[SalaryRange | None, tuple[int, int] | None]:
    """The posting's pay range and where it was read, or (None, None).

    Every dollar figure is a candidate; one whose clause talks of tuition, a bonus, a
    401(k) match and the like is skipped unless the pay comes first in it ("$24/hr, plus
    an annual bonus"). Candidates in a pay section or with a pay word win.
    """
    text = layout.text
    best: tuple[int, SalaryRange, tuple[int, int]] | None = None
    in_pay_section: list[tuple[SalaryRange, tuple[int, int]]] = []
    in_step_line: list[tuple[SalaryRange, tuple[int, int]]] = []
    for m in _MONEY.finditer(text):
        clause_start, clause_end = layout.sentence_of(m.start())
        before = text[clause_start : m.start()]
        if _NOT_PAY.search(before[-60:]):
            continue
        result = parse_salary(text[m.start() : clause_end])
        if result is None:
            continue
        if result.period == "hour" and not 5 <= result.min <= 500:
            continue
        if result.period == "year" and not 8000 <= result.min <= 1_000_000:
            continue
        section = layout.section_of(m.start()).kind
        score = 0
        if section == "pay":
            score += 3
        if _PAY_WORD.search(before[-60:]) or _PAY_WORD.search(result.raw):
            score += 2
        if result.raw and re.search(r"[a-z]", result.raw[1:]):
            score += 1  # states its period
        if section == "boilerplate":
            score -= 2
        span = (m.start(), m.start() + len(result.raw))
        if section == "pay":
            in_pay_section.append((result, span))
        elif _STEPS.search(text, *layout.line_of(m.start())):
            # "PAY SCALE (hourly): Step 1 $18.62 | Step 2 $19.45 | ...": a step table whose
            # heading was not read as one
            in_step_line.append((result, span))
        if best is None or score > best[0]:
            best = (score, result, span)
    if best is not None and best[1].min == best[1].max:
        best = _step_scale(best, in_pay_section)
    if best is not None and best[1].min == best[1].max:
        line = layout.line_of(best[2][0])
        best = _step_scale(best, [c for c in in_step_line if line[0] <= c[1][0] < line[1]])
    # Pay written without a dollar sign but labelled ("Compensation: 72,000.00 - 91,000.00
    # USD Annual") competes too: the label is its pay word.
    bare = _BARE.search(text) or _BARE_RANGE.search(text)
    if bare is not None:
        result = parse_salary("$" + text[bare.start("amt") : bare.end()])
        if result is not None:
            score = 2 + (3 if layout.section_of(bare.start()).kind == "pay" else 0)
            if best is None or score > best[0]:
                best = (score, result, (bare.start("amt"), bare.end()))
    if best is not None and best[0] > 0:
        return best[1], best[2]
    return None, None


def _step_scale(
    best: tuple[int, SalaryRange, tuple[int, int]],
    in_pay_section: list[tuple[SalaryRange, tuple[int, int]]],
) -> tuple[int, SalaryRange, tuple[int, int]]:
    """A pay table of single figures ("Step 1 | $26.04/hr ... Step 8 | $33.62/hr") is a range
    from the lowest to the highest step."""
    same = [(r, span) for r, span in in_pay_section if r.period == best[1].period]
    if len(same) < 2 or best[2] not in [span for _, span in same]:
        return best
    low = min(r.min for r, _ in same)
    high = max(r.max for r, _ in same)
    span = (min(s for _, (s, _) in same), max(e for _, (_, e) in same))
    return best[0], SalaryRange(low, high, best[1].period, best[1].currency, best[1].raw), span


_STEPS = re.compile(r"(?i:\bstep)\s*\d+\b[^\n]*?(?i:\bstep)\s*\d+\b")
# "Salary Range: 45,000 - 55,000": a labelled range with neither sign nor period (magnitude decides).
_BARE_RANGE = re.compile(
    r"\b(?:pay|salary|rate|wage|compensation)(?: range)?\s*:\s*"
    r"(?P<amt>\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\d+\.\d{2})\s*(?:-|–|to)\s*"
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\d+\.\d{2})\b",
    re.IGNORECASE,
)
