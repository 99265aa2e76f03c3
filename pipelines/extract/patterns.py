"""SpanRuler patterns built from the taxonomy: acronyms and brands by exact case, phrases by lower case."""

from __future__ import annotations

import re

from .taxonomy import Taxonomy

SPANS_KEY = "mrt_terms"
CASED_RULER = "mrt_terms_cased"
LOWER_RULER = "mrt_terms_lower"
# A plural of a credential acronym ("RNs", "CPCs") names people; kept as its own label so
# the requirement reader can tell "our RNs" from "RN license".
PLURAL_SUFFIX = "_PLURAL"
# In an alias, " ... " stands for up to `GAP_WORDS` words: "input of ... data" matches
# "input of vital data" and "input of patient demographic data".
GAP = " ... "
GAP_WORDS = 2


def gap_pattern(alias: str) -> list[dict]:
    """The token pattern of an alias with gaps (its words are plain words, checked at load)."""
    tokens: list[dict] = []
    for i, part in enumerate(alias.lower().split(GAP)):
        if i:
            tokens += [{"IS_ALPHA": True, "OP": "?"}] * GAP_WORDS
        tokens += [{"LOWER": word} for word in part.split()]
    return tokens


def _label(kind: str) -> str:
    return kind.upper()


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
        pattern = gap_pattern(key[1]) if GAP in key[1] else key[1]
        target.append({"label": key[0], "pattern": pattern, "id": term_id})

    for term in taxonomy.terms():
        for acronym in term.acronyms:
            add(cased, term.kind, acronym, term.id)
            if re.search(r"[A-Za-z0-9]$", acronym):
                # "CCS-P." or "E&M." at a sentence end can keep its period in one token
                # (the tokenizer's abbreviation rule): match that form too.
                add(cased, term.kind, acronym + ".", term.id)
            if term.kind == "credential" and re.fullmatch(r"[A-Z][A-Z0-9-]*[A-Z0-9]", acronym):
                add(cased, term.kind, acronym + "s", term.id, _label(term.kind) + PLURAL_SUFFIX)
                add(cased, term.kind, acronym + "'s", term.id, _label(term.kind) + PLURAL_SUFFIX)
        for alias in term.aliases:
            add(lower, term.kind, alias, term.id)
            if term.kind == "credential" and not alias.endswith("s") and GAP not in alias:
                add(lower, term.kind, alias + "s", term.id, _label(term.kind) + PLURAL_SUFFIX)
    return cased, lower
