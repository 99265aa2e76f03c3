"""Either-of credential groups ("RHIT or RHIA", "one of the following") and the qualifiers said of
credentials ("RHIT-eligible", "within 12 months of hire")."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from . import cues
from .levels import NOT_JOB_CONTENT
from .literals import literal_union, prefilter
from .mentions import TermMention
from .structure import Layout
from .text import LINE_BULLETS

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
    r"|\b(?:credential|certification|certified|license|licence|designation)\s*\(\s*$",
    re.IGNORECASE,
)
# "CPC, COC, CCS-P — any one of these is fine", "CRC or CPC - either is acceptable"
_ONE_OF_AFTER = re.compile(
    r"[\s,;:—–-]*(?:(?:any|either)\s+(?:one\s+)?(?:of\s+(?:these|them|those|the\s+above)\b|"
    r"(?:is|will be|would be)\s+(?:fine|acceptable|accepted|ok|okay)\b)|(?:one|1)\s+of\s+"
    r"(?:these|them|those)\b)",
    re.IGNORECASE,
)
# "certifications include: ...", "such as": the list that follows names the accepted kinds
_KINDS_WORDS = r"includes?|including|such as|e\.g\.|i\.e\."
_INCLUDE_LEAD = re.compile(rf"\b(?:{_KINDS_WORDS})\b[\s:,]*$", re.IGNORECASE)
# ... and so does a bare list after "are", "is" or a colon, when no "and" joins it
_LIST_LEAD = re.compile(rf"(?:\b(?:{_KINDS_WORDS}|are|is)\b[\s:,]*|:\s*)$", re.IGNORECASE)
_ONE_OF_LINE = re.compile(
    r"\b(?:(?:one|any|1)\s+(?:\(1\)\s+)?of\s+the\s+following"
    r"|either\b[^\n]{0,40}\b(?:below|following))\b[^\n]*[:.]?\s*$",
    re.IGNORECASE,
)
_ONE_OF_LINES = re.compile(_ONE_OF_LINE.pattern, re.IGNORECASE | re.MULTILINE)
_ONE_OF_WORDS = prefilter(_ONE_OF_LINES)  # "either", "following": most postings have neither
# A line that says the lines under it name the accepted kinds of credential, as the inline
# "certifications include: CCS, CPC, CIC" does: "Current mastery level certifications
# include:", "Acceptable credentials:", "Qualifying certifications are:".
_KINDS_LINES = re.compile(
    r"^[^\n]*\b(?:certifications?|credentials?|designations?)\b[^\n]{0,40}?"
    rf"\b(?:{_KINDS_WORDS}|are)\b[ \t:,\u00a0]*$"
    r"|^[ \t]*(?:acceptable|accepted|approved|qualifying|recognized)\s+(?:\w+\s+){0,2}?"
    r"(?:certifications?|credentials?|designations?)\s*:[ \t\u00a0]*$",
    re.IGNORECASE | re.MULTILINE,
)
_KINDS_LINE_WORDS = literal_union(_KINDS_LINES)


def _kinds_lines(text: str, layout: Layout) -> list[re.Match[str]]:
    """What `_KINDS_LINES.finditer(text)` finds, trying the pattern only on the lines that
    hold one of its words (found with str.find on the lowered text, in C)."""
    if not layout.may_hold(_KINDS_LINE_WORDS):
        return []
    if not layout.folds_plainly or _KINDS_LINE_WORDS is None:
        return list(_KINDS_LINES.finditer(text))
    found: dict[int, re.Match[str]] = {}
    tried: set[int] = set()
    for word in _KINDS_LINE_WORDS:
        at = layout.lowered.find(word)
        while at >= 0:
            start, end = layout.line_of(at)
            if start not in tried:
                tried.add(start)
                m = _KINDS_LINES.match(text, start, end)
                if m is not None:
                    found[start] = m
            at = layout.lowered.find(word, end)
    return [found[k] for k in sorted(found)]


# Compiled once: these run for every pair of neighbouring credentials.
_PARENTHESIS = re.compile(r"\([^()]*\)")
_PUNCTUATION = re.compile(r"[()\[\]®™*:\-–—]")
_CAPITAL_OR = re.compile(r"\bOR\b")
_STOP_OR_FIGURE = re.compile(r"[.;\d]")
_REPEAT_GAP = re.compile(r"[\s(),\-–]*(?:or\b[\s(]*)?")
_OR_AMID_COMMAS = re.compile(r"(?:, ?)*or(?: ?,)*")
_LEVEL_BETWEEN = re.compile(r"\b(?:required|preferred|desired|a plus)\b", re.IGNORECASE)
_OR_WORD = re.compile(r"\bor\b", re.IGNORECASE)


def _connector(gap: str) -> str | None:
    """'or' / ',' / '/' when the text between two credentials joins them as a list; else None."""
    if "\n" in gap:
        return None
    if _LEVEL_BETWEEN.search(gap) and not _OR_WORD.search(gap):
        # "CCS required or CPC required   RHIA or RHIT preferred": a level word after one
        # credential closes its item; without an "or" the next one starts another
        return None
    g = _PARENTHESIS.sub(" ", gap)
    g = g.replace("and/or", " or ").replace("&/or", " or ")
    g = _FILLER.sub(" ", g)
    g = _PUNCTUATION.sub(" ", g)
    g = " ".join(g.split()).lower()
    if g in ("or", ", or", ",or", "/", "or /", "/ or", "| or"):
        return "or"
    if g in (",", ""):
        return ","
    if g in ("and", ", and", ",and", "&", ", &"):
        return "and"
    # "CCDS, or AHIMA, CDIP": an issuer's name taken out leaves commas around the "or"
    if _OR_AMID_COMMAS.fullmatch(g):
        return "or"
    if _ACRONYM_BETWEEN.fullmatch(gap):
        return ","
    # "an Accredited Record Technician, a Coding Specialist or a Registered Record
    # Administrator": a credential we do not score, named in title case, between two of the list
    if _NAMED_BETWEEN.fullmatch(gap):
        return "or"
    # "RN license in Virginia, OR RHIA", "RN with current WA license OR RHIA": a capital OR
    # joins two credentials across a short phrase that qualifies the first
    if _CAPITAL_OR.search(gap) and not _STOP_OR_FIGURE.search(gap) and len(g.split()) <= 6:
        return "or"
    return None


# How many different credentials a comma list (no "and", no "or") must name to be read as
# alternatives: two can be asked together ("CPC, CRC"), three are never all required.
_BARE_LIST_OPTIONS = 3
_AND_AFTER = re.compile(r"[^\S\n]*,?[^\S\n]*(?:and|&|as well as|plus)\b(?!/)", re.IGNORECASE)

_NAMED_BETWEEN = re.compile(
    r"\s*,\s*(?:(?:an?|the)\s+)?(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*\s*,?\s+(?:or|and/or)\s+"
    r"(?:(?:an?|the)\s+)?"
)

# "RN, BSN, RHIA, RHIT, or CCS": an acronym we do not score (a degree, another licence)
# between commas is one more item of the list
_ACRONYM_BETWEEN = re.compile(r"\s*,\s*(?!(?:AND|OR|NOR)\b)[A-Z]{2,6}\s*,\s*")

_TRAILING_OR = re.compile(r"(?:\bor|\bOR)[ \t]*[,:]?[ \t]*$")


def _joined_by_trailing_or(text: str, layout: Layout, a: TermMention, b: TermMention) -> bool:
    """`a` and `b` on consecutive non-blank lines, `a`'s line ending with "or" and no other
    credential between them."""
    a_start, a_end = layout.line_of(a.start)
    b_start, _ = layout.line_of(b.start)
    if b_start <= a_end or text[a_end:b_start].strip():
        return False
    return bool(_TRAILING_OR.search(text, a.end, a_end))


def _group_run(run: list[TermMention], next_group: int) -> int:
    """Give the credentials of `run` one group when they name more than one id."""
    if len({m.id for m in run}) > 1:
        for m in run:
            m.group = next_group
        return next_group + 1
    return next_group


def group_credentials(text: str, layout: Layout, mentions: list[TermMention]) -> None:
    creds = [m for m in mentions if m.kind == "credential" and m.counted]
    # Collapse repeats of one id next to each other ("Registered Nurse (RN)").
    units: list[list[TermMention]] = []
    for m in creds:
        if (
            units
            and units[-1][-1].id == m.id
            and _REPEAT_GAP.fullmatch(text[units[-1][-1].end : m.start])
        ):
            units[-1].append(m)
        else:
            units.append([m])
    next_group = 1
    chain: list[tuple[list[TermMention], str | None]] = []

    def lead_of(first: TermMention) -> str:
        """The words of the sentence before a list's first credential."""
        s, _ = layout.sentence_of(first.start)
        return text[s : first.start]

    def kinds_listed(lead: str, last: TermMention) -> bool:
        """Whether the words around a list say it names the accepted kinds ("one of the
        following", "a credential such as", "certifications include", "any one of these")."""
        return bool(
            _ONE_OF.search(lead)
            or _SINGULAR_LIST.search(lead)
            or _ONE_OF_AFTER.match(text, last.end)
            or _INCLUDE_LEAD.search(lead[-60:])
        )

    def close(part: list[tuple[list[TermMention], str | None]]) -> None:
        nonlocal next_group
        members = [u for u, _ in part]
        links = [c for _, c in part[1:]]
        ids = {m.id for u in members for m in u}
        if len(ids) > 1:
            lead, last = lead_of(members[0][0]), members[-1][-1]
            one_of = kinds_listed(lead, last) or bool(
                # "Requirements: CCS, CCS-P, RHIT": a bare comma list after a colon
                "and" not in links and _LIST_LEAD.search(lead[-60:])
            )
            # "Must have RHIA, RHIT, CCS": no posting asks for three credentials at once, so a
            # bare comma list of three or more names the accepted kinds, unless the list
            # goes on with "and" ("RN, CCDS, CDIP, and 3 years of CDI" lists requirements)
            bare_list = (
                len(ids) >= _BARE_LIST_OPTIONS
                and all(c == "," for c in links)
                and not _AND_AFTER.match(text, last.end)
            )
            if "or" in links or one_of or bare_list:
                for u in members:
                    for m in u:
                        m.group = next_group
                next_group += 1

    def close_chain() -> None:
        # "CCS, CPC, and CIC" is one list of kinds only where the words say so ("include:",
        # "one of the following"); otherwise "and" joins requirements: each side on its own
        links = [c for _, c in chain[1:]]
        if "and" in links and not kinds_listed(lead_of(chain[0][0][0]), chain[-1][0][-1]):
            part: list[tuple[list[TermMention], str | None]] = []
            for unit, link in chain:
                if link == "and":
                    close(part)
                    part = []
                    link = None
                part.append((unit, link))
            close(part)
        else:
            close(chain)
        chain.clear()

    for unit in units:
        if chain:
            gap = text[chain[-1][0][-1].end : unit[0].start]
            link = _connector(gap)
            # a repeat inside a list ("Certified Coding Specialist (CCS), Certified Coding
            # Specialist (CCS) - Physician-based (CCS-P)") goes on with it; elsewhere it ends it
            repeat = unit[0].id in {m.id for u, _ in chain for m in u}
            if link is None or (repeat and link == "and"):
                close_chain()
                chain.append((unit, None))
            else:
                chain.append((unit, link))
        else:
            chain.append((unit, None))
    if chain:
        close_chain()
    # One credential per line, every line but the last ending with "or" ("... (CPC)
    # certification issued by the AAPC or," then "Coding Associate (CCA) ...").
    run: list[TermMention] = []
    for c in creds:
        if c.group is not None:
            continue
        if run and (
            # "Coding Associate (CCA)": one name, twice on its line
            (c.id == run[-1].id and layout.line_of(run[-1].start) == layout.line_of(c.start))
            or _joined_by_trailing_or(text, layout, run[-1], c)
        ):
            run.append(c)
            continue
        next_group = _group_run(run, next_group)
        run = [c]
    next_group = _group_run(run, next_group)
    # "one of the following:" (or "certifications include:") then one credential per line,
    # the list running to the next blank line after it.
    loose = sum(c.group is None for c in creds)
    one_of_lines = (
        [
            *(_ONE_OF_LINES.finditer(text) if layout.may_hold(_ONE_OF_WORDS) else ()),
            *_kinds_lines(text, layout),
        ]
        # a list needs two credentials left outside any group, or two groups to join
        if loose >= 2 or _group_count(creds) >= 2
        else []
    )
    for m in one_of_lines:
        if any(m.start() <= c.start < m.end() for c in creds):
            continue  # "One of the following credentials: RHIA, RHIT, CCS or CPC": inline
        block_start = _blank_end(text, m.end())  # blank lines between the lead and its list
        block_end = _list_end(text, block_start)
        members = [c for c in creds if block_start <= c.start < block_end]
        if not members:
            # a list of kinds without ids ("* Mastery Level Certification ... OR * Clinical
            # Documentation Improvement Certification"): the paragraphs right after it name
            # them ("... Note: current mastery level certifications include: CCS, RHIT ...")
            # (only the lists found there: a credential alone in them is another matter)
            block_end = _paragraphs_naming(text, creds, block_end)
            members = [
                c for c in creds if block_start <= c.start < block_end and c.group is not None
            ]
        if len({c.id for c in members}) > 1:
            # the lists the block holds ("1. Apprentice level ... include: CCA, CPC-A" then
            # "2. Mastery level ... include: CCS, RHIT ...") are alternatives to each other
            joined = {c.group for c in members} - {None}
            for c in creds:
                if c in members or c.group in joined:
                    c.group = next_group
            next_group += 1
    next_group = _join_lists_across_or_lines(text, layout, creds, next_group)
    _join_lists_of_kinds_named_either_or(text, layout, creds)
    next_group = _group_option_lines(text, layout, creds, next_group)
    _join_lists_offered_as_options(text, layout, creds)
    _join_lists_asked_one_of(text, layout, creds)
    # "CPC or CCS-P required (CPC-A holders will also be considered)": one more alternative.
    for i, c in enumerate(creds):
        if c.group is not None or not _ALSO_CONSIDERED.match(text, c.end):
            continue
        before = [g for g in creds[:i] if g.group is not None and c.start - g.end < 40]
        if before and "(" in text[before[-1].end : c.start]:
            c.group = before[-1].group


