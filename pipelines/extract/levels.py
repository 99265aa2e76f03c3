"""Required or preferred, and whether text is job content at all: section, clause and cue logic
shared by every kind of requirement."""

from __future__ import annotations

import bisect
import itertools
import re

from pipelines.vocabulary import load_vocabulary

from . import cues
from .structure import Layout, Section, names_own_team

NOT_JOB_CONTENT = ("boilerplate", "pay")


def job_content_only(layout: Layout, text: str | None = None) -> str:
    """`text` (the layout's own text by default, or one of the same length with the same
    offsets) with every section that is not job content (NOT_JOB_CONTENT: EEO, benefits,
    "About us", pay) blanked to spaces.

    A term named there is never counted (`not_job_content` refuses it first), so the
    tokenizer and the term rulers need not read it: on a hospital board a third of a
    posting can be such text. A section is blanked where `section_of` would answer with it
    (an inline heading on one line keeps its own kind)."""
    text = layout.text if text is None else text
    cuts = sorted({0, len(text), *(b for s in layout.sections for b in (s.start, s.end))})
    pieces: list[str] = []
    blanked = False
    for a, b in itertools.pairwise(cuts):
        if a < b and layout.section_of(a).kind in NOT_JOB_CONTENT:
            pieces.append(" " * (b - a))
            blanked = True
        else:
            pieces.append(text[a:b])
    return "".join(pieces) if blanked else text


# The cue words are the vocabulary's (cues.preferred, cues.required, cues.linking).
_VOCAB = load_vocabulary()
_PREFERRED = _VOCAB.alternation("cues.preferred")
_REQUIRED = _VOCAB.alternation("cues.required")
_LINKING = _VOCAB.alternation("cues.linking")
# A clause that is only a cue: "- a plus", "strongly preferred", "required but not mandatory".
_CUE_FRAGMENT = re.compile(
    rf"^\W*(?:{_LINKING}\s+)*(?:{_PREFERRED}|{_REQUIRED})\b"
    rf"(?:\s+but\s+not\s+{_REQUIRED})?\W*$",
    re.IGNORECASE,
)
# "RHIT (required) or RHIA (preferred)": the item's own cue, right after it; bare, where the
# item ends with it ("CCS required or CPC required Registered Health Information
# Administrator (RHIA) or ... preferred": a flattened list, the next item capitalised).
_OWN_CUE = re.compile(
    rf"\s*[(\[]\s*(?:{_LINKING}\s+)*(?P<cue>{_PREFERRED}|{_REQUIRED})\s*[)\]]"
    rf"|[)\]]?[ \t]+(?P<bare>{_PREFERRED}|{_REQUIRED})(?=[ \t]*(?:[,;]|\bor\b|$)|[.!]\s|[ \t]+[A-Z])",
    re.IGNORECASE,
)


def item_level(
    layout: Layout, offset: int, section: str, anchors: list[int], end: int | None = None
) -> str:
    """An item's level: a cue right after it ("RHIT (required) or RHIA (preferred)") or in
    its own comma-separated phrase ("HS diploma required, associate degree a plus") decides;
    otherwise the clause's cues, then the section."""
    text = layout.text
    if end is not None:
        own = _OWN_CUE.match(text, end)
        # a shouted cue word opens a heading ("HS diploma DESIRED QUALS - ..."), not a cue
        if own is not None and not (own.group("bare") or "").isupper():
            cue = own.group("cue") or own.group("bare")
            return "preferred" if cues.preferred_cue(cue) else "required"
    i = layout.clause_index(offset)
    cs, ce = layout.clauses[i]
    seg_start = max(text.rfind(",", cs, offset) + 1, cs)
    seg_end = text.find(",", offset, ce)
    # Items of one comma-separated segment (or of a clause without commas) read alike: the
    # rest is computed once per segment and anchor list (the list lives through the read).
    key = ("item_level", i, seg_start, seg_end, section, id(anchors))
    level = layout.cache.get(key)
    if level is None:
        level = layout.cache[key] = _segment_level(
            layout, i, offset, section, anchors, seg_start, seg_end
        )
    return level


def _segment_level(
    layout: Layout,
    i: int,
    offset: int,
    section: str,
    anchors: list[int],
    seg_start: int,
    seg_end: int,
) -> str:
    cs, ce = layout.clauses[i]
    if seg_start > cs or seg_end >= 0:
        segment = layout.text[seg_start : ce if seg_end < 0 else seg_end]
        if cues.preferred_cue(segment):
            return "preferred"
        if cues.required_cue(segment):
            return "required"
    return cues.level_for(level_text(layout, offset, anchors), section)


