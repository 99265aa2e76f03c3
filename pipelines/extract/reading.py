"""Read requirements from a posting's text and its term mentions: which mentions count, at which
level, in which either-of group, with which qualifiers; plus years, education and pay.

Pure functions over (text, mentions): the spaCy component calls `read_requirements`, tests
call it too. Offsets are character offsets into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipelines.vocabulary import load_vocabulary

from . import cues
from .education_experience import evidence, find_items, read_education_experience
from .groups import group_credentials, qualify_credentials, renumber_groups, unify_groups
from .levels import NOT_JOB_CONTENT, item_level, not_job_content
from .literals import literal_union, prefilter
from .mentions import TermMention
from .pay import find_salary
from .senses import TermSenses, senses_for
from .structure import Layout

__all__ = ["NOT_JOB_CONTENT", "Reading", "TermMention", "read_requirements"]


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


# ---- term sense checks: the per-term rules live in the taxonomy (senses.py) -----------------
# ---- helpers -----------------------------------------------------------------------------


# "communicates with physicians and the RN ...": the credential names a colleague.
_WORKS_WITH = re.compile(
    r"\b(?:with|to|from|for|between|among|alongside|support|supports|assist|assists|educate|"
    r"educates|train|trains|query|queries|notify|notifies)\b[^.;:\n]*$",
    re.IGNORECASE,
)
_VOCAB = load_vocabulary()
# "CPC-A not accepted", "(CPC-A candidates need not apply)": the posting turns it down.
_REFUSED = re.compile(
    r"[\s)-]*(?:(?:alone|only|candidates|applicants|holders|credential|certification)\s+)*"
    r"(?:(?:is |are |will be )?" + _VOCAB.alternation("cues.refused_after") + ")",
    re.IGNORECASE,
)
# "you will attend medical terminology training courses": training the employer gives.
_TRAINING_PROVIDED = _VOCAB.pattern("cues.training_provided", suffix=r"\b")
_TRAINING_AFTER = re.compile(
    r"\W{0,3}(?:[\w-]+\s+){0,1}(?:training|courses?|classes|modules?|workshops?)\b", re.IGNORECASE
)
_TRAINING_BEFORE = re.compile(r"\b(?:training|courses?|classes)\s+(?:in|on)\s+$", re.IGNORECASE)
# What the refusal after a credential and the asking cues need: most postings have neither.
_REFUSED_WORDS = prefilter(_REFUSED)
_ASKING_WORDS = prefilter(cues.ASKING_CUE)
# The words either training pattern needs: a posting without any (most) skips both per mention.
_TRAINING_WORDS = literal_union(_TRAINING_AFTER, _TRAINING_BEFORE)
# "NO CPC-A", "non-RN": the posting rules the credential out.
_REFUSED_BEFORE = _VOCAB.pattern("cues.refused_before", prefix="", suffix="$")


def _judge_mentions(
    text: str,
    layout: Layout,
    mentions: list[TermMention],
    company: str | None,
    anchors: list[int],
    cache: dict,
    senses: TermSenses,
) -> None:
    plainly_named = {m.id for m in mentions if not senses.needs_context(m)}
    # Whether the text holds the training or refusal words at all: asked once, not per mention.
    training_possible = layout.may_hold(_TRAINING_WORDS)
    refusal_possible = layout.may_hold(_REFUSED_WORDS)
    for m in mentions:
        if not senses.plausible(m, text, layout, plainly_named):
            m.why = "ambiguous acronym without context"
            continue
        section_here = layout.section_of(m.start)
        why = not_job_content(layout, m.start, company, cache, section_here)
        if why:
            m.why = why
            continue
        s, e = layout.sentence_of(m.start)
        if (
            training_possible
            and (
                _TRAINING_AFTER.match(text, m.end)
                or _TRAINING_BEFORE.search(text, max(s, m.start - 24), m.start)
            )
            and _TRAINING_PROVIDED.search(text, s, e)
        ):
            m.why = "training the employer gives, not a requirement"
            continue
        section = section_here.kind
        if m.kind == "credential":
            if (refusal_possible and _REFUSED.match(text, m.end)) or (
                _REFUSED_BEFORE.search(text, max(0, m.start - 24), m.start)
            ):
                m.why = "refused (not accepted)"
                continue
            why = _names_people(text, layout, m, section, s, e)
            if why:
                m.why = why
                continue
        m.counted = True
        m.level = item_level(layout, m.start, section, anchors, m.end)


def _names_people(text: str, layout: Layout, m: TermMention, section: str, s: int, e: int) -> str:
    """Why a credential mention names people rather than asks for the credential ("" when
    it does not): a plural, or outside the requirement sections, with no asking cue near."""
    in_requirements = section in ("required", "preferred")
    if not m.plural and in_requirements:
        return ""  # the asking cues would change nothing: not looked for
    if _asked(text, layout, m, s, e):
        return ""
    if m.plural:
        return "plural: people, not a requirement"
    if not in_requirements:
        if cues.PEOPLE_AFTER.match(text[m.end : m.end + 40]):
            return "names people, not a requirement"
        if section == "duties" and _WORKS_WITH.search(text, max(0, m.start - 60), m.start):
            return "someone the job works with, not a requirement"
    return ""


def _asked(text: str, layout: Layout, m: TermMention, s: int, e: int) -> bool:
    """Whether the words near the mention, within its sentence (a run-on "sentence" can be
    the whole posting), ask for a credential (cues.ASKING_CUE)."""
    near = text[max(s, m.start - 200) : m.start] + " " + text[m.end : min(e, m.end + 200)]
    near = near.replace(m.text, " ")
    if _ASKING_WORDS is not None and layout.folds_plainly:
        lowered = near.lower()
        if not any(w in lowered for w in _ASKING_WORDS):
            return False  # the cue words are not there: the scan would find nothing
    return bool(cues.ASKING_CUE.search(near))


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


# ---- entry point -----------------------------------------------------------------------------
def read_requirements(
    text: str,
    mentions: list[TermMention],
    company: str | None = None,
    layout: Layout | None = None,
    senses: TermSenses | None = None,
) -> Reading:
    original = text
    if layout is None:
        text = reading_text(text)
        layout = Layout(text)
    else:
        text = layout.text  # the Layout of reading_text(text), built by the doc's maker
    cache: dict = {}
    items = find_items(text, layout, company, cache)
    anchors = sorted([m.start for m in mentions] + items.starts())
    _judge_mentions(text, layout, mentions, company, anchors, cache, senses or senses_for())
    group_credentials(text, layout, mentions)
    unify_groups(mentions)
    qualify_credentials(text, layout, mentions)
    reading = Reading(mentions=mentions)
    reading.credentials = _merge_terms(mentions, "credential")
    reading.skills = _merge_terms(mentions, "skill")
    renumber_groups(reading.credentials)
    asked = [m for m in mentions if m.kind == "credential" and m.counted]
    credential_clauses = frozenset(layout.clause_index(m.start) for m in asked)
    grouped = [(m.start, m.end, m.group) for m in asked if m.group is not None]
    reading.education, reading.experience = read_education_experience(
        text, layout, company, items, cache, credential_clauses, grouped
    )
    salary, where = find_salary(layout)
    if salary is not None and where is not None:
        reading.salary = {"min": salary.min, "max": salary.max, "period": salary.period}
        reading.salary_evidence = evidence(original, *where)
    for entry in (*reading.education, *reading.experience):
        for ev in entry["evidence"]:
            ev["text"] = original[ev["start"] : ev["end"]]
    return reading


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "′": "'"})


# An editor's square brackets around words ("[One] year of [creditable] experience", as the
# VA's qualification standards print their amendments): the words are read as written.
_EDITORIAL_BRACKET = re.compile(r"\[(?=[A-Za-z][A-Za-z ]{0,40}\])|(?<=[A-Za-z])\]")
# An apostrophe a page's encoding turned into "?" ("an associate?s degree")
_LOST_APOSTROPHE = re.compile(r"(?<=[a-z])\?(?=s\b)")


def reading_text(text: str) -> str:
    """The text the reader reads: curly quotes and primes made straight, an editor's
    brackets made spaces, an apostrophe lost to "?" put back (same length, so offsets hold). A `layout` given to
    `read_requirements` is the Layout of this text."""
    if "[" in text:
        text = _EDITORIAL_BRACKET.sub(" ", text)
    if "?s" in text:
        text = _LOST_APOSTROPHE.sub("'", text)
    if text.isascii():  # one pass in C, and most postings end there
        return text
    if "’" in text or "‘" in text or "“" in text or "”" in text or "′" in text:
        return text.translate(_QUOTES)
    return text