def _blank_end(text: str, at: int) -> int:
    """The first offset from `at` past line breaks and spaces (where the next line's text
    begins)."""
    while text.startswith(("\n", " ", "\t", "\u00a0"), at):
        at += 1
    return at


def _next_paragraph(text: str, end: int) -> tuple[int, int]:
    """Where the paragraph after offset `end` begins and ends (at its blank line)."""
    at = _blank_end(text, end)
    stop = text.find("\n\n", at)
    return at, len(text) if stop < 0 else stop


def _merge_groups(creds: list[TermMention], joined: set[int] | list[int]) -> None:
    """Put the credentials of every group in `joined` into the lowest of them."""
    keep = min(joined)
    for c in creds:
        if c.group is not None and c.group in joined:
            c.group = keep


def _group_count(creds: list[TermMention]) -> int:
    return len({c.group for c in creds} - {None})


def _join_groups_in(creds: list[TermMention], spans: Iterable[tuple[int, int]]) -> None:
    """The groups each span holds become one: the lists in it are offered together."""
    for start, end in spans:
        joined = {c.group for c in creds if c.group is not None and start <= c.start < end}
        if len(joined) > 1:
            _merge_groups(creds, joined)


# A paragraph that opens as an item of a list: "1. ...", "(2) ...", "b) ...", "- ...".
_ITEM_PARAGRAPH = re.compile(
    rf"[ \t]*(?:\(?(?:(?P<digit>\d{{1,2}})|(?P<letter>[a-zA-Z]))[.)]|(?P<symbol>[{LINE_BULLETS}]))[ \t]+\S"
)


