"""Education levels a text names: high-school, certificate, associate, bachelor, master."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.vocabulary import load_vocabulary

# The level phrases are data (config/vocabulary.yaml, classes education.*). One pattern with
# one group per level, so the text is scanned once; every level opens at a word boundary,
# tested once before the groups rather than by each of them in turn (a quarter faster).
_VOCAB = load_vocabulary()
_LEVEL_CLASSES = {
    "hs": ("education.high_school", "high-school"),
    "cert": ("education.certificate", "certificate"),
    "assoc": ("education.associate", "associate"),
    "bach": ("education.bachelor", "bachelor"),
    "mast": ("education.master", "master"),
}
_GROUP_LEVEL = {group: level for group, (_, level) in _LEVEL_CLASSES.items()}
_NOT_AFTER = "".join(
    f"(?<!{re.escape(w)} )" for w in _VOCAB.listing("education.high_school_not_after")
)
_EDUCATION = re.compile(
    r"\b(?:"
    + "|".join(
        rf"(?P<{group}>{_NOT_AFTER if group == 'hs' else ''}{_VOCAB.alternation(name)})"
        for group, (name, _) in _LEVEL_CLASSES.items()
    )
    + ")",
    re.IGNORECASE,
)
# Words right before a level that say it is not asked ("no degree", "in excess of the first
# 60 semester hours"), anchored at the level.
_NOT_ASKED = _VOCAB.pattern("education.not_asked_before", suffix="$")


@dataclass(frozen=True)
class EducationMention:
    level: str
    start: int
    end: int


# Words every education phrase contains one of: found with str.find, so the full pattern only
# runs around them (the text is scanned once in C instead of by the regex engine).
_TRIGGERS = _VOCAB.listing("education.triggers")


def _windows(lowered: str, start: int, end: int) -> list[tuple[int, int]]:
    spots: list[tuple[int, int]] = []
    for word in _TRIGGERS:
        short = len(word) <= 3
        pos = lowered.find(word, start, end)
        while pos >= 0:
            # a short trigger must start a word: "hs" in "months" is not "HS diploma"
            if not (short and pos > 0 and lowered[pos - 1].isalpha()):
                spots.append((max(start, pos - 60), min(end, pos + 60)))
            pos = lowered.find(word, pos + 1, end)
    spots.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spots:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def find_education(
    text: str, start: int = 0, end: int | None = None, lowered: str | None = None
) -> list[EducationMention]:
    """Education mentions in text[start:end], in text order; "no degree required" is skipped.
    `lowered` is `text.lower()` when the caller has it already."""
    end = len(text) if end is None else end
    found: list[EducationMention] = []
    last_end = -1
    for a, b in _windows(text.lower() if lowered is None else lowered, start, end):
        for m in _EDUCATION.finditer(text, a, b):
            if m.start() < last_end:
                continue
            if _NOT_ASKED.search(text, max(start, m.start() - 30), m.start()):
                continue
            found.append(EducationMention(_GROUP_LEVEL[m.lastgroup], m.start(), m.end()))
            last_end = m.end()
    return found
