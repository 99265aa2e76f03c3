"""Lines glued together where a scraper dropped the break between them.

Datasets of scraped postings often lose the line break between a heading and its text, or
between two list items: "QualificationsCPC or CCS required", "...certification
requiredExperienceTwo years", "medical terminologyAbility to type". The glued piece is one
token, so the credential, the cue word and the year figure in it are all missed.

The extractor reads a view of the text with a line break put back at each such seam (a
space after a run-in heading's colon: "Required:Two years"), and maps its offsets back to
the stored text (``Unglued.original``), so evidence still points into what is stored. A seam is a lower-case letter run into a capital ("requiredCoding",
"experienceRHIT"), an acronym run into a word ("GEDKnowledge"), or a heading word run into
its text ("RequirementsHigh school"). Words written with a capital inside on purpose stay
whole: the taxonomy's own forms (PointClickCare, eClinicalWorks, NextGen), the posting's
company name (AdventHealth), and the vocabulary's list of such words (PowerPoint, HealthCare).

Two more seams of flattened datasets are parted the same way: a heading kept in *emphasis*
inside a line ("... (ICD-10) *Benefits:* * 401k") gets a line of its own, and a name glued to
its bracketed acronym ("Certified Outpatient Coder(COC)") gets a space.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from pipelines.vocabulary import load_vocabulary

from .text import SYMBOL_BULLETS


def _class_of(byte: int) -> int:
    char = chr(byte)
    if char.isascii() and char.islower():
        return ord("a")
    if char.isascii() and char.isupper():
        return ord("A")
    if char == "-":
        return ord("-")
    if char.isdigit():
        return ord("0")
    if char in "$)":
        return byte
    # not "?": the encoding below writes it for every character outside Latin-1 (bullets)
    return ord(".") if char in ".:" else ord(" ")


# Where a seam can be: a lower-case letter before a capital ("dA"), a capital before a
# capitalised word ("DKn"), a sentence end or colon before a capital (".M"), a dash bullet
# (".- Must") or a figure (".3-5 years"), a heading word or a closing bracket before a figure
# ("Qualifications1", "(CPC, CCS)3+ years"). Found in a copy
# of the text with each character replaced by its class (one byte per character, so
# offsets hold): bytes.find on it runs in C, where a regex with these alternations tried
# every position of every posting. Each candidate is then checked in Python (few per posting).
_CLASSES = bytes(_class_of(b) for b in range(256))
_SEAMS = (b"aA", b"AAa", b".A", b".-", b".0", b"a0", b")0")
_WORD = re.compile(r"[A-Za-z]+")
# What follows a seam: a capitalised word ("Coding") or an acronym ("CPC", "CPC" in
# "CPCApprentice", "E/M" and "E&M" in "experienceE/M coding", "R.H.I.T." in "haveR.H.I.T.").
_RIGHT = re.compile(r"[A-Z](?:[a-z]{2,}|[A-Z]+(?![a-z])|[/&][A-Z](?![a-z])|\.(?:[A-Z]\.)+)")
# The glued piece must look like words, not a code, a URL, a path or an address
# ("Skills/Credentials/EducationFive" is words: a slash between words is not a path).
_NOT_PROSE = re.compile(r"[@\\_=#]|^/|//|www\.|\.(?:com|org|net|gov|edu|us|io)\b", re.IGNORECASE)
_ITEM_OPENERS = frozenset(load_vocabulary().listing("text.item_openers"))
_MIN_LEFT = 3  # "requiredCoding": at least three lower-case letters before the capital


@dataclass(frozen=True)
class Unglued:
    """The text as read (line breaks and spaces put back) and where they were put."""

    text: str
    inserted: tuple[int, ...] = ()  # offsets in `text` of the characters put back

    def original(self, offset: int) -> int:
        """The offset in the stored text of `offset` in the text as read."""
        if not self.inserted:
            return offset
        return offset - bisect.bisect_left(self.inserted, offset)

    def stored(self) -> str:
        """The stored text this view was made from."""
        return self._stored

    def stored_span(self, start: int, end: int) -> tuple[int, int, str]:
        """text[start:end] of the view as (start, end, text) in the stored text."""
        a, b = self.original(start), self.original(end)
        return a, b, self._stored[a:b]

    @cached_property
    def _stored(self) -> str:
        if not self.inserted:
            return self.text
        bounds = (-1, *self.inserted, len(self.text))
        return "".join(self.text[a + 1 : b] for a, b in itertools.pairwise(bounds))


def _word_at(text: str, at: int) -> tuple[int, int]:
    start = at
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    end = at + 1
    while end < len(text) and text[end].isalpha():
        end += 1
    return start, end


def _chunk_at(text: str, start: int, end: int) -> str:
    """The whitespace-delimited piece around text[start:end]."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end]


