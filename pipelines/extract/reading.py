"""Read requirements from a posting's text and its term mentions: which mentions count, at which
level, in which either-of group, with which qualifiers; plus years, education and pay.

Pure functions over (text, mentions): the spaCy component calls `read_requirements`, tests
call it too. Offsets are character offsets into the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from . import cues
from .education import EDUCATION_LEVELS, find_education
from .experience import find_years
from .pay import find_salary
from .structure import Layout

LEVEL_RANK = {"required": 3, "alternative": 2, "preferred": 1}
NOT_JOB_CONTENT = ("boilerplate", "pay")


@dataclass
class TermMention:
    """One match of a taxonomy term in the text."""

    id: str
    kind: str  # credential | skill
    start: int
    end: int
    text: str
    plural: bool = False
    counted: bool = False
    level: str = "required"
    eligible: bool = False
    within_months: int | None = None
    group: int | None = None
    why: str = ""  # why it does not count, for `mrt explain`


@dataclass
class Reading:
    """Everything read from one posting, with the mentions behind each entry."""

    mentions: list[TermMention]
    credentials: list[dict] = field(default_factory=list)
    skills: list[dict] = field(default_factory=list)
    education: list[dict] = field(default_factory=list)
    experience: list[dict] = field(default_factory=list)
    salary: dict | None = None
    salary_evidence: dict | None = None


# ---- term context checks ---------------------------------------------------------------
_CONTEXT_NEEDED: dict[str, re.Pattern[str]] = {
    # acronym text -> the clause must show it is the HIM sense
    "PCC": re.compile(
        r"\b(?:ehr|emr|chart|record|software|system|enter|document|scan|upload|"
        r"pointclickcare|point click care)",
        re.IGNORECASE,
    ),
    "ROI": re.compile(r"^(?!.*\b(?:investment|return on|roi of)\b).*$", re.IGNORECASE | re.DOTALL),
    "CAC": re.compile(r"\b(?:cod|encoder|3m|software|suggest|computer)", re.IGNORECASE),
    "3M": re.compile(
        r"\b(?:encoder|360|encompass|codefinder|cod|cdi|software|grouper)", re.IGNORECASE
    ),
    "Athena": re.compile(r"\b(?:ehr|emr|athena ?health|system|software|chart)", re.IGNORECASE),
    "ICD": re.compile(r"\b(?:cod|diagnos|icd)", re.IGNORECASE),
    "PCS": re.compile(r"\b(?:icd|cod|procedure)", re.IGNORECASE),
}
_DEFINED_ELSEWHERE = {"PCC": "pointclickcare", "Athena": "athenahealth"}


# term id -> (pattern the text just before must not end with, pattern the text after must not
# start with): "CT scans" are images, "the billing department" is a place, "Epic opportunity"
# is the adjective.
_WRONG_SENSE: dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]] = {
    "scanning-indexing": (
        re.compile(r"\b(?:ct|cat|pet|mri|bone|body|ultrasound|radiology|imaging|ekg|barcode|bar code|"
                   r"badge|id|wristband)[ -]{0,2}$", re.I),
        re.compile(r"^\W{0,3}(?:and mris?|mris?|x-rays?|results?)\b", re.I),
    ),
    "billing": (
        None,
        re.compile(r"^\W{0,3}(?:department|office|team|staff|manager|supervisor|company|partners?|"
                   r"services company|address|cycle)\b", re.I),
    ),
    "epic": (
        None,
        re.compile(r"^\W{0,3}(?:opportunity|journey|adventure|career|place|time|views?|fail)\b", re.I),
    ),
}  # fmt: skip


def _plausible(m: TermMention, text: str, layout: Layout, ids_with_full_name: set[str]) -> bool:
    before, after = _WRONG_SENSE.get(m.id, (None, None))
    if before is not None and before.search(text, max(0, m.start - 14), m.start):
        return False
    if after is not None and after.match(text[m.end : m.end + 24]):
        return False
    check = _CONTEXT_NEEDED.get(m.text)
    if check is None:
        return True
    if _DEFINED_ELSEWHERE.get(m.text) in ids_with_full_name:
        return True
    s, e = layout.sentence_of(m.start)
    if m.text in _POSTING_CONTEXT:  # "proficient in Epic and 3M" in a coding posting
        s, e = 0, len(text)
    return bool(check.search(text[s:e]))


_POSTING_CONTEXT = {"3M", "CAC", "ICD"}


# ---- helpers -----------------------------------------------------------------------------
_CUE_FRAGMENT = re.compile(
    r"^\W*(?:(?:is|are|would be|will be|strongly|highly|very|but|not|a|an|big|huge|definite|"
    r"also|considered|is considered|strong)\s+)*(?:plus|preferred|desired|desirable|required|"
    r"a must|must|needed|nice to have|optional|helpful|strong|mandatory|bonus|advantageous|"
    r"beneficial|necessary)(?:\s+but\s+not\s+(?:required|mandatory|necessary))?\W*$",
    re.IGNORECASE,
)


_OWN_CUE = re.compile(
    r"\s*[(\[]\s*(?P<cue>required|preferred|desired|a plus|req'd|pref'd|optional|strongly preferred)"
    r"\s*[)\]]",
    re.IGNORECASE,
)


def _item_level(
    layout: Layout, offset: int, section: str, anchors: list[int], end: int | None = None
) -> str:
    """An item's level: a cue right after it ("RHIT (required) or RHIA (preferred)") or in
    its own comma-separated phrase ("HS diploma required, associate degree a plus") decides;
    otherwise the clause's cues, then the section."""
    text = layout.text
    if end is not None:
        own = _OWN_CUE.match(text, end)
        if own is not None:
            return "required" if own.group("cue").lower() in ("required", "req'd") else "preferred"
    cs, ce = layout.clauses[layout.clause_index(offset)]
    seg_start = max(text.rfind(",", cs, offset) + 1, cs)
    seg_end = text.find(",", offset, ce)
    segment = text[seg_start : ce if seg_end < 0 else seg_end]
    if seg_start > cs or seg_end >= 0:
        if cues.preferred_cue(segment):
            return "preferred"
        if cues.required_cue(segment):
            return "required"
    return cues.level_for(_level_text(layout, offset, anchors), section)


