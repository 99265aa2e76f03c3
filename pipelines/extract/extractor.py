"""The Extractor: posting dict in, contract output object out (with evidence offsets)."""

from __future__ import annotations

import dataclasses
import gc
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pipelines.jobfamily import JobFamilyMatch, classify
from pipelines.taxonomy import DEFAULT_TAXONOMY, Taxonomy, load_taxonomy
from pipelines.vocabulary import load_vocabulary

from . import saved
from .education import find_education as _find_education
from .experience import find_years
from .glue import Unglued, kept_words, unglue
from .levels import job_content_only
from .pipeline import (
    COMPANY_KEY,
    LAYOUT_KEY,
    READER,
    TEXT_KEY,
    TOKENIZED_KEY,
    build_pipeline,
    doc_text,
    reading_of,
    resolved_mentions,
)
from .reading import reading_text
from .structure import Layout, heading_kind
from .text import posting_text

_IN_PROGRESS = re.compile(
    r"\b(?:pursuing|preparing for|prepare for|studying for|study for|expected|anticipated|"
    r"in progress|candidate|enrolled|working toward|working towards|scheduled to (?:take|sit)|"
    r"will sit|sitting for|plan to (?:sit|take)|exam date)\b",
    re.IGNORECASE,
)
_ELIGIBLE = re.compile(r"\beligib", re.IGNORECASE)
_VOCAB = load_vocabulary()


def _is_heading(word: str) -> bool:
    return heading_kind(word) is not None


@dataclass(frozen=True)
class Mention:
    """A credential or skill named in a resume (or any text), with what the sentence says of it.

    status: "held" (default), "in progress" (pursuing / preparing for / studying for /
    expected <date> / candidate) or "eligible".
    """

    id: str
    kind: str  # credential | skill
    start: int
    end: int
    text: str
    status: str = "held"


class Extractor:
    """Reads postings with one spaCy pipeline built from one taxonomy."""

    def __init__(self, nlp: Language, taxonomy: Taxonomy) -> None:
        self.nlp = nlp
        self.taxonomy = taxonomy
        # the version stored with each extraction: the taxonomy's, and a digest of the
        # vocabulary and the extractor's code (a change to any of them re-extracts)
        self.taxonomy_version: str = f"{taxonomy.version}+{saved.rules_digest()}"
        # words written with an inner capital on purpose: never a seam where lines were glued
        self._kept = kept_words(
            [form for t in taxonomy.terms() for form in (t.name, *t.acronyms, *t.aliases)]
        ) | frozenset(_VOCAB.listing("text.mixed_case_words"))
        # credentials' acronyms, which glued runs of capitals are parted into
        self._acronyms = frozenset(
            a for t in taxonomy.terms("credential") for a in t.acronyms
            if a.isalpha() and a.isupper()
        )  # fmt: skip

    @classmethod
    def from_nlp(cls, nlp: Language) -> Extractor:
        """Wrap a pipeline loaded with ``spacy.load`` (the taxonomy travels inside it)."""
        return cls(nlp, nlp.get_pipe(READER).taxonomy)

    # ---- postings -----------------------------------------------------------------------
    def _view(self, posting: dict[str, Any]) -> Unglued:
        """The text the extractor reads: the posting's text with glued lines parted."""
        if not isinstance(posting, dict):
            raise TypeError("a posting must be a JSON object")
        company = str(posting.get("company") or "")
        return unglue(posting_text(posting), self._kept, _is_heading, company, self._acronyms)

    def _make_doc(self, posting: dict[str, Any], text: str, *, whole: bool = False) -> Doc:
        """The doc the pipeline reads. Sections that are not job content are blanked before
        the tokenizer (their terms would not count: levels.job_content_only), unless `whole`
        asks for every term to be found (`mrt explain` shows why each one is left out)."""
        layout = Layout(reading_text(text))
        tokenized = text if whole else job_content_only(layout, text)
        doc = self.nlp.make_doc(tokenized)
        doc.user_data[TEXT_KEY] = text
        doc.user_data[LAYOUT_KEY] = layout
        if tokenized is not text:
            doc.user_data[TOKENIZED_KEY] = tokenized
        if posting.get("company"):
            doc.user_data[COMPANY_KEY] = str(posting["company"])
        return doc

    def _prepare(self, posting: dict[str, Any]) -> tuple[Unglued, JobFamilyMatch]:
        view = self._view(posting)
        return view, classify(str(posting.get("title") or ""), view.text)

    def extract(self, posting: dict[str, Any]) -> dict[str, Any]:
        """The contract output object for one posting, plus `role` and evidence.

        A posting outside the job family is not read further: the contract leaves its
        fields unscored, and nothing downstream uses requirements of other jobs.
        """
        view, family = self._prepare(posting)
        if not family.relevant:
            return self._result(posting, family, None, view)
        return self._result(posting, family, self.nlp(self._make_doc(posting, view.text)), view)

    def extract_many(
        self, postings: Iterable[dict[str, Any]], batch_size: int = 64
    ) -> Iterator[dict[str, Any]]:
        """Stream results in input order, `batch_size` postings at a time through ``nlp.pipe``
        (memory stays flat whatever the number of postings)."""
        chunk: list[dict[str, Any]] = []
        for posting in postings:
            chunk.append(posting)
            if len(chunk) >= batch_size:
                yield from self._extract_chunk(chunk)
                chunk = []
        if chunk:
            yield from self._extract_chunk(chunk)

    def _extract_chunk(self, chunk: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        prepared = [(posting, *self._prepare(posting)) for posting in chunk]
        docs = [self._make_doc(p, view.text) for p, view, family in prepared if family.relevant]
        piped = iter(self.nlp.pipe(docs, batch_size=max(1, len(docs))))
        for posting, view, family in prepared:
            yield self._result(posting, family, next(piped) if family.relevant else None, view)

    def _result(
        self, posting: dict[str, Any], family: JobFamilyMatch, doc: Doc | None, view: Unglued
    ) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": posting.get("id"),
            "relevant": family.relevant,
            "role": family.role,
            "credentials": [],
            "skills": [],
            "education": [],
            "experience": [],
            "salary": None,
        }
        if doc is None:
            return out
        reading = reading_of(doc)
        out["credentials"] = reading.credentials
        out["skills"] = reading.skills
        out["education"] = reading.education
        out["experience"] = reading.experience
        out["salary"] = reading.salary
        if reading.salary_evidence:
            out["salary_evidence"] = reading.salary_evidence
        if view.inserted:
            _point_into_stored_text(out, view)
        return out

    def reading(self, posting: dict[str, Any]):
        """The full reading of a posting (every mention, counted or not, and why): for `mrt explain`."""
        doc = self.nlp(self._make_doc(posting, self._view(posting).text, whole=True))
        return doc_text(doc), reading_of(doc)

    # ---- resumes ------------------------------------------------------------------------
    def find_mentions(self, text: str) -> list[Mention]:
        """Every credential/skill mention in `text` (no boilerplate or level logic), for resumes.

        The status comes from the mention's sentence: "in progress" for pursuing / preparing
        for / studying for / expected <date> / candidate, "eligible" for eligible, else "held".
        Lines a PDF's text glued together ("SkillsEpic, Cerner") are read parted; offsets
        point into `text`.
        """
        view = unglue(text or "", self._kept, _is_heading, acronyms=self._acronyms)
        text = view.text
        doc = self.nlp.make_doc(text)
        for name, proc in self.nlp.pipeline:
            if name != READER:
                doc = proc(doc)
        layout = Layout(text)
        found: list[Mention] = []
        for m in resolved_mentions(doc, text):
            s, e = layout.sentence_of(m.start)
            sentence = text[s:e]
            near = text[m.start : min(e, m.end + 25)]
            if _IN_PROGRESS.search(sentence):
                status = "in progress"
            elif _ELIGIBLE.search(near) or _ELIGIBLE.search(text[max(s, m.start - 25) : m.start]):
                status = "eligible"
            else:
                status = "held"
            found.append(Mention(m.id, m.kind, m.start, m.end, m.text, status))
        if view.inserted:
            for i, f in enumerate(found):
                start, end, piece = view.stored_span(f.start, f.end)
                found[i] = dataclasses.replace(f, start=start, end=end, text=piece)
        return found

    def find_education(self, text: str) -> list[dict[str, Any]]:
        """Education levels named in `text`: [{"level", "start", "end", "text"}] in text order."""
        return [
            {"level": e.level, "start": e.start, "end": e.end, "text": text[e.start : e.end]}
            for e in _find_education(text or "")
        ]

    def find_experience_years(self, text: str) -> list[dict[str, Any]]:
        """Stated years of experience in `text` ("5 years of coding experience"), per clause.

        Returns [{"years", "start", "end", "text"}]; date ranges of a work history are the
        caller's business (the matcher reads those itself).
        """
        text = text or ""
        layout = Layout(text)
        return [
            {"years": y.years, "start": y.start, "end": y.end, "text": text[y.start : y.end]}
            for cs, ce in layout.clauses
            for y in find_years(text, cs, ce)
        ]


