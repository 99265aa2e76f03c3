"""config/vocabulary.yaml is checked when loaded: a broken class is an error, not a rule
that silently never fires."""

from __future__ import annotations

import re

import pytest
import yaml

from pipelines.vocabulary import (
    CLASSES,
    DEFAULT_VOCABULARY,
    VocabularyError,
    load_vocabulary,
    parse_vocabulary,
)


def _shipped() -> dict:
    return yaml.safe_load(DEFAULT_VOCABULARY.read_text(encoding="utf-8"))


def _dump(data: dict) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def _set(data: dict, dotted: str, value) -> dict:
    *parents, leaf = dotted.split(".")
    node = data
    for key in parents:
        node = node[key]
    node[leaf] = value
    return data


def test_shipped_file_loads_with_every_class() -> None:
    vocab = load_vocabulary()
    assert set(vocab.classes) == set(CLASSES)
    assert all(vocab.fragments(name) for name in CLASSES)
    assert vocab.listing("disabled") == ()  # never ship an ablation


def test_a_fragment_written_as_a_mapping_is_caught() -> None:
    # an unquoted "pay(?: range)" is a YAML mapping, not a string
    text = DEFAULT_VOCABULARY.read_text(encoding="utf-8").replace(
        "    - 'pay(?: range| rate)?'", "    - pay(?: range| rate)?"
    )
    with pytest.raises(VocabularyError, match=r"headings\.pay\[\d+\] must be a non-empty string"):
        parse_vocabulary(text)


@pytest.mark.parametrize(
    ("dotted", "value", "message"),
    [
        ("cues.preferred", [], "class 'cues.preferred' is missing or empty"),
        ("cues.required", ["must", "(unclosed"], r"cues\.required\[1\] is not a valid pattern"),
        ("cues.preffered", ["preferred"], "unknown class 'cues.preffered'"),
        ("job_family.roles.billing", ["biller"], "unknown class 'job_family.roles.billing'"),
        ("job_family.role_order", ["cdi", "coding"], "role_order must list each of"),
        ("disabled", ["cues.nothing"], "disabled class 'cues.nothing' is not a class"),
        ("job_family.abbreviations", {}, "must be a non-empty mapping"),
        ("education.triggers", [], "'education.triggers' must be a non-empty list"),
        ("education.triggers", ["degree", "GED"], "must be a non-empty list of lower-case words"),
        ("text.mixed_case_words", ["PowerPoint"], "must be a non-empty list of lower-case words"),
        ("text.mixed_case_words", [], "'text.mixed_case_words' must be a non-empty list"),
        ("education.bachelor", ["bachelor(?:'s"], r"education\.bachelor\[0\] is not a valid"),
    ],
)
def test_broken_classes_fail_at_load(dotted: str, value, message: str) -> None:
    with pytest.raises(VocabularyError, match=message):
        parse_vocabulary(_dump(_set(_shipped(), dotted, value)))


def test_aliases_are_refused() -> None:
    text = "version: 1\nx: &a [a, a]\ny: [*a, *a]\n"
    with pytest.raises(VocabularyError, match="aliases"):
        parse_vocabulary(text)


def test_oversized_file_is_refused() -> None:
    with pytest.raises(VocabularyError, match="larger than"):
        parse_vocabulary("#" * 2_000_000)


def test_a_disabled_class_matches_nothing() -> None:
    vocab = parse_vocabulary(_dump(_set(_shipped(), "disabled", ["cues.preferred"])))
    assert not vocab.pattern("cues.preferred").search("RHIT preferred")
    assert load_vocabulary().pattern("cues.preferred").search("RHIT preferred")


def test_a_new_cue_word_is_a_one_line_change() -> None:
    data = _shipped()
    data["cues"]["preferred"].append("would be lovely")
    vocab = parse_vocabulary(_dump(data))
    assert vocab.pattern("cues.preferred", suffix=r"\b").search("CPC would be lovely")
    assert re.search(load_vocabulary().alternation("cues.required"), "must")