def _level_text(layout: Layout, offset: int, anchors: list[int] | None = None) -> str:
    """The clause around `offset` as far as it speaks of the item there.

    A trailing cue fragment on the same line joins it ("RHIT or RHIA - a plus"); a
    comma-separated phrase that names no other item and is not a predicate ("2 years of
    experience, long-term care preferred") qualifies a setting, so its cue is dropped.
    """
    text = layout.text
    i = layout.clause_index(offset)
    start, end = layout.clauses[i]
    _, line_end = layout.line_of(offset)
    clause = text[start:end]
    if anchors is not None and "," in clause:
        pieces, pos = [], start
        for part in re.split(r"(,)", clause):
            part_start, pos = pos, pos + len(part)
            k = bisect.bisect_left(anchors, part_start)
            holds_item = part_start <= offset < pos or (k < len(anchors) and anchors[k] < pos)
            if not holds_item and cues.preferred_cue(part) and not _PREDICATE.match(part):
                part = " " * len(part)
            pieces.append(part)
        clause = "".join(pieces)
    out = [clause]
    j = i + 1
    while j < len(layout.clauses):
        cs, ce = layout.clauses[j]
        if cs >= line_end or not _CUE_FRAGMENT.match(text[cs:ce]):
            break
        out.append(text[cs:ce])
        j += 1
    return " ".join(out)


_PREDICATE = re.compile(
    r"^\W*(?:is|are|would|will|be|being|but|and|a plus|an asset|preferred|desired|desirable|"
    r"strongly|highly|ideally|nice|optional|helpful|not required|which is|although)\b",
    re.IGNORECASE,
)