def _classes(text: str) -> bytes:
    """The text with each character replaced by its class (see `_class_of`), offsets kept."""
    return text.encode("latin-1", "replace").translate(_CLASSES)


def _candidates(classes: bytes) -> list[int]:
    """Offsets of the characters a seam may follow (the "d" of "requiredCoding")."""
    found: list[int] = []
    for pair in _SEAMS:
        at = classes.find(pair)
        while at >= 0:
            found.append(at)
            at = classes.find(pair, at + 1)
    return sorted(found) if len(found) > 1 else found


def _last_word(left: str) -> str:
    """The last word of a glued run: "Experience" of "requiredExperience"."""
    for i in range(len(left) - 1, -1, -1):
        if left[i].isupper():
            return left[i:]
    return left


def _seam(
    text: str,
    at: int,
    word_start: int,
    is_heading: Callable[[str], bool],
    acronyms: frozenset[str] = frozenset(),
) -> bool:
    """Whether the capital after text[at] starts a new line that was glued on."""
    right = _RIGHT.match(text, at + 1)
    if right is None:
        return False
    capitalised = right.group()[1].islower()
    left = text[word_start : at + 1]
    if text[at].isupper():  # "GEDKnowledge", "CPC-ACoding": an acronym before a word
        acronym_start = _suffixed_acronym_start(text, word_start) if len(left) == 1 else None
        if acronym_start is not None:  # the letter is the suffix of "CPC-A": read the whole
            left = text[acronym_start : at + 1]
        return len(left) >= 2 and left.isupper() and capitalised
    part = _last_word(left)
    if len(part) - len(part.rstrip("abcdefghijklmnopqrstuvwxyz")) < _MIN_LEFT:
        return False
    if part[0].islower():  # "requiredCoding", "experienceRHIT"
        return True
    # "RequirementsHigh school", "ClinicsQualifications": a heading word on either side;
    # "CoderAssociate or Bachelor's": a word that opens a requirement line after it;
    # "AdventHealth", "eClinicalWorks" are names
    return (
        is_heading(part)
        or (capitalised and (is_heading(right.group()) or right.group().lower() in _ITEM_OPENERS))
        # "Microsoft Word and ExcelRHIT strongly preferred": a term's acronym after a word
        or (not capitalised and right.group() in acronyms)
    )


_DASH_ITEM = re.compile(r"-[ \t]*(?=[A-Z])")
_SHORT_WORD = re.compile(r"[A-Z][a-z](?=[ \t])")  # "At", "An", "In" opening a sentence
# A figure of years or months: "2+ years", "1-2 yrs", "6 months".
_YEARS_AHEAD = re.compile(
    r"\d{1,2}(?:\.\d)?(?:\s*[-–]\s*\d{1,2})?\+?\s*(?:years?|yrs?|months?|mos?)\b", re.IGNORECASE
)


# The letters and hyphen before the suffix letter of "CPC-A", "CCS-P".
_SUFFIXED_ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z]{2,6}-\Z")


def _suffixed_acronym_start(text: str, letter: int) -> int | None:
    """Where the acronym begins whose one-letter suffix is text[letter] ("CPC-A"), or None."""
    m = _SUFFIXED_ACRONYM.search(text, max(0, letter - 8), letter)
    return m.start() if m else None


def _acronym_before(text: str, at: int) -> bool:
    """Whether the letters before text[at] are a whole acronym of two to six capitals, or one
    with a suffix ("CCS-P") (not the "S" of "U.S" or a one-letter initial)."""
    start = _word_at(text, at - 1)[0] if at > 0 and text[at - 1].isalpha() else at
    if at - start == 1 and _suffixed_acronym_start(text, start) is not None:
        return True
    return 2 <= at - start <= 6 and (start == 0 or text[start - 1] not in ".-")


def _punctuation_seam(text: str, at: int) -> str:
    """What to put back after a sentence end or colon glued to what follows: a line break
    after "setting.Minimum" (a sentence or list item ended there) and before the dash of
    "processes.- Must" (the next item of a dash list), a space after "Required:Minimum" (a
    run-in heading), nothing for "St.Joseph", "e.g.Epic" or "10:30"."""
    before = text[max(0, at - 2) : at]
    if text[at + 1 : at + 2].isdigit():
        # "a related field.3-5 years of", "Experience:2 years": a figure opens the next item
        if text[at] == "." and _acronym_before(text, at):
            return "\n"  # "CPC or RHIA.3 years", "CCS-P.2-4 years"
        if len(before) != 2 or not before.isalpha():
            return ""
        return " " if text[at] == ":" else ("\n" if before.islower() else "")
    if text[at] == ":":
        return " " if before.isalpha() and len(before) == 2 and _RIGHT.match(text, at + 1) else ""
    if _RIGHT.match(text, at + 1) or _SHORT_WORD.match(text, at + 1):
        # "setting.Minimum", "or GED.At least" and "RHIA or RHIT.Bachelor's degree" (an
        # acronym ends the item)
        ended = before.islower() or (before.isupper() and _acronym_before(text, at))
        return "\n" if len(before) == 2 and before.isalpha() and ended else ""
    # "(RHIA).- RNs", "processes.- Must"
    ends_word = before[-1:].islower() or before[-1:] == ")"
    return "\n" if ends_word and _DASH_ITEM.match(text, at + 1) else ""