def _item_kind(text: str, at: int) -> str | None:
    """How the paragraph at `at` is marked as a list item (digit, letter, symbol), or None."""
    m = _ITEM_PARAGRAPH.match(text, at)
    return m.lastgroup if m is not None else None


def _list_end(text: str, start: int) -> int:
    """Where the list under a lead line ends: at the first blank line, or, when the list is
    numbered paragraphs ("1. Apprentice Level ..." blank line "2. Mastery Level ..."), at
    the first blank line not followed by a paragraph numbered the same way."""
    end = text.find("\n\n", start + 1)
    if end < 0:
        return len(text)
    kind = _item_kind(text, start)
    if kind is None:
        return end
    while end >= 0:
        # "(1) Coding certification ..." blank "OR," blank "(2) HIM certification ...":
        # an "OR" standing between the items leaves the list going on
        or_line = _OR_ALONE_BETWEEN.match(text, end)
        after = _blank_end(text, end if or_line is None else or_line.end())
        if _item_kind(text, after) != kind:
            return end
        end = text.find("\n\n", after)
    return len(text)


def _paragraphs_naming(text: str, creds: list[TermMention], start: int) -> int:
    """The end of the run of paragraphs from `start` that each name a credential."""
    end = start
    while True:
        at, stop = _next_paragraph(text, end)
        if at >= stop or not any(at <= c.start < stop for c in creds):
            return end
        end = stop