def _section_kind(layout: Layout, offset: int) -> str:
    return layout.section_of(offset).kind


def _not_job_content(
    layout: Layout, offset: int, company: str | None, cache: dict | None = None
) -> str:
    """Why text at `offset` is not job content ("" when it is)."""
    section = layout.section_of(offset)
    if section.kind in NOT_JOB_CONTENT:
        return f"{section.kind} section '{section.heading}'"
    # The clause, not the sentence: a flattened posting can be one "sentence" from the
    # duties to the EEO line.
    clause = layout.clause_of(offset)
    loose = section.kind in ("preamble", "neutral")
    key = (clause, loose)
    if cache is not None and key in cache:
        return cache[key]
    s, e = clause
    why = (
        "boilerplate sentence"
        if cues.is_boilerplate_sentence(layout.text[s:e], loose, company)
        else ""
    )
    if cache is not None:
        cache[key] = why
    return why


@dataclass
class _Items:
    """Education mentions and year figures of the text, by clause index (found in one pass)."""

    education: dict[int, list] = field(default_factory=dict)
    years: dict[int, list] = field(default_factory=dict)

    def starts(self) -> list[int]:
        return [
            i.start for group in (*self.education.values(), *self.years.values()) for i in group
        ]


_UNIT = re.compile(r"(?i)\b(?:y(?:ea)?rs?|mo(?:nth)?s?)\b")


def _find_items(text: str, layout: Layout, company: str | None, cache: dict) -> _Items:
    """Items outside boilerplate only: a benefits line's "401(k) after 1 year" is not asked for."""
    items = _Items()
    for e in find_education(text):
        if not _not_job_content(layout, e.start, company, cache):
            items.education.setdefault(layout.clause_index(e.start), []).append(e)
    for index in sorted({layout.clause_index(m.start()) for m in _UNIT.finditer(text)}):
        cs, ce = layout.clauses[index]
        if _not_job_content(layout, cs, company, cache):
            continue
        line_start, line_end = layout.line_of(cs)
        # The line and its section heading can say "experience" for the clause ("Experience:\n
        # Epic: 1 year (Preferred)").
        context = f"{text[line_start:line_end]} {layout.section_of(cs).heading}"
        found = find_years(text, cs, ce, context=context)
        if found:
            items.years[index] = found
    return items


# "communicates with physicians and the RN ...": the credential names a colleague.
_WORKS_WITH = re.compile(
    r"\b(?:with|to|from|for|between|among|alongside|support|supports|assist|assists|educate|"
    r"educates|train|trains|query|queries|notify|notifies)\b[^.;:\n]*$",
    re.IGNORECASE,
)
_REFUSED = re.compile(
    r"[\s)-]*(?:is |are |will be |holders )?(?:not accepted|not considered|not eligible|not qualify|"
    r"will not be (?:accepted|considered)|does not qualify|do not qualify|not sufficient)",
    re.IGNORECASE,
)


def _judge_mentions(
    text: str,
    layout: Layout,
    mentions: list[TermMention],
    company: str | None,
    anchors: list[int],
    cache: dict,
) -> None:
    full_names = {m.id for m in mentions if m.text not in _CONTEXT_NEEDED}
    for m in mentions:
        if not _plausible(m, text, layout, full_names):
            m.why = "ambiguous acronym without context"
            continue
        why = _not_job_content(layout, m.start, company, cache)
        if why:
            m.why = why
            continue
        s, e = layout.sentence_of(m.start)
        sentence = text[s:e]
        section = _section_kind(layout, m.start)
        if m.kind == "credential":
            if _REFUSED.match(text, m.end):
                m.why = "refused (not accepted)"
                continue
            asked = bool(cues.ASKING_CUE.search(sentence.replace(m.text, " ")))
            if m.plural and not asked:
                m.why = "plural: people, not a requirement"
                continue
            if section not in ("required", "preferred") and not asked:
                if cues.PEOPLE_AFTER.match(text[m.end : m.end + 40]):
                    m.why = "names people, not a requirement"
                    continue
                if section == "duties" and _WORKS_WITH.search(text, max(0, m.start - 60), m.start):
                    m.why = "someone the job works with, not a requirement"
                    continue
        m.counted = True
        m.level = _item_level(layout, m.start, section, anchors, m.end)


