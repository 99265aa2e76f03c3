"""Find the advertised pay in a posting: the money figure that is pay, not tuition, a bonus or a match."""

from __future__ import annotations

import re

from pipelines.normalize.salary import SalaryRange, money_starts, parse_salary, stated_period

from .literals import literal_union
from .structure import Layout

_NOT_PAY = re.compile(
    r"\b(?:tuition|bonus|bonuses|sign[- ]on|signing|referral|reimburse\w*|stipend|allowance|"
    r"assistance|match|matching|401\(?k\)?|403\(?b\)?|457\(?b\)?|ira|hsa|fsa|credit|"
    r"relocation|incentive|fee|fees|exam|membership|ceu|per chart|per encounter|deductible|"
    r"copay|premium|gift card|raise|differential of|revenue|budget|million|billion|"
    r"collections?|savings|worth|loan|loans|repayment|stipend|premium|differential)\b",
    re.IGNORECASE,
)
_PAY_WORD = re.compile(
    r"\b(?:pay|pays|paid|paying|salary|salaries|compensation|wage|wages|rate|range|hourly|per hour|"
    r"/\s?hr|/\s?hour|an hour|a year|annually|annual|per year|per annum|/\s?yr|/\s?year|starting at|"
    r"starts at|up to|GS-?\d+|base|earn|doe)\b",
    re.IGNORECASE,
)
# What a figure is when the words right after it name it: "$5,000 sign-on bonus", "up to
# $2,000 tuition reimbursement", "$3/hr differential" (but not "$24/hr bonus eligible"). A
# figure that states its period may only be named by the very next word ("$31.40 - $45.10
# Hourly Shift differential: ..." is pay followed by a label run into it).
_NOT_PAY_AFTER = re.compile(
    r"^[\s\-–]*(?P<word>[\w'-]+\s+)?(?:sign[- ]?on|signing|bonus(?:es)?|tuition|reimburse\w*|stipend|"
    r"allowance|relocation|referral|incentive|differential|premium|credits?|gift cards?|loans?|"
    r"repayment)\b(?!\s+eligib)",
    re.IGNORECASE,
)
# A number that names a grade, band or step, not pay ("Salary: Band 5", "Pay grade 12").
_GRADE_BEFORE = re.compile(
    r"\b(?:band|grade|step|level|tier|gs|wg|wl|ws|pay\s+plan)[\s:#-]*$", re.IGNORECASE
)
# Pay written without a dollar sign: "Pay: 18.50 - 24.75 per hour".
_BARE = re.compile(
    r"\b(?:pay|salary|rate|wage|compensation)\b[^\n.$£€]{0,30}?"
    r"(?P<amt>\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\d+(?:\.\d{2})?)"
    r"(?P<rest>\s*(?:-|–|to)\s*(?:\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\d+(?:\.\d{2})?))?"
    r"\s*(?:USD\s*)?(?P<per>/\s?h(?:ou)?r|per hour|an hour|hourly|/\s?y(?:ea)?r|per year|annually|"
    r"annual|yearly|a year|per annum)",
    re.IGNORECASE,
)