def _point_into_stored_text(out: dict[str, Any], view: Unglued) -> None:
    """Evidence offsets of a reading of `view` moved to the stored text they came from."""
    evidence = [ev for key in ("credentials", "skills", "education", "experience")
                for item in out[key] for ev in item.get("evidence", ())]  # fmt: skip
    if out.get("salary_evidence"):
        evidence.append(out["salary_evidence"])
    for ev in evidence:
        ev["start"], ev["end"], ev["text"] = view.stored_span(ev["start"], ev["end"])


def _pipeline(taxonomy: Taxonomy) -> Language:
    """The pipeline of `taxonomy`: the one saved by an earlier run when it was built from the
    same inputs and code (pipelines.extract.saved), else built now and saved."""
    key = saved.pipeline_key(taxonomy.version)
    nlp = saved.load_saved(key)
    if not isinstance(nlp, Language):
        nlp = build_pipeline(taxonomy)
        saved.save(key, nlp)
    return nlp


_CACHE: dict[tuple[str, int], Extractor] = {}
_LOCK = threading.Lock()


def load_extractor(taxonomy_path: str | Path | None = None) -> Extractor:
    """The extractor for a taxonomy file (default config/taxonomy.yaml), built once per file version."""
    path = Path(taxonomy_path) if taxonomy_path is not None else DEFAULT_TAXONOMY
    taxonomy = load_taxonomy(path)
    key = (str(path.resolve()), hash(taxonomy.version))
    with _LOCK:
        extractor = _CACHE.get(key)
        if extractor is None:
            extractor = Extractor(_pipeline(taxonomy), taxonomy)
            _CACHE[key] = extractor
            _freeze_once()
        return extractor


_FROZEN = False


def _freeze_once() -> None:
    """Move what the process holds now, the built pipeline above all (some 80,000 objects),
    out of the cyclic collector's reach: it lives as long as the process, and without this
    every full collection during a run walks all of it again (~5% of extraction time)."""
    global _FROZEN
    if not _FROZEN:
        gc.freeze()
        _FROZEN = True