_FILLER = re.compile(
    r"\b(?:credentials?|certifications?|certificates?|certified|certs?|licen[cs]es?|licensure|"
    r"registrations?|designations?|from|through|thru|by|via|with|ahima|aapc|ncra|acdis|nha|"
    r"the|an?|either|active|current|valid|exam|and/or|holds?|hold|is|are|be|preferred|required|"
    r"examination|such as|as well as|eligible|eligibility)\b",
    re.IGNORECASE,
)
_ONE_OF = re.compile(
    r"\b(?:one|any|1)\s+(?:\(1\)\s+)?of\s+(?:the\s+)?(?:following|these|below)|\beither\b"
    r"|\b(?:one|any|1)\s+(?:\(1\)\s+)?of\s*:",
    re.IGNORECASE,
)
# "an AAPC or AHIMA credential (CPC, COC, CCS)", "a coding certification such as CPC, CCS":
# a list that names the kinds of one thing asked for.
_SINGULAR_LIST = re.compile(
    r"\b(?:an?|one|any)\s+(?:[\w/-]+\s+){0,4}(?:credential|certification|certificate|license|"
    r"licence|designation)\b[^.;]{0,20}(?:\(|such as|e\.g\.,?|including|like|:)\s*$"
    r"|\b(?:credential|certification|license|licence|designation)\s*\(\s*$",
    re.IGNORECASE,
)
_ONE_OF_LINE = re.compile(
    r"\b(?:one|any|1)\s+(?:\(1\)\s+)?of\s+the\s+following\b[^\n]*[:.]?\s*$", re.IGNORECASE
)


def _connector(gap: str) -> str | None:
    """'or' / ',' / '/' when the text between two credentials joins them as a list; else None."""
    if "\n" in gap:
        return None
    g = re.sub(r"\([^()]*\)", " ", gap)
    g = g.replace("and/or", " or ").replace("&/or", " or ")
    g = _FILLER.sub(" ", g)
    g = re.sub(r"[()\[\]®™*:\-–—]", " ", g)
    g = " ".join(g.split()).lower()
    if g in ("or", ", or", ",or", "/", "or /", "/ or", "| or"):
        return "or"
    if g in (",", ""):
        return ","
    return None


def _group_credentials(text: str, layout: Layout, mentions: list[TermMention]) -> None:
    creds = [m for m in mentions if m.kind == "credential" and m.counted]
    # Collapse repeats of one id next to each other ("Registered Nurse (RN)").
    units: list[list[TermMention]] = []
    for m in creds:
        if (
            units
            and units[-1][-1].id == m.id
            and re.fullmatch(r"[\s(),\-–]*(?:or\b[\s(]*)?", text[units[-1][-1].end : m.start])
        ):
            units[-1].append(m)
        else:
            units.append([m])
    next_group = 1
    chain: list[tuple[list[TermMention], str | None]] = []

    def close_chain() -> None:
        nonlocal next_group
        members = [u for u, _ in chain]
        links = [c for _, c in chain[1:]]
        ids = {m.id for u in members for m in u}
        if len(ids) > 1:
            first = members[0][0]
            s, _ = layout.sentence_of(first.start)
            lead = text[s : first.start]
            one_of = bool(_ONE_OF.search(lead) or _SINGULAR_LIST.search(lead))
            if "or" in links or one_of:
                for u in members:
                    for m in u:
                        m.group = next_group
                next_group += 1
        chain.clear()

    for unit in units:
        if chain:
            gap = text[chain[-1][0][-1].end : unit[0].start]
            link = _connector(gap)
            if link is None or unit[0].id in {m.id for u, _ in chain for m in u}:
                close_chain()
                chain.append((unit, None))
            else:
                chain.append((unit, link))
        else:
            chain.append((unit, None))
    if chain:
        close_chain()
    # "one of the following:" then one credential per line.
    for m in re.finditer(_ONE_OF_LINE.pattern, text, re.IGNORECASE | re.MULTILINE):
        block_start = m.end()
        block_end = text.find("\n\n", block_start + 1)
        block_end = len(text) if block_end < 0 else block_end
        members = [c for c in creds if block_start <= c.start < block_end and c.group is None]
        if len({c.id for c in members}) > 1:
            for c in members:
                c.group = next_group
            next_group += 1


