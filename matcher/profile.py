"""The candidate profile: what a person holds, derived from a resume or a profile file.

A profile holds only derived ids and figures, never resume text, so it is safe to save
(``mrt match --save-profile``) and to log.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from pipelines.concepts import CREDENTIAL_STATUSES, EDUCATION_LADDER, education_rank

# The ladder and the statuses are the project's shared words (pipelines.concepts).
EDUCATION_LEVELS = EDUCATION_LADDER


class ProfileError(ValueError):
    """A profile file or value that cannot be understood; the message is one line."""


@dataclass(frozen=True)
class CountedRole:
    """One dated role of a resume's work history, described without its text: the word of
    config/matching.yaml that made it relevant, its months and whether it counted."""

    relevance: str  # "family" | "adjacent" | "other"
    matched: str | None  # "coder", "billing", "receptionist + clinic"; None when other
    start: str  # "2019-03"
    end: str  # "2021-08", or "present"
    years: float
    counted: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "relevance": self.relevance,
            "matched": self.matched,
            "start": self.start,
            "end": self.end,
            "years": self.years,
            "counted": self.counted,
        }


@dataclass(frozen=True)
class Experience:
    """How ``years_experience`` was found: the relevant dated roles (overlaps once), a
    stated total when no relevant role is dated, or the profile file's figure."""

    years: float = 0.0
    source: str = "none"  # "dated roles" | "stated total" | "profile" | "none"
    roles: tuple[CountedRole, ...] = ()
    stated_years: float = 0.0  # the largest relevant total the resume states

    def to_dict(self) -> dict[str, Any]:
        return {
            "years": self.years,
            "source": self.source,
            "stated_years": self.stated_years,
            "roles": [r.to_dict() for r in self.roles],
        }


@dataclass(frozen=True)
class Profile:
    """What the candidate brings: credential id -> status, skill ids, years, education.

    ``experience`` says how the years were found (not saved: ``to_dict`` is the profile
    file's fields only)."""

    credentials: Mapping[str, str] = field(default_factory=dict)
    skills: frozenset[str] = frozenset()
    years_experience: float = 0.0
    education: str | None = None
    state: str | None = None
    experience: Experience | None = field(default=None, compare=False)

    def has_content(self) -> bool:
        """Anything read at all: an id, a figure, a place or a dated role."""
        return bool(
            self.credentials
            or self.skills
            or self.years_experience
            or self.education
            or self.state
            or (self.experience and self.experience.roles)
        )

    def experience_counted(self) -> dict[str, Any]:
        if self.experience is not None:
            return self.experience.to_dict()
        source = "profile" if self.years_experience else "none"
        return Experience(self.years_experience, source).to_dict()

    def held(self) -> frozenset[str]:
        return frozenset(c for c, s in self.credentials.items() if s == "held")

    def with_credential(self, cred: str) -> Profile:
        return replace(self, credentials={**self.credentials, cred: "held"})

    def with_skill(self, skill: str) -> Profile:
        return replace(self, skills=self.skills | {skill})

    def with_education(self, level: str) -> Profile:
        if education_rank(level) <= education_rank(self.education):
            return self
        return replace(self, education=level)

    def with_years(self, years: float) -> Profile:
        return replace(self, years_experience=max(self.years_experience, years), experience=None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "credentials": [
                {"id": cred, "status": status} for cred, status in sorted(self.credentials.items())
            ],
            "skills": sorted(self.skills),
            "years_experience": self.years_experience,
            "education": self.education,
            "state": self.state,
        }


def merge_status(current: str | None, new: str) -> str:
    """The stronger of two statuses for one credential (held > eligible > in progress)."""
    if current is None:
        return new
    return min(current, new, key=CREDENTIAL_STATUSES.index)
