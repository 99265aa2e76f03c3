"""The plain-word prefilters and fast-scanning rewrites of the reader's patterns: a prefilter
may only say "cannot match" when the pattern indeed cannot, a rewrite finds what the plain
pattern finds."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from pipelines.extract import cues, education_experience, groups
from pipelines.extract.literals import folds_plainly, prefilter, required_words
from pipelines.extract.structure import Layout
from pipelines.vocabulary import CLASSES, load_vocabulary

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _texts() -> list[str]:
    from pipelines.extract.text import posting_text

    out = []
    for path in sorted(FIXTURES.glob("labelled*/postings.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(posting_text(json.loads(line)))
    return out


TEXTS = _texts()


def test_required_words_of_simple_patterns():
    assert required_words(re.compile(r"eligib|within", re.I)) == {"eligib", "within"}
    assert required_words(re.compile(r"\bone\s+of\s+the\s+following\b", re.I)) == {"following"}
    assert required_words(re.compile(r"(?:our|the) (?:team|staff) includes?")) == {" include"}
    # nothing certain: an optional part, a class, a single character
    assert required_words(re.compile(r"(?:abc)?\d+")) is None
    assert required_words(re.compile(r"x|yz")) is None


def test_odd_case_folds_turn_the_prefilter_off():
    assert folds_plainly("Tuition 401(k) • ’")
    for odd in ("\u0130", "\u0131", "\u017f", "\u212a"):
        assert not folds_plainly(f"tui{odd}ion")
    # "tuıtion" (dotless i) is boilerplate to the case-insensitive pattern: no shortcut then
    text = "Free tu\u0131tion for staff."
    layout = Layout(text)
    assert cues.BOILERPLATE_SENTENCE.search(text)
    assert layout.may_hold(cues.BOILERPLATE_WORDS, 0, len(text))


def _windows(text: str, rng: random.Random, layout: Layout) -> list[tuple[int, int]]:
    spans = list(layout.clauses) + list(layout.sentences)
    for _ in range(20):
        a = rng.randrange(0, max(1, len(text)))
        spans.append((a, min(len(text), a + rng.randint(1, 200))))
    return spans


@pytest.mark.parametrize("name", [c for c in CLASSES if load_vocabulary().enabled(c)])
def test_a_prefilter_never_hides_a_match(name: str):
    pattern = load_vocabulary().pattern(name)
    words = prefilter(pattern)
    if words is None:
        pytest.skip("no required words")
    rng = random.Random(name)
    for text in TEXTS:
        layout = Layout(text)
        for s, e in _windows(text, rng, layout):
            if not layout.may_hold(words, s, e):
                assert pattern.search(text[s:e]) is None, (name, text[s:e])


def test_the_fast_unit_pattern_finds_what_the_plain_one_did():
    plain = re.compile(r"(?i)\b(?:y(?:ea)?rs?|mo(?:nth)?s?)\b")
    fast = education_experience._UNIT
    samples = [
        *TEXTS,
        "5 YRS, 6 mos; 1 yr. 2Years myears yearly 3-month MOS",
        "\u017fyears years\u017f",
    ]
    rng = random.Random(3)
    letters = "yYmMeEaArRsSoOnNtThH \u017f1_-.\n\u0130\u0131"
    samples += ["".join(rng.choice(letters) for _ in range(12)) for _ in range(20000)]
    for text in samples:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_hints_are_necessary_for_the_patterns_they_guard():
    lower_or = education_experience._LOWER_OR
    hint = education_experience._OR_LINE_END
    samples = [*TEXTS, "A\n  - or:  \nB", "x; Or\ny", "or", "  OR\n", "for\n", "\u0130 oR \n"]
    for text in samples:
        if lower_or.search(text):
            assert hint.search(text.lower())  # the hint reads the lower-cased text
    assert groups._ONE_OF_WORDS == ("either", "following")
    # "meet one of the following" opens with one of the verbs its hint lists
    opening = re.match(r"\\b\(\?:([a-z|]+)\)", education_experience._ONE_OF_PATHS.pattern)
    assert opening is not None
    assert set(opening.group(1).split("|")) == set(education_experience._ONE_OF_VERBS)


def test_clause_breaks_are_those_of_the_whole_scan():
    from pipelines.extract import structure

    def spans(matches):
        return [(m.span(), m.group("p")) for m in matches]

    rng = random.Random(5)
    alphabet = " \t\n.!?;•·*-|)1a2A\"'([]"
    samples = [*TEXTS, *("".join(rng.choice(alphabet) for _ in range(14)) for _ in range(20000))]
    for text in samples:
        fast = spans(structure._clause_breaks(text))
        assert fast == spans(structure._CLAUSE_BREAK.finditer(text)), text


def test_unit_clauses_are_those_of_every_unit():
    rng = random.Random(1)
    pieces = ["year", "years", "yrs", "mo", "months", " ", ";", ".", "\n", "•", " - ", "Year."]
    pieces += ["A", "xyear", "3", "Requirements:", "-"]
    samples = [*TEXTS, *("".join(rng.choice(pieces) for _ in range(30)) for _ in range(5000))]
    for text in samples:
        layout = Layout(text)
        every = {layout.clause_index(m.start()) for m in education_experience._UNIT.finditer(text)}
        assert education_experience._unit_clauses(text, layout) == sorted(every), text


def test_gap_phrases_are_found_where_the_whole_scan_finds_them(extractor):
    from pipelines.extract.pipeline import READER, _gap_matches

    rng = random.Random(4)
    words = ["data", "entry", "Entry", "enter", "entering", "patient", "demographic", "query"]
    words += ["the", "provider", "physician", "-", "\n", "into", "input", "of", "x-entry"]
    samples = [*TEXTS, *(" ".join(rng.choice(words) for _ in range(12)) for _ in range(3000))]
    for phrase in extractor.nlp.get_pipe(READER).gaps:
        for text in samples:
            whole = [m.span() for m in phrase.pattern.finditer(text)]
            assert [m.span() for m in _gap_matches(phrase, text, text.lower())] == whole
