"""The pipeline saves with nlp.to_disk and loads with spacy.load (factories via entry point)."""

from __future__ import annotations

from pathlib import Path

import spacy

from pipelines.extract import Extractor
from pipelines.extract.pipeline import resolved_mentions

POSTING = {
    "id": "p",
    "title": "Medical Coder",
    "description": "Requirements\n- CPC or CCS, or CCS-eligible\n- 2 years of coding experience\n\nPay: $22/hr",
}


def test_to_disk_and_spacy_load(extractor: Extractor, tmp_path: Path) -> None:
    extractor.nlp.to_disk(tmp_path / "model")
    nlp = spacy.load(tmp_path / "model")
    assert nlp.pipe_names == extractor.nlp.pipe_names
    loaded = Extractor.from_nlp(nlp)
    assert loaded.taxonomy_version == extractor.taxonomy_version
    assert loaded.extract(POSTING) == extractor.extract(POSTING)
    doc = nlp("Code ICD-10-CM and CPT® in Epic.")
    assert {m.id for m in resolved_mentions(doc)} >= {"icd-10-cm", "cpt", "epic"}


def test_tokenizer_variants_match(extractor: Extractor) -> None:
    text = "R.H.I.T., RHIT-eligible, CCS-P, CCSP, CPT®, CPT-4, ICD10, ICD 10, ICD-10-CM/PCS, E/M, E&M, ODS-C"
    ids = [m.id for m in extractor.find_mentions(text)]
    assert ids == ["RHIT", "RHIT", "CCS-P", "CCS-P", "cpt", "cpt", "icd-10-cm", "icd-10-cm",
                   "icd-10-cm", "icd-10-pcs", "em", "em", "CTR"]  # fmt: skip
