"""Implications and the other matcher-only facts of config/matching.yaml: they name known
ids, a wrong one is refused in one line, and they do what the domain says."""

from __future__ import annotations

from pathlib import Path

import pytest

from matcher.build import profile_from_mapping
from matcher.config import ScoringConfigError, scoring_from_dict
from matcher.terms import (
    DEFAULT_MATCHING,
    MatchTermsError,
    load_match_terms,
    load_matching,
    matching_path,
)
from pipelines.taxonomy import DEFAULT_TAXONOMY, load_taxonomy

CONFIG = Path(__file__).parents[2] / "config"


def test_every_implication_names_known_ids(terms):
    taxonomy = load_taxonomy()
    known = {"credential": set(taxonomy.credentials), "skill": set(taxonomy.skills)}
    assert terms.implies, "the taxonomy and matching.yaml imply something"
    for (kind, item), implied in terms.implies.items():
        assert item in known[kind], (kind, item)
        assert implied <= known[kind], (kind, item, implied - known[kind])
        assert item not in implied
    # the taxonomy's own `implies:` too, read straight from the file
    for term in taxonomy.terms():
        assert set(term.implies) <= known[term.kind], term.id
    matching = load_matching(DEFAULT_MATCHING)
    for section, kind in (("credentials", "credential"), ("skills", "skill")):
        for item, targets in (matching["implies"][section] or {}).items():
            assert {item, *targets} <= known[kind], (section, item)
    assert terms.on_the_job <= known["skill"]


@pytest.mark.parametrize(
    "holder, kind, implied",
    [
        ("CPC", "credential", "CPC-A"),  # a full CPC supersedes the apprentice designation
        ("CCS", "credential", "CCA"),
        ("RHIA", "credential", "RHIT"),
        ("epic", "skill", "ehr"),
        ("cerner", "skill", "ehr"),
        ("meditech", "skill", "ehr"),
        ("pointclickcare", "skill", "ehr"),
        ("vista", "skill", "ehr"),
    ],
)
def test_domain_implications(terms, holder, kind, implied):
    assert implied in terms.implied(kind, holder)


def test_one_credential_written_several_ways(terms):
    # CTR is now ODS-C: one id; encoder products are the one encoder skill
    assert terms.resolve("credential", "ODS-C") == "CTR"
    assert terms.resolve("credential", "certified tumor registrar") == "CTR"
    for product in ("3M encoder", "TruCode", "EncoderPro", "Optum EncoderPro", "CodeFinder"):
        assert terms.resolve("skill", product) == "encoder", product
    assert terms.resolve("skill", "Oracle Health") == "cerner"
    profile = profile_from_mapping({"credentials": ["ODS-C"], "skills": ["Oracle Health"]}, terms)
    assert dict(profile.credentials) == {"CTR": "held"} and profile.skills == {"cerner"}


def test_no_implication_the_domain_denies(terms):
    assert "CCS" not in terms.implied("credential", "CCS-P")
    assert "CPC" not in terms.implied("credential", "CPC-A")
    assert "RHIA" not in terms.implied("credential", "RHIT")
    assert "epic" not in terms.implied("skill", "ehr")


def test_skills_learned_on_the_job(terms):
    assert {"release-of-information", "scanning-indexing", "mpi", "epic", "cerner"} <= (
        terms.on_the_job
    )
    assert not {"icd-10-cm", "medical-terminology", "cpt"} & terms.on_the_job


def _copy_config(tmp_path: Path, matching: str) -> Path:
    taxonomy = tmp_path / "taxonomy.yaml"
    taxonomy.write_text(DEFAULT_TAXONOMY.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "matching.yaml").write_text(matching, encoding="utf-8")
    return taxonomy


@pytest.mark.parametrize(
    "matching, message",
    [
        ("implies: {credentials: {CPC: [CPC-X]}}\n", "unknown credential 'CPC-X'"),
        ("implies: {credentials: {CPCX: [CPC-A]}}\n", "unknown credential 'CPCX'"),
        ("implies: {skills: {epic: [RHIT]}}\n", "unknown skill 'RHIT'"),
        ("category_implies: {EMR software: [ehr]}\n", "no skill has this category"),
        ("learned_on_the_job: {skills: [typing-fast]}\n", "unknown skill 'typing-fast'"),
        ("impliez: {}\n", "unknown key 'impliez'"),
        ("experience_roles: {family: {phrases: [1, 2]}}\n", "must be a list of words"),
        ("implies: [CPC]\n", "must be a mapping"),
    ],
)
def test_a_wrong_matching_file_is_one_line(tmp_path, matching, message):
    taxonomy = _copy_config(tmp_path, matching)
    assert matching_path(taxonomy) == tmp_path / "matching.yaml"
    with pytest.raises(MatchTermsError) as info:
        load_match_terms(taxonomy)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_a_taxonomy_without_a_matching_file_beside_it_uses_the_bundled_one(tmp_path):
    taxonomy = tmp_path / "mine.yaml"
    taxonomy.write_text(DEFAULT_TAXONOMY.read_text(encoding="utf-8"), encoding="utf-8")
    assert matching_path(taxonomy) == DEFAULT_MATCHING
    assert "CPC-A" in load_match_terms(taxonomy).implied("credential", "CPC")


def test_matching_facts_never_change_the_taxonomy_version(tmp_path):
    taxonomy = _copy_config(tmp_path, "implies: {credentials: {RHIT: [CCA]}}\n")
    assert load_taxonomy(taxonomy).version == load_taxonomy().version
    assert "CCA" in load_match_terms(taxonomy).implied("credential", "RHIT")


@pytest.mark.parametrize(
    "extra, message",
    [
        ({"gate": ["credential", "skils"]}, "gate: unknown kind 'skils'"),
        ({"gate": "credential"}, "gate must be a list"),
        ({"strong_match": 1.5}, "strong_match must be between 0.0 and 1.0"),
        ({"strong_match": "most"}, "strong_match must be a number"),
    ],
)
def test_gate_and_strong_match_are_checked(extra, message):
    import yaml

    data = {**yaml.safe_load((CONFIG / "scoring.yaml").read_text()), **extra}
    with pytest.raises(ScoringConfigError) as info:
        scoring_from_dict(data)
    assert message in str(info.value)


def test_defaults_when_a_scoring_file_predates_them():
    import yaml

    data = yaml.safe_load((CONFIG / "scoring.yaml").read_text())
    del data["gate"], data["strong_match"]
    cfg = scoring_from_dict(data)
    assert cfg.gate == ("credential", "education", "experience") and cfg.strong_match == 0.8
