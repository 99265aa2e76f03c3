"""The candidate profile: what a person holds, derived from a resume or a profile file.

A profile holds only derived ids and figures, never resume text, so it is safe to save
(``mrt match --save-profile``) and to log.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

EDUCATION_LEVELS: tuple[str, ...] = (
    "high-school",
    "certificate",
    "associate",
    "bachelor",
    "master",
)
CREDENTIAL_STATUSES: tuple[str, ...] = ("held", "eligible", "in progress")


class ProfileError(ValueError):
    """A profile file or value that cannot be understood; the message is one line."""


def education_rank(level: str | None) -> int:
    """Position on the ladder high-school < ... < master; -1 for none or unknown."""
    return EDUCATION_LEVELS.index(level) if level in EDUCATION_LEVELS else -1


@dataclass(frozen=True)
class Profile:
    """What the candidate brings: credential id -> status, skill ids, years, education."""

    credentials: Mapping[str, str] = field(default_factory=dict)
    skills: frozenset[str] = frozenset()
    years_experience: float = 0.0
    education: str | None = None
    state: str | None = None

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
        return replace(self, years_experience=max(self.years_experience, years))

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
