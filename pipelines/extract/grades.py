"""The federal grades an announcement hires at ("GS-7", "Grade 5", "Grade: 07"), and which
grade each passage belongs to: the lowest grade decides whether a grade's own experience
figure is the only way in or one of several paths."""

from __future__ import annotations

import bisect
import re

# A grade marker: "GS-7", "GS 10", "GS-07", "Grade 5", "Grade: 07", or the grades after a
# series ("GS-0675-04/05/06", "GS-0601-11"); a series alone ("GS-0675") is none.
_GRADE_MARK = re.compile(
    r"\bGS-?\d{4}-[ \t]*(?P<listed>\d{1,2}(?:[ \t]*/[ \t]*\d{1,2})*)(?!\d)"
    r"|\bGS[- ]?0?(?P<gs>\d{1,2})(?!\d)|\bgrade:?[ \t]+0?(?P<grade>\d{1,2})(?!\d)",
    re.IGNORECASE,
)
# Words just before a marker that make it a grade referred to, not one hired at: "equivalent
# to the GS-9 grade level", "the next lower grade level, GS-04", "52 weeks at the GS-6",
# "one full year of experience at the GS-7 grade level".
_REFERENCE = re.compile(
    r"equivalent|lower|comparable|below|previous|held|weeks|experience\s+at\s+(?:the\s+)?$"
)
_BEFORE = 60  # characters looked at before a marker
_OTHER_WAY = re.compile(r"\bor\b[^\n.]{0,60}\beducation\b", re.IGNORECASE)
# A figure asked as a step up from the grade below: "one year ... equivalent to the next
# lower grade level", "comparable in difficulty to the GS-05 grade level".
_STEP_UP = re.compile(
    r"\bnext\s+lower\s+(?:grade|level)|\b(?:equivalent|comparable)\b[^\n.]{0,80}?"
    r"(?:\bGS[- ]?\d|\bgrade\b)",
    re.IGNORECASE,
)


def names_a_grade(line: str) -> bool:
    """Whether a line is about a grade of its own ("GS-5: ...", "Grade 7", "the GS-09
    level"): where a path's list ends."""
    return _GRADE_MARK.search(line) is not None


class Grades:
    """Where each grade hired at is named in the text, in order."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.values: list[int] = []
        if "GS" not in text and "rade" not in text:
            return  # not a federal announcement
        for m in _GRADE_MARK.finditer(text):
            if _REFERENCE.search(text[max(0, m.start() - _BEFORE) : m.start()].lower()):
                continue
            listed = m.group("listed")
            for grade in listed.split("/") if listed else [m.group("gs") or m.group("grade")]:
                self.starts.append(m.start())
                self.values.append(int(grade))

    @property
    def lowest(self) -> int | None:
        """The lowest grade hired at, or None where the text names no grade."""
        return min(self.values) if self.values else None

    def of(self, offset: int) -> int | None:
        """The grade whose part of the text holds `offset`: the last named before it."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.values[i] if i >= 0 else None

    @staticmethod
    def is_step_up(text: str, start: int, end: int) -> bool:
        """Whether text[start:end] (a figure to its sentence's end) asks it as a step up from
        the grade below: the grade's own experience, not a basic requirement's path (nor
        one that offers another way in: "..., or meet the education requirements")."""
        return _STEP_UP.search(text, start, end) is not None and not _OTHER_WAY.search(
            text, start, end
        )