def unglue(
    text: str,
    kept: frozenset[str],
    is_heading: Callable[[str], bool],
    company: str = "",
    acronyms: frozenset[str] = frozenset(),
) -> Unglued:
    """`text` with a line break (or space) at every seam where a scraper glued two lines.

    `kept` holds lower-cased words written with an inner capital on purpose, and the words
    of `company` are kept too; `is_heading` says whether a capitalised word is a section
    heading ("Requirements", "Qualifications"); `acronyms` are the credentials' acronyms
    (RHIT, CPC...), which a run of capitals ("RHITCDIP") or a figure ("RHIT3") is parted from.
    """
    cuts: list[tuple[int, str]] = []
    company_words: frozenset[str] | None = None
    classes = _classes(text)
    for at in _candidates(classes):
        mark = text[at]
        if mark == ")":
            # "credential (CPC, CCS)3+ years": a figure glued after a bracket closing words
            if at > 0 and text[at - 1].isalpha():
                cuts.append((at + 1, "\n"))
            continue
        if mark in ".:":
            seam = _punctuation_seam(text, at)
            if seam and not _NOT_PROSE.search(_chunk_at(text, at, at + 1)):
                cuts.append((at + 1, seam))
            continue
        if text[at + 1 : at + 2].isdigit():
            # "Qualifications1-2 years": a heading word glued to the figure after it;
            # "coding certificate2+ years of": a word glued to a figure of years
            word_start = _word_at(text, at)[0]
            long_enough = at + 1 - word_start >= 4
            if long_enough and (
                is_heading(text[word_start : at + 1]) or _YEARS_AHEAD.match(text, at + 1)
            ):
                cuts.append((at + 1, "\n"))
            continue
        word_start, word_end = _word_at(text, at)
        word = text[word_start:word_end].lower()
        if word in kept:
            continue
        if company_words is None:  # "AdventHealth" in the text of AdventHealth's posting
            company_words = kept_words([company, company.replace(" ", "")])
        if word in company_words:
            continue
        if not _seam(text, at, word_start, is_heading, acronyms):
            continue
        if _NOT_PROSE.search(_chunk_at(text, word_start, word_end)):
            continue
        cuts.append((at + 1, "\n"))
    if "*" in text:
        cuts = sorted({*cuts, *_emphasised_heading_cuts(text)})
    if "(" in text:
        cuts = sorted({*cuts, *_glued_acronym_cuts(text)})
    if acronyms:
        cuts = sorted({*cuts, *_acronym_run_cuts(text, classes, acronyms, is_heading)})
    if not text.isascii():
        cuts = sorted({*cuts, *_glued_symbol_cuts(text)})
    if not cuts:
        return Unglued(text)
    pieces, inserted, last = [], [], 0
    for n, (cut, put) in enumerate(cuts):
        pieces += (text[last:cut], put)
        inserted.append(cut + n)
        last = cut
    pieces.append(text[last:])
    return Unglued("".join(pieces), tuple(inserted))


# "...continuing education (ICD-10) *Quality & Education:* * Full time ...": a dataset that
# flattened its lines keeps a heading set in *emphasis* inside the run. Read as a heading: at
# most six title-case words in one or two asterisks, ending with a colon or followed by a
# list bullet (an emphasised name inside a sentence, "apply at *Acme Health* today", is not).
_EMPHASISED_HEADING = re.compile(
    r"(?P<mark>\*\*?)(?=[A-Z])"  # opens with a literal: the engine skips to each "*" in C
    r"(?P<h>[A-Z][A-Za-z'&/-]*(?:[ \t]+(?:[A-Z&][A-Za-z'&/-]*|and|or|of|to|the|for|a|an|in|us)){0,5})"
    r"(?::(?P=mark)|(?P=mark)(?::|(?=[ \t]+[*•·▪-][ \t])))"
    r"(?P<after>[ \t]*)"
)


