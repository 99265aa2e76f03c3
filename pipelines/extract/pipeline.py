"""The spaCy pipeline: two term rulers (case-sensitive acronyms/brands, lower-case phrases) and the
`mrt_requirements` component that reads levels, groups, qualifiers, years, education and pay.

Pattern data is loaded in ``initialize()`` and saved with ``to_disk``, so
``nlp.to_disk(d)`` then ``spacy.load(d)`` gives the same pipeline without the YAML file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc

from pipelines.taxonomy import Taxonomy, load_taxonomy

from .literals import folds_plainly
from .patterns import (
    CASED_RULER,
    LOWER_RULER,
    PLURAL_SUFFIX,
    GapPhrase,
    build_patterns,
    gap_phrases,
)
from .reading import Reading, TermMention, read_requirements
from .senses import TermSenses, senses_for

READER = "mrt_requirements"
TERM_RULER = "mrt_term_ruler"
COMPANY_KEY = "mrt_company"
TEXT_KEY = "mrt_text"  # the posting's text, as a str: Doc.text would re-join every token
# The text the tokenizer read, where the maker of the doc blanked parts of TEXT_KEY's text
# (levels.job_content_only); offsets are the same in both.
TOKENIZED_KEY = "mrt_tokenized"
# The rulers' matches, as rows (start token, end token, label, term id) in doc.user_data, in
# the order SpanRuler would have put its spans in doc.spans.
TERMS_KEY = "mrt_terms"
# The Layout of the text (reading.reading_text of it) when the maker of the doc built it
# already: the reader then does not build it again.
LAYOUT_KEY = "mrt_layout"


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get(TEXT_KEY)
    return text if isinstance(text, str) else doc.text


if not Doc.has_extension("mrt_reading"):
    Doc.set_extension("mrt_reading", default=None)


def term_rows(doc: Doc) -> list[tuple[int, int, int, int]]:
    """Every term match of the rulers and the gap phrases: (start token, end token, label,
    term id), label and id as string hashes."""
    return doc.user_data.get(TERMS_KEY, [])


class TermRuler(SpanRuler):
    """spaCy's SpanRuler (its patterns, ``initialize`` and serialisation) leaving its matches
    as plain rows in ``doc.user_data`` instead of Span objects.

    Making a Span per match, hashing them into a set and sorting them cost three times
    what the PhraseMatcher does; every reader of the matches wants plain offsets anyway.
    The rows are deduplicated and ordered as SpanRuler orders its spans (start and end
    character, label, id: token offsets order them the same way), so the same overlaps win.
    """

    def __call__(self, doc: Doc) -> Doc:
        self._require_patterns()
        matches = set(self.phrase_matcher(doc))
        if len(self.matcher):
            matches.update(self.matcher(doc))
        ids = self._ids()
        rows = sorted(
            (start, end, *ids[match_id]) for match_id, start, end in matches if start != end
        )
        doc.user_data.setdefault(TERMS_KEY, []).extend(rows)
        return doc

    def _ids(self) -> dict[int, tuple[int, int]]:
        """Each match id's (label, term id) as string hashes."""
        cached = getattr(self, "_id_hashes", None)
        if cached is None or len(cached) != len(self._match_label_id_map):
            strings = self.nlp.vocab.strings
            cached = self._id_hashes = {
                match_id: (strings.add(entry["label"]), strings.add(entry["id"]))
                for match_id, entry in self._match_label_id_map.items()
            }
        return cached


@Language.factory(TERM_RULER, default_config={"phrase_matcher_attr": None})
def make_term_ruler(nlp: Language, name: str, phrase_matcher_attr: str | None) -> TermRuler:
    return TermRuler(
        nlp, name, spans_key=None, phrase_matcher_attr=phrase_matcher_attr, validate=False,
        overwrite=False,
    )  # fmt: skip


