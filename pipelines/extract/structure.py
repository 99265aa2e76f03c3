"""The layout of a posting's plain text: lines, clauses and the section each offset falls in.

Everything here is regex over the text (no per-token Python work), so it costs little next
to tokenisation. Section kinds:

- ``required``: Requirements / Qualifications / Minimum / Must have / What you bring...
- ``preferred``: Preferred / Desired / Nice to have / Bonus / Extra credit / Pluses...
- ``duties``: Responsibilities / Duties / Essential functions / Summary / The role...
- ``boilerplate``: About us / Who we are / Why join / Benefits / Perks / What we offer / EEO
- ``pay``: Compensation / Pay / Salary (pay is read here; terms here are not requirements)
- ``preamble``: text before the first heading (company description is judged per sentence)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from pipelines.vocabulary import load_vocabulary

from .literals import folds_plainly
from .text import LINE_BULLETS, SYMBOL_BULLETS

# Heading vocabulary, checked in this order (a "Preferred Qualifications" heading is
# preferred, "About you" is a requirement, "About Acme" is boilerplate).
_VOCAB = load_vocabulary()
_HEADING_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, _VOCAB.pattern(f"headings.{kind}", prefix=prefix, suffix=suffix))
    for kind, prefix, suffix in (
        ("preferred", r"\b", r"\b"),
        ("required", r"\b", r"\b"),
        ("pay", r"\b", r"\b"),
        ("boilerplate", "^", ""),  # "About Acme" opens a heading; "... about you" does not
        ("duties", r"\b", r"\b"),
    )
)
_OWN_TEAM = _VOCAB.pattern("headings.own_team", suffix=r"s?\W*$")


@lru_cache(maxsize=4096)
def names_own_team(heading: str) -> bool:
    """Whether a heading names the job's own team or department (headings.own_team)."""
    return bool(heading) and _OWN_TEAM.search(heading) is not None