# ---- per-term sense rules live in the taxonomy, checked when it is loaded ----------------
TAXONOMY_HEAD = "version: 1\ncredentials: {}\nskills:\n"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "  pcc:\n    name: PointClickCare\n    acronyms: [PCC]\n"
            "    context:\n      PXX: {pattern: 'chart'}\n",
            "context.PXX: not one of the term's acronyms or aliases",
        ),
        (
            "  pcc:\n    name: PointClickCare\n    acronyms: [PCC]\n"
            "    context:\n      PCC: {pattern: '(chart'}\n",
            "context.PCC.pattern is not a valid pattern",
        ),
        (
            "  pcc:\n    name: PointClickCare\n    acronyms: [PCC]\n"
            "    context:\n      PCC: {pattern: 'chart', scope: page}\n",
            "scope must be 'sentence' or 'posting'",
        ),
        (
            "  epic:\n    name: Epic\n    acronyms: [Epic]\n    wrong_sense: {later: 'x'}\n",
            "'wrong_sense' takes 'before' and/or 'after'",
        ),
        (
            "  epic:\n    name: Epic\n    acronyms: [Epic]\n"
            "    wrong_sense: {after: 'x', forms: [EPIC Systems]}\n",
            "wrong_sense.forms 'EPIC Systems' is not a form of this term",
        ),
        (
            "  epic:\n    name: Epic\n    acronyms: [Epic]\n    right_sense: {forms: [Epic]}\n",
            "a 'right_sense' rule needs 'before' or 'after'",
        ),
        (
            "  epic:\n    name: Epic\n    acronyms: [Epic]\n    right_sense: {after: '(x'}\n",
            "right_sense.after is not a valid pattern",
        ),
        (
            "  data-entry:\n    name: Data entry\n    aliases: ['input of ... (data']\n",
            "must be words around ' ... '",
        ),
    ],
)
def test_broken_sense_rules_fail_at_load(entry: str, message: str) -> None:
    from pipelines.taxonomy import TaxonomyError, parse_taxonomy

    with pytest.raises(TaxonomyError, match=re.escape(message)):
        parse_taxonomy(TAXONOMY_HEAD + entry)


def test_sense_rules_come_from_the_taxonomy(run) -> None:
    assert [s["id"] for s in run("Chart in PCC daily.")["skills"]] == ["pointclickcare"]
    assert run("Meet with the PCC to plan visits.")["skills"] == []
    # the plain name elsewhere in the posting is enough for the short form
    both = run("We chart in PointClickCare. Questions about PCC go to the lead.")
    assert [s["id"] for s in both["skills"]] == ["pointclickcare"]


def test_sense_rules_travel_with_a_saved_pipeline() -> None:
    from pipelines.taxonomy import Taxonomy, load_taxonomy

    taxonomy = load_taxonomy()
    again = Taxonomy.from_data(taxonomy.to_data())
    assert again.term("pointclickcare").context == taxonomy.term("pointclickcare").context
    assert again.term("epic").wrong_sense == taxonomy.term("epic").wrong_sense
    indexing = taxonomy.term("scanning-indexing")
    assert indexing.right_sense and again.term("scanning-indexing").right_sense == (
        indexing.right_sense
    )


def test_reading_without_a_pipeline_uses_the_default_taxonomys_senses() -> None:
    from pipelines.extract.mentions import TermMention
    from pipelines.extract.reading import read_requirements

    text = "Meet with the PCC weekly."
    mention = TermMention(id="pointclickcare", kind="skill", start=14, end=17, text="PCC")
    reading = read_requirements(text, [mention])
    assert reading.skills == []


def test_education_levels_read_from_the_vocabulary() -> None:
    from pipelines.extract.education import find_education

    levels = [
        m.level for m in find_education("HNC or a BTEC; a BS in HIM; two years above high school")
    ]
    assert levels == ["associate", "certificate", "bachelor", "associate"]
    # the phrase after a not-after word is no high-school requirement
    assert find_education("coursework past high school") == []


def test_a_taxonomy_file_from_the_user_is_read_within_bounds(tmp_path) -> None:
    from pipelines.taxonomy import TaxonomyError, load_taxonomy

    bomb = tmp_path / "taxonomy.yaml"
    bomb.write_text(
        "version: 1\nx: &a [a, a, a, a, a, a, a, a]\ny: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
        "credentials: {}\nskills: {}\n",
        encoding="utf-8",
    )
    with pytest.raises(TaxonomyError, match="aliases"):
        load_taxonomy(bomb)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"version: 1\n# " + b"x" * 1_100_000 + b"\ncredentials: {}\nskills: {}\n")
    with pytest.raises(TaxonomyError, match="larger than"):
        load_taxonomy(big)
