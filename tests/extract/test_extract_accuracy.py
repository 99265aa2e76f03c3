"""Accuracy on labelled postings, scored with shared/eval/score.py's math; fails below the targets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scoring_math import SHARED_EVAL, below_targets, score

LABELLED = Path(__file__).resolve().parents[1] / "fixtures" / "labelled"
MESSY = Path(__file__).resolve().parents[1] / "fixtures" / "labelled_messy"
BLIND = Path(__file__).resolve().parents[1] / "fixtures" / "labelled_blind"
BLIND2 = Path(__file__).resolve().parents[1] / "fixtures" / "labelled_blind2"
BLIND3 = Path(__file__).resolve().parents[1] / "fixtures" / "labelled_blind3"
BLIND4 = Path(__file__).resolve().parents[1] / "fixtures" / "labelled_blind4"


def _read(path: Path) -> dict[str, dict]:
    rows = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    return {str(r["id"]): r for r in rows}


def _predict(extractor, postings_path: Path) -> dict[str, dict]:
    postings = list(_read(postings_path).values())
    return {str(r["id"]): r for r in extractor.extract_many(postings)}


@pytest.mark.parametrize(
    ("postings", "gold"),
    [
        pytest.param(SHARED_EVAL / "dev.jsonl", SHARED_EVAL / "dev_gold.jsonl", id="dev"),
        pytest.param(LABELLED / "postings.jsonl", LABELLED / "gold.jsonl", id="labelled"),
        # A second held-out set by another annotator: scraped-style messy text (added by the
        # integrator; generalise rules, don't special-case its postings).
        pytest.param(MESSY / "postings.jsonl", MESSY / "gold.jsonl", id="labelled_messy"),
        # A third annotator's set, scored blind once by the integrator (figures in the
        # closing note) before it joined the suite: fix general causes, not its postings.
        pytest.param(BLIND / "postings.jsonl", BLIND / "gold.jsonl", id="labelled_blind"),
        # Two more annotators' sets, also scored blind first (figures in accuracy.json as
        # blind2_first_run / blind3_first_run).
        pytest.param(BLIND2 / "postings.jsonl", BLIND2 / "gold.jsonl", id="labelled_blind2"),
        pytest.param(BLIND3 / "postings.jsonl", BLIND3 / "gold.jsonl", id="labelled_blind3"),
        # The last set, scored blind on the finished extractor (blind4_first_run); only a
        # job-family title fix followed, so it stays close to an unseen-data figure.
        pytest.param(BLIND4 / "postings.jsonl", BLIND4 / "gold.jsonl", id="labelled_blind4"),
    ],
)
def test_meets_targets(extractor, postings: Path, gold: Path) -> None:
    if not postings.is_file() or not gold.is_file():
        pytest.skip(f"{postings.parent.name}/{postings.name} is not present")
    figures = score(_read(gold), _predict(extractor, postings))
    assert below_targets(figures) == []
    # and no set falls more than 0.01 below its figure in accuracy.json
    key = (
        "dev" if postings.parent == SHARED_EVAL else postings.parent.name.replace("labelled", "own")
    )
    assert _fallen(figures, json.loads(ACCURACY.read_text(encoding="utf-8"))[key]) == []


REAL = SHARED_EVAL / "real"
ACCURACY = Path(__file__).resolve().parents[2] / "pipelines" / "extract" / "accuracy.json"


def _headline(figures: dict, field: str) -> float:
    value = figures[field]
    return value["f1"] if "f1" in value else value["accuracy"]


def test_real_postings_hold_their_recorded_figures(extractor) -> None:
    """Real employers' postings (../shared/eval/real): no field may fall more than 0.01 below
    the figure recorded in accuracy.json by `bench/extract.py --accuracy`."""
    postings, gold = REAL / "postings.jsonl", REAL / "gold.jsonl"
    if not postings.is_file() or not gold.is_file():
        pytest.skip(
            "../shared/eval/real is not beside the repository (real postings are not committed)"
        )
    recorded = json.loads(ACCURACY.read_text(encoding="utf-8"))["real"]
    assert _fallen(score(_read(gold), _predict(extractor, postings)), recorded) == []


def _fallen(figures: dict, recorded: dict) -> list[str]:
    fields = [k for k, v in recorded.items() if isinstance(v, dict)]
    return [
        f"{field} {_headline(figures, field):.3f} < {_headline(recorded, field):.3f}"
        for field in fields
        if _headline(figures, field) < _headline(recorded, field) - 0.01
    ]