def _only_credentials(line: str) -> bool:
    """Whether a line, its credentials taken out, holds nothing but filler ("Certified
    Coding Specialist (CCS)" is the whole line)."""
    if _LEVEL_BETWEEN.search(line):
        return False  # "- CCS preferred": an item with its own level, not an option
    rest = _PUNCTUATION.sub(" ", _FILLER.sub(" ", _PARENTHESIS.sub(" ", line)))
    return not rest.strip(" \t,.;/|" + LINE_BULLETS)


def _group_option_lines(
    text: str, layout: Layout, creds: list[TermMention], next_group: int
) -> int:
    """One credential per line and nothing else, three or more lines in a row: the options
    of one choice ("Select the certification you hold:" then "Certified Coding Specialist
    (CCS)", "Registered Health Information Technician (RHIT)", ...), as a bare comma list of
    three is (no posting asks for three credentials at once). Returns the next free group."""
    if sum(c.group is None for c in creds) < _BARE_LIST_OPTIONS:
        return next_group  # most postings: fewer loose credentials than a choice needs
    lines: list[tuple[tuple[int, int], list[TermMention]]] = []
    for c in creds:
        span = layout.line_of(c.start)
        if lines and lines[-1][0] == span:
            lines[-1][1].append(c)
        else:
            lines.append((span, [c]))
    run: list[tuple[tuple[int, int], list[TermMention]]] = []

    def close() -> None:
        nonlocal next_group
        members = [c for _, found in run for c in found]
        if len({c.id for c in members}) >= _BARE_LIST_OPTIONS and all(
            c.group is None for c in members
        ):
            for c in members:
                c.group = next_group
            next_group += 1
        run.clear()

    for (start, end), found in lines:
        line = text[start:end]
        for c in sorted(found, key=lambda c: c.start, reverse=True):
            line = line[: c.start - start] + " " + line[c.end - start :]
        if len({c.id for c in found}) != 1 or not _only_credentials(line):
            close()
            continue
        if run and run[-1][0][1] + 1 != start:
            close()
        run.append(((start, end), found))
    close()
    return next_group


