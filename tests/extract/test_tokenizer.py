"""The pipeline's tokenizer drops spaCy's whitespace special cases (they turned its cache off,
explosion/spaCy#13950) and must still cut every text exactly as spaCy's own rules do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from pipelines.extract.pipeline import without_whitespace_cases

ROOT = Path(__file__).resolve().parents[2]
SHARED_REAL = ROOT.parent / "shared" / "eval" / "real"

EDGE_CASES = [
    "Requirements\n- RHIT\n\n\n- CPC\t(required)\r\n- Epic",
    "RHIT\xa0or\xa0RHIA;\xa0\xa0 CCS \xa0 preferred",
    "  leading spaces,\ttabs\t\tand a trailing line\n",
    "\n",
    " ",
    "\xa0",
    "Coding Specialist (CCS),Registered Health Information Technician (RHIT)",
    "Don't apply w/o CPC-A; e.g. 2 yrs. exp. at 8 a.m. \n\u2028 next",
]


def _tokens(nlp, text: str) -> list[tuple[str, str]]:
    return [(t.text, t.whitespace_) for t in nlp.make_doc(text)]


@pytest.fixture(scope="module")
def stock(extractor):
    """spaCy's English rules with the pipeline's own infixes: the tokenizer as it was."""
    nlp = spacy.blank("en")
    nlp.tokenizer.infix_finditer = extractor.nlp.tokenizer.infix_finditer
    return nlp


def test_only_whitespace_cases_are_dropped() -> None:
    rules = spacy.blank("en").tokenizer.rules
    kept = without_whitespace_cases(rules)
    assert set(rules) - set(kept) == {"\n", "\t", " ", "\xa0"}
    assert "don't" in kept and "e.g." in kept


def test_the_pipeline_has_no_whitespace_cases(extractor) -> None:
    assert not [form for form in extractor.nlp.tokenizer.rules if not form.strip()]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_same_tokens_on_whitespace_edge_cases(extractor, stock, text: str) -> None:
    assert _tokens(extractor.nlp, text) == _tokens(stock, text)


def _texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "tests" / "fixtures").glob("labelled*/postings.jsonl")):
        texts += [json.loads(line)["description"] for line in path.read_text("utf-8").splitlines()]
    if SHARED_REAL.is_dir():
        texts += [
            json.loads(line)["description"]
            for line in (SHARED_REAL / "postings.jsonl").read_text("utf-8").splitlines()
        ]
        texts += [
            p.read_text("utf-8") for p in sorted((SHARED_REAL / "questionnaires").glob("*.txt"))
        ]
    return texts


def test_same_tokens_on_every_posting_we_hold(extractor, stock) -> None:
    """Every labelled posting (HTML as stored, so tags and entities too) and, beside
    ../shared, the real postings and federal questionnaires, read twice (cache cold, then warm)."""
    texts = _texts()
    assert len(texts) > 250
    for _ in range(2):
        for text in texts:
            assert _tokens(extractor.nlp, text) == _tokens(stock, text)
