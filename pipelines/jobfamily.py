"""The medical-records job family: one definition for the crawler's relevance filter,
the extractor's ``relevant`` field and the report's ``--role`` breakdown.

A posting belongs to the family by its title; a vague title ("Specialist I",
"Associate") is decided by what the description says the job does. Look-alikes that
mention EHRs, HIPAA or CPT codes (nurses, medical assistants, billers who do not code,
health IT, software coders, legal records clerks) are excluded. The title forms live in
config/vocabulary.yaml (`job_family`); this module only applies them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipelines.vocabulary import ROLES, Vocabulary, load_vocabulary

__all__ = [
    "ROLES",
    "JobFamilyMatch",
    "classify",
    "expand_title",
    "is_relevant",
    "role_from_title",
    "ruled_out_by_title",
]


@dataclass(frozen=True)
class JobFamilyMatch:
    relevant: bool
    role: str | None  # one of ROLES when relevant
    reason: str
    # whether the verdict read the description (a vague title, a biller): a verdict made
    # on the title alone stands whatever the text says
    read_text: bool = False


@dataclass(frozen=True)
class _Rules:
    """The vocabulary's job-family classes, compiled once."""

    roles: tuple[tuple[str, re.Pattern[str]], ...]  # in role_order
    excluded: tuple[re.Pattern[str], ...]
    excluded_unless_role: tuple[re.Pattern[str], ...]
    excluded_unless_coding: tuple[re.Pattern[str], ...]
    software: tuple[re.Pattern[str], ...]
    other_coding: tuple[re.Pattern[str], ...]
    bare_coder: re.Pattern[str]
    medical_coding_text: re.Pattern[str]
    vague: re.Pattern[str]
    duty_cues: tuple[tuple[str, re.Pattern[str]], ...]
    no_coding: re.Pattern[str]
    abbreviations: re.Pattern[str]
    expansions: dict[str, str]
    title_codes: re.Pattern[str]

    @classmethod
    def from_vocabulary(cls, vocab: Vocabulary) -> _Rules:
        expansions = vocab.mapping("job_family.abbreviations")
        words = "|".join(re.escape(w) for w in sorted(expansions, key=len, reverse=True))
        return cls(
            roles=tuple(
                (role, vocab.pattern(f"job_family.roles.{role}"))
                for role in vocab.listing("job_family.role_order")
            ),
            excluded=vocab.patterns("job_family.excluded_titles"),
            excluded_unless_role=vocab.patterns("job_family.excluded_unless_role"),
            excluded_unless_coding=vocab.patterns("job_family.excluded_unless_coding"),
            software=vocab.patterns("job_family.software_titles"),
            other_coding=vocab.patterns("job_family.other_coding_titles"),
            bare_coder=vocab.pattern("job_family.bare_coder_titles"),
            medical_coding_text=vocab.pattern("job_family.medical_coding_text"),
            vague=vocab.pattern("job_family.vague_titles", prefix=""),
            duty_cues=tuple(
                (role, vocab.pattern(f"job_family.duty_cues.{role}")) for role in ROLES
            ),
            no_coding=vocab.pattern("job_family.no_coding"),
            # a short form is a whole word, with an optional full stop ("Med. Rec. Tech.")
            abbreviations=re.compile(rf"(?<![\w'-])({words})\.?(?![\w'-])"),
            expansions=expansions,
            title_codes=vocab.pattern("job_family.title_codes", prefix="", suffix=r"\s*$"),
        )


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """The rules of the vocabulary in force (a Vocabulary holds dicts: not a cache key)."""
    return _Rules.from_vocabulary(load_vocabulary())


def _normalise_title(title: str) -> str:
    title = title.lower().replace("&amp;", "&")
    title = re.sub(r"[\u2010-\u2015]", "-", title)
    return re.sub(r"\s+", " ", title).strip()


def expand_title(title: str) -> str:
    """The title lower-cased with its short forms written out and a trailing pay grade
    taken off ("Med Rec Tech (ROI), GS-0675-5" -> "medical records technician (roi)")."""
    rules = _rules()
    t = rules.title_codes.sub("", _normalise_title(title))
    return rules.abbreviations.sub(lambda m: rules.expansions[m.group(1)], t)