_ACRONYM = re.compile(r"\b[A-Z]{2,}[A-Z0-9]*(?:-[A-Z0-9]+)?\b")


def _paren_scope(text: str, start: int, end: int, pos: int) -> tuple[int, int] | None:
    """The parenthesis around `pos` inside text[start:end], if any."""
    open_at = text.rfind("(", start, pos)
    if open_at < 0 or text.find(")", open_at, pos) >= 0:
        return None
    close_at = text.find(")", pos, end)
    return (open_at, close_at if close_at >= 0 else end)


def _qualify_credentials(text: str, layout: Layout, mentions: list[TermMention]) -> None:
    """`eligible` and `within_months`, said of the credentials in the same clause, or, when
    the clause names none ("obtain either credential within 18 months"), of those in the
    clause before it on the same line and the rest of their either-of groups."""
    creds = [m for m in mentions if m.kind == "credential" and m.counted]
    by_clause: dict[int, list[TermMention]] = {}
    for m in creds:
        by_clause.setdefault(layout.clause_index(m.start), []).append(m)
        after = text[m.end : m.end + 14]
        before = text[max(0, m.start - 40) : m.start]
        if cues.ELIGIBLE_ATTACHED.match(after) or re.search(
            r"eligib\w*\s+(?:for|to\s+(?:sit|take|test)(?:\s+for)?)\s+(?:the\s+)?$", before, re.I
        ):
            m.eligible = True
            # "RHIT/RHIA eligible": eligible for either
            for other in creds:
                if other.end == m.start - 1 and text[other.end] == "/":
                    other.eligible = True
    by_group: dict[int, list[TermMention]] = {}
    for m in creds:
        if m.group is not None:
            by_group.setdefault(m.group, []).append(m)
    seen: set[int] = set()
    for hit in re.finditer(r"eligib|within", text, re.IGNORECASE):
        index = layout.clause_index(hit.start())
        if index in seen or layout.section_of(hit.start()).kind in NOT_JOB_CONTENT:
            continue
        seen.add(index)
        cs, ce = layout.clauses[index]
        scope = _paren_scope(text, cs, ce, hit.start())
        direct = [
            m for m in by_clause.get(index, []) if scope is None or scope[0] <= m.start < scope[1]
        ]
        if scope is not None and not direct and _ACRONYM.search(text, scope[0], scope[1]):
            continue  # "(HCS-D must be obtained within 12 months)": another credential's deadline
        targets = direct
        if not targets:
            line_start, _ = layout.line_of(cs)
            earlier = [i for i in by_clause if i < index and layout.clauses[i][0] >= line_start]
            if not earlier:
                continue
            targets = list(by_clause[max(earlier)])
            for t in list(targets):
                targets += (
                    [g for g in by_group.get(t.group, []) if g not in targets] if t.group else []
                )
        chunk = text[cs:ce]
        if cues.ELIGIBLE_SENTENCE.search(chunk) and not any(t.eligible for t in direct):
            for t in targets:
                t.eligible = True
        months = cues.within_months(chunk)
        if months is not None:
            for t in targets:
                t.within_months = months