# "Employees at this level must have either a mastery level certification or a clinical
# documentation improvement certification.": two kinds named, no ids.
_EITHER_KINDS = re.compile(
    r"\beither\b[^\n]{3,150}?\b(?:certification|credential)s?\b[^\n]{0,80}?\bor\b"
    r"[^\n]{3,150}?\b(?:certification|credential)s?\b[^\n]*$",
    re.IGNORECASE | re.MULTILINE,
)


def _join_lists_of_kinds_named_either_or(
    text: str, layout: Layout, creds: list[TermMention]
) -> None:
    """A line naming two kinds of credential as "either X or Y", with no ids, then the list
    of each kind right under it ("Current mastery level certifications include: ..." /
    "Current Clinical Documentation Improvement Certifications include: ..."): the lists
    are alternatives. As many lists as kinds named, each a paragraph or a line."""
    if _group_count(creds) < 2 or "either" not in layout.lowered:
        return
    grouped = [c for c in creds if c.group is not None]
    for m in _EITHER_KINDS.finditer(text):
        if any(m.start() <= c.start < m.end() for c in creds):
            continue  # ids named in the line itself: read where they stand
        end, joined = m.end(), []
        for _ in range(len(_OR_WORD.findall(m.group())) + 1):
            # each kind's list is a paragraph ("... include:" then one id per line), or a line
            # where the lists follow each other without blank lines
            at, stop = _next_paragraph(text, end)
            groups_here = {c.group for c in grouped if at <= c.start < stop}
            if len(groups_here) > 1:
                at, stop = layout.next_nonblank_line(end + 1)
                groups_here = {c.group for c in grouped if at <= c.start < stop}
            if len(groups_here) != 1 or any(c.group is None for c in creds if at <= c.start < stop):
                break  # each paragraph or line is one list of its own
            joined.append(groups_here.pop())
            end = stop
        if len(joined) > 1:
            _merge_groups(creds, joined)