def _emphasised_heading_cuts(text: str) -> list[tuple[int, str]]:
    """Line breaks around each emphasised heading inside a line."""
    cuts: list[tuple[int, str]] = []
    for m in _EMPHASISED_HEADING.finditer(text):
        start = m.start()
        if start > 0 and text[start - 1] not in " \t\n":
            continue  # inside a word or after a third "*"
        if start > 0 and text[start - 1] != "\n":
            cuts.append((start, "\n"))
        if m.end() < len(text) and text[m.end()] != "\n":  # the line goes on after it
            cuts.append((m.start("after"), "\n"))
    return cuts


# "Certified Outpatient Coder(COC)": a name glued to its acronym in brackets (one token, so
# neither is found). Opens with a literal "(": the engine skips to each in C.
_GLUED_ACRONYM = re.compile(r"\((?=[A-Z]{2,}[A-Z0-9-]*[)®])")


def _glued_acronym_cuts(text: str) -> list[tuple[int, str]]:
    """A space before each bracketed acronym glued to the word before it."""
    return [
        (m.start(), " ")
        for m in _GLUED_ACRONYM.finditer(text)
        if m.start() > 0 and text[m.start() - 1].isalpha()
    ]


def _capital_runs(classes: bytes) -> list[tuple[int, int]]:
    """(start, end) of each run of capitals that is six long or more, or ends at a figure:
    where acronyms may have been glued ("NICE:RHITCDIPDETAILS:", "RHIT3-5 years"). Found
    with bytes.find on the classes (in C); a run is then walked in Python (few per text)."""
    runs: set[tuple[int, int]] = set()
    for probe in (b"AAAAAA", b"AA0", b"AA$"):
        at = classes.find(probe)
        while at >= 0:
            start, end = at, at + 2
            while start > 0 and classes[start - 1] == 65:  # "A"
                start -= 1
            while end < len(classes) and classes[end] == 65:
                end += 1
            runs.add((start, end))
            at = classes.find(probe, end)
    return sorted(runs)


def _acronym_run_cuts(
    text: str, classes: bytes, acronyms: frozenset[str], is_heading: Callable[[str], bool]
) -> list[tuple[int, str]]:
    """A line break between acronyms run together ("RHITCDIP"), and before a heading run
    onto the last one ("CDIPDETAILS"); a space between an acronym and a figure ("RHIT3")."""
    cuts: list[tuple[int, str]] = []
    for start, end in _capital_runs(classes):
        if start and classes[start - 1] == 97:
            continue  # inside a word
        if end < len(text) and classes[end] == 97:
            end -= 1  # its last capital opens a word ("RHITCDIPDetails")
            if end - start < 6:
                continue
        run = text[start:end]
        if run in acronyms:
            if end < len(text) and (text[end].isdigit() or text[end] == "$"):
                cuts.append((end, " "))
            continue
        parts = _split_acronyms(run, acronyms, is_heading)
        if parts:
            at = start
            for part in parts[:-1]:
                at += len(part)
                cuts.append((at, "\n"))
    return cuts


def _split_acronyms(
    run: str, acronyms: frozenset[str], is_heading: Callable[[str], bool], before: int = 0
) -> list[str] | None:
    """`run` as two or more known acronyms, the last of which may be a heading word, or any
    word after two acronyms ("RHIT", "CDIP", "DETAILS"); None when it cannot be read so
    ("COCONUT" is no COC). `before` counts the acronyms already read off."""
    if len(run) > 40:
        return None
    for cut in range(2, min(len(run) - 1, 7)):
        head, rest = run[:cut], run[cut:]
        if head not in acronyms:
            continue
        free = before + 1 >= 2 and len(rest) >= 4
        if rest in acronyms or (len(rest) >= 4 and is_heading(rest)) or free:
            return [head, rest]
        tail = _split_acronyms(rest, acronyms, is_heading, before + 1)
        if tail:
            return [head, *tail]
    return None


# An emoji or pictograph used as a bullet, glued to the text before it ("...education team📌
# What you bring✅ Active CRC"): the bullet starts a line. The variation selector some carry
# (U+FE0F) stays with its symbol.
_SYMBOL = re.compile(rf"[{SYMBOL_BULLETS}\ufe0f]")  # a class first: the engine scans in C
_NOT_BEFORE_SYMBOL = re.compile(rf"[\s{SYMBOL_BULLETS}\u200d\ufe0f]")


def _glued_symbol_cuts(text: str) -> list[tuple[int, str]]:
    return [
        (m.start(), "\n")
        for m in _SYMBOL.finditer(text)
        if m.start() > 0 and not _NOT_BEFORE_SYMBOL.match(text, m.start() - 1)
    ]


def kept_words(forms: Iterable[str]) -> frozenset[str]:
    """The lower-cased words of `forms` (names, company names): never cut inside."""
    return frozenset(w.lower() for form in forms for w in _WORD.findall(form or ""))
