"""The one taxonomy API every stage reads: names, forms, implications, next steps, checks."""

from __future__ import annotations

import pytest

from matcher.terms import MatchTermsError, match_terms
from pipelines.report.names import names_from
from pipelines.taxonomy import TaxonomyError, load_taxonomy, parse_taxonomy

SMALL = """
version: 3
credentials:
  HIGH:
    name: Senior Record Credential
    acronyms: [HIGH]
    implies: [MID]
    issuer: Example Board
    eligibility: an associate degree, then the exam
  MID:
    name: Middle Record Credential
    implies: [LOW]
  LOW:
    name: Entry Record Credential
    aliases: [entry credential]
skills:
  chartware:
    name: Chartware
    category: EHR system
  ehr:
    name: Electronic health record
    acronyms: [EHR]
"""


def test_implications_are_transitive_and_read_both_ways() -> None:
    taxonomy = parse_taxonomy(SMALL, "small.yaml")
    assert set(taxonomy.implies("HIGH")) == {"MID", "LOW"}
    assert set(taxonomy.implied_by("LOW")) == {"HIGH", "MID"}
    assert taxonomy.implies("LOW") == ()


def test_extra_implications_join_the_taxonomys_own() -> None:
    taxonomy = parse_taxonomy(SMALL, "small.yaml")
    closed = taxonomy.implications("credential", {"LOW": ["LOW"], "MID": []})
    assert closed["HIGH"] == {"MID", "LOW"} and closed["LOW"] == frozenset()
    skills = taxonomy.implications("skill", {"chartware": ["ehr"]})
    assert skills == {"chartware": frozenset({"ehr"}), "ehr": frozenset()}


def test_names_forms_and_next_steps() -> None:
    taxonomy = parse_taxonomy(SMALL, "small.yaml")
    assert taxonomy.name("MID") == "Middle Record Credential"
    assert taxonomy.name("NOPE") == "NOPE"
    assert taxonomy.lookup("  Entry Credential ").id == "LOW"
    assert taxonomy.lookup("senior record credential").id == "HIGH"
    assert taxonomy.lookup("nothing") is None
    assert taxonomy.term("HIGH").next_step == (
        "issued by Example Board; an associate degree, then the exam"
    )
    assert taxonomy.term("LOW").next_step == ""


def test_every_stage_reads_the_same_names() -> None:
    taxonomy = parse_taxonomy(SMALL, "small.yaml")
    terms = match_terms(taxonomy, {"category_implies": {"EHR system": ["ehr"]}}, "m.yaml")
    names = names_from(taxonomy)
    for term in taxonomy.terms():
        assert names.item(term.kind, term.id) == terms.name(term.kind, term.id) == term.name
    assert names.categories == {"chartware": "EHR system"}
    assert terms.implied("skill", "chartware") == {"ehr"}
    assert terms.resolve("credential", "HIGH") == "HIGH"
    assert terms.resolve("skill", "HIGH") is None


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ("implies: [LOW]", None),
        (
            "implies: [GONE]",
            "taxonomy small.yaml: credential MID: implies unknown credential 'GONE'",
        ),
        ("implies: [ehr]", "implies unknown credential 'ehr'"),  # a skill is not a credential
    ],
)
def test_an_implication_must_name_a_known_term_of_its_kind(edit: str, message: str | None) -> None:
    text = SMALL.replace("implies: [LOW]", edit)
    if message is None:
        parse_taxonomy(text, "small.yaml")
        return
    with pytest.raises(TaxonomyError, match=message.replace("(", r"\(")):
        parse_taxonomy(text, "small.yaml")


def test_matching_facts_must_name_taxonomy_ids() -> None:
    taxonomy = parse_taxonomy(SMALL, "small.yaml")
    with pytest.raises(MatchTermsError, match="unknown credential 'CPC'"):
        match_terms(taxonomy, {"implies": {"credentials": {"CPC": ["LOW"]}}}, "m.yaml")
    with pytest.raises(MatchTermsError, match="no skill has this category"):
        match_terms(taxonomy, {"category_implies": {"Billing": ["ehr"]}}, "m.yaml")


def test_a_load_failure_is_one_line_naming_the_file(tmp_path) -> None:
    missing = tmp_path / "absent.yaml"
    with pytest.raises(TaxonomyError, match="cannot read taxonomy .*absent.yaml"):
        load_taxonomy(missing)
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(folder)
    assert "folder.yaml" in str(caught.value) and "\n" not in str(caught.value)


def test_the_bundled_taxonomy_loads_and_its_implications_hold() -> None:
    taxonomy = load_taxonomy()
    assert "RHIT" in taxonomy.implies("RHIA")
    assert "RHIA" in taxonomy.implied_by("RHIT")