# Bullets, numbering, and the emoji / arrows / stars boards use as bullets.
_SYMBOLS = SYMBOL_BULLETS
_BULLET = rf"[{LINE_BULLETS}>{_SYMBOLS}]+\ufe0f?|\d{{1,2}}[.)]|[a-zA-Z][.)](?=\s)"
_LINE_RE = re.compile(r"[^\n]*")
# A line that is only a heading: short, no sentence punctuation inside, optional colon;
# it may stand in brackets ("(Optional)", "(Required)").
_HEADING_LINE = re.compile(
    rf"^[ \t]*(?:(?:{_BULLET})[ \t]+)?#*[ \t]*(?P<paren>\()?(?P<em>[*_]{{1,2}}(?=[A-Za-z]))?"
    rf"(?P<h>[A-Za-z][^\n.!?]{{0,58}}?)[ \t]*(?(paren)\))[ \t]*:?(?(em)[*_]{{1,2}}:?)[ \t]*$"
)
# "Keyword: text" at the start of a line, a sentence or a bullet.
_INLINE_HEADING = re.compile(
    rf"(?:^|(?<=[.!?;|])[ \t]+|(?<=\n)|(?<=[•·▪●{_SYMBOLS}])[ \t]*|[ \t]+(?=[A-Z]{{3,}}[A-Z ]*:))"
    rf"(?:(?:{_BULLET})[ \t]+)?(?P<h>[A-Za-z][A-Za-z'&/ ,-]{{1,48}}?|[A-Z][A-Z'&/ ,-]{{1,40}}[A-Z])"
    r"[ \t]*(?::|(?<=[A-Z])\?)(?=[ \t]|$)",
    re.MULTILINE,
)
# "Requirements – CPC or CPC-A; ...": a known heading opening a line, then a dash.
_DASH_HEADING = re.compile(r"^[ \t]*(?P<h>[A-Za-z][A-Za-z'&/ ]{1,40}?)[ \t]+[–—-][ \t]+(?=\S)")
# "Experience - 2 years", "Education – Associate degree": an item's label, not a section.
_ITEM_LABEL = re.compile(
    r"(?i)^(?:experience|education|edu|ed|skills?|knowledge|certifications?|credentials?|"
    r"licen[cs]e|licensure|training|systems?|software)$"
)
_NUMBERED_TITLE = re.compile(
    r"^[ \t]*\d{1,2}[.)][ \t]+[A-Z][a-z]+(?:[ \t]+(?:[A-Z][a-z]+|of|and|&|to|the)){0,3}[ \t]*$"
)
_BULLETED = re.compile(rf"^[ \t]*(?:{_BULLET})[ \t]+")
# The letter or number that opens an item of a lettered or numbered list: "(a)", "b.", "1)".
ENUMERATOR = r"\(?[a-zA-Z1-9][.)]"
# The last option of a choice that turns every option down: "C. I do not possess a
# certification listed above", "E. None of the above.", "E. I do not have the experience
# required for the GS-9 grade level", "D. No, I do not meet this requirement.", "My
# experience is not reflected in any of the above statements.", "F. I do not have any of
# these.", "C. I do not have the experience or education for the GS-5"
_NONE_OF_THE_ABOVE = re.compile(
    rf"^[ \t]*(?:{ENUMERATOR}[ \t]+)?(?:no,?[ \t]+)?(?:none of the (?:above|options)|"
    r"i do not (?:possess|have|hold|meet|qualify)\b[^\n]*\b(?:above|listed|required|"
    r"requirements?|criteria|qualifications?|these|experience|education|certifications?)|"
    # "My experience and/or education is not reflected in any of the above statements.",
    # "My experience and/or education are not reflected."
    r"[^\n]*\bnot\b[^\n]*\bany of the above\b|[^\n]*\b(?:is|are) not reflected\b)",
    re.IGNORECASE | re.MULTILINE,
)
_NONE_WORDS = (
    "none of the", "do not possess", "do not have", "do not hold", "do not meet", "do not qualify",
    "any of the above", "not reflected",
)  # fmt: skip
# An option of the choice: lettered ("B. I possess ..."), or a statement in the applicant's
# voice on a line of its own, as questionnaires also set them ("I have a current ...")
_OPTION_LINE = re.compile(rf"[ \t]*(?:{ENUMERATOR}[ \t]+\S|I(?:'m|’m)?[ \t])")
_LETTERED_OPTION = re.compile(r"[ \t]*\(?[a-zA-Z][.)][ \t]")
_NUMBERED = re.compile(r"[ \t]*\(?\d")  # "2. ...": a question's number, or an option's
# Words of the question a choice's options stand under ("select the response that best
# describes ...", "Please choose ONE statement below")
_QUESTION_WORDS = re.compile(r"\b(?:select|choose|describes?|indicate)\b", re.IGNORECASE)
_MAX_OPTIONS = 12  # a choice's options, at most; a page flattened without blank lines stops there
# A list item proper (an emoji before a short line is decoration, the line can be a heading).
_LIST_ITEM = re.compile(rf"^[ \t]*(?:[{LINE_BULLETS}>]|\d{{1,2}}[.)]|[a-zA-Z][.)](?=\s))[ \t]+")
# A known heading word run into a paragraph without punctuation before it ("... quality
# standards Requirements: Req'd: HS dip"): capitalised, followed by a colon.
_RUN_IN_HEADING = re.compile(
    r"(?:^|(?<=[\s:]))(?P<h>(?:[A-Z][a-z][A-Za-z'/&]*\s){0,2}[A-Z][A-Za-z'/&]*"
    r"|(?:[A-Z]{2,}[A-Z'/&]*\s){0,2}[A-Z]{2,}[A-Z'/&]*)(?=:\s)"
)
# A heading phrase in sentence case run into a paragraph before a colon ("... Work Location:
# Remote About us: founded in 2008", "... Who we are: an independent group"): its tail must
# open with a capital and read as a heading, since an item can end in such words.
# (It opens with the capital and looks back for the space before it, so the engine skips to
# each capital in C.)
_PHRASE_BEFORE_COLON = re.compile(
    r"(?P<h>[A-Z](?<![^\s][A-Z])(?:[a-z][A-Za-z'/&]*\s[A-Z]){0,2}[a-z]+(?:\s(?:[a-z'&]+|I)){1,3})"
    r"(?=:\s)"
)
_MID_BULLET_HEADING = re.compile(r"(?<=[a-z] )(?P<h>[A-Z][a-z]+(?:'d)?)(?=:\s)")
# An ALL-CAPS heading run into the text and followed by a separator: "... check DESIRED QUALS - ".
_CAPS_BEFORE_SEPARATOR = re.compile(
    r"(?<=\s)(?P<h>(?:[A-Z]{2,}[A-Z'/&]*\s){0,2}[A-Z]{2,}[A-Z'/&]*)(?=\s[-•·|*–]\s)"
)
# An ALL-CAPS heading run into the text before a capitalised word, where a flattened page
# lost the line breaks around it: "... Performs other duties. EDUCATION High school diploma
# or equivalent EXPERIENCE One year experience".
_CAPS_BEFORE_WORD = re.compile(
    # opens with a capital, then looks back for the space before it: the engine skips to each
    # capital in C instead of trying the lookbehind at every position
    r"(?P<h>[A-Z](?<=\s[A-Z])[A-Z]+[A-Z'/&]*(?:\s[A-Z]{2,}[A-Z'/&]*){0,2})(?=\s[A-Z][a-z])"
)
# A heading after the last word of an item, before a bullet: "... from providers
# Requirements - CPC or CPC-A", "... associate degree preferred Nice to have - CRC" (lines
# joined with spaces); the heading is the longest tail of the phrase that reads as one.
_WORD_BEFORE_SEPARATOR = re.compile(
    r"(?<=[a-z,;)] )(?P<h>[A-Z][A-Za-z']*(?: [A-Za-z'&/]+){0,5})(?=:?\s(?:[-•·*–]|\d{1,2}\))\s)"
)
# A heading between emoji bullets: "⭐ Bonus points ⭐ CDEO or CPMA", "💼 What you bring ✔️ ...".
# (It opens with the line start or the bullet, so the engine skips to each bullet in C.)
_SYMBOL_HEADING = re.compile(
    rf"(?:^|[{SYMBOL_BULLETS}]\ufe0f?[ \t])"
    rf"(?P<h>[A-Z][A-Za-z'&/ ]{{1,40}}?)(?=[ \t]*:?[ \t]+[{SYMBOL_BULLETS}])"
)
_HAS_SEPARATOR = re.compile(r"\s(?:[-•·*–|]|\d{1,2}\))\s")  # a bullet run into the line
_CAPS_RUN = re.compile(r"[A-Z]{4}")  # cheap first look: most lines have no such word
# A heading between dash/bullet separators in a flattened posting ("... team - Requirements - CCS").
# A sentence end before it does as well as a separator, where a page's lines were joined with
# spaces: "... a related field. Nice to have - RHIT - Epic", "... breach. Nice to have • RHIT".
_SEPARATED_HEADING = re.compile(
    r"(?:^|(?<=\s[-•·|*–]\s)|(?<=[.!?]\s))(?P<h>[A-Z][A-Za-z'&/ ]{1,40}?)(?=\s[-•·|*–]\s|\s*$)"
)