# "... must have either: Apprentice level ... include CCA, CPC-A. Mastery level ... include
# CCS, RHIT ..." on one line; "Do you possess one of the above listed certifications?"
_EITHER_INLINE = re.compile(
    r"\b(?:have|hold|possess)\s+(?:either|(?:one|any)\s+(?:\(1\)\s+)?of\s+the\s+following)"
    r"[ \t]*:[ \t]*(?=\S)[^\n]*",
    re.IGNORECASE,
)
_ONE_OF_ABOVE = re.compile(
    r"\b(?:one|any)\s+(?:\(1\)\s+)?of\s+the\s+(?:above\b|certifications?\s+(?:listed\s+)?above)",
    re.IGNORECASE,
)


def _paragraph_above(layout: Layout, line_start: int) -> tuple[int, int]:
    """The paragraph (lines up to a blank one) that ends above the line at `line_start`,
    blank lines between them passed over."""
    start, end = layout.previous_nonblank_line(line_start - 1)
    while start > 0:
        s, e = layout.line_of(start - 1)
        if not layout.text[s:e].strip():
            break
        start = s
    return start, end


def _join_lists_asked_one_of(text: str, layout: Layout, creds: list[TermMention]) -> None:
    """Lists that one lead or one question offers together are alternatives to each other:
    after "must have either:" on the same line, or in the paragraph right above "Do you
    possess one of the above listed certifications?"."""
    if _group_count(creds) < 2 or not layout.may_hold(("either", "of the")):
        return
    spans = [(m.start(), m.end()) for m in _EITHER_INLINE.finditer(text)]
    for m in _ONE_OF_ABOVE.finditer(text):
        line_start = layout.line_of(m.start())[0]
        if line_start > 0:
            spans.append(_paragraph_above(layout, line_start))
    _join_groups_in(creds, spans)


def _join_lists_offered_as_options(text: str, layout: Layout, creds: list[TermMention]) -> None:
    """Lists offered as the options of one choice that ends with "none of the
    above" ("A. I possess a mastery level certification ... include: CCS, RHIT ..." then
    "B. I possess a CDI certification ... include: CDIP, CCDS" then "C. I do not possess a
    certification listed above"; or the options unlettered, each a line that opens "I have
    ...") are alternatives: their groups become one. A credential alone in an option (an
    example of clinical experience) is left as it is."""
    if _group_count(creds) >= 2:
        _join_groups_in(creds, ((options[0][0], options[-1][1]) for options in layout.choices))


# A line that is only "OR" (blank lines around it allowed): "...(e.g., CCS, RHIT, CIC)",
# "OR", "A Clinical Documentation Improvement Certification (e.g., CDIP ...)".
_OR_ALONE_BETWEEN = re.compile(
    r"\n(?:[ \t]*\n)*[ \t]*(?:-[ \t]*)?(?:OR|Or|or)[ \t]*[,:]?[ \t]*\n(?:[ \t]*\n)*"
)


def _join_lists_across_or_lines(
    text: str, layout: Layout, creds: list[TermMention], next_group: int
) -> int:
    """Lists on consecutive lines joined by the "OR" that ends each line, or by an "OR" on a
    line of its own, are one list of alternatives: "Apprentice level certifications include:
    CCA, CPC-A; OR" then "Mastery level certifications include: CCS, RHIT, CPC ...; OR" then
    "... CDIP". A credential alone on such a line joins too. Returns the next free group."""
    for a, b in itertools.pairwise(creds):
        if a.group is not None and a.group == b.group:
            continue
        a_start, a_end = layout.line_of(a.start)
        b_start, _ = layout.line_of(b.start)
        # b opens the next line's credentials and a's line ends with "OR" after a, or an
        # "OR" stands alone on the line between them
        if not (
            (b_start == a_end + 1 and _TRAILING_OR.search(text, a.end, a_end))
            or (b_start > a_end + 1 and _OR_ALONE_BETWEEN.fullmatch(text, a_end, b_start))
        ):
            continue
        if a.group is None and b.group is None:
            a.group = next_group
            next_group += 1
        a.group = a.group if a.group is not None else b.group
        b.group = b.group if b.group is not None else a.group
        _merge_groups(creds, {a.group, b.group})
    return next_group


