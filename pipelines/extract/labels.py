"""The labelled stretches of a posting's reading: what `mrt explain` and the web page highlight.

Each requirement, ignored mention and the pay line becomes a :class:`Label` with offsets
into the text the reading was made from (``Extractor.reading`` returns both). Presentation
(terminal styles, HTML classes) is the caller's.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Label:
    """One highlighted stretch: ``text[start:end]`` read as ``label``.

    ``level`` is the requirement level ("required", "preferred", "alternative"),
    "ignored" for a mention that does not count, or "pay". ``kind`` and ``item`` name what
    was read ("credential", "RHIT"; "experience", "2"; "pay", "").
    """

    start: int
    end: int
    label: str
    level: str
    kind: str = ""
    item: str = ""
    why: str = ""  # why an ignored mention does not count


def reading_labels(reading) -> list[Label]:
    """Every highlighted stretch of a reading, in text order."""
    out: list[Label] = []
    for m in reading.mentions:
        if m.counted:
            parts = [m.id, m.level]
            if m.group is not None:
                parts.append(f"group {m.group}")
            if m.eligible:
                parts.append("eligible")
            if m.within_months:
                parts.append(f"within {m.within_months} mo")
            out.append(Label(m.start, m.end, " ".join(parts), m.level, m.kind, m.id))
        else:
            out.append(Label(m.start, m.end, f"{m.id} ignored", "ignored", m.kind, m.id, m.why))
    for kind, items, key in (("education", reading.education, "level"),
                             ("experience", reading.experience, "years")):  # fmt: skip
        for item in items:
            value = f"{item[key]:g} yr" if kind == "experience" else item[key]
            item_id = f"{item[key]:g}" if kind == "experience" else str(item[key])
            for ev in item["evidence"]:
                level = item["requirement"]
                out.append(Label(ev["start"], ev["end"], f"{value} {level}", level, kind, item_id))
    if reading.salary_evidence:
        ev, pay = reading.salary_evidence, reading.salary
        text = f"pay {pay['min']:g}-{pay['max']:g}/{pay['period']}"
        out.append(Label(ev["start"], ev["end"], text, "pay", "pay", ""))
    return sorted(out)


def labelled_pieces(text: str, labels: list[Label]) -> list[tuple[str, Label | None]]:
    """``text`` cut into (piece, label) runs: plain runs carry None, highlighted runs their
    label. A label overlapping the previous one (a figure inside a term) yields ("", label),
    so it is still shown, after the stretch it overlaps."""
    out: list[tuple[str, Label | None]] = []
    pos = 0
    for label in labels:
        if label.start < pos:
            out.append(("", label))
            continue
        if label.start > pos:
            out.append((text[pos : label.start], None))
        out.append((text[label.start : label.end], label))
        pos = label.end
    if pos < len(text):
        out.append((text[pos:], None))
    return out


__all__ = ["Label", "labelled_pieces", "reading_labels"]