# Where one clause ends: sentence ends, semicolons, bullets collapsed into one line.
_CLAUSE_BREAK = re.compile(
    # ". Next sentence", and ". (b) next item" of a lettered list run into a paragraph
    r"(?P<p>[.!?][\"')\]]*)[ \t]+(?=[\"'(\[]?[A-Z0-9•]|\(?[a-z][.)][ \t])"
    r"|;[ \t]*"
    r"|\n"
    # " • item" collapsed into a line, and " | " between table cells
    r"|[ \t]+(?:(?:[•·▪●◦‣]|\*(?=\s)|-(?=\s)|\d{1,2}\)(?=\s))[ \t]*|\|[ \t]+)"
    # an emoji bullet ("... coding 🔹 Strong terminology 👉 Bonus points ⭐ CPMA")
    rf"|[ \t]+[{SYMBOL_BULLETS}]\ufe0f?[ \t]*"
)
# Where a clause break can begin: at "; \n", at ". ! ?" before spaces, or at the last space
# before a bullet, a star or dash before a space, "1)" or a table bar (the run of spaces is
# walked back over). Each branch is what `_CLAUSE_BREAK` needs there, so the figures
# ("$18.50", "3 years") that a bare character class stopped at are passed over in C; and
# each opens with a character class (not a lookbehind), so the engine skips at once the
# positions where no branch can start.
_BREAK_SPOT = re.compile(
    r"[;\n]"
    r"|[.!?](?=[\"')\]]*[ \t])"
    rf"|[ \t](?=[•·▪●◦‣{SYMBOL_BULLETS}]|[*-]\s|\d{{1,2}}\)\s|\|[ \t])"
)


