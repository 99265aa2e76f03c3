"""SpanRuler patterns built from the taxonomy: acronyms and brands by exact case, phrases by lower case."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.taxonomy import Taxonomy

CASED_RULER = "mrt_terms_cased"
LOWER_RULER = "mrt_terms_lower"
# A plural of a credential acronym ("RNs", "CPCs") names people; kept as its own label so
# the requirement reader can tell "our RNs" from "RN license".
PLURAL_SUFFIX = "_PLURAL"
# In an alias, " ... " stands for up to `GAP_WORDS` words: "input of ... data" matches
# "input of vital data" and "input of patient demographic data".
GAP = " ... "
GAP_WORDS = 2


@dataclass(frozen=True)
class GapPhrase:
    """An alias with gaps, found by a regex over the text (a token pattern with optional
    wildcards would make spaCy's Matcher walk every token of every posting)."""

    pattern: re.Pattern[str]
    label: str
    term_id: str
    first_word: str  # lower case: a text without it holds no match (a cheap test first)


def gap_regex(alias: str) -> re.Pattern[str]:
    """ "input of ... data" -> words in order, up to `GAP_WORDS` words where "..." stands."""
    parts = [r"\s+".join(map(re.escape, part.split())) for part in alias.lower().split(GAP)]
    gap = rf"(?:\s+[^\W\d_]+){{0,{GAP_WORDS}}}\s+"
    return re.compile(r"(?<![\w-])" + gap.join(parts) + r"(?![\w-])", re.IGNORECASE)


def gap_phrases(taxonomy: Taxonomy) -> tuple[GapPhrase, ...]:
    """The taxonomy's aliases with gaps, compiled once per taxonomy version."""
    found = _GAPS.get(taxonomy.version)
    if found is None:
        found = _GAPS[taxonomy.version] = tuple(
            GapPhrase(gap_regex(alias), _label(term.kind), term.id, alias.split()[0])
            for term in taxonomy.terms()
            for alias in term.aliases
            if GAP in alias
        )
    return found


_GAPS: dict[str, tuple[GapPhrase, ...]] = {}


def _label(kind: str) -> str:
    return kind.upper()


# An acronym whose letters a posting may space out: three to six capitals.
_SPACEABLE = re.compile(r"[A-Z]{3,6}")


def build_patterns(taxonomy: Taxonomy) -> tuple[list[dict], list[dict]]:
    """(case-sensitive patterns, lower-case patterns) for the two SpanRulers.

    Patterns are strings: the ruler tokenises them with ``nlp.make_doc``, so "ICD-10-CM"
    or "R.H.I.T." split exactly as they do in posting text.
    """
    cased: list[dict] = []
    lower: list[dict] = []
    seen: set[tuple[str, str, str]] = set()

    def add(
        target: list[dict], kind: str, text: str, term_id: str, label: str | None = None
    ) -> None:
        key = (label or _label(kind), text if target is cased else text.lower(), term_id)
        if key in seen or not text.strip():
            return
        seen.add(key)
        target.append({"label": key[0], "pattern": key[1], "id": term_id})

    for term in taxonomy.terms():
        needs_context = {form for form, _pattern, _scope in term.context}
        for acronym in term.acronyms:
            add(cased, term.kind, acronym, term.id)
            if _SPACEABLE.fullmatch(acronym) and acronym not in needs_context:
                # "C P T / H C P C S": text taken from a PDF or a typed form that spaces
                # out the letters (a form that needs context is left to its plain spelling)
                add(cased, term.kind, " ".join(acronym), term.id)
            if re.search(r"[A-Za-z0-9]$", acronym):
                # "CCS-P." or "E&M." at a sentence end can keep its period in one token
                # (the tokenizer's abbreviation rule): match that form too.
                add(cased, term.kind, acronym + ".", term.id)
            if term.kind == "credential" and re.fullmatch(r"[A-Z][A-Z0-9-]*[A-Z0-9]", acronym):
                add(cased, term.kind, acronym + "s", term.id, _label(term.kind) + PLURAL_SUFFIX)
                add(cased, term.kind, acronym + "'s", term.id, _label(term.kind) + PLURAL_SUFFIX)
        for alias in term.aliases:
            if GAP in alias:
                continue  # found by `gap_phrases`, not the ruler
            add(lower, term.kind, alias, term.id)
            if term.kind == "credential" and not alias.endswith("s"):
                add(lower, term.kind, alias + "s", term.id, _label(term.kind) + PLURAL_SUFFIX)
            if term.kind == "credential":
                for form in certificate_forms(alias):
                    add(lower, term.kind, form, term.id)
    return cased, lower


_CERTIFIED = "certified "
_CREDENTIAL_NOUNS = ("certificate", "certification", "credential")


def certificate_forms(alias: str) -> list[str]:
    """A credential's full name without "Certified", as application forms list them:
    "certified professional coder" -> "professional coder certificate" (and certification,
    credential); "certified professional coder - apprentice" -> "professional coder
    certificate - apprentice". Names of one word after "certified" are left out: "coder
    certification" names no credential."""
    if not alias.startswith(_CERTIFIED):
        return []
    rest = alias[len(_CERTIFIED) :]
    core, dash, suffix = rest.partition(" - ")
    if len(core.split()) < 2:
        return []
    return [f"{core} {noun}{dash}{suffix}" for noun in _CREDENTIAL_NOUNS]
