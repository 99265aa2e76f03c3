"""Qualified verdicts on postings the matcher was not written for: the extractor-labelled
sets under tests/fixtures/labelled*/ carry hand-labelled requirements (gold.jsonl). For
each of the six candidates of verdict_market.py, the postings qualified by the gold
requirements (a screener's reading) and by the extractor's reading of the same text
agree at Jaccard >= 0.8, pooled over the sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from verdict_market import PROFILES

from matcher.build import profile_from_mapping
from matcher.needs import Needs, RequirementTuple, needs_from_tuples
from matcher.score import Candidate

FIXTURES = Path(__file__).parents[1] / "fixtures"
SETS = sorted(p.parent for p in FIXTURES.glob("labelled*/gold.jsonl"))


def requirement_tuples(reading: dict) -> list[RequirementTuple]:
    """A contract reading (gold or extractor output) as the matcher's requirement tuples."""
    rows: list[RequirementTuple] = []
    for c in reading.get("credentials", []):
        rows.append(
            ("credential", c["id"], c["level"], c.get("group"), bool(c.get("eligible")),
             c.get("within_months"), None)
        )  # fmt: skip
    for s in reading.get("skills", []):
        rows.append(("skill", s["id"], s["level"], None, False, None, None))
    for e in reading.get("education", []):
        rows.append(("education", e["level"], e["requirement"], None, False, None, None))
    for x in reading.get("experience", []):
        years = float(x["years"])
        rows.append(("experience", f"{years:g}", x["requirement"], None, False, None, years))
    return rows


@pytest.fixture(scope="module")
def readings() -> list[tuple[str, Needs, Needs | None]]:
    """(posting, gold needs, extracted needs or None when the extractor finds it irrelevant)
    for every posting the gold labels relevant."""
    from pipelines.extract import load_extractor

    extractor = load_extractor()
    out = []
    for directory in SETS:
        lines = (directory / "gold.jsonl").read_text(encoding="utf-8").splitlines()
        gold = {g["id"]: g for g in map(json.loads, lines) if g.get("relevant")}
        for line in (directory / "postings.jsonl").read_text(encoding="utf-8").splitlines():
            posting = json.loads(line)
            if posting["id"] not in gold:
                continue
            read = extractor.extract(posting)
            extracted = needs_from_tuples(requirement_tuples(read)) if read["relevant"] else None
            key = f"{directory.name}/{posting['id']}"
            out.append((key, needs_from_tuples(requirement_tuples(gold[posting["id"]])), extracted))
    return out


@pytest.mark.skipif(not SETS, reason="no labelled sets")
@pytest.mark.parametrize("who", sorted(PROFILES))
def test_qualified_sets_agree_with_the_labelled_requirements(readings, terms, scoring, who):
    candidate = Candidate(profile_from_mapping(PROFILES[who], terms), terms, scoring)
    by_gold = {key for key, gold, _ in readings if candidate.qualifies(gold)}
    by_extractor = {key for key, _, read in readings if read and candidate.qualifies(read)}
    assert by_gold, "each candidate qualifies for some labelled posting"
    jaccard = len(by_gold & by_extractor) / len(by_gold | by_extractor)
    assert jaccard >= 0.8, (who, sorted(by_gold ^ by_extractor))