def _clause_breaks(text: str) -> Iterator[re.Match[str]]:
    """What `_CLAUSE_BREAK.finditer(text)` finds, trying the pattern only where a break can
    begin: a character class scans in C, the alternation at every position did not.

    Every match ends at the end of a run of spaces (or after a newline), so the spaces
    before a bullet are never split between two matches."""
    end = 0
    for spot in _BREAK_SPOT.finditer(text):
        at = spot.start()
        if text[at] in " \t":  # the space before a bullet: the break begins with the run
            while at > 0 and text[at - 1] in " \t":
                at -= 1
        if at < end:
            continue
        m = _CLAUSE_BREAK.match(text, at)
        if m is not None:
            end = m.end()
            yield m


_ABBREVIATION_END = re.compile(
    # "A." is an initial, but not the "-A" of a credential ("CPC-A. Ideally ...").
    r"(?:(?<![\w-])[A-Z]\.|\b(?:e\.g|i\.e|etc|vs|approx|incl|min|max|yrs?|mos?|Dr|Mr|Ms|Mrs|St|No|"
    r"a\.m|p\.m|U\.S|Jr|Sr|Inc|Co|Corp|Ltd)\.)$"
)


@dataclass(frozen=True)
class Section:
    start: int
    end: int
    kind: str  # required | preferred | duties | boilerplate | pay | neutral | preamble
    heading: str
    line_only: bool = False  # an inline heading on a bullet: scope is that line


@lru_cache(maxsize=4096)
def heading_kind(heading: str) -> str | None:
    """The section kind a heading names, or None for text that is not a known heading."""
    words = heading.replace("’", "'").strip().strip(":*#?").strip()
    if not words or len(words.split()) > 8:
        return None
    for kind, pattern in _HEADING_KINDS:
        if pattern.search(words):
            return kind
    return None


_VERBISH = re.compile(r"\b(?:is|are|was|will|can|may|this|that|we|it)\b", re.IGNORECASE)
_LEAD_WORDS = frozenset(
    [
        "the",
        "our",
        "a",
        "an",
        "what",
        "who",
        "why",
        "your",
        "key",
        "minimum",
        "job",
        "position",
        "additional",
        "basic",
        "required",
        "essential",
        "general",
        "other",
        "special",
        "desired",
        "preferred",
    ]
)
_INNER_WORDS = re.compile(r"\b(?:with|using|in|within|for|from|at|by|of)\b", re.IGNORECASE)
_OPENING_PHRASE = re.compile(
    r"^(?:what|who|why|about|nice|good|a typical|your day)\b", re.IGNORECASE
)


@lru_cache(maxsize=4096)
def _looks_like_heading(line: str, heading: str, kind: str) -> bool:
    """Short, title- or upper-case, no sentence inside: how scraped headings look.

    A requirement item written as a bare line ("Epic experience preferred", "Experience
    with Epic") must not become a heading: sentence-case lines qualify only when the
    heading word opens the line and no acronym, figure or preposition follows.
    """
    words = heading.split()
    if not 1 <= len(words) <= 7:
        return False
    if line.rstrip().endswith(":") or heading.isupper():
        return True
    small = {"and", "or", "&", "of", "to", "the", "a", "an", "for", "in", "we", "you", "us"}
    capitals = sum(1 for w in words if w[:1].isupper() or w.lower() in small or not w[:1].isalpha())
    acronym = any(sum(c.isupper() for c in w) >= 2 for w in words)
    if capitals == len(words) and not acronym:
        return True
    if acronym or any(c.isdigit() for c in heading):
        return False
    if _OPENING_PHRASE.match(heading):
        return True
    if _INNER_WORDS.search(heading):
        return False
    pattern = dict(_HEADING_KINDS)[kind]
    m = pattern.search(heading)
    if m is None:
        return False
    before = heading[: m.start()].lower().split()
    return all(w in _LEAD_WORDS for w in before)


def _has_dash(line: str) -> bool:
    """Whether `line` holds a dash, which _DASH_HEADING needs: most lines do not."""
    return "-" in line or "–" in line or "—" in line


def _split_lines(text: str) -> list[tuple[int, int]]:
    lines, start = [], 0
    for line in text.split("\n"):
        lines.append((start, start + len(line)))
        start += len(line) + 1
    return lines


def _open_kind(found: list[Section]) -> str:
    """The kind of the section still open at the end of `found` (line-scoped ones aside)."""
    for section in reversed(found):
        if not section.line_only:
            return section.kind
    return "preamble"


# may_hold's marker for words not yet looked for in this text (None means: none there)
_UNSEEN = re.compile(r"(?!)")