def _merge_terms(mentions: list[TermMention], kind: str) -> list[dict]:
    merged: dict[str, dict] = {}
    for m in mentions:
        if m.kind != kind or not m.counted:
            continue
        entry = merged.get(m.id)
        evidence = {"start": m.start, "end": m.end, "text": m.text}
        if entry is None:
            entry = {"id": m.id, "level": m.level, "evidence": [evidence]}
            if kind == "credential":
                entry.update(group=m.group, eligible=m.eligible, within_months=m.within_months)
            merged[m.id] = entry
            continue
        entry["evidence"].append(evidence)
        if m.level == "required":
            entry["level"] = "required"
        if kind == "credential":
            entry["group"] = entry["group"] if entry["group"] is not None else m.group
            entry["eligible"] = entry["eligible"] or m.eligible
            entry["within_months"] = entry["within_months"] or m.within_months
    return list(merged.values())


# ---- education, experience ----------------------------------------------------------------
_OR_LINE = re.compile(r"^[ \t]*(?:-[ \t]*)?(?:OR|Or|or)[ \t]*:?[ \t]*$", re.MULTILINE)
_OR_AT_END = re.compile(r"[;,.]?[ \t]+OR[ \t]*:?[ \t]*$|;[ \t]+or[ \t]*$", re.MULTILINE)
_OR_AT_START = re.compile(r"^[ \t]*OR[ \t]+\S", re.MULTILINE)
_LOWER_OR = re.compile(r"(?im)^[ \t]*(?:-[ \t]*)?or[ \t]*:?[ \t]*$|;[ \t]+or[ \t]*$")
_SUBSTITUTE = re.compile(r"\b(?:in lieu of|substitut\w*|may replace|in place of)\b", re.IGNORECASE)


def _alternative_regions(text: str, layout: Layout) -> list[tuple[int, int]]:
    """Federal "A ... OR B ... OR C" qualification paths: each OR joins the path lines on
    either side of it (an OR on its own line, ending a line, or opening one)."""
    if "OR" not in text and not _LOWER_OR.search(text):
        return []
    spans: list[tuple[int, int]] = []
    for m in _OR_LINE.finditer(text):
        line_start, line_end = layout.line_of(m.start())
        spans.append(
            (
                _previous_nonblank_line(layout, line_start),
                _next_nonblank_line(layout, line_end + 1, len(text)),
            )
        )
    for m in _OR_AT_END.finditer(text):
        line_start, line_end = layout.line_of(m.start())
        spans.append((line_start, _next_nonblank_line(layout, line_end + 1, len(text))))
    for m in _OR_AT_START.finditer(text):
        line_start, line_end = layout.line_of(m.start())
        spans.append((_previous_nonblank_line(layout, line_start), line_end))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _previous_nonblank_line(layout: Layout, offset: int) -> int:
    pos = offset - 1
    while pos > 0:
        s, e = layout.line_of(pos)
        if layout.text[s:e].strip():
            return s
        pos = s - 1
    return 0


def _next_nonblank_line(layout: Layout, offset: int, limit: int) -> int:
    pos = offset
    while pos < limit:
        s, e = layout.line_of(pos)
        if layout.text[s:e].strip():
            return e
        pos = e + 1
    return limit