def level_text(layout: Layout, offset: int, anchors: list[int] | None = None) -> str:
    """The clause around `offset` as far as it speaks of the item there.

    A trailing cue fragment on the same line joins it ("RHIT or RHIA - a plus"); a
    comma-separated phrase that names no other item and is not a predicate ("2 years of
    experience, long-term care preferred") qualifies a setting, so its cue is dropped.
    """
    text = layout.text
    i = layout.clause_index(offset)
    # With anchors the offset is one of them, so every item of the clause gets the same
    # text: computed once per clause and anchor list (the list lives through the read).
    whole_key = ("level_text_of", i, id(anchors)) if anchors is not None else None
    if whole_key is not None and whole_key in layout.cache:
        return layout.cache[whole_key]
    start, end = layout.clauses[i]
    _, line_end = layout.line_of(offset)
    clause = text[start:end]
    if anchors is not None and "(" in clause:
        # "two years of coding (rural experience strongly preferred)": a parenthesis naming
        # no item and carrying a cue qualifies a setting
        for m in _PAREN.finditer(clause):
            a, b = start + m.start(), start + m.end()
            k = bisect.bisect_left(anchors, a)
            if (
                not (k < len(anchors) and anchors[k] < b)
                and cues.preferred_cue(m.group())
                and not _CUE_FRAGMENT.match(m.group()[1:-1])  # "(Preferred)" is the item's cue
            ):
                clause = clause[: m.start()] + " " * (b - a) + clause[m.end() :]
    if anchors is not None and "," in clause:
        key = ("level_text", i, start <= offset < end)
        cached = layout.cache.get(key)
        if cached is None:
            # The item's own offset is one of the anchors, so the result is the same for
            # every item of the clause: computed once (a long comma list stays linear).
            pieces, pos = [], start
            for part in _COMMA.split(clause):
                part_start, pos = pos, pos + len(part)
                k = bisect.bisect_left(anchors, part_start)
                holds_item = part_start <= offset < pos or (k < len(anchors) and anchors[k] < pos)
                if not holds_item and cues.preferred_cue(part) and not _PREDICATE.match(part):
                    part = " " * len(part)
                pieces.append(part)
            cached = layout.cache[key] = "".join(pieces)
        clause = cached
    out = [clause]
    j = i + 1
    while j < len(layout.clauses):
        cs, ce = layout.clauses[j]
        fragment = text[cs:ce]
        # "- a plus" continues the item; "Preferred:" opens the next list, and so does a
        # heading read as one without its colon ("... employment Preferred - BSN")
        if (
            cs >= line_end
            or not _CUE_FRAGMENT.match(fragment)
            or fragment.rstrip().endswith(":")
            or layout.section_of(cs).start == cs
        ):
            break
        out.append(text[cs:ce])
        j += 1
    joined = " ".join(out)
    if whole_key is not None:
        layout.cache[whole_key] = joined
    return joined


_COMMA = re.compile(r"(,)")
_PAREN = re.compile(r"\([^()]*\)")
# A comma phrase that opens with a linking word or a cue says something of the item ("CPC,
# preferred"); one that does not qualifies a setting ("long-term care preferred").
_PREDICATE = re.compile(rf"^\W*(?:{_LINKING}|{_PREFERRED})\b", re.IGNORECASE)


def section_kind(layout: Layout, offset: int) -> str:
    return layout.section_of(offset).kind


def not_job_content(
    layout: Layout,
    offset: int,
    company: str | None,
    cache: dict | None = None,
    section: Section | None = None,
) -> str:
    """Why text at `offset` is not job content ("" when it is). `section` is
    ``layout.section_of(offset)`` when the caller has it already."""
    if section is None:
        section = layout.section_of(offset)
    if section.kind in NOT_JOB_CONTENT:
        return f"{section.kind} section '{section.heading}'"
    # The clause, not the sentence: a flattened posting can be one "sentence" from the
    # duties to the EEO line.
    clause = layout.clause_of(offset)
    # Under an unknown heading "we" is the employer, unless the heading names the job's own
    # team ("Health Records Team"): then it is the work of the job.
    loose = section.kind in ("preamble", "neutral") and not names_own_team(section.heading)
    key = (clause, loose)
    if cache is not None and key in cache:
        return cache[key]
    s, e = clause
    phrase = layout.may_hold(cues.BOILERPLATE_WORDS, s, e)
    why = (
        "boilerplate sentence"
        if cues.is_boilerplate_sentence(layout.text[s:e], loose, company, phrase)
        else ""
    )
    if cache is not None:
        cache[key] = why
    return why