def unify_groups(mentions: list[TermMention]) -> None:
    """A credential named in two groups (a summary's "CPC or CCS-P" and the requirements'
    "CPC or CCS-P (CPC-A holders will also be considered)") joins them into one."""
    parent: dict[int, int] = {}

    def find(g: int) -> int:
        while parent.setdefault(g, g) != g:
            g = parent[g]
        return g

    first_group: dict[str, int] = {}
    for m in mentions:
        if m.kind != "credential" or not m.counted or m.group is None:
            continue
        if m.id in first_group:
            parent[find(m.group)] = find(first_group[m.id])
        else:
            first_group[m.id] = m.group
    for m in mentions:
        if m.group is not None:
            m.group = find(m.group)


_ALSO_CONSIDERED = re.compile(
    r"\s*(?:holders|candidates|applicants|credentialed\s+\w+)?\s*(?:will|may|can)\s+(?:also\s+)?be\s+"
    r"(?:considered|accepted)|\s*(?:also\s+)?(?:accepted|considered)\b",
    re.IGNORECASE,
)
_SPEAKS_OF_CREDENTIAL = re.compile(
    r"\b(?:credentials?|certifications?|certified|certify|licen[cs]e|licensure|registration|"
    r"designation|exam|examination|it|one|either|both|them|obtain\w*|earn\w*|attain\w*|"
    r"achiev\w*|acquir\w*|pass\w*)\b",
    re.IGNORECASE,
)
# What makes a clause qualify credentials: "eligible", "within 12 months"
_HIT = re.compile(r"eligib|within")
_HIT_ANY_CASE = re.compile(_HIT.pattern, re.IGNORECASE)
_ISSUERS = frozenset(["AHIMA", "AAPC", "NCRA", "ACDIS", "NHA", "CAHIIM"])
_ACRONYM = re.compile(r"\b[A-Z]{2,}[A-Z0-9]*(?:-[A-Z0-9]+)?\b")


def _paren_scope(text: str, start: int, end: int, pos: int) -> tuple[int, int] | None:
    """The parenthesis around `pos` inside text[start:end], if any."""
    open_at = text.rfind("(", start, pos)
    if open_at < 0 or text.find(")", open_at, pos) >= 0:
        return None
    close_at = text.find(")", pos, end)
    return (open_at, close_at if close_at >= 0 else end)


def qualify_credentials(text: str, layout: Layout, mentions: list[TermMention]) -> None:
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
    # the lower-cased text with a plain pattern finds the same hits, scanning fast in C
    source, hits = (layout.lowered, _HIT) if layout.folds_plainly else (text, _HIT_ANY_CASE)
    for hit in hits.finditer(source):
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
        if not targets and scope is not None:
            # "RHIT or RHIA (or eligible, must obtain within 6 months)": the parenthesis
            # qualifies the credentials just before it
            targets = [m for m in by_clause.get(index, []) if m.start < scope[0]]
        if not targets:
            # a clause naming no credential qualifies the ones before it only when it speaks
            # of a credential ("obtain either credential within 18 months"), not of training,
            # and names no credential of its own we do not score ("HCS-D must be obtained")
            if not _SPEAKS_OF_CREDENTIAL.search(text, cs, ce) or any(
                a.group() not in _ISSUERS for a in _ACRONYM.finditer(text, cs, ce)
            ):
                continue
            line_start, _ = layout.line_of(cs)
            earlier = [i for i in by_clause if i < index and layout.clauses[i][0] >= line_start]
            if not earlier:
                continue
            targets = list(by_clause[max(earlier)])
        for t in list(targets):
            if t not in direct and t.group:
                targets += [g for g in by_group.get(t.group, []) if g not in targets]
        chunk = text[cs:ce]
        if cues.ELIGIBLE_SENTENCE.search(chunk) and not any(t.eligible for t in direct):
            for t in targets:
                t.eligible = True
        months = cues.within_months(chunk)
        if months is not None:
            for t in targets:
                t.within_months = months


def renumber_groups(credentials: list[dict]) -> None:
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
