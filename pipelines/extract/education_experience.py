"""Education levels and years of experience a posting asks for, with their level; federal
"A ... OR B ... OR C" qualification paths make each path "alternative"."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipelines.concepts import EDUCATION_LADDER, LEVEL_STRENGTH, education_rank

from .education import EducationMention, find_education
from .experience import YearsFigure, find_years
from .grades import Grades, names_a_grade
from .levels import item_level, not_job_content, section_kind
from .structure import ENUMERATOR, Layout
from .text import LINE_BULLETS


def evidence(text: str, start: int, end: int) -> dict:
    return {"start": start, "end": end, "text": text[start:end]}


@dataclass
class Items:
    """Education mentions and year figures of the text, by clause index (found in one pass)."""

    education: dict[int, list] = field(default_factory=dict)
    years: dict[int, list] = field(default_factory=dict)

    def starts(self) -> list[int]:
        return [
            i.start for group in (*self.education.values(), *self.years.values()) for i in group
        ]


# A unit word, "year(s)", "yr(s)", "mo(s)", "month(s)" in any case. The same as
# (?i)\b(?:y(?:ea)?rs?|mo(?:nth)?s?)\b, written to open with a plain character class so the
# regex engine skips to the next y or m in C instead of trying every position.
_UNIT = re.compile(r"[YyMm](?<!\w[YyMm])(?i:(?<=[Yy])(?:ea)?rs?|(?<=[Mm])o(?:nth)?s?)\b")


def find_items(text: str, layout: Layout, company: str | None, cache: dict) -> Items:
    """Items outside boilerplate only: a benefits line's "401(k) after 1 year" is not asked for."""
    items = Items()
    for e in find_education(text, lowered=layout.lowered):
        if not not_job_content(layout, e.start, company, cache):
            items.education.setdefault(layout.clause_index(e.start), []).append(e)
    for index in _unit_clauses(text, layout):
        cs, ce = layout.clauses[index]
        if not_job_content(layout, cs, company, cache):
            continue
        line_start, line_end = layout.line_of(cs)
        # The line and its section heading can say "experience" for the clause ("Experience:\n
        # Epic: 1 year (Preferred)").
        context = f"{text[line_start:line_end]} {layout.section_of(cs).heading}"
        found = find_years(text, cs, ce, context=context)
        if found:
            items.years[index] = found
    return items


def _unit_clauses(text: str, layout: Layout) -> list[int]:
    """Indices of the clauses that hold a unit word, in order. After a clause's first unit
    the search goes on from the next clause: a unit is one word and no clause begins inside
    a word, so the indices are those of every unit."""
    found: list[int] = []
    starts, pos = layout.clause_starts, 0
    while (m := _UNIT.search(text, pos)) is not None:
        index = layout.clause_index(m.start())
        found.append(index)
        if index + 1 >= len(starts):
            break
        pos = max(m.end(), starts[index + 1])
    return found


# ---- education, experience ----------------------------------------------------------------
_OR_BULLET = rf"(?:[{LINE_BULLETS}][ \t]*)?"
_OR_LINE = re.compile(rf"^[ \t]*{_OR_BULLET}(?:OR|Or|or)[ \t]*[:,]?[ \t]*$", re.MULTILINE)
# "...; OR" ending a line; or an "OR" glued to the word before it where a page lost a line
# break ("...the structure of a health recordsOR", "...was completed;OR"), not a word of
# capitals ("DOCTOR")
_OR_AT_END = re.compile(
    r"[;,.]?[ \t]+OR[ \t]*[:,]?[ \t]*$|;[ \t]+or[ \t]*$|(?<=[a-z0-9);.,])OR[ \t]*[:,]?[ \t]*$",
    re.MULTILINE,
)
_OR_AT_START = re.compile(rf"^[ \t]*{_OR_BULLET}OR,?[ \t]+\S", re.MULTILINE)
_LOWER_OR = re.compile(r"(?im)^[ \t]*(?:-[ \t]*)?or[ \t]*:?[ \t]*$|;[ \t]+or[ \t]*$")
# What every _LOWER_OR match holds: "or" ending its line. Looked for in the lower-cased
# text, where the pattern opens with a literal and the engine jumps from one "or" to the
# next (lowering keeps every "or", space, colon and line end, and makes no new one); most
# postings have no such line and skip _LOWER_OR.
_OR_LINE_END = re.compile(r"or[ \t]*:?[ \t]*$", re.MULTILINE)
_SUBSTITUTE = re.compile(r"\b(?:in lieu of|substitut\w*|may replace|in place of)\b", re.IGNORECASE)