def resolved_mentions(doc: Doc, text: str | None = None) -> list[TermMention]:
    """Term matches with overlaps resolved: the longest wins ("CCS-P" over "CCS").

    The same rule as ``spacy.util.filter_spans`` (longest first, then leftmost; a span is
    kept unless its first or last token is taken), on plain tuples: reading each Span's
    properties once is most of the cost of a posting's term list.
    """
    text = doc.text if text is None else text
    strings = doc.vocab.strings
    rows = sorted(term_rows(doc), key=lambda r: (r[0] - r[1], r[0]))
    kept: list[tuple[int, int, int, int]] = []
    taken: set[int] = set()
    for row in rows:
        if row[0] not in taken and row[1] - 1 not in taken:
            kept.append(row)
            taken.update(range(row[0], row[1]))
    kept.sort(key=lambda r: r[0])
    mentions = []
    for start, end, label, term in kept:
        last = doc[end - 1]
        start_char, end_char = doc[start].idx, last.idx + len(last)
        mentions.append(_mention(strings[label], strings[term], start_char, end_char, text))
    return mentions


def _mention(label: str, term_id: str, start: int, end: int, text: str) -> TermMention:
    plural = label.endswith(PLURAL_SUFFIX)
    kind = label[: -len(PLURAL_SUFFIX)] if plural else label
    if text[end - 1 : end] == "." and "." not in text[start : end - 1] and end - start > 1:
        end -= 1  # "CCS-P." matched with its sentence-final period
    return TermMention(
        id=term_id, kind=kind.lower(), start=start, end=end, text=text[start:end], plural=plural
    )


class RequirementReader:
    """Turns the rulers' term spans into the posting's requirements (``doc._.mrt_reading``)."""

    def __init__(self, nlp: Language, name: str = READER) -> None:
        self.name = name
        self.taxonomy_data: dict[str, Any] | None = None
        self._senses: TermSenses | None = None
        self._gaps: tuple[GapPhrase, ...] | None = None

    def initialize(
        self,
        get_examples: Any = None,
        *,
        nlp: Language | None = None,
        taxonomy: dict[str, Any] | None = None,
    ) -> None:
        self.taxonomy_data = taxonomy if taxonomy is not None else load_taxonomy().to_data()
        self._senses = self._gaps = None

    @property
    def taxonomy(self) -> Taxonomy:
        if self.taxonomy_data is None:
            self.initialize()
        return Taxonomy.from_data(self.taxonomy_data)  # type: ignore[arg-type]

    @property
    def senses(self) -> TermSenses:
        """The taxonomy's per-term sense rules, compiled once per loaded taxonomy."""
        if self._senses is None:
            self._senses = senses_for(self.taxonomy)
        return self._senses

    @property
    def gaps(self) -> tuple[GapPhrase, ...]:
        if self._gaps is None:
            self._gaps = gap_phrases(self.taxonomy)
        return self._gaps

    def add_gap_phrases(self, doc: Doc, text: str) -> None:
        """Spans of the aliases with gaps ("input of ... data") beside the rulers' spans."""
        found = []
        lowered = text.lower()
        plain = folds_plainly(text)
        for phrase in self.gaps:
            if phrase.first_word not in lowered:
                continue
            for m in _gap_matches(phrase, text, lowered if plain else None):
                span = doc.char_span(
                    m.start(),
                    m.end(),
                    phrase.label,
                    alignment_mode="contract",
                    span_id=phrase.term_id,
                )
                if span is not None and len(span):
                    found.append((span.start, span.end, span.label, span.id))
        if found:
            doc.user_data.setdefault(TERMS_KEY, []).extend(found)

    def __call__(self, doc: Doc) -> Doc:
        company = doc.user_data.get(COMPANY_KEY)
        text = doc_text(doc)
        self.add_gap_phrases(doc, doc.user_data.get(TOKENIZED_KEY, text))
        doc._.mrt_reading = read_requirements(
            text,
            resolved_mentions(doc, text),
            company,
            layout=doc.user_data.pop(LAYOUT_KEY, None),
            senses=self.senses,
        )
        return doc

    # Serialisation: the taxonomy travels with the pipeline.
    def to_bytes(self, *, exclude: tuple = ()) -> bytes:
        return json.dumps(self.taxonomy_data or {}).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: tuple = ()) -> RequirementReader:
        self.taxonomy_data = json.loads(data.decode("utf-8")) or None
        self._senses = self._gaps = None
        return self

    def to_disk(self, path: str | Path, *, exclude: tuple = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "taxonomy.json").write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: tuple = ()) -> RequirementReader:
        return self.from_bytes((Path(path) / "taxonomy.json").read_bytes())


