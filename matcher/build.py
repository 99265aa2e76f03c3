"""Turn a resume (text or profile mapping) into a :class:`Profile` of canonical ids."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any, Protocol

from matcher.experience import RoleWords, relevant_experience
from matcher.profile import (
    CREDENTIAL_STATUSES,
    EDUCATION_LEVELS,
    Profile,
    ProfileError,
    merge_status,
)
from matcher.resume_text import highest_education, home_state, split_sections
from matcher.terms import MatchTerms
from pipelines.untrusted import shown

PROFILE_FIELDS = ("credentials", "skills", "years_experience", "education", "state", "name")
#: Most years of experience a profile may state.
MAX_YEARS = 80
_STATUS_WORDS = {
    "held": "held", "have": "held", "active": "held", "current": "held", "certified": "held",
    "eligible": "eligible", "exam eligible": "eligible",
    "in progress": "in progress", "in-progress": "in progress", "in_progress": "in progress",
    "pursuing": "in progress", "studying": "in progress", "enrolled": "in progress",
}  # fmt: skip
_EDUCATION_WORDS = {
    "hs": "high-school", "high school": "high-school", "highschool": "high-school",
    "ged": "high-school", "diploma": "high-school", "high-school": "high-school",
    "certificate": "certificate", "cert": "certificate",
    "associate": "associate", "associates": "associate", "associate's": "associate",
    "aas": "associate", "as": "associate", "aa": "associate",
    "bachelor": "bachelor", "bachelors": "bachelor", "bachelor's": "bachelor",
    "bs": "bachelor", "ba": "bachelor", "bsc": "bachelor",
    "master": "master", "masters": "master", "master's": "master", "ms": "master",
    "ma": "master", "mba": "master", "mha": "master",
}  # fmt: skip


class MentionFinder(Protocol):
    """The extractor's resume entry point (``pipelines.extract.Extractor.find_mentions``)."""

    def find_mentions(self, text: str) -> list[Any]: ...

    def find_education(self, text: str) -> list[dict[str, Any]]: ...


def _status(value: Any, cred: str) -> str:
    key = re.sub(r"\s+", " ", str(value or "held").strip().lower())
    status = _STATUS_WORDS.get(key)
    if status is None:
        raise ProfileError(
            f"credential {cred}: unknown status '{shown(value)}' (use {', '.join(CREDENTIAL_STATUSES)})"
        )
    return status


def _canonical(kind: str, text: Any, terms: MatchTerms) -> str:
    item = terms.resolve(kind, str(text))
    if item is None:
        raise ProfileError(
            f"unknown {kind} '{shown(text)}' in profile (see config/taxonomy.yaml for ids and aliases)"
        )
    return item


def _credential_entries(value: Any) -> list[tuple[Any, Any]]:
    if value is None:
        return []
    if isinstance(value, dict):
        return list(value.items())
    if not isinstance(value, list):
        raise ProfileError("'credentials' must be a list or a mapping of id -> status")
    entries = []
    for entry in value:
        if isinstance(entry, dict):
            if "id" not in entry:
                raise ProfileError("each credential entry needs an 'id'")
            entries.append((entry["id"], entry.get("status")))
        else:
            entries.append((entry, None))
    return entries


def education_level(value: Any) -> str:
    key = str(value).strip().lower().replace(" degree", "").replace(".", "")
    level = _EDUCATION_WORDS.get(key, key if key in EDUCATION_LEVELS else None)
    if level is None:
        raise ProfileError(
            f"unknown education level '{shown(value)}' (use {', '.join(EDUCATION_LEVELS)})"
        )
    return level