def find_salary(layout: Layout) -> tuple[SalaryRange | None, tuple[int, int] | None]:
    """The posting's pay range and where it was read, or (None, None).

    Every figure marked as money (a currency sign or code before or after it, see
    `pipelines.normalize.salary.CURRENCIES`) is a candidate; one whose clause talks of
    tuition, a bonus, a 401(k) match and the like is skipped unless the pay comes first in
    it ("$24/hr, plus an annual bonus"), and so is one the next words name as a bonus,
    tuition or differential ("$5,000 sign-on bonus"). Candidates in a pay section or with
    a pay word win.
    """
    text = layout.text
    best: tuple[int, SalaryRange, tuple[int, int]] | None = None
    in_pay_section: list[tuple[SalaryRange, tuple[int, int]]] = []
    in_step_line: list[tuple[SalaryRange, tuple[int, int]]] = []
    for start in money_starts(text):
        clause_start, clause_end = layout.sentence_of(start)
        before = text[clause_start:start]
        if not before.strip():
            before = _label_line(text, start)
        if _NOT_PAY.search(before[-60:]):
            continue
        result = parse_salary(text[start:clause_end])
        if result is None:
            continue
        raw_end = span_end = start + len(result.raw)
        stated = bool(stated_period(result.raw))
        named = _NOT_PAY_AFTER.search(text[raw_end : min(clause_end, raw_end + 40)])
        if named and not (named.group("word") and stated):
            continue
        period_line = None if stated else _PERIOD_LINE.match(text, raw_end)
        if period_line is not None and stated_period(period_line.group("line"), alone=True):
            # "$37,193 - $65,599\n\nper year": the period on a line of its own
            result = parse_salary(f"{text[start:raw_end]} {period_line.group('line')}") or result
            stated, span_end = True, period_line.end()
        section = layout.section_of(start).kind
        # a step table is asked about at most once: outside a pay section (where the answer
        # files the figure below), else only for a month-sized figure
        step_table = None if section == "pay" else _in_step_table(layout, start)
        # "Salary Range 15  $2557 ... $3710": a civil-service pay table of monthly figures
        # that does not say so; only where the text calls the figure pay
        if (
            not stated
            and result.period == "year"
            and _monthly_by_size(result)
            and (
                _names_pay(before[-60:])
                or (_in_step_table(layout, start) if step_table is None else step_table)
            )
        ):
            result = _monthly(result)
        if result.period == "hour" and not 5 <= result.min <= 500:
            continue
        if result.period == "year" and not 8000 <= result.min <= 1_000_000:
            continue
        score = 0
        if section == "pay":
            score += 3
        if _PAY_WORD.search(before[-60:]) or _PAY_WORD.search(result.raw):
            score += 2
        if stated or (result.raw and re.search(r"[a-z]", result.raw[1:])):
            score += 1  # states its period
        if section == "boilerplate":
            score -= 2
        span = (start, span_end)
        if section == "pay":
            in_pay_section.append((result, span))
        elif step_table:
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
    # USD Annual") competes too: the label is its pay word. It scores at most 5, so a
    # better candidate already found spares the scan.
    bare = _bare(text) if (best is None or best[0] < 5) and layout.may_hold(_BARE_WORDS) else None
    if bare is not None:
        result = parse_salary(text[bare.start("amt") : bare.end()], currency_required=False)
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


def _names_pay(before: str) -> bool:
    """Whether the words before a figure call it pay, with no other figure between them
    ("Salary Range 15 $2557", not "Salary: $105,000 annually, plus a $1,500 stipend")."""
    return _PAY_WORD.search(before) is not None and not _MONEY_SIGN.search(before)


_MONEY_SIGN = re.compile(r"[$£€]")


def _monthly_by_size(result: SalaryRange) -> bool:
    """Figures too large for an hour and too small for a year of full-time pay: a month's."""
    return result.min >= 1000 and result.max < 8000


def _monthly(result: SalaryRange) -> SalaryRange:
    return SalaryRange(result.min * 12, result.max * 12, "year", result.currency, result.raw)


def _in_step_table(layout: Layout, start: int) -> bool:
    """Whether the figure's line, or the line above it, reads as a scale of steps ("Step 1
    $18.62 | Step 2 ...", or "Step 1  Step 2 ..." over a row of figures)."""
    line_start, line_end = layout.line_of(start)
    above = layout.previous_nonblank_line(line_start)
    return any(_STEPS.search(layout.text, *span) for span in ((line_start, line_end), above))


# The line after a figure that ends its line ("$37,193 - $65,599" then "per year").
_PERIOD_LINE = re.compile(r"[ \t\u00a0]*\n\s*(?P<line>[^\n]{1,30}?)[ \t\u00a0]*(?=\n|\Z)")


def _label_line(text: str, start: int) -> str:
    """The short line above a figure that opens its line: its label ("Salary" then "$37,193")."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return text[line_start:start]
    label = text[:line_start].rstrip().rpartition("\n")[2]
    return label if len(label) <= 60 else ""


def _bare(text: str) -> re.Match | None:
    """The first labelled pay figure written without a currency, not a band or grade number."""
    for pattern in (_BARE, _BARE_RANGE):
        for m in pattern.finditer(text):
            if not _GRADE_BEFORE.search(text[max(0, m.start("amt") - 20) : m.start("amt")]):
                return m
    return None


# A line of single figures that are points of one scale: a step table ("Step 1 $18.62 |
# Step 2 ...") or a minimum and a maximum ("$30,928 Yearly Min / $38,660 Mid / $46,392 Max").
_STEPS = re.compile(
    r"(?i:\bstep)\s*\d+\b[^\n]*?(?i:\bstep)\s*\d+\b"
    r"|(?i:\bmin(?:imum)?\b)[^\n]*?(?i:\bmax(?:imum)?\b)"
)
# "Salary Range: 45,000 - 55,000": a labelled range with neither sign nor period (magnitude decides).
_BARE_RANGE = re.compile(
    r"\b(?:pay|salary|rate|wage|compensation)(?: range)?\s*:\s*"
    r"(?P<amt>\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\d+\.\d{2})\s*(?:-|–|to)\s*"
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\d+\.\d{2})\b",
    re.IGNORECASE,
)
# The words each of the two patterns opens with: a text holding none has no bare pay.
_BARE_WORDS = literal_union(_BARE, _BARE_RANGE)