def _gap_matches(phrase: GapPhrase, text: str, lowered: str | None) -> Iterator[re.Match[str]]:
    """What ``phrase.pattern.finditer(text)`` finds. A match opens with the phrase's first
    word, so with `lowered` (the text lower-cased, when that is exact: see
    literals.folds_plainly) the pattern is tried only where that word stands."""
    word = phrase.first_word.lower()
    if lowered is None or not word.isascii():
        yield from phrase.pattern.finditer(text)
        return
    end, at = 0, lowered.find(word)
    while at >= 0:
        if at >= end:
            m = phrase.pattern.match(text, at)
            if m is not None:
                end = m.end()
                yield m
        at = lowered.find(word, at + 1)


@Language.factory(READER)
def make_requirement_reader(nlp: Language, name: str) -> RequirementReader:
    return RequirementReader(nlp, name)


# "RHIT®/RHIA®", "CPT®/HCPCS": English splits "/" only between letters or digits, which
# leaves "/RHIA" as one token after a trademark sign and hides the second term.
SLASH_AFTER_MARK = r"(?<=[®™©])/(?=[A-Za-z])"
# "Certified Coding Specialist (CCS),Registered Health ...", "(CDIP)Certified ...": a list
# pasted without spaces still has one token per piece, so the names and acronyms match.
CLOSE_BEFORE_COMMA = r"(?<=[A-Za-z0-9])\)(?=[,;]?[A-Z(]|[,;][a-z])"
COMMA_AFTER_CLOSE = r"(?<=\))[,;](?=[A-Za-z(])"


def without_whitespace_cases(rules: dict[str, Any]) -> dict[str, Any]:
    """The tokenizer's special cases less those for a whitespace run ("\\n", " ", "\\t", NBSP).

    A run of whitespace is one token whether or not it is a special case, but in spaCy 3.8
    any special case met in a text stops the tokenizer from caching every later chunk of
    that text (explosion/spaCy#13950): the first line break of a posting turned the cache
    off for the rest of it. Without them a posting's words are cached and looked up as
    spaCy intends, with the same tokens (tests/extract/test_tokenizer.py)."""
    return {form: case for form, case in rules.items() if form.strip()}


def build_pipeline(taxonomy: Taxonomy) -> Language:
    """A blank English pipeline with the term rulers and the requirement reader, initialised."""
    nlp = spacy.blank("en")
    infixes = [*nlp.Defaults.infixes, SLASH_AFTER_MARK, CLOSE_BEFORE_COMMA, COMMA_AFTER_CLOSE]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    nlp.tokenizer.rules = without_whitespace_cases(nlp.tokenizer.rules)
    cased = nlp.add_pipe(TERM_RULER, name=CASED_RULER)
    lower = nlp.add_pipe(TERM_RULER, name=LOWER_RULER, config={"phrase_matcher_attr": "LOWER"})
    reader = nlp.add_pipe(READER)
    cased_patterns, lower_patterns = build_patterns(taxonomy)
    cased.initialize(lambda: [], nlp=nlp, patterns=cased_patterns)
    lower.initialize(lambda: [], nlp=nlp, patterns=lower_patterns)
    reader.initialize(nlp=nlp, taxonomy=taxonomy.to_data())
    return nlp


def reading_of(doc: Doc) -> Reading:
    reading = doc._.mrt_reading
    if reading is None:  # a pipeline without the reader: read now
        reading = read_requirements(
            doc_text(doc), resolved_mentions(doc, doc_text(doc)), doc.user_data.get(COMPANY_KEY)
        )
    return reading