def profile_from_mapping(data: dict[str, Any], terms: MatchTerms) -> Profile:
    """A YAML/JSON profile: ids or aliases resolved through the taxonomy, values checked."""
    unknown = sorted(set(data) - set(PROFILE_FIELDS))
    if unknown:
        raise ProfileError(
            f"unknown profile field(s): {', '.join(map(str, unknown))} (use {', '.join(PROFILE_FIELDS[:5])})"
        )
    credentials: dict[str, str] = {}
    for cred, status in _credential_entries(data.get("credentials")):
        item = _canonical("credential", cred, terms)
        credentials[item] = merge_status(credentials.get(item), _status(status, item))
    skills_value = data.get("skills") or []
    if not isinstance(skills_value, list):
        raise ProfileError("'skills' must be a list")
    skills = frozenset(_canonical("skill", s, terms) for s in skills_value)
    years = data.get("years_experience", 0) or 0
    # NaN and infinity fail the range test too; a huge integer never reaches float().
    if (
        isinstance(years, bool)
        or not isinstance(years, (int, float))
        or not 0 <= years <= MAX_YEARS
    ):
        raise ProfileError(
            f"'years_experience' must be a number of years from 0 to {MAX_YEARS}, not '{shown(years)}'"
        )
    education = data.get("education")
    state = data.get("state")
    if state is not None:
        from pipelines.normalize.location import state_code

        code = state_code(str(state))
        if code is None:
            raise ProfileError(f"unknown state '{shown(state)}' (use a two-letter code such as TX)")
        state = code
    return Profile(
        credentials=credentials,
        skills=skills,
        years_experience=float(years),
        education=education_level(education) if education else None,
        state=state,
    )


WISH_REACH = 300
_WISH = re.compile(
    r"\b(?:seeking|looking for|interested in|aspiring|hoping to|goal is|objective)\b", re.I
)


def _wished_for(text: str, start: int) -> bool:
    """A mention on an objective line ("Seeking a CCS coding role") is not something held.

    The look-back stops WISH_REACH characters before the mention: on one huge line, every
    mention would otherwise search everything before it.
    """
    reach = max(0, start - WISH_REACH)
    line_start = text.rfind("\n", reach, start) + 1 or reach
    return bool(_WISH.search(text[line_start:start]))


#: Characters of resume text per call of the extractor, and longest line given to it whole.
#: The extractor reads each mention's status from its whole sentence, so a sentence holding
#: thousands of mentions costs time in the square of its length; resume lines are short.
PIECE_CHARS = 4_000
LINE_CHARS = 1_000


def _line_spans(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, whole) of each line; a line over LINE_CHARS is cut after a sentence end
    or a space into parts that are not whole."""
    pos = 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line)
        whole = end - pos <= LINE_CHARS
        while end - pos > LINE_CHARS:
            window = text[pos : pos + LINE_CHARS]
            cut = max(window.rfind(". "), window.rfind("; ")) + 2
            if cut < LINE_CHARS // 2:
                cut = window.rfind(" ") + 1 or LINE_CHARS
            yield pos, pos + cut, False
            pos += cut
        yield pos, end, whole
        pos = end


def text_pieces(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece): whole lines gathered up to PIECE_CHARS characters; each part of a
    cut line alone."""
    start = end = 0
    for line_start, line_end, whole in _line_spans(text):
        if end > start and (not whole or line_end - start > PIECE_CHARS):
            yield start, text[start:end]
            start = line_start
        end = line_end
        if not whole:
            yield start, text[start:end]
            start = end
    if end > start:
        yield start, text[start:end]


def profile_from_text(
    text: str, finder: MentionFinder, today: date | None = None, roles: RoleWords | None = None
) -> Profile:
    """A document resume: credentials and skills from the extractor, the rest from sections.

    ``roles`` are the role words of config/matching.yaml (``MatchTerms.roles``): only the
    years of relevant roles count (see ``matcher.experience``); without them, every dated
    role does.
    """
    today = today or date.today()
    credentials: dict[str, str] = {}
    skills: set[str] = set()
    for offset, piece in text_pieces(text):
        for mention in finder.find_mentions(piece):
            if _wished_for(text, offset + mention.start):
                continue
            kind = getattr(mention, "kind", None)
            status = getattr(mention, "status", None) or "held"
            if kind == "credential":
                credentials[mention.id] = merge_status(credentials.get(mention.id), status)
            elif kind == "skill" and status == "held":
                skills.add(mention.id)
    sections = split_sections(text)
    experience = relevant_experience(text, sections, today, roles)
    return Profile(
        credentials=credentials,
        skills=frozenset(skills),
        years_experience=experience.years,
        education=highest_education(text, sections, finder.find_education),
        state=home_state(text, sections),
        experience=experience,
    )
