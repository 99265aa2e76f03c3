"""Sections that are not job content are blanked before the tokenizer: no output changes,
and `mrt explain` (the whole reading) still shows what was named there and why it is left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.extract.levels import job_content_only
from pipelines.extract.structure import Layout

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

POSTING = (
    "About Northgate Clinic\nOur coders hold the CPC and CCS; we pay for your CRC exam.\n\n"
    "Responsibilities\n- Assign ICD-10-CM and CPT codes in Epic.\n\n"
    "Requirements\n- RHIT or RHIA required\n- 2 years of coding experience\n\n"
    "Benefits\n- Tuition help toward the CDIP\n- Pay: $21.00 - $27.50 per hour\n\n"
    "Northgate is an equal opportunity employer."
)


def test_blanked_text_keeps_offsets_and_job_content() -> None:
    layout = Layout(POSTING)
    blanked = job_content_only(layout)
    assert len(blanked) == len(POSTING)
    assert "RHIT or RHIA required" in blanked
    assert "ICD-10-CM and CPT codes in Epic" in blanked
    for gone in ("CRC exam", "CDIP", "equal opportunity"):
        assert gone not in blanked
    # every character kept is the posting's own, at its own offset
    assert all(b in (p, " ") for b, p in zip(blanked, POSTING, strict=True))


def test_text_without_boilerplate_is_returned_as_is() -> None:
    text = "Requirements\n- CPC required\n- Epic experience"
    assert job_content_only(Layout(text)) is text


def test_an_inline_heading_keeps_its_own_line_inside_benefits() -> None:
    """A bullet with its own heading is read under that heading (Layout.section_of), so it
    stays; the benefit bullets around it go."""
    text = "Benefits\n- 401k match\n- Required: CCS within 6 months\n- Paid time off"
    blanked = job_content_only(Layout(text))
    assert "Required: CCS within 6 months" in blanked
    assert "401k" not in blanked and "Paid time off" not in blanked


def test_extract_matches_the_whole_reading(extractor) -> None:
    posting = {"id": "n1", "title": "Medical Coder", "company": "Northgate", "description": POSTING}
    out = extractor.extract(posting)
    assert {c["id"] for c in out["credentials"]} == {"RHIT", "RHIA"}
    assert out["salary"] == {"min": 21.0, "max": 27.5, "period": "hour"}
    _, reading = extractor.reading(posting)
    left_out = {m.id: m.why for m in reading.mentions if not m.counted}
    assert {"CPC", "CCS", "CRC", "CDIP"} <= set(left_out)  # explain still names them, with why
    assert all(left_out[c] for c in ("CPC", "CCS", "CRC", "CDIP"))


def _labelled_postings() -> list[dict]:
    rows = []
    for path in sorted(FIXTURES.glob("labelled*/postings.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return rows


def test_blanking_changes_no_output_on_the_labelled_sets(extractor) -> None:
    """What `mrt extract` prints equals what the whole reading (nothing blanked) gives."""
    rows = _labelled_postings()
    if not rows:
        pytest.skip("no labelled sets under tests/fixtures")
    fields = ("credentials", "skills", "education", "experience", "salary")
    for posting, out in zip(rows, extractor.extract_many(rows), strict=True):
        if not out["relevant"]:
            continue
        _, whole = extractor.reading(posting)
        assert [(c["id"], c["level"], c["group"]) for c in out["credentials"]] == [
            (c["id"], c["level"], c["group"]) for c in whole.credentials
        ], posting["id"]
        got = {f: out[f] for f in fields}
        want = {
            "credentials": whole.credentials,
            "skills": whole.skills,
            "education": whole.education,
            "experience": whole.experience,
            "salary": whole.salary,
        }
        # evidence of `mrt extract` points into the stored text, of the reading into the
        # text as read (lines a scraper glued are parted there): compared without it
        assert _without_evidence(got) == _without_evidence(want), posting["id"]


def _without_evidence(value):
    if isinstance(value, dict):
        return {k: _without_evidence(v) for k, v in value.items() if k != "evidence"}
    if isinstance(value, list):
        return [_without_evidence(v) for v in value]
    return value
