"""A term match in a posting, and what the requirement reader decided about it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class TermMention:
    """One match of a taxonomy term in the text.

    Slotted: a posting has dozens, each made and read many times by the reader."""

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