@lru_cache(maxsize=1024)
def _any_of(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """A pattern that finds any of `words` as they are (None for no words): few sets of
    words occur, so each is compiled once."""
    return re.compile("|".join(map(re.escape, words))) if words else None


def _tail_heading(
    m: re.Match[str], line_start: int, end: int, strict: bool = False
) -> list[Section]:
    """The section of the longest tail of the words of m's "h" group that is a known heading
    (none when no tail is one). `strict`: the tail must also open with a capital and look
    like a heading, where the phrase may be the end of an item ("... preferred Nice to have")."""
    heading, start = m.group("h"), m.start("h")
    while heading:
        kind = heading_kind(heading)
        if kind and (
            not strict or heading[0].isupper() and _looks_like_heading(heading, heading, kind)
        ):
            return [Section(line_start + start, end, kind, heading)]
        first, _, heading = heading.partition(" ")
        start += len(first) + 1
    return []


def _phrase_heading(
    m: re.Match[str], line_start: int, end: int, *, verbs_refused: bool
) -> list[Section]:
    """The section of m's "h" group when the whole phrase, four words at most, is a known
    heading that looks like one; `verbs_refused`: a phrase with "is", "we"... is none."""
    heading = m.group("h").strip()
    kind = heading_kind(heading)
    if not kind or len(heading.split()) > 4 or (verbs_refused and _VERBISH.search(heading)):
        return []
    if not _looks_like_heading(heading, heading, kind):
        return []
    return [Section(line_start + m.start("h"), end, kind, heading)]


class Layout:
    """Lines, clauses and sections of one text, with offset lookups."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cache: dict = {}  # per-text results of readers (e.g. a clause's level text)
        self._present: dict[tuple[str, ...], re.Pattern[str] | None] = {}  # see may_hold
        self.lines = _split_lines(text)
        self._line_starts = [s for s, _ in self.lines]
        self.sections = self._find_sections()
        self.clauses = self._split_clauses()
        self._clause_starts = [s for s, _ in self.clauses]
        self._section_starts = [s.start for s in self.sections]
        self.line_scoped = [s for s in self.sections if s.line_only]
        self.sentences = self._split_sentences()
        self._sentence_starts = [s for s, _ in self.sentences]

    @cached_property
    def lowered(self) -> str:
        """The text in lower case, for cheap `in` tests before a regex scan (not offsets)."""
        return self.text.lower()

    @cached_property
    def folds_plainly(self) -> bool:
        """Whether `lowered` stands for the text in case-insensitive matching, offsets and all."""
        return folds_plainly(self.text)

    def may_hold(
        self, words: tuple[str, ...] | None, start: int = 0, end: int | None = None
    ) -> bool:
        """False only when text[start:end] holds none of `words` (a `literals.prefilter`), so
        the pattern the words come from cannot match there and need not be run.

        The words the whole text holds are found once (usually none): a clause is then
        tested for those only."""
        if words is None or not self.folds_plainly:
            return True
        present = self._present.get(words, _UNSEEN)
        if present is _UNSEEN:
            lowered = self.lowered
            present = self._present[words] = _any_of(tuple(w for w in words if w in lowered))
        if present is None:
            return False
        if start == 0 and end is None:
            return True
        # one scan of the part in C, without copying it out
        return (
            present.search(self.lowered, start, len(self.text) if end is None else end) is not None
        )

    # ---- lookups -------------------------------------------------------------------
    def line_of(self, offset: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self._line_starts, offset) - 1)
        return self.lines[i]

    def previous_nonblank_line(self, offset: int) -> tuple[int, int]:
        """The last line before `offset` (a line start) that holds more than spaces, or
        (0, 0) when there is none."""
        pos = offset - 1
        while pos > 0:
            s, e = self.line_of(pos)
            if self.text[s:e].strip():
                return s, e
            pos = s - 1
        return 0, 0

    def next_nonblank_line(self, offset: int) -> tuple[int, int]:
        """The first line from `offset` (a line start) on that holds more than spaces, or
        (len, len) when there is none."""
        pos, size = offset, len(self.text)
        while pos < size:
            s, e = self.line_of(pos)
            if self.text[s:e].strip():
                return s, e
            pos = e + 1
        return size, size

    @cached_property
    def choices(self) -> list[list[tuple[int, int]]]:
        """The options of each choice that ends with "none of the above" (a questionnaire's
        "A. I have one year of experience ...", "B. I have an associate degree ...", "C. I
        do not meet any of the above"), each option a line, the refusing one left out.
        The options are alternatives: the applicant needs one of them."""
        if not self.may_hold(_NONE_WORDS):
            return []  # most postings
        found: list[list[tuple[int, int]]] = []
        text = self.text
        for m in _NONE_OF_THE_ABOVE.finditer(text):
            options: list[tuple[int, int]] = []
            first = self.line_of(m.start())[0]
            # Back over the options right above it: lettered or in the applicant's voice, or
            # plain lines ("One year of creditable experience ...", "An associate's degree
            # ...", "None of the above.") up to the blank line, the question ("...?", "Select
            # the option that best describes your experience.") or the choice before.
            while first > 0 and len(options) < _MAX_OPTIONS:
                s, e = self.line_of(first - 1)
                line = text[s:e].rstrip()
                option = _LETTERED_OPTION.match(line) or (
                    _OPTION_LINE.match(line) and not _NUMBERED.match(line)
                )
                if (
                    not line
                    or _NONE_OF_THE_ABOVE.match(text, s, e)
                    # the question: "1. Select the one statement ...", "... experience?"
                    or (not option and (line.endswith("?") or _QUESTION_WORDS.search(line)))
                ):
                    break
                options.append((s, e))
                first = s
            if options:
                found.append(options[::-1])
        return found

    def clause_of(self, offset: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self._clause_starts, offset) - 1)
        if not self.clauses:
            return (0, len(self.text))
        return self.clauses[i]

    @property
    def clause_starts(self) -> list[int]:
        """Where each clause begins, in order (do not change the list)."""
        return self._clause_starts

    def clause_index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._clause_starts, offset) - 1)

    def sentence_of(self, offset: int) -> tuple[int, int]:
        """The sentence around `offset` (within its line; semicolons and bullets do not end it)."""
        i = max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)
        return self.sentences[i]

    def _split_sentences(self) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        text = self.text
        # One scan of the whole text finds what a scan per line would: the look-ahead of
        # _SENTENCE_END cannot cross a newline (and needs more than a two-character line).
        ends = [m.start() for m in _SENTENCE_END.finditer(text)]
        k = 0
        for line_start, line_end in self.lines:
            start = line_start
            while k < len(ends) and ends[k] < line_end:
                at = ends[k]
                k += 1
                if _ABBREVIATION_END.search(text[max(start, at - 12) : at + 1]):
                    continue
                out.append((start, at + 1))
                start = at + 1
            out.append((start, line_end))
        return out or [(0, 0)]

    def section_of(self, offset: int) -> Section:
        for s in self.line_scoped:
            if s.start <= offset < s.end:
                return s
        i = bisect.bisect_right(self._section_starts, offset) - 1
        while i >= 0 and self.sections[i].line_only:
            i -= 1
        return self.sections[i] if i >= 0 else self.sections[0]

    # ---- construction --------------------------------------------------------------
    def _split_clauses(self) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        start = 0
        text = self.text
        for m in _clause_breaks(text):
            cut = m.start()
            if m.group("p"):
                cut = m.end("p")
                if _ABBREVIATION_END.search(text, max(start, cut - 12), cut):
                    continue
            if cut > start:
                out.append((start, cut))
            start = m.end()
        if start < len(text) or not out:
            out.append((start, len(text)))
        # An inline heading ("... terminology PREFERRED QUALIFICATIONS: ...") ends a clause.
        cuts = sorted({s.start for s in self.sections if s.start > 0})
        if not cuts:
            return out
        split: list[tuple[int, int]] = []
        for a, b in out:
            for k in range(bisect.bisect_right(cuts, a), bisect.bisect_left(cuts, b)):
                cut = cuts[k]  # a < cut < b
                if self.text[a:cut].strip():
                    split.append((a, cut))
                a = cut
            split.append((a, b))
        return split

    def _unknown_heading(self, line_start: int, line: str, heading: str) -> bool:
        """A stand-alone Title Case or ALL CAPS line after a blank line ("Your Work"): a heading
        we do not know. It ends the section before it (so "About us" stops there)."""
        words = heading.split()
        if not 1 <= len(words) <= 5 or _BULLETED.match(line) or any(c.isdigit() for c in heading):
            return False
        before = self.text[max(0, line_start - 2) : line_start]
        if line_start and before != "\n\n":
            return False
        small = {"and", "or", "&", "of", "to", "the", "a", "an", "for", "in", "at", "with", "our"}
        titled = all(w[:1].isupper() or w.lower() in small for w in words)
        return (titled and not heading.endswith((".", ","))) or heading.isupper()

    def _mid_bullet_headings(self, line_start: int, line: str, found: list[Section]) -> None:
        """Collapsed bullets carry the next heading at their end: "• anatomy course Duties:
        code visits". Only a one-word heading after a lower-case word, inside a list item."""
        if ":" not in line or not _LIST_ITEM.match(line):
            return
        for m in _MID_BULLET_HEADING.finditer(line):
            kind = heading_kind(m.group("h"))
            # a level word there ("Epic Required:") labels the item, it opens nothing
            if kind in ("duties", "boilerplate", "pay"):
                found.append(
                    Section(line_start + m.start("h"), line_start + len(line), kind, m.group("h"))
                )

    def _symbol_headings(self, line_start: int, line: str, found: list[Section]) -> None:
        """Headings between emoji bullets, where a post puts a list on one line."""
        end = line_start + len(line)
        for m in _SYMBOL_HEADING.finditer(line):
            found.extend(_phrase_heading(m, line_start, end, verbs_refused=False))

    def _caps_headings(self, line_start: int, line: str, found: list[Section]) -> None:
        """ALL-CAPS headings inside a flattened paragraph, before a capitalised word."""
        for m in _CAPS_BEFORE_WORD.finditer(line):
            heading = m.group("h")
            last = heading.split()[-1]
            if len(last) < 4:
                continue  # "MUST HAVE CCS Certified": an acronym, not a heading word, ends it
            kind = heading_kind(heading)
            # the heading word closes the phrase ("JOB SUMMARY", not "THIS POSITION REQUIRES")
            if kind and heading_kind(last) == kind:
                found.append(
                    Section(line_start + m.start("h"), line_start + len(line), kind, heading)
                )

    def _run_in_headings(self, line_start: int, line: str, found: list[Section]) -> None:
        """Headings inside a flattened paragraph: "standards Requirements: ...", "- Pay - ..."."""
        if len(line) < 100:
            self._mid_bullet_headings(line_start, line, found)
            return
        end = line_start + len(line)
        # every run-in heading ends at a colon (one long line in nine has one);
        # "Epic Benefits:" - the heading is the longest tail of the words that is one
        for m in _RUN_IN_HEADING.finditer(line) if ":" in line else ():
            found.extend(_tail_heading(m, line_start, end))
        for m in _PHRASE_BEFORE_COLON.finditer(line) if ":" in line else ():
            found.extend(_tail_heading(m, line_start, end, strict=True))
        if not _HAS_SEPARATOR.search(line):
            return
        # "MIN. QUALS - ..." is "QUALS"; "Epic Minimum Qualifications - ..." is "Minimum
        # Qualifications"
        for m in _CAPS_BEFORE_SEPARATOR.finditer(line):
            found.extend(_tail_heading(m, line_start, end))
        starts: set[int] | None = None
        for m in _WORD_BEFORE_SEPARATOR.finditer(line):
            if starts is None:
                starts = {s.start for s in found}
            previous = line.rfind(" ", 0, m.start() - 1) + 1
            if line_start + previous in starts:
                continue  # the tail of a heading found already ("Preferred Qualifications:")
            found.extend(_tail_heading(m, line_start, end, strict=True))
        for m in _SEPARATED_HEADING.finditer(line):
            found.extend(_phrase_heading(m, line_start, end, verbs_refused=True))

    def _find_sections(self) -> list[Section]:
        found: list[Section] = [Section(0, len(self.text), "preamble", "")]
        text = self.text
        for line_start, line_end in self.lines:
            line = text[line_start:line_end]
            if not line.strip():
                continue
            bulleted = _LIST_ITEM.match(line) is not None
            # "1. Basic Requirements": a numbered part of a form, titled like a heading
            numbered_title = bulleted and _NUMBERED_TITLE.match(line) is not None
            dash = _DASH_HEADING.match(line) if _has_dash(line) else None
            labelled_item = dash is not None and _ITEM_LABEL.match(dash.group("h").strip())
            m = (
                _HEADING_LINE.match(line)
                if len(line) <= 72
                and (not bulleted or numbered_title or line.rstrip().endswith(":"))
                and not labelled_item
                else None
            )
            if m and (not bulleted or numbered_title) or (m and line.rstrip().endswith(":")):
                heading = m.group("h")
                kind = heading_kind(heading)
                label, colon, value = heading.partition(":")
                if kind == "pay" and colon and value.strip() and heading_kind(label) == "pay":
                    # "Salary: $34,584 - 54,625 per year": a pay label with its value is one
                    # line of facts, not a section over the job summary that follows it; it
                    # still ends the section before it, as any heading line does
                    found.append(Section(line_start, line_end, kind, label.strip(), line_only=True))
                    found.append(Section(line_end, line_end, "neutral", ""))
                    continue
                # a line that is only an *emphasised* phrase is set as a heading, as a colon sets it
                as_set = f"{heading}:" if m.group("em") else line
                if kind and _looks_like_heading(as_set, heading, kind):
                    found.append(Section(line_start, line_end, kind, heading.strip()))
                    continue
                if (
                    kind is None
                    and _open_kind(found) in ("boilerplate", "pay", "preamble")
                    and self._unknown_heading(line_start, line, heading)
                ):
                    found.append(Section(line_start, line_end, "neutral", heading.strip()))
                    continue
            if dash and not labelled_item:
                heading = dash.group("h").strip()
                kind = heading_kind(heading)
                if (
                    kind
                    and len(heading.split()) <= 4
                    and not _ITEM_LABEL.match(heading)
                    and _looks_like_heading(heading, heading, kind)
                ):
                    # "A plus – pediatric coding; COC.": the heading covers its own line; on a
                    # page run into one line it opens a section that the next heading ends
                    start = line_start + dash.start("h")
                    if len(line) < 100 or not _HAS_SEPARATOR.search(line, dash.end()):
                        found.append(Section(start, line_end, kind, heading, line_only=True))
                        continue
                    found.append(Section(start, line_end, kind, heading))
            if len(line) >= 100 and _CAPS_RUN.search(line):
                self._caps_headings(line_start, line, found)
            if not line.isascii():
                self._symbol_headings(line_start, line, found)
            if ":" not in line and "?" not in line:
                if len(line) >= 100:  # a heading run in before a bullet, on a long line
                    self._run_in_headings(line_start, line, found)
                continue
            for im in _INLINE_HEADING.finditer(line):
                heading = im.group("h").strip()
                kind = heading_kind(heading)
                if kind and not _looks_like_heading(heading, heading, kind):
                    # "• NCCI edits Pref'd: COC": the heading is the tail that reads as one,
                    # after an item's last (lower-case) word; "CPC Required:" labels its item
                    words = heading.split()
                    for k in range(len(words) - 1, len(words)):
                        tail = " ".join(words[k:])
                        tail_kind = heading_kind(tail)
                        if (
                            tail_kind
                            and words[k - 1][:1].islower()
                            and _looks_like_heading(tail, tail, tail_kind)
                        ):
                            offset = line.index(tail, im.start("h"))
                            found.append(Section(line_start + offset, line_end, tail_kind, tail))
                            kind = None
                            break
                if not kind or len(heading.split()) > 4 or _VERBISH.search(heading):
                    continue
                # lower case only where a heading can open: the line or a new sentence
                # ("... hybrid. requirements: ...", as an all-lower-case post writes it)
                opens = im.start() == 0 or line[im.start() - 1] in ".!?"
                if not (heading[:1].isupper() or heading.islower() and opens):
                    continue
                start = line_start + im.start("h")
                bulleted = bool(_BULLETED.match(line)) and im.start() == 0
                if bulleted:
                    found.append(Section(start, line_end, kind, heading, line_only=True))
                    continue
                found.append(Section(start, line_end, kind, heading))
            self._run_in_headings(line_start, line, found)
        found.sort(key=lambda s: s.start)
        unique: dict[tuple[int, bool], Section] = {}
        for section in found[1:] if found and found[0].kind == "preamble" else found:
            unique.setdefault((section.start, section.line_only), section)
        found = (
            [found[0], *unique.values()]
            if found and found[0].kind == "preamble"
            else list(unique.values())
        )
        # Close each (non line-scoped) section where the next one starts.
        ordered = [s for s in found if not s.line_only]
        closed: list[Section] = []
        for i, s in enumerate(ordered):
            end = ordered[i + 1].start if i + 1 < len(ordered) else len(text)
            closed.append(Section(s.start, end, s.kind, s.heading))
        closed.extend(s for s in found if s.line_only)
        closed.sort(key=lambda s: (s.start, s.line_only))
        return closed


_SENTENCE_END = re.compile(r"[.!?](?=[\"')\]]*[ \t]+[\"'(\[]?[A-Z0-9])")