def role_from_title(title: str) -> str | None:
    """The family role a title names, or None. Order matters: a "CDI coder" is CDI."""
    return _title_role(expand_title(title))[0]


def _title_role(expanded: str) -> tuple[str | None, bool]:
    """The family role an expanded title names, and whether only a bare coder word names
    it ("Coder II", not "Medical Coder" nor "Medical Records Technician (Coder)"). Each
    role's forms are tried once, in `role_order`."""
    rules = _rules()
    named = {role for role, pattern in rules.roles if pattern.search(expanded)}
    bare = rules.bare_coder.search(expanded) is not None
    role = next(
        (r for r, _ in rules.roles if r in named or (r == "coding" and bare)),
        None,
    )
    return role, bare and not named


def _first_match(patterns: tuple[re.Pattern[str], ...], title: str) -> str | None:
    """The first of a class's patterns that the title matches (its text, for the reason)."""
    return next((p.pattern for p in patterns if p.search(title)), None)


def classify(title: str, description: str = "") -> JobFamilyMatch:
    """Decide whether a posting is a medical-records job and which role."""
    rules = _rules()
    t = expand_title(title or "")
    role, bare_coder = _title_role(t)
    text = (description or "").lower()
    software = _first_match(rules.software, t)
    if software:
        return JobFamilyMatch(False, None, f"software title ({software})")
    other = _first_match(rules.other_coding, t)
    if other:
        return JobFamilyMatch(False, None, f"coding that is not medical ({other})")
    excluded = _first_match(rules.excluded, t)
    if excluded and role not in ("cdi", "coding", "registry"):
        return JobFamilyMatch(False, None, f"title excluded by {excluded}")
    if role is None:
        weak = _first_match(rules.excluded_unless_role, t)
        if weak:
            return JobFamilyMatch(False, None, f"title excluded by {weak}")
        biller = _first_match(rules.excluded_unless_coding, t)
        if biller:
            if _codes(text, rules):
                return JobFamilyMatch(True, "coding", "billing title, coding duties in text", True)
            return JobFamilyMatch(False, None, f"title excluded by {biller}", True)
    if role == "coding" and rules.no_coding.search(text) and "coder" not in t:
        return JobFamilyMatch(False, None, "the posting says the role does not code")
    if role == "coding" and text.strip() and bare_coder:
        # a research study's or a survey's coder: the text names nothing medical
        if not rules.medical_coding_text.search(text):
            return JobFamilyMatch(False, None, "a coder title and no medical coding in text", True)
        return JobFamilyMatch(True, role, "coder title, medical coding in text", True)
    if role:
        return JobFamilyMatch(True, role, "title")
    vague = bool(rules.vague.match(t)) or not t
    if vague:
        for cue_role, pattern in rules.duty_cues:
            if pattern.search(text):
                return JobFamilyMatch(True, cue_role, "vague title, family duties in text", True)
    return JobFamilyMatch(False, None, "title not in the family", vague)


# "this role does not assign or change CPT codes": a cue the text turns down
_NEGATED = re.compile(r"\b(?:not|never|no|nor|without)\b[^.;\n]{0,30}$")


def _codes(text: str, rules: _Rules) -> bool:
    """True when the (lower-cased) text gives the job coding duties it does not deny."""
    if rules.no_coding.search(text):
        return False
    cues = dict(rules.duty_cues)["coding"]
    return any(
        not _NEGATED.search(text, max(0, m.start() - 40), m.start()) for m in cues.finditer(text)
    )


def is_relevant(title: str, description: str = "") -> bool:
    return classify(title, description).relevant


def ruled_out_by_title(title: str) -> bool:
    """True when the title alone keeps a posting out of the family, whatever its
    description says: ``classify`` rejects it without reading the text. A vague or empty
    title, or a biller's (coding duties in the text make it a coder), is decided by the
    description, so it is never ruled out here. A crawler uses this to skip the detail
    request of a posting the relevance filter would drop anyway.
    """
    verdict = classify(title)
    return not verdict.relevant and not verdict.read_text