def _read_education_experience(
    text: str, layout: Layout, company: str | None, items: _Items, cache: dict
) -> tuple[list[dict], list[dict]]:
    regions = _alternative_regions(text, layout)
    edu: dict[str, dict] = {}
    exp: dict[float, dict] = {}

    def put(store: dict, key, level: str, evidence: dict, make) -> None:
        entry = store.get(key)
        if entry is None:
            store[key] = make(level, evidence)
            return
        entry["evidence"].append(evidence)
        field_name = "requirement"
        if LEVEL_RANK[level] > LEVEL_RANK[entry[field_name]]:
            entry[field_name] = level

    for index in sorted(set(items.education) | set(items.years)):
        cs, ce = layout.clauses[index]
        if _not_job_content(layout, cs, company, cache):
            continue
        edus = items.education.get(index, [])
        years = items.years.get(index, [])
        section = _section_kind(layout, cs)
        anchors = sorted([e.start for e in edus] + [y.start for y in years])
        in_region = any(a <= cs < b for a, b in regions)
        clause = text[cs:ce]
        swap = bool(edus and years) and (
            bool(re.search(r"\bor\b", clause[: max(e.end for e in edus) + 40 - cs], re.I))
            or bool(_SUBSTITUTE.search(clause))
        )
        for e in edus:
            level = _item_level(layout, e.start, section, anchors, e.end)
            lvl = "alternative" if in_region or (swap and _or_between(text, e, years)) else level
            put(
                edu,
                e.level,
                lvl,
                _ev(text, e.start, e.end),
                lambda lv, ev, k=e.level: {"level": k, "requirement": lv, "evidence": [ev]},
            )
        for y in years:
            level = _item_level(layout, y.start, section, anchors, y.end)
            lvl = "alternative" if in_region or (swap and _or_between(text, y, edus)) else level
            put(
                exp,
                y.years,
                lvl,
                _ev(text, y.start, y.end),
                lambda lv, ev, k=y.years: {"years": k, "requirement": lv, "evidence": [ev]},
            )
    education = sorted(edu.values(), key=lambda d: EDUCATION_LEVELS.index(d["level"]))
    experience = sorted(exp.values(), key=lambda d: -d["years"])
    return education, experience


def _or_between(text: str, item, others) -> bool:
    """An education level and an experience figure offered as substitutes ("degree OR 2 years")."""
    for o in others:
        a, b = (item.end, o.start) if item.end <= o.start else (o.end, item.start)
        gap = text[a:b]
        if (
            len(gap) < 120
            and re.search(r"\bor\b|in lieu of|substitut", gap, re.I)
            and not re.search(r"\band\b(?!/or)", gap, re.I)
        ):
            return True
    return False


def _ev(text: str, start: int, end: int) -> dict:
    return {"start": start, "end": end, "text": text[start:end]}


# ---- entry point -----------------------------------------------------------------------------
def read_requirements(
    text: str, mentions: list[TermMention], company: str | None = None, layout: Layout | None = None
) -> Reading:
    original = text
    if "’" in text or "‘" in text or "“" in text or "”" in text or "′" in text:
        text = text.translate(_QUOTES)  # same length: offsets hold
    layout = layout or Layout(text)
    cache: dict = {}
    items = _find_items(text, layout, company, cache)
    anchors = sorted([m.start for m in mentions] + items.starts())
    _judge_mentions(text, layout, mentions, company, anchors, cache)
    _group_credentials(text, layout, mentions)
    _qualify_credentials(text, layout, mentions)
    reading = Reading(mentions=mentions)
    reading.credentials = _merge_terms(mentions, "credential")
    reading.skills = _merge_terms(mentions, "skill")
    _renumber_groups(reading.credentials)
    reading.education, reading.experience = _read_education_experience(
        text, layout, company, items, cache
    )
    salary, where = find_salary(layout)
    if salary is not None and where is not None:
        reading.salary = {"min": salary.min, "max": salary.max, "period": salary.period}
        reading.salary_evidence = _ev(original, *where)
    for entry in (*reading.education, *reading.experience):
        for ev in entry["evidence"]:
            ev["text"] = original[ev["start"] : ev["end"]]
    return reading


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "′": "'"})


def _renumber_groups(credentials: list[dict]) -> None:
    """Groups of one member are not alternatives; number the rest 1, 2, ... in text order."""
    members: dict[int, list[dict]] = {}
    for c in credentials:
        if c.get("group") is not None:
            members.setdefault(c["group"], []).append(c)
    numbering: dict[int, int] = {}
    for c in credentials:
        g = c.get("group")
        if g is None:
            continue
        if len(members[g]) < 2:
            c["group"] = None
            continue
        numbering.setdefault(g, len(numbering) + 1)
        c["group"] = numbering[g]
