"""The words every stage shares, defined once: requirement levels and their strength, the
education ladder, the statuses a candidate may hold a credential in.

Extract writes these values, demand counts them, the matcher scores them and the report
shows them; each imports them from here, so the stages cannot drift apart (an earlier
version ranked "alternative" above "preferred" in one module and below it in another).
"""

from __future__ import annotations

from enum import Enum


class Level(str, Enum):
    """How a posting asks for an item. A str, so it compares equal to the stored text."""

    REQUIRED = "required"
    #: one of several paths, any of which the posting accepts ("RHIT or RHIA")
    ALTERNATIVE = "alternative"
    PREFERRED = "preferred"

    @property
    def strength(self) -> int:
        """Higher asks more: required > alternative (a path that must be taken if the
        others are not) > preferred (never needed)."""
        return LEVEL_STRENGTH[self.value]


#: Strength of each level by its stored text: required 3, alternative 2, preferred 1.
LEVEL_STRENGTH: dict[str, int] = {"required": 3, "alternative": 2, "preferred": 1}

#: Education levels from lowest to highest; a higher one satisfies a lower requirement.
EDUCATION_LADDER: tuple[str, ...] = (
    "high-school",
    "certificate",
    "associate",
    "bachelor",
    "master",
)


def education_rank(level: str | None) -> int:
    """Position of `level` on the ladder (0 = high school); -1 for none or unknown."""
    return EDUCATION_LADDER.index(level) if level in EDUCATION_LADDER else -1


#: How a candidate may hold a credential: earned, eligible for the exam, or studying for it.
CREDENTIAL_STATUSES: tuple[str, ...] = ("held", "eligible", "in progress")