_ONE_OF_PATHS = re.compile(
    r"\b(?:meet|satisfy|have|possess)\s+(?:one|1|any)\s+(?:\(1\)\s+)?of\s+the\s+following\b[^\n]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


# A match of _ONE_OF_PATHS opens with one of these verbs: "one of the following" after
# none of them (a credential list's "One of the following: CCA, CCS") spares the scan.
_ONE_OF_VERBS = ("have", "meet", "possess", "satisfy")


def _one_of_paths(text: str, layout: Layout) -> list[tuple[int, int]]:
    """ "You must meet ONE of the following:" then one path per line, until a blank line."""
    spans = []
    if "following" not in layout.lowered or not layout.may_hold(_ONE_OF_VERBS):
        return spans  # the phrase's last word and its verbs, tested in C before the regex scan
    for m in _ONE_OF_PATHS.finditer(text):
        start = m.end() + 1
        end = text.find("\n\n", start)
        end = len(text) if end < 0 else end
        # a page flattened without blank lines: the list ends where a new labelled block
        # starts ("English Language Proficiency:"), so a later grade's figure is not a path
        block = _NEXT_BLOCK.search(text, start, end)
        spans.append((start, block.start() if block else end))
    return spans


# A short label line that opens a block of its own: not a list item, an OR, or a path's
# own label ("Experience:", "Education:", "Combination of ...:").
_NEXT_BLOCK = re.compile(
    rf"^(?![ \t]*(?:[{LINE_BULLETS}]|\(?[A-Da-d1-4][.)]|OR\b|or\b))"
    r"(?![^\n]*\b(?:experience|education|combination|training|substitut\w*|degree)\b)"
    r"[ \t]*[A-Z][^\n:]{1,60}:[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)


# The label of the federal combination path, at the start of a line: "Experience/Education
# Combination:", "D. Combination of Education and Experience.", "Combination:".
_COMBINATION_LABEL = re.compile(
    rf"^[ \t]*(?:{ENUMERATOR}[ \t]+)?(?:(?:experience|education)[ \t]*(?:/|and|&)[ \t]*"
    r"(?:experience|education)[ \t]+)?combination\b[^\n.:]{0,40}[.:]",
    re.IGNORECASE | re.MULTILINE,
)
# A path's own label at the start of a line: "Experience.", "B. Education:".
_PATH_LABEL = re.compile(
    rf"[ \t]*(?:{ENUMERATOR}[ \t]+)?(?:experience|education)[ \t]*[.:]", re.IGNORECASE
)
_LABELLED_PATHS_BACK = 12  # lines: how far above its combination path an "Experience." path may lie
_COMBINATION_LINES = 6  # lines: how far a combination path's substitutions may run below it


def _combination_regions(text: str, layout: Layout) -> list[tuple[int, int]]:
    """The federal basic requirement laid out as labelled paragraphs: "Experience. One year
    ...", "Education. An associate's degree ...", "Experience/Education Combination. ...:"
    with its substitutions on the lines below it. The combination label says these are paths
    even where no "OR" joins them; a private posting's "Education: ..." over "Experience:
    ..." has no such label and stays a pair of requirements."""
    regions: list[tuple[int, int]] = []
    if "ombination" not in text:
        return regions
    for m in _COMBINATION_LABEL.finditer(text):
        start, end = layout.line_of(m.start())
        # up over the "Experience." and "Education." paths above (blank lines between them)
        top, at, seen = start, start, 0
        while at > 0 and seen < _LABELLED_PATHS_BACK:
            s, e = layout.line_of(at - 1)
            at, seen = s, seen + 1
            if _PATH_LABEL.match(text, s, e):
                top = s
            elif text[s:e].rstrip().endswith(("?", ":")) or names_a_grade(text[s:e]):
                break  # the question above the paths, or another grade's part
        # down over the substitutions listed below the label's paragraph, to a blank line
        # (one blank line after a paragraph that ends in ":" opens the list)
        if text[start:end].rstrip().endswith(":"):
            below = layout.next_nonblank_line(end + 1)[0]
            if below < len(text) and text.count("\n", end + 1, below) == 1:
                end = below - 1
        for _ in range(_COMBINATION_LINES):
            s, e = layout.line_of(min(len(text), end + 1))
            line = text[s:e].rstrip()
            if s <= end or not line or line.endswith("?") or names_a_grade(line):
                break
            end = e
        regions.append((top, end))
    return regions


def _alternative_regions(text: str, layout: Layout) -> list[tuple[int, int]]:
    """Federal "A ... OR B ... OR C" qualification paths: each OR joins the path lines on
    either side of it (an OR on its own line, ending a line, or opening one)."""
    spans: list[tuple[int, int]] = _one_of_paths(text, layout) + _combination_regions(text, layout)
    if "OR" not in text and not (_OR_LINE_END.search(layout.lowered) and _LOWER_OR.search(text)):
        return spans
    for m in _OR_LINE.finditer(text):
        line_start, line_end = layout.line_of(m.start())
        spans.append(
            (
                layout.previous_nonblank_line(line_start)[0],
                _with_its_list(layout, layout.next_nonblank_line(line_end + 1)[1]),
            )
        )
    for m in _OR_AT_END.finditer(text):
        line_start, line_end = layout.line_of(m.start())
        spans.append(
            (
                _paragraph_start(layout, line_start),
                _with_its_list(layout, layout.next_nonblank_line(line_end + 1)[1]),
            )
        )
    for m in _OR_AT_START.finditer(text):
        line_start, line_end = layout.line_of(m.start())
        spans.append((layout.previous_nonblank_line(line_start)[0], line_end))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


_WRAPPED_LINES = 3  # lines: how far back a path broken over lines is followed


def _paragraph_start(layout: Layout, line_start: int) -> int:
    """Where the path whose last line starts at `line_start` begins: a line that opens in
    lower case continues the one above it ("... that demonstrated the ability to analyze
    external" / "accreditation requirements ...; OR")."""
    text = layout.text
    for _ in range(_WRAPPED_LINES):
        if line_start == 0 or not text[line_start : line_start + 1].islower():
            break
        above = layout.line_of(line_start - 1)
        if not text[above[0] : above[1]].strip():
            break
        line_start = above[0]
    return line_start


# A line of a path's own list: "- (a) Six months of ...", "(b) Successful completion ...".
_PATH_ITEM = re.compile(rf"[ \t]*(?:[{LINE_BULLETS}]|{ENUMERATOR})[ \t]+\S")


def _with_its_list(layout: Layout, end: int) -> int:
    """`end`, or the end of the list under the path line that ends there: a path that opens
    a list ("Experience/Education Combination. The following substitutions ...:" over
    "(a) Six months of ...") holds its items up to a blank line or a line that is none."""
    text = layout.text
    if not text[layout.line_of(max(0, end - 1))[0] : end].rstrip().endswith(":"):
        return end
    while end + 1 < len(text):
        start, line_end = layout.line_of(end + 1)
        if not _PATH_ITEM.match(text, start, line_end):
            break
        end = line_end
    return end


# A clause opened by a capital "OR" ("...; OR (b) Education: ..."), or by "or" after a
# semicolon: the next qualification path of a flattened federal announcement.
_OR_CLAUSE = re.compile(
    r"[\s\-•(]*(?:OR|Or)\b|[\s\-•(]*or\b(?=\s+\(?[a-dA-D1-4][.)]|\s+(?:education|experience))"
)


# An OR that ends its clause, set off by spaces or dashes ("records. --OR-- Education:").
_OR_CLOSES = re.compile(r"(?:^|[\s\-•(])(?:OR|Or)[\s\-:,]*$")


def _or_clause_regions(
    text: str, layout: Layout, items: Items, credentials: frozenset[int] = frozenset()
) -> list[tuple[int, int]]:
    """Paths joined by OR clause to clause within one paragraph: each chain of clauses that
    offers an experience figure and another kind of path (an education level, or a
    credential: "(a) the CPC ...; or (b) 1-2 years of experience") is a set of
    alternatives (an "OR" between two degrees or two figures alone is not a substitution).
    `credentials` holds the indices of clauses that name a credential asked for."""
    if "OR" not in text and "Or" not in text and "; or" not in text:
        return []
    clauses = layout.clauses
    opens = [
        i
        for i in range(1, len(clauses))
        if (
            _OR_CLAUSE.match(text, *clauses[i])
            and (
                text[clauses[i][0] - 1 : clauses[i][0]] != "\n"
                or text[slice(*clauses[i])].lstrip().startswith("OR")
            )
        )
        # "... medical records. --OR-- Education: ...": the OR closes the clause before
        or _OR_CLOSES.search(text, *clauses[i - 1])
    ]
    has_item = set(items.education) | set(items.years)
    chains: list[list[int]] = []
    for n, i in enumerate(opens):
        # A path runs from its OR to its first clause that names a level or a figure ("OR,
        # Education. An associate's degree ..."), on the same line, before the next OR.
        stop = opens[n + 1] if n + 1 < len(opens) else len(clauses)
        last = i
        while (
            last not in has_item
            and last + 1 < min(stop, i + _PATH_CLAUSES)
            and _same_line(layout, i, last + 1)
        ):
            last += 1
        # The first path can span clauses too ("One year of experience ... Six months of the
        # required one year must ... This experience should include ...; ...; ..."): back to
        # the nearest clause of the same line that holds an item, then over those that do.
        first = i - 1
        floor = chains[-1][-1] + 1 if chains else 0
        nearest = next(
            (
                k
                for k in range(i - 1, max(floor, i - _PATH_LOOKBACK) - 1, -1)
                if k in has_item and _same_line(layout, k, i)
            ),
            None,
        )
        if nearest is not None:
            first = nearest
        while (
            first - 1 >= 0
            and i - first < _PATH_CLAUSES
            and first - 1 in has_item
            and _same_line(layout, first - 1, i)
            and not (chains and chains[-1][-1] >= first - 1)
        ):
            first -= 1
        if chains and chains[-1][-1] >= first:
            chains[-1].extend(range(chains[-1][-1] + 1, last + 1))
        else:
            chains.append(list(range(first, last + 1)))
    regions = []
    for chain in chains:
        other_path = any(i in items.education or i in credentials for i in chain)
        if other_path and any(i in items.years for i in chain):
            regions.append((layout.clauses[chain[0]][0], layout.clauses[chain[-1]][1]))
    return regions


_PATH_CLAUSES = 4
# How many clauses back the first path's nearest item may lie ("...; ...; ..." lists of what
# the experience should include split a path into many clauses).
_PATH_LOOKBACK = 7


def _same_line(layout: Layout, i: int, j: int) -> bool:
    return "\n" not in layout.text[layout.clauses[min(i, j)][0] : layout.clauses[max(i, j)][0]]


# "Associate degree in HIT may be substituted for experience" (not "may not be")
_SUBSTITUTED_FOR = re.compile(
    r"\b(?:may|can)\s+(?:be\s+)?substitut\w*\s+for\s+(?:the\s+)?(?:required\s+)?"
    r"(?:\w+\s+)?experience\b|\bin lieu of (?:the\s+)?(?:required\s+)?(?:\w+\s+)?experience\b",
    re.IGNORECASE,
)


def _choice_regions(layout: Layout, items: Items) -> list[tuple[int, int]]:
    """The options of a choice that ends with "none of the above", where two or more of
    them are paths, naming a level, a figure, schooling or a combination ("A. I have one
    year of experience ...", "B. I have an associate degree ...", "C. I have completed a
    coding program ...", "D. I do not meet any of the above"): each path is one the
    applicant may take."""
    regions: list[tuple[int, int]] = []
    if not layout.choices:
        return regions
    starts = [layout.clauses[i][0] for i in {*items.education, *items.years}]
    for options in layout.choices:
        paths = sum(
            any(s <= at < e for at in starts) or _OTHER_PATH.search(layout.text, s, e) is not None
            for s, e in options
        )
        if paths >= 2:
            regions.append((options[0][0], options[-1][1]))
    return regions


# An option that offers schooling with no level we name ("3 years of graduate education
# leading to a Ph.D.") or a mix ("a combination of education and experience") is a path too.
_OTHER_PATH = re.compile(r"\b(?:education|combination)\b", re.IGNORECASE)


def _substitution_regions(text: str, layout: Layout, items: Items) -> list[tuple[int, int]]:
    """A degree said to substitute for experience in its own sentence makes it and the figure
    asked for just before (within two clauses) alternative paths."""
    regions = []
    for index in items.education:
        if index in items.years:
            continue  # the same-clause rule reads it
        cs, ce = layout.clauses[index]
        if not _SUBSTITUTED_FOR.search(text, cs, ce):
            continue
        before = [i for i in items.years if index - 2 <= i < index]
        if before:
            regions.append((layout.clauses[max(before)][0], ce))
    return regions


def read_education_experience(
    text: str,
    layout: Layout,
    company: str | None,
    items: Items,
    cache: dict,
    credentials: frozenset[int] = frozenset(),
    grouped: Sequence[tuple[int, int, int]] = (),
) -> tuple[list[dict], list[dict]]:
    """Education levels and experience figures with their levels; `credentials` (indices
    of clauses naming a credential asked for) lets a credential path make an OR chain;
    `grouped` (start, end, group of each credential offered among alternatives) makes a
    degree named in such a list one more path."""
    regions = (
        _alternative_regions(text, layout)
        + _or_clause_regions(text, layout, items, credentials)
        + _substitution_regions(text, layout, items)
        + _choice_regions(layout, items)
    )
    edu: dict[str, dict] = {}
    exp: dict[float, dict] = {}
    read: list[tuple[dict, str, EducationMention | YearsFigure, str]] = []
    for index in sorted(set(items.education) | set(items.years)):
        cs, ce = layout.clauses[index]
        if not_job_content(layout, cs, company, cache):
            continue
        edus = items.education.get(index, [])
        years = items.years.get(index, [])
        section = section_kind(layout, cs)
        anchors = sorted([e.start for e in edus] + [y.start for y in years])
        in_region = any(a <= cs < b for a, b in regions)
        clause = text[cs:ce]
        swap = bool(edus and years) and (
            bool(_OR_WORD.search(_paths_only(clause[: max(e.end for e in edus) + 40 - cs])))
            or bool(_SUBSTITUTE.search(clause))
        )
        # "Associate degree, or HS diploma with 3 years of experience": once one education
        # level and one figure are offered as substitutes, every path in the clause is one.
        paths = swap and any(_or_between(text, e, years) for e in edus)
        above = _above_the_lowest(text, edus)
        for found, into, key in ((edus, edu, "level"), (years, exp, "years")):
            for m in found:
                lvl = (
                    "alternative"
                    if in_region
                    or paths
                    or (key == "level" and _among_credential_options(text, m, grouped))
                    else item_level(layout, m.start, section, anchors, m.end)
                )
                if lvl != "alternative" and m in above:
                    continue  # "an associate or bachelor's degree" asks for an associate
                read.append((into, key, m, lvl))
    entry_door = _entry_steps(text, layout, read)
    fixed: set[tuple[str, object]] = set()
    for into, key, m, lvl in read:
        value, ev = getattr(m, key), evidence(text, m.start, m.end)
        entry = into.get(value)
        if entry is None:
            entry = into[value] = {key: value, "requirement": lvl, "evidence": [ev]}
        else:
            entry["evidence"].append(ev)
            if (key, value) not in fixed:
                entry["requirement"] = _merged_level(entry["requirement"], lvl)
        if id(m) in entry_door:
            entry["requirement"] = "required"
            fixed.add((key, value))
    education = sorted(edu.values(), key=lambda d: EDUCATION_LADDER.index(d["level"]))
    experience = sorted(exp.values(), key=lambda d: -d["years"])
    return education, experience


def _merged_level(held: str, level: str) -> str:
    """The level of a level or figure named twice. Once it is one of several paths,
    restating it for a higher grade ("GS-6: one year of specialized experience") does not
    make it the only path; otherwise the stronger level holds."""
    if "alternative" in (held, level):
        return "alternative"
    return level if LEVEL_STRENGTH[level] > LEVEL_STRENGTH[held] else held


def _entry_steps(text: str, layout: Layout, read: Sequence[tuple]) -> set[int]:
    """The mentions (by id) that are the step up the lowest grade hired at asks ("GS-8 only:
    one year equivalent to the next lower grade"), where that grade offers no other way in:
    every applicant needs them, whatever paths the basic requirement offers."""
    grades = Grades(text)
    # where no grade hired at is named, the steps up all lead to the one grade hired at
    lowest = grades.lowest
    steps = {
        id(m): lvl
        for *_, m, lvl in read
        if grades.of(m.start) == lowest
        and grades.is_step_up(text, m.start, layout.sentence_of(m.start)[1])
    }
    if "alternative" in steps.values():
        return set()
    return {i for i, lvl in steps.items() if lvl == "required"}


_OR_WORD = re.compile(r"\bor\b", re.I)
# What stands between the items of a list of options: commas, slashes, "or", an article
_LIST_GAP = re.compile(r"[ \t,/]*(?:(?:and/)?or\b)?[ \t,/]*(?:(?:an?|the)[ \t]+)?", re.I)


def _among_credential_options(
    text: str, m: EducationMention, grouped: Sequence[tuple[int, int, int]]
) -> bool:
    """Whether a degree is named inside a list of credentials offered as alternatives
    ("RN, BSN, RHIA, RHIT, or CCS"; "RHIA, RHIT or a bachelor's degree"): then it is one
    more path, not a requirement beside them."""
    prev = max((c for c in grouped if c[1] <= m.start), key=lambda c: c[1], default=None)
    after = min((c for c in grouped if c[0] >= m.end), key=lambda c: c[0], default=None)
    joined_before = prev is not None and _LIST_GAP.fullmatch(text, prev[1], m.start) is not None
    joined_after = after is not None and _LIST_GAP.fullmatch(text, m.end, after[0]) is not None
    if joined_before and joined_after:
        return prev[2] == after[2]
    if joined_before:
        return _OR_WORD.search(text, prev[1], m.start) is not None
    if joined_after:
        return _OR_WORD.search(text, m.end, after[0]) is not None
    return False


# What may stand between two education levels offered as either one: "or", "and/or", "/",
# a comma, an article and up to two words ("an associate or a bachelor's degree", "Associate's
# Degree or Program Certificate"), never "and" alone.
_EITHER_GAP = re.compile(
    r"^(?:\s*/\s*|[\s,]*(?:and/)?or\s+(?:an?\s+|the\s+)?(?:(?!and\b)[\w'-]+\s+){0,2})$", re.I
)


def _above_the_lowest(text: str, edus: list) -> set:
    """The education mentions of one clause that a run joined only by "or" (or "/") offers
    beside a lower level ("HS diploma/GED or an associate degree", "associate or bachelor's
    degree"): the run asks for its lowest level, which the higher ones include, so they are
    no requirement of their own (a federal path list is read as paths before this)."""
    above: set = set()
    run = edus[:1]
    for a, b in itertools.pairwise([*edus, None]):
        if b is not None and _EITHER_GAP.match(text[a.end : b.start]):
            run.append(b)
            continue
        lowest = min((education_rank(m.level) for m in run), default=-1)
        above.update(m for m in run if education_rank(m.level) > lowest)
        run = [b]
    return above


# "Bachelor's degree in human services, or other related field with three years of ...":
# an "or" between fields of study offers another major, not another path.
_FIELD_OR = re.compile(
    r"\bor\s+(?:in\s+)?(?:an?\s+|any\s+|other\s+|another\s+)?(?:closely\s+)?(?:related|similar|"
    r"equivalent|allied)\s+(?:fields?|disciplines?|areas?|majors?|programs?|subjects?)\b",
    re.I,
)


def _paths_only(gap: str) -> str:
    """`gap` without the "or"s that join fields of study."""
    return _FIELD_OR.sub(" ", gap) if "or" in gap else gap


_CAPITAL_OR = re.compile(r"\bOR\b")
_SUBSTITUTE_GAP = re.compile(r"\bor\b|in lieu of|substitut", re.I)
_AND_GAP = re.compile(r"\band\b(?!/or)", re.I)


def _or_between(text: str, item, others) -> bool:
    """An education level and an experience figure offered as substitutes ("degree OR 2 years")."""
    for o in others:
        a, b = (item.end, o.start) if item.end <= o.start else (o.end, item.start)
        gap = text[a:b]
        # a capital "OR" joins paths however long the first one is worded
        limit = 260 if _CAPITAL_OR.search(gap) else 120
        if (
            len(gap) < limit
            and _SUBSTITUTE_GAP.search(_paths_only(gap))
            and not _AND_GAP.search(gap)
        ):
            return True
    return False
